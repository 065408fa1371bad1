#include "http/web/labels.h"

namespace jigsaw::http::web {

using namespace domain;
namespace g = guidance;

std::string_view Label(AbuseForm v) {
  switch (v) {
    case AbuseForm::kSexualAbuse: return "Sexual abuse";
    case AbuseForm::kPhysicalAbuse: return "Physical abuse";
    case AbuseForm::kEmotionalAbuse: return "Emotional abuse";
    case AbuseForm::kNeglect: return "Neglect";
    case AbuseForm::kDomesticAbuse: return "Domestic abuse";
    case AbuseForm::kCriminalExploitation: return "Criminal exploitation (including county lines)";
    case AbuseForm::kSeriousViolence: return "Serious violence";
    case AbuseForm::kTraffickingAndModernSlavery: return "Trafficking and modern slavery";
    case AbuseForm::kOnlineAbuse: return "Online abuse";
    case AbuseForm::kChildOnChildAbuse: return "Child-on-child abuse";
    case AbuseForm::kSexualExploitation: return "Sexual exploitation";
    case AbuseForm::kFemaleGenitalMutilation: return "Female genital mutilation";
    case AbuseForm::kRadicalisation: return "Radicalisation";
    case AbuseForm::kParentalMentalHealth: return "A parent's or carer's mental health";
    case AbuseForm::kDrugOrAlcoholAbuse: return "Drug or alcohol misuse";
    case AbuseForm::kOther: return "Something else";
  }
  return "";
}

std::string_view Label(ConcernLevel v) {
  switch (v) {
    case ConcernLevel::kUnsure: return "I am not sure yet";
    case ConcernLevel::kLow: return "A low-level concern";
    case ConcernLevel::kSignificant: return "The child may be suffering significant harm";
    case ConcernLevel::kImmediate: return "The child is at immediate risk of harm";
  }
  return "";
}

std::string_view Label(ConcernStatus v) {
  switch (v) {
    case ConcernStatus::kNew: return "New";
    case ConcernStatus::kSeen: return "Seen by DSL";
    case ConcernStatus::kActioned: return "Next step recorded";
    case ConcernStatus::kClosed: return "Closed";
  }
  return "";
}

std::string_view Label(NextStep v) {
  switch (v) {
    case NextStep::kMonitor: return "Monitor";
    case NextStep::kSupportInSchoolOrService: return "Support within our school or service";
    case NextStep::kEarlyHelp: return "Early help";
    case NextStep::kReferToChildrensSocialCare: return "Refer to children's social care";
    case NextStep::kReferToPolice: return "Refer to the police";
    case NextStep::kShareInformation: return "Share information";
    case NextStep::kSeekAdvice: return "Seek advice";
    case NextStep::kNoFurtherAction: return "No further action";
  }
  return "";
}

std::string_view Label(FeedbackAction v) {
  switch (v) {
    case FeedbackAction::kNoFurtherAction: return "No further action";
    case FeedbackAction::kAdviceGiven: return "Advice given";
    case FeedbackAction::kEarlyHelpOffered: return "Early help offered";
    case FeedbackAction::kChildInNeedAssessment: return "Child in need assessment";
    case FeedbackAction::kStrategyDiscussion: return "Strategy discussion or section 47 enquiry";
    case FeedbackAction::kPoliceAction: return "Police action";
    case FeedbackAction::kOther: return "Something else";
  }
  return "";
}

std::string_view Label(Urgency v) {
  switch (v) {
    case Urgency::kRoutine: return "Routine";
    case Urgency::kUrgent: return "Urgent";
    case Urgency::kImmediate: return "Immediate: a child may be at risk now";
  }
  return "";
}

std::string_view Label(RequestStatus v) {
  switch (v) {
    case RequestStatus::kOpen: return "Waiting for an answer";
    case RequestStatus::kClarificationRequested: return "Clarification asked for";
    case RequestStatus::kAnswered: return "Answered";
    case RequestStatus::kRefused: return "Refused";
    case RequestStatus::kReconsiderationRequested: return "Reconsideration asked for";
    case RequestStatus::kNotKnown: return "Not known";
  }
  return "";
}

std::string_view Label(RequestMessageKind v) {
  switch (v) {
    case RequestMessageKind::kClarificationRequested: return "Asked what is meant";
    case RequestMessageKind::kClarification: return "Explained";
    case RequestMessageKind::kAnswered: return "Answered";
    case RequestMessageKind::kRefused: return "Refused, with reasons";
    case RequestMessageKind::kReconsiderationRequested: return "Asked them to reconsider";
    case RequestMessageKind::kNotKnown: return "Answered: not known";
  }
  return "";
}

std::string_view Label(ParentalResponsibility v) {
  switch (v) {
    case ParentalResponsibility::kHas: return "Has parental responsibility";
    case ParentalResponsibility::kDoesNotHave: return "Does not have parental responsibility";
    case ParentalResponsibility::kNotKnown: return "Not known whether they have parental responsibility";
  }
  return "";
}

std::string_view Label(AdviserRole v) {
  switch (v) {
    case AdviserRole::kDesignatedSafeguardingLead: return "Designated safeguarding lead";
    case AdviserRole::kDataProtectionOfficer: return "Data protection officer";
    case AdviserRole::kCaldicottGuardian: return "Caldicott guardian";
    case AdviserRole::kLegalTeam: return "Legal adviser";
  }
  return "";
}

std::string_view Label(DashRisk v) {
  switch (v) {
    case DashRisk::kStandard: return "Standard";
    case DashRisk::kMedium: return "Medium";
    case DashRisk::kHigh: return "High";
  }
  return "";
}

std::string_view Label(Accuracy v) {
  switch (v) {
    case Accuracy::kVerified: return "Fact, checked";
    case Accuracy::kUnverified: return "Fact, not yet checked";
    case Accuracy::kOpinion: return "Opinion or professional judgement";
  }
  return "";
}

std::string_view Label(RelationshipKind v) {
  switch (v) {
    case RelationshipKind::kParent: return "Parent";
    case RelationshipKind::kCarer: return "Carer";
    case RelationshipKind::kSibling: return "Brother or sister";
    case RelationshipKind::kHouseholdMember: return "Lives in the household";
    case RelationshipKind::kAssociatedAdult: return "An adult the child knows";
    case RelationshipKind::kNeighbour: return "Neighbour";
    case RelationshipKind::kOther: return "Someone else";
  }
  return "";
}

std::string_view Label(g::Recommendation v) {
  switch (v) {
    case g::Recommendation::kShare: return "Share the information";
    case g::Recommendation::kShareNow: return "Share the information now: the child may be at immediate risk";
    case g::Recommendation::kShareLimited: return "Share some of the information, not all of it";
    case g::Recommendation::kSeekConsent: return "Ask for consent before you share";
    case g::Recommendation::kDoNotShare: return "Do not share this information";
  }
  return "";
}

std::string_view Label(g::LawfulBasis v) {
  switch (v) {
    case g::LawfulBasis::kConsent: return "Consent (Article 6(1)(a))";
    case g::LawfulBasis::kContract: return "Contract (Article 6(1)(b))";
    case g::LawfulBasis::kLegalObligation: return "Legal obligation (Article 6(1)(c))";
    case g::LawfulBasis::kVitalInterests: return "Vital interests (Article 6(1)(d))";
    case g::LawfulBasis::kPublicTask: return "Public task (Article 6(1)(e))";
    case g::LawfulBasis::kLegitimateInterests: return "Legitimate interests (Article 6(1)(f))";
  }
  return "";
}

std::string_view Label(g::Record v) {
  switch (v) {
    case g::Record::kRationale: return "Why you decided as you did";
    case g::Record::kLawfulBasis: return "The lawful basis for sharing";
    case g::Record::kSpecialCategoryCondition: return "The condition for sharing special category data (such as health)";
    case g::Record::kSensitiveProcessingCondition: return "The condition for sensitive processing (law enforcement)";
    case g::Record::kConfidentialityBasis: return "Why sharing confidential information is justified";
    case g::Record::kObjectionOverride: return "Why you are sharing despite an objection";
    case g::Record::kReasonNotInforming: return "Whether the child and family were told, or why not";
    case g::Record::kRetrospectiveRecord: return "A full record after an emergency share";
    case g::Record::kAdviceSought: return "The advice you sought";
    case g::Record::kIdentitiesProtected: return "How identities at risk are protected";
    case g::Record::kAccuracyStatus: return "Which information is fact and which is opinion";
    case g::Record::kConsent: return "The consent given, and how";
    case g::Record::kDepartureFromAdvice: return "Why your decision differs from this advice";
    case g::Record::kCriminalOffenceCondition: return "The condition for sharing criminal offence data";
  }
  return "";
}

std::string_view Label(g::Purpose v) {
  switch (v) {
    case g::Purpose::kSafeguarding: return "To keep the child safe from harm";
    case g::Purpose::kEarlyHelp: return "To get the child or family early help or support";
    case g::Purpose::kLawEnforcement: return "To prevent, investigate or prosecute a crime";
  }
  return "";
}

std::string_view Label(g::Risk v) {
  switch (v) {
    case g::Risk::kNone: return "No: the child or family needs support, but there is no risk to the child";
    case g::Risk::kUnsure: return "I do not know yet";
    case g::Risk::kLow: return "There is a low-level concern";
    case g::Risk::kSignificant: return "The child may be suffering, or likely to suffer, significant harm";
    case g::Risk::kImmediate: return "The child is at immediate risk of harm";
  }
  return "";
}

std::string_view Label(g::Consent v) {
  switch (v) {
    case g::Consent::kNotSought: return "No, consent has not been asked for";
    case g::Consent::kGiven: return "Yes, and they agreed";
    case g::Consent::kRefused: return "Yes, and they refused";
    case g::Consent::kWithdrawn: return "They agreed, then withdrew their consent";
  }
  return "";
}

std::string_view Label(g::Objector v) {
  switch (v) {
    case g::Objector::kChild: return "The child";
    case g::Objector::kParent: return "A parent";
    case g::Objector::kCarer: return "A carer";
    case g::Objector::kOther: return "Someone else";
  }
  return "";
}

std::string_view Label(g::Adviser v) {
  switch (v) {
    case g::Adviser::kDesignatedSafeguardingLead: return "Your designated safeguarding lead";
    case g::Adviser::kDataProtectionOfficer: return "Your data protection officer";
    case g::Adviser::kCaldicottGuardian: return "Your Caldicott guardian";
    case g::Adviser::kLegalTeam: return "Your legal team";
    case g::Adviser::kNspccSafeguardingGuidance: return "The NSPCC's safeguarding guidance (small charities)";
  }
  return "";
}

std::string_view Label(g::Route v) {
  switch (v) {
    case g::Route::kChildrensSocialCare: return "Children's social care";
    case g::Route::kEarlyHelp: return "Early help";
    case g::Route::kPolice: return "The police (call 999 if a child is in immediate danger)";
    case g::Route::kNone: return "";
  }
  return "";
}

std::string_view Label(g::Inform v) {
  switch (v) {
    case g::Inform::kBeforeSharing: return "Tell the child and family before you share, and explain why";
    case g::Inform::kAfterSharing: return "Tell the child and family after you share, once it is safe";
    case g::Inform::kDoNotInform: return "Do not tell them: it could put the child at more risk or harm an investigation";
  }
  return "";
}

std::string_view Label(RagRating v) {
  switch (v) {
    case RagRating::kRed: return "Red";
    case RagRating::kAmber: return "Amber";
    case RagRating::kGreen: return "Green";
  }
  return "";
}

std::string_view Label(ConcernOutcome v) {
  switch (v) {
    case ConcernOutcome::kNoFurtherAction: return "No further action needed";
    case ConcernOutcome::kResolvedInService: return "Resolved with support in our school or service";
    case ConcernOutcome::kEarlyHelp: return "Early help in place";
    case ConcernOutcome::kChildInNeedPlan: return "Child in need plan";
    case ConcernOutcome::kChildProtectionPlan: return "Child protection plan";
    case ConcernOutcome::kLookedAfter: return "The child became looked after";
    case ConcernOutcome::kPoliceAction: return "Taken on by the police";
    case ConcernOutcome::kChildMovedOn: return "The child left; their file went with them";
    case ConcernOutcome::kOther: return "Something else";
  }
  return "";
}

std::string_view Label(ChildFlagKind v) {
  switch (v) {
    case ChildFlagKind::kChildProtectionPlan: return "Child protection plan";
    case ChildFlagKind::kChildInNeed: return "Child in need";
    case ChildFlagKind::kLookedAfter: return "Looked after";
    case ChildFlagKind::kPreviouslyLookedAfter: return "Previously looked after";
    case ChildFlagKind::kYoungCarer: return "Young carer";
    case ChildFlagKind::kEarlyHelp: return "Early help";
    case ChildFlagKind::kEducationHealthAndCarePlan: return "Education, health and care plan";
    case ChildFlagKind::kPrivateFostering: return "Privately fostered";
    case ChildFlagKind::kOther: return "Something else";
  }
  return "";
}

std::string_view Label(BodySide v) { return v == BodySide::kFront ? "Front" : "Back"; }

std::string_view Label(BodyArea v) {
  switch (v) {
    case BodyArea::kHead: return "Head";
    case BodyArea::kNeck: return "Neck";
    case BodyArea::kChest: return "Chest";
    case BodyArea::kAbdomen: return "Abdomen";
    case BodyArea::kGenitalArea: return "Genital area";
    case BodyArea::kUpperBack: return "Upper back";
    case BodyArea::kLowerBack: return "Lower back";
    case BodyArea::kButtocks: return "Buttocks";
    case BodyArea::kRightUpperArm: return "Right upper arm";
    case BodyArea::kRightForearm: return "Right forearm";
    case BodyArea::kRightHand: return "Right hand";
    case BodyArea::kLeftUpperArm: return "Left upper arm";
    case BodyArea::kLeftForearm: return "Left forearm";
    case BodyArea::kLeftHand: return "Left hand";
    case BodyArea::kRightThigh: return "Right thigh";
    case BodyArea::kRightLowerLeg: return "Right lower leg";
    case BodyArea::kRightFoot: return "Right foot";
    case BodyArea::kLeftThigh: return "Left thigh";
    case BodyArea::kLeftLowerLeg: return "Left lower leg";
    case BodyArea::kLeftFoot: return "Left foot";
  }
  return "";
}

}  // namespace jigsaw::http::web
