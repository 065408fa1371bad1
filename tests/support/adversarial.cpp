#include "support/adversarial.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <functional>
#include <random>

#include "redaction/fold.h"

namespace jigsaw::testing {
namespace {

using domain::Person;

// --- Helpers ---------------------------------------------------------------

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string Folded(std::string_view s) { return redaction::FoldKey(s); }

// The parts of a name: "Hargreaves-Smith" and "Ní Bhriain" have two.
std::vector<std::string> Parts(const std::string& name) {
  std::vector<std::string> out;
  std::string part;
  for (char c : name + " ") {
    if (c == ' ' || c == '-') {
      if (!part.empty()) out.push_back(part);
      part.clear();
    } else {
      part.push_back(c);
    }
  }
  return out;
}

// The part to look for in the output when a spelling of `name` is used:
// its longest part, folded (without apostrophes, which some spellings drop).
std::string Core(const std::string& name) {
  std::string best;
  for (const auto& p : Parts(name))
    if (p.size() > best.size()) best = p;
  std::string out;
  for (char c : Folded(best))
    if (c != '\'') out.push_back(c);
  return out;
}

Spelling NameSpelling(std::string text, const std::string& name) { return {std::move(text), Core(name), LeakCheck::kNamePart}; }

std::string Utf8(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

// Letters that look Latin but are Cyrillic: the classic spoof.
std::string Cyrillic(const std::string& s) {
  static const std::vector<std::pair<char, UChar32>> kLookAlikes = {
      {'a', 0x0430}, {'c', 0x0441}, {'e', 0x0435}, {'o', 0x043E}, {'p', 0x0440}, {'x', 0x0445}, {'y', 0x0443},
      {'A', 0x0410}, {'B', 0x0412}, {'C', 0x0421}, {'E', 0x0415}, {'H', 0x041D}, {'K', 0x041A}, {'M', 0x041C},
      {'O', 0x041E}, {'P', 0x0420}, {'T', 0x0422}, {'X', 0x0425}};
  std::string out;
  for (char c : s) {
    auto it = std::find_if(kLookAlikes.begin(), kLookAlikes.end(), [&](const auto& p) { return p.first == c; });
    out += it == kLookAlikes.end() ? std::string(1, c) : Utf8(it->second);
  }
  return out;
}

std::string Fullwidth(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') out += Utf8(0xFF21 + (c - 'A'));
    else if (c >= 'a' && c <= 'z') out += Utf8(0xFF41 + (c - 'a'));
    else out.push_back(c);
  }
  return out;
}

std::string Nfd(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string out;
  nfd->normalize(icu::UnicodeString::fromUTF8(s), status).toUTF8String(out);
  return out;
}

// "Zoë" -> "Zoe": accents dropped, case kept.
std::string WithoutAccents(const std::string& s) {
  std::string out;
  for (const auto& word : Parts(s)) {
    std::string f = Folded(word);
    if (!f.empty() && f[0] >= 'a' && f[0] <= 'z') f[0] = static_cast<char>(f[0] - 'a' + 'A');
    out += (out.empty() ? "" : " ") + f;
  }
  return out;
}

bool Ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The name with `between` inserted after its second character.
std::string Interrupted(const std::string& name, const std::string& between) {
  std::size_t at = 0;
  for (int k = 0; k < 2 && at < name.size(); ++k) {
    ++at;
    while (at < name.size() && (static_cast<unsigned char>(name[at]) & 0xC0) == 0x80) ++at;
  }
  return name.substr(0, at) + between + name.substr(at);
}

std::string Digits(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

std::string Compact(const std::string& s) {
  std::string out;
  for (char c : Folded(s))
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(c);
  return out;
}

// --- The categories ----------------------------------------------------------

std::vector<Spelling> FullNames(const Person& p) {
  const std::string& g = p.given_name;
  const std::string& f = p.family_name;
  return {NameSpelling(g + " " + f, f), NameSpelling(Upper(f) + ", " + g, f), NameSpelling(Lower(g + " " + f), f),
          NameSpelling(f + " " + g, f), NameSpelling(g + "  " + f, f)};
}

std::vector<Spelling> EachPart(const Person& p) {
  std::vector<Spelling> out;
  for (const auto* name : {&p.given_name, &p.family_name})
    for (const auto& part : Parts(*name)) {
      out.push_back(NameSpelling(part, part));
      out.push_back(NameSpelling(Upper(part), part));
    }
  return out;
}

std::vector<Spelling> Possessives(const Person& p) {
  std::vector<Spelling> out;
  for (const char* apostrophe : {"\xE2\x80\x99", "\xE2\x80\x98", "\xCA\xBC", "'", "\xEF\xBC\x87"})
    out.push_back(NameSpelling(Parts(p.given_name).front() + apostrophe + "s", p.given_name));
  out.push_back(NameSpelling(Parts(p.family_name).back() + "\xE2\x80\x99s", Parts(p.family_name).back()));
  return out;
}

std::vector<Spelling> Punctuated(const Person& p) {
  const std::string g = Parts(p.given_name).front();
  return {NameSpelling("\xC2\xA0" + g + "\xE2\x80\x94", g), NameSpelling("(" + g + ")", g),
          NameSpelling("\xC2\xAB" + g + "\xC2\xBB", g), NameSpelling(g + "/" + Parts(p.family_name).front(), g),
          NameSpelling("\xE2\x80\x9C" + g + "\xE2\x80\x9D", g), NameSpelling(g + "\xE2\x80\xA6", g)};
}

std::vector<Spelling> OtherNames(const Person& p) {
  std::vector<Spelling> out;
  for (const auto& k : p.known_as) {
    out.push_back(NameSpelling(k, k));
    out.push_back(NameSpelling(Upper(k), k));
    out.push_back(NameSpelling(k + "\xE2\x80\x99s", k));
  }
  return out;
}

std::vector<Spelling> Accents(const Person& p) {
  std::vector<Spelling> out;
  for (const auto* name : {&p.given_name, &p.family_name}) {
    if (!Ascii(*name)) {
      out.push_back(NameSpelling(WithoutAccents(*name), *name));
      out.push_back(NameSpelling(Nfd(*name), *name));
      out.push_back(NameSpelling(Nfd(Upper(*name)), *name));
    }
  }
  // And accents where the record has none.
  const std::string g = Parts(p.given_name).front();
  if (Ascii(g) && g.size() > 2) out.push_back(NameSpelling(g.substr(0, 1) + Nfd(g.substr(1, 1) + "\xCC\x81") + g.substr(2), g));
  return out;
}

std::vector<Spelling> Invisible(const Person& p) {
  std::vector<Spelling> out;
  const std::string g = Parts(p.given_name).front();
  for (const char* hidden : {"\xE2\x80\x8B", "\xC2\xAD", "\xE2\x80\x8D", "\xE2\x81\xA0", "\xEF\xBB\xBF", "\xE2\x80\x8E",
                             "\xE2\x80\x8C"})
    out.push_back(NameSpelling(Interrupted(g, hidden), g));
  return out;
}

std::vector<Spelling> LookAlikes(const Person& p) {
  std::vector<Spelling> out;
  for (const auto* name : {&p.given_name, &p.family_name}) {
    const std::string spoofed = Cyrillic(*name);
    if (spoofed != *name) out.push_back(NameSpelling(spoofed, *name));
    out.push_back(NameSpelling(Fullwidth(*name), *name));
  }
  return out;
}

std::vector<Spelling> Initials(const Person& p) {
  const std::string f = Parts(p.family_name).back();
  std::string initial = Folded(p.given_name).substr(0, 1);
  initial = Upper(initial);
  return {NameSpelling(initial + ". " + f, f), NameSpelling(initial + " " + p.family_name, f),
          NameSpelling("Mx " + initial + ". " + Upper(f), f)};
}

std::vector<Spelling> Joined(const Person& p) {
  const std::string g = Parts(p.given_name).front();
  const std::string f = Parts(p.family_name).back();
  if (!Ascii(g + f)) return {};
  return {NameSpelling(g + f, g), NameSpelling(Lower(g) + "." + Lower(f), g), NameSpelling(Lower(g) + "_" + Lower(f), g),
          NameSpelling(Lower(g) + "80", g), NameSpelling(Lower(g.substr(0, 1) + f), f), NameSpelling(Lower(f) + "2024", f)};
}

std::vector<Spelling> NhsNumbers(const Person& p) {
  if (p.nhs_number.size() != 10) return {};
  const std::string& n = p.nhs_number;
  std::vector<Spelling> out;
  for (const std::string& s : {n, n.substr(0, 3) + " " + n.substr(3, 3) + " " + n.substr(6),
                               n.substr(0, 3) + "-" + n.substr(3, 3) + "-" + n.substr(6),
                               n.substr(0, 4) + " " + n.substr(4, 3) + " " + n.substr(7),
                               n.substr(0, 3) + "." + n.substr(3, 3) + "." + n.substr(6),
                               n.substr(0, 3) + " - " + n.substr(3, 3) + " - " + n.substr(6)})
    out.push_back({s, n, LeakCheck::kDigits});
  return out;
}

std::vector<Spelling> Postcodes(const Person& p) {
  if (p.postcode.empty()) return {};
  const std::string compact = Compact(p.postcode);
  const std::string outward = p.postcode.substr(0, p.postcode.find(' '));
  const std::string inward = p.postcode.substr(p.postcode.find(' ') + 1);
  std::vector<Spelling> out;
  for (const std::string& s : {p.postcode, outward + inward, outward + "  " + inward, Lower(p.postcode), Lower(outward + inward)})
    out.push_back({s, compact, LeakCheck::kCompact});
  return out;
}

std::vector<Spelling> DatesOfBirth(const Person& p) {
  auto dob = domain::ParseDate(p.date_of_birth);
  if (!dob) return {};
  const int y = int(dob->year()), m = static_cast<int>(unsigned(dob->month())), d = static_cast<int>(unsigned(dob->day()));
  static const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                  "September", "October", "November", "December"};
  const std::string month = kMonths[m - 1];
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  const std::string ordinal = std::to_string(d) + (d % 10 == 1 && d != 11 ? "st" : d % 10 == 2 && d != 12 ? "nd" : d % 10 == 3 && d != 13 ? "rd" : "th");
  std::vector<Spelling> out;
  for (const std::string& s :
       {std::to_string(d) + "/" + std::to_string(m) + "/" + std::to_string(y), two(d) + "/" + two(m) + "/" + std::to_string(y),
        std::to_string(d) + "." + std::to_string(m) + "." + two(y % 100), p.date_of_birth, two(d) + "-" + two(m) + "-" + std::to_string(y),
        std::to_string(d) + " " + month + " " + std::to_string(y), ordinal + " " + month + " " + std::to_string(y),
        month + " " + std::to_string(d) + ", " + std::to_string(y), ordinal + " of " + month.substr(0, 3) + " " + std::to_string(y),
        Upper(std::to_string(d) + " " + month + " " + std::to_string(y))})
    out.push_back({s, s, LeakCheck::kVerbatim});
  return out;
}

std::vector<std::string> AddressLines(const std::string& address) {
  std::vector<std::string> out;
  std::string line;
  for (char c : address + "\n") {
    if (c == '\n' || c == ',') {
      while (!line.empty() && line.front() == ' ') line.erase(0, 1);
      if (!line.empty()) out.push_back(line);
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  return out;
}

std::vector<Spelling> Addresses(const Person& p) {
  std::vector<Spelling> out;
  const auto lines = AddressLines(p.address);
  for (const auto& line : lines) {
    // A leak of a line is its longest word surviving.
    out.push_back(NameSpelling(line, line));
    out.push_back(NameSpelling(Upper(line), line));
    const auto space = line.find(' ');
    if (space != std::string::npos && line[0] >= '0' && line[0] <= '9') {
      out.push_back(NameSpelling(line.substr(space + 1), line));
      out.push_back(NameSpelling(Lower(line.substr(space + 1)), line));
    }
  }
  if (lines.size() > 1) {
    std::string one_line;
    for (const auto& l : lines) one_line += (one_line.empty() ? "" : ", ") + l;
    out.push_back(NameSpelling(one_line, lines.front()));
  }
  return out;
}

std::vector<Spelling> Phones(const Person& p) {
  std::vector<Spelling> out;
  for (const auto& phone : p.phone_numbers) {
    std::string national = Digits(phone);
    if (national.starts_with("44")) national = "0" + national.substr(2);
    const std::string rest = national.substr(1);
    for (const std::string& s : {phone, national, "+44 " + rest.substr(0, 4) + " " + rest.substr(4),
                                 "+44 (0)" + rest.substr(0, 4) + " " + rest.substr(4),
                                 national.substr(0, 5) + "-" + national.substr(5)})
      out.push_back({s, national.substr(1), LeakCheck::kDigits});
  }
  return out;
}

std::vector<Spelling> Emails(const Person& p) {
  std::vector<Spelling> out;
  for (const auto& email : p.email_addresses) {
    out.push_back({email, Compact(email), LeakCheck::kCompact});
    out.push_back({Upper(email), Compact(email), LeakCheck::kCompact});
    out.push_back({email.substr(0, email.find('@')), Compact(email.substr(0, email.find('@'))), LeakCheck::kCompact});
  }
  return out;
}

struct Category {
  const char* name;
  std::vector<Spelling> (*spell)(const Person&);
};

constexpr Category kCategories[] = {
    {"full name in either order", FullNames},
    {"each part of the name alone", EachPart},
    {"possessives with any apostrophe", Possessives},
    {"non-breaking spaces, dashes and quotes around a name", Punctuated},
    {"other names the person is known by", OtherNames},
    {"accents and decomposed Unicode", Accents},
    {"zero-width, soft hyphen, joiner and direction characters inside a name", Invisible},
    {"Cyrillic and fullwidth look-alike letters", LookAlikes},
    {"initials beside a surname", Initials},
    {"tokens that contain a name part", Joined},
    {"NHS number with any separators", NhsNumbers},
    {"postcode in any spacing and case", Postcodes},
    {"date of birth in the usual UK written forms", DatesOfBirth},
    {"every line of the address, and the street without its number", Addresses},
    {"phone numbers in national and international forms", Phones},
    {"email addresses and their local part", Emails},
};

// Sentences a note might hold, naming no one; {} is where the spelling goes.
constexpr const char* kTemplates[] = {
    "{} was seen outside the school gates on Tuesday afternoon.",
    "Mum said that {} had been round again and shouted through the letterbox.",
    "Information from {}: the family moved after the summer holidays.",
    "Concern raised about contact with {} during the weekend visit",
    "The class teacher noted ({}) in the margin of the register.",
    "Referral form lists {}",
};

std::string Place(std::string_view tmpl, const std::string& spelling) {
  std::string out(tmpl);
  out.replace(out.find("{}"), 2, spelling);
  return out;
}

// The words of folded text: runs of anything but ASCII punctuation and space.
std::vector<std::string> FoldedWords(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : Folded(text) + " ") {
    const auto u = static_cast<unsigned char>(c);
    const bool separator = u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'');
    if (separator) {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else if (c != '\'') {
      word.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> AdversarialCategories() {
  std::vector<std::string> out;
  for (const auto& c : kCategories) out.emplace_back(c.name);
  return out;
}

std::vector<Variant> AdversarialCorpus(const std::vector<Person>& people, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<Variant> out;
  for (const auto& p : people)
    for (const auto& c : kCategories)
      for (const auto& spelling : c.spell(p)) {
        // Each spelling at the start of a sentence and inside one.
        const std::size_t first = random() % 2;
        const std::size_t second = 2 + random() % (std::size(kTemplates) - 2);
        for (std::size_t t : {first, second})
          out.push_back({c.name, p.given_name, Place(kTemplates[t], spelling.text), spelling});
      }
  return out;
}

std::string FindLeak(const std::string& output, const Spelling& s) {
  if (output.find(s.text) != std::string::npos) return "the spelling itself: " + s.text;
  switch (s.check) {
    case LeakCheck::kVerbatim:
      if (Folded(output).find(Folded(s.core)) != std::string::npos) return "its folded form: " + s.core;
      break;
    case LeakCheck::kNamePart: {
      const std::string core = Core(s.core);
      for (const auto& word : FoldedWords(output)) {
        const bool leak = core.size() <= 2 ? word == core : word.find(core) != std::string::npos;
        if (leak) return "the name part '" + core + "' in '" + word + "'";
      }
      break;
    }
    case LeakCheck::kDigits:
      if (Digits(Folded(output)).find(Digits(s.core)) != std::string::npos) return "its digits: " + s.core;
      break;
    case LeakCheck::kCompact:
      if (Compact(output).find(s.core) != std::string::npos) return "its letters and digits: " + s.core;
      break;
  }
  return {};
}

}  // namespace jigsaw::testing
