// What an organisation does with the cases it holds, beyond sharing: a
// recipient's triage of the disclosures it receives (a RAG rating and the
// worker it is allocated to), and a designated safeguarding lead's case
// management (a concern closed with an outcome, tasks with an owner and a
// due date, related concerns linked, flags on a child's record).
// docs/workflow.md has their states and who may do what.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw::domain {

// The recipient's own view of how urgent a disclosure is: red (act now),
// amber (act soon), green (no immediate action). Theirs alone: the sharer
// never sees it.
enum class RagRating : std::uint8_t { kRed, kAmber, kGreen };

// The recipient organisation's triage marks on one disclosure it received.
struct DisclosureTriage {
  std::string disclosure_id;
  std::string organisation_id;  // the recipient organisation
  std::optional<RagRating> rating;
  std::string rated_by;
  Time rated_at{};
  std::string allocated_to;  // a practitioner or DSL of the recipient organisation
  std::string allocated_by;
  Time allocated_at{};
};

// How a DSL closes a concern: what became of it.
enum class ConcernOutcome : std::uint8_t {
  kNoFurtherAction,
  kResolvedInService,  // support within the school or service met the need
  kEarlyHelp,
  kChildInNeedPlan,
  kChildProtectionPlan,
  kLookedAfter,
  kPoliceAction,
  kChildMovedOn,  // left the school or service; the file went with them
  kOther,
};

enum class ClosureKind : std::uint8_t { kClosed, kReopened };

// One closing or reopening of a concern: the concern's status says where
// it is now; these rows say how it got there and why.
struct ConcernClosure {
  std::string id;
  std::string concern_id;
  std::string organisation_id;
  ClosureKind kind = ClosureKind::kClosed;
  std::optional<ConcernOutcome> outcome;  // closing only
  std::string note;                       // why
  std::string by;
  Time at{};
};

enum class TaskStatus : std::uint8_t { kOpen, kDone };

// Something to be done on a concern by one person by a date ("speak to
// mother on Friday", "chase the referral"). The owner is reminded on their
// home page until it is done.
struct Task {
  std::string id;
  std::string organisation_id;
  std::string concern_id;
  std::string child_id;
  std::string description;
  std::string owner_id;  // a practitioner or DSL of the organisation
  std::string due_on;    // "YYYY-MM-DD": done by the end of that UK day
  TaskStatus status = TaskStatus::kOpen;
  std::string created_by;
  Time created_at{};
  std::string completed_by;
  Time completed_at{};
  Time updated_at{};
};

// Two concerns of one organisation that belong together (siblings, the
// same incident, an earlier worry about the same child). Either side.
struct ConcernLink {
  std::string id;
  std::string organisation_id;
  std::string concern_id;
  std::string related_concern_id;
  std::string note;  // why they are related (optional)
  std::string created_by;
  Time created_at{};
};

// What staff who may see a child's record should know at a glance.
enum class ChildFlagKind : std::uint8_t {
  kChildProtectionPlan,
  kChildInNeed,
  kLookedAfter,
  kPreviouslyLookedAfter,
  kYoungCarer,
  kEarlyHelp,
  kEducationHealthAndCarePlan,
  kPrivateFostering,
  kOther,  // the note says what
};

struct ChildFlag {
  std::string id;
  std::string organisation_id;
  std::string child_id;
  ChildFlagKind kind = ChildFlagKind::kOther;
  std::string note;
  std::string started_on;  // "YYYY-MM-DD"
  std::string ended_on;    // empty while it applies
  std::string set_by;
  Time set_at{};
  std::string ended_by;
  Time ended_at{};
};

// The UK local date of `t` as "YYYY-MM-DD": the day a due date is compared with.
std::string UkDate(Time t);

// A task is overdue once the UK local date is after its due date.
bool IsOverdue(const Task& task, Time now);

// A flag applies from its start to its end date, inclusive.
bool IsCurrent(const ChildFlag& flag, Time now);

// Tidy before Validate (domain/text.h), as every record.
void Tidy(Task& task);
void Tidy(ConcernLink& link);
void Tidy(ChildFlag& flag);
void Tidy(ConcernClosure& closure);

// Field-named checks before anything is stored. `now` is when it is
// recorded: a new task is not due in the past, a flag does not start in
// the future.
Status Validate(const Task& task, Time now);
Status Validate(const ChildFlag& flag, Time now);
Status Validate(const ConcernClosure& closure);
Status Validate(const ConcernLink& link);
// An end date for a flag: a real date, not before it started, not in the future.
Status ValidateEnd(const ChildFlag& flag, const std::string& ended_on, Time now);

}  // namespace jigsaw::domain

namespace jigsaw {
#define JIGSAW_CASE_NAMES(E, N, ...)                                                       \
  template <>                                                                              \
  struct EnumNames<E> {                                                                    \
    static constexpr std::array<std::pair<E, std::string_view>, N> kNames{{__VA_ARGS__}}; \
  }
namespace d = domain;
JIGSAW_CASE_NAMES(d::RagRating, 3, {d::RagRating::kRed, "red"}, {d::RagRating::kAmber, "amber"},
                  {d::RagRating::kGreen, "green"});
JIGSAW_CASE_NAMES(d::ConcernOutcome, 9, {d::ConcernOutcome::kNoFurtherAction, "no_further_action"},
                  {d::ConcernOutcome::kResolvedInService, "resolved_in_service"},
                  {d::ConcernOutcome::kEarlyHelp, "early_help"},
                  {d::ConcernOutcome::kChildInNeedPlan, "child_in_need_plan"},
                  {d::ConcernOutcome::kChildProtectionPlan, "child_protection_plan"},
                  {d::ConcernOutcome::kLookedAfter, "looked_after"},
                  {d::ConcernOutcome::kPoliceAction, "police_action"},
                  {d::ConcernOutcome::kChildMovedOn, "child_moved_on"}, {d::ConcernOutcome::kOther, "other"});
JIGSAW_CASE_NAMES(d::ClosureKind, 2, {d::ClosureKind::kClosed, "closed"}, {d::ClosureKind::kReopened, "reopened"});
JIGSAW_CASE_NAMES(d::TaskStatus, 2, {d::TaskStatus::kOpen, "open"}, {d::TaskStatus::kDone, "done"});
JIGSAW_CASE_NAMES(d::ChildFlagKind, 9, {d::ChildFlagKind::kChildProtectionPlan, "child_protection_plan"},
                  {d::ChildFlagKind::kChildInNeed, "child_in_need"}, {d::ChildFlagKind::kLookedAfter, "looked_after"},
                  {d::ChildFlagKind::kPreviouslyLookedAfter, "previously_looked_after"},
                  {d::ChildFlagKind::kYoungCarer, "young_carer"}, {d::ChildFlagKind::kEarlyHelp, "early_help"},
                  {d::ChildFlagKind::kEducationHealthAndCarePlan, "education_health_and_care_plan"},
                  {d::ChildFlagKind::kPrivateFostering, "private_fostering"}, {d::ChildFlagKind::kOther, "other"});
#undef JIGSAW_CASE_NAMES
}  // namespace jigsaw
