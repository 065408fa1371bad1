// A practitioner's own sign-in settings (password, recovery codes,
// passkeys) and the administrator's reset of a colleague's second factor.
// Signing in itself is service::Authentication.
#pragma once

#include <string>
#include <vector>

#include "access/credentials.h"
#include "access/passwords.h"
#include "access/sealing.h"
#include "access/webauthn.h"
#include "service/audit_trail.h"
#include "service/authentication.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

// What the settings page shows about the signed-in person's sign-in.
struct SignInSettings {
  bool has_authenticator_app = false;
  int recovery_codes_left = 0;
  std::vector<domain::Passkey> passkeys;
};

// Options for navigator.credentials.create(): the challenge and who the
// passkey is for; the relying party comes from the HTTP layer.
struct PasskeyRegistration {
  PasskeyChallenge challenge;
  std::string user_handle;  // base64url of the practitioner id
  std::string username;
  std::string display_name;
  std::vector<std::string> existing_credential_ids;  // so the same authenticator is not added twice
};

class Accounts {
 public:
  Accounts(store::Store& store, const Clock& clock, const AuditTrail& trail, const access::Sealer& sealer,
           const access::PasswordDenyList& deny_list, access::HashCost hash_cost, Duration challenge_timeout)
      : store_(store),
        clock_(clock),
        trail_(trail),
        sealer_(sealer),
        deny_list_(deny_list),
        hash_cost_(hash_cost),
        challenge_timeout_(challenge_timeout) {}

  Result<SignInSettings> Settings(const Context& context);

  // kInvalidArgument naming "current_password" if it is wrong, or
  // "password" if the new one is not acceptable (access::CheckNewPassword).
  Status ChangePassword(const Context& context, const std::string& current_password,
                        const std::string& new_password);

  // Ten new recovery codes, replacing the old ones; shown once.
  Result<std::vector<std::string>> NewRecoveryCodes(const Context& context);

  // An administrator of the person's organisation (or the operator) removes
  // their authenticator app, recovery codes and passkeys, and ends their
  // sessions; they enrol again at their next sign-in. Audited.
  // kPermissionDenied for anyone else; kNotFound for no such person.
  Status ResetSecondFactor(const Context& context, const std::string& practitioner_id);

  // The operator enrols an authenticator app with a known secret (the
  // demo's documented one). kPermissionDenied for anyone but the operator.
  Status EnrolAuthenticator(const Context& context, const std::string& practitioner_id,
                            std::span<const std::uint8_t> secret);

  Result<PasskeyRegistration> BeginPasskeyRegistration(const Context& context);
  // Checks the authenticator's answer (access::VerifyRegistration) and keeps
  // the passkey under `name`. kInvalidArgument naming "name" or "credential".
  Result<domain::Passkey> CompletePasskeyRegistration(const Context& context, const std::string& challenge_token,
                                                      const std::string& name, std::span<const std::uint8_t> client_data_json,
                                                      std::span<const std::uint8_t> attestation_object,
                                                      const access::WebAuthnExpectation& origin);
  Status RemovePasskey(const Context& context, const std::string& credential_id);

 private:
  Result<domain::Practitioner> Me(const Context& context);

  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
  const access::PasswordDenyList& deny_list_;
  access::HashCost hash_cost_;
  Duration challenge_timeout_;
};

}  // namespace jigsaw::service
