#include "domain/casework.h"

#include <algorithm>

#include "domain/person.h"
#include "domain/text.h"
#include "domain/working_days.h"

namespace jigsaw::domain {

namespace {
Status ValidateOptionalDate(std::string_view field, const std::string& date) {
  if (!date.empty() && !ParseDate(date))
    return InvalidArgument(std::string(field), "Give the date as YYYY-MM-DD.");
  return Ok();
}

// "HH:MM", 00:00 to 23:59: the minutes since midnight.
std::optional<int> ParseClockTime(std::string_view t) {
  const auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
  const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}
}  // namespace

void Tidy(Concern& c) {
  TidyFreeText(c.what_happened);
  TidyFreeText(c.child_words);
  TrimInPlace(c.incident_date);
  TrimInPlace(c.incident_time);
  TidyFreeText(c.incident_place);
}

void Tidy(InformationItem& i) {
  TidyFreeText(i.text);
  TrimInPlace(i.source);
  TrimInPlace(i.date);
  for (auto& id : i.identifies) TrimInPlace(id);
}

void Tidy(Feedback& f) { TidyFreeText(f.note); }

void Tidy(InformationRequest& r) {
  TrimInPlace(r.child_given_name);
  TrimInPlace(r.child_family_name);
  TrimInPlace(r.child_date_of_birth);
  r.child_nhs_number = NormaliseNhsNumber(Trim(r.child_nhs_number));
  TidyFreeText(r.child_other_details);
  TidyFreeText(r.needed);
  TidyFreeText(r.reason);
  TidyFreeText(r.terminology);
  for (auto& p : r.people) {
    TrimInPlace(p.name);
    TrimInPlace(p.relationship);
  }
}

void Tidy(AdviceRequest& r) { TidyFreeText(r.question); }

void Tidy(DecisionRecord& r) {
  for (std::string* text : {&r.rationale, &r.special_category_condition, &r.sensitive_processing_condition,
                            &r.criminal_offence_condition, &r.confidentiality_basis, &r.consent, &r.departure_reason})
    TidyFreeText(*text);
  TrimInPlace(r.lawful_basis);
  for (auto& o : r.objections) {
    TrimInPlace(o.by);
    TidyFreeText(o.reason);
  }
  if (r.informing) {
    TrimInPlace(r.informing->told_on);
    TrimInPlace(r.informing->told_by);
    TidyFreeText(r.informing->reason_not_told);
  }
  if (r.advice_sought) {
    TrimInPlace(r.advice_sought->from);
    TidyFreeText(r.advice_sought->summary);
  }
  TrimInPlace(r.police.occurrence_reference);
  TrimInPlace(r.police.ppn_reference);
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Three numbers a date could be: 1-31, 1-12, a year of two or four digits
// (a four-digit one either way round), separated by / - . : or a space
// ("01/02/2015", "2015-02-01", "04/03/16", "01 02 2015").
bool DateShaped(std::string_view v) {
  std::vector<std::string> parts(1);
  for (char c : v) {
    if (c == '/' || c == '-' || c == '.' || c == ':' || c == ' ') parts.emplace_back();
    else if (IsDigit(c)) parts.back() += c;
    else return false;
  }
  if (parts.size() != 3 || std::any_of(parts.begin(), parts.end(), [](const auto& p) { return p.empty() || p.size() > 4; }))
    return false;
  if (parts[0].size() == 4) std::swap(parts[0], parts[2]);
  if ((parts[2].size() != 4 && parts[2].size() != 2) || parts[0].size() > 2 || parts[1].size() > 2) return false;
  const int day = std::stoi(parts[0]), month = std::stoi(parts[1]);
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

}  // namespace

Status ValidatePoliceReference(std::string_view field, std::string_view v) {
  const std::string f(field);
  if (v.empty()) return Ok();
  if (v.size() > kMaxPoliceReference)
    return InvalidArgument(f, "A reference is at most " + std::to_string(kMaxPoliceReference) + " characters.");
  std::size_t digits = 0, letters = 0, run = 0, longest_run = 0;
  for (char c : v) {
    const bool letter = IsLetter(c);
    if (!letter && !IsDigit(c) && c != ' ' && c != '/' && c != '-' && c != '.' && c != ':')
      return InvalidArgument(f, "Use only letters, digits, spaces and / - . : in a reference.");
    digits += IsDigit(c);
    letters += letter;
    run = letter ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
  }
  // The shapes of personal details first, so the message says which.
  constexpr std::string_view kNoPersonalData = " Enter the force's reference only: no names or other personal details.";
  std::string only_digits;
  for (char c : v)
    if (IsDigit(c)) only_digits += c;
  // Numbers written as people write phone and NHS numbers, in groups
  // split by spaces or hyphens ("07700-900-123", "943-476-5919"); a
  // force's reference uses slashes ("01/123456/24").
  const bool digits_alone =
      std::all_of(v.begin(), v.end(), [](char c) { return IsDigit(c) || c == ' ' || c == '-'; });
  const bool uk_phone = (only_digits.starts_with('0') && (only_digits.size() == 10 || only_digits.size() == 11)) ||
                        (only_digits.starts_with("44") && (only_digits.size() == 11 || only_digits.size() == 12));
  if (digits_alone && uk_phone)
    return InvalidArgument(f, "This looks like a phone number." + std::string(kNoPersonalData));
  if (digits_alone && only_digits.size() == 10 && IsValidNhsNumber(only_digits))
    return InvalidArgument(f, "This looks like an NHS number." + std::string(kNoPersonalData));
  if (IsValidPostcode(NormalisePostcode(v)))
    return InvalidArgument(f, "This looks like a postcode." + std::string(kNoPersonalData));
  if (DateShaped(v)) return InvalidArgument(f, "This looks like a date." + std::string(kNoPersonalData));
  if (digits == 0 || digits <= letters || longest_run >= 5)
    return InvalidArgument(f, "This does not look like a reference." + std::string(kNoPersonalData));
  return Ok();
}

Status Validate(const Concern& c) {
  if (c.forms.empty())
    return InvalidArgument("forms", "Choose at least one form of abuse or risk (or 'other').");
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("what_happened", c.what_happened, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateText("child_words", c.child_words, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateOptionalDate("incident_date", c.incident_date));
  if (!c.incident_time.empty() && !ParseClockTime(c.incident_time))
    return InvalidArgument("incident_time", "Give the time as HH:MM, from 00:00 to 23:59.");
  if (!c.incident_time.empty() && c.incident_date.empty())
    return InvalidArgument("incident_date", "Give the date it happened as well as the time.");
  return ValidateText("incident_place", c.incident_place, 500);
}

std::optional<Time> IncidentMoment(const Concern& c) {
  const auto date = ParseDate(c.incident_date);
  if (!date) return std::nullopt;
  const auto minutes = c.incident_time.empty() ? std::optional<int>(0) : ParseClockTime(c.incident_time);
  if (!minutes) return std::nullopt;
  const Time local = std::chrono::sys_days(*date) + std::chrono::minutes(*minutes);
  // The offset at that local time read as UTC: wrong only within the hour
  // the clocks change, which does not move an event across another.
  return local - WorkingCalendar::UkOffset(local);
}

Status Validate(const Concern& c, Time now) {
  JIGSAW_RETURN_IF_ERROR(Validate(c));
  if (c.incident_date.empty()) return Ok();
  // Compared in UK local time, as the practitioner wrote it.
  const auto local = now + WorkingCalendar::UkOffset(now);
  const auto date = *ParseDate(c.incident_date);
  if (IsAfter(date, local))
    return InvalidArgument("incident_date", "The date it happened must be today or in the past.");
  const auto today = std::chrono::floor<std::chrono::days>(local);
  const int minutes_now = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - today).count());
  if (!c.incident_time.empty() && std::chrono::sys_days(date) == today && *ParseClockTime(c.incident_time) > minutes_now)
    return InvalidArgument("incident_time", "The time it happened must be now or in the past.");
  return Ok();
}

Status Validate(const InformationItem& i, Time today) {
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("text", i.text, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateName("source", i.source, 200));
  JIGSAW_RETURN_IF_ERROR(ValidateOptionalDate("date", i.date));
  if (!i.date.empty() && IsAfter(*ParseDate(i.date), today))
    return InvalidArgument("date", "The date is in the future: give the date it happened or was learnt.");
  if (i.identifies.size() > 50) return InvalidArgument("identifies", "Name at most 50 people.");
  return Ok();
}

Status Validate(const Feedback& f) { return ValidateText("note", f.note, 20000); }

Status Validate(const InformationRequest& r) {
  JIGSAW_RETURN_IF_ERROR(ValidatePersonName("child.given_name", r.child_given_name, 100));
  JIGSAW_RETURN_IF_ERROR(ValidatePersonName("child.family_name", r.child_family_name, 100));
  JIGSAW_RETURN_IF_ERROR(ValidateOptionalDate("child.date_of_birth", r.child_date_of_birth));
  if (!r.child_nhs_number.empty() && !IsValidNhsNumber(r.child_nhs_number))
    return InvalidArgument("child.nhs_number", "This is not a valid NHS number.");
  JIGSAW_RETURN_IF_ERROR(ValidateText("child.other_details", r.child_other_details, 2000));
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("needed", r.needed, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("reason", r.reason, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateText("terminology", r.terminology, 20000));
  if (r.people.size() > 20) return InvalidArgument("people", "Name at most 20 people around the child.");
  for (std::size_t i = 0; i < r.people.size(); ++i) {
    const std::string at = "people[" + std::to_string(i) + "].";
    // Golden rule 5, as for the child's name: a name field carries a name.
    JIGSAW_RETURN_IF_ERROR(ValidatePersonName(at + "name", r.people[i].name, 200));
    JIGSAW_RETURN_IF_ERROR(ValidatePersonName(at + "relationship", r.people[i].relationship, 100));
  }
  if (r.requester_organisation_id == r.holder_organisation_id)
    return InvalidArgument("holder_organisation_id", "Ask another organisation, not your own.");
  return Ok();
}

Status Validate(const AdviceRequest& r) {
  return ValidateRequiredText("question", r.question, 20000);
}

}  // namespace jigsaw::domain
