// The recipient's front door on the page: what was shared with the
// organisation, one card per disclosure with what is needed to triage it
// (the child, the level, the forms of abuse, who shared it and how long
// ago), sorted and filtered by a GET form that works without JavaScript;
// on a disclosure, the DSL's RAG rating and allocation to a worker.
// Cards rather than a table: they stack at 375 px wide.
#include "http/api/case_management_api.h"
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using service::AllocationFilter;
using service::InboxSort;
using service::InboxState;
using service::RatingFilter;

Colour RatingColour(domain::RagRating r) {
  switch (r) {
    case domain::RagRating::kRed: return Colour::kRed;
    case domain::RagRating::kAmber: return Colour::kOrange;
    case domain::RagRating::kGreen: return Colour::kGreen;
  }
  return Colour::kGrey;
}

Colour LevelTagColour(domain::ConcernLevel level) {
  switch (level) {
    case domain::ConcernLevel::kImmediate: return Colour::kRed;
    case domain::ConcernLevel::kSignificant: return Colour::kOrange;
    case domain::ConcernLevel::kLow: return Colour::kYellow;
    case domain::ConcernLevel::kUnsure: return Colour::kGrey;
  }
  return Colour::kGrey;
}

// How long ago, in the largest whole unit: what "its age" means at a glance.
std::string Age(Time then, Time now) {
  using namespace std::chrono;
  const auto minutes = duration_cast<std::chrono::minutes>(now - then).count();
  auto plural = [](long n, std::string_view unit) {
    return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s") + " ago";
  };
  if (minutes < 1) return "Just now";
  if (minutes < 60) return plural(minutes, "minute");
  if (minutes < 60 * 24) return plural(minutes / 60, "hour");
  return plural(minutes / (60 * 24), "day");
}

std::string FormsText(const std::vector<domain::AbuseForm>& forms) {
  if (forms.empty()) return "None stated";
  std::string out;
  for (auto f : forms) out += (out.empty() ? "" : ", ") + std::string(Label(f));
  return out;
}

std::string SharerText(const service::InboxEntry& e) {
  std::string who = e.about.sharer_practitioner;
  if (e.about.sharer_role) who += (who.empty() ? "" : ", ") + std::string(*e.about.sharer_role == domain::Role::kDesignatedSafeguardingLead ? "designated safeguarding lead" : "practitioner");
  return who.empty() ? e.disclosure.sharer_organisation : who + " (" + e.disclosure.sharer_organisation + ")";
}

std::vector<Option> Choices(std::initializer_list<std::pair<std::string_view, std::string_view>> pairs) {
  std::vector<Option> out;
  for (const auto& [value, label] : pairs) out.push_back({std::string(value), std::string(label), "", false});
  return out;
}

// The sort and filter form: a GET to /inbox, so the choice is in the
// address and works without JavaScript.
std::string FilterForm(const Request& req) {
  auto chosen = [&](std::string_view name) { return req.QueryParam(name).value_or(""); };
  std::vector<Option> levels = {{"", "Any level", "", false}};
  for (const auto& [value, name] : EnumNames<domain::ConcernLevel>::kNames)
    levels.push_back({std::string(name), std::string(Label(value)), "", false});
  std::string out = "<form method=\"get\" action=\"/inbox\" novalidate class=\"jigsaw-filter\">"
                    "<h2 class=\"govuk-heading-m\">Sort and filter</h2>";
  out += Select({"sort", "Sort by", "", false, ""},
                Choices({{"newest", "Newest first"}, {"oldest", "Oldest first"}, {"level", "Level of concern"},
                         {"rating", "RAG rating"}}),
                chosen("sort"));
  out += Select({"rating", "RAG rating", "", false, ""},
                Choices({{"any", "Any rating"}, {"red", "Red"}, {"amber", "Amber"}, {"green", "Green"}, {"unrated", "Not rated"}}),
                chosen("rating"));
  out += Select({"allocation", "Allocated", "", false, ""},
                Choices({{"any", "Anyone or no one"}, {"unallocated", "Not allocated"}, {"mine", "Allocated to me"}}),
                chosen("allocation"));
  out += Select({"level", "Level of concern", "", false, ""}, levels, chosen("level"));
  out += Select({"state", "Status", "", false, ""},
                Choices({{"any", "Any status"}, {"unread", "Not opened yet"}, {"overdue", "Overdue"},
                         {"awaiting_feedback", "Feedback not yet given"}}),
                chosen("state"));
  out += Button("Apply", true) + " <a class=\"govuk-link\" href=\"/inbox\">Clear filters</a></form>";
  return out;
}

