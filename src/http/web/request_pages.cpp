// Asking for what others know (information requests: send, clarify,
// refuse with reasons, reconsider) and asking for advice in one's own
// organisation (golden rule 4).
#include "http/web/labels.h"
#include "http/web/pages.h"
#include "http/web/share_draft.h"

namespace jigsaw::http::web {
namespace {

namespace g = guidance;

std::string OrgName(const std::vector<domain::Organisation>& orgs, const std::string& id) {
  for (const auto& o : orgs)
    if (o.id == id) return o.name;
  return "";
}

std::string AddressLine(const domain::Person& p) {
  if (p.address.empty() && p.postcode.empty()) return {};
  return "Address: " + p.address + (p.postcode.empty() ? "" : " " + p.postcode);
}

Response RequestsList(Site& site, Visit& v) {
  auto orgs = site.s.administration.ListOrganisations(v.context);
  if (!orgs) return site.Failure(v, orgs.error());
  std::string body = "<h1 class=\"govuk-heading-l\">Information requests</h1><p class=\"govuk-body\">" +
                     ButtonLink("Ask another organisation for information", "/information-requests/new") + "</p>";
  for (bool received : {true, false}) {
    auto list = site.s.requests.InformationRequests(v.context, received);
    if (!list) {
      if (list.error().code == ErrorCode::kPermissionDenied) continue;
      return site.Failure(v, list.error());
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : *list)
      rows.push_back({Link("View", "/information-requests/" + r.id, "the request of " + DisplayTime(r.created_at)),
                      Escape(OrgName(*orgs, received ? r.requester_organisation_id : r.holder_organisation_id)),
                      Escape(Label(r.urgency)), Escape(DisplayTime(r.created_at)), Escape(Label(r.status))});
    body += "<h2 class=\"govuk-heading-m\">" + std::string(received ? "Sent to us" : "Sent by us") + "</h2>" +
            (rows.empty() ? std::string(received ? "<p class=\"govuk-body\">No organisation has asked yours for information.</p>"
                                                 : "<p class=\"govuk-body\">Your organisation has not asked another for "
                                                   "information. Requests you send appear here with their answers.</p>")
                          : Table("", {"", received ? "From" : "To", "Urgency", "Sent", "Status"}, rows));
  }
  return site.Page(v, {.title = "Information requests", .body_html = body, .active_nav = "requests", .wide = true});
}

// Room for this many people around the child on the form (no script, so
// no "add another"): blank ones are left out.
constexpr int kPeopleOnForm = 3;

// Form fields of the n-th person (1-based): "person1_name".
std::string PersonField(int n, std::string_view part) { return "person" + std::to_string(n) + "_" + std::string(part); }

struct PersonAnswers {
  std::string name, relationship, responsibility;
};

struct RequestForm {
  std::string holder, given, family, dob_day, dob_month, dob_year, nhs, other, needed, reason, terminology, urgency;
  std::string dob;  // ISO, empty, or "?" when the three fields are not a date
  std::vector<PersonAnswers> people = std::vector<PersonAnswers>(kPeopleOnForm);
  static RequestForm From(const Form& f) {
    RequestForm r{f.Get("holder"), f.Get("given_name"), f.Get("family_name"), f.Get("date_of_birth-day"),
                  f.Get("date_of_birth-month"), f.Get("date_of_birth-year"), f.Get("nhs_number"), f.Get("other_details"),
                  f.Get("needed"), f.Get("reason"), f.Get("terminology"), f.Get("urgency"), IsoDate(f, "date_of_birth")};
    for (int n = 1; n <= kPeopleOnForm; ++n)
      r.people[n - 1] = {f.Get(PersonField(n, "name")), f.Get(PersonField(n, "relationship")),
                         f.Get(PersonField(n, "responsibility"))};
    return r;
  }
};

std::string PeopleQuestions(const RequestForm& r, const Errors& errors) {
  std::string out = "<h2 class=\"govuk-heading-m\">People around the child (optional)</h2><p class=\"govuk-body\">"
                    "For example, a parent's partner or another adult in the home. They may hold records about them too.</p>";
  for (int n = 1; n <= kPeopleOnForm; ++n) {
    const auto& p = r.people[n - 1];
    out += "<h3 class=\"govuk-heading-s\">Person " + std::to_string(n) + "</h3>" +
           TextInput({PersonField(n, "name"), "Full name", "", false, ErrorFor(errors, PersonField(n, "name"))}, p.name,
                     "govuk-!-width-two-thirds") +
           TextInput({PersonField(n, "relationship"), "Relationship to the child", "For example, mother's partner", false,
                      ErrorFor(errors, PersonField(n, "relationship"))},
                     p.relationship, "govuk-!-width-two-thirds") +
           Radios({PersonField(n, "responsibility"), "Do they have parental responsibility?", "", false,
                   ErrorFor(errors, PersonField(n, "responsibility"))},
                  OptionsOf<domain::ParentalResponsibility>(), p.responsibility.empty() ? "not_known" : p.responsibility);
  }
  return out;
}

// The form filled in from "who else knows" or a risk alert: the holder
// from `holder`, and the child from the visitor's own record `child`
// (read as any view of it is: authorised and audited).
RequestForm Prefilled(Site& site, Visit& v) {
  RequestForm f;
  f.holder = v.request.QueryParam("holder").value_or("");
  const std::string child = v.request.QueryParam("child").value_or("");
  if (child.empty()) return f;
  auto record = site.s.casework.GetPerson(v.context, child);
  if (!record) return f;
  const auto& p = record->person;
  f.given = p.given_name;
  f.family = p.family_name;
  f.nhs = p.nhs_number;
  if (p.date_of_birth.size() == 10) {
    f.dob_year = p.date_of_birth.substr(0, 4);
    f.dob_month = p.date_of_birth.substr(5, 2);
    f.dob_day = p.date_of_birth.substr(8, 2);
  }
  f.other = AddressLine(p);
  return f;
}

Response NewRequest(Site& site, Visit& v, const RequestForm& r, const Errors& errors) {
  auto orgs = site.s.administration.ListOrganisations(v.context);
  if (!orgs) return site.Failure(v, orgs.error());
  std::vector<Option> holders = {{"", "Choose an organisation", "", false}};
  for (const auto& o : *orgs)
    if (o.id != v.who.actor.organisation_id) holders.push_back({o.id, o.name, "", false});
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Ask for information</h1>"
                     "<p class=\"govuk-body\">Explain clearly what you need and why, and what any terms mean.</p>" +
                     FormStart("/information-requests/new", v.csrf_token) +
                     Select({"holder", "Who are you asking?", "", false, ErrorFor(errors, "holder")}, holders, r.holder) +
                     "<h2 class=\"govuk-heading-m\">The child</h2>" +
                     TextInput({"given_name", "First name", "", false, ErrorFor(errors, "given_name")}, r.given, "govuk-!-width-one-half") +
                     TextInput({"family_name", "Last name", "", false, ErrorFor(errors, "family_name")}, r.family, "govuk-!-width-one-half") +
                     DateInput({"date_of_birth", "Date of birth (optional)", "For example, 27 3 2015", false,
                                ErrorFor(errors, "date_of_birth")},
                               r.dob_day, r.dob_month, r.dob_year) +
                     TextInput({"nhs_number", "NHS number (optional)", "", false, ErrorFor(errors, "nhs_number")}, r.nhs, "govuk-input--width-10") +
                     Textarea({"other_details", "Anything else that helps them find the child (optional)", "For example, school or address",
                               false, ErrorFor(errors, "other_details")}, r.other, 2) +
                     PeopleQuestions(r, errors) +
                     "<h2 class=\"govuk-heading-m\">Your request</h2>" +
                     Textarea({"needed", "What information do you need?", "", false, ErrorFor(errors, "needed")}, r.needed, 4) +
                     Textarea({"reason", "Why do you need it?", "Say how it will help keep the child safe", false, ErrorFor(errors, "reason")},
                              r.reason, 4) +
                     Textarea({"terminology", "Terms that could be misread (optional)", "For example, what you mean by 'contact'", false,
                               ErrorFor(errors, "terminology")}, r.terminology, 2) +
                     Radios({"urgency", "How urgent is it?", "", false, ErrorFor(errors, "urgency")}, OptionsOf<domain::Urgency>(),
                            r.urgency.empty() ? "routine" : r.urgency) +
                     Button("Send the request") + "</form>";
  return site.Page(v, {.title = "Ask for information", .body_html = body, .back_href = "/information-requests",
                       .has_errors = !errors.empty(), .active_nav = "requests"});
}

Errors RequestErrors(const Error& e) {
  std::string f = e.field;
  // "people[1].name" is the second person's name field.
  if (f.starts_with("people[")) {
    const auto close = f.find(']');
    const int n = std::atoi(f.c_str() + 7) + 1;
    const std::string part = close == std::string::npos ? "" : f.substr(close + 2);
    if (n >= 1 && n <= kPeopleOnForm && (part == "name" || part == "relationship")) return {{PersonField(n, part), e.message}};
    return {{PersonField(1, "name"), e.message}};
  }
  if (f.starts_with("child.")) f = f.substr(6);
  if (f == "other_details" || f == "given_name" || f == "family_name" || f == "date_of_birth" || f == "nhs_number" || f == "needed" ||
      f == "reason" || f == "terminology")
    return {{f, e.message}};
  if (f == "holder_organisation_id") return {{"holder", e.message}};
  return {{"needed", e.message}};
}

// Room for this many pieces of information in a typed answer; blank ones are left out.
constexpr int kItemsOnForm = 3;
// The typed answer's choice of child that records a new one from the request.
constexpr std::string_view kNewChild = "new";

// The conditions a typed answer may need: those for health, crime and
// confidences (law enforcement processing is never a typed answer's purpose).
bool TypedAnswerAsks(const ConditionQuestion& q) {
  return q.record == g::Record::kSpecialCategoryCondition || q.record == g::Record::kCriminalOffenceCondition ||
         q.record == g::Record::kConfidentialityBasis;
}

// Children in the holder's own records who may be the one asked about: the
// same last name and, where the request gives one, the same date of birth.
std::string ItemField(int n, std::string_view part) { return "item" + std::to_string(n) + "_" + std::string(part); }

// The holder's answer typed in (a GP from the practice record): each piece
// with its source, date and accuracy, and the record of the decision to
// share. `form` holds what they sent when it is shown again with errors.
std::string TypedAnswerForm(const std::string& base, const Visit& v, const Errors& errors, const Form* form,
                            const std::vector<domain::Person>& candidates) {
  auto value = [&](const std::string& name, std::string_view otherwise = {}) {
    return form ? form->Get(name) : std::string(otherwise);
  };
  std::string out = FormStart(base + "/answer", v.csrf_token) +
                    "<h3 class=\"govuk-heading-s\" id=\"answer\">Answer with what you know</h3>"
                    "<p class=\"govuk-body\">Type or paste only what they need. Anyone protected in your records is "
                    "withheld from what you type before it is sent.</p>";
  // The answer is kept on the child's record: the one already held, when
  // there is one, rather than a second record of the same child.
  if (candidates.empty()) {
    out += HiddenInput("answer_child", kNewChild);
  } else {
    std::vector<Option> children;
    for (const auto& c : candidates)
      children.push_back({c.id, c.FullName(), c.date_of_birth.empty() ? "" : "Born " + DisplayIsoDate(c.date_of_birth), false});
    children.push_back({std::string(kNewChild), "None of these: record the child from the request", "", true});
    out += Radios({"answer_child", "Which child in your records is this?", "", false, ErrorFor(errors, "answer_child")},
                  children, value("answer_child", candidates.size() == 1 ? candidates.front().id : ""));
  }
  for (int n = 1; n <= kItemsOnForm; ++n) {
    out += "<h4 class=\"govuk-heading-s\">Information " + std::to_string(n) + (n == 1 ? "" : " (optional)") + "</h4>" +
           Textarea({ItemField(n, "text"), "What you know", "", false, ErrorFor(errors, ItemField(n, "text"))},
                    value(ItemField(n, "text")), 3) +
           TextInput({ItemField(n, "source"), "Where it comes from", "For example, GP record", false,
                      ErrorFor(errors, ItemField(n, "source"))},
                     value(ItemField(n, "source")), "govuk-!-width-two-thirds") +
           DateInput({ItemField(n, "date"), "When it happened or was learnt (optional)", "For example, 24 11 2026", false,
                      ErrorFor(errors, ItemField(n, "date"))},
                     value(ItemField(n, "date") + "-day"), value(ItemField(n, "date") + "-month"),
                     value(ItemField(n, "date") + "-year")) +
           Radios({ItemField(n, "accuracy"), "Is it fact or opinion?", "", false, ErrorFor(errors, ItemField(n, "accuracy"))},
                  OptionsOf<domain::Accuracy>(), value(ItemField(n, "accuracy"), "unverified")) +
           Checkboxes({ItemField(n, "sensitive"), "Is any of it sensitive?", "Select all that apply", false, ""},
                      SensitivityOptions(), form ? form->All(ItemField(n, "sensitive")) : std::vector<std::string>{});
  }
  // Asked on the one page (no script to reveal them), each with the usual
  // choice for safeguarding made, and recorded only for what is sensitive.
  out += "<h4 class=\"govuk-heading-s\">If any of it is sensitive</h4>";
  for (const auto& q : ConditionQuestions()) {
    if (!TypedAnswerAsks(q)) continue;
    out += Radios({q.name, q.question, "", false, ErrorFor(errors, q.name)}, OptionsOf(q), value(q.name, q.options.front().value));
  }
  out += Radios({"answer_risk", "Do you think the child is at risk of harm?", "", false, ErrorFor(errors, "answer_risk")},
                OptionsOf<g::Risk>(), value("answer_risk")) +
         Radios({"lawful_basis", "The lawful basis for sharing", "UK GDPR Article 6", false, ErrorFor(errors, "lawful_basis")},
                OptionsOf<g::LawfulBasis>(), value("lawful_basis")) +
         Radios({"told", "Have you told the child and family that you are sharing?", "", false, ErrorFor(errors, "told")},
                {{"yes", "Yes", "", false}, {"no", "No", "", false}}, value("told")) +
         DateInput({"told_on", "If you have, when did you tell them?", "For example, 24 11 2026", false, ErrorFor(errors, "told_on")},
                   value("told_on-day"), value("told_on-month"), value("told_on-year")) +
         TextInput({"told_by", "If you have, who told them?", "", false, ErrorFor(errors, "told_by")}, value("told_by"),
                   "govuk-!-width-one-half") +
         Textarea({"reason_not_told", "If you have not, why not?", "", false, ErrorFor(errors, "reason_not_told")},
                  value("reason_not_told"), 2) +
         Textarea({"answer_rationale", "Why are you sharing this?", "Golden rule 7: record your reasons", false,
                   ErrorFor(errors, "answer_rationale")},
                  value("answer_rationale"), 3) +
         Textarea({"answer_departure_reason", "If the advice is not to share, why share? (optional)", "", false,
                   ErrorFor(errors, "answer_departure_reason")},
                  value("answer_departure_reason"), 2) +
         Button("Send this answer") + "</form>";
  return out;
}

// A service error about a typed answer, by the form field it belongs to.
Errors TypedAnswerErrors(const Error& e) {
  const std::string& f = e.field;
  if (f.starts_with("items[")) {
    const auto close = f.find(']');
    const int n = std::atoi(f.c_str() + 6) + 1;
    const std::string part = close == std::string::npos ? "" : f.substr(close + 2);
    if (n >= 1 && n <= kItemsOnForm && (part == "text" || part == "source" || part == "date")) return {{ItemField(n, part), e.message}};
    return {{ItemField(1, "text"), e.message}};
  }
  if (f == "items") return {{ItemField(1, "text"), e.message}};
  if (f == "lawful_basis") return {{"lawful_basis", e.message}};
  if (f == "informing") return {{"told", e.message}};
  if (f == "informing.told_on") return {{"told_on", e.message}};
  if (f == "informing.told_by") return {{"told_by", e.message}};
  if (f == "informing.reason_not_told") return {{"reason_not_told", e.message}};
  if (f == "departure_reason") return {{"answer_departure_reason", e.message}};
  if (f == "child_id" || f.starts_with("child.")) return {{"answer_child", e.message}};
  for (const auto& q : ConditionQuestions())
    if (f == q.name && TypedAnswerAsks(q)) return {{f, e.message}};
  return {{"answer_rationale", e.message}};
}

// The condition for each kind of sensitive information the answer holds,
// in the legal words of the option chosen; none for what it does not hold.
void RecordConditions(const Form& f, service::TypedAnswer& a) {
  bool health = false, crime = false, confidence = false;
  for (const auto& i : a.items) {
    health = health || !i.special_category.empty();
    crime = crime || i.criminal_offence;
    confidence = confidence || i.confidential;
  }
  for (const auto& q : ConditionQuestions()) {
    const bool held = (q.record == g::Record::kSpecialCategoryCondition && health) ||
                      (q.record == g::Record::kCriminalOffenceCondition && crime) ||
                      (q.record == g::Record::kConfidentialityBasis && confidence);
    if (held) RecordCondition(q, LegalTextOf(q, f.Get(q.name)), a.record);
  }
}

Response RequestPage(Site& site, Visit& v, const Errors& errors, std::string_view open_form) {
  const std::string id(v.request.PathParam("id"));
  auto view = site.s.requests.GetInformationRequest(v.context, id);
  if (!view) return site.Failure(v, view.error());
  auto orgs = site.s.administration.ListOrganisations(v.context);
  if (!orgs) return site.Failure(v, orgs.error());
  const auto& r = view->request;
  const bool holder = r.holder_organisation_id == v.who.actor.organisation_id;
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">" +
                     Escape(holder ? "From " + OrgName(*orgs, r.requester_organisation_id) : "To " + OrgName(*orgs, r.holder_organisation_id)) +
                     "</span><h1 class=\"govuk-heading-l\">Information request</h1>";
  // "Not known" is an answer: the requester reads it first, not only as a status.
  if (!holder && r.status == domain::RequestStatus::kNotKnown)
    body += Inset(Escape(OrgName(*orgs, r.holder_organisation_id)) +
                  " answered that they do not know this child, or hold none of what you asked for.");
  std::vector<SummaryRow> rows = {{"Status", Escape(Label(r.status)), "", ""},
                                  {"Urgency", Escape(Label(r.urgency)), "", ""},
                                  {"Child", Escape(r.child_given_name + " " + r.child_family_name) +
                                                (r.child_date_of_birth.empty() ? "" : ", born " + Escape(DisplayIsoDate(r.child_date_of_birth))),
                                   "", ""}};
  if (!r.child_nhs_number.empty()) rows.push_back({"NHS number", Escape(r.child_nhs_number), "", ""});
  if (!r.child_other_details.empty()) rows.push_back({"Other details", Paragraphs(r.child_other_details), "", ""});
  if (!r.people.empty()) {
    std::string people = "<ul class=\"govuk-list\">";
    for (const auto& p : r.people)
      people += "<li>" + Escape(p.name) + ", " + Escape(p.relationship) + ": " + Escape(Label(p.parental_responsibility)) + "</li>";
    rows.push_back({"People around the child", people + "</ul>", "", ""});
  }
  rows.push_back({"What is needed", Paragraphs(r.needed), "", ""});
  rows.push_back({"Why", Paragraphs(r.reason), "", ""});
  if (!r.terminology.empty()) rows.push_back({"Terms", Paragraphs(r.terminology), "", ""});
  rows.push_back({"Sent", Escape(DisplayTime(r.created_at)), "", ""});
  body += SummaryList(rows);
  if (!view->messages.empty()) {
    body += "<h2 class=\"govuk-heading-m\">What has happened</h2>";
    for (const auto& m : view->messages)
      body += "<div class=\"jigsaw-item\"><p class=\"govuk-body\"><strong>" + Escape(Label(m.kind)) + "</strong> " +
              Escape(DisplayTime(m.created_at)) + "</p>" + Paragraphs(m.text) +
              (m.decision_id.empty() || !holder ? "" : "<p class=\"govuk-body-s\">" + Link("See the decision", "/decisions/" + m.decision_id) + "</p>") +
              "</div>";
  }
  const bool closed = domain::IsDecided(r.status);
  const std::string base = "/information-requests/" + id;
  if (holder && !closed && !view->answer_awaiting_approval.empty()) {
    body += "<h2 class=\"govuk-heading-m\">Respond</h2>" +
            Inset("An answer to this request is waiting for your designated safeguarding lead's approval. It is sent "
                  "when they approve it. " + Link("See the answer", "/decisions/" + view->answer_awaiting_approval));
  } else if (holder && !closed) {
    body += "<h2 class=\"govuk-heading-m\">Respond</h2><p class=\"govuk-body\">To answer, " + Link("find the child", "/concerns/new") +
            " in your records, record what you hold about them, and use <strong>Should I share?</strong>. Choose " +
            Escape(OrgName(*orgs, r.requester_organisation_id)) +
            ", then this request: your decision, to share or not, is their answer. Or answer here: say the child is "
            "not known to you, or type in what you know.</p>";
    body += FormStart(base + "/messages", v.csrf_token) + HiddenInput("kind", "clarification_requested") +
            Textarea({"text", "Ask what they mean", "If the request is unclear", false, open_form == "clarification_requested" ? ErrorFor(errors, "text") : ""},
                     "", 3) + Button("Ask them", true) + "</form>";
    body += FormStart(base + "/refuse", v.csrf_token) + "<h3 class=\"govuk-heading-s\">Refuse, with reasons</h3>" +
            Radios({"risk", "Do you think the child is at risk of harm?", "", false, ErrorFor(errors, "risk")}, OptionsOf<g::Risk>(), "") +
            Textarea({"rationale", "Why are you not sharing?", "Golden rule 7: be prepared to explain, and to reconsider if they tell you more",
                      false, ErrorFor(errors, "rationale")}, "", 4) +
            Textarea({"departure_reason", "If the advice is to share, why not? (optional)", "", false, ErrorFor(errors, "departure_reason")}, "", 3) +
            TextInput({"advice_from", "Whose advice did you ask? (optional)", "", false, ErrorFor(errors, "advice_from")}, "",
                      "govuk-!-width-two-thirds") +
            Button("Refuse the request", true) + "</form>";
    body += FormStart(base + "/not-known", v.csrf_token) + "<h3 class=\"govuk-heading-s\">Not known to us</h3>" +
            "<p class=\"govuk-body\">If you do not know this child, or hold none of what they ask for, tell them so.</p>" +
            Textarea({"note", "Anything they should know (optional)", "For example, which records you searched", false,
                      ErrorFor(errors, "note")}, "", 2) +
            Button("Not known to us", true) + "</form>";
    auto candidates = site.s.casework.ChildrenLike(v.context, r).value_or(std::vector<domain::Person>{});
    body += TypedAnswerForm(base, v, errors, open_form == "answer" ? &v.form : nullptr, candidates);
  }

  if (!holder) {
    std::string kind;
    if (r.status == domain::RequestStatus::kClarificationRequested) kind = "clarification";
    if (r.status == domain::RequestStatus::kRefused || r.status == domain::RequestStatus::kNotKnown) kind = "reconsideration_requested";
    if (!kind.empty())
      body += FormStart(base + "/messages", v.csrf_token) + HiddenInput("kind", kind) +
              Textarea({"text", kind == "clarification" ? "Explain what you meant" : "Ask them to reconsider",
                        kind == "clarification" ? "" : "Give them any new information that might change their decision", false,
                        ErrorFor(errors, "text")}, "", 4) +
              Button(kind == "clarification" ? "Send your explanation" : "Ask them to reconsider") + "</form>";
  }
  return site.Page(v, {.title = "Information request", .body_html = body, .back_href = "/information-requests",
                       .has_errors = !errors.empty(), .active_nav = "requests"});
}

// ---- Advice ------------------------------------------------------------------------

Response AdviceList(Site& site, Visit& v) {
  std::string body = "<h1 class=\"govuk-heading-l\">Advice</h1><p class=\"govuk-body\">Golden rule 4: seek advice promptly whenever "
                     "you are unsure.</p><p class=\"govuk-body\">" + ButtonLink("Ask for advice", "/advice/new") + "</p>";
  for (bool to_me : {true, false}) {
    auto list = site.s.requests.AdviceRequests(v.context, to_me);
    if (!list) return site.Failure(v, list.error());
    if (to_me && list->empty()) continue;
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : *list)
      rows.push_back({Link(to_me && a.answered_at == Time{} ? "Answer" : "View", "/advice/" + a.id, "the question of " + DisplayTime(a.created_at)),
                      Escape(Label(a.adviser)), Escape(DisplayTime(a.created_at)),
                      a.answered_at == Time{} ? Tag("Waiting", Colour::kGrey) : Tag("Answered", Colour::kGreen)});
    body += "<h2 class=\"govuk-heading-m\">" + std::string(to_me ? "Questions for you" : "Your questions") + "</h2>" +
            (rows.empty() ? std::string("<p class=\"govuk-body\">You have not asked for advice. Questions you ask appear "
                                        "here with their answers.</p>")
                          : Table("", {"", "Asked of", "Asked", "Status"}, rows));
  }
  return site.Page(v, {.title = "Advice", .body_html = body, .active_nav = "advice", .wide = true});
}

Response NewAdvice(Site& site, Visit& v, const std::string& adviser, const std::string& question, const Errors& errors) {
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Ask for advice</h1>" + FormStart("/advice/new", v.csrf_token) +
                     Radios({"adviser", "Who do you want to ask?", "Someone in your organisation", false, ErrorFor(errors, "adviser")},
                            OptionsOf<domain::AdviserRole>(), adviser) +
                     Textarea({"question", "What is your question?", "Give them enough to answer, and no more personal details than needed",
                               false, ErrorFor(errors, "question")}, question, 5) +
                     Button("Send your question") + "</form>";
  return site.Page(v, {.title = "Ask for advice", .body_html = body, .back_href = "/advice", .has_errors = !errors.empty(),
                       .active_nav = "advice"});
}

Response AdvicePage(Site& site, Visit& v, const Errors& errors) {
  const std::string id(v.request.PathParam("id"));
  auto a = site.s.requests.GetAdviceRequest(v.context, id);
  if (!a) return site.Failure(v, a.error());
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">" + Escape(Label(a->adviser)) +
                     "</span><h1 class=\"govuk-heading-l\">Question</h1>" +
                     SummaryList({{"Asked", Escape(DisplayTime(a->created_at)), "", ""},
                                  {"Question", Paragraphs(a->question), "", ""},
                                  {"Answer", a->answered_at == Time{} ? "Not answered yet" : Paragraphs(a->answer) + "<p class=\"govuk-body-s\">" +
                                                                                              Escape(DisplayTime(a->answered_at)) + "</p>", "", ""}});
  if (a->answered_at == Time{} && v.who.actor.roles.Has(service::RoleOf(a->adviser)))
    body += FormStart("/advice/" + id + "/answer", v.csrf_token) +
            Textarea({"answer", "Your answer", "", false, ErrorFor(errors, "answer")}, "", 5) + Button("Send your answer") + "</form>";
  return site.Page(v, {.title = "Question", .body_html = body, .back_href = "/advice", .has_errors = !errors.empty(), .active_nav = "advice"});
}

}  // namespace

