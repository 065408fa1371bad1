// The recipient's front door: the disclosures an organisation received,
// each shown with what is needed to triage it (the child, the level of
// concern, the forms of abuse, who shared it and how long ago), sorted and
// filtered; the recipient's DSL rates each red, amber or green and
// allocates it to a worker, who is told. Rating and allocation are the
// recipient organisation's own records, never seen by the sharer.
//
// The list does not open each disclosure's sealed content: a share also
// seals a small triage summary beside it (RecordTriageSummary), and the
// inbox opens only those, a few hundred bytes each. Disclosures made
// before summaries existed are read from their content instead.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/sealing.h"
#include "domain/case_management.h"
#include "domain/casework.h"
#include "domain/practitioner.h"
#include "service/context.h"
#include "service/recipient_view.h"
#include "service/sharing.h"
#include "service/workflow.h"

namespace jigsaw::service {

// What the inbox shows of a disclosure's content: enough to triage it.
struct TriageSummary {
  std::string child_name;  // empty if the disclosure names no child
  std::string child_date_of_birth;
  std::optional<domain::ConcernLevel> level;
  std::vector<domain::AbuseForm> forms;
  bool emergency = false;
  std::optional<FamilyInformed> family;
  std::string sharer_practitioner;  // the person who shared it, by name
  std::optional<domain::Role> sharer_role;
};

TriageSummary SummaryOf(const RecipientView& view);
std::string ToJson(const TriageSummary& summary);
// kInternal if the text is not a summary (sealed, so this means a bug).
Result<TriageSummary> ParseTriageSummary(std::string_view json);

// Seals the triage summary of a disclosure just made, within the caller's
// transaction (the share that creates the disclosure).
Status RecordTriageSummary(store::Transaction& tx, const access::Sealer& sealer, const domain::Disclosure& disclosure,
                           const RecipientView& view);

// What is late on the recipient's side: opening it, or saying what was done.
bool AcknowledgementOverdue(const domain::Disclosure& d, Time now);
bool FeedbackOverdue(const domain::Disclosure& d, Time now);

enum class InboxSort : std::uint8_t { kNewest, kOldest, kLevel, kRating };
enum class RatingFilter : std::uint8_t { kAny, kRed, kAmber, kGreen, kUnrated };
enum class AllocationFilter : std::uint8_t { kAny, kUnallocated, kMine };
enum class InboxState : std::uint8_t { kAny, kUnread, kOverdue, kAwaitingFeedback };

struct InboxFilter {
  InboxSort sort = InboxSort::kNewest;
  RatingFilter rating = RatingFilter::kAny;
  AllocationFilter allocation = AllocationFilter::kAny;
  std::optional<domain::ConcernLevel> level;
  InboxState state = InboxState::kAny;
};

struct InboxEntry {
  DisclosureSummary disclosure;  // the sharer's record ids removed
  TriageSummary about;
  domain::DisclosureTriage marks;
  std::string allocated_to_name;
  bool overdue = false;  // acknowledgement or feedback late
};

// The entries that pass `filter`, in its order (ties: newest first).
// `me` is the actor, for AllocationFilter::kMine. Pure.
std::vector<InboxEntry> Arrange(std::vector<InboxEntry> entries, const InboxFilter& filter, const std::string& me);

// One disclosure's marks, with who made them, and (for those who may
// allocate) the workers it may be allocated to.
struct TriageMarks {
  domain::DisclosureTriage marks;
  std::string rated_by_name, allocated_to_name, allocated_by_name;
  bool may_triage = false;
  std::vector<domain::Practitioner> workers;
};

class Triage {
 public:
  Triage(store::Store& store, const Clock& clock, const AuditTrail& trail, const access::Sealer& sealer)
      : store_(store), clock_(clock), trail_(trail), sealer_(sealer) {}

  // The disclosures to the actor's organisation that the actor may
  // receive, with their summaries and marks. One audited read.
  Result<std::vector<InboxEntry>> Inbox(const Context& context, const InboxFilter& filter);
  // For whoever may receive the disclosure (the recipient's caseworkers).
  Result<TriageMarks> Marks(const Context& context, const std::string& disclosure_id);
  // The recipient's DSL only (kTriageDisclosure).
  Result<domain::DisclosureTriage> Rate(const Context& context, const std::string& disclosure_id,
                                        domain::RagRating rating);
  // To a practitioner or DSL of the recipient organisation who may receive
  // the disclosure (one addressed to a named practitioner: them or a DSL);
  // otherwise kInvalidArgument naming "practitioner_id". They are told.
  Result<domain::DisclosureTriage> Allocate(const Context& context, const std::string& disclosure_id,
                                            const std::string& practitioner_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
};

}  // namespace jigsaw::service

namespace jigsaw {
template <>
struct EnumNames<service::InboxSort> {
  using E = service::InboxSort;
  static constexpr std::array<std::pair<E, std::string_view>, 4> kNames{
      {{E::kNewest, "newest"}, {E::kOldest, "oldest"}, {E::kLevel, "level"}, {E::kRating, "rating"}}};
};
template <>
struct EnumNames<service::RatingFilter> {
  using E = service::RatingFilter;
  static constexpr std::array<std::pair<E, std::string_view>, 5> kNames{
      {{E::kAny, "any"}, {E::kRed, "red"}, {E::kAmber, "amber"}, {E::kGreen, "green"}, {E::kUnrated, "unrated"}}};
};
template <>
struct EnumNames<service::AllocationFilter> {
  using E = service::AllocationFilter;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{
      {{E::kAny, "any"}, {E::kUnallocated, "unallocated"}, {E::kMine, "mine"}}};
};
template <>
struct EnumNames<service::InboxState> {
  using E = service::InboxState;
  static constexpr std::array<std::pair<E, std::string_view>, 4> kNames{
      {{E::kAny, "any"}, {E::kUnread, "unread"}, {E::kOverdue, "overdue"}, {E::kAwaitingFeedback, "awaiting_feedback"}}};
};
}  // namespace jigsaw
