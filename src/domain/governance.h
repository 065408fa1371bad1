// The governance that every share is checked against (docs/governance.md):
// data sharing agreements between two or more organisations, signed in
// Jigsaw by each party's senior leader or data protection officer, and
// data protection impact assessments following the ICO's template, with
// the DPO's advice and a senior leader's sign-off. The advice (May 2024,
// "Data Protection Impact Assessments (DPIA)") asks for a DPIA before any
// regular sharing; a data sharing agreement is good practice.
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
#include "domain/person.h"
#include "domain/practitioner.h"

namespace jigsaw::domain {

// Why information is shared: the same vocabulary as the guidance engine's
// (guidance::Purpose is this type), so an agreement's purposes compare
// with a share's directly.
enum class SharingPurpose : std::uint8_t { kSafeguarding, kEarlyHelp, kLawEnforcement };

// One-off or regular sharing (guidance::Frequency is this type).
enum class SharingFrequency : std::uint8_t { kOneOff, kRegular };

// UK GDPR Article 6(1) (guidance::LawfulBasis is this type).
enum class LawfulBasis : std::uint8_t {
  kConsent,
  kContract,
  kLegalObligation,
  kVitalInterests,
  kPublicTask,
  kLegitimateInterests,
};

// UK GDPR Article 9(2): the conditions for processing special category data.
enum class Article9Condition : std::uint8_t {
  kExplicitConsent,          // (a)
  kEmploymentSocialSecurity, // (b)
  kVitalInterests,           // (c)
  kNotForProfitBody,         // (d)
  kMadePublic,               // (e)
  kLegalClaims,              // (f)
  kSubstantialPublicInterest,// (g), with DPA 2018 Schedule 1 Part 2 (paragraph 18: safeguarding)
  kHealthOrSocialCare,       // (h)
  kPublicHealth,             // (i)
  kArchivingResearch,        // (j)
};

// Where an agreement stands on a given day. Only withdrawal is stored; the
// rest follows from the signatures and the dates (AgreementStateOn).
enum class AgreementState : std::uint8_t {
  kDraft,              // no party has signed yet
  kAwaitingSignature,  // some parties have signed, not all
  kNotYetStarted,      // every party has signed, and its start date is still to come
  kActive,             // every party has signed, it has started, and its end date has not passed
  kExpired,            // its end date has passed
  kWithdrawn,          // a party's signatory withdrew it
};

// Agreements and DPIAs are flagged to their owners this many days before
// their review date (inclusive), and from then on until reviewed.
inline constexpr int kReviewDueDays = 30;

struct AgreementSignature {
  std::string organisation_id;  // the party signed for
  std::string practitioner_id;  // who signed
  Role signed_as = Role::kSeniorLeader;  // kSeniorLeader or kDataProtectionOfficer
  Time signed_at{};
};

// A review of an agreement or DPIA (docs/governance.md, "Reviews"): who
// looked at it again, what they found, and the review date it moved from
// and to. Reviews are kept, oldest first; the record's review_on is the
// latest next_review_on.
struct GovernanceReview {
  std::string id;
  std::string reviewed_by;  // practitioner id
  Time reviewed_at{};
  std::string previous_review_on;  // "YYYY-MM-DD"
  std::string next_review_on;      // "YYYY-MM-DD"
  std::string note;                // what the review found
};

struct Agreement {
  std::string id;
  std::string title;
  std::string owner_organisation_id;  // the party that recorded it, whose signatories are reminded of its review
  std::vector<std::string> party_organisation_ids;  // two or more, the owner among them
  std::vector<SharingPurpose> purposes;
  std::vector<std::string> data_categories;  // as the agreement describes them ("school attendance")
  std::vector<PersonKind> people_categories;  // whose data: children, parents, ...
  std::vector<LawfulBasis> lawful_bases;
  std::vector<Article9Condition> article9_conditions;  // empty: no special category data
  SharingFrequency frequency = SharingFrequency::kRegular;
  std::string start_on;   // "YYYY-MM-DD"
  std::string review_on;  // "YYYY-MM-DD"
  std::string end_on;     // "YYYY-MM-DD", or empty: until withdrawn
  std::string document_reference;  // where the signed text is kept
  std::string created_by;
  Time created_at{};
  std::vector<AgreementSignature> signatures;
  std::string withdrawn_by;  // empty unless withdrawn
  Time withdrawn_at{};
  std::string withdrawal_reason;
  std::vector<GovernanceReview> reviews;
};

// Trims the free text.
void Tidy(Agreement& agreement);

// Every problem with a new agreement, each naming its field: a title, two
// or more distinct parties, at least one purpose, data category, category
// of people and lawful basis, real dates with the review and end dates
// not before the start, and a document reference.
std::vector<Error> Problems(const Agreement& agreement);

// The state on `today` ("YYYY-MM-DD", the UK date).
AgreementState AgreementStateOn(const Agreement& agreement, const std::string& today);

// Whether the agreement covers sharing from `sharer` to `recipient` for
// `purpose` on `today`: active (so signed by all and started), both
// organisations parties, and the purpose among its purposes.
bool Covers(const Agreement& agreement, const std::string& sharer, const std::string& recipient,
            SharingPurpose purpose, const std::string& today);

// Whether a review date ("YYYY-MM-DD") is within kReviewDueDays of
// `today`, or has passed.
bool ReviewDue(const std::string& review_on, const std::string& today);

// Every problem with a review done on `today`: the next review date real
// and after today (else the reminder would not clear), and a note of what
// the review found. Fields "next_review_on" and "note".
std::vector<Error> Problems(const GovernanceReview& review, const std::string& today);

// --- DPIAs (the ICO's DPIA template) ----------------------------------------

enum class Likelihood : std::uint8_t { kRemote, kPossible, kProbable };
enum class Severity : std::uint8_t { kMinimal, kSignificant, kSevere };
enum class RiskLevel : std::uint8_t { kLow, kMedium, kHigh };

// Where a DPIA stands. Only the DPO's advice and the sign-off are stored.
enum class DpiaState : std::uint8_t {
  kDraft,                // written, waiting for the DPO's advice
  kAwaitingSignOff,      // the DPO has advised; waiting for a senior leader
  kApproved,             // signed off: the sharing it describes may go ahead
};

// ICO template step 5 and 6: a risk, how likely and how severe, what is
// done about it and the risk that remains.
struct DpiaRisk {
  std::string description;
  Likelihood likelihood = Likelihood::kPossible;
  Severity severity = Severity::kSignificant;
  std::string measures;  // what reduces or removes it
  RiskLevel residual = RiskLevel::kLow;
};

// The overall risk of a risk before any measure, as the ICO's matrix
// combines likelihood and severity.
RiskLevel InherentRisk(Likelihood likelihood, Severity severity);

// Another organisation the DPIA names taking it as its own assessment of
// its part of the sharing: its senior leader accepts it, as the owner's
// signs it off (docs/governance.md, "Whose DPIA covers a share").
struct DpiaAcceptance {
  std::string organisation_id;
  std::string practitioner_id;
  Time accepted_at{};
};

struct Dpia {
  std::string id;
  std::string title;
  std::string owner_organisation_id;  // the controller that carried it out
  std::vector<std::string> organisation_ids;  // the sharing it covers: the owner and whom it shares with
  std::vector<SharingPurpose> purposes;
  std::string processing;    // step 2: the nature, scope, context and purposes of the processing
  std::string consultation;  // step 3: whom was consulted, and how
  std::string necessity;     // step 4: necessity and proportionality
  std::vector<DpiaRisk> risks;  // steps 5 and 6
  std::string review_on;     // "YYYY-MM-DD"
  std::string created_by;
  Time created_at{};
  // Step 7: the DPO's advice, and the senior leader's sign-off.
  std::string dpo_advice;
  std::string dpo_advice_by;
  Time dpo_advice_at{};
  bool dpo_advice_accepted = true;
  std::string overruled_reason;  // why the DPO's advice was not followed
  std::string signed_off_by;
  Time signed_off_at{};
  std::vector<DpiaAcceptance> acceptances;  // by the other organisations it names, once approved
  std::vector<GovernanceReview> reviews;
};

void Tidy(Dpia& dpia);

// Every problem with a new DPIA, each naming its field ("risks[0].description").
std::vector<Error> Problems(const Dpia& dpia);

DpiaState DpiaStateOf(const Dpia& dpia);

// The highest residual risk (kLow with no risks).
RiskLevel ResidualRisk(const Dpia& dpia);

// Whether `organisation_id` has the DPIA as its own: it carried it out
// (its controller), or it is named and its senior leader has accepted it.
bool OwnedOrAccepted(const Dpia& dpia, const std::string& organisation_id);

// Whether an approved DPIA covers sharing from `sharer` to `recipient` for
// `purpose`: a DPIA is the controller's own assessment (UK GDPR Article
// 35(1)), so it covers the sharer only when the sharer carried it out or
// accepted it (OwnedOrAccepted), and the recipient is named in it.
bool Covers(const Dpia& dpia, const std::string& sharer, const std::string& recipient, SharingPurpose purpose);

// An agreement or DPIA that covered a share when it was decided: the
// decision keeps which, with the title it had then.
enum class CoverKind : std::uint8_t { kAgreement, kDpia };
struct CoverRecord {
  CoverKind kind = CoverKind::kAgreement;
  std::string id;
  std::string title;
};

// The first of a list of problems, or Ok.
Status FirstProblem(std::vector<Error> problems);

}  // namespace jigsaw::domain

