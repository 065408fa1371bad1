#include "domain/case_management.h"

#include <chrono>
#include <cstdio>

#include "domain/person.h"
#include "domain/text.h"
#include "domain/working_days.h"

namespace jigsaw::domain {

namespace {

// A required "YYYY-MM-DD" (dates as strings of this shape compare in order).
Status RequireDate(std::string_view field, const std::string& date, std::string_view what) {
  if (date.empty()) return InvalidArgument(std::string(field), "Enter " + std::string(what) + ".");
  if (!ParseDate(date)) return InvalidArgument(std::string(field), "Give " + std::string(what) + " as a real date, YYYY-MM-DD.");
  return Ok();
}

}  // namespace

std::string UkDate(Time t) {
  const auto local = std::chrono::floor<std::chrono::days>(t + WorkingCalendar::UkOffset(t));
  const std::chrono::year_month_day ymd{local};
  char out[32];  // room for any year the type holds
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

bool IsOverdue(const Task& task, Time now) { return task.status == TaskStatus::kOpen && UkDate(now) > task.due_on; }

bool IsCurrent(const ChildFlag& flag, Time now) {
  const std::string today = UkDate(now);
  return flag.started_on <= today && (flag.ended_on.empty() || flag.ended_on >= today);
}

void Tidy(Task& t) {
  TidyFreeText(t.description);
  TrimInPlace(t.due_on);
  TrimInPlace(t.owner_id);
}

void Tidy(ConcernLink& l) { TidyFreeText(l.note); }

void Tidy(ChildFlag& f) {
  TidyFreeText(f.note);
  TrimInPlace(f.started_on);
  TrimInPlace(f.ended_on);
}

void Tidy(ConcernClosure& c) { TidyFreeText(c.note); }

Status Validate(const Task& t, Time now) {
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("description", t.description, 2000, "Say what needs to be done."));
  if (t.owner_id.empty()) return InvalidArgument("owner_id", "Choose who will do it.");
  JIGSAW_RETURN_IF_ERROR(RequireDate("due_on", t.due_on, "the date it is due"));
  if (t.due_on < UkDate(now)) return InvalidArgument("due_on", "The date it is due is in the past.");
  return Ok();
}

Status Validate(const ChildFlag& f, Time now) {
  JIGSAW_RETURN_IF_ERROR(RequireDate("started_on", f.started_on, "the date it started"));
  if (f.started_on > UkDate(now)) return InvalidArgument("started_on", "The date it started is in the future.");
  if (f.kind == ChildFlagKind::kOther)
    JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("note", f.note, 500, "Say what the flag is."));
  else
    JIGSAW_RETURN_IF_ERROR(ValidateText("note", f.note, 500));
  if (!f.ended_on.empty()) JIGSAW_RETURN_IF_ERROR(ValidateEnd(f, f.ended_on, now));
  return Ok();
}

Status ValidateEnd(const ChildFlag& f, const std::string& ended_on, Time now) {
  JIGSAW_RETURN_IF_ERROR(RequireDate("ended_on", ended_on, "the date it ended"));
  if (ended_on < f.started_on) return InvalidArgument("ended_on", "The date it ended is before the date it started.");
  if (ended_on > UkDate(now)) return InvalidArgument("ended_on", "The date it ended is in the future.");
  return Ok();
}

Status Validate(const ConcernClosure& c) {
  if (c.kind == ClosureKind::kClosed) {
    if (!c.outcome) return InvalidArgument("outcome", "Choose the outcome.");
    return ValidateRequiredText("note", c.note, 20000, "Say why the concern can be closed.");
  }
  if (c.outcome) return InvalidArgument("outcome", "Reopening a concern has no outcome.");
  return ValidateRequiredText("note", c.note, 20000, "Say why the concern is reopened.");
}

Status Validate(const ConcernLink& l) {
  if (l.related_concern_id.empty()) return InvalidArgument("related_concern_id", "Choose the related concern.");
  if (l.related_concern_id == l.concern_id)
    return InvalidArgument("related_concern_id", "A concern cannot be linked to itself.");
  return ValidateText("note", l.note, 2000);
}

}  // namespace jigsaw::domain
