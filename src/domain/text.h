// Checks and tidying shared by every text a person types. Names and
// identifiers are trimmed and refused if they hold characters a reader
// cannot see (controls, bidi overrides, zero-width characters), which
// could smuggle a protected name past a reviewer or a redaction; free
// text is trimmed and has those characters removed. The API and the pages
// apply the same rules because both go through the services, which tidy
// every record before they validate it.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace jigsaw::domain {

// Valid UTF-8, no control or invisible characters, not blank, at most
// `max_chars` bytes.
Status ValidateName(std::string_view field, std::string_view value, std::size_t max_chars);

// A name and nothing else, for a field that leaves the organisation as
// typed (an information request's child): ValidateName, and only letters,
// combining marks, spaces, dashes, apostrophes and full stops, in any
// script (ICU's categories). Golden rule 5: an address, phone number or
// email cannot ride along in a name field, where no redaction would
// expect them.
Status ValidatePersonName(std::string_view field, std::string_view value, std::size_t max_chars);

// Valid UTF-8; allows newlines and tabs (multi-line notes); at most `max_bytes`.
Status ValidateText(std::string_view field, std::string_view value, std::size_t max_bytes);

// Free text that must say something: valid, and at least one letter or
// digit in it (a reason made of dots or spaces is no reason).
Status ValidateRequiredText(std::string_view field, std::string_view value, std::size_t max_bytes,
                            std::string_view if_blank = "Enter a value.");

bool IsValidUtf8(std::string_view text);

// White space (any Unicode space) removed from both ends.
std::string Trim(std::string_view text);
void TrimInPlace(std::string& text);

// Free text as stored: trimmed; line breaks as "\n"; controls other than
// tab and newline, bidi controls and zero-width characters removed (a
// joiner between two letters, which some scripts need, is kept).
void TidyFreeText(std::string& text);

// Whether the text has a letter or digit of any script.
bool HasWords(std::string_view text);

// A-Z to a-z, other bytes unchanged (so byte offsets stay valid): for
// case-insensitive matching of ASCII keys such as enum names.
std::string AsciiLower(std::string_view text);

}  // namespace jigsaw::domain
