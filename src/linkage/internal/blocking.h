// Blocking: which pairs are worth comparing. Each rule names fields that
// must agree exactly (after folding); a pair is a candidate if any rule
// holds. The rules overlap so that one error (a typo in the surname, a
// swapped day and month, a move, a changed family name) never hides a pair
// from all of them; docs/linkage.md lists what each one catches.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "linkage/internal/prepared.h"

namespace jigsaw::linkage::internal {

enum class BlockingRule : std::uint8_t {
  kNhsNumber,          // the same NHS number as typed
  kUpn,                // the same UPN as typed
  kBirthFamily,        // date of birth + phonetic family name
  kBirthGiven,         // date of birth + phonetic first given name
  kNamesYear,          // phonetic given + family name + year of birth
  kNamesMonthDay,      // phonetic given + family name + month and day of birth
  kBirthPostcode,      // date of birth + postcode unit
  kNamesDistrict,      // phonetic given + family name + postcode district
  kFamilyPostcode,     // phonetic family name + postcode unit (no date of birth needed)
  kNamesHouseNumber,   // phonetic given + family name + the house number (no postcode needed)
};
inline constexpr std::size_t kRuleCount = 10;

std::string_view RuleName(BlockingRule rule);

// The record's key under `rule`, or 0 if it lacks a field the rule needs.
// Records with equal non-zero keys agree on the rule's fields (but for a
// 64-bit hash collision, which only adds a pair to compare).
std::uint64_t BlockingKey(BlockingRule rule, const PreparedSet& set, std::uint32_t record);

using RuleKeys = std::array<std::uint64_t, kRuleCount>;
RuleKeys BlockingKeys(const PreparedSet& set, std::uint32_t record);

}  // namespace jigsaw::linkage::internal
