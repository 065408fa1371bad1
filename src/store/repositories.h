// Internal: the repositories written once over sql::Connection, and the
// schema migrations. Used by the SQL store; not part of the public surface.
#pragma once

#include <memory>
#include <tuple>
#include <span>
#include <string_view>

#include "store/sql.h"
#include "store/store.h"

namespace jigsaw::store::internal {

std::unique_ptr<Transaction> NewTransaction(sql::Connection& connection);
std::unique_ptr<CaseworkRepository> NewCaseworkRepository(sql::Connection& connection);

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
