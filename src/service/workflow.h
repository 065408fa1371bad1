// What the sharing workflow's use cases share: the deadlines a partnership
// sets, and the way each use case runs its work and its audit record in
// one transaction.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "domain/working_days.h"
#include "service/audit_trail.h"
#include "store/store.h"

namespace jigsaw::service {

// Deadlines, in working days (domain::WorkingCalendar).
struct WorkflowPolicy {
  domain::WorkingCalendar calendar;
  // An emergency share's full record is owed by the end of this many
  // working days after it (1: "the end of the next working day").
  int emergency_record_working_days = 1;
  // A recipient acknowledges (opens) a disclosure within this many.
  int acknowledgement_working_days = 1;
  // And says what was done with it (closing the loop) within this many.
  int feedback_working_days = 10;
};

// What a caller is told of a record that does not exist or is not theirs
// to see, named by the field that referred to it: the same either way, so
// that an id in a request body reveals nothing, and audited as a denial.
inline std::unexpected<Error> NotYours(std::string_view field) {
  return Fail(ErrorCode::kNotFound, "There is no such record, or it is not shared with you.", std::string(field));
}

// Every child a person's record is about or around: the child themself, or
// each child an adult is related to.
inline Result<std::vector<std::string>> ChildrenAround(store::Transaction& tx, const domain::Person& person) {
  if (person.kind == domain::PersonKind::kChild) return std::vector<std::string>{person.id};
  std::vector<std::string> out;
  for (const auto& r : JIGSAW_TRY(tx.casework().Relationships(person.id))) {
    const std::string& other = r.person_id == person.id ? r.related_person_id : r.person_id;
    auto related = JIGSAW_TRY(tx.casework().FindPerson(other));
    if (related && related->kind == domain::PersonKind::kChild &&
        std::find(out.begin(), out.end(), related->id) == out.end())
      out.push_back(related->id);
  }
  return out;
}

// The child a person's record is about or around (the first child they are
// related to), so that a correction of a mother's record is found in the
// trail of the child's records. Empty for an adult related to no child.
inline Result<std::string> ChildAround(store::Transaction& tx, const domain::Person& person) {
  const auto children = JIGSAW_TRY(ChildrenAround(tx, person));
  return children.empty() ? std::string() : children.front();
}

// Runs `work` in one write transaction and appends `event` (which work may
// complete, e.g. with the id it created) in the same transaction. A refusal
// (kPermissionDenied, kNotFound) rolls the work back and is recorded in a
// transaction of its own; other failures roll back and are returned.
template <typename Work>
Status Audited(store::Store& store, const AuditTrail& trail, const Context& context,
               AuditEvent& event, Work&& work) {
  Status done = store.Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(work(tx));
    return trail.Append(tx, context, event);
  });
  if (!done && (done.error().code == ErrorCode::kPermissionDenied ||
                done.error().code == ErrorCode::kNotFound))
    return trail.Deny(context, event, done.error());
  return done;
}

// The holder's answer to an information request that a member of staff
// proposed and their DSL has yet to approve, if any: while it waits, the
// request has its answer coming and must not be answered again.
inline Result<std::optional<domain::Decision>> AnswerAwaitingApproval(store::Transaction& tx,
                                                                      const domain::InformationRequest& request) {
  store::DecisionQuery q;
  q.organisation_id = request.holder_organisation_id;
  q.awaiting_approval_only = true;
  for (auto& d : JIGSAW_TRY(tx.casework().Decisions(q)))
    if (d.information_request_id == request.id) return std::optional<domain::Decision>(std::move(d));
  return std::optional<domain::Decision>();
}

inline std::unexpected<Error> AnswerAlreadyAwaitingApproval() {
  return Fail(ErrorCode::kFailedPrecondition,
              "An answer to this request is waiting for your designated safeguarding lead's approval.", "status");
}

}  // namespace jigsaw::service
