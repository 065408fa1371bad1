#include "http/web/correction_pages.h"

#include <memory>

#include "http/web/forms.h"
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

constexpr std::string_view kReasonHint =
    "This is kept with the earlier version, which stays in the record marked as superseded.";

std::string Superseded(const domain::Supersession& s, const std::string& by_name) {
  return Tag("Superseded", Colour::kGrey) + " " + Escape(DisplayTime(s.at)) + " by " +
         Escape(by_name.empty() ? std::string("a former member of staff") : by_name) + ". Reason: " + Escape(s.reason);
}

std::string PersonRows(const domain::Person& p) {
  std::vector<SummaryRow> rows = {{"Name", Escape(p.FullName()), "", ""}};
  if (!p.known_as.empty()) {
    std::string names;
    for (const auto& n : p.known_as) names += (names.empty() ? "" : ", ") + n;
    rows.push_back({"Also known as", Escape(names), "", ""});
  }
  if (!p.date_of_birth.empty()) rows.push_back({"Date of birth", Escape(DisplayIsoDate(p.date_of_birth)), "", ""});
  if (!p.address.empty() || !p.postcode.empty()) rows.push_back({"Address", AddressHtml(p.address, p.postcode), "", ""});
  rows.push_back({"Protected", p.is_protected ? "Yes: " + Escape(p.protected_reason) : std::string("No"), "", ""});
  return SummaryList(rows);
}

// "Parent of Ada Elm", read from the person; "Ada Elm is their parent" the other way round.
std::string RelationshipText(const domain::Relationship& r, const std::string& person_id, const service::PersonHistory& h) {
  const std::string other_id = r.person_id == person_id ? r.related_person_id : r.person_id;
  std::string other = "someone no longer recorded";
  for (const auto& x : h.related)
    if (x.person.id == other_id) other = x.person.FullName();
  if (r.person_id == person_id) return std::string(Label(r.kind)) + " of " + other;
  return other + ": " + std::string(Label(r.kind)) + " of this person";
}

std::string RelationshipVersionsHtml(const service::PersonHistory& h) {
  std::string out;
  for (std::size_t i = h.relationships_superseded.size(); i-- > 0;)
    out += "<div class=\"jigsaw-item\"><p class=\"govuk-body\">" +
           Superseded(h.relationships_superseded[i].superseded, h.relationships_superseded_by_names[i]) + "</p>" +
           SummaryList({{"Relationship", Escape(RelationshipText(h.relationships_superseded[i].relationship,
                                                                  h.current.id, h)),
                         "", ""}}) +
           "</div>";
  return out;
}

std::string PersonVersionsHtml(const service::PersonHistory& h) {
  std::string out = "<h2 class=\"govuk-heading-m\">Earlier versions</h2>";
  out += RelationshipVersionsHtml(h);
  if (h.superseded.empty() && h.relationships_superseded.empty())
    return out + "<p class=\"govuk-body\">This record has not been corrected.</p>";
  // Newest first: the version just replaced is the one most often asked about.
  for (std::size_t i = h.superseded.size(); i-- > 0;)
    out += "<div class=\"jigsaw-item\"><p class=\"govuk-body\">" +
           Superseded(h.superseded[i].superseded, h.superseded_by_names[i]) + "</p>" + PersonRows(h.superseded[i].person) +
           "</div>";
  return out;
}

struct CorrectionPersonForm {
  std::string given_name, family_name, dob_day, dob_month, dob_year, address, postcode, is_protected, protected_reason,
      reason;
  std::string related_person_id, relationship;  // who they are to the child, when they have one
};

// The child the person is related to, whose relationship the form corrects
// (a person recorded from a child's record has one); none for a child.
const service::RelatedPerson* ChildOf(const service::PersonHistory& h) {
  if (h.current.kind == domain::PersonKind::kChild) return nullptr;
  for (const auto& r : h.related)
    if (r.person.kind == domain::PersonKind::kChild) return &r;
  return nullptr;
}

