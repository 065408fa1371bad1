#include "service/overview.h"

#include <algorithm>
#include <map>

#include "service/lists.h"
#include "service/restrictions.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;

namespace {

// A section the actor's roles do not reach is empty; anything else that
// fails (the database) fails the whole page.
template <typename T>
Status Section(Result<std::vector<T>> result, std::vector<T>& into) {
  if (result) {
    into = std::move(*result);
    return Ok();
  }
  if (result.error().code == ErrorCode::kPermissionDenied || result.error().code == ErrorCode::kNotFound)
    return Ok();
  return std::unexpected(result.error());
}

}  // namespace

Significance IsSignificant(ChronologyKind kind, std::string_view detail) {
  using K = ChronologyKind;
  const auto yes = [](bool b) { return b ? Significance::kSignificant : Significance::kRoutine; };
  switch (kind) {
    case K::kIncident:
    case K::kDecision:
    case K::kDisclosureSent:
      return Significance::kSignificant;
    case K::kConcernRaised: {
      const auto level = ParseEnum<domain::ConcernLevel>(detail);
      return yes(level == domain::ConcernLevel::kSignificant || level == domain::ConcernLevel::kImmediate);
    }
    case K::kNextStep: {
      const auto step = ParseEnum<domain::NextStep>(detail);
      return yes(step == domain::NextStep::kReferToChildrensSocialCare || step == domain::NextStep::kReferToPolice);
    }
    case K::kFeedback: {
      const auto action = ParseEnum<domain::FeedbackAction>(detail);
      return yes(action == domain::FeedbackAction::kChildInNeedAssessment ||
                 action == domain::FeedbackAction::kStrategyDiscussion || action == domain::FeedbackAction::kPoliceAction);
    }
    case K::kConcernSeen:
    case K::kDisclosureReceived:
      return Significance::kRoutine;
  }
  return Significance::kRoutine;
}

Result<WhatNeedsMe> Overview::WhatNeedsMeNow(const Context& context) {
  AuditEvent event{"overview.view", "practitioner", context.actor.practitioner_id};
  WhatNeedsMe out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto& a = context.actor;
    if (a.practitioner_id.empty()) return PermissionDenied("Sign in first.");
    JIGSAW_RETURN_IF_ERROR(Section(lists::SafeguardingQueue(tx, a), out.queue));
    store::DisclosureQuery unread;
    unread.unread_only = true;
    unread.exclude_recalled = true;  // the recipient is told of a recall separately
    JIGSAW_RETURN_IF_ERROR(Section(lists::Disclosures(tx, a, /*inbox=*/true, unread), out.inbox_unread));
    store::DisclosureQuery open;
    open.without_feedback_only = true;
    open.exclude_recalled = true;
    JIGSAW_RETURN_IF_ERROR(Section(lists::Disclosures(tx, a, true, open), out.feedback_owed_by_me));
    JIGSAW_RETURN_IF_ERROR(Section(lists::Disclosures(tx, a, false, open), out.feedback_owed_to_me));
    JIGSAW_RETURN_IF_ERROR(Section(lists::OwedRecords(tx, a), out.records_owed));
    if (access::Authorise(a, Action::kApproveShare, RecordFacts{a.organisation_id, {}, {}, {}, {}})) {
      store::DecisionQuery waiting;
      waiting.organisation_id = a.organisation_id;
      waiting.awaiting_approval_only = true;
      out.shares_to_approve = JIGSAW_TRY(tx.casework().Decisions(waiting));
    }
    JIGSAW_RETURN_IF_ERROR(Section(lists::AdviceRequests(tx, a, /*to_me=*/true, /*unanswered_only=*/true),
                                   out.advice_to_me));
    JIGSAW_RETURN_IF_ERROR(Section(lists::AdviceRequests(tx, a, false), out.advice_mine));
    JIGSAW_RETURN_IF_ERROR(
        Section(lists::InformationRequests(tx, a, /*received=*/true, /*open_only=*/true), out.requests_received));
    JIGSAW_RETURN_IF_ERROR(Section(lists::InformationRequests(tx, a, false, true), out.requests_sent));
    if (access::Authorise(a, Action::kRecordCasework, RecordFacts{a.organisation_id, {}, {}, {}, {}})) {
      store::ConcernQuery mine;
      mine.organisation_id = a.organisation_id;
      mine.raised_by = a.practitioner_id;
      mine.limit = 20;
      out.my_concerns = JIGSAW_TRY(tx.casework().Concerns(mine));
      std::sort(out.my_concerns.begin(), out.my_concerns.end(),
                [](const auto& x, const auto& y) { return x.created_at > y.created_at; });
    }
    const auto withholding = JIGSAW_TRY(Withholding::Load(tx, a, a.organisation_id));
    withholding.MaskAll(out.my_concerns);
    for (auto* list : {&out.records_owed, &out.shares_to_approve})
      std::erase_if(*list, [&](const domain::Decision& d) { return withholding.Withholds(d.child_id); });
    out.notifications = JIGSAW_TRY(tx.casework().Notifications(a.practitioner_id, /*unread_only=*/true, 50));
    JIGSAW_RETURN_IF_ERROR(Section(lists::MyTasks(tx, a), out.my_tasks));
    withholding.MaskAll(out.my_tasks);
    JIGSAW_RETURN_IF_ERROR(Section(lists::AllocatedToMe(tx, a), out.allocated_to_me));
    out.training_due = JIGSAW_TRY(TrainingDue(tx, a, domain::UkDate(clock_.Now())));
    out.reviews_due = JIGSAW_TRY(ReviewsDue(tx, a, domain::UkDate(clock_.Now())));
    // Names for the lists' children: all the organisation's own records,
    // which everyone who sees these lists may view.
    std::vector<std::string> children;
    for (const auto* list : {&out.queue, &out.my_concerns})
      for (const auto& c : *list) children.push_back(c.child_id);
    for (const auto* list : {&out.records_owed, &out.shares_to_approve})
      for (const auto& d : *list) children.push_back(d.child_id);
    for (const auto& t : out.my_tasks) children.push_back(t.child_id);
    for (auto& p : JIGSAW_TRY(tx.casework().People(children)))
      if (p.organisation_id == a.organisation_id) {
        withholding.Mask(p);
        out.child_names[p.id] = p.FullName();
      }
    return Ok();
  }));
  return out;
}

