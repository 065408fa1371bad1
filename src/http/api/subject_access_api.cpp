#include "http/api/subject_access_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using service::Authenticated;
using service::Context;

std::string SubjectAccessStamp(Time t) { return t == Time{} ? std::string() : FormatRfc3339(t); }

json SummaryJson(const service::SubjectAccessSummary& s) {
  const auto& r = s.request;
  json j{{"id", r.id},
         {"person_id", r.person_id},
         {"subject", s.subject_name},
         {"received_on", r.received_on},
         {"identity_check", ToString(r.identity_check)},
         {"identity_note", r.identity_note},
         {"due_on", s.due_on},
         {"extension_months", r.extension_months},
         {"extension_reason", r.extension_reason},
         {"status", ToString(r.status)},
         {"opened_at", SubjectAccessStamp(r.opened_at)}};
  if (r.status == domain::SubjectAccessStatus::kReleased) j["released_at"] = SubjectAccessStamp(r.released_at);
  return j;
}

json EntryJson(const service::HeldEntry& e) {
  json fields = json::array();
  for (const auto& f : e.fields) fields.push_back({{"name", f.name}, {"text", f.text}});
  json may = json::array();
  for (auto x : e.may_apply) may.push_back(ToString(x));
  return {{"key", e.key},           {"kind", ToString(e.kind)}, {"recorded_at", SubjectAccessStamp(e.recorded_at)},
          {"fields", fields},       {"withheld", e.withheld},   {"exemptions_may_apply", may}};
}

json DecisionJson(const domain::ExemptionDecision& d, const std::string& by_name) {
  return {{"id", d.id},
          {"entry", d.entry},
          {"choice", ToString(d.choice)},
          {"exemption", d.exemption ? json(ToString(*d.exemption)) : json(nullptr)},
          {"reason", d.reason},
          {"decided_by", by_name},
          {"decided_at", SubjectAccessStamp(d.decided_at)}};
}

json SubjectAccessViewJson(const service::SubjectAccessView& v) {
  json j = SummaryJson(v.summary);
  json held = json::array();
  for (const auto& e : v.held) {
    json x = EntryJson(e);
    const auto* d = service::LatestDecision(v.decisions, e.key);
    x["decision"] = d ? json(ToString(d->choice)) : json(nullptr);
    held.push_back(std::move(x));
  }
  json decisions = json::array();
  for (std::size_t i = 0; i < v.decisions.size(); ++i) decisions.push_back(DecisionJson(v.decisions[i], v.decided_by_names[i]));
  j["held"] = held;
  j["decisions"] = decisions;
  return j;
}

// The export as frozen: the same bytes the release stored.
json ReleaseJson(const service::Release& r) { return json::parse(service::ToJson(r)); }

template <typename T, typename Parse>
Result<T> ParsedBody(const Request& req, Parse parse) {
  auto body = ParseJsonBody(req);
  if (!body) return std::unexpected(body.error());
  return parse(JsonFields(body->root()));
}

Result<service::NewSubjectAccessRequest> ParseNew(const JsonFields& f) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"person_id", "received_on", "identity_check", "identity_note"}));
  service::NewSubjectAccessRequest r;
  r.person_id = JIGSAW_TRY(f.StringOrEmpty("person_id"));
  r.received_on = JIGSAW_TRY(f.StringOrEmpty("received_on"));
  r.identity_check = JIGSAW_TRY(f.Enum<domain::IdentityCheck>("identity_check"));
  r.identity_note = JIGSAW_TRY(f.StringOrEmpty("identity_note"));
  return r;
}

Result<service::EntryDecision> ParseDecision(const JsonFields& f) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"entry", "choice", "exemption", "reason"}));
  service::EntryDecision d;
  d.entry = JIGSAW_TRY(f.String("entry"));
  d.choice = JIGSAW_TRY(f.Enum<domain::ReleaseChoice>("choice"));
  if (f.Has("exemption")) d.exemption = JIGSAW_TRY(f.Enum<domain::Exemption>("exemption"));
  d.reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
  return d;
}