namespace jigsaw {
#define JIGSAW_DOMAIN_ENUM_NAMES(E, N, ...)                                                \
  template <>                                                                              \
  struct EnumNames<E> {                                                                    \
    static constexpr std::array<std::pair<E, std::string_view>, N> kNames{{__VA_ARGS__}}; \
  }
JIGSAW_DOMAIN_ENUM_NAMES(domain::SharingPurpose, 3, {domain::SharingPurpose::kSafeguarding, "safeguarding"},
                         {domain::SharingPurpose::kEarlyHelp, "early_help"},
                         {domain::SharingPurpose::kLawEnforcement, "law_enforcement"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::SharingFrequency, 2, {domain::SharingFrequency::kOneOff, "one_off"},
                         {domain::SharingFrequency::kRegular, "regular"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::LawfulBasis, 6, {domain::LawfulBasis::kConsent, "consent"},
                         {domain::LawfulBasis::kContract, "contract"},
                         {domain::LawfulBasis::kLegalObligation, "legal_obligation"},
                         {domain::LawfulBasis::kVitalInterests, "vital_interests"},
                         {domain::LawfulBasis::kPublicTask, "public_task"},
                         {domain::LawfulBasis::kLegitimateInterests, "legitimate_interests"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::Article9Condition, 10, {domain::Article9Condition::kExplicitConsent, "explicit_consent"},
                         {domain::Article9Condition::kEmploymentSocialSecurity, "employment_social_security"},
                         {domain::Article9Condition::kVitalInterests, "vital_interests"},
                         {domain::Article9Condition::kNotForProfitBody, "not_for_profit_body"},
                         {domain::Article9Condition::kMadePublic, "made_public"},
                         {domain::Article9Condition::kLegalClaims, "legal_claims"},
                         {domain::Article9Condition::kSubstantialPublicInterest, "substantial_public_interest"},
                         {domain::Article9Condition::kHealthOrSocialCare, "health_or_social_care"},
                         {domain::Article9Condition::kPublicHealth, "public_health"},
                         {domain::Article9Condition::kArchivingResearch, "archiving_research"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::AgreementState, 6, {domain::AgreementState::kDraft, "draft"},
                         {domain::AgreementState::kAwaitingSignature, "awaiting_signature"},
                         {domain::AgreementState::kNotYetStarted, "not_yet_started"},
                         {domain::AgreementState::kActive, "active"}, {domain::AgreementState::kExpired, "expired"},
                         {domain::AgreementState::kWithdrawn, "withdrawn"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::Likelihood, 3, {domain::Likelihood::kRemote, "remote"},
                         {domain::Likelihood::kPossible, "possible"}, {domain::Likelihood::kProbable, "probable"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::Severity, 3, {domain::Severity::kMinimal, "minimal"},
                         {domain::Severity::kSignificant, "significant"}, {domain::Severity::kSevere, "severe"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::RiskLevel, 3, {domain::RiskLevel::kLow, "low"}, {domain::RiskLevel::kMedium, "medium"},
                         {domain::RiskLevel::kHigh, "high"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::DpiaState, 3, {domain::DpiaState::kDraft, "draft"},
                         {domain::DpiaState::kAwaitingSignOff, "awaiting_sign_off"},
                         {domain::DpiaState::kApproved, "approved"});
JIGSAW_DOMAIN_ENUM_NAMES(domain::CoverKind, 2, {domain::CoverKind::kAgreement, "agreement"},
                         {domain::CoverKind::kDpia, "dpia"});
#undef JIGSAW_DOMAIN_ENUM_NAMES
}  // namespace jigsaw
