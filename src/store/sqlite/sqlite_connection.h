// SQLite backend: one file, WAL journal, foreign keys on, a busy timeout so
// writers queue rather than fail, and full fsync on commit for durability.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace jigsaw::store::sqlite {

// Opens (creating if needed) the database file at `path`.
// Fails with kUnavailable if it cannot be opened.
Result<std::unique_ptr<sql::Connection>> Connect(const std::string& path);

}  // namespace jigsaw::store::sqlite
