// The server's keys, each kind in a file of its own, never in the database:
// the audit signing keys (Ed25519; the newest signs tree heads, older ones
// still verify what they signed) and the disclosure sealing keys (the
// newest seals, older ones still open). Whoever copies the database alone
// must get neither: the signing key would let them re-sign a rewritten log,
// the sealing key would open every disclosure. A witness keeps its own
// signing keyring in the same format.
//
// A keyring file (mode 0600) has one key a line, oldest first:
//
//   # comment
//   KEY_ID CREATED SECRET_HEX
//
// e.g. "3f2a9c0e1b7d4a58 2026-11-24T09:00:00Z 9c1e...". A signing key file
// from before keyrings (one line of 64 hex digits) still reads as a keyring
// of that one key.
#pragma once

#include <string>
#include <vector>

#include "access/sealing.h"
#include "audit/tree_head.h"
#include "common/clock.h"
#include "common/result.h"

namespace jigsaw::app {

struct SigningKeyring {
  std::vector<audit::SigningKey> keys;  // oldest first; the last signs
  std::vector<Time> created;            // per key; zero when not recorded
  bool single_seed_file = false;        // the file is the older one-seed format
  const audit::SigningKey& current() const { return keys.back(); }
  audit::TrustedKeys trusted() const;
};

struct SealingKeyring {
  std::vector<access::SealingKey> keys;  // oldest first; the last seals
  std::vector<Time> created;
};

// Read a keyring. kNotFound if the file does not exist; kInvalidArgument
// (on `field`) if it cannot be read or is malformed.
Result<SigningKeyring> ReadSigningKeyring(const std::string& path, std::string_view field);
Result<SealingKeyring> ReadSealingKeyring(const std::string& path, std::string_view field);

// Writes a new keyring file holding these keys; fails with kAlreadyExists
// if the file exists (two processes racing to create it cannot both win).
// Creates the directory (mode 0700) if needed.
Status CreateSigningKeyring(const std::string& path, const std::vector<audit::SigningKey>& keys, Time now);
Status CreateSealingKeyring(const std::string& path, const std::vector<access::SealingKey>& keys, Time now);

// Adds a new key to an existing keyring, which then signs (or seals);
// the file is replaced atomically. Returns the new key.
Result<audit::SigningKey> RotateSigningKey(const std::string& path, Time now);
Result<access::SealingKey> RotateSealingKey(const std::string& path, Time now);

}  // namespace jigsaw::app
