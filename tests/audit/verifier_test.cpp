// The log verifier on in-memory logs: every kind of tampering is caught and
// located.
#include "audit/verifier.h"

#include <gtest/gtest.h>

#include "audit/encoding.h"
#include "common/random.h"

namespace jigsaw::audit {
namespace {

struct Stored {
  domain::AuditRecord record;
  Hash leaf;
};

class VerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = std::make_unique<SigningKey>(SigningKey::FromSeed(RandomBytes(32)).value());
    Frontier f;
    for (std::uint64_t i = 0; i < 40; ++i) {
      domain::AuditRecord r;
      r.index = i;
      r.time = FromMicros(static_cast<std::int64_t>(1000 + i));
      r.action = i % 2 ? "practitioner.list" : "session.sign_in";
      r.practitioner_id = "p" + std::to_string(i % 3);
      const Hash leaf = LeafHash(Encode(r));
      Append(f, leaf);
      log_.push_back({r, leaf});
      if ((i + 1) % 10 == 0) heads_.push_back(key_->Sign(f.size, Root(f), FromMicros(5000 + i)));
    }
  }

  VerifyReport Run(const std::vector<Stored>& log, std::vector<TreeHead> heads) {
    LogVerifier v(std::move(heads), key_->public_key());
    for (const auto& s : log)
      if (!v.Add(s.record.index, s.record, s.leaf)) break;
    return v.Finish();
  }
  VerifyReport Run(const std::vector<Stored>& log) { return Run(log, heads_); }

  std::unique_ptr<SigningKey> key_;
  std::vector<Stored> log_;
  std::vector<TreeHead> heads_;
};

TEST_F(VerifierTest, AnUntouchedLogVerifies) {
  auto r = Run(log_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.size, 40u);
  EXPECT_EQ(r.heads_checked, 4u);
  EXPECT_EQ(r.unsigned_records, 0u);
}

TEST_F(VerifierTest, AnEditedRecordIsNamed) {
  auto log = log_;
  log[17].record.action = "nothing.to.see";
  auto r = Run(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_index, 17u);
}

TEST_F(VerifierTest, ADeletedRecordIsNamed) {
  auto log = log_;
  log.erase(log.begin() + 23);
  auto r = Run(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_index, 23u);
  EXPECT_NE(r.problem.find("deleted"), std::string::npos);
  // Deleting the newest records is caught by the head that covered them.
  auto truncated = log_;
  truncated.resize(35);
  auto t = Run(truncated);
  EXPECT_FALSE(t.ok);
  EXPECT_EQ(t.first_bad_index, 35u);
}

TEST_F(VerifierTest, SwappedRecordsAreNamed) {
  auto log = log_;
  std::swap(log[5].record, log[9].record);
  std::swap(log[5].leaf, log[9].leaf);
  log[5].record.index = 5;
  log[9].record.index = 9;
  auto r = Run(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_index, 5u);
}

TEST_F(VerifierTest, AnInsertedRecordIsNamed) {
  auto log = log_;
  Stored extra = log[12];
  log.insert(log.begin() + 12, extra);
  for (std::size_t i = 13; i < log.size(); ++i) log[i].record.index = i;  // renumbered after it
  auto r = Run(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_index, 13u);
}

TEST_F(VerifierTest, RewritingRecordsAndHashesTogetherIsCaughtByTheSignedHead) {
  auto log = log_;
  log[14].record.action = "forged";
  log[14].leaf = LeafHash(Encode(log[14].record));
  auto r = Run(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_index, 10u);  // between the heads at 10 and 20
  EXPECT_NE(r.problem.find("signed tree head at size 20"), std::string::npos);
}

TEST_F(VerifierTest, AForgedHeadIsRefused) {
  auto heads = heads_;
  heads[1].root[0] ^= 1;
  auto r = Run(log_, heads);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("invalid signature"), std::string::npos);
  auto other = SigningKey::FromSeed(RandomBytes(32)).value();
  LogVerifier v(heads_, other.public_key());
  EXPECT_FALSE(v.Finish().ok);
}

TEST_F(VerifierTest, TreeHeadsRoundTripThroughJson) {
  const TreeHead h = heads_[2];
  auto parsed = ParseTreeHeadJson(TreeHeadJson(h));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, h);
  EXPECT_TRUE(VerifyTreeHead(*parsed, key_->public_key()));
  EXPECT_FALSE(ParseTreeHeadJson(R"({"tree_size": 1})"));
}

}  // namespace
}  // namespace jigsaw::audit
