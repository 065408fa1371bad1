#include "service/triage.h"

#include <algorithm>
#include <map>

#include "common/json_fields.h"
#include "common/json_writer.h"
#include "service/casework.h"
#include "service/lists.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;

namespace {

constexpr std::string_view kTriageHidden = "There is no such record, or it is not shared with you.";

// The summary is sealed under the disclosure's own key but bound to a
// different name, so that it cannot be passed off as the content or the
// content as it.
std::string SummaryBinding(const std::string& disclosure_id) { return disclosure_id + "/triage-summary"; }

using access::FactsOf;

// The summary of one disclosure: its sealed summary, or its content for a
// disclosure made before summaries were kept.
Result<TriageSummary> OpenSummary(store::Transaction& tx, const access::Sealer& sealer, const std::string& id,
                                  const std::string& recipient, const std::map<std::string, Bytes>& summaries) {
  if (auto s = summaries.find(id); s != summaries.end())
    return ParseTriageSummary(JIGSAW_TRY(sealer.Open(s->second, SummaryBinding(id), recipient)));
  auto d = JIGSAW_TRY(tx.casework().FindDisclosure(id));
  if (!d) return Internal("A listed disclosure is missing.");
  return SummaryOf(JIGSAW_TRY(ParseRecipientView(JIGSAW_TRY(sealer.Open(d->sealed_content, d->id, recipient)))));
}

int LevelRank(const std::optional<domain::ConcernLevel>& level) {
  return level ? static_cast<int>(*level) + 1 : 0;  // none stated sorts last
}

int RatingRank(const std::optional<domain::RagRating>& rating) {
  return rating ? 3 - static_cast<int>(*rating) : 0;  // red, amber, green, unrated
}

bool Passes(const InboxEntry& e, const InboxFilter& f, const std::string& me) {
  const auto& rating = e.marks.rating;
  switch (f.rating) {
    case RatingFilter::kAny: break;
    case RatingFilter::kRed: if (rating != domain::RagRating::kRed) return false; break;
    case RatingFilter::kAmber: if (rating != domain::RagRating::kAmber) return false; break;
    case RatingFilter::kGreen: if (rating != domain::RagRating::kGreen) return false; break;
    case RatingFilter::kUnrated: if (rating) return false; break;
  }
  switch (f.allocation) {
    case AllocationFilter::kAny: break;
    case AllocationFilter::kUnallocated: if (!e.marks.allocated_to.empty()) return false; break;
    case AllocationFilter::kMine: if (me.empty() || e.marks.allocated_to != me) return false; break;
  }
  if (f.level && e.about.level != f.level) return false;
  const auto& d = e.disclosure.disclosure;
  // Nothing is owed on a recalled disclosure: only "any status" lists it.
  if (f.state != InboxState::kAny && domain::IsRecalled(d)) return false;
  switch (f.state) {
    case InboxState::kAny: break;
    case InboxState::kUnread: if (d.received_at != Time{}) return false; break;
    case InboxState::kOverdue: if (!e.overdue) return false; break;
    case InboxState::kAwaitingFeedback: if (d.feedback_at != Time{}) return false; break;
  }
  return true;
}

std::map<std::string, std::string> NamesOf(const std::vector<domain::Practitioner>& people) {
  std::map<std::string, std::string> out;
  for (const auto& p : people) out[p.id] = p.display_name;
  return out;
}

std::string NameIn(const std::map<std::string, std::string>& names, const std::string& id) {
  auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

access::Actor TriageActor(const domain::Practitioner& p) { return access::Actor{p.id, p.organisation_id, p.roles}; }

}  // namespace

TriageSummary SummaryOf(const RecipientView& v) {
  TriageSummary s;
  if (v.child) {
    s.child_name = v.child->given_name + (v.child->family_name.empty() ? "" : " " + v.child->family_name);
    s.child_date_of_birth = v.child->date_of_birth;
  }
  if (v.concern) {
    s.level = v.concern->level;
    s.forms = v.concern->forms;
  }
  s.emergency = v.emergency;
  s.family = v.family;
  s.sharer_practitioner = v.sharer_practitioner;
  s.sharer_role = v.sharer_role;
  return s;
}

std::string ToJson(const TriageSummary& s) {
  JsonWriter w(256);
  w.BeginObject().Key("child_name").String(s.child_name).Key("child_date_of_birth").String(s.child_date_of_birth);
  if (s.level) w.Key("level").String(ToString(*s.level));
  w.Key("forms").BeginArray();
  for (auto f : s.forms) w.String(ToString(f));
  w.EndArray();
  w.Key("emergency").Bool(s.emergency);
  if (s.family) w.Key("family").String(ToString(*s.family));
  w.Key("sharer_practitioner").String(s.sharer_practitioner);
  if (s.sharer_role) w.Key("sharer_role").String(ToString(*s.sharer_role));
  return w.EndObject().Take();
}

Result<TriageSummary> ParseTriageSummary(std::string_view json) {
  auto doc = JsonDocument::Parse(json);
  if (!doc || !doc->root().IsObject()) return Internal("A disclosure's triage summary could not be read.");
  const JsonFields f(doc->root());
  auto parsed = [&]() -> Result<TriageSummary> {
    TriageSummary s;
    s.child_name = JIGSAW_TRY(f.StringOrEmpty("child_name"));
    s.child_date_of_birth = JIGSAW_TRY(f.StringOrEmpty("child_date_of_birth"));
    if (f.Has("level")) s.level = JIGSAW_TRY(f.Enum<domain::ConcernLevel>("level"));
    s.forms = JIGSAW_TRY(f.Enums<domain::AbuseForm>("forms"));
    s.emergency = JIGSAW_TRY(f.BoolOr("emergency", false));
    if (f.Has("family")) s.family = JIGSAW_TRY(f.Enum<FamilyInformed>("family"));
    s.sharer_practitioner = JIGSAW_TRY(f.StringOrEmpty("sharer_practitioner"));
    if (f.Has("sharer_role")) s.sharer_role = JIGSAW_TRY(f.Enum<domain::Role>("sharer_role"));
    return s;
  }();
  if (!parsed) return Internal("A disclosure's triage summary could not be read: " + parsed.error().message);
  return parsed;
}

Status RecordTriageSummary(store::Transaction& tx, const access::Sealer& sealer, const domain::Disclosure& d,
                           const RecipientView& view) {
  return tx.case_management().InsertDisclosureSummary(
      d.id, d.recipient_organisation_id,
      sealer.Seal(ToJson(SummaryOf(view)), SummaryBinding(d.id), d.recipient_organisation_id));
}

bool AcknowledgementOverdue(const domain::Disclosure& d, Time now) {
  return d.received_at == Time{} && d.acknowledgement_due_at != Time{} && now > d.acknowledgement_due_at;
}

bool FeedbackOverdue(const domain::Disclosure& d, Time now) {
  return d.feedback_at == Time{} && d.feedback_due_at != Time{} && now > d.feedback_due_at;
}

std::vector<InboxEntry> Arrange(std::vector<InboxEntry> entries, const InboxFilter& filter, const std::string& me) {
  std::erase_if(entries, [&](const InboxEntry& e) { return !Passes(e, filter, me); });
  auto newer = [](const InboxEntry& a, const InboxEntry& b) {
    const auto &x = a.disclosure.disclosure, &y = b.disclosure.disclosure;
    return x.created_at != y.created_at ? x.created_at > y.created_at : x.id < y.id;
  };
  std::sort(entries.begin(), entries.end(), [&](const InboxEntry& a, const InboxEntry& b) {
    switch (filter.sort) {
      case InboxSort::kNewest: break;
      case InboxSort::kOldest: return newer(b, a);
      case InboxSort::kLevel:
        if (LevelRank(a.about.level) != LevelRank(b.about.level)) return LevelRank(a.about.level) > LevelRank(b.about.level);
        break;
      case InboxSort::kRating:
        if (RatingRank(a.marks.rating) != RatingRank(b.marks.rating))
          return RatingRank(a.marks.rating) > RatingRank(b.marks.rating);
        break;
    }
    return newer(a, b);
  });
  return entries;
}

Result<std::vector<InboxEntry>> Triage::Inbox(const Context& context, const InboxFilter& filter) {
  AuditEvent event{"disclosure.inbox", "organisation", context.actor.organisation_id};
  event.purpose = "triage";
  std::vector<InboxEntry> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto& a = context.actor;
    store::DisclosureQuery q;
    q.limit = 1000;
    auto received = JIGSAW_TRY(lists::Disclosures(tx, a, /*inbox=*/true, q));
    std::vector<std::string> ids;
    for (const auto& s : received) ids.push_back(s.disclosure.id);
    const auto summaries = JIGSAW_TRY(tx.case_management().DisclosureSummaries(ids));
    std::map<std::string, domain::DisclosureTriage> marks;
    for (auto& m : JIGSAW_TRY(tx.case_management().TriageOf(a.organisation_id))) marks[m.disclosure_id] = std::move(m);
    const auto names = NamesOf(JIGSAW_TRY(tx.practitioners().List(a.organisation_id)));
    const Time now = clock_.Now();
    for (auto& s : received) {
      InboxEntry e;
      // A recalled disclosure is listed, marked, with nothing of its content
      // (its summary was destroyed; its content is never opened for them).
      const bool recalled = domain::IsRecalled(s.disclosure);
      if (!recalled) e.about = JIGSAW_TRY(OpenSummary(tx, sealer_, s.disclosure.id, a.organisation_id, summaries));
      if (auto m = marks.find(s.disclosure.id); m != marks.end()) e.marks = m->second;
      e.allocated_to_name = NameIn(names, e.marks.allocated_to);
      e.overdue = !recalled && (AcknowledgementOverdue(s.disclosure, now) || FeedbackOverdue(s.disclosure, now));
      e.disclosure = std::move(s);
      out.push_back(std::move(e));
    }
    out = Arrange(std::move(out), filter, a.practitioner_id);
    return Ok();
  }));
  return out;
}