CorrectionPersonForm FormOf(const domain::Person& p, const service::RelatedPerson* child) {
  CorrectionPersonForm f{p.given_name, p.family_name, "", "", "", p.address, p.postcode, p.is_protected ? "yes" : "no",
               p.protected_reason, ""};
  if (child) {
    f.related_person_id = child->person.id;
    if (child->relationship.person_id == p.id) f.relationship = std::string(ToString(child->relationship.kind));
  }
  if (p.date_of_birth.size() == 10) {
    f.dob_year = p.date_of_birth.substr(0, 4);
    f.dob_month = p.date_of_birth.substr(5, 2);
    f.dob_day = p.date_of_birth.substr(8, 2);
  }
  return f;
}

CorrectionPersonForm FormOf(const Form& f) {
  return {f.Get("given_name"), f.Get("family_name"), f.Get("date_of_birth-day"), f.Get("date_of_birth-month"),
          f.Get("date_of_birth-year"), f.Get("address"), f.Get("postcode"), f.Get("protected"),
          f.Get("protected_reason"), f.Get("reason"), f.Get("related_person_id"), f.Get("relationship")};
}

Response PersonPage(service::Corrections& corrections, Site& site, Visit& v, const std::string& id,
                    const std::optional<CorrectionPersonForm>& submitted, const Errors& errors, int status = 200) {
  auto history = corrections.PersonVersions(v.context, id);
  if (!history) return site.Failure(v, history.error());
  const domain::Person& p = history->current;
  const service::RelatedPerson* child = ChildOf(*history);
  const CorrectionPersonForm in = submitted ? *submitted : FormOf(p, child);
  // Back to the child's record the person belongs to.
  const std::string back = p.kind == domain::PersonKind::kChild ? "/children/" + p.id
                           : child                             ? "/children/" + child->person.id
                                                               : "/";
  std::string body = ErrorSummary(errors);
  body += "<span class=\"govuk-caption-l\">" + Escape(p.FullName()) + "</span><h1 class=\"govuk-heading-l\">Correct this record</h1>";
  body += "<p class=\"govuk-body\">Change what is wrong and say why. The record will read as corrected everywhere, "
          "including in anything shared from now on; this version is kept, marked as superseded.</p>";
  body += FormStart("/people/" + p.id + "/correct", v.csrf_token) +
          HiddenInput("versions_seen", std::to_string(history->superseded.size()));
  body += TextInput({"given_name", "Given name", "", false, ErrorFor(errors, "given_name")}, in.given_name);
  body += TextInput({"family_name", "Family name", "", false, ErrorFor(errors, "family_name")}, in.family_name);
  body += DateInput({"date_of_birth", "Date of birth", "For example, 27 3 2016", false, ErrorFor(errors, "date_of_birth")},
                    in.dob_day, in.dob_month, in.dob_year);
  body += Textarea({"address", "Address", "", false, ErrorFor(errors, "address")}, in.address, 3);
  body += TextInput({"postcode", "Postcode", "", false, ErrorFor(errors, "postcode")}, in.postcode,
                    "govuk-input--width-10");
  body += Radios({"protected", "Must this person's identity and whereabouts be protected?",
                  "For example, someone in a refuge. Nothing shared will name them or say where they live.", false,
                  ErrorFor(errors, "protected")},
                 {{"yes", "Yes", "", false}, {"no", "No", "", false}}, in.is_protected, true);
  if (child) {
    body += HiddenInput("related_person_id", child->person.id);
    body += Radios({"relationship", "Who are they to " + child->person.FullName() + "?", "", false,
                    ErrorFor(errors, "relationship")},
                   OptionsOf<domain::RelationshipKind>(), in.relationship);
  }
  body += Textarea({"protected_reason", "Why they are protected", "Only if they are protected.", false,
                    ErrorFor(errors, "protected_reason")},
                   in.protected_reason, 2);
  body += Textarea({"reason", "Why are you correcting this record?", std::string(kReasonHint), false,
                    ErrorFor(errors, "reason")},
                   in.reason, 3);
  body += Button("Save the correction") + "</form>";
  body += "<h2 class=\"govuk-heading-m\">Current version</h2>" + PersonRows(p);
  for (const auto& r : history->related)
    body += SummaryList({{"Relationship", Escape(RelationshipText(r.relationship, p.id, *history)), "", ""}});
  body += PersonVersionsHtml(*history);
  // The title holds no personal data (PageSpec).
  return site.Page(v, {.title = "Correct a person's record", .body_html = body, .back_href = back,
                       .has_errors = !errors.empty()},
                   status);
}

