// Checks shared by every free-text field a person types.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace jigsaw::domain {

// Valid UTF-8, no control characters, not blank, at most `max_chars` bytes.
Status ValidateName(std::string_view field, std::string_view value, std::size_t max_chars);

// Valid UTF-8; allows newlines and tabs (multi-line notes); at most `max_bytes`.
Status ValidateText(std::string_view field, std::string_view value, std::size_t max_bytes);

bool IsValidUtf8(std::string_view text);

// A-Z to a-z, other bytes unchanged (so byte offsets stay valid): for
// case-insensitive matching of names.
std::string AsciiLower(std::string_view text);

}  // namespace jigsaw::domain
