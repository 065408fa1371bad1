// From an assessment to a recorded decision, and from a decision to share
// to a disclosure the recipient can read: preview (exactly what the
// recipient will see), decide (with every part the assessment says must be
// recorded), emergency shares recorded after, corrections that supersede,
// the recipient's inbox, and feedback that closes the loop.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/sealing.h"
#include "domain/casework.h"
#include "guidance/assessment.h"
#include "service/casework.h"
#include "service/context.h"
#include "service/governance.h"
#include "service/recipient_view.h"
#include "service/workflow.h"

namespace jigsaw::service {

// The practitioner's judgement of one item for the engine.
struct ItemJudgement {
  std::string item_id;
  bool relevant = false;
  bool necessary = false;
};

// The facts of the situation that the records do not hold.
struct Circumstances {
  guidance::Purpose purpose = guidance::Purpose::kSafeguarding;
  guidance::Risk risk = guidance::Risk::kUnsure;
  bool legal_requirement = false;
  guidance::Frequency frequency = guidance::Frequency::kOneOff;
  // Whether a data sharing agreement and a DPIA are in place is not asked:
  // the service finds them in the registers (service/governance.h).
  guidance::Consent consent = guidance::Consent::kNotSought;
  std::vector<guidance::Objector> objections;
  guidance::Informing informing;
  bool uncertain = false;
};

struct NewDecision {
  std::string child_id;
  std::string concern_id;
  std::string information_request_id;
  std::string recipient_organisation_id;
  std::string recipient_practitioner_id;
  std::optional<Circumstances> circumstances;  // required except for an emergency share
  std::vector<ItemJudgement> items;            // the items considered
  std::vector<std::string> share_items;        // the items chosen to share
  // The concern's own account (what was seen or said, the child's words),
  // sent beside the items when the decision is about a concern.
  domain::ConcernAccount concern_account = domain::ConcernAccount::kNotShared;
  domain::DecisionOutcome outcome = domain::DecisionOutcome::kNotShare;
  bool emergency = false;
  std::string supersedes;
  domain::DecisionRecord record;
  // The sharer's review of each mention the preview reported (golden rule 5).
  std::vector<domain::MentionReview> mention_reviews;
};

// A protected person of the organisation, not known to be connected to
// the child, who seems to be named in what would be sent. Nothing is sent
// until the sharer withholds the mention or records why it may go.
struct MentionForReview {
  std::string id;  // "<item id>/<field>/<begin>-<end>": name it in NewDecision::mention_reviews
  std::string item_id;
  std::string field;  // "text" or "source"
  std::string before, match, after;  // the mention and the words around it
  std::string person_id, person_name;  // who it may be (the sharer's own record)
};

struct SharePreview {
  std::optional<guidance::Assessment> assessment;  // absent for an emergency share
  // What the recipient will receive, when something would be sent; the
  // JSON is exactly the bytes that are sealed for them.
  std::optional<RecipientView> recipient_view;
  std::string recipient_view_json;
  std::vector<MentionForReview> mentions;  // not yet reviewed
  // Every part of the record (golden rule 7) that is missing or wrong so
  // far, each naming its field; Decide refuses with the first.
  std::vector<Error> record_problems;
  // The sharer is a police force, so its references are asked
  // (domain::RecordsPoliceReferences); no one else is asked for them.
  bool police_references = false;
  // The active agreements and approved DPIAs covering the sharer, the
  // recipient and the purpose, which the assessment relied on (absent
  // for an emergency share, which is never checked against them).
  std::optional<SharingCover> cover;
};

// An information request answered with what the holder types or pastes in
// (a GP from the practice record), without recording a concern first. The
// items become the holder's record of what was shared, about the child, and
// go the way every disclosure goes: assessed, recorded, redacted, sealed.
struct TypedAnswer {
  std::string information_request_id;
  // The holder's record of the child; empty to record the child from the
  // request's details (which then need a date of birth).
  std::string child_id;
  std::vector<NewItem> items;  // text, source, date, accuracy, sensitivity; about the child
  Circumstances circumstances;
  domain::DecisionRecord record;
};

struct DecisionResult {
  domain::Decision decision;
  std::optional<domain::Disclosure> disclosure;
  // The agreements and DPIAs that covered it, kept with it (none for an emergency share).
  std::vector<domain::CoverRecord> cover;
};

struct DecisionView {
  domain::Decision decision;
  std::string superseded_by;
  std::vector<std::string> disclosure_ids;
  std::vector<domain::CoverRecord> cover;  // as DecisionResult::cover
};

struct DisclosureSummary {
  domain::Disclosure disclosure;
  std::string sharer_organisation;
  std::string recipient_organisation;
  // The later disclosures that correct this one (UK GDPR Article 19),
  // oldest first: the earlier one is shown as corrected.
  std::vector<std::string> corrected_by;
};

// A disclosure as one party sees it. The recall fields of
// summary.disclosure say whether it was recalled; for the recipient of a
// recalled one the content is never opened: content is empty and
// content_json is "" (the sharer still sees what went astray).
struct DisclosureView {
  DisclosureSummary summary;
  RecipientView content;     // opened from its seal
  std::string content_json;  // the sealed bytes, as the preview showed them
  std::vector<domain::Feedback> feedback;
};

// A recall as the sharer's organisation oversees it: a possible personal
// data breach to assess, and the 72 hours to report one to the ICO.
struct RecallFlag {
  DisclosureSummary summary;    // the recall fields say who, when, why, and whether confirmed
  std::string recalled_by_name;
  std::string confirmed_by_name;  // at the recipient; empty until confirmed
  Time breach_report_due_at{};    // recalled_at + 72 hours (UK GDPR Art 33(1))
};

class Sharing {
 public:
  Sharing(store::Store& store, const Clock& clock, const AuditTrail& trail,
          const access::Sealer& sealer, const WorkflowPolicy& policy)
      : store_(store), clock_(clock), trail_(trail), sealer_(sealer), policy_(policy) {}

