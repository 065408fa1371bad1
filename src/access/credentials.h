// Passwords and session tokens. Passwords are hashed with Argon2id
// (libsodium's crypto_pwhash_str, which embeds salt and cost in the hash);
// session tokens are 256 random bits, stored only as a BLAKE2b digest.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace jigsaw::access {

// Argon2id cost. kMinimum exists for the test suite only, where hundreds of
// hashes would otherwise dominate the run; never configure it in production.
enum class HashCost { kMinimum, kInteractive, kModerate };

// Returns the encoded hash, or kResourceExhausted if memory ran out.
Result<std::string> HashPassword(std::string_view password, HashCost cost);

// Constant-time check of `password` against an encoded hash.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

// Spends the same time as a real verification, for sign-ins with an
// unknown username, so response times do not reveal which names exist.
void VerifyAgainstDummy(std::string_view password, HashCost cost);

// A new bearer token: 32 random bytes, base64url.
std::string NewSessionToken();

// The hex BLAKE2b-256 digest under which a token is stored and looked up.
std::string TokenDigest(std::string_view token);

// The token every web form carries (against cross-site request forgery):
// a keyed BLAKE2b of a fixed label under the session token, so it cannot
// be made without the HttpOnly session cookie, and needs no storage.
std::string FormToken(std::string_view session_token);
// Compares in constant time.
bool FormTokenMatches(std::string_view session_token, std::string_view given);

}  // namespace jigsaw::access
