#include "http/web/subject_access_pages.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "domain/case_management.h"
#include "domain/person.h"
#include "http/web/forms.h"
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using domain::Exemption;
using service::HeldKind;

std::string_view KindTitle(HeldKind k) {
  switch (k) {
    case HeldKind::kPerson: return "Their record";
    case HeldKind::kPersonVersion: return "An earlier version of their record (since corrected)";
    case HeldKind::kRelationship: return "Someone recorded with them";
    case HeldKind::kConcern: return "A concern";
    case HeldKind::kItem: return "A piece of information";
    case HeldKind::kItemVersion: return "An earlier version of a piece of information (since corrected)";
    case HeldKind::kBodyMark: return "A mark recorded on a body map";
    case HeldKind::kAttachment: return "A file kept with a concern";
    case HeldKind::kDecision: return "A decision whether to share information";
    case HeldKind::kDisclosureSent: return "Information shared with another organisation";
    case HeldKind::kFeedback: return "What a recipient did with information shared";
    case HeldKind::kDisclosureReceived: return "Information another organisation shared";
    case HeldKind::kInformationRequest: return "A request for information";
    case HeldKind::kAccess: return "Who accessed their records";
  }
  return "";
}

std::string_view ExemptionLabel(Exemption e) {
  switch (e) {
    case Exemption::kThirdParty: return "Identifies another person (DPA 2018 Schedule 2 paragraph 16)";
    case Exemption::kConfidence: return "Given in confidence (DPA 2018 Schedule 2 paragraphs 16 and 17)";
    case Exemption::kSeriousHarm:
      return "Likely to cause serious harm to someone's physical or mental health (DPA 2018 Schedule 3)";
    case Exemption::kCrime: return "Would prejudice the prevention or detection of crime (DPA 2018 Schedule 2 paragraph 2)";
    case Exemption::kLegalPrivilege: return "Legal professional privilege (DPA 2018 Schedule 2 paragraph 19)";
  }
  return "";
}

std::string_view ShortExemption(Exemption e) {
  switch (e) {
    case Exemption::kThirdParty: return "Identifies another person";
    case Exemption::kConfidence: return "Given in confidence";
    case Exemption::kSeriousHarm: return "Serious harm";
    case Exemption::kCrime: return "Crime";
    case Exemption::kLegalPrivilege: return "Legal privilege";
  }
  return "";
}

std::string_view IdentityLabel(domain::IdentityCheck c) {
  switch (c) {
    case domain::IdentityCheck::kDocumentsSeen: return "Identity documents and proof of address seen";
    case domain::IdentityCheck::kKnownInPerson: return "Known to our staff and seen in person";
    case domain::IdentityCheck::kThroughRepresentative: return "Someone acting for them, with their written authority";
  }
  return "";
}

