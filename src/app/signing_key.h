// The audit log's Ed25519 signing key lives in a file of its own (mode
// 0600), not in the database: someone who can edit the database must not
// also be able to re-sign a forged log. Its public half is published.
#pragma once

#include <string>

#include "audit/tree_head.h"
#include "common/result.h"

namespace jigsaw::app {

// Loads the key; if the file does not exist and `create` is set, makes a
// new one. Fails (field "audit.signing_key_file") if it cannot be read,
// is malformed, or is missing and `create` is not set.
Result<audit::SigningKey> LoadSigningKey(const std::string& path, bool create);

}  // namespace jigsaw::app
