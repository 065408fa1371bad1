#include "linkage/nicknames.h"

#include <algorithm>

#include "linkage/normalise.h"

namespace jigsaw::linkage {
namespace internal {
extern const std::string_view kNicknameData;  // data/nicknames.txt, generated
}

const NicknameTable& NicknameTable::Shipped() {
  static const NicknameTable table = Parse(internal::kNicknameData);
  return table;
}

NicknameTable NicknameTable::Parse(std::string_view text) {
  NicknameTable table;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.starts_with('#')) continue;
    const std::string folded = NormaliseText(line);
    if (folded.empty()) continue;
    const auto group = static_cast<std::uint16_t>(table.group_count_++);
    for (std::size_t s = 0; s < folded.size();) {
      std::size_t e = folded.find(' ', s);
      if (e == std::string::npos) e = folded.size();
      auto& groups = table.groups_[folded.substr(s, e - s)];
      if (groups.empty() || groups.back() != group) groups.push_back(group);
      s = e + 1;
    }
  }
  return table;
}

std::span<const std::uint16_t> NicknameTable::Groups(std::string_view folded_name) const {
  auto it = groups_.find(std::string(folded_name));
  if (it == groups_.end()) return {};
  return it->second;
}

bool NicknameTable::AreNicknames(std::string_view a, std::string_view b) const {
  if (a == b) return false;
  const auto ga = Groups(a), gb = Groups(b);
  for (std::uint16_t g : ga)
    if (std::find(gb.begin(), gb.end(), g) != gb.end()) return true;
  return false;
}

}  // namespace jigsaw::linkage