// A field's stable name as a heading: "what_happened" reads "What
// happened", "items[0].text" "Item 1: text", an access line its time.
std::string FieldLabel(HeldKind kind, const std::string& name) {
  if (kind == HeldKind::kAccess)
    if (auto t = ParseRfc3339(name)) return DisplayTime(*t);
  std::string out;
  if (name.starts_with("items[")) {
    const auto close = name.find(']');
    if (close != std::string::npos) {
      const std::string n = name.substr(6, close - 6);
      if (!n.empty() && n.size() < 6 && n.find_first_not_of("0123456789") == std::string::npos)
        out = "Item " + std::to_string(std::stoi(n) + 1) + ": ";
      return out + (close + 2 <= name.size() ? name.substr(close + 2) : std::string());
    }
  }
  out = name;
  for (char& c : out)
    if (c == '_' || c == '.') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// Enum names as the pages word them elsewhere (the JSON export keeps the names).
template <typename E>
std::string Worded(const std::string& text) {
  const auto v = ParseEnum<E>(text);
  return v ? std::string(Label(*v)) : text;
}

std::string FieldText(const service::HeldField& f) {
  if (f.name == "level") return Worded<domain::ConcernLevel>(f.text);
  if (f.name == "accuracy") return Worded<domain::Accuracy>(f.text);
  if (f.name == "action") return Worded<domain::FeedbackAction>(f.text);
  if (f.name == "status") return Worded<domain::RequestStatus>(f.text);
  if (f.name == "outcome") return f.text == "share" ? "Share" : f.text == "not_share" ? "Not to share" : f.text;
  if (f.name == "forms") {
    std::string out;
    std::size_t start = 0;
    while (start <= f.text.size()) {
      const std::size_t comma = f.text.find(", ", start);
      const std::string form = f.text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      out += (out.empty() ? "" : ", ") + Worded<domain::AbuseForm>(form);
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    return out;
  }
  if (f.name == "kind" || f.name == "relationship") {
    std::string out = f.text;
    for (char& c : out)
      if (c == '_') c = ' ';
    return out;
  }
  return f.text;
}

std::string FieldsHtml(const service::HeldEntry& e) {
  std::vector<SummaryRow> rows;
  for (const auto& f : e.fields)
    rows.push_back({FieldLabel(e.kind, f.name), MarkWithheld(Escape(FieldText(f))), "", ""});
  if (rows.empty()) return "";
  return SummaryList(rows);
}

// "YYYY-MM-DD" plus `days`.
std::string PlusDays(const std::string& iso, int days) {
  const auto ymd = domain::ParseDate(iso);
  if (!ymd) return iso;
  const std::chrono::year_month_day d{std::chrono::sys_days{*ymd} + std::chrono::days{days}};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return out;
}

std::string DueHtml(const std::string& due_on, const std::string& today, bool open) {
  std::string out = Escape(DisplayIsoDate(due_on));
  if (open && due_on < today) out += " " + Tag("Overdue", Colour::kRed);
  else if (open && due_on <= PlusDays(today, 7)) out += " " + Tag("Due this week", Colour::kOrange);
  return out;
}

std::string StatusTag(const domain::SubjectAccessRequest& r) {
  if (r.status == domain::SubjectAccessStatus::kReleased) return Tag("Released", Colour::kGreen);
  if (r.extension_months > 0) return Tag("Extended", Colour::kPurple);
  return Tag("Open", Colour::kBlue);
}

std::string Section(std::string_view id, std::string_view heading_html, std::string_view body_html) {
  return "<section class=\"jigsaw-section\" aria-labelledby=\"" + std::string(id) + "\"><h2 class=\"govuk-heading-m\" id=\"" +
         std::string(id) + "\">" + std::string(heading_html) + "</h2>" + std::string(body_html) + "</section>";
}

std::string BreachClock(const service::RecallFlag& f, Time now) {
  return Escape(DisplayTime(f.breach_report_due_at)) +
         (now > f.breach_report_due_at ? " " + Tag("72 hours passed", Colour::kRed) : std::string());
}

// Open requests due within 7 days (or overdue), and recalls not yet
// confirmed whose 72-hour clock ends within them.
std::string DueThisWeekHtml(const std::vector<service::SubjectAccessSummary>& requests,
                            const std::vector<service::RecallFlag>& recalls, Time now) {
  const std::string today = domain::UkDate(now);
  const std::string week = PlusDays(today, 7);
  std::string list = "<ul class=\"govuk-list govuk-list--bullet\">";
  int count = 0;
  for (const auto& s : requests) {
    if (s.request.status != domain::SubjectAccessStatus::kOpen || s.due_on > week) continue;
    ++count;
    list += "<li>" + Link("Subject access request from " + s.subject_name, "/subject-access/" + s.request.id) + ": due " +
            DueHtml(s.due_on, today, true) + "</li>";
  }
  for (const auto& f : recalls) {
    const auto& d = f.summary.disclosure;
    if (d.recall_confirmed_at != Time{} || f.breach_report_due_at > now + std::chrono::hours(24 * 7)) continue;
    ++count;
    list += "<li>" + Link("Recall of information sent to " + f.summary.recipient_organisation, "/disclosures/" + d.id) +
            ": assess as a possible breach; a report to the ICO is due by " + BreachClock(f, now) + "</li>";
  }
  list += "</ul>";
  return Section("due-this-week",
                 "Due this week <span class=\"jigsaw-count\">(" + std::to_string(count) + ")</span>",
                 count == 0 ? std::string("<p class=\"govuk-body\">Nothing is due in the next 7 days.</p>") : list);
}

// Every request, the earliest due first: a list, not a table, so that each
// stacks on a phone's width.
std::string RequestsHtml(const std::vector<service::SubjectAccessSummary>& requests, const std::string& today) {
  std::string body = "<p class=\"govuk-body\">A person's request for what your organisation holds about them is answered "
                     "within one calendar month of receipt, or up to two further months if you extend it and tell them "
                     "why within the first month (UK GDPR Articles 12 and 15).</p><p class=\"govuk-body\">" +
                     ButtonLink("Open a subject access request", "/subject-access/new") + "</p>";
  if (requests.empty()) return Section("requests", "Subject access requests", body + "<p class=\"govuk-body\">There are no subject access requests.</p>");
  body += "<ul class=\"govuk-list govuk-list--spaced\">";
  for (const auto& s : requests)
    body += "<li>" + Link(s.subject_name, "/subject-access/" + s.request.id) + " " + StatusTag(s.request) +
            "<br>Received " + Escape(DisplayIsoDate(s.request.received_on)) + ". Due " +
            DueHtml(s.due_on, today, s.request.status == domain::SubjectAccessStatus::kOpen) + "</li>";
  return Section("requests", "Subject access requests", body + "</ul>");
}

// The recalls to assess as possible breaches (UK GDPR Article 33: 72 hours).
std::string RecallsHtml(const std::vector<service::RecallFlag>& recalls, Time now) {
  const std::string heading = "Recalls: possible personal data breaches";
  if (recalls.empty()) return Section("recalls", heading, "<p class=\"govuk-body\">Nothing has been recalled.</p>");
  std::string list = "<ul class=\"govuk-list govuk-list--spaced\">";
  for (const auto& f : recalls) {
    const auto& d = f.summary.disclosure;
    list += "<li>" + Link("Sent to " + f.summary.recipient_organisation, "/disclosures/" + d.id) + "<br>Recalled " +
            Escape(DisplayTime(d.recalled_at)) + ". Report a breach to the ICO by " + BreachClock(f, now) + "<br>" +
            (d.recall_confirmed_at == Time{} ? Tag("No copy kept: not yet confirmed", Colour::kOrange)
                                             : Tag("No copy kept: confirmed", Colour::kGreen)) +
            "</li>";
  }
  return Section("recalls", heading,
                 list + "</ul><p class=\"govuk-body\">" + Link("See each recall in full", "/recalls") + "</p>");
}

// The DPO's workspace: what is due this week first, then every request
// with its deadline, the recalls to assess, and what corrections ask of them.
Response Workspace(Site& site, Visit& v, service::SubjectAccess& sar) {
  auto requests = sar.List(v.context, false);
  if (!requests) return site.Failure(v, requests.error());
  auto recalls = site.s.sharing.Recalls(v.context);
  if (!recalls) return site.Failure(v, recalls.error());
  const Time now = site.s.clock.Now();
  std::string body = "<h1 class=\"govuk-heading-xl\">Data protection</h1>";
  body += DueThisWeekHtml(*requests, *recalls, now);
  body += RequestsHtml(*requests, domain::UkDate(now));
  body += RecallsHtml(*recalls, now);
  body += Section("restrictions", "Restrictions and objections",
                  "<p class=\"govuk-body\">Restrict a person's records while, for example, their accuracy is "
                  "checked (UK GDPR Article 18), and record objections with your decision on each (Article 21).</p>"
                  "<p class=\"govuk-body\">" +
                      Link("Restrictions and objections", "/restrictions") + "</p>");
  body += Section("corrections", "Corrections",
                  "<p class=\"govuk-body\">No correction waits for you: a record is corrected by whoever may edit it, "
                  "or the designated safeguarding lead, and each recipient of corrected information is sent the "
                  "correction at once (docs/rights.md).</p>");
  return site.Page(v, {.title = "Data protection", .body_html = body, .active_nav = "dpo", .wide = true});
}

struct NewForm {
  std::string person_id, day, month, year, identity_check, identity_note;
};

Response NewPage(Site& site, Visit& v, service::SubjectAccess& sar, const NewForm& in, const Errors& errors,
                 int status = 200) {
  auto people = sar.People(v.context);
  if (!people) return site.Failure(v, people.error());
  std::vector<Option> options{{"", "Choose a person", "", false}};
  for (const auto& p : *people) {
    std::string label = p.FullName() + " (" + std::string(ToString(p.kind)) + ")";
    for (char& c : label)
      if (c == '_') c = ' ';
    if (!p.date_of_birth.empty()) label += ", born " + DisplayIsoDate(p.date_of_birth);
    options.push_back({p.id, label, "", false});
  }
  std::vector<Option> checks;
  for (auto c : {domain::IdentityCheck::kDocumentsSeen, domain::IdentityCheck::kKnownInPerson,
                 domain::IdentityCheck::kThroughRepresentative})
    checks.push_back({std::string(ToString(c)), std::string(IdentityLabel(c)), "", false});
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Open a subject access request</h1>";
  body += "<p class=\"govuk-body\">Jigsaw will gather everything your organisation holds about the person, with every "
          "other person withheld, for you to review before anything is released.</p>";
  body += FormStart("/subject-access/new", v.csrf_token);
  body += Select({"person_id", "Whose information is asked for?", "Anyone your organisation has recorded: a child, a parent "
                  "or anyone else.", false, ErrorFor(errors, "person_id")},
                 options, in.person_id);
  body += DateInput({"received_on", "When was the request received?", "The one-month deadline runs from this day. For "
                     "example, 31 1 2027", false, ErrorFor(errors, "received_on")},
                    in.day, in.month, in.year);
  body += Radios({"identity_check", "How was the requester's identity checked?", "", false,
                  ErrorFor(errors, "identity_check")},
                 checks, in.identity_check);
  body += Textarea({"identity_note", "What was seen, or who vouched for them", "For example, passport and a council tax "
                    "bill, seen by you on the day received.", false, ErrorFor(errors, "identity_note")},
                   in.identity_note, 3);
  body += Button("Open the request") + "</form>";
  return site.Page(v, {.title = "Open a subject access request", .body_html = body, .back_href = "/dpo",
                       .has_errors = !errors.empty(), .active_nav = "dpo"},
                   status);
}

Response NewPost(Site& site, Visit& v, service::SubjectAccess& sar) {
  const NewForm in{v.form.Get("person_id"), v.form.Get("received_on-day"), v.form.Get("received_on-month"),
                   v.form.Get("received_on-year"), v.form.Get("identity_check"), v.form.Get("identity_note")};
  service::NewSubjectAccessRequest r{.person_id = in.person_id,
                                     .received_on = IsoDate(in.day, in.month, in.year),
                                     .identity_note = in.identity_note};
  const auto check = ParseEnum<domain::IdentityCheck>(in.identity_check);
  if (!check) return NewPage(site, v, sar, in, {{"identity_check", "Select how the requester's identity was checked"}}, 400);
  r.identity_check = *check;
  auto done = sar.Open(v.context, r);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument && done.error().field != "person_id")
      return site.Failure(v, done.error());
    Errors errors = FieldErrors(done.error(), "identity_note");
    if (done.error().code == ErrorCode::kNotFound) errors = {{"person_id", "Choose a person your organisation has recorded"}};
    return NewPage(site, v, sar, in, errors, 400);
  }
  return Redirect("/subject-access/" + done->request.id);
}

