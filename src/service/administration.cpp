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


// ---------------------------------------------------------------------------
// People leave, come back, change job, move, forget their password.

Result<domain::Practitioner> Administration::LoadManaged(const Context& context, const std::string& practitioner_id,
                                                         const AuditEvent& event) {
  std::optional<domain::Practitioner> target;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    target = JIGSAW_TRY(tx.practitioners().Find(practitioner_id));
    return Ok();
  }));
  // Someone of another organisation learns no more from a refusal than
  // from asking about nobody.
  if (auto allowed = access::Authorise(context.actor, Action::kManagePractitioners,
                                       target ? target->organisation_id : std::string());
      !allowed)
    return trail_.Deny(context, event, allowed.error());
  if (!target) return Fail(ErrorCode::kNotFound, "There is no practitioner with that id.", "id");
  return *target;
}

Status Administration::ApplyChange(const Context& context, const domain::Practitioner& changed,
                                   const AuditEvent& event) {
  return store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().Update(changed));
    // A change of access takes effect now, not when their session ends.
    JIGSAW_RETURN_IF_ERROR(tx.sessions().DeleteForPractitioner(changed.id));
    return trail_.Append(tx, context, event);
  });
}

Status Administration::SetAccountState(const Context& context, const std::string& practitioner_id,
                                       AccountState state) {
  const AuditEvent event{state == AccountState::kDisabled ? "practitioner.disable" : "practitioner.enable",
                         "practitioner", practitioner_id};
  domain::Practitioner p = JIGSAW_TRY(LoadManaged(context, practitioner_id, event));
  if (state == AccountState::kDisabled && p.id == context.actor.practitioner_id)
    return Fail(ErrorCode::kFailedPrecondition, "You cannot disable your own account.", "id");
  p.disabled = state == AccountState::kDisabled;
  return ApplyChange(context, p, event);
}

Status Administration::ChangeRoles(const Context& context, const std::string& practitioner_id,
                                   const domain::RoleSet& roles) {
  const AuditEvent event{"practitioner.roles_change", "practitioner", practitioner_id};
  domain::Practitioner p = JIGSAW_TRY(LoadManaged(context, practitioner_id, event));
  if (roles.Empty()) return InvalidArgument("roles", "Choose at least one role.");
  if (p.id == context.actor.practitioner_id && !roles.Has(domain::Role::kAdministrator))
    return Fail(ErrorCode::kFailedPrecondition, "You cannot take away your own administrator role.", "roles");
  p.roles = roles;
  return ApplyChange(context, p, event);
}

Status Administration::ResetPassword(const Context& context, const std::string& practitioner_id,
                                     const std::string& temporary_password) {
  const AuditEvent event{"practitioner.password_reset", "practitioner", practitioner_id};
  const domain::Practitioner p = JIGSAW_TRY(LoadManaged(context, practitioner_id, event));
  JIGSAW_RETURN_IF_ERROR(access::CheckNewPassword(temporary_password, {p.username, p.display_name}, deny_list_));
  const std::string hash = JIGSAW_TRY(access::HashPassword(temporary_password, hash_cost_));
  return store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().UpdatePasswordHash(p.id, hash, /*must_change=*/true));
    JIGSAW_RETURN_IF_ERROR(tx.sessions().DeleteForPractitioner(p.id));
    return trail_.Append(tx, context, event);
  });
}

Result<domain::AccountProposal> Administration::ProposeAccount(const Context& context,
                                                               const NewPractitioner& request) {
  const AuditEvent event{"account.propose", "organisation", request.organisation_id};
  if (auto allowed = access::Authorise(context.actor, Action::kProposeAccount, request.organisation_id); !allowed)
    return trail_.Deny(context, event, allowed.error());
  domain::AccountProposal proposal{.id = NewId(),
                                   .organisation_id = request.organisation_id,
                                   .username = request.username,
                                   .display_name = request.display_name,
                                   .roles = request.roles,
                                   .proposed_by = context.actor.practitioner_id,
                                   .proposed_at = clock_.Now()};
  const domain::Practitioner would_be{proposal.id, request.organisation_id, request.username, request.display_name,
                                      request.roles};
  JIGSAW_RETURN_IF_ERROR(domain::Validate(would_be));
  JIGSAW_RETURN_IF_ERROR(access::CheckNewPassword(request.password, {request.username, request.display_name}, deny_list_));
  const std::string hash = JIGSAW_TRY(access::HashPassword(request.password, hash_cost_));
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.organisations().Find(proposal.organisation_id)))
      return Fail(ErrorCode::kNotFound, "There is no organisation with that id.", "organisation_id");
    if (JIGSAW_TRY(tx.practitioners().FindByUsername(proposal.username)))
      return Fail(ErrorCode::kAlreadyExists, "That username is already taken.", "username");
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().InsertProposal(proposal, hash));
    return trail_.Append(tx, context, {event.action, "account_proposal", proposal.id});
  }));
  return proposal;
}

