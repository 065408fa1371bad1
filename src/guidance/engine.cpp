// The rules, in the order they are applied. Each rule's id, conclusion and
// source are listed in docs/rules.md with the test that covers it. Where
// the advice leaves a choice, the engine takes the safer course for the
// child and says so in the reason.
#include "guidance/engine.h"

#include "guidance/sources.h"

namespace jigsaw::guidance {
namespace {

namespace src = source;

bool AtRisk(Risk r) { return r == Risk::kLow || r == Risk::kSignificant || r == Risk::kImmediate; }

class Rules {
 public:
  explicit Rules(const Request& r) : r_(r) { a_.reasons.reserve(24); }

  Assessment Run() {
    Frame();
    Recommend();
    ChooseItems();
    LawfulBases();
    LawEnforcement();
    SpecialCategoryData();
    CriminalOffenceData();
    CommonLawConfidentiality();
    Objections();
    RecordedObjections();
    TellingTheFamily();
    SharingAgreements();
    WhomToAsk();
    WhereToReport();
    WhatToRecord();
    return std::move(a_);
  }

 private:
  void Say(std::string_view rule, std::string_view text, std::string_view source) {
    a_.reasons.push_back({rule, text, source});
  }
  bool Sharing() const { return IsShare(a_.recommendation); }

  // --- How the advice frames the question --------------------------------
  void Frame() {
    if (AtRisk(r_.risk)) {
      Say("GR1.safety-first",
          "Protecting a child from harm comes before protecting their privacy, or the privacy of "
          "anyone failing to protect them. Data protection law supports sharing here.",
          src::kRule1);
      Say("GR3.consent-not-needed",
          "You do not need consent to share information about a child at risk of harm, or about "
          "their family. You do need a lawful basis, suggested below.",
          src::kRule3);
      Say("THRESHOLD.not-needed",
          "Sharing does not depend on any threshold: no section 17 or section 47 process is "
          "needed, only that sharing is necessary to safeguard the child.",
          src::kJustification);
    }
  }

  // --- The recommendation ---------------------------------------------------
  void Recommend() {
    bool any_shareable = false;
    for (const Item& i : r_.items) any_shareable |= i.relevant && i.necessary;
    if (!any_shareable) {
      a_.recommendation = Recommendation::kDoNotShare;
      Say("GR6.nothing-relevant",
          "None of the information is both relevant and necessary for the purpose, so there is "
          "nothing to share. Record that decision and why.",
          src::kRule6);
      return;
    }
    if (!r_.recipient.safeguarding_role) {
      if (r_.legal_requirement) {
        a_.recommendation = Recommendation::kShareLimited;
        Say("LEGAL.no-safeguarding-role",
            "The recipient has no safeguarding role, but the law or a court order requires the "
            "sharing: share only what the requirement covers, and check its scope with your "
            "legal team.",
            src::kConfidentiality);
      } else {
        a_.recommendation = Recommendation::kDoNotShare;
        Say("GR6.recipient-role",
            "Only share with people and organisations that have a role in safeguarding the child "
            "or supporting their family. This recipient does not, so do not share with them; "
            "find out who does have that role.",
            src::kRule6);
      }
      return;
    }
    switch (r_.risk) {
      case Risk::kImmediate:
        a_.recommendation = Recommendation::kShareNow;
        Say("EMERGENCY.share-now",
            "The child is at immediate risk: share what is necessary and proportionate now. "
            "Delay may increase the risk. If you cannot record your decision at the time, record "
            "what you did and why as soon as you can afterwards.",
            src::kEmergency);
        return;
      case Risk::kSignificant:
      case Risk::kLow:
        a_.recommendation = Recommendation::kShare;
        Say("SHARE.at-risk",
            "There is a concern for the child's safety and the recipient has a safeguarding role: "
            "share the relevant, necessary information.",
            src::kSharingEarly);
        return;
      case Risk::kUnsure:
        a_.recommendation = Recommendation::kShareLimited;
        Say("CURIOSITY.unsure",
            "You are not sure whether the child is at risk. Be professionally curious: share "
            "limited information about the child with practitioners who may hold more, to find "
            "out whether there is a risk of harm.",
            src::kAmount);
        return;
      case Risk::kNone:
        break;
    }
    // No concern for the child's safety: a welfare or support need.
    if (r_.legal_requirement) {
      a_.recommendation = Recommendation::kShare;
      Say("LEGAL.required",
          "The law or a court order requires this sharing, so share what it requires.",
          src::kConfidentiality);
    } else if (r_.consent == Consent::kRefused || r_.consent == Consent::kWithdrawn ||
               !r_.objections.empty()) {
      a_.recommendation = Recommendation::kDoNotShare;
      Say("NOCONCERN.objection-respected",
          "There is no concern for the child's safety and the family has not agreed (or has "
          "withdrawn agreement). Without a safety concern you usually need consent to share "
          "confidential information, so do not share. If a safety concern emerges, reassess: "
          "the child's safety then comes first.",
          src::kConfidentiality);
    } else if (r_.consent == Consent::kGiven) {
      a_.recommendation = Recommendation::kShare;
      Say("NOCONCERN.consent-given",
          "There is no concern for the child's safety and the family has agreed to the sharing.",
          src::kSharingEarly);
    } else {
      a_.recommendation = Recommendation::kSeekConsent;
      Say("NOCONCERN.seek-consent",
          "There is no concern for the child's safety. Where a referral, for example to early "
          "help, is not necessary to protect the child, generally seek the family's consent "
          "first, and explain who you would share with, what and why.",
          src::kSharingEarly);
    }
  }

