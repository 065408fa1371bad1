#include "access/policy.h"

namespace jigsaw::access {

using domain::Role;

Status Authorise(const Actor& actor, Action action, const std::string& organisation_id) {
  if (actor.is_operator) return Ok();  // shell access to the server already means full control
  if (actor.practitioner_id.empty()) return PermissionDenied("You are not signed in.");
  const bool admin = actor.roles.Has(Role::kAdministrator);
  switch (action) {
    case Action::kAssessShare:
      // Advice on the law is for every practitioner: hesitancy to share is
      // what the advice exists to overcome (rule 4).
      return Ok();
    case Action::kViewOrganisations:
      // Every practitioner needs the directory to choose whom to share with.
      return Ok();
    case Action::kManageOrganisations:
    case Action::kManagePractitioners:
      // The partnership administrator manages every member's accounts.
      if (admin) return Ok();
      break;
    case Action::kViewPractitioners:
      if (admin) return Ok();
      // Designated safeguarding leads and DPOs see their own colleagues.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id &&
          (actor.roles.Has(Role::kDesignatedSafeguardingLead) ||
           actor.roles.Has(Role::kDataProtectionOfficer) || actor.roles.Has(Role::kSeniorLeader)))
        return Ok();
      break;
  }
  return PermissionDenied("Your role does not allow this.");
}

}  // namespace jigsaw::access
