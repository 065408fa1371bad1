#include "linkage/link.h"

#include <algorithm>
#include <cmath>

#include "linkage/cluster.h"
#include "linkage/internal/blocking.h"
#include "linkage/internal/parallel.h"
#include "linkage/internal/prepared.h"

namespace jigsaw::linkage {
namespace {

using internal::PreparedSet;
using internal::RuleKeys;

struct Block {
  std::uint8_t rule;
  std::uint32_t begin;  // into the rule's sorted keys
  std::uint32_t size;
};

struct Blocks {
  std::array<std::vector<std::pair<std::uint64_t, std::uint32_t>>, internal::kRuleCount> sorted;
  std::vector<Block> blocks;
  // Per rule, the keys of blocks too large to compare, sorted.
  std::array<std::vector<std::uint64_t>, internal::kRuleCount> oversized_keys;
  std::size_t oversized = 0;
};

Blocks MakeBlocks(const std::vector<RuleKeys>& keys, std::size_t max_block_size, int threads) {
  Blocks out;
  internal::ParallelFor(internal::kRuleCount, threads, [&](std::size_t r) {
    auto& sorted = out.sorted[r];
    for (std::uint32_t i = 0; i < keys.size(); ++i)
      if (keys[i][r] != 0) sorted.emplace_back(keys[i][r], i);
    std::sort(sorted.begin(), sorted.end());
  });
  for (std::size_t r = 0; r < internal::kRuleCount; ++r) {
    const auto& sorted = out.sorted[r];
    for (std::size_t b = 0, e; b < sorted.size(); b = e) {
      for (e = b + 1; e < sorted.size() && sorted[e].first == sorted[b].first;) ++e;
      if (e - b < 2) continue;
      if (e - b > max_block_size) {
        ++out.oversized;
        out.oversized_keys[r].push_back(sorted[b].first);  // in order: sorted is
        continue;
      }
      out.blocks.push_back({static_cast<std::uint8_t>(r), static_cast<std::uint32_t>(b),
                            static_cast<std::uint32_t>(e - b)});
    }
  }
  return out;
}

// True if an earlier rule already scored this pair (so it is scored once):
// the two share its key, and its block was not too large to compare.
bool SeenBefore(const RuleKeys& a, const RuleKeys& b, std::size_t rule, const Blocks& blocks) {
  for (std::size_t r = 0; r < rule; ++r)
    if (a[r] != 0 && a[r] == b[r] &&
        !std::binary_search(blocks.oversized_keys[r].begin(), blocks.oversized_keys[r].end(), a[r]))
      return true;
  return false;
}

double Log2Odds(double probability) {
  if (probability >= 1.0) return INFINITY;
  if (probability <= 0.0) return -INFINITY;
  return std::log2(probability / (1.0 - probability));
}

struct ChunkOutput {
  std::vector<ScoredPair> kept;
  std::array<std::size_t, internal::kRuleCount> compared{};
};

std::vector<RuleKeys> KeysOf(const PreparedSet& set, int threads) {
  const std::size_t n = set.size();
  std::vector<RuleKeys> keys(n);
  constexpr std::size_t kChunks = 64;
  internal::ParallelFor(kChunks, threads, [&](std::size_t chunk) {
    for (std::size_t i = n * chunk / kChunks; i < n * (chunk + 1) / kChunks; ++i)
      keys[i] = internal::BlockingKeys(set, static_cast<std::uint32_t>(i));
  });
  return keys;
}

// Scores every candidate pair once, on all threads; keeps the pairs whose
// log2-odds reach `keep`.
std::vector<ChunkOutput> ScoreBlocks(const Model& model, const PreparedSet& set, const std::vector<RuleKeys>& keys,
                                     const Blocks& blocks, double keep, int threads) {
  const internal::NameFrequencies tf = internal::FrequenciesOf(model, set);
  const std::size_t chunks = std::min<std::size_t>(blocks.blocks.size(), 1024);
  std::vector<ChunkOutput> out(chunks);
  internal::ParallelFor(chunks, threads, [&](std::size_t chunk) {
    const std::size_t first = blocks.blocks.size() * chunk / chunks;
    const std::size_t last = blocks.blocks.size() * (chunk + 1) / chunks;
    for (std::size_t k = first; k < last; ++k) {
      const Block& block = blocks.blocks[k];
      const auto* members = blocks.sorted[block.rule].data() + block.begin;
      for (std::uint32_t x = 0; x < block.size; ++x) {
        const std::uint32_t i = members[x].second;
        for (std::uint32_t y = x + 1; y < block.size; ++y) {
          const std::uint32_t j = members[y].second;
          if (SeenBefore(keys[i], keys[j], block.rule, blocks)) continue;
          ++out[chunk].compared[block.rule];
          const Comparison c = internal::Compare(set, i, set, j);
          const double w = model.MatchWeight(c, tf.Given(set[i]), tf.Family(set[i]));
          if (w >= keep) out[chunk].kept.push_back({std::min(i, j), std::max(i, j), ProbabilityFromWeight(w), c});
        }
      }
    }
  });
  return out;
}

// The identifiers a person has one of, as the clustering rule reads them.
std::vector<UniqueIdentifiers> IdentifiersOf(const PreparedSet& set) {
  std::vector<UniqueIdentifiers> ids(set.size());
  for (std::uint32_t i = 0; i < set.size(); ++i) {
    const auto& r = set[i];
    if (r.nhs_check == internal::Check::kValid) ids[i].nhs_number = r.nhs_hash;
    const std::string_view upn = set.text(r.upn);
    if (r.upn_check == internal::Check::kValid && upn.back() >= '0' && upn.back() <= '9')  // not temporary
      ids[i].upn = internal::HashText(upn);
  }
  return ids;
}

}  // namespace

LinkResult Link(const Model& model, const RecordSet& records, const LinkOptions& o) {
  const PreparedSet& set = records.prepared();
  const std::vector<RuleKeys> keys = KeysOf(set, o.threads);
  const Blocks blocks = MakeBlocks(keys, o.max_block_size, o.threads);
  const double keep = Log2Odds(std::min(o.threshold, o.pairs_floor));
  std::vector<ChunkOutput> out = ScoreBlocks(model, set, keys, blocks, keep, o.threads);

  LinkResult result;
  result.oversized_blocks = blocks.oversized;
  std::array<std::size_t, internal::kRuleCount> by_rule{};
  std::vector<Edge> edges;
  for (auto& chunk : out) {
    for (std::size_t r = 0; r < internal::kRuleCount; ++r) by_rule[r] += chunk.compared[r];
    for (const ScoredPair& p : chunk.kept) {
      if (p.probability >= o.threshold) edges.push_back({p.a, p.b, p.probability});
      if (p.probability >= o.pairs_floor) result.pairs.push_back(p);
    }
  }
  for (std::size_t r = 0; r < internal::kRuleCount; ++r) {
    result.compared += by_rule[r];
    result.compared_by_rule.emplace_back(internal::RuleName(static_cast<internal::BlockingRule>(r)), by_rule[r]);
  }
  std::sort(result.pairs.begin(), result.pairs.end(),
            [](const ScoredPair& x, const ScoredPair& y) { return std::pair(x.a, x.b) < std::pair(y.a, y.b); });
  Clusters clusters = ClusterRecords(set.size(), std::move(edges), IdentifiersOf(set));
  result.cluster = std::move(clusters.of);
  result.refused_links = clusters.refused;
  return result;
}

Explanation Explain(const Model& model, const RecordSet& records, std::uint32_t a, std::uint32_t b) {
  const PreparedSet& set = records.prepared();
  const auto& r = set[a];
  const double given = r.given_first ? model.Log2TermFrequency(Field::kGivenName, set.name(r.given_first).text) : 0;
  const double family = r.family ? model.Log2TermFrequency(Field::kFamilyName, set.name(r.family).text) : 0;
  return model.Explain(internal::Compare(set, a, set, b), given, family);
}

}  // namespace jigsaw::linkage
