#include "access/webauthn.h"

#include <cbor.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

namespace jigsaw::access {
namespace {

// authenticatorData flags (WebAuthn section 6.1).
constexpr std::uint8_t kUserPresent = 0x01;
constexpr std::uint8_t kUserVerified = 0x04;
constexpr std::uint8_t kAttestedCredentialData = 0x40;

struct CborDeleter {
  void operator()(cbor_item_t* item) const { cbor_decref(&item); }
};
using Cbor = std::unique_ptr<cbor_item_t, CborDeleter>;

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

std::unexpected<Error> Bad(std::string message) { return InvalidArgument("credential", std::move(message)); }

// Decodes one CBOR item from the front of `data`; `used` is how many bytes it took.
Result<Cbor> LoadCbor(std::span<const std::uint8_t> data, std::size_t* used = nullptr) {
  cbor_load_result result{};
  cbor_item_t* item = cbor_load(data.data(), data.size(), &result);
  if (!item || result.error.code != CBOR_ERR_NONE) {
    if (item) cbor_decref(&item);
    return Bad("The credential's CBOR cannot be read.");
  }
  if (used) *used = result.read;
  return Cbor(item);
}

std::optional<std::string> TextValue(const cbor_item_t* item) {
  if (!cbor_isa_string(item) || !cbor_string_is_definite(item)) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(cbor_string_handle(item)), cbor_string_length(item));
}

std::optional<Bytes> BytesValue(const cbor_item_t* item) {
  if (!cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item)) return std::nullopt;
  const auto* p = cbor_bytestring_handle(item);
  return Bytes(p, p + cbor_bytestring_length(item));
}

std::optional<std::int64_t> IntValue(const cbor_item_t* item) {
  if (cbor_isa_uint(item)) return static_cast<std::int64_t>(cbor_get_int(item));
  if (cbor_isa_negint(item)) return -1 - static_cast<std::int64_t>(cbor_get_int(item));
  return std::nullopt;
}

// The value under an integer key (COSE) or a text key (attestation object).
const cbor_item_t* MapGet(const cbor_item_t* map, std::int64_t key) {
  if (!cbor_isa_map(map) || !cbor_map_is_definite(map)) return nullptr;
  const cbor_pair* pairs = cbor_map_handle(map);
  for (std::size_t i = 0; i < cbor_map_size(map); ++i)
    if (IntValue(pairs[i].key) == key) return pairs[i].value;
  return nullptr;
}
const cbor_item_t* MapGet(const cbor_item_t* map, std::string_view key) {
  if (!cbor_isa_map(map) || !cbor_map_is_definite(map)) return nullptr;
  const cbor_pair* pairs = cbor_map_handle(map);
  for (std::size_t i = 0; i < cbor_map_size(map); ++i)
    if (TextValue(pairs[i].key) == key) return pairs[i].value;
  return nullptr;
}

Bytes Sha256(std::span<const std::uint8_t> data) {
  Bytes out(SHA256_DIGEST_LENGTH);
  SHA256(data.data(), data.size(), out.data());
  return out;
}

