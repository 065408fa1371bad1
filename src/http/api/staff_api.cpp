// When people leave, come back, change job, move or forget their password,
// and accounts proposed for an organisation's approval: each route parses
// its input, calls one use case of service::Administration and renders it.
#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/api/json_views.h"

namespace jigsaw::http::api {
namespace {

// api::ToJson (json_views.h) is named in full: in a unity build the other
// files' file-local ToJson overloads share this anonymous namespace and
// would hide it.

using nlohmann::json;

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

Response Done(Request& req, const Status& status) { return status ? NoContent() : ErrorResponse(req, status.error()); }

// The body's fields, none but `known`, or the 400 naming what is wrong.
Result<JsonFields> Fields(const JsonDocument& body, std::initializer_list<std::string_view> known) {
  JsonFields f(body.root());
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown(known));
  return f;
}

void AddLeaverRoutes(Router& router, service::Authentication& auth, service::Administration& admin) {
  for (const auto& [path, state] : {std::pair{"/api/v1/practitioners/{id}/disable", service::AccountState::kDisabled},
                                    std::pair{"/api/v1/practitioners/{id}/enable", service::AccountState::kEnabled}})
    router.Add("POST", path,
               SignedIn(auth, [&admin, state](Request& req, const service::Authenticated&, const service::Context& ctx) {
                 return Done(req, admin.SetAccountState(ctx, std::string(req.PathParam("id")), state));
               }));

  router.Add("POST", "/api/v1/practitioners/{id}/roles",
             SignedIn(auth, [&admin](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               auto roles = [&]() -> Result<domain::RoleSet> {
                 JsonFields f = JIGSAW_TRY(Fields(*body, {"roles"}));
                 return domain::RoleSet::Parse("roles", JIGSAW_TRY(f.Strings("roles")));
               }();
               if (!roles) return ErrorResponse(req, roles.error());
               return Done(req, admin.ChangeRoles(ctx, std::string(req.PathParam("id")), *roles));
             }));

  router.Add("POST", "/api/v1/practitioners/{id}/password-reset",
             SignedIn(auth, [&admin](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               auto password = [&]() -> Result<std::string> {
                 JsonFields f = JIGSAW_TRY(Fields(*body, {"password"}));
                 return f.String("password");
               }();
               if (!password) return ErrorResponse(req, password.error());
               return Done(req, admin.ResetPassword(ctx, std::string(req.PathParam("id")), *password));
             }));

  // A move waits for the destination organisation's approval: 202 and the
  // proposal.
  router.Add("POST", "/api/v1/practitioners/{id}/move",
             SignedIn(auth, [&admin](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               std::string organisation_id;
               domain::RoleSet roles;
               Status parsed = [&]() -> Status {
                 JsonFields f = JIGSAW_TRY(Fields(*body, {"organisation_id", "roles"}));
                 organisation_id = JIGSAW_TRY(f.String("organisation_id"));
                 roles = JIGSAW_TRY(domain::RoleSet::Parse("roles", JIGSAW_TRY(f.Strings("roles"))));
                 return Ok();
               }();
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, admin.ProposeMove(ctx, std::string(req.PathParam("id")), organisation_id, roles), 202,
                             [](const auto& p) { return api::ToJson(p); });
             }));
}

void AddProposalRoutes(Router& router, service::Authentication& auth, service::Administration& admin) {
  router.Add("POST", "/api/v1/account-proposals",
             SignedIn(auth, [&admin](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               service::NewPractitioner n;
               Status parsed = [&]() -> Status {
                 JsonFields f =
                     JIGSAW_TRY(Fields(*body, {"organisation_id", "username", "display_name", "roles", "password"}));
                 n.organisation_id = JIGSAW_TRY(f.String("organisation_id"));
                 n.username = JIGSAW_TRY(f.String("username"));
                 n.display_name = JIGSAW_TRY(f.String("display_name"));
                 n.roles = JIGSAW_TRY(domain::RoleSet::Parse("roles", JIGSAW_TRY(f.Strings("roles"))));
                 n.password = JIGSAW_TRY(f.String("password"));
                 return Ok();
               }();
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, admin.ProposeAccount(ctx, n), 201, [](const auto& p) { return api::ToJson(p); });
             }));

  // Those waiting for the caller's organisation (or ?organisation_id=).
  router.Add("GET", "/api/v1/account-proposals",
             SignedIn(auth, [&admin](Request& req, const service::Authenticated& who, const service::Context& ctx) {
               const std::string org = req.QueryParam("organisation_id").value_or(who.practitioner.organisation_id);
               return Render(req, admin.PendingProposals(ctx, org), 200, [](const auto& list) {
                 json items = json::array();
                 for (const auto& p : list) items.push_back(api::ToJson(p));
                 return json{{"proposals", items}};
               });
             }));

  router.Add("POST", "/api/v1/account-proposals/{id}/approve",
             SignedIn(auth, [&admin](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, admin.DecideProposal(ctx, std::string(req.PathParam("id")), domain::ProposalOutcome::kApproved),
                             200, [](const auto& p) { return p ? api::ToJson(*p) : json::object(); });
             }));

  router.Add("POST", "/api/v1/account-proposals/{id}/decline",
             SignedIn(auth, [&admin](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto declined = admin.DecideProposal(ctx, std::string(req.PathParam("id")), domain::ProposalOutcome::kDeclined);
               return declined ? NoContent() : ErrorResponse(req, declined.error());
             }));
}

}  // namespace

void AddStaffRoutes(Router& router, service::Authentication& auth, service::Administration& admin) {
  AddLeaverRoutes(router, auth, admin);
  AddProposalRoutes(router, auth, admin);
}

}  // namespace jigsaw::http::api
