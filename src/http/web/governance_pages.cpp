#include "http/web/governance_pages.h"

#include <memory>
#include <sstream>

#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using domain::AgreementState;
using domain::DpiaState;
// labels.h's, beside this file's own for the registers' vocabulary.
using web::Label;

std::string_view Label(domain::Article9Condition c) {
  switch (c) {
    case domain::Article9Condition::kExplicitConsent: return "Article 9(2)(a): explicit consent";
    case domain::Article9Condition::kEmploymentSocialSecurity: return "Article 9(2)(b): employment, social security and social protection";
    case domain::Article9Condition::kVitalInterests: return "Article 9(2)(c): vital interests";
    case domain::Article9Condition::kNotForProfitBody: return "Article 9(2)(d): not-for-profit bodies";
    case domain::Article9Condition::kMadePublic: return "Article 9(2)(e): made public by the person";
    case domain::Article9Condition::kLegalClaims: return "Article 9(2)(f): legal claims or courts";
    case domain::Article9Condition::kSubstantialPublicInterest:
      return "Article 9(2)(g): substantial public interest (DPA 2018 Schedule 1, paragraph 18: safeguarding)";
    case domain::Article9Condition::kHealthOrSocialCare: return "Article 9(2)(h): health or social care";
    case domain::Article9Condition::kPublicHealth: return "Article 9(2)(i): public health";
    case domain::Article9Condition::kArchivingResearch: return "Article 9(2)(j): archiving, research and statistics";
  }
  return "";
}

std::string_view Label(domain::PersonKind k) {
  switch (k) {
    case domain::PersonKind::kChild: return "Children";
    case domain::PersonKind::kParent: return "Parents";
    case domain::PersonKind::kCarer: return "Carers";
    case domain::PersonKind::kSibling: return "Siblings";
    case domain::PersonKind::kAssociatedAdult: return "Associated adults";
    case domain::PersonKind::kThirdParty: return "Third parties";
  }
  return "";
}

std::string_view Label(domain::Likelihood l) {
  switch (l) {
    case domain::Likelihood::kRemote: return "Remote";
    case domain::Likelihood::kPossible: return "Possible";
    case domain::Likelihood::kProbable: return "Probable";
  }
  return "";
}

std::string_view Label(domain::Severity s) {
  switch (s) {
    case domain::Severity::kMinimal: return "Minimal";
    case domain::Severity::kSignificant: return "Significant";
    case domain::Severity::kSevere: return "Severe";
  }
  return "";
}

std::string_view Label(domain::RiskLevel r) {
  switch (r) {
    case domain::RiskLevel::kLow: return "Low";
    case domain::RiskLevel::kMedium: return "Medium";
    case domain::RiskLevel::kHigh: return "High";
  }
  return "";
}

std::string StateTag(AgreementState s) {
  switch (s) {
    case AgreementState::kDraft: return Tag("Draft", Colour::kGrey);
    case AgreementState::kAwaitingSignature: return Tag("Awaiting signature", Colour::kYellow);
    case AgreementState::kNotYetStarted: return Tag("Signed: not yet started", Colour::kBlue);
    case AgreementState::kActive: return Tag("Active", Colour::kGreen);
    case AgreementState::kExpired: return Tag("Expired", Colour::kRed);
    case AgreementState::kWithdrawn: return Tag("Withdrawn", Colour::kRed);
  }
  return "";
}

std::string StateTag(DpiaState s) {
  switch (s) {
    case DpiaState::kDraft: return Tag("Waiting for the DPO's advice", Colour::kGrey);
    case DpiaState::kAwaitingSignOff: return Tag("Waiting for sign-off", Colour::kYellow);
    case DpiaState::kApproved: return Tag("Approved", Colour::kGreen);
  }
  return "";
}

// Every option of an enum, labelled by this file's or labels.h's Label.
template <typename E>
std::vector<Option> AllOptions() {
  std::vector<Option> out;
  for (const auto& [value, name] : EnumNames<E>::kNames) out.push_back({std::string(name), std::string(Label(value)), "", false});
  return out;
}

template <typename E>
std::string Listed(const std::vector<E>& values) {
  if (values.empty()) return "None";
  std::string out = "<ul class=\"govuk-list\">";
  for (E v : values) out += "<li>" + Escape(Label(v)) + "</li>";
  return out + "</ul>";
}

std::string ListedText(const std::vector<std::string>& values) {
  std::string out = "<ul class=\"govuk-list\">";
  for (const auto& v : values) out += "<li>" + Escape(v) + "</li>";
  return out + "</ul>";
}

template <typename E>
std::vector<E> Chosen(const Form& f, std::string_view name) {
  std::vector<E> out;
  for (const auto& v : f.All(name))
    if (auto e = ParseEnum<E>(v)) out.push_back(*e);
  return out;
}

template <typename E>
std::vector<std::string> Names(const std::vector<E>& values) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(ToString(v));
  return out;
}

std::string ReviewHint(bool due) {
  return due ? " " + Tag("Review due", Colour::kOrange) : std::string();
}

bool Signatory(const Visit& v) {
  return v.who.actor.roles.Has(domain::Role::kSeniorLeader) || v.who.actor.roles.Has(domain::Role::kDataProtectionOfficer);
}

Result<std::vector<Option>> OrganisationOptions(Site& site, Visit& v) {
  std::vector<Option> out;
  for (const auto& o : JIGSAW_TRY(site.s.administration.ListOrganisations(v.context)))
    if (o.id != v.who.actor.organisation_id) out.push_back({o.id, o.name, "", false});
  return out;
}

std::string RegisterNav(std::string_view here) {
  return "<p class=\"govuk-body\">" +
         (here == "agreements" ? std::string("Data sharing agreements") : Link("Data sharing agreements", "/agreements")) +
         " | " + (here == "dpias" ? std::string("Data protection impact assessments") : Link("Data protection impact assessments", "/dpias")) +
         "</p>";
}

