// The signed heads' schedule and the server's refusal to sign a damaged
// tree, on each backend, on a clock the test moves (no sleeping).
#include "service/audit_log.h"

#include <gtest/gtest.h>

#include "common/random.h"
#include "service/housekeeping.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(store); }
  Status Append(int n) {
    const Context ctx{access::Actor{"p", "o", {}}, "r"};
    return store->Write([&](store::Transaction& tx) -> Status {
      for (int i = 0; i < n; ++i) JIGSAW_RETURN_IF_ERROR(trail.Append(tx, ctx, {"test.event", "thing", std::to_string(i)}));
      return Ok();
    });
  }
  std::uint64_t Size() {
    std::uint64_t size = 0;
    EXPECT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
      size = JIGSAW_TRY(tx.audit().Size());
      return Ok();
    }));
    return size;
  }
  std::size_t HeadCount() {
    std::size_t n = 0;
    EXPECT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
      n = JIGSAW_TRY(tx.audit().TreeHeads()).size();
      return Ok();
    }));
    return n;
  }

  testing::TestDatabase db;
  std::unique_ptr<store::Store> store = db.OpenStore();
  FakeClock clock{testing::TestEpoch()};
  AuditTrail trail{*store, clock};
  audit::SigningKey key = audit::SigningKey::FromSeed(RandomBytes(32)).value();
  AuditLog log{*store, clock, trail, key};
};

// The chore the server runs (app/application.cpp): a head at most one
// second after every commit, and none while nothing is recorded.
TEST_F(AuditLogTest, EveryCommitIsUnderASignedHeadWithinOneSecond) {
  Housekeeping housekeeping(clock);
  housekeeping.Add("audit.sign", std::chrono::seconds(1), [&]() -> Status {
    auto head = log.SignTreeHead();
    if (!head) return std::unexpected(head.error());
    return Ok();
  });
  struct Commit {
    Time at;
    std::uint64_t size;  // the log's size once it was committed
  };
  std::vector<Commit> commits;
  for (int step = 0; step < 40; ++step) {
    // Commits at irregular moments, a quarter second apart at the finest.
    if (step % 3 == 0 || step % 7 == 0) {
      ASSERT_TRUE(Append(1 + step % 4));
      commits.push_back({clock.Now(), Size()});
    }
    const Duration wait = housekeeping.RunDue();
    EXPECT_LE(wait, std::chrono::seconds(1));
    auto latest = log.LatestTreeHead();
    ASSERT_TRUE(latest && *latest);
    for (const Commit& c : commits)
      if (clock.Now() - c.at >= std::chrono::seconds(1)) {
        EXPECT_GE((*latest)->size, c.size) << "a commit " << (clock.Now() - c.at).count() << " us old is unsigned";
      }
    clock.Advance(std::chrono::milliseconds(250));
  }
  // The last commit is signed within its second; then, quiet, no new head
  // however long it stays so.
  clock.Advance(std::chrono::seconds(1));
  housekeeping.RunDue();
  EXPECT_EQ((*log.LatestTreeHead())->size, Size());
  const std::size_t heads = HeadCount();
  for (int step = 0; step < 12; ++step) {
    clock.Advance(std::chrono::milliseconds(500));
    housekeeping.RunDue();
  }
  EXPECT_EQ(HeadCount(), heads);
  EXPECT_EQ((*log.LatestTreeHead())->size, Size());
}

TEST_F(AuditLogTest, ADamagedRightEdgeIsNeverSignedAndGenuineRecordsAreNotBlamed) {
  ASSERT_TRUE(Append(21));
  ASSERT_TRUE(log.SignTreeHead());
  // 21 records: subtrees of 16, 4 and 1 on the right edge; damage the 4.
  std::string hex;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    Bytes frontier = JIGSAW_TRY(tx.audit().State()).frontier;
    frontier[32] ^= 0xff;
    hex = HexEncode(frontier);
    return Ok();
  }));
  db.TamperWithSql("UPDATE audit_state SET frontier = " + db.Blob(hex) + " WHERE id = 1");
  ASSERT_TRUE(Append(5));  // the server goes on recording
  const std::size_t heads = HeadCount();
  auto refused = log.SignTreeHead();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("Refusing to sign"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("audit verify --deep"), std::string::npos);
  EXPECT_EQ(HeadCount(), heads) << "no head over the damaged tree";
  // Every record is genuine and still verifies; the deep check finds the damage.
  auto records = log.Verify({audit::TrustedKeys({key.public_key()}), {}, false});
  ASSERT_TRUE(records);
  EXPECT_TRUE(records->ok) << records->problem;
  auto deep = log.Verify({audit::TrustedKeys({key.public_key()}), {}, true});
  ASSERT_TRUE(deep);
  EXPECT_FALSE(deep->ok);
  EXPECT_TRUE(deep->first_bad_node || deep->bad_state) << deep->problem;
}

TEST_F(AuditLogTest, AStateThatLostRecordsIsNeverSigned) {
  ASSERT_TRUE(Append(8));
  ASSERT_TRUE(log.SignTreeHead());
  ASSERT_TRUE(Append(3));
  // The state says 8 again (its frontier still that of 8): record 8 is
  // stored beyond it, and the next append would collide with it.
  std::string hex;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
    const auto nodes = JIGSAW_TRY(tx.audit().Nodes({std::uint64_t{3} << 48}));
    hex = HexEncode(nodes.at(0).hash);
    return Ok();
  }));
  db.TamperWithSql("UPDATE audit_state SET size = 8, frontier = " + db.Blob(hex) + " WHERE id = 1");
  auto refused = log.SignTreeHead();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("beyond"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace jigsaw::service