  // --- Which items, and what to redact -------------------------------------
  void ChooseItems() {
    a_.items.reserve(r_.items.size());
    // While unsure, share about the child first; if all there is concerns
    // other people, share that (limited) rather than nothing, since the
    // concern can then not be explored at all.
    bool child_item = false;
    for (const Item& i : r_.items) child_item |= i.relevant && i.necessary && i.about == Subject::kChild;
    const bool limit_to_child = a_.recommendation == Recommendation::kShareLimited &&
                                r_.risk == Risk::kUnsure && r_.recipient.safeguarding_role && child_item;
    bool held_back_non_child = false;
    for (const Item& item : r_.items) {
      ItemAdvice out;
      out.id = item.id;
      if (!item.relevant) {
        out.reason = "Not relevant to safeguarding this child: do not share it.";
      } else if (!item.necessary) {
        out.reason = "Relevant, but not necessary for the recipient's role: do not share it.";
      } else if (!Sharing()) {
        out.reason = "Not to be shared now: see the recommendation.";
      } else if (limit_to_child && item.about != Subject::kChild) {
        out.reason =
            "While you are still finding out whether there is a risk, share only limited "
            "information about the child, not about other people.";
        held_back_non_child = true;
      } else {
        out.share = true;
        for (const Identified& who : item.identifies)
          if (who.at_risk_if_known) out.redact.push_back(who.who);
        if (!out.redact.empty())
          out.reason = "Share it, with the identities of people who could be harmed removed.";
        else if (item.accuracy == Accuracy::kOpinion)
          out.reason = "Share it, and make clear that it is a professional opinion, not a fact.";
        else if (item.accuracy == Accuracy::kUnverified)
          out.reason = "Share it, and say that it has not been verified.";
        else
          out.reason = "Relevant, necessary and verified: share it.";
      }
      a_.items.push_back(std::move(out));
    }

    bool any_not_relevant = false, any_not_necessary = false, any_redacted = false,
         any_uncertain_accuracy = false, any_adult = false;
    for (std::size_t k = 0; k < r_.items.size(); ++k) {
      const Item& item = r_.items[k];
      any_not_relevant |= !item.relevant;
      any_not_necessary |= item.relevant && !item.necessary;
      if (!a_.items[k].share) continue;
      any_redacted |= !a_.items[k].redact.empty();
      any_uncertain_accuracy |= item.accuracy != Accuracy::kVerified;
      any_adult |= item.about == Subject::kAssociatedAdult;
    }
    if (any_not_relevant)
      Say("GR6.relevant-only",
          "Only share relevant information: items that are not relevant are left out.",
          src::kRule6);
    if (any_not_necessary)
      Say("AMOUNT.necessary-only",
          "Only share what is adequate, relevant and limited to what is necessary; rarely a "
          "whole record. Items that are not necessary are left out.",
          src::kAmount);
    if (held_back_non_child)
      Say("AMOUNT.limited-while-unsure",
          "Information about people other than the child is held back until you know more.",
          src::kAmount);
    if (any_redacted) {
      Say("GR5.protect-identities",
          "Remove the identities of people who could be harmed if an abuser or their associates "
          "learnt them, and ask the recipient to protect them too.",
          src::kRule5);
      a_.must_record.Add(Record::kIdentitiesProtected);
    }
    if (any_uncertain_accuracy) {
      Say("GR6.accuracy",
          "Share accurate information: say which items are unverified or opinion, so the "
          "recipient does not take them as established fact.",
          src::kRule6);
      a_.must_record.Add(Record::kAccuracyStatus);
    }
    if (any_adult)
      Say("ADULTS.may-pose-risk",
          "You may share important information about adults in contact with the child whose "
          "actions may cause harm, when necessary and proportionate. Do not tell those adults "
          "if that would increase the risk to the child.",
          src::kSharingEarly);
  }

