// The registers' JSON API (docs/openapi.yaml, "Governance"): data sharing
// agreements under /api/v1/agreements and DPIAs under /api/v1/dpias.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/governance.h"

namespace jigsaw::http::api {

struct GovernanceServices {
  service::Authentication& authentication;
  service::Governance& governance;
};

void AddGovernanceRoutes(Router& router, GovernanceServices services);

}  // namespace jigsaw::http::api
