#include "http/api/restrictions_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {

using nlohmann::json;
using service::Authenticated;
using service::Context;

namespace {

json Time(jigsaw::Time t) { return t == jigsaw::Time{} ? json(nullptr) : json(FormatRfc3339(t)); }
json TextOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json RestrictionJson(const domain::Restriction& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"reason", r.reason},
          {"placed_by", r.placed_by},
          {"placed_at", Time(r.placed_at)},
          {"active", domain::IsActive(r)},
          {"notice", domain::RestrictionNotice(r.placed_at)},
          {"lifted_by", TextOrNull(r.lifted_by)},
          {"lifted_at", Time(r.lifted_at)},
          {"lift_reason", TextOrNull(r.lift_reason)}};
}

json ObjectionJson(const domain::Objection& o) {
  return {{"id", o.id},
          {"person_id", o.person_id},
          {"received_on", o.received_on},
          {"objector", ToString(o.objector)},
          {"objector_name", TextOrNull(o.objector_name)},
          {"grounds", o.grounds},
          {"recorded_by", o.recorded_by},
          {"recorded_at", Time(o.recorded_at)},
          {"decision", ToString(o.decision)},
          {"decision_reason", TextOrNull(o.decision_reason)},
          {"decided_by", TextOrNull(o.decided_by)},
          {"decided_at", Time(o.decided_at)}};
}

template <typename T, typename F>
json List(const std::vector<T>& items, F to) {
  json out = json::array();
  for (const auto& i : items) out.push_back(to(i));
  return out;
}

// Runs `read` over the request's JSON body; answers the first problem.
template <typename Read>
Status ReadBody(Request& req, std::initializer_list<std::string_view> known, Read read) {
  auto body = ParseJsonBody(req);
  if (!body) return std::unexpected(body.error());
  const JsonFields f(body->root());
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown(known));
  return read(f);
}

}  // namespace

void AddRestrictionRoutes(Router& router, RestrictionServices s) {
  auto& auth = s.authentication;
  auto* restrictions = &s.restrictions;
  router.Add("GET", "/api/v1/restrictions",
             SignedIn(auth, [restrictions](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, restrictions->Register(ctx), 200, [](const service::RightsRegister& r) {
                 return json{{"restrictions", List(r.restrictions, RestrictionJson)}};
               });
             }));
  router.Add("POST", "/api/v1/people/{id}/restrictions",
             SignedIn(auth, [restrictions](Request& req, const Authenticated&, const Context& ctx) {
               service::NewRestriction in{.person_id = std::string(req.PathParam("id")), .reason = {}};
               Status parsed = ReadBody(req, {"reason"}, [&](const JsonFields& f) -> Status {
                 in.reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
                 return Ok();
               });
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, restrictions->Restrict(ctx, in), 201, RestrictionJson);
             }));
  router.Add("POST", "/api/v1/restrictions/{id}/lift",
             SignedIn(auth, [restrictions](Request& req, const Authenticated&, const Context& ctx) {
               std::string reason;
               Status parsed = ReadBody(req, {"reason"}, [&](const JsonFields& f) -> Status {
                 reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
                 return Ok();
               });
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, restrictions->Lift(ctx, std::string(req.PathParam("id")), reason), 200,
                             RestrictionJson);
             }));
  router.Add("GET", "/api/v1/objections",
             SignedIn(auth, [restrictions](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, restrictions->Register(ctx), 200, [](const service::RightsRegister& r) {
                 return json{{"objections", List(r.objections, ObjectionJson)}};
               });
             }));
  router.Add("POST", "/api/v1/people/{id}/objections",
             SignedIn(auth, [restrictions](Request& req, const Authenticated&, const Context& ctx) {
               service::NewObjection in;
               in.person_id = std::string(req.PathParam("id"));
               Status parsed = ReadBody(req, {"received_on", "objector", "objector_name", "grounds"},
                                        [&](const JsonFields& f) -> Status {
                                          in.received_on = JIGSAW_TRY(f.StringOrEmpty("received_on"));
                                          in.objector = JIGSAW_TRY(f.Enum<domain::Objector>("objector"));
                                          in.objector_name = JIGSAW_TRY(f.StringOrEmpty("objector_name"));
                                          in.grounds = JIGSAW_TRY(f.StringOrEmpty("grounds"));
                                          return Ok();
                                        });
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, restrictions->RecordObjection(ctx, in), 201, ObjectionJson);
             }));
  router.Add("POST", "/api/v1/objections/{id}/decision",
             SignedIn(auth, [restrictions](Request& req, const Authenticated&, const Context& ctx) {
               service::ObjectionVerdict verdict;
               Status parsed = ReadBody(req, {"decision", "reason"}, [&](const JsonFields& f) -> Status {
                 verdict.decision = JIGSAW_TRY(f.Enum<domain::ObjectionDecision>("decision"));
                 verdict.reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
                 return Ok();
               });
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, restrictions->DecideObjection(ctx, std::string(req.PathParam("id")), verdict), 200,
                             ObjectionJson);
             }));
}

}  // namespace jigsaw::http::api
