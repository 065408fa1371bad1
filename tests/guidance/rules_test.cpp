// One test per rule of the engine, named after its id in docs/rules.md.
// Each starts from an ordinary request and changes only the facts the rule
// is about.
#include <gtest/gtest.h>

#include <algorithm>

#include "guidance/engine.h"
#include "guidance/sources.h"

namespace jigsaw::guidance {
namespace {

// A school (public sector) with a significant concern, sharing one verified,
// non-confidential item about the child with children's services.
Request Base() {
  Request r;
  r.sharer = {domain::Sector::kPublic, false};
  r.recipient = {true, false};
  r.purpose = Purpose::kSafeguarding;
  r.risk = Risk::kSignificant;
  Item item;
  item.id = "i1";
  item.relevant = item.necessary = true;
  item.accuracy = Accuracy::kVerified;
  item.confidential = false;
  r.items.push_back(item);
  return r;
}

bool Fires(const Assessment& a, std::string_view rule) {
  return std::any_of(a.reasons.begin(), a.reasons.end(), [&](const Reason& r) { return r.rule == rule; });
}

std::string_view SourceOf(const Assessment& a, std::string_view rule) {
  for (const auto& r : a.reasons)
    if (r.rule == rule) return r.source;
  return {};
}

TEST(Rules, GR1_SafetyFirst) {
  for (Risk risk : {Risk::kLow, Risk::kSignificant, Risk::kImmediate}) {
    Request r = Base();
    r.risk = risk;
    EXPECT_TRUE(Fires(Assess(r), "GR1.safety-first"));
  }
  Request none = Base();
  none.risk = Risk::kNone;
  EXPECT_FALSE(Fires(Assess(none), "GR1.safety-first"));
  EXPECT_EQ(SourceOf(Assess(Base()), "GR1.safety-first"), source::kRule1);
}

TEST(Rules, GR3_ConsentNotNeeded) {
  Request r = Base();
  r.consent = Consent::kRefused;
  const Assessment a = Assess(r);
  EXPECT_TRUE(Fires(a, "GR3.consent-not-needed"));
  EXPECT_EQ(a.recommendation, Recommendation::kShare);
}

TEST(Rules, THRESHOLD_NotNeeded) {
  EXPECT_TRUE(Fires(Assess(Base()), "THRESHOLD.not-needed"));
}

TEST(Rules, GR6_NothingRelevant) {
  Request r = Base();
  r.items[0].relevant = false;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kDoNotShare);
  EXPECT_TRUE(Fires(a, "GR6.nothing-relevant"));
  EXPECT_EQ(a.inform, Inform::kDoNotInform);
}

TEST(Rules, GR6_RecipientRole) {
  Request r = Base();
  r.recipient.safeguarding_role = false;
  r.risk = Risk::kImmediate;  // even at immediate risk, not to someone without the role
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kDoNotShare);
  EXPECT_TRUE(Fires(a, "GR6.recipient-role"));
  EXPECT_FALSE(a.items[0].share);
}

TEST(Rules, LEGAL_NoSafeguardingRole) {
  Request r = Base();
  r.recipient.safeguarding_role = false;
  r.legal_requirement = true;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kShareLimited);
  EXPECT_TRUE(Fires(a, "LEGAL.no-safeguarding-role"));
  EXPECT_TRUE(a.advice.Has(Adviser::kLegalTeam));
}

TEST(Rules, EMERGENCY_ShareNow) {
  Request r = Base();
  r.risk = Risk::kImmediate;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kShareNow);
  EXPECT_TRUE(a.must_record.Has(Record::kRetrospectiveRecord));
  EXPECT_EQ(SourceOf(a, "EMERGENCY.share-now"), source::kEmergency);
}

