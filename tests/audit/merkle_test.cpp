// The Merkle tree against an independent model: a direct recursive MTH over
// all leaves (RFC 9162 2.1.1), and proof checkers written from the
// definitions by recursion, not with the bit-walking of the RFC's
// verification algorithms that the product uses.
#include "audit/merkle.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <bit>
#include <map>

#include "common/encoding.h"

namespace jigsaw::audit {
namespace {

// --- The independent model ---------------------------------------------------

Hash Sha(const Bytes& b) {
  Hash h;
  SHA256(b.data(), b.size(), h.data());
  return h;
}
Hash ModelLeaf(const Bytes& entry) {
  Bytes b{0x00};
  b.insert(b.end(), entry.begin(), entry.end());
  return Sha(b);
}
Hash ModelNode(const Hash& l, const Hash& r) {
  Bytes b{0x01};
  b.insert(b.end(), l.begin(), l.end());
  b.insert(b.end(), r.begin(), r.end());
  return Sha(b);
}
std::uint64_t Split(std::uint64_t n) {
  std::uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
Hash Mth(const std::vector<Hash>& leaves, std::size_t a, std::size_t b) {
  if (b - a == 1) return leaves[a];
  const std::size_t k = Split(b - a);
  return ModelNode(Mth(leaves, a, a + k), Mth(leaves, a + k, b));
}

// Rebuilds the root from an inclusion proof by walking the tree shape
// top-down (the proof lists siblings bottom-up).
std::optional<Hash> RootFromInclusion(std::uint64_t m, std::uint64_t a, std::uint64_t b, const Hash& leaf,
                                      const std::vector<Hash>& proof, std::size_t& used) {
  if (b - a == 1) return leaf;
  const std::uint64_t k = Split(b - a);
  const bool left = m < a + k;
  auto inner = left ? RootFromInclusion(m, a, a + k, leaf, proof, used)
                    : RootFromInclusion(m, a + k, b, leaf, proof, used);
  if (!inner || used >= proof.size()) return std::nullopt;
  const Hash& sibling = proof[used++];
  return left ? ModelNode(*inner, sibling) : ModelNode(sibling, *inner);
}

bool ModelVerifyInclusion(std::uint64_t m, std::uint64_t n, const Hash& leaf,
                          const std::vector<Hash>& proof, const Hash& root) {
  if (m >= n) return false;
  std::size_t used = 0;
  auto r = RootFromInclusion(m, 0, n, leaf, proof, used);
  return r && used == proof.size() && *r == root;
}

// Consistency by the definition of SUBPROOF: rebuild both roots from the
// proof, consuming it in the same order it is produced.
struct Pair {
  std::optional<Hash> old_root, new_root;
};
Pair FromSubproof(std::uint64_t m, std::uint64_t a, std::uint64_t b, bool whole, const Hash& first_root,
                  const std::vector<Hash>& proof, std::size_t& used) {
  const std::uint64_t n = b - a;
  if (m == n) {
    if (whole) return {first_root, first_root};
    if (used >= proof.size()) return {};
    const Hash h = proof[used++];
    return {h, h};
  }
  const std::uint64_t k = Split(n);
  if (m <= k) {
    Pair inner = FromSubproof(m, a, a + k, whole, first_root, proof, used);
    if (!inner.new_root || used >= proof.size()) return {};
    const Hash right = proof[used++];
    // The old tree lies wholly in the left part.
    return {inner.old_root, ModelNode(*inner.new_root, right)};
  }
  Pair inner = FromSubproof(m - k, a + k, b, false, first_root, proof, used);
  if (!inner.new_root || used >= proof.size()) return {};
  const Hash left = proof[used++];
  return {ModelNode(left, *inner.old_root), ModelNode(left, *inner.new_root)};
}

bool ModelVerifyConsistency(std::uint64_t m, std::uint64_t n, const Hash& r1, const Hash& r2,
                            const std::vector<Hash>& proof) {
  if (m == 0 || m > n) return false;
  if (m == n) return proof.empty() && r1 == r2;
  std::size_t used = 0;
  Pair p = FromSubproof(m, 0, n, true, r1, proof, used);
  return used == proof.size() && p.old_root == r1 && p.new_root == r2;
}

// --- A log built with the product code -----------------------------------------

struct Log {
  std::vector<Hash> leaves;
  Frontier frontier;
  std::vector<Frontier> history;  // frontier after each append
  std::map<NodeId, Hash> nodes;

  void Add(const Bytes& entry) {
    const Hash leaf = LeafHash(entry);
    EXPECT_EQ(leaf, ModelLeaf(entry));
    nodes[{0, leaves.size()}] = leaf;
    leaves.push_back(leaf);
    for (const auto& [id, h] : Append(frontier, leaf)) nodes[id] = h;
    history.push_back(frontier);
  }
  NodeLookup Lookup() const {
    return [this](const NodeId& id) -> std::optional<Hash> {
      auto it = nodes.find(id);
      if (it == nodes.end()) return std::nullopt;
      return it->second;
    };
  }
};

Log Build(std::size_t n) {
  Log log;
  for (std::size_t i = 0; i < n; ++i) log.Add(Bytes{static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8), 7});
  return log;
}

TEST(MerkleTest, EmptyTreeIsTheHashOfNothing) {
  EXPECT_EQ(HexEncode(EmptyRoot()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Root(Frontier{}), EmptyRoot());
}

// The 8-entry test vector published with the Certificate Transparency
// reference implementations (RFC 6962 test data).
TEST(MerkleTest, MatchesThePublishedCertificateTransparencyVector) {
  const std::vector<Bytes> entries = {
      {}, {0x00}, {0x10}, {0x20, 0x21}, {0x30, 0x31}, {0x40, 0x41, 0x42, 0x43},
      {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
      {0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f}};
  Log log;
  for (const auto& e : entries) log.Add(e);
  EXPECT_EQ(HexEncode(Root(log.frontier)), "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  EXPECT_EQ(HexEncode(log.leaves[0]), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(MerkleTest, RootsMatchTheDirectDefinitionAtEverySize) {
  const Log log = Build(300);
  for (std::size_t n = 1; n <= 300; ++n) {
    ASSERT_EQ(Root(log.history[n - 1]), Mth(log.leaves, 0, n)) << n;
    ASSERT_EQ(log.history[n - 1].hashes.size(), static_cast<std::size_t>(std::popcount(n)));
  }
}

TEST(MerkleTest, FrontierNodesAreStoredAndMakeTheFrontier) {
  const Log log = Build(100);
  for (std::uint64_t n = 1; n <= 100; ++n) {
    const auto ids = FrontierNodes(n);
    ASSERT_EQ(ids.size(), log.history[n - 1].hashes.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(log.nodes.at(ids[i]), log.history[n - 1].hashes[i]);
  }
}

TEST(MerkleTest, InclusionProofsVerifyWithBothVerifiersAndOnlyForTheirLeaf) {
  const Log log = Build(70);
  for (std::uint64_t n = 1; n <= 70; ++n) {
    const Hash root = Mth(log.leaves, 0, n);
    for (std::uint64_t m = 0; m < n; ++m) {
      auto proof = InclusionProof(m, n, log.Lookup());
      ASSERT_TRUE(proof) << m << "/" << n;
      ASSERT_TRUE(VerifyInclusion(m, n, log.leaves[m], *proof, root)) << m << "/" << n;
      ASSERT_TRUE(ModelVerifyInclusion(m, n, log.leaves[m], *proof, root)) << m << "/" << n;
      // Wrong leaf, wrong index, wrong size, tampered path: all refused.
      const Hash other = log.leaves[(m + 1) % n];
      if (n > 1) {
        ASSERT_FALSE(VerifyInclusion(m, n, other, *proof, root));
      }
      if (m + 1 < n) {
        ASSERT_FALSE(VerifyInclusion(m + 1, n, log.leaves[m], *proof, root));
      }
      if (!proof->empty()) {
        auto bad = *proof;
        bad[0][0] ^= 1;
        ASSERT_FALSE(VerifyInclusion(m, n, log.leaves[m], bad, root));
        ASSERT_FALSE(ModelVerifyInclusion(m, n, log.leaves[m], bad, root));
      }
    }
  }
  EXPECT_FALSE(InclusionProof(5, 5, log.Lookup()));
}

TEST(MerkleTest, ConsistencyProofsVerifyWithBothVerifiers) {
  const Log log = Build(70);
  for (std::uint64_t n = 1; n <= 70; ++n) {
    const Hash r2 = Mth(log.leaves, 0, n);
    for (std::uint64_t m = 1; m <= n; ++m) {
      const Hash r1 = Mth(log.leaves, 0, m);
      auto proof = ConsistencyProof(m, n, log.Lookup());
      ASSERT_TRUE(proof) << m << "->" << n;
      ASSERT_TRUE(VerifyConsistency(m, n, r1, r2, *proof)) << m << "->" << n;
      ASSERT_TRUE(ModelVerifyConsistency(m, n, r1, r2, *proof)) << m << "->" << n;
      if (m < n) {
        Hash forged = r1;
        forged[5] ^= 0x40;  // a different history of the same size
        ASSERT_FALSE(VerifyConsistency(m, n, forged, r2, *proof));
        ASSERT_FALSE(ModelVerifyConsistency(m, n, forged, r2, *proof));
      }
    }
  }
  EXPECT_FALSE(ConsistencyProof(0, 3, log.Lookup()));
  EXPECT_FALSE(ConsistencyProof(4, 3, log.Lookup()));
}

TEST(MerkleTest, ProofNodeListsAreExactlyWhatTheProofsRead) {
  const Log log = Build(40);
  for (std::uint64_t n = 1; n <= 40; ++n)
    for (std::uint64_t m = 0; m < n; ++m) {
      std::map<NodeId, Hash> only;
      for (const auto& id : InclusionProofNodes(m, n)) only[id] = log.nodes.at(id);
      auto proof = InclusionProof(m, n, [&](const NodeId& id) -> std::optional<Hash> {
        auto it = only.find(id);
        return it == only.end() ? std::nullopt : std::optional<Hash>(it->second);
      });
      ASSERT_TRUE(proof);
      ASSERT_LE(only.size(), 2 * 64u);
    }
}

}  // namespace
}  // namespace jigsaw::audit
