#include "service/accounts.h"

#include "access/totp.h"
#include "common/random.h"
#include "domain/text.h"

namespace jigsaw::service {
namespace {

// Only someone signed in as a practitioner has sign-in settings.
Status SignedInPractitioner(const Context& context) {
  if (context.actor.practitioner_id.empty() || context.actor.is_operator)
    return PermissionDenied("Sign in as a practitioner to change your sign-in settings.");
  return Ok();
}

}  // namespace

Result<domain::Practitioner> Accounts::Me(const Context& context) {
  JIGSAW_RETURN_IF_ERROR(SignedInPractitioner(context));
  std::optional<domain::Practitioner> me;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    me = JIGSAW_TRY(tx.practitioners().Find(context.actor.practitioner_id));
    return Ok();
  }));
  if (!me) return Unauthenticated("Sign in first.");
  return *me;
}

Result<SignInSettings> Accounts::Settings(const Context& context) {
  JIGSAW_RETURN_IF_ERROR(SignedInPractitioner(context));
  SignInSettings out;
  const std::string& id = context.actor.practitioner_id;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    out.has_authenticator_app = JIGSAW_TRY(tx.sign_in().FindTotp(id)).has_value();
    out.recovery_codes_left = JIGSAW_TRY(tx.sign_in().UnusedRecoveryCodes(id));
    out.passkeys = JIGSAW_TRY(tx.sign_in().Passkeys(id));
    return Ok();
  }));
  return out;
}

Status Accounts::ChangePassword(const Context& context, const std::string& current_password,
                                const std::string& new_password) {
  const domain::Practitioner me = JIGSAW_TRY(Me(context));
  if (current_password.empty()) return InvalidArgument("current_password", "Enter your current password.");
  std::optional<store::PractitionerWithCredentials> stored;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    stored = JIGSAW_TRY(tx.practitioners().FindWithCredentials(me.id));
    return Ok();
  }));
  if (!stored) return Unauthenticated("Sign in first.");
  const AuditEvent event{"practitioner.password_change", "practitioner", me.id};
  if (!access::VerifyPassword(current_password, stored->credentials.password_hash)) {
    AuditEvent failed = event;
    failed.outcome = domain::AuditOutcome::kFailed;
    return trail_.Deny(context, failed,
                       Error{ErrorCode::kInvalidArgument, "Your current password is not right.", "current_password"});
  }
  JIGSAW_RETURN_IF_ERROR(access::CheckNewPassword(new_password, {me.username, me.display_name}, deny_list_));
  if (new_password == current_password)
    return InvalidArgument("password", "Choose a password different from your current one.");
  const std::string hash = JIGSAW_TRY(access::HashPassword(new_password, hash_cost_));
  return store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().UpdatePasswordHash(me.id, hash));
    return trail_.Append(tx, context, event);
  });
}

Result<std::vector<std::string>> Accounts::NewRecoveryCodes(const Context& context) {
  JIGSAW_RETURN_IF_ERROR(SignedInPractitioner(context));
  const std::string& id = context.actor.practitioner_id;
  std::vector<std::string> codes = access::NewRecoveryCodes();
  std::vector<std::string> digests;
  for (const auto& code : codes) digests.push_back(access::RecoveryCodeDigest(access::NormaliseRecoveryCode(code)));
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.sign_in().FindTotp(id)))
      return Fail(ErrorCode::kFailedPrecondition, "Set up your authenticator app first.");
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().ReplaceRecoveryCodes(id, digests, clock_.Now()));
    return trail_.Append(tx, context, {"second_factor.recovery_codes_replaced", "practitioner", id});
  }));
  return codes;
}

Status Accounts::ResetSecondFactor(const Context& context, const std::string& practitioner_id) {
  const AuditEvent event{"second_factor.reset", "practitioner", practitioner_id};
  std::optional<domain::Practitioner> target;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    target = JIGSAW_TRY(tx.practitioners().Find(practitioner_id));
    return Ok();
  }));
  if (auto allowed = access::Authorise(context.actor, access::Action::kResetSecondFactor,
                                       target ? target->organisation_id : std::string());
      !allowed)
    return trail_.Deny(context, event, allowed.error());
  if (!target) return NotFound("There is no practitioner with that id.");
  return store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().DeleteSecondFactors(practitioner_id));
    // Whoever has their phone or a session must not carry on as them.
    JIGSAW_RETURN_IF_ERROR(tx.sessions().DeleteForPractitioner(practitioner_id));
    return trail_.Append(tx, context, event);
  });
}

