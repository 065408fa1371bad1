// A practitioner's training in information sharing, data protection and
// safeguarding (docs/workflow.md, "Training"): what was done, when, and
// until when it counts. Working Together 2023 and the ICO's data sharing
// code expect everyone who shares safeguarding information to be trained
// and to keep that training current.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"
#include "domain/practitioner.h"

namespace jigsaw::domain {

enum class TrainingKind : std::uint8_t {
  kInformationSharing,
  kDataProtection,
  kSafeguarding,
};

// Where a practitioner stands with one kind of training on a given day.
enum class TrainingState : std::uint8_t {
  kCurrent,   // expires more than kTrainingExpiringDays days from today
  kExpiring,  // current, but expires within kTrainingExpiringDays days
  kLapsed,    // every record of this kind has expired
  kNone,      // nothing of this kind recorded
};

// "Expiring" means within this many days of today (inclusive).
inline constexpr int kTrainingExpiringDays = 30;

struct TrainingRecord {
  std::string id;
  std::string practitioner_id;   // whose training it is
  std::string organisation_id;   // their organisation when it was recorded
  TrainingKind kind = TrainingKind::kInformationSharing;
  std::string course;            // the course's name, as the person gave it
  std::string completed_on;      // "YYYY-MM-DD"
  std::string expires_on;        // "YYYY-MM-DD": the last day it counts
  std::string recorded_by;       // the practitioner, or their DSL or administrator
  Time recorded_at{};
};

// Trims the free text.
void Tidy(TrainingRecord& record);

// Every problem with the record, each naming its field (the form shows
// them together): see Validate.
std::vector<Error> Problems(const TrainingRecord& record, const std::string& today);

// Ok, or the first of Problems() as kInvalidArgument naming the field: a course (up to 200 bytes), a
// real completion date not after `today`, and a real expiry date after the
// completion date. `today` is the UK local date, "YYYY-MM-DD".
Status Validate(const TrainingRecord& record, const std::string& today);

// The kinds someone with these roles is expected to keep current: everyone
// who may share information needs information sharing and data protection
// training; those who do casework (practitioners and DSLs) safeguarding
// training as well.
std::vector<TrainingKind> RequiredTrainingKinds(const RoleSet& roles);

// The state of the kind on `today` given the latest expiry date recorded
// for it (empty: none recorded). A record counts up to and including its
// expiry date.
TrainingState StateOf(const std::string& latest_expiry, const std::string& today);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::TrainingKind> {
  static constexpr std::array<std::pair<domain::TrainingKind, std::string_view>, 3> kNames{{
      {domain::TrainingKind::kInformationSharing, "information_sharing"},
      {domain::TrainingKind::kDataProtection, "data_protection"},
      {domain::TrainingKind::kSafeguarding, "safeguarding"},
  }};
};
template <>
struct EnumNames<domain::TrainingState> {
  static constexpr std::array<std::pair<domain::TrainingState, std::string_view>, 4> kNames{{
      {domain::TrainingState::kCurrent, "current"},
      {domain::TrainingState::kExpiring, "expiring"},
      {domain::TrainingState::kLapsed, "lapsed"},
      {domain::TrainingState::kNone, "none"},
  }};
};
}  // namespace jigsaw
