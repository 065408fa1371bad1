// The partnership index on the page: "who else knows this child?" and its
// answer (organisations and their DSLs only, each leading to an
// information request filled in from the child's record), what a holder is
// told, an organisation's choice to withhold its name, and alerts of
// children linked to the same risk, drawn as a network (server-rendered
// SVG) with the same facts in a table.
#include <cmath>
#include <map>

#include "http/api/partnership_api.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

std::string DslCell(const std::vector<service::DslContact>& dsls) {
  if (dsls.empty()) return "No designated safeguarding lead is recorded";
  std::string out;
  for (const auto& d : dsls)
    out += (out.empty() ? "" : "<br>") + Escape(d.name) + ", " + Link(d.email, "mailto:" + d.email);
  return out;
}

Response AskPage(Site& site, Visit& v) {
  const std::string id(v.request.PathParam("id"));
  std::string body =
      "<h1 class=\"govuk-heading-l\">Who else knows this child?</h1>"
      "<p class=\"govuk-body\">Jigsaw will look for this child in the partnership index: the names, dates of birth, "
      "identifiers and addresses that each organisation has recorded, kept apart from their case records.</p>"
      "<p class=\"govuk-body\">You will be told which organisations have a record of the child and how to reach their "
      "designated safeguarding lead, not what they have recorded. To learn more, ask them for information.</p>" +
      Inset("Your question is recorded in the audit log, and each organisation found is told that you asked. An "
            "organisation whose involvement must stay private (such as a refuge) may not be named to you, but it is "
            "told.") +
      FormStart("/children/" + id + "/who-else-knows", v.csrf_token) + Button("Ask who else knows") + "</form>";
  return site.Page(v, {.title = "Who else knows this child?", .body_html = body, .back_href = "/children/" + id});
}

std::string AskerView(const service::LookupView& l) {
  std::string body = "<span class=\"govuk-caption-l\">" + Escape(l.child.FullName()) +
                     "</span><h1 class=\"govuk-heading-l\">Who else knows this child</h1>"
                     "<p class=\"govuk-body\">Asked " + Escape(DisplayTime(l.lookup.asked_at)) + ".</p>";
  if (l.known_by.empty()) {
    body += "<p class=\"govuk-body\">No other organisation in the partnership has a record that matches this child "
            "closely enough to name it.</p>";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : l.known_by)
      rows.push_back({Escape(k.organisation.name), DslCell(k.dsls),
                      Link("Ask for information", api::InformationRequestHref(k.organisation.id, l.child.id),
                           "from " + k.organisation.name)});
    body += Table("Organisations that have a record of this child",
                  {"Organisation", "Designated safeguarding lead", ""}, rows);
    body += "<p class=\"govuk-body\">Their records are not shown here. Each of them has been told that you asked.</p>";
  }
  return body + "<p class=\"govuk-body\">" + Link("Back to the child's record", "/children/" + l.child.id) + "</p>";
}

std::string HolderView(const service::LookupView& l) {
  return "<h1 class=\"govuk-heading-l\">Someone asked who else knows a child</h1>" +
         SummaryList({{"Asked by", Escape(l.asked_by.name) + ", " + Link(l.asked_by.email, "mailto:" + l.asked_by.email), "", ""},
                      {"Organisation", Escape(l.asked_from.name), "", ""},
                      {"When", Escape(DisplayTime(l.lookup.asked_at)), "", ""},
                      {"Your record of the child", Link(l.child.FullName(), "/children/" + l.child.id), "", ""}}) +
         "<p class=\"govuk-body\">They were told only which organisations know the child" +
         (l.lookup.holders.size() == 1 && !l.lookup.holders[0].named
              ? std::string("; your organisation withholds its name, so it was not named to them")
              : std::string(", and how to reach their designated safeguarding lead")) +
         ". Nothing from your record was shown. If you know something that would help keep the child safe, you can "
         "share it with them.</p>";
}

Response LookupPage(Site& site, Visit& v) {
  auto l = site.s.partnership.GetLookup(v.context, std::string(v.request.PathParam("id")));
  if (!l) return site.Failure(v, l.error());
  return site.Page(v, {.title = l->asker ? "Who else knows this child" : "Someone asked who else knows a child",
                       .body_html = l->asker ? AskerView(*l) : HolderView(*l), .back_href = "/"});
}

Response VisibilityPage(Site& site, Visit& v, std::string_view notice) {
  auto withhold = site.s.partnership.WithholdsName(v.context);
  if (!withhold) return site.Failure(v, withhold.error());
  std::string body =
      std::string(notice) +
      "<h1 class=\"govuk-heading-l\">Naming your organisation to others</h1>"
      "<p class=\"govuk-body\">When a designated safeguarding lead, or a practitioner in children's services, asks who "
      "else knows a child, organisations with a record of the child are named to them. Where your involvement itself "
      "must stay private (a refuge, a sexual health service), you can withhold your organisation's name. You are still "
      "told of every question about a child you know, and can get in touch yourself.</p>" +
      FormStart("/partnership/visibility", v.csrf_token) +
      Radios({"withhold_name", "Should your organisation be named in answers?", "", false, ""},
             {{"no", "Yes, name us", "", false}, {"yes", "No, withhold our name", "", false}}, *withhold ? "yes" : "no") +
      Button("Save") + "</form>";
  return site.Page(v, {.title = "Naming your organisation to others", .body_html = body, .back_href = "/account"});
}

