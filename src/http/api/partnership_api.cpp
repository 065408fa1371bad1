#include "http/api/partnership_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;

std::string PartnershipStamp(Time t) { return t == Time{} ? std::string() : FormatRfc3339(t); }

json ToJson(const service::KnownBy& k, const std::string& child_id) {
  json dsls = json::array();
  for (const auto& d : k.dsls) dsls.push_back({{"name", d.name}, {"email", d.email}});
  json j = {{"id", k.organisation.id}, {"name", k.organisation.name}, {"type", ToString(k.organisation.type)},
            {"designated_safeguarding_leads", dsls}};
  if (!child_id.empty()) j["information_request"] = InformationRequestHref(k.organisation.id, child_id);
  return j;
}

// The asker sees the organisations named; a holder sees who asked and its
// own record of the child.
json ToJson(const service::LookupView& v) {
  json j = {{"id", v.lookup.id}, {"asked_at", PartnershipStamp(v.lookup.asked_at)},
            {"asked_from", {{"id", v.asked_from.id}, {"name", v.asked_from.name}}},
            {"asked_by", {{"name", v.asked_by.name}, {"email", v.asked_by.email}}}, {"child_id", v.child.id}};
  if (v.asker) {
    json orgs = json::array();
    for (const auto& k : v.known_by) orgs.push_back(ToJson(k, v.child.id));
    j["organisations"] = orgs;
  }
  return j;
}

json ToJson(const domain::RiskAlert& a) {
  return {{"id", a.id}, {"link", ToString(a.link)}, {"children", a.children}, {"organisations", a.organisations},
          {"created_at", PartnershipStamp(a.created_at)}, {"updated_at", PartnershipStamp(a.updated_at)}};
}

json ToJson(const service::RiskAlertView& v) {
  json j = ToJson(v.alert);
  json children = json::array();
  for (const auto& c : v.children)
    children.push_back({{"child_key", c.child_key}, {"name", c.name}, {"date_of_birth", c.date_of_birth},
                        {"own_record_id", c.own_person_id.empty() ? json(nullptr) : json(c.own_person_id)},
                        {"organisation_ids", c.organisation_ids}, {"withheld_organisations", c.withheld_organisations}});
  j["children_known"] = children;
  json orgs = json::array();
  for (const auto& k : v.organisations) orgs.push_back(ToJson(k, {}));
  j["organisations_known"] = orgs;
  j["withheld_organisations"] = v.withheld_organisations;
  j["link_records"] = v.link_records;
  return j;
}

}  // namespace

std::string InformationRequestHref(const std::string& holder_organisation_id, const std::string& child_id) {
  return "/information-requests/new?holder=" + holder_organisation_id + "&child=" + child_id;
}

void AddPartnershipRoutes(Router& router, service::Authentication& auth, service::Partnership& partnership) {
  router.Add("POST", "/api/v1/people/{id}/who-else-knows",
             SignedIn(auth, [&partnership](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, partnership.WhoElseKnows(ctx, std::string(req.PathParam("id"))), 201,
                             [](const auto& v) { return ToJson(v); });
             }));
  router.Add("GET", "/api/v1/partnership/lookups/{id}",
             SignedIn(auth, [&partnership](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, partnership.GetLookup(ctx, std::string(req.PathParam("id"))), 200,
                             [](const auto& v) { return ToJson(v); });
             }));
  router.Add("GET", "/api/v1/partnership/visibility",
             SignedIn(auth, [&partnership](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, partnership.WithholdsName(ctx), 200, [&ctx](bool withhold) {
                 return json{{"organisation_id", ctx.actor.organisation_id}, {"withhold_name", withhold}};
               });
             }));
  router.Add("PUT", "/api/v1/partnership/visibility",
             SignedIn(auth, [&partnership](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               auto withhold = [&]() -> Result<bool> {
                 JsonFields f(body->root());
                 JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"withhold_name"}));
                 return f.Bool("withhold_name");
               }();
               if (!withhold) return ErrorResponse(req, withhold.error());
               if (auto done = partnership.SetWithholdName(ctx, *withhold); !done) return ErrorResponse(req, done.error());
               return JsonResponse(200, json{{"organisation_id", ctx.actor.organisation_id}, {"withhold_name", *withhold}});
             }));
  router.Add("GET", "/api/v1/risk-alerts",
             SignedIn(auth, [&partnership](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, partnership.RiskAlerts(ctx), 200, [](const auto& alerts) {
                 json a = json::array();
                 for (const auto& x : alerts) a.push_back(ToJson(x));
                 return json{{"risk_alerts", a}};
               });
             }));
  router.Add("GET", "/api/v1/risk-alerts/{id}",
             SignedIn(auth, [&partnership](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, partnership.GetRiskAlert(ctx, std::string(req.PathParam("id"))), 200,
                             [](const auto& v) { return ToJson(v); });
             }));
}

}  // namespace jigsaw::http::api
