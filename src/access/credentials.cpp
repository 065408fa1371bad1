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

}  // namespace jigsaw::access
