// The records of the sharing workflow: a concern about a child, the
// information items that make up the jigsaw, the decision to share or not,
// the disclosure actually sent, the recipient's feedback, information and
// advice requests, and the notices that tell a practitioner something
// changed. docs/workflow.md describes their states and who may do what.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/encoding.h"
#include "common/enum_names.h"
#include "common/result.h"
#include "domain/information.h"
#include "domain/text.h"

namespace jigsaw::domain {

// The forms of abuse and risk the advice and Working Together name.
enum class AbuseForm : std::uint8_t {
  kSexualAbuse,
  kPhysicalAbuse,
  kEmotionalAbuse,
  kNeglect,
  kDomesticAbuse,
  kCriminalExploitation,
  kSeriousViolence,
  kTraffickingAndModernSlavery,
  kOnlineAbuse,
  kChildOnChildAbuse,
  kSexualExploitation,
  kFemaleGenitalMutilation,
  kRadicalisation,
  kParentalMentalHealth,
  kDrugOrAlcoholAbuse,
  kOther,
};

enum class ConcernLevel : std::uint8_t { kUnsure, kLow, kSignificant, kImmediate };

// new: in the DSL's queue; seen: the DSL has looked (the raiser is told);
// actioned: the DSL has recorded the next step; closed: the DSL has closed
// it with an outcome (domain/case_management.h). Until closed, a concern
// is open, whatever its triage state.
enum class ConcernStatus : std::uint8_t { kNew, kSeen, kActioned, kClosed };

enum class NextStep : std::uint8_t {
  kMonitor,
  kSupportInSchoolOrService,
  kEarlyHelp,
  kReferToChildrensSocialCare,
  kReferToPolice,
  kShareInformation,
  kSeekAdvice,
  kNoFurtherAction,
};

struct Concern {
  std::string id;
  std::string organisation_id;
  std::string child_id;
  std::string raised_by;
  std::vector<AbuseForm> forms;
  ConcernLevel level = ConcernLevel::kUnsure;
  std::string what_happened;  // what was seen or said, in the practitioner's words
  std::string child_words;    // the child's own words, kept exactly as said
  ConcernStatus status = ConcernStatus::kNew;
  std::string seen_by;
  Time seen_at{};
  std::optional<NextStep> next_step;
  std::string next_step_note;
  std::string actioned_by;
  Time actioned_at{};
  Time created_at{};  // when it was recorded
  // When and where it happened, as far as the practitioner knows: often
  // not when it was recorded (a disclosure about last weekend).
  std::string incident_date;   // "YYYY-MM-DD", or empty if not known
  std::string incident_time;   // "HH:MM", 24-hour UK local time; only with a date
  std::string incident_place;  // "the playground", "at home, as the child told it"
  // Never stored: set by the service when a restriction of processing of
  // the child (UK GDPR Article 18) withholds the concern's content from the
  // reader (domain::Person::restricted_since).
  std::optional<Time> restricted_since;
};

// One piece of the jigsaw, attached to a concern or to a person.
struct InformationItem {
  std::string id;
  std::string organisation_id;
  std::string concern_id;  // empty if attached to a person only
  std::string person_id;   // whom it is about
  std::string text;
  std::string source;      // where it came from ("class teacher", "GP record")
  std::string date;        // "YYYY-MM-DD": when it happened or was learnt
  Accuracy accuracy = Accuracy::kUnverified;
  std::vector<SpecialCategory> special_category;
  bool criminal_offence = false;
  bool confidential = false;           // given in confidence
  std::vector<std::string> identifies;  // ids of the people it names
  std::string created_by;
  Time created_at{};
};

enum class DecisionOutcome : std::uint8_t { kShare, kNotShare };

// A member of staff's decision to share, where their organisation sends
// staff shares through the DSL: awaiting the DSL, then approved (sent),
// changed (the DSL's own decision supersedes it) or declined with reasons.
enum class Approval : std::uint8_t { kNotNeeded, kAwaiting, kApproved, kChanged, kDeclined };

// Whether a share sends the concern's own account (what was seen or said,
// the child's words) beside the chosen items.
enum class ConcernAccount : std::uint8_t { kNotShared, kShared };

// Each objection to sharing and why it was overridden (golden rule 7).
struct ObjectionOverride {
  std::string by;      // child, parent, carer, other
  std::string reason;  // why sharing went ahead despite it
};

// Whether the child and family were told, or why not (golden rule 2).
struct Informing {
  bool told = false;
  std::string told_on;  // "YYYY-MM-DD"
  std::string told_by;
  std::string reason_not_told;
};

struct AdviceSought {
  std::string from;     // "our DSL", "LA designated officer"
  std::string summary;  // what they advised
};

// The DASH (Domestic Abuse, Stalking and Harassment and Honour-based
// violence) risk level a police officer assessed.
enum class DashRisk : std::uint8_t { kStandard, kMedium, kHigh };

// A police force's own references for what it shares (issue 12, item 6),
// so the recipient can match the share to the force's records and ask
// about it: the occurrence or crime reference, the public protection
// notice (PPN) reference, and the DASH risk level. Each is optional; only
// a police force records them (RecordsPoliceReferences). References are
// short codes, never personal data (ValidatePoliceReference).
struct PoliceReferences {
  std::string occurrence_reference;  // occurrence or crime reference
  std::string ppn_reference;         // public protection notice reference
  std::optional<DashRisk> dash_risk;
  bool Empty() const { return occurrence_reference.empty() && ppn_reference.empty() && !dash_risk; }
  bool operator==(const PoliceReferences&) const = default;
};

// The longest reference accepted: forces' references are short codes.
inline constexpr std::size_t kMaxPoliceReference = 30;

// An occurrence, crime or PPN reference as typed (trimmed): empty (not
// given), or at most kMaxPoliceReference characters of ASCII letters,
// digits, spaces and / - . : with at least one digit and more digits than
// letters, no run of five or more letters (a name or a word), and not
// shaped like a phone number, a postcode, a spaced NHS number or a date.
// Golden rule 5: a reference field leaves the organisation as typed, so
// nothing that identifies a person may ride along in it. Fails naming
// `field`.
Status ValidatePoliceReference(std::string_view field, std::string_view value);

// What the practitioner writes down about a decision, in their own words
// (golden rule 7). Which parts are required depends on the assessment.
struct DecisionRecord {
  std::string rationale;
  std::string lawful_basis;  // a UK GDPR Article 6 basis
  std::string special_category_condition;
  std::string sensitive_processing_condition;
  std::string criminal_offence_condition;
  std::string confidentiality_basis;
  std::string consent;
  std::vector<ObjectionOverride> objections;
  std::optional<Informing> informing;
  std::optional<AdviceSought> advice_sought;
  std::string departure_reason;  // why the decision differs from the advice
  PoliceReferences police;       // empty unless a police force shares
};

// Golden rule 5's backstop: a protected person of the organisation, not
// known to be connected to the child, named in what is to be shared. The
// sharer withholds the mention or records why it may go; nothing is sent
// with a mention nobody reviewed.
enum class MentionChoice : std::uint8_t { kWithhold, kRelease };

struct MentionReview {
  std::string mention_id;  // as the preview named it
  MentionChoice choice = MentionChoice::kWithhold;
  std::string reason;      // why it may go (required for kRelease)
};

// A decision to share or not. Never edited or deleted: a correction
// supersedes it and both remain.
struct Decision {
  std::string id;
  std::string organisation_id;
  std::string child_id;
  std::string concern_id;
  std::string information_request_id;
  std::string decided_by;
  DecisionOutcome outcome = DecisionOutcome::kNotShare;
  std::string recipient_organisation_id;
  std::string recipient_practitioner_id;
  std::vector<std::string> item_ids;  // the items shared (share decisions)
  ConcernAccount concern_account = ConcernAccount::kNotShared;
  Approval approval = Approval::kNotNeeded;
  std::string approved_by;  // the DSL who approved, changed or declined it
  Time approved_at{};
  std::string approval_note;  // why it was declined or changed
  // The engine's advice the decision was made from, as JSON: the facts put
  // to it and its assessment. Empty for an emergency share (recorded after).
  std::string assessment_request;
  std::string assessment;
  std::string recommendation;           // the assessment's recommendation
  std::vector<std::string> must_record;  // what the assessment said to record
  DecisionRecord record;
  std::vector<MentionReview> mention_reviews;
  bool departs_from_advice = false;
  bool emergency = false;
  Time rationale_due_at{};  // emergency only: the full record is owed by then
  std::string supersedes;
  Time created_at{};
};

// What was actually sent. The content the recipient sees is sealed
// (encrypted for the recipient organisation) at rest.
struct Disclosure {
  std::string id;
  std::string decision_id;
  std::string sharer_organisation_id;
  std::string sharer_id;
  std::string recipient_organisation_id;
  std::string recipient_practitioner_id;
  std::string child_id;  // the sharer's record of the child; never shown to the recipient
  Bytes sealed_content;
  Time created_at{};
  std::string received_by;
  Time received_at{};  // zero until a recipient opens it
  Time acknowledgement_due_at{};
  Time feedback_due_at{};
  Time feedback_at{};  // zero until the first feedback
  // A recall of a disclosure sent in error (to the wrong organisation, the
  // wrong child): who recalled it, when and why; then who at the recipient
  // confirmed they keep no copy, and when. Zero times until they happen.
  std::string recalled_by;
  Time recalled_at{};
  std::string recall_reason;
  std::string recall_confirmed_by;
  Time recall_confirmed_at{};
  // UK GDPR Article 19: a correction of information sent earlier reaches
  // each recipient as a disclosure of its own, naming the one it corrects.
  // Empty for every other disclosure.
  std::string corrects;
};

// Recalled: the recipient may no longer open it (access::Authorise).
inline bool IsRecalled(const Disclosure& d) { return d.recalled_at != Time{}; }

// Information that reached the wrong recipient is a possible personal data
// breach: the controller reports one to the ICO "without undue delay and,
// where feasible, not later than 72 hours after having become aware of it"
// (UK GDPR Art 33(1)). The clock starts when the sharer recalls it, the
// moment the organisation is known to be aware.
constexpr std::chrono::hours kBreachReportWindow{72};
inline Time BreachReportDueAt(const Disclosure& d) { return d.recalled_at + kBreachReportWindow; }

enum class FeedbackAction : std::uint8_t {
  kNoFurtherAction,
  kAdviceGiven,
  kEarlyHelpOffered,
  kChildInNeedAssessment,
  kStrategyDiscussion,  // strategy discussion / section 47 enquiry
  kPoliceAction,
  kOther,
};

struct Feedback {
  std::string id;
  std::string disclosure_id;
  std::string organisation_id;
  std::string given_by;
  FeedbackAction action = FeedbackAction::kOther;
  std::string note;
  Time created_at{};
};

enum class Urgency : std::uint8_t { kRoutine, kUrgent, kImmediate };

enum class RequestStatus : std::uint8_t {
  kOpen,
  kClarificationRequested,
  kAnswered,
  kRefused,
  kReconsiderationRequested,
  // The holder does not know the child or holds nothing of what is asked:
  // an answer like the others, closed until the requester says more.
  kNotKnown,
};

// Answered, refused or not known: the holder has answered, and nothing is
// owed until the requester asks them to reconsider.
constexpr bool IsDecided(RequestStatus s) {
  return s == RequestStatus::kAnswered || s == RequestStatus::kRefused || s == RequestStatus::kNotKnown;
}

// Whether someone around the child holds parental responsibility (Children
// Act 1989 s3): a parent's partner may or may not; the requester may not know.
enum class ParentalResponsibility : std::uint8_t { kHas, kDoesNotHave, kNotKnown };

// Someone around the child whom the requester names, so that the holder can
// find them in their records too ("the mother's partner, Dan Hale").
struct RequestPerson {
  std::string name;
  std::string relationship;  // to the child: "mother's partner", "lodger"
  ParentalResponsibility parental_responsibility = ParentalResponsibility::kNotKnown;
};

// A practitioner asks another organisation for information about a child
// ("Requests to share information should explain clearly what is required
// and why, clarifying any meaning or terminology").
struct InformationRequest {
  std::string id;
  std::string requester_organisation_id;
  std::string requested_by;
  std::string holder_organisation_id;
  // Who the child is, for the holder to find their own record.
  std::string child_given_name;
  std::string child_family_name;
  std::string child_date_of_birth;
  std::string child_nhs_number;
  std::string child_other_details;
  std::string needed;       // what is needed
  std::string reason;       // why
  std::string terminology;  // meanings of terms that could be misread
  std::vector<RequestPerson> people;  // around the child, in the order given
  Urgency urgency = Urgency::kRoutine;
  RequestStatus status = RequestStatus::kOpen;
  Time created_at{};
  Time updated_at{};
};

enum class RequestMessageKind : std::uint8_t {
  kClarificationRequested,  // holder asks what is meant
  kClarification,           // requester explains
  kAnswered,                // holder shared: a disclosure
  kRefused,                 // holder decided not to share: reasons
  kReconsiderationRequested,
  kNotKnown,                // holder does not know the child or holds nothing asked for
};

struct RequestMessage {
  std::string id;
  std::string request_id;
  RequestMessageKind kind = RequestMessageKind::kClarification;
  std::string text;
  std::string organisation_id;
  std::string written_by;
  std::string decision_id;  // answered / refused
  Time created_at{};
};

enum class AdviserRole : std::uint8_t {
  kDesignatedSafeguardingLead,
  kDataProtectionOfficer,
  kCaldicottGuardian,
  kLegalTeam,
};

struct AdviceRequest {
  std::string id;
  std::string organisation_id;
  std::string asked_by;
  AdviserRole adviser = AdviserRole::kDesignatedSafeguardingLead;
  std::string question;
  std::string child_id;    // the case, if any
  std::string concern_id;
  Time created_at{};
  std::string answer;
  std::string answered_by;
  Time answered_at{};  // zero until answered
};

// Tells one practitioner that something they are waiting on changed. Ids
// and a kind only: no personal data, so a notice is safe on a shared screen.
struct Notification {
  std::string id;
  std::string practitioner_id;
  std::string kind;  // "concern.seen", "feedback.given", "advice.answered", ...
  std::string object_type;
  std::string object_id;
  Time created_at{};
  Time read_at{};
};

// Each record as stored: names and identifiers trimmed, free text tidied
// (domain/text.h). The services tidy before they validate, so the API and
// the pages keep the same rules.
void Tidy(Concern& concern);
void Tidy(InformationItem& item);
void Tidy(Feedback& feedback);
void Tidy(InformationRequest& request);
void Tidy(AdviceRequest& request);
void Tidy(DecisionRecord& record);

// Field-named checks for each record, before anything is stored. `today`
// is when it is recorded: what happened cannot have happened later.
Status Validate(const Concern& concern);
// The same, and the incident not after `now` (in UK local time).
Status Validate(const Concern& concern, Time now);
// When the incident happened as a moment, for putting it in order with
// other events: its date and time read as UK local time (midnight when
// only the date is known). Empty when no date was given or it is not valid.
std::optional<Time> IncidentMoment(const Concern& concern);
Status Validate(const InformationItem& item, Time today);
Status Validate(const Feedback& feedback);
Status Validate(const InformationRequest& request);
Status Validate(const AdviceRequest& request);

}  // namespace jigsaw::domain

