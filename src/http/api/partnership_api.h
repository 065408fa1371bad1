// The partnership index's JSON API (docs/openapi.yaml, docs/linkage.md):
// "who else knows this child?", lookups, an organisation's choice to
// withhold its name, and risk alerts.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/partnership.h"

namespace jigsaw::http::api {

void AddPartnershipRoutes(Router& router, service::Authentication& authentication, service::Partnership& partnership);

// The page where an information request about the child of `child_id` to
// `holder_organisation_id` starts, filled in from the child's record.
std::string InformationRequestHref(const std::string& holder_organisation_id, const std::string& child_id);

}  // namespace jigsaw::http::api
