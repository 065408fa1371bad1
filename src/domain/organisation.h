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

// Whether a member of staff's decision to share goes out at once or is
// first approved by the organisation's designated safeguarding lead
// (Keeping Children Safe in Education expects school and college staff to
// go through their DSL). An emergency share is never held.
enum class StaffShares { kDirect, kThroughDsl };

// The usual setting for an organisation of this type.
StaffShares DefaultStaffShares(OrganisationType type);

struct Organisation {
  std::string id;
  std::string name;
  OrganisationType type = OrganisationType::kOther;
  Sector sector = Sector::kPublic;
  // A competent authority processes for law enforcement purposes under
  // DPA 2018 Part 3 (Annex A: The data protection principles).
  bool competent_authority = false;
  Time created_at{};
  StaffShares staff_shares = StaffShares::kDirect;
};

// Whether a share by this organisation carries police references
// (domain::PoliceReferences: occurrence or crime reference, PPN, DASH risk
// level): only a police force has them (issue 12, item 6).
inline bool RecordsPoliceReferences(const Organisation& o) { return o.type == OrganisationType::kPolice; }

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
struct EnumNames<domain::StaffShares> {
  using E = domain::StaffShares;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{
      {E::kDirect, "direct"},
      {E::kThroughDsl, "through_dsl"},
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
