#include "linkage/phonetic.h"

namespace jigsaw::linkage {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Letters only, "x" spelled "cs" (change 4).
std::string Letters(std::string_view folded) {
  std::string s;
  s.reserve(folded.size() + 2);
  for (char c : folded) {
    if (c == 'x') {
      s += "cs";
    } else if (c >= 'a' && c <= 'z') {
      s.push_back(c);
    }
  }
  return s;
}

// NYSIIS steps 1 and 2: the first and last letters.
void RewriteEnds(std::string& s) {
  auto starts = [&](std::string_view p) { return s.starts_with(p); };
  if (starts("mac")) s.replace(0, 3, "mcc");
  else if (starts("kn")) s.replace(0, 2, "nn");
  else if (starts("k")) s[0] = 'c';
  else if (starts("ph") || starts("pf")) s.replace(0, 2, "ff");
  else if (starts("sch")) s.replace(0, 3, "sss");
  auto ends = [&](std::string_view p) { return s.ends_with(p); };
  if (ends("ee") || ends("ie")) s.replace(s.size() - 2, 2, "y");
  else if (ends("dt") || ends("rt") || ends("rd") || ends("nt") || ends("nd"))
    s.replace(s.size() - 2, 2, "d");
}

// NYSIIS step 5 for the letter at `i` (i >= 1): what it is written as, and
// how many letters it consumes.
std::string_view Translate(const std::string& s, std::size_t i, std::size_t& consumed) {
  auto vowel = [&](std::size_t k) { return k < s.size() && (IsVowel(s[k]) || (k > 0 && s[k] == 'y')); };
  const char c = s[i];
  consumed = 1;
  if (c == 'e' && i + 1 < s.size() && s[i + 1] == 'v') {
    consumed = 2;
    return "af";
  }
  if (vowel(i)) return "a";
  switch (c) {
    case 'q': return "g";
    case 'z': return "s";
    case 'm': return "n";
    case 'k':
      if (i + 1 < s.size() && s[i + 1] == 'n') {
        consumed = 2;
        return "n";
      }
      return "c";
    case 's':
      if (s.compare(i, 3, "sch") == 0) {
        consumed = 3;
        return "sss";
      }
      return "s";
    case 'p':
      if (i + 1 < s.size() && s[i + 1] == 'h') {
        consumed = 2;
        return "ff";
      }
      return "p";
    // NYSIIS writes these as a copy of the letter before, which the key
    // then drops as a repeat: nothing is written.
    case 'h':
      if (!vowel(i - 1) || !vowel(i + 1)) return "";
      return "h";
    case 'w':
      if (vowel(i - 1)) return "";
      return "w";
    default: return std::string_view(&s[i], 1);
  }
}

}  // namespace

std::string PhoneticKey(std::string_view folded_name) {
  std::string s = Letters(folded_name);
  if (s.empty()) return {};
  RewriteEnds(s);
  std::string key(1, IsVowel(s[0]) ? 'a' : s[0]);  // change 2
  for (std::size_t i = 1; i < s.size();) {
    std::size_t consumed = 1;
    const std::string_view written = Translate(s, i, consumed);
    for (char w : written)
      if (key.back() != w) key.push_back(w);
    i += consumed;
  }
  if (key.size() > 1 && key.back() == 's') key.pop_back();
  if (key.size() > 2 && key.ends_with("ay")) key.replace(key.size() - 2, 2, "y");
  if (key.size() > 1 && key.back() == 'a') key.pop_back();
  return key;
}

}  // namespace jigsaw::linkage