Result<TriageMarks> Triage::Marks(const Context& context, const std::string& disclosure_id) {
  AuditEvent event{"disclosure.triage.view", "disclosure", disclosure_id};
  TriageMarks out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(tx.casework().FindDisclosure(disclosure_id));
    if (!d) return NotFound(std::string(kTriageHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kReceiveDisclosure, FactsOf(*d)));
    out.marks = JIGSAW_TRY(tx.case_management().FindTriage(d->id)).value_or(domain::DisclosureTriage{});
    const auto people = JIGSAW_TRY(tx.practitioners().List(d->recipient_organisation_id));
    const auto names = NamesOf(people);
    out.rated_by_name = NameIn(names, out.marks.rated_by);
    out.allocated_to_name = NameIn(names, out.marks.allocated_to);
    out.allocated_by_name = NameIn(names, out.marks.allocated_by);
    out.may_triage = access::Authorise(context.actor, Action::kTriageDisclosure, FactsOf(*d)).has_value();
    if (out.may_triage)
      for (const auto& p : people)
        if (!p.disabled && access::Authorise(TriageActor(p), Action::kReceiveDisclosure, FactsOf(*d)))
          out.workers.push_back(p);
    return Ok();
  }));
  return out;
}

Result<domain::DisclosureTriage> Triage::Rate(const Context& context, const std::string& disclosure_id,
                                              domain::RagRating rating) {
  AuditEvent event{"disclosure.rate", "disclosure", disclosure_id};
  domain::DisclosureTriage out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(tx.casework().FindDisclosure(disclosure_id));
    if (!d) return NotFound(std::string(kTriageHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kTriageDisclosure, FactsOf(*d)));
    out = JIGSAW_TRY(tx.case_management().FindTriage(d->id))
              .value_or(domain::DisclosureTriage{.disclosure_id = d->id, .organisation_id = d->recipient_organisation_id});
    out.rating = rating;
    out.rated_by = context.actor.practitioner_id;
    out.rated_at = clock_.Now();
    return tx.case_management().PutTriage(out);
  }));
  return out;
}

