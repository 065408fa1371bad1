// What was shared: the inbox and the sent list, a disclosure (the
// recipient's first opening is its receipt), feedback that closes the
// loop, and a recorded decision.
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

std::string Due(Time due, Time now, Time done) {
  if (done != Time{}) return "Done " + Escape(DisplayTime(done));
  if (due == Time{}) return "";
  return "Due by " + Escape(DisplayTime(due)) + (due < now ? " " + Tag("Overdue", Colour::kRed) : "");
}

Response Inbox(Site& site, Visit& v) {
  const Time now = site.s.clock.Now();
  std::string body = "<h1 class=\"govuk-heading-l\">Shared with us</h1>";
  // Who may receive disclosures sees them with what triage needs; others
  // (an administrator) have no received list.
  auto received = ReceivedHtml(site, v);
  if (!received && received.error().code != ErrorCode::kPermissionDenied) return site.Failure(v, received.error());
  if (received) body += *received;
  auto sent = site.s.sharing.Disclosures(v.context, false);
  if (!sent && sent.error().code != ErrorCode::kPermissionDenied) return site.Failure(v, sent.error());
  if (sent) {
    body += "<h2 class=\"govuk-heading-l\">Shared by us</h2>";
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : *sent)
      rows.push_back({Link("View", "/disclosures/" + d.disclosure.id, "what was shared with " + d.recipient_organisation),
                      Escape(d.recipient_organisation), Escape(DisplayTime(d.disclosure.created_at)),
                      Due(d.disclosure.acknowledgement_due_at, now, d.disclosure.received_at),
                      Due(d.disclosure.feedback_due_at, now, d.disclosure.feedback_at)});
    body += rows.empty() ? "<p class=\"govuk-body\">You have not shared anything.</p>"
                         : Table("", {"", "With", "Shared", "Opened", "Feedback"}, rows);
  }
  return site.Page(v, {.title = "Shared with us", .body_html = body, .active_nav = "inbox", .wide = true});
}

std::string FeedbackList(const std::vector<domain::Feedback>& feedback) {
  if (feedback.empty()) return "<p class=\"govuk-body\">No feedback yet.</p>";
  std::string out;
  for (const auto& f : feedback)
    out += "<div class=\"jigsaw-item\"><p class=\"govuk-body\"><strong>" + Escape(Label(f.action)) + "</strong></p>" +
           (f.note.empty() ? "" : Paragraphs(f.note)) + "<p class=\"govuk-body-s\">" + Escape(DisplayTime(f.created_at)) + "</p></div>";
  return out;
}

// For the sharer's oversight (DSL, DPO, Caldicott guardian): from the audit
// log, who at the recipient opened what was sent and when, and every refused
// attempt to see it. Reading it is itself recorded.
// What a refused attempt tried, in words (the audit log's action names
// otherwise, which are ids, not prose).
std::string_view Tried(std::string_view action) {
  if (action == "disclosure.view" || action == "disclosure.read") return "Open it";
  if (action == "feedback.create") return "Give feedback on it";
  if (action == "disclosure.trail") return "See who has seen it";
  return action;
}

Result<std::string> WhoHasSeenItHtml(Site& site, Visit& v, const service::DisclosureSummary& s) {
  if (!service::AuditLog::MayViewTrail(v.context, s.disclosure)) return std::string();
  const auto trail = JIGSAW_TRY(site.s.audit_log.TrailOfDisclosure(v.context, s.disclosure.id));
  auto rows = [](const std::vector<service::TrailEntry>& entries, bool with_action) {
    std::vector<std::vector<std::string>> out;
    for (const auto& e : entries) {
      std::vector<std::string> row = {Escape(e.practitioner_name.empty() ? "Not signed in" : e.practitioner_name),
                                      Escape(e.organisation_name), Escape(DisplayTime(e.record.time))};
      if (with_action) row.push_back(Escape(Tried(e.record.action)));
      out.push_back(std::move(row));
    }
    return out;
  };
  std::string html = "<h2 class=\"govuk-heading-m\">Who has seen it</h2><p class=\"govuk-body\">From the audit log: each "
                     "time someone at " + Escape(s.recipient_organisation) +
                     " opened it, and each refused attempt to see it, by anyone.</p>";
  html += trail.reads.empty() ? "<p class=\"govuk-body\">No one at " + Escape(s.recipient_organisation) + " has opened it yet.</p>"
                              : Table("Opened by " + s.recipient_organisation, {"Who", "Organisation", "When"}, rows(trail.reads, false));
  html += trail.refused.empty() ? "<p class=\"govuk-body\">No one has been refused it.</p>"
                                : Table("Refused attempts", {"Who", "Organisation", "When", "What they tried"},
                                        rows(trail.refused, true));
  return html;
}

