#include "linkage/internal/prepared.h"

#include <algorithm>
#include <cstring>

#include "domain/person.h"
#include "linkage/model.h"
#include "linkage/nicknames.h"
#include "linkage/normalise.h"
#include "linkage/phonetic.h"
#include "linkage/string_metrics.h"

namespace jigsaw::linkage::internal {

std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t x = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x == 0 ? 1 : x;
}

std::uint64_t HashText(std::string_view text, std::uint64_t seed) {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix(h, text.size());
}

namespace {

// Up to 8 bytes of ASCII as one integer (postcodes and their prefixes).
std::uint64_t Pack(std::string_view s) {
  std::uint64_t v = 0;
  std::memcpy(&v, s.data(), std::min<std::size_t>(s.size(), 8));
  return v;
}

std::uint64_t FirstNumber(std::string_view folded) {
  const auto begin = folded.find_first_of("0123456789");
  if (begin == std::string_view::npos) return 0;
  auto end = folded.find_first_not_of("0123456789", begin);
  if (end == std::string_view::npos) end = folded.size();
  return HashText(folded.substr(begin, end - begin));
}

std::vector<std::string> Words(const std::string& folded) {
  std::vector<std::string> words;
  for (std::size_t s = 0; s < folded.size();) {
    std::size_t e = folded.find(' ', s);
    if (e == std::string::npos) e = folded.size();
    words.push_back(folded.substr(s, e - s));
    s = e + 1;
  }
  return words;
}

}  // namespace

PreparedSet::PreparedSet(const NicknameTable& nicknames) : nicknames_(nicknames) {
  names_.emplace_back();  // id 0: no name
}

std::uint32_t PreparedSet::Intern(const std::string& folded) {
  if (folded.empty()) return 0;
  if (auto it = folded_ids_.find(folded); it != folded_ids_.end()) return it->second;
  std::vector<std::uint32_t> words;
  const auto parts = Words(folded);
  if (parts.size() > 1)
    for (const auto& w : parts) words.push_back(Intern(w));
  NameEntry entry;
  entry.text = folded;
  if (const std::string key = PhoneticKey(folded); !key.empty()) entry.phonetic = HashText(key);
  for (std::uint16_t g : nicknames_.Groups(folded)) {
    if (entry.nickname_count == entry.nicknames.size()) break;
    entry.nicknames[entry.nickname_count++] = g;
  }
  const auto id = static_cast<std::uint32_t>(names_.size());
  if (words.empty()) words.push_back(id);
  entry.words = std::move(words);
  names_.push_back(std::move(entry));
  folded_ids_.emplace(folded, id);
  return id;
}

std::uint32_t PreparedSet::InternRaw(std::string_view raw) {
  if (raw.empty()) return 0;
  std::string key(raw);
  if (auto it = raw_ids_.find(key); it != raw_ids_.end()) return it->second;
  const std::uint32_t id = Intern(NormaliseText(raw));
  raw_ids_.emplace(std::move(key), id);
  return id;
}

void PreparedSet::Reserve(std::size_t records) {
  records_.reserve(records_.size() + records);
  arena_.reserve(arena_.size() + records * 40);  // an address line, an NHS number, a UPN
}

TextRef PreparedSet::Store(std::string_view text) {
  TextRef ref{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(text.size())};
  arena_.append(text);
  return ref;
}

std::uint32_t PreparedSet::Add(const Record& record) {
  PreparedRecord p;
  p.given = InternRaw(record.given_name);
  if (p.given != 0) {
    p.given_first = names_[p.given].words.front();
    ++names_[p.given_first].given_count;
  }
  p.family = InternRaw(record.family_name);
  if (p.family != 0) ++names_[p.family].family_count;
  if (auto dob = domain::ParseDate(record.date_of_birth)) {
    p.year = static_cast<std::uint16_t>(static_cast<int>(dob->year()));
    p.month = static_cast<std::uint8_t>(static_cast<unsigned>(dob->month()));
    p.day = static_cast<std::uint8_t>(static_cast<unsigned>(dob->day()));
  }
  p.sex = record.sex;
  if (const std::string pc = domain::NormalisePostcode(record.postcode); domain::IsValidPostcode(pc)) {
    const std::size_t space = pc.find(' ');
    p.unit = Pack(pc);
    p.sector = Pack(std::string_view(pc).substr(0, space + 2));
    p.district = Pack(std::string_view(pc).substr(0, space));
  }
  if (const std::string address = NormaliseText(record.address_line); !address.empty()) {
    p.address = Store(address);
    p.address_hash = HashText(address);
    p.address_number = FirstNumber(address);
  }
  if (const std::string nhs = domain::NormaliseNhsNumber(record.nhs_number); !nhs.empty()) {
    p.nhs = Store(nhs);
    p.nhs_hash = HashText(nhs);
    p.nhs_check = domain::IsValidNhsNumber(nhs) ? Check::kValid : Check::kInvalid;
  }
  std::string upn = NormaliseText(record.upn);
  std::erase(upn, ' ');
  if (!upn.empty()) {
    // A UPN is letters and digits only: NormaliseText has folded any other
    // script and width to ASCII, so upper-casing bytes is all that is left.
    for (char& c : upn)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    p.upn = Store(upn);
    p.upn_check = domain::IsValidUpn(upn) ? Check::kValid : Check::kInvalid;
  }
  records_.push_back(p);
  return static_cast<std::uint32_t>(records_.size() - 1);
}

