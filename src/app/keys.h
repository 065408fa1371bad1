// Finding (and, for `jigsaw init`, creating) the server's two keyrings where
// the configuration says, and moving a key that releases before keyrings
// left inside the data directory out of it.
#pragma once

#include <string>
#include <vector>

#include "app/config.h"
#include "app/keyring.h"
#include "common/clock.h"
#include "store/content_keys.h"

namespace jigsaw::app {

struct ServerKeys {
  SigningKeyring signing;
  SealingKeyring sealing;
  std::vector<std::string> changes;  // what was created or moved, for `jigsaw init` to print
};

// Reads both keyrings. With config.audit.create_signing_key (jigsaw init):
// creates a missing one; moves a signing key found at the old default
// place (Config::LegacySigningKeyFile) into the signing keyring and deletes
// it there; and gives a new sealing keyring the key older releases derived
// from a one-seed signing key, so disclosures sealed then still open.
// Without it, a missing keyring fails naming its setting and saying to run
// `jigsaw init`.
Result<ServerKeys> OpenServerKeys(const Config& config, Time now);

// The content key store (Config::ContentKeyFile(), created if missing), its
// keys wrapped by `sealer` (a copy is kept). kUnavailable if it cannot be
// opened.
Result<std::shared_ptr<store::ContentKeys>> OpenContentKeyStore(const Config& config, const access::Sealer& sealer,
                                                                const Clock& clock);

}  // namespace jigsaw::app