  // --- UK GDPR Article 6 -----------------------------------------------------
  void LawfulBases() {
    const bool at_risk = AtRisk(r_.risk) || r_.risk == Risk::kUnsure;
    a_.consent_appropriate = !at_risk && !r_.legal_requirement;
    if (r_.legal_requirement) {
      a_.lawful_basis.Add(LawfulBasis::kLegalObligation);
      Say("BASIS.legal-obligation",
          "The sharing is required by law or a court order: legal obligation is the lawful basis.",
          src::kAnnexLawfulBasis);
    }
    if (r_.sharer.sector == domain::Sector::kPublic) {
      a_.lawful_basis.Add(LawfulBasis::kPublicTask);
      Say("BASIS.public-task",
          "In a public sector organisation, public task (or legal obligation, when exercising "
          "statutory duties such as under the Children Acts 1989 and 2004) is likely to be the "
          "most appropriate lawful basis.",
          src::kMostRelevantBases);
    } else {
      a_.lawful_basis.Add(LawfulBasis::kLegitimateInterests);
      Say("BASIS.legitimate-interests",
          "In a voluntary or private sector organisation without a clear basis in law for this "
          "task, legitimate interests is likely to be the most appropriate lawful basis.",
          src::kMostRelevantBases);
    }
    if (at_risk) {
      Say("CONSENT.not-the-basis",
          "Consent is not the right lawful basis here: it must be freely given and can be "
          "withdrawn at any time, which cannot hold when you may have to share to protect a "
          "child. Seeking consent from someone who may be harming the child can also increase "
          "the risk.",
          src::kConsentNotAppropriate);
      if (r_.consent == Consent::kGiven)
        Say("CONSENT.agreement-is-not-basis",
            "The family's agreement is good practice and worth recording, but it is not your "
            "lawful basis: being open with families does not mean relying on consent.",
            src::kConsentMeanings);
    } else if (r_.consent == Consent::kGiven && !r_.legal_requirement) {
      a_.lawful_basis.Add(LawfulBasis::kConsent);
      a_.must_record.Add(Record::kConsent);
      Say("BASIS.consent",
          "Without a safety concern, the family's consent can be the basis. Record it: it must be "
          "specific, freely given, unambiguous and time limited, and can be withdrawn at any time.",
          src::kConsentNotAppropriate);
    }
    if (r_.consent == Consent::kWithdrawn && a_.consent_appropriate)
      Say("CONSENT.withdrawn",
          "Consent has been withdrawn: processing that relied on it must stop.",
          src::kConsentNotAppropriate);
  }

  // --- DPA 2018 Part 3 --------------------------------------------------------
  void LawEnforcement() {
    if (r_.purpose == Purpose::kLawEnforcement && r_.sharer.competent_authority) {
      a_.law_enforcement_processing = true;
      Say("PART3.applies",
          "You are a competent authority sharing for law enforcement purposes: Part 3 of the Data "
          "Protection Act 2018 applies. Its principles are broadly the same as the UK GDPR's.",
          src::kAnnexPrinciples);
    }
  }

