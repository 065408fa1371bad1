// A signed-in session, and what signing in passes through on the way to
// one: a challenge (the password was right, a second factor is owed), the
// second factors themselves (a TOTP secret, recovery codes, passkeys), and
// the failed attempts that throttle guessing. Tokens and codes are never
// stored, only their digests, so a copy of the database cannot be used to
// sign in; the TOTP secret is stored sealed.
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/encoding.h"

namespace jigsaw::domain {

struct Session {
  std::string token_digest;  // hex BLAKE2b-256 of the bearer token
  std::string practitioner_id;
  Time created_at{};
  Time last_seen_at{};
  Time expires_at{};  // absolute expiry, whatever the activity
};

// The password was right; a second factor (or, the first time, enrolling
// one) is owed before there is a session. Lives for minutes.
struct SignInChallenge {
  std::string token_digest;  // hex BLAKE2b-256 of the challenge token
  std::string practitioner_id;  // empty for a passkey sign-in (who is not known until the passkey answers)
  Time created_at{};
  Time expires_at{};
  int failed_codes = 0;         // wrong codes given against this challenge
  Bytes sealed_offered_secret;  // a TOTP secret offered for enrolment (sealed); empty if none
  std::string passkey_challenge;  // base64url WebAuthn challenge offered; empty if none
};

// A practitioner's authenticator app: the shared secret (sealed) and the
// last time step a code was accepted for, so no code is accepted twice.
struct TotpEnrolment {
  std::string practitioner_id;
  Bytes sealed_secret;
  std::int64_t last_accepted_step = 0;
  Time enrolled_at{};
};

// A WebAuthn credential (a passkey): its public key as COSE, verified with
// OpenSSL at each sign-in.
struct Passkey {
  std::string credential_id;  // base64url, as the authenticator gave it
  std::string practitioner_id;
  std::string name;           // what the person called it ("Work laptop")
  Bytes public_key_cose;
  std::int64_t sign_count = 0;
  Time created_at{};
  Time last_used_at{};
};

}  // namespace jigsaw::domain