TEST(Rules, SHARE_AtRisk) {
  for (Risk risk : {Risk::kLow, Risk::kSignificant}) {
    Request r = Base();
    r.risk = risk;
    const Assessment a = Assess(r);
    EXPECT_EQ(a.recommendation, Recommendation::kShare);
    EXPECT_TRUE(Fires(a, "SHARE.at-risk"));
    EXPECT_FALSE(a.must_record.Has(Record::kRetrospectiveRecord));
  }
}

TEST(Rules, CURIOSITY_Unsure) {
  Request r = Base();
  r.risk = Risk::kUnsure;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kShareLimited);
  EXPECT_TRUE(Fires(a, "CURIOSITY.unsure"));
}

TEST(Rules, AMOUNT_LimitedWhileUnsure) {
  Request r = Base();
  r.risk = Risk::kUnsure;
  Item parent = r.items[0];
  parent.id = "about-parent";
  parent.about = Subject::kParent;
  r.items.push_back(parent);
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.items[0].share);
  EXPECT_FALSE(a.items[1].share);
  EXPECT_TRUE(Fires(a, "AMOUNT.limited-while-unsure"));
  // With nothing about the child, the information about others is shared.
  r.items.erase(r.items.begin());
  const Assessment only_parent = Assess(r);
  EXPECT_TRUE(only_parent.items[0].share);
  EXPECT_FALSE(Fires(only_parent, "AMOUNT.limited-while-unsure"));
}

TEST(Rules, CURIOSITY_TalkToDsl) {
  Request r = Base();
  r.risk = Risk::kUnsure;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.advice.Has(Adviser::kDesignatedSafeguardingLead));
  EXPECT_TRUE(Fires(a, "CURIOSITY.talk-to-dsl"));
}

TEST(Rules, LEGAL_Required) {
  Request r = Base();
  r.risk = Risk::kNone;
  r.legal_requirement = true;
  r.consent = Consent::kRefused;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kShare);
  EXPECT_TRUE(Fires(a, "LEGAL.required"));
  EXPECT_TRUE(a.must_record.Has(Record::kObjectionOverride));
}

TEST(Rules, NOCONCERN_ObjectionRespected) {
  for (Consent c : {Consent::kRefused, Consent::kWithdrawn}) {
    Request r = Base();
    r.risk = Risk::kNone;
    r.consent = c;
    const Assessment a = Assess(r);
    EXPECT_EQ(a.recommendation, Recommendation::kDoNotShare);
    EXPECT_TRUE(Fires(a, "NOCONCERN.objection-respected"));
  }
  Request objected = Base();
  objected.risk = Risk::kNone;
  objected.consent = Consent::kGiven;
  objected.objections = {Objector::kChild};
  EXPECT_EQ(Assess(objected).recommendation, Recommendation::kDoNotShare);
}

TEST(Rules, NOCONCERN_ConsentGiven) {
  Request r = Base();
  r.risk = Risk::kNone;
  r.consent = Consent::kGiven;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kShare);
  EXPECT_TRUE(Fires(a, "NOCONCERN.consent-given"));
}

TEST(Rules, NOCONCERN_SeekConsent) {
  Request r = Base();
  r.risk = Risk::kNone;
  r.purpose = Purpose::kEarlyHelp;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kSeekConsent);
  EXPECT_TRUE(Fires(a, "NOCONCERN.seek-consent"));
  EXPECT_FALSE(a.items[0].share);
  EXPECT_TRUE(a.consent_appropriate);
}

TEST(Rules, GR6_RelevantOnly) {
  Request r = Base();
  Item extra = r.items[0];
  extra.id = "irrelevant";
  extra.relevant = false;
  r.items.push_back(extra);
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.items[0].share);
  EXPECT_FALSE(a.items[1].share);
  EXPECT_TRUE(Fires(a, "GR6.relevant-only"));
}

TEST(Rules, AMOUNT_NecessaryOnly) {
  Request r = Base();
  Item extra = r.items[0];
  extra.id = "not-needed";
  extra.necessary = false;
  r.items.push_back(extra);
  const Assessment a = Assess(r);
  EXPECT_FALSE(a.items[1].share);
  EXPECT_TRUE(Fires(a, "AMOUNT.necessary-only"));
  EXPECT_EQ(SourceOf(a, "AMOUNT.necessary-only"), source::kAmount);
}

