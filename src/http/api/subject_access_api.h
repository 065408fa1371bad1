// Subject access's JSON API (docs/openapi.yaml, "Subject access";
// service/subject_access.h): the DPO's requests under
// /api/v1/subject-access-requests, and the people a request can be for.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/subject_access.h"

namespace jigsaw::http::api {

struct SubjectAccessServices {
  service::Authentication& authentication;
  service::SubjectAccess& subject_access;
};

void AddSubjectAccessRoutes(Router& router, SubjectAccessServices services);

}  // namespace jigsaw::http::api
