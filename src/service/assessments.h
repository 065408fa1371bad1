// Asking the guidance engine about a proposed share, for a signed-in
// practitioner. The engine advises; the decision is the practitioner's.
#pragma once

#include "access/policy.h"
#include "guidance/assessment.h"

namespace jigsaw::service {

// Fails with kPermissionDenied unless the actor may ask for assessments.
Result<guidance::Assessment> AssessShare(const access::Actor& actor,
                                         const guidance::Request& request);

}  // namespace jigsaw::service
