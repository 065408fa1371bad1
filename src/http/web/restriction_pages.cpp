#include "http/web/restriction_pages.h"

#include <memory>

#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using domain::ObjectionDecision;

std::string Banner(const Visit& v) {
  const auto done = v.request.QueryParam("done");
  if (!done) return {};
  std::string_view text = "Saved";
  if (*done == "restricted") text = "The person's records are restricted";
  if (*done == "lifted") text = "The restriction is lifted";
  if (*done == "objection") text = "Objection recorded";
  if (*done == "decided") text = "Decision recorded";
  return NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">" + Escape(text) + "</p>", true);
}

std::string NameIn(const service::RightsRegister& r, const std::string& person_id) {
  auto it = r.names.find(person_id);
  return it == r.names.end() ? "Person " + person_id : it->second;
}

std::string DecisionTag(ObjectionDecision d) {
  switch (d) {
    case ObjectionDecision::kUpheld: return Tag("Upheld", Colour::kGreen);
    case ObjectionDecision::kNotUpheld: return Tag("Not upheld", Colour::kRed);
    case ObjectionDecision::kAwaiting: break;
  }
  return Tag("Awaiting your decision", Colour::kOrange);
}

// Lists, not tables, so that each entry stacks on a phone's width.
std::string RestrictionsHtml(const service::RightsRegister& r) {
  std::string body = "<h2 class=\"govuk-heading-l\" id=\"restrictions\">Restrictions</h2>";
  body += "<p class=\"govuk-body\">A restricted person's records are kept but not used (UK GDPR Article 18): until you "
          "lift the restriction, only you and the audit log can read them. Practitioners and safeguarding leads see "
          "a notice with the date instead, never the reason. For a child, their concerns are restricted too.</p>";
  body += "<p class=\"govuk-body\">" + ButtonLink("Restrict a person's records", "/restrictions/new") + "</p>";
  if (r.restrictions.empty()) return body + "<p class=\"govuk-body\">No records are restricted.</p>";
  body += "<ul class=\"govuk-list govuk-list--spaced\">";
  for (const auto& x : r.restrictions) {
    const std::string name = NameIn(r, x.person_id);
    body += "<li><strong>" + Escape(name) + "</strong> ";
    if (domain::IsActive(x)) {
      body += Tag("Restricted", Colour::kOrange) + "<br>Since " + Escape(DisplayDate(x.placed_at)) + ". Reason: " +
              Escape(x.reason) + "<br>" + Link("Lift the restriction", "/restrictions/" + x.id + "/lift", "on " + name);
    } else {
      body += Tag("Lifted", Colour::kGrey) + "<br>" + Escape(DisplayDate(x.placed_at)) + " to " +
              Escape(DisplayDate(x.lifted_at)) + ". Reason: " + Escape(x.reason) + "<br>Lifted because: " +
              Escape(x.lift_reason);
    }
    body += "</li>";
  }
  return body + "</ul>";
}

std::string ObjectionsHtml(const service::RightsRegister& r) {
  std::string body = "<h2 class=\"govuk-heading-l\" id=\"objections\">Objections</h2>";
  body += "<p class=\"govuk-body\">A person may object to processing under a public task or legitimate interests (UK "
          "GDPR Article 21). Uphold it, and processing on that basis stops; or do not uphold it where compelling "
          "legitimate grounds, such as safeguarding a child, override it. The decision shows on the person's record "
          "and in every sharing assessment about them.</p>";
  body += "<p class=\"govuk-body\">" + ButtonLink("Record an objection", "/objections/new") + "</p>";
  if (r.objections.empty()) return body + "<p class=\"govuk-body\">No objections have been recorded.</p>";
  body += "<ul class=\"govuk-list govuk-list--spaced\">";
  for (const auto& o : r.objections) {
    const std::string name = NameIn(r, o.person_id);
    body += "<li><strong>" + Escape(name) + "</strong> " + DecisionTag(o.decision) + "<br>Received " +
            Escape(DisplayIsoDate(o.received_on)) + " from " +
            Escape(o.objector == domain::Objector::kPerson ? std::string("the person") : o.objector_name) +
            ". Grounds: " + Escape(o.grounds);
    if (o.decision == ObjectionDecision::kAwaiting)
      body += "<br>" + Link("Record the decision", "/objections/" + o.id + "/decide", "on the objection of " + name);
    else
      body += "<br>Decided " + Escape(DisplayDate(o.decided_at)) + ": " + Escape(o.decision_reason);
    body += "</li>";
  }
  return body + "</ul>";
}

