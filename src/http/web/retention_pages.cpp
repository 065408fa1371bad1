#include "http/web/retention_pages.h"

#include <algorithm>
#include <memory>

#include "access/policy.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using domain::ErasureGround;
using domain::ErasureOutcome;
using domain::HoldSubject;

std::string_view KindLabel(domain::RecordKind kind) {
  switch (kind) {
    case domain::RecordKind::kConcern: return "Concern";
    case domain::RecordKind::kDecision: return "Decision";
    case domain::RecordKind::kDisclosureReceived: return "Information received";
    case domain::RecordKind::kInformationRequest: return "Information request";
    case domain::RecordKind::kAdviceRequest: return "Advice request";
    case domain::RecordKind::kDraft: return "Draft";
    case domain::RecordKind::kSession: return "Session";
    case domain::RecordKind::kNotification: return "Notification";
    case domain::RecordKind::kAudit: return "Audit log";
  }
  return "Record";
}

std::string_view GroundLabel(ErasureGround g) {
  switch (g) {
    case ErasureGround::kNoLongerNecessary: return "Grant: no longer needed for the purpose (Article 17(1)(a))";
    case ErasureGround::kObjectionUpheld: return "Grant: an objection was upheld (Article 17(1)(c))";
    case ErasureGround::kUnlawfullyProcessed: return "Grant: it was processed unlawfully (Article 17(1)(d))";
    case ErasureGround::kLegalObligationToErase: return "Grant: the law requires it to be erased (Article 17(1)(e))";
    case ErasureGround::kLegalObligation: return "Refuse: we must keep it by law (Article 17(3)(b))";
    case ErasureGround::kPublicTask: return "Refuse: needed for our safeguarding duties, a public task (Article 17(3)(b))";
    case ErasureGround::kPublicHealth: return "Refuse: public health (Article 17(3)(c))";
    case ErasureGround::kArchiving: return "Refuse: archiving in the public interest (Article 17(3)(d))";
    case ErasureGround::kLegalClaims: return "Refuse: needed for legal claims (Article 17(3)(e))";
  }
  return "";
}

std::string Nav() {
  return "<p class=\"govuk-body\">" + Link("Records due", "/retention") + " · " +
         Link("Retention schedule", "/retention/schedule") + " · " + Link("Legal holds", "/legal-holds") + " · " +
         Link("Erasure requests", "/erasure-requests") + "</p>";
}

std::string Banner(const Visit& v) {
  const auto done = v.request.QueryParam("done");
  if (!done) return {};
  std::string_view text = "Saved";
  if (*done == "destroyed") text = "The record's content was destroyed";
  if (*done == "held") text = "Legal hold placed";
  if (*done == "lifted") text = "Legal hold lifted";
  if (*done == "decided") text = "Decision recorded";
  return NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">" + Escape(text) + "</p>", true);
}

Response ReviewPage(service::Retention& retention, Site& site, Visit& v) {
  auto review = retention.Review(v.context);
  if (!review) return site.Failure(v, review.error());
  std::string body = Banner(v) + "<h1 class=\"govuk-heading-xl\">Records due for destruction</h1>" + Nav();
  body += "<p class=\"govuk-body\">Records whose retention period has ended, as of " +
          Escape(DisplayDate(review->as_of)) +
          ". Check each is no longer needed, then confirm its destruction. Destruction cannot be undone: the content "
          "goes, and what remains is its reference, its dates and the fact that it was destroyed.</p>";
  if (review->due.empty()) {
    body += "<p class=\"govuk-body\">No records are due.</p>";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : review->due) {
      std::string action;
      if (!d.holds.empty())
        action = Tag("On legal hold", Colour::kOrange);
      else
        action = Link("Confirm destruction", "/retention/destroy/" + d.record_id, "of concern " + d.record_id);
      rows.push_back({Escape(KindLabel(d.kind)) + "<br><span class=\"govuk-hint jigsaw-inline-hint\">" +
                          Escape(d.record_id) + "</span>",
                      Escape(DisplayDate(d.dates.last_activity_at)), Escape(DisplayDate(d.due_at)), action});
    }
    body += Table("Records due", {"Record", "Last activity", "Due", "Action"}, rows);
  }
  return site.Page(v, {.title = "Records due for destruction", .body_html = body, .back_href = "/",
                       .active_nav = "retention", .wide = true});
}

