// Setting up a partnership: its member organisations and their
// practitioners. Used by the admin API and the `jigsaw org|user` commands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/credentials.h"
#include "access/policy.h"
#include "common/clock.h"
#include "domain/organisation.h"
#include "domain/practitioner.h"
#include "store/store.h"

namespace jigsaw::service {

struct NewOrganisation {
  std::string name;
  domain::OrganisationType type = domain::OrganisationType::kOther;
  domain::Sector sector = domain::Sector::kPublic;
  bool competent_authority = false;
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
  Administration(store::Store& store, const Clock& clock, access::HashCost hash_cost)
      : store_(store), clock_(clock), hash_cost_(hash_cost) {}

  // Fails naming the field for bad input; kPermissionDenied unless allowed.
  Result<domain::Organisation> AddOrganisation(const access::Actor& actor,
                                               const NewOrganisation& request);
  Result<std::vector<domain::Organisation>> ListOrganisations(const access::Actor& actor);
  // kNotFound if there is no such organisation.
  Result<domain::Organisation> GetOrganisation(const access::Actor& actor, const std::string& id);

  // kAlreadyExists (field "username") if the username is taken; kNotFound
  // (field "organisation_id") if the organisation does not exist.
  Result<domain::Practitioner> AddPractitioner(const access::Actor& actor,
                                               const NewPractitioner& request);
  Result<std::vector<domain::Practitioner>> ListPractitioners(
      const access::Actor& actor, const std::optional<std::string>& organisation_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  access::HashCost hash_cost_;
};

}  // namespace jigsaw::service
