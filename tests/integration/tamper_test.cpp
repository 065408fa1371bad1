// The tamper suite: every way of rewriting the audit log that an attacker
// with the server's disk (and perhaps its signing key) has, each caught by
// the check docs/audit-log.md names for it, which says the index, head or
// node. Through the real binary, on each backend. One log is built once;
// each case tampers with it, runs its check, and the log is restored.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "app/application.h"
#include "app/keyring.h"
#include "app/signing_key.h"
#include "audit/witness.h"
#include "common/random.h"
#include "service/audit_log.h"
#include "support/audit_tamper.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

enum class Check { kVerify, kDeep, kAgainst, kWitness, kSign };

const char* Name(Check c) {
  switch (c) {
    case Check::kVerify: return "audit verify";
    case Check::kDeep: return "audit verify --deep";
    case Check::kAgainst: return "audit verify --against";
    case Check::kWitness: return "audit verify --witness";
    case Check::kSign: return "audit head";
  }
  return "";
}

constexpr const char* kTables[] = {"audit_records", "audit_nodes", "audit_state", "audit_tree_heads"};
constexpr std::uint64_t kRecords = 100;

// The log: 100 records; heads at 10, 30 and 57 signed by key A, then the
// key rotated, heads at 64, 80 and 100 signed by key B; the head at 57
// exported; a witness countersigned the heads at 30, 64 and 100.
class TamperTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    dir_ = std::filesystem::temp_directory_path() / ("jigsaw-tamper-" + NewId());
    std::filesystem::create_directories(dir_);
    app::Config config = db_->Config();
    {
      SystemClock clock;
      auto created = app::Application::Create(config, clock);  // migrates and makes the keyrings
      ASSERT_TRUE(created) << created.error().message;
    }
    auto store = db_->OpenStore();
    FakeClock clock(TestEpoch());
    service::AuditTrail trail(*store, clock);
    key_a_ = new audit::SigningKey(*app::LoadSigningKey(db_->key_file(), false));
    std::vector<audit::TreeHead> heads;
    {
      service::AuditLog log(*store, clock, trail, *key_a_);
      for (std::uint64_t size : {10, 30, 57}) {
        AppendUpTo(*store, trail, clock, size);
        heads.push_back(*log.SignTreeHead());
      }
    }
    std::ofstream(dir_ / "head57.json") << audit::TreeHeadJson(heads.back());
    key_b_ = new audit::SigningKey(*app::RotateSigningKey(db_->key_file(), clock.Now()));
    {
      service::AuditLog log(*store, clock, trail, *key_b_, audit::TrustedKeys({key_a_->public_key(), key_b_->public_key()}));
      for (std::uint64_t size : {64, 80, 100}) {
        AppendUpTo(*store, trail, clock, size);
        heads.push_back(*log.SignTreeHead());
      }
    }
    witness_ = new audit::SigningKey(*audit::SigningKey::FromSeed(RandomBytes(32)));
    std::string copy;
    for (const auto& h : heads)
      if (h.size == 30 || h.size == 64 || h.size == 100)
        copy += audit::CosignedHeadJson(audit::Cosign(h, *witness_, clock.Now())) + "\n";
    witness_copy_ = new std::string(copy);
    for (const char* t : kTables) db_->TamperWithSql(std::string("CREATE TABLE snap_") + t + " AS SELECT * FROM " + t);
    std::filesystem::copy_file(db_->key_file(), dir_ / "signing-keys");
  }
  static void TearDownTestSuite() {
    delete db_;
    delete key_a_;
    delete key_b_;
    delete witness_;
    delete witness_copy_;
    std::filesystem::remove_all(dir_);
  }

  // Appends records (every seventh a refusal) until the log has `size`.
  static void AppendUpTo(store::Store& store, service::AuditTrail& trail, FakeClock& clock, std::uint64_t size,
                         const std::string& who = "practitioner-") {
    std::uint64_t now = 0;
    ASSERT_TRUE(store.Read([&](store::Transaction& tx) -> Status {
      now = JIGSAW_TRY(tx.audit().Size());
      return Ok();
    }));
    for (; now < size; ++now) {
      clock.Advance(std::chrono::seconds(1));
      const service::Context ctx{access::Actor{who + std::to_string(now % 5), "org-" + std::to_string(now % 3), {}},
                                 "request-" + std::to_string(now)};
      const service::AuditEvent event{now % 2 ? "concern.view" : "person.view", now % 2 ? "concern" : "person",
                                      "object-" + std::to_string(now),
                                      now % 7 == 1 ? domain::AuditOutcome::kDenied : domain::AuditOutcome::kAllowed,
                                      "child-" + std::to_string(now % 4)};
      ASSERT_TRUE(trail.Record(ctx, event));
    }
  }

  void SetUp() override { Restore(); }

  static void Restore() {
    std::string sql;
    for (const char* t : kTables) sql += std::string("DELETE FROM ") + t + "; INSERT INTO " + t + " SELECT * FROM snap_" + t + ";";
    db_->TamperWithSql(sql);
    std::filesystem::copy_file(dir_ / "signing-keys", db_->key_file(), std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir_ / "witness.jsonl") << *witness_copy_;
  }

  static CliOutput Run(Check check) {
    std::string args = std::string(check == Check::kSign ? "audit head" : "audit verify") + " --database '" +
                       db_->url() + "' --audit-key " + db_->key_file();
    if (check == Check::kDeep) args += " --deep";
    if (check == Check::kAgainst) args += " --against " + (dir_ / "head57.json").string();
    if (check == Check::kWitness)
      args += " --witness " + (dir_ / "witness.jsonl").string() + " --witness-key " + HexEncode(witness_->public_key());
    return RunJigsaw(args);
  }

  // The same as `audit verify` (with --deep), in this process: for the
  // checks a case shows to be blind, which need no output to read.
  static bool Passes(Check check) {
    auto store = db_->OpenStore();
    FakeClock clock(TestEpoch());
    service::AuditTrail trail(*store, clock);
    const auto keys = app::ReadSigningKeyring(db_->key_file(), "key");
    EXPECT_TRUE(keys);
    service::AuditLog log(*store, clock, trail, keys->current(), keys->trusted());
    auto report = log.Verify({keys->trusted(), {}, check == Check::kDeep});
    EXPECT_TRUE(report);
    return report && report->ok;
  }

  // Signs heads over the log as it is now with `key`, at each size.
  static std::string SignedHeadsSql(const audit::SigningKey& key, const std::vector<std::uint64_t>& sizes) {
    const auto roots = RootsAt(*db_, sizes);
    std::string sql;
    for (std::size_t i = 0; i < sizes.size(); ++i)
      sql += InsertHeadSql(*db_, key.Sign(sizes[i], roots[i], TestEpoch() + std::chrono::hours(1)));
    return sql;
  }

  static inline TestDatabase* db_ = nullptr;
  static inline std::filesystem::path dir_;
  static inline audit::SigningKey* key_a_ = nullptr;
  static inline audit::SigningKey* key_b_ = nullptr;
  static inline audit::SigningKey* witness_ = nullptr;
  static inline std::string* witness_copy_ = nullptr;
};

