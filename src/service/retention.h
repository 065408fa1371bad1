// Retention and erasure (issue 17, items 4 and 5; docs/retention.md and
// docs/rights.md): an organisation's retention schedule (the defaults for
// its type, changed by its DPO), the review of records due, destruction
// once the DPO confirms it, legal holds that stop destruction until lifted,
// erasure requests decided with reasons, and the automatic purge of
// drafts, sessions and notifications. Every read and change is authorised
// (kViewRetention, kManageRetention) and audited; when a record falls due
// is judged on the injected clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/retention.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/retention_repository.h"
#include "store/store.h"

namespace jigsaw::service {

// A concern whose retention period has ended.
struct DueRecord {
  domain::RecordKind kind = domain::RecordKind::kConcern;
  std::string record_id;
  std::string child_id;
  domain::RecordDates dates;
  Time due_at{};
  // The standing holds that stop its destruction (on it or on its child).
  std::vector<domain::LegalHold> holds;
};

struct RetentionReview {
  Time as_of{};
  std::vector<DueRecord> due;  // the longest overdue first
};

struct NewLegalHold {
  domain::HoldSubject subject = domain::HoldSubject::kConcern;
  std::string subject_id;
  std::string reason;
};

struct NewErasureDecision {
  std::string person_id;
  std::string requested_by;
  std::string received_on;  // "YYYY-MM-DD"
  domain::ErasureOutcome outcome = domain::ErasureOutcome::kRefused;
  domain::ErasureGround ground = domain::ErasureGround::kPublicTask;
  std::string reasons;
};

// What the automatic purge removed.
struct PurgeCounts {
  std::int64_t drafts = 0;
  std::int64_t sessions = 0;
  std::int64_t notifications = 0;
};

// The organisation's schedule: the rules its DPO set over the defaults for
// its type. Within the caller's transaction; no authorisation (a privacy
// notice publishes it).
Result<domain::Schedule> LoadSchedule(store::Transaction& tx, const std::string& organisation_id);

class Retention {
 public:
  Retention(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // The actor's organisation's schedule: its own rules over the defaults
  // for its type (kViewRetention).
  Result<domain::Schedule> ScheduleOf(const Context& context);

  // Replaces the organisation's rule for rule.kind (kManageRetention).
  // kInvalidArgument naming the field (domain::Validate) writes nothing.
  Status SetRule(const Context& context, domain::RetentionRule rule);

  // The organisation's records whose period has ended by the clock's now,
  // with any holds on them (kViewRetention).
  Result<RetentionReview> Review(const Context& context);

  // Destroys a due concern's content once the DPO confirms (kManageRetention):
  // kFailedPrecondition (field "record_id") if it is not yet due or a
  // legal hold stands on it or its child, kAlreadyExists if it was
  // destroyed before, kNotFound if it is not the organisation's. When it
  // was the child's last concern kept, the child's identifying details go
  // too. Then compacts the database (Store::Compact).
  Result<domain::Destruction> ConfirmDestruction(const Context& context, const std::string& concern_id);

  Result<domain::LegalHold> PlaceHold(const Context& context, NewLegalHold hold);
  // kFailedPrecondition if it was lifted before.
  Result<domain::LegalHold> LiftHold(const Context& context, const std::string& hold_id, std::string reason);
  // Newest first, lifted ones too (kViewRetention).
  Result<std::vector<domain::LegalHold>> Holds(const Context& context);

  // Records the DPO's decision on an erasure request either way
  // (kManageRetention). Granted: destroys the content of every concern
  // about the person and their identifying details, unless a legal hold
  // stands on them (kFailedPrecondition, field "person_id", nothing written).
  Result<domain::ErasureRequest> DecideErasure(const Context& context, NewErasureDecision decision);
  Result<std::vector<domain::ErasureRequest>> ErasureRequests(const Context& context);
  Result<std::vector<domain::Destruction>> Destructions(const Context& context);

  // The daily chore, as the operator: for every organisation, purges its
  // drafts, sessions and notifications past their periods, and returns how
  // many records await the DPO's confirmation (logged by the caller).
  Result<PurgeCounts> Purge();
  Result<std::size_t> CountDue();

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
