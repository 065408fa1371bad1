// Passkeys (W3C Web Authentication, level 2): checks a new credential's
// registration and a sign-in's assertion, as a relying party must. Only
// attestation "none" is accepted (Jigsaw does not need to know the make of
// authenticator), and only ES256 (ECDSA P-256 with SHA-256) and Ed25519
// keys. CBOR is read with libcbor; signatures are checked with OpenSSL.
// Pure: the caller keeps the challenge, the stored key and its counter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/encoding.h"
#include "common/result.h"

namespace jigsaw::access {

// COSE algorithm identifiers (RFC 9053) Jigsaw accepts.
inline constexpr std::int64_t kCoseEs256 = -7;
inline constexpr std::int64_t kCoseEdDsa = -8;

// What the relying party expects of a ceremony: the challenge it issued
// (base64url), the page's origin ("https://jigsaw.example.org") and its
// relying party id (the host name, "jigsaw.example.org").
struct WebAuthnExpectation {
  std::string challenge;
  std::string origin;
  std::string rp_id;
};

struct NewCredential {
  std::string credential_id;  // base64url
  Bytes public_key_cose;      // the COSE_Key, as stored
  std::int64_t algorithm = 0;
  std::int64_t sign_count = 0;
};

// Checks navigator.credentials.create()'s response: clientDataJSON and
// attestationObject (raw bytes). Fails with kInvalidArgument naming what
// is wrong (field "credential").
Result<NewCredential> VerifyRegistration(std::span<const std::uint8_t> client_data_json,
                                         std::span<const std::uint8_t> attestation_object,
                                         const WebAuthnExpectation& expected);

// Checks navigator.credentials.get()'s response against the stored key:
// the challenge, origin, relying party, user presence and verification,
// the signature, and that the signature counter moved on (a counter that
// goes backwards suggests a cloned authenticator). Returns the new counter.
// Fails with kUnauthenticated.
Result<std::int64_t> VerifyAssertion(std::span<const std::uint8_t> client_data_json,
                                     std::span<const std::uint8_t> authenticator_data,
                                     std::span<const std::uint8_t> signature,
                                     std::span<const std::uint8_t> public_key_cose, std::int64_t stored_sign_count,
                                     const WebAuthnExpectation& expected);

}  // namespace jigsaw::access
