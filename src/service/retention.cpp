#include "service/retention.h"

#include <algorithm>

#include "access/policy.h"
#include "common/log.h"
#include "common/random.h"
#include "domain/case_management.h"
#include "service/workflow.h"

namespace jigsaw::service {

using access::Action;
using domain::Destruction;
using domain::DestructionCause;
using domain::ErasureOutcome;
using domain::HoldSubject;
using domain::LegalHold;
using domain::RecordKind;

namespace {

Result<domain::Organisation> LoadOrganisation(store::Transaction& tx, const std::string& id) {
  auto o = JIGSAW_TRY(tx.organisations().Find(id));
  if (!o) return NotFound("There is no such organisation.");
  return *o;
}

// The standing holds on a concern or on its child.
std::vector<LegalHold> HoldsOn(const std::vector<LegalHold>& standing, const std::string& concern_id,
                               const std::string& child_id) {
  std::vector<LegalHold> out;
  for (const auto& h : standing)
    if ((h.subject == HoldSubject::kConcern && h.subject_id == concern_id) ||
        (h.subject == HoldSubject::kChild && h.subject_id == child_id))
      out.push_back(h);
  return out;
}

std::unexpected<Error> Held(std::string_view field, const LegalHold& hold) {
  return Fail(ErrorCode::kFailedPrecondition,
              "A legal hold stops this destruction until it is lifted: " + hold.reason, std::string(field));
}

// Destroys the concern's content and records that it was destroyed; then,
// if none of the child's concerns keeps its content, the child's
// identifying details. Within the caller's transaction.
Status Destroy(store::Transaction& tx, const Destruction& d) {
  JIGSAW_RETURN_IF_ERROR(tx.retention().InsertDestruction(d));
  JIGSAW_RETURN_IF_ERROR(tx.retention().DestroyConcernContent(d.record_id));
  if (d.child_id.empty()) return Ok();
  const auto kept = JIGSAW_TRY(tx.retention().ConcernsToMeasure(d.organisation_id));
  const bool any_kept = std::any_of(kept.begin(), kept.end(), [&](const auto& c) { return c.child_id == d.child_id; });
  if (!any_kept) JIGSAW_RETURN_IF_ERROR(tx.retention().DestroyPersonDetails(d.child_id));
  return Ok();
}

// The concerns a granted erasure of the person destroys, unless a hold
// stands on one of them or on the person, or (for a parent) on a child
// they are around or that child's concerns, which the parent's details
// help explain: then kFailedPrecondition naming the hold, and nothing is
// destroyed or recorded.
Result<std::vector<store::ConcernDates>> ErasableConcerns(store::Transaction& tx, const domain::Person& person,
                                                          const std::vector<std::string>& children) {
  const auto standing = JIGSAW_TRY(tx.retention().Holds(person.organisation_id, true));
  if (person.kind != domain::PersonKind::kChild)
    for (const auto& h : standing) {
      const bool on_child = h.subject == HoldSubject::kChild &&
                            std::find(children.begin(), children.end(), h.subject_id) != children.end();
      bool on_their_concern = false;
      if (h.subject == HoldSubject::kConcern) {
        const auto held = JIGSAW_TRY(tx.casework().FindConcern(h.subject_id));
        on_their_concern = held && std::find(children.begin(), children.end(), held->child_id) != children.end();
      }
      if (on_child || on_their_concern) return Held("person_id", h);
    }
  std::vector<store::ConcernDates> theirs;
  for (auto& c : JIGSAW_TRY(tx.retention().ConcernsToMeasure(person.organisation_id)))
    if (c.child_id == person.id) theirs.push_back(std::move(c));
  for (const auto& c : theirs)
    if (auto holds = HoldsOn(standing, c.concern_id, c.child_id); !holds.empty()) return Held("person_id", holds.front());
  for (const auto& h : standing)
    if (h.subject == HoldSubject::kChild && h.subject_id == person.id) return Held("person_id", h);
  return theirs;
}

// The DPO's decision as it would be recorded (without an id: a preview
// records none), tidied; the preview and the decision check the same thing.
domain::ErasureRequest ErasureRequestOf(const Context& context, NewErasureDecision in, Time now) {
  domain::ErasureRequest r{.id = {}, .organisation_id = context.actor.organisation_id, .person_id = in.person_id,
                           .requested_by = std::move(in.requested_by), .received_on = std::move(in.received_on),
                           .outcome = in.outcome, .ground = in.ground, .reasons = std::move(in.reasons),
                           .decided_by = context.actor.practitioner_id, .decided_at = now};
  domain::Tidy(r);
  return r;
}

// Compaction is housekeeping of the files: the destruction is already
// committed and audited, so a failure here is logged (and the next
// destruction or daily purge compacts again) rather than undoing anything.
void CompactAfterDestruction(store::Store& store) {
  if (auto done = store.Compact(); !done) log::Warning("retention.compact_failed", {{"error", done.error().message}});
}

}  // namespace

Result<domain::Schedule> LoadSchedule(store::Transaction& tx, const std::string& organisation_id) {
  const auto organisation = JIGSAW_TRY(LoadOrganisation(tx, organisation_id));
  auto schedule = domain::DefaultSchedule(organisation.type);
  for (const auto& stored : JIGSAW_TRY(tx.retention().Rules(organisation_id)))
    for (auto& rule : schedule.rules)
      if (rule.kind == stored.kind) rule = stored;
  return schedule;
}

Result<domain::Schedule> Retention::ScheduleOf(const Context& context) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"retention.schedule.view", "organisation", organisation_id};
  domain::Schedule out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewRetention, organisation_id));
    out = JIGSAW_TRY(LoadSchedule(tx, organisation_id));
    return Ok();
  }));
  return out;
}