Response DisclosurePage(Site& site, Visit& v) {
  auto view = site.s.sharing.GetDisclosure(v.context, std::string(v.request.PathParam("id")));
  if (!view) return site.Failure(v, view.error());
  const auto& s = view->summary;
  const bool recipient = s.disclosure.recipient_organisation_id == v.who.actor.organisation_id;
  const Time now = site.s.clock.Now();
  std::string body;
  const std::string triaged = v.request.QueryParam("triage").value_or("");
  if (triaged == "rated" || triaged == "allocated")
    body += NotificationBanner("Success", std::string("<p class=\"govuk-notification-banner__heading\">") +
                                              (triaged == "rated" ? "Rating saved." : "Allocated: they have been told.") + "</p>",
                               true);
  if (triaged == "choose-rating" || triaged == "choose-worker")
    body += Warning(triaged == "choose-rating" ? "Choose red, amber or green."
                                               : "Choose a practitioner or designated safeguarding lead who may read it.");
  if (v.request.QueryParam("feedback"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Your feedback has been sent to " +
                                              Escape(s.sharer_organisation) + ".</p>", true);
  body += "<span class=\"govuk-caption-l\">" + std::string(recipient ? "Shared with you by " + Escape(s.sharer_organisation)
                                                                        : "Shared by you with " + Escape(s.recipient_organisation)) +
          "</span><h1 class=\"govuk-heading-l\">Information shared</h1>";
  body += SummaryList({{"Shared", Escape(DisplayTime(s.disclosure.created_at)), "", ""},
                       {"Opened", s.disclosure.received_at == Time{} ? Due(s.disclosure.acknowledgement_due_at, now, {})
                                                                      : Escape(DisplayTime(s.disclosure.received_at)), "", ""},
                       {"Feedback", Due(s.disclosure.feedback_due_at, now, s.disclosure.feedback_at), "", ""}});
  body += "<h2 class=\"govuk-heading-m\">About the child</h2>" + RecipientViewHtml(view->content);
  body += "<h2 class=\"govuk-heading-m\">Feedback</h2>" + FeedbackList(view->feedback);
  if (recipient) {
    auto triage = TriageHtml(site, v, s.disclosure.id);
    if (!triage) return site.Failure(v, triage.error());
    body += *triage;
  }
  if (recipient)
    body += "<p class=\"govuk-body\">" + ButtonLink("Tell them what you did", "/disclosures/" + s.disclosure.id + "/feedback") + "</p>";
  else if (!s.disclosure.decision_id.empty())
    body += "<p class=\"govuk-body\">" + Link("See the decision to share", "/decisions/" + s.disclosure.decision_id) + "</p>";
  if (!recipient) {
    auto seen = WhoHasSeenItHtml(site, v, s);
    if (!seen) return site.Failure(v, seen.error());
    body += *seen;
  }
  return site.Page(v, {.title = "Information shared", .body_html = body, .back_href = "/inbox", .active_nav = "inbox"});
}

Response FeedbackPage(Site& site, Visit& v, const std::string& action, const std::string& note, const Errors& errors) {
  const std::string id(v.request.PathParam("id"));
  std::string body = ErrorSummary(errors) + FormStart("/disclosures/" + id + "/feedback", v.csrf_token) +
                     Radios({"action", "What did you do with the information?",
                             "Telling them closes the loop: they know the child is being looked after.", true, ErrorFor(errors, "action")},
                            OptionsOf<domain::FeedbackAction>(), action) +
                     Textarea({"note", "Anything they should know? (optional)", "Do not include more than they need", false,
                               ErrorFor(errors, "note")},
                              note, 4) +
                     Button("Send feedback") + "</form>";
  return site.Page(v, {.title = "What did you do with the information?", .body_html = body, .back_href = "/disclosures/" + id,
                       .has_errors = !errors.empty(), .active_nav = "inbox"});
}

// Where staff shares go through the DSL: where the share stands, and for a
// DSL while it waits, exactly what would be sent, to approve or decline.
std::string ApprovalHtml(Site& site, Visit& v, const domain::Decision& d, const std::string& superseded_by) {
  using domain::Approval;
  switch (d.approval) {
    case Approval::kNotNeeded: return {};
    case Approval::kApproved: return Inset("Approved by your designated safeguarding lead on " + Escape(DisplayTime(d.approved_at)) + ", and sent.");
    case Approval::kDeclined:
      return Warning("Not approved by your designated safeguarding lead, so nothing was sent. Their reasons: " + d.approval_note);
    case Approval::kChanged:
      return Inset("Your designated safeguarding lead made their own decision in its place" +
                   (superseded_by.empty() ? std::string(".") : ": " + Link("see it", "/decisions/" + superseded_by) + "."));
    case Approval::kAwaiting: break;
  }
  if (!v.who.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead))
    return Inset("This share is waiting for your designated safeguarding lead to approve it. Nothing has been sent yet.");
  auto preview = site.s.sharing.PreviewApproval(v.context, d.id);
  if (!preview) return Warning(preview.error().message);
  std::string out = "<h2 class=\"govuk-heading-m\">Waiting for your approval</h2>"
                    "<p class=\"govuk-body\">A member of your staff decided to share this. Nothing is sent until you approve it.</p>";
  if (!preview->mentions.empty() || !preview->record_problems.empty())
    out += Warning("Something has changed since it was decided (for example, someone it mentions is now protected). Decline it "
                   "with your reasons, or make the decision yourself from the concern.");
  else
    out += FormStart("/decisions/" + d.id + "/approve", v.csrf_token) + Button("Approve and send") + "</form>";
  out += "<div class=\"jigsaw-preview\" aria-labelledby=\"approval-preview\" role=\"region\"><h3 class=\"govuk-heading-s\" "
         "id=\"approval-preview\">What they will see</h3>" +
         (preview->recipient_view ? RecipientViewHtml(*preview->recipient_view) : std::string()) + "</div>";
  out += FormStart("/decisions/" + d.id + "/decline", v.csrf_token) +
         Textarea({"reason", "Or do not approve it: why not?", "Golden rule 7: the member of staff reads your reasons.", false, ""}, "", 3) +
         Button("Do not approve", true) + "</form>";
  if (!d.concern_id.empty())
    out += "<p class=\"govuk-body\">" + Link("To change what is sent, make the decision yourself", "/concerns/" + d.concern_id + "/share?replacing=" + d.id) +
           "</p>";
  return out;
}

