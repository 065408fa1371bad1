// Properties of the redaction over many generated cases, and how much it
// withholds by mistake:
// - random protected people, with names from several cultures and scripts,
//   in random sentences: no folded protected name part survives;
// - ordinary safeguarding notes that name no protected person
//   (data/ordinary_notes.txt) against fifty protected people: the share of
//   words withheld is reported, and must stay under 1%.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "redaction/fold.h"
#include "redaction/redactor.h"

namespace jigsaw::redaction {
namespace {

// Names as people in England are named: several cultures, several scripts.
const std::vector<std::string> kGivenNames = {
    "Oliver", "Amelia", "Harry", "Isla", "Mohammed", "Fatima", "Aisha", "Priya", "Wei", "Kwame", "Siobh\xC3\xA1n",
    "Agnieszka", "Zo\xC3\xAB", "Jos\xC3\xA9", "Bj\xC3\xB6rn", "Chlo\xC3\xA9", "Ngozi", "Tariq", "Yusuf", "Mei",
    "\xD0\x9E\xD0\xBB\xD0\xB5\xD0\xB3",                      // Олег
    "\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0",                      // Анна
    "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF",                      // محمد
    "\xCE\x9D\xCE\xAF\xCE\xBA\xCE\xBF\xCF\x82",              // Νίκος
    "\xE0\xA4\xAA\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE",  // प्रिया
    "\xE5\xB0\x8F\xE6\x98\x8E",                              // 小明
};
const std::vector<std::string> kFamilyNames = {
    "Hargreaves", "Okonkwo", "Nowak", "Patel", "Khan", "O\xE2\x80\x99" "Brien", "MacDonald", "Fern\xC3\xA1ndez",
    "M\xC3\xBCller", "Nguyen", "Kowalczyk", "Mensah", "Begum", "Ashworth-Lane", "D\xC3\xAD" "az", "Achterberg",
    "\xD0\x9F\xD0\xB5\xD1\x82\xD1\x80\xD0\xBE\xD0\xB2",      // Петров
    "\xD8\xAD\xD8\xB3\xD9\x8A\xD9\x86",                      // حسين
    "\xCE\xA0\xCE\xB1\xCF\x80\xCE\xB1\xCE\xB4\xCF\x8C\xCF\x80\xCE\xBF\xCF\x85\xCE\xBB\xCE\xBF\xCF\x82",  // Παπαδόπουλος
    "\xE7\x8E\x8B",                                          // 王
};
const std::vector<std::string> kTemplates = {
    "{} came to the door and was angry.",   "We were told that {} had moved in.", "Contact with {} must be supervised.",
    "({}) was present at the meeting.",     "{}: no further information.",       "Letter from {} received today.",
    "Mum said {} would look after them.",   "The child drew a picture of {}.",
};

std::string Place(const std::string& tmpl, const std::string& name) {
  std::string out = tmpl;
  out.replace(out.find("{}"), 2, name);
  return out;
}

// The folded words of a text: runs between ASCII spaces and punctuation.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : FoldKey(text) + " ") {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return out;
}

TEST(RedactionProperties, NoFoldedProtectedNamePartSurvives) {
  std::mt19937_64 random(42);
  int cases = 0;
  for (int round = 0; round < 400; ++round) {
    domain::Person p;
    p.id = "p";
    p.given_name = kGivenNames[random() % kGivenNames.size()];
    p.family_name = kFamilyNames[random() % kFamilyNames.size()];
    p.is_protected = true;
    const ProtectedPerson people[] = {{p, Protection::kIdentity, Treatment::kWithhold}};
    const Redactor redactor(people);
    // The whole name, each part, and upper case, in a random sentence.
    std::vector<std::string> spellings = {p.given_name + " " + p.family_name, p.family_name + ", " + p.given_name,
                                          p.given_name, p.family_name};
    for (const auto& spelling : spellings) {
      const std::string text = Place(kTemplates[random() % kTemplates.size()], spelling);
      const std::string out = redactor.Redact(text).text;
      ++cases;
      const auto output_words = Words(out);
      for (const auto& name : {p.given_name, p.family_name})
        for (const auto& part : Words(name)) {
          if (part.size() < 2) continue;
          for (const auto& w : output_words)
            EXPECT_EQ(w.find(part), std::string::npos) << "'" << part << "' survives in: " << out << " (from: " << text << ")";
        }
    }
  }
  EXPECT_EQ(cases, 1600);
}

// Fifty protected people as a school might hold them: common names, many
// of them also words ("Brown", "Green"), living in the same town as the
// children in the notes.
std::vector<ProtectedPerson> FiftyProtectedPeople() {
  const std::vector<std::string> given = {"Jessica", "Oscar", "Poppy", "Thomas", "Isabella", "Jacob", "Lily", "Noah",
                                          "Sophia", "Leo", "Aaliyah", "Hamza", "Zainab", "Krzysztof", "Chidi",
                                          "Roisin", "Megan", "Ryan", "Chloe", "Kieran", "Danielle", "Stacey", "Wayne",
                                          "Gemma", "Lee"};
  const std::vector<std::string> family = {"Brown", "Green", "Wilson", "Taylor", "Wright", "Walker", "Robinson",
                                           "Thompson", "White", "Hughes", "Edwards", "Hall", "Lewis", "Harris",
                                           "Clarke", "Jackson", "Ahmed", "Singh", "Kowalski", "Murphy", "Kelly",
                                           "Wood", "Turner", "Hill", "Moore"};
  const std::vector<std::string> streets = {"Mill Lane", "Station Road", "Church Street", "Park View", "Victoria Road",
                                            "Oak Avenue", "Canal Side", "Market Street", "Elm Grove", "High Street"};
  std::vector<ProtectedPerson> out;
  for (int i = 0; i < 50; ++i) {
    domain::Person p;
    p.id = "p" + std::to_string(i);
    p.given_name = given[static_cast<std::size_t>(i) % given.size()];
    p.family_name = family[static_cast<std::size_t>(i * 7) % family.size()];
    p.address = std::to_string(i + 3) + " " + streets[static_cast<std::size_t>(i) % streets.size()] + "\nBrackenford";
    p.postcode = "BF" + std::to_string(1 + i % 9) + " " + std::to_string(i % 10) + "QX";
    p.date_of_birth = std::to_string(1970 + i) + "-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
    p.is_protected = true;
    out.push_back({p, Protection::kIdentity, Treatment::kWithhold});
  }
  return out;
}

std::size_t CountWords(std::string_view text) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

TEST(RedactionProperties, OrdinaryNotesLoseUnderOnePerCentOfTheirWords) {
  std::ifstream file(std::string(JIGSAW_SOURCE_DIR) + "/tests/redaction/data/ordinary_notes.txt");
  ASSERT_TRUE(file) << "the corpus of ordinary notes is missing";
  std::vector<std::string> notes;
  for (std::string line; std::getline(file, line);)
    if (!line.empty() && line[0] != '#') notes.push_back(line);
  ASSERT_GE(notes.size(), 70u);
  // The child the notes are about lives in the same town.
  domain::Person child;
  child.id = "child";
  child.kind = domain::PersonKind::kChild;
  child.given_name = "Sam";
  child.family_name = "Example";
  child.address = "12 Mill Lane\nBrackenford";
  const auto people = FiftyProtectedPeople();
  const Redactor redactor(people, &child);
  std::size_t words = 0, withheld = 0;
  std::string examples;
  for (const auto& note : notes) {
    const Redacted out = redactor.Redact(note);
    const std::size_t in = CountWords(note);
    // Each replacement reads as two words ("[name withheld]").
    const std::size_t kept = CountWords(out.text) - 2 * static_cast<std::size_t>(out.withheld);
    words += in;
    withheld += in - kept;
    if (out.withheld > 0) examples += "  " + out.text + "\n";
  }
  const double share = 100.0 * static_cast<double>(withheld) / static_cast<double>(words);
  std::cout << "Over-redaction: " << withheld << " of " << words << " words withheld (" << share
            << "%) in " << notes.size() << " ordinary notes against 50 protected people\n" << examples;
  EXPECT_LT(share, 1.0);
}


// Golden rule 5 where it is hardest: a protected parent shares the child's
// family name. Every way an adult is named by that surname alone loses it;
// the child named as people name a child keeps it.
TEST(RedactionProperties, AProtectedParentsSurnameSharedWithTheChildSurvivesOnlyAsTheChilds) {
  std::mt19937_64 random(7);
  const std::vector<std::string> adult = {"Mrs {F}", "Mr {F}", "Ms {F}", "Dr {F}", "{I}. {F}", "{I} {F}",
                                          "{F}'s car", "the {F} household", "MRS {F}", "Mrs {I}. {F}", "{P} {F}",
                                          "Mrs {F}, {C} and", "Ms {F}. {C} was", "Ms {F} {C} was", "Mrs {F}\n{C}",
                                          "{I}. {F}, {C}"};
  const std::vector<std::string> child = {"{C} {F}", "{F}, {C}", "{C} {F}'s", "{C} J. {F}"};
  int cases = 0;
  for (int round = 0; round < 300; ++round) {
    const std::string family = kFamilyNames[random() % kFamilyNames.size()];
    domain::Person kid{.id = "c", .kind = domain::PersonKind::kChild,
                       .given_name = kGivenNames[random() % kGivenNames.size()], .family_name = family};
    domain::Person parent{.id = "p", .kind = domain::PersonKind::kParent,
                          .given_name = kGivenNames[random() % kGivenNames.size()], .family_name = family,
                          .is_protected = true};
    if (parent.given_name == kid.given_name) continue;
    const std::string initial(1, static_cast<char>(std::toupper(static_cast<unsigned char>(parent.given_name[0]))));
    if (!std::isalpha(static_cast<unsigned char>(initial[0]))) continue;
    const ProtectedPerson people[] = {{parent, Protection::kIdentity, Treatment::kWithhold}};
    const Redactor redactor(people, &kid);
    auto fill = [&](std::string form) {
      for (const auto& [key, value] : {std::pair<std::string, std::string>{"{F}", family}, {"{I}", initial},
                                       {"{C}", kid.given_name}, {"{P}", parent.given_name}})
        for (std::size_t at; (at = form.find(key)) != std::string::npos;) form.replace(at, key.size(), value);
      return Place(kTemplates[random() % kTemplates.size()], form);
    };
    const auto surname_parts = Words(family);
    for (const auto& form : adult) {
      const std::string text = fill(form);
      const std::string out = redactor.Redact(text).text;
      ++cases;
      for (const auto& part : surname_parts) {
        if (part.size() < 2) continue;
        for (const auto& w : Words(out))
          EXPECT_EQ(w.find(part), std::string::npos) << "'" << part << "' survives in: " << out << " (from: " << text << ")";
      }
    }
    for (const auto& form : child) {
      const std::string text = fill(form);
      ++cases;
      EXPECT_EQ(redactor.Redact(text).text, text) << "the child is named as a child is";
    }
  }
  EXPECT_GE(cases, 3000);
}

}  // namespace
}  // namespace jigsaw::redaction
