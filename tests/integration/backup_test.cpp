// The restore drill, through the binary: `jigsaw backup` of a database a
// server is writing to, `jigsaw restore` into an empty place, and the copy
// holds every write acknowledged before the backup began and verifies; a
// copy whose records or manifest were changed is refused, naming what
// failed, and nothing is written.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "app/application.h"
#include "app/demo.h"
#include "app/keyring.h"
#include "access/sealing.h"
#include "common/random.h"
#include "store/backup.h"
#include "support/audit_tamper.h"
#include "support/http_client.h"
#include "support/serve_process.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

namespace fs = std::filesystem;

void LoadDemo(const TestDatabase& db) {
  SystemClock clock;
  auto app = app::Application::Create(db.Config(), clock);
  ASSERT_TRUE(app) << app.error().message;
  ASSERT_TRUE(app::LoadDemoPartnership((*app)->administration(), (*app)->accounts()).value());
}

// A backup directory that is removed when the test ends.
struct BackupDir {
  fs::path path = fs::temp_directory_path() / ("jigsaw-backup-" + NewId());
  ~BackupDir() { fs::remove_all(path); }
};

std::string Keys(const TestDatabase& db) { return " --audit-key " + db.key_file(); }

CliOutput BackUp(const TestDatabase& db, const BackupDir& dir) {
  return RunJigsaw("backup --database '" + db.url() + "'" + Keys(db) + " --to " + dir.path.string());
}

// Restores with the source database's keyrings, as after a disaster.
CliOutput RestoreInto(const TestDatabase& target, const BackupDir& dir, const TestDatabase& keys_of) {
  return RunJigsaw("restore --database '" + target.url() + "'" + Keys(keys_of) + " --from " + dir.path.string());
}

// Whether anything is at the target (a file, tables) or a staging file beside it.
bool NothingAt(const TestDatabase& target) {
  auto at = store::InspectDestination(target.url());
  if (!at) return false;
  const bool staged = target.backend() == "sqlite" && fs::exists(target.url().substr(7) + ".restoring");
  return !staged && (*at == store::Destination::kAbsent || *at == store::Destination::kEmpty);
}

// Runs SQL on the copy inside a backup: directly on the SQLite file; for
// PostgreSQL, by loading the dump into a scratch database, changing it
// there and dumping it again over the copy.
void TamperWithCopy(const BackupDir& dir, const std::string& sql) {
  if (Backend() == "sqlite") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir.path / "database.sqlite").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
    return;
  }
  TestDatabase scratch;
  const std::string dump = (dir.path / "database.pgdump").string();
  ASSERT_EQ(std::system(("pg_restore --no-owner --dbname='" + scratch.url() + "' " + dump).c_str()), 0);
  scratch.TamperWithSql(sql);
  fs::remove(dump);
  ASSERT_EQ(std::system(("pg_dump --format=custom --file=" + dump + " --dbname='" + scratch.url() + "'").c_str()), 0);
}

