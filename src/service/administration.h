// Setting up a partnership: its member organisations and their
// practitioners. Used by the admin API and the `jigsaw org|user` commands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/credentials.h"
#include "access/passwords.h"
#include "access/policy.h"
#include "common/clock.h"
#include "domain/organisation.h"
#include "domain/practitioner.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

struct NewOrganisation {
  std::string name;
  domain::OrganisationType type = domain::OrganisationType::kOther;
  domain::Sector sector = domain::Sector::kPublic;
  bool competent_authority = false;
  // Absent: the usual for the type (schools and colleges through the DSL).
  std::optional<domain::StaffShares> staff_shares;
};

struct NewPractitioner {
  std::string organisation_id;
  std::string username;
  std::string display_name;
  domain::RoleSet roles;
  std::string password;  // hashed before storing; never kept
};

class Administration {
 public:
  Administration(store::Store& store, const Clock& clock, const AuditTrail& trail,
                 access::HashCost hash_cost, const access::PasswordDenyList& deny_list)
      : store_(store), clock_(clock), trail_(trail), hash_cost_(hash_cost), deny_list_(deny_list) {}

  // Fails naming the field for bad input; kPermissionDenied unless allowed.
  Result<domain::Organisation> AddOrganisation(const Context& context,
                                               const NewOrganisation& request);
  Result<std::vector<domain::Organisation>> ListOrganisations(const Context& context);
  // kNotFound if there is no such organisation.
  Result<domain::Organisation> GetOrganisation(const Context& context, const std::string& id);

  // kAlreadyExists (field "username") if the username is taken; kNotFound
  // (field "organisation_id") if the organisation does not exist;
  // kInvalidArgument (field "password") for a password the NCSC's advice
  // rules out (access::CheckNewPassword). They enrol a second factor at
  // their first sign-in.
  Result<domain::Practitioner> AddPractitioner(const Context& context,
                                               const NewPractitioner& request);
  Result<std::vector<domain::Practitioner>> ListPractitioners(
      const Context& context, const std::optional<std::string>& organisation_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  access::HashCost hash_cost_;
  const access::PasswordDenyList& deny_list_;
};

}  // namespace jigsaw::service
