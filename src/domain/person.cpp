#include "domain/person.h"

#include <cctype>

#include "domain/text.h"

namespace jigsaw::domain {

namespace {
constexpr std::string_view kUpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";  // no I, O, S
}

std::string NormaliseNhsNumber(std::string_view input) {
  std::string out;
  for (char c : input)
    if (c != ' ' && c != '-') out.push_back(c);
  return out;
}

namespace {

// A phone number as people write one: digits with spaces, dashes, dots,
// brackets and a leading +; 7 to 15 digits (ITU E.164).
bool IsValidPhoneNumber(std::string_view s) {
  int digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') return false;
  }
  return digits >= 7 && digits <= 15;
}

// The shape of an address, not whether it exists: one @, a dot in the
// domain, nothing a mail system would refuse outright.
bool IsValidEmailAddress(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos || s.size() > 254)
    return false;
  const auto domain = s.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') return false;
  for (unsigned char c : s)
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';') return false;
  return true;
}

void TidyList(std::vector<std::string>& values) {
  for (auto& v : values) TrimInPlace(v);
  std::erase_if(values, [](const std::string& v) { return v.empty(); });
}

}  // namespace

void Tidy(Person& p) {
  TrimInPlace(p.given_name);
  TrimInPlace(p.family_name);
  TrimInPlace(p.date_of_birth);
  p.nhs_number = NormaliseNhsNumber(Trim(p.nhs_number));
  TrimInPlace(p.upn);
  for (char& c : p.upn)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  TidyFreeText(p.address);
  if (!Trim(p.postcode).empty()) p.postcode = NormalisePostcode(Trim(p.postcode));
  else p.postcode.clear();
  TidyList(p.known_as);
  TidyList(p.phone_numbers);
  TidyList(p.email_addresses);
  TidyFreeText(p.protected_reason);
}

bool IsAfter(std::chrono::year_month_day date, Time today) {
  const std::chrono::year_month_day on{std::chrono::floor<std::chrono::days>(today)};
  return std::chrono::sys_days(date) > std::chrono::sys_days(on);
}

bool IsValidNhsNumber(std::string_view d) {
  if (d.size() != 10) return false;
  if (d.find_first_not_of(d[0]) == std::string_view::npos) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    if (d[i] < '0' || d[i] > '9') return false;
    if (i < 9) sum += (d[i] - '0') * static_cast<int>(10 - i);
  }
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == d[9] - '0';
}

bool IsValidUpn(std::string_view upn) {
  if (upn.size() != 13) return false;
  int sum = 0;
  for (std::size_t i = 1; i < 13; ++i) {
    const char c = upn[i];
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (i == 12 && kUpnLetters.find(c) != std::string_view::npos) {
      value = static_cast<int>(kUpnLetters.find(c));  // a temporary UPN ends in a letter
    } else {
      return false;
    }
    sum += value * static_cast<int>(i + 1);
  }
  return upn[0] == kUpnLetters[static_cast<std::size_t>(sum % 23)];
}

std::string NormalisePostcode(std::string_view input) {
  std::string compact;
  for (char c : input)
    if (c != ' ') compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (compact.size() < 5) return compact;
  return compact.substr(0, compact.size() - 3) + " " + compact.substr(compact.size() - 3);
}

bool IsValidPostcode(std::string_view p) {
  // Outward code: letter, then 1-3 letters/digits; inward: digit, two letters.
  const auto space = p.find(' ');
  if (space == std::string_view::npos || space < 2 || space > 4 || p.size() != space + 4) return false;
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!alpha(p[0])) return false;
  for (std::size_t i = 1; i < space; ++i)
    if (!alpha(p[i]) && !digit(p[i])) return false;
  bool outward_has_digit = false;
  for (std::size_t i = 1; i < space; ++i) outward_has_digit |= digit(p[i]);
  return outward_has_digit && digit(p[space + 1]) && alpha(p[space + 2]) && alpha(p[space + 3]);
}

