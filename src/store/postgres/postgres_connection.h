// PostgreSQL backend over libpq: parameters are always sent separately from
// the SQL text (never interpolated), and connection loss is reported as
// kUnavailable so the pool drops the connection.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace jigsaw::store::postgres {

// Connects with a libpq connection URI (postgresql://user@host:port/db).
// Fails with kUnavailable if the server cannot be reached.
Result<std::unique_ptr<sql::Connection>> Connect(const std::string& url);

// Whether the connection is still usable after an error.
bool Healthy(sql::Connection& connection);

}  // namespace jigsaw::store::postgres
