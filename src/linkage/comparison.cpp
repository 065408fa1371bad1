#include "linkage/comparison.h"

#include <cassert>

namespace jigsaw::linkage {
namespace {

struct FieldLevels {
  std::string_view field;
  std::initializer_list<std::string_view> levels;
};

// Indexed by Field; each list in the order of its enum.
const std::array<FieldLevels, kFieldCount> kNames = {{
    {"given_name",
     {"not_compared", "exact", "swapped_with_family_name", "nickname", "phonetic", "typo",
      "other_given_name", "similar", "initial", "different"}},
    {"family_name",
     {"not_compared", "exact", "counted_under_given_name", "phonetic", "typo", "part",
      "similar", "different"}},
    {"date_of_birth", {"not_compared", "exact", "day_month_swapped", "one_component", "different"}},
    {"sex", {"not_compared", "same", "different"}},
    {"location",
     {"not_compared", "same_address", "postcode_unit", "address_line", "postcode_sector",
      "postcode_district", "different"}},
    {"nhs_number",
     {"not_compared", "same_valid", "same_unchecked", "one_mistyped", "different_valid",
      "different"}},
    {"upn",
     {"not_compared", "same_valid", "same_unchecked", "one_mistyped", "different_valid",
      "different"}},
}};

const FieldLevels& Of(Field f) { return kNames[static_cast<std::size_t>(f)]; }

}  // namespace

std::uint32_t Comparison::Packed() const {
  std::uint32_t packed = 0;
  for (std::size_t i = 0; i < kFieldCount; ++i) packed |= std::uint32_t{level[i]} << (4 * i);
  return packed;
}

Comparison Comparison::Unpack(std::uint32_t packed) {
  Comparison c;
  for (std::size_t i = 0; i < kFieldCount; ++i)
    c.level[i] = static_cast<std::uint8_t>((packed >> (4 * i)) & 0xF);
  return c;
}

std::string_view FieldName(Field field) { return Of(field).field; }

std::size_t LevelCount(Field field) { return Of(field).levels.size(); }

std::string_view LevelName(Field field, std::uint8_t level) {
  const auto& levels = Of(field).levels;
  assert(level < levels.size());
  return *(levels.begin() + level);
}

bool IsNeutralLevel(Field field, std::uint8_t level) {
  return level == kNotCompared ||
         (field == Field::kFamilyName &&
          level == static_cast<std::uint8_t>(FamilyNameLevel::kSwappedWithGiven));
}

}  // namespace jigsaw::linkage
