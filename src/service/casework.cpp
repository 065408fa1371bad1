#include "service/casework.h"

#include <algorithm>
#include <set>

#include "common/random.h"
#include "service/linking.h"
#include "service/lists.h"
#include "service/partnership.h"
#include "service/restrictions.h"
#include "domain/text.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;
using domain::Person;

namespace {

RecordFacts OwnedBy(const std::string& organisation_id, const std::string& owner = {}) {
  return RecordFacts{organisation_id, owner, {}, {}, {}};
}

Status Check(const Context& context, Action action, const RecordFacts& facts) {
  return access::Authorise(context.actor, action, facts);
}

}  // namespace

Result<domain::InformationItem> MakeItem(store::Transaction& tx, const Context& context, Time now,
                                         const std::string& concern_id, const std::string& field,
                                         NewItem in) {
  domain::InformationItem item{NewId(), context.actor.organisation_id, concern_id, in.person_id,
                               std::move(in.text), std::move(in.source), std::move(in.date),
                               in.accuracy, std::move(in.special_category), in.criminal_offence,
                               in.confidential, std::move(in.identifies), context.actor.practitioner_id,
                               now};
  domain::Tidy(item);
  if (auto valid = domain::Validate(item, now); !valid) {
    Error e = valid.error();
    e.field = field + e.field;
    return std::unexpected(e);
  }
  std::set<std::string> named(item.identifies.begin(), item.identifies.end());
  if (named.size() != item.identifies.size())
    return InvalidArgument(field + "identifies", "Name each person once.");
  named.insert(item.person_id);
  for (const std::string& id : named) {
    auto p = JIGSAW_TRY(tx.casework().FindPerson(id));
    if (!p || p->organisation_id != context.actor.organisation_id)
      return NotYours(id == item.person_id ? field + "person_id" : field + "identifies");
  }
  return item;
}

Result<Person> RecordChild(store::Transaction& tx, const AuditTrail& trail, const Context& context, Person p, Time now,
                           const std::string& field) {
  p.id = NewId();
  p.kind = domain::PersonKind::kChild;
  p.organisation_id = context.actor.organisation_id;
  p.created_by = context.actor.practitioner_id;
  p.created_at = now;
  domain::Tidy(p);
  JIGSAW_RETURN_IF_ERROR(Check(context, Action::kRecordCasework, OwnedBy(p.organisation_id)));
  if (auto valid = domain::Validate(p, now); !valid) {
    Error e = valid.error();
    e.field = field + e.field;
    return std::unexpected(e);
  }
  JIGSAW_RETURN_IF_ERROR(tx.casework().InsertPerson(p));
  JIGSAW_RETURN_IF_ERROR(SuggestMatchesForChild(tx, trail, context, p, now));
  JIGSAW_RETURN_IF_ERROR(IndexPeople(tx, now, {p.id}));
  JIGSAW_RETURN_IF_ERROR(
      trail.Append(tx, context, {"person.create", "person", p.id, domain::AuditOutcome::kAllowed, p.id, {}}));
  return p;
}

Status Notify(store::Transaction& tx, Time now, const std::string& practitioner_id, std::string kind,
              std::string object_type, std::string object_id) {
  if (practitioner_id.empty()) return Ok();
  return tx.casework().InsertNotification(
      {NewId(), practitioner_id, std::move(kind), std::move(object_type), std::move(object_id), now, {}});
}

Result<Person> Casework::AddPerson(const Context& context, Person p, const std::optional<LinkTo>& link) {
  AuditEvent event{"person.create", "person", {}};
  p.id = NewId();
  p.organisation_id = context.actor.organisation_id;
  p.created_by = context.actor.practitioner_id;
  p.created_at = clock_.Now();
  domain::Tidy(p);
  if (auto allowed = Check(context, Action::kRecordCasework, OwnedBy(p.organisation_id)); !allowed)
    return trail_.Deny(context, event, allowed.error());
  JIGSAW_RETURN_IF_ERROR(domain::Validate(p, p.created_at));
  event.object_id = p.id;
  if (p.kind == domain::PersonKind::kChild) event.child_id = p.id;
  // The person and their place in the child's life are written together:
  // a failed link leaves no one recorded.
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertPerson(p));
    // A child recorded again (by another colleague, under a nickname) is
    // offered to a person to link, in the same transaction as the record.
    JIGSAW_RETURN_IF_ERROR(SuggestMatchesForChild(tx, trail_, context, p, p.created_at));
    if (!link) return IndexPeople(tx, p.created_at, {p.id});
    auto other = JIGSAW_TRY(tx.casework().FindPerson(link->related_person_id));
    if (!other || other->organisation_id != p.organisation_id) return NotYours("related_to.person_id");
    if (other->kind == domain::PersonKind::kChild) event.child_id = other->id;
    domain::Relationship r{NewId(), p.organisation_id, p.id, other->id, link->kind, p.created_by, p.created_at};
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertRelationship(r));
    JIGSAW_RETURN_IF_ERROR(IndexPeople(tx, p.created_at, {p.id, other->id}));
    return trail_.Append(tx, context, {"relationship.create", "relationship", r.id, domain::AuditOutcome::kAllowed,
                                       event.child_id, {}});
  }));
  return p;
}