Response ConfirmPage(service::Retention& retention, Site& site, Visit& v, const std::string& id, const Errors& errors,
                     int status = 200) {
  auto review = retention.Review(v.context);
  if (!review) return site.Failure(v, review.error());
  const service::DueRecord* due = nullptr;
  for (const auto& d : review->due)
    if (d.record_id == id) due = &d;
  if (!due) return site.Failure(v, Error{ErrorCode::kNotFound, "This record is not due for destruction.", ""});
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Confirm destruction</h1>";
  body += SummaryList({{"Record", Escape(KindLabel(due->kind)) + " " + Escape(due->record_id), "", ""},
                       {"Recorded", Escape(DisplayDate(due->dates.created_at)), "", ""},
                       {"Last activity", Escape(DisplayDate(due->dates.last_activity_at)), "", ""},
                       {"Due for destruction", Escape(DisplayDate(due->due_at)), "", ""}});
  body += Warning(
      "The concern's account, its information, body map notes and files will be destroyed and cannot be recovered. "
      "If it was the child's last record kept, their identifying details go too.");
  body += FormStart("/retention/destroy/" + id, v.csrf_token) + Button("Destroy this record") + "</form>";
  return site.Page(v,
                   {.title = "Confirm destruction", .body_html = body, .back_href = "/retention",
                    .has_errors = !errors.empty(), .active_nav = "retention"},
                   status);
}

Response DestroyPost(service::Retention& retention, Site& site, Visit& v, const std::string& id) {
  auto done = retention.ConfirmDestruction(v.context, id);
  if (!done) {
    if (done.error().code == ErrorCode::kFailedPrecondition)
      return ConfirmPage(retention, site, v, id, {{"record_id", done.error().message}}, 409);
    return site.Failure(v, done.error());
  }
  return Redirect("/retention?done=destroyed");
}

Response SchedulePage(service::Retention& retention, Site& site, Visit& v) {
  auto schedule = retention.ScheduleOf(v.context);
  if (!schedule) return site.Failure(v, schedule.error());
  std::string body = "<h1 class=\"govuk-heading-xl\">Retention schedule</h1>" + Nav();
  body += "<p class=\"govuk-body\">How long your organisation keeps each kind of record, and what happens then. "
          "These start from the usual UK schedules for your type of organisation; the source of each is shown.</p>";
  const bool manages = access::Authorise(v.context.actor, access::Action::kManageRetention, v.context.actor.organisation_id)
                           .has_value();
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : domain::PublicSummary(*schedule)) {
    std::vector<std::string> row{Escape(line.record), Escape(line.how_long), Escape(line.then),
                                 "<span class=\"govuk-body-s\">" + Escape(line.source) + "</span>"};
    if (manages)
      row.push_back(line.kind == domain::RecordKind::kAudit
                        ? std::string()
                        : Link("Change", "/retention/schedule/" + std::string(ToString(line.kind)), line.record));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> heads{"Record", "How long", "Then", "Source"};
  if (manages) heads.push_back("Action");
  body += Table("How long each kind of record is kept", heads, rows);
  return site.Page(v, {.title = "Retention schedule", .body_html = body, .back_href = "/retention",
                       .active_nav = "retention", .wide = true});
}

struct RuleForm {
  std::string trigger, years, days, source;
};

