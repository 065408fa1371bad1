#include "service/authentication.h"

#include <algorithm>
#include <limits>

#include "access/totp.h"
#include "common/log.h"
#include "common/random.h"

namespace jigsaw::service {
namespace {

constexpr std::string_view kWrongCredentials = "The username or password is not right.";
constexpr std::string_view kThrottled =
    "There have been too many attempts to sign in. Wait a few minutes, then try again.";
constexpr std::string_view kChallengeEnded = "Your sign-in has timed out. Sign in again.";
// Writing last-seen on every request would make every read a write; a
// minute's resolution is plenty for a 30-minute idle timeout.
constexpr Duration kTouchResolution = std::chrono::minutes(1);
// Both labels bind a sealed TOTP secret to its use and its owner.
constexpr std::string_view kTotpSealLabel = "second-factor.totp";

std::unexpected<Error> Throttled() { return Fail(ErrorCode::kResourceExhausted, std::string(kThrottled)); }

access::Actor ActorOf(const domain::Practitioner& p) { return access::Actor{p.id, p.organisation_id, p.roles}; }

store::SignInFailureQuery FailureQuery(const access::ThrottlePolicy& t, std::string account, std::string source,
                                       Time now) {
  return {std::move(account), std::move(source), now - t.account_window, now - t.address_window,
          now - t.global_window};
}

access::FailureCounts ToCounts(const store::SignInFailureCounts& c) {
  return {c.account, c.last_account_failure, c.address, c.overall};
}

}  // namespace

Bytes SealTotpSecret(const access::Sealer& sealer, std::span<const std::uint8_t> secret,
                     const std::string& practitioner_id) {
  return sealer.Seal(std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()), kTotpSealLabel,
                     practitioner_id);
}

Result<Bytes> OpenTotpSecret(const access::Sealer& sealer, std::span<const std::uint8_t> sealed,
                             const std::string& practitioner_id) {
  const std::string plain = JIGSAW_TRY(sealer.Open(sealed, kTotpSealLabel, practitioner_id));
  return Bytes(plain.begin(), plain.end());
}

// A challenge as the second step finds it, with what is needed to finish it.
struct Authentication::Challenged {
  domain::SignInChallenge challenge;
  domain::Practitioner practitioner;
  std::optional<domain::TotpEnrolment> totp;
  std::string account_digest;
  int account_failures = 0;
  access::ThrottleVerdict verdict = access::ThrottleVerdict::kAllowed;
};

std::string Authentication::AccountDigest(std::string_view username) const {
  return sealer_.KeyedDigest("sign-in.account", username);
}

std::string Authentication::SourceDigest(std::string_view source_address) const {
  return sealer_.KeyedDigest("sign-in.source", source_address);
}

Result<SecondFactorOwed> Authentication::CheckPassword(const std::string& username, const std::string& password,
                                                       const Attempt& attempt) {
  if (username.empty()) return InvalidArgument("username", "Enter your username.");
  if (password.empty()) return InvalidArgument("password", "Enter your password.");
  const std::string account = AccountDigest(username);
  const Time now = clock_.Now();
  std::optional<store::PractitionerWithCredentials> found;
  bool enrolled = false;
  store::SignInFailureCounts counts;
  // The same reads whether or not the username exists.
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.practitioners().FindByUsername(username));
    enrolled = JIGSAW_TRY(tx.sign_in().FindTotp(found ? found->practitioner.id : std::string())).has_value();
    counts = JIGSAW_TRY(tx.sign_in().CountFailures(
        FailureQuery(policy_.throttle, account, SourceDigest(attempt.source_address), now)));
    return Ok();
  }));
  if (found && found->practitioner.disabled) found.reset();
  const domain::Practitioner* who = found ? &found->practitioner : nullptr;
  const Context as_them{who ? ActorOf(*who) : access::Actor{}, attempt.request_id};
  AuditEvent event{"session.sign_in", "practitioner", who ? who->id : ""};
  if (access::Throttle(policy_.throttle, ToCounts(counts), now) != access::ThrottleVerdict::kAllowed) {
    // Refused without looking at the password: a guess while throttled
    // learns nothing, right or wrong.
    event.outcome = domain::AuditOutcome::kDenied;
    JIGSAW_RETURN_IF_ERROR(trail_.Record(as_them, event));
    return Throttled();
  }
  // The hash is checked outside any transaction: it is slow by design and
  // must not hold a database lock. An unknown username costs the same.
  bool ok = false;
  if (who) ok = access::VerifyPassword(password, found->credentials.password_hash);
  else access::VerifyAgainstDummy(password, policy_.hash_cost);

  SecondFactorOwed out;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (!ok) {
      event.outcome = domain::AuditOutcome::kFailed;
      JIGSAW_RETURN_IF_ERROR(RecordFailure(tx, account, attempt, who, counts.account));
      return trail_.Append(tx, as_them, event);
    }
    out.challenge_token = access::NewSessionToken();
    out.expires_at = now + policy_.challenge_timeout;
    out.must_enrol = !enrolled;
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().InsertChallenge(
        {.token_digest = access::TokenDigest(out.challenge_token),
         .practitioner_id = who->id,
         .created_at = now,
         .expires_at = out.expires_at}));
    return trail_.Append(tx, as_them, {"session.password_accepted", "practitioner", who->id});
  }));
  if (!ok) return Unauthenticated(std::string(kWrongCredentials));
  return out;
}

