#include "domain/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <vector>

namespace jigsaw::domain {
namespace {

struct CodePoint {
  UChar32 c;
  std::size_t begin, end;
};

std::vector<CodePoint> CodePoints(std::string_view text) {
  std::vector<CodePoint> out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back({c, static_cast<std::size_t>(start), static_cast<std::size_t>(i)});
  }
  return out;
}

// Characters a reader cannot see, or that reorder what they see.
bool Invisible(UChar32 c) {
  const auto type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR ||
         type == U_PARAGRAPH_SEPARATOR || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
         u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL);
}

// ZWNJ and ZWJ between two letters shape Persian, Indic and other scripts.
bool JoinerBetweenLetters(const std::vector<CodePoint>& cps, std::size_t i) {
  if (cps[i].c != 0x200C && cps[i].c != 0x200D) return false;
  return i > 0 && i + 1 < cps.size() && u_isalpha(cps[i - 1].c) && u_isalpha(cps[i + 1].c);
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    // U8_NEXT refuses overlong forms, surrogates and out-of-range values.
    if (c < 0) return false;
  }
  return true;
}

std::string Trim(std::string_view text) {
  const auto cps = CodePoints(text);
  std::size_t first = 0, last = cps.size();
  while (first < last && u_isUWhiteSpace(cps[first].c)) ++first;
  while (last > first && u_isUWhiteSpace(cps[last - 1].c)) --last;
  if (first == last) return {};
  return std::string(text.substr(cps[first].begin, cps[last - 1].end - cps[first].begin));
}

void TrimInPlace(std::string& text) {
  if (!text.empty()) text = Trim(text);
}

void TidyFreeText(std::string& text) {
  if (!IsValidUtf8(text)) return;  // refused by validation, with its field
  const auto cps = CodePoints(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const UChar32 c = cps[i].c;
    if (c == '\r') {
      if (i + 1 < cps.size() && cps[i + 1].c == '\n') continue;
      out.push_back('\n');
      continue;
    }
    if (c == '\n' || c == '\t') {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (Invisible(c) && !JoinerBetweenLetters(cps, i)) continue;
    out.append(text, cps[i].begin, cps[i].end - cps[i].begin);
  }
  text = Trim(out);
}

bool HasWords(std::string_view text) {
  for (const auto& cp : CodePoints(text))
    if (u_isalnum(cp.c)) return true;
  return false;
}

Status ValidateName(std::string_view field, std::string_view value, std::size_t max_chars) {
  if (!IsValidUtf8(value)) return InvalidArgument(std::string(field), "This is not valid text.");
  const auto cps = CodePoints(value);
  for (std::size_t i = 0; i < cps.size(); ++i)
    if (Invisible(cps[i].c) && !JoinerBetweenLetters(cps, i))
      return InvalidArgument(std::string(field),
                             "Remove line breaks, invisible characters and characters that change the direction of text.");
  if (!HasWords(value)) return InvalidArgument(std::string(field), "Enter a value.");
  if (value.size() > max_chars)
    return InvalidArgument(std::string(field),
                           "Use at most " + std::to_string(max_chars) + " characters.");
  return Ok();
}

namespace {

bool BelongsInAName(UChar32 c) {
  if (u_isalpha(c)) return true;
  switch (u_charType(c)) {
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_SPACE_SEPARATOR:
    case U_DASH_PUNCTUATION:
      return true;
    default:
      break;
  }
  // Apostrophes as names are written (O'Brien, N’Dour, Hawai‘i), the full
  // stop of an initial, and the joiners ValidateName allows between letters.
  return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC' || c == U'.' || c == U'\u200C' ||
         c == U'\u200D';
}

}  // namespace

Status ValidatePersonName(std::string_view field, std::string_view value, std::size_t max_chars) {
  JIGSAW_RETURN_IF_ERROR(ValidateName(field, value, max_chars));
  for (const auto& cp : CodePoints(value))
    if (!BelongsInAName(cp.c))
      return InvalidArgument(std::string(field),
                             "Use letters, spaces, hyphens and apostrophes only. Put anything else that helps find the "
                             "child under other details.");
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

Status ValidateRequiredText(std::string_view field, std::string_view value, std::size_t max_bytes,
                            std::string_view if_blank) {
  JIGSAW_RETURN_IF_ERROR(ValidateText(field, value, max_bytes));
  if (!HasWords(value)) return InvalidArgument(std::string(field), std::string(if_blank));
  return Ok();
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace jigsaw::domain
