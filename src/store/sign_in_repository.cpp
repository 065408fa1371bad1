// Signing in's own records: failed attempts, challenges, TOTP enrolments,
// recovery codes and passkeys, in portable SQL over sql::Connection.
#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using sql::Row;
using domain::Passkey;
using domain::SignInChallenge;
using domain::TotpEnrolment;

constexpr std::string_view kChallengeColumns =
    "token_digest, practitioner_id, created_at, expires_at, failed_codes, sealed_offered_secret, passkey_challenge";
constexpr std::string_view kPasskeyColumns =
    "credential_id, practitioner_id, name, public_key_cose, sign_count, created_at, last_used_at";

Passkey ToPasskey(const Row& r) {
  return Passkey{.credential_id = r.Text(0),
                 .practitioner_id = r.Text(1),
                 .name = r.Text(2),
                 .public_key_cose = r.Blob(3),
                 .sign_count = r.Int(4),
                 .created_at = FromMicros(r.Int(5)),
                 .last_used_at = FromMicros(r.Int(6))};
}

class SqlSignIn final : public SignInRepository {
 public:
  explicit SqlSignIn(sql::Connection& c) : c_(c) {}

  Result<SignInFailureCounts> CountFailures(const SignInFailureQuery& q) override {
    // One round trip for the three counts; each uses its own index.
    auto rows = JIGSAW_TRY(sql::Query(
        c_,
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE account_digest = $1 AND at >= $2), "
        "(SELECT COALESCE(MAX(at), 0) FROM sign_in_failures WHERE account_digest = $1 AND at >= $2), "
        "(SELECT COUNT(*) FROM sign_in_failures WHERE source_digest = $3 AND at >= $4), "
        "(SELECT COUNT(*) FROM sign_in_failures WHERE at >= $5)",
        {q.account_digest, Micros(q.account_since), q.source_digest, Micros(q.address_since),
         Micros(q.overall_since)}));
    const Row& r = rows.at(0);
    return SignInFailureCounts{static_cast<int>(r.Int(0)), FromMicros(r.Int(1)), static_cast<int>(r.Int(2)),
                               static_cast<int>(r.Int(3))};
  }

  Status RecordFailure(const std::string& account_digest, const std::string& source_digest, Time at) override {
    JIGSAW_TRY(sql::Execute(c_, "INSERT INTO sign_in_failures (account_digest, source_digest, at) VALUES ($1, $2, $3)",
                            {account_digest, source_digest, Micros(at)}));
    return Ok();
  }

  Status ClearAccountFailures(const std::string& account_digest) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM sign_in_failures WHERE account_digest = $1", {account_digest}));
    return Ok();
  }

  Result<std::int64_t> DeleteFailuresBefore(Time before) override {
    return sql::Execute(c_, "DELETE FROM sign_in_failures WHERE at < $1", {Micros(before)});
  }

  Status InsertChallenge(const SignInChallenge& c) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO sign_in_challenges (" + std::string(kChallengeColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
                            {c.token_digest, c.practitioner_id, Micros(c.created_at), Micros(c.expires_at),
                             std::int64_t{c.failed_codes}, c.sealed_offered_secret, c.passkey_challenge}));
    return Ok();
  }

  Result<std::optional<SignInChallenge>> FindChallenge(const std::string& token_digest) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kChallengeColumns) + " FROM sign_in_challenges WHERE token_digest = $1",
        {token_digest}));
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    return SignInChallenge{.token_digest = r.Text(0),
                           .practitioner_id = r.Text(1),
                           .created_at = FromMicros(r.Int(2)),
                           .expires_at = FromMicros(r.Int(3)),
                           .failed_codes = static_cast<int>(r.Int(4)),
                           .sealed_offered_secret = r.IsNull(5) ? Bytes{} : r.Blob(5),
                           .passkey_challenge = r.Text(6)};
  }

  Status UpdateChallenge(const SignInChallenge& c) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE sign_in_challenges SET failed_codes = $2, sealed_offered_secret = $3, "
                            "passkey_challenge = $4 WHERE token_digest = $1",
                            {c.token_digest, std::int64_t{c.failed_codes}, c.sealed_offered_secret,
                             c.passkey_challenge}));
    return Ok();
  }

  Status DeleteChallenge(const std::string& token_digest) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM sign_in_challenges WHERE token_digest = $1", {token_digest}));
    return Ok();
  }

  Status DeleteChallengesOf(const std::string& practitioner_id) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM sign_in_challenges WHERE practitioner_id = $1", {practitioner_id}));
    return Ok();
  }

  Result<std::int64_t> DeleteChallengesBefore(Time before) override {
    return sql::Execute(c_, "DELETE FROM sign_in_challenges WHERE expires_at < $1", {Micros(before)});
  }

  Result<std::optional<TotpEnrolment>> FindTotp(const std::string& practitioner_id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT practitioner_id, sealed_secret, last_accepted_step, enrolled_at "
                                      "FROM totp_enrolments WHERE practitioner_id = $1",
                                      {practitioner_id}));
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    return TotpEnrolment{r.Text(0), r.Blob(1), r.Int(2), FromMicros(r.Int(3))};
  }

  Status PutTotp(const TotpEnrolment& e) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM totp_enrolments WHERE practitioner_id = $1", {e.practitioner_id}));
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO totp_enrolments (practitioner_id, sealed_secret, last_accepted_step, "
                            "enrolled_at) VALUES ($1, $2, $3, $4)",
                            {e.practitioner_id, e.sealed_secret, e.last_accepted_step, Micros(e.enrolled_at)}));
    return Ok();
  }

  Result<bool> AdvanceTotpStep(const std::string& practitioner_id, std::int64_t step) override {
    // Conditional, so two instances accepting the same code at once cannot
    // both succeed: the second finds the step already taken.
    const auto changed = JIGSAW_TRY(sql::Execute(
        c_, "UPDATE totp_enrolments SET last_accepted_step = $2 WHERE practitioner_id = $1 AND last_accepted_step < $2",
        {practitioner_id, step}));
    return changed == 1;
  }

  Status ReplaceRecoveryCodes(const std::string& practitioner_id, const std::vector<std::string>& digests,
                              Time at) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM recovery_codes WHERE practitioner_id = $1", {practitioner_id}));
    for (const std::string& d : digests)
      JIGSAW_TRY(sql::Execute(c_,
                              "INSERT INTO recovery_codes (practitioner_id, code_digest, created_at, used_at) "
                              "VALUES ($1, $2, $3, 0)",
                              {practitioner_id, d, Micros(at)}));
    return Ok();
  }

  Result<bool> UseRecoveryCode(const std::string& practitioner_id, const std::string& digest, Time at) override {
    const auto changed = JIGSAW_TRY(sql::Execute(
        c_,
        "UPDATE recovery_codes SET used_at = $3 WHERE practitioner_id = $1 AND code_digest = $2 AND used_at = 0",
        {practitioner_id, digest, Micros(at)}));
    return changed == 1;
  }

  Result<int> UnusedRecoveryCodes(const std::string& practitioner_id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT COUNT(*) FROM recovery_codes WHERE practitioner_id = $1 AND used_at = 0", {practitioner_id}));
    return static_cast<int>(rows.at(0).Int(0));
  }

  Status InsertPasskey(const Passkey& p) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO passkeys (" + std::string(kPasskeyColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
                            {p.credential_id, p.practitioner_id, p.name, p.public_key_cose, p.sign_count,
                             Micros(p.created_at), Micros(p.last_used_at)}));
    return Ok();
  }

  Result<std::optional<Passkey>> FindPasskey(const std::string& credential_id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kPasskeyColumns) + " FROM passkeys WHERE credential_id = $1", {credential_id}));
    if (rows.empty()) return std::nullopt;
    return ToPasskey(rows[0]);
  }

  Result<std::vector<Passkey>> Passkeys(const std::string& practitioner_id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT " + std::string(kPasskeyColumns) +
                                          " FROM passkeys WHERE practitioner_id = $1 ORDER BY created_at, credential_id",
                                      {practitioner_id}));
    std::vector<Passkey> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(ToPasskey(r));
    return out;
  }

  Status UpdatePasskeyUse(const std::string& credential_id, std::int64_t sign_count, Time at) override {
    JIGSAW_TRY(sql::Execute(c_, "UPDATE passkeys SET sign_count = $2, last_used_at = $3 WHERE credential_id = $1",
                            {credential_id, sign_count, Micros(at)}));
    return Ok();
  }

  Status DeletePasskey(const std::string& practitioner_id, const std::string& credential_id) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM passkeys WHERE practitioner_id = $1 AND credential_id = $2",
                            {practitioner_id, credential_id}));
    return Ok();
  }

  Status DeleteSecondFactors(const std::string& practitioner_id) override {
    for (std::string_view table : {"totp_enrolments", "recovery_codes", "passkeys", "sign_in_challenges"})
      JIGSAW_TRY(sql::Execute(c_, "DELETE FROM " + std::string(table) + " WHERE practitioner_id = $1",
                              {practitioner_id}));
    return Ok();
  }

 private:
  sql::Connection& c_;
};

}  // namespace

std::unique_ptr<SignInRepository> NewSignInRepository(sql::Connection& connection) {
  return std::make_unique<SqlSignIn>(connection);
}

}  // namespace jigsaw::store::internal
