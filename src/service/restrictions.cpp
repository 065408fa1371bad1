#include "service/restrictions.h"

#include <algorithm>

#include "common/random.h"
#include "domain/case_management.h"
#include "service/corrections.h"
#include "service/workflow.h"

namespace jigsaw::service {

using access::Action;
using domain::Objection;
using domain::Restriction;

Result<Withholding> Withholding::Load(store::Transaction& tx, const access::Actor& actor,
                                      const std::string& organisation_id) {
  Withholding out;
  // The DPO placed the restriction and answers the person's rights: their
  // subject access and retention work go on (docs/rights.md).
  if (organisation_id.empty() || access::MayReadRestricted(actor, organisation_id)) return out;
  return FromEveryone(tx, organisation_id);
}

Result<Withholding> Withholding::FromEveryone(store::Transaction& tx, const std::string& organisation_id) {
  Withholding out;
  for (auto& r : JIGSAW_TRY(tx.restrictions().Restrictions(organisation_id, /*standing_only=*/true)))
    out.standing_.emplace(r.person_id, std::move(r));
  return out;
}

const Restriction* Withholding::On(const std::string& person_id) const {
  auto it = standing_.find(person_id);
  return it == standing_.end() ? nullptr : &it->second;
}

Status Withholding::Check(const std::string& person_id) const {
  if (const auto* r = On(person_id))
    return Fail(ErrorCode::kPermissionDenied,
                domain::RestrictionNotice(r->placed_at) +
                    ": they are kept but cannot be used until the restriction is lifted. In an emergency, ask your "
                    "data protection officer to lift it.",
                "restriction");
  return Ok();
}

void Withholding::Mask(domain::Person& person) const {
  const auto* r = On(person.id);
  if (!r) return;
  domain::Person kept;
  kept.id = person.id;
  kept.organisation_id = person.organisation_id;
  kept.kind = person.kind;
  kept.restricted_since = r->placed_at;
  person = std::move(kept);
}

void Withholding::Mask(domain::Concern& concern) const {
  const auto* r = On(concern.child_id);
  if (!r) return;
  domain::Concern kept;
  kept.id = concern.id;
  kept.organisation_id = concern.organisation_id;
  kept.child_id = concern.child_id;
  kept.raised_by = concern.raised_by;
  kept.status = concern.status;
  kept.created_at = concern.created_at;
  kept.restricted_since = r->placed_at;
  concern = std::move(kept);
}

void Withholding::Mask(domain::Task& task) const {
  // A task's description is free text about the child ("visit her at the
  // refuge"): it says only that the records are restricted.
  if (const auto* r = On(task.child_id)) task.description = domain::RestrictionNotice(r->placed_at);
}

Result<bool> AnyRestricted(store::Transaction& tx, const std::string& organisation_id,
                           const std::vector<std::string>& person_ids) {
  if (person_ids.empty()) return false;
  for (const auto& r : JIGSAW_TRY(tx.restrictions().Restrictions(organisation_id, /*standing_only=*/true)))
    if (std::find(person_ids.begin(), person_ids.end(), r.person_id) != person_ids.end()) return true;
  return false;
}

namespace {

// The organisation's person, or kNotFound naming the field.
Result<domain::Person> OwnPerson(store::Transaction& tx, const std::string& organisation_id,
                                 const std::string& person_id, std::string_view field) {
  auto p = JIGSAW_TRY(tx.casework().FindPerson(person_id));
  if (!p || p->organisation_id != organisation_id) return NotYours(field);
  return *p;
}

}  // namespace

Result<Restriction> Restrictions::Restrict(const Context& context, NewRestriction in) {
  const std::string& organisation_id = context.actor.organisation_id;
  Restriction r{.id = NewId(), .organisation_id = organisation_id, .person_id = std::move(in.person_id),
                .reason = std::move(in.reason), .placed_by = context.actor.practitioner_id, .placed_at = clock_.Now(),
                .lifted_by = {}, .lifted_at = {}, .lift_reason = {}};
  domain::Tidy(r);
  AuditEvent event{"restriction.place", "restriction", r.id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRestrictProcessing, organisation_id));
    JIGSAW_RETURN_IF_ERROR(domain::Validate(r));
    const auto person = JIGSAW_TRY(OwnPerson(tx, organisation_id, r.person_id, "person_id"));
    event.child_id = JIGSAW_TRY(ChildAround(tx, person));
    for (const auto& s : JIGSAW_TRY(tx.restrictions().Restrictions(organisation_id, true)))
      if (s.person_id == r.person_id)
        return Fail(ErrorCode::kAlreadyExists, "A restriction already stands on this person's records.", "person_id");
    return tx.restrictions().InsertRestriction(r);
  }));
  return r;
}

