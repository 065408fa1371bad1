// The vocabulary of information about people, shared by the case records
// and the guidance engine: who a piece of information is about, how sure
// we are of it, and which special categories (UK GDPR Article 9) it falls in.
#pragma once

#include <cstdint>

#include "common/enum_names.h"

namespace jigsaw::domain {

// The people the advice names as data subjects ("Person" in DOMAIN.md).
enum class PersonKind : std::uint8_t {
  kChild,
  kParent,
  kCarer,
  kSibling,
  kAssociatedAdult,  // an adult linked to the child, who may pose a risk
  kThirdParty,       // e.g. a neighbour who reported, a colleague
};

// Annex A, the accuracy principle: fact and opinion are told apart.
enum class Accuracy : std::uint8_t { kVerified, kUnverified, kOpinion };

// UK GDPR Article 9(1).
enum class SpecialCategory : std::uint8_t {
  kRacialOrEthnicOrigin,
  kPoliticalOpinions,
  kReligiousBeliefs,
  kTradeUnionMembership,
  kGenetic,
  kBiometric,
  kHealth,
  kSexLife,
  kSexualOrientation,
};

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::PersonKind> {
  using E = domain::PersonKind;
  static constexpr std::array<std::pair<E, std::string_view>, 6> kNames{{
      {E::kChild, "child"}, {E::kParent, "parent"}, {E::kCarer, "carer"},
      {E::kSibling, "sibling"}, {E::kAssociatedAdult, "associated_adult"},
      {E::kThirdParty, "third_party"}}};
};
template <>
struct EnumNames<domain::Accuracy> {
  using E = domain::Accuracy;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kVerified, "verified"}, {E::kUnverified, "unverified"}, {E::kOpinion, "opinion"}}};
};
template <>
struct EnumNames<domain::SpecialCategory> {
  using E = domain::SpecialCategory;
  static constexpr std::array<std::pair<E, std::string_view>, 9> kNames{{
      {E::kRacialOrEthnicOrigin, "racial_or_ethnic_origin"},
      {E::kPoliticalOpinions, "political_opinions"},
      {E::kReligiousBeliefs, "religious_beliefs"},
      {E::kTradeUnionMembership, "trade_union_membership"},
      {E::kGenetic, "genetic"},
      {E::kBiometric, "biometric"},
      {E::kHealth, "health"},
      {E::kSexLife, "sex_life"},
      {E::kSexualOrientation, "sexual_orientation"}}};
};
}  // namespace jigsaw
