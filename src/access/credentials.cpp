#include "access/credentials.h"

#include <sodium.h>

#include <mutex>

#include "common/encoding.h"
#include "common/random.h"

namespace jigsaw::access {
namespace {

struct Limits {
  unsigned long long ops;
  std::size_t mem;
};

Limits LimitsFor(HashCost cost) {
  switch (cost) {
    case HashCost::kMinimum: return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    case HashCost::kInteractive:
      return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    case HashCost::kModerate:
      return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, HashCost cost) {
  InitialiseCrypto();
  const Limits l = LimitsFor(cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), l.ops, l.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(ErrorCode::kResourceExhausted, "Not enough memory to hash the password.");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  InitialiseCrypto();
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(std::string_view password, HashCost cost) {
  static std::once_flag once[3];
  static std::string dummy[3];
  const int i = static_cast<int>(cost);
  std::call_once(once[i], [&] { dummy[i] = HashPassword("not-a-real-password", cost).value_or(""); });
  (void)VerifyPassword(password, dummy[i]);
}

std::string NewSessionToken() { return Base64UrlEncode(RandomBytes(32)); }

std::string TokenDigest(std::string_view token) {
  InitialiseCrypto();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return HexEncode(digest);
}

std::string FormToken(std::string_view session_token) {
  InitialiseCrypto();
  unsigned char key[crypto_generichash_KEYBYTES];
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(session_token.data()),
                     session_token.size(), nullptr, 0);
  constexpr std::string_view kLabel = "jigsaw form token v1";
  unsigned char token[24];
  crypto_generichash(token, sizeof token, reinterpret_cast<const unsigned char*>(kLabel.data()), kLabel.size(), key,
                     sizeof key);
  sodium_memzero(key, sizeof key);
  return HexEncode(token);
}

bool FormTokenMatches(std::string_view session_token, std::string_view given) {
  if (session_token.empty()) return false;
  const std::string expected = FormToken(session_token);
  return given.size() == expected.size() && sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

}  // namespace jigsaw::access