void AddRequestPages(Site& site) {
  site.Get("/information-requests", [&site](Visit& v) { return RequestsList(site, v); });
  site.Get("/information-requests/new", [&site](Visit& v) { return NewRequest(site, v, Prefilled(site, v), {}); });
  site.Post("/information-requests/new", [&site](Visit& v) {
    const RequestForm f = RequestForm::From(v.form);
    Errors errors;
    if (f.holder.empty()) errors.push_back({"holder", "Select who you are asking"});
    if (f.given.empty()) errors.push_back({"given_name", "Enter the child's first name"});
    if (f.family.empty()) errors.push_back({"family_name", "Enter the child's last name"});
    if (f.dob == "?") errors.push_back({"date_of_birth", "Date of birth must be a real date, like 27 3 2015"});
    if (f.needed.empty()) errors.push_back({"needed", "Enter what information you need"});
    if (f.reason.empty()) errors.push_back({"reason", "Enter why you need it"});
    for (int n = 1; n <= kPeopleOnForm; ++n) {
      const auto& p = f.people[n - 1];
      if (p.name.empty() && !p.relationship.empty()) errors.push_back({PersonField(n, "name"), "Enter person " + std::to_string(n) + "'s full name"});
      if (!p.name.empty() && p.relationship.empty())
        errors.push_back({PersonField(n, "relationship"), "Enter how person " + std::to_string(n) + " is related to the child"});
    }
    if (!errors.empty()) return NewRequest(site, v, f, errors);
    domain::InformationRequest r;
    r.holder_organisation_id = f.holder;
    r.child_given_name = f.given;
    r.child_family_name = f.family;
    r.child_date_of_birth = f.dob;
    r.child_nhs_number = f.nhs;
    r.child_other_details = f.other;
    r.needed = f.needed;
    r.reason = f.reason;
    r.terminology = f.terminology;
    for (const auto& p : f.people)
      if (!p.name.empty())
        r.people.push_back({p.name, p.relationship,
                            ParseEnum<domain::ParentalResponsibility>(p.responsibility).value_or(domain::ParentalResponsibility::kNotKnown)});
    r.urgency = ParseEnum<domain::Urgency>(f.urgency).value_or(domain::Urgency::kRoutine);
    auto sent = site.s.requests.AskForInformation(v.context, r);
    if (!sent) {
      if (sent.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, sent.error());
      return NewRequest(site, v, f, RequestErrors(sent.error()));
    }
    return Redirect("/information-requests/" + sent->id);
  });
  site.Get("/information-requests/{id}", [&site](Visit& v) { return RequestPage(site, v, {}, ""); });
  site.Post("/information-requests/{id}/messages", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const std::string kind_name = v.form.Get("kind");
    auto kind = ParseEnum<domain::RequestMessageKind>(kind_name);
    if (!kind) return Redirect("/information-requests/" + id);
    if (v.form.Get("text").empty()) return RequestPage(site, v, {{"text", "Enter your message"}}, kind_name);
    auto added = site.s.requests.AddMessage(v.context, id, *kind, v.form.Get("text"));
    if (!added) {
      if (added.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, added.error());
      return RequestPage(site, v, {{"text", added.error().message}}, kind_name);
    }
    return Redirect("/information-requests/" + id);
  });
  site.Post("/information-requests/{id}/refuse", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    Errors errors;
    auto risk = ParseEnum<g::Risk>(v.form.Get("risk"));
    if (!risk) errors.push_back({"risk", "Select whether you think the child is at risk"});
    if (v.form.Get("rationale").empty()) errors.push_back({"rationale", "Enter why you are not sharing"});
    if (!errors.empty()) return RequestPage(site, v, errors, "refuse");
    service::NewDecision n;
    n.information_request_id = id;
    n.outcome = domain::DecisionOutcome::kNotShare;
    service::Circumstances c;
    c.risk = *risk;
    n.circumstances = c;
    n.record.rationale = v.form.Get("rationale");
    n.record.departure_reason = v.form.Get("departure_reason");
    if (!v.form.Get("advice_from").empty()) n.record.advice_sought = domain::AdviceSought{v.form.Get("advice_from"), ""};
    auto decided = site.s.sharing.Decide(v.context, n);
    if (!decided) {
      if (decided.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, decided.error());
      std::string field = decided.error().field == "advice_sought.from" ? "advice_from" : decided.error().field;
      if (field != "departure_reason" && field != "advice_from" && field != "rationale") field = "rationale";
      return RequestPage(site, v, {{field, decided.error().message}}, "refuse");
    }
    return Redirect("/information-requests/" + id);
  });

  site.Post("/information-requests/{id}/not-known", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto answered = site.s.requests.AnswerNotKnown(v.context, id, v.form.Get("note"));
    if (!answered) {
      if (answered.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, answered.error());
      return RequestPage(site, v, {{"note", answered.error().message}}, "not_known");
    }
    return Redirect("/information-requests/" + id);
  });
  site.Post("/information-requests/{id}/answer", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const Form& f = v.form;
    Errors errors;
    service::TypedAnswer a;
    a.information_request_id = id;
    for (int n = 1; n <= kItemsOnForm; ++n) {
      const std::string text = f.Get(ItemField(n, "text")), source = f.Get(ItemField(n, "source"));
      const std::string date = IsoDate(f, ItemField(n, "date"));
      if (text.empty() && source.empty() && date.empty()) continue;
      if (text.empty()) errors.push_back({ItemField(n, "text"), "Enter what you know for information " + std::to_string(n)});
      if (source.empty()) errors.push_back({ItemField(n, "source"), "Enter where information " + std::to_string(n) + " comes from"});
      if (date == "?") errors.push_back({ItemField(n, "date"), "The date must be a real date, like 24 11 2026"});
      service::NewItem item;
      item.text = text;
      item.source = source;
      item.date = date == "?" ? "" : date;
      item.accuracy = ParseEnum<domain::Accuracy>(f.Get(ItemField(n, "accuracy"))).value_or(domain::Accuracy::kUnverified);
      ApplySensitivity(f.All(ItemField(n, "sensitive")), item);
      a.items.push_back(std::move(item));
    }
    const std::string child = f.Get("answer_child");
    if (child.empty()) errors.push_back({"answer_child", "Select the child in your records, or record them from the request"});
    else if (child != kNewChild) a.child_id = child;
    if (a.items.empty()) errors.push_back({ItemField(1, "text"), "Enter what you know"});
    auto risk = ParseEnum<g::Risk>(f.Get("answer_risk"));
    if (!risk) errors.push_back({"answer_risk", "Select whether you think the child is at risk"});
    if (f.Get("lawful_basis").empty()) errors.push_back({"lawful_basis", "Select the lawful basis for sharing"});
    const std::string told = f.Get("told"), told_on = IsoDate(f, "told_on");
    if (told != "yes" && told != "no") errors.push_back({"told", "Select whether you have told the child and family"});
    if (told == "yes" && told_on.empty()) errors.push_back({"told_on", "Enter the date you told them"});
    if (told_on == "?") errors.push_back({"told_on", "The date you told them must be a real date, like 24 11 2026"});
    if (f.Get("answer_rationale").empty()) errors.push_back({"answer_rationale", "Enter why you are sharing this"});
    if (!errors.empty()) return RequestPage(site, v, errors, "answer");
    a.circumstances.risk = *risk;
    a.record.rationale = f.Get("answer_rationale");
    a.record.departure_reason = f.Get("answer_departure_reason");
    a.record.lawful_basis = f.Get("lawful_basis");
    domain::Informing informing;
    informing.told = told == "yes";
    informing.told_on = told == "yes" ? told_on : "";
    informing.told_by = told == "yes" ? f.Get("told_by") : "";
    informing.reason_not_told = told == "yes" ? "" : f.Get("reason_not_told");
    a.record.informing = informing;
    RecordConditions(f, a);
    auto answered = site.s.sharing.AnswerWithItems(v.context, a);
    if (!answered) {
      if (answered.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, answered.error());
      return RequestPage(site, v, TypedAnswerErrors(answered.error()), "answer");
    }
    return Redirect("/information-requests/" + id);
  });

  site.Get("/advice", [&site](Visit& v) { return AdviceList(site, v); });
  site.Get("/advice/new", [&site](Visit& v) { return NewAdvice(site, v, "", "", {}); });
  site.Post("/advice/new", [&site](Visit& v) {
    const std::string adviser = v.form.Get("adviser"), question = v.form.Get("question");
    Errors errors;
    auto role = ParseEnum<domain::AdviserRole>(adviser);
    if (!role) errors.push_back({"adviser", "Select who you want to ask"});
    if (question.empty()) errors.push_back({"question", "Enter your question"});
    if (!errors.empty()) return NewAdvice(site, v, adviser, question, errors);
    domain::AdviceRequest a;
    a.adviser = *role;
    a.question = question;
    auto asked = site.s.requests.AskForAdvice(v.context, a);
    if (!asked) {
      if (asked.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, asked.error());
      // A role nobody holds is the adviser's problem; anything else the question's.
      const std::string field = asked.error().field == "adviser" ? "adviser" : "question";
      return NewAdvice(site, v, adviser, question, {{field, asked.error().message}});
    }
    return Redirect("/advice/" + asked->id);
  });
  site.Get("/advice/{id}", [&site](Visit& v) { return AdvicePage(site, v, {}); });
  site.Post("/advice/{id}/answer", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    if (v.form.Get("answer").empty()) return AdvicePage(site, v, {{"answer", "Enter your answer"}});
    auto answered = site.s.requests.Answer(v.context, id, v.form.Get("answer"));
    if (!answered) {
      if (answered.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, answered.error());
      return AdvicePage(site, v, {{"answer", answered.error().message}});
    }
    return Redirect("/advice/" + id);
  });
}

}  // namespace jigsaw::http::web
