#include "service/requests.h"

#include "common/random.h"
#include "service/lists.h"
#include "service/casework.h"
#include "service/outbound.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;
using domain::RequestMessageKind;
using domain::RequestStatus;

namespace {
constexpr std::string_view kRequestHidden = "There is no such record, or it is not shared with you.";

RecordFacts FactsOf(const domain::InformationRequest& r) {
  return {r.requester_organisation_id, r.requested_by, r.holder_organisation_id, {}, {}};
}
RecordFacts FactsOf(const domain::AdviceRequest& r) {
  return {r.organisation_id, r.asked_by, {}, {}, RoleOf(r.adviser)};
}

std::string_view RoleName(domain::AdviserRole a) {
  switch (a) {
    case domain::AdviserRole::kDesignatedSafeguardingLead: return "designated safeguarding lead";
    case domain::AdviserRole::kDataProtectionOfficer: return "data protection officer";
    case domain::AdviserRole::kCaldicottGuardian: return "Caldicott guardian";
    case domain::AdviserRole::kLegalTeam: return "legal adviser";
  }
  return "adviser";
}

// Golden rule 4 asks for advice promptly: a question to a role nobody holds
// would wait for ever, so it is refused while the asker can still ask someone else.
Status SomeoneHolds(store::Transaction& tx, const std::string& organisation_id, domain::AdviserRole adviser) {
  const domain::Role role = RoleOf(adviser);
  for (const auto& p : JIGSAW_TRY(tx.practitioners().List(organisation_id)))
    if (!p.disabled && p.roles.Has(role)) return Ok();
  return InvalidArgument("adviser", "Nobody in your organisation is a " + std::string(RoleName(adviser)) +
                                        ", so nobody could answer. Ask someone in another role, or ask your "
                                        "administrator who to ask.");
}
}  // namespace

domain::Role RoleOf(domain::AdviserRole a) {
  switch (a) {
    case domain::AdviserRole::kDesignatedSafeguardingLead: return domain::Role::kDesignatedSafeguardingLead;
    case domain::AdviserRole::kDataProtectionOfficer: return domain::Role::kDataProtectionOfficer;
    case domain::AdviserRole::kCaldicottGuardian: return domain::Role::kCaldicottGuardian;
    case domain::AdviserRole::kLegalTeam: return domain::Role::kLegalAdviser;
  }
  return domain::Role::kDesignatedSafeguardingLead;
}

Result<domain::InformationRequest> Requests::AskForInformation(const Context& context,
                                                               domain::InformationRequest r) {
  AuditEvent event{"request.create", "information_request", {}};
  r.id = NewId();
  r.requester_organisation_id = context.actor.organisation_id;
  r.requested_by = context.actor.practitioner_id;
  r.status = RequestStatus::kOpen;
  r.created_at = r.updated_at = clock_.Now();
  domain::Tidy(r);
  event.object_id = r.id;
  if (auto allowed = access::Authorise(context.actor, Action::kRequestInformation,
                                       RecordFacts{r.requester_organisation_id, {}, {}, {}, {}});
      !allowed)
    return trail_.Deny(context, event, allowed.error());
  JIGSAW_RETURN_IF_ERROR(domain::Validate(r));
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    if (!JIGSAW_TRY(tx.organisations().Find(r.holder_organisation_id)))
      return InvalidArgument("holder_organisation_id", "There is no organisation with that id.");
    // What is sent is what is kept: the holder reads it as stored.
    const auto outbound = JIGSAW_TRY(OutboundRedaction::For(tx, r.requester_organisation_id,
                                                            {r.child_given_name, r.child_family_name}));
    for (std::string* text : {&r.child_other_details, &r.needed, &r.reason, &r.terminology}) *text = outbound.Redact(*text);
    // The people named around the child leave as the rest does.
    for (auto& p : r.people) {
      p.name = outbound.Redact(p.name);
      p.relationship = outbound.Redact(p.relationship);
    }
    return tx.casework().InsertInformationRequest(r);
  }));
  return r;
}

Result<std::vector<domain::InformationRequest>> Requests::InformationRequests(const Context& context,
                                                                              bool received) {
  AuditEvent event{received ? "request.received" : "request.sent", "organisation", context.actor.organisation_id};
  std::vector<domain::InformationRequest> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(lists::InformationRequests(tx, context.actor, received));
    return Ok();
  }));
  return out;
}

