// Linking's JSON API (docs/openapi.yaml, "Linking"): the matches suggested
// between an organisation's records of a child and other records, a
// person's decision on each, and the child's multi-agency chronology.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/linking.h"

namespace jigsaw::http::api {

struct LinkingServices {
  service::Authentication& authentication;
  service::Linking& linking;
};

void AddLinkingRoutes(Router& router, LinkingServices services);

}  // namespace jigsaw::http::api
