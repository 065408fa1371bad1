// The home page (what needs me) and a child's page (who they are, the
// people in their life, and their chronology).
#include "http/web/labels.h"
#include <algorithm>
#include <map>

#include "http/web/pages.h"
#include "http/web/training_pages.h"

namespace jigsaw::http::web {
namespace {

std::string Due(Time due, Time now, Time done = {}) {
  if (due == Time{}) return "";
  std::string out = Escape(DisplayTime(due));
  if (done == Time{} && due < now) out += " " + Tag("Overdue", Colour::kRed);
  return out;
}

Colour LevelColour(domain::ConcernLevel level) {
  switch (level) {
    case domain::ConcernLevel::kImmediate: return Colour::kRed;
    case domain::ConcernLevel::kSignificant: return Colour::kOrange;
    case domain::ConcernLevel::kLow: return Colour::kYellow;
    case domain::ConcernLevel::kUnsure: return Colour::kGrey;
  }
  return Colour::kGrey;
}

// The level of a concern, or for one a restriction of processing withholds
// (service::Withholding left no level), that it is restricted.
std::string LevelCell(const domain::Concern& c) {
  if (c.restricted_since) return Tag("Restricted", Colour::kGrey);
  return Tag(Label(c.level), LevelColour(c.level));
}

std::string Name(const std::map<std::string, std::string>& names, const std::string& id) {
  auto it = names.find(id);
  return it == names.end() ? "A child" : it->second;
}

// A section of the home page: a heading with its count, then a table or
// a line saying there is nothing.
std::string Section(std::string_view heading, std::string_view id, std::size_t count, std::string_view none,
                    const std::vector<std::string>& heads, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<section class=\"jigsaw-section\" aria-labelledby=\"" + std::string(id) + "\"><h2 class=\"govuk-heading-m\" id=\"" +
                    std::string(id) + "\">" + Escape(heading) + " <span class=\"jigsaw-count\">(" + std::to_string(count) + ")</span></h2>";
  if (rows.empty()) return out + "<p class=\"govuk-body\">" + Escape(none) + "</p></section>";
  return out + Table("", heads, rows) + "</section>";
}

std::string_view NotificationText(std::string_view kind) {
  if (kind == "concern.seen") return "Your designated safeguarding lead has seen a concern you raised";
  if (kind == "concern.next_step") return "A next step was recorded for a concern you raised";
  if (kind == "disclosure.read") return "Information you shared has been opened";
  if (kind == "disclosure.received") return "Information was shared with you";
  if (kind == "feedback.given") return "Someone told you what they did with information you shared";
  if (kind == "disclosure.recalled")
    return "Information shared with your organisation was recalled: it was sent in error. Confirm you keep no copy";
  if (kind == "recall.possible_breach")
    return "Information your organisation shared was recalled: assess it as a possible data breach within 72 hours";
  if (kind == "recall.confirmed") return "The recipient of recalled information confirmed they keep no copy";
  if (kind == "disclosure.corrected")
    return "Information shared with your organisation was corrected by the organisation that shared it";
  if (kind == "advice.requested") return "Someone asked you for advice";
  if (kind == "advice.answered") return "Your question was answered";
  if (kind == "request.answer_recalled")
    return "The answer to your information request was recalled: it was sent in error, and the request is open again";
  if (kind.starts_with("request.")) return "An information request changed";
  if (kind == "share.awaiting_approval") return "A member of staff's share is waiting for your approval";
  if (kind == "share.emergency") return "Information was shared in an emergency";
  if (kind == "share.approved") return "Your designated safeguarding lead approved your share: it has been sent";
  if (kind == "share.declined") return "Your designated safeguarding lead did not approve your share";
  if (kind == "share.changed") return "Your designated safeguarding lead changed your share";
  if (kind == "partnership.lookup") return "Another organisation asked who else knows a child you have a record of";
  if (kind == "risk.alert") return "Children known to several organisations are linked to the same risk";
  if (kind == "disclosure.allocated") return "Information shared with your organisation was allocated to you";
  if (kind == "task.assigned") return "You were given a task";
  if (kind == "task.done") return "A task you gave was done";
  if (kind == "concern.closed") return "Your designated safeguarding lead closed a concern you raised";
  if (kind == "concern.reopened") return "A concern you raised was reopened";
  if (kind == "match.suggested") return "A record may be a child your organisation already knows: decide whether it is";
  if (kind == "match.linked") return "Two records of one child were linked automatically (same NHS number and date of birth)";
  if (kind == "sign_in.repeated_failures")
    return "There were repeated failed attempts to sign in to a colleague's account. Check with them it was them, and "
           "tell your administrator if it was not";
  return "Something changed";
}

std::string_view Href(std::string_view object_type) {
  if (object_type == "concern") return "/concerns/";
  if (object_type == "disclosure") return "/disclosures/";
  if (object_type == "advice_request") return "/advice/";
  if (object_type == "information_request") return "/information-requests/";
  if (object_type == "decision") return "/decisions/";
  if (object_type == "partnership_lookup") return "/partnership/lookups/";
  if (object_type == "risk_alert") return "/risk-alerts/";
  if (object_type == "task") return "/tasks/";
  if (object_type == "match") return "/matches/";
  return "";
}

// The names of colleagues a notification is about (repeated failed
// sign-ins on their account), for a safeguarding lead who may see them.
std::map<std::string, std::string> ColleaguesNamed(Site& site, Visit& v, const std::vector<domain::Notification>& notifications) {
  std::map<std::string, std::string> out;
  const bool any = std::any_of(notifications.begin(), notifications.end(),
                               [](const auto& x) { return x.object_type == "practitioner"; });
  if (!any) return out;
  if (auto people = site.s.administration.ListPractitioners(v.context, v.who.practitioner.organisation_id))
    for (const auto& p : *people) out[p.id] = p.display_name;
  return out;
}

// A reminder of the visitor's training that has lapsed or was never
// recorded, each with a link to record it (docs/workflow.md, "Training").
std::string TrainingDueHtml(const std::vector<service::TrainingStatus>& due) {
  if (due.empty()) return "";
  std::string list = "<ul class=\"govuk-list\">";
  for (const auto& s : due) {
    const std::string kind(TrainingKindLabel(s.kind));
    const std::string what = s.state == domain::TrainingState::kLapsed
                                 ? kind + " training: lapsed on " + DisplayIsoDate(s.expires_on)
                                 : kind + " training: none recorded";
    list += "<li>" + Escape(what) + ". " +
            Link("Record it", "/training/new?kind=" + std::string(ToString(s.kind)), kind + " training") +
            "</li>";
  }
  list += "</ul><p class=\"govuk-body\">" + Link("See your training", "/training") + "</p>";
  return "<section class=\"jigsaw-section\" aria-labelledby=\"training-due\"><h2 class=\"govuk-heading-m\" id=\"training-due\">"
         "Your training needs updating</h2>" + Warning("Practitioners who share information must keep their training up to date.") +
         list + "</section>";
}

// Agreements and DPIAs the visitor answers for (a senior leader or DPO)
// whose review date is within 30 days or past (docs/governance.md).
std::string ReviewsDueHtml(const std::vector<service::ReviewReminder>& due) {
  if (due.empty()) return "";
  std::string list = "<ul class=\"govuk-list\">";
  for (const auto& r : due) {
    const bool agreement = r.kind == service::ReviewReminder::Kind::kAgreement;
    list += "<li>" + Link(r.title, (agreement ? "/agreements/" : "/dpias/") + r.id) + ": " +
            Escape(std::string(agreement ? "data sharing agreement" : "DPIA") + ", review by " + DisplayIsoDate(r.review_on)) +
            "</li>";
  }
  list += "</ul>";
  return "<section class=\"jigsaw-section\" aria-labelledby=\"reviews-due\"><h2 class=\"govuk-heading-m\" id=\"reviews-due\">"
         "Agreements and DPIAs due for review</h2>" + list + "</section>";
}

Response Home(Site& site, Visit& v) {
  auto needs = site.s.overview.WhatNeedsMeNow(v.context);
  if (!needs) return site.Failure(v, needs.error());
  const Time now = site.s.clock.Now();
  const auto& n = *needs;
  std::string body = "<h1 class=\"govuk-heading-xl\">What needs you</h1>";
  if (!n.notifications.empty()) {
    std::string list = "<ul class=\"govuk-list\">";
    const std::map<std::string, std::string> colleagues = ColleaguesNamed(site, v, n.notifications);
    for (const auto& x : n.notifications) {
      const std::string_view base = Href(x.object_type);
      std::string text = Escape(NotificationText(x.kind));
      if (auto who = colleagues.find(x.object_id); x.object_type == "practitioner" && who != colleagues.end())
        text += " (" + Escape(who->second) + ")";
      list += "<li>" + (base.empty() ? text : Link(NotificationText(x.kind), std::string(base) + x.object_id)) +
              " <span class=\"govuk-hint jigsaw-inline-hint\">" + Escape(DisplayTime(x.created_at)) + "</span></li>";
    }
    list += "</ul>" + FormStart("/notifications/read", v.csrf_token) + Button("Mark these as read", true) + "</form>";
    body += NotificationBanner("Updates", "<p class=\"govuk-notification-banner__heading\">" + std::to_string(n.notifications.size()) +
                                              (n.notifications.size() == 1 ? " update" : " updates") + " for you</p>" + list);
  }
  body += TrainingDueHtml(n.training_due);
  body += ReviewsDueHtml(n.reviews_due);
  body += "<p class=\"govuk-body\">" + ButtonLink("Record a concern about a child", "/concerns/new") + "</p>";
  // Training stays reachable once it is current (the reminder above goes).
  if (n.training_due.empty()) body += "<p class=\"govuk-body\">" + Link("Your training", "/training") + "</p>";
  if (v.who.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead) || v.who.actor.roles.Has(domain::Role::kAdministrator))
    body += "<p class=\"govuk-body\">" + Link("Your staff's training: who is current, expiring, lapsed or not recorded", "/training/staff") + "</p>";

