// Golden rule 5: before information leaves the organisation, the identities
// of protected people are removed from everything the recipient will read.
// Matching ignores case (ASCII) and removes the full name before its parts,
// so "Mrs Jane Doe" becomes "Mrs [name withheld]", not "Mrs [..] [..]".
#pragma once

#include <string>
#include <vector>

#include "domain/person.h"

namespace jigsaw::domain {

inline constexpr std::string_view kNameWithheld = "[name withheld]";
inline constexpr std::string_view kDetailWithheld = "[detail withheld]";

class Redactor {
 public:
  // Removes the person's names and identifiers. For the child a disclosure
  // is about (who must be identified to be helped) pass `identity = false`:
  // only where they live is withheld.
  void Protect(const Person& person, bool identity = true);

  // The text with every protected name and identifier replaced.
  std::string Redact(std::string_view text) const;
  // How many replacements Redact made in total since construction.
  int count() const { return count_; }
  bool empty() const { return terms_.empty(); }

 private:
  struct Term {
    std::string lower;
    std::string_view replacement;
  };
  void Add(const std::string& term, std::string_view replacement, std::size_t min_size);
  std::vector<Term> terms_;  // longest first
  mutable int count_ = 0;
};

}  // namespace jigsaw::domain
