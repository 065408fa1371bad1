#include "domain/retention.h"

#include <algorithm>

#include "domain/person.h"
#include "domain/text.h"

namespace jigsaw::domain {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;
using std::chrono::years;

constexpr int kMaxYears = 150;
constexpr int kMinCaseFileYears = 6;
constexpr int kMaxDays = 3650;

// Sources, named once so each appears the same in every schedule and in
// the privacy notice.
constexpr std::string_view kSchools =
    "IRMS Information Management Toolkit for Schools: child protection files are kept until the child's 25th "
    "birthday (date of birth + 25 years), then reviewed";
constexpr std::string_view kNhs =
    "NHS Records Management Code of Practice 2023 (Appendix II, children's records): until the 25th birthday, or "
    "the 26th if the young person was 17 at the conclusion of treatment";
constexpr std::string_view kLocalAuthority =
    "IRMS Retention Guidelines for Local Government (children's social care): child protection case records are "
    "kept for 35 years after the case closes; held lawful in R (C) v Northumberland County Council [2015] EWHC "
    "2134 (Admin)";
constexpr std::string_view kPolice =
    "College of Policing APP, Management of Police Information (MoPI): Group 1, certain public protection matters "
    "including child abuse, kept until the subject is 100 years old and reviewed every 10 years";
constexpr std::string_view kPoliceOther =
    "College of Policing APP, Management of Police Information (MoPI): Group 3, other matters, reviewed after 6 "
    "years from the last activity";
constexpr std::string_view kNspcc =
    "NSPCC Learning, child protection records retention and storage guidance: until the child's 25th birthday "
    "(the Limitation Act 1980 lets a child bring a claim until 21, with time for it to be made)";
constexpr std::string_view kAdvice =
    "Limitation Act 1980, section 2: a claim may be brought up to 6 years after the event, so advice asked and "
    "given is kept for 6 years after the last activity";
constexpr std::string_view kDrafts =
    "UK GDPR Article 5(1)(e), storage limitation: a draft is unfinished work, not a record; the finished record "
    "is kept under its own rule";
constexpr std::string_view kSessions =
    "UK GDPR Article 5(1)(e) and Article 32: sign-in sessions are kept long enough to investigate a suspicious "
    "sign-in (NCSC logging guidance), then purged";
constexpr std::string_view kNotifications =
    "UK GDPR Article 5(1)(e), storage limitation: a notification points at a record kept under its own rule, so "
    "it is purged once read or old";
constexpr std::string_view kAudit =
    "UK GDPR Article 5(2) and Article 30 (accountability): the audit log holds ids, actions and times, never a "
    "child's story, and its hash chain proves nothing was removed, so it is never destroyed";

RetentionRule Rule(RecordKind kind, RetentionPeriod period, Disposal disposal, std::string_view source) {
  return RetentionRule{kind, std::move(period), disposal, std::string(source)};
}

RetentionPeriod FromBirth(int y, std::optional<AgeExtension> extension = std::nullopt) {
  return RetentionPeriod{RetentionTrigger::kFromDateOfBirth, y, 0, extension};
}
RetentionPeriod AfterActivity(int y, int d = 0) { return RetentionPeriod{RetentionTrigger::kFromLastActivity, y, d, {}}; }
RetentionPeriod AfterCreation(int y, int d = 0) { return RetentionPeriod{RetentionTrigger::kFromCreation, y, d, {}}; }

// The child's case file (concern, decisions, disclosures received,
// information requests) has one period: they are read together, and
// destroying one part early would leave the rest misleading.
struct CaseFile {
  RetentionPeriod period;
  std::string_view source;
  RetentionPeriod advice;
  std::string_view advice_source;
};

CaseFile CaseFileFor(OrganisationType type) {
  switch (type) {
    case OrganisationType::kSchool:
    case OrganisationType::kCollege:
    case OrganisationType::kEarlyYears:
      return {FromBirth(25), kSchools, AfterActivity(6), kAdvice};
    case OrganisationType::kGpPractice:
    case OrganisationType::kNhsTrust:
      return {FromBirth(25, AgeExtension{17, 26}), kNhs, AfterActivity(6), kAdvice};
    case OrganisationType::kPolice:
      return {FromBirth(100), kPolice, AfterActivity(6), kPoliceOther};
    case OrganisationType::kChildrensServices:
      return {AfterActivity(35), kLocalAuthority, AfterActivity(6), kAdvice};
    case OrganisationType::kProbation:
    case OrganisationType::kYouthJustice:
    case OrganisationType::kEarlyHelp:
    case OrganisationType::kVoluntary:
    case OrganisationType::kPrivate:
    case OrganisationType::kOther:
      break;
  }
  return {FromBirth(25), kNspcc, AfterActivity(6), kAdvice};
}

// Adds whole years to a date; 29 February becomes 28 February in a year
// that has none (a day earlier only brings the DPO's review forward: the
// DPO still confirms before anything is destroyed).
year_month_day AddYears(year_month_day date, int n) {
  auto out = date + years{n};
  if (!out.ok()) out = year_month_day{std::chrono::year_month_day_last{out.year(), std::chrono::month_day_last{out.month()}}};
  return out;
}

Time AddYearsToTime(Time t, int n) {
  const auto day = std::chrono::floor<days>(t);
  const auto time_of_day = t - day;
  return Time{sys_days{AddYears(year_month_day{day}, n)}} + time_of_day;
}

std::string Plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string Ordinal(int n) {
  const int last_two = n % 100;
  const int last = n % 10;
  std::string_view suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (last == 1) suffix = "st";
    if (last == 2) suffix = "nd";
    if (last == 3) suffix = "rd";
  }
  return std::to_string(n) + std::string(suffix);
}