Result<Restriction> Restrictions::Lift(const Context& context, const std::string& restriction_id,
                                       std::string reason) {
  const std::string& organisation_id = context.actor.organisation_id;
  Restriction r;
  AuditEvent event{"restriction.lift", "restriction", restriction_id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto found = JIGSAW_TRY(tx.restrictions().FindRestriction(restriction_id));
    if (!found || found->organisation_id != organisation_id) return NotYours("restriction_id");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRestrictProcessing, organisation_id));
    r = *found;
    if (auto person = JIGSAW_TRY(tx.casework().FindPerson(r.person_id)))
      event.child_id = JIGSAW_TRY(ChildAround(tx, *person));
    if (!domain::IsActive(r))
      return Fail(ErrorCode::kFailedPrecondition, "This restriction was lifted before.", "restriction_id");
    r.lift_reason = std::move(reason);
    domain::TidyFreeText(r.lift_reason);
    JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("lift_reason", r.lift_reason, 2000,
                                                        "Enter why the restriction can be lifted."));
    r.lifted_by = context.actor.practitioner_id;
    r.lifted_at = clock_.Now();
    return tx.restrictions().LiftRestriction(r);
  }));
  return r;
}

Result<Objection> Restrictions::RecordObjection(const Context& context, NewObjection in) {
  const std::string& organisation_id = context.actor.organisation_id;
  const Time now = clock_.Now();
  Objection o{.id = NewId(), .organisation_id = organisation_id, .person_id = std::move(in.person_id),
              .received_on = std::move(in.received_on), .objector = in.objector,
              .objector_name = std::move(in.objector_name), .grounds = std::move(in.grounds),
              .recorded_by = context.actor.practitioner_id, .recorded_at = now,
              .decision = domain::ObjectionDecision::kAwaiting, .decision_reason = {}, .decided_by = {},
              .decided_at = {}};
  domain::Tidy(o);
  AuditEvent event{"objection.record", "objection", o.id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRestrictProcessing, organisation_id));
    JIGSAW_RETURN_IF_ERROR(domain::Validate(o, domain::UkDate(now)));
    const auto person = JIGSAW_TRY(OwnPerson(tx, organisation_id, o.person_id, "person_id"));
    event.child_id = JIGSAW_TRY(ChildAround(tx, person));
    return tx.restrictions().InsertObjection(o);
  }));
  return o;
}

Result<Objection> Restrictions::DecideObjection(const Context& context, const std::string& objection_id,
                                                ObjectionVerdict verdict) {
  const std::string& organisation_id = context.actor.organisation_id;
  Objection o;
  AuditEvent event{"objection.decide", "objection", objection_id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto found = JIGSAW_TRY(tx.restrictions().FindObjection(objection_id));
    if (!found || found->organisation_id != organisation_id) return NotYours("objection_id");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRestrictProcessing, organisation_id));
    o = *found;
    if (auto person = JIGSAW_TRY(tx.casework().FindPerson(o.person_id)))
      event.child_id = JIGSAW_TRY(ChildAround(tx, *person));
    if (o.decision != domain::ObjectionDecision::kAwaiting)
      return Fail(ErrorCode::kFailedPrecondition, "This objection was decided before.", "objection_id");
    o.decision = verdict.decision;
    o.decision_reason = std::move(verdict.reason);
    domain::TidyFreeText(o.decision_reason);
    JIGSAW_RETURN_IF_ERROR(domain::ValidateDecision(o));
    o.decided_by = context.actor.practitioner_id;
    o.decided_at = clock_.Now();
    return tx.restrictions().DecideObjection(o);
  }));
  return o;
}

Result<RightsRegister> Restrictions::Register(const Context& context) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"restriction.list", "organisation", organisation_id};
  RightsRegister out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRestrictProcessing, organisation_id));
    out.restrictions = JIGSAW_TRY(tx.restrictions().Restrictions(organisation_id, false));
    out.objections = JIGSAW_TRY(tx.restrictions().Objections(organisation_id));
    std::vector<std::string> ids;
    for (const auto& r : out.restrictions) ids.push_back(r.person_id);
    for (const auto& o : out.objections) ids.push_back(o.person_id);
    for (const auto& p : JIGSAW_TRY(tx.casework().People(ids)))
      if (p.organisation_id == organisation_id) out.names[p.id] = p.FullName();
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
