// Appends to the tamper-evident audit log. Changes append their record in
// the same transaction as the change (so neither exists without the
// other); reads and refusals append in a transaction of their own, which
// is durable before the caller goes on. If the record cannot be written,
// the request fails.
//
// What a record may hold is decided here, whoever appends it:
// - ids only: an object or child id that is not a well-formed id (it came
//   from a path, a query or a body, and could be a name and address) is
//   stored as kMalformedId, never as the text that was sent;
// - a refused or failed request names the child only if the child's record
//   is held by the actor's own organisation. Otherwise the actor, who can
//   read their organisation's audit records, would learn from their own
//   refusal which child another organisation's record is about.
#pragma once

#include <string_view>

#include "common/clock.h"
#include "domain/audit_record.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

// Stands in the log for an id that was not well formed.
inline constexpr std::string_view kMalformedId = "malformed";

struct AuditEvent {
  std::string_view action;       // "organisation.create"
  std::string_view object_type;  // "organisation"
  std::string object_id;
  domain::AuditOutcome outcome = domain::AuditOutcome::kAllowed;
  std::string child_id;
  std::string purpose;
};

class AuditTrail {
 public:
  AuditTrail(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Within the caller's open write transaction. Fails if the record cannot
  // be written (or the child's record cannot be read to decide whether it
  // may be named).
  Status Append(store::Transaction& tx, const Context& context, const AuditEvent& event) const;
  // In a transaction of its own; returns once durable.
  Status Record(const Context& context, const AuditEvent& event) const;

  // Records a refusal and returns the refusal, for `return trail.Deny(...)`.
  std::unexpected<Error> Deny(const Context& context, AuditEvent event, const Error& error) const;

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace jigsaw::service