std::string DecisionText(const domain::ExemptionDecision& d, const std::string& by) {
  std::string out = d.choice == domain::ReleaseChoice::kRelease ? Tag("Release", Colour::kGreen)
                                                                 : Tag("Withhold", Colour::kRed);
  if (d.exemption) out += " " + Escape(ExemptionLabel(*d.exemption));
  out += ". Reason: " + Escape(d.reason) + " <span class=\"govuk-hint jigsaw-inline-hint\">" +
         Escape((by.empty() ? std::string() : by + ", ") + DisplayTime(d.decided_at)) + "</span>";
  return out;
}

struct DecisionForm {
  std::size_t index = 0;
  std::string choice, exemption, reason;
};

std::string DecisionFormHtml(const Visit& v, const std::string& id, std::size_t index, const std::string& key,
                             const std::optional<DecisionForm>& in, const Errors& errors) {
  const std::string n = std::to_string(index);
  const bool mine = in && in->index == index;
  std::vector<Option> exemptions{{"", "None: release it", "", false}};
  for (auto e : {Exemption::kThirdParty, Exemption::kConfidence, Exemption::kSeriousHarm, Exemption::kCrime,
                 Exemption::kLegalPrivilege})
    exemptions.push_back({std::string(ToString(e)), std::string(ExemptionLabel(e)), "", false});
  std::string out = FormStart("/subject-access/" + id + "/decisions", v.csrf_token) + HiddenInput("entry", key) +
                    HiddenInput("n", n);
  out += Radios({"choice-" + n, "Release or withhold it?", "", false, mine ? ErrorFor(errors, "choice-" + n) : ""},
                {{"release", "Release it", "", false}, {"withhold", "Withhold it", "", false}}, mine ? in->choice : "", true);
  out += Select({"exemption-" + n, "Exemption, if withheld", "", false, mine ? ErrorFor(errors, "exemption-" + n) : ""},
                exemptions, mine ? in->exemption : "");
  out += Textarea({"reason-" + n, "Your reason", "Kept in your record of the request; never released.", false,
                   mine ? ErrorFor(errors, "reason-" + n) : ""},
                  mine ? in->reason : "", 2);
  out += Button("Record the decision", true) + "</form>";
  return out;
}