Response RegisterPage(service::Restrictions& restrictions, Site& site, Visit& v) {
  auto r = restrictions.Register(v.context);
  if (!r) return site.Failure(v, r.error());
  std::string body = Banner(v) + "<h1 class=\"govuk-heading-xl\">Restrictions and objections</h1>";
  body += RestrictionsHtml(*r) + ObjectionsHtml(*r);
  body += "<p class=\"govuk-body\">In an emergency, lift the restriction: the lifting is audited, and the records are "
          "back in use at once. A restriction does not recall what was already shared.</p>";
  return site.Page(v, {.title = "Restrictions and objections", .body_html = body, .back_href = "/dpo",
                       .active_nav = "dpo", .wide = true});
}

// The organisation's people, for the DPO to choose from.
Result<std::vector<Option>> PeopleOptions(service::SubjectAccess& sar, Visit& v) {
  auto people = JIGSAW_TRY(sar.People(v.context));
  std::vector<Option> options{{"", "Choose a person", "", false}};
  for (const auto& p : people) {
    std::string label = p.FullName() + " (" + std::string(ToString(p.kind)) + ")";
    for (char& c : label)
      if (c == '_') c = ' ';
    if (!p.date_of_birth.empty()) label += ", born " + DisplayIsoDate(p.date_of_birth);
    options.push_back({p.id, label, "", false});
  }
  return options;
}

struct RestrictForm {
  std::string person_id, reason;
};

Response RestrictPage(service::SubjectAccess& sar, Site& site, Visit& v, const RestrictForm& in, const Errors& errors,
                      int status = 200) {
  auto people = PeopleOptions(sar, v);
  if (!people) return site.Failure(v, people.error());
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Restrict a person's records</h1>";
  body += "<p class=\"govuk-body\">Their records are kept but no one else can use them until you lift the "
          "restriction. What was already shared is not recalled.</p>";
  body += FormStart("/restrictions/new", v.csrf_token);
  body += Select({"person_id", "Whose records?", "For a child, their concerns are restricted too", false,
                  ErrorFor(errors, "person_id")},
                 *people, in.person_id);
  body += Textarea({"reason", "Why must processing be restricted?",
                    "For example, the person contests the accuracy of the record while it is checked. Only you and "
                    "the audit log see this",
                    false, ErrorFor(errors, "reason")},
                   in.reason);
  body += Button("Restrict records") + "</form>";
  return site.Page(v,
                   {.title = "Restrict a person's records", .body_html = body, .back_href = "/restrictions",
                    .has_errors = !errors.empty(), .active_nav = "dpo"},
                   status);
}

// A refusal the visitor can correct is shown on the form by its field;
// anything else is the failure page.
bool OnTheForm(const Error& e) {
  return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kNotFound ||
         e.code == ErrorCode::kAlreadyExists || e.code == ErrorCode::kFailedPrecondition;
}

Response RestrictPost(service::Restrictions& restrictions, service::SubjectAccess& sar, Site& site, Visit& v) {
  RestrictForm in{v.form.Get("person_id"), v.form.Get("reason")};
  auto done = restrictions.Restrict(v.context, {in.person_id, in.reason});
  if (!done) {
    if (!OnTheForm(done.error()) || done.error().field.empty()) return site.Failure(v, done.error());
    Error e = done.error();
    if (e.code == ErrorCode::kNotFound) e.message = "Choose a person recorded by your organisation";
    return RestrictPage(sar, site, v, in, FieldErrors(e, "person_id"), 400);
  }
  return Redirect("/restrictions?done=restricted");
}

