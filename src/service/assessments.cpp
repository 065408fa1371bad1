#include "service/assessments.h"

#include "guidance/engine.h"

namespace jigsaw::service {

Result<guidance::Assessment> AssessShare(const access::Actor& actor,
                                         const guidance::Request& request) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, access::Action::kAssessShare));
  return guidance::Assess(request);
}

}  // namespace jigsaw::service
