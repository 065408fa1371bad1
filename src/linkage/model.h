// The Fellegi-Sunter model that weighs a comparison, with a third class for
// relatives. Every pair of records is one of: the same person (m), two
// relatives in one household (s: twins, siblings, a parent and child, who
// share a family name, an address and sometimes a birthday), or unrelated
// (u). For each field and level the model holds the probability of that
// level in each class, and the share of pairs in each class. A comparison
// then gives log2-odds of "same person" against "anyone else":
//
//   L = prior + sum of field weights + relative term
//   field weight    = log2(m / u)            (u replaced by the name's own
//                                             frequency on an exact name)
//   relative term   = -log2(1 + 2^R), R = log2(pi_s / pi_u) + sum log2(s / u)
//   probability     = 1 / (1 + 2^-L)
//
// Without the relative term this is Splink's model, which links twins: they
// agree on everything a household shares. With it, a pair that looks like
// two members of one household (same family name, address and birthday,
// two different given names) is explained better as relatives, and the
// explanation says so.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "linkage/comparison.h"
#include "linkage/record.h"

namespace jigsaw::linkage {

// The probability of one level in each class.
struct LevelProbabilities {
  double m = 0;  // same person
  double u = 0;  // unrelated
  double s = 0;  // relatives in one household
};

// What one field contributed to a pair's score.
struct FieldEvidence {
  Field field = Field::kGivenName;
  std::uint8_t level = kNotCompared;
  std::string_view level_name;
  double weight = 0;           // log2 Bayes factor, same person against unrelated
  double relative_weight = 0;  // log2 Bayes factor, relatives against unrelated
  bool frequency_adjusted = false;  // an exact name, weighed by its own frequency
};

// Why a pair scored what it did: each field's level and weight, the prior,
// the relative term and the result.
struct Explanation {
  std::array<FieldEvidence, kFieldCount> fields{};
  double prior_weight = 0;      // log2(pi_m / pi_u)
  double relative_odds = 0;     // R above: log2-odds of relatives against unrelated
  double relative_term = 0;     // -log2(1 + 2^R): at most 0
  double match_weight = 0;      // L above
  double probability = 0;       // of the same person
};

class Model {
 public:
  // The starting values documented in docs/linkage.md: where expectation-
  // maximisation starts, and the model used as it is when a batch is too
  // small to train on. Priors assume `records` records, each with about one
  // other record of the same person and two of relatives.
  static Model Defaults(std::size_t records = 10'000);

  const LevelProbabilities& level(Field field, std::uint8_t level) const;
  // Sets one level's probabilities; neutral levels (IsNeutralLevel) keep 0 weight.
  void SetLevel(Field field, std::uint8_t level, LevelProbabilities p);
  // pi_m and pi_s: the shares of all pairs of records that are the same
  // person, and relatives. Both in (0, 0.5).
  void SetPriors(double match, double relative);
  double prior_match() const { return prior_match_; }
  double prior_relative() const { return prior_relative_; }

  // Term frequencies for given names (first given name) and family names,
  // keyed by NormaliseText of the name. Replaces any earlier table.
  void SetTermFrequencies(Field field, std::unordered_map<std::string, std::uint32_t> counts);
  // log2 of the share of records with this (folded) name; a name never seen
  // counts as seen once. 0 if the model has no table for the field.
  double Log2TermFrequency(Field field, std::string_view folded_name) const;

  // log2-odds of the same person (L above), and nothing else: the fast path.
  // `given_log2_tf` and `family_log2_tf` are Log2TermFrequency of the first
  // given name and of the family name (used on exact levels only).
  double MatchWeight(const Comparison& c, double given_log2_tf, double family_log2_tf) const;
  // The same, with every term spelled out.
  Explanation Explain(const Comparison& c, double given_log2_tf, double family_log2_tf) const;

  // Compares two records field by field and explains the score.
  Explanation Score(const Record& a, const Record& b) const;

  // A text form for storing a trained model (so a server need not retrain
  // on every start); Parse reads it back exactly. Parse fails with
  // invalid_argument, field "model", naming the line, on anything else.
  std::string Serialise() const;
  static Result<Model> Parse(std::string_view text);

 private:
  struct TermFrequencies {
    std::unordered_map<std::string, std::uint32_t> counts;
    std::uint64_t total = 0;
  };
  Model();
  void Recompute();
  const TermFrequencies* Frequencies(Field field) const;

  std::array<std::vector<LevelProbabilities>, kFieldCount> levels_;
  double prior_match_ = 1e-4;
  double prior_relative_ = 2e-4;
  TermFrequencies given_tf_, family_tf_;
  // Derived by Recompute: log2(m/u) and log2(s/u) per level, the priors in
  // log2-odds, and log2(u) of the exact name levels (for the frequency
  // adjustment).
  std::array<std::array<double, 16>, kFieldCount> match_weight_{};
  std::array<std::array<double, 16>, kFieldCount> relative_weight_{};
  double log2_prior_match_ = 0, log2_prior_relative_ = 0;
  double log2_u_given_exact_ = 0, log2_u_family_exact_ = 0;
};

// Probability from log2-odds.
double ProbabilityFromWeight(double log2_odds);

}  // namespace jigsaw::linkage