namespace jigsaw {
#define JIGSAW_DOMAIN_NAMES(E, N, ...)                                     \
  template <>                                                              \
  struct EnumNames<E> {                                                    \
    static constexpr std::array<std::pair<E, std::string_view>, N> kNames{{__VA_ARGS__}}; \
  }
namespace d = domain;
JIGSAW_DOMAIN_NAMES(d::AbuseForm, 16, {d::AbuseForm::kSexualAbuse, "sexual_abuse"},
                    {d::AbuseForm::kPhysicalAbuse, "physical_abuse"},
                    {d::AbuseForm::kEmotionalAbuse, "emotional_abuse"},
                    {d::AbuseForm::kNeglect, "neglect"},
                    {d::AbuseForm::kDomesticAbuse, "domestic_abuse"},
                    {d::AbuseForm::kCriminalExploitation, "criminal_exploitation"},
                    {d::AbuseForm::kSeriousViolence, "serious_violence"},
                    {d::AbuseForm::kTraffickingAndModernSlavery, "trafficking_and_modern_slavery"},
                    {d::AbuseForm::kOnlineAbuse, "online_abuse"},
                    {d::AbuseForm::kChildOnChildAbuse, "child_on_child_abuse"},
                    {d::AbuseForm::kSexualExploitation, "sexual_exploitation"},
                    {d::AbuseForm::kFemaleGenitalMutilation, "female_genital_mutilation"},
                    {d::AbuseForm::kRadicalisation, "radicalisation"},
                    {d::AbuseForm::kParentalMentalHealth, "parental_mental_health"},
                    {d::AbuseForm::kDrugOrAlcoholAbuse, "drug_or_alcohol_abuse"},
                    {d::AbuseForm::kOther, "other"});
JIGSAW_DOMAIN_NAMES(d::ConcernLevel, 4, {d::ConcernLevel::kUnsure, "unsure"},
                    {d::ConcernLevel::kLow, "low"},
                    {d::ConcernLevel::kSignificant, "significant_harm"},
                    {d::ConcernLevel::kImmediate, "immediate_risk"});
JIGSAW_DOMAIN_NAMES(d::ConcernStatus, 4, {d::ConcernStatus::kNew, "new"},
                    {d::ConcernStatus::kSeen, "seen"}, {d::ConcernStatus::kActioned, "actioned"},
                    {d::ConcernStatus::kClosed, "closed"});
JIGSAW_DOMAIN_NAMES(d::NextStep, 8, {d::NextStep::kMonitor, "monitor"},
                    {d::NextStep::kSupportInSchoolOrService, "support_in_service"},
                    {d::NextStep::kEarlyHelp, "early_help"},
                    {d::NextStep::kReferToChildrensSocialCare, "refer_to_childrens_social_care"},
                    {d::NextStep::kReferToPolice, "refer_to_police"},
                    {d::NextStep::kShareInformation, "share_information"},
                    {d::NextStep::kSeekAdvice, "seek_advice"},
                    {d::NextStep::kNoFurtherAction, "no_further_action"});
JIGSAW_DOMAIN_NAMES(d::DecisionOutcome, 2, {d::DecisionOutcome::kShare, "share"},
                    {d::DecisionOutcome::kNotShare, "not_share"});
JIGSAW_DOMAIN_NAMES(d::Approval, 5, {d::Approval::kNotNeeded, "not_needed"}, {d::Approval::kAwaiting, "awaiting"},
                    {d::Approval::kApproved, "approved"}, {d::Approval::kChanged, "changed"},
                    {d::Approval::kDeclined, "declined"});
JIGSAW_DOMAIN_NAMES(d::DashRisk, 3, {d::DashRisk::kStandard, "standard"}, {d::DashRisk::kMedium, "medium"},
                    {d::DashRisk::kHigh, "high"});
JIGSAW_DOMAIN_NAMES(d::ConcernAccount, 2, {d::ConcernAccount::kNotShared, "not_shared"},
                    {d::ConcernAccount::kShared, "shared"});
JIGSAW_DOMAIN_NAMES(d::MentionChoice, 2, {d::MentionChoice::kWithhold, "withhold"},
                    {d::MentionChoice::kRelease, "release"});
JIGSAW_DOMAIN_NAMES(d::FeedbackAction, 7, {d::FeedbackAction::kNoFurtherAction, "no_further_action"},
                    {d::FeedbackAction::kAdviceGiven, "advice_given"},
                    {d::FeedbackAction::kEarlyHelpOffered, "early_help_offered"},
                    {d::FeedbackAction::kChildInNeedAssessment, "child_in_need_assessment"},
                    {d::FeedbackAction::kStrategyDiscussion, "strategy_discussion_or_section_47"},
                    {d::FeedbackAction::kPoliceAction, "police_action"},
                    {d::FeedbackAction::kOther, "other"});
JIGSAW_DOMAIN_NAMES(d::Urgency, 3, {d::Urgency::kRoutine, "routine"}, {d::Urgency::kUrgent, "urgent"},
                    {d::Urgency::kImmediate, "immediate"});
JIGSAW_DOMAIN_NAMES(d::RequestStatus, 6, {d::RequestStatus::kOpen, "open"},
                    {d::RequestStatus::kClarificationRequested, "clarification_requested"},
                    {d::RequestStatus::kAnswered, "answered"}, {d::RequestStatus::kRefused, "refused"},
                    {d::RequestStatus::kReconsiderationRequested, "reconsideration_requested"},
                    {d::RequestStatus::kNotKnown, "not_known"});
JIGSAW_DOMAIN_NAMES(d::ParentalResponsibility, 3, {d::ParentalResponsibility::kHas, "yes"},
                    {d::ParentalResponsibility::kDoesNotHave, "no"},
                    {d::ParentalResponsibility::kNotKnown, "not_known"});
JIGSAW_DOMAIN_NAMES(d::RequestMessageKind, 6,
                    {d::RequestMessageKind::kClarificationRequested, "clarification_requested"},
                    {d::RequestMessageKind::kClarification, "clarification"},
                    {d::RequestMessageKind::kAnswered, "answered"},
                    {d::RequestMessageKind::kRefused, "refused"},
                    {d::RequestMessageKind::kReconsiderationRequested, "reconsideration_requested"},
                    {d::RequestMessageKind::kNotKnown, "not_known"});
JIGSAW_DOMAIN_NAMES(d::AdviserRole, 4,
                    {d::AdviserRole::kDesignatedSafeguardingLead, "designated_safeguarding_lead"},
                    {d::AdviserRole::kDataProtectionOfficer, "data_protection_officer"},
                    {d::AdviserRole::kCaldicottGuardian, "caldicott_guardian"},
                    {d::AdviserRole::kLegalTeam, "legal_team"});
#undef JIGSAW_DOMAIN_NAMES
}  // namespace jigsaw
