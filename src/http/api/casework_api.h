// The sharing workflow's JSON API (docs/openapi.yaml, docs/workflow.md):
// people, concerns and items, decisions and disclosures, feedback,
// information and advice requests, and notices.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/casework.h"
#include "service/recording.h"
#include "service/requests.h"
#include "service/sharing.h"

namespace jigsaw::http::api {

struct CaseworkServices {
  service::Authentication& authentication;
  service::Casework& casework;
  service::Sharing& sharing;
  service::Requests& requests;
  const Clock& clock;  // to say what is overdue
  service::Recording& recording;
};

void AddCaseworkRoutes(Router& router, CaseworkServices services);

}  // namespace jigsaw::http::api
