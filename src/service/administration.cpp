#include "service/administration.h"

#include "common/random.h"

namespace jigsaw::service {

using access::Action;

Result<domain::Organisation> Administration::AddOrganisation(const access::Actor& actor,
                                                             const NewOrganisation& request) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, Action::kManageOrganisations));
  domain::Organisation o{NewId(), request.name, request.type, request.sector,
                         request.competent_authority, clock_.Now()};
  JIGSAW_RETURN_IF_ERROR(domain::Validate(o));
  JIGSAW_RETURN_IF_ERROR(
      store_.Write([&](store::Transaction& tx) { return tx.organisations().Insert(o); }));
  return o;
}

Result<std::vector<domain::Organisation>> Administration::ListOrganisations(
    const access::Actor& actor) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, Action::kViewOrganisations));
  std::vector<domain::Organisation> out;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.organisations().List());
    return Ok();
  }));
  return out;
}

Result<domain::Organisation> Administration::GetOrganisation(const access::Actor& actor,
                                                             const std::string& id) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, Action::kViewOrganisations));
  std::optional<domain::Organisation> found;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.organisations().Find(id));
    return Ok();
  }));
  if (!found) return NotFound("There is no organisation with that id.");
  return *found;
}

Result<domain::Practitioner> Administration::AddPractitioner(const access::Actor& actor,
                                                             const NewPractitioner& request) {
  JIGSAW_RETURN_IF_ERROR(
      access::Authorise(actor, Action::kManagePractitioners, request.organisation_id));
  domain::Practitioner p{NewId(),          request.organisation_id, request.username,
                         request.display_name, request.roles,       false,
                         clock_.Now()};
  JIGSAW_RETURN_IF_ERROR(domain::Validate(p));
  JIGSAW_RETURN_IF_ERROR(domain::ValidateNewPassword(request.password));
  const std::string hash = JIGSAW_TRY(access::HashPassword(request.password, hash_cost_));
  Status written = store_.Write([&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.organisations().Find(p.organisation_id)))
      return Fail(ErrorCode::kNotFound, "There is no organisation with that id.",
                  "organisation_id");
    if (JIGSAW_TRY(tx.practitioners().FindByUsername(p.username)))
      return Fail(ErrorCode::kAlreadyExists, "That username is already taken.", "username");
    return tx.practitioners().Insert(p, hash);
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
    const access::Actor& actor, const std::optional<std::string>& organisation_id) {
  JIGSAW_RETURN_IF_ERROR(
      access::Authorise(actor, Action::kViewPractitioners, organisation_id.value_or("")));
  std::vector<domain::Practitioner> out;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.practitioners().List(organisation_id));
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
