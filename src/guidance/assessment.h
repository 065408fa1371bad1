// The facts of a proposed share (Request) and the engine's advice on it
// (Assessment). The wire names below are the public JSON contract
// documented in docs/assessment.md; change them only with a new API version.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/enum_names.h"
#include "domain/governance.h"
#include "domain/information.h"
#include "domain/organisation.h"
#include "guidance/enum_set.h"

namespace jigsaw::guidance {

// The same vocabulary as the registers of agreements and DPIAs, so that a
// share is checked against them without translation (domain/governance.h).
using Purpose = domain::SharingPurpose;
// none: no concern for safety (a welfare or support need); unsure: not yet
// known whether there is a risk; low: a low-level concern; significant:
// significant harm; immediate: immediate risk of harm.
enum class Risk { kNone, kUnsure, kLow, kSignificant, kImmediate };
using Frequency = domain::SharingFrequency;
enum class Consent { kNotSought, kGiven, kRefused, kWithdrawn };
enum class Objector { kChild, kParent, kCarer, kOther };
// An objection under UK GDPR Article 21 recorded by the organisation's DPO
// about someone the share is about, and the DPO's decision on it
// (domain::ObjectionDecision): none, awaiting a decision, upheld (processing
// on that basis stops) or not upheld (compelling legitimate grounds, such as
// safeguarding a child, override it). Found in the records, never asked.
enum class RecordedObjection { kNone, kAwaiting, kUpheld, kNotUpheld };
// The same vocabulary as the case records, so an assessment can be built
// from stored information items without translation.
using Subject = domain::PersonKind;
using domain::Accuracy;
using domain::SpecialCategory;

struct Sharer {
  domain::Sector sector = domain::Sector::kPublic;
  bool competent_authority = false;
};

struct Recipient {
  bool safeguarding_role = false;
  bool competent_authority = false;
};

struct Informing {
  bool safe_and_practical = false;        // it is safe and practical to tell them first
  bool risk_to_child = false;             // telling them could put the child at more risk
  bool compromises_investigation = false; // e.g. a police investigation
};

struct Identified {
  std::string who;
  bool at_risk_if_known = true;  // safer default: protect the identity
};

struct Item {
  std::string id;
  Subject about = Subject::kChild;
  bool relevant = false;
  bool necessary = false;
  Accuracy accuracy = Accuracy::kUnverified;
  EnumSet<SpecialCategory> special_category;
  bool criminal_offence = false;
  bool confidential = true;  // safer default: treat as given in confidence
  std::vector<Identified> identifies;
};

struct Request {
  Sharer sharer;
  Recipient recipient;
  Purpose purpose = Purpose::kSafeguarding;
  Risk risk = Risk::kUnsure;
  bool legal_requirement = false;
  Frequency frequency = Frequency::kOneOff;
  bool dsa_in_place = false;
  bool dpia_in_place = false;
  Consent consent = Consent::kNotSought;
  std::vector<Objector> objections;
  RecordedObjection recorded_objection = RecordedObjection::kNone;
  Informing informing;
  bool uncertain = false;
  std::vector<Item> items;
};

enum class Recommendation { kShare, kShareNow, kShareLimited, kSeekConsent, kDoNotShare };
using LawfulBasis = domain::LawfulBasis;
enum class Confidentiality {
  kNotApplicable,
  kLegalRequirement,
  kOverridingPublicInterest,
  kConsentRequired,
};
enum class Inform { kBeforeSharing, kAfterSharing, kDoNotInform };
enum class Record {
  kRationale,
  kLawfulBasis,
  kSpecialCategoryCondition,
  kSensitiveProcessingCondition,
  kConfidentialityBasis,
  kObjectionOverride,
  kReasonNotInforming,
  kRetrospectiveRecord,
  kAdviceSought,
  kIdentitiesProtected,
  kAccuracyStatus,
  kConsent,
  kDepartureFromAdvice,
  kCriminalOffenceCondition,
};
enum class Governance { kDpiaRequired, kDsaRecommended };
enum class Adviser {
  kDesignatedSafeguardingLead,
  kDataProtectionOfficer,
  kCaldicottGuardian,
  kLegalTeam,
  kNspccSafeguardingGuidance,
};
enum class Route { kChildrensSocialCare, kEarlyHelp, kPolice, kNone };

// One step of the engine's reasoning. All three are static text, so an
// assessment allocates nothing for its reasons.
struct Reason {
  std::string_view rule;    // e.g. "GR3.consent-not-needed"; see docs/rules.md
  std::string_view text;    // plain English for the practitioner
  std::string_view source;  // the section of the advice it rests on
  bool operator==(const Reason&) const = default;
};

struct ItemAdvice {
  std::string id;
  bool share = false;
  std::vector<std::string> redact;  // identities to remove before sharing
  std::string_view reason;
  bool operator==(const ItemAdvice&) const = default;
};

struct Assessment {
  Recommendation recommendation = Recommendation::kDoNotShare;
  EnumSet<LawfulBasis> lawful_basis;
  bool consent_appropriate = false;
  bool special_category_condition = false;  // Art 9: safeguarding of children and individuals at risk
  bool law_enforcement_processing = false;  // DPA 2018 Part 3 applies
  Confidentiality confidentiality = Confidentiality::kNotApplicable;
  Inform inform = Inform::kBeforeSharing;
  std::vector<ItemAdvice> items;
  EnumSet<Record> must_record;
  EnumSet<Governance> governance;
  EnumSet<Adviser> advice;
  Route route = Route::kNone;
  std::vector<Reason> reasons;
  bool operator==(const Assessment&) const = default;
};

inline bool IsShare(Recommendation r) {
  return r == Recommendation::kShare || r == Recommendation::kShareNow ||
         r == Recommendation::kShareLimited;
}

}  // namespace jigsaw::guidance