Result<domain::AccountProposal> Administration::ProposeMove(const Context& context, const std::string& practitioner_id,
                                                            const std::string& organisation_id,
                                                            const domain::RoleSet& roles) {
  const AuditEvent event{"practitioner.move_propose", "practitioner", practitioner_id};
  const domain::Practitioner p = JIGSAW_TRY(LoadManaged(context, practitioner_id, event));
  if (roles.Empty()) return InvalidArgument("roles", "Choose at least one role.");
  if (organisation_id == p.organisation_id)
    return InvalidArgument("organisation_id", "Choose an organisation other than their current one.");
  if (p.id == context.actor.practitioner_id)
    return Fail(ErrorCode::kFailedPrecondition, "Another administrator must move you.", "id");
  domain::AccountProposal proposal{.id = NewId(),
                                   .organisation_id = organisation_id,
                                   .practitioner_id = p.id,
                                   .username = p.username,
                                   .display_name = p.display_name,
                                   .roles = roles,
                                   .proposed_by = context.actor.practitioner_id,
                                   .proposed_at = clock_.Now()};
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.organisations().Find(organisation_id)))
      return Fail(ErrorCode::kNotFound, "There is no organisation with that id.", "organisation_id");
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().InsertProposal(proposal, ""));
    return trail_.Append(tx, context, {event.action, "account_proposal", proposal.id});
  }));
  return proposal;
}

Result<std::vector<domain::AccountProposal>> Administration::PendingProposals(const Context& context,
                                                                             const std::string& organisation_id) {
  const AuditEvent event{"account.proposals_list", "organisation", organisation_id};
  if (auto allowed = access::Authorise(context.actor, Action::kDecideAccountProposal, organisation_id); !allowed)
    return trail_.Deny(context, event, allowed.error());
  std::vector<domain::AccountProposal> out;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.practitioners().PendingProposals(organisation_id));
    return trail_.Append(tx, context, event);
  }));
  return out;
}

Result<std::optional<domain::Practitioner>> Administration::DecideProposal(const Context& context,
                                                                         const std::string& proposal_id,
                                                                         domain::ProposalOutcome outcome) {
  const AuditEvent event{outcome == domain::ProposalOutcome::kApproved ? "account.approve" : "account.decline",
                         "account_proposal", proposal_id};
  if (outcome == domain::ProposalOutcome::kPending)
    return InvalidArgument("outcome", "Choose approve or decline.");
  std::optional<domain::AccountProposal> proposal;
  std::string hash;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    proposal = JIGSAW_TRY(tx.practitioners().FindProposal(proposal_id, &hash));
    return Ok();
  }));
  const Error hidden{ErrorCode::kNotFound, "There is no such proposal.", "id"};
  if (!proposal) return trail_.Deny(context, event, hidden);
  if (auto allowed = access::Authorise(context.actor, Action::kDecideAccountProposal, proposal->organisation_id);
      !allowed)
    // Another organisation's proposal is hidden as if there were none.
    return trail_.Deny(context, event,
                       proposal->organisation_id == context.actor.organisation_id ? allowed.error() : hidden);
  proposal->outcome = outcome;
  proposal->decided_by = context.actor.practitioner_id;
  proposal->decided_at = clock_.Now();
  std::optional<domain::Practitioner> out;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.practitioners().DecideProposal(*proposal)))
      return Fail(ErrorCode::kFailedPrecondition, "This proposal has been decided already.");
    JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, context, event));
    if (outcome == domain::ProposalOutcome::kApproved)
      JIGSAW_RETURN_IF_ERROR(ApplyProposal(tx, context, *proposal, hash, out));
    return Ok();
  }));
  return out;
}

Status Administration::ApplyProposal(store::Transaction& tx, const Context& context,
                                     const domain::AccountProposal& proposal, const std::string& password_hash,
                                     std::optional<domain::Practitioner>& out) {
  if (proposal.practitioner_id.empty()) {
    if (JIGSAW_TRY(tx.practitioners().FindByUsername(proposal.username)))
      return Fail(ErrorCode::kAlreadyExists, "That username has been taken since it was proposed.", "username");
    domain::Practitioner p{NewId(), proposal.organisation_id, proposal.username, proposal.display_name,
                           proposal.roles, false, clock_.Now(), true};
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().Insert(p, password_hash));
    // The proposer knows the password: the person chooses their own.
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().UpdatePasswordHash(p.id, password_hash, /*must_change=*/true));
    JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, context, {"practitioner.create", "practitioner", p.id}));
    out = std::move(p);
    return Ok();
  }
  auto p = JIGSAW_TRY(tx.practitioners().Find(proposal.practitioner_id));
  if (!p) return Fail(ErrorCode::kNotFound, "There is no practitioner with that id.", "id");
  p->organisation_id = proposal.organisation_id;
  p->roles = proposal.roles;
  JIGSAW_RETURN_IF_ERROR(tx.practitioners().Update(*p));
  // Nothing of the old organisation goes with them: no session, no
  // unfinished form, no notification about its records.
  JIGSAW_RETURN_IF_ERROR(tx.sessions().DeleteForPractitioner(p->id));
  JIGSAW_RETURN_IF_ERROR(tx.practitioners().DeleteWorkInProgress(p->id));
  JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, context, {"practitioner.move", "practitioner", p->id}));
  out = std::move(p);
  return Ok();
}

}  // namespace jigsaw::service
