// Throttling of sign-in attempts, so that guessing is slow without anyone
// being locked out: per-account delays that grow with failures (not a hard
// lock an attacker could impose on a predictable username), and limits on
// the failures from one source address and across the whole service, which
// is what stops a few common passwords being sprayed across every account.
// Pure: the caller counts the failures (in the store, so every instance
// sees the same counts) and gives the time.
#pragma once

#include <cstdint>

#include "common/clock.h"

namespace jigsaw::access {

struct ThrottlePolicy {
  // Per account (by the username typed, known or not, so the answer never
  // says whether an account exists): failures within `account_window`
  // count; the first `free_failures` cost nothing, then each failure makes
  // the next attempt wait `first_delay`, doubling, at most `max_delay`.
  int free_failures = 3;
  Duration first_delay = std::chrono::seconds(2);
  Duration max_delay = std::chrono::minutes(5);
  Duration account_window = std::chrono::hours(24);
  // Per source address: at most this many failures in `address_window`.
  int max_failures_per_address = 30;
  Duration address_window = std::chrono::minutes(10);
  // The whole service: once this many failures fall within `global_window`,
  // an attempt is refused if its account or its source address has failed
  // at all within its window. Someone with a clean record still signs in, so
  // an attacker cannot lock everyone out; a spray gets one guess per
  // account per account_window.
  int max_failures_overall = 300;
  Duration global_window = std::chrono::minutes(5);
  // The organisation's safeguarding leads are told when an account reaches
  // this many failures in a row (and at every multiple of it after).
  int notify_after_failures = 10;
};

// What the store counted for one attempt.
struct FailureCounts {
  int account = 0;               // failures for this username within account_window
  Time last_account_failure{};   // the newest of them
  int address = 0;               // failures from this source within address_window
  int overall = 0;               // failures within global_window
};

enum class ThrottleVerdict : std::uint8_t {
  kAllowed,
  kAccountDelay,  // this account must wait a little before the next attempt
  kAddressLimit,  // this source address has failed too often
  kGlobalLimit,   // the service is seeing too many failures, and this account or address has failed
};

ThrottleVerdict Throttle(const ThrottlePolicy& policy, const FailureCounts& counts, Time now);

// The wait after `failures` failures of one account: zero for the free
// ones, then doubling up to the maximum.
Duration AccountDelay(const ThrottlePolicy& policy, int failures);

// Whether the failure that brings an account to `failures` should be
// reported to the organisation's safeguarding leads.
bool ShouldNotify(const ThrottlePolicy& policy, int failures);

}  // namespace jigsaw::access
