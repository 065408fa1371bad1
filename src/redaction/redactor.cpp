#include "redaction/redactor.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "redaction/fold.h"
#include "redaction/internal/aho_corasick.h"
#include "redaction/internal/dates.h"

namespace jigsaw::redaction {

using internal::AhoCorasick;

Protection ProtectionOf(const domain::Person& person, std::string_view subject_child_id) {
  if (!person.is_protected) return Protection::kNone;
  if (!subject_child_id.empty() && person.id == subject_child_id) return Protection::kWhereabouts;
  return Protection::kIdentity;
}

namespace {

// Hashing that looks up a std::string key by std::string_view, so that each
// word of the text is not copied to be looked up.
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

constexpr std::array<View, 2> kViews = {View::kLooks, View::kSounds};
std::size_t Of(View v) { return static_cast<std::size_t>(v); }

using What = Withheld;

// A span of the folded text that matched someone.
struct Hit {
  std::uint32_t begin, end;
  std::uint32_t person;
  What what;
};

struct Token {
  std::uint32_t begin, end;
};

bool AsciiAlpha(char c) { return c >= 'a' && c <= 'z'; }
bool AsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool AsciiAlnum(char c) { return AsciiAlpha(c) || AsciiDigit(c); }
bool Word(char c) { return AsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

// The words of folded text by ICU's word boundaries (UAX #29): runs of
// letters, digits and what joins them ("doreen's", "o'brien", "doreen80").
std::vector<Token> Words(std::string_view folded) {
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !it) std::abort();  // no ICU data: nothing can be matched safely
    return it;
  }();
  std::vector<Token> out;
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, folded.data(), static_cast<int64_t>(folded.size()), &status);
  if (U_FAILURE(status)) return out;
  words->setText(text, status);
  std::int32_t start = words->first();
  for (std::int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next())
    if (words->getRuleStatus() != UBRK_WORD_NONE)
      out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
  utext_close(text);
  return out;
}

std::vector<std::string> WordsOf(std::string_view folded) {
  std::vector<std::string> out;
  for (const Token& w : Words(folded)) out.emplace_back(folded.substr(w.begin, w.end - w.begin));
  return out;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Scripts written without spaces between words: a name there is found
// anywhere in the text, not only as a whole word.
bool Unspaced(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: case USCRIPT_THAI:
      case USCRIPT_LAO: case USCRIPT_KHMER: case USCRIPT_MYANMAR: case USCRIPT_TIBETAN:
        return true;
      default: break;
    }
  }
  return false;
}

// Identifiers are compared on letters and digits alone, with the letters
// people mistype for digits (and the reverse) treated as one.
char IdentifierChar(char c) {
  switch (c) {
    case 'o': return '0';
    case 'l': case 'i': return '1';
    default: return c;
  }
}

// Digits written for letters inside a word ("D0reen", "H4rgr34v3s").
char LetterFor(char digit) {
  switch (digit) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '8': return 'b';
    case '9': return 'g';
    default: return digit;
  }
}

std::string CompactIdentifier(std::string_view raw) {
  std::string out;
  for (char c : FoldKey(raw))
    if (AsciiAlnum(c)) out.push_back(IdentifierChar(c));
  return out;
}

// Every way a UK phone number is written: national, international with or
// without the trunk 0 in brackets, 00 44, no trunk 0, and a landline's
// local number alone (what follows the area code as recorded).
std::vector<std::string> PhoneForms(std::string_view raw) {
  const std::string folded = FoldKey(raw);
  std::string digits;
  for (char c : folded)
    if (AsciiDigit(c)) digits.push_back(c);
  if (digits.size() < 6) return {};
  std::string national = digits;
  if (digits.starts_with("0044")) national = "0" + digits.substr(4);
  else if (digits.starts_with("440")) national = digits.substr(2);
  else if (digits.starts_with("44")) national = "0" + digits.substr(2);
  std::vector<std::string> out{digits, national};
  if (national.starts_with("0")) {
    const std::string rest = national.substr(1);
    for (const std::string& form : {rest, "44" + rest, "440" + rest, "0044" + rest}) out.push_back(form);
    // 01632 960123: the local number, as written after the area code.
    if (national.starts_with("01") || national.starts_with("02")) {
      const auto gap = folded.find_first_of(" -.");
      std::string local;
      if (gap != std::string::npos)
        for (char c : folded.substr(gap))
          if (AsciiDigit(c)) local.push_back(c);
      if (local.size() >= 6 && local.size() < national.size()) out.push_back(local);
    }
  }
  return out;
}

