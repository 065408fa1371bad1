// How linkage reads text that people typed: every Unicode decision (case,
// compatibility forms, accents, other scripts) is ICU's, in one place, so
// that "ZOË O’BRIEN", "Zoe O'Brien" and "zoe obrien" compare equal and a
// name written in Cyrillic or Arabic script meets its Latin spelling.
#pragma once

#include <string>
#include <string_view>

namespace jigsaw::linkage {

// Returns `utf8` folded for matching: NFKC with case folding (which also
// drops default-ignorable code points); then, if anything outside ASCII is
// left, ICU's Any-Latin and Latin-ASCII transforms (so "Jürgen" is
// "jurgen", "Мухаммед" is "muhammed"); then letters and digits are kept,
// apostrophes dropped ("o'brien" is "obrien") and every other run of
// characters (spaces, hyphens, commas) becomes one space, trimmed at both
// ends. Invalid UTF-8 reads as U+FFFD, which is dropped. Thread-safe.
std::string NormaliseText(std::string_view utf8);

}  // namespace jigsaw::linkage
