#include "domain/casework.h"

#include "domain/person.h"
#include "domain/text.h"

namespace jigsaw::domain {

Status ValidateRequiredText(std::string_view field, std::string_view value, std::size_t max_bytes,
                            std::string_view if_blank) {
  JIGSAW_RETURN_IF_ERROR(ValidateText(field, value, max_bytes));
  for (char c : value)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return Ok();
  return InvalidArgument(std::string(field), std::string(if_blank));
}

namespace {
Status ValidateOptionalDate(std::string_view field, const std::string& date) {
  if (!date.empty() && !ParseDate(date))
    return InvalidArgument(std::string(field), "Give the date as YYYY-MM-DD.");
  return Ok();
}
}  // namespace

Status Validate(const Concern& c) {
  if (c.forms.empty())
    return InvalidArgument("forms", "Choose at least one form of abuse or risk (or 'other').");
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("what_happened", c.what_happened, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateText("child_words", c.child_words, 20000));
  return Ok();
}

Status Validate(const InformationItem& i) {
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("text", i.text, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateName("source", i.source, 200));
  JIGSAW_RETURN_IF_ERROR(ValidateOptionalDate("date", i.date));
  if (i.identifies.size() > 50) return InvalidArgument("identifies", "Name at most 50 people.");
  return Ok();
}

Status Validate(const Feedback& f) { return ValidateText("note", f.note, 20000); }

Status Validate(const InformationRequest& r) {
  JIGSAW_RETURN_IF_ERROR(ValidateName("child.given_name", r.child_given_name, 100));
  JIGSAW_RETURN_IF_ERROR(ValidateName("child.family_name", r.child_family_name, 100));
  JIGSAW_RETURN_IF_ERROR(ValidateOptionalDate("child.date_of_birth", r.child_date_of_birth));
  if (!r.child_nhs_number.empty() && !IsValidNhsNumber(r.child_nhs_number))
    return InvalidArgument("child.nhs_number", "This is not a valid NHS number.");
  JIGSAW_RETURN_IF_ERROR(ValidateText("child.other_details", r.child_other_details, 2000));
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("needed", r.needed, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("reason", r.reason, 20000));
  JIGSAW_RETURN_IF_ERROR(ValidateText("terminology", r.terminology, 20000));
  if (r.requester_organisation_id == r.holder_organisation_id)
    return InvalidArgument("holder_organisation_id", "Ask another organisation, not your own.");
  return Ok();
}

Status Validate(const AdviceRequest& r) {
  return ValidateRequiredText("question", r.question, 20000);
}

}  // namespace jigsaw::domain