// Lines of an address as people split them: by line, comma or semicolon.
std::vector<std::string> SplitLines(std::string_view address) {
  std::vector<std::string> out;
  std::string line;
  for (char c : address) {
    if (c == '\n' || c == ',' || c == '\r' || c == ';') {
      out.push_back(std::move(line));
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  out.push_back(std::move(line));
  return out;
}

// Street types and how they are shortened, so "Larch Cl." is "Larch Close".
const std::vector<std::pair<std::string, std::string>>& StreetAbbreviations() {
  static const auto table = [] {
    const std::pair<const char*, const char*> raw[] = {
        {"close", "cl"}, {"road", "rd"}, {"street", "st"}, {"avenue", "ave"}, {"lane", "ln"},
        {"drive", "dr"}, {"court", "ct"}, {"gardens", "gdns"}, {"place", "pl"}, {"square", "sq"},
        {"crescent", "cres"}, {"terrace", "terr"}, {"grove", "gr"}, {"park", "pk"}, {"mews", "mws"}};
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [full, short_form] : raw) out.emplace_back(FoldKey(full), FoldKey(short_form));
    return out;
  }();
  return table;
}

bool Generic(const std::string& word, View view) {
  for (const char* w : {"flat", "apartment", "unit", "room", "no"})
    if (word == FoldKey(w, view)) return true;
  return false;
}

// The phrases that stand for where someone lives: each line of the address
// (a line with several house numbers in it split at each), each street
// without its number, with its street type shortened too, and its words run
// together. A line that is only "Flat 3" says nothing and is left out.
std::vector<std::vector<std::string>> Places(std::string_view address, View view) {
  std::vector<std::vector<std::string>> out;
  auto add = [&](std::vector<std::string> words) {
    if (words.empty()) return;
    const bool generic = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return Generic(w, view) || std::all_of(w.begin(), w.end(), AsciiDigit) || w.size() <= 1;
    });
    if (generic || (words.size() == 1 && words[0].size() < 3)) return;
    out.push_back(words);
    if (words.size() >= 2 && words.size() <= 4) {
      std::string joined;
      for (const auto& w : words) joined += w;
      out.push_back({joined});
    }
    for (const auto& [full, short_form] : StreetAbbreviations())
      if (words.size() >= 2 && words.back() == full) {
        auto shortened = words;
        shortened.back() = short_form;
        out.push_back(std::move(shortened));
      }
  };
  for (const auto& line : SplitLines(address)) {
    const auto words = WordsOf(FoldKey(line, view));
    // "Flat 3 Mercia House 9 Kiln Street" is three places on one line.
    std::vector<std::vector<std::string>> segments(1);
    for (std::size_t i = 0; i < words.size(); ++i) {
      const bool number = AsciiDigit(words[i][0]);
      if (number && i > 0 && !segments.back().empty() && !Generic(segments.back().back(), view)) segments.emplace_back();
      segments.back().push_back(words[i]);
    }
    if (segments.size() > 1) add(words);
    for (auto& segment : segments) {
      add(segment);
      // "14 Larch Close" is also written "Larch Close"; "Flat 3" too.
      std::size_t first = 0;
      while (first < segment.size() && (AsciiDigit(segment[first][0]) || Generic(segment[first], view))) ++first;
      if (first > 0 && first < segment.size())
        add(std::vector<std::string>(segment.begin() + static_cast<std::ptrdiff_t>(first), segment.end()));
    }
  }
  return out;
}

// Every way a folded name is written as a name part: each word; O'Brien
// also as OBrien and Brien, J.R. as JR; Smith-Jones also as SmithJones.
std::vector<std::string> NameParts(std::string_view folded) {
  std::vector<std::string> out;
  std::string joined;
  const auto words = WordsOf(folded);
  for (const auto& word : words) {
    joined += word;
    out.push_back(word);
    if (word.find_first_of("'._") != std::string::npos) {
      std::string glued, piece;
      for (char c : word + '.') {
        if (c == '\'' || c == '.' || c == '_') {
          out.push_back(piece);
          piece.clear();
        } else {
          piece.push_back(c);
          glued.push_back(c);
        }
      }
      out.push_back(glued);
    }
  }
  if (words.size() > 1) out.push_back(joined);
  return out;
}

}  // namespace

struct Redactor::Index {
  // What is known of a person in one view.
  struct Reading {
    std::vector<std::string> parts;     // folded name parts, for what may surround a match
    std::unordered_set<char> initials;  // of their given and other names
  };
  struct Person {
    std::string id;
    Treatment treatment;
    std::array<Reading, 2> readings;
  };
  enum class TermKind : std::uint8_t { kNamePart, kShortNamePart, kUnspacedName, kEmail };
  struct Term {
    std::uint32_t person;
    std::uint32_t length;
    TermKind kind;
    bool family;  // from a family name: initials before it are withheld too
    bool subject;  // also a name part of the child the text is about
  };
  struct Phrase {
    std::vector<std::string> words;
    std::uint32_t person;
  };
  // The index of one view of the text.
  struct ViewIndex {
    AhoCorasick names;
    std::vector<Term> terms;
    // Name parts of four letters or more, for names split by separators.
    AhoCorasick split_names;
    std::vector<Term> split_terms;
    std::unordered_multimap<std::string, Phrase, TransparentHash, std::equal_to<>> phrases;  // by first word
    std::unordered_set<std::string> subject_parts;         // the subject child's name parts
    // The child's given and other names, and their initials: a family name
    // the child shares with a protected person is the child's only beside
    // them ("Poppy Pratchett", "Pratchett, Poppy", "P. Pratchett").
    std::unordered_set<std::string> subject_given;
    std::unordered_set<char> subject_initials;
    std::set<std::vector<std::string>> subject_places;     // the subject child's town
    std::vector<std::string> proclitics;                    // Arabic one-letter words joined to the next
  };

  std::vector<Person> people;
  std::array<ViewIndex, 2> views;
  AhoCorasick identifiers;
  std::vector<std::uint32_t> identifier_person;
  std::vector<std::uint32_t> identifier_length;
  std::unordered_multimap<int, std::uint32_t> dates;        // yyyymmdd -> person
  std::unordered_multimap<int, std::uint32_t> short_dates;  // yymmdd -> person
  int subject_date = 0;                                     // the child's own date of birth