std::optional<std::chrono::year_month_day> ParseDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (t[i] - '0');
    }
  const std::chrono::year_month_day ymd{std::chrono::year(v[0]),
                                        std::chrono::month(static_cast<unsigned>(v[1])),
                                        std::chrono::day(static_cast<unsigned>(v[2]))};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

int AgeOn(std::chrono::year_month_day dob, std::chrono::year_month_day on) {
  int age = int(on.year()) - int(dob.year());
  if (on.month() < dob.month() || (on.month() == dob.month() && on.day() < dob.day())) --age;
  return age;
}

Status Validate(const Person& p, Time today) {
  JIGSAW_RETURN_IF_ERROR(ValidateName("given_name", p.given_name, 100));
  JIGSAW_RETURN_IF_ERROR(ValidateName("family_name", p.family_name, 100));
  if (p.known_as.size() > 20) return InvalidArgument("known_as", "Give at most 20 other names.");
  for (std::size_t i = 0; i < p.known_as.size(); ++i)
    JIGSAW_RETURN_IF_ERROR(ValidateName("known_as[" + std::to_string(i) + "]", p.known_as[i], 100));
  if (p.phone_numbers.size() > 10) return InvalidArgument("phone_numbers", "Give at most 10 phone numbers.");
  for (std::size_t i = 0; i < p.phone_numbers.size(); ++i)
    if (!IsValidPhoneNumber(p.phone_numbers[i]))
      return InvalidArgument("phone_numbers[" + std::to_string(i) + "]",
                             "Enter a phone number, like 01632 960 001 or +44 7700 900 982.");
  if (p.email_addresses.size() > 10) return InvalidArgument("email_addresses", "Give at most 10 email addresses.");
  for (std::size_t i = 0; i < p.email_addresses.size(); ++i)
    if (!IsValidEmailAddress(p.email_addresses[i]))
      return InvalidArgument("email_addresses[" + std::to_string(i) + "]",
                             "Enter an email address, like name@example.com.");
  const std::chrono::year_month_day on{std::chrono::floor<std::chrono::days>(today)};
  if (!p.date_of_birth.empty()) {
    auto dob = ParseDate(p.date_of_birth);
    if (!dob) return InvalidArgument("date_of_birth", "Give the date of birth as YYYY-MM-DD.");
    if (std::chrono::sys_days(*dob) > std::chrono::sys_days(on))
      return InvalidArgument("date_of_birth", "The date of birth is in the future.");
    if (dob->year() < std::chrono::year(1900))
      return InvalidArgument("date_of_birth", "The date of birth is before 1900: check the year.");
    if (p.kind == PersonKind::kChild && AgeOn(*dob, on) >= 18)
      return InvalidArgument("date_of_birth",
                             "A child is under 18: this date of birth makes them 18 or over.");
  } else if (p.kind == PersonKind::kChild) {
    return InvalidArgument("date_of_birth",
                           "A child's date of birth is needed to tell them apart from others.");
  }
  if (!p.nhs_number.empty() && !IsValidNhsNumber(p.nhs_number))
    return InvalidArgument("nhs_number",
                           "This is not a valid NHS number: it has 10 digits and the last is a check digit.");
  if (!p.upn.empty() && !IsValidUpn(p.upn))
    return InvalidArgument("upn", "This is not a valid unique pupil number (a check letter then 12 characters).");
  if (!p.address.empty()) JIGSAW_RETURN_IF_ERROR(ValidateText("address", p.address, 500));
  if (!p.postcode.empty() && !IsValidPostcode(p.postcode))
    return InvalidArgument("postcode", "Enter a real postcode, like SW1A 1AA.");
  if (p.is_protected) JIGSAW_RETURN_IF_ERROR(ValidateName("protected_reason", p.protected_reason, 500));
  else if (!p.protected_reason.empty())
    return InvalidArgument("protected_reason", "Give a reason only when the person is protected.");
  return Ok();
}

}  // namespace jigsaw::domain
