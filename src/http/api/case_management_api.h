// The JSON API for what an organisation does with its cases beyond sharing
// (docs/openapi.yaml, docs/workflow.md): a recipient's triage of the
// disclosures it receives (the inbox with its summaries, sorted and
// filtered; a RAG rating; allocation to a worker), and a DSL's case
// management (the caseload, a concern closed with an outcome, tasks,
// related concerns, flags on a child's record).
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/case_management.h"
#include "service/triage.h"

namespace jigsaw::http::api {

struct CaseManagementServices {
  service::Authentication& authentication;
  service::Triage& triage;
  service::CaseManagement& case_management;
  const Clock& clock;  // to say what is overdue
};

void AddCaseManagementRoutes(Router& router, CaseManagementServices services);

// The inbox filter from query parameters (sort, rating, allocation, level,
// state), shared by the API and the inbox page; kInvalidArgument naming
// the parameter for a value that is not one of its names.
Result<service::InboxFilter> InboxFilterFrom(const Request& request);

}  // namespace jigsaw::http::api
