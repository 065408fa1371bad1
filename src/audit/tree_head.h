// Signed tree heads: (size, root, time) signed with Ed25519, so a copy of a
// head kept off-site proves what the log contained at that moment. Each
// head names the key that signed it (its key id), so keys can be rotated
// while old heads still verify.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>

#include "audit/merkle.h"
#include "common/clock.h"
#include "common/encoding.h"
#include "common/json_fields.h"
#include "common/json_writer.h"
#include "common/result.h"

namespace jigsaw::audit {

using Signature = std::array<std::uint8_t, 64>;
using PublicKey = std::array<std::uint8_t, 32>;

// A key id: the first 8 bytes of SHA-256("jigsaw-signing-key-id-v1" ||
// public key), as 16 hex digits. Derived from the key, so a head cannot
// claim one key's id and carry another's signature unnoticed.
std::string KeyId(const PublicKey& key);

struct TreeHead {
  std::uint64_t size = 0;
  Hash root{};
  Time time{};
  Signature signature{};
  // The signing key's id; empty for heads signed before key ids existed
  // (any trusted key may have signed those).
  std::string key_id;
  bool operator==(const TreeHead&) const = default;
};

// The bytes that are signed: "jigsaw-tree-head-v1" || u64 size || i64 time
// (microseconds) || root, integers big-endian.
Bytes TreeHeadMessage(std::uint64_t size, const Hash& root, Time time);

class SigningKey {
 public:
  // From a 32-byte seed; fails unless it is exactly 32 bytes.
  static Result<SigningKey> FromSeed(std::span<const std::uint8_t> seed);
  const PublicKey& public_key() const { return public_; }
  const std::string& key_id() const { return key_id_; }
  const Bytes& seed() const { return seed_; }
  TreeHead Sign(std::uint64_t size, const Hash& root, Time time) const;
  // An Ed25519 signature of any message (witness cosignatures).
  Signature SignMessage(std::span<const std::uint8_t> message) const;

 private:
  Bytes seed_;
  std::array<std::uint8_t, 64> secret_{};
  PublicKey public_{};
  std::string key_id_;
};

bool VerifySignature(std::span<const std::uint8_t> message, const Signature& signature,
                     const PublicKey& key);
bool VerifyTreeHead(const TreeHead& head, const PublicKey& key);

// The public keys a verifier trusts, by key id: the log's current and
// rotated-out keys, or keys given on the command line.
class TrustedKeys {
 public:
  TrustedKeys() = default;
  explicit TrustedKeys(const std::vector<PublicKey>& keys) {
    for (const auto& k : keys) Add(k);
  }
  void Add(const PublicKey& key) { keys_[KeyId(key)] = key; }
  bool empty() const { return keys_.empty(); }
  const std::map<std::string, PublicKey>& keys() const { return keys_; }

  enum class Check { kValid, kUnknownKey, kBadSignature };
  // A head with a key id is checked with that key only; one without (from
  // before key ids) with each trusted key in turn.
  Check Verify(const TreeHead& head) const;

 private:
  std::map<std::string, PublicKey> keys_;
};

// JSON for export and for `audit verify --against`.
std::string TreeHeadJson(const TreeHead& head);
Result<TreeHead> ParseTreeHeadJson(std::string_view text);
// The same from an object already parsed (a witness's file holds many).
Result<TreeHead> TreeHeadFromJson(const JsonFields& fields);
// Writes the head's members into an open object (for documents that embed it).
void WriteTreeHeadMembers(JsonWriter& writer, const TreeHead& head);

}  // namespace jigsaw::audit
