// The content key store over one SQLite file (store/content_keys.h).
#include "store/content_keys.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "common/random.h"
#include "store/sql.h"
#include "store/sqlite/sqlite_connection.h"

namespace jigsaw::store {
namespace {

constexpr std::size_t kKeyBytes = 32;

class SqliteContentKeys final : public ContentKeys {
 public:
  SqliteContentKeys(std::unique_ptr<sql::Connection> c, KeyWrapping wrapping, const Clock& clock)
      : c_(std::move(c)), wrapping_(std::move(wrapping)), clock_(clock) {}

  Result<Bytes> KeyFor(const std::string& owner_id) override {
    std::lock_guard lock(mu_);
    if (auto held = JIGSAW_TRY(FindLocked({owner_id})); held.contains(owner_id)) return held.at(owner_id);
    if (JIGSAW_TRY(DestroyedLocked({owner_id})).contains(owner_id))
      return Fail(ErrorCode::kFailedPrecondition,
                  "This record was destroyed: nothing more can be recorded in it (docs/retention.md).");
    Bytes key = RandomBytes(kKeyBytes);
    // ON CONFLICT: another process may have made the owner's key meanwhile;
    // theirs is kept and read back, so both seal under the same key.
    JIGSAW_TRY(sql::Execute(*c_,
                            "INSERT INTO content_keys (owner_id, wrapped, created_at) VALUES ($1, $2, $3) "
                            "ON CONFLICT (owner_id) DO NOTHING",
                            {owner_id, wrapping_.wrap(key, owner_id), ToMicros(clock_.Now())}));
    auto held = JIGSAW_TRY(FindLocked({owner_id}));
    if (!held.contains(owner_id)) return Fail(ErrorCode::kUnavailable, "The content key store lost a key it wrote.");
    return held.at(owner_id);
  }

  Result<std::map<std::string, Bytes>> Find(const std::vector<std::string>& owner_ids) override {
    std::lock_guard lock(mu_);
    return FindLocked(owner_ids);
  }

  Status Destroy(const std::vector<std::string>& owner_ids) override {
    if (owner_ids.empty()) return Ok();
    std::lock_guard lock(mu_);
    JIGSAW_TRY(sql::Execute(*c_, "BEGIN IMMEDIATE"));
    for (const auto& id : owner_ids) {
      auto done = sql::Execute(*c_, "DELETE FROM content_keys WHERE owner_id = $1", {id});
      if (done)
        done = sql::Execute(*c_,
                            "INSERT INTO destroyed_owners (owner_id, destroyed_at) VALUES ($1, $2) "
                            "ON CONFLICT (owner_id) DO NOTHING",
                            {id, ToMicros(clock_.Now())});
      if (!done) {
        (void)sql::Execute(*c_, "ROLLBACK");
        return std::unexpected(done.error());
      }
    }
    JIGSAW_TRY(sql::Execute(*c_, "COMMIT"));
    // secure_delete has zeroed the rows in the pages; the log still holds
    // the pages as they were, so it is copied in and emptied.
    JIGSAW_RETURN_IF_ERROR(c_->ExecuteScript("PRAGMA wal_checkpoint(TRUNCATE);"));
    return Ok();
  }

  Result<std::set<std::string>> Destroyed(const std::vector<std::string>& owner_ids) override {
    std::lock_guard lock(mu_);
    return DestroyedLocked(owner_ids);
  }

  Result<std::vector<std::string>> Unaccounted(const std::vector<std::string>& owner_ids) override {
    std::lock_guard lock(mu_);
    std::set<std::string> known = JIGSAW_TRY(DestroyedLocked(owner_ids));
    for (auto& id : JIGSAW_TRY(IdsIn("content_keys", owner_ids))) known.insert(std::move(id));
    std::vector<std::string> out;
    for (const auto& id : owner_ids)
      if (!known.contains(id)) out.push_back(id);
    return out;
  }

  Result<std::int64_t> Count() override {
    std::lock_guard lock(mu_);
    auto rows = JIGSAW_TRY(sql::Query(*c_, "SELECT COUNT(*) FROM content_keys"));
    return rows.at(0).Int(0);
  }

