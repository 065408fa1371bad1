#include "access/policy.h"

namespace jigsaw::access {

using domain::Role;

namespace {

Status Denied() { return PermissionDenied("Your role does not allow this."); }
Status Hidden() { return NotFound("There is no such record, or it is not shared with you."); }

// Practitioners and DSLs do casework; the other roles oversee it or run the
// system, and see case records only as this table allows (need to know).
bool Caseworker(const Actor& a) {
  return a.roles.Has(Role::kPractitioner) || a.roles.Has(Role::kDesignatedSafeguardingLead);
}
bool Dsl(const Actor& a) { return a.roles.Has(Role::kDesignatedSafeguardingLead); }
bool Governance(const Actor& a) {
  return a.roles.Has(Role::kDataProtectionOfficer) || a.roles.Has(Role::kCaldicottGuardian);
}

Status Allow(bool allowed) { return allowed ? Ok() : Denied(); }

Status Recalled() {
  return PermissionDenied("This information was recalled by the organisation that shared it: it can no longer be opened.");
}

// The recipient organisation sees only what was sent to it; a disclosure
// to a named practitioner is for them and their DSL.
Status Recipient(const Actor& actor, const RecordFacts& r, bool other) {
  if (!other) return Hidden();
  if (!r.other_practitioner_id.empty()) return Allow(r.other_practitioner_id == actor.practitioner_id || Dsl(actor));
  return Allow(Caseworker(actor));
}

}  // namespace

RecordFacts FactsOf(const domain::Disclosure& d) {
  RecordFacts f{d.sharer_organisation_id, d.sharer_id, d.recipient_organisation_id, d.recipient_practitioner_id, {}};
  f.recalled = domain::IsRecalled(d);
  return f;
}

Status Authorise(const Actor& actor, Action action, const std::string& organisation_id) {
  if (actor.is_operator) return Ok();  // shell access to the server already means full control
  if (actor.practitioner_id.empty()) return PermissionDenied("You are not signed in.");
  const bool admin = actor.roles.Has(Role::kAdministrator);
  switch (action) {
    case Action::kAssessShare:
      // Advice on the law is for every practitioner: hesitancy to share is
      // what the advice exists to overcome (rule 4).
      return Ok();
    case Action::kViewOrganisations:
      // Every practitioner needs the directory to choose whom to share with.
      return Ok();
    case Action::kManageOrganisations:
      // The partnership administrator keeps the directory of members.
      if (admin) return Ok();
      break;
    case Action::kManagePractitioners:
      // An account is a way into an organisation's cases, so only its own
      // administrator makes or changes one (issue: administrators must not
      // be able to give themselves cases). Anyone else proposes.
      if (admin && !organisation_id.empty() && organisation_id == actor.organisation_id) return Ok();
      break;
    case Action::kProposeAccount:
      // The partnership administrator sets up other members' staff, but
      // only as a proposal that organisation approves.
      if (admin && !organisation_id.empty() && organisation_id != actor.organisation_id) return Ok();
      break;
    case Action::kDecideAccountProposal:
      // Whoever answers for the organisation's staff: its administrator,
      // or its DSL when it has no administrator of its own.
      if ((admin || Dsl(actor)) && !organisation_id.empty() && organisation_id == actor.organisation_id) return Ok();
      break;
    case Action::kResetSecondFactor:
      // Only an administrator of the person's own organisation, who can
      // check who is asking before a lost phone becomes a way in.
      if (admin && !organisation_id.empty() && organisation_id == actor.organisation_id) return Ok();
      break;
    case Action::kSetPartnershipVisibility:
      // Whether its involvement with children may be named to others is the
      // organisation's own decision, taken by whoever answers for it.
      if ((admin || Dsl(actor)) && !organisation_id.empty() && organisation_id == actor.organisation_id) return Ok();
      break;
    case Action::kViewPractitioners:
      if (admin) return Ok();
      // Designated safeguarding leads and DPOs see their own colleagues.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id &&
          (actor.roles.Has(Role::kDesignatedSafeguardingLead) ||
           actor.roles.Has(Role::kDataProtectionOfficer) || actor.roles.Has(Role::kSeniorLeader)))
        return Ok();
      break;
    case Action::kViewStaffTraining:
      // Whoever answers for the organisation's staff sees whether they are
      // trained to share (Working Together 2023: leaders make sure staff
      // are trained); it is about the staff, and shows no casework.
      if ((admin || Dsl(actor)) && !organisation_id.empty() && organisation_id == actor.organisation_id) return Ok();
      break;
    case Action::kViewGovernance:
      // Agreements and DPIAs hold no personal data, and every practitioner's
      // share is checked against them (the advice shows which): whoever
      // works in an organisation may read those it is party to.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id) return Ok();
      break;
    case Action::kRecordAgreement:
    case Action::kSignAgreement:
    case Action::kRecordDpia:
      // The advice asks senior leaders to put information sharing
      // arrangements and DPIAs in place; the DPO advises on them (UK GDPR
      // Art 39). Either may record or sign for their own organisation.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id &&
          (actor.roles.Has(Role::kSeniorLeader) || actor.roles.Has(Role::kDataProtectionOfficer)))
        return Ok();
      break;
    case Action::kRestrictProcessing:
      // UK GDPR Articles 18 and 21, answered by the DPO as the contact point
      // for data subjects (Articles 38-39), as for subject access.
      if (MayReadRestricted(actor, organisation_id)) return Ok();
      break;
    case Action::kSubjectAccess:
      // Everything held about a person, before redaction: the DPO of the
      // organisation that holds it, and nobody else (docs/rights.md).
      if (!organisation_id.empty() && organisation_id == actor.organisation_id &&
          actor.roles.Has(Role::kDataProtectionOfficer))
        return Ok();
      break;
    case Action::kAdviseOnDpia:
      // UK GDPR Art 35(2): the controller seeks the DPO's advice.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id &&
          actor.roles.Has(Role::kDataProtectionOfficer))
        return Ok();
      break;
    case Action::kSignOffDpia:
      // The ICO template: measures and residual risks approved by a senior
      // leader, who accepts or overrules the DPO's advice.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id && actor.roles.Has(Role::kSeniorLeader))
        return Ok();
      break;
    case Action::kViewRetention:
      // Oversight of what is kept and destroyed: those who answer for the
      // organisation's records. The lists name records by id and date only.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id &&
          (Governance(actor) || Dsl(actor) || actor.roles.Has(Role::kSeniorLeader)))
        return Ok();
      break;
    case Action::kManageRetention:
      // Destruction cannot be undone, and erasure is a data subject's right:
      // the DPO decides (UK GDPR Art 17, 39), never casework roles.
      if (!organisation_id.empty() && organisation_id == actor.organisation_id &&
          actor.roles.Has(Role::kDataProtectionOfficer))
        return Ok();
      break;
    case Action::kRecordTraining:
    case Action::kViewTraining:
      // Someone's training is about one practitioner: the other overload.
      return Authorise(actor, action, RecordFacts{organisation_id, {}, {}, {}, {}});
    default:
      // A case action needs the record's facts: the other overload.
      return Authorise(actor, action, RecordFacts{organisation_id, {}, {}, {}, {}});
  }
  return PermissionDenied("Your role does not allow this.");
}

