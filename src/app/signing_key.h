// The audit log's current signing key, for callers that need only it (see
// app/keyring.h for the keyrings themselves).
#pragma once

#include <string>

#include "app/keyring.h"

namespace jigsaw::app {

// The key that signs new heads: the newest in the signing keyring at
// `path`; if the file does not exist and `create` is set, makes a keyring
// with one new key. Fails (field "audit.signing_key_file") if it cannot be
// read, is malformed, or is missing and `create` is not set.
Result<audit::SigningKey> LoadSigningKey(const std::string& path, bool create);

}  // namespace jigsaw::app