TEST(Rules, GR5_ProtectIdentities) {
  Request r = Base();
  r.items[0].identifies = {{"Neighbour N", true}, {"Teacher T", false}};
  const Assessment a = Assess(r);
  EXPECT_EQ(a.items[0].redact, std::vector<std::string>{"Neighbour N"});
  EXPECT_TRUE(a.must_record.Has(Record::kIdentitiesProtected));
  EXPECT_TRUE(Fires(a, "GR5.protect-identities"));
}

TEST(Rules, GR6_Accuracy) {
  for (Accuracy acc : {Accuracy::kUnverified, Accuracy::kOpinion}) {
    Request r = Base();
    r.items[0].accuracy = acc;
    const Assessment a = Assess(r);
    EXPECT_TRUE(a.items[0].share);
    EXPECT_TRUE(a.must_record.Has(Record::kAccuracyStatus));
    EXPECT_TRUE(Fires(a, "GR6.accuracy"));
  }
  EXPECT_FALSE(Assess(Base()).must_record.Has(Record::kAccuracyStatus));
}

TEST(Rules, ADULTS_MayPoseRisk) {
  Request r = Base();
  r.items[0].about = Subject::kAssociatedAdult;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.items[0].share);
  EXPECT_TRUE(Fires(a, "ADULTS.may-pose-risk"));
}

TEST(Rules, BASIS_LegalObligation) {
  Request r = Base();
  r.legal_requirement = true;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.lawful_basis.Has(LawfulBasis::kLegalObligation));
  EXPECT_TRUE(Fires(a, "BASIS.legal-obligation"));
}

TEST(Rules, BASIS_PublicTask) {
  const Assessment a = Assess(Base());
  EXPECT_TRUE(a.lawful_basis.Has(LawfulBasis::kPublicTask));
  EXPECT_FALSE(a.lawful_basis.Has(LawfulBasis::kLegitimateInterests));
  EXPECT_TRUE(Fires(a, "BASIS.public-task"));
}

TEST(Rules, BASIS_LegitimateInterests) {
  for (auto sector : {domain::Sector::kVoluntary, domain::Sector::kPrivate}) {
    Request r = Base();
    r.sharer.sector = sector;
    const Assessment a = Assess(r);
    EXPECT_TRUE(a.lawful_basis.Has(LawfulBasis::kLegitimateInterests));
    EXPECT_FALSE(a.lawful_basis.Has(LawfulBasis::kPublicTask));
    EXPECT_TRUE(Fires(a, "BASIS.legitimate-interests"));
  }
}

TEST(Rules, CONSENT_NotTheBasis) {
  Request r = Base();
  r.consent = Consent::kGiven;
  const Assessment a = Assess(r);
  EXPECT_FALSE(a.consent_appropriate);
  EXPECT_FALSE(a.lawful_basis.Has(LawfulBasis::kConsent));
  EXPECT_TRUE(Fires(a, "CONSENT.not-the-basis"));
  EXPECT_EQ(SourceOf(a, "CONSENT.not-the-basis"), source::kConsentNotAppropriate);
}

TEST(Rules, CONSENT_AgreementIsNotBasis) {
  Request r = Base();
  r.consent = Consent::kGiven;
  EXPECT_TRUE(Fires(Assess(r), "CONSENT.agreement-is-not-basis"));
  EXPECT_EQ(SourceOf(Assess(r), "CONSENT.agreement-is-not-basis"), source::kConsentMeanings);
}

TEST(Rules, BASIS_Consent) {
  Request r = Base();
  r.risk = Risk::kNone;
  r.consent = Consent::kGiven;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.lawful_basis.Has(LawfulBasis::kConsent));
  EXPECT_TRUE(a.must_record.Has(Record::kConsent));
  EXPECT_TRUE(Fires(a, "BASIS.consent"));
}

