#include "http/web/oversight_pages.h"

#include <cmath>
#include <cstdio>
#include <memory>

#include "http/api/oversight_api.h"
#include "http/web/pages.h"
#include "http/web/svg_chart.h"
#include "http/web/training_pages.h"

namespace jigsaw::http::web {
namespace {

using service::OversightFigures;
using service::OversightReport;
using service::OversightScope;
using service::Timeliness;

constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "2026-03" -> "Mar 2026".
std::string MonthLabel(const std::string& month) {
  const int m = std::atoi(month.substr(5, 2).c_str());
  if (m < 1 || m > 12) return month;
  return std::string(kMonthNames[m - 1]) + " " + month.substr(0, 4);
}

// A median in hours as people say it: hours under two days, days beyond.
std::string Took(const std::optional<double>& hours) {
  if (!hours) return "No figures";
  char buf[48];
  if (*hours < 48) std::snprintf(buf, sizeof buf, "%.1f hours", *hours);
  else std::snprintf(buf, sizeof buf, "%.1f days", *hours / 24.0);
  return buf;
}

std::string Count(int n) { return std::to_string(n); }

std::string PercentOf(const std::optional<int>& percent, int part, int whole) {
  if (!percent) return "No figures";
  return std::to_string(*percent) + "% (" + std::to_string(part) + " of " + std::to_string(whole) + ")";
}

std::string Section(std::string_view heading, std::string_view id, std::string_view intro,
                    const std::vector<SummaryRow>& rows) {
  std::string out = "<section class=\"jigsaw-section\" aria-labelledby=\"" + std::string(id) +
                    "\"><h2 class=\"govuk-heading-m\" id=\"" + std::string(id) + "\">" + Escape(heading) + "</h2>";
  if (!intro.empty()) out += "<p class=\"govuk-body\">" + Escape(intro) + "</p>";
  return out + SummaryList(rows) + "</section>";
}

SummaryRow Row(std::string key, std::string value) { return {std::move(key), Escape(value), "", ""}; }

std::vector<SummaryRow> TimelinessRows(std::string_view counted, const Timeliness& acknowledged,
                                       const Timeliness& feedback) {
  return {Row(std::string(counted), Count(acknowledged.count)),
          Row("Acknowledged within a working day",
              PercentOf(acknowledged.percent_on_time, acknowledged.on_time, acknowledged.due)),
          Row("Median time to acknowledge", Took(acknowledged.median_hours)),
          Row("Feedback within its period", PercentOf(feedback.percent_on_time, feedback.on_time, feedback.due)),
          Row("Median time to feedback", Took(feedback.median_hours)),
          Row("Feedback still within its period", Count(feedback.pending))};
}

// The query that asks for the same period and scope again (CSV, scope switch).
std::string PeriodQuery(const OversightFigures& f, OversightScope scope) {
  return "from=" + service::IsoDay(f.period.from) + "&to=" + service::IsoDay(f.period.to) +
         (scope == OversightScope::kPartnership ? "&scope=partnership" : "");
}

std::string PeriodForm(OversightScope scope, const std::string& from, const std::string& to,
                       const Errors& errors) {
  const std::string partnership = scope == OversightScope::kPartnership ? "&scope=partnership" : "";
  std::string out = "<h2 class=\"govuk-heading-m\" id=\"period\">Choose the period</h2><ul class=\"govuk-list jigsaw-views\">";
  for (const auto& [months, text] : std::vector<std::pair<std::string, std::string>>{
           {"3", "Last 3 months"}, {"6", "Last 6 months"}, {"12", "Last 12 months"}, {"24", "Last 24 months"}})
    out += "<li>" + Link(text, "/oversight?months=" + months + partnership) + "</li>";
  out += "</ul>";
  // A GET form: the period is in the address, so it can be bookmarked.
  out += "<form method=\"get\" action=\"/oversight\" novalidate>";
  if (scope == OversightScope::kPartnership) out += HiddenInput("scope", "partnership");
  auto parts = [](const std::string& iso) -> std::array<std::string, 3> {
    if (iso.size() != 10) return {"", "", ""};
    return {std::to_string(std::atoi(iso.substr(8, 2).c_str())), std::to_string(std::atoi(iso.substr(5, 2).c_str())),
            iso.substr(0, 4)};
  };
  const auto f = parts(from), t = parts(to);
  out += DateInput({"from", "From", "For example, 1 12 2025", false, ErrorFor(errors, "from")}, f[0], f[1], f[2]);
  out += DateInput({"to", "To", "For example, 30 11 2026", false, ErrorFor(errors, "to")}, t[0], t[1], t[2]);
  out += Button("Show figures for these dates", true) + "</form>";
  return out;
}

std::string ChartsHtml(const OversightFigures& f) {
  struct Series {
    std::string id, title, column;
    int service::OversightMonth::*field;
  };
  const std::vector<Series> series{
      {"chart-concerns", "Concerns raised each month", "Concerns", &service::OversightMonth::concerns},
      {"chart-share", "Decisions to share each month", "Decisions to share", &service::OversightMonth::decisions_to_share},
      {"chart-not-share", "Decisions not to share each month", "Decisions not to share",
       &service::OversightMonth::decisions_not_to_share},
      {"chart-received", "Information shared with you each month", "Disclosures received",
       &service::OversightMonth::disclosures_received},
      {"chart-requests", "Information requests received each month", "Requests",
       &service::OversightMonth::requests_received},
      {"chart-advice", "Advice requests each month", "Advice requests", &service::OversightMonth::advice_requests},
  };
  std::string out = "<section class=\"jigsaw-section\" aria-labelledby=\"trends\"><h2 class=\"govuk-heading-l\" id=\"trends\">"
                    "Trends by month</h2><p class=\"govuk-body\">Each chart's figures are in the table beside or below it.</p>";
  for (const auto& s : series) {
    BarChart chart{.id = s.id, .title = s.title, .value_label = s.column};
    for (const auto& m : f.months) chart.bars.push_back({MonthLabel(m.month), m.*(s.field)});
    out += ChartFigure(chart);
  }
  return out + "</section>";
}

std::string FiguresHtml(const OversightReport& r) {
  const OversightFigures& f = r.figures;
  std::string out;
  out += Section("Concerns and decisions", "decisions",
                 "Each decision is counted once, as its latest record stands, in the month it was first made.",
                 {Row("Concerns raised", Count(f.concerns_raised)), Row("Decisions to share", Count(f.decisions_to_share)),
                  Row("Decisions not to share", Count(f.decisions_not_to_share)),
                  Row("Decisions that depart from the advice", Count(f.departures_from_advice))});
  out += Section("Emergency shares", "emergency",
                 "Shared first and recorded in full afterwards, by the end of the next working day.",
                 {Row("Emergency shares", Count(f.emergency.shares)),
                  Row("Full records written", Count(f.emergency.records_written)),
                  Row("Written after they were due", Count(f.emergency.records_late)),
                  Row("Records owed", Count(f.emergency.records_owed)),
                  Row("Records overdue", Count(f.emergency.records_overdue))});
  out += Section("Information shared with us", "received",
                 "Whether we opened what partners sent within a working day, and told them what we did with it within "
                 "the feedback period.",
                 TimelinessRows("Received in the period", f.acknowledged_received, f.feedback_received));
  out += Section("Information we shared", "sent", "How the organisations we shared with acknowledged it and gave feedback.",
                 TimelinessRows("Shared in the period", f.acknowledged_sent, f.feedback_sent));
  out += Section("Information requests received", "requests", "",
                 {Row("Received", Count(f.requests.received)), Row("Answered by sharing", Count(f.requests.answered)),
                  Row("Refused", Count(f.requests.refused)), Row("Child not known", Count(f.requests.not_known)),
                  Row("Asked to reconsider", Count(f.requests.reconsidered)), Row("Still open", Count(f.requests.open)),
                  Row("Median time to answer", Took(f.requests.median_hours_to_answer))});
  out += Section("Advice requests", "advice", "",
                 {Row("Asked", Count(f.advice.asked)), Row("Answered", Count(f.advice.answered)),
                  Row("Not answered", Count(f.advice.unanswered)),
                  Row("Median time to answer", Took(f.advice.median_hours_to_answer))});
  out += Section("Agreements and DPIAs", "registers", "As they stand on the last day of the period.",
                 {Row("Active data sharing agreements", Count(f.governance.agreements_active)),
                  Row("Agreements due for review", Count(f.governance.agreements_due_for_review)),
                  Row("Approved DPIAs", Count(f.governance.dpias_approved)),
                  Row("DPIAs due for review", Count(f.governance.dpias_due_for_review))});
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : f.training)
      rows.push_back({Escape(TrainingKindLabel(c.kind)), Count(c.required), Count(c.current), Count(c.lapsed), Count(c.none),
                      Escape(c.percent_current ? std::to_string(*c.percent_current) + "%" : std::string("No figures"))});
    out += "<section class=\"jigsaw-section\" aria-labelledby=\"training\"><h2 class=\"govuk-heading-m\" id=\"training\">"
           "Training coverage</h2><p class=\"govuk-body\">" +
           Escape(Count(f.staff) + (f.staff == 1 ? " member of staff" : " members of staff") +
                  " with an account, as on the last day of the period. Current includes training expiring within 30 days.") +
           "</p>" +
           Table("Staff trained, by kind of training", {"Kind", "Staff who need it", "Current", "Lapsed", "None recorded", "Coverage"},
                 rows) +
           "</section>";
  }
  return out + ChartsHtml(f);
}

