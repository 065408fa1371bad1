#include "domain/subject_access.h"

#include <chrono>
#include <cstdio>

#include "domain/person.h"
#include "domain/text.h"

namespace jigsaw::domain {

Result<std::string> AddCalendarMonths(std::string_view date, int months, std::string_view field) {
  const auto ymd = ParseDate(date);
  if (!ymd) return InvalidArgument(std::string(field), "Enter a real date, for example 2027-01-31.");
  const std::chrono::year_month moved = std::chrono::year_month{ymd->year(), ymd->month()} + std::chrono::months{months};
  // No such day in the month reached (31 January + 1): its last day.
  const std::chrono::day last = std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}}.day();
  const std::chrono::day day = ymd->day() > last ? last : ymd->day();
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(moved.year()), static_cast<unsigned>(moved.month()),
                static_cast<unsigned>(day));
  return std::string(out);
}

std::string DueOn(const SubjectAccessRequest& request) {
  auto due = AddCalendarMonths(request.received_on, 1 + request.extension_months);
  return due ? *due : std::string();
}

Status Validate(const SubjectAccessRequest& r, std::string_view today) {
  if (r.person_id.empty()) return InvalidArgument("person_id", "Choose whose request this is.");
  if (r.received_on.empty()) return InvalidArgument("received_on", "Enter the date the request was received.");
  if (!ParseDate(r.received_on))
    return InvalidArgument("received_on", "The date the request was received must be a real date.");
  // Dates as "YYYY-MM-DD" compare in calendar order as strings.
  if (r.received_on > today) return InvalidArgument("received_on", "The date the request was received cannot be in the future.");
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("identity_note", r.identity_note, 2000,
                                              "Say how the requester's identity was checked."));
  if (r.extension_months < 0 || r.extension_months > kMaxExtensionMonths)
    return InvalidArgument("months", "An extension is of one or two further months.");
  return Ok();
}

}  // namespace jigsaw::domain