  if (access::Authorise(v.who.actor, access::Action::kViewOversight, v.who.actor.organisation_id))
    body += "<p class=\"govuk-body\">" + Link("Oversight: your organisation's sharing in figures", "/oversight") + "</p>";

  // The DPO's own work: subject access deadlines and recalls to assess.
  if (v.who.actor.roles.Has(domain::Role::kDataProtectionOfficer))
    body += "<p class=\"govuk-body\">" +
            Link("Your data protection work: subject access requests, recalls and what is due this week", "/dpo") + "</p>";
  const bool dsl = v.who.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead);
  if (dsl) {
    body += "<p class=\"govuk-body\">" + Link("Your organisation's caseload: open concerns and children with concerns", "/caseload") + "</p>";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : n.queue)
      rows.push_back({Link(Name(n.child_names, c.child_id), "/concerns/" + c.id), LevelCell(c),
                      Escape(DisplayTime(c.created_at)), Escape(Label(c.status))});
    body += Section("Concerns waiting for you", "queue", n.queue.size(), "There are no concerns waiting for you.",
                    {"Child", "Level", "Raised", "Status"}, rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : n.inbox_unread)
      rows.push_back({Link("Read", "/disclosures/" + d.disclosure.id, "information from " + d.sharer_organisation),
                      Escape(d.sharer_organisation), Escape(DisplayTime(d.disclosure.created_at)),
                      Due(d.disclosure.acknowledgement_due_at, now, d.disclosure.received_at)});
    body += Section("New information shared with you", "inbox", n.inbox_unread.size(), "Nothing new has been shared with you.",
                    {"", "From", "Shared", "Open by"}, rows);
  }
  if (!n.my_tasks.empty()) {
    // Reminders: the tasks a DSL gave this person, soonest due first.
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : n.my_tasks)
      rows.push_back({Link(t.description, "/tasks/" + t.id), Escape(Name(n.child_names, t.child_id)),
                      Escape(DisplayIsoDate(t.due_on)) +
                          (domain::IsOverdue(t, now) ? " " + Tag("Overdue", Colour::kRed) : std::string())});
    body += Section("Your tasks", "my-tasks", n.my_tasks.size(), "", {"Task", "Child", "Due"}, rows);
  }
  if (!n.allocated_to_me.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : n.allocated_to_me)
      rows.push_back({Link("Open", "/disclosures/" + d.disclosure.id, "information from " + d.sharer_organisation),
                      Escape(d.sharer_organisation), Escape(DisplayTime(d.disclosure.created_at)),
                      Due(d.disclosure.feedback_due_at, now, d.disclosure.feedback_at)});
    body += Section("Information allocated to you", "allocated-to-me", n.allocated_to_me.size(), "",
                    {"", "From", "Shared", "Feedback due"}, rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : n.feedback_owed_by_me)
      rows.push_back({Link("Give feedback", "/disclosures/" + d.disclosure.id + "/feedback", "to " + d.sharer_organisation),
                      Escape(d.sharer_organisation), Escape(DisplayTime(d.disclosure.created_at)),
                      Due(d.disclosure.feedback_due_at, now, d.disclosure.feedback_at)});
    body += Section("Feedback you owe", "feedback-owed", n.feedback_owed_by_me.size(),
                    "You do not owe anyone feedback.", {"", "Shared by", "Shared", "Feedback due"}, rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : n.feedback_owed_to_me)
      rows.push_back({Link("View", "/disclosures/" + d.disclosure.id, "what you shared with " + d.recipient_organisation),
                      Escape(d.recipient_organisation), Escape(DisplayTime(d.disclosure.created_at)),
                      Due(d.disclosure.feedback_due_at, now, d.disclosure.feedback_at)});
    body += Section("Feedback you are waiting for", "feedback-due", n.feedback_owed_to_me.size(),
                    "You are not waiting for feedback.", {"", "Shared with", "Shared", "Feedback due"}, rows);
  }
  if (!n.shares_to_approve.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : n.shares_to_approve)
      rows.push_back({Link("Review the share", "/decisions/" + d.id), Escape(Name(n.child_names, d.child_id)),
                      Escape(DisplayTime(d.created_at))});
    body += Section("Shares waiting for your approval", "to-approve", n.shares_to_approve.size(), "",
                    {"", "Child", "Decided"}, rows);
  }
  if (!n.records_owed.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : n.records_owed)
      rows.push_back({Link("Complete the record", "/decisions/" + d.id), Escape(Name(n.child_names, d.child_id)),
                      Escape(DisplayTime(d.created_at)), Due(d.rationale_due_at, now)});
    body += Section("Emergency shares to record in full", "records-owed", n.records_owed.size(), "",
                    {"", "Child", "Shared", "Record due"}, rows);
  }
  if (!n.advice_to_me.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : n.advice_to_me)
      rows.push_back({Link("Answer", "/advice/" + a.id, "the question asked " + DisplayTime(a.created_at)),
                      Escape(Label(a.adviser)), Escape(DisplayTime(a.created_at))});
    body += Section("Questions for you", "advice-to-me", n.advice_to_me.size(), "", {"", "Asked of", "Asked"}, rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : n.advice_mine)
      rows.push_back({Link("View", "/advice/" + a.id, "your question of " + DisplayTime(a.created_at)), Escape(Label(a.adviser)),
                      Escape(DisplayTime(a.created_at)),
                      a.answered_at == Time{} ? Tag("Waiting", Colour::kGrey) : Tag("Answered", Colour::kGreen)});
    body += Section("Advice you asked for", "advice-mine", n.advice_mine.size(), "You have not asked for advice.",
                    {"", "Asked of", "Asked", "Status"}, rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : n.requests_received)
      rows.push_back({Link("Respond", "/information-requests/" + r.id, "to the request of " + DisplayTime(r.created_at)),
                      Escape(Label(r.urgency)), Escape(DisplayTime(r.created_at)), Escape(Label(r.status))});
    body += Section("Information requests to answer", "requests-received", n.requests_received.size(),
                    "No one is waiting for information from you.", {"", "Urgency", "Received", "Status"}, rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    // A DSL sees the organisation's requests: only their own are "yours".
    for (const auto& r : n.requests_sent)
      rows.push_back({Link("View", "/information-requests/" + r.id,
                           (r.requested_by == v.context.actor.practitioner_id ? "your request of " : "a colleague's request of ") +
                               DisplayTime(r.created_at)),
                      Escape(Label(r.urgency)), Escape(DisplayTime(r.created_at)), Escape(Label(r.status))});
    body += Section("Information you asked for", "requests-sent", n.requests_sent.size(),
                    "You are not waiting for information.", {"", "Urgency", "Sent", "Status"}, rows);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : n.my_concerns)
      rows.push_back({Link(Name(n.child_names, c.child_id), "/concerns/" + c.id), LevelCell(c),
                      Escape(DisplayTime(c.created_at)), Escape(Label(c.status))});
    body += Section("Concerns you raised", "my-concerns", n.my_concerns.size(), "You have not raised any concerns.",
                    {"Child", "Level", "Raised", "Status"}, rows);
  }
  return site.Page(v, {.title = "What needs you", .body_html = body, .active_nav = "home", .wide = true});
}

}  // namespace

