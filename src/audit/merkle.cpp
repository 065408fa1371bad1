#include "audit/merkle.h"

#include <openssl/evp.h>

#include <bit>
#include <cstring>

namespace jigsaw::audit {
namespace {

// The largest power of two strictly less than n (n >= 2).
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

bool IsPerfect(std::uint64_t begin, std::uint64_t end) {
  const std::uint64_t n = end - begin;
  return std::has_single_bit(n) && begin % n == 0;
}

NodeId PerfectNode(std::uint64_t begin, std::uint64_t end) {
  const auto level = static_cast<std::uint32_t>(std::countr_zero(end - begin));
  return {level, begin >> level};
}

// MTH(D[begin:end]) from stored perfect subtrees.
std::optional<Hash> Subtree(std::uint64_t begin, std::uint64_t end, const NodeLookup& lookup) {
  if (IsPerfect(begin, end)) return lookup(PerfectNode(begin, end));
  const std::uint64_t k = SplitPoint(end - begin);
  auto left = Subtree(begin, begin + k, lookup);
  if (!left) return std::nullopt;
  auto right = Subtree(begin + k, end, lookup);
  if (!right) return std::nullopt;
  return NodeHash(*left, *right);
}

// RFC 9162 2.1.3.1, over D[begin:end].
bool Path(std::uint64_t m, std::uint64_t begin, std::uint64_t end, const NodeLookup& lookup,
          std::vector<Hash>& out) {
  const std::uint64_t n = end - begin;
  if (n == 1) return true;
  const std::uint64_t k = SplitPoint(n);
  if (m - begin < k) {
    if (!Path(m, begin, begin + k, lookup, out)) return false;
    auto sibling = Subtree(begin + k, end, lookup);
    if (!sibling) return false;
    out.push_back(*sibling);
  } else {
    if (!Path(m, begin + k, end, lookup, out)) return false;
    auto sibling = Subtree(begin, begin + k, lookup);
    if (!sibling) return false;
    out.push_back(*sibling);
  }
  return true;
}

// RFC 9162 2.1.4.1 SUBPROOF(m, D[begin:end], b).
bool SubProof(std::uint64_t m, std::uint64_t begin, std::uint64_t end, bool whole,
              const NodeLookup& lookup, std::vector<Hash>& out) {
  const std::uint64_t n = end - begin;
  if (m == n) {
    if (whole) return true;
    auto h = Subtree(begin, end, lookup);
    if (!h) return false;
    out.push_back(*h);
    return true;
  }
  const std::uint64_t k = SplitPoint(n);
  if (m <= k) {
    if (!SubProof(m, begin, begin + k, whole, lookup, out)) return false;
    auto h = Subtree(begin + k, end, lookup);
    if (!h) return false;
    out.push_back(*h);
  } else {
    if (!SubProof(m - k, begin + k, end, false, lookup, out)) return false;
    auto h = Subtree(begin, begin + k, lookup);
    if (!h) return false;
    out.push_back(*h);
  }
  return true;
}

// Runs `fn` with a lookup that only records which nodes are asked for.
template <typename Fn>
std::vector<NodeId> Collect(Fn fn) {
  std::vector<NodeId> ids;
  NodeLookup recorder = [&](const NodeId& id) -> std::optional<Hash> {
    ids.push_back(id);
    return Hash{};
  };
  fn(recorder);
  return ids;
}

}  // namespace

namespace {

// OpenSSL 3's one-shot SHA256() looks the algorithm up in its provider
// store, under a lock, on every call; fetching it once and reusing a
// context per thread keeps hashing at the speed of the SHA instructions.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {}
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Hash Digest(std::uint8_t prefix, std::span<const std::uint8_t> a, std::span<const std::uint8_t> b = {}) {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_DigestInit_ex2(ctx_, md, nullptr);
    EVP_DigestUpdate(ctx_, &prefix, 1);
    if (!a.empty()) EVP_DigestUpdate(ctx_, a.data(), a.size());
    if (!b.empty()) EVP_DigestUpdate(ctx_, b.data(), b.size());
    Hash out;
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_, out.data(), &len);
    return out;
  }

 private:
  EVP_MD_CTX* ctx_;
};

Sha256& ThreadSha256() {
  thread_local Sha256 sha;
  return sha;
}

}  // namespace

Hash LeafHash(std::span<const std::uint8_t> entry) { return ThreadSha256().Digest(0x00, entry); }

Hash NodeHash(const Hash& left, const Hash& right) { return ThreadSha256().Digest(0x01, left, right); }

Hash EmptyRoot() {
  Hash out;
  unsigned int len = 0;
  EVP_Digest(nullptr, 0, out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

std::vector<std::pair<NodeId, Hash>> Append(Frontier& frontier, const Hash& leaf) {
  std::vector<std::pair<NodeId, Hash>> completed;
  Hash h = leaf;
  std::uint64_t index = frontier.size;
  std::uint32_t level = 0;
  // Like a binary increment: each trailing 1 bit of size is a perfect
  // subtree of the same height that the new one merges with.
  for (std::uint64_t s = frontier.size; s & 1; s >>= 1) {
    h = NodeHash(frontier.hashes.back(), h);
    frontier.hashes.pop_back();
    ++level;
    index >>= 1;
    completed.push_back({{level, index}, h});
  }
  frontier.hashes.push_back(h);
  ++frontier.size;
  return completed;
}

Hash Root(const Frontier& frontier) {
  if (frontier.size == 0) return EmptyRoot();
  Hash r = frontier.hashes.back();
  for (std::size_t i = frontier.hashes.size() - 1; i-- > 0;) r = NodeHash(frontier.hashes[i], r);
  return r;
}

std::vector<NodeId> FrontierNodes(std::uint64_t size) {
  std::vector<NodeId> out;
  std::uint64_t begin = 0;
  for (int level = 63; level >= 0; --level) {
    const std::uint64_t width = std::uint64_t{1} << level;
    if (size & width) {
      out.push_back({static_cast<std::uint32_t>(level), begin >> level});
      begin += width;
    }
  }
  return out;
}

std::optional<std::vector<Hash>> InclusionProof(std::uint64_t index, std::uint64_t size,
                                                const NodeLookup& lookup) {
  if (index >= size) return std::nullopt;
  std::vector<Hash> out;
  if (!Path(index, 0, size, lookup, out)) return std::nullopt;
  return out;
}

std::vector<NodeId> InclusionProofNodes(std::uint64_t index, std::uint64_t size) {
  return Collect([&](const NodeLookup& l) { (void)InclusionProof(index, size, l); });
}

std::optional<std::vector<Hash>> ConsistencyProof(std::uint64_t first, std::uint64_t second,
                                                  const NodeLookup& lookup) {
  if (first == 0 || first > second) return std::nullopt;
  std::vector<Hash> out;
  if (!SubProof(first, 0, second, true, lookup, out)) return std::nullopt;
  return out;
}

std::vector<NodeId> ConsistencyProofNodes(std::uint64_t first, std::uint64_t second) {
  return Collect([&](const NodeLookup& l) { (void)ConsistencyProof(first, second, l); });
}

bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf,
                     std::span<const Hash> proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1))
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Hash& first_root,
                       const Hash& second_root, std::span<const Hash> proof) {
  if (first == 0 || first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (proof.empty()) return false;
  std::vector<Hash> path;
  if (std::has_single_bit(first)) path.push_back(first_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = first - 1, sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1))
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

}  // namespace jigsaw::audit