Response DecisionView(Site& site, Visit& v) {
  auto view = site.s.sharing.GetDecision(v.context, std::string(v.request.PathParam("id")));
  if (!view) return site.Failure(v, view.error());
  const auto& d = view->decision;
  const auto& r = d.record;
  std::string body = "<span class=\"govuk-caption-l\">Decision</span><h1 class=\"govuk-heading-l\">" +
                     std::string(d.outcome == domain::DecisionOutcome::kShare ? "Decision to share" : "Decision not to share") + "</h1>";
  if (!view->superseded_by.empty())
    body += Warning("This decision was corrected by a later one.") + "<p class=\"govuk-body\">" +
            Link("See the correction", "/decisions/" + view->superseded_by) + "</p>";
  if (d.emergency && view->superseded_by.empty())
    body += Warning("This was an emergency share. Record it in full by " + DisplayTime(d.rationale_due_at) + ".");
  body += ApprovalHtml(site, v, view->decision, view->superseded_by);
  // Golden rule 7 records a decision not to share as fully as one to share:
  // with whom it was, or was not, shared.
  std::string with_whom = "Not recorded";
  if (auto org = site.s.administration.GetOrganisation(v.context, d.recipient_organisation_id)) with_whom = org->name;
  std::vector<SummaryRow> rows = {
      {d.outcome == domain::DecisionOutcome::kShare ? "Shared with" : "Not shared with", Escape(with_whom), "", ""},
      {"Decided", Escape(DisplayTime(d.created_at)), "", ""},
      {"Reasons", Paragraphs(r.rationale), "", ""}};
  if (!d.recommendation.empty())
    rows.push_back({"The advice", Escape(ParseEnum<guidance::Recommendation>(d.recommendation)
                                             .transform([](auto x) { return std::string(Label(x)); })
                                             .value_or(d.recommendation)) +
                                      (d.departs_from_advice ? " " + Tag("Decision differs", Colour::kOrange) : ""),
                    "", ""});
  if (!r.lawful_basis.empty())
    rows.push_back({"Lawful basis", Escape(ParseEnum<guidance::LawfulBasis>(r.lawful_basis)
                                               .transform([](auto x) { return std::string(Label(x)); })
                                               .value_or(r.lawful_basis)), "", ""});
  for (const auto& [label, value] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"Special category condition", &r.special_category_condition},
           {"Sensitive processing condition", &r.sensitive_processing_condition},
           {"Criminal offence condition", &r.criminal_offence_condition},
           {"Why confidentiality is set aside", &r.confidentiality_basis},
           {"Consent", &r.consent},
           {"Why it differs from the advice", &r.departure_reason}})
    if (!value->empty()) rows.push_back({label, Paragraphs(*value), "", ""});
  for (const auto& o : r.objections) rows.push_back({"Objection (" + o.by + ") overridden because", Paragraphs(o.reason), "", ""});
  if (r.informing)
    rows.push_back({"Child and family told", r.informing->told ? "Yes, on " + Escape(DisplayIsoDate(r.informing->told_on)) + " by " + Escape(r.informing->told_by)
                                                              : "No: " + Escape(r.informing->reason_not_told), "", ""});
  if (r.advice_sought) rows.push_back({"Advice", Escape(r.advice_sought->from) + ": " + Escape(r.advice_sought->summary), "", ""});
  if (!r.police.occurrence_reference.empty())
    rows.push_back({"Occurrence or crime reference", Escape(r.police.occurrence_reference), "", ""});
  if (!r.police.ppn_reference.empty()) rows.push_back({"PPN reference", Escape(r.police.ppn_reference), "", ""});
  if (r.police.dash_risk) rows.push_back({"DASH risk level", Escape(Label(*r.police.dash_risk)), "", ""});
  body += SummaryList(rows);
  for (const auto& id : view->disclosure_ids)
    body += "<p class=\"govuk-body\">" + Link("See what was sent", "/disclosures/" + id) + "</p>";
  if (!d.concern_id.empty()) body += "<p class=\"govuk-body\">" + Link("Back to the concern", "/concerns/" + d.concern_id) + "</p>";
  return site.Page(v, {.title = "Decision", .body_html = body, .back_href = "/"});
}

}  // namespace

