#include "http/web/linking_pages.h"

#include <cstdio>
#include <memory>

#include "common/csv.h"
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using domain::MatchStatus;
using service::MatchView;
using service::PictureRow;
using service::PictureRowKind;

std::string Percent(double p) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", p * 100.0);
  return buffer;
}

std::string Weight(double w) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.2f", w);
  return buffer;
}

std::string_view FieldLabel(std::string_view field) {
  if (field == "given_name") return "Given name";
  if (field == "family_name") return "Family name";
  if (field == "date_of_birth") return "Date of birth";
  if (field == "sex") return "Sex";
  if (field == "location") return "Address and postcode";
  if (field == "nhs_number") return "NHS number";
  if (field == "upn") return "Unique pupil number";
  return field;
}

// A comparison level as a sentence a practitioner can read ("nickname" ->
// "Nickname of each other").
std::string LevelLabel(std::string_view level) {
  if (level == "not_compared") return "Not compared (missing on one side)";
  std::string out(level);
  for (char& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string StatusTag(MatchStatus s) {
  switch (s) {
    case MatchStatus::kSuggested: return Tag("Waiting for a decision", Colour::kYellow);
    case MatchStatus::kConfirmed: return Tag("Linked by a person", Colour::kGreen);
    case MatchStatus::kLinkedAutomatically: return Tag("Linked automatically", Colour::kGreen);
    case MatchStatus::kRejected: return Tag("Not the same child", Colour::kGrey);
    case MatchStatus::kUnlinked: return Tag("Link undone", Colour::kGrey);
  }
  return "";
}

// What the organisation's record was matched with, in a few words.
std::string OtherHtml(const MatchView& v) {
  if (v.other_person) return "Your other record of " + Escape(v.other_person->FullName());
  return "Information shared by " + Escape(v.source_organisation) + " on " + Escape(DisplayDate(v.received_at));
}

// One field of each record, for the side-by-side table.
std::string FieldOf(const MatchView& v, std::string_view field, bool own) {
  if (own || v.other_person) {
    const domain::Person& p = own ? v.person : *v.other_person;
    if (field == "given_name") return p.given_name;
    if (field == "family_name") return p.family_name;
    if (field == "date_of_birth") return DisplayIsoDate(p.date_of_birth);
    if (field == "location") return p.address + (p.postcode.empty() ? "" : ", " + p.postcode);
    if (field == "nhs_number") return p.nhs_number;
    if (field == "upn") return p.upn;
    return "";
  }
  if (!v.received) return "";
  const auto& c = *v.received;
  if (field == "given_name") return c.given_name;
  if (field == "family_name") return c.family_name;
  if (field == "date_of_birth") return DisplayIsoDate(c.date_of_birth);
  if (field == "location") return c.address + (c.postcode.empty() ? "" : ", " + c.postcode);
  if (field == "nhs_number") return c.nhs_number;
  if (field == "upn") return c.upn;
  return "";
}

std::string Blank(const std::string& s) { return s.empty() ? "<span class=\"govuk-hint\">Not recorded</span>" : MarkWithheld(Escape(s)); }

std::string ExplanationHtml(const MatchView& v) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : v.match.evidence) {
    if (e.field == "sex") continue;  // Jigsaw does not record sex: never compared
    rows.push_back({Escape(FieldLabel(e.field)), Blank(FieldOf(v, e.field, true)), Blank(FieldOf(v, e.field, false)),
                    Escape(LevelLabel(e.level)), Escape(Weight(e.weight))});
  }
  std::string out = Table("How the two records compare", {"Field", "Your record", "The other record", "Comparison", "Weight"}, rows);
  out += "<p class=\"govuk-body\">Probability that they are the same child: <strong>" + Percent(v.match.probability) +
         "</strong>.</p>";
  out += Details("How this is worked out",
                 "<p class=\"govuk-body\">Each field adds its weight (evidence for, if positive; against, if negative, in "
                 "powers of two) to the starting odds (" + Escape(Weight(v.match.prior_weight)) +
                 "). Evidence that they are relatives rather than one child (twins, brothers and sisters share a family "
                 "name, an address and sometimes a birthday) takes off " + Escape(Weight(-v.match.relative_term)) +
                 ". The total is " + Escape(Weight(v.match.match_weight)) +
                 ". Jigsaw only suggests: you decide.</p>");
  return out;
}

