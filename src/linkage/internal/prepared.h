// Records folded once into what comparisons and blocking read: names
// interned in a dictionary (each with its phonetic key and nickname
// groups), dates as numbers, postcodes packed into integers, identifiers
// with their check-digit state. Comparing two prepared records touches no
// ICU and allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "linkage/comparison.h"
#include "linkage/record.h"

namespace jigsaw::linkage {
class Model;
class NicknameTable;
}

namespace jigsaw::linkage::internal {

// A folded name, or one word of one, as met in the records.
struct NameEntry {
  std::string text;             // NormaliseText of the name
  std::uint64_t phonetic = 0;   // hash of PhoneticKey(text); 0 if it has none
  std::array<std::uint16_t, 4> nicknames{};  // groups in the nickname table
  std::uint8_t nickname_count = 0;
  std::vector<std::uint32_t> words;  // ids of its words (itself if one word)
  std::uint32_t given_count = 0;     // records with it as first given name
  std::uint32_t family_count = 0;    // records with it as family name
};

enum class Check : std::uint8_t { kMissing, kValid, kInvalid };

struct TextRef {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

struct PreparedRecord {
  std::uint32_t given = 0;        // dictionary id of all given names; 0 if none
  std::uint32_t given_first = 0;  // of the first given name
  std::uint32_t family = 0;
  std::uint16_t year = 0;  // 0: date of birth unknown
  std::uint8_t month = 0;
  std::uint8_t day = 0;
  Sex sex = Sex::kUnknown;
  Check nhs_check = Check::kMissing;
  Check upn_check = Check::kMissing;
  // Postcode prefixes packed as up to 8 ASCII bytes; 0 if no valid postcode.
  std::uint64_t unit = 0;      // "SW1A 1AA"
  std::uint64_t sector = 0;    // "SW1A 1"
  std::uint64_t district = 0;  // "SW1A"
  std::uint64_t address_hash = 0;    // of the folded address line; 0 if none
  std::uint64_t address_number = 0;  // the first number in it; 0 if none
  std::uint64_t nhs_hash = 0;        // of the digits; 0 if none
  TextRef address;
  TextRef nhs;  // digits, spaces removed
  TextRef upn;  // upper case, spaces removed
};

class PreparedSet {
 public:
  explicit PreparedSet(const NicknameTable& nicknames);

  // Folds and adds `record`; returns its index.
  std::uint32_t Add(const Record& record);
  // Makes room for `records` more records (a batch's size is known).
  void Reserve(std::size_t records);

  std::size_t size() const { return records_.size(); }
  const PreparedRecord& operator[](std::uint32_t i) const { return records_[i]; }
  const NameEntry& name(std::uint32_t id) const { return names_[id]; }
  std::size_t name_count() const { return names_.size(); }
  std::string_view text(TextRef ref) const { return {arena_.data() + ref.offset, ref.size}; }

 private:
  std::uint32_t InternRaw(std::string_view raw);
  std::uint32_t Intern(const std::string& folded);
  TextRef Store(std::string_view text);

  const NicknameTable& nicknames_;
  std::vector<PreparedRecord> records_;
  std::vector<NameEntry> names_;  // names_[0] is the empty name
  std::unordered_map<std::string, std::uint32_t> folded_ids_;
  std::unordered_map<std::string, std::uint32_t> raw_ids_;  // a cache: typed text to id
  std::string arena_;
};

// log2 term frequencies of every name in a set under a model's tables
// (not the set's own counts: they agree when the model was trained on the
// set), indexed by name id.
struct NameFrequencies {
  std::vector<float> given, family;
  // For record r of the set: the arguments Model::MatchWeight wants.
  double Given(const PreparedRecord& r) const { return given[r.given_first]; }
  double Family(const PreparedRecord& r) const { return family[r.family]; }
};
NameFrequencies FrequenciesOf(const Model& model, const PreparedSet& set);

// The level of each field for records a (of set sa) and b (of set sb).
Comparison Compare(const PreparedSet& sa, std::uint32_t a, const PreparedSet& sb, std::uint32_t b);

// A 64-bit hash (FNV-1a, then mixed) for keys; never 0 for non-empty input.
std::uint64_t HashText(std::string_view text, std::uint64_t seed = 0);
std::uint64_t Mix(std::uint64_t a, std::uint64_t b);

}  // namespace jigsaw::linkage::internal
