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
#include "service/context.h"
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
  bool dsa_in_place = false;
  bool dpia_in_place = false;
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
};

struct DecisionResult {
  domain::Decision decision;
  std::optional<domain::Disclosure> disclosure;
};

struct DecisionView {
  domain::Decision decision;
  std::string superseded_by;
  std::vector<std::string> disclosure_ids;
};

struct DisclosureSummary {
  domain::Disclosure disclosure;
  std::string sharer_organisation;
  std::string recipient_organisation;
};

struct DisclosureView {
  DisclosureSummary summary;
  RecipientView content;     // opened from its seal
  std::string content_json;  // the sealed bytes, as the preview showed them
  std::vector<domain::Feedback> feedback;
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

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
  const WorkflowPolicy& policy_;
};

}  // namespace jigsaw::service