Status Authorise(const Actor& actor, Action action, const RecordFacts& r) {
  if ((action == Action::kRecordTraining || action == Action::kViewTraining) && !actor.is_operator &&
      !actor.practitioner_id.empty()) {
    // One's own training is one's own to record, whatever one's role; the
    // organisation's DSL or administrator keeps its staff's; anyone else in
    // the organisation is refused, and outside it the person is not revealed.
    const bool own_organisation = !r.organisation_id.empty() && r.organisation_id == actor.organisation_id;
    if (!r.owner_id.empty() && r.owner_id == actor.practitioner_id && own_organisation) return Ok();
    if (!own_organisation) return Hidden();
    return Allow(!r.owner_id.empty() && (Dsl(actor) || actor.roles.Has(Role::kAdministrator)));
  }
  if (actor.practitioner_id.empty() || actor.is_operator)
    // Case records are read and written only by signed-in practitioners,
    // so that every access names a person (the operator has the database).
    return PermissionDenied("Sign in as a practitioner to work with case records.");
  const bool own = !r.organisation_id.empty() && r.organisation_id == actor.organisation_id;
  const bool other = !r.other_organisation_id.empty() && r.other_organisation_id == actor.organisation_id;
  const bool mine = !r.owner_id.empty() && r.owner_id == actor.practitioner_id;

  switch (action) {
    case Action::kRecordCasework:
    case Action::kViewPeople:
    case Action::kRequestInformation:
      if (!own) return Hidden();
      return Allow(Caseworker(actor));
    case Action::kViewConcern:
    case Action::kAddItem:
    case Action::kCorrectRecord:
      // Golden rule 6: a concern is for the person who raised it and the
      // DSL who acts on it, not the whole staff room.
      if (!own) return Hidden();
      return Allow(Caseworker(actor) && (mine || Dsl(actor)));
    case Action::kTriageConcern:
    case Action::kViewSafeguardingQueue:
    case Action::kViewCaseload:
    case Action::kManageCases:
      // Keeping Children Safe in Education: the DSL holds the
      // organisation's safeguarding records and decides what happens next.
      if (!own) return Hidden();
      return Allow(Dsl(actor));
    case Action::kViewTask:
    case Action::kCompleteTask:
      // A task is for the person it is given to and the DSL who gave it.
      if (!own) return Hidden();
      return Allow(Caseworker(actor) && (mine || Dsl(actor)));
    case Action::kTriageDisclosure:
      // The recipient's front door: its DSL rates what arrives and
      // allocates it to a worker. The sharer never sees these marks.
      if (!other) return Hidden();
      if (r.recalled) return Recalled();
      return Allow(Dsl(actor));
    case Action::kDecide:
      if (!own) return Hidden();
      return Allow(Caseworker(actor) && (mine || r.owner_id.empty() || Dsl(actor)));
    case Action::kApproveShare:
      // Keeping Children Safe in Education: staff go through their DSL.
      if (!own) return Hidden();
      return Allow(Dsl(actor));
    case Action::kViewDecision:
      // Oversight: the DPO and Caldicott guardian review sharing decisions.
      if (!own) return Hidden();
      return Allow(mine || Dsl(actor) || Governance(actor));
    case Action::kViewDisclosure:
      // A recalled disclosure stays visible to its recipient as a recall
      // (who, when, why), never its content: that is kReceiveDisclosure.
      if (own) return Allow(mine || Dsl(actor) || Governance(actor));
      return Recipient(actor, r, other);
    case Action::kReceiveDisclosure:
    case Action::kGiveFeedback:
      // Recalled: sent in error, so the recipient loses it at once.
      if (other && r.recalled) return Recalled();
      return Recipient(actor, r, other);
    case Action::kConfirmRecall:
      // Whoever could have read it confirms that they keep no copy.
      return Recipient(actor, r, other);
    case Action::kRecallDisclosure:
      // The sharer, who knows what they meant to send, and their DSL, who
      // answers for the organisation's sharing (Keeping Children Safe in
      // Education); never the recipient.
      if (!own) return Hidden();
      return Allow(mine || Dsl(actor));
    case Action::kViewOversight:
      // The advice asks senior leaders to make sure arrangements work; the
      // DPO monitors compliance (UK GDPR Art 39(1)(b)) and the Caldicott
      // guardian oversees the use of health and care information. Counts
      // only, so no caseworker role is needed.
      if (!own) return Hidden();
      return Allow(actor.roles.Has(Role::kSeniorLeader) || actor.roles.Has(Role::kDataProtectionOfficer) ||
                   actor.roles.Has(Role::kCaldicottGuardian));
    case Action::kViewPartnershipOversight:
      // Children's services lead the local safeguarding partnership's
      // information sharing: its senior leader and DPO see the counts of
      // every organisation, never a record.
      if (!own) return Hidden();
      return Allow(r.actor_in_childrens_services &&
                   (actor.roles.Has(Role::kSeniorLeader) || actor.roles.Has(Role::kDataProtectionOfficer)));
    case Action::kViewRecalls:
      // A possible personal data breach is for the DPO to assess (UK GDPR
      // Art 33, 37-39); the DSL sees it too, and is told where there is no DPO.
      if (!own) return Hidden();
      return Allow(Dsl(actor) || actor.roles.Has(Role::kDataProtectionOfficer));
    case Action::kViewInformationRequest:
      if (own) return Allow(mine || Dsl(actor));
      if (other) return Allow(Caseworker(actor));
      return Hidden();
    case Action::kAnswerInformationRequest:
      if (!other) return Hidden();
      return Allow(Caseworker(actor));
    case Action::kAskAdvice:
      if (!own) return Hidden();
      return Allow(Caseworker(actor) || Governance(actor) || actor.roles.Has(Role::kSeniorLeader));
    case Action::kViewAdviceRequest:
      if (!own) return Hidden();
      return Allow(mine || (r.adviser_role && actor.roles.Has(*r.adviser_role)));
    case Action::kAnswerAdvice:
      if (!own) return Hidden();
      return Allow(r.adviser_role && actor.roles.Has(*r.adviser_role));
    case Action::kLinkRecords:
      // Article 22: a person who works with the child decides whether two
      // records are one child; the organisation's matches are its own
      // records, so they are for its caseworkers (a disclosure sent to a
      // named practitioner is further limited by kReceiveDisclosure).
      if (!own) return Hidden();
      return Allow(Caseworker(actor));
    case Action::kViewDisclosureTrail:
      // The sharer's oversight: the DSL and governance roles see who read
      // what their organisation sent, as they see the decision itself.
      if (!own) return Hidden();
      return Allow(Dsl(actor) || Governance(actor));
    case Action::kAskWhoElseKnows:
      // Information seeking (the advice): those who decide what to do about
      // a child, from their own record of the child; never oversight or
      // administration roles, who have no casework to seek for.
      if (!own) return Hidden();
      return Allow(Dsl(actor) || (Caseworker(actor) && r.actor_in_childrens_services));
    case Action::kViewPartnershipLookup:
      // The asker and their DSL; at an organisation found to hold a record,
      // its DSL, who is told (as CP-IS tells the local authority).
      if (own) return Allow(mine || Dsl(actor));
      if (other) return Allow(Dsl(actor));
      return Hidden();
    case Action::kViewRiskAlerts:
      // Children's services lead on multi-agency risk: its DSL is alerted.
      if (!own) return Hidden();
      return Allow(Dsl(actor) && r.actor_in_childrens_services);
    default:
      break;
  }
  return Denied();
}

