// A generated corpus of the ways people write a protected person's details,
// for testing golden rule 5 as an adversary would. Each category is one
// function from a person to spellings of something that identifies them;
// a spelling is placed in a sentence and must not reach the recipient.
//
// To add a category: write a function `std::vector<Spelling> F(const
// Person&)` (return nothing when the person lacks the detail) and add it
// to kCategories in adversarial.cpp with its name. Every person of the
// corpus is run through every category, so one function covers every
// position in the relationship graph.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/person.h"

namespace jigsaw::testing {

// How a leak of a spelling is recognised in what the recipient reads,
// besides the spelling itself appearing: the folded name part as a word
// or inside one, its digits in order, or its letters and digits in order.
enum class LeakCheck { kNamePart, kDigits, kCompact, kVerbatim };

struct Spelling {
  std::string text;   // as written in the note
  std::string core;   // what must not survive (for kNamePart: one name part)
  LeakCheck check = LeakCheck::kVerbatim;
};

struct Variant {
  std::string category;
  std::string person;  // which protected person (their given name, for messages)
  std::string sentence;  // the note that carries it
  Spelling spelling;
};

// Every category for every person, each spelling in a sentence chosen by
// `seed` from templates that name no one.
std::vector<Variant> AdversarialCorpus(const std::vector<domain::Person>& people, std::uint64_t seed);

// The names of the categories, for reports.
std::vector<std::string> AdversarialCategories();

// Whether `output` (what the recipient reads, HTML unescaped or JSON
// string values) still carries the spelling: empty if not, else why.
std::string FindLeak(const std::string& output, const Spelling& spelling);

}  // namespace jigsaw::testing
