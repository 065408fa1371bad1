// How long each kind of record is kept, and from when (issue 17, item 5).
//
// UK GDPR Article 5(1)(e) (storage limitation) says personal data is kept
// no longer than the purpose needs; the Limitation Act 1980 and the
// records-management codes for each sector say how long that is for a
// child's safeguarding records. Each organisation starts from the defaults
// for its type (DefaultSchedule) and its DPO may change them; the schedule
// is what the daily review (service::Housekeeping) measures records against
// and what the public privacy notice states (PublicSummary).
//
// These are plain types and calendar arithmetic: no I/O, no storage.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"
#include "domain/organisation.h"

namespace jigsaw::domain {

// The kinds of record the schedule covers.
enum class RecordKind : std::uint8_t {
  kConcern,             // a concern with its items and attachments: the child's story
  kDecision,            // a decision to share or not to share, with its reasons
  kDisclosureReceived,  // information another organisation shared with us
  kInformationRequest,  // a request for information, sent or received
  kAdviceRequest,       // a request for advice (for example to the DSL)
  kDraft,               // an unfinished form kept so nobody loses their work
  kSession,             // a signed-in session (device, times)
  kNotification,        // a message telling someone something happened
  kAudit,               // the audit log: who did what, when (ids and times, never content)
};

// The moment a period is counted from.
enum class RetentionTrigger : std::uint8_t {
  kFromCreation,      // when the record was made
  kFromLastActivity,  // the last time anything was added or changed (for a case: its closure)
  kFromDateOfBirth,   // the child's date of birth ("until the child's 25th birthday")
};

// What happens when the period ends.
enum class Disposal : std::uint8_t {
  // Listed in the daily review; destroyed only once the DPO confirms (a
  // safeguarding record may still be needed and a person decides).
  kDpoConfirms,
  // Purged by housekeeping without anyone confirming: drafts, sessions and
  // notifications hold nothing that is not also in the record itself.
  kAutomatic,
  // Never destroyed: the audit log is a hash chain whose signed heads prove
  // nothing was removed (docs/audit.md). It holds ids, actions and times,
  // never a child's story, so it keeps no content once that is destroyed.
  kNotDestroyed,
};

// NHS Records Management Code of Practice 2023: a child's record is kept
// until the 25th birthday, "or 26th if young person was 17 at conclusion
// of treatment". When the child was `aged_at_last_activity` at the last
// activity, the record is kept until `until_age` instead.
struct AgeExtension {
  int aged_at_last_activity = 17;
  int until_age = 26;
};

struct RetentionPeriod {
  RetentionTrigger trigger = RetentionTrigger::kFromCreation;
  int years = 0;
  int days = 0;
  std::optional<AgeExtension> extension;
};

// One line of a schedule: a kind of record, how long, what then, and why.
struct RetentionRule {
  RecordKind kind = RecordKind::kConcern;
  RetentionPeriod period;
  Disposal disposal = Disposal::kDpoConfirms;
  // The published guidance the period comes from, as a reader would look
  // it up ("IRMS Information Management Toolkit for Schools, ...").
  std::string source;
};

// An organisation's schedule: one rule for every RecordKind.
struct Schedule {
  OrganisationType organisation_type = OrganisationType::kOther;
  std::vector<RetentionRule> rules;
};

// The documented UK defaults for an organisation of this type, one rule per
// RecordKind (in RecordKind order), each naming its source. See
// docs/retention.md for the table and the reasoning.
Schedule DefaultSchedule(OrganisationType type);

// The rule for a kind; a schedule missing one falls back to the default for
// its organisation type (so a stored schedule from before a kind existed
// still covers it).
RetentionRule RuleFor(const Schedule& schedule, RecordKind kind);

// The facts about one record that decide when it falls due.
struct RecordDates {
  Time created_at{};
  Time last_activity_at{};  // created_at if nothing happened since
  // The child's date of birth, when the record is about a child and it is
  // known. "YYYY-MM-DD".
  std::optional<std::chrono::year_month_day> date_of_birth;
};

// When the record falls due for disposal under the rule; nullopt for
// Disposal::kNotDestroyed. A period counted from the date of birth when the
// date of birth is not known is counted from the last activity instead (the
// child was at least newborn then, so this never ends sooner than the
// birthday rule would).
std::optional<Time> DueAt(const RetentionRule& rule, const RecordDates& dates);

// Whether the record is due on `now`.
bool IsDue(const RetentionRule& rule, const RecordDates& dates, Time now);

// A period in plain English for people, not lawyers: "until the child's
// 25th birthday", "for 6 years after the last activity", "for 30 days".
std::string Describe(const RetentionPeriod& period);
// What becomes of the record then, in plain English.
std::string Describe(Disposal disposal);
// The kind of record as a privacy notice names it: "Concerns about a child,
// with what was recorded about them".
std::string_view PublicName(RecordKind kind);

// One line of a public privacy notice's "how long we keep it".
struct RetentionLine {
  RecordKind kind = RecordKind::kConcern;
  std::string record;     // PublicName(kind)
  std::string how_long;   // Describe(period)
  std::string then;       // Describe(disposal)
  std::string source;     // the guidance it follows
};

// The whole schedule as a privacy notice states it, in RecordKind order.
std::vector<RetentionLine> PublicSummary(const Schedule& schedule);

// Checks a rule an organisation's DPO set: a period of 0 to 150 years and 0
// to 3650 days, not both zero unless never destroyed, a trigger the kind can
// have (only records about a child count from a date of birth), the audit
// log never destroyed, and a source of up to 500 bytes. Fails naming the
// field.
Status Validate(const RetentionRule& rule);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::RecordKind> {
  using E = domain::RecordKind;
  static constexpr std::array<std::pair<E, std::string_view>, 9> kNames{{
      {E::kConcern, "concern"},
      {E::kDecision, "decision"},
      {E::kDisclosureReceived, "disclosure_received"},
      {E::kInformationRequest, "information_request"},
      {E::kAdviceRequest, "advice_request"},
      {E::kDraft, "draft"},
      {E::kSession, "session"},
      {E::kNotification, "notification"},
      {E::kAudit, "audit"},
  }};
};
template <>
struct EnumNames<domain::RetentionTrigger> {
  using E = domain::RetentionTrigger;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kFromCreation, "from_creation"},
      {E::kFromLastActivity, "from_last_activity"},
      {E::kFromDateOfBirth, "from_date_of_birth"},
  }};
};
template <>
struct EnumNames<domain::Disposal> {
  using E = domain::Disposal;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kDpoConfirms, "dpo_confirms"},
      {E::kAutomatic, "automatic"},
      {E::kNotDestroyed, "not_destroyed"},
  }};
};
}  // namespace jigsaw