Result<PersonRecord> Casework::GetPerson(const Context& context, const std::string& id) {
  AuditEvent event{"person.view", "person", id};
  PersonRecord out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto p = JIGSAW_TRY(tx.casework().FindPerson(id));
    if (!p) return NotFound("There is no such record, or it is not shared with you.");
    JIGSAW_RETURN_IF_ERROR(Check(context, Action::kViewPeople, OwnedBy(p->organisation_id)));
    if (p->kind == domain::PersonKind::kChild) event.child_id = p->id;
    const auto withholding = JIGSAW_TRY(Withholding::Load(tx, context.actor, p->organisation_id));
    JIGSAW_RETURN_IF_ERROR(withholding.Check(p->id));
    out.person = *p;
    out.objections = JIGSAW_TRY(tx.restrictions().ObjectionsAbout(id));
    // Each relationship with the person on its other side, paired here so
    // that no one can show a person beside someone else's relationship.
    const auto relationships = JIGSAW_TRY(tx.casework().Relationships(id));
    std::vector<std::string> others;
    for (const auto& r : relationships) others.push_back(r.person_id == id ? r.related_person_id : r.person_id);
    const auto people = JIGSAW_TRY(tx.casework().People(others));
    for (std::size_t i = 0; i < relationships.size(); ++i) {
      auto other = std::find_if(people.begin(), people.end(), [&](const Person& x) { return x.id == others[i]; });
      if (other == people.end()) return Internal("A relationship names a person missing from the records.");
      out.related.push_back({relationships[i], *other});
      // A restricted parent is shown as restricted; the child's record remains.
      withholding.Mask(out.related.back().person);
    }
    return Ok();
  }));
  return out;
}

Result<std::vector<Person>> Casework::FindPeople(const Context& context, const std::string& name) {
  AuditEvent event{"person.search", "organisation", context.actor.organisation_id};
  std::vector<Person> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(Check(context, Action::kViewPeople, OwnedBy(context.actor.organisation_id)));
    out = JIGSAW_TRY(tx.casework().SearchPeople(context.actor.organisation_id, name, 50));
    JIGSAW_TRY(Withholding::Load(tx, context.actor, context.actor.organisation_id)).MaskAll(out);
    return Ok();
  }));
  return out;
}

Result<std::vector<Person>> Casework::ChildrenLike(const Context& context, const domain::InformationRequest& request) {
  std::vector<Person> out;
  for (auto& p : JIGSAW_TRY(FindPeople(context, request.child_family_name)))
    if (p.kind == domain::PersonKind::kChild && !p.restricted_since &&
        (request.child_date_of_birth.empty() || p.date_of_birth.empty() || p.date_of_birth == request.child_date_of_birth))
      out.push_back(std::move(p));
  return out;
}

Result<domain::Relationship> Casework::AddRelationship(const Context& context, domain::Relationship r) {
  AuditEvent event{"relationship.create", "relationship", {}};
  r.id = NewId();
  r.organisation_id = context.actor.organisation_id;
  r.created_by = context.actor.practitioner_id;
  r.created_at = clock_.Now();
  event.object_id = r.id;
  if (r.person_id == r.related_person_id)
    return InvalidArgument("related_person_id", "A person cannot be related to themselves.");
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(Check(context, Action::kRecordCasework, OwnedBy(r.organisation_id)));
    for (const auto& [field, id] : {std::pair{"person_id", r.person_id}, {"related_person_id", r.related_person_id}}) {
      auto p = JIGSAW_TRY(tx.casework().FindPerson(id));
      if (!p || p->organisation_id != r.organisation_id) return NotYours(field);
      if (p->kind == domain::PersonKind::kChild) event.child_id = p->id;
    }
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertRelationship(r));
    return IndexPeople(tx, r.created_at, {r.person_id, r.related_person_id});
  }));
  return r;
}

