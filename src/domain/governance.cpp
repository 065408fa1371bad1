#include "domain/governance.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

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

void Note(std::vector<Error>& problems, Status s) {
  if (!s) problems.push_back(s.error());
}

// A required date: present and real. Returns whether it is usable.
bool RequireDate(std::vector<Error>& problems, const std::string& field, const std::string& value,
                 const std::string& what) {
  if (value.empty()) {
    Add(problems, field, "Enter the " + what + ".");
    return false;
  }
  if (!ParseDate(value)) {
    Add(problems, field, "The " + what + " must be a real date.");
    return false;
  }
  return true;
}

// Organisations listed once each, at least two of them.
void RequireParties(std::vector<Error>& problems, const std::string& field, const std::vector<std::string>& ids,
                    const std::string& owner) {
  std::set<std::string> distinct;
  for (const auto& id : ids)
    if (!id.empty()) distinct.insert(id);
  if (distinct.size() != ids.size())
    Add(problems, field, "List each organisation once.");
  else if (distinct.size() < 2)
    Add(problems, field, "Choose at least two organisations: yours and whom it shares with.");
  else if (!owner.empty() && !distinct.contains(owner))
    Add(problems, field, "Your organisation must be one of them.");
}

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

void Tidy(Agreement& a) {
  TidyFreeText(a.title);
  TidyFreeText(a.document_reference);
  for (auto& c : a.data_categories) TidyFreeText(c);
  std::erase_if(a.data_categories, [](const std::string& c) { return c.empty(); });
}

std::vector<Error> Problems(const Agreement& a) {
  std::vector<Error> problems;
  Note(problems, ValidateRequiredText("title", a.title, 200, "Enter the agreement's title."));
  RequireParties(problems, "party_organisation_ids", a.party_organisation_ids, a.owner_organisation_id);
  if (a.purposes.empty()) Add(problems, "purposes", "Choose at least one purpose of the sharing.");
  if (a.data_categories.empty()) Add(problems, "data_categories", "Enter the categories of data shared.");
  for (std::size_t i = 0; i < a.data_categories.size(); ++i)
  {
    const std::string field = "data_categories[" + std::to_string(i) + "]";
    Note(problems, ValidateText(field, a.data_categories[i], 200));
    // Stored one per line.
    if (a.data_categories[i].find_first_of("\r\n") != std::string::npos)
      Add(problems, field, "Give each category of data on its own line.");
  }
  if (a.people_categories.empty()) Add(problems, "people_categories", "Choose whose data is shared.");
  if (a.lawful_bases.empty()) Add(problems, "lawful_bases", "Choose the Article 6 lawful basis relied on.");
  const bool start_ok = RequireDate(problems, "start_on", a.start_on, "date the agreement starts");
  if (RequireDate(problems, "review_on", a.review_on, "date the agreement is to be reviewed") && start_ok &&
      a.review_on < a.start_on)
    Add(problems, "review_on", "The review date must be on or after the start date.");
  if (!a.end_on.empty()) {
    if (!ParseDate(a.end_on))
      Add(problems, "end_on", "The end date must be a real date.");
    else if (start_ok && a.end_on < a.start_on)
      Add(problems, "end_on", "The end date must be on or after the start date.");
  }
  Note(problems, ValidateRequiredText("document_reference", a.document_reference, 500,
                                      "Enter where the signed agreement is kept (a reference or address)."));
  return problems;
}

AgreementState AgreementStateOn(const Agreement& a, const std::string& today) {
  if (!a.withdrawn_by.empty() || a.withdrawn_at != Time{}) return AgreementState::kWithdrawn;
  if (!a.end_on.empty() && a.end_on < today) return AgreementState::kExpired;
  std::set<std::string> signed_for;
  for (const auto& s : a.signatures) signed_for.insert(s.organisation_id);
  const bool all = std::all_of(a.party_organisation_ids.begin(), a.party_organisation_ids.end(),
                               [&](const std::string& id) { return signed_for.contains(id); });
  // Signed by all is not yet in force: an agreement governs sharing from
  // the day it starts.
  if (all && !a.party_organisation_ids.empty())
    return a.start_on > today ? AgreementState::kNotYetStarted : AgreementState::kActive;
  return signed_for.empty() ? AgreementState::kDraft : AgreementState::kAwaitingSignature;
}

bool Covers(const Agreement& a, const std::string& sharer, const std::string& recipient, SharingPurpose purpose,
            const std::string& today) {
  return AgreementStateOn(a, today) == AgreementState::kActive && Contains(a.party_organisation_ids, sharer) && Contains(a.party_organisation_ids, recipient) &&
         std::find(a.purposes.begin(), a.purposes.end(), purpose) != a.purposes.end();
}

