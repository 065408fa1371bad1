// Training's JSON API (docs/openapi.yaml, "Training"): recording a
// practitioner's training, reading it, and the DSL's view of the staff's.
#pragma once

#include "http/router.h"
#include "service/authentication.h"
#include "service/training.h"

namespace jigsaw::http::api {

struct TrainingServices {
  service::Authentication& authentication;
  service::Training& training;
};

void AddTrainingRoutes(Router& router, TrainingServices services);

}  // namespace jigsaw::http::api