NameFrequencies FrequenciesOf(const Model& model, const PreparedSet& set) {
  NameFrequencies f;
  f.given.assign(set.name_count(), 0.0f);
  f.family.assign(set.name_count(), 0.0f);
  for (std::uint32_t id = 1; id < set.name_count(); ++id) {
    const std::string& text = set.name(id).text;
    f.given[id] = static_cast<float>(model.Log2TermFrequency(Field::kGivenName, text));
    f.family[id] = static_cast<float>(model.Log2TermFrequency(Field::kFamilyName, text));
  }
  return f;
}

namespace {

struct Side {
  const PreparedSet& set;
  const PreparedRecord& r;
  const NameEntry& name(std::uint32_t id) const { return set.name(id); }
};

// Names of one set are interned, so equal names have equal ids; between
// two sets (a query against an index) the text must be compared.
bool SameName(const Side& a, std::uint32_t ida, const Side& b, std::uint32_t idb) {
  if (&a.set == &b.set) return ida == idb;
  return a.name(ida).text == b.name(idb).text;
}

// True if some word of one name is a word of the other; single words were
// already compared whole.
bool SameWords(const Side& a, std::uint32_t ida, const Side& b, std::uint32_t idb) {
  const auto& wa = a.name(ida).words;
  const auto& wb = b.name(idb).words;
  if (wa.size() == 1 && wb.size() == 1) return false;
  for (std::uint32_t x : wa)
    for (std::uint32_t y : wb)
      if (SameName(a, x, b, y)) return true;
  return false;
}

bool SharesNicknameGroup(const NameEntry& a, const NameEntry& b) {
  for (int i = 0; i < a.nickname_count; ++i)
    for (int j = 0; j < b.nickname_count; ++j)
      if (a.nicknames[i] == b.nicknames[j]) return true;
  return false;
}

// The same phonetic key, and spelled alike: the key alone joins names that
// differ only in their vowels (Lily and Lola, Amelia and Emily), which
// twins are often given; transliterations keep most letters in place
// (Mohammed and Muhammad 0.85, Aisha and Ayesha 0.84).
bool Phonetic(const NameEntry& a, const NameEntry& b, double jaro_winkler) {
  return a.phonetic != 0 && a.phonetic == b.phonetic && jaro_winkler >= 0.8;
}

bool Typo(std::string_view a, std::string_view b, double jaro_winkler) {
  return std::min(a.size(), b.size()) >= 4 && jaro_winkler >= 0.8 && DamerauLevenshtein(a, b, 1) <= 1;
}

bool Similar(std::string_view a, std::string_view b, double jaro_winkler) {
  return jaro_winkler >= 0.88 || (jaro_winkler >= 0.7 && DamerauLevenshtein(a, b, 2) <= 2);
}

bool Swapped(const Side& a, const Side& b) {
  if (a.r.family == 0 || b.r.family == 0) return false;
  return SameName(a, a.r.given_first, b, b.r.family) && SameName(a, a.r.family, b, b.r.given_first);
}

GivenNameLevel CompareGiven(const Side& a, const Side& b) {
  using L = GivenNameLevel;
  if (a.r.given_first == 0 || b.r.given_first == 0) return L::kNotCompared;
  if (SameName(a, a.r.given_first, b, b.r.given_first)) return L::kExact;
  const NameEntry& na = a.name(a.r.given_first);
  const NameEntry& nb = b.name(b.r.given_first);
  if (Swapped(a, b)) return L::kSwapped;
  if (SharesNicknameGroup(na, nb)) return L::kNickname;
  const double jw = JaroWinkler(na.text, nb.text);
  if (Phonetic(na, nb, jw)) return L::kPhonetic;
  if (Typo(na.text, nb.text, jw)) return L::kTypo;
  if (SameWords(a, a.r.given, b, b.r.given)) return L::kOtherName;
  if (Similar(na.text, nb.text, jw)) return L::kSimilar;
  if ((na.text.size() == 1 || nb.text.size() == 1) && na.text[0] == nb.text[0]) return L::kInitial;
  return L::kDifferent;
}

FamilyNameLevel CompareFamily(const Side& a, const Side& b, GivenNameLevel given) {
  using L = FamilyNameLevel;
  if (a.r.family == 0 || b.r.family == 0) return L::kNotCompared;
  if (given == GivenNameLevel::kSwapped) return L::kSwappedWithGiven;
  if (SameName(a, a.r.family, b, b.r.family)) return L::kExact;
  const NameEntry& na = a.name(a.r.family);
  const NameEntry& nb = b.name(b.r.family);
  const double jw = JaroWinkler(na.text, nb.text);
  if (Phonetic(na, nb, jw)) return L::kPhonetic;
  if (Typo(na.text, nb.text, jw)) return L::kTypo;
  if (SameWords(a, a.r.family, b, b.r.family)) return L::kPart;
  if (Similar(na.text, nb.text, jw)) return L::kSimilar;
  return L::kDifferent;
}

DateOfBirthLevel CompareDate(const PreparedRecord& a, const PreparedRecord& b) {
  using L = DateOfBirthLevel;
  if (a.year == 0 || b.year == 0) return L::kNotCompared;
  const bool y = a.year == b.year, m = a.month == b.month, d = a.day == b.day;
  if (y && m && d) return L::kExact;
  if (y && a.month == b.day && a.day == b.month) return L::kDayMonthSwapped;
  if (int{y} + int{m} + int{d} == 2) return L::kOneComponent;
  return L::kDifferent;
}

SexLevel CompareSex(const PreparedRecord& a, const PreparedRecord& b) {
  if (a.sex == Sex::kUnknown || b.sex == Sex::kUnknown) return SexLevel::kNotCompared;
  return a.sex == b.sex ? SexLevel::kSame : SexLevel::kDifferent;
}

// Address lines are alike when they are equal, or carry the same house
// number and read alike (Jaro-Winkler at least 0.9): the number test keeps
// 12 and 14 Oak Road apart and spares most pairs the string comparison.
bool SimilarAddress(const Side& a, const Side& b) {
  if (a.r.address_hash == 0 || b.r.address_hash == 0) return false;
  if (a.r.address_hash == b.r.address_hash) return true;
  if (a.r.address_number != b.r.address_number) return false;
  return JaroWinkler(a.set.text(a.r.address), b.set.text(b.r.address)) >= 0.9;
}

LocationLevel CompareLocation(const Side& a, const Side& b) {
  using L = LocationLevel;
  if (a.r.unit != 0 && b.r.unit != 0) {
    if (a.r.unit == b.r.unit) return SimilarAddress(a, b) ? L::kSameAddress : L::kPostcodeUnit;
    // A mistyped postcode keeps its district more often than not; a
    // similar address further away is a coincidence of street names.
    if (a.r.district == b.r.district && SimilarAddress(a, b)) return L::kAddressLine;
    if (a.r.sector == b.r.sector) return L::kPostcodeSector;
    if (a.r.district == b.r.district) return L::kPostcodeDistrict;
    return L::kDifferent;
  }
  if (a.r.address_hash == 0 || b.r.address_hash == 0) return L::kNotCompared;
  return SimilarAddress(a, b) ? L::kAddressLine : L::kDifferent;
}

IdentifierLevel CompareIdentifier(std::string_view a, Check ca, std::string_view b, Check cb) {
  using L = IdentifierLevel;
  if (ca == Check::kMissing || cb == Check::kMissing) return L::kNotCompared;
  const bool both_valid = ca == Check::kValid && cb == Check::kValid;
  if (a == b) return both_valid ? L::kSameValid : L::kSameUnchecked;
  if (both_valid) return L::kDifferentValid;
  if (DamerauLevenshtein(a, b, 1) <= 1) return L::kOneMistyped;
  return L::kDifferent;
}

}  // namespace

Comparison Compare(const PreparedSet& sa, std::uint32_t ia, const PreparedSet& sb, std::uint32_t ib) {
  const Side a{sa, sa[ia]}, b{sb, sb[ib]};
  Comparison c;
  const GivenNameLevel given = CompareGiven(a, b);
  c[Field::kGivenName] = static_cast<std::uint8_t>(given);
  c[Field::kFamilyName] = static_cast<std::uint8_t>(CompareFamily(a, b, given));
  c[Field::kDateOfBirth] = static_cast<std::uint8_t>(CompareDate(a.r, b.r));
  c[Field::kSex] = static_cast<std::uint8_t>(CompareSex(a.r, b.r));
  c[Field::kLocation] = static_cast<std::uint8_t>(CompareLocation(a, b));
  c[Field::kNhsNumber] = static_cast<std::uint8_t>(
      CompareIdentifier(sa.text(a.r.nhs), a.r.nhs_check, sb.text(b.r.nhs), b.r.nhs_check));
  c[Field::kUpn] = static_cast<std::uint8_t>(
      CompareIdentifier(sa.text(a.r.upn), a.r.upn_check, sb.text(b.r.upn), b.r.upn_check));
  return c;
}

}  // namespace jigsaw::linkage::internal
