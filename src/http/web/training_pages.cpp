#include "http/web/training_pages.h"

#include <memory>

#include "common/random.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {

std::string_view TrainingKindLabel(domain::TrainingKind kind) {
  switch (kind) {
    case domain::TrainingKind::kInformationSharing: return "Information sharing";
    case domain::TrainingKind::kDataProtection: return "Data protection";
    case domain::TrainingKind::kSafeguarding: return "Safeguarding";
  }
  return "Training";
}

namespace {

using domain::TrainingKind;
using domain::TrainingState;

constexpr TrainingKind kKinds[] = {TrainingKind::kInformationSharing, TrainingKind::kDataProtection,
                                   TrainingKind::kSafeguarding};

std::string StateTag(const service::TrainingStatus& s) {
  switch (s.state) {
    case TrainingState::kCurrent: return Tag("Current", Colour::kGreen);
    case TrainingState::kExpiring: return Tag("Expiring soon", Colour::kYellow);
    case TrainingState::kLapsed: return Tag("Lapsed", Colour::kRed);
    case TrainingState::kNone: return Tag("None recorded", Colour::kGrey);
  }
  return "";
}

std::string_view StateLabel(TrainingState s) {
  switch (s) {
    case TrainingState::kCurrent: return "Current";
    case TrainingState::kExpiring: return "Expiring within 30 days";
    case TrainingState::kLapsed: return "Lapsed";
    case TrainingState::kNone: return "None recorded";
  }
  return "";
}

// The status of each kind as a summary list: a tag and the expiry date.
std::string StatusHtml(const std::vector<service::TrainingStatus>& status) {
  std::vector<SummaryRow> rows;
  for (const auto& s : status) {
    std::string value = StateTag(s);
    if (!s.expires_on.empty())
      value += " " + std::string(s.state == TrainingState::kLapsed ? "expired " : "expires ") +
               Escape(DisplayIsoDate(s.expires_on));
    rows.push_back({std::string(TrainingKindLabel(s.kind)), value, "", ""});
  }
  return SummaryList(rows);
}

std::string RecordsHtml(const service::PractitionerTraining& t) {
  if (t.records.empty()) return "<p class=\"govuk-body\">No training has been recorded.</p>";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < t.records.size(); ++i) {
    const auto& r = t.records[i];
    rows.push_back({Escape(r.course), Escape(TrainingKindLabel(r.kind)), Escape(DisplayIsoDate(r.completed_on)),
                    Escape(DisplayIsoDate(r.expires_on)), Escape(t.recorded_by_names[i])});
  }
  return Table("Training recorded", {"Course", "Kind", "Completed", "Expires", "Recorded by"}, rows);
}

// Whose training a page is about: empty for the visitor's own.
std::string Subject(const Visit& v, const std::string& id) {
  return id == v.who.practitioner.id ? std::string() : id;
}

std::string NewHref(const std::string& practitioner_id) {
  return practitioner_id.empty() ? "/training/new" : "/training/new?practitioner=" + practitioner_id;
}

std::string BackHref(const std::string& practitioner_id) {
  return practitioner_id.empty() ? "/training" : "/training/staff/" + practitioner_id;
}

Response TrainingPage(service::Training& training, Site& site, Visit& v, const std::string& practitioner_id) {
  auto t = training.Of(v.context, practitioner_id);
  if (!t) return site.Failure(v, t.error());
  const std::string subject = Subject(v, t->practitioner.id);
  const std::string heading = subject.empty() ? "Your training" : "Training of " + t->practitioner.display_name;
  std::string body = "<h1 class=\"govuk-heading-xl\">" + Escape(heading) + "</h1>";
  if (v.request.QueryParam("recorded")) body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Training recorded</p>", true);
  body += "<p class=\"govuk-body\">Information sharing and data protection training must be kept up to date. "
          "Training shows as expiring in the 30 days before its expiry date.</p>";
  body += StatusHtml(t->status);
  body += "<p class=\"govuk-body\">" + ButtonLink("Record training", NewHref(subject)) + "</p>";
  body += "<h2 class=\"govuk-heading-m\">Training recorded</h2>" + RecordsHtml(*t);
  // The page title holds no personal data (PageSpec).
  return site.Page(v, {.title = subject.empty() ? "Your training" : "Training of a member of staff",
                       .body_html = body,
                       .back_href = subject.empty() ? "/" : "/training/staff",
                       .active_nav = "home",
                       .wide = true});
}

struct TrainingForm {
  std::string kind;
  std::string course;
  std::string completed_day, completed_month, completed_year;
  std::string expires_day, expires_month, expires_year;
};

TrainingForm TrainingFormOf(const Form& f) {
  return {f.Get("kind"),           f.Get("course"),          f.Get("completed_on-day"), f.Get("completed_on-month"),
          f.Get("completed_on-year"), f.Get("expires_on-day"), f.Get("expires_on-month"), f.Get("expires_on-year")};
}