Status Retention::SetRule(const Context& context, domain::RetentionRule rule) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"retention.schedule.set", "organisation", organisation_id};
  return Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageRetention, organisation_id));
    // A later birthday for a child still seen at 17 (the NHS rule) is not
    // asked again when the period changes: kept while it still applies,
    // never dropped by a change that did not mention it.
    const auto current = domain::RuleFor(JIGSAW_TRY(LoadSchedule(tx, organisation_id)), rule.kind);
    if (!rule.period.extension && current.period.extension && current.period.trigger == rule.period.trigger &&
        current.period.extension->until_age > rule.period.years)
      rule.period.extension = current.period.extension;
    JIGSAW_RETURN_IF_ERROR(domain::Validate(rule));
    return tx.retention().PutRule(organisation_id, rule, context.actor.practitioner_id, clock_.Now());
  });
}

Result<RetentionReview> Retention::Review(const Context& context) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"retention.review", "organisation", organisation_id};
  RetentionReview out;
  out.as_of = clock_.Now();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewRetention, organisation_id));
    const auto schedule = JIGSAW_TRY(LoadSchedule(tx, organisation_id));
    const auto rule = domain::RuleFor(schedule, RecordKind::kConcern);
    const auto standing = JIGSAW_TRY(tx.retention().Holds(organisation_id, true));
    for (auto& c : JIGSAW_TRY(tx.retention().ConcernsToMeasure(organisation_id))) {
      const auto due = domain::DueAt(rule, c.dates);
      if (!due || *due > out.as_of) continue;
      out.due.push_back(DueRecord{RecordKind::kConcern, c.concern_id, c.child_id, c.dates, *due,
                                  HoldsOn(standing, c.concern_id, c.child_id)});
    }
    return Ok();
  }));
  std::stable_sort(out.due.begin(), out.due.end(), [](const auto& a, const auto& b) { return a.due_at < b.due_at; });
  return out;
}

Result<Destruction> Retention::ConfirmDestruction(const Context& context, const std::string& concern_id) {
  const std::string& organisation_id = context.actor.organisation_id;
  const Time now = clock_.Now();
  Destruction d{.id = NewId(), .organisation_id = organisation_id, .kind = RecordKind::kConcern,
                .record_id = concern_id, .child_id = {}, .cause = DestructionCause::kRetention,
                .erasure_request_id = {}, .confirmed_by = context.actor.practitioner_id, .destroyed_at = now};
  AuditEvent event{"retention.destroy", "concern", concern_id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto concern = JIGSAW_TRY(tx.casework().FindConcern(concern_id));
    if (!concern || concern->organisation_id != organisation_id) return NotYours("record_id");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageRetention, organisation_id));
    event.child_id = concern->child_id;
    d.child_id = concern->child_id;
    const auto measured = JIGSAW_TRY(tx.retention().ConcernToMeasure(concern_id));
    if (!measured) return Fail(ErrorCode::kAlreadyExists, "This record was destroyed before.", "record_id");
    const auto rule = domain::RuleFor(JIGSAW_TRY(LoadSchedule(tx, organisation_id)), RecordKind::kConcern);
    if (!domain::IsDue(rule, measured->dates, now))
      return Fail(ErrorCode::kFailedPrecondition, "This record is not yet due for destruction.", "record_id");
    const auto holds = HoldsOn(JIGSAW_TRY(tx.retention().Holds(organisation_id, true)), concern_id, d.child_id);
    if (!holds.empty()) return Held("record_id", holds.front());
    return Destroy(tx, d);
  }));
  CompactAfterDestruction(store_);
  return d;
}

