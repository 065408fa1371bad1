// Edit similarity of two strings of bytes (names already folded to ASCII by
// NormaliseText, so a byte is a letter).
#pragma once

#include <string_view>

namespace jigsaw::linkage {

// Jaro-Winkler similarity in [0, 1]: 1 for equal strings, 0 if either is
// empty (and the other not) or nothing matches. The Winkler prefix bonus
// (0.1 a letter, at most 4 letters) applies when the Jaro similarity is
// above 0.7, as in Winkler (1990).
double JaroWinkler(std::string_view a, std::string_view b);

// The Damerau-Levenshtein distance in its restricted form (optimal string
// alignment: insertions, deletions, substitutions and transpositions of
// adjacent letters, no substring edited twice), counted up to `limit`:
// returns `limit + 1` for anything further. limit must be at least 0.
int DamerauLevenshtein(std::string_view a, std::string_view b, int limit);

}  // namespace jigsaw::linkage
