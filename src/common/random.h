// Cryptographically secure randomness (libsodium) for ids and tokens.
#pragma once

#include <string>

#include "common/encoding.h"

namespace jigsaw {

// Initialises libsodium; call once at start-up (idempotent, thread-safe).
void InitialiseCrypto();

Bytes RandomBytes(std::size_t n);

// A new opaque identifier: 128 random bits as 32 lower-case hex digits.
std::string NewId();

// True if `text` has the form NewId gives (32 lower-case hex digits). Ids
// arrive in paths and bodies from anyone; text of any other form names no
// record and must not be echoed into headers, links or the audit log.
bool IsWellFormedId(std::string_view text);

}  // namespace jigsaw