bool MayReadRestricted(const Actor& actor, const std::string& organisation_id) {
  return !actor.is_operator && !actor.practitioner_id.empty() && !organisation_id.empty() &&
         organisation_id == actor.organisation_id && actor.roles.Has(Role::kDataProtectionOfficer);
}

Result<Scope> ListScope(const Actor& actor, Action action) {
  if (actor.practitioner_id.empty() || actor.is_operator)
    return PermissionDenied("Sign in as a practitioner to work with case records.");
  const bool oversight = action == Action::kViewDecision || action == Action::kViewDisclosure;
  if (Dsl(actor) || (oversight && Governance(actor))) return Scope::kOrganisation;
  if (Caseworker(actor)) return Scope::kOwn;
  return PermissionDenied("Your role does not allow this.");
}

Result<AuditScope> AuditReadScope(const Actor& actor) {
  if (actor.is_operator || actor.roles.Has(Role::kAdministrator)) return AuditScope::kPartnership;
  if (actor.practitioner_id.empty()) return PermissionDenied("You are not signed in.");
  if (Dsl(actor) || Governance(actor) || actor.roles.Has(Role::kSeniorLeader)) return AuditScope::kOrganisation;
  return PermissionDenied(
      "Only safeguarding leads, data protection officers, Caldicott guardians and senior leaders can read the audit log.");
}

}  // namespace jigsaw::access