std::string DecisionHtml(const MatchView& v, const std::string& csrf, const Errors& errors) {
  const auto& m = v.match;
  std::string out;
  if (m.status == MatchStatus::kLinkedAutomatically)
    out += Inset("Linked automatically, without review, because both records have the same NHS number (a valid one) "
                 "and the same date of birth. If this is wrong, undo the link.");
  if (domain::IsLinked(m.status))
    return out + FormStart("/matches/" + m.id + "/unlink", csrf) + Button("Undo this link", true) + "</form>";
  // Decided against, or undone: a person may still link them after all.
  if (m.status != MatchStatus::kSuggested)
    return out + FormStart("/matches/" + m.id, csrf) + HiddenInput("decision", "same") +
           Button("Link these records after all", true) + "</form>";
  out += FormStart("/matches/" + m.id, csrf) +
         Radios({"decision", "Are these the same child?",
                 "If you are not sure, find out before you link them: a wrong link puts another child's information "
                 "in this child's record.",
                 false, ErrorFor(errors, "decision")},
                {{"same", "Yes, they are the same child", "", false},
                 {"different", "No, they are different children", "", false}},
                "") +
         Button("Save decision") + "</form>";
  return out;
}

Response MatchPage(service::Linking& linking, Site& site, Visit& v, const Errors& errors, int status = 200) {
  auto view = linking.GetMatch(v.context, std::string(v.request.PathParam("id")));
  if (!view) return site.Failure(v, view.error());
  std::string body = ErrorSummary(errors);
  body += "<span class=\"govuk-caption-l\">Possible match</span><h1 class=\"govuk-heading-l\">Is this the same child?</h1>";
  body += "<p class=\"govuk-body\">" + StatusTag(view->match.status) + "</p>";
  body += SummaryList({{"Your record", Link(view->person.FullName(), "/children/" + view->person.id), "", ""},
                       {"Matched with", OtherHtml(*view), "", ""}});
  body += ExplanationHtml(*view);
  body += DecisionHtml(*view, v.csrf_token, errors);
  return site.Page(v, {.title = "Is this the same child?", .body_html = body, .back_href = "/matches",
                       .has_errors = !errors.empty(), .wide = true},
                   status);
}

Response MatchesPage(service::Linking& linking, Site& site, Visit& v) {
  auto list = linking.Suggestions(v.context);
  if (!list) return site.Failure(v, list.error());
  std::string body = "<h1 class=\"govuk-heading-l\">Possible matches</h1>"
                     "<p class=\"govuk-body\">Records that may be a child your organisation already knows: a child "
                     "recorded again, or a child another agency shared information about. Decide whether each is the "
                     "same child; once linked, what was shared joins your record of the child.</p>";
  if (list->empty()) {
    body += "<p class=\"govuk-body\">There are no possible matches waiting for a decision.</p>";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : *list)
      rows.push_back({Escape(m.person.FullName()), OtherHtml(m), Escape(Percent(m.match.probability)),
                      Link("Review", "/matches/" + m.match.id, "the match for " + m.person.FullName())});
    body += Table("", {"Your record", "Matched with", "Probability", ""}, rows);
  }
  return site.Page(v, {.title = "Possible matches", .body_html = body, .back_href = "/", .wide = true});
}

