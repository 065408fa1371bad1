#include "service/assessments.h"

#include "guidance/engine.h"

namespace jigsaw::service {

Result<guidance::Assessment> Assessments::Assess(const Context& context,
                                                 const guidance::Request& request) const {
  const AuditEvent event{"assessment.create", "assessment", {}, domain::AuditOutcome::kAllowed, {},
                         std::string(ToString(request.purpose))};
  if (auto allowed = access::Authorise(context.actor, access::Action::kAssessShare); !allowed)
    return trail_.Deny(context, event, allowed.error());
  guidance::Assessment a = guidance::Assess(request);
  JIGSAW_RETURN_IF_ERROR(trail_.Record(context, event));
  return a;
}

}  // namespace jigsaw::service
