// Internal: seals and opens the content columns of case records under their
// owner's data key (store/content_keys.h), for the repositories of one
// transaction. The owner is the concern (its account, items and their
// versions, body map, attachments' names, closures, tasks, links) or, for
// what is recorded about a person outside a concern, the person.
//
// A sealed value is text, so the columns keep their type on both backends:
//
//   0x1F "cs1:" || base64(nonce (24 bytes) || XChaCha20-Poly1305 ciphertext and tag)
//
// with the owner, the column and the record's id bound as associated data
// (a value moved to another record or column fails to open). Empty text
// stays empty (nothing to hide, and '' keeps meaning "none"). A value
// without the prefix is plaintext from before sealing and reads as it is
// until the sealing pass (SealStoredContent) rewrites it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/content_keys.h"

namespace jigsaw::store::sql {
class Connection;
}  // namespace jigsaw::store::sql

namespace jigsaw::store::internal {

// Whether a stored value is sealed (has the prefix).
bool IsSealedContent(std::string_view stored);
// The first bytes of a sealed blob (SealBytes): 0x1F "cb1", then the nonce
// and ciphertext as they are.
Bytes SealedBytesPrefix();
// The LIKE pattern that matches sealed values (for the sealing pass).
std::string SealedContentPattern();

class ContentCipher {
 public:
  // Without a key store (nullptr) values are stored and read as they are.
  // `database` is the transaction's connection: its shredded_keys and
  // sealed content tell a destroyed record, a new one and a key store that
  // is stale or wrong apart when a key is missing.
  explicit ContentCipher(ContentKeys* keys, sql::Connection* database = nullptr) : keys_(keys), db_(database) {}

  bool enabled() const { return keys_ != nullptr; }

  // The value to store for `plaintext`; the owner's key is made if the
  // owner is new. kFailedPrecondition if the owner was destroyed (shredded
  // or its key destroyed); kUnavailable if the owner has sealed content but
  // no key (the key store is stale or the wrong one: a new key would hide
  // the loss).
  Result<std::string> Seal(const std::string& owner_id, std::string_view column, const std::string& record_id,
                           const std::string& plaintext);
  // The plaintext of a stored value. A sealed value whose owner was
  // destroyed (on the key store's destroyed list or in shredded_keys: a
  // database restored from a backup made before the destruction) reads as
  // empty, exactly as destroyed content does in the live database. Any
  // other missing key is kUnavailable: the key store is stale or the wrong
  // one, and reading the record as destroyed would lose it. kInternal if
  // the key is there but the value does not open (altered or moved).
  Result<std::string> Open(const std::string& owner_id, std::string_view column, const std::string& record_id,
                           const std::string& stored);
  // The same for bytes (an attachment's file, itself already sealed under
  // the keyring: this outer layer is what destroying the concern's key
  // shreds). Empty stays empty; bytes without the prefix read as they are.
  Result<Bytes> SealBytes(const std::string& owner_id, std::string_view column, const std::string& record_id,
                          const Bytes& plain);
  Result<Bytes> OpenBytes(const std::string& owner_id, std::string_view column, const std::string& record_id,
                          const Bytes& stored);
  // Fetches these owners' keys in one look-up, so a list of many records
  // does not ask the key store once per record.
  Status Prefetch(const std::vector<std::string>& owner_ids);
  // Forgets cached keys (their owners' keys may be destroyed after this).
  void Forget() {
    cache_.clear();
    destroyed_.clear();
  }

 private:
  // The cached key (nullptr: none held); valid until the cache changes.
  Result<const Bytes*> Lookup(const std::string& owner_id);
  Result<Bytes> KeyToSeal(const std::string& owner_id);
  // Whether the owner was destroyed (cached per transaction).
  Result<bool> WasDestroyed(const std::string& owner_id);
  // Empty for a destroyed owner, else the error for a missing key.
  Status MissingKey(const std::string& owner_id);
  // Whether the database holds sealed content of the owner's.
  Result<bool> HasSealedContent(const std::string& owner_id);
  Result<Bytes> Encrypt(const Bytes& key, std::string_view ad, std::span<const std::uint8_t> plain);
  // nullopt: the value does not open (altered or moved).
  std::optional<Bytes> Decrypt(const Bytes& key, std::string_view ad, std::span<const std::uint8_t> sealed);

  ContentKeys* keys_;
  sql::Connection* db_;
  std::map<std::string, bool, std::less<>> destroyed_;
  // Per transaction: owner id -> key (nullopt: none held).
  std::map<std::string, std::optional<Bytes>, std::less<>> cache_;
};

}  // namespace jigsaw::store::internal