Result<domain::DisclosureTriage> Triage::Allocate(const Context& context, const std::string& disclosure_id,
                                                  const std::string& practitioner_id) {
  AuditEvent event{"disclosure.allocate", "disclosure", disclosure_id};
  domain::DisclosureTriage out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(tx.casework().FindDisclosure(disclosure_id));
    if (!d) return NotFound(std::string(kTriageHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kTriageDisclosure, FactsOf(*d)));
    std::optional<domain::Practitioner> worker;
    if (!practitioner_id.empty()) worker = JIGSAW_TRY(tx.practitioners().Find(practitioner_id));
    if (!worker || worker->organisation_id != d->recipient_organisation_id || worker->disabled)
      return InvalidArgument("practitioner_id", "Choose a practitioner or designated safeguarding lead of your organisation.");
    // One rule for who may hold it: whoever may receive it (a disclosure
    // addressed to a named practitioner stays with them and the DSLs).
    if (!access::Authorise(TriageActor(*worker), Action::kReceiveDisclosure, FactsOf(*d)))
      return InvalidArgument("practitioner_id",
                             worker->display_name + " cannot read this information: it was sent to a named person. "
                                                    "Allocate it to them or to a designated safeguarding lead.");
    out = JIGSAW_TRY(tx.case_management().FindTriage(d->id))
              .value_or(domain::DisclosureTriage{.disclosure_id = d->id, .organisation_id = d->recipient_organisation_id});
    if (out.allocated_to == worker->id) return Ok();  // already theirs: nothing changes, nobody is told again
    const Time now = clock_.Now();
    out.allocated_to = worker->id;
    out.allocated_by = context.actor.practitioner_id;
    out.allocated_at = now;
    JIGSAW_RETURN_IF_ERROR(tx.case_management().PutTriage(out));
    if (worker->id == context.actor.practitioner_id) return Ok();
    return Notify(tx, now, worker->id, "disclosure.allocated", "disclosure", d->id);
  }));
  return out;
}

}  // namespace jigsaw::service
