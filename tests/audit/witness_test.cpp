// The witness's decisions on logs grown honestly, rewound and rewritten,
// and its countersignatures.
#include "audit/witness.h"

#include <gtest/gtest.h>

#include "common/random.h"

namespace jigsaw::audit {
namespace {

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 20; ++i) leaves_.push_back(LeafHash(RandomBytes(40)));
    trusted_.Add(log_key_.public_key());
  }
  // The log's signed head over its first `n` leaves (`leaves` if given).
  TreeHead Head(std::uint64_t n, const std::vector<Hash>* leaves = nullptr) const {
    Frontier f;
    for (std::uint64_t i = 0; i < n; ++i) Append(f, (leaves ? *leaves : leaves_)[i]);
    return log_key_.Sign(n, Root(f), FromMicros(1000 + static_cast<std::int64_t>(n)));
  }
  std::vector<Hash> Proof(std::uint64_t first, std::uint64_t second, const std::vector<Hash>& leaves) const {
    // Every perfect subtree of the tree of `second` leaves, from scratch.
    return *ConsistencyProof(first, second, [&](const NodeId& id) -> std::optional<Hash> {
      Frontier f;
      for (std::uint64_t i = id.index << id.level; i < (id.index + 1) << id.level; ++i) Append(f, leaves[i]);
      return Root(f);
    });
  }

  SigningKey log_key_ = *SigningKey::FromSeed(RandomBytes(32));
  SigningKey witness_key_ = *SigningKey::FromSeed(RandomBytes(32));
  TrustedKeys trusted_;
  std::vector<Hash> leaves_;
};

TEST_F(WitnessTest, AcceptsTheFirstHeadAndConsistentGrowth) {
  EXPECT_EQ(Consider(std::nullopt, Head(7), {}, trusted_).verdict, WitnessVerdict::kAccepted);
  const auto grown = Consider(Head(7), Head(13), Proof(7, 13, leaves_), trusted_);
  EXPECT_EQ(grown.verdict, WitnessVerdict::kAccepted) << grown.explanation;
  EXPECT_EQ(Consider(Head(13), Head(13), {}, trusted_).verdict, WitnessVerdict::kUnchanged);
}

TEST_F(WitnessTest, RefusesARewoundLog) {
  const auto d = Consider(Head(13), Head(9), {}, trusted_);
  EXPECT_EQ(d.verdict, WitnessVerdict::kRewound);
  EXPECT_TRUE(d.Refused());
  EXPECT_NE(d.explanation.find("REWOUND"), std::string::npos);
  EXPECT_NE(d.explanation.find("size 13"), std::string::npos) << d.explanation;
}

TEST_F(WitnessTest, RefusesRewrittenHistoryEvenWhenSignedWithTheLogsKey) {
  // Whoever has the database and the key rewrites record 4 and re-signs.
  auto forged = leaves_;
  forged[4] = LeafHash(RandomBytes(40));
  const auto same_size = Consider(Head(13), Head(13, &forged), {}, trusted_);
  EXPECT_EQ(same_size.verdict, WitnessVerdict::kForked);
  const auto grown = Consider(Head(13), Head(18, &forged), Proof(13, 18, forged), trusted_);
  EXPECT_EQ(grown.verdict, WitnessVerdict::kInconsistent) << grown.explanation;
  EXPECT_NE(grown.explanation.find("REWRITTEN"), std::string::npos);
}

TEST_F(WitnessTest, RefusesHeadsNotSignedByTheLog) {
  const SigningKey other = *SigningKey::FromSeed(RandomBytes(32));
  TreeHead substituted = other.Sign(7, Head(7).root, FromMicros(1));
  EXPECT_EQ(Consider(std::nullopt, substituted, {}, trusted_).verdict, WitnessVerdict::kUntrustedHead);
  TreeHead altered = Head(7);
  altered.root[0] ^= 1;
  EXPECT_EQ(Consider(std::nullopt, altered, {}, trusted_).verdict, WitnessVerdict::kUntrustedHead);
}

TEST_F(WitnessTest, CountersignaturesVerifyAndSurviveTheirJson) {
  const CosignedHead c = Cosign(Head(9), witness_key_, FromMicros(5000));
  EXPECT_TRUE(VerifyCosignature(c, witness_key_.public_key()));
  EXPECT_FALSE(VerifyCosignature(c, log_key_.public_key())) << "only the witness's key";
  auto doc = JsonDocument::Parse(CosignedHeadJson(c));
  ASSERT_TRUE(doc);
  auto back = CosignedHeadFromJson(JsonFields(doc->root()));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, c);
  CosignedHead moved = c;
  moved.head = Head(10);  // the countersignature lifted onto another head
  EXPECT_FALSE(VerifyCosignature(moved, witness_key_.public_key()));
}

}  // namespace
}  // namespace jigsaw::audit