TEST(BackupTest, RestoredCopyOfABusyDatabaseHoldsEveryAcknowledgedWriteAndVerifies) {
  TestDatabase live;
  LoadDemo(live);
  ServeProcess server(live);
  ASSERT_NE(server.port(), 0);
  const std::string token = SignInAt(server.port(), DemoUsername("primary.teacher"), SystemClock().Now());
  ASSERT_FALSE(token.empty());

  // Writers add people through the API until told to stop.
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        auto r = Post(server.port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", "Writer" + std::to_string(t)},
                       {"family_name", "Load" + std::to_string(i)}, {"date_of_birth", "2016-03-04"}},
                      token);
        if (r.status != 201) continue;
        std::lock_guard lock(mu);
        acknowledged.push_back(r.Json()["id"]);
      }
    });
  auto count = [&] {
    std::lock_guard lock(mu);
    return acknowledged.size();
  };
  while (count() < 40) std::this_thread::yield();
  std::vector<std::string> before;
  {
    std::lock_guard lock(mu);
    before = acknowledged;
  }
  BackupDir dir;
  const CliOutput backup = BackUp(live, dir);
  const std::size_t when_done = count();
  stop = true;
  for (auto& w : writers) w.join();
  ASSERT_EQ(backup.status, 0) << backup.out;
  EXPECT_GT(when_done, before.size()) << "the writers were answered while the backup ran";
  EXPECT_NE(backup.out.find("The keyrings are NOT in the backup"), std::string::npos) << backup.out;
  std::ifstream manifest(dir.path / "manifest.json");
  std::stringstream text;
  text << manifest.rdbuf();
  EXPECT_NE(text.str().find("\"audit_tree_head\""), std::string::npos);
  EXPECT_NE(text.str().find("backed up separately"), std::string::npos);

  TestDatabase restored;
  const CliOutput restore = RestoreInto(restored, dir, live);
  ASSERT_EQ(restore.status, 0) << restore.out;
  EXPECT_NE(restore.out.find("Restored the backup"), std::string::npos) << restore.out;
  const CliOutput verify = RunJigsaw("audit verify --deep --database '" + restored.url() + "'" + Keys(live));
  EXPECT_EQ(verify.status, 0) << verify.out;

  {
    auto store = restored.OpenStore();
    std::size_t missing = 0;
    ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
      for (const auto& id : before) missing += !JIGSAW_TRY(tx.casework().FindPerson(id)).has_value();
      return Ok();
    }));
    EXPECT_EQ(missing, 0u) << "of " << before.size() << " people acknowledged before the backup began";
  }

  // Never over a running server's database without saying so.
  const std::string replace = "restore --replace --database '" + restored.url() + "'" + Keys(live) + " --from " +
                              dir.path.string();
  {
    // A server on the restored copy, with the keyrings it was restored to run with.
    ChildProcess serving({"serve", "--port", "0", "--threads", "2", "--database", restored.url(), "--audit-key",
                          live.key_file()},
                         R"(http://127\.0\.0\.1:(\d+))");
    ASSERT_FALSE(serving.ready_match().empty());
    const CliOutput refused = RunJigsaw(replace);
    EXPECT_EQ(refused.status, 1) << refused.out;
    EXPECT_NE(refused.out.find(restored.backend() == "sqlite" ? "is open in a running server" : "is not empty"),
              std::string::npos)
        << refused.out;
  }
  if (restored.backend() == "sqlite") {  // stopped, an SQLite database is replaced when asked
    const CliOutput replaced = RunJigsaw(replace);
    EXPECT_EQ(replaced.status, 0) << replaced.out;
    EXPECT_NE(replaced.out.find("replacing the database that was there"), std::string::npos) << replaced.out;
  }
}

TEST(BackupTest, TamperedCopiesAreRefusedNamingWhatFailedAndNothingIsWritten) {
  TestDatabase live;
  LoadDemo(live);
  BackupDir dir;
  const CliOutput backup = BackUp(live, dir);
  ASSERT_EQ(backup.status, 0) << backup.out;
  const fs::path manifest = dir.path / "manifest.json";
  std::string original;
  {
    std::ifstream in(manifest);
    std::stringstream text;
    text << in.rdbuf();
    original = text.str();
  }

  {  // The manifest's head says another root.
    const auto at = original.find("\"root_hash\":\"") + 13;
    std::string changed = original;
    changed[at] = changed[at] == '0' ? '1' : '0';
    std::ofstream(manifest) << changed;
    TestDatabase target;
    const CliOutput r = RestoreInto(target, dir, live);
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("REFUSED: The copy's audit log does not verify"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("the backup's manifest"), std::string::npos) << r.out;
    EXPECT_TRUE(NothingAt(target));
    std::ofstream(manifest) << original;
  }
  {  // The manifest's head covers fewer records than the copy holds.
    std::string changed = original;
    const auto at = changed.find("\"tree_size\":") + 12;
    changed.replace(at, changed.find(',', at) - at, "20");
    std::ofstream(manifest) << changed;
    TestDatabase target;
    const CliOutput r = RestoreInto(target, dir, live);
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("the backup's manifest"), std::string::npos) << r.out;
    EXPECT_TRUE(NothingAt(target));
    std::ofstream(manifest) << original;
  }
  {  // A record in the copy was edited.
    TamperWithCopy(dir, "UPDATE audit_records SET object_id = '" + std::string(32, 'f') + "' WHERE seq = 7");
    TestDatabase target;
    const CliOutput r = RestoreInto(target, dir, live);
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("FAILED at index 7"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Nothing was changed"), std::string::npos) << r.out;
    EXPECT_TRUE(NothingAt(target));
  }
}

