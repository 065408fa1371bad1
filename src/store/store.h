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
#include "common/encoding.h"
#include "common/result.h"
#include "domain/audit_record.h"
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

// The audit log's right edge: its size and the hashes of its perfect
// subtrees (32 bytes each, concatenated, largest first). Opaque here: the
// audit module gives it meaning.
struct AuditLogState {
  std::uint64_t size = 0;
  Bytes frontier;
};

// A stored perfect subtree of the audit Merkle tree, keyed by
// level * 2^48 + index; level 0 nodes are the records' leaf hashes.
struct AuditNode {
  std::uint64_t id = 0;
  Bytes hash;
};

struct StoredTreeHead {
  std::uint64_t size = 0;
  Bytes root;
  Time time{};
  Bytes signature;
};

struct AuditQuery {
  std::string child_id, practitioner_id, organisation_id, action;  // empty: any
  std::optional<domain::AuditOutcome> outcome;
  std::optional<Time> from, to;  // time range, inclusive from, exclusive to
  std::optional<std::uint64_t> before_index;  // for paging, newest first
  std::size_t limit = 100;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Locks the log until the transaction ends (so appends from every
  // instance form one order) and returns its current state.
  virtual Result<AuditLogState> LockState() = 0;
  // Appends `record` (whose index must be the locked state's size) with its
  // leaf hash and the perfect subtrees it completes, and saves `next`.
  virtual Status Append(const domain::AuditRecord& record, const Bytes& leaf_hash,
                        const std::vector<AuditNode>& completed, const AuditLogState& next) = 0;
  virtual Result<std::uint64_t> Size() = 0;
  // The stored hashes of the given nodes; missing ones are left out.
  virtual Result<std::vector<AuditNode>> Nodes(const std::vector<std::uint64_t>& ids) = 0;
  // Calls `visit` for every record from index `from` on, in order, with its
  // stored leaf hash, in pages; stops early if visit returns false.
  virtual Status Scan(std::uint64_t from,
                      const std::function<bool(const domain::AuditRecord&, const Bytes&)>& visit) = 0;
  // Newest first.
  virtual Result<std::vector<domain::AuditRecord>> Search(const AuditQuery& query) = 0;
  virtual Status InsertTreeHead(const StoredTreeHead& head) = 0;
  virtual Result<std::optional<StoredTreeHead>> LatestTreeHead() = 0;
  virtual Result<std::vector<StoredTreeHead>> TreeHeads() = 0;
};

// The repositories bound to one open transaction. Valid only inside the
// callback given to Store::Write / Store::Read.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual OrganisationRepository& organisations() = 0;
  virtual PractitionerRepository& practitioners() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AuditRepository& audit() = 0;
  // Called by the store around savepoints and before commit, so that state
  // the repositories cache or defer stays exactly what the database holds.
  virtual void Savepoint() {}
  virtual void RollbackToSavepoint() {}
  virtual Status BeforeCommit() { return Ok(); }
};

using Work = std::function<Status(Transaction&)>;

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one read-write transaction: commits if it returns Ok,
  // rolls back otherwise (nothing is half-written). Returns work's status,
  // or kUnavailable if the database cannot be reached. Returns only once the
  // commit is durable. Concurrent calls are committed together (group
  // commit): each runs in its own savepoint, so one failing leaves the
  // others intact. `work` must not call Write or Read itself.
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

// The schema version this build migrates to.
int LatestSchemaVersion();

// Opens the store named by the URL and applies pending migrations.
// Fails with kInvalidArgument (field "database.url") for an unknown scheme,
// kUnavailable if the database cannot be opened.
Result<std::unique_ptr<Store>> Open(const StoreOptions& options);

}  // namespace jigsaw::store
