#include <algorithm>
#include "http/api/retention_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {

using nlohmann::json;
using service::Authenticated;
using service::Context;

namespace {

json TimeOrNull(jigsaw::Time t) { return t == jigsaw::Time{} ? json(nullptr) : json(FormatRfc3339(t)); }

json HoldJson(const domain::LegalHold& h) {
  return {{"id", h.id},
          {"subject", ToString(h.subject)},
          {"subject_id", h.subject_id},
          {"reason", h.reason},
          {"placed_by", h.placed_by},
          {"placed_at", TimeOrNull(h.placed_at)},
          {"active", domain::IsActive(h)},
          {"lifted_by", h.lifted_by.empty() ? json(nullptr) : json(h.lifted_by)},
          {"lifted_at", TimeOrNull(h.lifted_at)},
          {"lift_reason", h.lift_reason.empty() ? json(nullptr) : json(h.lift_reason)}};
}

json ErasureJson(const domain::ErasureRequest& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"requested_by", r.requested_by},
          {"received_on", r.received_on},
          {"outcome", ToString(r.outcome)},
          {"ground", ToString(r.ground)},
          {"reasons", r.reasons},
          {"decided_by", r.decided_by},
          {"decided_at", TimeOrNull(r.decided_at)}};
}

json DestructionJson(const domain::Destruction& d) {
  return {{"id", d.id},
          {"record_kind", ToString(d.kind)},
          {"record_id", d.record_id},
          {"child_id", d.child_id},
          {"cause", ToString(d.cause)},
          {"erasure_request_id", d.erasure_request_id.empty() ? json(nullptr) : json(d.erasure_request_id)},
          {"confirmed_by", d.confirmed_by},
          {"destroyed_at", TimeOrNull(d.destroyed_at)}};
}

json RuleJson(const domain::RetentionRule& r) {
  json extension = nullptr;
  if (r.period.extension)
    extension = {{"aged_at_last_activity", r.period.extension->aged_at_last_activity},
                 {"until_age", r.period.extension->until_age}};
  return {{"record_kind", ToString(r.kind)},
          {"trigger", ToString(r.period.trigger)},
          {"years", r.period.years},
          {"days", r.period.days},
          {"extension", extension},
          {"disposal", ToString(r.disposal)},
          {"source", r.source},
          {"how_long", domain::Describe(r.period)}};
}

json ScheduleJson(const domain::Schedule& s) {
  json rules = json::array();
  for (const auto& r : s.rules) rules.push_back(RuleJson(r));
  json summary = json::array();
  for (const auto& line : domain::PublicSummary(s))
    summary.push_back({{"record_kind", ToString(line.kind)}, {"record", line.record}, {"how_long", line.how_long},
                       {"then", line.then}, {"source", line.source}});
  return {{"organisation_type", ToString(s.organisation_type)}, {"rules", rules}, {"summary", summary}};
}

json ReviewJson(const service::RetentionReview& r) {
  json due = json::array();
  for (const auto& d : r.due) {
    json holds = json::array();
    for (const auto& h : d.holds) holds.push_back(HoldJson(h));
    due.push_back({{"record_kind", ToString(d.kind)},
                   {"record_id", d.record_id},
                   {"child_id", d.child_id},
                   {"created_at", TimeOrNull(d.dates.created_at)},
                   {"last_activity_at", TimeOrNull(d.dates.last_activity_at)},
                   {"due_at", TimeOrNull(d.due_at)},
                   {"held", !d.holds.empty()},
                   {"holds", holds}});
  }
  return {{"as_of", TimeOrNull(r.as_of)}, {"due", due}};
}