Response FormPage(service::Training& training, Site& site, Visit& v, const std::string& practitioner_id,
                  const TrainingForm& in, const Errors& errors, int status = 200) {
  std::string name;
  if (!practitioner_id.empty()) {
    // Reading their training checks the visitor may keep it (their DSL or
    // administrator) before the form is shown.
    auto t = training.Of(v.context, practitioner_id);
    if (!t) return site.Failure(v, t.error());
    name = t->practitioner.display_name;
  }
  std::vector<Option> kinds;
  for (const TrainingKind k : kKinds) kinds.push_back({std::string(ToString(k)), std::string(TrainingKindLabel(k)), "", false});
  std::string body = ErrorSummary(errors);
  body += "<h1 class=\"govuk-heading-l\">" +
          (name.empty() ? std::string("Record your training") : "Record training for " + Escape(name)) + "</h1>";
  body += FormStart("/training/new", v.csrf_token);
  if (!practitioner_id.empty()) body += HiddenInput("practitioner_id", practitioner_id);
  body += Radios({"kind", "What kind of training was it?", "", false, ErrorFor(errors, "kind")}, kinds, in.kind);
  body += TextInput({"course", "Name of the course", "For example, Information sharing for safeguarding practitioners",
                     false, ErrorFor(errors, "course")},
                    in.course);
  body += DateInput({"completed_on", "Date completed", "For example, 27 3 2026", false, ErrorFor(errors, "completed_on")},
                    in.completed_day, in.completed_month, in.completed_year);
  body += DateInput({"expires_on", "Expiry date", "The last day the training counts. For example, 27 3 2027", false,
                     ErrorFor(errors, "expires_on")},
                    in.expires_day, in.expires_month, in.expires_year);
  body += Button("Record training") + "</form>";
  return site.Page(v,
                   {.title = "Record training", .body_html = body, .back_href = BackHref(practitioner_id),
                    .has_errors = !errors.empty(), .active_nav = "home"},
                   status);
}

Response RecordPost(service::Training& training, Site& site, Visit& v) {
  const std::string practitioner_id = v.form.Get("practitioner_id");
  const TrainingForm in = TrainingFormOf(v.form);
  service::NewTraining t{.practitioner_id = practitioner_id,
                         .course = in.course,
                         .completed_on = IsoDate(in.completed_day, in.completed_month, in.completed_year),
                         .expires_on = IsoDate(in.expires_day, in.expires_month, in.expires_year)};
  // Every problem at once, in the order of the form (GOV.UK error summary).
  Errors errors;
  const auto kind = ParseEnum<TrainingKind>(in.kind);
  if (!kind) errors.push_back({"kind", "Select what kind of training it was"});
  for (const auto& e : domain::Problems(domain::TrainingRecord{.course = t.course,
                                                               .completed_on = t.completed_on,
                                                               .expires_on = t.expires_on},
                                        training.Today()))
    errors.push_back({e.field, e.message});
  if (!errors.empty()) return FormPage(training, site, v, practitioner_id, in, errors, 400);
  t.kind = *kind;
  auto done = training.Record(v.context, t);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    return FormPage(training, site, v, practitioner_id, in, FieldErrors(done.error(), "course"), 400);
  }
  const std::string subject = Subject(v, done->practitioner_id);
  return Redirect(subject.empty() ? "/training?recorded=1" : "/training/staff/" + subject + "?recorded=1");
}

Response StaffPage(service::Training& training, Site& site, Visit& v) {
  auto staff = training.StaffOf(v.context);
  if (!staff) return site.Failure(v, staff.error());
  std::string body = "<h1 class=\"govuk-heading-xl\">Your staff's training</h1>";
  body += "<p class=\"govuk-body\">Whether each member of staff's training is current, expiring within 30 days, "
          "lapsed or not recorded. Only training is shown here.</p>";
  {
    std::vector<std::vector<std::string>> rows;
    for (const TrainingKind k : kKinds) {
      std::vector<std::string> row{Escape(TrainingKindLabel(k))};
      for (const TrainingState s : {TrainingState::kCurrent, TrainingState::kExpiring, TrainingState::kLapsed,
                                    TrainingState::kNone}) {
        int n = 0;
        if (auto it = staff->counts.find(k); it != staff->counts.end())
          if (auto c = it->second.find(s); c != it->second.end()) n = c->second;
        row.push_back(std::to_string(n));
      }
      rows.push_back(std::move(row));
    }
    body += Table("Number of staff in each state", {"Kind", "Current", "Expiring within 30 days", "Lapsed", "None recorded"},
                  rows);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : staff->staff) {
    std::vector<std::string> row{Link(m.display_name, "/training/staff/" + m.practitioner_id)};
    for (const auto& s : m.status)
      row.push_back(Escape(StateLabel(s.state)) +
                    (s.expires_on.empty() ? std::string() : "<br><span class=\"govuk-hint jigsaw-inline-hint\">" +
                                                                Escape(DisplayIsoDate(s.expires_on)) + "</span>"));
    rows.push_back(std::move(row));
  }
  body += Table("Each member of staff", {"Name", "Information sharing", "Data protection", "Safeguarding"}, rows);
  return site.Page(v, {.title = "Your staff's training", .body_html = body, .back_href = "/", .active_nav = "home",
                       .wide = true});
}

}  // namespace

void AddTrainingPages(Router& router, WebServices services, WebOptions options, service::Training& training) {
  // Each handler holds the site, so it lives as long as the router does.
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* t = &training;
  site->Get("/training", [site, t](Visit& v) { return TrainingPage(*t, *site, v, {}); });
  site->Get("/training/new", [site, t](Visit& v) {
    TrainingForm in;
    in.kind = v.request.QueryParam("kind").value_or("");
    return FormPage(*t, *site, v, v.request.QueryParam("practitioner").value_or(""), in, {});
  });
  site->Post("/training/new", [site, t](Visit& v) { return RecordPost(*t, *site, v); });
  site->Get("/training/staff", [site, t](Visit& v) { return StaffPage(*t, *site, v); });
  site->Get("/training/staff/{id}",
            [site, t](Visit& v) { return TrainingPage(*t, *site, v, std::string(v.request.PathParam("id"))); });
}

}  // namespace jigsaw::http::web
