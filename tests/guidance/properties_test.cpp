// Properties that must hold for every request, checked over many generated
// ones (fixed seeds, so a failure is reproducible).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "guidance/engine.h"
#include "guidance/sources.h"

namespace jigsaw::guidance {
namespace {

template <typename E>
E Pick(std::mt19937& g) {
  const auto& names = EnumNames<E>::kNames;
  return names[std::uniform_int_distribution<std::size_t>(0, names.size() - 1)(g)].first;
}

Request Generate(std::mt19937& g) {
  auto coin = [&] { return std::bernoulli_distribution(0.5)(g); };
  Request r;
  r.sharer = {Pick<domain::Sector>(g), coin()};
  r.recipient = {coin(), coin()};
  r.purpose = Pick<Purpose>(g);
  r.risk = Pick<Risk>(g);
  r.legal_requirement = std::bernoulli_distribution(0.2)(g);
  r.frequency = Pick<Frequency>(g);
  r.dsa_in_place = coin();
  r.dpia_in_place = coin();
  r.consent = Pick<Consent>(g);
  for (int i = std::uniform_int_distribution(0, 2)(g); i > 0; --i) r.objections.push_back(Pick<Objector>(g));
  r.informing = {coin(), std::bernoulli_distribution(0.3)(g), std::bernoulli_distribution(0.2)(g)};
  r.uncertain = coin();
  const int n = std::uniform_int_distribution(1, 6)(g);
  for (int i = 0; i < n; ++i) {
    Item item;
    item.id = "item-" + std::to_string(i);
    item.about = Pick<Subject>(g);
    item.relevant = std::bernoulli_distribution(0.8)(g);
    item.necessary = std::bernoulli_distribution(0.8)(g);
    item.accuracy = Pick<Accuracy>(g);
    if (std::bernoulli_distribution(0.3)(g)) item.special_category.Add(Pick<SpecialCategory>(g));
    item.criminal_offence = std::bernoulli_distribution(0.2)(g);
    item.confidential = coin();
    for (int k = std::uniform_int_distribution(0, 2)(g); k > 0; --k)
      item.identifies.push_back({"person-" + std::to_string(k), coin()});
    r.items.push_back(item);
  }
  return r;
}

bool AtRisk(Risk r) { return r == Risk::kLow || r == Risk::kSignificant || r == Risk::kImmediate; }

class Properties : public ::testing::TestWithParam<unsigned> {};

TEST_P(Properties, HoldForEveryGeneratedRequest) {
  std::mt19937 g(GetParam());
  for (int n = 0; n < 5000; ++n) {
    const Request r = Generate(g);
    const Assessment a = Assess(r);
    SCOPED_TRACE("seed " + std::to_string(GetParam()) + ", request " + std::to_string(n));

    // Rule 7: every decision, to share or not, records its rationale.
    ASSERT_TRUE(a.must_record.Has(Record::kRationale));
    // Rule 6: no safeguarding role, never a plain share.
    if (!r.recipient.safeguarding_role) {
      ASSERT_NE(a.recommendation, Recommendation::kShare);
      ASSERT_NE(a.recommendation, Recommendation::kShareNow);
    }
    // Rule 3: consent is never the only basis (nor any basis) when a child is at risk.
    if (AtRisk(r.risk)) {
      ASSERT_FALSE(a.lawful_basis.Has(LawfulBasis::kConsent));
      ASSERT_FALSE(a.consent_appropriate);
    }
    // Sharing always comes with a lawful basis to record.
    if (IsShare(a.recommendation)) {
      ASSERT_FALSE(a.lawful_basis.Empty());
      ASSERT_TRUE(a.must_record.Has(Record::kLawfulBasis));
    }
    // Emergencies: share now only at immediate risk, always with a retrospective record.
    ASSERT_EQ(a.recommendation == Recommendation::kShareNow, a.must_record.Has(Record::kRetrospectiveRecord));
    if (a.recommendation == Recommendation::kShareNow) {
      ASSERT_EQ(r.risk, Risk::kImmediate);
    }
    // Items: one answer per item, in order; never an irrelevant or unnecessary one.
    ASSERT_EQ(a.items.size(), r.items.size());
    bool any_shared = false, shared_confidential = false, shared_special = false, redacted = false;
    for (std::size_t k = 0; k < r.items.size(); ++k) {
      const Item& in = r.items[k];
      const ItemAdvice& out = a.items[k];
      ASSERT_EQ(out.id, in.id);
      ASSERT_FALSE(out.reason.empty());
      if (!in.relevant || !in.necessary) {
        ASSERT_FALSE(out.share);
      }
      if (out.share) {
        ASSERT_TRUE(IsShare(a.recommendation));
        any_shared = true;
        shared_confidential |= in.confidential;
        shared_special |= !in.special_category.Empty();
        // Rule 5: everyone at risk if known is redacted, and only they are.
        std::size_t at_risk = 0;
        for (const auto& who : in.identifies) at_risk += who.at_risk_if_known;
        ASSERT_EQ(out.redact.size(), at_risk);
        redacted |= !out.redact.empty();
      } else {
        ASSERT_TRUE(out.redact.empty());
      }
    }
    if (IsShare(a.recommendation)) {
      ASSERT_TRUE(any_shared);
    }
    ASSERT_EQ(redacted, a.must_record.Has(Record::kIdentitiesProtected));
    // The confidentiality position is stated whenever an item was given in
    // confidence, whatever the recommendation (issue 16, item 7).
    const bool any_confidential =
        std::any_of(r.items.begin(), r.items.end(), [](const Item& i) { return i.confidential; });
    ASSERT_EQ(any_confidential, a.confidentiality != Confidentiality::kNotApplicable);
    ASSERT_EQ(shared_confidential, a.must_record.Has(Record::kConfidentialityBasis));
    if (a.special_category_condition) {
      ASSERT_TRUE(shared_special);
    }
    if (shared_special) {
      ASSERT_TRUE(a.must_record.Has(Record::kSpecialCategoryCondition) ||
                  a.must_record.Has(Record::kSensitiveProcessingCondition));
    }
    // Rule 2: never tell the family when it could put the child at risk.
    if (r.informing.risk_to_child && IsShare(a.recommendation)) {
      ASSERT_EQ(a.inform, Inform::kDoNotInform);
    }
    if (a.inform != Inform::kBeforeSharing && IsShare(a.recommendation)) {
      ASSERT_TRUE(a.must_record.Has(Record::kReasonNotInforming));
    }
    // DPIAs before regular sharing.
    ASSERT_EQ(a.governance.Has(Governance::kDpiaRequired),
              r.frequency == Frequency::kRegular && !r.dpia_in_place);
    // Rule 4: uncertainty always brings advice, and never blocks protection.
    if (r.uncertain) {
      ASSERT_TRUE(a.advice.Has(Adviser::kDesignatedSafeguardingLead));
    }
    // Every reason cites a real section of the advice.
    ASSERT_FALSE(a.reasons.empty());
    for (const Reason& reason : a.reasons) {
      ASSERT_FALSE(reason.rule.empty());
      ASSERT_FALSE(reason.text.empty());
      ASSERT_TRUE(source::IsKnown(reason.source)) << reason.source;
    }
    // Pure: the same request, the same assessment.
    ASSERT_EQ(Assess(r), a);
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, Properties, ::testing::Values(1u, 2u, 3u, 20261125u));

// Sharing is never less protective for the child than not: at the same facts,
// a higher risk never moves from sharing to not sharing.
TEST(Monotonicity, MoreRiskNeverMeansLessSharing) {
  std::mt19937 g(7);
  for (int n = 0; n < 3000; ++n) {
    Request r = Generate(g);
    r.risk = Risk::kLow;
    const bool low = IsShare(Assess(r).recommendation);
    r.risk = Risk::kSignificant;
    const bool significant = IsShare(Assess(r).recommendation);
    r.risk = Risk::kImmediate;
    const bool immediate = IsShare(Assess(r).recommendation);
    ASSERT_LE(low, significant);
    ASSERT_LE(significant, immediate);
  }
}

}  // namespace
}  // namespace jigsaw::guidance
