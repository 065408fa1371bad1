// The schema's history, one entry per version, the same on both backends.
// Never edit an applied migration: add a new one.
#include <array>
#include <string>

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

constexpr std::string_view kV1Portable = R"sql(
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  sector TEXT NOT NULL,
  competent_authority INTEGER NOT NULL CHECK (competent_authority IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE TABLE practitioners (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE INDEX practitioners_by_organisation ON practitioners(organisation_id, username);
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
)sql";

// The audit log: records (the single source of truth, one column per
// field), their leaf hashes, the perfect subtrees of the Merkle tree, the
// log's right edge (one row, locked by every appender) and signed heads.
#define JIGSAW_AUDIT_V2(BLOB, EMPTY_BLOB)                                   \
  "CREATE TABLE audit_records ("                                          \
  "  seq BIGINT PRIMARY KEY,"                                             \
  "  time BIGINT NOT NULL,"                                               \
  "  practitioner_id TEXT NOT NULL,"                                      \
  "  organisation_id TEXT NOT NULL,"                                      \
  "  roles TEXT NOT NULL,"                                                \
  "  action TEXT NOT NULL,"                                               \
  "  object_type TEXT NOT NULL,"                                          \
  "  object_id TEXT NOT NULL,"                                            \
  "  child_id TEXT NOT NULL,"                                             \
  "  purpose TEXT NOT NULL,"                                              \
  "  outcome INTEGER NOT NULL,"                                           \
  "  request_id TEXT NOT NULL,"                                           \
  "  leaf_hash " BLOB " NOT NULL);"                                       \
  "CREATE INDEX audit_by_child ON audit_records(child_id, seq);"          \
  "CREATE INDEX audit_by_practitioner ON audit_records(practitioner_id, seq);" \
  "CREATE INDEX audit_by_organisation ON audit_records(organisation_id, seq);" \
  "CREATE INDEX audit_by_time ON audit_records(time);"                    \
  "CREATE TABLE audit_nodes (id BIGINT PRIMARY KEY, hash " BLOB " NOT NULL);" \
  "CREATE TABLE audit_state (id INTEGER PRIMARY KEY CHECK (id = 1),"      \
  "  size BIGINT NOT NULL, frontier " BLOB " NOT NULL);"                  \
  "INSERT INTO audit_state (id, size, frontier) VALUES (1, 0, " EMPTY_BLOB ");" \
  "CREATE TABLE audit_tree_heads (tree_size BIGINT PRIMARY KEY,"          \
  "  root_hash " BLOB " NOT NULL, time BIGINT NOT NULL, signature " BLOB " NOT NULL);"

constexpr std::string_view kV2Sqlite = JIGSAW_AUDIT_V2("BLOB", "X''");
constexpr std::string_view kV2Postgres = JIGSAW_AUDIT_V2("BYTEA", "'\\x'::bytea");
#undef JIGSAW_AUDIT_V2

constexpr std::array<Migration, 2> kMigrations{{
    {1, "organisations, practitioners and sessions", kV1Portable, kV1Portable},
    {2, "tamper-evident audit log", kV2Sqlite, kV2Postgres},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

std::string_view BeginWrite(sql::Dialect dialect) {
  // IMMEDIATE takes SQLite's write lock up front, so two writers queue on
  // the busy timeout instead of deadlocking on a read-to-write upgrade.
  return dialect == sql::Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN";
}

std::string_view BeginRead(sql::Dialect dialect) {
  return dialect == sql::Dialect::kSqlite ? "BEGIN" : "BEGIN READ ONLY";
}

Result<int> SchemaVersion(sql::Connection& c) {
  auto rows = JIGSAW_TRY(sql::Query(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return static_cast<int>(rows.at(0).Int(0));
}

Status Migrate(sql::Connection& c) {
  if (c.dialect() == sql::Dialect::kPostgres) {
    // Several instances may start at once; one migrates, the others wait.
    JIGSAW_TRY(sql::Query(c, "SELECT pg_advisory_xact_lock(7274070001)"));
  }
  JIGSAW_RETURN_IF_ERROR(c.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  const int current = JIGSAW_TRY(SchemaVersion(c));
  for (const Migration& m : kMigrations) {
    if (m.version <= current) continue;
    JIGSAW_RETURN_IF_ERROR(
        c.ExecuteScript(c.dialect() == sql::Dialect::kSqlite ? m.sqlite : m.postgres));
    JIGSAW_TRY(sql::Execute(c,
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                            "($1, $2, $3)",
                            {std::int64_t{m.version}, std::string(m.name), std::int64_t{0}}));
  }
  return Ok();
}

}  // namespace jigsaw::store::internal