  // --- UK GDPR Article 9 -------------------------------------------------------
  void SpecialCategoryData() {
    bool shared_special = false;
    for (std::size_t k = 0; k < r_.items.size(); ++k)
      shared_special |= a_.items[k].share && !r_.items[k].special_category.Empty();
    if (!shared_special) return;
    if (a_.law_enforcement_processing) {
      a_.must_record.Add(Record::kSensitiveProcessingCondition);
      a_.advice.Add(Adviser::kDataProtectionOfficer);
      Say("PART3.sensitive-processing",
          "Under Part 3 this is 'sensitive processing', whose conditions differ slightly from "
          "Article 9: record the condition you rely on, with your data protection officer's help.",
          src::kAnnexSpecialCategory);
    } else if (r_.risk != Risk::kNone) {
      a_.special_category_condition = true;
      a_.must_record.Add(Record::kSpecialCategoryCondition);
      Say("ART9.safeguarding",
          "Some items are special category data (such as health). You also need an Article 9 "
          "condition: 'safeguarding of children and individuals at risk' is one of the "
          "substantial public interest conditions. Record that you rely on it.",
          src::kAnnexSpecialCategory);
    } else {
      a_.must_record.Add(Record::kSpecialCategoryCondition);
      a_.advice.Add(Adviser::kDataProtectionOfficer);
      Say("ART9.no-safety-concern",
          "Some items are special category data and there is no safety concern, so the "
          "safeguarding condition may not apply: ask your data protection officer which "
          "Article 9 condition you rely on, and record it.",
          src::kAnnexSpecialCategory);
    }
  }

  // --- Criminal offence data ---------------------------------------------------
  // The advice does not treat it separately; it is data "which needs more
  // protection", so the engine asks for the condition to be recorded and for
  // advice, rather than guessing at a Schedule 1 condition.
  void CriminalOffenceData() {
    bool shared = false;
    for (std::size_t k = 0; k < r_.items.size(); ++k)
      shared |= a_.items[k].share && r_.items[k].criminal_offence;
    if (!shared || a_.law_enforcement_processing) return;
    a_.must_record.Add(Record::kCriminalOffenceCondition);
    a_.advice.Add(Adviser::kDataProtectionOfficer);
    Say("CRIMINAL.offence-data",
        "Some items are about criminal offences or allegations. Record the condition you rely "
        "on to share them (UK GDPR Article 10 and DPA 2018 Schedule 1); your data protection "
        "officer can confirm it. This must not delay sharing to protect a child.",
        src::kWhoToContact);
  }

  // --- The common law duty of confidentiality ----------------------------------
  // The position is stated whenever the request holds confidential items,
  // whatever the recommendation: a practitioner told to seek consent first,
  // or not to share, still needs to know what the duty would require before
  // any of those items could go (issue 16, item 7). Only items actually to
  // be shared put the basis in must_record, since only a decision to share
  // has to justify setting the duty aside.
  void CommonLawConfidentiality() {
    bool any_confidential = false, shared_confidential = false;
    for (std::size_t k = 0; k < r_.items.size(); ++k) {
      any_confidential |= r_.items[k].confidential;
      shared_confidential |= a_.items[k].share && r_.items[k].confidential;
    }
    if (!any_confidential) {
      a_.confidentiality = Confidentiality::kNotApplicable;
      return;
    }
    if (shared_confidential) a_.must_record.Add(Record::kConfidentialityBasis);
    if (r_.legal_requirement) {
      a_.confidentiality = Confidentiality::kLegalRequirement;
      Say("CONF.legal-requirement",
          "Some items were given in confidence. The duty of confidentiality is set aside because "
          "legislation or a court order requires the sharing.",
          src::kConfidentiality);
    } else if (r_.risk == Risk::kNone) {
      a_.confidentiality = Confidentiality::kConsentRequired;
      Say("CONF.consent-required",
          "Some items were given in confidence and there is no concern for the child's safety: "
          "you will usually need the consent of the child, parent or carer to share them.",
          src::kConfidentiality);
    } else if (shared_confidential) {
      a_.confidentiality = Confidentiality::kOverridingPublicInterest;
      Say("CONF.public-interest",
          "Some items were given in confidence. Safeguarding the child is an overriding public "
          "interest that justifies sharing them, provided you share only the minimum necessary. "
          "Decide case by case and record why.",
          src::kConfidentiality);
      Say("HRA.proportionate",
          "Sharing that is necessary to protect a child, proportionate and lawful under data "
          "protection law is also likely to respect the right to private and family life.",
          src::kHumanRights);
    } else {
      a_.confidentiality = Confidentiality::kOverridingPublicInterest;
      Say("CONF.public-interest-if-shared",
          "Some items were given in confidence and none of them is to be shared now. If that "
          "changes, only an overriding public interest, such as safeguarding the child, would "
          "justify sharing them, and only the minimum necessary. Decide case by case and record "
          "why.",
          src::kConfidentiality);
    }
  }

