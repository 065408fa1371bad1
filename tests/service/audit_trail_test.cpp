// Group commit and the audit log together: requests batched into one
// transaction, some failing after they appended, leave exactly the
// successful requests' records, in one gap-free order that verifies.
#include "service/audit_trail.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <thread>

#include "common/random.h"
#include "service/audit_log.h"
#include "store/postgres/postgres_connection.h"
#include "store/repositories.h"
#include "store/sqlite/sqlite_connection.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

class AuditTrailTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(store); }
  testing::TestDatabase db;
  std::unique_ptr<store::Store> store = db.OpenStore();
  FakeClock clock{testing::TestEpoch()};
  AuditTrail trail{*store, clock};
  audit::SigningKey key = audit::SigningKey::FromSeed(RandomBytes(32)).value();
  AuditLog log{*store, clock, trail, key};

  // `n` records ("test.bulk") appended in one transaction.
  Status AppendInOneTransaction(int n) {
    const Context ctx{access::Actor{"p", "o", {}}, "bulk"};
    return store->Write([&](store::Transaction& tx) -> Status {
      for (int i = 0; i < n; ++i)
        JIGSAW_RETURN_IF_ERROR(trail.Append(tx, ctx, {"test.bulk", "thing", std::to_string(i)}));
      return Ok();
    });
  }
};

TEST_F(AuditTrailTest, FailedRequestsInABatchLeaveNoRecordAndTheLogVerifies) {

  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> succeeded{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const Context ctx{access::Actor{"p" + std::to_string(t), "o", {}}, std::to_string(t) + "-" + std::to_string(i)};
        const bool fail = (t + i) % 3 == 0;
        Status s = store->Write([&](store::Transaction& tx) -> Status {
          JIGSAW_RETURN_IF_ERROR(trail.Append(tx, ctx, {"test.write", "thing", std::to_string(i)}));
          if (fail) return InvalidArgument("x", "this request fails after appending");
          return Ok();
        });
        if (s) ++succeeded;
        else EXPECT_EQ(s.error().field, "x");
        if (i % 10 == 0) (void)log.SignTreeHead();  // heads taken while others write
      }
    });
  for (auto& t : threads) t.join();

  auto report = log.Verify(key.public_key(), {});
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
  std::size_t records = 0, failed_ones = 0;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) {
    return tx.audit().Scan(0, [&](const domain::AuditRecord& r, const Bytes&) {
      if (r.action == "test.write") {
        ++records;
        const auto dash = r.request_id.find('-');
        const int t = std::stoi(r.request_id.substr(0, dash)), i = std::stoi(r.request_id.substr(dash + 1));
        failed_ones += (t + i) % 3 == 0;
      }
      return true;
    });
  }));
  EXPECT_EQ(records, static_cast<std::size_t>(succeeded.load()));
  EXPECT_EQ(failed_ones, 0u);
  EXPECT_GT(report->heads_checked, 0u);
}

TEST_F(AuditTrailTest, VerificationSpanningManyBatchesFindsTamperingDeepInTheLog) {
  // Several of the verifier's batches (4096 records each), so the reading
  // and hashing stages hand buffers back and forth.
  constexpr int kRecords = 13000;
  ASSERT_TRUE(AppendInOneTransaction(kRecords));
  ASSERT_TRUE(log.SignTreeHead());
  auto good = log.Verify(key.public_key(), {});
  ASSERT_TRUE(good);
  EXPECT_TRUE(good->ok) << good->problem;
  EXPECT_EQ(good->size, static_cast<std::uint64_t>(kRecords));

  db.TamperWithSql("UPDATE audit_records SET object_id = 'x' WHERE seq = 11111");
  auto bad = log.Verify(key.public_key(), {});
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->ok);
  EXPECT_EQ(bad->first_bad_index, 11111u);
}

TEST_F(AuditTrailTest, AWarmedCacheHoldsTheUpperLevelsAndGivesTheSameProofs) {
  constexpr int kRecords = 5000;
  ASSERT_TRUE(AppendInOneTransaction(kRecords));
  // Perfect subtrees of 16 records and more: 5000/16 + 5000/32 + ... + 5000/4096.
  std::size_t upper = 0;
  for (int level = 4; (kRecords >> level) > 0; ++level) upper += kRecords >> level;
  auto loaded = log.WarmCache();
  ASSERT_TRUE(loaded);
  EXPECT_EQ(*loaded, upper);
  AuditLog cold{*store, clock, trail, key};
  for (std::uint64_t index : {0u, 1u, 777u, 4095u, 4096u, 4999u}) {
    auto warm_proof = log.ProveInclusion(index, kRecords);
    auto cold_proof = cold.ProveInclusion(index, kRecords);
    ASSERT_TRUE(warm_proof && cold_proof);
    EXPECT_EQ(warm_proof->path, cold_proof->path) << index;
    EXPECT_EQ(warm_proof->leaf_hash, cold_proof->leaf_hash) << index;
  }
}

// Appends are written at commit, many rows to a statement. A request that
// reads the log (an audit search) writes the batch's earlier appends first,
// inside its own savepoint; if that request then fails, its rollback undoes
// those rows too, and they must still be written at commit. This drives the
// store's batch protocol by hand, as the writer thread does, so the order
// within the batch is certain.
TEST_F(AuditTrailTest, ARequestThatReadsTheLogThenFailsKeepsEarlierRequestsRecords) {
  auto connection = db.url().starts_with("sqlite:") ? store::sqlite::Connect(db.url().substr(7))
                                                     : store::postgres::Connect(db.url());
  ASSERT_TRUE(connection);
  store::sql::Connection& c = **connection;
  auto exec = [&](std::string_view sql) { ASSERT_TRUE(store::sql::Execute(c, sql)) << sql; };
  exec(store::internal::BeginWrite(c.dialect()));
  auto tx = store::internal::NewTransaction(c);
  auto request = [&](const std::string& id, const std::function<Status()>& work) {
    exec("SAVEPOINT request");
    tx->Savepoint();
    const Context ctx{access::Actor{"p", "o", {}}, id};
    Status s = trail.Append(*tx, ctx, {"test.batch", "thing", id});
    if (s) s = work();
    if (!s) {
      tx->RollbackToSavepoint();
      exec("ROLLBACK TO SAVEPOINT request");
    }
    exec("RELEASE SAVEPOINT request");
    return s;
  };
  ASSERT_TRUE(request("first", [] { return Ok(); }));
  std::size_t seen_by_second = 0;
  EXPECT_FALSE(request("second", [&]() -> Status {
    store::AuditQuery q;
    q.action = "test.batch";
    seen_by_second = JIGSAW_TRY(tx->audit().Search(q)).size();
    return InvalidArgument("x", "fails after reading the log");
  }));
  ASSERT_TRUE(request("third", [] { return Ok(); }));
  ASSERT_TRUE(tx->BeforeCommit());
  exec("COMMIT");
  tx.reset();

  // The search saw the batch so far: the first request's record and its own.
  EXPECT_EQ(seen_by_second, 2u);
  std::vector<std::string> kept;
  ASSERT_TRUE(store->Read([&](store::Transaction& t) {
    return t.audit().Scan(0, [&](const domain::AuditRecord& r, const Bytes&) {
      kept.push_back(std::to_string(r.index) + ":" + r.request_id);
      return true;
    });
  }));
  EXPECT_EQ(kept, (std::vector<std::string>{"0:first", "1:third"}));
  auto report = log.Verify(key.public_key(), {});
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->size, 2u);
}

}  // namespace
}  // namespace jigsaw::service
