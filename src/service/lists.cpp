#include "service/lists.h"

#include <algorithm>
#include <map>
#include <set>

#include "service/requests.h"
#include "service/restrictions.h"

namespace jigsaw::service::lists {

using access::Action;
using access::RecordFacts;

Result<std::vector<domain::Concern>> SafeguardingQueue(store::Transaction& tx, const access::Actor& actor) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, Action::kViewSafeguardingQueue,
                                           RecordFacts{actor.organisation_id, {}, {}, {}, {}}));
  std::vector<domain::Concern> out;
  for (auto status : {domain::ConcernStatus::kNew, domain::ConcernStatus::kSeen}) {
    store::ConcernQuery q;
    q.organisation_id = actor.organisation_id;
    q.status = status;
    for (auto& c : JIGSAW_TRY(tx.casework().Concerns(q))) out.push_back(std::move(c));
  }
  // Masked before the sort, so that the order reveals no withheld level.
  JIGSAW_TRY(Withholding::Load(tx, actor, actor.organisation_id)).MaskAll(out);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.level != b.level) return a.level > b.level;
    return a.created_at < b.created_at;
  });
  return out;
}

Result<std::vector<DisclosureSummary>> Disclosures(store::Transaction& tx, const access::Actor& a, bool inbox,
                                                   store::DisclosureQuery q) {
  if (inbox) {
    // Listing the inbox is allowed to whoever may receive a disclosure addressed to the organisation.
    JIGSAW_RETURN_IF_ERROR(access::Authorise(a, Action::kReceiveDisclosure, RecordFacts{"", "", a.organisation_id, {}, {}}));
    q.recipient_organisation_id = a.organisation_id;
  } else {
    const auto scope = JIGSAW_TRY(access::ListScope(a, Action::kViewDisclosure));
    q.sharer_organisation_id = a.organisation_id;
    if (scope == access::Scope::kOwn) q.sharer_id = a.practitioner_id;
  }
  std::map<std::string, std::string> names;
  for (const auto& o : JIGSAW_TRY(tx.organisations().List())) names[o.id] = o.name;
  std::vector<DisclosureSummary> out;
  for (auto& s : JIGSAW_TRY(tx.casework().Disclosures(q))) {
    // A disclosure addressed to one practitioner is theirs and their DSL's.
    // A recalled one stays in the inbox, marked, for whoever could have read
    // it to confirm they keep no copy; its content is not listed.
    if (inbox && !access::Authorise(a, domain::IsRecalled(s) ? Action::kConfirmRecall : Action::kReceiveDisclosure,
                                    access::FactsOf(s)))
      continue;
    s.sealed_content.clear();
    if (inbox) {
      // The sharer's record ids mean nothing to the recipient and are not theirs.
      s.child_id.clear();
      s.decision_id.clear();
      s.sharer_id.clear();
    }
    // Article 19: an earlier disclosure shows that it was corrected.
    std::vector<std::string> corrected_by;
    for (const auto& c : JIGSAW_TRY(tx.casework().CorrectionsOf(s.id)))
      if (!domain::IsRecalled(c)) corrected_by.push_back(c.id);
    out.push_back({s, names[s.sharer_organisation_id], names[s.recipient_organisation_id], std::move(corrected_by)});
  }
  return out;
}

Result<std::vector<domain::Decision>> OwedRecords(store::Transaction& tx, const access::Actor& actor) {
  const auto scope = JIGSAW_TRY(access::ListScope(actor, Action::kDecide));
  store::DecisionQuery q;
  q.organisation_id = actor.organisation_id;
  q.emergency_owed_only = true;
  if (scope == access::Scope::kOwn) q.decided_by = actor.practitioner_id;
  return tx.casework().Decisions(q);
}

Result<std::vector<domain::InformationRequest>> InformationRequests(store::Transaction& tx,
                                                                    const access::Actor& a, bool received,
                                                                    bool open_only) {
  store::InformationRequestQuery q;
  q.open_only = open_only;
  if (received) {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(a, Action::kAnswerInformationRequest,
                                             RecordFacts{{}, {}, a.organisation_id, {}, {}}));
    q.holder_organisation_id = a.organisation_id;
  } else {
    const auto scope = JIGSAW_TRY(access::ListScope(a, Action::kViewInformationRequest));
    q.requester_organisation_id = a.organisation_id;
    if (scope == access::Scope::kOwn) q.requested_by = a.practitioner_id;
  }
  auto out = JIGSAW_TRY(tx.casework().InformationRequests(q));
  // The requester's internal record ids are not the holder's to hold.
  if (received)
    for (auto& r : out) r.requested_by.clear();
  return out;
}

Result<std::vector<domain::AdviceRequest>> AdviceRequests(store::Transaction& tx, const access::Actor& a,
                                                          bool to_me, bool unanswered_only) {
  if (a.practitioner_id.empty()) return PermissionDenied("Sign in first.");
  store::AdviceRequestQuery q;
  q.organisation_id = a.organisation_id;
  q.unanswered_only = unanswered_only;
  if (to_me) {
    for (auto adviser : {domain::AdviserRole::kDesignatedSafeguardingLead, domain::AdviserRole::kDataProtectionOfficer,
                         domain::AdviserRole::kCaldicottGuardian, domain::AdviserRole::kLegalTeam})
      if (a.roles.Has(RoleOf(adviser))) q.advisers.push_back(adviser);
    if (q.advisers.empty()) return std::vector<domain::AdviceRequest>{};  // nobody asks someone without an adviser role
  } else {
    q.asked_by = a.practitioner_id;
  }
  return tx.casework().AdviceRequests(q);
}

Result<std::vector<domain::Practitioner>> Caseworkers(store::Transaction& tx, const std::string& organisation_id) {
  auto people = JIGSAW_TRY(tx.practitioners().List(organisation_id));
  std::erase_if(people, [](const domain::Practitioner& p) {
    return p.disabled || !(p.roles.Has(domain::Role::kPractitioner) || p.roles.Has(domain::Role::kDesignatedSafeguardingLead));
  });
  return people;
}

Result<std::vector<domain::Task>> MyTasks(store::Transaction& tx, const access::Actor& a) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(a, Action::kViewTask, RecordFacts{a.organisation_id, a.practitioner_id, {}, {}, {}}));
  store::TaskQuery q;
  q.organisation_id = a.organisation_id;
  q.owner_id = a.practitioner_id;
  q.open_only = true;
  return tx.case_management().Tasks(q);
}

Result<std::vector<DisclosureSummary>> AllocatedToMe(store::Transaction& tx, const access::Actor& a) {
  store::DisclosureQuery q;
  q.without_feedback_only = true;
  q.exclude_recalled = true;  // no feedback is owed on what was recalled
  q.limit = 1000;
  auto open = JIGSAW_TRY(Disclosures(tx, a, /*inbox=*/true, q));
  std::set<std::string> mine;
  for (const auto& m : JIGSAW_TRY(tx.case_management().TriageOf(a.organisation_id)))
    if (m.allocated_to == a.practitioner_id) mine.insert(m.disclosure_id);
  std::erase_if(open, [&](const DisclosureSummary& s) { return !mine.contains(s.disclosure.id); });
  return open;
}

}  // namespace jigsaw::service::lists