std::string RowWhat(const PictureRow& r) {
  switch (r.kind) {
    case PictureRowKind::kOwnEvent: {
      if (!r.own_kind) return r.what;
      const service::ChronologyEntry e{r.at, *r.own_kind, r.object_type, r.object_id, r.note, r.what};
      const std::string detail = EntryDetail(e);
      return std::string(KindLabel(*r.own_kind)) + (detail.empty() ? "" : ": " + detail) +
             (r.note.empty() ? "" : " (" + r.note + ")");
    }
    case PictureRowKind::kReceivedConcern: {
      std::string out = "Concern shared";
      if (auto level = ParseEnum<domain::ConcernLevel>(r.what)) out += ": " + std::string(Label(*level));
      std::string forms;
      std::size_t start = 0;
      while (start < r.note.size()) {
        std::size_t end = r.note.find(',', start);
        if (end == std::string::npos) end = r.note.size();
        if (auto f = ParseEnum<domain::AbuseForm>(std::string_view(r.note).substr(start, end - start)))
          forms += (forms.empty() ? "" : ", ") + std::string(Label(*f));
        start = end + 1;
      }
      return forms.empty() ? out : out + " (" + forms + ")";
    }
    case PictureRowKind::kReceivedItem: return r.what + (r.note.empty() ? "" : " (source: " + r.note + ")");
    case PictureRowKind::kFeedback: {
      std::string out = "Feedback given";
      if (auto a = ParseEnum<domain::FeedbackAction>(r.what)) out += ": " + std::string(Label(*a));
      return r.note.empty() ? out : out + ". " + r.note;
    }
  }
  return r.what;
}

std::string FactOrOpinion(const PictureRow& r) {
  if (r.kind == PictureRowKind::kOwnEvent || r.kind == PictureRowKind::kFeedback) return "Fact, a record of what was done";
  return std::string(Label(r.accuracy));
}

std::string SameEventNote(const service::Picture& p, const PictureRow& r) {
  if (r.same_event < 0) return "";
  std::vector<std::string> orgs;
  for (const auto& o : p.rows)
    if (o.same_event == r.same_event && o.organisation != r.organisation) orgs.push_back(o.organisation);
  std::string names;
  for (const auto& o : orgs) names += (names.empty() ? "" : ", ") + o;
  return "Same event as reported by " + names;
}

std::string PictureTable(const service::Picture& p) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : p.rows) {
    std::string what = MarkWithheld(Escape(RowWhat(r)));
    if (r.same_event >= 0) what = Tag("Reported by more than one agency", Colour::kPurple) + " " + what +
                                  "<br><span class=\"govuk-body-s\">" + Escape(SameEventNote(p, r)) + "</span>";
    const std::string source = Escape(r.organisation) + (r.own ? " (your organisation)" : "");
    rows.push_back({Escape(DisplayIsoDate(r.date)), source, what, Escape(FactOrOpinion(r))});
  }
  return Table("", {"Date", "Source", "What happened or was known", "Fact or opinion"}, rows);
}

