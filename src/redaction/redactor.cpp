#include "redaction/redactor.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
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

std::string CompactIdentifier(std::string_view raw) {
  std::string out;
  for (char c : FoldKey(raw))
    if (AsciiAlnum(c)) out.push_back(IdentifierChar(c));
  return out;
}

std::vector<std::string> PhoneForms(std::string_view raw) {
  std::string digits;
  for (char c : FoldKey(raw))
    if (AsciiDigit(c)) digits.push_back(c);
  if (digits.size() < 6) return {};
  std::vector<std::string> out{digits};
  // +44 7700 900123, 07700 900123 and +44 (0)7700 900123 are one number.
  if (digits.starts_with("440")) {
    out.push_back(digits.substr(2));
    out.push_back("44" + digits.substr(3));
  } else if (digits.starts_with("44")) {
    out.push_back("0" + digits.substr(2));
    out.push_back("440" + digits.substr(2));
  } else if (digits.starts_with("0")) {
    out.push_back("44" + digits.substr(1));
    out.push_back("440" + digits.substr(1));
  }
  return out;
}

std::vector<std::string> SplitLines(std::string_view address) {
  std::vector<std::string> out;
  std::string line;
  for (char c : address) {
    if (c == '\n' || c == ',' || c == '\r') {
      out.push_back(std::move(line));
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  out.push_back(std::move(line));
  return out;
}

}  // namespace

struct Redactor::Index {
  struct Person {
    std::string id;
    Treatment treatment;
    std::vector<std::string> parts;  // folded name parts, for what may surround a match
    std::unordered_set<char> initials;
  };
  enum class TermKind : std::uint8_t { kNamePart, kShortNamePart, kUnspacedName, kEmail };
  struct Term {
    std::uint32_t person;
    std::uint32_t length;
    TermKind kind;
    bool family;  // from a family name: initials before it are withheld too
  };
  struct Phrase {
    std::vector<std::string> words;
    std::uint32_t person;
  };

  std::vector<Person> people;
  std::unordered_set<std::string> subject_parts;  // the subject child's name parts
  // Address lines and streets of the subject child, when the recipient sees
  // their address anyway: not withheld when a protected person shares them.
  std::set<std::vector<std::string>> subject_places;
  AhoCorasick names;
  std::vector<Term> name_terms;
  AhoCorasick identifiers;
  std::vector<std::uint32_t> identifier_person;
  std::vector<std::uint32_t> identifier_length;
  std::unordered_multimap<std::string, Phrase> phrases;  // by first word
  std::unordered_multimap<int, std::uint32_t> dates;     // yyyymmdd -> person
  std::unordered_multimap<int, std::uint32_t> short_dates;  // yymmdd -> person

  void AddPerson(const ProtectedPerson& p);
  void AddName(std::uint32_t person, std::string_view name, bool family);
  void AddNamePart(std::uint32_t person, const std::string& part, bool family);
  void AddIdentifier(std::uint32_t person, const std::string& compact);
  void AddAddress(std::uint32_t person, std::string_view address);

  // The steps of a redaction, each adding what it finds.
  void MatchNames(std::string_view original, const FoldedText& f, const std::vector<Token>& words,
                  std::vector<Hit>& hits) const;
  void MatchIdentifiers(const FoldedText& f, std::vector<Hit>& hits) const;
  void MatchAddresses(const FoldedText& f, const std::vector<Token>& words, std::vector<Hit>& hits) const;
  void MatchDates(const FoldedText& f, std::vector<Hit>& hits) const;
  bool Surroundable(std::string_view rest, const Person& p) const;
};

void Redactor::Index::AddPerson(const ProtectedPerson& pp) {
  const domain::Person& p = pp.person;
  const auto index = static_cast<std::uint32_t>(people.size());
  people.push_back({p.id, pp.treatment, {}, {}});
  if (pp.protection == Protection::kIdentity) {
    AddName(index, p.given_name, false);
    AddName(index, p.family_name, true);
    for (const auto& name : p.known_as) AddName(index, name, false);
    if (!p.nhs_number.empty()) AddIdentifier(index, CompactIdentifier(p.nhs_number));
    if (!p.upn.empty()) AddIdentifier(index, CompactIdentifier(p.upn));
    for (const auto& phone : p.phone_numbers)
      for (const auto& form : PhoneForms(phone)) AddIdentifier(index, form);
    for (const auto& email : p.email_addresses) {
      const std::string folded = FoldKey(email);
      if (folded.size() < 3) continue;
      name_terms.push_back({index, static_cast<std::uint32_t>(folded.size()), TermKind::kEmail, false});
      names.Add(folded);
      const std::string local = folded.substr(0, folded.find('@'));
      if (local.size() >= 3 && local != folded) {
        name_terms.push_back({index, static_cast<std::uint32_t>(local.size()), TermKind::kEmail, false});
        names.Add(local);
      }
    }
    if (auto dob = domain::ParseDate(p.date_of_birth)) {
      const int y = int(dob->year()), m = static_cast<int>(unsigned(dob->month())), d = static_cast<int>(unsigned(dob->day()));
      dates.emplace(y * 10000 + m * 100 + d, index);
      short_dates.emplace((y % 100) * 10000 + m * 100 + d, index);
    }
  }
  // Where someone lives is withheld for every protected person, the child too.
  AddAddress(index, p.address);
  if (!p.postcode.empty()) AddIdentifier(index, CompactIdentifier(p.postcode));
}

void Redactor::Index::AddName(std::uint32_t person, std::string_view name, bool family) {
  const std::string folded = FoldKey(name);
  std::string joined;
  const auto words = Words(folded);
  for (const Token& w : words) {
    const std::string word = folded.substr(w.begin, w.end - w.begin);
    joined += word;
    AddNamePart(person, word, family);
    // O'Brien is also written OBrien and Brien; J.R. as JR.
    if (word.find_first_of("'._") != std::string::npos) {
      std::string glued, piece;
      for (char c : word + '.') {
        if (c == '\'' || c == '.' || c == '_') {
          AddNamePart(person, piece, family);
          piece.clear();
        } else {
          piece.push_back(c);
          glued.push_back(c);
        }
      }
      AddNamePart(person, glued, family);
    }
  }
  // Smith-Jones is also written SmithJones; a name in a script without
  // spaces is matched whole.
  if (words.size() > 1) AddNamePart(person, joined, family);
  Person& p = people[person];
  if (!family)
    for (const Token& w : words)
      if (AsciiAlpha(folded[w.begin])) p.initials.insert(folded[w.begin]);
}

void Redactor::Index::AddNamePart(std::uint32_t person, const std::string& part, bool family) {
  // A single letter would shred every text; "Jo" and "Al" are names.
  const std::size_t letters = CodePoints(part);
  // One Han character is a whole surname; one Latin letter is only an initial.
  if (letters < 2 && !Unspaced(part)) return;
  Person& p = people[person];
  if (std::find(p.parts.begin(), p.parts.end(), part) != p.parts.end()) return;
  p.parts.push_back(part);
  if (p.treatment == Treatment::kReview && subject_parts.contains(part)) return;
  const TermKind kind = Unspaced(part) ? TermKind::kUnspacedName
                        : letters == 2 ? TermKind::kShortNamePart
                                       : TermKind::kNamePart;
  name_terms.push_back({person, static_cast<std::uint32_t>(part.size()), kind, family});
  names.Add(part);
}

void Redactor::Index::AddIdentifier(std::uint32_t person, const std::string& compact) {
  if (compact.size() < 5) return;  // too short to tell from anything else
  identifier_person.push_back(person);
  identifier_length.push_back(static_cast<std::uint32_t>(compact.size()));
  identifiers.Add(compact);
}

namespace {

// The phrases that stand for where someone lives: each line of the address,
// and each street without its house or flat number.
std::vector<std::vector<std::string>> Places(std::string_view address) {
  std::vector<std::vector<std::string>> out;
  for (const auto& line : SplitLines(address)) {
    const std::string folded = FoldKey(line);
    std::vector<std::string> words;
    for (const Token& w : Words(folded)) words.push_back(folded.substr(w.begin, w.end - w.begin));
    // A house number alone ("14") says nothing.
    if (words.empty() || (words.size() == 1 && (words[0].size() < 3 || std::all_of(words[0].begin(), words[0].end(), AsciiDigit))))
      continue;
    out.push_back(words);
    // "14 Larch Close" is also written "Larch Close"; "Flat 3, 14a ..." too.
    std::size_t first = 0;
    while (first < words.size() && (AsciiDigit(words[first][0]) || words[first] == FoldKey("flat") ||
                                    words[first] == FoldKey("apartment") || words[first] == FoldKey("unit")))
      ++first;
    if (first > 0 && first < words.size()) {
      std::vector<std::string> street(words.begin() + static_cast<std::ptrdiff_t>(first), words.end());
      if (street.size() > 1 || street[0].size() >= 3) out.push_back(std::move(street));
    }
  }
  return out;
}

}  // namespace

void Redactor::Index::AddAddress(std::uint32_t person, std::string_view address) {
  for (auto& place : Places(address))
    if (!subject_places.contains(place)) phrases.emplace(place.front(), Phrase{place, person});
}

Redactor::Redactor(std::span<const ProtectedPerson> people, const domain::Person* subject) {
  auto index = std::make_unique<Index>();
  if (subject) {
    if (!subject->is_protected)
      for (auto& place : Places(subject->address)) index->subject_places.insert(std::move(place));
    for (const std::string* name : {&subject->given_name, &subject->family_name}) {
      const std::string folded = FoldKey(*name);
      for (const Token& w : Words(folded)) index->subject_parts.insert(folded.substr(w.begin, w.end - w.begin));
    }
  }
  for (const auto& p : people)
    if (p.protection != Protection::kNone) index->AddPerson(p);
  index->names.Build();
  index->identifiers.Build();
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

}  // namespace

// What may stand beside a name part in the same word and still be that
// person: digits, joining punctuation, a possessive, their initials, and
// their other name parts (doreen80, doreen.h, dhargreaves, o'brien's,
// doreen_hargreaves). Anything else ("Annual" around "Ann") is another word.
bool Redactor::Index::Surroundable(std::string_view rest, const Person& p) const {
  std::vector<bool> ok(rest.size() + 1, false);
  ok[0] = true;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (!ok[i]) continue;
    const char c = rest[i];
    if (AsciiDigit(c) || c == '.' || c == '\'' || c == '_' || c == '-') ok[i + 1] = true;
    if (c == 's' && i > 0 && rest[i - 1] == '\'') ok[i + 1] = true;
    if (p.initials.contains(c) && (i + 1 == rest.size() || !AsciiAlpha(rest[i + 1]) || i == 0)) ok[i + 1] = true;
    for (const auto& part : p.parts)
      if (rest.compare(i, part.size(), part) == 0) ok[i + part.size()] = true;
  }
  return ok[rest.size()];
}

