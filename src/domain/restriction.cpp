#include "domain/restriction.h"

#include <array>

#include "domain/case_management.h"
#include "domain/person.h"
#include "domain/text.h"

namespace jigsaw::domain {

std::string RestrictionNotice(Time placed_at) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December"};
  std::string out = "Records restricted by the data protection officer";
  const auto day = ParseDate(UkDate(placed_at));
  if (!day) return out;
  return out + " on " + std::to_string(static_cast<unsigned>(day->day())) + " " +
         std::string(kMonths[static_cast<unsigned>(day->month()) - 1]) + " " +
         std::to_string(static_cast<int>(day->year()));
}

std::string Person::FullName() const {
  if (restricted_since) return RestrictionNotice(*restricted_since);
  return given_name + " " + family_name;
}

void Tidy(Restriction& restriction) {
  TidyFreeText(restriction.reason);
  TidyFreeText(restriction.lift_reason);
}

Status Validate(const Restriction& restriction) {
  if (restriction.person_id.empty()) return InvalidArgument("person_id", "Choose whose records to restrict.");
  return ValidateRequiredText("reason", restriction.reason, 2000, "Enter why processing must be restricted.");
}

void Tidy(Objection& objection) {
  TrimInPlace(objection.received_on);
  TidyFreeText(objection.objector_name);
  TidyFreeText(objection.grounds);
  TidyFreeText(objection.decision_reason);
}

Status Validate(const Objection& o, const std::string& today) {
  if (o.person_id.empty()) return InvalidArgument("person_id", "Choose whose objection this is.");
  if (o.received_on.empty()) return InvalidArgument("received_on", "Enter the date the objection was received.");
  if (!ParseDate(o.received_on)) return InvalidArgument("received_on", "The date received must be a real date.");
  // Dates as "YYYY-MM-DD" compare in calendar order as strings.
  if (o.received_on > today) return InvalidArgument("received_on", "The date received must be today or in the past.");
  if (o.objector == Objector::kOnTheirBehalf)
    JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("objector_name", o.objector_name, 200,
                                                "Enter who objected on the person's behalf."));
  else if (!o.objector_name.empty())
    return InvalidArgument("objector_name", "Leave the name empty when the person objected themself.");
  return ValidateRequiredText("grounds", o.grounds, 5000, "Enter the grounds of the objection in their words.");
}

Status ValidateDecision(const Objection& o) {
  if (o.decision == ObjectionDecision::kAwaiting)
    return InvalidArgument("decision", "Choose whether the objection is upheld.");
  return ValidateRequiredText("decision_reason", o.decision_reason, 5000,
                              o.decision == ObjectionDecision::kNotUpheld
                                  ? "Enter the compelling legitimate grounds that override the objection."
                                  : "Enter the reason for the decision.");
}

}  // namespace jigsaw::domain