// One piece of what is held, as a card: its fields (redacted), the
// exemptions that may apply, the DPO's decision and the form to make or
// change it.
std::string HeldCardHtml(const Visit& v, const service::SubjectAccessView& view, std::size_t i,
                         const std::optional<DecisionForm>& decision_in, const Errors& errors) {
  const auto& e = view.held[i];
  const std::string& id = view.summary.request.id;
  const auto* d = service::LatestDecision(view.decisions, e.key);
  std::string content = FieldsHtml(e);
  if (!e.may_apply.empty()) {
    std::string tags;
    for (auto x : e.may_apply) tags += Tag(ShortExemption(x), Colour::kYellow) + " ";
    content += "<p class=\"govuk-body\">May be exempt: " + tags + "</p>";
  }
  std::string decided_by;
  if (d)
    for (std::size_t k = 0; k < view.decisions.size(); ++k)
      if (&view.decisions[k] == d) decided_by = view.decided_by_names[k];
  content += d ? "<p class=\"govuk-body\">Your decision: " + DecisionText(*d, decided_by) + "</p>"
               : (!e.may_apply.empty() ? "<p class=\"govuk-body\">" + Tag("Decision needed", Colour::kOrange) + "</p>"
                                       : std::string());
  // What waits for a decision has its form open; anything else keeps it folded away.
  const std::string form = DecisionFormHtml(v, id, i, e.key, decision_in, errors);
  const bool submitted = decision_in && decision_in->index == i;
  content += (!d && !e.may_apply.empty()) || submitted ? form
                                                        : Details(d ? "Change your decision" : "Withhold this", form);
  std::string title(KindTitle(e.kind));
  if (e.recorded_at != Time{}) title += ", recorded " + DisplayDate(e.recorded_at);
  return "<div class=\"govuk-summary-card\" id=\"entry-" + std::to_string(i) +
         "\"><div class=\"govuk-summary-card__title-wrapper\"><h3 class=\"govuk-summary-card__title\">" + Escape(title) +
         "</h3></div><div class=\"govuk-summary-card__content\">" + content + "</div></div>";
}