Status Authentication::RecordFailure(store::Transaction& tx, const std::string& account_digest,
                                     const Attempt& attempt, const domain::Practitioner* practitioner,
                                     int failures_before) {
  const Time now = clock_.Now();
  JIGSAW_RETURN_IF_ERROR(tx.sign_in().RecordFailure(account_digest, SourceDigest(attempt.source_address), now));
  if (!practitioner || !access::ShouldNotify(policy_.throttle, failures_before + 1)) return Ok();
  // Someone may be guessing at a colleague's account: their organisation's
  // safeguarding leads are told (they know the person, and whether to worry).
  for (const domain::Practitioner& colleague : JIGSAW_TRY(tx.practitioners().List(practitioner->organisation_id))) {
    if (!colleague.roles.Has(domain::Role::kDesignatedSafeguardingLead) || colleague.disabled) continue;
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertNotification(
        {NewId(), colleague.id, "sign_in.repeated_failures", "practitioner", practitioner->id, now, Time{}}));
  }
  log::Warning("sign_in.repeated_failures", {{"practitioner_id", practitioner->id},
                                             {"failures", std::to_string(failures_before + 1)}});
  return Ok();
}

Result<Authentication::Challenged> Authentication::LoadChallenge(const std::string& challenge_token) {
  if (challenge_token.empty()) return Unauthenticated(std::string(kChallengeEnded));
  const Time now = clock_.Now();
  Challenged c;
  bool found = false;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto challenge = JIGSAW_TRY(tx.sign_in().FindChallenge(access::TokenDigest(challenge_token)));
    if (!challenge || challenge->practitioner_id.empty() || now >= challenge->expires_at) return Ok();
    auto who = JIGSAW_TRY(tx.practitioners().Find(challenge->practitioner_id));
    if (!who || who->disabled) return Ok();
    c.challenge = std::move(*challenge);
    c.practitioner = std::move(*who);
    c.totp = JIGSAW_TRY(tx.sign_in().FindTotp(c.practitioner.id));
    found = true;
    return Ok();
  }));
  if (!found) return Unauthenticated(std::string(kChallengeEnded));
  c.account_digest = AccountDigest(c.practitioner.username);
  return c;
}

Result<access::ThrottleVerdict> Authentication::Verdict(const std::string& account_digest,
                                                        const std::string& source_digest) {
  const Time now = clock_.Now();
  store::SignInFailureCounts counts;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    counts = JIGSAW_TRY(tx.sign_in().CountFailures(FailureQuery(policy_.throttle, account_digest, source_digest, now)));
    return Ok();
  }));
  return access::Throttle(policy_.throttle, ToCounts(counts), now);
}

Result<TotpOffer> Authentication::OfferTotp(const std::string& challenge_token) {
  Challenged c = JIGSAW_TRY(LoadChallenge(challenge_token));
  if (c.totp) return Fail(ErrorCode::kFailedPrecondition, "You already have an authenticator app set up.");
  Bytes secret;
  if (!c.challenge.sealed_offered_secret.empty()) {
    secret = JIGSAW_TRY(OpenTotpSecret(sealer_, c.challenge.sealed_offered_secret, c.practitioner.id));
  } else {
    secret = RandomBytes(access::kTotpSecretBytes);
    c.challenge.sealed_offered_secret = SealTotpSecret(sealer_, secret, c.practitioner.id);
    JIGSAW_RETURN_IF_ERROR(
        store_.Write([&](store::Transaction& tx) { return tx.sign_in().UpdateChallenge(c.challenge); }));
  }
  const std::string base32 = access::Base32Encode(secret);
  return TotpOffer{base32, access::OtpauthUri("Jigsaw", c.practitioner.username, base32), c.practitioner.username};
}

