#include "domain/training.h"

#include <chrono>
#include <cstdio>

#include "domain/person.h"
#include "domain/text.h"

namespace jigsaw::domain {

namespace {

// Dates as "YYYY-MM-DD" compare in calendar order as strings.
std::string IsoOf(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

void Add(std::vector<Error>& problems, std::string field, std::string message) {
  problems.push_back(Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field)});
}

}  // namespace

void Tidy(TrainingRecord& record) { TidyFreeText(record.course); }

std::vector<Error> Problems(const TrainingRecord& r, const std::string& today) {
  std::vector<Error> problems;
  if (auto s = ValidateRequiredText("course", r.course, 200, "Enter the name of the course."); !s)
    problems.push_back(s.error());
  const bool completed_ok = !r.completed_on.empty() && ParseDate(r.completed_on).has_value();
  if (r.completed_on.empty())
    Add(problems, "completed_on", "Enter the date the training was completed.");
  else if (!completed_ok)
    Add(problems, "completed_on", "The date the training was completed must be a real date.");
  else if (r.completed_on > today)
    Add(problems, "completed_on", "The date the training was completed must be today or in the past.");
  if (r.expires_on.empty())
    Add(problems, "expires_on", "Enter the date the training expires.");
  else if (!ParseDate(r.expires_on))
    Add(problems, "expires_on", "The date the training expires must be a real date.");
  else if (completed_ok && r.expires_on <= r.completed_on)
    Add(problems, "expires_on", "The date the training expires must be after the date it was completed.");
  return problems;
}

Status Validate(const TrainingRecord& record, const std::string& today) {
  auto problems = Problems(record, today);
  if (problems.empty()) return Ok();
  return std::unexpected(std::move(problems.front()));
}

std::vector<TrainingKind> RequiredTrainingKinds(const RoleSet& roles) {
  std::vector<TrainingKind> kinds{TrainingKind::kInformationSharing, TrainingKind::kDataProtection};
  if (roles.Has(Role::kPractitioner) || roles.Has(Role::kDesignatedSafeguardingLead))
    kinds.push_back(TrainingKind::kSafeguarding);
  return kinds;
}

TrainingState StateOf(const std::string& latest_expiry, const std::string& today) {
  if (latest_expiry.empty()) return TrainingState::kNone;
  if (latest_expiry < today) return TrainingState::kLapsed;
  const auto day = ParseDate(today);
  if (!day) return TrainingState::kCurrent;
  const auto soon = IsoOf(std::chrono::sys_days{*day} + std::chrono::days{kTrainingExpiringDays});
  return latest_expiry <= soon ? TrainingState::kExpiring : TrainingState::kCurrent;
}

}  // namespace jigsaw::domain