Status Accounts::EnrolAuthenticator(const Context& context, const std::string& practitioner_id,
                                    std::span<const std::uint8_t> secret) {
  if (!context.actor.is_operator) return PermissionDenied("Only the operator can enrol a known secret.");
  if (secret.size() < 16) return InvalidArgument("secret", "A TOTP secret is at least 128 bits.");
  return store_.Write([&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.practitioners().Find(practitioner_id))) return NotFound("There is no practitioner with that id.");
    JIGSAW_RETURN_IF_ERROR(
        tx.sign_in().PutTotp({practitioner_id, SealTotpSecret(sealer_, secret, practitioner_id), 0, clock_.Now()}));
    return trail_.Append(tx, context, {"second_factor.enrol", "practitioner", practitioner_id});
  });
}

Result<PasskeyRegistration> Accounts::BeginPasskeyRegistration(const Context& context) {
  const domain::Practitioner me = JIGSAW_TRY(Me(context));
  const Time now = clock_.Now();
  PasskeyRegistration out;
  out.challenge = {access::NewSessionToken(), Base64UrlEncode(RandomBytes(32)), now + challenge_timeout_};
  out.user_handle = Base64UrlEncode(AsBytes(me.id));
  out.username = me.username;
  out.display_name = me.display_name;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    for (const auto& p : JIGSAW_TRY(tx.sign_in().Passkeys(me.id))) out.existing_credential_ids.push_back(p.credential_id);
    return tx.sign_in().InsertChallenge({.token_digest = access::TokenDigest(out.challenge.challenge_token),
                                         .practitioner_id = me.id,
                                         .created_at = now,
                                         .expires_at = out.challenge.expires_at,
                                         .passkey_challenge = out.challenge.challenge});
  }));
  return out;
}

Result<domain::Passkey> Accounts::CompletePasskeyRegistration(const Context& context, const std::string& challenge_token,
                                                              const std::string& name,
                                                              std::span<const std::uint8_t> client_data_json,
                                                              std::span<const std::uint8_t> attestation_object,
                                                              const access::WebAuthnExpectation& origin) {
  const domain::Practitioner me = JIGSAW_TRY(Me(context));
  JIGSAW_RETURN_IF_ERROR(domain::ValidateName("name", name, 100));
  const std::string digest = access::TokenDigest(challenge_token);
  const Time now = clock_.Now();
  std::optional<domain::SignInChallenge> challenge;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    challenge = JIGSAW_TRY(tx.sign_in().FindChallenge(digest));
    return tx.sign_in().DeleteChallenge(digest);  // good for one answer
  }));
  if (!challenge || challenge->practitioner_id != me.id || challenge->passkey_challenge.empty() ||
      now >= challenge->expires_at)
    return InvalidArgument("credential", "Adding the passkey took too long. Try again.");
  access::WebAuthnExpectation expected = origin;
  expected.challenge = challenge->passkey_challenge;
  const access::NewCredential credential =
      JIGSAW_TRY(access::VerifyRegistration(client_data_json, attestation_object, expected));
  domain::Passkey passkey{.credential_id = credential.credential_id,
                          .practitioner_id = me.id,
                          .name = name,
                          .public_key_cose = credential.public_key_cose,
                          .sign_count = credential.sign_count,
                          .created_at = now};
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    if (JIGSAW_TRY(tx.sign_in().FindPasskey(passkey.credential_id)))
      return Fail(ErrorCode::kAlreadyExists, "This passkey is registered already.", "credential");
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().InsertPasskey(passkey));
    return trail_.Append(tx, context, {"passkey.register", "practitioner", me.id});
  }));
  return passkey;
}

Status Accounts::RemovePasskey(const Context& context, const std::string& credential_id) {
  JIGSAW_RETURN_IF_ERROR(SignedInPractitioner(context));
  return store_.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().DeletePasskey(context.actor.practitioner_id, credential_id));
    return trail_.Append(tx, context, {"passkey.remove", "practitioner", context.actor.practitioner_id});
  });
}

}  // namespace jigsaw::service
