#include "store/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>

#include "store/postgres/postgres_connection.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/content_cipher.h"
#include "store/sql.h"

namespace jigsaw::store {
namespace {

bool IsSqlite(const std::string& url) { return url.starts_with("sqlite:"); }
bool IsPostgres(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}
Status CheckUrl(const std::string& url) {
  if (IsSqlite(url) ? url.size() > 7 : IsPostgres(url)) return Ok();
  return InvalidArgument("database.url", "The database URL must be sqlite:PATH or postgresql://...");
}

// --- SQLite, through its C API (the backup API needs the raw handles) ---

using SqliteHandle = std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)>;

Result<SqliteHandle> OpenSqlite(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  SqliteHandle handle(db, &sqlite3_close_v2);
  if (rc != SQLITE_OK)
    return Fail(ErrorCode::kUnavailable,
                "Cannot open the SQLite database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
  sqlite3_busy_timeout(db, 10000);
  return handle;
}

Status SqliteExec(sqlite3* db, const std::string& sql, const std::string& path) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) return Ok();
  return Fail(ErrorCode::kUnavailable, "SQLite (" + path + "): " + sqlite3_errmsg(db));
}

// Copies every page of `from` into `to` in one step: one consistent
// snapshot of the source (its open read transaction, if any).
Status SqliteBackup(sqlite3* from, sqlite3* to, const std::string& path) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return Fail(ErrorCode::kUnavailable, "SQLite backup (" + path + "): " + sqlite3_errmsg(to));
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK)
    return Fail(ErrorCode::kUnavailable, "SQLite backup (" + path + "): " + sqlite3_errstr(stepped != SQLITE_DONE ? stepped : finished));
  return Ok();
}

Result<AuditLogState> SqliteAuditState(sqlite3* db, const std::string& path) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT size, frontier FROM audit_state WHERE id = 1", -1, &stmt, nullptr) != SQLITE_OK)
    return Fail(ErrorCode::kUnavailable, "SQLite (" + path + "): " + sqlite3_errmsg(db));
  AuditLogState state;
  const int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    state.size = static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 0));
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, 1));
    state.frontier.assign(p, p + sqlite3_column_bytes(stmt, 1));
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW) return Fail(ErrorCode::kUnavailable, "The audit log state is missing in " + path + ".");
  return state;
}

Result<AuditLogState> CopySqlite(const std::string& path, const std::string& file) {
  auto source = JIGSAW_TRY(OpenSqlite(path, SQLITE_OPEN_READWRITE));
  // One read transaction: the right edge read here and the pages the
  // backup copies are the same snapshot (WAL: writers carry on meanwhile).
  JIGSAW_RETURN_IF_ERROR(SqliteExec(source.get(), "BEGIN", path));
  auto state = SqliteAuditState(source.get(), path);
  if (state) {
    auto copy = OpenSqlite(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!copy) return std::unexpected(copy.error());
    if (auto copied = SqliteBackup(source.get(), copy->get(), file); !copied) return std::unexpected(copied.error());
    // One file, no -wal beside it: the copy is whole on its own.
    if (auto alone = SqliteExec(copy->get(), "PRAGMA journal_mode=DELETE", file); !alone)
      return std::unexpected(alone.error());
  }
  JIGSAW_RETURN_IF_ERROR(SqliteExec(source.get(), "COMMIT", path));
  return state;
}

// --- PostgreSQL's own tools ---

// Runs a program to completion; kUnavailable with what it printed on
// standard error if it cannot start or exits with other than 0.
Status RunTool(const std::vector<std::string>& args) {
  int err[2];
  if (pipe(err) != 0) return Fail(ErrorCode::kUnavailable, "Cannot start " + args[0] + ".");
  std::vector<char*> argv;
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(err[1], STDERR_FILENO);
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    close(err[0]);
    close(err[1]);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(err[1]);
  std::string said;
  char buffer[1024];
  for (ssize_t n; (n = read(err[0], buffer, sizeof buffer)) > 0;) said.append(buffer, static_cast<std::size_t>(n));
  close(err[0]);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) return Fail(ErrorCode::kUnavailable, "Cannot run " + args[0] + ".");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Ok();
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return Fail(ErrorCode::kUnavailable, args[0] + " is not installed (it must be on PATH, the same major version as the server).");
  while (!said.empty() && said.back() == '\n') said.pop_back();
  return Fail(ErrorCode::kUnavailable, args[0] + " failed: " + said);
}