  void AddSubject(const domain::Person& subject);
  void AddPerson(const ProtectedPerson& p);
  void AddIdentity(std::uint32_t person, const domain::Person& identity, Protection protection);
  void AddName(std::uint32_t person, std::string_view name, bool family);
  void AddNamePart(View view, std::uint32_t person, const std::string& part, bool family);
  void AddIdentifier(std::uint32_t person, const std::string& compact);
  void AddAddress(std::uint32_t person, std::string_view address);
  void AddContacts(std::uint32_t person, const domain::Person& p);
  void Build();

  // The steps of a redaction, each adding what it finds.
  void MatchNames(View view, std::string_view original, const FoldedText& f, std::string_view text,
                  const std::vector<Token>& words, std::vector<Hit>& hits, std::vector<Hit>& soft) const;
  void MatchSplitNames(const FoldedText& f, std::vector<Hit>& hits) const;
  void MatchIdentifiers(const FoldedText& f, std::vector<Hit>& hits) const;
  void MatchAddresses(View view, const FoldedText& f, const std::vector<Token>& words, std::vector<Hit>& hits) const;
  void MatchDates(const std::vector<internal::DateSpan>& found, std::vector<Hit>& hits) const;
  bool Surroundable(View view, std::string_view rest, bool after, std::size_t part_length, const Person& p) const;
  bool StandsForTheChild(View view, const FoldedText& f, std::string_view text, const std::vector<Token>& words,
                         const Token& word, const Person& p) const;
  bool BesideTheChildsGivenName(View view, std::string_view text, std::uint32_t begin, std::uint32_t end) const;
};

void Redactor::Index::AddSubject(const domain::Person& subject) {
  for (View view : kViews) {
    ViewIndex& v = views[Of(view)];
    for (const std::string* name : {&subject.given_name, &subject.family_name})
      for (auto& part : NameParts(FoldKey(*name, view))) v.subject_parts.insert(std::move(part));
    std::vector<std::string> given = WordsOf(FoldKey(subject.given_name, view));
    for (const auto& name : subject.known_as)
      for (auto& w : WordsOf(FoldKey(name, view))) given.push_back(std::move(w));
    for (auto& w : given) {
      if (AsciiAlpha(w[0])) v.subject_initials.insert(w[0]);
      v.subject_given.insert(std::move(w));
    }
    // Their town: the recipient reads it in the child's address anyway.
    const auto lines = SplitLines(subject.address);
    if (!subject.is_protected && lines.size() >= 2) {
      auto town = WordsOf(FoldKey(lines.back(), view));
      const bool has_digits = std::any_of(town.begin(), town.end(), [](const std::string& w) {
        return std::any_of(w.begin(), w.end(), AsciiDigit);
      });
      if (!town.empty() && !has_digits) v.subject_places.insert(town);
    }
  }
  if (auto dob = domain::ParseDate(subject.date_of_birth))
    subject_date = int(dob->year()) * 10000 + static_cast<int>(unsigned(dob->month())) * 100 +
                   static_cast<int>(unsigned(dob->day()));
}

void Redactor::Index::AddPerson(const ProtectedPerson& pp) {
  const auto index = static_cast<std::uint32_t>(people.size());
  people.push_back({pp.person.id, pp.treatment, {}});
  AddIdentity(index, pp.person, pp.protection);
  for (const auto& former : pp.former) AddIdentity(index, former, pp.protection);
}

void Redactor::Index::AddIdentity(std::uint32_t index, const domain::Person& p, Protection protection) {
  if (protection == Protection::kIdentity) {
    AddName(index, p.given_name, false);
    AddName(index, p.family_name, true);
    for (const auto& name : p.known_as) AddName(index, name, false);
    if (!p.nhs_number.empty()) AddIdentifier(index, CompactIdentifier(p.nhs_number));
    if (!p.upn.empty()) AddIdentifier(index, CompactIdentifier(p.upn));
    if (auto dob = domain::ParseDate(p.date_of_birth)) {
      const int y = int(dob->year()), m = static_cast<int>(unsigned(dob->month())), d = static_cast<int>(unsigned(dob->day()));
      dates.emplace(y * 10000 + m * 100 + d, index);
      short_dates.emplace((y % 100) * 10000 + m * 100 + d, index);
    }
  }
  // Where someone lives, and how to reach them, is withheld for every
  // protected person, the child too.
  AddContacts(index, p);
  AddAddress(index, p.address);
  if (!p.postcode.empty()) AddIdentifier(index, CompactIdentifier(p.postcode));
}

void Redactor::Index::AddContacts(std::uint32_t person, const domain::Person& p) {
  for (const auto& phone : p.phone_numbers)
    for (const auto& form : PhoneForms(phone)) AddIdentifier(person, form);
  for (const auto& email : p.email_addresses)
    for (View view : kViews) {
      ViewIndex& v = views[Of(view)];
      const std::string folded = FoldKey(email, view);
      if (folded.size() < 3) continue;
      v.terms.push_back({person, static_cast<std::uint32_t>(folded.size()), TermKind::kEmail, false, false});
      v.names.Add(folded);
      const std::string local = folded.substr(0, folded.find('@'));
      if (local.size() >= 2 && local != folded) {
        v.terms.push_back({person, static_cast<std::uint32_t>(local.size()), TermKind::kEmail, false, false});
        v.names.Add(local);
      }
    }
}

void Redactor::Index::AddName(std::uint32_t person, std::string_view name, bool family) {
  for (View view : kViews) {
    const std::string folded = FoldKey(name, view);
    for (const auto& part : NameParts(folded)) AddNamePart(view, person, part, family);
    Reading& r = people[person].readings[Of(view)];
    if (!family)
      for (const auto& w : WordsOf(folded))
        if (AsciiAlpha(w[0])) r.initials.insert(w[0]);
  }
}

