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

}  // namespace jigsaw