Result<InformationRequestView> Requests::GetInformationRequest(const Context& context, const std::string& id) {
  AuditEvent event{"request.view", "information_request", id};
  InformationRequestView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(tx.casework().FindInformationRequest(id));
    if (!r) return NotFound(std::string(kRequestHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewInformationRequest, FactsOf(*r)));
    out.request = std::move(*r);
    out.messages = JIGSAW_TRY(tx.casework().RequestMessages(id));
    // The other organisation's internal record ids are not ours to hold.
    const std::string& mine = context.actor.organisation_id;
    if (out.request.holder_organisation_id == mine)
      if (auto waiting = JIGSAW_TRY(AnswerAwaitingApproval(tx, out.request))) out.answer_awaiting_approval = waiting->id;
    if (out.request.requester_organisation_id != mine) out.request.requested_by.clear();
    for (auto& m : out.messages)
      if (m.organisation_id != mine) {
        m.written_by.clear();
        m.decision_id.clear();
      }
    return Ok();
  }));
  return out;
}

Result<InformationRequestView> Requests::AddMessage(const Context& context, const std::string& id,
                                                    RequestMessageKind kind, const std::string& written) {
  AuditEvent event{"request.message", "information_request", id};
  std::string text = written;
  domain::TidyFreeText(text);
  JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("text", text, 20000));
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(tx.casework().FindInformationRequest(id));
    if (!r) return NotFound(std::string(kRequestHidden));
    const bool holder_side = kind == RequestMessageKind::kClarificationRequested;
    RequestStatus next;
    bool allowed_from = false;
    switch (kind) {
      case RequestMessageKind::kClarificationRequested:
        next = RequestStatus::kClarificationRequested;
        allowed_from = r->status == RequestStatus::kOpen || r->status == RequestStatus::kReconsiderationRequested;
        break;
      case RequestMessageKind::kClarification:
        next = RequestStatus::kOpen;
        allowed_from = r->status == RequestStatus::kClarificationRequested;
        break;
      case RequestMessageKind::kReconsiderationRequested:
        next = RequestStatus::kReconsiderationRequested;
        allowed_from = domain::IsDecided(r->status);
        break;
      default:
        return InvalidArgument("kind", "Answer or refuse a request by recording a sharing decision.");
    }
    // Either party may see the request; each writes only its own part.
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewInformationRequest, FactsOf(*r)));
    if (holder_side)
      JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kAnswerInformationRequest, FactsOf(*r)));
    else if (context.actor.organisation_id != r->requester_organisation_id)
      return PermissionDenied("Only the organisation that asked can clarify or ask for reconsideration.");
    if (!allowed_from)
      return Fail(ErrorCode::kFailedPrecondition,
                  "This request is " + std::string(ToString(r->status)) + ": a " +
                      std::string(ToString(kind)) + " message does not fit now.",
                  "kind");
    const Time now = clock_.Now();
    const auto outbound = JIGSAW_TRY(OutboundRedaction::For(tx, context.actor.organisation_id,
                                                            {r->child_given_name, r->child_family_name}));
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertRequestMessage(
        {NewId(), id, kind, outbound.Redact(text), context.actor.organisation_id, context.actor.practitioner_id, {}, now}));
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateRequestStatus(id, next, now));
    if (holder_side) JIGSAW_RETURN_IF_ERROR(Notify(tx, now, r->requested_by, "request.clarification_requested",
                                                   "information_request", id));
    return Ok();
  }));
  return GetInformationRequest(context, id);
}

Result<InformationRequestView> Requests::AnswerNotKnown(const Context& context, const std::string& id,
                                                        const std::string& given) {
  AuditEvent event{"request.not_known", "information_request", id};
  std::string note = given;
  domain::TidyFreeText(note);
  JIGSAW_RETURN_IF_ERROR(domain::ValidateText("note", note, 20000));
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(tx.casework().FindInformationRequest(id));
    if (!r) return NotFound(std::string(kRequestHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kAnswerInformationRequest, FactsOf(*r)));
    // One answer per question, as for a disclosure or a refusal.
    if (domain::IsDecided(r->status))
      return Fail(ErrorCode::kFailedPrecondition,
                  "This request has already been answered. If they ask you to reconsider, you can answer again.",
                  "status");
    if (JIGSAW_TRY(AnswerAwaitingApproval(tx, *r))) return AnswerAlreadyAwaitingApproval();
    const Time now = clock_.Now();
    const auto outbound = JIGSAW_TRY(OutboundRedaction::For(tx, context.actor.organisation_id,
                                                            {r->child_given_name, r->child_family_name}));
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertRequestMessage({NewId(), id, RequestMessageKind::kNotKnown,
                                                               outbound.Redact(note), context.actor.organisation_id,
                                                               context.actor.practitioner_id, {}, now}));
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateRequestStatus(id, RequestStatus::kNotKnown, now));
    return Notify(tx, now, r->requested_by, "request.not_known", "information_request", id);
  }));
  return GetInformationRequest(context, id);
}

