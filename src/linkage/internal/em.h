// Expectation-maximisation over counted comparison patterns, with three
// classes (same person, relatives, unrelated) and u held fixed, as Splink
// holds it: u comes from random sampling, EM estimates m, s and the shares.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "linkage/comparison.h"

namespace jigsaw::linkage::internal {

// Per field, the probability of each level in one class.
using ClassProbabilities = std::array<std::vector<double>, kFieldCount>;

struct EmInput {
  // Distinct packed Comparison patterns and how many pairs showed each.
  std::vector<std::pair<std::uint32_t, double>> patterns;
  // Fields the session estimates; the others are ignored (the session's
  // blocking rule made them agree, so they say nothing there).
  std::array<bool, kFieldCount> active{};
  ClassProbabilities u;  // fixed
  ClassProbabilities m;  // starting values
  ClassProbabilities s;  // starting values
  double share_match = 0.1;
  double share_relative = 0.05;
  // False: no unrelated class; every pair not a match is a relative. For a
  // session whose pairs are nearly all one household or another, where
  // relatives and the few unrelated pairs look alike on the active fields
  // and a third class could not be told apart (EM would drift for ever).
  bool unrelated_class = true;
  int max_iterations = 100;
  double tolerance = 1e-6;  // stop when no probability moves more than this
};

struct EmResult {
  ClassProbabilities m, s;
  double share_match = 0, share_relative = 0;
  int iterations = 0;
  bool converged = false;
};

EmResult RunEm(const EmInput& input);

}  // namespace jigsaw::linkage::internal
