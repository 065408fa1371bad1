#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "common/log.h"

namespace jigsaw::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 10000;

Error ToError(sqlite3* db, int rc, std::string_view what) {
  const int primary = rc & 0xff;
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return Error{ErrorCode::kAlreadyExists, "That record already exists.", {}};
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    return Error{ErrorCode::kFailedPrecondition, "A record this refers to does not exist.", {}};
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Error{ErrorCode::kUnavailable, "The database is busy; try again.", {}};
  // The SQLite message names tables and columns, not data values; log it
  // for operators but show the user only a generic message.
  log::Error("store.sqlite_error", {{"during", what}, {"message", sqlite3_errmsg(db)}});
  return Error{ErrorCode::kInternal, "A database error occurred.", {}};
}

class SqliteConnection final : public sql::Connection {
 public:
  struct View final : sql::RowView {
    sqlite3_stmt* s = nullptr;
    std::int64_t Int(int c) const override { return sqlite3_column_int64(s, c); }
    std::string_view Text(int c) const override {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
      return {p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(s, c))};
    }
    std::span<const std::uint8_t> Blob(int c) const override {
      const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(s, c));
      return {p, static_cast<std::size_t>(sqlite3_column_bytes(s, c))};
    }
  };

  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, p] : statements_) sqlite3_finalize(p.stmt);
    sqlite3_close_v2(db_);
  }

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }

  Result<std::vector<sql::Row>> Query(std::string_view sql,
                                      std::span<const sql::Value> params) override {
    std::vector<sql::Row> rows;
    sqlite3_stmt* current = nullptr;
    JIGSAW_RETURN_IF_ERROR(QueryEach(sql, params, [&](const sql::RowView& view) {
      current = static_cast<const View&>(view).s;
      const int n = sqlite3_column_count(current);
      std::vector<sql::Value> values;
      values.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(current, i)) {
          case SQLITE_NULL: values.emplace_back(nullptr); break;
          case SQLITE_INTEGER: values.emplace_back(std::int64_t{view.Int(i)}); break;
          case SQLITE_BLOB: {
            const auto b = view.Blob(i);
            values.emplace_back(Bytes(b.begin(), b.end()));
            break;
          }
          default: values.emplace_back(std::string(view.Text(i)));
        }
      }
      rows.emplace_back(std::move(values));
      return true;
    }));
    return rows;
  }

  Status QueryEach(std::string_view sql, std::span<const sql::Value> params,
                   const std::function<bool(const sql::RowView&)>& visit) override {
    sqlite3_stmt* stmt = JIGSAW_TRY(Prepare(sql, params));
    View view;
    view.s = stmt;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        auto err = ToError(db_, sqlite3_extended_errcode(db_), "query");
        sqlite3_reset(stmt);
        return std::unexpected(err);
      }
      if (!visit(view)) break;
    }
    sqlite3_reset(stmt);
    return Ok();
  }

  Result<std::int64_t> Execute(std::string_view sql, std::span<const sql::Value> params) override {
    sqlite3_stmt* stmt = JIGSAW_TRY(Prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      auto err = ToError(db_, sqlite3_extended_errcode(db_), "execute");
      sqlite3_reset(stmt);
      return std::unexpected(err);
    }
    sqlite3_reset(stmt);
    return std::int64_t{sqlite3_changes(db_)};
  }

  Status ExecuteScript(std::string_view sql) override {
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(ToError(db_, sqlite3_extended_errcode(db_), "script"));
    return Ok();
  }

 private:
  // A statement prepared once per connection and reused (preparing is most
  // of the cost of a small query), with where each numbered parameter
  // ($1, $2...) binds, found once rather than by name on every call.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index_of;  // [i] is the bind index of $(i+1), 0 if unused
  };

  Result<Prepared*> Find(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return &it->second;
    Prepared p;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &p.stmt, nullptr);
    if (rc != SQLITE_OK) return std::unexpected(ToError(db_, rc, "prepare"));
    const int count = sqlite3_bind_parameter_count(p.stmt);
    for (int j = 1; j <= count; ++j) {
      const char* name = sqlite3_bind_parameter_name(p.stmt, j);
      if (!name || name[0] != '$') continue;
      const std::size_t n = std::strtoul(name + 1, nullptr, 10);
      if (n == 0) continue;
      if (p.index_of.size() < n) p.index_of.resize(n, 0);
      p.index_of[n - 1] = j;
    }
    return &statements_.emplace(std::string(sql), p).first->second;
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql, std::span<const sql::Value> params) {
    const Prepared* p = JIGSAW_TRY(Find(sql));
    sqlite3_stmt* stmt = p->stmt;
    sqlite3_clear_bindings(stmt);
    // SQLITE_STATIC: `params` outlives every step of this call, and the
    // next call clears the bindings before anything reads them.
    const std::size_t bound = std::min(params.size(), p->index_of.size());
    for (std::size_t i = 0; i < bound; ++i) {
      const int index = p->index_of[i];
      if (index == 0) continue;  // the statement does not use this parameter
      const sql::Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Bytes>(&v)) {
        // An empty vector may have no buffer, which SQLite would bind as NULL.
        rc = b->empty() ? sqlite3_bind_zeroblob(stmt, index, 0)
                        : sqlite3_bind_blob64(stmt, index, b->data(), b->size(), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) return std::unexpected(ToError(db_, rc, "bind"));
    }
    return stmt;
  }

  // Looked up by string_view without building a std::string per call.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, Prepared, TextHash, std::equal_to<>> statements_;
};

}  // namespace

Result<std::unique_ptr<sql::Connection>> Connect(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Fail(ErrorCode::kUnavailable, "Cannot open the SQLite database: " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto connection = std::make_unique<SqliteConnection>(db);
  // FULL makes every commit durable (fsync of the WAL) before we answer.
  // secure_delete zeroes the space a deleted or rewritten row leaves, so
  // destroyed content (docs/retention.md) is not left in free pages.
  JIGSAW_RETURN_IF_ERROR(connection->ExecuteScript(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; "
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA mmap_size=2147418112;"));
  return std::unique_ptr<sql::Connection>(std::move(connection));
}

}  // namespace jigsaw::store::sqlite