Response RulePage(service::Retention& retention, Site& site, Visit& v, domain::RecordKind kind, const RuleForm* in,
                  const Errors& errors, int status = 200) {
  auto schedule = retention.ScheduleOf(v.context);
  if (!schedule) return site.Failure(v, schedule.error());
  const auto rule = domain::RuleFor(*schedule, kind);
  const RuleForm current{std::string(ToString(rule.period.trigger)), std::to_string(rule.period.years),
                         std::to_string(rule.period.days), rule.source};
  const RuleForm& shown = in ? *in : current;
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">How long to keep: " +
                     Escape(domain::PublicName(kind)) + "</h1>";
  body += "<p class=\"govuk-body\">Now: " + Escape(domain::Describe(rule.period)) + ". " +
          Escape(domain::Describe(rule.disposal)) + "</p>";
  body += FormStart("/retention/schedule/" + std::string(ToString(kind)), v.csrf_token);
  body += Radios({"trigger", "Counted from", "", false, ErrorFor(errors, "trigger")},
                 {{"from_date_of_birth", "The child's date of birth", "For example, until the 25th birthday", false},
                  {"from_last_activity", "The last time anything was added or changed", "", false},
                  {"from_creation", "When the record was made", "", false}},
                 shown.trigger);
  body += TextInput({"years", "Years", "", false, ErrorFor(errors, "years")}, shown.years, "govuk-input--width-3", "text");
  body += TextInput({"days", "Days", "", false, ErrorFor(errors, "days")}, shown.days, "govuk-input--width-4", "text");
  body += Textarea({"source", "The guidance or policy it follows", "Shown on the privacy notice", false,
                    ErrorFor(errors, "source")},
                   shown.source, 3);
  body += Button("Save") + "</form>";
  return site.Page(v,
                   {.title = "Change how long records are kept", .body_html = body, .back_href = "/retention/schedule",
                    .has_errors = !errors.empty(), .active_nav = "retention"},
                   status);
}

Response RulePost(service::Retention& retention, Site& site, Visit& v, domain::RecordKind kind) {
  const RuleForm in{v.form.Get("trigger"), v.form.Get("years"), v.form.Get("days"), v.form.Get("source")};
  Errors errors;
  const auto trigger = ParseEnum<domain::RetentionTrigger>(in.trigger);
  if (!trigger) errors.push_back({"trigger", "Select what the period is counted from"});
  auto number = [&](const std::string& field, const std::string& text) -> int {
    if (text.empty()) return 0;
    if (text.size() > 4 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      errors.push_back({field, "Enter a whole number of " + field});
      return 0;
    }
    return std::stoi(text);
  };
  const int years = number("years", in.years);
  const int days = number("days", in.days);
  if (!errors.empty()) return RulePage(retention, site, v, kind, &in, errors, 400);
  auto schedule = retention.ScheduleOf(v.context);
  if (!schedule) return site.Failure(v, schedule.error());
  auto rule = domain::RuleFor(*schedule, kind);
  rule.period.trigger = *trigger;
  rule.period.years = years;
  rule.period.days = days;
  if (rule.period.trigger != domain::RetentionTrigger::kFromDateOfBirth) rule.period.extension.reset();
  rule.source = in.source;
  auto done = retention.SetRule(v.context, rule);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    return RulePage(retention, site, v, kind, &in, FieldErrors(done.error(), "years"), 400);
  }
  return Redirect("/retention/schedule");
}

struct HoldForm {
  std::string subject, subject_id, reason;
};

Response HoldsPage(service::Retention& retention, Site& site, Visit& v, const HoldForm& in, const Errors& errors,
                   int status = 200) {
  auto holds = retention.Holds(v.context);
  if (!holds) return site.Failure(v, holds.error());
  std::string body = ErrorSummary(errors) + Banner(v) + "<h1 class=\"govuk-heading-xl\">Legal holds</h1>" + Nav();
  body += "<p class=\"govuk-body\">A legal hold stops a child's records, or one concern, from being destroyed until "
          "it is lifted: for example while an inquiry, a court case or a complaint may need them.</p>";
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : *holds) {
    std::string state = domain::IsActive(h) ? Tag("In place", Colour::kOrange)
                                            : Tag("Lifted", Colour::kGrey) + " " + Escape(DisplayDate(h.lifted_at));
    std::string subject = std::string(h.subject == HoldSubject::kChild ? "Child " : "Concern ") + h.subject_id;
    rows.push_back({Escape(subject), Paragraphs(h.reason), Escape(DisplayDate(h.placed_at)), state,
                    domain::IsActive(h) ? Link("Lift", "/legal-holds/" + h.id + "/lift", "hold on " + subject) : ""});
  }
  if (rows.empty())
    body += "<p class=\"govuk-body\">There are no legal holds.</p>";
  else
    body += Table("Legal holds", {"On", "Reason", "Placed", "State", "Action"}, rows);
  body += "<h2 class=\"govuk-heading-m\">Place a legal hold</h2>" + FormStart("/legal-holds", v.csrf_token);
  body += Radios({"subject", "What does it hold?", "", false, ErrorFor(errors, "subject")},
                 {{"child", "Everything about a child", "", false}, {"concern", "One concern", "", false}},
                 in.subject.empty() ? "concern" : in.subject);
  body += TextInput({"subject_id", "Reference of the child or concern", "As shown on the records due or the child's record",
                     false, ErrorFor(errors, "subject_id")},
                    in.subject_id);
  body += Textarea({"reason", "Why must the records be kept?", "For example, the name of the inquiry and its request",
                    false, ErrorFor(errors, "reason")},
                   in.reason);
  body += Button("Place legal hold") + "</form>";
  return site.Page(v,
                   {.title = "Legal holds", .body_html = body, .back_href = "/retention",
                    .has_errors = !errors.empty(), .active_nav = "retention", .wide = true},
                   status);
}

