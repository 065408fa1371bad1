#include "service/oversight.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/case_management.h"
#include "domain/person.h"
#include "domain/working_days.h"
#include "service/workflow.h"
#include "store/governance_repository.h"
#include "store/training_repository.h"

namespace jigsaw::service {

using access::Action;
using domain::TrainingKind;
using domain::TrainingState;
namespace chr = std::chrono;

namespace {

constexpr TrainingKind kKinds[] = {TrainingKind::kInformationSharing, TrainingKind::kDataProtection,
                                   TrainingKind::kSafeguarding};

// Enough for every record of a partnership over kMaxOversightMonths; the
// queries are bounded by the period's start.
constexpr std::size_t kNoLimit = 1'000'000;

std::string MonthOf(std::string_view iso_day) { return std::string(iso_day.substr(0, 7)); }

std::optional<int> Percent(int part, int whole) {
  if (whole <= 0) return std::nullopt;
  return (200 * part + whole) / (2 * whole);  // rounded half up
}

std::optional<double> MedianHours(std::vector<Duration> taken) {
  if (taken.empty()) return std::nullopt;
  std::sort(taken.begin(), taken.end());
  const std::size_t n = taken.size();
  const double micros = n % 2 == 1 ? static_cast<double>(taken[n / 2].count())
                                   : (static_cast<double>(taken[n / 2 - 1].count()) +
                                      static_cast<double>(taken[n / 2].count())) / 2.0;
  return micros / 3'600'000'000.0;
}

// The moment the UK local day `day` begins, in UTC.
Time StartOfUkDay(chr::sys_days day) {
  const Time midnight_utc = Time(chr::duration_cast<Duration>(day.time_since_epoch()));
  return midnight_utc - chr::duration_cast<Duration>(domain::WorkingCalendar::UkOffset(midnight_utc - chr::hours(1)));
}

// Judges one deadline: done at `done` (zero: not done) against `due`, at `as_at`.
void Judge(Timeliness& t, Time created, Time done, Time due, Time as_at, std::vector<Duration>& taken) {
  ++t.count;
  const bool is_done = done != Time{} && done <= as_at;
  if (is_done) {
    ++t.due;
    taken.push_back(done - created);
    if (done <= due) ++t.on_time; else ++t.late;
  } else if (due < as_at) {
    ++t.due;
    ++t.late;
  } else {
    ++t.pending;
  }
}

struct Window {
  std::string from, to;  // ISO days, inclusive
  Time as_at{};
  bool Holds(Time t) const {
    if (t > as_at) return false;
    const std::string day = domain::UkDate(t);
    return day >= from && day <= to;
  }
};

Timeliness Acknowledgements(const std::vector<domain::Disclosure>& list, const Window& w) {
  Timeliness t;
  std::vector<Duration> taken;
  for (const auto& d : list)
    // A recalled disclosure owes nothing: it may no longer be opened.
    if (w.Holds(d.created_at) && !domain::IsRecalled(d))
      Judge(t, d.created_at, d.received_at, d.acknowledgement_due_at, w.as_at, taken);
  t.percent_on_time = Percent(t.on_time, t.due);
  t.median_hours = MedianHours(std::move(taken));
  return t;
}

Timeliness Feedback(const std::vector<domain::Disclosure>& list, const Window& w) {
  Timeliness t;
  std::vector<Duration> taken;
  for (const auto& d : list)
    if (w.Holds(d.created_at) && !domain::IsRecalled(d))
      Judge(t, d.created_at, d.feedback_at, d.feedback_due_at, w.as_at, taken);
  t.percent_on_time = Percent(t.on_time, t.due);
  t.median_hours = MedianHours(std::move(taken));
  return t;
}

OversightMonth* MonthFor(std::vector<OversightMonth>& months, Time t) {
  const std::string m = MonthOf(domain::UkDate(t));
  for (auto& x : months)
    if (x.month == m) return &x;
  return nullptr;
}

// Decisions: each counted once, in the month the first record of it was
// made, as its latest record stands (an emergency share's full record, a
// correction or the DSL's change supersedes the first). A record that
// continues a decision made before the period is not counted.
void CountDecisions(const OversightRecords& r, const Window& w, OversightFigures& f) {
  std::map<std::string, const domain::Decision*> by_id;
  std::map<std::string, std::vector<const domain::Decision*>> successors;  // by the id superseded
  for (const auto& d : r.decisions) {
    if (d.created_at > w.as_at) continue;
    by_id[d.id] = &d;
    if (!d.supersedes.empty()) successors[d.supersedes].push_back(&d);
  }
  for (const auto& [id, root] : by_id) {
    if (!root->supersedes.empty() || !w.Holds(root->created_at)) continue;
    const domain::Decision* latest = root;
    const domain::Decision* full_record = nullptr;  // the first record superseding an emergency share
    for (auto it = successors.find(latest->id); it != successors.end(); it = successors.find(latest->id)) {
      const auto* next = *std::min_element(it->second.begin(), it->second.end(),
                                           [](const auto* a, const auto* b) { return a->created_at < b->created_at; });
      if (!full_record) full_record = next;
      latest = next;
    }
    // A member of staff's share the DSL declined was not made.
    const bool share = latest->outcome == domain::DecisionOutcome::kShare &&
                       latest->approval != domain::Approval::kDeclined;
    (share ? f.decisions_to_share : f.decisions_not_to_share)++;
    if (latest->departs_from_advice) ++f.departures_from_advice;
    if (auto* m = MonthFor(f.months, root->created_at)) (share ? m->decisions_to_share : m->decisions_not_to_share)++;
    if (!root->emergency) continue;
    ++f.emergency.shares;
    if (full_record) {
      ++f.emergency.records_written;
      if (full_record->created_at > root->rationale_due_at) ++f.emergency.records_late;
    } else {
      ++f.emergency.records_owed;
      if (root->rationale_due_at < w.as_at) ++f.emergency.records_overdue;
    }
  }
}

bool IsAnswer(domain::RequestMessageKind k) {
  return k == domain::RequestMessageKind::kAnswered || k == domain::RequestMessageKind::kRefused ||
         k == domain::RequestMessageKind::kNotKnown;
}

void CountRequests(const OversightRecords& r, const Window& w, OversightFigures& f) {
  std::vector<Duration> taken;
  static const std::vector<domain::RequestMessage> kNone;
  for (const auto& q : r.requests_received) {
    if (!w.Holds(q.created_at)) continue;
    ++f.requests.received;
    if (auto* m = MonthFor(f.months, q.created_at)) ++m->requests_received;
    const auto it = r.request_messages.find(q.id);
    const auto& messages = it == r.request_messages.end() ? kNone : it->second;
    bool answered = false, refused = false, not_known = false, reconsidered = false;
    Time first_answer{};
    // The state at the as-at moment is the last word said by then.
    std::optional<domain::RequestMessageKind> last;
    Time last_at{};
    for (const auto& m : messages) {
      if (m.created_at > w.as_at) continue;
      answered |= m.kind == domain::RequestMessageKind::kAnswered;
      refused |= m.kind == domain::RequestMessageKind::kRefused;
      not_known |= m.kind == domain::RequestMessageKind::kNotKnown;
      reconsidered |= m.kind == domain::RequestMessageKind::kReconsiderationRequested;
      if (IsAnswer(m.kind) && (first_answer == Time{} || m.created_at < first_answer)) first_answer = m.created_at;
      if (!last || m.created_at >= last_at) last = m.kind, last_at = m.created_at;
    }
    f.requests.answered += answered;
    f.requests.refused += refused;
    f.requests.not_known += not_known;
    f.requests.reconsidered += reconsidered;
    if (!last || !IsAnswer(*last)) ++f.requests.open;
    if (first_answer != Time{}) taken.push_back(first_answer - q.created_at);
  }
  f.requests.median_hours_to_answer = MedianHours(std::move(taken));
}

void CountAdvice(const OversightRecords& r, const Window& w, OversightFigures& f) {
  std::vector<Duration> taken;
  for (const auto& a : r.advice) {
    if (!w.Holds(a.created_at)) continue;
    ++f.advice.asked;
    if (auto* m = MonthFor(f.months, a.created_at)) ++m->advice_requests;
    if (a.answered_at != Time{} && a.answered_at <= w.as_at) {
      ++f.advice.answered;
      taken.push_back(a.answered_at - a.created_at);
    } else {
      ++f.advice.unanswered;
    }
  }
  f.advice.median_hours_to_answer = MedianHours(std::move(taken));
}

void CountGovernance(const OversightRecords& r, const std::string& today, OversightFigures& f) {
  using domain::AgreementState;
  for (const auto& a : r.agreements) {
    const auto state = domain::AgreementStateOn(a, today);
    if (state == AgreementState::kActive) ++f.governance.agreements_active;
    if ((state == AgreementState::kActive || state == AgreementState::kAwaitingSignature ||
         state == AgreementState::kDraft) &&
        domain::ReviewDue(a.review_on, today))
      ++f.governance.agreements_due_for_review;
  }
  for (const auto& d : r.dpias) {
    if (domain::DpiaStateOf(d) == domain::DpiaState::kApproved) ++f.governance.dpias_approved;
    if (domain::ReviewDue(d.review_on, today)) ++f.governance.dpias_due_for_review;
  }
}

void CountTraining(const OversightRecords& r, const std::string& today, OversightFigures& f) {
  f.staff = static_cast<int>(r.staff.size());
  for (const TrainingKind kind : kKinds) {
    TrainingCoverage c{.kind = kind};
    for (const auto& s : r.staff) {
      const auto required = domain::RequiredTrainingKinds(s.roles);
      if (std::find(required.begin(), required.end(), kind) == required.end()) continue;
      ++c.required;
      const auto it = s.latest_expiry.find(kind);
      switch (domain::StateOf(it == s.latest_expiry.end() ? std::string() : it->second, today)) {
        case TrainingState::kCurrent:
        case TrainingState::kExpiring: ++c.current; break;
        case TrainingState::kLapsed: ++c.lapsed; break;
        case TrainingState::kNone: ++c.none; break;
      }
    }
    c.percent_current = Percent(c.current, c.required);
    f.training.push_back(c);
  }
}

}  // namespace

std::string IsoDay(chr::sys_days day) {
  const chr::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

Result<OversightPeriod> PeriodOf(std::string_view from, std::string_view to) {
  const auto f = domain::ParseDate(from);
  if (!f) return InvalidArgument("from", "Enter the start of the period as a real date.");
  const auto t = domain::ParseDate(to);
  if (!t) return InvalidArgument("to", "Enter the end of the period as a real date.");
  OversightPeriod p{chr::sys_days(*f), chr::sys_days(*t)};
  if (p.to < p.from) return InvalidArgument("to", "The end of the period must be the same as or after its start.");
  const auto months = (t->year() - f->year()).count() * 12 +
                      (static_cast<int>(static_cast<unsigned>(t->month())) - static_cast<int>(static_cast<unsigned>(f->month())));
  if (months >= kMaxOversightMonths)
    return InvalidArgument("from", "Choose a period of at most " + std::to_string(kMaxOversightMonths / 12) + " years.");
  return p;
}

OversightPeriod LastMonths(Time now, int months) {
  const auto today = domain::ParseDate(domain::UkDate(now)).value();
  const chr::year_month first = chr::year_month(today.year(), today.month()) - chr::months(std::max(months, 1) - 1);
  return {chr::sys_days(first / chr::day(1)), chr::sys_days(today)};
}

Result<OversightPeriod> ChosenPeriod(std::string_view from, std::string_view to, std::string_view months, Time now) {
  if (!from.empty() || !to.empty()) return PeriodOf(from, to);
  if (months.empty() || months == "12") return LastMonths(now, 12);
  if (months == "3") return LastMonths(now, 3);
  if (months == "6") return LastMonths(now, 6);
  if (months == "24") return LastMonths(now, 24);
  return InvalidArgument("months", "Choose the last 3, 6, 12 or 24 months, or enter the dates of the period.");
}

OversightFigures ComputeOversight(const OversightRecords& records, const OversightPeriod& period, Time now) {
  OversightFigures f;
  f.period = period;
  const Time end = StartOfUkDay(period.to + chr::days(1)) - Duration(1);
  f.as_at = std::min(now, end);
  const Window w{IsoDay(period.from), IsoDay(period.to), f.as_at};
  {
    const chr::year_month_day a{period.from}, b{period.to};
    for (chr::year_month m(a.year(), a.month()); m <= chr::year_month(b.year(), b.month()); m += chr::months(1))
      f.months.push_back({.month = IsoDay(chr::sys_days(m / chr::day(1))).substr(0, 7)});
  }
  for (const auto& c : records.concerns)
    if (w.Holds(c.created_at)) {
      ++f.concerns_raised;
      if (auto* m = MonthFor(f.months, c.created_at)) ++m->concerns;
    }
  CountDecisions(records, w, f);
  f.acknowledged_received = Acknowledgements(records.received, w);
  for (const auto& d : records.received)
    if (w.Holds(d.created_at) && !domain::IsRecalled(d))
      if (auto* m = MonthFor(f.months, d.created_at)) ++m->disclosures_received;
  f.feedback_received = Feedback(records.received, w);
  f.acknowledged_sent = Acknowledgements(records.sent, w);
  f.feedback_sent = Feedback(records.sent, w);
  CountRequests(records, w, f);
  CountAdvice(records, w, f);
  const std::string today = domain::UkDate(f.as_at);
  CountGovernance(records, today, f);
  CountTraining(records, today, f);
  return f;
}

namespace {

// Reads what the figures need, from the period's start on, for one
// organisation (`organisation_id`) or all of them (empty).
Result<OversightRecords> Read(store::Transaction& tx, const std::string& organisation_id, Time since) {
  OversightRecords r;
  auto& cw = tx.casework();
  r.concerns = JIGSAW_TRY(cw.Concerns({.organisation_id = organisation_id, .created_from = since, .limit = kNoLimit}));
  r.decisions = JIGSAW_TRY(cw.Decisions({.organisation_id = organisation_id, .created_from = since, .limit = kNoLimit}));
  r.sent = JIGSAW_TRY(cw.Disclosures({.sharer_organisation_id = organisation_id, .created_from = since, .limit = kNoLimit}));
  r.received =
      organisation_id.empty()
          ? r.sent
          : JIGSAW_TRY(cw.Disclosures({.recipient_organisation_id = organisation_id, .created_from = since, .limit = kNoLimit}));
  r.requests_received = JIGSAW_TRY(
      cw.InformationRequests({.holder_organisation_id = organisation_id, .created_from = since, .limit = kNoLimit}));
  for (const auto& q : r.requests_received) r.request_messages[q.id] = JIGSAW_TRY(cw.RequestMessages(q.id));
  r.advice = JIGSAW_TRY(cw.AdviceRequests({.organisation_id = organisation_id, .created_from = since, .limit = kNoLimit}));

  std::vector<std::string> orgs;
  if (organisation_id.empty())
    for (const auto& o : JIGSAW_TRY(tx.organisations().List())) orgs.push_back(o.id);
  else
    orgs.push_back(organisation_id);
  std::set<std::string> agreements_seen;
  for (const auto& org : orgs) {
    for (auto& a : JIGSAW_TRY(tx.governance().AgreementsOf(org)))
      if (agreements_seen.insert(a.id).second) r.agreements.push_back(std::move(a));
    for (auto& d : JIGSAW_TRY(tx.governance().DpiasOf(org)))
      if (d.owner_organisation_id == org) r.dpias.push_back(std::move(d));
  }
  std::vector<domain::Practitioner> staff;
  for (auto& p : JIGSAW_TRY(tx.practitioners().List(organisation_id.empty() ? std::nullopt : std::optional(organisation_id))))
    if (!p.disabled) staff.push_back(std::move(p));
  std::vector<std::string> ids;
  for (const auto& p : staff) ids.push_back(p.id);
  auto latest = JIGSAW_TRY(tx.training().LatestExpiries(ids));
  for (const auto& p : staff) r.staff.push_back({p.roles, latest[p.id]});
  return r;
}

}  // namespace

Result<OversightReport> Oversight::Of(const Context& context, OversightScope scope, const OversightPeriod& period) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{scope == OversightScope::kPartnership ? "oversight.partnership.view" : "oversight.view",
                   "organisation", organisation_id};
  OversightReport out;
  const Time now = clock_.Now();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    access::RecordFacts facts{organisation_id, {}, {}, {}, {}};
    std::optional<domain::Organisation> own;
    if (!organisation_id.empty()) own = JIGSAW_TRY(tx.organisations().Find(organisation_id));
    facts.actor_in_childrens_services = own && own->type == domain::OrganisationType::kChildrensServices;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor,
                                             scope == OversightScope::kPartnership ? Action::kViewPartnershipOversight
                                                                                   : Action::kViewOversight,
                                             facts));
    // Authorise lets a partnership-wide role through without an
    // organisation of its own; its own figures need one.
    if (!own && scope != OversightScope::kPartnership) return NotYours("organisation_id");
    out.scope = scope;
    out.organisation_id = organisation_id;
    out.organisation_name = scope == OversightScope::kPartnership ? "The partnership" : own->name;
    out.partnership_available = access::Authorise(context.actor, Action::kViewPartnershipOversight, facts).has_value();
    // A day's margin before the start: the period is in UK local dates,
    // and the pure calculation places each record exactly.
    const Time since = StartOfUkDay(period.from) - chr::hours(24);
    const auto records = JIGSAW_TRY(Read(tx, scope == OversightScope::kPartnership ? std::string() : organisation_id, since));
    out.figures = ComputeOversight(records, period, now);
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
