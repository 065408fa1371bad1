// Training a model on the records themselves, without labels, as Splink
// does: u by comparing random pairs, m (and here s, for relatives) by
// expectation-maximisation on pairs from two blocking sessions, term
// frequencies by counting names. docs/linkage.md explains each step.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "linkage/model.h"
#include "linkage/record_set.h"

namespace jigsaw::linkage {

struct TrainingOptions {
  std::uint64_t seed = 1;                     // the same seed, the same model
  std::size_t u_sample_pairs = 1'000'000;     // random pairs for u
  std::size_t session_pairs = 1'000'000;      // pairs sampled per EM session at most
  std::size_t minimum_records = 500;          // fewer: Model::Defaults, with counted frequencies
  int max_iterations = 1000;  // EM is slow to settle the shares; each iteration is cheap
  int threads = 1;
};

struct TrainingSession {
  std::string name;           // its blocking rule: "date_of_birth", "family_name+postcode"
  std::size_t pairs = 0;      // pairs the rule makes
  std::size_t compared = 0;   // of which compared (a uniform sample when there are more)
  int iterations = 0;
  bool converged = false;
  double share_match = 0;     // EM's estimate of the share of its pairs that match
  double share_relative = 0;  // ... and are relatives
  bool used = false;          // false: too few pairs; its parameters kept their starting values
};

struct TrainingReport {
  std::size_t records = 0;
  bool trained = false;  // false: too few records; the model is Model::Defaults
  std::size_t u_pairs = 0;
  std::vector<TrainingSession> sessions;
};

// Returns a model trained on `records`. Never fails: with fewer than
// options.minimum_records records, or a session with too few pairs, the
// starting values stand in (the report says which).
Model Train(const RecordSet& records, const TrainingOptions& options = {}, TrainingReport* report = nullptr);

}  // namespace jigsaw::linkage
