#include "linkage/internal/blocking.h"

namespace jigsaw::linkage::internal {

std::string_view RuleName(BlockingRule rule) {
  switch (rule) {
    case BlockingRule::kNhsNumber: return "nhs_number";
    case BlockingRule::kUpn: return "upn";
    case BlockingRule::kBirthFamily: return "date_of_birth+family_name";
    case BlockingRule::kBirthGiven: return "date_of_birth+given_name";
    case BlockingRule::kNamesYear: return "names+year_of_birth";
    case BlockingRule::kNamesMonthDay: return "names+month_and_day_of_birth";
    case BlockingRule::kBirthPostcode: return "date_of_birth+postcode";
    case BlockingRule::kNamesDistrict: return "names+postcode_district";
    case BlockingRule::kFamilyPostcode: return "family_name+postcode";
    case BlockingRule::kNamesHouseNumber: return "names+house_number";
  }
  return "unknown";
}

std::uint64_t BlockingKey(BlockingRule rule, const PreparedSet& set, std::uint32_t i) {
  const PreparedRecord& r = set[i];
  const std::uint64_t tag = static_cast<std::uint64_t>(rule) + 1;
  const std::uint64_t given = r.given_first ? set.name(r.given_first).phonetic : 0;
  const std::uint64_t family = r.family ? set.name(r.family).phonetic : 0;
  const std::uint64_t year = r.year;
  const std::uint64_t month_day = r.year ? (std::uint64_t{r.month} << 8 | r.day) : 0;
  const std::uint64_t date = r.year ? (year << 16 | month_day) : 0;
  auto all = [&](std::initializer_list<std::uint64_t> parts) -> std::uint64_t {
    std::uint64_t key = tag;
    for (std::uint64_t p : parts) {
      if (p == 0) return 0;
      key = Mix(key, p);
    }
    return key;
  };
  switch (rule) {
    case BlockingRule::kNhsNumber: return all({r.nhs_hash});
    case BlockingRule::kUpn: return r.upn.size ? all({HashText(set.text(r.upn))}) : 0;
    case BlockingRule::kBirthFamily: return all({date, family});
    case BlockingRule::kBirthGiven: return all({date, given});
    case BlockingRule::kNamesYear: return all({given, family, year});
    case BlockingRule::kNamesMonthDay: return all({given, family, month_day});
    case BlockingRule::kBirthPostcode: return all({date, r.unit});
    case BlockingRule::kNamesDistrict: return all({given, family, r.district});
    case BlockingRule::kFamilyPostcode: return all({family, r.unit});
    case BlockingRule::kNamesHouseNumber: return all({given, family, r.address_number});
  }
  return 0;
}

RuleKeys BlockingKeys(const PreparedSet& set, std::uint32_t record) {
  RuleKeys keys{};
  for (std::size_t r = 0; r < kRuleCount; ++r) keys[r] = BlockingKey(static_cast<BlockingRule>(r), set, record);
  return keys;
}

}  // namespace jigsaw::linkage::internal
