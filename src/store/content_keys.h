// The content key store: one random data key per concern (and per person,
// for what is recorded about them outside a concern), kept apart from the
// database, so that destroying a key makes every copy of the content it
// sealed unreadable: the live database, its backups, replicas and
// PostgreSQL's WAL archive (docs/retention.md, "Crypto-shredding").
//
// Keys are stored wrapped (sealed by the server's sealing keyring, which
// the caller supplies as a KeyWrapping), in a small SQLite file of their
// own beside the keyrings whatever the main backend is, mode 0600, with
// secure_delete on: a destroyed key's bytes are zeroed in the file and the
// write-ahead log is emptied. The database never holds a key.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/encoding.h"
#include "common/result.h"

namespace jigsaw::store {

// How data keys are wrapped at rest. `wrap` seals a key for its owner id;
// `unwrap` opens it (kInternal if altered, moved to another owner, or sealed
// under a key the keyring no longer holds).
struct KeyWrapping {
  std::function<Bytes(std::span<const std::uint8_t> key, std::string_view owner_id)> wrap;
  std::function<Result<Bytes>(std::span<const std::uint8_t> wrapped, std::string_view owner_id)> unwrap;
};

class ContentKeys {
 public:
  virtual ~ContentKeys() = default;
  // The owner's data key (32 bytes), made and kept first if it has none.
  // Fails kFailedPrecondition for an owner whose key was destroyed (a key
  // made again would seal new content only for the next compaction to
  // shred it), kUnavailable if the key store cannot be written.
  virtual Result<Bytes> KeyFor(const std::string& owner_id) = 0;
  // The keys held for these owners, by owner id; an owner whose key was
  // never made, or was destroyed, is absent. One query for the lot.
  virtual Result<std::map<std::string, Bytes>> Find(const std::vector<std::string>& owner_ids) = 0;
  // Destroys these owners' keys (those held; destroying twice is not an
  // error) and lists the owners as destroyed (their ids only), then
  // compacts the file so no copy of their bytes remains in it.
  virtual Status Destroy(const std::vector<std::string>& owner_ids) = 0;
  // Which of these owners are listed as destroyed. A missing key is an
  // error unless its owner was destroyed: the list tells a destroyed
  // record from a key store that is stale or not the right one.
  virtual Result<std::set<std::string>> Destroyed(const std::vector<std::string>& owner_ids) = 0;
  // Which of these owners have neither a key nor a place on the destroyed
  // list (keys are not unwrapped).
  virtual Result<std::vector<std::string>> Unaccounted(const std::vector<std::string>& owner_ids) = 0;
  // How many keys are held.
  virtual Result<std::int64_t> Count() = 0;
  // Writes a consistent copy of the key store to the new file `path`
  // (kAlreadyExists if it exists). The copy holds keys still wrapped.
  virtual Status BackupTo(const std::string& path) = 0;
};

// Opens (creating, mode 0600, if needed) the key store file at `path`;
// ":memory:" keeps the keys in memory only (tests). kUnavailable if the file
// cannot be opened.
Result<std::shared_ptr<ContentKeys>> OpenContentKeys(const std::string& path, KeyWrapping wrapping, const Clock& clock);

}  // namespace jigsaw::store
