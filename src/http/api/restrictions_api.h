// Restriction of processing (UK GDPR Article 18) and objection (Article 21):
// the JSON API (docs/openapi.yaml, "Rights"), for the organisation's DPO.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/restrictions.h"

namespace jigsaw::http::api {

struct RestrictionServices {
  service::Authentication& authentication;
  service::Restrictions& restrictions;
};

void AddRestrictionRoutes(Router& router, RestrictionServices services);

}  // namespace jigsaw::http::api