bool AboutAChild(RecordKind kind) {
  switch (kind) {
    case RecordKind::kConcern:
    case RecordKind::kDecision:
    case RecordKind::kDisclosureReceived:
    case RecordKind::kInformationRequest:
    case RecordKind::kAdviceRequest:
      return true;
    case RecordKind::kDraft:
    case RecordKind::kSession:
    case RecordKind::kNotification:
    case RecordKind::kAudit:
      return false;
  }
  return false;
}

}  // namespace

Schedule DefaultSchedule(OrganisationType type) {
  const auto file = CaseFileFor(type);
  Schedule s;
  s.organisation_type = type;
  s.rules = {
      Rule(RecordKind::kConcern, file.period, Disposal::kDpoConfirms, file.source),
      Rule(RecordKind::kDecision, file.period, Disposal::kDpoConfirms, file.source),
      Rule(RecordKind::kDisclosureReceived, file.period, Disposal::kDpoConfirms, file.source),
      Rule(RecordKind::kInformationRequest, file.period, Disposal::kDpoConfirms, file.source),
      Rule(RecordKind::kAdviceRequest, file.advice, Disposal::kDpoConfirms, file.advice_source),
      Rule(RecordKind::kDraft, AfterActivity(0, 30), Disposal::kAutomatic, kDrafts),
      Rule(RecordKind::kSession, AfterActivity(0, 30), Disposal::kAutomatic, kSessions),
      Rule(RecordKind::kNotification, AfterCreation(0, 90), Disposal::kAutomatic, kNotifications),
      Rule(RecordKind::kAudit, AfterCreation(0), Disposal::kNotDestroyed, kAudit),
  };
  return s;
}

RetentionRule RuleFor(const Schedule& schedule, RecordKind kind) {
  for (const auto& rule : schedule.rules)
    if (rule.kind == kind) return rule;
  for (auto& rule : DefaultSchedule(schedule.organisation_type).rules)
    if (rule.kind == kind) return rule;
  return RetentionRule{kind, {}, Disposal::kNotDestroyed, std::string(kAudit)};  // unreachable: every kind has a default
}