template <typename T, typename F>
json List(const std::vector<T>& items, F to) {
  json a = json::array();
  for (const auto& i : items) a.push_back(to(i));
  return a;
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

void AddRetentionRoutes(Router& router, RetentionServices s) {
  auto& auth = s.authentication;
  auto* retention = &s.retention;
  router.Add("GET", "/api/v1/retention/schedule",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, retention->ScheduleOf(ctx), 200, ScheduleJson);
             }));
  router.Add("PUT", "/api/v1/retention/schedule/{kind}",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               domain::RetentionRule rule;
               Status parsed = [&]() -> Status {
                 rule.kind = JIGSAW_TRY(
                     JsonFields::ParseEnumField<domain::RecordKind>("kind", std::string(req.PathParam("kind"))));
                 return ReadBody(req, {"trigger", "years", "days", "disposal", "source"}, [&](const JsonFields& f) -> Status {
                   rule.period.trigger = JIGSAW_TRY(f.Enum<domain::RetentionTrigger>("trigger"));
                   // Out of range stays out of range (4294967306 is not 10), for Validate to name.
                   auto bounded = [](std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, -1, 1'000'000)); };
                   rule.period.years = bounded(JIGSAW_TRY(f.IntOr("years", 0)));
                   rule.period.days = bounded(JIGSAW_TRY(f.IntOr("days", 0)));
                   rule.disposal = JIGSAW_TRY(f.Enum<domain::Disposal>("disposal"));
                   rule.source = JIGSAW_TRY(f.StringOrEmpty("source"));
                   return Ok();
                 });
               }();
               if (!parsed) return ErrorResponse(req, parsed.error());
               auto done = retention->SetRule(ctx, rule);
               if (!done) return ErrorResponse(req, done.error());
               return Render(req, retention->ScheduleOf(ctx), 200, ScheduleJson);
             }));
  router.Add("GET", "/api/v1/retention/review",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, retention->Review(ctx), 200, ReviewJson);
             }));
  router.Add("POST", "/api/v1/retention/destructions",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               std::string record_id;
               Status parsed = ReadBody(req, {"record_kind", "record_id"}, [&](const JsonFields& f) -> Status {
                 const auto kind = JIGSAW_TRY(f.EnumOr<domain::RecordKind>("record_kind", domain::RecordKind::kConcern));
                 if (kind != domain::RecordKind::kConcern)
                   return InvalidArgument("record_kind", "Only concerns are destroyed after review; other kinds are purged "
                                                         "automatically or never destroyed.");
                 record_id = JIGSAW_TRY(f.String("record_id"));
                 return Ok();
               });
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, retention->ConfirmDestruction(ctx, record_id), 201, DestructionJson);
             }));
  router.Add("GET", "/api/v1/retention/destructions",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, retention->Destructions(ctx), 200, [](const auto& v) {
                 return json{{"destructions", List(v, DestructionJson)}};
               });
             }));
  router.Add("GET", "/api/v1/legal-holds", SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, retention->Holds(ctx), 200, [](const auto& v) { return json{{"legal_holds", List(v, HoldJson)}}; });
  }));
  router.Add("POST", "/api/v1/legal-holds", SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
    service::NewLegalHold hold;
    Status parsed = ReadBody(req, {"subject", "subject_id", "reason"}, [&](const JsonFields& f) -> Status {
      hold.subject = JIGSAW_TRY(f.Enum<domain::HoldSubject>("subject"));
      hold.subject_id = JIGSAW_TRY(f.StringOrEmpty("subject_id"));
      hold.reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
      return Ok();
    });
    if (!parsed) return ErrorResponse(req, parsed.error());
    return Render(req, retention->PlaceHold(ctx, hold), 201, HoldJson);
  }));
  router.Add("POST", "/api/v1/legal-holds/{id}/lift",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               std::string reason;
               Status parsed = ReadBody(req, {"reason"}, [&](const JsonFields& f) -> Status {
                 reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
                 return Ok();
               });
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, retention->LiftHold(ctx, std::string(req.PathParam("id")), reason), 200, HoldJson);
             }));
  router.Add("GET", "/api/v1/erasure-requests",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, retention->ErasureRequests(ctx), 200, [](const auto& v) {
                 return json{{"erasure_requests", List(v, ErasureJson)}};
               });
             }));
  router.Add("POST", "/api/v1/erasure-requests",
             SignedIn(auth, [retention](Request& req, const Authenticated&, const Context& ctx) {
               service::NewErasureDecision d;
               Status parsed = ReadBody(req, {"person_id", "requested_by", "received_on", "outcome", "ground", "reasons"},
                                        [&](const JsonFields& f) -> Status {
                                          d.person_id = JIGSAW_TRY(f.StringOrEmpty("person_id"));
                                          d.requested_by = JIGSAW_TRY(f.StringOrEmpty("requested_by"));
                                          d.received_on = JIGSAW_TRY(f.StringOrEmpty("received_on"));
                                          d.outcome = JIGSAW_TRY(f.Enum<domain::ErasureOutcome>("outcome"));
                                          d.ground = JIGSAW_TRY(f.Enum<domain::ErasureGround>("ground"));
                                          d.reasons = JIGSAW_TRY(f.StringOrEmpty("reasons"));
                                          return Ok();
                                        });
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, retention->DecideErasure(ctx, d), 201, ErasureJson);
             }));
}

}  // namespace jigsaw::http::api
