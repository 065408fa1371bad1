// Internal: the repositories written once over sql::Connection, and the
// schema migrations. Used by the SQL store; not part of the public surface.
#pragma once

#include <memory>
#include <tuple>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/content_cipher.h"
#include "store/sql.h"
#include "store/partnership_repository.h"
#include "store/store.h"
#include "store/training_repository.h"
#include "store/governance_repository.h"
#include "store/retention_repository.h"
#include "store/restriction_repository.h"
#include "store/subject_access_repository.h"

namespace jigsaw::store::internal {

// Helpers shared by the repositories.
inline sql::Value Flag(bool b) { return std::int64_t{b ? 1 : 0}; }
inline sql::Value Micros(Time t) { return ToMicros(t); }

// Stored enum names come only from our own writes; an unknown one means the
// database was edited by hand or by a newer version, which we must not guess at.
template <typename E>
Result<E> StoredEnum(const std::string& name, std::string_view column) {
  auto v = ParseEnum<E>(name);
  if (!v) return Internal("Unrecognised value '" + name + "' in " + std::string(column));
  return *v;
}

// A WHERE clause assembled from fixed fragments; values always travel as
// parameters ($1, $2... in the order added).
class Where {
 public:
  // "column = $n" if `value` is not empty (empty means "any").
  void Equals(std::string_view column, const std::string& value) {
    if (!value.empty()) Add(std::string(column) + " = $" + Next(value));
  }
  // "column op $n", e.g. Compare("time >=", t).
  void Compare(std::string_view column_and_operator, sql::Value value) {
    Add(std::string(column_and_operator) + " $" + Next(std::move(value)));
  }
  void Add(const std::string& clause) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += clause;
  }
  // Adds a parameter; returns its number.
  std::string Next(sql::Value v) {
    params_.push_back(std::move(v));
    return std::to_string(params_.size());
  }
  // "$3, $4, $5" for an IN list.
  std::string In(const std::vector<std::string>& values) {
    std::string list;
    for (const auto& v : values) list += (list.empty() ? "$" : ", $") + Next(v);
    return list;
  }
  std::string Limit(std::size_t limit) { return " LIMIT $" + Next(static_cast<std::int64_t>(limit)); }
  const std::string& sql() const { return sql_; }
  std::span<const sql::Value> params() const { return params_; }

 private:
  std::string sql_;
  std::vector<sql::Value> params_;
};

// `content_keys` (may be null: content stored as it is) seals the case
// records' content columns (store/content_cipher.h).
std::unique_ptr<Transaction> NewTransaction(sql::Connection& connection, ContentKeys* content_keys = nullptr);
std::unique_ptr<CaseworkRepository> NewCaseworkRepository(sql::Connection& connection, ContentCipher& cipher);
std::unique_ptr<CaseManagementRepository> NewCaseManagementRepository(sql::Connection& connection,
                                                                      ContentCipher& cipher);
std::unique_ptr<RecordingRepository> NewRecordingRepository(sql::Connection& connection, ContentCipher& cipher);
std::unique_ptr<SignInRepository> NewSignInRepository(sql::Connection& connection);
std::unique_ptr<PartnershipRepository> NewPartnershipRepository(sql::Connection& connection);
std::unique_ptr<LinkingRepository> NewLinkingRepository(sql::Connection& connection);
std::unique_ptr<TrainingRepository> NewTrainingRepository(sql::Connection& connection);
std::unique_ptr<SubjectAccessRepository> NewSubjectAccessRepository(sql::Connection& connection,
                                                                    ContentCipher& cipher);
std::unique_ptr<GovernanceRepository> NewGovernanceRepository(sql::Connection& connection);
std::unique_ptr<RetentionRepository> NewRetentionRepository(sql::Connection& connection);
std::unique_ptr<RestrictionRepository> NewRestrictionRepository(sql::Connection& connection);

struct Migration {
  int version;
  std::string_view name;
  std::string_view sqlite;    // the DDL for SQLite
  std::string_view postgres;  // the same change for PostgreSQL
};

std::span<const Migration> Migrations();

// Applies every migration newer than the database's version. Must run
// inside a write transaction; concurrent callers are serialised.
Status Migrate(sql::Connection& connection);

Result<int> SchemaVersion(sql::Connection& connection);

// How a read-write or read-only transaction starts on each backend.
std::string_view BeginWrite(sql::Dialect dialect);
std::string_view BeginRead(sql::Dialect dialect);

}  // namespace jigsaw::store::internal