TEST(Rules, CONSENT_Withdrawn) {
  Request r = Base();
  r.risk = Risk::kNone;
  r.consent = Consent::kWithdrawn;
  const Assessment a = Assess(r);
  EXPECT_TRUE(Fires(a, "CONSENT.withdrawn"));
  EXPECT_EQ(a.recommendation, Recommendation::kDoNotShare);
}

TEST(Rules, PART3_Applies) {
  Request r = Base();
  r.purpose = Purpose::kLawEnforcement;
  r.sharer.competent_authority = true;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.law_enforcement_processing);
  EXPECT_TRUE(Fires(a, "PART3.applies"));
  EXPECT_EQ(a.route, Route::kPolice);
  Request not_authority = r;
  not_authority.sharer.competent_authority = false;
  EXPECT_FALSE(Assess(not_authority).law_enforcement_processing);
}

TEST(Rules, PART3_SensitiveProcessing) {
  Request r = Base();
  r.purpose = Purpose::kLawEnforcement;
  r.sharer.competent_authority = true;
  r.items[0].special_category.Add(SpecialCategory::kBiometric);
  const Assessment a = Assess(r);
  EXPECT_FALSE(a.special_category_condition);
  EXPECT_TRUE(a.must_record.Has(Record::kSensitiveProcessingCondition));
  EXPECT_TRUE(a.advice.Has(Adviser::kDataProtectionOfficer));
  EXPECT_TRUE(Fires(a, "PART3.sensitive-processing"));
}

TEST(Rules, ART9_Safeguarding) {
  Request r = Base();
  r.items[0].special_category.Add(SpecialCategory::kHealth);
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.special_category_condition);
  EXPECT_TRUE(a.must_record.Has(Record::kSpecialCategoryCondition));
  EXPECT_EQ(SourceOf(a, "ART9.safeguarding"), source::kAnnexSpecialCategory);
  // Not when the special category item is not shared.
  r.items[0].relevant = false;
  EXPECT_FALSE(Assess(r).special_category_condition);
}

TEST(Rules, ART9_NoSafetyConcern) {
  Request r = Base();
  r.risk = Risk::kNone;
  r.consent = Consent::kGiven;
  r.items[0].special_category.Add(SpecialCategory::kReligiousBeliefs);
  const Assessment a = Assess(r);
  EXPECT_FALSE(a.special_category_condition);
  EXPECT_TRUE(a.must_record.Has(Record::kSpecialCategoryCondition));
  EXPECT_TRUE(Fires(a, "ART9.no-safety-concern"));
}

TEST(Rules, CRIMINAL_OffenceData) {
  Request r = Base();
  r.items[0].criminal_offence = true;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.must_record.Has(Record::kCriminalOffenceCondition));
  EXPECT_TRUE(a.advice.Has(Adviser::kDataProtectionOfficer));
  EXPECT_EQ(a.recommendation, Recommendation::kShare);
  EXPECT_TRUE(Fires(a, "CRIMINAL.offence-data"));
  // A competent authority sharing for law enforcement works under Part 3 instead.
  r.purpose = Purpose::kLawEnforcement;
  r.sharer.competent_authority = true;
  EXPECT_FALSE(Fires(Assess(r), "CRIMINAL.offence-data"));
}

TEST(Rules, CONF_NotApplicableWithoutConfidentialItems) {
  EXPECT_EQ(Assess(Base()).confidentiality, Confidentiality::kNotApplicable);
}

TEST(Rules, CONF_LegalRequirement) {
  Request r = Base();
  r.items[0].confidential = true;
  r.legal_requirement = true;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.confidentiality, Confidentiality::kLegalRequirement);
  EXPECT_TRUE(Fires(a, "CONF.legal-requirement"));
  EXPECT_TRUE(a.must_record.Has(Record::kConfidentialityBasis));
}