std::string_view KindLabel(service::ChronologyKind k) {
  switch (k) {
    case service::ChronologyKind::kIncident: return "What the concern is about happened";
    case service::ChronologyKind::kConcernRaised: return "Concern raised";
    case service::ChronologyKind::kConcernSeen: return "Concern seen by the designated safeguarding lead";
    case service::ChronologyKind::kNextStep: return "Next step decided";
    case service::ChronologyKind::kDecision: return "Decision about sharing recorded";
    case service::ChronologyKind::kDisclosureSent: return "Information shared";
    case service::ChronologyKind::kDisclosureReceived: return "Information opened by the recipient";
    case service::ChronologyKind::kFeedback: return "Feedback received";
  }
  return "";
}

std::string EntryDetail(const service::ChronologyEntry& e) {
  using K = service::ChronologyKind;
  if (e.detail.empty()) return "";
  switch (e.kind) {
    case K::kConcernRaised:
      if (auto l = ParseEnum<domain::ConcernLevel>(e.detail)) return std::string(Label(*l));
      break;
    case K::kNextStep:
      if (auto s = ParseEnum<domain::NextStep>(e.detail)) return std::string(Label(*s));
      break;
    case K::kDecision: return e.detail == "share" ? "Share" : "Not to share";
    case K::kIncident: return "Where: " + e.detail;
    case K::kFeedback:
      if (auto a = ParseEnum<domain::FeedbackAction>(e.detail)) return std::string(Label(*a));
      break;
    default: break;
  }
  return e.detail;
}