void Redactor::Index::AddNamePart(View view, std::uint32_t person, const std::string& part, bool family) {
  const std::size_t letters = CodePoints(part);
  // One Han character is a whole surname; one Latin letter is only an initial.
  if (letters < 2 && !Unspaced(part)) return;
  ViewIndex& v = views[Of(view)];
  Reading& r = people[person].readings[Of(view)];
  if (std::find(r.parts.begin(), r.parts.end(), part) != r.parts.end()) return;
  r.parts.push_back(part);
  const bool subject = v.subject_parts.contains(part);
  // A watched person is not flagged on the child's own given name: it would
  // be flagged on every line. A family name they share with the child is
  // kept, to be flagged where it does not stand beside the child's own
  // names (StandsForTheChild).
  if (subject && !family && people[person].treatment == Treatment::kReview) return;
  const TermKind kind = Unspaced(part) ? TermKind::kUnspacedName
                        : letters == 2 ? TermKind::kShortNamePart
                                       : TermKind::kNamePart;
  v.terms.push_back({person, static_cast<std::uint32_t>(part.size()), kind, family, subject});
  v.names.Add(part);
  const bool ascii_letters = std::all_of(part.begin(), part.end(), AsciiAlpha);
  if (view == View::kLooks && letters >= 4 && ascii_letters && !subject) {
    v.split_terms.push_back(v.terms.back());
    v.split_names.Add(part);
  }
}

void Redactor::Index::AddIdentifier(std::uint32_t person, const std::string& compact) {
  if (compact.size() < 5) return;  // too short to tell from anything else
  identifier_person.push_back(person);
  identifier_length.push_back(static_cast<std::uint32_t>(compact.size()));
  identifiers.Add(compact);
}

void Redactor::Index::AddAddress(std::uint32_t person, std::string_view address) {
  for (View view : kViews) {
    ViewIndex& v = views[Of(view)];
    for (auto& place : Places(address, view))
      if (!v.subject_places.contains(place)) v.phrases.emplace(place.front(), Phrase{place, person});
  }
}

void Redactor::Index::Build() {
  for (ViewIndex& v : views) {
    v.names.Build();
    v.split_names.Build();
  }
  identifiers.Build();
  // Arabic writes "and", "for", "with", "by", "like" as one letter joined to
  // the next word: "وفاطمة" is "and Fatima".
  for (View view : kViews)
    for (const char* letter : {"\xD9\x88", "\xD9\x81", "\xD8\xA8", "\xD9\x84", "\xD9\x83"})
      views[Of(view)].proclitics.push_back(FoldKey(letter, view));
}

Redactor::Redactor(std::span<const ProtectedPerson> people, const domain::Person* subject) {
  auto index = std::make_unique<Index>();
  if (subject) index->AddSubject(*subject);
  for (const auto& p : people)
    if (p.protection != Protection::kNone) index->AddPerson(p);
  index->Build();
  index_ = std::move(index);
}

Redactor::Redactor(Redactor&&) noexcept = default;
Redactor& Redactor::operator=(Redactor&&) noexcept = default;
Redactor::~Redactor() = default;

bool Redactor::empty() const { return !index_ || index_->people.empty(); }

namespace {

// The word that holds folded byte `at`, if any.
const Token* WordAt(const std::vector<Token>& words, std::uint32_t at) {
  auto it = std::upper_bound(words.begin(), words.end(), at, [](std::uint32_t a, const Token& t) { return a < t.begin; });
  if (it == words.begin()) return nullptr;
  --it;
  return at < it->end ? &*it : nullptr;
}

UChar32 CodePointAt(std::string_view s, std::size_t at) {
  UChar32 c;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  auto i = static_cast<std::int32_t>(at);
  U8_NEXT(p, i, static_cast<std::int32_t>(s.size()), c);
  return c;
}

// "DoreenHargreaves": a capital after a small letter starts a new word.
bool CaseBoundary(std::string_view original, const FoldedText& f, std::uint32_t at) {
  if (at == 0 || at >= f.text.size()) return false;
  if (f.begin[at] == f.begin[at - 1]) return false;  // inside one character
  return u_isUUppercase(CodePointAt(original, f.begin[at])) && u_isULowercase(CodePointAt(original, f.begin[at - 1]));
}

// The folded text with digits inside words that also hold letters read as
// the letters they stand for, when there are any such words.
std::optional<std::string> Leet(std::string_view text, const std::vector<Token>& words) {
  std::optional<std::string> out;
  for (const Token& w : words) {
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    const bool letters = std::any_of(word.begin(), word.end(), AsciiAlpha);
    const bool digits = std::any_of(word.begin(), word.end(), AsciiDigit);
    if (!letters || !digits) continue;
    if (!out) out = std::string(text);
    for (std::uint32_t i = w.begin; i < w.end; ++i) (*out)[i] = LetterFor((*out)[i]);
  }
  return out;
}

}  // namespace

