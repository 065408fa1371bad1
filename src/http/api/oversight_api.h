// Oversight's JSON API and CSV export (docs/openapi.yaml, "Oversight"):
// the figures of service/oversight.h over a chosen period, counts only.
#pragma once

#include <string>

#include "http/router.h"
#include "service/authentication.h"
#include "service/oversight.h"

namespace jigsaw::http::api {

struct OversightServices {
  service::Authentication& authentication;
  service::Oversight& oversight;
};

void AddOversightRoutes(Router& router, OversightServices services);

// The figures as CSV (the page's download and format=csv): a header
// "figure,month,value", then one row per figure (month empty), then one
// row per figure per month ("2026-03"). Figure names are those of the
// JSON (docs/openapi.yaml); no person is named.
std::string OversightCsv(const service::OversightReport& report);

}  // namespace jigsaw::http::api
