// Who is acting, and the one place that says what they may do. Every use
// case asks Authorise() before touching a record; it fails closed: an
// action not listed here is denied.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "domain/casework.h"
#include "domain/practitioner.h"

namespace jigsaw::access {

// The signed-in person (or the operator at the command line) a use case
// acts for.
struct Actor {
  std::string practitioner_id;  // empty for the command-line operator
  std::string organisation_id;
  domain::RoleSet roles;
  bool is_operator = false;  // someone with shell access to the server (CLI)

  static Actor Operator() { return Actor{{}, {}, {}, true}; }
};

enum class Action {
  kViewOrganisations,   // the partnership directory: names and types only
  kManageOrganisations,
  kViewPractitioners,   // the people in an organisation
  // Create accounts in, and disable, enable, change the roles of, move out
  // of or reset the password of someone in, an organisation (its own
  // administrator only: an account is a way into its cases).
  kManagePractitioners,
  // Propose an account in another organisation, or a move into it, for
  // that organisation to approve (the partnership administrator).
  kProposeAccount,
  // Approve or decline a proposed account or move (the organisation's own
  // administrator or DSL).
  kDecideAccountProposal,
  kResetSecondFactor,   // remove a colleague's authenticator app, recovery codes and passkeys
  kAssessShare,         // ask the guidance engine about a proposed share

  // The sharing workflow (docs/workflow.md has the table of who may do what).
  kRecordCasework,       // add people, relationships and concerns in one's own organisation
  kViewPeople,           // find and read the organisation's records of people
  kViewConcern,          // a concern and its information items
  kAddItem,              // add information to a concern or a person
  // Correct a person or an item by a superseding version, with a reason
  // (docs/rights.md): those who may edit the record's concern (owner_id:
  // who raised the concern, or who recorded the person), and the DSL.
  kCorrectRecord,
  kTriageConcern,        // mark a concern seen and record the next step
  kViewSafeguardingQueue,
  // A DSL's case management (docs/workflow.md): the organisation's open
  // concerns and children with concerns; closing and reopening a concern
  // with an outcome, tasks, links between concerns and flags on a child.
  kViewCaseload,
  kManageCases,
  kViewTask,      // a task: its owner and the DSL (owner_id: the task's owner)
  kCompleteTask,  // mark a task done: its owner and the DSL
  kDecide,               // make a sharing decision
  kApproveShare,         // approve, change or decline a member of staff's share (the DSL)
  kViewDecision,
  kViewDisclosure,       // as the sharer's or the recipient's organisation
  kReceiveDisclosure,    // open a disclosure as its recipient
  kGiveFeedback,
  kTriageDisclosure,     // rate and allocate a disclosure received, as the recipient's DSL
  kRequestInformation,
  kViewInformationRequest,
  kAnswerInformationRequest,  // share, refuse or ask for clarification, as the holder
  kAskAdvice,
  kViewAdviceRequest,
  kAnswerAdvice,
  // What became of a disclosure: who at the recipient read it and when,
  // and every refused attempt on it (as the sharer's organisation).
  kViewDisclosureTrail,
  // Recall a disclosure sent in error, with the reason (the sharer and
  // their organisation's DSL), and, as its recipient, confirm that no copy
  // is kept. A recalled disclosure can no longer be received, triaged or
  // given feedback on (RecordFacts::recalled).
  kRecallDisclosure,
  kConfirmRecall,
  // The organisation's recalls, each a possible personal data breach to
  // assess within 72 hours (its DPO, and its DSLs, who answer for
  // safeguarding records where there is no DPO).
  kViewRecalls,

  // The partnership index (docs/linkage.md). Ask "who else knows this
  // child?" of one's own record of a child: a DSL, or a practitioner of
  // children's services.
  kAskWhoElseKnows,
  // A lookup, as the organisation that asked (who asked, and their DSL) or
  // as an organisation that was found to hold a record (its DSL).
  kViewPartnershipLookup,
  // Alerts of children linked to the same risk: the DSL of children's services.
  kViewRiskAlerts,
  // Whether the organisation withholds its name from "who else knows"
  // answers (its administrator or DSL).
  kSetPartnershipVisibility,
  // See the matches suggested between the organisation's records of a
  // child and other records (its own, or disclosures it received), and
  // confirm, reject or undo them (service/linking.h).
  kLinkRecords,

  // Training (docs/workflow.md, "Training"). Record and read a
  // practitioner's training: the practitioner themself, or their
  // organisation's DSL or administrator (RecordFacts: organisation_id the
  // practitioner's organisation, owner_id the practitioner).
  kRecordTraining,
  kViewTraining,
  // The state of every member of an organisation's staff's training, as
  // counts of kinds (no casework): its DSL or administrator.
  kViewStaffTraining,