Response RequestPage(Site& site, Visit& v, service::SubjectAccess& sar, const std::string& id,
                     const std::optional<DecisionForm>& decision_in, const Errors& errors, int status = 200,
                     const std::string& extension_reason = {}) {
  auto view = sar.Get(v.context, id);
  if (!view) return site.Failure(v, view.error());
  const auto& r = view->summary.request;
  const bool open = r.status == domain::SubjectAccessStatus::kOpen;
  const std::string today = domain::UkDate(site.s.clock.Now());
  std::string body = ErrorSummary(errors);
  body += "<span class=\"govuk-caption-l\">Subject access request</span><h1 class=\"govuk-heading-l\">" +
          Escape(view->summary.subject_name) + "</h1>";
  std::vector<SummaryRow> rows = {
      {"Received", Escape(DisplayIsoDate(r.received_on)), "", ""},
      {"Identity checked", Escape(IdentityLabel(r.identity_check)) + ": " + Escape(r.identity_note), "", ""},
      {"Due", DueHtml(view->summary.due_on, today, open) +
                  (r.extension_months > 0 ? "<br>Extended by " + std::to_string(r.extension_months) +
                                                (r.extension_months == 1 ? " month" : " months") + ": " +
                                                Escape(r.extension_reason)
                                          : std::string()),
       "", ""},
      {"Status", StatusTag(r), "", ""}};
  body += SummaryList(rows);
  if (!open) {
    body += "<p class=\"govuk-body\">" + Link("See what was released", "/subject-access/" + id + "/released") + "</p>";
    return site.Page(v, {.title = "Subject access request", .body_html = body, .back_href = "/dpo", .active_nav = "dpo"},
                     status);
  }
  if (r.extension_months < domain::kMaxExtensionMonths) {
    std::string form = FormStart("/subject-access/" + id + "/extension", v.csrf_token);
    form += Radios({"months", "Extend the deadline by", "Only within the first month, and the requester must be told why.",
                    false, ErrorFor(errors, "months")},
                   {{"1", "One further month", "", false}, {"2", "Two further months", "", false}}, "", true);
    form += Textarea({"extension_reason", "Why it needs longer", "For example, the request is complex or one of several "
                      "from the same person.", false, ErrorFor(errors, "extension_reason")},
                     extension_reason, 2);
    form += Button("Extend the deadline", true) + "</form>";
    body += Details("Extend the deadline", form);
  }
  body += "<h2 class=\"govuk-heading-m\">What your organisation holds</h2>";
  body += "<p class=\"govuk-body\">Everyone else is withheld, as in a disclosure. Decide on each piece marked as possibly "
          "exempt; anything else is released unless you withhold it.</p>";
  std::size_t undecided = 0;
  for (std::size_t i = 0; i < view->held.size(); ++i) {
    if (!service::LatestDecision(view->decisions, view->held[i].key) && !view->held[i].may_apply.empty()) ++undecided;
    body += HeldCardHtml(v, *view, i, decision_in, errors);
  }
  body += "<h2 class=\"govuk-heading-m\" id=\"release\">Release</h2>";  // the error summary links here
  if (undecided > 0)
    body += Warning(std::to_string(undecided) + (undecided == 1 ? " piece needs" : " pieces need") +
                    " your decision before you can release.");
  body += "<p class=\"govuk-body\">Releasing keeps exactly what is released, as a page to print and a file to download "
          "(portability), and records that you released it.</p>" +
          FormStart("/subject-access/" + id + "/release", v.csrf_token) + Button("Release") + "</form>";
  return site.Page(v, {.title = "Subject access request", .body_html = body, .back_href = "/dpo",
                       .has_errors = !errors.empty(), .active_nav = "dpo"},
                   status);
}