Response LiftPage(Site& site, Visit& v, const std::string& id, const std::string& reason, const Errors& errors,
                  int status = 200) {
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Lift a restriction</h1>";
  body += "<p class=\"govuk-body\">The person's records are back in use at once, for everyone who could use them "
          "before.</p>";
  body += FormStart("/restrictions/" + id + "/lift", v.csrf_token);
  body += Textarea({"reason", "Why can the restriction be lifted?",
                    "For example, the record was checked and is accurate, or an emergency needs the records", false,
                    ErrorFor(errors, "reason")},
                   reason);
  body += Button("Lift restriction") + "</form>";
  return site.Page(v,
                   {.title = "Lift a restriction", .body_html = body, .back_href = "/restrictions",
                    .has_errors = !errors.empty(), .active_nav = "dpo"},
                   status);
}

Response LiftPost(service::Restrictions& restrictions, Site& site, Visit& v, const std::string& id) {
  const std::string reason = v.form.Get("reason");
  auto done = restrictions.Lift(v.context, id, reason);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    return LiftPage(site, v, id, reason, {{"reason", done.error().message}}, 400);
  }
  return Redirect("/restrictions?done=lifted");
}

struct ObjectionForm {
  std::string person_id, day, month, year, objector, objector_name, grounds;
};

Response ObjectionPage(service::SubjectAccess& sar, Site& site, Visit& v, const ObjectionForm& in,
                       const Errors& errors, int status = 200) {
  auto people = PeopleOptions(sar, v);
  if (!people) return site.Failure(v, people.error());
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Record an objection</h1>";
  body += FormStart("/objections/new", v.csrf_token);
  body += Select({"person_id", "Whose objection?", "", false, ErrorFor(errors, "person_id")}, *people, in.person_id);
  body += DateInput({"received_on", "Date received", "For example, 27 3 2026", false, ErrorFor(errors, "received_on")},
                    in.day, in.month, in.year);
  body += Radios({"objector", "Who objected?", "", false, ErrorFor(errors, "objector")},
                 {{"person", "The person themself", "", false},
                  {"on_their_behalf", "Someone on their behalf", "For example, a parent for a young child, or a solicitor",
                   false}},
                 in.objector.empty() ? "person" : in.objector);
  body += TextInput({"objector_name", "If someone objected on their behalf, who?", "Their name and relationship", false,
                     ErrorFor(errors, "objector_name")},
                    in.objector_name);
  body += Textarea({"grounds", "The grounds, in their words", "", false, ErrorFor(errors, "grounds")}, in.grounds);
  body += Button("Record objection") + "</form>";
  return site.Page(v,
                   {.title = "Record an objection", .body_html = body, .back_href = "/restrictions",
                    .has_errors = !errors.empty(), .active_nav = "dpo"},
                   status);
}

Response ObjectionPost(service::Restrictions& restrictions, service::SubjectAccess& sar, Site& site, Visit& v) {
  ObjectionForm in{v.form.Get("person_id"), v.form.Get("received_on-day"),
                   v.form.Get("received_on-month"), v.form.Get("received_on-year"),
                   v.form.Get("objector"), v.form.Get("objector_name"),
                   v.form.Get("grounds")};
  const auto objector = ParseEnum<domain::Objector>(in.objector);
  if (!objector) return ObjectionPage(sar, site, v, in, {{"objector", "Select who objected"}}, 400);
  service::NewObjection o{.person_id = in.person_id,
                          .received_on = IsoDate(in.day, in.month, in.year),
                          .objector = *objector,
                          .objector_name = *objector == domain::Objector::kPerson ? std::string() : in.objector_name,
                          .grounds = in.grounds};
  auto done = restrictions.RecordObjection(v.context, o);
  if (!done) {
    if (!OnTheForm(done.error()) || done.error().field.empty()) return site.Failure(v, done.error());
    Error e = done.error();
    if (e.code == ErrorCode::kNotFound) e.message = "Choose a person recorded by your organisation";
    return ObjectionPage(sar, site, v, in, FieldErrors(e, "person_id"), 400);
  }
  return Redirect("/restrictions?done=objection");
}