Result<AuditLogState> CopyPostgres(const std::string& url, const std::string& file) {
  auto c = JIGSAW_TRY(postgres::Connect(url));
  // pg_dump reads the snapshot this transaction exports, in which the
  // right edge is read too; the transaction stays open until it is done.
  JIGSAW_RETURN_IF_ERROR(c->ExecuteScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  auto snapshot = JIGSAW_TRY(sql::Query(*c, "SELECT pg_export_snapshot()"));
  auto rows = JIGSAW_TRY(sql::Query(*c, "SELECT size, frontier FROM audit_state WHERE id = 1"));
  if (rows.empty() || snapshot.empty()) return Fail(ErrorCode::kUnavailable, "The audit log state is missing.");
  AuditLogState state{static_cast<std::uint64_t>(rows[0].Int(0)), rows[0].Blob(1)};
  JIGSAW_RETURN_IF_ERROR(RunTool({"pg_dump", "--format=custom", "--snapshot=" + snapshot[0].Text(0),
                                  "--file=" + file, "--dbname=" + url}));
  JIGSAW_RETURN_IF_ERROR(c->ExecuteScript("COMMIT"));
  return state;
}

std::vector<std::string> PostgresTables(sql::Connection& c, Result<std::vector<sql::Row>>& rows) {
  rows = sql::Query(c,
                    "SELECT schemaname, tablename FROM pg_catalog.pg_tables "
                    "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
  std::vector<std::string> out;
  if (rows)
    for (const auto& r : *rows) out.push_back("\"" + r.Text(0) + "\".\"" + r.Text(1) + "\"");
  return out;
}

}  // namespace

Result<AuditLogState> CopyDatabase(const std::string& url, const std::string& file) {
  JIGSAW_RETURN_IF_ERROR(CheckUrl(url));
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return Fail(ErrorCode::kAlreadyExists, file + " already exists.");
  if (IsSqlite(url)) return CopySqlite(url.substr(7), file);
  return CopyPostgres(url, file);
}

Result<Destination> InspectDestination(const std::string& url) {
  JIGSAW_RETURN_IF_ERROR(CheckUrl(url));
  if (IsPostgres(url)) {
    auto c = JIGSAW_TRY(postgres::Connect(url));
    Result<std::vector<sql::Row>> rows;
    const auto tables = PostgresTables(*c, rows);
    if (!rows) return std::unexpected(rows.error());
    return tables.empty() ? Destination::kEmpty : Destination::kHoldsData;
  }
  const std::string path = url.substr(7);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Destination::kAbsent;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) return Destination::kEmpty;
  // Every open connection to a WAL database holds a shared lock on it, so
  // an exclusive lock is refused while a server has it open.
  auto db = JIGSAW_TRY(OpenSqlite(path, SQLITE_OPEN_READWRITE));
  sqlite3_busy_timeout(db.get(), 0);
  if (sqlite3_exec(db.get(), "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    const int code = sqlite3_errcode(db.get()) & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return Destination::kInUse;
    return Fail(ErrorCode::kUnavailable, "SQLite (" + path + "): " + sqlite3_errmsg(db.get()));
  }
  return Destination::kHoldsData;
}

Status RestoreDatabase(const std::string& file, const std::string& url) {
  JIGSAW_RETURN_IF_ERROR(CheckUrl(url));
  if (IsPostgres(url))
    return RunTool({"pg_restore", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
                    "--dbname=" + url, file});
  const std::string path = url.substr(7);
  auto copy = JIGSAW_TRY(OpenSqlite(file, SQLITE_OPEN_READONLY));
  auto target = JIGSAW_TRY(OpenSqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  return SqliteBackup(copy.get(), target.get(), path);
}

Status DropRestoredTables(const std::string& url) {
  if (!IsPostgres(url)) return InvalidArgument("database.url", "Only PostgreSQL restores are undone by dropping tables.");
  auto c = JIGSAW_TRY(postgres::Connect(url));
  Result<std::vector<sql::Row>> rows;
  const auto tables = PostgresTables(*c, rows);
  if (!rows) return std::unexpected(rows.error());
  for (const auto& table : tables) JIGSAW_RETURN_IF_ERROR(c->ExecuteScript("DROP TABLE IF EXISTS " + table + " CASCADE"));
  return Ok();
}

Result<std::vector<SealedHeaders>> SealedHeadersIn(const std::string& url, std::size_t header_bytes) {
  JIGSAW_RETURN_IF_ERROR(CheckUrl(url));
  auto c = JIGSAW_TRY(IsSqlite(url) ? sqlite::Connect(url.substr(7)) : postgres::Connect(url));
  struct Column {
    const char* what;
    const char* table;
    const char* column;
  };
  static constexpr Column kSealed[] = {{"disclosures", "disclosures", "sealed_content"},
                                       {"drafts", "drafts", "sealed_data"},
                                       {"authenticator secrets", "totp_enrolments", "sealed_secret"}};
  std::vector<SealedHeaders> out;
  for (const Column& sealed : kSealed) {
    const std::string prefix = std::string("substr(") + sealed.column + ", 1, " + std::to_string(header_bytes) + ")";
    auto rows = JIGSAW_TRY(sql::Query(*c, "SELECT " + prefix + ", COUNT(*) FROM " + sealed.table + " WHERE " +
                                              sealed.column + " IS NOT NULL GROUP BY " + prefix));
    for (const auto& r : rows) out.push_back({sealed.what, r.Blob(0), r.Int(1)});
  }
  return out;
}

Result<std::vector<std::string>> SealedContentOwnersIn(const std::string& url) {
  JIGSAW_RETURN_IF_ERROR(CheckUrl(url));
  auto c = JIGSAW_TRY(IsSqlite(url) ? sqlite::Connect(url.substr(7)) : postgres::Connect(url));
  // The columns the repositories seal (content_sealing_pass.cpp lists them
  // all); the account and items' text are enough to know whose are there.
  auto rows = JIGSAW_TRY(sql::Query(
      *c,
      "SELECT id FROM concerns WHERE what_happened LIKE $1 "
      "UNION SELECT CASE WHEN concern_id = '' THEN person_id ELSE concern_id END FROM information_items "
      "WHERE text LIKE $1",
      {internal::SealedContentPattern()}));
  if (rows.empty()) return std::vector<std::string>{};  // a copy from before sealing, perhaps without the table
  std::set<std::string> shredded;
  for (const auto& r : JIGSAW_TRY(sql::Query(*c, "SELECT owner_id FROM shredded_keys"))) shredded.insert(r.Text(0));
  std::vector<std::string> out;
  for (const auto& r : rows)
    if (!shredded.contains(r.Text(0))) out.push_back(r.Text(0));
  return out;
}

}  // namespace jigsaw::store