  // Writes nothing but its audit record. A proposal to share with nothing
  // chosen yet previews sending nothing (it is not an error until Decide).
  Result<SharePreview> Preview(const Context& context, const NewDecision& proposal);
  // kInvalidArgument naming the first missing or wrong part (a mention not
  // reviewed: "mention_reviews"); nothing is written then.
  Result<DecisionResult> Decide(const Context& context, const NewDecision& decision);
  // Answers a request by sharing typed items, in one transaction: the child
  // (if new) and the items are recorded and the decision to share them made
  // as Decide makes it. Every mention of a protected person in what was
  // typed is withheld (golden rule 5): to let one through, record the items
  // and share them with Decide, which asks for a review. kInvalidArgument
  // naming the field ("items[1].text", "rationale"); nothing is written then.
  Result<DecisionResult> AnswerWithItems(const Context& context, const TypedAnswer& answer);
  // A DSL approves a member of staff's share waiting for them: it is built
  // as it would be sent now and sent (kFailedPrecondition if it is not
  // waiting). To change it, the DSL records their own decision superseding
  // it; to decline it, says why. The member of staff is told either way.
  Result<DecisionResult> Approve(const Context& context, const std::string& decision_id);
  Result<domain::Decision> Decline(const Context& context, const std::string& decision_id, const std::string& reasons);
  // What approving would send now (the DSL's preview), writing nothing but its audit record.
  Result<SharePreview> PreviewApproval(const Context& context, const std::string& decision_id);
  // The organisation's staff shares waiting for a DSL (DSLs only).
  Result<std::vector<domain::Decision>> AwaitingApproval(const Context& context);
  Result<DecisionView> GetDecision(const Context& context, const std::string& id);
  // The organisation's decisions (DSL, DPO, Caldicott guardian) or the actor's own.
  Result<std::vector<domain::Decision>> ListDecisions(const Context& context, const std::string& child_id);
  // Emergency shares whose full record is still owed: the actor's own, or
  // (for a DSL) the organisation's.
  Result<std::vector<domain::Decision>> OwedRecords(const Context& context);

  // "inbox": disclosures to the actor's organisation; "sent": from it.
  Result<std::vector<DisclosureSummary>> Disclosures(const Context& context, bool inbox);
  // Opens a disclosure; the recipient's first opening records its receipt.
  Result<DisclosureView> GetDisclosure(const Context& context, const std::string& id);
  Result<domain::Feedback> GiveFeedback(const Context& context, const std::string& disclosure_id,
                                        domain::FeedbackAction action, const std::string& note);

  // Recalls a disclosure sent in error (the sharer or their DSL), saying
  // why. The recipient can no longer open it, its triage summary (their
  // inbox's copy) is destroyed, whoever at the recipient could have read
  // it is told and asked to confirm they keep no copy, and the sharer's DPO
  // (or, with no DPO, its DSLs) is told of a possible breach to assess.
  // kInvalidArgument naming "reason" if none is given; kFailedPrecondition
  // if it is already recalled.
  Result<domain::Disclosure> Recall(const Context& context, const std::string& disclosure_id, const std::string& reason);
  // Whether Recall would allow the actor this disclosure (just loaded for
  // them, not yet recalled): for a page to offer it. Reads and records nothing.
  static bool MayRecall(const Context& context, const domain::Disclosure& disclosure);

  // UK GDPR Article 19, within the caller's transaction (service::
  // Corrections, after an item is corrected): each disclosure that sent
  // the item, and is neither recalled nor itself a correction, gets a
  // correction: a disclosure of its own to the same recipient, naming the
  // earlier one, holding the corrected item built and redacted as a share
  // is built now (every mention of a protected person not reviewed is
  // withheld), and the reason, redacted too. Whoever at the recipient could
  // have read the earlier one is told. Returns the corrections sent.
  Result<std::vector<domain::Disclosure>> SendCorrections(store::Transaction& tx, const Context& context,
                                                          const domain::InformationItem& item,
                                                          const std::string& reason) const;
  // The recipient confirms that no copy of a recalled disclosure is kept;
  // the sharer and those told of the breach are told. kFailedPrecondition
  // if it is not recalled or already confirmed.
  Result<domain::Disclosure> ConfirmRecall(const Context& context, const std::string& disclosure_id);
  // The organisation's recalled disclosures, newest first, each with its
  // breach-report deadline (kViewRecalls: the DPO and DSLs).
  Result<std::vector<RecallFlag>> Recalls(const Context& context);

 private:
  // Decide's work within a transaction; `withhold_unreviewed` withholds
  // every mention of a protected person not reviewed instead of refusing.
  Result<DecisionResult> DecideIn(store::Transaction& tx, const Context& context, const NewDecision& decision,
                                  AuditEvent& event, bool withhold_unreviewed) const;
  // Seals and records a disclosure of the decision, and tells a named recipient.
  Result<domain::Disclosure> Send(store::Transaction& tx, const Context& context, const domain::Decision& decision,
                                  const std::string& view_json, const std::optional<RecipientView>& view, Time now,
                                  const std::string& purpose, const std::string& corrects = {}) const;
  Status Answer(store::Transaction& tx, const domain::Decision& decision, const domain::InformationRequest& request,
                Time now) const;
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
  const WorkflowPolicy& policy_;
};

}  // namespace jigsaw::service