struct DecideForm {
  std::string decision, reason;
};

Response DecidePage(Site& site, Visit& v, const std::string& id, const DecideForm& in, const Errors& errors,
                    int status = 200) {
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Decide on an objection</h1>";
  body += FormStart("/objections/" + id + "/decide", v.csrf_token);
  body += Radios({"decision", "Your decision", "", false, ErrorFor(errors, "decision")},
                 {{"upheld", "Upheld", "Processing on public task or legitimate interests stops", false},
                  {"not_upheld", "Not upheld",
                   "Compelling legitimate grounds, such as safeguarding a child, override the objection", false}},
                 in.decision);
  body += Textarea({"reason", "Your reasons", "Practitioners see these on the person's record", false,
                    ErrorFor(errors, "reason")},
                   in.reason);
  body += Button("Record decision") + "</form>";
  return site.Page(v,
                   {.title = "Decide on an objection", .body_html = body, .back_href = "/restrictions",
                    .has_errors = !errors.empty(), .active_nav = "dpo"},
                   status);
}

Response DecidePost(service::Restrictions& restrictions, Site& site, Visit& v, const std::string& id) {
  DecideForm in{v.form.Get("decision"), v.form.Get("reason")};
  const auto decision = ParseEnum<ObjectionDecision>(in.decision);
  if (!decision || *decision == ObjectionDecision::kAwaiting)
    return DecidePage(site, v, id, in, {{"decision", "Select whether the objection is upheld"}}, 400);
  auto done = restrictions.DecideObjection(v.context, id, {*decision, in.reason});
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    Error e = done.error();
    if (e.field == "decision_reason") e.field = "reason";
    return DecidePage(site, v, id, in, FieldErrors(e, "reason"), 400);
  }
  return Redirect("/restrictions?done=decided");
}

}  // namespace

void AddRestrictionPages(Router& router, WebServices services, WebOptions options,
                         service::Restrictions& restrictions, service::SubjectAccess& subject_access) {
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* r = &restrictions;
  auto* sar = &subject_access;
  site->Get("/restrictions", [site, r](Visit& v) { return RegisterPage(*r, *site, v); });
  site->Get("/restrictions/new", [site, sar](Visit& v) {
    RestrictForm in;
    in.person_id = v.request.QueryParam("person").value_or("");
    return RestrictPage(*sar, *site, v, in, {});
  });
  site->Post("/restrictions/new", [site, r, sar](Visit& v) { return RestrictPost(*r, *sar, *site, v); });
  site->Get("/restrictions/{id}/lift",
            [site](Visit& v) { return LiftPage(*site, v, std::string(v.request.PathParam("id")), {}, {}); });
  site->Post("/restrictions/{id}/lift",
             [site, r](Visit& v) { return LiftPost(*r, *site, v, std::string(v.request.PathParam("id"))); });
  site->Get("/objections/new", [site, sar](Visit& v) {
    ObjectionForm in;
    in.person_id = v.request.QueryParam("person").value_or("");
    return ObjectionPage(*sar, *site, v, in, {});
  });
  site->Post("/objections/new", [site, r, sar](Visit& v) { return ObjectionPost(*r, *sar, *site, v); });
  site->Get("/objections/{id}/decide",
            [site](Visit& v) { return DecidePage(*site, v, std::string(v.request.PathParam("id")), {}, {}); });
  site->Post("/objections/{id}/decide",
             [site, r](Visit& v) { return DecidePost(*r, *site, v, std::string(v.request.PathParam("id"))); });
}

}  // namespace jigsaw::http::web
