#include "linkage/training.h"

#include <algorithm>
#include <unordered_map>

#include "linkage/internal/em.h"
#include "linkage/internal/parallel.h"
#include "linkage/internal/prepared.h"
#include "linkage/internal/random.h"

namespace jigsaw::linkage {
namespace {

using internal::ClassProbabilities;
using internal::PreparedSet;
using Pair = std::pair<std::uint32_t, std::uint32_t>;

// Work is cut into this many chunks whatever the number of threads, each
// with its own seed, so a model does not depend on how many threads made it.
constexpr std::size_t kChunks = 64;
// A session with fewer pairs than this keeps its starting values.
constexpr std::size_t kMinimumSessionPairs = 200;

std::size_t Index(Field f) { return static_cast<std::size_t>(f); }

ClassProbabilities Probabilities(const Model& model, double LevelProbabilities::*member) {
  ClassProbabilities p;
  for (Field f : kFields) {
    p[Index(f)].resize(LevelCount(f));
    for (std::size_t l = 0; l < LevelCount(f); ++l)
      p[Index(f)][l] = model.level(f, static_cast<std::uint8_t>(l)).*member;
  }
  return p;
}

std::unordered_map<std::string, std::uint32_t> CountNames(const PreparedSet& set, Field field) {
  std::unordered_map<std::string, std::uint32_t> counts;
  for (std::uint32_t id = 1; id < set.name_count(); ++id) {
    const auto& name = set.name(id);
    const std::uint32_t n = field == Field::kGivenName ? name.given_count : name.family_count;
    if (n > 0) counts.emplace(name.text, n);
  }
  return counts;
}

using LevelCounts = std::array<std::array<double, 16>, kFieldCount>;

// u: how often each level turns up between two records drawn at random
// (almost all of which are different people).
ClassProbabilities EstimateU(const PreparedSet& set, const TrainingOptions& o, const ClassProbabilities& fallback,
                             std::size_t& sampled) {
  const std::uint64_t n = set.size();
  sampled = static_cast<std::size_t>(std::min<std::uint64_t>(o.u_sample_pairs, n * (n - 1) / 2));
  std::vector<LevelCounts> counts(kChunks, LevelCounts{});
  internal::ParallelFor(kChunks, o.threads, [&](std::size_t chunk) {
    internal::SplitMix64 rng(internal::Mix(o.seed, chunk + 1));
    const std::size_t share = sampled / kChunks + (chunk < sampled % kChunks ? 1 : 0);
    for (std::size_t k = 0; k < share; ++k) {
      const auto i = static_cast<std::uint32_t>(rng.Below(n));
      auto j = static_cast<std::uint32_t>(rng.Below(n - 1));
      if (j >= i) ++j;
      const Comparison c = internal::Compare(set, i, set, j);
      for (std::size_t f = 0; f < kFieldCount; ++f) counts[chunk][f][c.level[f]] += 1;
    }
  });
  ClassProbabilities u = fallback;
  for (Field f : kFields) {
    double total = 0;
    const std::size_t levels = LevelCount(f);
    std::vector<double> sum(levels, 0.0);
    for (const auto& chunk : counts)
      for (std::size_t l = 0; l < levels; ++l)
        if (!IsNeutralLevel(f, static_cast<std::uint8_t>(l))) sum[l] += chunk[Index(f)][l], total += chunk[Index(f)][l];
    if (total == 0) continue;  // never present on both sides: keep the starting values
    // Half a pair per level, so that a level never seen among random pairs
    // (two equal valid NHS numbers) gets a small u, not 0.
    const double smoothing = 0.5;
    double denominator = total;
    for (std::size_t l = 0; l < levels; ++l)
      if (!IsNeutralLevel(f, static_cast<std::uint8_t>(l))) denominator += smoothing;
    for (std::size_t l = 0; l < levels; ++l)
      u[Index(f)][l] = IsNeutralLevel(f, static_cast<std::uint8_t>(l)) ? 0 : (sum[l] + smoothing) / denominator;
  }
  return u;
}

struct SessionSpec {
  std::string_view name;
  std::uint64_t (*key)(const PreparedSet&, std::uint32_t);
  std::array<bool, kFieldCount> active;
  bool unrelated_class;
};

// Session A: pairs born on the same day. Everything but the date of birth
// is estimated; among such pairs the relatives are twins.
std::uint64_t BirthKey(const PreparedSet& set, std::uint32_t i) {
  const auto& r = set[i];
  return r.year ? (std::uint64_t{r.year} << 16 | std::uint64_t{r.month} << 8 | r.day) : 0;
}
// Session B: pairs with the same family name at the same postcode: nearly
// all one household, so it teaches what tells relatives from one person
// (given name, date of birth, sex, identifiers). Its few unrelated pairs
// look like relatives on those fields, so it has two classes: match and not.
std::uint64_t HouseholdKey(const PreparedSet& set, std::uint32_t i) {
  const auto& r = set[i];
  return r.family && r.unit ? internal::Mix(r.family, r.unit) : 0;
}

const SessionSpec kSessionA{"date_of_birth", BirthKey, {true, true, false, true, true, true, true}, true};
const SessionSpec kSessionB{"family_name+postcode", HouseholdKey, {true, false, true, true, false, true, true}, false};

// The session's pairs: all of them if there are at most `budget`, else a
// uniform sample of `budget`. `total` is how many there are.
std::vector<Pair> SessionPairs(const PreparedSet& set, const SessionSpec& spec, std::size_t budget,
                               internal::SplitMix64& rng, std::size_t& total) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
  for (std::uint32_t i = 0; i < set.size(); ++i)
    if (const std::uint64_t k = spec.key(set, i)) keyed.emplace_back(k, i);
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::size_t> begins, sizes;
  std::vector<std::uint64_t> cumulative;
  total = 0;
  for (std::size_t b = 0, e; b < keyed.size(); b = e) {
    for (e = b + 1; e < keyed.size() && keyed[e].first == keyed[b].first;) ++e;
    if (e - b < 2) continue;
    begins.push_back(b);
    sizes.push_back(e - b);
    total += (e - b) * (e - b - 1) / 2;
    cumulative.push_back(total);
  }
  std::vector<Pair> pairs;
  if (total <= budget) {
    pairs.reserve(total);
    for (std::size_t g = 0; g < begins.size(); ++g)
      for (std::size_t i = 0; i < sizes[g]; ++i)
        for (std::size_t j = i + 1; j < sizes[g]; ++j)
          pairs.emplace_back(keyed[begins[g] + i].second, keyed[begins[g] + j].second);
    return pairs;
  }
  pairs.reserve(budget);
  for (std::size_t k = 0; k < budget; ++k) {
    const std::uint64_t x = rng.Below(total);
    const std::size_t g = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
    const std::size_t i = rng.Below(sizes[g]);
    std::size_t j = rng.Below(sizes[g] - 1);
    if (j >= i) ++j;
    pairs.emplace_back(keyed[begins[g] + i].second, keyed[begins[g] + j].second);
  }
  return pairs;
}

std::vector<std::pair<std::uint32_t, double>> CountPatterns(const PreparedSet& set, const std::vector<Pair>& pairs,
                                                            int threads) {
  std::vector<std::unordered_map<std::uint32_t, double>> counts(kChunks);
  internal::ParallelFor(kChunks, threads, [&](std::size_t chunk) {
    const std::size_t begin = pairs.size() * chunk / kChunks, end = pairs.size() * (chunk + 1) / kChunks;
    for (std::size_t k = begin; k < end; ++k)
      counts[chunk][internal::Compare(set, pairs[k].first, set, pairs[k].second).Packed()] += 1;
  });
  std::unordered_map<std::uint32_t, double> merged;
  for (const auto& c : counts)
    for (const auto& [pattern, n] : c) merged[pattern] += n;
  std::vector<std::pair<std::uint32_t, double>> patterns(merged.begin(), merged.end());
  std::sort(patterns.begin(), patterns.end());  // a fixed order: the same sums every run
  return patterns;
}

struct SessionOutcome {
  const SessionSpec* spec;
  internal::EmResult em;
  std::size_t pairs = 0;
  bool used = false;
};

SessionOutcome RunSession(const PreparedSet& set, const SessionSpec& spec, const TrainingOptions& o,
                          const ClassProbabilities& u, const Model& start, internal::SplitMix64& rng,
                          TrainingSession& report) {
  SessionOutcome out{.spec = &spec};
  const std::vector<Pair> pairs = SessionPairs(set, spec, o.session_pairs, rng, out.pairs);
  report = {.name = std::string(spec.name), .pairs = out.pairs, .compared = pairs.size()};
  if (pairs.size() < kMinimumSessionPairs) return out;
  internal::EmInput in{.patterns = CountPatterns(set, pairs, o.threads),
                       .active = spec.active,
                       .u = u,
                       .m = Probabilities(start, &LevelProbabilities::m),
                       .s = Probabilities(start, &LevelProbabilities::s),
                       .share_match = 0.1,
                       .share_relative = 0.1,
                       .unrelated_class = spec.unrelated_class,
                       .max_iterations = o.max_iterations};
  out.em = internal::RunEm(in);
  out.used = true;
  report.iterations = out.em.iterations;
  report.converged = out.em.converged;
  report.share_match = out.em.share_match;
  report.share_relative = out.em.share_relative;
  report.used = true;
  return out;
}

// m: the mean over the sessions that estimated the field. s: from the one
// session whose relatives are representative for the field: the household
// session, except for the family name and location, which it holds fixed
// (they come from the same-birthday session, whose relatives are twins).
void Combine(Model& model, const ClassProbabilities& u, const SessionOutcome& a, const SessionOutcome& b) {
  for (Field f : kFields) {
    const std::size_t fi = Index(f);
    const SessionOutcome* s_source = (f == Field::kFamilyName || f == Field::kLocation) ? &a : &b;
    for (std::size_t l = 0; l < LevelCount(f); ++l) {
      LevelProbabilities p = model.level(f, static_cast<std::uint8_t>(l));
      p.u = u[fi][l];
      double m_sum = 0;
      int m_sources = 0;
      for (const SessionOutcome* o : {&a, &b})
        if (o->used && o->spec->active[fi]) m_sum += o->em.m[fi][l], ++m_sources;
      if (m_sources > 0) p.m = m_sum / m_sources;
      if (s_source->used && s_source->spec->active[fi]) p.s = s_source->em.s[fi][l];
      model.SetLevel(f, static_cast<std::uint8_t>(l), p);
    }
  }
}

// The shares of all pairs that match, and that are relatives, from the
// sessions' shares: a session's matches are the matches that agree on its
// blocking fields, so dividing by the chance of that agreement counts them all.
void SetPriors(Model& model, std::size_t records, const SessionOutcome& a, const SessionOutcome& b) {
  const double n = static_cast<double>(records);
  const double all_pairs = n * (n - 1) / 2;
  double match = model.prior_match(), relative = model.prior_relative();
  auto level = [&](Field f, auto l) { return model.level(f, static_cast<std::uint8_t>(l)); };
  if (a.used) {
    const double birthday = level(Field::kDateOfBirth, DateOfBirthLevel::kExact).m;
    match = static_cast<double>(a.pairs) * a.em.share_match / birthday / all_pairs;
  }
  if (b.used) {
    const double household = level(Field::kFamilyName, FamilyNameLevel::kExact).s *
                             (level(Field::kLocation, LocationLevel::kSameAddress).s +
                              level(Field::kLocation, LocationLevel::kPostcodeUnit).s);
    relative = static_cast<double>(b.pairs) * b.em.share_relative / household / all_pairs;
  }
  model.SetPriors(match, relative);
}

}  // namespace

Model Train(const RecordSet& records, const TrainingOptions& o, TrainingReport* report) {
  const PreparedSet& set = records.prepared();
  TrainingReport local;
  TrainingReport& r = report ? *report : local;
  r = {.records = set.size()};
  Model model = Model::Defaults(set.size());
  model.SetTermFrequencies(Field::kGivenName, CountNames(set, Field::kGivenName));
  model.SetTermFrequencies(Field::kFamilyName, CountNames(set, Field::kFamilyName));
  if (set.size() < std::max<std::size_t>(o.minimum_records, 2)) return model;
  r.trained = true;
  const ClassProbabilities u = EstimateU(set, o, Probabilities(model, &LevelProbabilities::u), r.u_pairs);
  internal::SplitMix64 rng(internal::Mix(o.seed, 0xB10C));
  r.sessions.resize(2);
  const SessionOutcome a = RunSession(set, kSessionA, o, u, model, rng, r.sessions[0]);
  const SessionOutcome b = RunSession(set, kSessionB, o, u, model, rng, r.sessions[1]);
  Combine(model, u, a, b);
  SetPriors(model, set.size(), a, b);
  return model;
}

}  // namespace jigsaw::linkage
