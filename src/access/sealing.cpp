#include "access/sealing.h"

#include <sodium.h>

#include "common/random.h"

namespace jigsaw::access {
namespace {

constexpr std::string_view kLegacyContext = "jigsaw.disclosure-sealing.v1";
constexpr std::string_view kContext = "jigsaw.disclosure-sealing.v2";
constexpr std::string_view kKeyIdContext = "jigsaw-sealing-key-id-v1";
constexpr std::uint8_t kMagic[] = {'J', 'S', 0x02};
constexpr std::size_t kIdBytes = 8;
constexpr std::size_t kHeader = sizeof kMagic + kIdBytes;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

// Associated data: what the seal is bound to. The header (with the key id)
// is bound too, so a blob cannot be relabelled with another key's id.
std::string AssociatedData(std::string_view context, std::string_view disclosure_id, std::string_view recipient,
                           std::span<const std::uint8_t> header) {
  std::string ad(context);
  ad += '\0';
  ad += disclosure_id;
  ad += '\0';
  ad += recipient;
  ad.append(reinterpret_cast<const char*>(header.data()), header.size());
  return ad;
}

Bytes RecipientKey(const SealingKey& key, std::string_view recipient) {
  Bytes out(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(recipient.data()),
                     recipient.size(), key.secret.data(), key.secret.size());
  return out;
}

std::optional<std::string> Decrypt(const SealingKey& key, std::string_view recipient, const std::string& ad,
                                   std::span<const std::uint8_t> nonce_and_ciphertext) {
  if (nonce_and_ciphertext.size() < kNonce + kTag) return std::nullopt;
  Bytes k = RecipientKey(key, recipient);
  std::string plain(nonce_and_ciphertext.size() - kNonce - kTag, '\0');
  unsigned long long length = 0;
  // The output buffer may be empty; give libsodium a valid pointer anyway.
  unsigned char empty = 0;
  unsigned char* dest = plain.empty() ? &empty : reinterpret_cast<unsigned char*>(plain.data());
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      dest, &length, nullptr, nonce_and_ciphertext.data() + kNonce, nonce_and_ciphertext.size() - kNonce,
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce_and_ciphertext.data(), k.data());
  sodium_memzero(k.data(), k.size());
  if (rc != 0) return std::nullopt;
  plain.resize(length);
  return plain;
}

bool HasHeader(std::span<const std::uint8_t> sealed) {
  return sealed.size() >= kHeader + kNonce + kTag && std::equal(std::begin(kMagic), std::end(kMagic), sealed.begin());
}

}  // namespace

Result<SealingKey> Sealer::KeyFromSecret(std::span<const std::uint8_t> secret) {
  if (secret.size() != 32) return InvalidArgument("sealing_key", "A sealing key must be 32 bytes.");
  SealingKey key{{}, Bytes(secret.begin(), secret.end())};
  std::uint8_t id[kIdBytes];
  crypto_generichash(id, sizeof id, reinterpret_cast<const unsigned char*>(kKeyIdContext.data()),
                     kKeyIdContext.size(), key.secret.data(), key.secret.size());
  key.id = HexEncode(id);
  return key;
}

SealingKey Sealer::NewKey() { return *KeyFromSecret(RandomBytes(32)); }

SealingKey Sealer::LegacyKey(std::span<const std::uint8_t> signing_seed) {
  Bytes secret(32);
  crypto_generichash(secret.data(), secret.size(), reinterpret_cast<const unsigned char*>(kLegacyContext.data()),
                     kLegacyContext.size(), signing_seed.data(), signing_seed.size());
  return *KeyFromSecret(secret);
}

Result<Sealer> Sealer::FromKeys(std::vector<SealingKey> keys) {
  if (keys.empty()) return InvalidArgument("sealing_key", "The sealing keyring holds no key.");
  for (const auto& k : keys)
    if (k.secret.size() != 32) return InvalidArgument("sealing_key", "A sealing key must be 32 bytes.");
  Sealer s;
  s.keys_ = std::move(keys);
  return s;
}

Result<Sealer> Sealer::FromSecret(std::span<const std::uint8_t> secret) {
  if (secret.size() != 32) return Internal("The sealing secret must be 32 bytes.");
  return FromKeys({LegacyKey(secret)});
}

std::string Sealer::KeyIdOf(std::span<const std::uint8_t> sealed) {
  if (!HasHeader(sealed)) return {};
  return HexEncode(sealed.subspan(sizeof kMagic, kIdBytes));
}

std::string Sealer::KeyIdOfHeader(std::span<const std::uint8_t> header) {
  static_assert(kHeader == kHeaderBytes);
  if (header.size() < kHeader || !std::equal(std::begin(kMagic), std::end(kMagic), header.begin())) return {};
  return HexEncode(header.subspan(sizeof kMagic, kIdBytes));
}

Bytes Sealer::Seal(std::string_view plaintext, std::string_view disclosure_id, std::string_view recipient) const {
  const SealingKey& key = keys_.back();
  Bytes out(std::begin(kMagic), std::end(kMagic));
  const Bytes id = *HexDecode(key.id);
  out.insert(out.end(), id.begin(), id.end());
  const std::string ad = AssociatedData(kContext, disclosure_id, recipient, out);
  const Bytes nonce = RandomBytes(kNonce);
  out.insert(out.end(), nonce.begin(), nonce.end());
  const std::size_t body = out.size();
  out.resize(body + plaintext.size() + kTag);
  Bytes k = RecipientKey(key, recipient);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + body, &written, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, out.data() + kHeader, k.data());
  sodium_memzero(k.data(), k.size());
  out.resize(body + written);
  return out;
}

Result<std::string> Sealer::Open(std::span<const std::uint8_t> sealed, std::string_view disclosure_id,
                                 std::string_view recipient) const {
  if (sealed.size() < kNonce + kTag) return Internal("A sealed disclosure is truncated.");
  std::string named;
  if (HasHeader(sealed)) {
    named = KeyIdOf(sealed);
    for (const SealingKey& key : keys_) {
      if (key.id != named) continue;
      const std::string ad = AssociatedData(kContext, disclosure_id, recipient, sealed.first(kHeader));
      if (auto plain = Decrypt(key, recipient, ad, sealed.subspan(kHeader))) return *plain;
      return Internal("A sealed disclosure failed its integrity check.");
    }
  }
  // Sealed before key ids (or, by a chance of 1 in 2^24, a legacy nonce that
  // starts like a header): try every key, newest first.
  const std::string ad = AssociatedData(kLegacyContext, disclosure_id, recipient, {});
  for (auto key = keys_.rbegin(); key != keys_.rend(); ++key)
    if (auto plain = Decrypt(*key, recipient, ad, sealed)) return *plain;
  if (!named.empty())
    return Internal("A sealed disclosure names sealing key " + named +
                    ", which is not in the sealing keyring: restore the rotated-out key to open it.");
  return Internal("A sealed disclosure failed its integrity check.");
}

// Throttling counts are short-lived, so a digest under the newest key is
// enough: after a rotation, counting starts again.
std::string Sealer::KeyedDigest(std::string_view purpose, std::string_view text) const {
  const Bytes key = RecipientKey(keys_.back(), std::string("keyed-digest:") + std::string(purpose));
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     key.data(), key.size());
  return HexEncode(digest);
}

}  // namespace jigsaw::access