// What may stand beside a name part in the same word and still be that
// person: digits, joining punctuation, a possessive with or without its
// apostrophe, a suffix after an apostrophe (Turkish "Ayşe'nin"), an elided
// article before one (French "d'Anne"), an Arabic one-letter word joined to
// it, their initials, and their other name parts (doreen80, doreen.h,
// dhargreaves, o'brien's, doreen_hargreaves, Doreens). Anything else
// ("Annual" around "Ann") is another word.
bool Redactor::Index::Surroundable(View view, std::string_view rest, bool after, std::size_t part_length,
                                   const Person& p) const {
  const Reading& r = p.readings[Of(view)];
  if (after) {
    if (rest == "s" && part_length >= 4) return true;
    if (rest.size() >= 2 && rest[0] == '\'' && std::all_of(rest.begin() + 1, rest.end(), Word)) return true;
  } else {
    if (rest.size() == 2 && AsciiAlpha(rest[0]) && rest[1] == '\'') return true;
    // A title run into the name: "MRSHARGREAVES", "mrdoreen".
    for (std::string_view title : {"mr", "mrs", "ms", "miss", "mx", "dr"})
      if (FoldKey(title, view) == rest) return true;
    const auto& proclitics = views[Of(view)].proclitics;
    if (std::find(proclitics.begin(), proclitics.end(), rest) != proclitics.end()) return true;
  }
  std::vector<bool> ok(rest.size() + 1, false);
  ok[0] = true;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (!ok[i]) continue;
    const char c = rest[i];
    if (AsciiDigit(c) || c == '.' || c == '\'' || c == '_' || c == '-') ok[i + 1] = true;
    if (c == 's' && i > 0 && rest[i - 1] == '\'') ok[i + 1] = true;
    if (r.initials.contains(c) && (i + 1 == rest.size() || !AsciiAlpha(rest[i + 1]) || i == 0)) ok[i + 1] = true;
    for (const auto& part : r.parts)
      if (rest.compare(i, part.size(), part) == 0) ok[i + part.size()] = true;
  }
  return ok[rest.size()];
}