Response HoldPost(service::Retention& retention, Site& site, Visit& v) {
  HoldForm in{v.form.Get("subject"), v.form.Get("subject_id"), v.form.Get("reason")};
  const auto subject = ParseEnum<HoldSubject>(in.subject);
  if (!subject) return HoldsPage(retention, site, v, in, {{"subject", "Select what the hold is on"}}, 400);
  auto done = retention.PlaceHold(v.context, {*subject, in.subject_id, in.reason});
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument && done.error().code != ErrorCode::kNotFound)
      return site.Failure(v, done.error());
    Error e = done.error();
    if (e.code == ErrorCode::kNotFound) e.message = "There is no child or concern with that reference in your records";
    return HoldsPage(retention, site, v, in, FieldErrors(e, "subject_id"), 400);
  }
  return Redirect("/legal-holds?done=held");
}

Response LiftPage(Site& site, Visit& v, const std::string& id, const std::string& reason, const Errors& errors,
                  int status = 200) {
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Lift a legal hold</h1>";
  body += FormStart("/legal-holds/" + id + "/lift", v.csrf_token);
  body += Textarea({"reason", "Why can the hold be lifted?", "For example, the inquiry has ended", false,
                    ErrorFor(errors, "lift_reason").empty() ? ErrorFor(errors, "reason") : ErrorFor(errors, "lift_reason")},
                   reason);
  body += Button("Lift legal hold") + "</form>";
  return site.Page(v,
                   {.title = "Lift a legal hold", .body_html = body, .back_href = "/legal-holds",
                    .has_errors = !errors.empty(), .active_nav = "retention"},
                   status);
}

Response LiftPost(service::Retention& retention, Site& site, Visit& v, const std::string& id) {
  const std::string reason = v.form.Get("reason");
  auto done = retention.LiftHold(v.context, id, reason);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    return LiftPage(site, v, id, reason, {{"reason", done.error().message}}, 400);
  }
  return Redirect("/legal-holds?done=lifted");
}

Response ErasuresPage(service::Retention& retention, Site& site, Visit& v) {
  auto requests = retention.ErasureRequests(v.context);
  if (!requests) return site.Failure(v, requests.error());
  std::string body = Banner(v) + "<h1 class=\"govuk-heading-xl\">Erasure requests</h1>" + Nav();
  body += "<p class=\"govuk-body\">Requests to erase a person's records (UK GDPR Article 17), with your decision and "
          "its reasons. Safeguarding records are usually kept under a legal obligation or as a public task; the "
          "decision is recorded either way.</p>";
  body += "<p class=\"govuk-body\">" + ButtonLink("Record an erasure request", "/erasure-requests/new") + "</p>";
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : *requests)
    rows.push_back({Escape(DisplayIsoDate(r.received_on)), Escape(r.requested_by),
                    r.outcome == ErasureOutcome::kGranted ? Tag("Granted", Colour::kGreen) : Tag("Refused", Colour::kRed),
                    Escape(GroundLabel(r.ground)) + Paragraphs(r.reasons)});
  if (rows.empty())
    body += "<p class=\"govuk-body\">No erasure requests have been recorded.</p>";
  else
    body += Table("Erasure requests", {"Received", "Asked by", "Decision", "Grounds and reasons"}, rows);
  return site.Page(v, {.title = "Erasure requests", .body_html = body, .back_href = "/retention",
                       .active_nav = "retention", .wide = true});
}