Response OversightPage(service::Oversight& oversight, Site& site, Visit& v) {
  const OversightScope scope =
      v.request.QueryParam("scope").value_or("") == "partnership" ? OversightScope::kPartnership : OversightScope::kOrganisation;
  std::string from = v.request.QueryParam("from").value_or("");
  std::string to = v.request.QueryParam("to").value_or("");
  // The form's date fields, when it was sent.
  if (from.empty() && v.request.QueryParam("from-year"))
    from = IsoDate(v.request.QueryParam("from-day").value_or(""), v.request.QueryParam("from-month").value_or(""),
                   v.request.QueryParam("from-year").value_or(""));
  if (to.empty() && v.request.QueryParam("to-year"))
    to = IsoDate(v.request.QueryParam("to-day").value_or(""), v.request.QueryParam("to-month").value_or(""),
                 v.request.QueryParam("to-year").value_or(""));
  const bool dates_given = v.request.QueryParam("from-year").has_value() || v.request.QueryParam("to-year").has_value();
  auto period = service::ChosenPeriod(dates_given && from.empty() ? std::string("-") : from,
                                      dates_given && to.empty() ? std::string("-") : to,
                                      v.request.QueryParam("months").value_or(""), oversight.Now());
  const std::string title = scope == OversightScope::kPartnership ? "Oversight across the partnership" : "Oversight";
  if (!period) {
    Errors errors = FieldErrors(period.error(), "from");
    // A preset that is not one (?months=7) is corrected on the dates.
    for (auto& e : errors)
      if (e.field == "months") e.field = "from";
    std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-xl\">" + Escape(title) + "</h1>" +
                       PeriodForm(scope, from, to, errors);
    return site.Page(v, {.title = title, .body_html = body, .back_href = "/", .has_errors = true, .active_nav = "oversight"},
                     400);
  }
  auto report = oversight.Of(v.context, scope, *period);
  if (!report) return site.Failure(v, report.error());
  const OversightFigures& f = report->figures;
  std::string body = "<span class=\"govuk-caption-l\">" + Escape(report->organisation_name) + "</span>";
  body += "<h1 class=\"govuk-heading-xl\">" + Escape(title) + "</h1>";
  body += "<p class=\"govuk-body-l\">" + Escape(DisplayIsoDate(service::IsoDay(f.period.from)) + " to " +
                                                DisplayIsoDate(service::IsoDay(f.period.to))) +
          "</p>";
  body += Inset("<p class=\"govuk-body\">Counts only: no child or other person is named on this page or in its download. "
                "What is owed or overdue is as at " + Escape(DisplayTime(f.as_at)) + ".</p>");
  if (report->partnership_available)
    body += "<p class=\"govuk-body\">" +
            (scope == OversightScope::kPartnership
                 ? Link("See your organisation's figures for this period", "/oversight?" + PeriodQuery(f, OversightScope::kOrganisation))
                 : Link("See the figures across the partnership for this period",
                        "/oversight?" + PeriodQuery(f, OversightScope::kPartnership))) +
            "</p>";
  body += "<p class=\"govuk-body\">" +
          Link("Download these figures (CSV)", "/oversight/csv?" + PeriodQuery(f, scope)) + "</p>";
  body += PeriodForm(scope, service::IsoDay(f.period.from), service::IsoDay(f.period.to), {});
  body += FiguresHtml(*report);
  return site.Page(v, {.title = title, .body_html = body, .back_href = "/", .active_nav = "oversight", .wide = true});
}

