// Seals a disclosure's content for its recipient organisation at rest:
// XChaCha20-Poly1305 under a key derived (BLAKE2b) from the server's
// secret and the recipient's id, with the disclosure id and recipient bound
// as associated data. A copy of the database alone reveals no disclosure,
// and sealed content moved to another disclosure or recipient fails to open.
#pragma once

#include <string>
#include <string_view>

#include "common/encoding.h"
#include "common/result.h"

namespace jigsaw::access {

class Sealer {
 public:
  // `secret`: 32 bytes kept outside the database (the server key file).
  static Result<Sealer> FromSecret(std::span<const std::uint8_t> secret);

  Bytes Seal(std::string_view plaintext, std::string_view disclosure_id,
             std::string_view recipient_organisation_id) const;
  // kInternal if the content was altered, moved or sealed under another key.
  Result<std::string> Open(std::span<const std::uint8_t> sealed, std::string_view disclosure_id,
                           std::string_view recipient_organisation_id) const;

  // A hex keyed BLAKE2b-256 digest of `text` for `purpose`: the same on
  // every instance with the same secret, and useless without it (a
  // username or an address counted for throttling cannot be read back,
  // nor a mistyped password in the username box guessed at).
  std::string KeyedDigest(std::string_view purpose, std::string_view text) const;

 private:
  Bytes RecipientKey(std::string_view recipient_organisation_id) const;
  Bytes master_;
};

}  // namespace jigsaw::access