Response PersonPost(service::Corrections& corrections, Site& site, Visit& v, const std::string& id) {
  const CorrectionPersonForm in = FormOf(v.form);
  service::PersonCorrection c{.person_id = id,
                              .given_name = in.given_name,
                              .family_name = in.family_name,
                              .date_of_birth = IsoDate(in.dob_day, in.dob_month, in.dob_year),
                              .address = in.address,
                              .postcode = in.postcode,
                              .is_protected = in.is_protected == "yes",
                              .protected_reason = in.is_protected == "yes" ? in.protected_reason : std::string(),
                              .reason = in.reason};
  if (const std::string seen = v.form.Get("versions_seen"); !seen.empty() && seen.find_first_not_of("0123456789") == std::string::npos && seen.size() < 10)
    c.versions_seen = std::stoul(seen);
  if (!in.related_person_id.empty() && !in.relationship.empty()) {
    const auto kind = ParseEnum<domain::RelationshipKind>(in.relationship);
    if (!kind) return PersonPage(corrections, site, v, id, in, {{"relationship", "Select who they are to the child"}}, 400);
    c.relationship = service::RelationshipCorrection{in.related_person_id, *kind};
  }
  auto done = corrections.CorrectPerson(v.context, c);
  if (!done) {
    // Corrected meanwhile: the current version, to check, with why.
    if (done.error().code == ErrorCode::kFailedPrecondition)
      return PersonPage(corrections, site, v, id, std::nullopt, {{"given_name", done.error().message}}, 409);
    if (done.error().code == ErrorCode::kPermissionDenied && done.error().field == "is_protected")
      return PersonPage(corrections, site, v, id, in, {{"protected", done.error().message}}, 403);
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    // The service names the person ("nothing would change") or the
    // relationship's fields; the form has one question for each.
    const std::string& field = done.error().field;
    Errors errors = field.starts_with("relationship") ? Errors{{"relationship", done.error().message}}
                    : field == "person"                ? Errors{{"given_name", done.error().message}}
                                                       : FieldErrors(done.error(), "reason");
    return PersonPage(corrections, site, v, id, in, errors, 400);
  }
  // Back to the child's record the correction was made from (Redirect
  // refuses anything but a plain path, so a forged id goes nowhere).
  if (done->kind == domain::PersonKind::kChild) return Redirect("/children/" + done->id);
  if (!in.related_person_id.empty()) return Redirect("/children/" + in.related_person_id);
  return Redirect("/people/" + id + "/correct");
}

std::string ItemRows(const domain::InformationItem& i) {
  std::vector<SummaryRow> rows = {{"Information", Paragraphs(i.text), "", ""},
                                  {"Source", Escape(i.source), "", ""},
                                  {"Accuracy", Escape(Label(i.accuracy)), "", ""}};
  if (!i.date.empty()) rows.push_back({"Date", Escape(DisplayIsoDate(i.date)), "", ""});
  return SummaryList(rows);
}

struct CorrectionItemForm {
  std::string text, source, accuracy, reason;
};

