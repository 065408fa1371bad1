// A signed-in session. The token itself is never stored: only its BLAKE2b
// digest, so a copy of the database cannot be used to sign in.
#pragma once

#include <string>

#include "common/clock.h"

namespace jigsaw::domain {

struct Session {
  std::string token_digest;  // hex BLAKE2b-256 of the bearer token
  std::string practitioner_id;
  Time created_at{};
  Time last_seen_at{};
  Time expires_at{};  // absolute expiry, whatever the activity
};

}  // namespace jigsaw::domain
