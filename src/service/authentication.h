// Signing in and out, and turning a session token back into the Actor a
// request acts for. Every account has a second factor: the password alone
// earns a short-lived challenge, and the session comes only with a code
// from the person's authenticator app (enrolled at their first sign-in), a
// single-use recovery code, or instead of both a passkey. Attempts are
// throttled (access/throttle.h) by counts kept in the store, so any
// instance can serve any step; sessions live in the store too.
#pragma once

#include <string>
#include <vector>

#include "access/credentials.h"
#include "access/policy.h"
#include "access/sealing.h"
#include "access/throttle.h"
#include "access/webauthn.h"
#include "common/clock.h"
#include "domain/organisation.h"
#include "domain/practitioner.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

// The kUnauthenticated message when wrong codes have ended a challenge
// (the pages say so on the sign-in page they return to).
inline constexpr std::string_view kTooManyCodes = "That was too many wrong codes. Sign in again.";

struct SignInPolicy {
  Duration idle_timeout = std::chrono::minutes(30);
  Duration absolute_timeout = std::chrono::hours(12);
  // Between a right password and the second factor.
  Duration challenge_timeout = std::chrono::minutes(5);
  // Wrong codes one challenge takes before the password is asked for again.
  int max_codes_per_challenge = 5;
  access::HashCost hash_cost = access::HashCost::kInteractive;
  access::ThrottlePolicy throttle;
};

// Where a sign-in attempt comes from: the source address counts towards
// throttling (only a keyed digest of it is kept); the request id ties the
// audit record to the request.
struct Attempt {
  std::string source_address;
  std::string request_id;
};

// The password was right; a second factor is owed before a session.
struct SecondFactorOwed {
  std::string challenge_token;  // give to the client once; only its digest is stored
  Time expires_at{};
  bool must_enrol = false;  // no authenticator app yet: enrol one now
};

struct SignedIn {
  std::string token;  // give to the client once; never stored or logged
  domain::Practitioner practitioner;
  Time expires_at{};  // the absolute expiry
  // After enrolling: the recovery codes, shown once and never again.
  std::vector<std::string> recovery_codes;
  // After signing in with a recovery code: how many are left.
  int recovery_codes_left = -1;
};

// What an authenticator app needs to enrol: the secret as text (for
// reading aloud or typing) and as the otpauth:// address the QR code holds.
struct TotpOffer {
  std::string secret;  // base32
  std::string otpauth_uri;
  std::string account;  // the username, as the app will label it
};

// A passkey ceremony's challenge, for navigator.credentials.get/create.
struct PasskeyChallenge {
  std::string challenge_token;
  std::string challenge;  // base64url, what the authenticator signs
  Time expires_at{};
};

// A passkey's answer to navigator.credentials.get(), decoded from base64url.
struct PasskeyAssertion {
  std::string credential_id;  // base64url
  Bytes client_data_json;
  Bytes authenticator_data;
  Bytes signature;
};

struct Authenticated {
  access::Actor actor;
  domain::Practitioner practitioner;
  std::string token_digest;
};

class Authentication {
 public:
  Authentication(store::Store& store, const Clock& clock, const AuditTrail& trail, const access::Sealer& sealer,
                 SignInPolicy policy)
      : store_(store), clock_(clock), trail_(trail), sealer_(sealer), policy_(policy) {}

  // The first step. Fails with kUnauthenticated for a wrong username or
  // password (the same message, and the same work, for both), and with
  // kResourceExhausted while throttled (the reply never says until when).
  // Every attempt is audited; the username typed is not (it may be a
  // mistyped password).
  Result<SecondFactorOwed> CheckPassword(const std::string& username, const std::string& password,
                                         const Attempt& attempt);

  // For a challenge that must enrol: a new secret for the authenticator
  // app, the same one each time it is asked for during this challenge.
  // kUnauthenticated if the challenge has ended; kFailedPrecondition if the
  // person has an authenticator app already.
  Result<TotpOffer> OfferTotp(const std::string& challenge_token);

  // The second step with a code from the authenticator app (enrolling it,
  // if the challenge must enrol: then the new recovery codes come back).
  // kInvalidArgument (field "code") for a wrong or reused code,
  // kUnauthenticated if the challenge has ended (too old, or too many wrong
  // codes), kResourceExhausted while throttled.
  Result<SignedIn> CompleteWithCode(const std::string& challenge_token, const std::string& code,
                                    const Attempt& attempt);
  // The same with a recovery code (field "recovery_code"), each good once.
  Result<SignedIn> CompleteWithRecoveryCode(const std::string& challenge_token, const std::string& code,
                                            const Attempt& attempt);

  // Passkey sign-in, which needs neither password nor code: the person's
  // authenticator has checked them (user verification) and signs the
  // challenge. Begin issues the challenge; Complete checks the answer
  // against the stored key (kUnauthenticated if it does not verify).
  Result<PasskeyChallenge> BeginPasskeySignIn();
  Result<SignedIn> CompleteWithPasskey(const std::string& challenge_token, const PasskeyAssertion& assertion,
                                       const access::WebAuthnExpectation& origin, const Attempt& attempt);

  // Fails with kUnauthenticated if the token is unknown, idle too long or
  // past its absolute expiry (an expired session is deleted), or the
  // account is disabled. The actor has no roles while the person must
  // change a password an administrator reset (practitioner.must_change_password).
  Result<Authenticated> Authenticate(const std::string& token);

  // How long the session has before it ends, if nothing is done: the
  // shorter of the idle and the absolute timeout. Reading it does not count
  // as activity (a page's timeout warning asks, and must not keep the
  // session alive by asking). Fails with kUnauthenticated if it has ended.
  Result<Duration> TimeLeft(const std::string& token);

  // Ends the session; succeeds even if it had already ended.
  Status SignOut(const std::string& token, const Context& context);

  // Deletes sessions past their idle or absolute expiry (storage
  // limitation: nothing is kept longer than it is useful), and with them
  // ended challenges and failed attempts too old to count; returns how
  // many sessions.
  Result<std::int64_t> PurgeExpiredSessions();

  const SignInPolicy& policy() const { return policy_; }

 private:
  struct Challenged;
  Result<Challenged> LoadChallenge(const std::string& challenge_token);
  Result<access::ThrottleVerdict> Verdict(const std::string& account_digest, const std::string& source_digest);
  Status RecordFailure(store::Transaction& tx, const std::string& account_digest, const Attempt& attempt,
                       const domain::Practitioner* practitioner, int failures_before);
  Result<SignedIn> StartSession(store::Transaction& tx, const domain::Practitioner& practitioner,
                                const std::string& account_digest, const Attempt& attempt);
  Result<SignedIn> RefuseCode(const Challenged& c, const Attempt& attempt, std::string_view field,
                              std::string message);
  std::string AccountDigest(std::string_view username) const;
  std::string SourceDigest(std::string_view source_address) const;

  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
  SignInPolicy policy_;
};

// The TOTP secret sealed for one practitioner at rest, and opened again.
Bytes SealTotpSecret(const access::Sealer& sealer, std::span<const std::uint8_t> secret,
                     const std::string& practitioner_id);
Result<Bytes> OpenTotpSecret(const access::Sealer& sealer, std::span<const std::uint8_t> sealed,
                             const std::string& practitioner_id);

}  // namespace jigsaw::service