Result<LegalHold> Retention::PlaceHold(const Context& context, NewLegalHold in) {
  const std::string& organisation_id = context.actor.organisation_id;
  LegalHold h{.id = NewId(), .organisation_id = organisation_id, .subject = in.subject,
              .subject_id = in.subject_id, .reason = std::move(in.reason), .placed_by = context.actor.practitioner_id,
              .placed_at = clock_.Now(), .lifted_by = {}, .lifted_at = {}, .lift_reason = {}};
  domain::Tidy(h);
  AuditEvent event{"retention.hold.place", "legal_hold", h.id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageRetention, organisation_id));
    JIGSAW_RETURN_IF_ERROR(domain::Validate(h));
    if (h.subject == HoldSubject::kConcern) {
      const auto c = JIGSAW_TRY(tx.casework().FindConcern(h.subject_id));
      if (!c || c->organisation_id != organisation_id) return NotYours("subject_id");
      event.child_id = c->child_id;
    } else {
      const auto p = JIGSAW_TRY(tx.casework().FindPerson(h.subject_id));
      if (!p || p->organisation_id != organisation_id) return NotYours("subject_id");
      // A hold keeps a child's case file; a parent's details go only with
      // an erasure, which a hold on any child they are around stops.
      if (p->kind != domain::PersonKind::kChild)
        return InvalidArgument("subject_id",
                               "Choose a child. To keep a parent's records, place the hold on their child's.");
      event.child_id = p->id;
    }
    return tx.retention().InsertHold(h);
  }));
  return h;
}

Result<LegalHold> Retention::LiftHold(const Context& context, const std::string& hold_id, std::string reason) {
  const std::string& organisation_id = context.actor.organisation_id;
  LegalHold h;
  AuditEvent event{"retention.hold.lift", "legal_hold", hold_id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto found = JIGSAW_TRY(tx.retention().FindHold(hold_id));
    if (!found || found->organisation_id != organisation_id) return NotYours("hold_id");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageRetention, organisation_id));
    h = *found;
    if (!domain::IsActive(h))
      return Fail(ErrorCode::kFailedPrecondition, "This legal hold was lifted before.", "hold_id");
    h.lift_reason = std::move(reason);
    domain::TidyFreeText(h.lift_reason);
    JIGSAW_RETURN_IF_ERROR(
        domain::ValidateRequiredText("lift_reason", h.lift_reason, 2000, "Enter why the hold can be lifted."));
    h.lifted_by = context.actor.practitioner_id;
    h.lifted_at = clock_.Now();
    return tx.retention().LiftHold(h);
  }));
  return h;
}

Result<std::vector<LegalHold>> Retention::Holds(const Context& context) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"retention.hold.list", "organisation", organisation_id};
  std::vector<LegalHold> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewRetention, organisation_id));
    out = JIGSAW_TRY(tx.retention().Holds(organisation_id, false));
    return Ok();
  }));
  return out;
}

Result<ErasurePreview> Retention::PreviewErasure(const Context& context, const NewErasureDecision& in) {
  const std::string& organisation_id = context.actor.organisation_id;
  const Time now = clock_.Now();
  const domain::ErasureRequest r = ErasureRequestOf(context, in, now);
  AuditEvent event{"erasure.preview", "person", in.person_id};
  ErasurePreview out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageRetention, organisation_id));
    JIGSAW_RETURN_IF_ERROR(domain::Validate(r, domain::UkDate(now)));
    const auto person = JIGSAW_TRY(tx.casework().FindPerson(r.person_id));
    if (!person || person->organisation_id != organisation_id) return NotYours("person_id");
    const auto children = JIGSAW_TRY(ChildrenAround(tx, *person));
    event.child_id = children.empty() ? std::string() : children.front();
    out.concerns = JIGSAW_TRY(ErasableConcerns(tx, *person, children)).size();
    out.person = *person;
    return Ok();
  }));
  return out;
}