Response CsvDownload(service::Oversight& oversight, Site& site, Visit& v) {
  const OversightScope scope =
      v.request.QueryParam("scope").value_or("") == "partnership" ? OversightScope::kPartnership : OversightScope::kOrganisation;
  auto period = service::ChosenPeriod(v.request.QueryParam("from").value_or(""), v.request.QueryParam("to").value_or(""),
                                      v.request.QueryParam("months").value_or(""), oversight.Now());
  if (!period) return site.Failure(v, period.error());
  auto report = oversight.Of(v.context, scope, *period);
  if (!report) return site.Failure(v, report.error());
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = api::OversightCsv(*report);
  r.With("Content-Disposition", "attachment; filename=\"jigsaw-oversight-" + service::IsoDay(period->from) + "-to-" +
                                    service::IsoDay(period->to) + ".csv\"");
  return r;
}

}  // namespace

void AddOversightPages(Router& router, WebServices services, WebOptions options, service::Oversight& oversight) {
  // Each handler holds the site, so it lives as long as the router does.
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* o = &oversight;
  site->Get("/oversight", [site, o](Visit& v) { return OversightPage(*o, *site, v); });
  site->Get("/oversight/csv", [site, o](Visit& v) { return CsvDownload(*o, *site, v); });
}

}  // namespace jigsaw::http::web
