#include "access/passwords.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "domain/practitioner.h"

namespace jigsaw::access {
namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Letters and digits only, so "Fern-sby" and "fern sby" both match "fernsby".
std::string LettersAndDigits(std::string_view folded) {
  std::string out;
  std::int32_t i = 0;
  const auto size = static_cast<std::int32_t>(folded.size());
  while (i < size) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(folded.data(), i, size, c);
    if (c >= 0 && u_isalnum(c)) out.append(folded.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
}

// The parts of a person's names that a password must not contain: the
// username, its part before '@', the display name, and each word of the
// display name of four or more letters ("Ada" is left out: it is inside
// too many ordinary words).
std::vector<std::string> NameParts(const PasswordOwner& owner) {
  std::vector<std::string> parts;
  auto add = [&](std::string_view text) {
    std::string compact = LettersAndDigits(FoldForComparison(text));
    if (compact.size() >= 4) parts.push_back(std::move(compact));
  };
  add(owner.username);
  add(owner.username.substr(0, owner.username.find('@')));
  add(owner.display_name);
  std::string_view rest = owner.display_name;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    add(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return parts;
}

}  // namespace

std::string FoldForComparison(std::string_view text) {
  if (IsAscii(text)) {
    // For ASCII, NFKC case-folding is exactly this; the deny-list's million
    // entries are nearly all ASCII, so loading it stays quick.
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString folded =
      fold->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size()))), status);
  if (U_FAILURE(status)) return std::string(text);
  std::string out;
  folded.toUTF8String(out);
  return out;
}

PasswordDenyList PasswordDenyList::FromText(std::string text) {
  return PasswordDenyList([text = std::move(text)]() -> Result<std::string> { return text; });
}

Status PasswordDenyList::Load() const {
  std::call_once(loaded_, [this] {
    auto raw = read_();
    if (!raw) {
      load_status_ = std::unexpected(raw.error());
      return;
    }
    std::vector<std::uint32_t> offsets;
    std::string_view rest = *raw;
    while (!rest.empty()) {
      const auto nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      offsets.push_back(static_cast<std::uint32_t>(text_.size()));
      text_ += FoldForComparison(line);
      text_.push_back('\n');
    }
    std::sort(offsets.begin(), offsets.end(), [this](std::uint32_t a, std::uint32_t b) { return Entry(a) < Entry(b); });
    offsets.erase(std::unique(offsets.begin(), offsets.end(),
                              [this](std::uint32_t a, std::uint32_t b) { return Entry(a) == Entry(b); }),
                  offsets.end());
    sorted_ = std::move(offsets);
  });
  return load_status_;
}

std::string_view PasswordDenyList::Entry(std::uint32_t offset) const {
  const std::string_view from = std::string_view(text_).substr(offset);
  return from.substr(0, from.find('\n'));
}

Result<bool> PasswordDenyList::Contains(std::string_view folded_password) const {
  JIGSAW_RETURN_IF_ERROR(Load());
  const auto it = std::lower_bound(sorted_.begin(), sorted_.end(), folded_password,
                                   [this](std::uint32_t a, std::string_view p) { return Entry(a) < p; });
  return it != sorted_.end() && Entry(*it) == folded_password;
}

Result<std::size_t> PasswordDenyList::Size() const {
  JIGSAW_RETURN_IF_ERROR(Load());
  return sorted_.size();
}

Status CheckNewPassword(std::string_view password, const PasswordOwner& owner, const PasswordDenyList& deny_list) {
  JIGSAW_RETURN_IF_ERROR(domain::ValidateNewPassword(password));
  const std::string folded = FoldForComparison(password);
  // The password as typed, and without its spaces ("pass word 1234" is
  // "password1234" to anyone guessing).
  std::string unspaced;
  for (char c : folded)
    if (c != ' ') unspaced.push_back(c);
  for (const std::string& candidate : {folded, unspaced}) {
    if (JIGSAW_TRY(deny_list.Contains(candidate)))
      return InvalidArgument("password",
                             "This password is on a list of common passwords that attackers try first. "
                             "Choose another: three random words together work well.");
  }
  const std::string compact = LettersAndDigits(folded);
  for (const std::string& part : NameParts(owner)) {
    if (compact.find(part) != std::string::npos)
      return InvalidArgument("password", "A password must not contain your name or username.");
  }
  return Ok();
}

}  // namespace jigsaw::access