Result<domain::ErasureRequest> Retention::DecideErasure(const Context& context, NewErasureDecision in) {
  const std::string& organisation_id = context.actor.organisation_id;
  const Time now = clock_.Now();
  domain::ErasureRequest r = ErasureRequestOf(context, std::move(in), now);
  r.id = NewId();
  AuditEvent event{r.outcome == ErasureOutcome::kGranted ? "erasure.grant" : "erasure.refuse", "erasure_request",
                   r.id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageRetention, organisation_id));
    JIGSAW_RETURN_IF_ERROR(domain::Validate(r, domain::UkDate(now)));
    const auto person = JIGSAW_TRY(tx.casework().FindPerson(r.person_id));
    if (!person || person->organisation_id != organisation_id) return NotYours("person_id");
    const auto children = JIGSAW_TRY(ChildrenAround(tx, *person));
    event.child_id = children.empty() ? std::string() : children.front();
    JIGSAW_RETURN_IF_ERROR(tx.retention().InsertErasureRequest(r));
    if (r.outcome != ErasureOutcome::kGranted) return Ok();
    const auto theirs = JIGSAW_TRY(ErasableConcerns(tx, *person, children));
    for (const auto& c : theirs) {
      JIGSAW_RETURN_IF_ERROR(tx.retention().InsertDestruction(
          Destruction{.id = NewId(), .organisation_id = organisation_id, .kind = RecordKind::kConcern,
                      .record_id = c.concern_id, .child_id = r.person_id, .cause = DestructionCause::kErasure,
                      .erasure_request_id = r.id, .confirmed_by = r.decided_by, .destroyed_at = now}));
      JIGSAW_RETURN_IF_ERROR(tx.retention().DestroyConcernContent(c.concern_id));
    }
    return tx.retention().DestroyPersonDetails(r.person_id);
  }));
  if (r.outcome == ErasureOutcome::kGranted) CompactAfterDestruction(store_);
  return r;
}

Result<std::vector<domain::ErasureRequest>> Retention::ErasureRequests(const Context& context) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"erasure.list", "organisation", organisation_id};
  std::vector<domain::ErasureRequest> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewRetention, organisation_id));
    out = JIGSAW_TRY(tx.retention().ErasureRequests(organisation_id));
    return Ok();
  }));
  return out;
}

Result<std::vector<Destruction>> Retention::Destructions(const Context& context) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"retention.destructions.list", "organisation", organisation_id};
  std::vector<Destruction> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewRetention, organisation_id));
    out = JIGSAW_TRY(tx.retention().Destructions(organisation_id));
    return Ok();
  }));
  return out;
}

Result<PurgeCounts> Retention::Purge() {
  const Time now = clock_.Now();
  PurgeCounts counts;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    for (const auto& organisation : JIGSAW_TRY(tx.organisations().List())) {
      const auto schedule = JIGSAW_TRY(LoadSchedule(tx, organisation.id));
      auto before = [&](RecordKind kind) -> std::optional<Time> {
        const auto rule = domain::RuleFor(schedule, kind);
        if (rule.disposal != domain::Disposal::kAutomatic) return std::nullopt;
        return domain::DueIfBefore(rule.period, now);
      };
      if (auto t = before(RecordKind::kDraft)) counts.drafts += JIGSAW_TRY(tx.retention().PurgeDrafts(organisation.id, *t));
      if (auto t = before(RecordKind::kSession))
        counts.sessions += JIGSAW_TRY(tx.retention().PurgeSessions(organisation.id, *t));
      if (auto t = before(RecordKind::kNotification))
        counts.notifications += JIGSAW_TRY(tx.retention().PurgeNotifications(organisation.id, *t));
    }
    return Ok();
  }));
  return counts;
}

Result<std::size_t> Retention::CountDue() {
  const Time now = clock_.Now();
  std::size_t due = 0;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    for (const auto& organisation : JIGSAW_TRY(tx.organisations().List())) {
      const auto rule = domain::RuleFor(JIGSAW_TRY(LoadSchedule(tx, organisation.id)), RecordKind::kConcern);
      for (const auto& c : JIGSAW_TRY(tx.retention().ConcernsToMeasure(organisation.id)))
        if (domain::IsDue(rule, c.dates, now)) ++due;
    }
    return Ok();
  }));
  return due;
}

}  // namespace jigsaw::service