namespace {

// What the other person is to the child. A relationship reads "person is
// KIND of related person"; read from the other side, a parent is a child.
std::string RelationshipLabel(const domain::Relationship& r, const std::string& other_id) {
  if (r.person_id == other_id) return std::string(Label(r.kind));
  switch (r.kind) {
    case domain::RelationshipKind::kParent: return "Their child";
    case domain::RelationshipKind::kCarer: return "Cared for by them";
    default: return std::string(Label(r.kind));
  }
}

// The full chronology, or only its significant events (service::IsSignificant
// says which): two views of one list, chosen by a link so that each can be
// bookmarked and works without a script.
std::string ChronologySection(const service::Chronology& chronology, const std::string& child_id, bool significant_only) {
  const std::string base = "/children/" + child_id;
  std::string out = "<h2 class=\"govuk-heading-m\" id=\"chronology\">Chronology</h2>";
  const auto view_link = [&](std::string_view text, const std::string& href, bool current) {
    return "<li class=\"jigsaw-views__item\">" +
           (current ? "<a class=\"govuk-link\" href=\"" + Escape(href) + "\" aria-current=\"page\"><strong>" + Escape(text) +
                          "</strong></a>"
                    : Link(text, href)) +
           "</li>";
  };
  out += "<p class=\"govuk-body\">" + Link("See the multi-agency chronology", base + "/picture") +
         ": what other agencies shared about the child, with your own records.</p>";
  out += "<nav aria-label=\"Chronology views\"><ul class=\"govuk-list jigsaw-views\">" +
         view_link("All events", base + "#chronology", !significant_only) +
         view_link("Significant events", base + "?events=significant#chronology", significant_only) + "</ul></nav>";
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : chronology.entries) {
    const bool significant = e.significance == service::Significance::kSignificant;
    if (significant_only && !significant) continue;
    const std::string_view href = Href(e.object_type);
    const std::string when = e.precision == service::ChronologyPrecision::kDay ? DisplayDate(e.at) : DisplayTime(e.at);
    std::string what = href.empty() ? Escape(KindLabel(e.kind)) : Link(KindLabel(e.kind), std::string(href) + e.object_id);
    if (significant && !significant_only) what += " " + Tag("Significant", Colour::kRed);
    rows.push_back({Escape(when), what, Escape(EntryDetail(e)), Escape(e.who)});
  }
  if (rows.empty()) {
    out += significant_only ? "<p class=\"govuk-body\">No significant events have been recorded. Significant events are "
                              "incidents, concerns of significant harm or immediate risk, referrals, decisions about sharing, "
                              "information shared and feedback that led to action.</p>"
                            : "<p class=\"govuk-body\">Nothing has been recorded yet.</p>";
    return out;
  }
  const std::string_view caption = significant_only ? "Significant events" : "All events";
  out += Table(caption, {"When", "What happened", "Detail", "Who"}, rows);
  return out + "<p class=\"govuk-body-s\">This shows what your organisation recorded and shared about the child, and what "
               "you may see. Significant events are incidents, concerns of significant harm or immediate risk, referrals, "
               "decisions about sharing, information shared and feedback that led to action.</p>";
}

