// What linkage compares in two records, field by field, and the levels of
// agreement it tells apart. A level is a fact about the pair ("nicknames
// of each other", "day and month swapped"); what it weighs is the model's
// business (model.h). Within a field the first level that holds is taken,
// so the order below is the order of the checks.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace jigsaw::linkage {

enum class Field : std::uint8_t {
  kGivenName,
  kFamilyName,
  kDateOfBirth,
  kSex,
  kLocation,  // postcode and address line, as one comparison (they say one thing)
  kNhsNumber,
  kUpn,
};
inline constexpr std::size_t kFieldCount = 7;
inline constexpr std::array<Field, kFieldCount> kFields = {
    Field::kGivenName, Field::kFamilyName, Field::kDateOfBirth, Field::kSex,
    Field::kLocation,  Field::kNhsNumber,  Field::kUpn};

// Level 0 of every field is "not compared": one side is missing, so the
// field is no evidence either way (weight 0).
inline constexpr std::uint8_t kNotCompared = 0;

enum class GivenNameLevel : std::uint8_t {
  kNotCompared,
  kExact,        // the first given names are the same (weighted by how common it is)
  kSwapped,      // given and family names swapped (the family name is then not compared)
  kNickname,     // William and Bill (data/nicknames.txt)
  kPhonetic,     // same phonetic key, Jaro-Winkler at least 0.8: Mohammed and Muhammad (phonetic.h)
  kTypo,         // one edit apart (Damerau-Levenshtein), names of 4 letters or more
  kOtherName,    // a given name of one is a given name of the other (a middle name used)
  kSimilar,      // two edits apart, or Jaro-Winkler at least 0.88
  kInitial,      // one is an initial, the other's first letter
  kDifferent,    // none of these: different names
};

enum class FamilyNameLevel : std::uint8_t {
  kNotCompared,
  kExact,        // weighted by how common the name is
  kSwappedWithGiven,  // counted under the given name (GivenNameLevel::kSwapped)
  kPhonetic,     // Smith and Smyth (as for given names)
  kTypo,         // one edit apart, 4 letters or more
  kPart,         // a part of a double-barrelled name: Smith-Jones and Jones
  kSimilar,      // two edits apart, or Jaro-Winkler at least 0.88
  kDifferent,
};

enum class DateOfBirthLevel : std::uint8_t {
  kNotCompared,
  kExact,
  kDayMonthSwapped,  // 2015-03-04 and 2015-04-03
  kOneComponent,     // the same but for the year, or the month, or the day
  kDifferent,
};

enum class SexLevel : std::uint8_t { kNotCompared, kSame, kDifferent };

enum class LocationLevel : std::uint8_t {
  kNotCompared,
  kSameAddress,   // the same postcode unit and a similar address line
  kPostcodeUnit,  // the same postcode (SW1A 1AA), a different address line
  kAddressLine,   // a similar address line under different or missing postcodes
  kPostcodeSector,    // SW1A 1
  kPostcodeDistrict,  // SW1A
  kDifferent,
};

// The NHS number and the UPN alike: their check digits say whether a
// number can be trusted as typed.
enum class IdentifierLevel : std::uint8_t {
  kNotCompared,
  kSameValid,          // equal, and the check digit holds
  kSameUnchecked,      // equal, but the check digit fails: one copied mistake?
  kOneMistyped,        // one edit apart and not both valid: a typing slip
  kDifferentValid,     // two different numbers, both valid: two people
  kDifferent,          // different, and not both valid
};

// One pair's comparison: a level per field, indexed by Field.
struct Comparison {
  std::array<std::uint8_t, kFieldCount> level{};

  std::uint8_t operator[](Field f) const { return level[static_cast<std::size_t>(f)]; }
  std::uint8_t& operator[](Field f) { return level[static_cast<std::size_t>(f)]; }
  // Four bits a field, for counting patterns.
  std::uint32_t Packed() const;
  static Comparison Unpack(std::uint32_t packed);
  bool operator==(const Comparison&) const = default;
};

std::string_view FieldName(Field field);  // "given_name", "location"...
std::size_t LevelCount(Field field);
// The level's name as the explanation shows it ("nickname", "day_month_swapped").
std::string_view LevelName(Field field, std::uint8_t level);
// Levels whose weight is fixed at 0: not compared, and the family name when
// the swapped names were counted under the given name.
bool IsNeutralLevel(Field field, std::uint8_t level);

}  // namespace jigsaw::linkage
