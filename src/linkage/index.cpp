#include "linkage/index.h"

#include <algorithm>
#include <string>

#include "linkage/internal/blocking.h"
#include "linkage/internal/parallel.h"
#include "linkage/internal/prepared.h"
#include "linkage/nicknames.h"

namespace jigsaw::linkage {

using internal::BlockingRule;
using internal::kRuleCount;
using internal::PreparedSet;
using internal::RuleKeys;

// One rule's keys, sorted, with the position of each key's record.
struct Postings {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> positions;
};

struct Index::Impl {
  Impl(Model m, IndexOptions o) : model(std::move(m)), options(o), set(NicknameTable::Shipped()) {}

  Model model;
  IndexOptions options;
  PreparedSet set;
  std::vector<std::string> ids;
  std::array<Postings, kRuleCount> postings;
  std::uint32_t built = 0;  // records [0, built) are in postings; the rest are scanned

  void Lookup(const RuleKeys& query, std::vector<std::uint32_t>& found) const {
    for (std::size_t r = 0; r < kRuleCount; ++r) {
      if (query[r] == 0) continue;
      const auto& p = postings[r];
      const auto [lo, hi] = std::equal_range(p.keys.begin(), p.keys.end(), query[r]);
      if (static_cast<std::size_t>(hi - lo) > options.max_block_size) continue;
      for (auto it = lo; it != hi; ++it) found.push_back(p.positions[static_cast<std::size_t>(it - p.keys.begin())]);
    }
    for (std::uint32_t i = built; i < set.size(); ++i) {
      const RuleKeys keys = internal::BlockingKeys(set, i);
      for (std::size_t r = 0; r < kRuleCount; ++r)
        if (query[r] != 0 && keys[r] == query[r]) {
          found.push_back(i);
          break;
        }
    }
  }
};

Index::Index(Model model, IndexOptions options) : impl_(std::make_unique<Impl>(std::move(model), options)) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

std::uint32_t Index::Add(const Record& record) {
  impl_->ids.push_back(record.id);
  return impl_->set.Add(record);
}

void Index::Build(int threads) {
  Impl& x = *impl_;
  const std::uint32_t n = static_cast<std::uint32_t>(x.set.size());
  internal::ParallelFor(kRuleCount, threads, [&](std::size_t r) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
    for (std::uint32_t i = 0; i < n; ++i)
      if (const std::uint64_t k = internal::BlockingKey(static_cast<BlockingRule>(r), x.set, i)) entries.emplace_back(k, i);
    std::sort(entries.begin(), entries.end());
    Postings p;
    p.keys.reserve(entries.size());
    p.positions.reserve(entries.size());
    for (const auto& [k, i] : entries) {
      p.keys.push_back(k);
      p.positions.push_back(i);
    }
    x.postings[r] = std::move(p);
  });
  x.built = n;
}

std::vector<Match> Index::Candidates(const Record& record, double floor) const {
  const Impl& x = *impl_;
  PreparedSet query(NicknameTable::Shipped());
  query.Add(record);
  const auto& q = query[0];
  const double given = q.given_first ? x.model.Log2TermFrequency(Field::kGivenName, query.name(q.given_first).text) : 0;
  const double family = q.family ? x.model.Log2TermFrequency(Field::kFamilyName, query.name(q.family).text) : 0;
  std::vector<std::uint32_t> found;
  x.Lookup(internal::BlockingKeys(query, 0), found);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<Match> matches;
  for (std::uint32_t position : found) {
    const Comparison c = internal::Compare(query, 0, x.set, position);
    const double w = x.model.MatchWeight(c, given, family);
    if (ProbabilityFromWeight(w) < floor) continue;
    matches.push_back({position, x.model.Explain(c, given, family)});
  }
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    if (a.explanation.probability != b.explanation.probability)
      return a.explanation.probability > b.explanation.probability;
    return a.position < b.position;
  });
  return matches;
}

std::size_t Index::size() const { return impl_->set.size(); }
std::string_view Index::id(std::uint32_t position) const { return impl_->ids[position]; }
const Model& Index::model() const { return impl_->model; }

}  // namespace jigsaw::linkage
