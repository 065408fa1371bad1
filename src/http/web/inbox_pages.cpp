// What was shared: the inbox and the sent list, a disclosure (the
// recipient's first opening is its receipt), feedback that closes the
// loop, and a recorded decision.
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

std::string DueText(Time due, Time now, Time done) {
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
    for (const auto& d : *sent) {
      // Nothing is owed on a recalled disclosure: it says so instead of a due time.
      const bool recalled = domain::IsRecalled(d.disclosure);
      rows.push_back({Link("View", "/disclosures/" + d.disclosure.id, "what was shared with " + d.recipient_organisation),
                      Escape(d.recipient_organisation) + (recalled ? " " + Tag("Recalled", Colour::kRed) : ""),
                      Escape(DisplayTime(d.disclosure.created_at)),
                      recalled && d.disclosure.received_at == Time{} ? "Not owed: recalled"
                                                                       : DueText(d.disclosure.acknowledgement_due_at, now, d.disclosure.received_at),
                      recalled && d.disclosure.feedback_at == Time{} ? "Not owed: recalled"
                                                                       : DueText(d.disclosure.feedback_due_at, now, d.disclosure.feedback_at)});
    }
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
  if (action == "disclosure.recall") return "Recall it";
  if (action == "disclosure.recall.confirm") return "Confirm no copy is kept";
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

// A recalled disclosure as its recipient sees it: who recalled it, when and
// why, and the confirmation that no copy is kept; never its content.
Response RecalledPage(Site& site, Visit& v, const service::DisclosureSummary& s) {
  const auto& d = s.disclosure;
  std::string body;
  if (v.request.QueryParam("confirmed"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Thank you. " + Escape(s.sharer_organisation) +
                                              " has been told that you keep no copy.</p>", true);
  body += "<span class=\"govuk-caption-l\">Shared with you by " + Escape(s.sharer_organisation) +
          "</span><h1 class=\"govuk-heading-l\">Information recalled</h1>";
  body += Warning(s.sharer_organisation + " recalled this information: it was sent to you in error. You can no longer open it.");
  body += SummaryList({{"Shared", Escape(DisplayTime(d.created_at)), "", ""},
                       {"Recalled", Escape(DisplayTime(d.recalled_at)), "", ""},
                       {"Why it was recalled", Paragraphs(d.recall_reason), "", ""},
                       {"No copy kept", d.recall_confirmed_at == Time{} ? Tag("Not yet confirmed", Colour::kOrange)
                                                                        : "Confirmed " + Escape(DisplayTime(d.recall_confirmed_at)),
                        "", ""}});
  if (d.recall_confirmed_at == Time{})
    body += "<h2 class=\"govuk-heading-m\">Confirm you keep no copy</h2>"
            "<p class=\"govuk-body\">Delete or destroy anything you made from it: notes, printouts, downloads, "
            "and copies in your own records or emails. Then confirm, so that " + Escape(s.sharer_organisation) +
            " knows it has gone.</p>" +
            FormStart("/disclosures/" + d.id + "/recall/confirmation", v.csrf_token) +
            Button("Confirm we keep no copy") + "</form>";
  return site.Page(v, {.title = "Information recalled", .body_html = body, .back_href = "/inbox", .active_nav = "inbox"});
}

// On the sharer's side: whether it was recalled and confirmed, or the way
// to recall it.
std::string RecallHtml(const Visit& v, const service::DisclosureSummary& s) {
  const auto& d = s.disclosure;
  if (!domain::IsRecalled(d)) {
    if (!service::Sharing::MayRecall(v.context, d)) return {};
    return "<p class=\"govuk-body\">" + Link("Recall it: it was sent in error", "/disclosures/" + d.id + "/recall") + "</p>";
  }
  std::string html = Warning("Recalled on " + DisplayTime(d.recalled_at) + ". " + s.recipient_organisation +
                             " can no longer open it. Your reason: " + d.recall_reason);
  html += SummaryList(
      {{"No copy kept",
        d.recall_confirmed_at == Time{} ? Tag("Not yet confirmed by " + s.recipient_organisation, Colour::kOrange)
                                        : "Confirmed by " + Escape(s.recipient_organisation) + " " +
                                              Escape(DisplayTime(d.recall_confirmed_at)),
        "", ""},
       {"Possible data breach", "Report it to the ICO, if it must be reported, by " + Escape(DisplayTime(domain::BreachReportDueAt(d))) +
                                    " (72 hours from the recall). " + Link("See all recalls", "/recalls"),
        "", ""}});
  return html;
}

// UK GDPR Article 19: a correction says which share it corrects and why;
// an earlier share says it has been corrected, linking each correction.
std::string CorrectionHtml(const service::RecipientView& content, const service::DisclosureSummary& s,
                           bool recipient) {
  std::string out;
  if (content.correction)
    out += Inset(Tag("Correction", Colour::kPurple) + " This corrects " +
                 Link("information shared earlier", "/disclosures/" + content.correction->corrects) +
                 ". Reason: " + Escape(content.correction->reason));
  if (!s.corrected_by.empty()) {
    std::string links;
    for (std::size_t i = 0; i < s.corrected_by.size(); ++i)
      links += (i ? ", " : "") + Link(s.corrected_by.size() == 1 ? "see the correction" : "correction " + std::to_string(i + 1),
                                      "/disclosures/" + s.corrected_by[i]);
    // Warning() escapes its text; this one holds links, built with html.h.
    out += "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
           "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>" +
           std::string(recipient ? "Some of this information has since been corrected by the organisation that shared it: "
                                 : "Some of this information has since been corrected, and the correction sent: ") +
           links + ".</strong></div>";
  }
  return out;
}

Response DisclosurePage(Site& site, Visit& v) {
  auto view = site.s.sharing.GetDisclosure(v.context, std::string(v.request.PathParam("id")));
  if (!view) return site.Failure(v, view.error());
  const auto& s = view->summary;
  const bool recipient = s.disclosure.recipient_organisation_id == v.who.actor.organisation_id;
  if (recipient && domain::IsRecalled(s.disclosure)) return RecalledPage(site, v, s);
  const Time now = site.s.clock.Now();
  std::string body;
  if (v.request.QueryParam("recalled"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Recalled. " + Escape(s.recipient_organisation) +
                                              " can no longer open it and has been asked to confirm it keeps no copy.</p>", true);
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
  if (!recipient) body += RecallHtml(v, s);
  body += CorrectionHtml(view->content, s, recipient);
  body += SummaryList({{"Shared", Escape(DisplayTime(s.disclosure.created_at)), "", ""},
                       {"Opened", s.disclosure.received_at == Time{} ? DueText(s.disclosure.acknowledgement_due_at, now, {})
                                                                      : Escape(DisplayTime(s.disclosure.received_at)), "", ""},
                       {"Feedback", DueText(s.disclosure.feedback_due_at, now, s.disclosure.feedback_at), "", ""}});
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

Response RecallPage(Site& site, Visit& v, const std::string& reason, const Errors& errors) {
  const std::string id(v.request.PathParam("id"));
  std::string body = ErrorSummary(errors) + FormStart("/disclosures/" + id + "/recall", v.csrf_token) +
                     "<h1 class=\"govuk-heading-l\">Recall information sent in error</h1>"
                     "<p class=\"govuk-body\">Recall it if it went to the wrong organisation or person, or was not what you "
                     "meant to send. They can no longer open it, and are asked to confirm they keep no copy.</p>" +
                     Warning("It may be a personal data breach. Your data protection officer is told, and has 72 hours to "
                             "report it to the ICO if it must be reported.") +
                     Textarea({"reason", "Why are you recalling it?",
                               "They and your data protection officer will read this. Do not name the child.", false,
                               ErrorFor(errors, "reason")},
                              reason, 4) +
                     Button("Recall it") + "</form>";
  return site.Page(v, {.title = "Recall information sent in error", .body_html = body, .back_href = "/disclosures/" + id,
                       .has_errors = !errors.empty(), .active_nav = "inbox"});
}

// The organisation's recalls, each a possible personal data breach with its
// 72-hour clock (for the DPO and DSLs). Cards: they stack at 375 px.
Response RecallsPage(Site& site, Visit& v) {
  auto recalls = site.s.sharing.Recalls(v.context);
  if (!recalls) return site.Failure(v, recalls.error());
  const Time now = site.s.clock.Now();
  std::string body = "<h1 class=\"govuk-heading-l\">Recalled information: possible data breaches</h1>"
                     "<p class=\"govuk-body\">Information your organisation recalled because it was sent in error. Assess "
                     "each as a possible personal data breach: one that must be reported goes to the ICO within 72 hours of "
                     "the recall (UK GDPR Article 33).</p>";
  if (recalls->empty()) body += "<p class=\"govuk-body\">Nothing has been recalled.</p>";
  for (const auto& f : *recalls) {
    const auto& d = f.summary.disclosure;
    const bool late = now > f.breach_report_due_at;
    std::vector<SummaryRow> rows = {
        {"Report by", Escape(DisplayTime(f.breach_report_due_at)) + (late ? " " + Tag("72 hours passed", Colour::kRed) : ""), "", ""},
        {"Recalled", Escape(DisplayTime(d.recalled_at)) + " by " + Escape(f.recalled_by_name), "", ""},
        {"Why", Paragraphs(d.recall_reason), "", ""},
        {"Shared", Escape(DisplayTime(d.created_at)), "", ""},
        {"Opened by them", d.received_at == Time{} ? std::string("No") : Escape(DisplayTime(d.received_at)), "", ""},
        {"No copy kept", d.recall_confirmed_at == Time{} ? Tag("Not yet confirmed", Colour::kOrange)
                                                         : "Confirmed " + Escape(DisplayTime(d.recall_confirmed_at)) + " by " +
                                                               Escape(f.confirmed_by_name),
         "", ""}};
    body += "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\"><h2 class=\"govuk-summary-card__title\">" +
            Link("Sent to " + f.summary.recipient_organisation, "/disclosures/" + d.id) +
            "</h2></div><div class=\"govuk-summary-card__content\">" + SummaryList(rows) + "</div></div>";
  }
  return site.Page(v, {.title = "Recalled information", .body_html = body, .back_href = "/", .active_nav = "inbox"});
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
  site.Get("/disclosures/{id}/recall", [&site](Visit& v) { return RecallPage(site, v, "", {}); });
  site.Post("/disclosures/{id}/recall", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const std::string reason = v.form.Get("reason");
    auto recalled = site.s.sharing.Recall(v.context, id, reason);
    if (!recalled) {
      if (recalled.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, recalled.error());
      return RecallPage(site, v, reason, FieldErrors(recalled.error(), "reason"));
    }
    return Redirect("/disclosures/" + id + "?recalled=1");
  });
  site.Post("/disclosures/{id}/recall/confirmation", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto confirmed = site.s.sharing.ConfirmRecall(v.context, id);
    if (!confirmed) return site.Failure(v, confirmed.error());
    return Redirect("/disclosures/" + id + "?confirmed=1");
  });
  site.Get("/recalls", [&site](Visit& v) { return RecallsPage(site, v); });
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
