#include "domain/text.h"

#include <string>

namespace jigsaw::domain {

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and out-of-range code points are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

Status ValidateName(std::string_view field, std::string_view value, std::size_t max_chars) {
  if (!IsValidUtf8(value)) return InvalidArgument(std::string(field), "This is not valid text.");
  bool blank = true;
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f)
      return InvalidArgument(std::string(field), "Remove line breaks and control characters.");
    if (c != ' ') blank = false;
  }
  if (blank) return InvalidArgument(std::string(field), "Enter a value.");
  if (value.size() > max_chars)
    return InvalidArgument(std::string(field),
                           "Use at most " + std::to_string(max_chars) + " characters.");
  return Ok();
}

Status ValidateText(std::string_view field, std::string_view value, std::size_t max_bytes) {
  if (!IsValidUtf8(value)) return InvalidArgument(std::string(field), "This is not valid text.");
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
      return InvalidArgument(std::string(field), "Remove control characters.");
  if (value.size() > max_bytes)
    return InvalidArgument(std::string(field),
                           "Use at most " + std::to_string(max_bytes) + " characters.");
  return Ok();
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace jigsaw::domain
