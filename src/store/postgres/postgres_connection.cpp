#include "store/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <cstring>
#include <string>

#include "common/log.h"

namespace jigsaw::store::postgres {
namespace {

// Type OIDs from the server's pg_type catalogue (stable across versions).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23;

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

class PostgresConnection final : public sql::Connection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }

  Result<std::vector<sql::Row>> Query(std::string_view sql,
                                      std::span<const sql::Value> params) override {
    PgResult res(Exec(sql, params));
    JIGSAW_RETURN_IF_ERROR(Check(res.get(), "query"));
    const int rows = PQntuples(res.get()), cols = PQnfields(res.get());
    std::vector<sql::Row> out;
    out.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<sql::Value> values;
      values.reserve(cols);
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res.get(), r, c)) {
          values.emplace_back(nullptr);
          continue;
        }
        const char* text = PQgetvalue(res.get(), r, c);
        switch (PQftype(res.get(), c)) {
          case kInt8Oid:
          case kInt4Oid:
          case kInt2Oid: values.emplace_back(std::int64_t{std::strtoll(text, nullptr, 10)}); break;
          case kBoolOid: values.emplace_back(std::int64_t{text[0] == 't'}); break;
          case kByteaOid: {
            std::size_t len = 0;
            unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &len);
            values.emplace_back(Bytes(raw, raw + len));
            PQfreemem(raw);
            break;
          }
          default: values.emplace_back(std::string(text, PQgetlength(res.get(), r, c)));
        }
      }
      out.emplace_back(std::move(values));
    }
    return out;
  }

  Status QueryEach(std::string_view sql, std::span<const sql::Value> params,
                   const std::function<bool(const sql::RowView&)>& visit) override {
    PgResult res(Exec(sql, params));
    JIGSAW_RETURN_IF_ERROR(Check(res.get(), "query"));
    struct View final : sql::RowView {
      PGresult* r;
      int row = 0;
      mutable std::vector<std::uint8_t> bytes;
      std::int64_t Int(int c) const override {
        const char* t = PQgetvalue(r, row, c);
        if (PQftype(r, c) == kBoolOid) return t[0] == 't';
        return std::strtoll(t, nullptr, 10);
      }
      std::string_view Text(int c) const override {
        return {PQgetvalue(r, row, c), static_cast<std::size_t>(PQgetlength(r, row, c))};
      }
      std::span<const std::uint8_t> Blob(int c) const override {
        std::size_t len = 0;
        unsigned char* raw =
            PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r, row, c)), &len);
        bytes.assign(raw, raw + len);
        PQfreemem(raw);
        return bytes;
      }
    } view;
    view.r = res.get();
    const int rows = PQntuples(res.get());
    for (view.row = 0; view.row < rows; ++view.row)
      if (!visit(view)) break;
    return Ok();
  }

  Result<std::int64_t> Execute(std::string_view sql, std::span<const sql::Value> params) override {
    PgResult res(Exec(sql, params));
    JIGSAW_RETURN_IF_ERROR(Check(res.get(), "execute"));
    const char* n = PQcmdTuples(res.get());
    return std::int64_t{n && *n ? std::strtoll(n, nullptr, 10) : 0};
  }

  Status ExecuteScript(std::string_view sql) override {
    PgResult res(PQexec(conn_, std::string(sql).c_str()));
    return Check(res.get(), "script");
  }

 private:
  PGresult* Exec(std::string_view sql, std::span<const sql::Value> params) {
    const int n = static_cast<int>(params.size());
    std::vector<std::string> text(n);
    std::vector<const char*> values(n);
    std::vector<int> lengths(n), formats(n);
    for (int i = 0; i < n; ++i) {
      const sql::Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) {
        values[i] = nullptr;
      } else if (const auto* num = std::get_if<std::int64_t>(&v)) {
        text[i] = std::to_string(*num);
        values[i] = text[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
        lengths[i] = static_cast<int>(s->size());
      } else if (const auto* b = std::get_if<Bytes>(&v)) {
        values[i] = reinterpret_cast<const char*>(b->data());
        lengths[i] = static_cast<int>(b->size());
        formats[i] = 1;  // binary, so bytes need no escaping
      }
    }
    return PQexecParams(conn_, std::string(sql).c_str(), n, nullptr, values.data(), lengths.data(),
                        formats.data(), 0);
  }

  Status Check(PGresult* res, std::string_view what) {
    const ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Ok();
    if (!ok()) return Fail(ErrorCode::kUnavailable, "The database connection was lost; try again.");
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const std::string code = state ? state : "";
    if (code == "23505") return Fail(ErrorCode::kAlreadyExists, "That record already exists.");
    if (code == "23503")
      return Fail(ErrorCode::kFailedPrecondition, "A record this refers to does not exist.");
    if (code == "40001" || code == "40P01" || code == "55P03")
      return Fail(ErrorCode::kUnavailable, "The database is busy; try again.");
    log::Error("store.postgres_error", {{"during", what}, {"sqlstate", code},
                                        {"message", res ? PQresultErrorMessage(res) : ""}});
    return Internal("A database error occurred.");
  }

  PGconn* conn_;
};

}  // namespace

Result<std::unique_ptr<sql::Connection>> Connect(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message can echo the connection string, which may hold a
    // password; report only that the connection failed.
    log::Error("store.postgres_connect_failed");
    PQfinish(conn);
    return Fail(ErrorCode::kUnavailable, "Cannot connect to the PostgreSQL database.");
  }
  auto c = std::make_unique<PostgresConnection>(conn);
  // Quiet notices (e.g. "table already exists, skipping") and keep times in UTC.
  JIGSAW_RETURN_IF_ERROR(c->ExecuteScript("SET client_min_messages TO warning; SET TIME ZONE 'UTC'"));
  return std::unique_ptr<sql::Connection>(std::move(c));
}

bool Healthy(sql::Connection& connection) {
  auto* pg = dynamic_cast<PostgresConnection*>(&connection);
  return pg != nullptr && pg->ok();
}

}  // namespace jigsaw::store::postgres