TEST(Rules, CONF_ConsentRequired) {
  Request r = Base();
  r.items[0].confidential = true;
  r.risk = Risk::kNone;
  r.consent = Consent::kGiven;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.confidentiality, Confidentiality::kConsentRequired);
  EXPECT_TRUE(Fires(a, "CONF.consent-required"));
  EXPECT_TRUE(a.must_record.Has(Record::kConfidentialityBasis));
}

// Issue 16, item 7: the position is stated whatever the recommendation.
// Advised to seek consent first, nothing is shared yet, but the practitioner
// is still told that consent is what the duty requires.
TEST(Rules, CONF_ConsentRequiredWhenSeekingConsent) {
  Request r = Base();
  r.items[0].confidential = true;
  r.risk = Risk::kNone;
  r.consent = Consent::kNotSought;
  const Assessment a = Assess(r);
  ASSERT_EQ(a.recommendation, Recommendation::kSeekConsent);
  EXPECT_EQ(a.confidentiality, Confidentiality::kConsentRequired);
  EXPECT_TRUE(Fires(a, "CONF.consent-required"));
  // Nothing is shared, so no decision has to justify setting the duty aside.
  EXPECT_FALSE(a.must_record.Has(Record::kConfidentialityBasis));
  // The same when the family refused: not shared, and consent is still what it would take.
  r.consent = Consent::kRefused;
  const Assessment refused = Assess(r);
  ASSERT_EQ(refused.recommendation, Recommendation::kDoNotShare);
  EXPECT_EQ(refused.confidentiality, Confidentiality::kConsentRequired);
}

TEST(Rules, CONF_PublicInterest) {
  Request r = Base();
  r.items[0].confidential = true;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.confidentiality, Confidentiality::kOverridingPublicInterest);
  EXPECT_TRUE(Fires(a, "CONF.public-interest"));
  EXPECT_TRUE(a.must_record.Has(Record::kConfidentialityBasis));
}

TEST(Rules, CONF_PublicInterestIfShared) {
  // At risk, but the recipient has no safeguarding role: nothing is shared,
  // and the practitioner is told what sharing the confidential item would need.
  Request r = Base();
  r.items[0].confidential = true;
  r.recipient.safeguarding_role = false;
  const Assessment a = Assess(r);
  ASSERT_EQ(a.recommendation, Recommendation::kDoNotShare);
  EXPECT_EQ(a.confidentiality, Confidentiality::kOverridingPublicInterest);
  EXPECT_TRUE(Fires(a, "CONF.public-interest-if-shared"));
  EXPECT_FALSE(Fires(a, "CONF.public-interest"));
  EXPECT_FALSE(Fires(a, "HRA.proportionate"));
  EXPECT_FALSE(a.must_record.Has(Record::kConfidentialityBasis));
  EXPECT_EQ(SourceOf(a, "CONF.public-interest-if-shared"), source::kConfidentiality);
  // While unsure, a confidential item about someone else is held back: the
  // child's item is shared, and the position still covers the held-back one.
  Request unsure = Base();
  unsure.risk = Risk::kUnsure;
  Item other = unsure.items[0];
  other.id = "i2";
  other.about = Subject::kParent;
  other.confidential = true;
  unsure.items.push_back(other);
  const Assessment b = Assess(unsure);
  ASSERT_FALSE(b.items[1].share);
  EXPECT_EQ(b.confidentiality, Confidentiality::kOverridingPublicInterest);
  EXPECT_TRUE(Fires(b, "CONF.public-interest-if-shared"));
}

TEST(Rules, HRA_Proportionate) {
  Request r = Base();
  r.items[0].confidential = true;
  EXPECT_EQ(SourceOf(Assess(r), "HRA.proportionate"), source::kHumanRights);
}

TEST(Rules, OBJECTION_Override) {
  Request r = Base();
  r.objections = {Objector::kParent};
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Recommendation::kShare);
  EXPECT_TRUE(a.must_record.Has(Record::kObjectionOverride));
  EXPECT_TRUE(a.must_record.Has(Record::kLawfulBasis));
  EXPECT_TRUE(Fires(a, "OBJECTION.override"));
}