Result<SignedIn> Authentication::RefuseCode(const Challenged& c, const Attempt& attempt, std::string_view field,
                                            std::string message) {
  // A wrong code counts against the account like a wrong password (the
  // password is known to whoever is guessing), and against the challenge.
  domain::SignInChallenge challenge = c.challenge;
  ++challenge.failed_codes;
  const bool ended = challenge.failed_codes >= policy_.max_codes_per_challenge;
  store::SignInFailureCounts counts;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    counts = JIGSAW_TRY(tx.sign_in().CountFailures(
        FailureQuery(policy_.throttle, c.account_digest, SourceDigest(attempt.source_address), clock_.Now())));
    JIGSAW_RETURN_IF_ERROR(RecordFailure(tx, c.account_digest, attempt, &c.practitioner, counts.account));
    JIGSAW_RETURN_IF_ERROR(ended ? tx.sign_in().DeleteChallenge(challenge.token_digest)
                                 : tx.sign_in().UpdateChallenge(challenge));
    return trail_.Append(tx, Context{ActorOf(c.practitioner), attempt.request_id},
                         {"session.second_factor", "practitioner", c.practitioner.id, domain::AuditOutcome::kFailed});
  }));
  if (ended) return Unauthenticated(std::string(kTooManyCodes));
  return InvalidArgument(std::string(field), std::move(message));
}

Result<SignedIn> Authentication::CompleteWithCode(const std::string& challenge_token, const std::string& code,
                                                  const Attempt& attempt) {
  Challenged c = JIGSAW_TRY(LoadChallenge(challenge_token));
  if (code.empty()) return InvalidArgument("code", "Enter the 6-digit code from your authenticator app.");
  if (JIGSAW_TRY(Verdict(c.account_digest, SourceDigest(attempt.source_address))) != access::ThrottleVerdict::kAllowed) {
    JIGSAW_RETURN_IF_ERROR(trail_.Record(Context{ActorOf(c.practitioner), attempt.request_id},
                                         {"session.second_factor", "practitioner", c.practitioner.id,
                                          domain::AuditOutcome::kDenied}));
    return Throttled();
  }
  const bool enrolling = !c.totp;
  if (enrolling && c.challenge.sealed_offered_secret.empty())
    return Fail(ErrorCode::kFailedPrecondition, "Set up your authenticator app first.", "code");
  const Bytes secret = JIGSAW_TRY(OpenTotpSecret(
      sealer_, enrolling ? c.challenge.sealed_offered_secret : c.totp->sealed_secret, c.practitioner.id));
  const Time now = clock_.Now();
  const std::int64_t last = enrolling ? std::numeric_limits<std::int64_t>::min() : c.totp->last_accepted_step;
  const auto step = access::VerifyTotp(secret, code, now, last);
  if (!step) {
    const bool reused = !enrolling && access::VerifyTotp(secret, code, now, std::numeric_limits<std::int64_t>::min());
    return RefuseCode(c, attempt, "code",
                      reused ? "That code has been used already. Wait for your app to show a new one, then enter it."
                             : "The code is not right. Check your authenticator app and enter the code it shows now.");
  }
  SignedIn out;
  bool replayed = false;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    const Context as_them{ActorOf(c.practitioner), attempt.request_id};
    if (enrolling) {
      JIGSAW_RETURN_IF_ERROR(tx.sign_in().PutTotp({c.practitioner.id, SealTotpSecret(sealer_, secret, c.practitioner.id),
                                                   *step, now}));
      out.recovery_codes = access::NewRecoveryCodes();
      std::vector<std::string> digests;
      for (const auto& code_text : out.recovery_codes)
        digests.push_back(access::RecoveryCodeDigest(access::NormaliseRecoveryCode(code_text)));
      JIGSAW_RETURN_IF_ERROR(tx.sign_in().ReplaceRecoveryCodes(c.practitioner.id, digests, now));
      JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, as_them, {"second_factor.enrol", "practitioner", c.practitioner.id}));
    } else if (!JIGSAW_TRY(tx.sign_in().AdvanceTotpStep(c.practitioner.id, *step))) {
      replayed = true;  // another request took this step a moment ago
      return Ok();
    }
    auto session = JIGSAW_TRY(StartSession(tx, c.practitioner, c.account_digest, attempt));
    session.recovery_codes = std::move(out.recovery_codes);
    out = std::move(session);
    return Ok();
  }));
  if (replayed)
    return RefuseCode(c, attempt, "code", "That code has been used already. Wait for your app to show a new one, then enter it.");
  return out;
}

