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
          {"must_change_password", p.must_change_password},
          {"created_at", FormatRfc3339(p.created_at)}};
}

nlohmann::json ToJson(const domain::AccountProposal& p) {
  nlohmann::json roles = nlohmann::json::array();
  for (auto r : p.roles.List()) roles.push_back(ToString(r));
  nlohmann::json out{{"id", p.id},
                     {"kind", p.practitioner_id.empty() ? "new_account" : "move"},
                     {"organisation_id", p.organisation_id},
                     {"username", p.username},
                     {"display_name", p.display_name},
                     {"roles", roles},
                     {"proposed_at", FormatRfc3339(p.proposed_at)},
                     {"outcome", ToString(p.outcome)}};
  if (!p.practitioner_id.empty()) out["practitioner_id"] = p.practitioner_id;
  // Empty for the operator at the command line.
  out["proposed_by"] = p.proposed_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.proposed_by);
  return out;
}

}  // namespace jigsaw::http::api
