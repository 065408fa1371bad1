// Signing in and out, and turning a session token back into the Actor a
// request acts for. Sessions live in the store, so any instance can serve
// any request.
#pragma once

#include <string>

#include "access/credentials.h"
#include "access/policy.h"
#include "common/clock.h"
#include "domain/organisation.h"
#include "domain/practitioner.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

struct SignInPolicy {
  Duration idle_timeout = std::chrono::minutes(30);
  Duration absolute_timeout = std::chrono::hours(12);
  int max_failed_attempts = 5;
  Duration lockout = std::chrono::minutes(15);
  access::HashCost hash_cost = access::HashCost::kInteractive;
};

struct SignedIn {
  std::string token;  // give to the client once; never stored or logged
  domain::Practitioner practitioner;
  Time expires_at{};  // the absolute expiry
};

struct Authenticated {
  access::Actor actor;
  domain::Practitioner practitioner;
  std::string token_digest;
};

class Authentication {
 public:
  Authentication(store::Store& store, const Clock& clock, const AuditTrail& trail,
                 SignInPolicy policy)
      : store_(store), clock_(clock), trail_(trail), policy_(policy) {}

  // Fails with kUnauthenticated for a wrong username or password (the same
  // message for both), kResourceExhausted while the account is locked out.
  // Every attempt is audited; the username typed is not (it may be a
  // mistyped password).
  Result<SignedIn> SignIn(const std::string& username, const std::string& password,
                          const std::string& request_id);

  // Fails with kUnauthenticated if the token is unknown, idle too long or
  // past its absolute expiry (an expired session is deleted).
  Result<Authenticated> Authenticate(const std::string& token);

  // How long the session has before it ends, if nothing is done: the
  // shorter of the idle and the absolute timeout. Reading it does not count
  // as activity (a page's timeout warning asks, and must not keep the
  // session alive by asking). Fails with kUnauthenticated if it has ended.
  Result<Duration> TimeLeft(const std::string& token);

  // Ends the session; succeeds even if it had already ended.
  Status SignOut(const std::string& token, const Context& context);

  // Deletes sessions past their idle or absolute expiry (storage
  // limitation: nothing is kept longer than it is useful); returns how many.
  Result<std::int64_t> PurgeExpiredSessions();

  const SignInPolicy& policy() const { return policy_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  SignInPolicy policy_;
};

}  // namespace jigsaw::service