bool ReviewDue(const std::string& review_on, const std::string& today) {
  const auto day = ParseDate(today);
  if (review_on.empty() || !day) return false;
  return review_on <= IsoOf(std::chrono::sys_days{*day} + std::chrono::days{kReviewDueDays});
}

std::vector<Error> Problems(const GovernanceReview& r, const std::string& today) {
  std::vector<Error> problems;
  if (RequireDate(problems, "next_review_on", r.next_review_on, "date of the next review") && r.next_review_on <= today)
    Add(problems, "next_review_on", "The next review date must be after today.");
  Note(problems, ValidateRequiredText("note", r.note, 5000, "Say what the review found."));
  return problems;
}

RiskLevel InherentRisk(Likelihood likelihood, Severity severity) {
  // The ICO template's matrix: remote/possible/probable against
  // minimal/significant/severe, scored 1-3 each.
  const int score = (static_cast<int>(likelihood) + 1) * (static_cast<int>(severity) + 1);
  return score >= 6 ? RiskLevel::kHigh : score >= 3 ? RiskLevel::kMedium : RiskLevel::kLow;
}

void Tidy(Dpia& d) {
  TidyFreeText(d.title);
  TidyFreeText(d.processing);
  TidyFreeText(d.consultation);
  TidyFreeText(d.necessity);
  for (auto& r : d.risks) {
    TidyFreeText(r.description);
    TidyFreeText(r.measures);
  }
}

std::vector<Error> Problems(const Dpia& d) {
  std::vector<Error> problems;
  Note(problems, ValidateRequiredText("title", d.title, 200, "Enter the DPIA's title."));
  RequireParties(problems, "organisation_ids", d.organisation_ids, d.owner_organisation_id);
  if (d.purposes.empty()) Add(problems, "purposes", "Choose at least one purpose of the sharing.");
  Note(problems, ValidateRequiredText("processing", d.processing, 20000,
                                      "Describe the processing: its nature, scope, context and purposes."));
  Note(problems, ValidateRequiredText("consultation", d.consultation, 20000,
                                      "Describe whom you consulted, or why you did not."));
  Note(problems, ValidateRequiredText("necessity", d.necessity, 20000,
                                      "Explain why the sharing is necessary and proportionate."));
  if (d.risks.empty()) Add(problems, "risks", "Identify at least one risk to the people whose data is shared.");
  for (std::size_t i = 0; i < d.risks.size(); ++i) {
    const std::string at = "risks[" + std::to_string(i) + "].";
    Note(problems, ValidateRequiredText(at + "description", d.risks[i].description, 2000, "Describe the risk."));
    Note(problems, ValidateRequiredText(at + "measures", d.risks[i].measures, 2000,
                                        "Say what is done to reduce or remove the risk."));
  }
  RequireDate(problems, "review_on", d.review_on, "date the DPIA is to be reviewed");
  return problems;
}

DpiaState DpiaStateOf(const Dpia& d) {
  if (!d.signed_off_by.empty()) return DpiaState::kApproved;
  if (!d.dpo_advice_by.empty()) return DpiaState::kAwaitingSignOff;
  return DpiaState::kDraft;
}

RiskLevel ResidualRisk(const Dpia& d) {
  RiskLevel out = RiskLevel::kLow;
  for (const auto& r : d.risks) out = std::max(out, r.residual);
  return out;
}

bool OwnedOrAccepted(const Dpia& d, const std::string& organisation_id) {
  if (d.owner_organisation_id == organisation_id) return true;
  return Contains(d.organisation_ids, organisation_id) &&
         std::any_of(d.acceptances.begin(), d.acceptances.end(),
                     [&](const DpiaAcceptance& a) { return a.organisation_id == organisation_id; });
}

bool Covers(const Dpia& d, const std::string& sharer, const std::string& recipient, SharingPurpose purpose) {
  // Article 35(1) puts the assessment on "the controller": another
  // organisation's DPIA says what that organisation found about its own
  // processing, not that the sharer weighed the risks of its sharing. So
  // the sharer must own it or have accepted it as its own.
  // A high risk left after the measures needs the ICO consulted before the
  // processing starts (UK GDPR Article 36), which this register does not
  // record: such a DPIA stays on the register but covers no sharing.
  return DpiaStateOf(d) == DpiaState::kApproved && ResidualRisk(d) != RiskLevel::kHigh &&
         OwnedOrAccepted(d, sharer) && Contains(d.organisation_ids, recipient) &&
         std::find(d.purposes.begin(), d.purposes.end(), purpose) != d.purposes.end();
}

Status FirstProblem(std::vector<Error> problems) {
  if (problems.empty()) return Ok();
  return std::unexpected(std::move(problems.front()));
}

}  // namespace jigsaw::domain
