// "Should I share?" as a typed value: the answers given so far, kept
// between pages as a sealed draft (service::Drafts) and turned into the
// service's NewDecision in one place. Pages read and write fields, never
// JSON keys; the JSON form is only how the draft is stored.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/casework.h"
#include "guidance/assessment.h"
#include "http/web/html.h"
#include "service/casework.h"
#include "service/sharing.h"

namespace jigsaw::http::web {

// Golden rule 2, asked once: have they been told, and if not, why not.
enum class FamilyTold : std::uint8_t { kTold, kWillTell, kRiskToChild, kInvestigation, kNotPractical };

// The concern's own account, offered beside the items as if it were one.
inline constexpr std::string_view kAccount = "account";

struct ShareDraft {
  // The questions.
  std::string recipient;  // organisation id
  bool answerable = false;  // the recipient has open requests to us
  std::optional<std::string> answering;  // a request id, or "none"
  std::string answering_label;
  std::optional<guidance::Purpose> purpose;
  std::optional<bool> legal;
  std::optional<guidance::Frequency> frequency;
  std::optional<guidance::Consent> consent;
  std::optional<std::vector<guidance::Objector>> objections;  // empty: no one objected
  std::optional<FamilyTold> family;
  std::string told_day, told_month, told_year, told_by;
  std::optional<std::vector<std::string>> relevant;  // item ids, and kAccount
  std::optional<bool> uncertain;

  // The decision.
  std::optional<domain::DecisionOutcome> outcome;
  std::string rationale;
  std::string lawful_basis;
  // For each condition the advice says to record (by its form name), the
  // option chosen, and the words given for "another".
  std::map<std::string, std::string> conditions;
  std::map<std::string, std::string> condition_other;
  std::map<std::string, std::string> objection_reasons;  // by objector
  std::string consent_record;  // how consent was given, when the advice rests on it
  std::string advice_from, advice_summary, departure_reason;
  std::optional<std::vector<std::string>> share_items;  // item ids, and kAccount
  std::vector<domain::MentionReview> mention_reviews;
  // A police force's references, as typed (asked of police forces only).
  std::string occurrence_reference, ppn_reference;
  std::optional<domain::DashRisk> dash_risk;
  // A member of staff's share waiting for this DSL, which this decision
  // takes the place of.
  std::string replacing;

  // The told-on date as YYYY-MM-DD, "?" when the three fields are not a
  // date, or empty when none was given.
  std::string ToldOn() const;
};

std::string ToJson(const ShareDraft& draft);
// A draft that cannot be read is an empty one: the questions start again.
ShareDraft ShareDraftFromJson(std::string_view json);

// A plain-English choice for a legal condition the record must name, with
// the legal text it stands for (kept in the record).
struct ConditionOption {
  const char* value;
  const char* label;  // what the practitioner reads
  const char* legal;  // what is recorded
};

struct ConditionQuestion {
  const char* name;  // the form field and ShareDraft::conditions key
  const char* question;
  guidance::Record record;  // asked when the advice says to record this
  std::vector<ConditionOption> options;  // the first is the usual one for safeguarding
};

const std::vector<ConditionQuestion>& ConditionQuestions();
// The question's options as radios, each with its legal text as the hint.
std::vector<Option> OptionsOf(const ConditionQuestion& question);
// The legal text of the option chosen ("" for none or an unknown value).
std::string LegalTextOf(const ConditionQuestion& question, std::string_view chosen);
// Records `legal` as the decision's answer to `question`.
void RecordCondition(const ConditionQuestion& question, std::string legal, domain::DecisionRecord& record);

// The service's terms for the draft. `concern_level` stands for the risk
// (the level of concern is not asked again).
service::NewDecision ProposalOf(const service::ConcernRecord& record, const ShareDraft& draft);

}  // namespace jigsaw::http::web
