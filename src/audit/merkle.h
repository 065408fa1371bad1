// The Merkle tree of RFC 9162 (Certificate Transparency v2), section 2.1:
// SHA-256; leaf hash H(0x00 || entry); node hash H(0x01 || left || right);
// for n > 1 leaves, the root splits at k, the largest power of two below n.
//
// The log is append-only, so every "perfect" subtree (2^level leaves from an
// index that is a multiple of 2^level) never changes once complete. We store
// those and nothing else; any root or proof is assembled from O(log n) of
// them. A NodeId names one: (level, index at that level).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace jigsaw::audit {

using Hash = std::array<std::uint8_t, 32>;

Hash LeafHash(std::span<const std::uint8_t> entry);
Hash NodeHash(const Hash& left, const Hash& right);
// The hash of the empty tree: SHA-256 of nothing.
Hash EmptyRoot();

struct NodeId {
  std::uint32_t level = 0;
  std::uint64_t index = 0;
  bool operator==(const NodeId&) const = default;
  auto operator<=>(const NodeId&) const = default;
};

// The right edge of a tree of `size` leaves: the roots of its perfect
// subtrees, largest (leftmost) first, one per set bit of size.
struct Frontier {
  std::uint64_t size = 0;
  std::vector<Hash> hashes;
  bool operator==(const Frontier&) const = default;
};

// Adds a leaf; returns the perfect subtrees the leaf completes (level >= 1),
// which the caller stores so that proofs can be built later.
std::vector<std::pair<NodeId, Hash>> Append(Frontier& frontier, const Hash& leaf);

// The root of the tree the frontier describes.
Hash Root(const Frontier& frontier);

// The perfect subtrees that make up the frontier of a tree of `size` leaves.
std::vector<NodeId> FrontierNodes(std::uint64_t size);

// Looks up stored perfect subtree hashes; nullopt if one is missing.
using NodeLookup = std::function<std::optional<Hash>(const NodeId&)>;

// The perfect subtrees needed to compute an inclusion proof of leaf `index`
// in a tree of `size` (to fetch them in one query first).
std::vector<NodeId> InclusionProofNodes(std::uint64_t index, std::uint64_t size);
// RFC 9162 2.1.3.1 PATH(m, D[n]); nullopt if a node is missing or index >= size.
std::optional<std::vector<Hash>> InclusionProof(std::uint64_t index, std::uint64_t size,
                                                const NodeLookup& lookup);

std::vector<NodeId> ConsistencyProofNodes(std::uint64_t first, std::uint64_t second);
// RFC 9162 2.1.4.1 PROOF(m, D[n]); nullopt if a node is missing or the sizes are
// not 0 < first <= second.
std::optional<std::vector<Hash>> ConsistencyProof(std::uint64_t first, std::uint64_t second,
                                                  const NodeLookup& lookup);

// RFC 9162 2.1.3.2: checks an inclusion proof against a root.
bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf,
                     std::span<const Hash> proof, const Hash& root);
// RFC 9162 2.1.4.2: checks that the tree of size `second` extends that of `first`.
bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                       const Hash& second_root, std::span<const Hash> proof);

}  // namespace jigsaw::audit
