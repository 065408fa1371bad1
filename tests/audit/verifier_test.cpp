// The log verifier on in-memory logs: every kind of tampering is caught and
// located.
#include "audit/verifier.h"

#include <gtest/gtest.h>

#include <map>

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

namespace jigsaw::audit {
namespace {

TEST_F(VerifierTest, RotatedKeysVerifyTheHeadsTheySignedAndNoOthers) {
  const SigningKey next = *SigningKey::FromSeed(RandomBytes(32));
  Frontier f;
  for (const auto& s : log_) Append(f, s.leaf);
  std::vector<SourcedHead> heads;
  for (const auto& h : heads_) heads.push_back({h, "stored"});
  heads.push_back({next.Sign(40, Root(f), FromMicros(9000)), "stored"});
  EXPECT_EQ(heads.back().head.key_id, next.key_id());
  TrustedKeys both({key_->public_key(), next.public_key()});
  auto run = [&](std::vector<SourcedHead> h, TrustedKeys keys) {
    LogVerifier v(std::move(h), std::move(keys));
    for (const auto& s : log_) v.Add(s.record.index, s.record, s.leaf);
    return v.Finish();
  };
  EXPECT_TRUE(run(heads, both).ok);
  auto unknown = run(heads, TrustedKeys({key_->public_key()}));
  EXPECT_FALSE(unknown.ok);
  EXPECT_EQ(unknown.bad_head_size, 40u);
  EXPECT_NE(unknown.problem.find("not a trusted key"), std::string::npos) << unknown.problem;
  // A head claiming another trusted key's id does not verify with it.
  heads.back().head.key_id = key_->key_id();
  auto relabelled = run(heads, both);
  EXPECT_FALSE(relabelled.ok);
  EXPECT_NE(relabelled.problem.find("invalid signature"), std::string::npos);
  // Heads from before key ids (none named) verify with any trusted key.
  std::vector<SourcedHead> old;
  for (auto h : heads_) {
    h.key_id.clear();
    old.push_back({h, "stored"});
  }
  EXPECT_TRUE(run(old, both).ok);
}

TEST_F(VerifierTest, AHeadFromElsewhereIsNamedWithItsSource) {
  std::vector<SourcedHead> heads = {{heads_[0], "stored"}, {heads_[1], "witness abc"}};
  auto log = log_;
  log[14].record.action = "forged";
  log[14].leaf = LeafHash(Encode(log[14].record));
  LogVerifier v(heads, TrustedKeys({key_->public_key()}));
  for (const auto& s : log) v.Add(s.record.index, s.record, s.leaf);
  auto r = v.Finish();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_head_size, 20u);
  EXPECT_EQ(r.bad_head_source, "witness abc");
  EXPECT_NE(r.problem.find("size 20 (witness abc)"), std::string::npos) << r.problem;
}

// The stored tree of the fixture's log: every perfect subtree and the right edge.
struct StoredTree {
  std::map<NodeId, Hash> nodes;
  Frontier frontier;
};

StoredTree Build(const std::vector<Stored>& log) {
  StoredTree t;
  for (const auto& s : log)
    for (const auto& [id, h] : Append(t.frontier, s.leaf)) t.nodes[id] = h;
  return t;
}

VerifyReport CheckTree(const std::vector<Stored>& log, const StoredTree& stored) {
  StoredTreeChecker c(log.size());
  for (const auto& s : log) c.AddLeaf(s.leaf);
  std::vector<std::optional<Hash>> found;
  for (const auto& [id, h] : c.Pending()) {
    auto it = stored.nodes.find(id);
    found.push_back(it == stored.nodes.end() ? std::nullopt : std::optional<Hash>(it->second));
  }
  c.Compare(found);
  for (const auto& [id, h] : stored.nodes)
    if (((id.index + 1) << id.level) > log.size()) c.ExtraNode(id);
  c.CheckState(stored.frontier.size, stored.frontier.hashes);
  VerifyReport r;
  r.ok = true;
  c.Into(r);
  return r;
}

TEST_F(VerifierTest, TheDeepCheckNamesADamagedMissingOrExtraNode) {
  const StoredTree good = Build(log_);
  auto ok = CheckTree(log_, good);
  EXPECT_TRUE(ok.ok) << ok.problem;
  EXPECT_EQ(ok.nodes_checked, good.nodes.size());

  StoredTree zeroed = good;
  zeroed.nodes[{2, 3}] = Hash{};
  auto z = CheckTree(log_, zeroed);
  EXPECT_FALSE(z.ok);
  EXPECT_EQ(z.first_bad_node, (NodeId{2, 3}));
  EXPECT_EQ(z.first_bad_index, 12u);
  EXPECT_NE(z.problem.find("level 2, index 3 (records 12 to 15)"), std::string::npos) << z.problem;

  StoredTree missing = good;
  missing.nodes.erase({3, 1});
  auto m = CheckTree(log_, missing);
  EXPECT_EQ(m.first_bad_node, (NodeId{3, 1}));
  EXPECT_NE(m.problem.find("missing"), std::string::npos);

  StoredTree extra = good;
  extra.nodes[{1, 25}] = Hash{};  // records 50 and 51 do not exist yet
  auto e = CheckTree(log_, extra);
  EXPECT_EQ(e.first_bad_node, (NodeId{1, 25}));
  EXPECT_NE(e.problem.find("beyond"), std::string::npos);
}

TEST_F(VerifierTest, TheDeepCheckCatchesADamagedRightEdge) {
  StoredTree edge = Build(log_);
  edge.frontier.hashes[1][7] ^= 1;
  auto r = CheckTree(log_, edge);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.bad_state);
  EXPECT_NE(r.problem.find("right edge"), std::string::npos) << r.problem;
  StoredTree size = Build(log_);
  size.frontier.size = 39;
  EXPECT_TRUE(CheckTree(log_, size).bad_state);
}

}  // namespace
}  // namespace jigsaw::audit
