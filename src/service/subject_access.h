// Subject access (UK GDPR Article 15; docs/rights.md): the organisation's
// DPO opens a request for one of the people it has recorded, with the date
// it was received and how the requester's identity was checked; the
// answer is due one calendar month after receipt (Article 12(3)),
// extendable by up to two further months with a reason. Jigsaw gathers
// everything the organisation holds about the person, redacts every third
// party and protected person with the disclosures' redaction
// (OutboundRedaction::ForSubjectAccess), and marks the pieces an exemption
// may apply to; the DPO decides on each (release, or withhold under an
// exemption, with a reason). The release is frozen as JSON (portability)
// and shown as a printable page. Only the DPO may do any of it
// (access kSubjectAccess); every read and change is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/sealing.h"
#include "common/clock.h"
#include "domain/person.h"
#include "domain/subject_access.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

// What a piece of what is held is.
enum class HeldKind : std::uint8_t {
  kPerson,              // the subject's own record, as it is now
  kPersonVersion,       // a superseded version of it (a correction)
  kRelationship,        // who they are to someone else recorded
  kConcern,             // a concern about them, or one that mentions them
  kItem,                // a piece of information about or mentioning them
  kItemVersion,         // a superseded version of such an item
  kBodyMark,            // a mark recorded on a body map of a concern about them
  kAttachment,          // a file kept with a concern about them (described; the file itself on request)
  kDecision,            // a decision whether to share it
  kDisclosureSent,      // a disclosure of it to another organisation
  kFeedback,            // what a recipient said was done with it
  kDisclosureReceived,  // information another organisation shared about them
  kInformationRequest,  // a request for information sent or received that names them
  kAccess,              // who accessed their records (the audit log)
};

// One part of a piece, already redacted: `name` is stable (the JSON
// export's key), `text` is what the subject would read.
struct HeldField {
  std::string name;
  std::string text;
};

struct HeldEntry {
  std::string key;  // "kind:id", what a decision names
  HeldKind kind = HeldKind::kItem;
  Time recorded_at{};
  std::vector<HeldField> fields;
  int withheld = 0;  // details the redaction withheld
  // The exemptions that may apply, for the DPO's decision (empty: none
  // suggested; it is released unless the DPO decides otherwise).
  std::vector<domain::Exemption> may_apply;
};

struct NewSubjectAccessRequest {
  std::string person_id;
  std::string received_on;  // "YYYY-MM-DD"
  domain::IdentityCheck identity_check = domain::IdentityCheck::kDocumentsSeen;
  std::string identity_note;
};

struct SubjectAccessSummary {
  domain::SubjectAccessRequest request;
  std::string subject_name;
  std::string due_on;  // "YYYY-MM-DD"
};

// A request with everything held, as the DPO reviews it.
struct SubjectAccessView {
  SubjectAccessSummary summary;
  domain::Person subject;
  std::vector<HeldEntry> held;
  // Every decision made, oldest first; the latest for an entry applies.
  std::vector<domain::ExemptionDecision> decisions;
  std::vector<std::string> decided_by_names;  // decided_by_names[i] for decisions[i]
};

// The latest decision on `entry`, if any.
const domain::ExemptionDecision* LatestDecision(const std::vector<domain::ExemptionDecision>& decisions,
                                                std::string_view entry);

// What was released, as frozen: the JSON export and the printable page.
struct Release {
  std::string request_id;
  std::string subject_name;
  std::string received_on;
  Time released_at{};
  std::vector<HeldEntry> entries;  // only what was released (may_apply is not kept)
};
std::string ToJson(const Release& release);
// kInternal if the text is not a release (it is only ever written by Release).
Result<Release> ParseRelease(std::string_view json);

struct EntryDecision {
  std::string entry;
  domain::ReleaseChoice choice = domain::ReleaseChoice::kRelease;
  std::optional<domain::Exemption> exemption;  // required to withhold
  std::string reason;                          // required
};

class SubjectAccess {
 public:
  SubjectAccess(store::Store& store, const Clock& clock, const AuditTrail& trail, const access::Sealer& sealer)
      : store_(store), clock_(clock), trail_(trail), sealer_(sealer) {}

  // The organisation's people records, to choose whose request it is.
  Result<std::vector<domain::Person>> People(const Context& context);
  // kInvalidArgument naming the field (person_id, received_on,
  // identity_note); kNotFound for a person not of the DPO's organisation.
  Result<SubjectAccessSummary> Open(const Context& context, const NewSubjectAccessRequest& request);
  // The organisation's requests, the earliest due first.
  Result<std::vector<SubjectAccessSummary>> List(const Context& context, bool open_only);
  // Everything held about the subject now, redacted, with the decisions.
  Result<SubjectAccessView> Get(const Context& context, const std::string& id);
  // Extends the deadline to `months` further months in all (1 or 2),
  // with the reason (kInvalidArgument "months" / "reason");
  // kFailedPrecondition once answered or once the first month has passed
  // (the requester must be told within it, Article 12(3)).
  Result<SubjectAccessSummary> Extend(const Context& context, const std::string& id, int months,
                                      const std::string& reason);
  // kInvalidArgument naming "entry" (not among what is held), "exemption"
  // (withheld without one) or "reason"; kFailedPrecondition once released.
  Result<domain::ExemptionDecision> Decide(const Context& context, const std::string& id, const EntryDecision& decision);
  // Releases everything held that the DPO did not withhold, frozen as it
  // is now. kFailedPrecondition (field "decisions") while a piece an
  // exemption may apply to has no decision, or once released.
  Result<Release> ReleaseNow(const Context& context, const std::string& id);
  // What was released, as it was released (kFailedPrecondition before).
  Result<Release> Released(const Context& context, const std::string& id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
};

}  // namespace jigsaw::service

namespace jigsaw {
template <>
struct EnumNames<service::HeldKind> {
  using E = service::HeldKind;
  static constexpr std::array<std::pair<E, std::string_view>, 14> kNames{{
      {E::kPerson, "person"},
      {E::kPersonVersion, "person_version"},
      {E::kRelationship, "relationship"},
      {E::kConcern, "concern"},
      {E::kItem, "item"},
      {E::kItemVersion, "item_version"},
      {E::kBodyMark, "body_mark"},
      {E::kAttachment, "attachment"},
      {E::kDecision, "decision"},
      {E::kDisclosureSent, "disclosure_sent"},
      {E::kFeedback, "feedback"},
      {E::kDisclosureReceived, "disclosure_received"},
      {E::kInformationRequest, "information_request"},
      {E::kAccess, "access"},
  }};
};
}  // namespace jigsaw
