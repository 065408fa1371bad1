// Signed tree heads: (size, root, time) signed with Ed25519, so a copy of a
// head kept off-site proves what the log contained at that moment.
#pragma once

#include <array>
#include <optional>

#include "audit/merkle.h"
#include "common/clock.h"
#include "common/encoding.h"
#include "common/result.h"

namespace jigsaw::audit {

using Signature = std::array<std::uint8_t, 64>;
using PublicKey = std::array<std::uint8_t, 32>;

struct TreeHead {
  std::uint64_t size = 0;
  Hash root{};
  Time time{};
  Signature signature{};
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
  const Bytes& seed() const { return seed_; }
  TreeHead Sign(std::uint64_t size, const Hash& root, Time time) const;

 private:
  Bytes seed_;
  std::array<std::uint8_t, 64> secret_{};
  PublicKey public_{};
};

bool VerifyTreeHead(const TreeHead& head, const PublicKey& key);

// JSON for export and for `audit verify --against`.
std::string TreeHeadJson(const TreeHead& head);
Result<TreeHead> ParseTreeHeadJson(std::string_view text);

}  // namespace jigsaw::audit
