// Two-way mapping between an enum and its stable wire names, declared once
// per enum as a table, so parsing and printing can never disagree.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace jigsaw {

// Specialise with `static constexpr std::array<std::pair<E, std::string_view>, N> kNames`.
template <typename E>
struct EnumNames;

template <typename E>
std::string_view ToString(E value) {
  for (const auto& [v, name] : EnumNames<E>::kNames)
    if (v == value) return name;
  return "unknown";
}

template <typename E>
std::optional<E> ParseEnum(std::string_view name) {
  for (const auto& [v, n] : EnumNames<E>::kNames)
    if (n == name) return v;
  return std::nullopt;
}

// "a, b or c": for error messages that list what is allowed.
template <typename E>
std::string AllowedValues() {
  std::string out;
  const auto& names = EnumNames<E>::kNames;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i].second;
  }
  return out;
}

}  // namespace jigsaw