std::string_view LinkLabel(domain::RiskLink link) {
  switch (link) {
    case domain::RiskLink::kAdult: return "An adult recorded as posing a risk";
    case domain::RiskLink::kAddress: return "An address";
    case domain::RiskLink::kPhone: return "A phone number";
    case domain::RiskLink::kConcern: return "Named together in a concern";
  }
  return "A link";
}

Response AlertsPage(Site& site, Visit& v) {
  auto alerts = site.s.partnership.RiskAlerts(v.context);
  if (!alerts) return site.Failure(v, alerts.error());
  std::string body = "<h1 class=\"govuk-heading-l\">Children linked to the same risk</h1>"
                     "<p class=\"govuk-body\">Each alert is one adult recorded as posing a risk, one address, one phone "
                     "number, or one concern, found around children known between them to at least " +
                     std::to_string(service::kRiskAlertOrganisations) + " organisations.</p>";
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : *alerts)
    rows.push_back({Link("View", "/risk-alerts/" + a.id, "the alert of " + DisplayTime(a.updated_at)),
                    Escape(LinkLabel(a.link)), std::to_string(a.children), std::to_string(a.organisations),
                    Escape(DisplayTime(a.updated_at))});
  body += rows.empty() ? "<p class=\"govuk-body\">There are no alerts.</p>"
                       : Table("", {"", "What links them", "Children", "Organisations", "Last changed"}, rows);
  return site.Page(v, {.title = "Children linked to the same risk", .body_html = body, .back_href = "/", .wide = true});
}

// The network: the link on the left, the children in the middle, the
// organisations that know them on the right, a line for each connection.
// role="img" with a title and description; the table below carries the
// same facts for anyone who cannot see the picture.
std::string NetworkSvg(const service::RiskAlertView& a, const std::map<std::string, std::string>& org_names) {
  std::vector<std::string> orgs;
  for (const auto& [id, name] : org_names) orgs.push_back(id);
  const std::size_t rows = std::max({a.children.size(), orgs.size() + (a.withheld_organisations > 0 ? 1 : 0), std::size_t{1}});
  const int height = static_cast<int>(rows) * 64 + 40;
  auto y = [&](std::size_t i, std::size_t n) { return 20 + static_cast<int>((height - 40) * (2 * i + 1) / (2 * n)); };
  std::string lines, nodes;
  const int link_y = height / 2;
  nodes += "<circle cx=\"70\" cy=\"" + std::to_string(link_y) + "\" r=\"26\" fill=\"#d4351c\"/><text x=\"70\" y=\"" +
           std::to_string(link_y + 46) + "\" text-anchor=\"middle\" font-size=\"14\" fill=\"#0b0c0c\">" +
           Escape(LinkLabel(a.alert.link).substr(0, 24)) + "</text>";
  const std::size_t org_rows = orgs.size() + (a.withheld_organisations > 0 ? 1 : 0);
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    const auto& c = a.children[i];
    const int cy = y(i, a.children.size());
    lines += "<line x1=\"96\" y1=\"" + std::to_string(link_y) + "\" x2=\"264\" y2=\"" + std::to_string(cy) +
             "\" stroke=\"#d4351c\" stroke-width=\"3\"/>";
    for (const auto& o : c.organisation_ids) {
      const auto at = std::find(orgs.begin(), orgs.end(), o) - orgs.begin();
      lines += "<line x1=\"296\" y1=\"" + std::to_string(cy) + "\" x2=\"584\" y2=\"" +
               std::to_string(y(static_cast<std::size_t>(at), org_rows)) + "\" stroke=\"#505a5f\" stroke-width=\"2\"/>";
    }
    if (c.withheld_organisations > 0)
      lines += "<line x1=\"296\" y1=\"" + std::to_string(cy) + "\" x2=\"584\" y2=\"" + std::to_string(y(orgs.size(), org_rows)) +
               "\" stroke=\"#505a5f\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>";
    nodes += "<circle cx=\"280\" cy=\"" + std::to_string(cy) + "\" r=\"16\" fill=\"#1d70b8\"/><text x=\"280\" y=\"" +
             std::to_string(cy + 32) + "\" text-anchor=\"middle\" font-size=\"14\" fill=\"#0b0c0c\">" + Escape(c.name) + "</text>";
  }
  for (std::size_t i = 0; i < org_rows; ++i) {
    const int oy = y(i, org_rows);
    const std::string label = i < orgs.size() ? org_names.at(orgs[i]) : "Organisations that withhold their name";
    nodes += "<rect x=\"584\" y=\"" + std::to_string(oy - 14) + "\" width=\"28\" height=\"28\" fill=\"#00703c\"/><text x=\"620\" y=\"" +
             std::to_string(oy + 5) + "\" font-size=\"14\" fill=\"#0b0c0c\">" + Escape(label) + "</text>";
  }
  return "<svg class=\"jigsaw-network\" role=\"img\" aria-labelledby=\"network-title network-desc\" viewBox=\"0 0 960 " +
         std::to_string(height) + "\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"network-title\">" +
         "The network of this alert</title><desc id=\"network-desc\">" + std::to_string(a.children.size()) +
         " children, linked by " + Escape(LinkLabel(a.alert.link)) + ", known to " + std::to_string(a.alert.organisations) +
         " organisations. The table below lists the same.</desc>" + lines + nodes + "</svg>";
}

