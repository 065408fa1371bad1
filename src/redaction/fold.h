// Text as a person reads it: what the redaction matches on. Two strings
// that a reader would take for the same word fold to the same bytes:
// case, compatibility forms (fullwidth letters, ligatures), accents and
// other marks and their absence, default-ignorable code points
// (zero-width characters, soft hyphens, bidi controls), decorations
// (emoji, tatweel), apostrophe and dash variants, letter-like symbols, and
// either letters from other scripts that look like Latin ones (ICU's
// confusable skeletons) or the same name written in another script (ICU's
// transliteration to Latin): the two views below. Every folded byte
// remembers the span of the original text it came from, so a match on the
// folded text withholds exactly the span the reader sees. All Unicode
// knowledge comes from ICU.
#pragma once

#include <cstdint>
#include <optional>
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

// The two readings of a text. kLooks: as it looks ("Dоreen" with a
// Cyrillic о is "doreen"). kSounds: as it reads in Latin letters
// ("Ольга" is "ol'ga", "Dorεεn" with Greek epsilons is "doreen").
enum class View : std::uint8_t { kLooks, kSounds };

// Folds `utf8` (invalid bytes fold to U+FFFD). Per grapheme cluster:
// letter-like symbols to their letter; decorations dropped; NFKC with case
// folding (which drops default-ignorable code points); decimal digits of
// any script to ASCII digits; then for kLooks letters to their confusable
// skeleton, for kSounds any script transliterated to Latin; marks removed;
// Latin-ASCII.
FoldedText Fold(std::string_view utf8, View view = View::kLooks);

// The folded text alone, for keys (names, identifiers, month names).
std::string FoldKey(std::string_view utf8, View view = View::kLooks);

}  // namespace jigsaw::redaction