struct Tamper {
  std::string name;  // as in docs/audit-log.md's table
  std::function<void()> apply;
  Check check;       // the documented check that catches it
  std::vector<std::string> expected;  // in its output: the index, head or node
  std::vector<Check> blind;  // weaker checks that cannot see it (why the stronger one is needed)
};

std::string Zero32() { return std::string(64, '0'); }
std::string NodeId(std::uint64_t level, std::uint64_t index) { return std::to_string((level << 48) | index); }

TEST_F(TamperTest, EveryTamperingIsCaughtByItsDocumentedCheckNamingWhere) {
  // Untouched, every check passes.
  for (Check c : {Check::kVerify, Check::kDeep, Check::kAgainst, Check::kWitness, Check::kSign}) {
    const auto r = Run(c);
    ASSERT_EQ(r.status, 0) << Name(c) << ": " << r.out;
  }
  auto sql = [](std::string text) { return [text] { db_->TamperWithSql(text); }; };
  // Record 45, rewritten with its hash, and every head deleted and re-signed.
  auto rewrite_and_resign = [] {
    db_->TamperWithSql("DELETE FROM audit_tree_heads;" + RewriteRecordSql(*db_, 45, "forged"));
    db_->TamperWithSql(SignedHeadsSql(*key_b_, {kRecords}));
  };
  const std::vector<Tamper> cases = {
      {"edit a field of a record", sql("UPDATE audit_records SET practitioner_id = 'someone-else' WHERE seq = 42"),
       Check::kVerify, {"FAILED at index 42", "does not match its hash"}},
      {"turn a refusal into an allowed access", sql("UPDATE audit_records SET outcome = 0 WHERE seq = 43"),
       Check::kVerify, {"FAILED at index 43"}},
      {"backdate a record", sql("UPDATE audit_records SET time = time - 3600000000 WHERE seq = 44"), Check::kVerify,
       {"FAILED at index 44"}},
      {"edit a record's stored hash", sql("UPDATE audit_records SET leaf_hash = " + db_->Blob(Zero32()) + " WHERE seq = 33"),
       Check::kVerify, {"FAILED at index 33"}},
      {"delete a record", sql("DELETE FROM audit_records WHERE seq = 50"), Check::kVerify,
       {"FAILED at index 50", "is missing: it was deleted"}},
      {"delete the first record", sql("DELETE FROM audit_records WHERE seq = 0"), Check::kVerify,
       {"FAILED at index 0", "deleted"}},
      {"insert a record",
       sql("UPDATE audit_records SET seq = seq + 1000000 WHERE seq >= 20;"
           "UPDATE audit_records SET seq = seq - 999999 WHERE seq >= 1000000;"
           "INSERT INTO audit_records (seq, time, practitioner_id, organisation_id, roles, action, object_type, object_id, "
           "child_id, purpose, outcome, request_id, leaf_hash) SELECT 20, time, 'nobody', organisation_id, roles, action, "
           "object_type, object_id, child_id, purpose, outcome, request_id, leaf_hash FROM audit_records WHERE seq = 19;"),
       Check::kVerify, {"FAILED at index 20"}},
      {"swap two records",
       sql("UPDATE audit_records SET seq = -1 WHERE seq = 12; UPDATE audit_records SET seq = 12 WHERE seq = 17;"
           "UPDATE audit_records SET seq = 17 WHERE seq = -1;"),
       Check::kVerify, {"FAILED at index 12"}},
      {"reorder three records",
       sql("UPDATE audit_records SET seq = -1 WHERE seq = 62; UPDATE audit_records SET seq = 62 WHERE seq = 61;"
           "UPDATE audit_records SET seq = 61 WHERE seq = 60; UPDATE audit_records SET seq = 60 WHERE seq = -1;"),
       Check::kVerify, {"FAILED at index 60"}},
      {"copy a record and its hash over another",
       sql("UPDATE audit_records SET action = (SELECT action FROM audit_records WHERE seq = 71),"
           " object_id = (SELECT object_id FROM audit_records WHERE seq = 71),"
           " leaf_hash = (SELECT leaf_hash FROM audit_records WHERE seq = 71) WHERE seq = 70"),
       Check::kVerify, {"FAILED at index 70"}},
      {"rewrite a record and its hash together", [] { db_->TamperWithSql(RewriteRecordSql(*db_, 45, "forged")); },
       Check::kVerify, {"FAILED at index 30", "signed tree head at size 57", "between index 30 and 56"}},
      {"truncate the newest records", sql("DELETE FROM audit_records WHERE seq >= 90"), Check::kVerify,
       {"FAILED at index 90", "records from index 90 are missing", "size 100"}},
      {"rewind the log and delete the heads that covered it", [] { db_->TamperWithSql(RewindSql(*db_, 90)); },
       Check::kWitness, {"FAILED at index 90", "size 100 (countersigned by witness"}, {Check::kVerify, Check::kDeep}},
      {"forge a tail after the last head and sign it with the stolen key",
       [] {
         db_->TamperWithSql(RewindSql(*db_, 81));
         auto store = db_->OpenStore();
         FakeClock clock(TestEpoch() + std::chrono::hours(2));
         service::AuditTrail trail(*store, clock);
         AppendUpTo(*store, trail, clock, kRecords, "forger-");
         service::AuditLog log(*store, clock, trail, *key_b_);
         ASSERT_TRUE(log.SignTreeHead());
       },
       Check::kWitness, {"signed tree head at size 100 (countersigned by witness", "between index 80 and 99"},
       {Check::kVerify, Check::kDeep}},
      {"delete the heads, rewrite a record and re-sign with the stolen key: an exported head", rewrite_and_resign,
       Check::kAgainst, {"size 57 (exported head", "between index 0 and 56"}, {Check::kVerify}},
      {"delete the heads, rewrite a record and re-sign with the stolen key: a witness", rewrite_and_resign,
       Check::kWitness, {"size 64 (countersigned by witness", "between index 30 and 63"}, {Check::kVerify}},
      {"edit a stored head's root",
       sql("UPDATE audit_tree_heads SET root_hash = " + db_->Blob(Zero32()) + " WHERE tree_size = 57"), Check::kVerify,
       {"signed tree head at size 57 has an invalid signature"}},
      {"move a stored head to another size", sql("UPDATE audit_tree_heads SET tree_size = 58 WHERE tree_size = 57"),
       Check::kVerify, {"signed tree head at size 58 has an invalid signature"}},
      {"edit a stored head's time", sql("UPDATE audit_tree_heads SET time = time + 1 WHERE tree_size = 30"),
       Check::kVerify, {"signed tree head at size 30 has an invalid signature"}},
      {"replace a stored head with one signed by another key",
       [] {
         const auto other = *audit::SigningKey::FromSeed(RandomBytes(32));
         const auto head = other.Sign(80, RootsAt(*db_, {80})[0], TestEpoch());
         db_->TamperWithSql("UPDATE audit_tree_heads SET signature = " + db_->Blob(HexEncode(head.signature)) +
                            ", key_id = '" + head.key_id + "' WHERE tree_size = 80");
       },
       Check::kVerify, {"signed tree head at size 80 names key", "not a trusted key"}},
      {"relabel a stored head with another trusted key's id",
       [] { db_->TamperWithSql("UPDATE audit_tree_heads SET key_id = '" + key_a_->key_id() + "' WHERE tree_size = 80"); },
       Check::kVerify, {"signed tree head at size 80 has an invalid signature"}},
      {"substitute the signing key and re-sign a rewritten log",
       [] {
         std::filesystem::remove(db_->key_file());
         const auto stolen = *audit::SigningKey::FromSeed(RandomBytes(32));
         ASSERT_TRUE(app::CreateSigningKeyring(db_->key_file(), {stolen}, TestEpoch()));
         db_->TamperWithSql("DELETE FROM audit_tree_heads;" + RewriteRecordSql(*db_, 45, "forged"));
         db_->TamperWithSql(SignedHeadsSql(stolen, {10, 30, 57, 64, 80, 100}));
       },
       Check::kWitness, {"signed tree head at size 30 (countersigned by witness", "not a trusted key"}, {Check::kVerify}},
      {"zero an interior node", sql("UPDATE audit_nodes SET hash = " + db_->Blob(Zero32()) + " WHERE id = " + NodeId(3, 2)),
       Check::kDeep, {"FAILED at node level 3, index 2 (records 16 to 23)", "does not match the records"}, {Check::kVerify}},
      {"delete an interior node", sql("DELETE FROM audit_nodes WHERE id = " + NodeId(2, 5)), Check::kDeep,
       {"FAILED at node level 2, index 5 (records 20 to 23)", "missing"}, {Check::kVerify}},
      {"insert a node beyond the tree",
       sql("INSERT INTO audit_nodes (id, hash) VALUES (" + NodeId(1, 60) + ", " + db_->Blob(Zero32()) + ")"),
       Check::kDeep, {"FAILED at node level 1, index 60 (records 120 to 121)", "beyond"}, {Check::kVerify}},
      {"corrupt the stored right edge",
       [] {
         // 100 records: subtrees of 64, 32 and 4; damage the 32.
         auto store = db_->OpenStore();
         Bytes frontier;
         ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
           frontier = JIGSAW_TRY(tx.audit().State()).frontier;
           return Ok();
         }));
         frontier[40] ^= 0x5a;
         db_->TamperWithSql("UPDATE audit_state SET frontier = " + db_->Blob(HexEncode(frontier)) + " WHERE id = 1");
       },
       Check::kDeep, {"FAILED in the stored state", "right edge", "level 5, index 2 (records 64 to 95)"}, {Check::kVerify}},
      {"corrupt the stored right edge: the server refuses to sign",
       sql("UPDATE audit_state SET frontier = " + db_->Blob(std::string(192, 'a')) + " WHERE id = 1"), Check::kSign,
       {"Refusing to sign a tree head", "audit verify --deep"}, {Check::kVerify}},
      {"change the log's stored size", sql("UPDATE audit_state SET size = 99 WHERE id = 1"), Check::kDeep,
       {"FAILED in the stored state", "99 records, but there are 100"}, {Check::kVerify}},
      {"alter the witness's copy",
       [] {
         std::string copy = *witness_copy_;
         const auto at = copy.find("\"tree_size\":64");
         ASSERT_NE(at, std::string::npos);
         const auto root = copy.find("\"root_hash\":\"", at) + 13;
         copy[root] = copy[root] == 'a' ? 'b' : 'a';
         std::ofstream(dir_ / "witness.jsonl") << copy;
       },
       Check::kWitness, {"FAILED", "head at size 64", "countersignature", "invalid"}},
  };
  ASSERT_GE(cases.size(), 20u);

  std::ifstream doc_file(std::string(JIGSAW_SOURCE_DIR) + "/docs/audit-log.md");
  std::stringstream doc;
  doc << doc_file.rdbuf();
  for (const Tamper& t : cases) {
    SCOPED_TRACE(t.name);
    Restore();
    t.apply();
    const auto caught = Run(t.check);
    EXPECT_EQ(caught.status, 1) << Name(t.check) << ": " << caught.out;
    for (const auto& text : t.expected) EXPECT_NE(caught.out.find(text), std::string::npos) << text << " in: " << caught.out;
    for (Check weaker : t.blind) EXPECT_TRUE(Passes(weaker)) << Name(weaker) << " was expected not to see this";
    // One rule, one home: every case is in the documented table, with its check.
    EXPECT_NE(doc.str().find("| " + t.name + " | `" + Name(t.check)), std::string::npos)
        << "docs/audit-log.md's tamper table lacks: | " << t.name << " | `" << Name(t.check) << "...";
  }
}

// Detected at start: a server whose stored tree no longer matches its
// newest signed head refuses to start, rather than sign over it.
TEST_F(TamperTest, TheServerDoesNotStartOverADamagedTree) {
  db_->TamperWithSql("UPDATE audit_state SET frontier = " + db_->Blob(std::string(192, 'c')) + " WHERE id = 1");
  const auto served = RunJigsaw("serve --port 0 --database '" + db_->url() + "' --audit-key " + db_->key_file(), 30);
  EXPECT_EQ(served.status, 1) << served.out;
  EXPECT_NE(served.out.find("Refusing to sign a tree head"), std::string::npos) << served.out;
  EXPECT_EQ(served.out.find("listening"), std::string::npos) << "it served nothing";
}

}  // namespace
}  // namespace jigsaw::testing
