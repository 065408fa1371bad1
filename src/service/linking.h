// Linking inside Jigsaw: recognising that a child an organisation records,
// or a child a disclosure it receives is about, is a child it already
// knows. The linkage engine (src/linkage) suggests; a practitioner or DSL
// confirms or rejects (Article 22 UK GDPR: a person decides). Only a valid
// NHS number that is the same on both records, with the same date of
// birth, links without review, and is shown as linked automatically.
// Links can be undone; every suggestion, link and unlink is audited. A
// linked disclosure joins the recipient's record of the child: its items
// and the feedback on it appear in the child's multi-agency chronology
// (the "one picture", PictureOf), beside the organisation's own events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/sealing.h"
#include "domain/linking.h"
#include "domain/person.h"
#include "service/context.h"
#include "service/overview.h"
#include "service/recipient_view.h"
#include "service/workflow.h"

namespace jigsaw::service {

// A pair at or above this probability is suggested for a person to
// review (docs/linkage.md, "Linking inside Jigsaw", says why 0.5).
inline constexpr double kSuggestionFloor = 0.5;

// Within the caller's transaction (the one that records `child`): compares
// the child with the organisation's other records of children, records a
// suggestion for each pair at or above kSuggestionFloor, links at once the
// pairs with the same valid NHS number and date of birth, and audits each.
Status SuggestMatchesForChild(store::Transaction& tx, const AuditTrail& trail, const Context& context,
                              const domain::Person& child, Time now);

// The same for a disclosure the recipient organisation has just received,
// whose content names `child` (as the sharer recorded them).
Status SuggestMatchesForDisclosure(store::Transaction& tx, const AuditTrail& trail, const Context& context,
                                   const domain::Disclosure& disclosure, const RecipientView::Child& child,
                                   Time now);

// A match with both records, for a person to judge.
struct MatchView {
  domain::RecordMatch match;
  domain::Person person;  // the organisation's own record of the child
  // The other side: another record of the organisation's (subject kPerson),
  // or the child as a disclosure names them (subject kDisclosure).
  std::optional<domain::Person> other_person;
  std::optional<RecipientView::Child> received;
  std::string source_organisation;  // the disclosure's sharer; empty for a person
  Time received_at{};               // when the disclosure was sent
};

// Where a row of the multi-agency chronology comes from.
enum class PictureRowKind : std::uint8_t {
  kOwnEvent,       // the viewer's organisation's own record (ChronologyKind says which)
  kReceivedConcern,  // the concern a disclosure was made about: its level and forms
  kReceivedItem,   // one piece of information another agency shared
  kFeedback,       // what the viewer's organisation said it did with a disclosure
};

struct PictureRow {
  std::string date;  // "YYYY-MM-DD": when it happened (an item's own date) or was recorded
  Time at{};         // when it was recorded, for order within a day
  PictureRowKind kind = PictureRowKind::kOwnEvent;
  std::optional<ChronologyKind> own_kind;  // for kOwnEvent
  std::string organisation;  // the source agency
  bool own = false;          // the viewer's organisation
  std::string what;          // the item's text, the event's detail, the feedback's action (a stable name)
  std::string note;          // feedback's note; who, for an own event
  // Fact or opinion: an item as the sharer marked it; the organisation's
  // own events and feedback are records of what was done (verified facts).
  domain::Accuracy accuracy = domain::Accuracy::kVerified;
  std::string object_type;  // concern, decision, disclosure
  std::string object_id;
  // Rows that report the same event (the same day, much the same words,
  // from two agencies) share a group and are listed together; -1 if none.
  int same_event = -1;
};

struct Picture {
  domain::Person child;
  std::vector<PictureRow> rows;  // in date order, one event's reports together
  std::vector<std::string> agencies;  // every source agency named, the viewer's first
  // The matches about this record that the viewer may see: linked ones
  // (which the rows include) and those waiting for a decision.
  std::vector<MatchView> matches;
};

class Linking {
 public:
  Linking(store::Store& store, const Clock& clock, const AuditTrail& trail, const access::Sealer& sealer)
      : store_(store), clock_(clock), trail_(trail), sealer_(sealer) {}

  // The organisation's matches waiting for a decision, newest first, each
  // with both records; those about a disclosure the actor may not open
  // are left out.
  Result<std::vector<MatchView>> Suggestions(const Context& context);
  Result<MatchView> GetMatch(const Context& context, const std::string& match_id);
  // kFailedPrecondition (field "status") if the records are linked already.
  Result<domain::RecordMatch> Confirm(const Context& context, const std::string& match_id);
  // kFailedPrecondition unless the match is waiting for a decision.
  Result<domain::RecordMatch> Reject(const Context& context, const std::string& match_id);
  // Undoes a link (confirmed or automatic); kFailedPrecondition otherwise.
  Result<domain::RecordMatch> Unlink(const Context& context, const std::string& match_id);

  // The child's multi-agency chronology as the actor may see it.
  Result<Picture> PictureOf(const Context& context, const std::string& child_id);

 private:
  enum class Decision { kConfirm, kReject, kUnlink };
  Result<domain::RecordMatch> Decide(const Context& context, const std::string& match_id, Decision decision);
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
};

}  // namespace jigsaw::service
