// People a case record is about (data subjects), the relationships between
// them, and the identifiers that tell one child from another. Records
// belong to the organisation that made them: there is no shared,
// partnership-wide person index (each agency holds its own piece).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"
#include "domain/information.h"

namespace jigsaw::domain {

struct Person {
  std::string id;
  std::string organisation_id;  // the organisation whose record this is
  PersonKind kind = PersonKind::kChild;
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // "YYYY-MM-DD", or empty if not known
  std::string nhs_number;     // 10 digits, check digit valid; or empty
  std::string upn;            // unique pupil number; or empty
  std::string address;
  std::string postcode;
  // Other names the person is known by ("Dee", a maiden name): many
  // people are named in notes by a nickname, and golden rule 5 must catch it.
  std::vector<std::string> known_as;
  std::vector<std::string> phone_numbers;
  std::vector<std::string> email_addresses;
  // Golden rule 5: this person's identity must not reach someone who could
  // harm them. Every disclosure redacts it.
  bool is_protected = false;
  std::string protected_reason;
  std::string created_by;
  Time created_at{};
  // Never stored: set by the service (service::Withholding) when a
  // restriction of processing (UK GDPR Article 18) placed then withholds
  // this record from the reader, who gets the id and this marker only.
  std::optional<Time> restricted_since;

  // The name, or for a withheld record the restriction's notice
  // (domain::RestrictionNotice), so that no list shows a blank.
  std::string FullName() const;
};

enum class RelationshipKind : std::uint8_t {
  kParent,          // person is a parent of the related person
  kCarer,
  kSibling,
  kHouseholdMember,
  kAssociatedAdult,
  kNeighbour,
  kOther,
};

struct Relationship {
  std::string id;
  std::string organisation_id;
  std::string person_id;          // "person is <kind> of related person"
  std::string related_person_id;  // usually the child
  RelationshipKind kind = RelationshipKind::kOther;
  std::string created_by;
  Time created_at{};
};

// The person as stored: names, identifiers and contact details trimmed;
// NHS number without separators, postcode in its usual form.
void Tidy(Person& person);

// Field-named errors for every rule a stored person must keep. `today` is
// the date the record is made: a child must be under 18 on it.
Status Validate(const Person& person, Time today);

// Whether `date` is after the day `today` falls on (UTC).
bool IsAfter(std::chrono::year_month_day date, Time today);

// NHS number: ten digits whose last is the modulus 11 check digit of the
// first nine, and not one digit repeated (0000000000 passes the check but
// is a placeholder, not a person); spaces and dashes allowed between
// groups on input, stored without.
bool IsValidNhsNumber(std::string_view digits);
std::string NormaliseNhsNumber(std::string_view input);
// Unique pupil number (DfE): a check letter and twelve characters.
bool IsValidUpn(std::string_view upn);
// A UK postcode's shape ("SW1A 1AA"), upper case, one space.
bool IsValidPostcode(std::string_view postcode);
std::string NormalisePostcode(std::string_view input);
// "YYYY-MM-DD", a real calendar date.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);
// Whole years from `date_of_birth` to `on`.
int AgeOn(std::chrono::year_month_day date_of_birth, std::chrono::year_month_day on);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::RelationshipKind> {
  using E = domain::RelationshipKind;
  static constexpr std::array<std::pair<E, std::string_view>, 7> kNames{{
      {E::kParent, "parent"}, {E::kCarer, "carer"}, {E::kSibling, "sibling"},
      {E::kHouseholdMember, "household_member"}, {E::kAssociatedAdult, "associated_adult"},
      {E::kNeighbour, "neighbour"}, {E::kOther, "other"}}};
};
}  // namespace jigsaw