Result<ConcernRecord> Casework::RaiseConcern(const Context& context, const NewConcern& request) {
  // The child is recorded once they are known to be the organisation's own.
  AuditEvent event{"concern.create", "concern", {}, domain::AuditOutcome::kAllowed, {}, "safeguarding"};
  if (auto allowed = Check(context, Action::kRecordCasework, OwnedBy(context.actor.organisation_id)); !allowed)
    return trail_.Deny(context, event, allowed.error());
  const Time now = clock_.Now();
  ConcernRecord out;
  domain::Concern& c = out.concern;
  c = {NewId(), context.actor.organisation_id, request.child_id, context.actor.practitioner_id,
       request.forms, request.level, request.what_happened, request.child_words};
  c.created_at = now;
  c.incident_date = request.incident_date;
  c.incident_time = request.incident_time;
  c.incident_place = request.incident_place;
  domain::Tidy(c);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(c, now));
  event.object_id = c.id;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto child = JIGSAW_TRY(tx.casework().FindPerson(c.child_id));
    if (!child || child->organisation_id != c.organisation_id) return NotYours("child_id");
    event.child_id = child->id;
    if (child->kind != domain::PersonKind::kChild)
      return InvalidArgument("child_id", "A concern is about a child; this person is recorded as a " +
                                             std::string(ToString(child->kind)) + ".");
    // Under 18 at the date of the concern, not only when first recorded.
    if (auto dob = domain::ParseDate(child->date_of_birth);
        dob && domain::AgeOn(*dob, std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}) >= 18)
      return InvalidArgument("child_id", "This person is 18 or over: record a concern about an adult through adult safeguarding.");
    out.child = *child;
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertConcern(c));
    for (std::size_t i = 0; i < request.items.size(); ++i) {
      NewItem in = request.items[i];
      if (in.person_id.empty()) in.person_id = c.child_id;
      auto item = JIGSAW_TRY(MakeItem(tx, context, now, c.id, "items[" + std::to_string(i) + "].", std::move(in)));
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertItem(item));
      out.items.push_back(std::move(item));
    }
    return IndexConcern(tx, now, c.id);
  }));
  return out;
}

Result<ConcernRecord> Casework::GetConcern(const Context& context, const std::string& id) {
  AuditEvent event{"concern.view", "concern", id};
  ConcernRecord out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto c = JIGSAW_TRY(tx.casework().FindConcern(id));
    if (!c) return NotFound("There is no such record, or it is not shared with you.");
    event.child_id = c->child_id;
    JIGSAW_RETURN_IF_ERROR(Check(context, Action::kViewConcern, OwnedBy(c->organisation_id, c->raised_by)));
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, c->organisation_id)).Check(c->child_id));
    out.concern = *c;
    auto child = JIGSAW_TRY(tx.casework().FindPerson(c->child_id));
    if (!child) return Internal("A concern's child record is missing.");
    out.child = *child;
    out.items = JIGSAW_TRY(tx.casework().ItemsOfConcern(id));
    out.body_marks = JIGSAW_TRY(tx.recording().BodyMarksOfConcern(id));
    out.attachments = JIGSAW_TRY(tx.recording().AttachmentsOfConcern(id));
    return Ok();
  }));
  return out;
}

Result<std::vector<domain::Concern>> Casework::MyConcerns(const Context& context) {
  AuditEvent event{"concern.list", "practitioner", context.actor.practitioner_id};
  std::vector<domain::Concern> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(Check(context, Action::kRecordCasework, OwnedBy(context.actor.organisation_id)));
    store::ConcernQuery q;
    q.organisation_id = context.actor.organisation_id;
    q.raised_by = context.actor.practitioner_id;
    out = JIGSAW_TRY(tx.casework().Concerns(q));
    JIGSAW_TRY(Withholding::Load(tx, context.actor, context.actor.organisation_id)).MaskAll(out);
    return Ok();
  }));
  return out;
}

