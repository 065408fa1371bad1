// Practitioners: the people who sign in, each in one organisation with one
// or more roles (the guidance's "who to contact if you are unsure").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw::domain {

enum class Role : std::uint8_t {
  kPractitioner,
  kDesignatedSafeguardingLead,
  kDataProtectionOfficer,
  kCaldicottGuardian,
  kSeniorLeader,
  kAdministrator,
  kLegalAdviser,  // the organisation's legal team, for advice requests
};

// A set of roles as a bit mask: cheap to copy and to test on every request.
class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) Add(r);
  }
  void Add(Role r) { bits_ |= Bit(r); }
  bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  bool Empty() const { return bits_ == 0; }
  std::vector<Role> List() const;
  bool operator==(const RoleSet&) const = default;

  // "practitioner,designated_safeguarding_lead": the stored form.
  std::string Join() const;
  // Fails naming `field` if a name is unknown or the list is empty.
  static Result<RoleSet> Parse(std::string_view field, const std::vector<std::string>& names);
  static Result<RoleSet> ParseJoined(std::string_view joined);

 private:
  static std::uint32_t Bit(Role r) { return 1u << static_cast<unsigned>(r); }
  std::uint32_t bits_ = 0;
};

struct Practitioner {
  std::string id;
  std::string organisation_id;
  std::string username;      // the sign-in name, lower case
  std::string display_name;  // shown to colleagues
  RoleSet roles;
  bool disabled = false;
  Time created_at{};
  // Set by an administrator's password reset: until they choose a new
  // password their session acts with no role (service::Authentication).
  bool must_change_password = false;
};

// An account a partnership administrator (an administrator of another
// organisation) proposes in an organisation, or a move of an existing
// person into it: it takes effect only when an administrator or DSL of
// that organisation approves. Proposed and decided are both audited.
enum class ProposalOutcome : std::uint8_t { kPending, kApproved, kDeclined };

struct AccountProposal {
  std::string id;
  std::string organisation_id;   // the organisation the account would be in
  std::string practitioner_id;   // a move: the person to move; empty for a new account
  std::string username;          // a new account's
  std::string display_name;      // a new account's
  RoleSet roles;                 // the roles they would have there
  std::string proposed_by;       // practitioner id; empty for the operator
  Time proposed_at{};
  ProposalOutcome outcome = ProposalOutcome::kPending;
  std::string decided_by;
  Time decided_at{};
};

Status Validate(const Practitioner& practitioner);

// Sign-in names: 3 to 254 characters of a-z 0-9 . _ - @, lower case.
Status ValidateUsername(std::string_view username);

// Length is what makes a password strong (NCSC): 12 characters (not bytes)
// to 1024 bytes, not only white space. access::CheckNewPassword adds the
// deny-list and the person's own names.
Status ValidateNewPassword(std::string_view password);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::Role> {
  using E = domain::Role;
  static constexpr std::array<std::pair<E, std::string_view>, 7> kNames{{
      {E::kPractitioner, "practitioner"},
      {E::kDesignatedSafeguardingLead, "designated_safeguarding_lead"},
      {E::kDataProtectionOfficer, "data_protection_officer"},
      {E::kCaldicottGuardian, "caldicott_guardian"},
      {E::kSeniorLeader, "senior_leader"},
      {E::kAdministrator, "administrator"},
      {E::kLegalAdviser, "legal_adviser"},
  }};
};
template <>
struct EnumNames<domain::ProposalOutcome> {
  using E = domain::ProposalOutcome;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kPending, "pending"},
      {E::kApproved, "approved"},
      {E::kDeclined, "declined"},
  }};
};
}  // namespace jigsaw