Result<SignedIn> Authentication::CompleteWithRecoveryCode(const std::string& challenge_token, const std::string& code,
                                                          const Attempt& attempt) {
  Challenged c = JIGSAW_TRY(LoadChallenge(challenge_token));
  if (code.empty()) return InvalidArgument("recovery_code", "Enter one of your recovery codes.");
  if (!c.totp) return Fail(ErrorCode::kFailedPrecondition, "Set up your authenticator app first.", "recovery_code");
  if (JIGSAW_TRY(Verdict(c.account_digest, SourceDigest(attempt.source_address))) != access::ThrottleVerdict::kAllowed) {
    JIGSAW_RETURN_IF_ERROR(trail_.Record(Context{ActorOf(c.practitioner), attempt.request_id},
                                         {"session.second_factor", "practitioner", c.practitioner.id,
                                          domain::AuditOutcome::kDenied}));
    return Throttled();
  }
  const std::string normalised = access::NormaliseRecoveryCode(code);
  const Time now = clock_.Now();
  SignedIn out;
  bool used = false;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (normalised.empty() ||
        !JIGSAW_TRY(tx.sign_in().UseRecoveryCode(c.practitioner.id, access::RecoveryCodeDigest(normalised), now)))
      return Ok();
    used = true;
    JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, Context{ActorOf(c.practitioner), attempt.request_id},
                                         {"second_factor.recovery_code_used", "practitioner", c.practitioner.id}));
    out = JIGSAW_TRY(StartSession(tx, c.practitioner, c.account_digest, attempt));
    out.recovery_codes_left = JIGSAW_TRY(tx.sign_in().UnusedRecoveryCodes(c.practitioner.id));
    return Ok();
  }));
  if (!used)
    return RefuseCode(c, attempt, "recovery_code",
                      "That recovery code is not right, or has been used. Each code works once.");
  return out;
}

Result<SignedIn> Authentication::StartSession(store::Transaction& tx, const domain::Practitioner& practitioner,
                                              const std::string& account_digest, const Attempt& attempt) {
  const Time now = clock_.Now();
  SignedIn out;
  out.token = access::NewSessionToken();
  out.practitioner = practitioner;
  out.expires_at = now + policy_.absolute_timeout;
  JIGSAW_RETURN_IF_ERROR(tx.sign_in().ClearAccountFailures(account_digest));
  JIGSAW_RETURN_IF_ERROR(tx.sign_in().DeleteChallengesOf(practitioner.id));
  JIGSAW_RETURN_IF_ERROR(tx.sessions().Insert(
      domain::Session{access::TokenDigest(out.token), practitioner.id, now, now, out.expires_at}));
  JIGSAW_RETURN_IF_ERROR(
      trail_.Append(tx, Context{ActorOf(practitioner), attempt.request_id}, {"session.sign_in", "practitioner", practitioner.id}));
  return out;
}

Result<PasskeyChallenge> Authentication::BeginPasskeySignIn() {
  const Time now = clock_.Now();
  PasskeyChallenge out{access::NewSessionToken(), Base64UrlEncode(RandomBytes(32)), now + policy_.challenge_timeout};
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) {
    return tx.sign_in().InsertChallenge({.token_digest = access::TokenDigest(out.challenge_token),
                                         .created_at = now,
                                         .expires_at = out.expires_at,
                                         .passkey_challenge = out.challenge});
  }));
  return out;
}

