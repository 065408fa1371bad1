// The guidance engine: turns the facts of a proposed share into advice that
// follows the advice for practitioners (May 2024), each conclusion with the
// reasons and the sections it rests on. It advises; a practitioner decides
// (UK GDPR Article 22). Pure: no I/O, no clock, no globals; the same
// request always gives the same assessment.
#pragma once

#include "guidance/assessment.h"

namespace jigsaw::guidance {

// The request must be valid (see json.h, which checks it); Assess itself
// cannot fail.
Assessment Assess(const Request& request);

}  // namespace jigsaw::guidance