// What the restore cannot vouch for is said, not hidden: a sealing key the
// keyring lacks is named, and records a witness countersigned beyond the
// copy are lost only when the operator accepts it.
TEST(BackupTest, RestoreNamesMissingSealingKeysAndWitnessedRecordsTheCopyLacks) {
  setenv("JIGSAW_PASSWORD_HASH_COST", "minimum-for-tests-only", 1);
  TestDatabase live;
  LoadDemo(live);  // the demo accounts' authenticator secrets are sealed
  BackupDir dir, witness;
  fs::create_directories(witness.path);
  auto signing = app::ReadSigningKeyring(live.key_file(), "audit");
  ASSERT_TRUE(signing) << signing.error().message;
  auto sealing = app::ReadSealingKeyring(live.sealing_key_file(), "sealing");
  ASSERT_TRUE(sealing) << sealing.error().message;
  ServeProcess server(live);
  ASSERT_NE(server.port(), 0);
  const std::string witness_once = "audit witness --once --log http://127.0.0.1:" + std::to_string(server.port()) +
                                   " --log-key " + HexEncode(signing->current().public_key()) + " --key " +
                                   (witness.path / "witness.keys").string() + " --state " +
                                   (witness.path / "witnessed.jsonl").string();
  ASSERT_EQ(RunJigsaw(witness_once).status, 0);
  ASSERT_EQ(BackUp(live, dir).status, 0);
  // Records after the backup, which the witness then countersigns.
  for (int i = 0; i < 3; ++i)
    Post(server.port(), "/api/v1/sessions", {{"username", "nobody@demo.jigsaw"}, {"password", "not a password"}});
  ASSERT_EQ(RunJigsaw(witness_once).status, 0);

  // A keyring without the key that sealed the copy's secrets.
  const fs::path other = witness.path / "other.sealing-keys";
  ASSERT_TRUE(app::CreateSealingKeyring(other.string(), {access::Sealer::NewKey()}, SystemClock().Now()));
  const std::string restore = "restore --audit-key " + live.key_file() + " --sealing-key " + other.string() +
                              " --from " + dir.path.string() + " --witness " +
                              (witness.path / "witnessed.jsonl").string();
  TestDatabase target;
  const CliOutput refused = RunJigsaw(restore + " --database '" + target.url() + "'");
  EXPECT_EQ(refused.status, 1) << refused.out;
  EXPECT_NE(refused.out.find("REFUSED: Witnessed: the log was countersigned at size"), std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("--accept-loss"), std::string::npos) << refused.out;
  EXPECT_TRUE(NothingAt(target));

  const CliOutput accepted = RunJigsaw(restore + " --accept-loss --database '" + target.url() + "'");
  EXPECT_EQ(accepted.status, 0) << accepted.out;
  EXPECT_NE(accepted.out.find("consistent with the 1 witnessed heads it covers"), std::string::npos) << accepted.out;
  EXPECT_NE(accepted.out.find("WARNING: the log was countersigned at size"), std::string::npos) << accepted.out;
  EXPECT_NE(accepted.out.find("has no key " + sealing->keys.back().id + ", which sealed"), std::string::npos)
      << accepted.out;
  EXPECT_NE(accepted.out.find("authenticator secrets"), std::string::npos) << accepted.out;
}

}  // namespace
}  // namespace jigsaw::testing