// Objections to the processing of the child's records (UK GDPR Article 21)
// and the DPO's decision on each: what a practitioner must weigh before
// sharing (the assessment says so too). The grounds stay with the DPO.
std::string ObjectionsHtml(const std::vector<domain::Objection>& objections) {
  if (objections.empty()) return {};
  std::string out = "<h2 class=\"govuk-heading-m\">Objections</h2><ul class=\"govuk-list govuk-list--spaced\">";
  for (const auto& o : objections) {
    out += "<li>Objection received on " + Escape(DisplayIsoDate(o.received_on)) + ": ";
    switch (o.decision) {
      case domain::ObjectionDecision::kUpheld:
        out += Tag("Upheld", Colour::kGreen) + " " + Escape(o.decision_reason);
        break;
      case domain::ObjectionDecision::kNotUpheld:
        out += Tag("Not upheld", Colour::kRed) + " because " + Escape(o.decision_reason);
        break;
      case domain::ObjectionDecision::kAwaiting:
        out += Tag("Awaiting the data protection officer's decision", Colour::kOrange);
        break;
    }
    out += "</li>";
  }
  return out + "</ul>";
}

Response Child(Site& site, Visit& v) {
  const std::string id(v.request.PathParam("id"));
  auto record = site.s.casework.GetPerson(v.context, id);
  if (!record) return site.Failure(v, record.error());
  auto chronology = site.s.overview.ChronologyOf(v.context, id);
  if (!chronology) return site.Failure(v, chronology.error());
  const auto& p = record->person;
  std::string body = "<span class=\"govuk-caption-l\">Child</span><h1 class=\"govuk-heading-l\">" + Escape(p.FullName()) + "</h1>";
  if (p.is_protected) body += Warning("This child's whereabouts must be protected: " + p.protected_reason);
  std::vector<SummaryRow> rows = {{"Date of birth", Escape(DisplayIsoDate(p.date_of_birth)), "", ""}};
  if (!p.nhs_number.empty()) rows.push_back({"NHS number", Escape(p.nhs_number), "", ""});
  if (!p.upn.empty()) rows.push_back({"Unique pupil number", Escape(p.upn), "", ""});
  if (!p.address.empty() || !p.postcode.empty()) rows.push_back({"Address", AddressHtml(p.address, p.postcode), "", ""});
  body += SummaryList(rows);
  body += "<div class=\"govuk-button-group\">" + ButtonLink("Record a concern about this child", "/children/" + p.id + "/concerns/new") +
          ButtonLink("Add someone in the child's life", "/children/" + p.id + "/people/new", true) + "</div>";
  body += "<p class=\"govuk-body\">" + Link("Who else knows this child?", "/children/" + p.id + "/who-else-knows") + "</p>";
  body += "<p class=\"govuk-body\">" + Link("Correct the child's record", "/people/" + p.id + "/correct") + "</p>";

  // Flags are for whoever may see the child's record.
  auto flags = FlagsHtml(site, v, p.id);
  if (!flags) return site.Failure(v, flags.error());
  body += *flags;
  body += "<h2 class=\"govuk-heading-m\">People in the child's life</h2>";
  if (record->related.empty()) {
    body += "<p class=\"govuk-body\">No one has been added yet.</p>";
  } else {
    std::vector<std::vector<std::string>> people;
    for (const auto& r : record->related)
      // A correction (docs/rights.md), marking someone protected later among
      // others, is linked under the name: a fourth column would not fit a phone.
      people.push_back({Escape(r.person.FullName()) + "<br>" +
                            Link("Correct", "/people/" + r.person.id + "/correct", "the record of " + r.person.FullName()),
                        Escape(RelationshipLabel(r.relationship, r.person.id)),
                        r.person.is_protected ? Tag("Identity protected", Colour::kPurple) + " " + Escape(r.person.protected_reason) : ""});
    body += Table("", {"Name", "Relationship", "Protection"}, people);
  }

  body += ObjectionsHtml(record->objections);
  body += ChronologySection(*chronology, p.id, v.request.QueryParam("events").value_or("") == "significant");
  return site.Page(v, {.title = "Child's record", .body_html = body, .back_href = "/", .wide = true});
}

}  // namespace

void AddHomePages(Site& site) {
  site.Get("/", [&site](Visit& v) { return Home(site, v); });
  site.Post("/notifications/read", [&site](Visit& v) {
    if (auto done = site.s.casework.MarkNotificationsRead(v.context); !done) return site.Failure(v, done.error());
    return Redirect("/");
  });
  site.Get("/children/{id}", [&site](Visit& v) { return Child(site, v); });
}

}  // namespace jigsaw::http::web