// Whether a family name the child shares with a protected person stands
// beside the child's own given or other names, or their initials, and so is
// the child's: "Poppy Pratchett", "Poppy J. Pratchett", "Pratchett, Poppy",
// "P. Pratchett". An initial that is also the protected person's is not
// enough ("P. Pratchett" when the mother is Penny): safety comes first, and
// the recipient loses only a surname they read in the child's name anyway.
bool Redactor::Index::StandsForTheChild(View view, const FoldedText& f, std::string_view text,
                                        const std::vector<Token>& words, const Token& word, const Person& p) const {
  const ViewIndex& v = views[Of(view)];
  const Reading& r = p.readings[Of(view)];
  const auto i = static_cast<std::size_t>(&word - words.data());
  // Words a and b stand in one name: spaces, a comma or a hyphen between
  // them, or the dot of an initial; never a line break or a full stop
  // ("Spoke to Ms Pratchett. Poppy was quiet." names two people).
  // An initial is one letter as written: "M" reads "rn" as it looks.
  auto initial = [&](std::size_t k) {
    return AsciiAlpha(text[words[k].begin]) && f.begin[words[k].begin] == f.begin[words[k].end - 1];
  };
  auto joined = [&](std::size_t a, std::size_t b) {
    if (words[b].begin - words[a].end > 3) return false;
    for (std::uint32_t k = words[a].end; k < words[b].begin; ++k) {
      const char c = text[k];
      if (c == ' ' || c == ',' || c == '-' || c == '\t' || (c == '.' && initial(a))) continue;
      return false;
    }
    return true;
  };
  auto text_of = [&](std::size_t k) { return text.substr(words[k].begin, words[k].end - words[k].begin); };
  // The child's other family name parts may stand between ("Poppy
  // Ashworth-Lane": "Lane" is beside "Ashworth").
  auto surname = [&](std::string_view w) {
    const std::string key(w);
    return v.subject_parts.contains(key) && !v.subject_given.contains(key);
  };
  // Back over initials to a given name; or initials alone, the child's and
  // not the protected person's. A title before ends it: "Mrs P. Pratchett"
  // and "Mrs Pratchett, Poppy" are an adult.
  bool initials = false, childs = true, titled = false;
  for (std::size_t k = i, steps = 0; k > 0 && steps < 6 && joined(k - 1, k); --k, ++steps) {
    const std::string_view before = text_of(k - 1);
    if (v.subject_given.contains(std::string(before))) return true;  // a middle initial may stand between
    if (surname(before) && !initials) continue;
    if (!initial(k - 1)) {
      for (std::string_view title : {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady", "lord"})
        titled = titled || FoldKey(title, view) == before;
      break;
    }
    childs = childs && v.subject_initials.contains(before[0]) && !r.initials.contains(before[0]);
    initials = true;
  }
  if (titled || (initials && !childs)) return false;
  if (initials) return true;
  // "Pratchett, Poppy" and "PRATCHETT Poppy".
  std::size_t k = i;
  while (k + 1 < words.size() && joined(k, k + 1) && surname(text_of(k + 1)) && k - i < 4) ++k;
  return k + 1 < words.size() && joined(k, k + 1) && v.subject_given.contains(std::string(text_of(k + 1)));
}

bool Redactor::Index::BesideTheChildsGivenName(View view, std::string_view text, std::uint32_t begin,
                                               std::uint32_t end) const {
  std::string_view before = text.substr(0, begin), after = text.substr(end);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  for (const std::string& given : views[Of(view)].subject_given)
    if (before.ends_with(given) || after.starts_with(given)) return true;
  return false;
}

void Redactor::Index::MatchNames(View view, std::string_view original, const FoldedText& f, std::string_view text,
                                 const std::vector<Token>& words, std::vector<Hit>& hits, std::vector<Hit>& soft) const {
  const ViewIndex& v = views[Of(view)];
  for (const auto& h : v.names.FindAll(text)) {
    const Term& term = v.terms[h.pattern];
    const std::uint32_t begin = h.end - term.length, end = h.end;
    const What what = term.kind == TermKind::kEmail ? What::kDetail : What::kName;
    if (term.kind == TermKind::kUnspacedName) {
      // The child's own name is not withheld: the recipient reads it anyway;
      // a family name they share is theirs only beside their given name
      // (王小明, 小明 王), not in 王女士 ("Ms Wang").
      const Token* alone = WordAt(words, begin);
      const bool childs =
          term.subject && (!term.family || BesideTheChildsGivenName(view, text, begin, end) ||
                           (alone && alone->begin == begin && alone->end == end &&
                            StandsForTheChild(view, f, text, words, *alone, people[term.person])));
      (childs ? soft : hits).push_back({begin, end, term.person, what});
      continue;
    }
    const Token* word = WordAt(words, begin);
    if (!word || end > word->end) {
      // An email address spans several words: it must start and end on word edges.
      const Token* last = WordAt(words, end - 1);
      if (term.kind == TermKind::kEmail && word && word->begin == begin && last && last->end == end)
        (term.subject ? soft : hits).push_back({begin, end, term.person, what});
      continue;
    }
    const std::string_view before = text.substr(word->begin, begin - word->begin);
    const std::string_view after = text.substr(end, word->end - end);
    bool whole = before.empty() && after.empty();
    if (!whole) {
      // A two-letter name ("Jo") inside a word is that person only beside
      // what Surroundable allows; a capital after it ("JoAnne") is not enough.
      const Person& p = people[term.person];
      const bool short_part = term.kind == TermKind::kShortNamePart;
      const bool starts = before.empty() || Surroundable(view, before, false, term.length, p) ||
                          (!short_part && CaseBoundary(original, f, begin));
      const bool ends = after.empty() || Surroundable(view, after, true, term.length, p) ||
                        (!short_part && CaseBoundary(original, f, end));
      whole = starts && ends;
    }
    if (!whole) continue;
    // The child's own name is not withheld: the recipient reads it anyway.
    // A family name the child shares with a protected person is the child's
    // only beside the child's own names: "Mrs Pratchett", "O. Pratchett",
    // "Pratchett's car" and "the Pratchett household" are the mother.
    const bool childs = term.subject && (!term.family || StandsForTheChild(view, f, text, words, *word, people[term.person]));
    auto& into = childs ? soft : hits;
    std::uint32_t from = word->begin;
    // "D. Hargreaves", "D J Hargreaves": initials before a family name.
    if (term.family) {
      for (int k = 0; k < 3; ++k) {
        std::uint32_t at = from;
        while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '.')) --at;
        if (at == from || at == 0) break;
        const Token* initial = WordAt(words, at - 1);
        if (!initial) break;
        const std::string_view w = text.substr(initial->begin, initial->end - initial->begin);
        // Their own initials, written as initials: a capital or a dot ("a
        // White van" keeps its article).
        const Reading& r = people[term.person].readings[Of(view)];
        const bool dotted = w.find('.') != std::string_view::npos || (initial->end < text.size() && text[initial->end] == '.');
        const bool initials =
            std::all_of(w.begin(), w.end(), [&](char c) { return c == '.' || (AsciiAlpha(c) && r.initials.contains(c)); }) &&
            std::count_if(w.begin(), w.end(), AsciiAlpha) <= 3 && (w.size() == 1 || dotted) &&
            (dotted || u_isUUppercase(CodePointAt(original, f.begin[initial->begin])));
        if (!initials) break;
        from = initial->begin;
      }
    }
    into.push_back({from, word->end, term.person, what});
  }
}

// Names broken up by separators: "D o r e e n", "D-O-R-E-E-N", "Dor-een",
// "Har-\ngreaves". The letters and digits of the text, without what is
// between them, are searched for name parts of four letters or more that
// start and end on word edges and were broken by hyphens, dots, apostrophes
// or line breaks, or spelt out a letter at a time ("a man" is not "Aman").
void Redactor::Index::MatchSplitNames(const FoldedText& f, std::vector<Hit>& hits) const {
  const ViewIndex& v = views[Of(View::kLooks)];
  if (v.split_names.empty()) return;
  std::string letters;
  std::vector<std::uint32_t> at;
  for (std::uint32_t i = 0; i < f.text.size(); ++i)
    if (AsciiAlnum(f.text[i])) {
      letters.push_back(f.text[i]);
      at.push_back(i);
    }
  for (const auto& h : v.split_names.FindAll(letters)) {
    const Term& term = v.split_terms[h.pattern];
    const std::uint32_t end = h.end, begin = end - term.length;
    const bool starts = begin == 0 || at[begin - 1] + 1 < at[begin];
    const bool ends = end == at.size() || at[end - 1] + 1 < at[end];
    if (!starts || !ends) continue;
    // A fragment is a single letter if it all comes from one character as
    // written ("m" folds to "rn").
    bool gaps = false, spaced = false, broken = false, singles = true, other = false;
    std::uint32_t fragment_start = begin;
    for (std::uint32_t k = begin + 1; k < end && !other; ++k) {
      const std::uint32_t gap = at[k] - at[k - 1] - 1;
      if (gap == 0) continue;
      gaps = true;
      singles = singles && f.begin[at[fragment_start]] == f.begin[at[k - 1]];
      fragment_start = k;
      if (gap > 3) other = true;
      for (std::uint32_t i = at[k - 1] + 1; i < at[k] && !other; ++i) {
        const char c = f.text[i];
        if (c == ' ') spaced = true;
        else if (c == '-' || c == '.' || c == '\'' || c == '\n' || c == '_' || c == '|' || c == '/') broken = true;
        else other = true;
      }
    }
    singles = singles && f.begin[at[fragment_start]] == f.begin[at[end - 1]];
    if (gaps && !other && ((broken && !spaced) || singles))
      hits.push_back({at[begin], at[end - 1] + 1, term.person, What::kName});
  }
}