  // --- Objections and refused consent ------------------------------------------
  void Objections() {
    const bool refused = r_.consent == Consent::kRefused || r_.consent == Consent::kWithdrawn;
    if ((r_.objections.empty() && !refused) || !Sharing()) return;
    a_.must_record.Add(Record::kObjectionOverride);
    a_.must_record.Add(Record::kLawfulBasis);
    Say("OBJECTION.override",
        "The child or family object to the sharing. Consider their objection, but share if you "
        "believe it is necessary to protect the child from harm; you must record your reasons "
        "and the lawful basis for overriding it.",
        src::kTrustedRelationships);
  }

  // An objection under Article 21 the DPO recorded (Annex A: the right to
  // object). Article 21 applies to processing under public task or
  // legitimate interests; it never blocks sharing to protect a child
  // (golden rule 1): the practitioner decides, and says why.
  void RecordedObjections() {
    switch (r_.recorded_objection) {
      case RecordedObjection::kNone:
        return;
      case RecordedObjection::kNotUpheld:
        Say("OBJECTION.not-upheld",
            "An objection to the processing of this information is on record. The data protection officer did "
            "not uphold it: compelling legitimate grounds, such as safeguarding the child, override it. Share "
            "what is necessary to protect the child.",
            src::kAnnexRights);
        return;
      case RecordedObjection::kAwaiting:
      case RecordedObjection::kUpheld:
        break;
    }
    if (Sharing()) {
      a_.must_record.Add(Record::kObjectionOverride);
      a_.must_record.Add(Record::kLawfulBasis);
    }
    Say("OBJECTION.on-record",
        r_.recorded_objection == RecordedObjection::kUpheld
            ? "An objection to the processing of this information is on record, and the data protection officer "
              "upheld it: processing on public task or legitimate interests must stop. If you still believe "
              "sharing is necessary to protect the child, share, and record why it is necessary and the lawful "
              "basis you rely on."
            : "An objection to the processing of this information is on record and awaits the data protection "
              "officer's decision. It does not stop you sharing to protect the child: if you share, record why "
              "sharing is still necessary and the lawful basis you rely on.",
        src::kAnnexRights);
  }

  // --- Telling the child and family -----------------------------------------------
  void TellingTheFamily() {
    if (a_.recommendation == Recommendation::kDoNotShare) {
      a_.inform = Inform::kDoNotInform;
      return;
    }
    if (a_.recommendation == Recommendation::kSeekConsent) {
      a_.inform = Inform::kBeforeSharing;
      Say("INFORM.ask-first",
          "Talk to the child and family first: explain who you would share with, what and why, "
          "and make clear they have a choice.",
          src::kTrustedRelationships);
      return;
    }
    if (r_.informing.risk_to_child) {
      a_.inform = Inform::kDoNotInform;
      Say("INFORM.risk-to-child",
          "Do not tell the family: you have reason to believe it could put the child or others "
          "at greater risk of harm. Record why.",
          src::kRule2);
    } else if (r_.informing.compromises_investigation) {
      a_.inform = Inform::kDoNotInform;
      Say("INFORM.investigation",
          "Do not tell the family: it could compromise safeguarding arrangements such as a "
          "police investigation. Record why.",
          src::kTrustedRelationships);
    } else if (r_.risk == Risk::kImmediate) {
      a_.inform = Inform::kAfterSharing;
      Say("INFORM.after-emergency",
          "In an emergency, share first; tell the child and family afterwards if it is safe to.",
          src::kInforming);
    } else if (r_.informing.safe_and_practical) {
      a_.inform = Inform::kBeforeSharing;
      Say("INFORM.before",
          "It is safe and practical to engage the child and their carers: explain who you will "
          "share with, what you will share and why, before you share.",
          src::kRule2);
    } else {
      a_.inform = Inform::kAfterSharing;
      Say("INFORM.after",
          "It is not practical to tell them first. Tell them what was shared and how it will be "
          "used afterwards, wherever possible and safe; record why you did not tell them first.",
          src::kTrustedRelationships);
    }
    if (a_.inform != Inform::kBeforeSharing) a_.must_record.Add(Record::kReasonNotInforming);
  }

