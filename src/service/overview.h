// What a practitioner opens Jigsaw to see: everything waiting on them (the
// home page), and one child's story in date order (the chronology, the
// "jigsaw" for that child as far as the viewer may see it). Each is one
// audited read: a section the actor's roles do not reach is left empty,
// not refused, because nobody asked for it by name.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/case_management.h"
#include "service/casework.h"
#include "service/sharing.h"
#include "service/training.h"
#include "service/governance.h"

namespace jigsaw::service {

struct WhatNeedsMe {
  std::vector<domain::Concern> queue;                          // DSL: concerns to look at or act on
  std::vector<DisclosureSummary> inbox_unread;                 // sent to us, not yet opened
  std::vector<DisclosureSummary> feedback_owed_by_me;          // received, no feedback yet
  std::vector<DisclosureSummary> feedback_owed_to_me;          // we shared, no feedback yet
  std::vector<domain::Decision> records_owed;                  // emergency shares to record in full
  std::vector<domain::Decision> shares_to_approve;             // DSL: staff shares waiting for them
  std::vector<domain::AdviceRequest> advice_to_me;             // unanswered, to a role I hold
  std::vector<domain::AdviceRequest> advice_mine;              // what I asked
  std::vector<domain::InformationRequest> requests_received;   // open, to my organisation
  std::vector<domain::InformationRequest> requests_sent;       // open, mine
  std::vector<domain::Concern> my_concerns;                    // raised by me, newest first
  std::vector<domain::Notification> notifications;             // unread
  std::vector<domain::Task> my_tasks;                           // open, mine, soonest due first
  std::vector<DisclosureSummary> allocated_to_me;               // received, allocated to me, no feedback yet
  std::map<std::string, std::string> child_names;               // for the concerns and records above
  std::vector<TrainingStatus> training_due;                     // my training that has lapsed or was never recorded
  std::vector<ReviewReminder> reviews_due;                      // agreements and DPIAs I answer for, due for review
};

enum class ChronologyKind {
  kIncident,  // what a concern is about, when it happened (not when it was recorded)
  kConcernRaised,
  kConcernSeen,
  kNextStep,
  kDecision,
  kDisclosureSent,
  kDisclosureReceived,  // the recipient opened it
  kFeedback,
};

// How exactly `at` is known: an incident recorded with a date but no time
// is placed at the start of its day and shown as the day alone.
enum class ChronologyPrecision { kMoment, kDay };

// Whether an event belongs in the "significant events" view, the short
// chronology a DSL reads first. See IsSignificant.
enum class Significance { kRoutine, kSignificant };

struct ChronologyEntry {
  Time at{};
  ChronologyKind kind = ChronologyKind::kConcernRaised;
  std::string object_type;  // concern, decision, disclosure
  std::string object_id;
  std::string who;     // practitioner display name, or organisation for the other side
  std::string detail;  // a short summary: level, outcome, next step, action; an incident's place
  ChronologyPrecision precision = ChronologyPrecision::kMoment;
  Significance significance = Significance::kRoutine;
};

// The one rule for what is significant (docs/workflow.md, "Significant
// events"): something that happened to the child (an incident with its own
// date), a concern at the level of significant harm or immediate risk, a
// DSL's referral to children's social care or the police, every decision
// about sharing (either way: both are reasons given on the record),
// information sent to another organisation, and feedback that a recipient
// acted on with an assessment, a strategy discussion or police action.
// Routine: a DSL having seen a concern, a recipient having opened what was
// sent, lower levels, and next steps or feedback that change nothing.
Significance IsSignificant(ChronologyKind kind, std::string_view detail);

struct Chronology {
  domain::Person child;
  std::vector<ChronologyEntry> entries;  // oldest first
};

// Appends the events of the organisation's own record of `child` that
// `actor` may see (concerns, decisions, disclosures sent and their
// feedback), unordered, within the caller's transaction. The caller has
// authorised reading the child's record and audits the read.
Status AppendOwnChronology(store::Transaction& tx, const access::Actor& actor, const domain::Person& child,
                           std::vector<ChronologyEntry>& entries);

class Overview {
 public:
  Overview(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  Result<WhatNeedsMe> WhatNeedsMeNow(const Context& context);
  Result<Chronology> ChronologyOf(const Context& context, const std::string& child_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
