// The repositories Jigsaw's use cases read and write, and the transaction
// that binds them. One interface, two backends (store/sqlite, store/postgres),
// chosen by a database URL. Every SQL string lives under src/store.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/organisation.h"
#include "domain/practitioner.h"
#include "domain/session.h"

namespace jigsaw::store {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  // Fails with kAlreadyExists if the id is taken.
  virtual Status Insert(const domain::Organisation& organisation) = 0;
  virtual Result<std::optional<domain::Organisation>> Find(const std::string& id) = 0;
  virtual Result<std::vector<domain::Organisation>> List() = 0;
};

// What the sign-in check needs beyond the public practitioner record.
struct Credentials {
  std::string password_hash;  // Argon2id encoded string (libsodium crypto_pwhash_str)
  int failed_sign_ins = 0;    // consecutive failures since the last success
  Time locked_until{};        // sign-in refused until then
};

struct PractitionerWithCredentials {
  domain::Practitioner practitioner;
  Credentials credentials;
};

class PractitionerRepository {
 public:
  virtual ~PractitionerRepository() = default;
  // Fails with kAlreadyExists if the id or username is taken.
  virtual Status Insert(const domain::Practitioner& practitioner,
                        const std::string& password_hash) = 0;
  virtual Result<std::optional<domain::Practitioner>> Find(const std::string& id) = 0;
  virtual Result<std::optional<PractitionerWithCredentials>> FindByUsername(
      const std::string& username) = 0;
  // All practitioners, or those of one organisation, ordered by username.
  virtual Result<std::vector<domain::Practitioner>> List(
      const std::optional<std::string>& organisation_id) = 0;
  virtual Status UpdateSignInState(const std::string& id, int failed_sign_ins,
                                   Time locked_until) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Insert(const domain::Session& session) = 0;
  virtual Result<std::optional<domain::Session>> Find(const std::string& token_digest) = 0;
  virtual Status Touch(const std::string& token_digest, Time last_seen_at) = 0;
  virtual Status Delete(const std::string& token_digest) = 0;
  // Removes sessions that expired before `now`; returns how many.
  virtual Result<std::int64_t> DeleteExpired(Time now, Duration idle_timeout) = 0;
};

// The repositories bound to one open transaction. Valid only inside the
// callback given to Store::Write / Store::Read.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual OrganisationRepository& organisations() = 0;
  virtual PractitionerRepository& practitioners() = 0;
  virtual SessionRepository& sessions() = 0;
};

using Work = std::function<Status(Transaction&)>;

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one read-write transaction: commits if it returns Ok,
  // rolls back otherwise (nothing is half-written). Returns work's status,
  // or kUnavailable if the database cannot be reached.
  virtual Status Write(const Work& work) = 0;
  // Runs `work` in a read-only snapshot.
  virtual Status Read(const Work& work) = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  // The schema version after migrations.
  virtual Result<int> SchemaVersion() = 0;
};

struct StoreOptions {
  std::string url;     // sqlite:PATH or postgresql://...
  int pool_size = 8;   // connections kept open
  bool migrate = true; // apply pending migrations on open
};

// Opens the store named by the URL and applies pending migrations.
// Fails with kInvalidArgument (field "database.url") for an unknown scheme,
// kUnavailable if the database cannot be opened.
Result<std::unique_ptr<Store>> Open(const StoreOptions& options);

}  // namespace jigsaw::store