void Redactor::Index::MatchNames(std::string_view original, const FoldedText& f, const std::vector<Token>& words,
                                 std::vector<Hit>& hits) const {
  for (const auto& h : names.FindAll(f.text)) {
    const Term& term = name_terms[h.pattern];
    const std::uint32_t begin = h.end - term.length, end = h.end;
    const What what = term.kind == TermKind::kEmail ? What::kDetail : What::kName;
    if (term.kind == TermKind::kUnspacedName) {
      hits.push_back({begin, end, term.person, what});
      continue;
    }
    const Token* word = WordAt(words, begin);
    if (!word || end > word->end) {
      // An email address spans several words: it must start and end on word edges.
      const Token* last = WordAt(words, end - 1);
      if (term.kind == TermKind::kEmail && word && word->begin == begin && last && last->end == end)
        hits.push_back({begin, end, term.person, what});
      continue;
    }
    const std::string_view before(f.text.data() + word->begin, begin - word->begin);
    const std::string_view after(f.text.data() + end, word->end - end);
    bool whole = before.empty() && after.empty();
    if (!whole) {
      // A two-letter name ("Jo") inside a word is that person only beside
      // what Surroundable allows; a capital after it ("JoAnne") is not enough.
      const Person& p = people[term.person];
      const bool short_part = term.kind == TermKind::kShortNamePart;
      const bool starts = before.empty() || Surroundable(before, p) || (!short_part && CaseBoundary(original, f, begin));
      const bool ends = after.empty() || Surroundable(after, p) || (!short_part && CaseBoundary(original, f, end));
      whole = starts && ends;
    }
    if (!whole) continue;
    std::uint32_t from = word->begin;
    // "D. Hargreaves", "D J Hargreaves": initials before a family name.
    if (term.family) {
      for (int k = 0; k < 3; ++k) {
        std::uint32_t at = from;
        while (at > 0 && (f.text[at - 1] == ' ' || f.text[at - 1] == '.')) --at;
        if (at == from || at == 0) break;
        const Token* initial = WordAt(words, at - 1);
        if (!initial) break;
        const std::string_view w(f.text.data() + initial->begin, initial->end - initial->begin);
        // Their own initials, written as initials: a capital or a dot ("a
        // White van" keeps its article).
        const Person& p = people[term.person];
        const bool dotted = w.find('.') != std::string_view::npos || (initial->end < f.text.size() && f.text[initial->end] == '.');
        const bool initials =
            std::all_of(w.begin(), w.end(), [&](char c) { return c == '.' || (AsciiAlpha(c) && p.initials.contains(c)); }) &&
            std::count_if(w.begin(), w.end(), AsciiAlpha) <= 3 && (w.size() == 1 || dotted) &&
            (dotted || u_isUUppercase(CodePointAt(original, f.begin[initial->begin])));
        if (!initials) break;
        from = initial->begin;
      }
    }
    hits.push_back({from, word->end, term.person, what});
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
  auto separated_only = [&](std::uint32_t from, std::uint32_t to) {  // folded bytes between two characters
    if (to - from > 3) return false;
    for (std::uint32_t i = from; i < to; ++i)
      if (std::string_view(" -./()+\t").find(f.text[i]) == std::string_view::npos) return false;
    return true;
  };
  for (const auto& h : identifiers.FindAll(compact)) {
    const std::uint32_t end = h.end, begin = end - identifier_length[h.pattern];
    bool inside = true;
    for (std::uint32_t k = begin + 1; k < end && inside; ++k) inside = separated_only(at[k - 1] + 1, at[k]);
    // Not part of a longer run of letters and digits.
    const bool starts = begin == 0 || at[begin - 1] + 1 < at[begin];
    const bool ends = end == at.size() || at[end - 1] + 1 < at[end];
    if (!inside || !starts || !ends) continue;
    std::uint32_t from = at[begin];
    if (from > 0 && f.text[from - 1] == '+') --from;  // +44 ...
    hits.push_back({from, at[end - 1] + 1, identifier_person[h.pattern], What::kDetail});
  }
}

void Redactor::Index::MatchAddresses(const FoldedText& f, const std::vector<Token>& words,
                                     std::vector<Hit>& hits) const {
  if (phrases.empty()) return;
  auto word = [&](std::size_t i) { return std::string_view(f.text.data() + words[i].begin, words[i].end - words[i].begin); };
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto [from, to] = phrases.equal_range(std::string(word(i)));
    for (auto it = from; it != to; ++it) {
      const auto& phrase = it->second.words;
      if (i + phrase.size() > words.size()) continue;
      bool same = true;
      for (std::size_t k = 1; k < phrase.size() && same; ++k) same = word(i + k) == phrase[k];
      if (same) hits.push_back({words[i].begin, words[i + phrase.size() - 1].end, it->second.person, What::kDetail});
    }
  }
}

