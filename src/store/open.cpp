#include "store/postgres/postgres_connection.h"
#include "store/repositories.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace jigsaw::store {

int LatestSchemaVersion() { return internal::Migrations().back().version; }

Result<std::unique_ptr<Store>> Open(const StoreOptions& options) {
  const std::string& url = options.url;
  if (url.starts_with("sqlite:")) {
    const std::string path = url.substr(7);
    if (path.empty()) return InvalidArgument("database.url", "Give a file path after sqlite:");
    auto store = JIGSAW_TRY(internal::SqlStore::Create(
        "sqlite", [path] { return sqlite::Connect(path); },
        [](sql::Connection&) { return true; }, options.pool_size, options.migrate,
        options.content_keys));
    return std::unique_ptr<Store>(std::move(store));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto store = JIGSAW_TRY(internal::SqlStore::Create(
        "postgresql", [url] { return postgres::Connect(url); }, postgres::Healthy,
        options.pool_size, options.migrate, options.content_keys));
    return std::unique_ptr<Store>(std::move(store));
  }
  return InvalidArgument("database.url",
                         "The database URL must start with sqlite: or postgresql://");
}

}  // namespace jigsaw::store
