// Oversight for senior leaders, DPOs and Caldicott guardians
// (docs/governance.md, "Oversight"): how an organisation's information
// sharing went over a chosen period, as counts, percentages and medians,
// with monthly trends. Counts only: nothing here names a child or any
// other person. The figures are worked out by a pure function
// (ComputeOversight) from the records and an injected moment; the use case
// (Oversight) reads the records, authorises (kViewOversight,
// kViewPartnershipOversight) and audits the whole as one read.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/casework.h"
#include "domain/governance.h"
#include "domain/practitioner.h"
#include "domain/training.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

// A chosen period: UK local dates, both inclusive.
struct OversightPeriod {
  std::chrono::sys_days from{};
  std::chrono::sys_days to{};
};

// The longest period one page shows (its charts have a bar a month).
inline constexpr int kMaxOversightMonths = 60;

// The period from `from` to `to` ("YYYY-MM-DD"). kInvalidArgument naming
// "from" or "to" for a date that is not real, "to" when it is before
// `from`, and "from" when the period spans more than kMaxOversightMonths.
Result<OversightPeriod> PeriodOf(std::string_view from, std::string_view to);

// The last `months` calendar months up to the UK date of `now`: from the
// first day of the month `months - 1` before the current one to today.
OversightPeriod LastMonths(Time now, int months);

// "YYYY-MM-DD".
std::string IsoDay(std::chrono::sys_days day);

// The period a page or API call asks for: `from` and `to` if either is
// given (PeriodOf), else the last `months` months ("3", "6", "12", "24";
// empty: 12) up to the UK date of `now`. kInvalidArgument naming "months"
// for any other number.
Result<OversightPeriod> ChosenPeriod(std::string_view from, std::string_view to, std::string_view months, Time now);

// Whether something with a deadline was done by it, over the things the
// period holds: `due` counts those done and those whose deadline passed
// undone; the rest are still within their time (`pending`).
struct Timeliness {
  int count = 0;        // in the period
  int due = 0;          // done, or deadline passed undone
  int on_time = 0;      // done by the deadline
  int late = 0;         // done after it, or not done and past it
  int pending = 0;      // not done, deadline still ahead
  std::optional<int> percent_on_time;  // of `due`, rounded; absent when due is 0
  std::optional<double> median_hours;  // time taken by those done; absent when none
};

struct EmergencyFigures {
  int shares = 0;           // emergency shares made in the period
  int records_written = 0;  // their full record written (by the as-at moment)
  int records_late = 0;     // written after it was due
  int records_owed = 0;     // not yet written
  int records_overdue = 0;  // not yet written and past due
};

// Information requests received by the organisation (as holder).
struct RequestFigures {
  int received = 0;
  int answered = 0;   // shared at least once
  int refused = 0;    // refused at least once
  int not_known = 0;  // the holder does not know the child or holds nothing asked for
  int reconsidered = 0;  // the requester asked for a refusal to be reconsidered
  int open = 0;       // not answered yet (open, or waiting for clarification or reconsideration)
  std::optional<double> median_hours_to_answer;  // to the first answer of any kind
};

struct AdviceFigures {
  int asked = 0;
  int answered = 0;
  int unanswered = 0;
  std::optional<double> median_hours_to_answer;
};

// The registers as they stand on the as-at day.
struct GovernanceFigures {
  int agreements_active = 0;
  int agreements_due_for_review = 0;  // active, awaiting signature or draft, review within 30 days or past
  int dpias_approved = 0;
  int dpias_due_for_review = 0;
};

// Staff for whom a kind of training is required (domain::RequiredTrainingKinds),
// and where they stand with it on the as-at day.
struct TrainingCoverage {
  domain::TrainingKind kind = domain::TrainingKind::kInformationSharing;
  int required = 0;
  int current = 0;  // current or expiring: it counts today
  int lapsed = 0;
  int none = 0;
  std::optional<int> percent_current;  // of `required`; absent when nobody needs it
};

// One calendar month of the period ("YYYY-MM") and its counts.
struct OversightMonth {
  std::string month;
  int concerns = 0;
  int decisions_to_share = 0;
  int decisions_not_to_share = 0;
  int requests_received = 0;
  int advice_requests = 0;
  // Information other organisations shared with it (not recalled): for
  // children's services, which raise few concerns of their own, most of
  // what they do starts here.
  int disclosures_received = 0;
};

struct OversightFigures {
  OversightPeriod period;
  Time as_at{};  // the end of the period, or now if sooner: what "owed" and "overdue" are judged at
  int concerns_raised = 0;
  int decisions_to_share = 0;
  int decisions_not_to_share = 0;
  int departures_from_advice = 0;
  EmergencyFigures emergency;
  // Disclosures the organisation received: its own acknowledgement (the
  // first opening) and feedback, against their deadlines.
  Timeliness acknowledged_received;
  Timeliness feedback_received;
  // Disclosures the organisation sent: how its recipients answered.
  Timeliness acknowledged_sent;
  Timeliness feedback_sent;
  RequestFigures requests;
  AdviceFigures advice;
  GovernanceFigures governance;
  int staff = 0;  // enabled accounts
  std::vector<TrainingCoverage> training;  // in the order of TrainingKind
  std::vector<OversightMonth> months;      // every month of the period, oldest first
};

// One member of staff, as training coverage needs them: roles and the
// latest expiry of each kind recorded.
struct StaffTrainingFacts {
  domain::RoleSet roles;
  std::map<domain::TrainingKind, std::string> latest_expiry;
};

// What the figures are computed from. Records outside the period may be
// included; they are left out by their dates.
struct OversightRecords {
  std::vector<domain::Concern> concerns;
  std::vector<domain::Decision> decisions;
  std::vector<domain::Disclosure> sent;
  std::vector<domain::Disclosure> received;
  std::vector<domain::InformationRequest> requests_received;
  std::map<std::string, std::vector<domain::RequestMessage>> request_messages;  // by request id
  std::vector<domain::AdviceRequest> advice;
  std::vector<domain::Agreement> agreements;  // those the organisation is party to
  std::vector<domain::Dpia> dpias;            // those the organisation carried out
  std::vector<StaffTrainingFacts> staff;      // enabled accounts
};

// The figures of `records` over `period`, judged at the end of the period
// or `now` if sooner. Pure: the same records, period and moment give the
// same figures. docs/governance.md defines each figure.
OversightFigures ComputeOversight(const OversightRecords& records, const OversightPeriod& period, Time now);

enum class OversightScope { kOrganisation, kPartnership };

struct OversightReport {
  OversightScope scope = OversightScope::kOrganisation;
  std::string organisation_id;    // the actor's organisation
  std::string organisation_name;  // the organisation's name (the partnership view: the partnership)
  // The actor may also see the partnership's figures (children's
  // services' senior leader or DPO).
  bool partnership_available = false;
  OversightFigures figures;
};

class Oversight {
 public:
  Oversight(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // The figures of the actor's organisation (kViewOversight) or of every
  // organisation in the partnership (kViewPartnershipOversight) over
  // `period`, audited as one read ("oversight.view"). kPermissionDenied
  // for anyone else.
  Result<OversightReport> Of(const Context& context, OversightScope scope, const OversightPeriod& period);

  Time Now() const { return clock_.Now(); }

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
