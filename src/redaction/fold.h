// Text as a person reads it: what the redaction matches on. Two strings
// that a reader would take for the same word fold to the same bytes:
// case, compatibility forms (fullwidth letters, ligatures), accents and
// their absence, default-ignorable code points (zero-width characters,
// soft hyphens, bidi controls), apostrophe and dash variants, and letters
// from other scripts that look like Latin ones (ICU's confusable
// skeletons). Every folded byte remembers the span of the original text it
// came from, so a match on the folded text withholds exactly the span the
// reader sees. All Unicode knowledge comes from ICU.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jigsaw::redaction {

struct FoldedText {
  std::string text;  // the folded text (UTF-8)
  // For each byte of `text`, the original byte span [begin, end) of the
  // grapheme cluster it came from.
  std::vector<std::uint32_t> begin;
  std::vector<std::uint32_t> end;
};

// Folds `utf8` (which must be valid UTF-8; invalid bytes fold to U+FFFD).
// Per grapheme cluster: NFKC with case folding (which drops default-
// ignorable code points); letters to their confusable skeleton; combining
// marks removed; Latin-ASCII transliteration; decimal digits of any script
// to ASCII digits.
FoldedText Fold(std::string_view utf8);

// The folded text alone, for keys (names, identifiers, month names).
std::string FoldKey(std::string_view utf8);

}  // namespace jigsaw::redaction
