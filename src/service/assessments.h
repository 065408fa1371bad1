// Asking the guidance engine about a proposed share, for a signed-in
// practitioner. The engine advises; the decision is the practitioner's.
// Each assessment is audited (a request can name people), but its content
// is not stored: only the decision that follows it is.
#pragma once

#include "guidance/assessment.h"
#include "service/audit_trail.h"
#include "service/context.h"

namespace jigsaw::service {

class Assessments {
 public:
  explicit Assessments(const AuditTrail& trail) : trail_(trail) {}
  // Fails with kPermissionDenied unless the actor may ask for assessments.
  Result<guidance::Assessment> Assess(const Context& context, const guidance::Request& request) const;

 private:
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
