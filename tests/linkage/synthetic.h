// A synthetic partnership with known truth, for measuring linkage: children
// in households (siblings, twins, step-siblings with other surnames), each
// recorded by several agencies, each agency with its own habits and error
// rates (typos, nicknames, transliterations, case, swapped names, changed
// surnames, old addresses, swapped day and month, missing and mistyped
// identifiers). Deterministic for a seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "linkage/record.h"

namespace jigsaw::linkage::synthetic {

struct SyntheticOptions {
  std::uint64_t seed = 7;
  std::size_t children = 10'000;
  // Chance that a birth is of twins (UK: about 1.5% of maternities; higher
  // here to make the hard cases common enough to measure).
  double twin_births = 0.03;
  // The postcode area the children live in (two letters). Generating a
  // large population in batches, give each batch its own area, as a
  // region of its own.
  std::string area = "BK";
};

struct SyntheticData {
  std::vector<Record> records;
  std::vector<std::uint32_t> person;     // per record: the true child
  std::vector<std::uint32_t> household;  // per child
  std::vector<std::uint32_t> twin_of;    // per child: the twin, or itself
};

SyntheticData Generate(const SyntheticOptions& options);

// Pairwise accuracy of a clustering against the truth: a pair of records
// counts when both are in one cluster (predicted) or of one child (true).
struct Accuracy {
  std::uint64_t true_pairs = 0, predicted_pairs = 0, correct_pairs = 0;
  std::uint64_t twin_pairs_joined = 0;     // records of two twins put in one cluster
  std::uint64_t sibling_pairs_joined = 0;  // of two other children of one household
  std::uint64_t other_pairs_joined = 0;    // of unrelated children
  double precision() const { return predicted_pairs ? double(correct_pairs) / double(predicted_pairs) : 1.0; }
  double recall() const { return true_pairs ? double(correct_pairs) / double(true_pairs) : 1.0; }
};

Accuracy Evaluate(const SyntheticData& data, const std::vector<std::uint32_t>& cluster);

}  // namespace jigsaw::linkage::synthetic