Result<domain::AdviceRequest> Requests::AskForAdvice(const Context& context, domain::AdviceRequest r) {
  AuditEvent event{"advice.create", "advice_request", {}};
  r.id = NewId();
  r.organisation_id = context.actor.organisation_id;
  r.asked_by = context.actor.practitioner_id;
  r.created_at = clock_.Now();
  r.answer.clear();
  r.answered_by.clear();
  r.answered_at = {};
  domain::Tidy(r);
  event.object_id = r.id;
  if (auto allowed = access::Authorise(context.actor, Action::kAskAdvice, FactsOf(r)); !allowed)
    return trail_.Deny(context, event, allowed.error());
  JIGSAW_RETURN_IF_ERROR(domain::Validate(r));
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(SomeoneHolds(tx, r.organisation_id, r.adviser));
    if (!r.concern_id.empty()) {
      auto c = JIGSAW_TRY(tx.casework().FindConcern(r.concern_id));
      if (!c) return NotYours("concern_id");
      // Advice about a concern names it: only someone who may read it can.
      JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewConcern,
                                               RecordFacts{c->organisation_id, c->raised_by, {}, {}, {}}));
      if (!r.child_id.empty() && r.child_id != c->child_id)
        return InvalidArgument("child_id", "This concern is about another child.");
      r.child_id = c->child_id;
      event.child_id = r.child_id;
    }
    if (!r.child_id.empty()) {
      auto p = JIGSAW_TRY(tx.casework().FindPerson(r.child_id));
      if (!p || p->organisation_id != r.organisation_id) return NotYours("child_id");
      event.child_id = r.child_id;
    }
    return tx.casework().InsertAdviceRequest(r);
  }));
  return r;
}

Result<std::vector<domain::AdviceRequest>> Requests::AdviceRequests(const Context& context, bool to_me) {
  AuditEvent event{to_me ? "advice.to_me" : "advice.mine", "practitioner", context.actor.practitioner_id};
  std::vector<domain::AdviceRequest> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(lists::AdviceRequests(tx, context.actor, to_me));
    return Ok();
  }));
  return out;
}

Result<domain::AdviceRequest> Requests::GetAdviceRequest(const Context& context, const std::string& id) {
  AuditEvent event{"advice.view", "advice_request", id};
  domain::AdviceRequest out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(tx.casework().FindAdviceRequest(id));
    if (!r) return NotFound(std::string(kRequestHidden));
    event.child_id = r->child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewAdviceRequest, FactsOf(*r)));
    out = std::move(*r);
    return Ok();
  }));
  return out;
}

Result<domain::AdviceRequest> Requests::Answer(const Context& context, const std::string& id,
                                               const std::string& given) {
  AuditEvent event{"advice.answer", "advice_request", id};
  std::string answer = given;
  domain::TidyFreeText(answer);
  JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("answer", answer, 20000));
  domain::AdviceRequest out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(tx.casework().FindAdviceRequest(id));
    if (!r) return NotFound(std::string(kRequestHidden));
    event.child_id = r->child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kAnswerAdvice, FactsOf(*r)));
    if (r->answered_at != Time{})
      return Fail(ErrorCode::kFailedPrecondition, "This request has already been answered.", "answer");
    r->answer = answer;
    r->answered_by = context.actor.practitioner_id;
    r->answered_at = clock_.Now();
    JIGSAW_RETURN_IF_ERROR(tx.casework().AnswerAdviceRequest(*r));
    JIGSAW_RETURN_IF_ERROR(Notify(tx, r->answered_at, r->asked_by, "advice.answered", "advice_request", id));
    out = std::move(*r);
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