Result<std::vector<domain::Concern>> Casework::SafeguardingQueue(const Context& context) {
  AuditEvent event{"concern.queue", "organisation", context.actor.organisation_id};
  std::vector<domain::Concern> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(lists::SafeguardingQueue(tx, context.actor));
    return Ok();
  }));
  return out;
}

Result<domain::InformationItem> Casework::AddItem(const Context& context, const std::string& concern_id,
                                                  NewItem in) {
  // The item is recorded as added to its concern (a refusal has no item id).
  AuditEvent event{"item.create", "concern", concern_id};
  domain::InformationItem out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto c = JIGSAW_TRY(tx.casework().FindConcern(concern_id));
    if (!c) return NotFound("There is no such record, or it is not shared with you.");
    event.child_id = c->child_id;
    JIGSAW_RETURN_IF_ERROR(Check(context, Action::kAddItem, OwnedBy(c->organisation_id, c->raised_by)));
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, c->organisation_id)).Check(c->child_id));
    if (in.person_id.empty()) in.person_id = c->child_id;
    out = JIGSAW_TRY(MakeItem(tx, context, clock_.Now(), c->id, "", std::move(in)));
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertItem(out));
    return IndexConcern(tx, out.created_at, c->id);
  }));
  return out;
}

Result<domain::Concern> Casework::Triage(const Context& context, const std::string& concern_id,
                                         std::optional<domain::NextStep> step, const std::string& note) {
  AuditEvent event{step ? "concern.next_step" : "concern.seen", "concern", concern_id};
  std::string tidy_note = note;
  domain::TidyFreeText(tidy_note);
  if (step) JIGSAW_RETURN_IF_ERROR(domain::ValidateText("note", tidy_note, 20000));
  domain::Concern out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto c = JIGSAW_TRY(tx.casework().FindConcern(concern_id));
    if (!c) return NotFound("There is no such record, or it is not shared with you.");
    event.child_id = c->child_id;
    JIGSAW_RETURN_IF_ERROR(Check(context, Action::kTriageConcern, OwnedBy(c->organisation_id, c->raised_by)));
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, c->organisation_id)).Check(c->child_id));
    if (step && c->status == domain::ConcernStatus::kClosed)
      return Fail(ErrorCode::kFailedPrecondition, "This concern is closed: reopen it to record a next step.", "status");
    const Time now = clock_.Now();
    const bool newly_seen = c->status == domain::ConcernStatus::kNew;
    if (newly_seen) {
      c->status = domain::ConcernStatus::kSeen;
      c->seen_by = context.actor.practitioner_id;
      c->seen_at = now;
    }
    if (step) {
      c->status = domain::ConcernStatus::kActioned;
      c->next_step = step;
      c->next_step_note = tidy_note;
      c->actioned_by = context.actor.practitioner_id;
      c->actioned_at = now;
    }
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateConcernTriage(*c));
    if (newly_seen) JIGSAW_RETURN_IF_ERROR(Notify(tx, now, c->raised_by, "concern.seen", "concern", c->id));
    if (step) JIGSAW_RETURN_IF_ERROR(Notify(tx, now, c->raised_by, "concern.next_step", "concern", c->id));
    out = *c;
    return Ok();
  }));
  return out;
}

Result<domain::Concern> Casework::MarkSeen(const Context& context, const std::string& concern_id) {
  return Triage(context, concern_id, std::nullopt, {});
}

Result<domain::Concern> Casework::RecordNextStep(const Context& context, const std::string& concern_id,
                                                 domain::NextStep step, const std::string& note) {
  return Triage(context, concern_id, step, note);
}

Result<std::vector<domain::Notification>> Casework::Notifications(const Context& context, bool unread_only) {
  if (context.actor.practitioner_id.empty()) return PermissionDenied("Sign in first.");
  std::vector<domain::Notification> out;
  // A notice holds ids only, no personal data: reading one's own is not audited.
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.casework().Notifications(context.actor.practitioner_id, unread_only, 100));
    return Ok();
  }));
  return out;
}

Status Casework::MarkNotificationsRead(const Context& context) {
  if (context.actor.practitioner_id.empty()) return PermissionDenied("Sign in first.");
  return store_.Write([&](store::Transaction& tx) {
    return tx.casework().MarkNotificationsRead(context.actor.practitioner_id, clock_.Now());
  });
}

}  // namespace jigsaw::service
