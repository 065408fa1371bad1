// A database for one test: a temporary SQLite file, or a new database in the
// PostgreSQL cluster named by JIGSAW_TEST_POSTGRES_URL, chosen by
// JIGSAW_TEST_BACKEND. Removed when the test ends.
#pragma once

#include <memory>
#include <string>

#include "app/config.h"
#include "store/store.h"

namespace jigsaw::testing {

class TestDatabase {
 public:
  TestDatabase();  // fails the test (ASSERT) if the backend is unavailable
  ~TestDatabase();
  const std::string& url() const { return url_; }
  // The audit signing keyring (`--audit-key`); the sealing keyring is
  // beside it, where the configuration looks by default.
  const std::string& key_file() const { return key_file_; }
  std::string sealing_key_file() const;
  std::string_view backend() const { return backend_; }
  // A config for this database, fast password hashing, no access log.
  app::Config Config() const;
  std::unique_ptr<store::Store> OpenStore() const;
  // Runs SQL directly against the database, bypassing Jigsaw: for tests
  // that tamper with what Jigsaw wrote. Fails the test on error.
  void TamperWithSql(const std::string& sql) const;
  // A literal of these bytes (given in hex) in this backend's SQL.
  std::string Blob(const std::string& hex) const;

 private:
  std::string backend_;
  std::string url_;
  std::string cleanup_;  // file path or database name
  std::string admin_url_;
  std::string key_file_;
};

// The backend this test process runs against ("sqlite" or "postgres").
std::string Backend();

}  // namespace jigsaw::testing
