#include "audit/tree_head.h"

#include <sodium.h>

#include <cstring>

#include "common/json_fields.h"
#include "common/json_writer.h"

namespace jigsaw::audit {

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
  return k;
}

TreeHead SigningKey::Sign(std::uint64_t size, const Hash& root, Time time) const {
  TreeHead h{size, root, time, {}};
  const Bytes m = TreeHeadMessage(size, root, time);
  crypto_sign_detached(h.signature.data(), nullptr, m.data(), m.size(), secret_.data());
  return h;
}

bool VerifyTreeHead(const TreeHead& head, const PublicKey& key) {
  if (sodium_init() < 0) return false;
  const Bytes m = TreeHeadMessage(head.size, head.root, head.time);
  return crypto_sign_verify_detached(head.signature.data(), m.data(), m.size(), key.data()) == 0;
}

std::string TreeHeadJson(const TreeHead& h) {
  JsonWriter w(512);
  w.BeginObject()
      .Key("tree_size").Int(static_cast<std::int64_t>(h.size))
      .Key("root_hash").String(HexEncode(h.root))
      .Key("timestamp").String(FormatRfc3339(h.time))
      .Key("timestamp_micros").Int(ToMicros(h.time))
      .Key("signature").String(HexEncode(h.signature))
      .Key("algorithm").String("Ed25519")
      .EndObject();
  return w.Take();
}

Result<TreeHead> ParseTreeHeadJson(std::string_view text) {
  const JsonDocument doc = JIGSAW_TRY(JsonDocument::Parse(text));
  JsonFields f(doc.root());
  TreeHead h;
  const std::int64_t size = JIGSAW_TRY(f.IntOr("tree_size", -1));
  if (size < 0) return InvalidArgument("tree_size", "Give the tree size.");
  h.size = static_cast<std::uint64_t>(size);
  const std::int64_t micros = JIGSAW_TRY(f.IntOr("timestamp_micros", -1));
  if (micros < 0) return InvalidArgument("timestamp_micros", "Give the timestamp in microseconds.");
  h.time = FromMicros(micros);
  auto root = HexDecode(JIGSAW_TRY(f.String("root_hash")));
  if (!root || root->size() != 32) return InvalidArgument("root_hash", "Give 32 bytes in hex.");
  std::memcpy(h.root.data(), root->data(), 32);
  auto sig = HexDecode(JIGSAW_TRY(f.String("signature")));
  if (!sig || sig->size() != 64) return InvalidArgument("signature", "Give 64 bytes in hex.");
  std::memcpy(h.signature.data(), sig->data(), 64);
  return h;
}

}  // namespace jigsaw::audit