// A recalled disclosure: marked, with nothing of its content, and whether
// the organisation has confirmed it keeps no copy.
std::string RecalledCard(const service::InboxEntry& e) {
  const auto& d = e.disclosure.disclosure;
  std::vector<SummaryRow> rows = {
      {"Shared by", Escape(e.disclosure.sharer_organisation), "", ""},
      {"Shared", Escape(DisplayTime(d.created_at)), "", ""},
      {"Recalled", Escape(DisplayTime(d.recalled_at)), "", ""},
      {"Status", Tag("Recalled", Colour::kRed) + " " +
                     (d.recall_confirmed_at == Time{} ? Tag("Confirm you keep no copy", Colour::kOrange)
                                                      : Tag("No copy kept", Colour::kGrey)),
       "", ""}};
  return std::string("<div class=\"govuk-summary-card") + (d.recall_confirmed_at == Time{} ? " jigsaw-card-attention" : "") +
         "\"><div class=\"govuk-summary-card__title-wrapper\"><h3 class=\"govuk-summary-card__title\">" +
         Link("Recalled: sent to you in error", "/disclosures/" + d.id) + "</h3></div><div class=\"govuk-summary-card__content\">" +
         SummaryList(rows) + "</div></div>";
}

std::string Card(const service::InboxEntry& e, Time now) {
  const auto& d = e.disclosure.disclosure;
  if (domain::IsRecalled(d)) return RecalledCard(e);
  const std::string child = e.about.child_name.empty() ? "A child (not named)" : e.about.child_name;
  std::string status = d.received_at == Time{} ? Tag("New", Colour::kBlue) : Tag("Opened", Colour::kGrey);
  if (e.overdue) status += " " + Tag("Overdue", Colour::kRed);
  if (e.about.emergency) status += " " + Tag("Emergency share", Colour::kRed);
  // Article 19: a correction, and an earlier share since corrected, say so here too.
  if (!d.corrects.empty()) status += " " + Tag("Correction", Colour::kPurple);
  if (!e.disclosure.corrected_by.empty()) status += " " + Tag("Corrected since", Colour::kOrange);
  const std::string allocated =
      e.marks.allocated_to.empty() ? Tag("Not allocated", Colour::kOrange) : Escape(e.allocated_to_name);
  const std::string rating = e.marks.rating ? Tag(Label(*e.marks.rating), RatingColour(*e.marks.rating))
                                            : std::string("Not rated");
  std::vector<SummaryRow> rows = {
      {"Level of concern", e.about.level ? Tag(Label(*e.about.level), LevelTagColour(*e.about.level)) : "Not stated", "", ""},
      {"Forms of abuse", Escape(FormsText(e.about.forms)), "", ""},
      {"Shared by", Escape(SharerText(e)), "", ""},
      {"Shared", Escape(Age(d.created_at, now)) + " <span class=\"govuk-hint jigsaw-inline-hint\">" +
                     Escape(DisplayTime(d.created_at)) + "</span>", "", ""},
      {"RAG rating", rating, "", ""},
      {"Allocated to", allocated, "", ""},
      {"Status", status, "", ""}};
  const bool stands_out = e.overdue || e.marks.allocated_to.empty();
  return std::string("<div class=\"govuk-summary-card") + (stands_out ? " jigsaw-card-attention" : "") +
         "\"><div class=\"govuk-summary-card__title-wrapper\"><h3 class=\"govuk-summary-card__title\">" +
         Link(child, "/disclosures/" + d.id) + "</h3></div><div class=\"govuk-summary-card__content\">" +
         SummaryList(rows) + "</div></div>";
}

}  // namespace