  // Governance (docs/governance.md): data sharing agreements and DPIAs.
  // organisation_id is the organisation the actor acts for: a party to
  // the agreement, or an organisation the DPIA covers (the service checks
  // that it is one).
  kViewGovernance,     // read the registers: everyone in a party organisation
  kRecordAgreement,    // record or withdraw an agreement: its senior leader or DPO
  kSignAgreement,      // sign for the organisation: its senior leader or DPO
  kRecordDpia,         // record a DPIA of the organisation: its senior leader or DPO
  kAdviseOnDpia,       // give the DPO's advice on it: its DPO
  kSignOffDpia,        // sign it off: its senior leader

  // Oversight (docs/governance.md, "Oversight"): counts of the
  // organisation's sharing over a period, no person named. Its senior
  // leader, DPO or Caldicott guardian (organisation_id: the organisation).
  kViewOversight,
  // The same counts across the partnership: the senior leader or DPO of
  // local authority children's services (actor_in_childrens_services).
  kViewPartnershipOversight,
  // Retention and erasure (docs/retention.md, docs/rights.md), for the
  // organisation's own records. See the schedule, the records due, the
  // legal holds, erasure requests and what was destroyed (ids and dates,
  // no casework): its DPO, Caldicott guardian, senior leaders and DSLs.
  kViewRetention,
  // Set the schedule, confirm destruction, place and lift legal holds and
  // decide erasure requests: its DPO (UK GDPR Art 37-39).
  kManageRetention,
  // People's rights (docs/rights.md). Open, read, decide on and release a
  // subject access request of the organisation's (UK GDPR Article 15), and
  // see the DPO's workspace: its DPO alone (Articles 38-39 make the DPO
  // the contact point for data subjects).
  kSubjectAccess,
  // Restrict processing of a person's records (UK GDPR Article 18) and lift
  // it, record an objection (Article 21) and decide on it, and read the
  // records while a restriction stands: the organisation's DPO alone
  // (docs/rights.md). Everyone else meets RecordFacts::restricted.
  kRestrictProcessing,
};

// What the policy needs to know about the record an action touches.
struct RecordFacts {
  std::string organisation_id;        // whose record it is (raiser's, sharer's, requester's)
  std::string owner_id;               // who raised, decided, shared or asked; empty if nobody in particular
  std::string other_organisation_id;  // the recipient of a disclosure, the holder asked by a request
  std::string other_practitioner_id;  // a disclosure addressed to one named practitioner
  std::optional<domain::Role> adviser_role;  // the role an advice request is addressed to
  // The actor's organisation is local authority children's services (for
  // the partnership index: who may ask of it and who is alerted).
  bool actor_in_childrens_services = false;
  // The record is a disclosure its sharer has recalled.
  bool recalled = false;
};

// Whether `actor` may read records of `organisation_id` that a restriction
// of processing (UK GDPR Article 18) withholds: its DPO, who placed it and
// answers the person's rights, and nobody else (the audit log keeps its own
// record). service/restrictions.h applies it wherever records are read.
bool MayReadRestricted(const Actor& actor, const std::string& organisation_id);

// The facts of a disclosure: the sharer's organisation and the sharer, the
// recipient organisation and any named recipient, and whether it is recalled.
RecordFacts FactsOf(const domain::Disclosure& disclosure);

// Ok if `actor` may take `action` on records of `organisation_id` (empty
// when the action is not about one organisation); kPermissionDenied otherwise.
Status Authorise(const Actor& actor, Action action, const std::string& organisation_id = {});

// The same, for a case record. Fails with kNotFound when the actor's
// organisation is neither party to the record (its existence is not
// revealed), kPermissionDenied when their role does not allow the action.
Status Authorise(const Actor& actor, Action action, const RecordFacts& record);

// How much of the actor's organisation's records a list shows: only the
// actor's own, or the organisation's (for a DSL or, for decisions and
// disclosures, the DPO and Caldicott guardian). For kViewDecision,
// kViewDisclosure, kViewInformationRequest and kDecide (emergency records
// owed). kPermissionDenied for roles that see none.
enum class Scope { kOwn, kOrganisation };
Result<Scope> ListScope(const Actor& actor, Action action);

// How much of the audit log an actor may search: all of it (the partnership
// administrator, the command-line operator), or their organisation's view
// (what its staff did, and what anyone did to its records: DSLs, DPOs,
// Caldicott guardians and senior leaders). kPermissionDenied for others.
enum class AuditScope { kPartnership, kOrganisation };
Result<AuditScope> AuditReadScope(const Actor& actor);

}  // namespace jigsaw::access