Response PicturePage(service::Linking& linking, Site& site, Visit& v, bool print) {
  const std::string id(v.request.PathParam("id"));
  auto picture = linking.PictureOf(v.context, id);
  if (!picture) return site.Failure(v, picture.error());
  const auto& p = *picture;
  std::string body = "<span class=\"govuk-caption-l\">" + Escape(p.child.FullName()) + ", born " +
                     Escape(DisplayIsoDate(p.child.date_of_birth)) +
                     "</span><h1 class=\"govuk-heading-l\">Multi-agency chronology</h1>";
  std::string agencies;
  for (const auto& a : p.agencies) agencies += (agencies.empty() ? "" : ", ") + a;
  body += "<p class=\"govuk-body\">From: " + Escape(agencies) +
          ". Your organisation's records, what other agencies shared about this child once it was linked to your "
          "record, and your feedback, in date order. It shows only what you may see.</p>";
  if (print) {
    body += "<p class=\"govuk-body\"><strong>OFFICIAL-SENSITIVE.</strong> Printed for a strategy discussion on " +
            Escape(DisplayTime(site.s.clock.Now())) + ". Keep it safe and destroy it when it is no longer needed.</p>";
  } else {
    body += "<div class=\"govuk-button-group govuk-!-display-none-print\">" +
            ButtonLink("Printable version", "/children/" + id + "/picture/print", true) +
            ButtonLink("Download as CSV", "/children/" + id + "/picture/csv", true) + "</div>";
  }
  if (p.rows.empty())
    body += "<p class=\"govuk-body\">Nothing has been recorded or shared yet.</p>";
  else
    body += PictureTable(p);
  if (!print) {
    body += "<h2 class=\"govuk-heading-m\">Linked and possible matches</h2>";
    if (p.matches.empty()) {
      body += "<p class=\"govuk-body\">No other record has been matched with this child.</p>";
    } else {
      std::vector<std::vector<std::string>> rows;
      for (const auto& m : p.matches)
        rows.push_back({OtherHtml(m), StatusTag(m.match.status), Escape(Percent(m.match.probability)),
                        Link("Review", "/matches/" + m.match.id, "this match")});
      body += Table("", {"Matched with", "Status", "Probability", ""}, rows);
    }
  }
  return site.Page(v, {.title = print ? "Multi-agency chronology (printable)" : "Multi-agency chronology",
                       .body_html = body, .back_href = print ? "/children/" + id + "/picture" : "/children/" + id,
                       .wide = true});
}

// The CSV a strategy discussion works from: one row per row of the page,
// cells that a spreadsheet could run written as text (common/csv.h).
std::string PictureCsv(const service::Picture& p) {
  std::string out;
  const std::vector<std::string> head = {"date", "source_organisation", "own_organisation", "what",
                                         "fact_or_opinion", "same_event"};
  AppendCsvRow(out, head);
  for (const auto& r : p.rows) {
    const std::vector<std::string> cells = {r.date, r.organisation, r.own ? "yes" : "no", RowWhat(r), FactOrOpinion(r),
                                            r.same_event < 0 ? "" : std::to_string(r.same_event + 1)};
    AppendCsvRow(out, cells);
  }
  return out;
}

}  // namespace

void AddLinkingPages(Router& router, WebServices services, WebOptions options, service::Linking& linking) {
  // Each handler holds the site, so it lives as long as the router does.
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* l = &linking;
  site->Get("/matches", [site, l](Visit& v) { return MatchesPage(*l, *site, v); });
  site->Get("/matches/{id}", [site, l](Visit& v) { return MatchPage(*l, *site, v, {}); });
  site->Post("/matches/{id}", [site, l](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const std::string decision = v.form.Get("decision");
    if (decision != "same" && decision != "different")
      return MatchPage(*l, *site, v, {{"decision", "Select whether they are the same child"}}, 400);
    auto done = decision == "same" ? l->Confirm(v.context, id) : l->Reject(v.context, id);
    if (!done) return site->Failure(v, done.error());
    return Redirect(decision == "same" ? "/children/" + done->person_id + "/picture" : "/matches");
  });
  site->Post("/matches/{id}/unlink", [site, l](Visit& v) {
    auto done = l->Unlink(v.context, std::string(v.request.PathParam("id")));
    if (!done) return site->Failure(v, done.error());
    return Redirect("/matches/" + done->id);
  });
  site->Get("/children/{id}/picture", [site, l](Visit& v) { return PicturePage(*l, *site, v, false); });
  site->Get("/children/{id}/picture/print", [site, l](Visit& v) { return PicturePage(*l, *site, v, true); });
  site->Get("/children/{id}/picture/csv", [site, l](Visit& v) {
    auto picture = l->PictureOf(v.context, std::string(v.request.PathParam("id")));
    if (!picture) return site->Failure(v, picture.error());
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = PictureCsv(*picture);
    r.With("Content-Disposition", "attachment; filename=\"multi-agency-chronology.csv\"");
    return r;
  });
}

}  // namespace jigsaw::http::web