std::string NameIn(const std::map<std::string, std::string>& names, const std::string& id) {
  const auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

// The reviews kept on an agreement or DPIA, latest first.
std::string ReviewsHtml(const std::vector<domain::GovernanceReview>& reviews, const std::map<std::string, std::string>& names) {
  if (reviews.empty()) return {};
  std::string out = "<h2 class=\"govuk-heading-m\">Reviews</h2>";
  for (auto r = reviews.rbegin(); r != reviews.rend(); ++r)
    out += "<p class=\"govuk-body\"><strong>" + Escape(DisplayTime(r->reviewed_at)) + "</strong>, by " +
           Escape(NameIn(names, r->reviewed_by)) + ". Next review moved from " + Escape(DisplayIsoDate(r->previous_review_on)) +
           " to " + Escape(DisplayIsoDate(r->next_review_on)) + ".</p>" + Paragraphs(r->note);
  return out;
}

// The page to record a review of an agreement or DPIA: what was found and
// the next review date.
Response ReviewPage(Site& site, Visit& v, std::string_view kind_title, const std::string& title, const std::string& back,
                    const std::string& review_on, const Errors& errors = {}, int status = 200) {
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">" + Escape(title) +
                     "</span><h1 class=\"govuk-heading-l\">Record a review of the " + Escape(kind_title) + "</h1>";
  body += "<p class=\"govuk-body\">The review is due on " + Escape(DisplayIsoDate(review_on)) +
          ". Check that it still describes the sharing, that the lawful bases still apply and that its measures are "
          "working. Recording the review sets the next review date and clears the reminder.</p>";
  std::string d, m, y;
  if (!v.form.Get("next_review_on-year").empty()) {
    d = v.form.Get("next_review_on-day");
    m = v.form.Get("next_review_on-month");
    y = v.form.Get("next_review_on-year");
  }
  body += FormStart(back + "/review", v.csrf_token);
  body += Textarea({"note", "What did the review find?", "For example, what changed and what was updated", false,
                    ErrorFor(errors, "note")}, v.form.Get("note"), 4);
  body += DateInput({"next_review_on", "Date of the next review", "For example, 1 9 2027", false,
                     ErrorFor(errors, "next_review_on")}, d, m, y);
  body += Button("Record the review") + "</form>";
  return site.Page(v, {.title = "Record a review", .body_html = body, .back_href = back, .has_errors = !errors.empty(),
                       .active_nav = "governance"}, status);
}

service::ReviewNote ReviewOf(const Form& f) {
  return {IsoDate(f.Get("next_review_on-day"), f.Get("next_review_on-month"), f.Get("next_review_on-year")),
          f.Get("note")};
}

// ---- Agreements ------------------------------------------------------------------

Response AgreementsPage(service::Governance& g, Site& site, Visit& v) {
  auto list = g.Agreements(v.context);
  if (!list) return site.Failure(v, list.error());
  std::string body = "<h1 class=\"govuk-heading-xl\">Data sharing agreements</h1>" + RegisterNav("agreements");
  body += "<p class=\"govuk-body\">The agreements your organisation is party to. An agreement is active once every party's "
          "senior leader or data protection officer has signed it, until its end date. Every share is checked against "
          "the active ones. Agreements show as due for review in the 30 days before their review date.</p>";
  if (Signatory(v)) body += "<p class=\"govuk-body\">" + ButtonLink("Record an agreement", "/agreements/new") + "</p>";
  if (list->empty()) {
    body += "<p class=\"govuk-body\">No agreements have been recorded.</p>";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : *list) {
      std::string parties;
      for (const auto& id : a.agreement.party_organisation_ids)
        if (auto it = a.organisation_names.find(id); it != a.organisation_names.end())
          parties += (parties.empty() ? "" : ", ") + it->second;
      rows.push_back({Link(a.agreement.title, "/agreements/" + a.agreement.id), Escape(parties),
                      StateTag(a.state), Escape(DisplayIsoDate(a.agreement.review_on)) + ReviewHint(a.review_due)});
    }
    body += Table("Agreements", {"Title", "Parties", "State", "Review date"}, rows);
  }
  return site.Page(v, {.title = "Data sharing agreements", .body_html = body, .back_href = "/", .active_nav = "governance",
                       .wide = true});
}

struct AgreementForm {
  std::string title;
  std::vector<std::string> parties, purposes, people, bases, conditions;
  std::string data_categories, frequency;
  std::string start_d, start_m, start_y, review_d, review_m, review_y, end_d, end_m, end_y;
  std::string document_reference;
};

AgreementForm AgreementFormOf(const Form& f) {
  return {f.Get("title"),        f.All("party_organisation_ids"),
          f.All("purposes"),     f.All("people_categories"),
          f.All("lawful_bases"), f.All("article9_conditions"),
          f.Get("data_categories"), f.Get("frequency"),
          f.Get("start_on-day"), f.Get("start_on-month"), f.Get("start_on-year"),
          f.Get("review_on-day"), f.Get("review_on-month"), f.Get("review_on-year"),
          f.Get("end_on-day"),   f.Get("end_on-month"),   f.Get("end_on-year"),
          f.Get("document_reference")};
}

// A service error's field as the form names it ("data_categories[1]" -> "data_categories").
std::string FormFieldOf(const std::string& field) {
  const auto bracket = field.find('[');
  return bracket == std::string::npos ? field : field.substr(0, bracket);
}

// "YYYY-MM-DD" as the date input's three fields ("2026-09-01" -> 1, 9, 2026).
void SplitIso(const std::string& iso, std::string& day, std::string& month, std::string& year) {
  if (iso.size() != 10) return;
  year = iso.substr(0, 4);
  month = std::to_string(std::stoi(iso.substr(5, 2)));
  day = std::to_string(std::stoi(iso.substr(8, 2)));
}

