// Accuracy on a synthetic partnership with known truth (synthetic.h), the
// twins and siblings that defeat a Splink-style model, and the index.
//
// Reproduce the figures in docs/linkage.md:
//   cmake --build build --target linkage_test
//   ./build/tests/linkage_test --gtest_filter='Accuracy*:Twins*:Index*'
// The tests print what they measure.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "linkage/linkage.h"
#include "linkage/synthetic.h"

namespace jigsaw::linkage {
namespace {

using synthetic::Accuracy;
using synthetic::Evaluate;
using synthetic::Generate;
using synthetic::SyntheticData;

constexpr double kThreshold = LinkOptions{}.threshold;

// One partnership of 8,000 children (about 22,000 records), trained once
// for every test in this file: generating and training take about a second.
class Partnership : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new SyntheticData(Generate({.seed = 11, .children = 8'000}));
    records_ = new RecordSet(data_->records);
    report_ = new TrainingReport;
    model_ = new Model(Train(*records_, {.seed = 11, .threads = 2}, report_));
  }
  static void TearDownTestSuite() {
    delete model_;
    delete report_;
    delete records_;
    delete data_;
  }
  static const SyntheticData& data() { return *data_; }
  static const RecordSet& records() { return *records_; }
  static const Model& model() { return *model_; }
  static const TrainingReport& report() { return *report_; }

  enum class Truth { kSame, kTwin, kSibling, kUnrelated };
  static Truth Related(std::uint32_t a, std::uint32_t b) {
    const std::uint32_t p = data().person[a], q = data().person[b];
    if (p == q) return Truth::kSame;
    if (data().twin_of[p] == q) return Truth::kTwin;
    return data().household[p] == data().household[q] ? Truth::kSibling : Truth::kUnrelated;
  }

 private:
  static inline SyntheticData* data_ = nullptr;
  static inline RecordSet* records_ = nullptr;
  static inline TrainingReport* report_ = nullptr;
  static inline Model* model_ = nullptr;
};

// --- Accuracy ------------------------------------------------------------

using Accuracy_ = Partnership;

// The acceptance figure: seven agencies with their own error rates, twins
// and siblings among the children; no labels given to training.
TEST_F(Accuracy_, PairwisePrecisionAndRecallOnASyntheticPartnership) {
  ASSERT_TRUE(report().trained);
  const LinkResult result = Link(model(), records(), {.threads = 2});
  const Accuracy a = Evaluate(data(), result.cluster);
  std::printf(
      "[ measured ] %zu records, %zu candidate pairs: precision %.4f, recall %.4f (%llu true pairs, "
      "%llu predicted, %llu correct); wrongly joined %llu twin, %llu sibling, %llu other pairs\n",
      data().records.size(), result.compared, a.precision(), a.recall(),
      static_cast<unsigned long long>(a.true_pairs), static_cast<unsigned long long>(a.predicted_pairs),
      static_cast<unsigned long long>(a.correct_pairs), static_cast<unsigned long long>(a.twin_pairs_joined),
      static_cast<unsigned long long>(a.sibling_pairs_joined), static_cast<unsigned long long>(a.other_pairs_joined));
  EXPECT_GE(a.precision(), 0.995);
  EXPECT_GE(a.recall(), 0.97);
  EXPECT_EQ(a.twin_pairs_joined, 0u);
}

// Why the default threshold is 0.9: below it, pairs of different children
// appear; above it, recall only falls.
TEST_F(Accuracy_, TheDefaultThresholdIsTheLowestThatJoinsNoTwoChildren) {
  const LinkResult scored = Link(model(), records(), {.pairs_floor = 0.5, .threads = 2});
  for (double t : {0.5, 0.8, 0.9}) {
    std::size_t wrong = 0, twins = 0;
    for (const ScoredPair& p : scored.pairs) {
      if (p.probability < t || Related(p.a, p.b) == Truth::kSame) continue;
      ++wrong;
      twins += Related(p.a, p.b) == Truth::kTwin;
    }
    std::printf("[ measured ] pairs of different children at or above %.2f: %zu (%zu of them twins)\n", t, wrong, twins);
    if (t == kThreshold) {
      EXPECT_EQ(wrong, 0u);
    }
    if (t < kThreshold) {
      EXPECT_GT(wrong, 0u);
    }
  }
  for (double t : {0.9, 0.95, 0.99}) {
    const Accuracy a = Evaluate(data(), Link(model(), records(), {.threshold = t, .threads = 2}).cluster);
    std::printf("[ measured ] threshold %.2f: precision %.4f, recall %.4f\n", t, a.precision(), a.recall());
  }
}

// EM learns the shares of matching and related pairs without labels: they
// come out within 15% of the truth the generator knows.
TEST_F(Accuracy_, TrainingEstimatesHowManyPairsMatchAndAreRelatives) {
  std::map<std::uint32_t, double> per_child, per_household;
  for (std::uint32_t i = 0; i < data().records.size(); ++i) {
    ++per_child[data().person[i]];
    ++per_household[data().household[data().person[i]]];
  }
  const double n = static_cast<double>(data().records.size()), all = n * (n - 1) / 2;
  double same = 0, household = 0;
  for (const auto& [c, k] : per_child) same += k * (k - 1) / 2;
  for (const auto& [h, k] : per_household) household += k * (k - 1) / 2;
  std::printf("[ measured ] share of pairs: same child %.3g (true %.3g), relatives %.3g (true %.3g)\n",
              model().prior_match(), same / all, model().prior_relative(), (household - same) / all);
  EXPECT_NEAR(model().prior_match() / (same / all), 1.0, 0.15);
  EXPECT_NEAR(model().prior_relative() / ((household - same) / all), 1.0, 0.15);
  for (const auto& session : report().sessions) {
    EXPECT_TRUE(session.used) << session.name;
    EXPECT_TRUE(session.converged) << session.name;
  }
}

// --- Twins and siblings -----------------------------------------------------

using Twins = Partnership;

Record Twin(std::string id, std::string given, Sex sex) {
  return {.id = std::move(id), .organisation = "School", .given_name = std::move(given),
          .family_name = "Okafor", .date_of_birth = "2016-05-14", .sex = sex, .postcode = "BK3 4PL",
          .address_line = "27 Meadow Close"};
}

// What a Splink-style model (fields independent, no relatives) would say:
// the same score without the relative term.
double WithoutRelatives(const Explanation& e) { return ProbabilityFromWeight(e.match_weight - e.relative_term); }

TEST_F(Twins, TwoGivenNamesOnOneBirthdayInOneHouseAreTwoChildren) {
  const Explanation twins = model().Score(Twin("a", "Amara", Sex::kFemale), Twin("b", "Blessing", Sex::kFemale));
  EXPECT_EQ(twins.fields[0].level_name, "different");
  EXPECT_LT(twins.probability, 0.05);
  EXPECT_GT(WithoutRelatives(twins), kThreshold);  // what the independence model would do
  EXPECT_LT(twins.relative_term, -10);       // the explanation says why not

  // The same child, written differently, still matches at the same address.
  for (const char* other : {"Amara", "AMARA", "Amarah", "Amara Joy"}) {
    const Explanation same = model().Score(Twin("a", "Amara", Sex::kFemale), Twin("c", other, Sex::kFemale));
    EXPECT_GT(same.probability, 0.99) << other;
  }
  Record libby = Twin("d", "Libby", Sex::kFemale), elizabeth = Twin("e", "Elizabeth", Sex::kFemale);
  EXPECT_GT(model().Score(elizabeth, libby).probability, 0.99);
}

TEST_F(Twins, SiblingsBornApartAreNotOneChild) {
  Record older = Twin("a", "Femi", Sex::kMale);
  older.date_of_birth = "2013-02-01";
  const Explanation siblings = model().Score(older, Twin("b", "Tobi", Sex::kMale));
  EXPECT_LT(siblings.probability, 0.001);
}

// Over the whole partnership: every candidate pair of twins, as each model
// scores it.
TEST_F(Twins, NoPairOfTwinsScoresAsOneChildWhereASplinkStyleModelLinksHundreds) {
  const LinkResult result = Link(model(), records(), {.pairs_floor = 0.0, .threads = 2});
  std::size_t twin_pairs = 0, jigsaw_links = 0, independent_links = 0, sibling_links = 0, independent_sibling_links = 0;
  std::size_t same_links = 0, independent_same_links = 0;
  for (const ScoredPair& p : result.pairs) {
    const Truth truth = Related(p.a, p.b);
    const double independent = WithoutRelatives(Explain(model(), records(), p.a, p.b));
    if (truth == Truth::kTwin) {
      ++twin_pairs;
      jigsaw_links += p.probability >= kThreshold;
      independent_links += independent >= kThreshold;
    } else if (truth == Truth::kSibling) {
      sibling_links += p.probability >= kThreshold;
      independent_sibling_links += independent >= kThreshold;
    } else if (truth == Truth::kSame) {
      same_links += p.probability >= kThreshold;
      independent_same_links += independent >= kThreshold;
    }
  }
  const auto precision = [](std::size_t right, std::size_t wrong) { return double(right) / double(right + wrong); };
  std::printf(
      "[ measured ] %zu candidate pairs of twins: %zu scored as one child (Splink-style, no relative term: %zu); "
      "siblings %zu (%zu); pair precision above %.2f: %.4f (%.4f)\n",
      twin_pairs, jigsaw_links, independent_links, sibling_links, independent_sibling_links, kThreshold,
      precision(same_links, jigsaw_links + sibling_links), precision(independent_same_links, independent_links + independent_sibling_links));
  ASSERT_GT(twin_pairs, 500u);
  EXPECT_EQ(jigsaw_links, 0u);
  EXPECT_GT(independent_links, 100u);
}

// --- Index: one new record against a population ---------------------------

using Index_ = Partnership;

TEST_F(Index_, FindsTheChildAmongThePopulationAndAgreesWithTheBatch) {
  // Hold out the last record of every child with two or more; index the rest.
  std::map<std::uint32_t, std::vector<std::uint32_t>> by_child;
  for (std::uint32_t i = 0; i < data().records.size(); ++i) by_child[data().person[i]].push_back(i);
  std::vector<bool> held_out(data().records.size(), false);
  for (const auto& [child, rs] : by_child)
    if (rs.size() >= 2) held_out[rs.back()] = true;
  Index index(model());
  std::vector<std::uint32_t> original;  // index position to record
  for (std::uint32_t i = 0; i < data().records.size(); ++i)
    if (!held_out[i]) {
      EXPECT_EQ(index.Add(data().records[i]), original.size());
      original.push_back(i);
    }
  index.Build(2);
  std::size_t queries = 0, found = 0, wrong = 0;
  for (std::uint32_t i = 0; i < data().records.size(); ++i) {
    if (!held_out[i]) continue;
    ++queries;
    const auto matches = index.Candidates(data().records[i], kThreshold);
    bool right = false;
    for (const Match& m : matches) {
      const std::uint32_t r = original[m.position];
      EXPECT_EQ(index.id(m.position), data().records[r].id);
      if (data().person[r] == data().person[i]) right = true;
      else ++wrong;
    }
    found += right;
    if (!matches.empty()) {  // the same score as the batch gives the pair
      const Explanation batch = Explain(model(), records(), i, original[matches[0].position]);
      EXPECT_NEAR(batch.probability, matches[0].explanation.probability, 1e-9);
    }
  }
  std::printf("[ measured ] %zu held-out records: the child found for %zu, %zu wrong matches above %.2f\n",
              queries, found, wrong, kThreshold);
  EXPECT_GE(double(found) / double(queries), 0.97);
  EXPECT_LE(wrong, queries / 200);
}

TEST_F(Index_, ARecordAddedAfterBuildIsFoundAtOnce) {
  Index index(model());
  for (std::uint32_t i = 0; i < 1000; ++i) index.Add(data().records[i]);
  index.Build();
  Record late = Twin("late", "Peregrine", Sex::kMale);
  const std::uint32_t position = index.Add(late);
  late.id = "query";
  late.given_name = "PEREGRINE";
  const auto matches = index.Candidates(late, 0.5);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].position, position);
  EXPECT_EQ(index.id(position), "late");
  EXPECT_EQ(index.size(), 1001u);
}

// --- Determinism ---------------------------------------------------------

TEST(Training, TheSameSeedGivesTheSameModelWhateverTheThreads) {
  const SyntheticData small = Generate({.seed = 3, .children = 1'500});
  const RecordSet records(small.records);
  const TrainingOptions options{.seed = 5, .u_sample_pairs = 100'000, .session_pairs = 100'000, .threads = 1};
  const std::string one = Train(records, options).Serialise();
  EXPECT_EQ(Train(records, {.seed = 5, .u_sample_pairs = 100'000, .session_pairs = 100'000, .threads = 2}).Serialise(), one);
  EXPECT_NE(Train(records, {.seed = 6, .u_sample_pairs = 100'000, .session_pairs = 100'000, .threads = 2}).Serialise(), one);
}

TEST(Training, TooFewRecordsGiveTheStartingModelWithTheirNameFrequencies) {
  const SyntheticData tiny = Generate({.seed = 3, .children = 20});
  TrainingReport report;
  const Model model = Train(RecordSet(tiny.records), {}, &report);
  EXPECT_FALSE(report.trained);
  EXPECT_EQ(report.records, tiny.records.size());
  EXPECT_LT(model.Log2TermFrequency(Field::kFamilyName, "no such name"), 0.0);
}

}  // namespace
}  // namespace jigsaw::linkage