struct ErasureForm {
  std::string person_id, requested_by, day, month, year, ground, reasons;
};

Response ErasureFormPage(Site& site, Visit& v, const ErasureForm& in, const Errors& errors, int status = 200) {
  std::vector<Option> grounds;
  for (const auto& [g, name] : EnumNames<ErasureGround>::kNames)
    grounds.push_back({std::string(name), std::string(GroundLabel(g)), "", g == ErasureGround::kLegalObligation});
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Record an erasure request</h1>";
  body += FormStart("/erasure-requests/new", v.csrf_token);
  body += TextInput({"person_id", "Reference of the person", "As shown on their record", false, ErrorFor(errors, "person_id")},
                    in.person_id);
  body += TextInput({"requested_by", "Who asked?", "For example, the young person, or the child's mother", false,
                     ErrorFor(errors, "requested_by")},
                    in.requested_by);
  body += DateInput({"received_on", "Date received", "For example, 27 3 2026", false, ErrorFor(errors, "received_on")},
                    in.day, in.month, in.year);
  body += Radios({"ground", "Your decision", "Granting destroys the content of every concern about the person and "
                  "their identifying details. It cannot be undone.", false, ErrorFor(errors, "ground")},
                 grounds, in.ground);
  body += Textarea({"reasons", "Your reasons", "These are recorded and told to the person who asked", false,
                    ErrorFor(errors, "reasons")},
                   in.reasons);
  body += Button("Record decision") + "</form>";
  return site.Page(v,
                   {.title = "Record an erasure request", .body_html = body, .back_href = "/erasure-requests",
                    .has_errors = !errors.empty(), .active_nav = "retention"},
                   status);
}

// The form again with the refusal, named by its field.
Response ErasureFailure(Site& site, Visit& v, const ErasureForm& in, Error e) {
  const auto code = e.code;
  if (code != ErrorCode::kInvalidArgument && code != ErrorCode::kNotFound && code != ErrorCode::kFailedPrecondition)
    return site.Failure(v, e);
  if (code == ErrorCode::kNotFound) e.message = "There is no person with that reference in your records";
  return ErasureFormPage(site, v, in, FieldErrors(e, "person_id"), code == ErrorCode::kFailedPrecondition ? 409 : 400);
}

// Before a granted erasure: whose records go, and how many concerns,
// with the decision carried in hidden fields to confirm.
Response ConfirmErasurePage(Site& site, Visit& v, const ErasureForm& in, const service::ErasurePreview& preview) {
  const auto& p = preview.person;
  const std::string name = p.FullName() == " " ? std::string("(no name recorded)") : p.FullName();
  std::string body = "<h1 class=\"govuk-heading-l\">Confirm the erasure of " + Escape(name) + "&#39;s records</h1>";
  body += SummaryList({{"Person", Escape(name), "", ""},
                       {"Reference", Escape(p.id), "", ""},
                       {"Date of birth", Escape(p.date_of_birth.empty() ? "Not recorded" : p.date_of_birth), "", ""},
                       {"Concerns about them to destroy", std::to_string(preview.concerns), "", ""},
                       {"Who asked", Escape(in.requested_by), "", ""}});
  body += Warning(p.kind == domain::PersonKind::kChild
                      ? "The content of every concern about this child, with its information, body map notes and "
                        "files, and the child's identifying details will be destroyed now. This cannot be undone."
                      : "This person's identifying details will be destroyed now. This cannot be undone.");
  body += FormStart("/erasure-requests/new", v.csrf_token);
  for (const auto& [name_, value] : std::initializer_list<std::pair<std::string_view, const std::string&>>{
           {"person_id", in.person_id},
           {"requested_by", in.requested_by},
           {"received_on-day", in.day},
           {"received_on-month", in.month},
           {"received_on-year", in.year},
           {"ground", in.ground},
           {"reasons", in.reasons}})
    body += HiddenInput(name_, value);
  body += HiddenInput("confirmed", "yes");
  body += "<div class=\"govuk-button-group\">" + Button("Erase these records", false) +
          Link("Cancel", "/erasure-requests") + "</div></form>";
  return site.Page(v, {.title = "Confirm the erasure", .body_html = body, .back_href = "/erasure-requests/new",
                       .active_nav = "retention"});
}