// The form filled in with a draft agreement, to change it.
AgreementForm AgreementFormOf(const domain::Agreement& a) {
  AgreementForm in;
  in.title = a.title;
  in.parties = a.party_organisation_ids;
  in.purposes = Names(a.purposes);
  in.people = Names(a.people_categories);
  in.bases = Names(a.lawful_bases);
  in.conditions = Names(a.article9_conditions);
  for (const auto& c : a.data_categories) in.data_categories += (in.data_categories.empty() ? "" : "\n") + c;
  in.frequency = std::string(ToString(a.frequency));
  SplitIso(a.start_on, in.start_d, in.start_m, in.start_y);
  SplitIso(a.review_on, in.review_d, in.review_m, in.review_y);
  SplitIso(a.end_on, in.end_d, in.end_m, in.end_y);
  in.document_reference = a.document_reference;
  return in;
}

// Where the agreement form posts: a new one, or a draft being changed.
struct FormTarget {
  std::string action = "/agreements/new";
  std::string heading = "Record a data sharing agreement";
  std::string button = "Record the agreement";
  std::string back = "/agreements";
};

FormTarget EditTarget(std::string_view kind, const std::string& id, std::string heading) {
  const std::string base = "/" + std::string(kind) + "/" + id;
  return {base + "/edit", std::move(heading), "Save the changes", base};
}

Response AgreementFormPage(Site& site, Visit& v, const AgreementForm& in, const Errors& errors, int status = 200,
                           const FormTarget& target = {}) {
  auto organisations = OrganisationOptions(site, v);
  if (!organisations) return site.Failure(v, organisations.error());
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">" + Escape(target.heading) + "</h1>";
  body += "<p class=\"govuk-body\">Your organisation is a party. Once recorded, each party's senior leader or data "
          "protection officer signs it in Jigsaw; it is active when all have, from its start date. It can be changed "
          "until the first party signs.</p>";
  body += FormStart(target.action, v.csrf_token);
  body += TextInput({"title", "Title", "For example, Brackenford schools and children's services information sharing agreement",
                     false, ErrorFor(errors, "title")}, in.title);
  body += Checkboxes({"party_organisation_ids", "The other parties", "Select every organisation that is party to it", false,
                      ErrorFor(errors, "party_organisation_ids")}, *organisations, in.parties);
  body += Checkboxes({"purposes", "Purposes of the sharing", "", false, ErrorFor(errors, "purposes")},
                     AllOptions<domain::SharingPurpose>(), in.purposes);
  body += Textarea({"data_categories", "Categories of data shared", "One per line. For example, attendance; health needs",
                    false, ErrorFor(errors, "data_categories")}, in.data_categories, 4);
  body += Checkboxes({"people_categories", "Whose data is shared", "", false, ErrorFor(errors, "people_categories")},
                     AllOptions<domain::PersonKind>(), in.people);
  body += Checkboxes({"lawful_bases", "Lawful bases relied on", "UK GDPR Article 6", false, ErrorFor(errors, "lawful_bases")},
                     AllOptions<domain::LawfulBasis>(), in.bases);
  body += Checkboxes({"article9_conditions", "Conditions for special category data relied on",
                      "UK GDPR Article 9. Leave empty if no special category data is shared.", false,
                      ErrorFor(errors, "article9_conditions")}, AllOptions<domain::Article9Condition>(), in.conditions);
  body += Radios({"frequency", "Is the sharing one-off or regular?", "", false, ErrorFor(errors, "frequency")},
                 {{"regular", "Regular", "", false}, {"one_off", "One-off", "", false}}, in.frequency);
  body += DateInput({"start_on", "Start date", "For example, 1 9 2026", false, ErrorFor(errors, "start_on")},
                    in.start_d, in.start_m, in.start_y);
  body += DateInput({"review_on", "Review date", "For example, 1 9 2027", false, ErrorFor(errors, "review_on")},
                    in.review_d, in.review_m, in.review_y);
  body += DateInput({"end_on", "End date (optional)", "Leave empty if it runs until withdrawn", false,
                     ErrorFor(errors, "end_on")}, in.end_d, in.end_m, in.end_y);
  body += TextInput({"document_reference", "Document reference", "Where the signed agreement is kept", false,
                     ErrorFor(errors, "document_reference")}, in.document_reference);
  body += Button(target.button) + "</form>";
  return site.Page(v, {.title = target.heading, .body_html = body, .back_href = target.back,
                       .has_errors = !errors.empty(), .active_nav = "governance"}, status);
}

std::vector<std::string> ListLines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (domain::HasWords(line)) out.push_back(line);
  }
  return out;
}

// Records a new agreement from the form, or (with `id`) changes that draft.
Response AgreementPost(service::Governance& g, Site& site, Visit& v, const std::string& id = {}) {
  const FormTarget target = id.empty() ? FormTarget{} : EditTarget("agreements", id, "Change the draft agreement");
  const AgreementForm in = AgreementFormOf(v.form);
  domain::Agreement a;
  a.title = in.title;
  a.party_organisation_ids = {v.who.actor.organisation_id};
  for (const auto& id : in.parties)
    if (id != v.who.actor.organisation_id) a.party_organisation_ids.push_back(id);
  a.purposes = Chosen<domain::SharingPurpose>(v.form, "purposes");
  a.data_categories = ListLines(in.data_categories);
  a.people_categories = Chosen<domain::PersonKind>(v.form, "people_categories");
  a.lawful_bases = Chosen<domain::LawfulBasis>(v.form, "lawful_bases");
  a.article9_conditions = Chosen<domain::Article9Condition>(v.form, "article9_conditions");
  a.start_on = IsoDate(in.start_d, in.start_m, in.start_y);
  a.review_on = IsoDate(in.review_d, in.review_m, in.review_y);
  a.end_on = IsoDate(in.end_d, in.end_m, in.end_y);
  a.document_reference = in.document_reference;
  // Every problem at once, in the order of the form (GOV.UK error summary).
  Errors errors;
  const auto frequency = ParseEnum<domain::SharingFrequency>(in.frequency);
  if (!frequency) errors.push_back({"frequency", "Select whether the sharing is one-off or regular"});
  else a.frequency = *frequency;
  a.owner_organisation_id = v.who.actor.organisation_id;
  for (const auto& e : domain::Problems(a)) {
    const std::string field = FormFieldOf(e.field);
    if (ErrorFor(errors, field).empty()) errors.push_back({field, e.message});
  }
  if (!errors.empty()) return AgreementFormPage(site, v, in, errors, 400, target);
  auto done = id.empty() ? g.RecordAgreement(v.context, a) : g.EditAgreement(v.context, id, a);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    return AgreementFormPage(site, v, in, {{FormFieldOf(done.error().field), done.error().message}}, 400, target);
  }
  return Redirect("/agreements/" + done->agreement.id + (id.empty() ? "?recorded=1" : "?changed=1"));
}