Result<std::string> ReceivedHtml(Site& site, Visit& v) {
  auto filter = api::InboxFilterFrom(v.request);
  if (!filter) filter = service::InboxFilter{};  // an address edited by hand: show everything
  auto inbox = site.s.triage.Inbox(v.context, *filter);
  if (!inbox) return std::unexpected(inbox.error());
  const Time now = site.s.clock.Now();
  std::size_t unallocated = 0, overdue = 0;
  for (const auto& e : *inbox) {
    unallocated += e.marks.allocated_to.empty() && !domain::IsRecalled(e.disclosure.disclosure) ? 1 : 0;
    overdue += e.overdue ? 1 : 0;
  }
  std::string out = FilterForm(v.request);
  out += "<p class=\"govuk-body\" id=\"received-count\">" + std::to_string(inbox->size()) +
         (inbox->size() == 1 ? " disclosure" : " disclosures") + " shown: " + std::to_string(unallocated) +
         " not allocated, " + std::to_string(overdue) + " overdue.</p>";
  if (inbox->empty()) {
    const bool filtered = !v.request.query.empty();
    return out + (filtered ? "<p class=\"govuk-body\">Nothing shared with you matches. " + Link("Clear filters", "/inbox") + "</p>"
                           : "<p class=\"govuk-body\">Nothing has been shared with your organisation yet. When another "
                             "organisation shares information with you, it appears here and on your home page.</p>");
  }
  for (const auto& e : *inbox) out += Card(e, now);
  return out;
}

Result<std::string> TriageHtml(Site& site, Visit& v, const std::string& disclosure_id) {
  auto marks = site.s.triage.Marks(v.context, disclosure_id);
  if (!marks) return std::unexpected(marks.error());
  const auto& m = *marks;
  std::string out = "<h2 class=\"govuk-heading-m\" id=\"triage\">Triage</h2>";
  std::vector<SummaryRow> rows = {
      {"RAG rating",
       m.marks.rating ? Tag(Label(*m.marks.rating), RatingColour(*m.marks.rating)) + " by " + Escape(m.rated_by_name)
                      : std::string("Not rated"),
       "", ""},
      {"Allocated to",
       m.marks.allocated_to.empty() ? Tag("Not allocated", Colour::kOrange)
                                    : Escape(m.allocated_to_name) + " (by " + Escape(m.allocated_by_name) + ", " +
                                          Escape(DisplayTime(m.marks.allocated_at)) + ")",
       "", ""}};
  out += SummaryList(rows);
  if (!m.may_triage) return out;
  const std::string rating = m.marks.rating ? std::string(ToString(*m.marks.rating)) : std::string();
  out += FormStart("/disclosures/" + disclosure_id + "/rating", v.csrf_token) +
         Radios({"rating", "RAG rating", "Yours alone: the sharer does not see it.", false, ""},
                OptionsOf<domain::RagRating>(), rating, true) +
         Button("Save rating", true) + "</form>";
  std::vector<Option> workers = {{"", "Choose someone", "", false}};
  for (const auto& p : m.workers) workers.push_back({p.id, p.display_name, "", false});
  out += FormStart("/disclosures/" + disclosure_id + "/allocation", v.csrf_token) +
         Select({"practitioner_id", "Allocate to", "They are told it is theirs.", false, ""}, workers,
                m.marks.allocated_to) +
         Button("Allocate", true) + "</form>";
  return out;
}

void AddTriagePages(Site& site) {
  site.Post("/disclosures/{id}/rating", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto rating = ParseEnum<domain::RagRating>(v.form.Get("rating"));
    if (!rating) return Redirect("/disclosures/" + id + "?triage=choose-rating");
    auto rated = site.s.triage.Rate(v.context, id, *rating);
    if (!rated) return site.Failure(v, rated.error());
    return Redirect("/disclosures/" + id + "?triage=rated");
  });
  site.Post("/disclosures/{id}/allocation", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto allocated = site.s.triage.Allocate(v.context, id, v.form.Get("practitioner_id"));
    if (!allocated) {
      if (allocated.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, allocated.error());
      return Redirect("/disclosures/" + id + "?triage=choose-worker");
    }
    return Redirect("/disclosures/" + id + "?triage=allocated");
  });
}

}  // namespace jigsaw::http::web