void AddInboxPages(Site& site) {
  site.Get("/inbox", [&site](Visit& v) { return Inbox(site, v); });
  site.Get("/disclosures/{id}", [&site](Visit& v) { return DisclosurePage(site, v); });
  site.Get("/disclosures/{id}/feedback", [&site](Visit& v) { return FeedbackPage(site, v, "", "", {}); });
  site.Post("/disclosures/{id}/feedback", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const std::string action = v.form.Get("action"), note = v.form.Get("note");
    auto parsed = ParseEnum<domain::FeedbackAction>(action);
    if (!parsed) return FeedbackPage(site, v, action, note, {{"action", "Select what you did with the information"}});
    auto given = site.s.sharing.GiveFeedback(v.context, id, *parsed, note);
    if (!given) {
      if (given.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, given.error());
      return FeedbackPage(site, v, action, note, FieldErrors(given.error(), "note"));
    }
    return Redirect("/disclosures/" + id + "?feedback=1");
  });
  site.Get("/decisions/{id}", [&site](Visit& v) { return DecisionView(site, v); });
  site.Post("/decisions/{id}/approve", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto approved = site.s.sharing.Approve(v.context, id);
    if (!approved) return site.Failure(v, approved.error());
    return Redirect("/decisions/" + id);
  });
  site.Post("/decisions/{id}/decline", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto declined = site.s.sharing.Decline(v.context, id, v.form.Get("reason"));
    if (!declined) return site.Failure(v, declined.error());
    return Redirect("/decisions/" + id);
  });
}

}  // namespace jigsaw::http::web
