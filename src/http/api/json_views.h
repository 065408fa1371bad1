// How domain records look in the JSON API. One function per record so the
// API, the CLI and the tests agree on the shape.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/organisation.h"
#include "domain/practitioner.h"

namespace jigsaw::http::api {

nlohmann::json ToJson(const domain::Organisation& organisation);
nlohmann::json ToJson(const domain::Practitioner& practitioner);
nlohmann::json ToJson(const domain::AccountProposal& proposal);

}  // namespace jigsaw::http::api