Response ItemPage(service::Corrections& corrections, Site& site, Visit& v, const std::string& id,
                  const std::optional<CorrectionItemForm>& submitted, const Errors& errors, int status = 200) {
  auto history = corrections.ItemVersions(v.context, id);
  if (!history) return site.Failure(v, history.error());
  const auto& item = history->current;
  const CorrectionItemForm in =
      submitted ? *submitted : CorrectionItemForm{item.text, item.source, std::string(ToString(item.accuracy)), ""};
  const std::string back = item.concern_id.empty() ? "/" : "/concerns/" + item.concern_id;
  std::vector<Option> accuracies;
  for (auto a : {domain::Accuracy::kVerified, domain::Accuracy::kUnverified, domain::Accuracy::kOpinion})
    accuracies.push_back({std::string(ToString(a)), std::string(Label(a)), "", false});
  std::string body = ErrorSummary(errors);
  body += "<h1 class=\"govuk-heading-l\">Correct this information</h1>";
  body += "<p class=\"govuk-body\">If this information has been shared, each organisation that received it will be "
          "sent the correction, with your reason, and told which earlier share it corrects.</p>";
  body += FormStart("/items/" + item.id + "/correct", v.csrf_token);
  body += Textarea({"text", "The information", "", false, ErrorFor(errors, "text")}, in.text, 5);
  body += TextInput({"source", "Where it came from", "", false, ErrorFor(errors, "source")}, in.source);
  body += Radios({"accuracy", "How sure are you of it?", "", false, ErrorFor(errors, "accuracy")}, accuracies,
                 in.accuracy);
  body += Textarea({"reason", "Why are you correcting this information?", std::string(kReasonHint), false,
                    ErrorFor(errors, "reason")},
                   in.reason, 3);
  body += Button("Save the correction") + "</form>";
  body += "<h2 class=\"govuk-heading-m\">Earlier versions</h2>";
  if (history->superseded.empty()) body += "<p class=\"govuk-body\">This information has not been corrected.</p>";
  for (std::size_t i = history->superseded.size(); i-- > 0;)
    body += "<div class=\"jigsaw-item\"><p class=\"govuk-body\">" +
            Superseded(history->superseded[i].superseded, history->superseded_by_names[i]) + "</p>" +
            ItemRows(history->superseded[i].item) + "</div>";
  return site.Page(v, {.title = "Correct information", .body_html = body, .back_href = back,
                       .has_errors = !errors.empty()},
                   status);
}

Response ItemPost(service::Corrections& corrections, Site& site, Visit& v, const std::string& id) {
  const CorrectionItemForm in{v.form.Get("text"), v.form.Get("source"), v.form.Get("accuracy"), v.form.Get("reason")};
  service::ItemCorrection c{.item_id = id, .text = in.text, .source = in.source, .reason = in.reason};
  if (!in.accuracy.empty()) {
    const auto accuracy = ParseEnum<domain::Accuracy>(in.accuracy);
    if (!accuracy) return ItemPage(corrections, site, v, id, in, {{"accuracy", "Select how sure you are of it"}}, 400);
    c.accuracy = *accuracy;
  }
  auto done = corrections.CorrectItem(v.context, c);
  if (!done) {
    // Shared already, through the DSL: the form says whom to ask.
    if (done.error().code == ErrorCode::kPermissionDenied && done.error().field == "item")
      return ItemPage(corrections, site, v, id, in, {{"text", done.error().message}}, 403);
    if (done.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, done.error());
    Errors errors = FieldErrors(done.error(), "reason");
    if (!errors.empty() && errors[0].field == "item") errors[0].field = "text";
    return ItemPage(corrections, site, v, id, in, errors, 400);
  }
  return Redirect(done->item.concern_id.empty() ? "/items/" + id + "/correct" : "/concerns/" + done->item.concern_id);
}

}  // namespace

void AddCorrectionPages(Router& router, WebServices services, WebOptions options, service::Corrections& corrections) {
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* c = &corrections;
  site->Get("/people/{id}/correct", [site, c](Visit& v) {
    return PersonPage(*c, *site, v, std::string(v.request.PathParam("id")), std::nullopt, {});
  });
  site->Post("/people/{id}/correct",
             [site, c](Visit& v) { return PersonPost(*c, *site, v, std::string(v.request.PathParam("id"))); });
  site->Get("/items/{id}/correct", [site, c](Visit& v) {
    return ItemPage(*c, *site, v, std::string(v.request.PathParam("id")), std::nullopt, {});
  });
  site->Post("/items/{id}/correct",
             [site, c](Visit& v) { return ItemPost(*c, *site, v, std::string(v.request.PathParam("id"))); });
}

}  // namespace jigsaw::http::web