std::string AlertTables(const service::RiskAlertView& a, const std::map<std::string, std::string>& org_names) {
  std::vector<std::vector<std::string>> children;
  for (const auto& c : a.children) {
    std::string known;
    for (const auto& o : c.organisation_ids) known += (known.empty() ? "" : "<br>") + Escape(org_names.at(o));
    if (c.withheld_organisations > 0)
      known += (known.empty() ? "" : "<br>") + std::to_string(c.withheld_organisations) +
               " organisation(s) that withhold their name";
    children.push_back({Escape(c.name), Escape(DisplayIsoDate(c.date_of_birth)), known,
                        c.own_person_id.empty() ? "None" : Link("Your record", "/children/" + c.own_person_id, "of " + c.name)});
  }
  std::vector<std::vector<std::string>> orgs;
  for (const auto& k : a.organisations) {
    std::string asks;
    for (const auto& c : a.children)
      if (std::find(c.organisation_ids.begin(), c.organisation_ids.end(), k.organisation.id) != c.organisation_ids.end())
        asks += (asks.empty() ? "" : "<br>") +
                Link("Ask about " + c.name, api::InformationRequestHref(k.organisation.id, c.own_person_id),
                     "from " + k.organisation.name);
    orgs.push_back({Escape(k.organisation.name), DslCell(k.dsls), asks});
  }
  return Table("Children", {"Child", "Date of birth", "Known to", "Your record"}, children) +
         Table("Organisations", {"Organisation", "Designated safeguarding lead", "Information requests"}, orgs);
}

Response AlertPage(Site& site, Visit& v) {
  auto a = site.s.partnership.GetRiskAlert(v.context, std::string(v.request.PathParam("id")));
  if (!a) return site.Failure(v, a.error());
  std::map<std::string, std::string> org_names;
  for (const auto& k : a->organisations) org_names[k.organisation.id] = k.organisation.name;
  std::string body =
      "<span class=\"govuk-caption-l\">" + Escape(LinkLabel(a->alert.link)) +
      "</span><h1 class=\"govuk-heading-l\">Children linked to the same risk</h1><p class=\"govuk-body\">" +
      std::to_string(a->alert.children) + " children, known between them to " + std::to_string(a->alert.organisations) +
      " organisations, are linked by " + Escape(LinkLabel(a->alert.link)) + " (" + std::to_string(a->link_records) +
      " record(s) of it). Found " + Escape(DisplayTime(a->alert.created_at)) + ", last changed " +
      Escape(DisplayTime(a->alert.updated_at)) + ".</p>" +
      Inset("No organisation's records are shown here. Ask the organisations below for what they know.") +
      NetworkSvg(*a, org_names) + AlertTables(*a, org_names);
  if (a->withheld_organisations > 0)
    body += "<p class=\"govuk-body\">" + std::to_string(a->withheld_organisations) +
            " organisation(s) that withhold their name also know these children.</p>";
  return site.Page(v, {.title = "Children linked to the same risk", .body_html = body, .back_href = "/risk-alerts", .wide = true});
}

}  // namespace

void AddPartnershipPages(Site& site) {
  site.Get("/children/{id}/who-else-knows", [&site](Visit& v) { return AskPage(site, v); });
  site.Post("/children/{id}/who-else-knows", [&site](Visit& v) {
    auto asked = site.s.partnership.WhoElseKnows(v.context, std::string(v.request.PathParam("id")));
    if (!asked) return site.Failure(v, asked.error());
    return Redirect("/partnership/lookups/" + asked->lookup.id);
  });
  site.Get("/partnership/lookups/{id}", [&site](Visit& v) { return LookupPage(site, v); });
  site.Get("/partnership/visibility", [&site](Visit& v) { return VisibilityPage(site, v, ""); });
  site.Post("/partnership/visibility", [&site](Visit& v) {
    const std::string choice = v.form.Get("withhold_name");
    if (choice != "yes" && choice != "no") return VisibilityPage(site, v, "");
    if (auto done = site.s.partnership.SetWithholdName(v.context, choice == "yes"); !done)
      return site.Failure(v, done.error());
    return VisibilityPage(site, v, NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Saved.</p>", true));
  });
  site.Get("/risk-alerts", [&site](Visit& v) { return AlertsPage(site, v); });
  site.Get("/risk-alerts/{id}", [&site](Visit& v) { return AlertPage(site, v); });
}

}  // namespace jigsaw::http::web