  Status BackupTo(const std::string& path) override {
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
      return Fail(ErrorCode::kAlreadyExists, "There is already a file at " + path + ".", "file");
    // Made 0600 first (VACUUM INTO writes into an empty file): the copy
    // holds the wrapped keys.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return Fail(ErrorCode::kUnavailable, "Cannot create " + path + ".", "file");
    ::close(fd);
    std::lock_guard lock(mu_);
    if (auto done = sql::Execute(*c_, "VACUUM INTO $1", {path}); !done) return std::unexpected(done.error());
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
    return Ok();
  }

 private:
  Result<std::set<std::string>> DestroyedLocked(const std::vector<std::string>& owner_ids) {
    return IdsIn("destroyed_owners", owner_ids);
  }

  // Which of these owners have a row in `table` (content_keys or
  // destroyed_owners), in chunks as FindLocked.
  Result<std::set<std::string>> IdsIn(std::string_view table, const std::vector<std::string>& owner_ids) {
    std::set<std::string> out;
    constexpr std::size_t kChunk = 500;
    for (std::size_t start = 0; start < owner_ids.size(); start += kChunk) {
      const std::size_t end = std::min(owner_ids.size(), start + kChunk);
      std::string sql = "SELECT owner_id FROM " + std::string(table) + " WHERE owner_id IN (";
      std::vector<sql::Value> params;
      for (std::size_t i = start; i < end; ++i) {
        sql += (i > start ? ", $" : "$") + std::to_string(i - start + 1);
        params.emplace_back(owner_ids[i]);
      }
      sql += ")";
      for (const auto& row : JIGSAW_TRY(c_->Query(sql, params))) out.insert(row.Text(0));
    }
    return out;
  }

  Result<std::map<std::string, Bytes>> FindLocked(const std::vector<std::string>& owner_ids) {
    std::map<std::string, Bytes> out;
    // In chunks: SQLite allows a few thousand parameters a statement.
    constexpr std::size_t kChunk = 500;
    for (std::size_t start = 0; start < owner_ids.size(); start += kChunk) {
      const std::size_t end = std::min(owner_ids.size(), start + kChunk);
      std::string sql = "SELECT owner_id, wrapped FROM content_keys WHERE owner_id IN (";
      std::vector<sql::Value> params;
      for (std::size_t i = start; i < end; ++i) {
        sql += (i > start ? ", $" : "$") + std::to_string(i - start + 1);
        params.emplace_back(owner_ids[i]);
      }
      sql += ")";
      for (const auto& row : JIGSAW_TRY(c_->Query(sql, params))) {
        Bytes key = JIGSAW_TRY(wrapping_.unwrap(row.Blob(1), row.Text(0)));
        if (key.size() != kKeyBytes) return Internal("A content key is not 32 bytes.");
        out.emplace(row.Text(0), std::move(key));
      }
    }
    return out;
  }

  std::mutex mu_;
  std::unique_ptr<sql::Connection> c_;
  KeyWrapping wrapping_;
  const Clock& clock_;
};

constexpr std::string_view kSchema =
    "CREATE TABLE IF NOT EXISTS content_keys ("
    "  owner_id TEXT PRIMARY KEY,"
    "  wrapped BLOB NOT NULL,"
    "  created_at INTEGER NOT NULL"
    ");"
    // The owners whose keys were destroyed: ids only, so that a missing key
    // can be told apart from a key store that is stale or the wrong one.
    "CREATE TABLE IF NOT EXISTS destroyed_owners ("
    "  owner_id TEXT PRIMARY KEY,"
    "  destroyed_at INTEGER NOT NULL"
    ");";

}  // namespace

Result<std::shared_ptr<ContentKeys>> OpenContentKeys(const std::string& path, KeyWrapping wrapping,
                                                     const Clock& clock) {
  if (path != ":memory:") {
    // Created 0600 before SQLite opens it (its -wal and -shm take the same
    // mode), in a directory of its own kind: the keyrings'.
    std::error_code ec;
    const auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
      std::filesystem::create_directories(dir, ec);
      std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0600);
    if (fd < 0)
      return Fail(ErrorCode::kUnavailable, "Cannot open the content key store at " + path + ".",
                  "keys.content_key_file");
    ::close(fd);
  }
  auto c = JIGSAW_TRY(sqlite::Connect(path));
  JIGSAW_RETURN_IF_ERROR(c->ExecuteScript(kSchema));
  return std::shared_ptr<ContentKeys>(new SqliteContentKeys(std::move(c), std::move(wrapping), clock));
}

}  // namespace jigsaw::store