namespace jigsaw {
#define JIGSAW_ENUM_NAMES(E, N, ...)                                      \
  template <>                                                             \
  struct EnumNames<E> {                                                   \
    static constexpr std::array<std::pair<E, std::string_view>, N> kNames{{__VA_ARGS__}}; \
  }
namespace g = guidance;
JIGSAW_ENUM_NAMES(g::Risk, 5, {g::Risk::kNone, "none"}, {g::Risk::kUnsure, "unsure"},
                  {g::Risk::kLow, "low"}, {g::Risk::kSignificant, "significant"},
                  {g::Risk::kImmediate, "immediate"});
JIGSAW_ENUM_NAMES(g::Consent, 4, {g::Consent::kNotSought, "not_sought"},
                  {g::Consent::kGiven, "given"}, {g::Consent::kRefused, "refused"},
                  {g::Consent::kWithdrawn, "withdrawn"});
JIGSAW_ENUM_NAMES(g::Objector, 4, {g::Objector::kChild, "child"}, {g::Objector::kParent, "parent"},
                  {g::Objector::kCarer, "carer"}, {g::Objector::kOther, "other"});
JIGSAW_ENUM_NAMES(g::RecordedObjection, 4, {g::RecordedObjection::kNone, "none"},
                  {g::RecordedObjection::kAwaiting, "awaiting"}, {g::RecordedObjection::kUpheld, "upheld"},
                  {g::RecordedObjection::kNotUpheld, "not_upheld"});
JIGSAW_ENUM_NAMES(g::Recommendation, 5, {g::Recommendation::kShare, "share"},
                  {g::Recommendation::kShareNow, "share_now"},
                  {g::Recommendation::kShareLimited, "share_limited"},
                  {g::Recommendation::kSeekConsent, "seek_consent"},
                  {g::Recommendation::kDoNotShare, "do_not_share"});
JIGSAW_ENUM_NAMES(g::Confidentiality, 4, {g::Confidentiality::kNotApplicable, "not_applicable"},
                  {g::Confidentiality::kLegalRequirement, "legal_requirement"},
                  {g::Confidentiality::kOverridingPublicInterest, "overriding_public_interest"},
                  {g::Confidentiality::kConsentRequired, "consent_required"});
JIGSAW_ENUM_NAMES(g::Inform, 3, {g::Inform::kBeforeSharing, "before_sharing"},
                  {g::Inform::kAfterSharing, "after_sharing"},
                  {g::Inform::kDoNotInform, "do_not_inform"});
JIGSAW_ENUM_NAMES(g::Record, 14, {g::Record::kRationale, "rationale"},
                  {g::Record::kLawfulBasis, "lawful_basis"},
                  {g::Record::kSpecialCategoryCondition, "special_category_condition"},
                  {g::Record::kSensitiveProcessingCondition, "sensitive_processing_condition"},
                  {g::Record::kConfidentialityBasis, "confidentiality_basis"},
                  {g::Record::kObjectionOverride, "objection_override"},
                  {g::Record::kReasonNotInforming, "reason_not_informing"},
                  {g::Record::kRetrospectiveRecord, "retrospective_record"},
                  {g::Record::kAdviceSought, "advice_sought"},
                  {g::Record::kIdentitiesProtected, "identities_protected"},
                  {g::Record::kAccuracyStatus, "accuracy_status"},
                  {g::Record::kConsent, "consent"},
                  {g::Record::kDepartureFromAdvice, "departure_from_advice"},
                  {g::Record::kCriminalOffenceCondition, "criminal_offence_condition"});
JIGSAW_ENUM_NAMES(g::Governance, 2, {g::Governance::kDpiaRequired, "dpia_required"},
                  {g::Governance::kDsaRecommended, "dsa_recommended"});
JIGSAW_ENUM_NAMES(g::Adviser, 5,
                  {g::Adviser::kDesignatedSafeguardingLead, "designated_safeguarding_lead"},
                  {g::Adviser::kDataProtectionOfficer, "data_protection_officer"},
                  {g::Adviser::kCaldicottGuardian, "caldicott_guardian"},
                  {g::Adviser::kLegalTeam, "legal_team"},
                  {g::Adviser::kNspccSafeguardingGuidance, "nspcc_safeguarding_guidance"});
JIGSAW_ENUM_NAMES(g::Route, 4, {g::Route::kChildrensSocialCare, "childrens_social_care"},
                  {g::Route::kEarlyHelp, "early_help"}, {g::Route::kPolice, "police"},
                  {g::Route::kNone, "none"});
#undef JIGSAW_ENUM_NAMES
}  // namespace jigsaw