void Redactor::Index::MatchDates(const FoldedText& f, std::vector<Hit>& hits) const {
  if (dates.empty()) return;
  for (const auto& d : internal::FindDates(f.text)) {
    const auto& table = d.two_digit_year ? short_dates : dates;
    auto [from, to] = table.equal_range(d.year * 10000 + d.month * 100 + d.day);
    for (auto it = from; it != to; ++it) hits.push_back({d.begin, d.end, it->second, What::kDetail});
  }
}

namespace {

struct Cut {
  std::size_t begin, end;
  What what;
};

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
      for (std::size_t i = last.end; adjacent && i < c.begin; ++i) adjacent = original[i] == ' ' || original[i] == '-';
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

}  // namespace

Redacted Redactor::Redact(std::string_view text, std::span<const Mention> withhold_too) const {
  Redacted out;
  std::vector<Cut> cuts;
  for (const Mention& m : withhold_too)
    if (m.span.begin < m.span.end && m.span.end <= text.size()) cuts.push_back({m.span.begin, m.span.end, m.what});
  if (!empty()) {
    const FoldedText f = Fold(text);
    const std::vector<Token> words = Words(f.text);
    std::vector<Hit> hits;
    index_->MatchNames(text, f, words, hits);
    index_->MatchIdentifiers(f, hits);
    index_->MatchAddresses(f, words, hits);
    index_->MatchDates(f, hits);
    std::map<std::uint32_t, std::vector<Cut>> review;  // by watched person
    for (const Hit& h : hits) {
      const Cut cut{f.begin[h.begin], f.end[h.end - 1], h.what};
      if (index_->people[h.person].treatment == Treatment::kWithhold) cuts.push_back(cut);
      else review[h.person].push_back(cut);
    }
    cuts = Merge(std::move(cuts), text);
    // A watched person's details are mentions ("Maureen Blythe" is one)
    // unless they are withheld anyway.
    for (auto& [person, found] : review)
      for (const Cut& r : Merge(std::move(found), text)) {
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
