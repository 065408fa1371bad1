// Linking a batch: blocking, scoring every candidate pair, clustering.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "linkage/comparison.h"
#include "linkage/model.h"
#include "linkage/record_set.h"

namespace jigsaw::linkage {

struct LinkOptions {
  // Two records at or above this probability are the same person (subject
  // to the identifier rule in cluster.h). docs/linkage.md says why 0.9.
  double threshold = 0.9;
  // Pairs at or above this are returned with their comparison; 1.01 returns none.
  double pairs_floor = 1.01;
  int threads = 1;
  // A block (records sharing one rule's key) larger than this is not
  // compared under that rule: the other rules still see its records.
  std::size_t max_block_size = 5'000;
};

struct ScoredPair {
  std::uint32_t a = 0, b = 0;  // record indices, a < b
  double probability = 0;
  Comparison comparison;
};

struct LinkResult {
  std::vector<std::uint32_t> cluster;  // per record: the smallest record index of its person
  std::vector<ScoredPair> pairs;       // at or above pairs_floor, ordered by (a, b)
  std::size_t compared = 0;            // candidate pairs scored
  std::vector<std::pair<std::string_view, std::size_t>> compared_by_rule;  // first rule to find each
  std::size_t oversized_blocks = 0;
  std::size_t refused_links = 0;  // by the identifier rule (cluster.h)
};

LinkResult Link(const Model& model, const RecordSet& records, const LinkOptions& options = {});

// The full explanation of records a and b of `records` under `model`.
Explanation Explain(const Model& model, const RecordSet& records, std::uint32_t a, std::uint32_t b);

}  // namespace jigsaw::linkage
