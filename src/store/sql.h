// The narrow driver interface the shared repositories are written against.
// Statements use PostgreSQL-style numbered parameters ($1, $2...); the
// SQLite driver binds them by name, so one SQL text serves both backends.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/encoding.h"
#include "common/result.h"

namespace jigsaw::store::sql {

using Value = std::variant<std::nullptr_t, std::int64_t, std::string, Bytes>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  bool IsNull(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  std::int64_t Int(std::size_t i) const;
  const std::string& Text(std::size_t i) const;
  const Bytes& Blob(std::size_t i) const;
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

// A row seen in passing: its values are valid only during the visit. For
// scans of many rows, where copying each into a Row would dominate.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual std::int64_t Int(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
  virtual std::span<const std::uint8_t> Blob(int column) const = 0;
};

enum class Dialect { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement that returns rows.
  virtual Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a statement; returns the number of rows changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a statement and calls `visit` for each row until it returns false.
  virtual Status QueryEach(std::string_view sql, std::span<const Value> params,
                           const std::function<bool(const RowView&)>& visit) = 0;
  // Runs one or more statements with no parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;
};

inline Result<std::vector<Row>> Query(Connection& c, std::string_view sql,
                                      std::initializer_list<Value> params = {}) {
  return c.Query(sql, std::span<const Value>(params.begin(), params.size()));
}
inline Result<std::int64_t> Execute(Connection& c, std::string_view sql,
                                    std::initializer_list<Value> params = {}) {
  return c.Execute(sql, std::span<const Value>(params.begin(), params.size()));
}

}  // namespace jigsaw::store::sql
