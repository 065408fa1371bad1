// The second factor every account has: time-based one-time passwords
// (RFC 6238 over RFC 4226: HMAC-SHA-1, 6 digits, 30-second steps, one step
// of clock drift either side) and single-use recovery codes. Pure: the
// caller gives the time and keeps the state (the last accepted step, the
// recovery codes' digests).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/encoding.h"

namespace jigsaw::access {

inline constexpr std::chrono::seconds kTotpStep{30};
inline constexpr int kTotpDigits = 6;
inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
inline constexpr int kRecoveryCodeCount = 10;

// RFC 4648 base32 (A-Z, 2-7), without padding: how authenticator apps take
// a secret. Decoding ignores spaces and case; nullopt for anything else.
std::string Base32Encode(std::span<const std::uint8_t> bytes);
std::optional<Bytes> Base32Decode(std::string_view text);

// The 30-second step `t` falls in (RFC 6238's T).
std::int64_t TotpStep(Time t);

// The RFC 4226 code for `counter` under `secret`: kTotpDigits digits.
std::string Hotp(std::span<const std::uint8_t> secret, std::int64_t counter);
// The code for the step `t` falls in.
inline std::string TotpCode(std::span<const std::uint8_t> secret, Time t) { return Hotp(secret, TotpStep(t)); }

// Checks `code` (digits; spaces ignored) against the steps around `now`
// (one either side, for clocks that drift). Returns the step it matched,
// or nullopt if it matches none or only a step at or before
// `last_accepted_step`: a code is good once (RFC 6238 section 5.2).
std::optional<std::int64_t> VerifyTotp(std::span<const std::uint8_t> secret, std::string_view code, Time now,
                                       std::int64_t last_accepted_step);

// The secret grouped in fours for reading aloud or typing: "ABCD EFGH ...".
std::string GroupedSecret(std::string_view base32);

// The otpauth:// address an authenticator app reads from the QR code
// (Key Uri Format): issuer, account, secret, SHA1, 6 digits, 30 seconds.
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret);

// Ten new recovery codes, each 80 random bits as four groups of four
// lower-case base32 characters ("k7qm-2xwd-..."). Shown once; only their
// digests (RecoveryCodeDigest) are kept.
std::vector<std::string> NewRecoveryCodes();
// The code as typed, without spaces, hyphens or case; empty unless it has
// exactly the shape of a recovery code.
std::string NormaliseRecoveryCode(std::string_view typed);
// The hex BLAKE2b-256 digest under which a normalised code is stored. The
// codes carry 80 random bits, so a fast digest cannot be reversed by guessing.
std::string RecoveryCodeDigest(std::string_view normalised);

}  // namespace jigsaw::access