bool SameBytes(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// WebAuthn section 7.1 steps 7-12 and 7.2 steps 11-16: the client data the
// browser signed names this ceremony, this challenge and this origin.
Status CheckClientData(std::span<const std::uint8_t> client_data_json, std::string_view type,
                       const WebAuthnExpectation& expected) {
  const auto json = nlohmann::json::parse(client_data_json.begin(), client_data_json.end(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Bad("The client data is not JSON.");
  auto text = [&](const char* key) {
    auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (text("type") != type) return Bad("The client data is for another kind of ceremony.");
  const std::string challenge = text("challenge");
  if (challenge.empty() || !SameBytes(AsBytes(challenge), AsBytes(expected.challenge)))
    return Bad("The client data answers another challenge.");
  if (text("origin") != expected.origin) return Bad("The client data comes from another origin.");
  if (auto it = json.find("crossOrigin"); it != json.end() && it->is_boolean() && it->get<bool>())
    return Bad("The ceremony ran in a frame from another origin.");
  return Ok();
}

// Checks the relying party hash and flags; returns the flags.
Result<std::uint8_t> CheckAuthenticatorData(std::span<const std::uint8_t> auth_data, const WebAuthnExpectation& expected) {
  if (auth_data.size() < 37) return Bad("The authenticator data is truncated.");
  if (!SameBytes(auth_data.subspan(0, 32), Sha256(AsBytes(expected.rp_id))))
    return Bad("The authenticator data is for another relying party.");
  const std::uint8_t flags = auth_data[32];
  if (!(flags & kUserPresent)) return Bad("The authenticator did not see the person.");
  // A passkey replaces the password and the code: it must have checked
  // the person too (PIN or biometric), or it is one factor only.
  if (!(flags & kUserVerified)) return Bad("The authenticator did not verify the person.");
  return flags;
}

std::int64_t SignCount(std::span<const std::uint8_t> auth_data) {
  return (std::int64_t{auth_data[33]} << 24) | (std::int64_t{auth_data[34]} << 16) | (std::int64_t{auth_data[35]} << 8) |
         std::int64_t{auth_data[36]};
}

// The public key from a COSE_Key: EC2 P-256 for ES256, OKP Ed25519 for EdDSA.
Result<Pkey> PublicKey(const cbor_item_t* cose, std::int64_t* algorithm) {
  const auto kty = IntValue(MapGet(cose, 1));
  const auto alg = IntValue(MapGet(cose, 3));
  const auto crv = IntValue(MapGet(cose, -1));
  const auto x = BytesValue(MapGet(cose, -2));
  if (!kty || !alg || !crv || !x) return Bad("The credential's public key is incomplete.");
  *algorithm = *alg;
  if (*kty == 1 && *alg == kCoseEdDsa && *crv == 6 && x->size() == 32) {
    EVP_PKEY* key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, x->data(), x->size());
    if (!key) return Bad("The Ed25519 public key is not valid.");
    return Pkey(key);
  }
  const auto y = BytesValue(MapGet(cose, -3));
  if (*kty == 2 && *alg == kCoseEs256 && *crv == 1 && x->size() == 32 && y && y->size() == 32) {
    Bytes point{0x04};
    point.insert(point.end(), x->begin(), x->end());
    point.insert(point.end(), y->begin(), y->end());
    OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* key = nullptr;
    const bool ok = ctx && params && EVP_PKEY_fromdata_init(ctx) == 1 &&
                    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(build);
    if (!ok || !key) return Bad("The P-256 public key is not valid.");
    return Pkey(key);
  }
  return Bad("Only ES256 and Ed25519 passkeys are accepted.");
}

bool VerifySignature(EVP_PKEY* key, std::int64_t algorithm, std::span<const std::uint8_t> message,
                     std::span<const std::uint8_t> signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  // Ed25519 hashes internally (no digest given); ES256 signs SHA-256.
  const EVP_MD* md = algorithm == kCoseEdDsa ? nullptr : EVP_sha256();
  const bool ok = ctx && EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx, signature.data(), signature.size(), message.data(), message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

Result<NewCredential> VerifyRegistration(std::span<const std::uint8_t> client_data_json,
                                         std::span<const std::uint8_t> attestation_object,
                                         const WebAuthnExpectation& expected) {
  JIGSAW_RETURN_IF_ERROR(CheckClientData(client_data_json, "webauthn.create", expected));
  const Cbor attestation = JIGSAW_TRY(LoadCbor(attestation_object));
  if (TextValue(MapGet(attestation.get(), "fmt")) != "none")
    return Bad("Only attestation \"none\" is accepted.");
  const auto auth_data = BytesValue(MapGet(attestation.get(), "authData"));
  if (!auth_data) return Bad("The attestation has no authenticator data.");
  const std::uint8_t flags = JIGSAW_TRY(CheckAuthenticatorData(*auth_data, expected));
  if (!(flags & kAttestedCredentialData)) return Bad("The authenticator data has no credential.");
  // 37 bytes of header, 16 of AAGUID, a 2-byte length, the id, the key.
  const std::span<const std::uint8_t> data(*auth_data);
  if (data.size() < 55) return Bad("The credential data is truncated.");
  const std::size_t id_length = (std::size_t{data[53]} << 8) | data[54];
  if (id_length == 0 || id_length > 1023 || data.size() < 55 + id_length) return Bad("The credential id is not valid.");
  const auto id = data.subspan(55, id_length);
  const auto key_bytes = data.subspan(55 + id_length);
  std::size_t key_length = 0;
  const Cbor cose = JIGSAW_TRY(LoadCbor(key_bytes, &key_length));
  NewCredential out;
  (void)JIGSAW_TRY(PublicKey(cose.get(), &out.algorithm));
  out.credential_id = Base64UrlEncode(id);
  out.public_key_cose.assign(key_bytes.begin(), key_bytes.begin() + static_cast<long>(key_length));
  out.sign_count = SignCount(data);
  return out;
}

Result<std::int64_t> VerifyAssertion(std::span<const std::uint8_t> client_data_json,
                                     std::span<const std::uint8_t> authenticator_data,
                                     std::span<const std::uint8_t> signature,
                                     std::span<const std::uint8_t> public_key_cose, std::int64_t stored_sign_count,
                                     const WebAuthnExpectation& expected) {
  auto refuse = [](const Error& e) { return Unauthenticated("The passkey was not accepted: " + e.message); };
  if (auto c = CheckClientData(client_data_json, "webauthn.get", expected); !c) return refuse(c.error());
  if (auto a = CheckAuthenticatorData(authenticator_data, expected); !a) return refuse(a.error());
  auto cose = LoadCbor(public_key_cose);
  if (!cose) return refuse(cose.error());
  std::int64_t algorithm = 0;
  auto key = PublicKey(cose->get(), &algorithm);
  if (!key) return refuse(key.error());
  // The signature covers the authenticator data and the client data's hash.
  Bytes message(authenticator_data.begin(), authenticator_data.end());
  const Bytes client_hash = Sha256(client_data_json);
  message.insert(message.end(), client_hash.begin(), client_hash.end());
  if (!VerifySignature(key->get(), algorithm, message, signature))
    return Unauthenticated("The passkey was not accepted: the signature does not match.");
  const std::int64_t count = SignCount(authenticator_data);
  if ((count != 0 || stored_sign_count != 0) && count <= stored_sign_count)
    return Unauthenticated("The passkey was not accepted: its counter went backwards, so it may have been copied.");
  return count;
}

}  // namespace jigsaw::access
