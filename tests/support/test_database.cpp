#include "support/test_database.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

#include "common/random.h"

namespace jigsaw::testing {
namespace {

void AdminExec(const std::string& admin_url, const std::string& sql) {
  PGconn* c = PQconnectdb(admin_url.c_str());
  ASSERT_EQ(PQstatus(c), CONNECTION_OK) << "cannot reach the test PostgreSQL cluster";
  PGresult* r = PQexec(c, sql.c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
}

// postgresql://user@host:port/dbname?params -> same with another dbname.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme + 3);
  const auto query = url.find('?', scheme + 3);
  std::string base = url.substr(0, slash == std::string::npos ? query : slash);
  return base + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

}  // namespace

std::string Backend() {
  const char* b = std::getenv("JIGSAW_TEST_BACKEND");
  return b ? b : "sqlite";
}

TestDatabase::TestDatabase()
    : backend_(Backend()),
      key_file_((std::filesystem::temp_directory_path() / ("jigsaw-test-" + NewId() + ".signing-keys")).string()) {
  if (backend_ == "sqlite") {
    cleanup_ = (std::filesystem::temp_directory_path() / ("jigsaw-test-" + NewId() + ".db")).string();
    url_ = "sqlite:" + cleanup_;
    return;
  }
  const char* admin = std::getenv("JIGSAW_TEST_POSTGRES_URL");
  // Not a skip: a PostgreSQL run without a cluster is a broken run.
  if (!admin || !*admin)
    ADD_FAILURE() << "JIGSAW_TEST_BACKEND=postgres needs JIGSAW_TEST_POSTGRES_URL; "
                     "run the suite with scripts/test, which starts a throwaway cluster";
  admin_url_ = admin ? admin : "";
  cleanup_ = "jigsaw_test_" + NewId();
  AdminExec(admin_url_, "CREATE DATABASE " + cleanup_);
  url_ = WithDatabase(admin_url_, cleanup_);
}

TestDatabase::~TestDatabase() {
  std::filesystem::remove(key_file_);
  std::filesystem::remove(sealing_key_file());
  // The content key store a server made beside the sealing keyring.
  const std::string content_keys = Config().ContentKeyFile();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(content_keys + suffix);
  if (backend_ == "sqlite") {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(cleanup_ + suffix);
  } else if (!admin_url_.empty()) {
    AdminExec(admin_url_, "DROP DATABASE IF EXISTS " + cleanup_ + " WITH (FORCE)");
  }
}

app::Config TestDatabase::Config() const {
  app::Config c;
  c.database.url = url_;
  c.database.pool_size = 4;
  c.server.port = 0;
  c.server.threads = 2;
  c.server.access_log = false;
  c.server.handle_signals = false;
  c.sign_in.hash_cost = access::HashCost::kMinimum;
  // The top of the deny-list the build copied beside the binary under test
  // (cmake/copy_web_assets.cmake): loading the whole million at every
  // server's start took most of each test's time.
  c.password_deny_list = (std::filesystem::path(JIGSAW_BINARY).parent_path() / "static" / "passwords" /
                          "common-passwords-top-10000.txt").string();
  c.audit.signing_key_file = key_file_;
  c.audit.create_signing_key = true;
  c.audit.sign_interval = std::chrono::seconds(0);  // tests sign when they choose
  return c;
}

std::string TestDatabase::sealing_key_file() const {
  app::Config c;
  c.audit.signing_key_file = key_file_;
  return c.SealingKeyFile();
}

std::string TestDatabase::Blob(const std::string& hex) const {
  return backend_ == "sqlite" ? "X'" + hex + "'" : "'\\x" + hex + "'::bytea";
}

void TestDatabase::TamperWithSql(const std::string& sql) const {
  if (backend_ == "sqlite") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(cleanup_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  } else {
    AdminExec(url_, sql);
  }
}

std::unique_ptr<store::Store> TestDatabase::OpenStore() const {
  auto s = store::Open({.url = url_, .pool_size = 4});
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
  return s ? std::move(*s) : nullptr;
}

}  // namespace jigsaw::testing