Response AgreementPage(service::Governance& g, Site& site, Visit& v, const Errors& errors = {}, int status = 200) {
  auto got = g.GetAgreement(v.context, std::string(v.request.PathParam("id")));
  if (!got) return site.Failure(v, got.error());
  const auto& a = got->agreement;
  std::string body = ErrorSummary(errors);
  if (v.request.QueryParam("recorded"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Agreement recorded: each party now signs it</p>", true);
  if (v.request.QueryParam("signed"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">You signed the agreement</p>", true);
  if (v.request.QueryParam("changed"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Draft agreement changed</p>", true);
  if (v.request.QueryParam("reviewed"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Review recorded: the next review is on " +
                                              Escape(DisplayIsoDate(a.review_on)) + "</p>", true);
  if (v.request.QueryParam("withdrawn"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Agreement withdrawn: it no longer covers any sharing</p>", true);
  body += "<span class=\"govuk-caption-l\">Data sharing agreement</span><h1 class=\"govuk-heading-l\">" + Escape(a.title) + "</h1>";
  body += "<p class=\"govuk-body\">" + StateTag(got->state) + ReviewHint(got->review_due) + "</p>";
  std::string parties = "<ul class=\"govuk-list\">";
  for (const auto& id : a.party_organisation_ids) {
    const auto name = got->organisation_names.count(id) ? got->organisation_names.at(id) : id;
    std::string signed_by = "not yet signed";
    for (const auto& s : a.signatures)
      if (s.organisation_id == id)
        signed_by = "signed by " + (got->signer_names.count(s.practitioner_id) ? got->signer_names.at(s.practitioner_id) : "") +
                    " (" + std::string(s.signed_as == domain::Role::kSeniorLeader ? "senior leader" : "data protection officer") +
                    ") on " + DisplayTime(s.signed_at);
    parties += "<li>" + Escape(name) + ": " + Escape(signed_by) + "</li>";
  }
  parties += "</ul>";
  std::vector<SummaryRow> rows = {
      {"Parties and signatures", parties, "", ""},
      {"Purposes", Listed(a.purposes), "", ""},
      {"Categories of data", ListedText(a.data_categories), "", ""},
      {"Whose data", Listed(a.people_categories), "", ""},
      {"Lawful bases (Article 6)", Listed(a.lawful_bases), "", ""},
      {"Special category conditions (Article 9)", Listed(a.article9_conditions), "", ""},
      {"One-off or regular", a.frequency == domain::SharingFrequency::kRegular ? "Regular" : "One-off", "", ""},
      {"Start date", Escape(DisplayIsoDate(a.start_on)), "", ""},
      {"Review date", Escape(DisplayIsoDate(a.review_on)), "", ""},
      {"End date", a.end_on.empty() ? std::string("None: until withdrawn") : Escape(DisplayIsoDate(a.end_on)), "", ""},
      {"Document reference", Escape(a.document_reference), "", ""}};
  if (!a.withdrawn_by.empty())
    rows.push_back({"Withdrawn", Escape((got->signer_names.count(a.withdrawn_by) ? got->signer_names.at(a.withdrawn_by) : "") +
                                        " on " + DisplayTime(a.withdrawn_at) + ": ") + Paragraphs(a.withdrawal_reason), "", ""});
  body += SummaryList(rows);
  const std::string base = "/agreements/" + a.id;
  if (got->may_sign)
    body += "<h2 class=\"govuk-heading-m\">Sign for your organisation</h2><p class=\"govuk-body\">By signing you confirm "
            "that your organisation agrees to share as this agreement sets out.</p>" +
            FormStart(base + "/sign", v.csrf_token) + Button("Sign the agreement") + "</form>";
  body += ReviewsHtml(a.reviews, got->signer_names);
  std::string actions;
  if (got->may_edit) actions += "<li>" + Link("Change the draft", base + "/edit") + "</li>";
  if (got->may_review) actions += "<li>" + Link("Record a review", base + "/review") + "</li>";
  if (got->may_withdraw) actions += "<li>" + Link("Withdraw the agreement", base + "/withdraw") + "</li>";
  if (!actions.empty())
    body += "<h2 class=\"govuk-heading-m\">Manage the agreement</h2><ul class=\"govuk-list\">" + actions + "</ul>";
  return site.Page(v, {.title = "Data sharing agreement", .body_html = body, .back_href = "/agreements",
                       .has_errors = !errors.empty(), .active_nav = "governance"}, status);
}

// Withdrawing: its own page, so that the consequence is read before the
// button (GOV.UK: a destructive action is confirmed).
Response WithdrawPage(service::Governance& g, Site& site, Visit& v, const Errors& errors = {}, int status = 200) {
  auto got = g.GetAgreement(v.context, std::string(v.request.PathParam("id")));
  if (!got) return site.Failure(v, got.error());
  const std::string base = "/agreements/" + got->agreement.id;
  if (!got->may_withdraw)
    return site.Failure(v, Error{ErrorCode::kPermissionDenied,
                                 "Only a party's senior leader or data protection officer can withdraw it, once."});
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">" + Escape(got->agreement.title) +
                     "</span><h1 class=\"govuk-heading-l\">Withdraw the agreement</h1>";
  body += Warning("Once withdrawn, the agreement covers no sharing between any of its parties, for every party. "
                  "It cannot be undone: record a new agreement to share under one again.");
  body += FormStart(base + "/withdraw", v.csrf_token) +
          Textarea({"reason", "Why is it withdrawn?", "Every party sees the reason, with your name and the date.", false,
                    ErrorFor(errors, "reason")}, v.form.Get("reason"), 4) +
          "<div class=\"govuk-button-group\">" + Button("Withdraw the agreement") + Link("Cancel", base) + "</div></form>";
  return site.Page(v, {.title = "Withdraw the agreement", .body_html = body, .back_href = base,
                       .has_errors = !errors.empty(), .active_nav = "governance"}, status);
}

Response AgreementReviewPage(service::Governance& g, Site& site, Visit& v, const Errors& errors = {}, int status = 200) {
  auto got = g.GetAgreement(v.context, std::string(v.request.PathParam("id")));
  if (!got) return site.Failure(v, got.error());
  if (!got->may_review)
    return site.Failure(v, Error{ErrorCode::kPermissionDenied,
                                 "Only a party's senior leader or data protection officer reviews it, while it is in force."});
  return ReviewPage(site, v, "agreement", got->agreement.title, "/agreements/" + got->agreement.id,
                    got->agreement.review_on, errors, status);
}

// ---- DPIAs -----------------------------------------------------------------------

Response DpiasPage(service::Governance& g, Site& site, Visit& v) {
  auto list = g.Dpias(v.context);
  if (!list) return site.Failure(v, list.error());
  std::string body = "<h1 class=\"govuk-heading-xl\">Data protection impact assessments</h1>" + RegisterNav("dpias");
  body += "<p class=\"govuk-body\">A DPIA must be approved before any regular sharing. A DPIA is approved once the data "
          "protection officer has advised on it and a senior leader has signed it off. DPIAs show as due for review in "
          "the 30 days before their review date.</p>";
  if (Signatory(v)) body += "<p class=\"govuk-body\">" + ButtonLink("Record a DPIA", "/dpias/new") + "</p>";
  if (list->empty()) {
    body += "<p class=\"govuk-body\">No DPIAs have been recorded.</p>";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : *list)
      rows.push_back({Link(d.dpia.title, "/dpias/" + d.dpia.id), StateTag(d.state), Escape(Label(d.residual)),
                      Escape(DisplayIsoDate(d.dpia.review_on)) + ReviewHint(d.review_due)});
    body += Table("DPIAs", {"Title", "State", "Residual risk", "Review date"}, rows);
  }
  return site.Page(v, {.title = "Data protection impact assessments", .body_html = body, .back_href = "/",
                       .active_nav = "governance", .wide = true});
}

constexpr int kRiskRows = 3;  // a form without JavaScript offers a fixed number

struct DpiaForm {
  std::string title, processing, consultation, necessity, review_d, review_m, review_y;
  std::vector<std::string> organisations, purposes;
  std::string risk[kRiskRows], likelihood[kRiskRows], severity[kRiskRows], measures[kRiskRows], residual[kRiskRows];
};

std::string RiskName(int i, std::string_view part) { return "risk" + std::to_string(i) + "_" + std::string(part); }

DpiaForm DpiaFormOf(const Form& f) {
  DpiaForm in{f.Get("title"), f.Get("processing"), f.Get("consultation"), f.Get("necessity"),
              f.Get("review_on-day"), f.Get("review_on-month"), f.Get("review_on-year"),
              f.All("organisation_ids"), f.All("purposes"), {}, {}, {}, {}, {}};
  for (int i = 0; i < kRiskRows; ++i) {
    in.risk[i] = f.Get(RiskName(i, "description"));
    in.likelihood[i] = f.Get(RiskName(i, "likelihood"));
    in.severity[i] = f.Get(RiskName(i, "severity"));
    in.measures[i] = f.Get(RiskName(i, "measures"));
    in.residual[i] = f.Get(RiskName(i, "residual"));
  }
  return in;
}

// "risks[1].measures" -> "risk1_measures"
std::string DpiaFormField(const std::string& field) {
  if (field.starts_with("risks[")) {
    const auto close = field.find(']');
    const std::string index = field.substr(6, close - 6);
    const std::string part = close + 2 <= field.size() ? field.substr(close + 2) : "description";
    return "risk" + index + "_" + part;
  }
  return FormFieldOf(field);
}

// The form filled in with a draft DPIA, to change it.
DpiaForm DpiaFormOf(const domain::Dpia& d) {
  DpiaForm in;
  in.title = d.title;
  in.processing = d.processing;
  in.consultation = d.consultation;
  in.necessity = d.necessity;
  SplitIso(d.review_on, in.review_d, in.review_m, in.review_y);
  in.organisations = d.organisation_ids;
  in.purposes = Names(d.purposes);
  for (int i = 0; i < kRiskRows && i < static_cast<int>(d.risks.size()); ++i) {
    in.risk[i] = d.risks[i].description;
    in.likelihood[i] = std::string(ToString(d.risks[i].likelihood));
    in.severity[i] = std::string(ToString(d.risks[i].severity));
    in.measures[i] = d.risks[i].measures;
    in.residual[i] = std::string(ToString(d.risks[i].residual));
  }
  return in;
}

Response DpiaFormPage(Site& site, Visit& v, const DpiaForm& in, const Errors& errors, int status = 200,
                      FormTarget target = {"/dpias/new", "Record a data protection impact assessment", "Record the DPIA",
                                           "/dpias"}) {
  auto organisations = OrganisationOptions(site, v);
  if (!organisations) return site.Failure(v, organisations.error());
  std::string body = ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">" + Escape(target.heading) + "</h1>";
  body += "<p class=\"govuk-body\">The parts follow the ICO's DPIA template. Once recorded, your data protection officer "
          "gives their advice and a senior leader signs it off. It can be changed until the DPO has advised.</p>";
  body += FormStart(target.action, v.csrf_token);
  body += TextInput({"title", "Title", "", false, ErrorFor(errors, "title")}, in.title);
  body += Checkboxes({"organisation_ids", "Whom the sharing is with", "Your organisation is included", false,
                      ErrorFor(errors, "organisation_ids")}, *organisations, in.organisations);
  body += Checkboxes({"purposes", "Purposes of the sharing", "", false, ErrorFor(errors, "purposes")},
                     AllOptions<domain::SharingPurpose>(), in.purposes);
  body += Textarea({"processing", "Describe the processing", "Its nature, scope, context and purposes", false,
                    ErrorFor(errors, "processing")}, in.processing, 5);
  body += Textarea({"consultation", "Consultation", "Whom you consulted, and how; or why you did not", false,
                    ErrorFor(errors, "consultation")}, in.consultation, 4);
  body += Textarea({"necessity", "Necessity and proportionality", "Why the sharing is necessary, and how it is kept to what is needed",
                    false, ErrorFor(errors, "necessity")}, in.necessity, 4);
  body += "<h2 class=\"govuk-heading-m\">Risks and measures</h2><p class=\"govuk-body\">Give at least one risk. Leave the "
          "others empty if there are none.</p>";
  if (!ErrorFor(errors, "risks").empty())
    body += "<p class=\"govuk-error-message\" id=\"risks-error\"><span class=\"govuk-visually-hidden\">Error:</span> " +
            Escape(ErrorFor(errors, "risks")) + "</p>";
  for (int i = 0; i < kRiskRows; ++i) {
    body += "<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Risk " +
            std::to_string(i + 1) + "</legend>";
    body += Textarea({RiskName(i, "description"), "The risk", "", false, ErrorFor(errors, RiskName(i, "description"))}, in.risk[i], 2);
    body += Radios({RiskName(i, "likelihood"), "Likelihood of harm", "", false, ErrorFor(errors, RiskName(i, "likelihood"))},
                   AllOptions<domain::Likelihood>(), in.likelihood[i], true);
    body += Radios({RiskName(i, "severity"), "Severity of harm", "", false, ErrorFor(errors, RiskName(i, "severity"))},
                   AllOptions<domain::Severity>(), in.severity[i], true);
    body += Textarea({RiskName(i, "measures"), "Measures to reduce or remove it", "", false, ErrorFor(errors, RiskName(i, "measures"))},
                     in.measures[i], 2);
    body += Radios({RiskName(i, "residual"), "Residual risk", "", false, ErrorFor(errors, RiskName(i, "residual"))},
                   AllOptions<domain::RiskLevel>(), in.residual[i], true);
    body += "</fieldset>";
  }
  body += DateInput({"review_on", "Review date", "For example, 1 9 2027", false, ErrorFor(errors, "review_on")},
                    in.review_d, in.review_m, in.review_y);
  body += Button(target.button) + "</form>";
  return site.Page(v, {.title = target.heading, .body_html = body, .back_href = target.back, .has_errors = !errors.empty(),
                       .active_nav = "governance"}, status);
}

// Records a new DPIA from the form, or (with `id`) changes that draft.
Response DpiaPost(service::Governance& g, Site& site, Visit& v, const std::string& id = {}) {
  const FormTarget target = id.empty() ? FormTarget{"/dpias/new", "Record a data protection impact assessment",
                                                    "Record the DPIA", "/dpias"}
                                       : EditTarget("dpias", id, "Change the draft DPIA");
  const DpiaForm in = DpiaFormOf(v.form);
  domain::Dpia d;
  d.title = in.title;
  d.owner_organisation_id = v.who.actor.organisation_id;
  d.organisation_ids = {v.who.actor.organisation_id};
  for (const auto& id : in.organisations)
    if (id != v.who.actor.organisation_id) d.organisation_ids.push_back(id);
  d.purposes = Chosen<domain::SharingPurpose>(v.form, "purposes");
  d.processing = in.processing;
  d.consultation = in.consultation;
  d.necessity = in.necessity;
  d.review_on = IsoDate(in.review_d, in.review_m, in.review_y);
  Errors errors;
  for (int i = 0; i < kRiskRows; ++i) {
    if (!domain::HasWords(in.risk[i]) && !domain::HasWords(in.measures[i])) continue;
    domain::DpiaRisk r{.description = in.risk[i], .measures = in.measures[i]};
    const auto likelihood = ParseEnum<domain::Likelihood>(in.likelihood[i]);
    const auto severity = ParseEnum<domain::Severity>(in.severity[i]);
    const auto residual = ParseEnum<domain::RiskLevel>(in.residual[i]);
    if (!likelihood) errors.push_back({RiskName(i, "likelihood"), "Select how likely the harm is"});
    if (!severity) errors.push_back({RiskName(i, "severity"), "Select how severe the harm would be"});
    if (!residual) errors.push_back({RiskName(i, "residual"), "Select the risk that remains after the measures"});
    r.likelihood = likelihood.value_or(r.likelihood);
    r.severity = severity.value_or(r.severity);
    r.residual = residual.value_or(r.residual);
    d.risks.push_back(std::move(r));
  }
  for (const auto& e : domain::Problems(d)) {
    // A problem with the n-th risk given names the form's row it came from.
    std::string field = DpiaFormField(e.field);
    if (ErrorFor(errors, field).empty()) errors.push_back({field, e.message});
  }
  if (!errors.empty()) return DpiaFormPage(site, v, in, errors, 400, target);
  auto done = id.empty() ? g.RecordDpia(v.context, d) : g.EditDpia(v.context, id, d);
  if (!done) {
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    return DpiaFormPage(site, v, in, {{DpiaFormField(done.error().field), done.error().message}}, 400, target);
  }
  return Redirect("/dpias/" + done->dpia.id + (id.empty() ? "?recorded=1" : "?changed=1"));
}

// Which of the other organisations named have accepted the DPIA as their
// own (so that it covers their sharing), and the form for the actor's.
std::string AcceptancesHtml(const service::DpiaView& got, const Visit& v) {
  const auto& d = got.dpia;
  std::string out = "<h2 class=\"govuk-heading-m\">Accepted by the other organisations</h2><p class=\"govuk-body\">A DPIA "
                    "covers the sharing of the organisation that carried it out. Another organisation it names relies on it "
                    "for its own sharing only once its senior leader has accepted it as their organisation's assessment.</p>";
  std::string list;
  for (const auto& id : d.organisation_ids) {
    if (id == d.owner_organisation_id) continue;
    std::string state = "not accepted";
    for (const auto& a : d.acceptances)
      if (a.organisation_id == id)
        state = "accepted by " + NameIn(got.people_names, a.practitioner_id) + " on " + DisplayTime(a.accepted_at);
    list += "<li>" + Escape(NameIn(got.organisation_names, id) + ": " + state) + "</li>";
  }
  out += "<ul class=\"govuk-list\">" + list + "</ul>";
  if (got.may_accept)
    out += FormStart("/dpias/" + d.id + "/accept", v.csrf_token) +
           "<p class=\"govuk-body\">By accepting, you confirm that your organisation has read this assessment, agrees "
           "with its risks and measures for your part of the sharing, and takes it as its own.</p>" +
           Button("Accept for your organisation") + "</form>";
  return out;
}

Response DpiaReviewPage(service::Governance& g, Site& site, Visit& v, const Errors& errors = {}, int status = 200) {
  auto got = g.GetDpia(v.context, std::string(v.request.PathParam("id")));
  if (!got) return site.Failure(v, got.error());
  if (!got->may_review)
    return site.Failure(v, Error{ErrorCode::kPermissionDenied,
                                 "Only the senior leader or DPO of the organisation that carried it out reviews it."});
  return ReviewPage(site, v, "DPIA", got->dpia.title, "/dpias/" + got->dpia.id, got->dpia.review_on, errors, status);
}

Response DpiaPage(service::Governance& g, Site& site, Visit& v, const Errors& errors = {}, int status = 200) {
  auto got = g.GetDpia(v.context, std::string(v.request.PathParam("id")));
  if (!got) return site.Failure(v, got.error());
  const auto& d = got->dpia;
  std::string body = ErrorSummary(errors);
  if (v.request.QueryParam("recorded"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">DPIA recorded: your DPO now advises on it</p>", true);
  if (v.request.QueryParam("changed"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Draft DPIA changed</p>", true);
  if (v.request.QueryParam("accepted"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Your organisation accepted the DPIA: it now covers your sharing with the organisations it names</p>", true);
  if (v.request.QueryParam("reviewed"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Review recorded: the next review is on " +
                                              Escape(DisplayIsoDate(d.review_on)) + "</p>", true);
  body += "<span class=\"govuk-caption-l\">Data protection impact assessment</span><h1 class=\"govuk-heading-l\">" +
          Escape(d.title) + "</h1><p class=\"govuk-body\">" + StateTag(got->state) + ReviewHint(got->review_due) + "</p>";
  std::string organisations;
  for (const auto& id : d.organisation_ids) organisations += (organisations.empty() ? "" : ", ") + NameIn(got->organisation_names, id);
  body += SummaryList({{"Organisations", Escape(organisations), "", ""},
                       {"Purposes", Listed(d.purposes), "", ""},
                       {"The processing", Paragraphs(d.processing), "", ""},
                       {"Consultation", Paragraphs(d.consultation), "", ""},
                       {"Necessity and proportionality", Paragraphs(d.necessity), "", ""},
                       {"Residual risk", Escape(Label(got->residual)), "", ""},
                       {"Review date", Escape(DisplayIsoDate(d.review_on)), "", ""},
                       {"Recorded by", Escape(NameIn(got->people_names, d.created_by)) + " on " + Escape(DisplayTime(d.created_at)), "", ""}});
  std::vector<std::vector<std::string>> risks;
  for (const auto& r : d.risks)
    risks.push_back({Escape(r.description), Escape(Label(r.likelihood)), Escape(Label(r.severity)),
                     Escape(Label(domain::InherentRisk(r.likelihood, r.severity))), Escape(r.measures), Escape(Label(r.residual))});
  body += "<h2 class=\"govuk-heading-m\">Risks and measures</h2>" +
          Table("Risks and measures", {"Risk", "Likelihood", "Severity", "Overall risk", "Measures", "Residual risk"}, risks);
  body += "<h2 class=\"govuk-heading-m\">The DPO's advice</h2>";
  body += d.dpo_advice_by.empty() ? std::string("<p class=\"govuk-body\">Not given yet.</p>")
                                  : Paragraphs(d.dpo_advice) + "<p class=\"govuk-body-s\">" +
                                        Escape(NameIn(got->people_names, d.dpo_advice_by) + ", " + DisplayTime(d.dpo_advice_at)) + "</p>";
  const std::string base = "/dpias/" + d.id;
  if (got->may_advise)
    body += FormStart(base + "/advice", v.csrf_token) +
            Textarea({"advice", "Your advice as data protection officer", "", false, ErrorFor(errors, "advice")}, "", 5) +
            Button("Give your advice") + "</form>";
  body += "<h2 class=\"govuk-heading-m\">Sign-off</h2>";
  if (!d.signed_off_by.empty()) {
    body += "<p class=\"govuk-body\">Signed off by " + Escape(NameIn(got->people_names, d.signed_off_by)) + " on " +
            Escape(DisplayTime(d.signed_off_at)) + ". The DPO's advice was " +
            (d.dpo_advice_accepted ? std::string("accepted.") : std::string("not followed:")) + "</p>";
    if (!d.dpo_advice_accepted) body += Paragraphs(d.overruled_reason);
  } else if (got->may_sign_off) {
    body += FormStart(base + "/sign-off", v.csrf_token) +
            Radios({"dpo_advice_accepted", "Do you accept the DPO's advice?", "", false, ErrorFor(errors, "dpo_advice_accepted")},
                   {{"yes", "Yes", "", false}, {"no", "No", "", false}}, "") +
            Textarea({"overruled_reason", "If not, why not?", "", false, ErrorFor(errors, "overruled_reason")}, "", 3) +
            Button("Sign off the DPIA") + "</form>";
  } else {
    body += "<p class=\"govuk-body\">Not signed off yet. A senior leader signs it off once the DPO has advised.</p>";
  }
  body += AcceptancesHtml(*got, v);
  body += ReviewsHtml(d.reviews, got->people_names);
  std::string actions;
  if (got->may_edit) actions += "<li>" + Link("Change the draft", base + "/edit") + "</li>";
  if (got->may_review) actions += "<li>" + Link("Record a review", base + "/review") + "</li>";
  if (!actions.empty())
    body += "<h2 class=\"govuk-heading-m\">Manage the DPIA</h2><ul class=\"govuk-list\">" + actions + "</ul>";
  return site.Page(v, {.title = "Data protection impact assessment", .body_html = body, .back_href = "/dpias",
                       .has_errors = !errors.empty(), .active_nav = "governance", .wide = true}, status);
}

// After a refused action on a record's page: the page again with the error, or the failure page.
template <typename T, typename PageFn>
Response AfterAction(Site& site, Visit& v, const Result<T>& done, const std::string& done_href, PageFn page) {
  if (done) return Redirect(done_href);
  if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
  return page({{done.error().field, done.error().message}}, 400);
}

}  // namespace

void AddGovernancePages(Router& router, WebServices services, WebOptions options, service::Governance& governance) {
  // Each handler holds the site, so it lives as long as the router does.
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* g = &governance;
  site->Get("/agreements", [site, g](Visit& v) { return AgreementsPage(*g, *site, v); });
  site->Get("/agreements/new", [site](Visit& v) { return AgreementFormPage(*site, v, {}, {}); });
  site->Post("/agreements/new", [site, g](Visit& v) { return AgreementPost(*g, *site, v); });
  site->Get("/agreements/{id}", [site, g](Visit& v) { return AgreementPage(*g, *site, v); });
  site->Post("/agreements/{id}/sign", [site, g](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    return AfterAction(*site, v, g->SignAgreement(v.context, id), "/agreements/" + id + "?signed=1",
                       [&](const Errors& e, int s) { return AgreementPage(*g, *site, v, e, s); });
  });
  site->Get("/agreements/{id}/withdraw", [site, g](Visit& v) { return WithdrawPage(*g, *site, v); });
  site->Post("/agreements/{id}/withdraw", [site, g](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    return AfterAction(*site, v, g->WithdrawAgreement(v.context, id, v.form.Get("reason")),
                       "/agreements/" + id + "?withdrawn=1",
                       [&](const Errors& e, int s) { return WithdrawPage(*g, *site, v, e, s); });
  });
  site->Get("/agreements/{id}/edit", [site, g](Visit& v) {
    auto got = g->GetAgreement(v.context, std::string(v.request.PathParam("id")));
    if (!got) return site->Failure(v, got.error());
    if (!got->may_edit)
      return site->Failure(v, Error{ErrorCode::kPermissionDenied,
                                    "Only a draft can be changed, by the organisation that recorded it."});
    return AgreementFormPage(*site, v, AgreementFormOf(got->agreement), {}, 200,
                             EditTarget("agreements", got->agreement.id, "Change the draft agreement"));
  });
  site->Post("/agreements/{id}/edit",
             [site, g](Visit& v) { return AgreementPost(*g, *site, v, std::string(v.request.PathParam("id"))); });
  site->Get("/agreements/{id}/review", [site, g](Visit& v) { return AgreementReviewPage(*g, *site, v); });
  site->Post("/agreements/{id}/review", [site, g](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    return AfterAction(*site, v, g->ReviewAgreement(v.context, id, ReviewOf(v.form)), "/agreements/" + id + "?reviewed=1",
                       [&](const Errors& e, int s) { return AgreementReviewPage(*g, *site, v, e, s); });
  });
  site->Get("/dpias", [site, g](Visit& v) { return DpiasPage(*g, *site, v); });
  site->Get("/dpias/new", [site](Visit& v) { return DpiaFormPage(*site, v, {}, {}); });
  site->Post("/dpias/new", [site, g](Visit& v) { return DpiaPost(*g, *site, v); });
  site->Get("/dpias/{id}", [site, g](Visit& v) { return DpiaPage(*g, *site, v); });
  site->Get("/dpias/{id}/edit", [site, g](Visit& v) {
    auto got = g->GetDpia(v.context, std::string(v.request.PathParam("id")));
    if (!got) return site->Failure(v, got.error());
    if (!got->may_edit)
      return site->Failure(v, Error{ErrorCode::kPermissionDenied,
                                    "Only a draft can be changed, by the organisation that carried it out, before the DPO advises."});
    return DpiaFormPage(*site, v, DpiaFormOf(got->dpia), {}, 200, EditTarget("dpias", got->dpia.id, "Change the draft DPIA"));
  });
  site->Post("/dpias/{id}/edit", [site, g](Visit& v) { return DpiaPost(*g, *site, v, std::string(v.request.PathParam("id"))); });
  site->Post("/dpias/{id}/accept", [site, g](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    return AfterAction(*site, v, g->AcceptDpia(v.context, id), "/dpias/" + id + "?accepted=1",
                       [&](const Errors& e, int s) { return DpiaPage(*g, *site, v, e, s); });
  });
  site->Get("/dpias/{id}/review", [site, g](Visit& v) { return DpiaReviewPage(*g, *site, v); });
  site->Post("/dpias/{id}/review", [site, g](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    return AfterAction(*site, v, g->ReviewDpia(v.context, id, ReviewOf(v.form)), "/dpias/" + id + "?reviewed=1",
                       [&](const Errors& e, int s) { return DpiaReviewPage(*g, *site, v, e, s); });
  });
  site->Post("/dpias/{id}/advice", [site, g](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    return AfterAction(*site, v, g->AdviseOnDpia(v.context, id, v.form.Get("advice")), "/dpias/" + id,
                       [&](const Errors& e, int s) { return DpiaPage(*g, *site, v, e, s); });
  });
  site->Post("/dpias/{id}/sign-off", [site, g](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const std::string accepted = v.form.Get("dpo_advice_accepted");
    if (accepted != "yes" && accepted != "no")
      return DpiaPage(*g, *site, v, {{"dpo_advice_accepted", "Select whether you accept the DPO's advice"}}, 400);
    service::DpiaSignOff s{accepted == "yes", v.form.Get("overruled_reason")};
    return AfterAction(*site, v, g->SignOffDpia(v.context, id, s), "/dpias/" + id,
                       [&](const Errors& e, int st) { return DpiaPage(*g, *site, v, e, st); });
  });
}

}  // namespace jigsaw::http::web
