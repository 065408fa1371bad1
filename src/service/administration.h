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

// What an administrator does when someone leaves, comes back, changes job
// or forgets their password.
enum class AccountState { kEnabled, kDisabled };

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

  // Leavers and changes of job. Each is for an administrator of the
  // person's own organisation (or the operator), ends the person's
  // sessions at once and is audited; a refusal is audited as denied.
  // kPermissionDenied for anyone else, kNotFound for no such person (field
  // "id"), kFailedPrecondition for an administrator disabling themselves
  // or taking away their own administrator role (the organisation would
  // have nobody to undo it).
  Status SetAccountState(const Context& context, const std::string& practitioner_id, AccountState state);
  // Fails naming "roles" for an empty set.
  Status ChangeRoles(const Context& context, const std::string& practitioner_id, const domain::RoleSet& roles);
  // Sets a temporary password the administrator passes on; the person must
  // choose a new one at their next sign-in. Fails naming "password" as
  // AddPractitioner does. Their second factor is kept.
  Status ResetPassword(const Context& context, const std::string& practitioner_id,
                       const std::string& temporary_password);

  // Account proposals: a new account in an organisation by its partnership
  // administrator (an administrator of another organisation), or a move of
  // one of the actor's own staff into another organisation with `roles`
  // there. Neither takes effect until an administrator or DSL of that
  // organisation approves (DecideProposal). Fields named as AddPractitioner.
  Result<domain::AccountProposal> ProposeAccount(const Context& context, const NewPractitioner& request);
  Result<domain::AccountProposal> ProposeMove(const Context& context, const std::string& practitioner_id,
                                              const std::string& organisation_id, const domain::RoleSet& roles);
  // Those waiting for the decision of `organisation_id` (its administrator
  // or DSL).
  Result<std::vector<domain::AccountProposal>> PendingProposals(const Context& context,
                                                                const std::string& organisation_id);
  // Approves (the account is created, or the person moved: they keep
  // nothing of their old organisation, sessions, unfinished forms and
  // notifications included) or declines. A new account must change the
  // password the proposer chose at its first sign-in. Returns the person
  // on approval. kNotFound for no such proposal (or one of another
  // organisation), kFailedPrecondition if it was decided already,
  // kAlreadyExists (field "username") if the username was taken since.
  Result<std::optional<domain::Practitioner>> DecideProposal(const Context& context, const std::string& proposal_id,
                                                             domain::ProposalOutcome outcome);

 private:
  // The person an account change is about, once the actor may change them.
  Result<domain::Practitioner> LoadManaged(const Context& context, const std::string& practitioner_id,
                                           const AuditEvent& event);
  // Writes the changed person, ends their sessions and audits, together.
  Status ApplyChange(const Context& context, const domain::Practitioner& changed, const AuditEvent& event);
  Status ApplyProposal(store::Transaction& tx, const Context& context, const domain::AccountProposal& proposal,
                       const std::string& password_hash, std::optional<domain::Practitioner>& out);

  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  access::HashCost hash_cost_;
  const access::PasswordDenyList& deny_list_;
};

}  // namespace jigsaw::service
