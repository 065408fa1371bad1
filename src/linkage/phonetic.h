// A phonetic key for names, so that spellings of one name that differ by
// transliteration or by ear (Mohammed, Muhammad, Mohamed; Aisha, Ayesha;
// Yusuf, Yousef; Zainab, Zaynab) share a key.
#pragma once

#include <string>
#include <string_view>

namespace jigsaw::linkage {

// Returns the phonetic key of a name already folded by NormaliseText
// (lower-case ASCII letters; anything else is skipped), or "" if it has no
// letters. The key is NYSIIS (R. L. Taft, "Name Search Techniques", New
// York State Identification and Intelligence System, 1970) with four
// changes for transliterated names, documented in docs/linkage.md:
//  1. not truncated to six letters;
//  2. a leading vowel is written "a" (Ibrahim and Ebrahim, Omar and Umar);
//  3. "y" after the first letter is a vowel (Ayesha and Aisha);
//  4. "x" is read as "cs" (Alexander and Aleksandr come closer).
std::string PhoneticKey(std::string_view folded_name);

}  // namespace jigsaw::linkage