  // --- DSAs and DPIAs ------------------------------------------------------------
  void SharingAgreements() {
    if (r_.frequency != Frequency::kRegular) return;
    if (!r_.dpia_in_place) {
      a_.governance.Add(Governance::kDpiaRequired);
      a_.advice.Add(Adviser::kDataProtectionOfficer);
      Say("DPIA.regular-sharing",
          "Before sharing personal information regularly, as routine or planned sharing, carry "
          "out a data protection impact assessment. This does not delay action to protect a "
          "child now.",
          src::kDpia);
    }
    if (!r_.dsa_in_place) {
      a_.governance.Add(Governance::kDsaRecommended);
      Say("DSA.regular-sharing",
          "Have a data sharing agreement with organisations you share with regularly: it is not "
          "mandatory but is good practice.",
          src::kDsa);
    }
  }

  // --- Whom to ask ---------------------------------------------------------------
  void WhomToAsk() {
    if (r_.uncertain) {
      a_.advice.Add(Adviser::kDesignatedSafeguardingLead);
      a_.advice.Add(Adviser::kDataProtectionOfficer);
      a_.must_record.Add(Record::kAdviceSought);
      Say("GR4.seek-advice",
          "You are unsure how the law applies: seek advice promptly from your designated "
          "safeguarding lead or data protection officer. Do not leave a child at risk because "
          "you fear criticism for sharing.",
          src::kRule4);
      if (r_.sharer.sector == domain::Sector::kVoluntary) {
        a_.advice.Add(Adviser::kNspccSafeguardingGuidance);
        Say("GR4.small-charity",
            "In a small charity or voluntary organisation, follow the NSPCC's safeguarding "
            "guidance.",
            src::kRule4);
      }
      bool health = false;
      for (const Item& i : r_.items) health |= i.special_category.Has(SpecialCategory::kHealth);
      if (health) {
        a_.advice.Add(Adviser::kCaldicottGuardian);
        Say("GR4.caldicott",
            "Health information is involved: your Caldicott Guardian can advise.", src::kRule4);
      }
    }
    if (r_.legal_requirement && (r_.uncertain || !r_.recipient.safeguarding_role)) {
      a_.advice.Add(Adviser::kLegalTeam);
      Say("GR4.legal-team",
          "Check what the legal requirement covers with your legal team.", src::kWhoToContact);
    }
    if (r_.risk == Risk::kUnsure && !a_.advice.Has(Adviser::kDesignatedSafeguardingLead)) {
      a_.advice.Add(Adviser::kDesignatedSafeguardingLead);
      Say("CURIOSITY.talk-to-dsl",
          "Talk to your designated safeguarding lead about whether there is a risk of harm.",
          src::kWhoToContact);
    }
  }

  // --- Where to report -----------------------------------------------------------
  void WhereToReport() {
    if (!Sharing() && a_.recommendation != Recommendation::kSeekConsent) return;
    if (r_.purpose == Purpose::kLawEnforcement) {
      a_.route = Route::kPolice;
    } else if (r_.risk == Risk::kSignificant || r_.risk == Risk::kImmediate) {
      a_.route = Route::kChildrensSocialCare;
      Say("ROUTE.childrens-social-care",
          "Share concerns about a child's safety with local authority children's social care, "
          "following local procedures, even if the child already has a social worker.",
          src::kWhereToReport);
    } else if (r_.risk == Risk::kLow ||
               (r_.risk == Risk::kNone && r_.purpose == Purpose::kEarlyHelp)) {
      a_.route = Route::kEarlyHelp;
      Say("ROUTE.early-help",
          "For a low-level concern or a family that would benefit from support, the local early "
          "help process may be more suitable than a referral to children's social care.",
          src::kWhereToReport);
    }
  }

  // --- What must be written down -------------------------------------------------
  void WhatToRecord() {
    a_.must_record.Add(Record::kRationale);
    Say("GR7.record-rationale",
        "Record the reasons for your decision, whether or not you share, and be ready to "
        "explain them.",
        src::kRule7);
    if (Sharing() || a_.recommendation == Recommendation::kSeekConsent)
      a_.must_record.Add(Record::kLawfulBasis);
    if (a_.recommendation == Recommendation::kShareNow) a_.must_record.Add(Record::kRetrospectiveRecord);
  }

  const Request& r_;
  Assessment a_;
};

}  // namespace

Assessment Assess(const Request& request) { return Rules(request).Run(); }

}  // namespace jigsaw::guidance