struct ExtensionBody {
  int months = 0;
  std::string reason;
};

Result<ExtensionBody> ParseExtension(const JsonFields& f) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"months", "reason"}));
  ExtensionBody e;
  const std::int64_t months = JIGSAW_TRY(f.IntOr("months", 0));
  if (months < 1 || months > domain::kMaxExtensionMonths) return InvalidArgument("months", "Extend by one or two further months.");
  e.months = static_cast<int>(months);
  e.reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
  return e;
}

}  // namespace

void AddSubjectAccessRoutes(Router& router, SubjectAccessServices s) {
  auto& auth = s.authentication;
  auto* sar = &s.subject_access;
  router.Add("GET", "/api/v1/subject-access/people",
             SignedIn(auth, [sar](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, sar->People(ctx), 200, [](const std::vector<domain::Person>& people) {
                 json list = json::array();
                 for (const auto& p : people)
                   list.push_back({{"id", p.id}, {"kind", ToString(p.kind)}, {"given_name", p.given_name},
                                   {"family_name", p.family_name}, {"date_of_birth", p.date_of_birth}});
                 return json{{"people", list}};
               });
             }));
  router.Add("GET", "/api/v1/subject-access-requests",
             SignedIn(auth, [sar](Request& req, const Authenticated&, const Context& ctx) {
               const bool open_only = req.QueryParam("status").value_or("") == "open";
               return Render(req, sar->List(ctx, open_only), 200, [](const auto& list) {
                 json out = json::array();
                 for (const auto& s : list) out.push_back(SummaryJson(s));
                 return json{{"requests", out}};
               });
             }));
  router.Add("POST", "/api/v1/subject-access-requests",
             SignedIn(auth, [sar](Request& req, const Authenticated&, const Context& ctx) {
               auto in = ParsedBody<service::NewSubjectAccessRequest>(req, ParseNew);
               if (!in) return ErrorResponse(req, in.error());
               return Render(req, sar->Open(ctx, *in), 201, SummaryJson);
             }));
  router.Add("GET", "/api/v1/subject-access-requests/{id}",
             SignedIn(auth, [sar](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, sar->Get(ctx, std::string(req.PathParam("id"))), 200, SubjectAccessViewJson);
             }));
  router.Add("POST", "/api/v1/subject-access-requests/{id}/extension",
             SignedIn(auth, [sar](Request& req, const Authenticated&, const Context& ctx) {
               auto in = ParsedBody<ExtensionBody>(req, ParseExtension);
               if (!in) return ErrorResponse(req, in.error());
               return Render(req, sar->Extend(ctx, std::string(req.PathParam("id")), in->months, in->reason), 200,
                             SummaryJson);
             }));
  router.Add("POST", "/api/v1/subject-access-requests/{id}/decisions",
             SignedIn(auth, [sar](Request& req, const Authenticated& who, const Context& ctx) {
               auto in = ParsedBody<service::EntryDecision>(req, ParseDecision);
               if (!in) return ErrorResponse(req, in.error());
               const std::string name = who.practitioner.display_name;
               return Render(req, sar->Decide(ctx, std::string(req.PathParam("id")), *in), 201,
                             [&name](const domain::ExemptionDecision& d) { return DecisionJson(d, name); });
             }));
  router.Add("POST", "/api/v1/subject-access-requests/{id}/release",
             SignedIn(auth, [sar](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, sar->ReleaseNow(ctx, std::string(req.PathParam("id"))), 201, ReleaseJson);
             }));
  router.Add("GET", "/api/v1/subject-access-requests/{id}/release",
             SignedIn(auth, [sar](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, sar->Released(ctx, std::string(req.PathParam("id"))), 200, ReleaseJson);
             }));
}

}  // namespace jigsaw::http::api
