#include "http/api/json_views.h"

namespace jigsaw::http::api {

nlohmann::json ToJson(const domain::Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"type", ToString(o.type)},
          {"sector", ToString(o.sector)},
          {"competent_authority", o.competent_authority},
          {"staff_shares", ToString(o.staff_shares)},
          {"created_at", FormatRfc3339(o.created_at)}};
}

nlohmann::json ToJson(const domain::Practitioner& p) {
  nlohmann::json roles = nlohmann::json::array();
  for (auto r : p.roles.List()) roles.push_back(ToString(r));
  return {{"id", p.id},
          {"organisation_id", p.organisation_id},
          {"username", p.username},
          {"display_name", p.display_name},
          {"roles", roles},
          {"disabled", p.disabled},
          {"created_at", FormatRfc3339(p.created_at)}};
}

}  // namespace jigsaw::http::api