Status AppendOwnChronology(store::Transaction& tx, const access::Actor& a, const domain::Person& child,
                           std::vector<ChronologyEntry>& entries) {
  auto& cw = tx.casework();
  std::map<std::string, std::string> names;  // practitioner and organisation ids to names
  for (const auto& o : JIGSAW_TRY(tx.organisations().List())) names[o.id] = o.name;
  auto name_of = [&](const std::string& practitioner_id) -> Result<std::string> {
    if (practitioner_id.empty()) return std::string();
    if (auto it = names.find(practitioner_id); it != names.end()) return it->second;
    auto p = JIGSAW_TRY(tx.practitioners().Find(practitioner_id));
    return names[practitioner_id] = p ? p->display_name : std::string();
  };
  auto add = [&](Time at, ChronologyKind kind, std::string type, const std::string& id, std::string who,
                 std::string detail) {
    const Significance significance = IsSignificant(kind, detail);
    entries.push_back({at, kind, std::move(type), id, std::move(who), std::move(detail), ChronologyPrecision::kMoment,
                       significance});
  };

  store::ConcernQuery cq;
  cq.child_id = child.id;
  cq.organisation_id = child.organisation_id;
  for (const auto& c : JIGSAW_TRY(cw.Concerns(cq))) {
    if (!access::Authorise(a, Action::kViewConcern, RecordFacts{c.organisation_id, c.raised_by, {}, {}, {}})) continue;
    if (const auto happened = domain::IncidentMoment(c)) {
      add(*happened, ChronologyKind::kIncident, "concern", c.id, JIGSAW_TRY(name_of(c.raised_by)), c.incident_place);
      if (c.incident_time.empty()) entries.back().precision = ChronologyPrecision::kDay;
    }
    add(c.created_at, ChronologyKind::kConcernRaised, "concern", c.id, JIGSAW_TRY(name_of(c.raised_by)),
        std::string(ToString(c.level)));
    if (c.seen_at != Time{})
      add(c.seen_at, ChronologyKind::kConcernSeen, "concern", c.id, JIGSAW_TRY(name_of(c.seen_by)), "");
    if (c.next_step)
      add(c.actioned_at, ChronologyKind::kNextStep, "concern", c.id, JIGSAW_TRY(name_of(c.actioned_by)),
          std::string(ToString(*c.next_step)));
  }
  store::DecisionQuery dq;
  dq.organisation_id = child.organisation_id;
  dq.child_id = child.id;
  for (const auto& d : JIGSAW_TRY(cw.Decisions(dq))) {
    if (!access::Authorise(a, Action::kViewDecision, RecordFacts{d.organisation_id, d.decided_by, {}, {}, {}})) continue;
    add(d.created_at, ChronologyKind::kDecision, "decision", d.id, JIGSAW_TRY(name_of(d.decided_by)),
        std::string(ToString(d.outcome)));
  }
  store::DisclosureQuery sq;
  sq.child_id = child.id;
  sq.sharer_organisation_id = child.organisation_id;
  for (const auto& s : JIGSAW_TRY(cw.Disclosures(sq))) {
    if (!access::Authorise(a, Action::kViewDisclosure, access::FactsOf(s))) continue;
    add(s.created_at, ChronologyKind::kDisclosureSent, "disclosure", s.id, names[s.recipient_organisation_id], "");
    if (s.received_at != Time{})
      add(s.received_at, ChronologyKind::kDisclosureReceived, "disclosure", s.id,
          names[s.recipient_organisation_id], "");
    for (const auto& f : JIGSAW_TRY(cw.FeedbackOn(s.id)))
      add(f.created_at, ChronologyKind::kFeedback, "disclosure", s.id, names[f.organisation_id],
          std::string(ToString(f.action)));
  }
  return Ok();
}

Result<Chronology> Overview::ChronologyOf(const Context& context, const std::string& child_id) {
  AuditEvent event{"child.chronology", "person", child_id};
  Chronology out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto& a = context.actor;
    auto child = JIGSAW_TRY(tx.casework().FindPerson(child_id));
    if (!child) return NotFound("There is no such record, or it is not shared with you.");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(a, Action::kViewPeople, RecordFacts{child->organisation_id, {}, {}, {}, {}}));
    event.child_id = child->id;
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, a, child->organisation_id)).Check(child->id));
    out.child = *child;
    JIGSAW_RETURN_IF_ERROR(AppendOwnChronology(tx, a, *child, out.entries));
    std::stable_sort(out.entries.begin(), out.entries.end(),
                     [](const auto& x, const auto& y) { return x.at < y.at; });
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
