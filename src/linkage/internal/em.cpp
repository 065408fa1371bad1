#include "linkage/internal/em.h"

#include <algorithm>
#include <cmath>

namespace jigsaw::linkage::internal {
namespace {

// A pseudo-count per level and class (a weak Dirichlet prior), so that a
// level no pair showed keeps a small probability instead of 0 (an infinite
// weight).
constexpr double kPseudoCount = 0.1;

double Likelihood(const ClassProbabilities& p, const Comparison& c, const std::array<bool, kFieldCount>& active) {
  double product = 1.0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!active[f] || IsNeutralLevel(kFields[f], c.level[f])) continue;
    product *= p[f][c.level[f]];
  }
  return product;
}

void Normalise(ClassProbabilities& counts, const std::array<bool, kFieldCount>& active) {
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (!active[f]) continue;
    double total = 0;
    for (std::size_t l = 0; l < counts[f].size(); ++l)
      if (!IsNeutralLevel(kFields[f], static_cast<std::uint8_t>(l))) total += counts[f][l] += kPseudoCount;
    for (std::size_t l = 0; l < counts[f].size(); ++l)
      counts[f][l] = IsNeutralLevel(kFields[f], static_cast<std::uint8_t>(l)) ? 0 : counts[f][l] / total;
  }
}

ClassProbabilities Zeros(const ClassProbabilities& like) {
  ClassProbabilities z;
  for (std::size_t f = 0; f < kFieldCount; ++f) z[f].assign(like[f].size(), 0.0);
  return z;
}

double LargestChange(const ClassProbabilities& a, const ClassProbabilities& b,
                     const std::array<bool, kFieldCount>& active) {
  double change = 0;
  for (std::size_t f = 0; f < kFieldCount; ++f)
    if (active[f])
      for (std::size_t l = 0; l < a[f].size(); ++l) change = std::max(change, std::abs(a[f][l] - b[f][l]));
  return change;
}

}  // namespace

EmResult RunEm(const EmInput& in) {
  EmResult r{.m = in.m, .s = in.s, .share_match = in.share_match, .share_relative = in.share_relative};
  if (!in.unrelated_class) r.share_relative = 1.0 - r.share_match;
  std::vector<Comparison> comparisons;
  comparisons.reserve(in.patterns.size());
  for (const auto& [packed, count] : in.patterns) comparisons.push_back(Comparison::Unpack(packed));
  for (r.iterations = 1; r.iterations <= in.max_iterations; ++r.iterations) {
    // E: each pattern's chance of each class; M: the expected counts.
    ClassProbabilities m = Zeros(r.m), s = Zeros(r.s);
    double total = 0, in_match = 0, in_relative = 0;
    const double share_unrelated = in.unrelated_class ? std::max(1e-12, 1.0 - r.share_match - r.share_relative) : 0.0;
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
      const Comparison& c = comparisons[i];
      const double count = in.patterns[i].second;
      const double lm = r.share_match * Likelihood(r.m, c, in.active);
      const double ls = r.share_relative * Likelihood(r.s, c, in.active);
      const double lu = share_unrelated * Likelihood(in.u, c, in.active);
      const double sum = lm + ls + lu;
      if (!(sum > 0)) continue;
      const double pm = count * lm / sum, ps = count * ls / sum;
      total += count, in_match += pm, in_relative += ps;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (!in.active[f]) continue;
        m[f][c.level[f]] += pm;
        s[f][c.level[f]] += ps;
      }
    }
    if (total == 0) break;
    for (std::size_t f = 0; f < kFieldCount; ++f)
      if (!in.active[f]) m[f] = r.m[f], s[f] = r.s[f];
    Normalise(m, in.active);
    Normalise(s, in.active);
    const double change = std::max({LargestChange(m, r.m, in.active), LargestChange(s, r.s, in.active),
                                    std::abs(in_match / total - r.share_match),
                                    std::abs(in_relative / total - r.share_relative)});
    r.m = std::move(m);
    r.s = std::move(s);
    r.share_match = std::clamp(in_match / total, 1e-9, 0.999);
    r.share_relative = in.unrelated_class ? std::clamp(in_relative / total, 1e-9, 0.999 - r.share_match)
                                          : 1.0 - r.share_match;
    if (change < in.tolerance) {
      r.converged = true;
      break;
    }
  }
  return r;
}

}  // namespace jigsaw::linkage::internal
