// Asking for what others know, and for advice. An information request goes
// to another organisation, saying what is needed and why; the holder
// answers with a disclosure (a sharing decision naming the request),
// refuses with reasons (a recorded decision not to share), or asks what is
// meant; the requester can explain, or ask for reconsideration. An advice
// request goes to a role in one's own organisation (golden rule 4), and
// only to a role someone there holds.
#pragma once

#include <string>
#include <vector>

#include "domain/casework.h"
#include "service/context.h"
#include "service/workflow.h"

namespace jigsaw::service {

struct InformationRequestView {
  domain::InformationRequest request;
  std::vector<domain::RequestMessage> messages;
  // For the holder only: the decision, proposed by a member of staff, that
  // answers it once their DSL approves (empty when none waits).
  std::string answer_awaiting_approval;
};

class Requests {
 public:
  Requests(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  Result<domain::InformationRequest> AskForInformation(const Context& context,
                                                       domain::InformationRequest request);
  // sent: the actor's own (or, for a DSL, the organisation's); received: to the organisation.
  Result<std::vector<domain::InformationRequest>> InformationRequests(const Context& context, bool received);
  Result<InformationRequestView> GetInformationRequest(const Context& context, const std::string& id);
  // clarification_requested (holder), clarification or reconsideration_requested (requester).
  Result<InformationRequestView> AddMessage(const Context& context, const std::string& id,
                                            domain::RequestMessageKind kind, const std::string& text);
  // The holder answers that the child or what is asked is not known to
  // them, with an optional note: the request is answered (not_known) and
  // the requester told, as with any answer. kFailedPrecondition ("status")
  // if it has already been answered and no reconsideration was asked for.
  Result<InformationRequestView> AnswerNotKnown(const Context& context, const std::string& id,
                                                const std::string& note);

  // kInvalidArgument naming "adviser" when nobody in the organisation
  // holds that role (nobody could answer); nothing is written then.
  Result<domain::AdviceRequest> AskForAdvice(const Context& context, domain::AdviceRequest request);
  // mine: asked by the actor; to_me: addressed to a role the actor holds.
  Result<std::vector<domain::AdviceRequest>> AdviceRequests(const Context& context, bool to_me);
  Result<domain::AdviceRequest> GetAdviceRequest(const Context& context, const std::string& id);
  Result<domain::AdviceRequest> Answer(const Context& context, const std::string& id, const std::string& answer);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

domain::Role RoleOf(domain::AdviserRole adviser);

}  // namespace jigsaw::service
