#include "service/administration.h"

#include "common/random.h"

namespace jigsaw::service {

using access::Action;
using domain::AuditOutcome;

// Organisations are not personal data: reading the directory is not
// audited, but changing it is (accountability for the partnership's set-up).
Result<domain::Organisation> Administration::AddOrganisation(const Context& context,
                                                             const NewOrganisation& request) {
  const AuditEvent event{"organisation.create", "organisation", {}};
  if (auto allowed = access::Authorise(context.actor, Action::kManageOrganisations); !allowed)
    return trail_.Deny(context, event, allowed.error());
  domain::Organisation o{.id = NewId(), .name = request.name, .type = request.type, .sector = request.sector,
                         .competent_authority = request.competent_authority,
                         .created_at = clock_.Now(),
                         .staff_shares = request.staff_shares.value_or(domain::DefaultStaffShares(request.type))};
  JIGSAW_RETURN_IF_ERROR(domain::Validate(o));
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(o));
    return trail_.Append(tx, context, {event.action, event.object_type, o.id});
  }));
  return o;
}

Result<std::vector<domain::Organisation>> Administration::ListOrganisations(const Context& context) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewOrganisations));
  std::vector<domain::Organisation> out;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.organisations().List());
    return Ok();
  }));
  return out;
}

Result<domain::Organisation> Administration::GetOrganisation(const Context& context,
                                                             const std::string& id) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewOrganisations));
  std::optional<domain::Organisation> found;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.organisations().Find(id));
    return Ok();
  }));
  if (!found) return NotFound("There is no organisation with that id.");
  return *found;
}

Result<domain::Practitioner> Administration::AddPractitioner(const Context& context,
                                                             const NewPractitioner& request) {
  const AuditEvent event{"practitioner.create", "practitioner", {}};
  if (auto allowed =
          access::Authorise(context.actor, Action::kManagePractitioners, request.organisation_id);
      !allowed)
    return trail_.Deny(context, event, allowed.error());
  domain::Practitioner p{NewId(),          request.organisation_id, request.username,
                         request.display_name, request.roles,       false,
                         clock_.Now()};
  JIGSAW_RETURN_IF_ERROR(domain::Validate(p));
  JIGSAW_RETURN_IF_ERROR(access::CheckNewPassword(request.password, {p.username, p.display_name}, deny_list_));
  const std::string hash = JIGSAW_TRY(access::HashPassword(request.password, hash_cost_));
  Status written = store_.Write([&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.organisations().Find(p.organisation_id)))
      return Fail(ErrorCode::kNotFound, "There is no organisation with that id.",
                  "organisation_id");
    if (JIGSAW_TRY(tx.practitioners().FindByUsername(p.username)))
      return Fail(ErrorCode::kAlreadyExists, "That username is already taken.", "username");
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().Insert(p, hash));
    return trail_.Append(tx, context, {event.action, event.object_type, p.id});
  });
  if (!written) {
    Error e = written.error();
    // A concurrent insert of the same username reaches the unique index.
    if (e.code == ErrorCode::kAlreadyExists && e.field.empty()) {
      e.field = "username";
      e.message = "That username is already taken.";
    }
    return std::unexpected(e);
  }
  return p;
}

Result<std::vector<domain::Practitioner>> Administration::ListPractitioners(
    const Context& context, const std::optional<std::string>& organisation_id) {
  const AuditEvent event{"practitioner.list", "organisation", organisation_id.value_or("")};
  if (auto allowed = access::Authorise(context.actor, Action::kViewPractitioners,
                                       organisation_id.value_or(""));
      !allowed)
    return trail_.Deny(context, event, allowed.error());
  std::vector<domain::Practitioner> out;
  // The read and its audit record commit together, before anything is shown.
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.practitioners().List(organisation_id));
    return trail_.Append(tx, context, event);
  }));
  return out;
}

}  // namespace jigsaw::service