std::optional<Time> DueAt(const RetentionRule& rule, const RecordDates& dates) {
  if (rule.disposal == Disposal::kNotDestroyed) return std::nullopt;
  const auto& p = rule.period;
  Time from = dates.created_at;
  switch (p.trigger) {
    case RetentionTrigger::kFromCreation:
      from = dates.created_at;
      break;
    case RetentionTrigger::kFromLastActivity:
      from = std::max(dates.created_at, dates.last_activity_at);
      break;
    case RetentionTrigger::kFromDateOfBirth: {
      const Time last = std::max(dates.created_at, dates.last_activity_at);
      if (!dates.date_of_birth || !dates.date_of_birth->ok()) {
        from = last;
        break;
      }
      int age = p.years;
      if (p.extension) {
        const year_month_day last_day{std::chrono::floor<days>(last)};
        if (AgeOn(*dates.date_of_birth, last_day) == p.extension->aged_at_last_activity)
          age = std::max(age, p.extension->until_age);
      }
      // The birthday itself, at midnight UTC: "until the 25th birthday".
      return Time{sys_days{AddYears(*dates.date_of_birth, age)}} + days{p.days};
    }
  }
  return AddYearsToTime(from, p.years) + days{p.days};
}

bool IsDue(const RetentionRule& rule, const RecordDates& dates, Time now) {
  const auto due = DueAt(rule, dates);
  return due && *due <= now;
}

std::optional<Time> DueIfBefore(const RetentionPeriod& p, Time now) {
  if (p.trigger == RetentionTrigger::kFromDateOfBirth) return std::nullopt;
  return AddYearsToTime(now - days{p.days}, -p.years);
}

std::string Describe(const RetentionPeriod& p) {
  if (p.trigger == RetentionTrigger::kFromDateOfBirth) {
    std::string out = "until the child's " + Ordinal(p.years) + " birthday";
    if (p.days > 0) out += " and " + Plural(p.days, "day", "days") + " after";
    if (p.extension)
      out += ", or their " + Ordinal(p.extension->until_age) + " birthday if they were " +
             std::to_string(p.extension->aged_at_last_activity) + " when we last worked with them";
    return out;
  }
  std::string length;
  if (p.years > 0) length = Plural(p.years, "year", "years");
  if (p.days > 0) length += (length.empty() ? "" : " and ") + Plural(p.days, "day", "days");
  if (length.empty()) length = "no time";
  return "for " + length +
         (p.trigger == RetentionTrigger::kFromLastActivity ? " after the last time anything was added or changed"
                                                            : " after it was made");
}

std::string Describe(Disposal disposal) {
  switch (disposal) {
    case Disposal::kDpoConfirms:
      return "Our data protection officer checks it is no longer needed, then it is destroyed.";
    case Disposal::kAutomatic:
      return "It is deleted automatically.";
    case Disposal::kNotDestroyed:
      return "It is kept. It says who did what and when, but not what was written.";
  }
  return {};
}

std::string_view PublicName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kConcern:
      return "Concerns about a child, with what was recorded about them";
    case RecordKind::kDecision:
      return "Decisions to share information or not, with the reasons";
    case RecordKind::kDisclosureReceived:
      return "Information other organisations shared with us";
    case RecordKind::kInformationRequest:
      return "Requests for information, sent or received";
    case RecordKind::kAdviceRequest:
      return "Requests for safeguarding advice";
    case RecordKind::kDraft:
      return "Unfinished forms saved as drafts";
    case RecordKind::kSession:
      return "Records of staff signing in";
    case RecordKind::kNotification:
      return "Messages telling staff something has happened";
    case RecordKind::kAudit:
      return "The audit log of who looked at or changed records";
  }
  return "Records";
}

std::vector<RetentionLine> PublicSummary(const Schedule& schedule) {
  std::vector<RetentionLine> lines;
  for (const auto& [kind, name] : EnumNames<RecordKind>::kNames) {
    const auto rule = RuleFor(schedule, kind);
    lines.push_back(RetentionLine{
        kind, std::string(PublicName(kind)),
        rule.disposal == Disposal::kNotDestroyed ? std::string("for as long as the service runs") : Describe(rule.period),
        Describe(rule.disposal), rule.source});
  }
  return lines;
}