Response DecisionPost(Site& site, Visit& v, service::SubjectAccess& sar, const std::string& id) {
  const std::string n = v.form.Get("n");
  if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos)
    return site.Failure(v, Error{ErrorCode::kInvalidArgument, "The form was not complete.", "n"});
  const DecisionForm in{static_cast<std::size_t>(std::stoul(n)), v.form.Get("choice-" + n), v.form.Get("exemption-" + n),
                        v.form.Get("reason-" + n)};
  const auto choice = ParseEnum<domain::ReleaseChoice>(in.choice);
  if (!choice) return RequestPage(site, v, sar, id, in, {{"choice-" + n, "Select whether to release or withhold it"}}, 400);
  service::EntryDecision d{.entry = v.form.Get("entry"), .choice = *choice, .reason = in.reason};
  if (!in.exemption.empty()) {
    const auto e = ParseEnum<Exemption>(in.exemption);
    if (!e) return RequestPage(site, v, sar, id, in, {{"exemption-" + n, "Select an exemption"}}, 400);
    d.exemption = *e;
  }
  auto done = sar.Decide(v.context, id, d);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    const std::string field = done.error().field == "exemption" ? "exemption-" + n : "reason-" + n;
    return RequestPage(site, v, sar, id, in, {{field, done.error().message}}, 400);
  }
  return Redirect("/subject-access/" + id);
}

Response ExtensionPost(Site& site, Visit& v, service::SubjectAccess& sar, const std::string& id) {
  const std::string months = v.form.Get("months");
  const std::string reason = v.form.Get("extension_reason");
  if (months != "1" && months != "2")
    return RequestPage(site, v, sar, id, std::nullopt, {{"months", "Select how much longer it needs"}}, 400, reason);
  auto done = sar.Extend(v.context, id, months == "1" ? 1 : 2, reason);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument && done.error().code != ErrorCode::kFailedPrecondition)
      return site.Failure(v, done.error());
    const std::string field = done.error().field == "reason" ? "extension_reason" : "months";
    return RequestPage(site, v, sar, id, std::nullopt, {{field, done.error().message}}, 400, reason);
  }
  return Redirect("/subject-access/" + id);
}

