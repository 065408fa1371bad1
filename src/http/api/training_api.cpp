#include "http/api/training_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using service::Authenticated;
using service::Context;

json RecordJson(const domain::TrainingRecord& r) {
  return {{"id", r.id},
          {"practitioner_id", r.practitioner_id},
          {"kind", ToString(r.kind)},
          {"course", r.course},
          {"completed_on", r.completed_on},
          {"expires_on", r.expires_on},
          {"recorded_by", r.recorded_by},
          {"recorded_at", FormatRfc3339(r.recorded_at)}};
}

json StatusJson(const std::vector<service::TrainingStatus>& status) {
  json a = json::array();
  for (const auto& s : status)
    a.push_back({{"kind", ToString(s.kind)},
                 {"state", ToString(s.state)},
                 {"expires_on", s.expires_on.empty() ? json(nullptr) : json(s.expires_on)}});
  return a;
}

json PractitionerJson(const service::PractitionerTraining& t) {
  json records = json::array();
  for (std::size_t i = 0; i < t.records.size(); ++i) {
    json r = RecordJson(t.records[i]);
    r["recorded_by_name"] = t.recorded_by_names[i];
    records.push_back(std::move(r));
  }
  return {{"practitioner_id", t.practitioner.id},
          {"display_name", t.practitioner.display_name},
          {"status", StatusJson(t.status)},
          {"records", records}};
}

json StaffJson(const service::StaffTraining& s) {
  json staff = json::array();
  for (const auto& m : s.staff)
    staff.push_back({{"practitioner_id", m.practitioner_id}, {"display_name", m.display_name},
                     {"status", StatusJson(m.status)}});
  json counts = json::object();
  for (const auto& [kind, states] : s.counts) {
    json c = json::object();
    for (const auto& [state, n] : EnumNames<domain::TrainingState>::kNames) {
      const auto it = states.find(state);
      c[std::string(n)] = it == states.end() ? 0 : it->second;
    }
    counts[std::string(ToString(kind))] = c;
  }
  return {{"staff", staff}, {"counts", counts}};
}

}  // namespace

void AddTrainingRoutes(Router& router, TrainingServices s) {
  auto& auth = s.authentication;
  auto* training = &s.training;
  router.Add("POST", "/api/v1/training", SignedIn(auth, [training](Request& req, const Authenticated&, const Context& ctx) {
    service::NewTraining t;
    auto body = ParseJsonBody(req);
    if (!body) return ErrorResponse(req, body.error());
    Status parsed = [&]() -> Status {
      const JsonFields f(body->root());
      JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"practitioner_id", "kind", "course", "completed_on", "expires_on"}));
      t.practitioner_id = JIGSAW_TRY(f.StringOrEmpty("practitioner_id"));
      t.kind = JIGSAW_TRY(f.Enum<domain::TrainingKind>("kind"));
      t.course = JIGSAW_TRY(f.StringOrEmpty("course"));
      t.completed_on = JIGSAW_TRY(f.StringOrEmpty("completed_on"));
      t.expires_on = JIGSAW_TRY(f.StringOrEmpty("expires_on"));
      return Ok();
    }();
    if (!parsed) return ErrorResponse(req, parsed.error());
    return Render(req, training->Record(ctx, t), 201, RecordJson);
  }));
  router.Add("GET", "/api/v1/training", SignedIn(auth, [training](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, training->Of(ctx, {}), 200, PractitionerJson);
  }));
  router.Add("GET", "/api/v1/practitioners/{id}/training",
             SignedIn(auth, [training](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, training->Of(ctx, std::string(req.PathParam("id"))), 200, PractitionerJson);
             }));
  router.Add("GET", "/api/v1/staff-training", SignedIn(auth, [training](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, training->StaffOf(ctx), 200, StaffJson);
  }));
}

}  // namespace jigsaw::http::api
