#include "access/throttle.h"

namespace jigsaw::access {

Duration AccountDelay(const ThrottlePolicy& policy, int failures) {
  const int excess = failures - policy.free_failures;
  if (excess <= 0) return Duration::zero();
  Duration delay = policy.first_delay;
  for (int i = 1; i < excess && delay < policy.max_delay; ++i) delay *= 2;
  return delay < policy.max_delay ? delay : policy.max_delay;
}

ThrottleVerdict Throttle(const ThrottlePolicy& policy, const FailureCounts& counts, Time now) {
  // The widest limit first: while the service is under a spray, no single
  // source or account is told anything more specific.
  if (counts.overall >= policy.max_failures_overall && (counts.account > 0 || counts.address > 0))
    return ThrottleVerdict::kGlobalLimit;
  if (counts.address >= policy.max_failures_per_address) return ThrottleVerdict::kAddressLimit;
  if (counts.account > 0 && now < counts.last_account_failure + AccountDelay(policy, counts.account))
    return ThrottleVerdict::kAccountDelay;
  return ThrottleVerdict::kAllowed;
}

bool ShouldNotify(const ThrottlePolicy& policy, int failures) {
  return policy.notify_after_failures > 0 && failures > 0 && failures % policy.notify_after_failures == 0;
}

}  // namespace jigsaw::access