Result<SignedIn> Authentication::CompleteWithPasskey(const std::string& challenge_token,
                                                     const PasskeyAssertion& assertion,
                                                     const access::WebAuthnExpectation& origin,
                                                     const Attempt& attempt) {
  const std::string digest = access::TokenDigest(challenge_token);
  const Time now = clock_.Now();
  std::optional<domain::SignInChallenge> challenge;
  std::optional<domain::Passkey> passkey;
  std::optional<domain::Practitioner> who;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    challenge = JIGSAW_TRY(tx.sign_in().FindChallenge(digest));
    passkey = JIGSAW_TRY(tx.sign_in().FindPasskey(assertion.credential_id));
    if (passkey) who = JIGSAW_TRY(tx.practitioners().Find(passkey->practitioner_id));
    return Ok();
  }));
  // A challenge is good for one answer, right or wrong.
  if (challenge) JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) { return tx.sign_in().DeleteChallenge(digest); }));
  if (!challenge || challenge->passkey_challenge.empty() || !challenge->practitioner_id.empty() ||
      now >= challenge->expires_at)
    return Unauthenticated(std::string(kChallengeEnded));
  const Context unknown{access::Actor{}, attempt.request_id};
  if (!passkey || !who || who->disabled)
    return trail_.Deny(unknown, {"session.sign_in", "passkey", ""},
                       Error{ErrorCode::kUnauthenticated, "This passkey is not registered with Jigsaw.", {}});
  access::WebAuthnExpectation expected = origin;
  expected.challenge = challenge->passkey_challenge;
  auto count = access::VerifyAssertion(assertion.client_data_json, assertion.authenticator_data, assertion.signature,
                                       passkey->public_key_cose, passkey->sign_count, expected);
  if (!count)
    return trail_.Deny(Context{ActorOf(*who), attempt.request_id},
                       {"session.sign_in", "practitioner", who->id, domain::AuditOutcome::kFailed}, count.error());
  SignedIn out;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().UpdatePasskeyUse(passkey->credential_id, *count, now));
    out = JIGSAW_TRY(StartSession(tx, *who, AccountDigest(who->username), attempt));
    return Ok();
  }));
  return out;
}

Result<Authenticated> Authentication::Authenticate(const std::string& token) {
  if (token.empty()) return Unauthenticated("Sign in first.");
  const std::string digest = access::TokenDigest(token);
  const Time now = clock_.Now();
  std::optional<domain::Session> session;
  std::optional<domain::Practitioner> practitioner;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    session = JIGSAW_TRY(tx.sessions().Find(digest));
    if (session) practitioner = JIGSAW_TRY(tx.practitioners().Find(session->practitioner_id));
    return Ok();
  }));
  if (!session || !practitioner) return Unauthenticated("Your session has ended. Sign in again.");
  const bool expired =
      now >= session->expires_at || now - session->last_seen_at >= policy_.idle_timeout;
  if (expired || practitioner->disabled) {
    JIGSAW_RETURN_IF_ERROR(
        store_.Write([&](store::Transaction& tx) { return tx.sessions().Delete(digest); }));
    return Unauthenticated("Your session has ended. Sign in again.");
  }
  if (now - session->last_seen_at >= kTouchResolution) {
    JIGSAW_RETURN_IF_ERROR(
        store_.Write([&](store::Transaction& tx) { return tx.sessions().Touch(digest, now); }));
  }
  Authenticated out;
  out.actor = ActorOf(*practitioner);
  // After an administrator's reset the password is one someone else knows:
  // until its owner chooses their own, the session acts with no role, so
  // access::Authorise refuses every record (it fails closed) and only
  // changing the password (Accounts::ChangePassword) and signing out work.
  if (practitioner->must_change_password) out.actor.roles = domain::RoleSet{};
  out.practitioner = std::move(*practitioner);
  out.token_digest = digest;
  return out;
}

Result<Duration> Authentication::TimeLeft(const std::string& token) {
  if (token.empty()) return Unauthenticated("Sign in first.");
  std::optional<domain::Session> session;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    session = JIGSAW_TRY(tx.sessions().Find(access::TokenDigest(token)));
    return Ok();
  }));
  if (!session) return Unauthenticated("Your session has ended. Sign in again.");
  const Time now = clock_.Now();
  const Duration left = std::min(session->last_seen_at + policy_.idle_timeout, session->expires_at) - now;
  if (left <= Duration::zero()) return Unauthenticated("Your session has ended. Sign in again.");
  return left;
}

Result<std::int64_t> Authentication::PurgeExpiredSessions() {
  std::int64_t purged = 0;
  const Time now = clock_.Now();
  const Duration longest =
      std::max({policy_.throttle.account_window, policy_.throttle.address_window, policy_.throttle.global_window});
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    purged = JIGSAW_TRY(tx.sessions().DeleteExpired(now, policy_.idle_timeout));
    JIGSAW_TRY(tx.sign_in().DeleteChallengesBefore(now));
    JIGSAW_TRY(tx.sign_in().DeleteFailuresBefore(now - longest));
    return Ok();
  }));
  return purged;
}

Status Authentication::SignOut(const std::string& token, const Context& context) {
  const std::string digest = access::TokenDigest(token);
  return store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.sessions().Delete(digest));
    return trail_.Append(tx, context, {"session.sign_out", "practitioner", context.actor.practitioner_id});
  });
}

}  // namespace jigsaw::service
