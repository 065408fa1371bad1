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

// For a period counted from creation or last activity: the time before
// which a record's creation (or last activity) puts it past its period on
// `now` (what a bulk purge deletes below). nullopt for a period counted
// from a date of birth.
std::optional<Time> DueIfBefore(const RetentionPeriod& period, Time now);

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

// A legal hold stops destruction until it is lifted: for example while an
// inquiry (the Independent Inquiry into Child Sexual Abuse asked for
// children's records to be kept), a court case or a complaint may need the
// records. It holds one concern, or everything about one child.
enum class HoldSubject : std::uint8_t { kChild, kConcern };

struct LegalHold {
  std::string id;
  std::string organisation_id;
  HoldSubject subject = HoldSubject::kConcern;
  std::string subject_id;  // the child's person id, or the concern's id
  std::string reason;      // why: "Local child safeguarding practice review of ..."
  std::string placed_by;
  Time placed_at{};
  std::string lifted_by;   // empty while the hold stands
  Time lifted_at{};
  std::string lift_reason;
};

inline bool IsActive(const LegalHold& hold) { return hold.lifted_by.empty(); }

// Trims the free text; Validate checks a reason of up to 2000 bytes.
void Tidy(LegalHold& hold);
Status Validate(const LegalHold& hold);

// A request to erase a person's records (UK GDPR Article 17), decided by
// the DPO. Safeguarding records are usually kept under a legal obligation
// or a public task (Article 17(3)(b)), and the decision is recorded with its
// reasons whichever way it goes.
enum class ErasureOutcome : std::uint8_t { kGranted, kRefused };

enum class ErasureGround : std::uint8_t {
  // Granted: Article 17(1).
  kNoLongerNecessary,        // (a) no longer needed for the purpose
  kObjectionUpheld,          // (c) an objection under Article 21 was upheld
  kUnlawfullyProcessed,      // (d)
  kLegalObligationToErase,   // (e)
  // Refused: Article 17(3).
  kLegalObligation,          // (b) a legal obligation to keep it (for example a statutory record)
  kPublicTask,               // (b) a task in the public interest or official authority (safeguarding duties)
  kPublicHealth,             // (c)
  kArchiving,                // (d)
  kLegalClaims,              // (e) the establishment, exercise or defence of legal claims
};

// Whether the ground is one for granting (Article 17(1)) or refusing (17(3)).
ErasureOutcome OutcomeOf(ErasureGround ground);

struct ErasureRequest {
  std::string id;
  std::string organisation_id;
  std::string person_id;     // whose records (a child on the organisation's records)
  std::string requested_by;  // who asked, as the DPO records it: "the child's mother", "the young person"
  std::string received_on;   // "YYYY-MM-DD"
  ErasureOutcome outcome = ErasureOutcome::kRefused;
  ErasureGround ground = ErasureGround::kPublicTask;
  std::string reasons;       // the DPO's reasons, told to the person who asked
  std::string decided_by;
  Time decided_at{};
};

void Tidy(ErasureRequest& request);
// Who asked (up to 200 bytes), a real date received not after `today`, a
// ground that matches the outcome, and reasons (up to 5000 bytes). Fails
// naming the field.
Status Validate(const ErasureRequest& request, const std::string& today);

// Why a record's content was destroyed.
enum class DestructionCause : std::uint8_t { kRetention, kErasure };

// The record that a record was destroyed: what remains of it for ever
// (ids and times, never content), so that the audit log's entries about it
// still point at something that says what became of it.
struct Destruction {
  std::string id;
  std::string organisation_id;
  RecordKind kind = RecordKind::kConcern;
  std::string record_id;
  std::string child_id;
  DestructionCause cause = DestructionCause::kRetention;
  std::string erasure_request_id;  // for kErasure
  std::string confirmed_by;        // the DPO
  Time destroyed_at{};
};

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
template <>
struct EnumNames<domain::HoldSubject> {
  using E = domain::HoldSubject;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{
      {E::kChild, "child"},
      {E::kConcern, "concern"},
  }};
};
template <>
struct EnumNames<domain::ErasureOutcome> {
  using E = domain::ErasureOutcome;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{
      {E::kGranted, "granted"},
      {E::kRefused, "refused"},
  }};
};
template <>
struct EnumNames<domain::ErasureGround> {
  using E = domain::ErasureGround;
  static constexpr std::array<std::pair<E, std::string_view>, 9> kNames{{
      {E::kNoLongerNecessary, "no_longer_necessary"},
      {E::kObjectionUpheld, "objection_upheld"},
      {E::kUnlawfullyProcessed, "unlawfully_processed"},
      {E::kLegalObligationToErase, "legal_obligation_to_erase"},
      {E::kLegalObligation, "legal_obligation"},
      {E::kPublicTask, "public_task"},
      {E::kPublicHealth, "public_health"},
      {E::kArchiving, "archiving"},
      {E::kLegalClaims, "legal_claims"},
  }};
};
template <>
struct EnumNames<domain::DestructionCause> {
  using E = domain::DestructionCause;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{
      {E::kRetention, "retention"},
      {E::kErasure, "erasure"},
  }};
};
}  // namespace jigsaw