void Redactor::Index::MatchIdentifiers(const FoldedText& f, std::vector<Hit>& hits) const {
  if (identifiers.empty()) return;
  // The letters and digits of the text, and where each came from: an
  // identifier may be spaced, dashed or dotted in any way.
  std::string compact;
  std::vector<std::uint32_t> at;
  compact.reserve(f.text.size());
  at.reserve(f.text.size());
  for (std::uint32_t i = 0; i < f.text.size(); ++i)
    if (AsciiAlnum(f.text[i])) {
      compact.push_back(IdentifierChar(f.text[i]));
      at.push_back(i);
    }
  // Between two characters of one identifier: up to six separators, none of
  // them a letter of another script.
  auto separated_only = [&](std::uint32_t from, std::uint32_t to) {
    if (to - from > 6) return false;
    for (std::uint32_t i = from; i < to; ++i)
      if (static_cast<unsigned char>(f.text[i]) >= 0x80 && u_isalpha(CodePointAt(f.text, i))) return false;
    return true;
  };
  for (const auto& h : identifiers.FindAll(compact)) {
    const std::uint32_t end = h.end, begin = end - identifier_length[h.pattern];
    bool inside = true;
    for (std::uint32_t k = begin + 1; k < end && inside; ++k) inside = separated_only(at[k - 1] + 1, at[k]);
    // Not part of a longer run of letters and digits; a number glued to a
    // word ("NHS4505577104", "tel07700900123") starts where the digits do.
    const bool digit_first = AsciiDigit(f.text[at[begin]]), digit_last = AsciiDigit(f.text[at[end - 1]]);
    const bool starts = begin == 0 || at[begin - 1] + 1 < at[begin] || (digit_first && AsciiAlpha(f.text[at[begin - 1]]));
    const bool ends = end == at.size() || at[end - 1] + 1 < at[end] || (digit_last && AsciiAlpha(f.text[at[end]]));
    if (!inside || !starts || !ends) continue;
    std::uint32_t from = at[begin];
    if (from > 0 && f.text[from - 1] == '+') --from;  // +44 ...
    hits.push_back({from, at[end - 1] + 1, identifier_person[h.pattern], What::kDetail});
  }
}

void Redactor::Index::MatchAddresses(View view, const FoldedText& f, const std::vector<Token>& words,
                                     std::vector<Hit>& hits) const {
  const ViewIndex& v = views[Of(view)];
  if (v.phrases.empty()) return;
  // A word as written, and as it stands before a possessive ("Close's").
  auto word = [&](std::size_t i) { return std::string_view(f.text.data() + words[i].begin, words[i].end - words[i].begin); };
  auto same = [](std::string_view w, const std::string& expected) {
    if (w == expected) return true;
    return w.size() == expected.size() + 2 && w.starts_with(expected) && w.ends_with("'s");
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view first = word(i);
    if (first.ends_with("'s")) first.remove_suffix(2);
    auto [from, to] = v.phrases.equal_range(first);
    for (auto it = from; it != to; ++it) {
      const auto& phrase = it->second.words;
      if (i + phrase.size() > words.size()) continue;
      bool matched = true;
      for (std::size_t k = 1; k < phrase.size() && matched; ++k) matched = same(word(i + k), phrase[k]);
      if (matched) hits.push_back({words[i].begin, words[i + phrase.size() - 1].end, it->second.person, What::kDetail});
    }
  }
}

void Redactor::Index::MatchDates(const std::vector<internal::DateSpan>& found, std::vector<Hit>& hits) const {
  if (dates.empty()) return;
  for (const auto& d : found) {
    const int key = d.year * 10000 + d.month * 100 + d.day;
    // The child's own date of birth is theirs, even when someone shares it.
    if (!d.two_digit_year && key == subject_date) continue;
    if (d.two_digit_year && subject_date % 1000000 == key && subject_date != 0) continue;
    const auto& table = d.two_digit_year ? short_dates : dates;
    auto [from, to] = table.equal_range(key);
    for (auto it = from; it != to; ++it) hits.push_back({d.begin, d.end, it->second, What::kDetail});
  }
}

