// Organisations (agencies) that take part in a safeguarding partnership.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw::domain {

enum class OrganisationType {
  kSchool,
  kCollege,
  kEarlyYears,
  kGpPractice,
  kNhsTrust,
  kPolice,
  kProbation,
  kYouthJustice,
  kChildrensServices,  // local authority children's services
  kEarlyHelp,
  kVoluntary,
  kPrivate,
  kOther,
};

enum class Sector { kPublic, kVoluntary, kPrivate };

struct Organisation {
  std::string id;
  std::string name;
  OrganisationType type = OrganisationType::kOther;
  Sector sector = Sector::kPublic;
  // A competent authority processes for law enforcement purposes under
  // DPA 2018 Part 3 (Annex A: The data protection principles).
  bool competent_authority = false;
  Time created_at{};
};

// Checks the fields a person typed; fails naming the first wrong field.
Status Validate(const Organisation& organisation);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::OrganisationType> {
  using E = domain::OrganisationType;
  static constexpr std::array<std::pair<E, std::string_view>, 13> kNames{{
      {E::kSchool, "school"},
      {E::kCollege, "college"},
      {E::kEarlyYears, "early_years"},
      {E::kGpPractice, "gp_practice"},
      {E::kNhsTrust, "nhs_trust"},
      {E::kPolice, "police"},
      {E::kProbation, "probation"},
      {E::kYouthJustice, "youth_justice"},
      {E::kChildrensServices, "local_authority_childrens_services"},
      {E::kEarlyHelp, "early_help"},
      {E::kVoluntary, "voluntary"},
      {E::kPrivate, "private"},
      {E::kOther, "other"},
  }};
};
template <>
struct EnumNames<domain::Sector> {
  using E = domain::Sector;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kPublic, "public"},
      {E::kVoluntary, "voluntary"},
      {E::kPrivate, "private"},
  }};
};
}  // namespace jigsaw
