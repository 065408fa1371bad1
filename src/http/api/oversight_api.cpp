#include "http/api/oversight_api.h"

#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "common/csv.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using service::OversightFigures;
using service::OversightReport;
using service::Timeliness;

template <typename T>
json Optional(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// Hours to one decimal place: a median of minutes' precision is noise.
std::optional<double> Rounded(const std::optional<double>& hours) {
  if (!hours) return std::nullopt;
  return std::round(*hours * 10.0) / 10.0;
}

json TimelinessJson(const Timeliness& t) {
  return {{"count", t.count},         {"due", t.due},         {"on_time", t.on_time},
          {"late", t.late},           {"pending", t.pending}, {"percent_on_time", Optional(t.percent_on_time)},
          {"median_hours", Optional(Rounded(t.median_hours))}};
}

json ReportJson(const OversightReport& r) {
  const OversightFigures& f = r.figures;
  json training = json::array();
  for (const auto& c : f.training)
    training.push_back({{"kind", ToString(c.kind)}, {"required", c.required}, {"current", c.current},
                        {"lapsed", c.lapsed}, {"none", c.none}, {"percent_current", Optional(c.percent_current)}});
  json months = json::array();
  for (const auto& m : f.months)
    months.push_back({{"month", m.month}, {"concerns_raised", m.concerns}, {"decisions_to_share", m.decisions_to_share},
                      {"decisions_not_to_share", m.decisions_not_to_share},
                      {"information_requests_received", m.requests_received}, {"advice_requests", m.advice_requests},
                      {"disclosures_received", m.disclosures_received}});
  return {
      {"scope", r.scope == service::OversightScope::kPartnership ? "partnership" : "organisation"},
      {"organisation", {{"id", r.organisation_id}, {"name", r.organisation_name}}},
      {"period", {{"from", service::IsoDay(f.period.from)}, {"to", service::IsoDay(f.period.to)}}},
      {"as_at", FormatRfc3339(f.as_at)},
      {"concerns_raised", f.concerns_raised},
      {"decisions",
       {{"to_share", f.decisions_to_share},
        {"not_to_share", f.decisions_not_to_share},
        {"departures_from_advice", f.departures_from_advice}}},
      {"emergency",
       {{"shares", f.emergency.shares},
        {"records_written", f.emergency.records_written},
        {"records_late", f.emergency.records_late},
        {"records_owed", f.emergency.records_owed},
        {"records_overdue", f.emergency.records_overdue}}},
      {"disclosures_received",
       {{"acknowledgement", TimelinessJson(f.acknowledged_received)}, {"feedback", TimelinessJson(f.feedback_received)}}},
      {"disclosures_sent",
       {{"acknowledgement", TimelinessJson(f.acknowledged_sent)}, {"feedback", TimelinessJson(f.feedback_sent)}}},
      {"information_requests",
       {{"received", f.requests.received},
        {"answered", f.requests.answered},
        {"refused", f.requests.refused},
        {"not_known", f.requests.not_known},
        {"reconsidered", f.requests.reconsidered},
        {"open", f.requests.open},
        {"median_hours_to_answer", Optional(Rounded(f.requests.median_hours_to_answer))}}},
      {"advice_requests",
       {{"asked", f.advice.asked},
        {"answered", f.advice.answered},
        {"unanswered", f.advice.unanswered},
        {"median_hours_to_answer", Optional(Rounded(f.advice.median_hours_to_answer))}}},
      {"governance",
       {{"agreements_active", f.governance.agreements_active},
        {"agreements_due_for_review", f.governance.agreements_due_for_review},
        {"dpias_approved", f.governance.dpias_approved},
        {"dpias_due_for_review", f.governance.dpias_due_for_review}}},
      {"training", {{"staff", f.staff}, {"coverage", training}}},
      {"months", months},
  };
}

// The JSON's leaves as dotted names ("emergency.records_owed"), in order;
// the months are written apart.
void Flatten(const json& j, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      if (prefix.empty() && k == "months") continue;
      else Flatten(v, prefix.empty() ? k : prefix + "." + k, out);
  } else if (j.is_array()) {
    // Training coverage: one entry per kind, named by it.
    for (const auto& e : j) {
      const std::string kind = e.value("kind", "");
      for (const auto& [k, v] : e.items())
        if (k != "kind") Flatten(v, prefix + "." + kind + "." + k, out);
    }
  } else if (j.is_string()) {
    out.emplace_back(prefix, j.get<std::string>());
  } else if (j.is_null()) {
    out.emplace_back(prefix, "");
  } else if (j.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", j.get<double>());
    out.emplace_back(prefix, buf);
  } else {
    out.emplace_back(prefix, j.dump());
  }
}

}  // namespace

std::string OversightCsv(const OversightReport& report) {
  json j = ReportJson(report);
  // nlohmann::json orders keys alphabetically; that is the CSV's order too.
  std::vector<std::pair<std::string, std::string>> rows;
  Flatten(j, "", rows);
  std::string out;
  AppendCsvRow(out, std::vector<std::string>{"figure", "month", "value"});
  for (const auto& [k, v] : rows) AppendCsvRow(out, std::vector<std::string>{k, "", v});
  for (const auto& m : j["months"])
    for (const auto& [k, v] : m.items())
      if (k != "month") AppendCsvRow(out, std::vector<std::string>{"months." + k, m["month"].get<std::string>(), v.dump()});
  return out;
}

void AddOversightRoutes(Router& router, OversightServices s) {
  auto& auth = s.authentication;
  auto* oversight = &s.oversight;
  router.Add("GET", "/api/v1/oversight",
             SignedIn(auth, [oversight](Request& req, const service::Authenticated&, const service::Context& ctx) {
               const std::string format = req.QueryParam("format").value_or("json");
               if (format != "json" && format != "csv")
                 return ErrorResponse(req, 400, "invalid_argument", "Use format=json or format=csv.", "format");
               const std::string scope = req.QueryParam("scope").value_or("organisation");
               if (scope != "organisation" && scope != "partnership")
                 return ErrorResponse(req, 400, "invalid_argument", "Use scope=organisation or scope=partnership.", "scope");
               auto period = service::ChosenPeriod(req.QueryParam("from").value_or(""), req.QueryParam("to").value_or(""),
                                                   req.QueryParam("months").value_or(""), oversight->Now());
               if (!period) return ErrorResponse(req, period.error());
               auto report = oversight->Of(ctx,
                                           scope == "partnership" ? service::OversightScope::kPartnership
                                                                  : service::OversightScope::kOrganisation,
                                           *period);
               if (!report) return ErrorResponse(req, report.error());
               if (format == "json") return JsonResponse(200, ReportJson(*report));
               Response r;
               r.content_type = "text/csv; charset=utf-8";
               r.body = OversightCsv(*report);
               r.With("Content-Disposition", "attachment; filename=\"jigsaw-oversight-" + service::IsoDay(report->figures.period.from) +
                                                 "-to-" + service::IsoDay(report->figures.period.to) + ".csv\"");
               return r;
             }));
}

}  // namespace jigsaw::http::api
