// The partnership index and what is built on it: the identifying fields of
// children and of adults recorded as posing a risk, kept apart from case
// content and used only for matching ("who else knows this child?"), the
// record of each such lookup, and alerts when one adult, address or phone
// number is found around children known to several organisations.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"
#include "domain/information.h"

namespace jigsaw::domain {

// One person's identifying fields as the index keeps them. Names, dates of
// birth and identifiers are kept for children and adults recorded as
// posing a risk only; for anyone else only the address and phone keys
// (which link children to a place or a number, never a name).
struct IndexEntry {
  std::string person_id;
  std::string organisation_id;
  PersonKind kind = PersonKind::kChild;
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;
  std::string postcode;
  std::string address_line;
  std::string nhs_number;
  std::string upn;
  // Blocking keys, folded for matching (linkage::NormaliseText): the index
  // is searched by these, and candidates are then scored field by field.
  std::string family_key;
  std::string address_key;  // postcode and house number; empty without both
  std::vector<std::string> phone_keys;  // digits, national form
  Time updated_at{};
};

// An organisation that holds a record matching the child asked about.
// `named` is false when it withholds its name from answers (a refuge, a
// sexual health service): it is told of the lookup, but the asker is not
// told of it.
struct LookupHolder {
  std::string organisation_id;
  std::string person_id;  // the holder's own record of the child
  bool named = true;
};

// "Who else knows this child?", asked once.
struct PartnershipLookup {
  std::string id;
  std::string child_id;         // the asker's record of the child
  std::string organisation_id;  // the asker's organisation
  std::string asked_by;
  Time asked_at{};
  std::vector<LookupHolder> holders;
};

// What links the children of a risk alert.
enum class RiskLink : std::uint8_t {
  kAdult,    // an adult recorded as posing a risk (and records of the same adult elsewhere)
  kAddress,  // an address recorded on a person
  kPhone,    // a phone number recorded on a person
  kConcern,  // children named together in one concern
};

enum class RiskMemberRole : std::uint8_t { kChild, kLink };

struct RiskAlertMember {
  std::string person_id;
  std::string organisation_id;
  RiskMemberRole role = RiskMemberRole::kChild;
  // For a child's record: the id of the first record (smallest id) of the
  // same child across organisations, so records of one child are counted
  // as one child.
  std::string child_key;
};

struct RiskAlert {
  std::string id;
  RiskLink link = RiskLink::kAdult;
  // What the alert is about, for finding it again (an address key, a
  // phone key, a concern id, a person id). Never shown: the alert says
  // which children and organisations, not the content.
  std::string key;
  int children = 0;       // distinct children
  int organisations = 0;  // distinct organisations knowing them
  Time created_at{};
  Time updated_at{};
  std::vector<RiskAlertMember> members;
};

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::RiskLink> {
  using E = domain::RiskLink;
  static constexpr std::array<std::pair<E, std::string_view>, 4> kNames{{
      {E::kAdult, "adult"}, {E::kAddress, "address"}, {E::kPhone, "phone"}, {E::kConcern, "concern"}}};
};
template <>
struct EnumNames<domain::RiskMemberRole> {
  using E = domain::RiskMemberRole;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{{E::kChild, "child"}, {E::kLink, "link"}}};
};
}  // namespace jigsaw