Status Validate(const RetentionRule& rule) {
  const auto& p = rule.period;
  if (p.years < 0 || p.years > kMaxYears)
    return Fail(ErrorCode::kInvalidArgument, "The number of years must be between 0 and 150.", "years");
  if (p.days < 0 || p.days > kMaxDays)
    return Fail(ErrorCode::kInvalidArgument, "The number of days must be between 0 and 3650.", "days");
  if (rule.kind == RecordKind::kAudit && rule.disposal != Disposal::kNotDestroyed)
    return Fail(ErrorCode::kInvalidArgument,
                "The audit log cannot be destroyed: it proves what happened to every record.", "disposal");
  if (rule.disposal != Disposal::kNotDestroyed && p.years == 0 && p.days == 0)
    return Fail(ErrorCode::kInvalidArgument, "Enter how long the records are kept.", "years");
  if (p.trigger == RetentionTrigger::kFromDateOfBirth && !AboutAChild(rule.kind))
    return Fail(ErrorCode::kInvalidArgument, "Only records about a child can be kept until a birthday.", "trigger");
  if (p.trigger == RetentionTrigger::kFromDateOfBirth && p.years < 18)
    return Fail(ErrorCode::kInvalidArgument, "A record about a child is kept at least until their 18th birthday.",
                "years");
  // A floor on the child's case file: a claim about harm in childhood can
  // be brought for years (Limitation Act 1980, s 2 and s 28: six years,
  // counted from the 18th birthday), and a serious case review may ask for
  // the file long after; a period of days set by mistake must not let a
  // DPO's review list a child's whole file for destruction within weeks.
  if (AboutAChild(rule.kind) && rule.disposal != Disposal::kNotDestroyed &&
      p.trigger != RetentionTrigger::kFromDateOfBirth && p.years < kMinCaseFileYears)
    return Fail(ErrorCode::kInvalidArgument,
                "Records about a child are kept at least 6 years (Limitation Act 1980).", "years");
  if (p.extension && (p.extension->aged_at_last_activity < 0 || p.extension->until_age <= p.years ||
                      p.extension->until_age > kMaxYears))
    return Fail(ErrorCode::kInvalidArgument, "The later birthday must be after the usual one.", "extension");
  if (auto s = ValidateText("source", rule.source, 500); !s) return s;
  return Ok();
}

void Tidy(LegalHold& hold) {
  TidyFreeText(hold.reason);
  TidyFreeText(hold.lift_reason);
}

Status Validate(const LegalHold& hold) {
  if (hold.subject_id.empty()) return InvalidArgument("subject_id", "Choose the child or concern to hold.");
  return ValidateRequiredText("reason", hold.reason, 2000, "Enter why the records must be kept.");
}

ErasureOutcome OutcomeOf(ErasureGround ground) {
  switch (ground) {
    case ErasureGround::kNoLongerNecessary:
    case ErasureGround::kObjectionUpheld:
    case ErasureGround::kUnlawfullyProcessed:
    case ErasureGround::kLegalObligationToErase:
      return ErasureOutcome::kGranted;
    case ErasureGround::kLegalObligation:
    case ErasureGround::kPublicTask:
    case ErasureGround::kPublicHealth:
    case ErasureGround::kArchiving:
    case ErasureGround::kLegalClaims:
      break;
  }
  return ErasureOutcome::kRefused;
}

void Tidy(ErasureRequest& request) {
  TidyFreeText(request.requested_by);
  TidyFreeText(request.reasons);
}

Status Validate(const ErasureRequest& r, const std::string& today) {
  if (r.person_id.empty()) return InvalidArgument("person_id", "Choose whose records the request is about.");
  JIGSAW_RETURN_IF_ERROR(ValidateRequiredText("requested_by", r.requested_by, 200, "Enter who asked."));
  if (r.received_on.empty()) return InvalidArgument("received_on", "Enter the date the request was received.");
  if (!ParseDate(r.received_on)) return InvalidArgument("received_on", "The date received must be a real date.");
  if (r.received_on > today)
    return InvalidArgument("received_on", "The date received must be today or in the past.");
  if (OutcomeOf(r.ground) != r.outcome)
    return InvalidArgument("ground", r.outcome == ErasureOutcome::kGranted
                                         ? "Choose a ground for erasure under Article 17(1)."
                                         : "Choose an exemption under Article 17(3) for refusing.");
  return ValidateRequiredText("reasons", r.reasons, 5000, "Enter the reasons for the decision.");
}

}  // namespace jigsaw::domain