// An objection the DPO recorded (Annex A: the right to object) never stops
// sharing to protect a child; unless it was not upheld, the practitioner
// records why sharing is still necessary.
TEST(Rules, OBJECTION_OnRecord) {
  for (auto recorded : {RecordedObjection::kAwaiting, RecordedObjection::kUpheld}) {
    Request r = Base();
    r.recorded_objection = recorded;
    const Assessment a = Assess(r);
    EXPECT_EQ(a.recommendation, Assess(Base()).recommendation) << ToString(recorded);
    EXPECT_TRUE(a.must_record.Has(Record::kObjectionOverride)) << ToString(recorded);
    EXPECT_TRUE(a.must_record.Has(Record::kLawfulBasis)) << ToString(recorded);
    EXPECT_EQ(SourceOf(a, "OBJECTION.on-record"), source::kAnnexRights);
    EXPECT_FALSE(Fires(a, "OBJECTION.not-upheld"));
  }
  Request none = Base();
  EXPECT_FALSE(Fires(Assess(none), "OBJECTION.on-record"));
  EXPECT_FALSE(Assess(none).must_record.Has(Record::kObjectionOverride));
}

TEST(Rules, OBJECTION_NotUpheld) {
  Request r = Base();
  r.recorded_objection = RecordedObjection::kNotUpheld;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.recommendation, Assess(Base()).recommendation);
  EXPECT_EQ(SourceOf(a, "OBJECTION.not-upheld"), source::kAnnexRights);
  EXPECT_FALSE(Fires(a, "OBJECTION.on-record"));
  EXPECT_FALSE(a.must_record.Has(Record::kObjectionOverride));
}

TEST(Rules, INFORM_AskFirst) {
  Request r = Base();
  r.risk = Risk::kNone;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.inform, Inform::kBeforeSharing);
  EXPECT_TRUE(Fires(a, "INFORM.ask-first"));
}

TEST(Rules, INFORM_RiskToChild) {
  Request r = Base();
  r.informing = {true, true, false};  // safe_and_practical is outweighed
  const Assessment a = Assess(r);
  EXPECT_EQ(a.inform, Inform::kDoNotInform);
  EXPECT_TRUE(a.must_record.Has(Record::kReasonNotInforming));
  EXPECT_TRUE(Fires(a, "INFORM.risk-to-child"));
}

TEST(Rules, INFORM_Investigation) {
  Request r = Base();
  r.informing = {true, false, true};
  const Assessment a = Assess(r);
  EXPECT_EQ(a.inform, Inform::kDoNotInform);
  EXPECT_TRUE(Fires(a, "INFORM.investigation"));
}

TEST(Rules, INFORM_AfterEmergency) {
  Request r = Base();
  r.risk = Risk::kImmediate;
  r.informing.safe_and_practical = true;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.inform, Inform::kAfterSharing);
  EXPECT_TRUE(Fires(a, "INFORM.after-emergency"));
}

TEST(Rules, INFORM_Before) {
  Request r = Base();
  r.informing.safe_and_practical = true;
  const Assessment a = Assess(r);
  EXPECT_EQ(a.inform, Inform::kBeforeSharing);
  EXPECT_FALSE(a.must_record.Has(Record::kReasonNotInforming));
  EXPECT_TRUE(Fires(a, "INFORM.before"));
}

TEST(Rules, INFORM_After) {
  const Assessment a = Assess(Base());
  EXPECT_EQ(a.inform, Inform::kAfterSharing);
  EXPECT_TRUE(a.must_record.Has(Record::kReasonNotInforming));
  EXPECT_TRUE(Fires(a, "INFORM.after"));
}

