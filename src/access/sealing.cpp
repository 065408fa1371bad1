#include "access/sealing.h"

#include <sodium.h>

#include "common/random.h"

namespace jigsaw::access {
namespace {
constexpr std::string_view kContext = "jigsaw.disclosure-sealing.v1";

std::string AssociatedData(std::string_view disclosure_id, std::string_view recipient) {
  std::string ad(kContext);
  ad += '\0';
  ad += disclosure_id;
  ad += '\0';
  ad += recipient;
  return ad;
}
}  // namespace

Result<Sealer> Sealer::FromSecret(std::span<const std::uint8_t> secret) {
  if (secret.size() != 32) return Internal("The sealing secret must be 32 bytes.");
  // Domain separation: the same secret also seeds the audit signing key.
  Sealer s;
  s.master_.resize(32);
  crypto_generichash(s.master_.data(), 32, reinterpret_cast<const unsigned char*>(kContext.data()),
                     kContext.size(), secret.data(), secret.size());
  return s;
}

Bytes Sealer::RecipientKey(std::string_view recipient) const {
  Bytes key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(recipient.data()),
                     recipient.size(), master_.data(), master_.size());
  return key;
}

Bytes Sealer::Seal(std::string_view plaintext, std::string_view disclosure_id,
                   std::string_view recipient) const {
  const Bytes key = RecipientKey(recipient);
  const std::string ad = AssociatedData(disclosure_id, recipient);
  Bytes out = RandomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const std::size_t nonce_size = out.size();
  out.resize(nonce_size + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + nonce_size, &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
      out.data(), key.data());
  out.resize(nonce_size + written);
  sodium_memzero(const_cast<std::uint8_t*>(key.data()), key.size());
  return out;
}

Result<std::string> Sealer::Open(std::span<const std::uint8_t> sealed, std::string_view disclosure_id,
                                 std::string_view recipient) const {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (sealed.size() < kNonce + kTag) return Internal("A sealed disclosure is truncated.");
  const Bytes key = RecipientKey(recipient);
  const std::string ad = AssociatedData(disclosure_id, recipient);
  std::string plain(sealed.size() - kNonce - kTag, '\0');
  unsigned long long length = 0;
  // The output buffer may be empty; give libsodium a valid pointer anyway.
  unsigned char empty = 0;
  unsigned char* dest = plain.empty() ? &empty : reinterpret_cast<unsigned char*>(plain.data());
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      dest, &length, nullptr, sealed.data() + kNonce, sealed.size() - kNonce,
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), sealed.data(), key.data());
  if (rc != 0) return Internal("A sealed disclosure failed its integrity check.");
  plain.resize(length);
  return plain;
}

std::string Sealer::KeyedDigest(std::string_view purpose, std::string_view text) const {
  const Bytes key = RecipientKey(std::string("keyed-digest:") + std::string(purpose));
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     key.data(), key.size());
  return HexEncode(digest);
}

}  // namespace jigsaw::access