namespace {

struct Cut {
  std::size_t begin, end;
  What what;
  std::uint32_t person = 0;
};

bool Joining(char c) { return c == ' ' || c == '-'; }

// Overlapping cuts become one; cuts of the same kind apart only by spaces
// or hyphens too, so "Doreen Hargreaves" reads "[name withheld]".
std::vector<Cut> Merge(std::vector<Cut> cuts, std::string_view original) {
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
  std::vector<Cut> out;
  for (const Cut& c : cuts) {
    if (!out.empty()) {
      Cut& last = out.back();
      const bool overlaps = c.begin < last.end;
      bool adjacent = !overlaps && c.what == last.what;
      for (std::size_t i = last.end; adjacent && i < c.begin; ++i) adjacent = Joining(original[i]);
      if (overlaps || adjacent) {
        last.end = std::max(last.end, c.end);
        if (c.what == What::kDetail) last.what = What::kDetail;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

// A withheld detail glued to letters or digits ("dee07700900123o",
// "Smith_HSA9434765919") takes the whole word with it, words as the
// matching reads them: what is left beside the cut would otherwise read as
// a word of its own ("dee" is the person's other name).
void ToWholeWords(std::vector<Cut>& cuts, const FoldedText& looks, const std::vector<Token>& words) {
  for (Cut& c : cuts)
    for (const Token& w : words) {
      const std::size_t begin = looks.begin[w.begin], end = looks.end[w.end - 1];
      if (begin >= c.end) break;
      if (end <= c.begin) continue;
      c.begin = std::min(c.begin, begin);
      c.end = std::max(c.end, end);
    }
}

// The child's own name beside a protected person's other name parts is
// that person's full name ("Sam Smith" when the child is Sam Jones): it
// joins the cut.
void AbsorbNeighbours(std::vector<Cut>& cuts, const std::vector<Cut>& soft, std::string_view original) {
  for (const Cut& s : soft)
    for (Cut& c : cuts) {
      if (c.person != s.person) continue;
      auto between = [&](std::size_t from, std::size_t to) {
        if (from > to) return false;
        for (std::size_t i = from; i < to; ++i)
          if (!Joining(original[i])) return false;
        return true;
      };
      if (between(s.end, c.begin)) c.begin = std::min(c.begin, s.begin);
      else if (between(c.end, s.begin)) c.end = std::max(c.end, s.end);
    }
}

}  // namespace

Redacted Redactor::Redact(std::string_view text, std::span<const Mention> withhold_too) const {
  Redacted out;
  std::vector<Cut> cuts;
  for (const Mention& m : withhold_too)
    if (m.span.begin < m.span.end && m.span.end <= text.size()) cuts.push_back({m.span.begin, m.span.end, m.what});
  if (!empty()) {
    std::vector<Hit> soft;
    const FoldedText looks = Fold(text, View::kLooks);
    const std::vector<Token> words = Words(looks.text);
    const auto dates_found = internal::FindDates(looks.text);
    std::vector<Hit> looks_hits;
    index_->MatchNames(View::kLooks, text, looks, looks.text, words, looks_hits, soft);
    if (auto leet = Leet(looks.text, words)) index_->MatchNames(View::kLooks, text, looks, *leet, words, looks_hits, soft);
    index_->MatchSplitNames(looks, looks_hits);
    // A name inside a date ("3 May 2026") is the date.
    std::erase_if(looks_hits, [&](const Hit& h) {
      return std::any_of(dates_found.begin(), dates_found.end(),
                         [&](const internal::DateSpan& d) { return d.begin <= h.begin && h.end <= d.end; });
    });
    index_->MatchIdentifiers(looks, looks_hits);
    index_->MatchAddresses(View::kLooks, looks, words, looks_hits);
    index_->MatchDates(dates_found, looks_hits);
    std::map<std::uint32_t, std::vector<Cut>> review;  // by watched person
    std::vector<Cut> soft_cuts;
    auto collect = [&](const FoldedText& f, const std::vector<Hit>& from) {
      for (const Hit& h : from) {
        const Cut cut{f.begin[h.begin], f.end[h.end - 1], h.what, h.person};
        if (index_->people[h.person].treatment == Treatment::kWithhold) cuts.push_back(cut);
        else review[h.person].push_back(cut);
      }
    };
    collect(looks, looks_hits);
    for (const Hit& h : soft) soft_cuts.push_back({looks.begin[h.begin], looks.end[h.end - 1], h.what, h.person});
    // Text in another script is read a second time as it sounds in Latin
    // letters, so that "Ольга" is found for Olga.
    const bool other_scripts = std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (other_scripts) {
      const FoldedText sounds = Fold(text, View::kSounds);
      const std::vector<Token> sound_words = Words(sounds.text);
      std::vector<Hit> sounds_hits, sounds_soft;
      index_->MatchNames(View::kSounds, text, sounds, sounds.text, sound_words, sounds_hits, sounds_soft);
      index_->MatchAddresses(View::kSounds, sounds, sound_words, sounds_hits);
      collect(sounds, sounds_hits);
    }
    AbsorbNeighbours(cuts, soft_cuts, text);
    ToWholeWords(cuts, looks, words);
    cuts = Merge(std::move(cuts), text);
    // A watched person's details are mentions ("Maureen Blythe" is one)
    // unless they are withheld anyway.
    for (auto& [person, found_cuts] : review)
      for (const Cut& r : Merge(std::move(found_cuts), text)) {
        const bool covered =
            std::any_of(cuts.begin(), cuts.end(), [&](const Cut& c) { return c.begin <= r.begin && r.end <= c.end; });
        if (!covered) out.mentions.push_back({{r.begin, r.end}, index_->people[person].id, r.what});
      }
    std::sort(out.mentions.begin(), out.mentions.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  } else {
    cuts = Merge(std::move(cuts), text);
  }
  out.text.reserve(text.size());
  std::size_t at = 0;
  for (const Cut& c : cuts) {
    out.text.append(text.substr(at, c.begin - at));
    out.text.append(c.what == What::kName ? kNameWithheld : kDetailWithheld);
    at = c.end;
    ++out.withheld;
  }
  out.text.append(text.substr(at));
  return out;
}

}  // namespace jigsaw::redaction
