// Retention and erasure's JSON API (docs/openapi.yaml, "Retention"): the
// schedule, the review of records due, confirming destruction, legal holds,
// erasure requests and what was destroyed. For the organisation's DPO
// (changes) and those who oversee its records (reads).
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/retention.h"

namespace jigsaw::http::api {

struct RetentionServices {
  service::Authentication& authentication;
  service::Retention& retention;
};

void AddRetentionRoutes(Router& router, RetentionServices services);

}  // namespace jigsaw::http::api
