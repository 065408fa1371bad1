// Seals a disclosure's content (and a practitioner's draft) for its
// recipient at rest: XChaCha20-Poly1305 under a key derived (BLAKE2b) from a
// sealing key and the recipient's id, with the disclosure id and recipient
// bound as associated data. A copy of the database alone reveals no
// disclosure, and sealed content moved to another disclosure or recipient
// fails to open.
//
// Sealing keys live in a keyring of their own, apart from the audit
// signing key: the newest seals, every key kept opens what it sealed. Each
// sealed blob names its key inside a small versioned header:
//
//   "JS" 0x02 || key id (8 bytes) || nonce (24 bytes) || ciphertext and tag
//
// Blobs sealed before key ids (nonce || ciphertext, under a key derived
// from the audit signing seed) still open: they are tried with every key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/encoding.h"
#include "common/result.h"

namespace jigsaw::access {

struct SealingKey {
  std::string id;  // 16 hex digits, derived from the secret (it reveals nothing of it)
  Bytes secret;    // 32 bytes
  bool operator==(const SealingKey&) const = default;
};

class Sealer {
 public:
  // A key from its 32 secret bytes (kInvalidArgument otherwise).
  static Result<SealingKey> KeyFromSecret(std::span<const std::uint8_t> secret);
  // A new random key.
  static SealingKey NewKey();
  // The key releases before key ids derived from the audit signing seed
  // (one way: holding it gives nothing of the seed), to open what they sealed.
  static SealingKey LegacyKey(std::span<const std::uint8_t> signing_seed);

  // `keys` oldest first: the last seals, all open. Fails if empty.
  static Result<Sealer> FromKeys(std::vector<SealingKey> keys);
  // One key derived from a 32-byte secret as LegacyKey does.
  static Result<Sealer> FromSecret(std::span<const std::uint8_t> secret);

  const std::string& current_key_id() const { return keys_.back().id; }

  Bytes Seal(std::string_view plaintext, std::string_view disclosure_id,
             std::string_view recipient_organisation_id) const;
  // kInternal if the content was altered, moved, or sealed under a key that
  // is not in the keyring.
  Result<std::string> Open(std::span<const std::uint8_t> sealed, std::string_view disclosure_id,
                           std::string_view recipient_organisation_id) const;

  // The id of the key a blob names; empty for blobs sealed before key ids.
  static std::string KeyIdOf(std::span<const std::uint8_t> sealed);
  // The same from only a blob's first kHeaderBytes (as a restore reads
  // them from the database, to check the keyring has every key it names).
  static constexpr std::size_t kHeaderBytes = 11;
  static std::string KeyIdOfHeader(std::span<const std::uint8_t> header);
  // A hex keyed BLAKE2b-256 digest of `text` for `purpose`: the same on
  // every instance with the same newest sealing key, and useless without it (a
  // username or an address counted for throttling cannot be read back,
  // nor a mistyped password in the username box guessed at).
  std::string KeyedDigest(std::string_view purpose, std::string_view text) const;

 private:
  std::vector<SealingKey> keys_;
};

}  // namespace jigsaw::access
