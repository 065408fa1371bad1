#include "service/authentication.h"

#include <algorithm>

namespace jigsaw::service {
namespace {

constexpr std::string_view kWrongCredentials = "The username or password is not right.";
// Writing last-seen on every request would make every read a write; a
// minute's resolution is plenty for a 30-minute idle timeout.
constexpr Duration kTouchResolution = std::chrono::minutes(1);

}  // namespace

Result<SignedIn> Authentication::SignIn(const std::string& username, const std::string& password,
                                        const std::string& request_id) {
  if (username.empty()) return InvalidArgument("username", "Enter your username.");
  if (password.empty()) return InvalidArgument("password", "Enter your password.");

  std::optional<store::PractitionerWithCredentials> found;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.practitioners().FindByUsername(username));
    return Ok();
  }));
  const Time now = clock_.Now();
  const AuditEvent attempt{"session.sign_in", "practitioner", found ? found->practitioner.id : ""};
  if (!found || found->practitioner.disabled) {
    access::VerifyAgainstDummy(password, policy_.hash_cost);
    return trail_.Deny(Context{{}, request_id}, attempt,
                       Error{ErrorCode::kUnauthenticated, std::string(kWrongCredentials), {}});
  }
  const domain::Practitioner& p = found->practitioner;
  const Context as_them{access::Actor{p.id, p.organisation_id, p.roles}, request_id};
  if (found->credentials.locked_until > now) {
    AuditEvent refused = attempt;
    refused.outcome = domain::AuditOutcome::kDenied;
    JIGSAW_RETURN_IF_ERROR(trail_.Record(as_them, refused));
    return Fail(ErrorCode::kResourceExhausted,
                "Too many failed sign-in attempts. Try again after " +
                    FormatRfc3339(found->credentials.locked_until) + ".");
  }
  // The hash is checked outside any transaction: it is slow by design and
  // must not hold a database lock.
  const bool ok = access::VerifyPassword(password, found->credentials.password_hash);

  SignedIn out;
  Status written = store_.Write([&](store::Transaction& tx) -> Status {
    if (!ok) {
      // Re-read inside the write so concurrent failures all count.
      auto current = JIGSAW_TRY(tx.practitioners().FindByUsername(username));
      const int failures = (current ? current->credentials.failed_sign_ins : 0) + 1;
      const Time locked =
          failures >= policy_.max_failed_attempts ? now + policy_.lockout : Time{};
      JIGSAW_RETURN_IF_ERROR(
          tx.practitioners().UpdateSignInState(p.id, locked == Time{} ? failures : 0, locked));
      AuditEvent failed = attempt;
      failed.outcome = domain::AuditOutcome::kFailed;
      return trail_.Append(tx, as_them, failed);
    }
    if (found->credentials.failed_sign_ins != 0)
      JIGSAW_RETURN_IF_ERROR(tx.practitioners().UpdateSignInState(p.id, 0, Time{}));
    out.token = access::NewSessionToken();
    out.practitioner = p;
    out.expires_at = now + policy_.absolute_timeout;
    JIGSAW_RETURN_IF_ERROR(tx.sessions().Insert(
        domain::Session{access::TokenDigest(out.token), p.id, now, now, out.expires_at}));
    return trail_.Append(tx, as_them, attempt);
  });
  JIGSAW_RETURN_IF_ERROR(written);
  if (!ok) return Unauthenticated(std::string(kWrongCredentials));
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
  out.actor = access::Actor{practitioner->id, practitioner->organisation_id, practitioner->roles};
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
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    purged = JIGSAW_TRY(tx.sessions().DeleteExpired(clock_.Now(), policy_.idle_timeout));
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
