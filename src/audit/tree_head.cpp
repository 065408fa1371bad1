#include "audit/tree_head.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstring>

namespace jigsaw::audit {

std::string KeyId(const PublicKey& key) {
  static constexpr std::string_view kContext = "jigsaw-signing-key-id-v1";
  Bytes m(kContext.begin(), kContext.end());
  m.insert(m.end(), key.begin(), key.end());
  std::array<std::uint8_t, 32> digest{};
  unsigned int len = 0;
  EVP_Digest(m.data(), m.size(), digest.data(), &len, EVP_sha256(), nullptr);
  return HexEncode(std::span<const std::uint8_t>(digest.data(), 8));
}

Bytes TreeHeadMessage(std::uint64_t size, const Hash& root, Time time) {
  static constexpr std::string_view kContext = "jigsaw-tree-head-v1";
  Bytes m(kContext.begin(), kContext.end());
  for (int s = 56; s >= 0; s -= 8) m.push_back(static_cast<std::uint8_t>(size >> s));
  const auto t = static_cast<std::uint64_t>(ToMicros(time));
  for (int s = 56; s >= 0; s -= 8) m.push_back(static_cast<std::uint8_t>(t >> s));
  m.insert(m.end(), root.begin(), root.end());
  return m;
}

Result<SigningKey> SigningKey::FromSeed(std::span<const std::uint8_t> seed) {
  if (seed.size() != crypto_sign_SEEDBYTES)
    return InvalidArgument("audit.signing_key_file", "The audit signing key must be a 32-byte seed.");
  if (sodium_init() < 0) return Internal("libsodium did not initialise.");
  SigningKey k;
  k.seed_.assign(seed.begin(), seed.end());
  crypto_sign_seed_keypair(k.public_.data(), k.secret_.data(), seed.data());
  k.key_id_ = KeyId(k.public_);
  return k;
}

Signature SigningKey::SignMessage(std::span<const std::uint8_t> message) const {
  Signature s{};
  crypto_sign_detached(s.data(), nullptr, message.data(), message.size(), secret_.data());
  return s;
}

TreeHead SigningKey::Sign(std::uint64_t size, const Hash& root, Time time) const {
  TreeHead h{size, root, time, {}, key_id_};
  h.signature = SignMessage(TreeHeadMessage(size, root, time));
  return h;
}

bool VerifySignature(std::span<const std::uint8_t> message, const Signature& signature,
                     const PublicKey& key) {
  if (sodium_init() < 0) return false;
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), key.data()) == 0;
}

bool VerifyTreeHead(const TreeHead& head, const PublicKey& key) {
  return VerifySignature(TreeHeadMessage(head.size, head.root, head.time), head.signature, key);
}

TrustedKeys::Check TrustedKeys::Verify(const TreeHead& head) const {
  if (!head.key_id.empty()) {
    auto it = keys_.find(head.key_id);
    if (it == keys_.end()) return Check::kUnknownKey;
    return VerifyTreeHead(head, it->second) ? Check::kValid : Check::kBadSignature;
  }
  for (const auto& [id, key] : keys_)
    if (VerifyTreeHead(head, key)) return Check::kValid;
  return Check::kBadSignature;
}

void WriteTreeHeadMembers(JsonWriter& w, const TreeHead& h) {
  w.Key("tree_size").Int(static_cast<std::int64_t>(h.size))
      .Key("root_hash").String(HexEncode(h.root))
      .Key("timestamp").String(FormatRfc3339(h.time))
      .Key("timestamp_micros").Int(ToMicros(h.time))
      .Key("signature").String(HexEncode(h.signature))
      .Key("algorithm").String("Ed25519")
      .Key("key_id").String(h.key_id);
}

std::string TreeHeadJson(const TreeHead& h) {
  JsonWriter w(512);
  w.BeginObject();
  WriteTreeHeadMembers(w, h);
  w.EndObject();
  return w.Take();
}

Result<TreeHead> TreeHeadFromJson(const JsonFields& f) {
  TreeHead h;
  const std::int64_t size = JIGSAW_TRY(f.IntOr("tree_size", -1));
  if (size < 0) return InvalidArgument(f.Path("tree_size"), "Give the tree size.");
  h.size = static_cast<std::uint64_t>(size);
  const std::int64_t micros = JIGSAW_TRY(f.IntOr("timestamp_micros", -1));
  if (micros < 0) return InvalidArgument(f.Path("timestamp_micros"), "Give the timestamp in microseconds.");
  h.time = FromMicros(micros);
  auto root = HexDecode(JIGSAW_TRY(f.String("root_hash")));
  if (!root || root->size() != 32) return InvalidArgument(f.Path("root_hash"), "Give 32 bytes in hex.");
  std::memcpy(h.root.data(), root->data(), 32);
  auto sig = HexDecode(JIGSAW_TRY(f.String("signature")));
  if (!sig || sig->size() != 64) return InvalidArgument(f.Path("signature"), "Give 64 bytes in hex.");
  std::memcpy(h.signature.data(), sig->data(), 64);
  // Heads exported before key ids existed have none.
  h.key_id = JIGSAW_TRY(f.StringOrEmpty("key_id"));
  if (!h.key_id.empty() && (h.key_id.size() != 16 || !HexDecode(h.key_id)))
    return InvalidArgument(f.Path("key_id"), "Give the key id as 16 hex digits.");
  return h;
}

Result<TreeHead> ParseTreeHeadJson(std::string_view text) {
  const JsonDocument doc = JIGSAW_TRY(JsonDocument::Parse(text));
  if (!doc.root().IsObject()) return InvalidArgument("body", "Expected a tree head object.");
  return TreeHeadFromJson(JsonFields(doc.root()));
}

}  // namespace jigsaw::audit