TEST(Rules, DPIA_RegularSharing) {
  Request r = Base();
  r.frequency = Frequency::kRegular;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.governance.Has(Governance::kDpiaRequired));
  EXPECT_EQ(a.recommendation, Recommendation::kShare);  // the child is not left waiting
  EXPECT_TRUE(Fires(a, "DPIA.regular-sharing"));
  r.dpia_in_place = true;
  EXPECT_FALSE(Assess(r).governance.Has(Governance::kDpiaRequired));
  EXPECT_FALSE(Assess(Base()).governance.Has(Governance::kDpiaRequired));  // one-off
}

TEST(Rules, DSA_RegularSharing) {
  Request r = Base();
  r.frequency = Frequency::kRegular;
  EXPECT_TRUE(Assess(r).governance.Has(Governance::kDsaRecommended));
  EXPECT_TRUE(Fires(Assess(r), "DSA.regular-sharing"));
  r.dsa_in_place = true;
  EXPECT_FALSE(Assess(r).governance.Has(Governance::kDsaRecommended));
}

TEST(Rules, GR4_SeekAdvice) {
  Request r = Base();
  r.uncertain = true;
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.advice.Has(Adviser::kDesignatedSafeguardingLead));
  EXPECT_TRUE(a.advice.Has(Adviser::kDataProtectionOfficer));
  EXPECT_TRUE(a.must_record.Has(Record::kAdviceSought));
  EXPECT_EQ(a.recommendation, Recommendation::kShare);  // uncertainty never blocks protection
  EXPECT_EQ(SourceOf(a, "GR4.seek-advice"), source::kRule4);
}

TEST(Rules, GR4_SmallCharity) {
  Request r = Base();
  r.uncertain = true;
  r.sharer.sector = domain::Sector::kVoluntary;
  EXPECT_TRUE(Assess(r).advice.Has(Adviser::kNspccSafeguardingGuidance));
  EXPECT_TRUE(Fires(Assess(r), "GR4.small-charity"));
}

TEST(Rules, GR4_Caldicott) {
  Request r = Base();
  r.uncertain = true;
  r.items[0].special_category.Add(SpecialCategory::kHealth);
  EXPECT_TRUE(Assess(r).advice.Has(Adviser::kCaldicottGuardian));
  EXPECT_TRUE(Fires(Assess(r), "GR4.caldicott"));
}

TEST(Rules, GR4_LegalTeam) {
  Request r = Base();
  r.legal_requirement = true;
  r.uncertain = true;
  EXPECT_TRUE(Assess(r).advice.Has(Adviser::kLegalTeam));
  EXPECT_TRUE(Fires(Assess(r), "GR4.legal-team"));
}

TEST(Rules, ROUTE_ChildrensSocialCare) {
  const Assessment a = Assess(Base());
  EXPECT_EQ(a.route, Route::kChildrensSocialCare);
  EXPECT_EQ(SourceOf(a, "ROUTE.childrens-social-care"), source::kWhereToReport);
}

TEST(Rules, ROUTE_EarlyHelp) {
  Request low = Base();
  low.risk = Risk::kLow;
  EXPECT_EQ(Assess(low).route, Route::kEarlyHelp);
  EXPECT_TRUE(Fires(Assess(low), "ROUTE.early-help"));
  Request support = Base();
  support.risk = Risk::kNone;
  support.purpose = Purpose::kEarlyHelp;
  EXPECT_EQ(Assess(support).route, Route::kEarlyHelp);
  Request unsure = Base();
  unsure.risk = Risk::kUnsure;
  EXPECT_EQ(Assess(unsure).route, Route::kNone);
}

TEST(Rules, GR7_RecordRationale) {
  Request r = Base();
  r.items[0].relevant = false;  // a decision not to share is recorded too
  const Assessment a = Assess(r);
  EXPECT_TRUE(a.must_record.Has(Record::kRationale));
  EXPECT_TRUE(Fires(a, "GR7.record-rationale"));
  EXPECT_FALSE(a.must_record.Has(Record::kLawfulBasis));
}

}  // namespace
}  // namespace jigsaw::guidance