Response ErasurePost(service::Retention& retention, Site& site, Visit& v) {
  ErasureForm in{v.form.Get("person_id"),        v.form.Get("requested_by"),     v.form.Get("received_on-day"),
                 v.form.Get("received_on-month"), v.form.Get("received_on-year"), v.form.Get("ground"),
                 v.form.Get("reasons")};
  const auto ground = ParseEnum<ErasureGround>(in.ground);
  if (!ground) return ErasureFormPage(site, v, in, {{"ground", "Select your decision"}}, 400);
  service::NewErasureDecision d{.person_id = in.person_id,
                                .requested_by = in.requested_by,
                                .received_on = IsoDate(in.day, in.month, in.year),
                                .outcome = domain::OutcomeOf(*ground),
                                .ground = *ground,
                                .reasons = in.reasons};
  // Granting destroys at once and cannot be undone: the DPO first sees
  // whose records go, and confirms.
  if (d.outcome == ErasureOutcome::kGranted && v.form.Get("confirmed") != "yes") {
    auto preview = retention.PreviewErasure(v.context, d);
    if (!preview) return ErasureFailure(site, v, in, preview.error());
    return ConfirmErasurePage(site, v, in, *preview);
  }
  auto done = retention.DecideErasure(v.context, d);
  if (!done) return ErasureFailure(site, v, in, done.error());
  return Redirect("/erasure-requests?done=decided");
}

}  // namespace

void AddRetentionPages(Router& router, WebServices services, WebOptions options, service::Retention& retention) {
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* r = &retention;
  site->Get("/retention", [site, r](Visit& v) { return ReviewPage(*r, *site, v); });
  site->Get("/retention/schedule", [site, r](Visit& v) { return SchedulePage(*r, *site, v); });
  auto kind_of = [site](Visit& v) { return ParseEnum<domain::RecordKind>(v.request.PathParam("kind")); };
  site->Get("/retention/schedule/{kind}", [site, r, kind_of](Visit& v) {
    const auto kind = kind_of(v);
    if (!kind) return site->Failure(v, Error{ErrorCode::kNotFound, "There is no such kind of record.", ""});
    return RulePage(*r, *site, v, *kind, nullptr, {});
  });
  site->Post("/retention/schedule/{kind}", [site, r, kind_of](Visit& v) {
    const auto kind = kind_of(v);
    if (!kind) return site->Failure(v, Error{ErrorCode::kNotFound, "There is no such kind of record.", ""});
    return RulePost(*r, *site, v, *kind);
  });
  site->Get("/retention/destroy/{id}",
            [site, r](Visit& v) { return ConfirmPage(*r, *site, v, std::string(v.request.PathParam("id")), {}); });
  site->Post("/retention/destroy/{id}",
             [site, r](Visit& v) { return DestroyPost(*r, *site, v, std::string(v.request.PathParam("id"))); });
  site->Get("/legal-holds", [site, r](Visit& v) {
    HoldForm in;
    in.subject = v.request.QueryParam("subject").value_or("");
    in.subject_id = v.request.QueryParam("id").value_or("");
    return HoldsPage(*r, *site, v, in, {});
  });
  site->Post("/legal-holds", [site, r](Visit& v) { return HoldPost(*r, *site, v); });
  site->Get("/legal-holds/{id}/lift",
            [site](Visit& v) { return LiftPage(*site, v, std::string(v.request.PathParam("id")), {}, {}); });
  site->Post("/legal-holds/{id}/lift",
             [site, r](Visit& v) { return LiftPost(*r, *site, v, std::string(v.request.PathParam("id"))); });
  site->Get("/erasure-requests", [site, r](Visit& v) { return ErasuresPage(*r, *site, v); });
  site->Get("/erasure-requests/new", [site](Visit& v) {
    ErasureForm in;
    in.person_id = v.request.QueryParam("person").value_or("");
    return ErasureFormPage(*site, v, in, {});
  });
  site->Post("/erasure-requests/new", [site, r](Visit& v) { return ErasurePost(*r, *site, v); });
}

}  // namespace jigsaw::http::web