Response ReleasePost(Site& site, Visit& v, service::SubjectAccess& sar, const std::string& id) {
  auto done = sar.ReleaseNow(v.context, id);
  if (!done) {
    if (done.error().code == ErrorCode::kFailedPrecondition && done.error().field == "decisions")
      return RequestPage(site, v, sar, id, std::nullopt, {{"release", done.error().message}}, 400);
    return site.Failure(v, done.error());
  }
  return Redirect("/subject-access/" + id + "/released");
}

// What was released, as released: a page made to be printed (the print
// stylesheet drops the service's header, menu and buttons).
Response ReleasedPage(Site& site, Visit& v, service::SubjectAccess& sar, const std::string& id) {
  auto release = sar.Released(v.context, id);
  if (!release) return site.Failure(v, release.error());
  std::string body = "<span class=\"govuk-caption-l\">Subject access request</span><h1 class=\"govuk-heading-l\">"
                     "The information we hold about " + Escape(release->subject_name) + "</h1>";
  body += SummaryList({{"Request received", Escape(DisplayIsoDate(release->received_on)), "", ""},
                       {"Released", Escape(DisplayTime(release->released_at)), "", ""}});
  body += "<p class=\"govuk-body\">Where other people are mentioned, their details are withheld and marked as withheld.</p>";
  body += "<p class=\"govuk-body jigsaw-no-print\">To print it, use your browser's print command: the page prints without "
          "the menu. " + Link("Download it as a file (JSON)", "/subject-access/" + id + "/released.json") + "</p>";
  for (const auto& e : release->entries) {
    std::string title(KindTitle(e.kind));
    if (e.recorded_at != Time{}) title += ", recorded " + DisplayDate(e.recorded_at);
    body += "<section class=\"jigsaw-released\"><h2 class=\"govuk-heading-m\">" + Escape(title) + "</h2>" + FieldsHtml(e) +
            "</section>";
  }
  return site.Page(v, {.title = "Subject access: what was released", .body_html = body,
                       .back_href = "/subject-access/" + id, .active_nav = "dpo"});
}

Response ReleasedJson(Site& site, Visit& v, service::SubjectAccess& sar, const std::string& id) {
  auto release = sar.Released(v.context, id);
  if (!release) return site.Failure(v, release.error());
  Response r;
  r.status = 200;
  r.content_type = "application/json";
  r.body = service::ToJson(*release);
  r.With("Content-Disposition", "attachment; filename=\"subject-access-" + id + ".json\"");
  r.With("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddSubjectAccessPages(Router& router, WebServices services, WebOptions options, service::SubjectAccess& subject_access) {
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* sar = &subject_access;
  site->Get("/dpo", [site, sar](Visit& v) { return Workspace(*site, v, *sar); });
  site->Get("/subject-access/new", [site, sar](Visit& v) { return NewPage(*site, v, *sar, {}, {}); });
  site->Post("/subject-access/new", [site, sar](Visit& v) { return NewPost(*site, v, *sar); });
  site->Get("/subject-access/{id}", [site, sar](Visit& v) {
    return RequestPage(*site, v, *sar, std::string(v.request.PathParam("id")), std::nullopt, {});
  });
  site->Post("/subject-access/{id}/decisions",
             [site, sar](Visit& v) { return DecisionPost(*site, v, *sar, std::string(v.request.PathParam("id"))); });
  site->Post("/subject-access/{id}/extension",
             [site, sar](Visit& v) { return ExtensionPost(*site, v, *sar, std::string(v.request.PathParam("id"))); });
  site->Post("/subject-access/{id}/release",
             [site, sar](Visit& v) { return ReleasePost(*site, v, *sar, std::string(v.request.PathParam("id"))); });
  site->Get("/subject-access/{id}/released",
            [site, sar](Visit& v) { return ReleasedPage(*site, v, *sar, std::string(v.request.PathParam("id"))); });
  site->Get("/subject-access/{id}/released.json",
            [site, sar](Visit& v) { return ReleasedJson(*site, v, *sar, std::string(v.request.PathParam("id"))); });
}

}  // namespace jigsaw::http::web
