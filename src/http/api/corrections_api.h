// Corrections' JSON API (docs/openapi.yaml, "Corrections"; docs/rights.md):
// correcting a person or an information item by a superseding version, and
// reading the versions a record has had.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/corrections.h"

namespace jigsaw::http::api {

struct CorrectionServices {
  service::Authentication& authentication;
  service::Corrections& corrections;
};

void AddCorrectionRoutes(Router& router, CorrectionServices services);

}  // namespace jigsaw::http::api
