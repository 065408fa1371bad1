// "Should I share?": one question per page, the engine's advice in plain
// English with the passages it rests on, the decision and its record, the
// choice of items beside exactly what the recipient will see, a check of
// the answers, and the confirmation. Answers between pages are kept as a
// sealed draft in the store (service::Drafts), never in the URL.
#include <nlohmann/json.hpp>

#include "guidance/sources.h"
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using nlohmann::json;
namespace g = guidance;

std::string Subject(const std::string& concern_id) { return "share:" + concern_id; }
std::string Base(const std::string& concern_id) { return "/concerns/" + concern_id + "/share"; }

json LoadDraft(Site& site, Visit& v, const std::string& concern_id) {
  auto text = site.s.drafts.Load(v.context, Subject(concern_id));
  if (!text || text->empty()) return json::object();
  auto parsed = json::parse(*text, nullptr, false);
  return parsed.is_object() ? parsed : json::object();
}

Status SaveDraft(Site& site, Visit& v, const std::string& concern_id, const json& draft) {
  return site.s.drafts.Save(v.context, Subject(concern_id), draft.dump());
}

std::string Str(const json& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> List(const json& d, const char* key) {
  std::vector<std::string> out;
  auto it = d.find(key);
  if (it != d.end() && it->is_array())
    for (const auto& x : *it)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

// ---- The questions -----------------------------------------------------------

enum class Kind { kRadios, kCheckboxes };

struct Step {
  const char* key;       // the draft field and the page's address
  const char* question;  // the page heading and title
  const char* hint;
  Kind kind;
  const char* if_missing;
};

const std::vector<Option> kYesNo = {{"yes", "Yes", "", false}, {"no", "No", "", false}};

constexpr Step kSteps[] = {
    {"recipient", "Who would you share with?", "Choose the organisation. Only organisations in your partnership are listed.",
     Kind::kRadios, "Select who you would share with"},
    // Asked only when the recipient has open information requests to this
    // organisation: a decision made in answer to one closes it, shared or not.
    {"answering", "Are you answering a request from them?",
     "These are their open requests to your organisation. Your decision will be their answer, whether you share or not.",
     Kind::kRadios, "Select the request you are answering, or that you are not answering one"},
    {"purpose", "Why would you share?", "", Kind::kRadios, "Select why you would share"},
    {"risk", "Do you think the child is at risk of harm?", "You do not need to be sure. Say what you think now.",
     Kind::kRadios, "Select whether you think the child is at risk"},
    {"legal", "Does a law or a court order require you to share?", "", Kind::kRadios,
     "Select yes if a law or court order requires you to share"},
    {"frequency", "Is this a one-off, or will you share like this regularly?", "", Kind::kRadios,
     "Select whether this is a one-off"},
    {"dsa", "Is there a data sharing agreement with them?", "Regular sharing should be set out in one.", Kind::kRadios,
     "Select yes if there is a data sharing agreement"},
    {"dpia", "Has a data protection impact assessment been done for this sharing?", "", Kind::kRadios,
     "Select yes if a data protection impact assessment has been done"},
    {"consent", "Have you asked the family for their consent to share?",
     "When a child is at risk you do not need consent, but it helps to know where things stand.", Kind::kRadios,
     "Select whether you have asked for consent"},
    {"objections", "Has anyone objected to the information being shared?", "Select all that apply", Kind::kCheckboxes,
     "Select who objected, or 'No one has objected'"},
    {"informing", "Is it safe and practical to tell the child and family that you are sharing?",
     "Golden rule 2: engage them, unless doing so could put the child at more risk.", Kind::kRadios,
     "Select whether it is safe to tell them"},
    {"relevant", "Which information is relevant and necessary to share?",
     "Only what the other organisation needs to keep the child safe or support the family.", Kind::kCheckboxes, ""},
    {"uncertain", "Are you unsure about any of this?", "For example, whether the law allows it. Jigsaw will tell you whom to ask.",
     Kind::kRadios, "Select yes if you are unsure"},
};

bool Applies(const Step& s, const json& d) {
  const std::string key = s.key;
  if (key == "dsa" || key == "dpia") return Str(d, "frequency") == "regular";
  if (key == "answering") {
    const auto it = d.find("answerable");
    return it != d.end() && it->is_boolean() && it->get<bool>();
  }
  return true;
}

// The recipient's requests to the visitor's organisation that are still
// waiting for an answer.
Result<std::vector<domain::InformationRequest>> OpenRequestsFrom(Site& site, Visit& v, const std::string& organisation_id) {
  auto received = site.s.requests.InformationRequests(v.context, true);
  // Someone whose role cannot see the organisation's requests is simply not asked.
  if (!received && received.error().code == ErrorCode::kPermissionDenied) return std::vector<domain::InformationRequest>{};
  std::vector<domain::InformationRequest> out;
  for (auto& r : JIGSAW_TRY(std::move(received)))
    if (r.requester_organisation_id == organisation_id && !domain::IsDecided(r.status))
      out.push_back(std::move(r));
  return out;
}

const Step* FindStep(std::string_view key) {
  for (const auto& s : kSteps)
    if (key == s.key) return &s;
  return nullptr;
}

// The next question, or nullptr when every question has been answered.
const Step* NextStep(const Step* after, const json& d) {
  bool past = after == nullptr;
  for (const auto& s : kSteps) {
    if (!past) {
      past = &s == after;
      continue;
    }
    if (Applies(s, d)) return &s;
  }
  return nullptr;
}

const Step* PreviousStep(const Step* before, const json& d) {
  const Step* prev = nullptr;
  for (const auto& s : kSteps) {
    if (&s == before) return prev;
    if (Applies(s, d)) prev = &s;
  }
  return prev;
}

Result<std::vector<Option>> OptionsFor(Site& site, Visit& v, const Step& s, const service::ConcernRecord& record,
                                       const json& d) {
  const std::string key = s.key;
  if (key == "answering") {
    std::vector<Option> out;
    for (const auto& r : JIGSAW_TRY(OpenRequestsFrom(site, v, Str(d, "recipient")))) {
      const std::string needed = r.needed.size() > 120 ? r.needed.substr(0, 117) + "..." : r.needed;
      std::string about = "About " + r.child_given_name + " " + r.child_family_name;
      if (!r.child_date_of_birth.empty()) about += ", born " + DisplayIsoDate(r.child_date_of_birth);
      out.push_back({r.id, "Their request of " + DisplayTime(r.created_at) + ": " + needed, about, false});
    }
    out.push_back({"none", "No, I am not answering a request", "", true});
    return out;
  }
  if (key == "recipient") {
    std::vector<Option> out;
    for (const auto& o : JIGSAW_TRY(site.s.administration.ListOrganisations(v.context)))
      if (o.id != v.who.actor.organisation_id) out.push_back({o.id, o.name, "", false});
    return out;
  }
  if (key == "purpose") return OptionsOf<g::Purpose>();
  if (key == "risk") {
    auto o = OptionsOf<g::Risk>();
    // Most serious first, as a practitioner reads them.
    return std::vector<Option>{o[4], o[3], o[2], o[0], o[1]};
  }
  if (key == "frequency")
    return std::vector<Option>{{"one_off", "A one-off", "", false}, {"regular", "Regularly", "", false}};
  if (key == "consent") return OptionsOf<g::Consent>();
  if (key == "objections") {
    auto o = OptionsOf<g::Objector>();
    o.push_back({"none", "No one has objected", "", true});
    return o;
  }
  if (key == "informing")
    return std::vector<Option>{{"safe", "Yes", "", false},
                               {"risk_to_child", "No, telling them could put the child at more risk", "", false},
                               {"investigation", "No, it could harm a police investigation", "", false},
                               {"not_practical", "No, it is not practical", "For example, they cannot be reached", false}};
  if (key == "relevant") {
    std::vector<Option> out;
    for (const auto& i : record.items) {
      std::string text = i.text.size() > 160 ? i.text.substr(0, 157) + "..." : i.text;
      out.push_back({i.id, text, std::string(Label(i.accuracy)) + ". From " + i.source, false});
    }
    return out;
  }
  return kYesNo;
}

Response QuestionPage(Site& site, Visit& v, const service::ConcernRecord& record, const Step& s, const json& d,
                  const std::vector<std::string>& chosen, const std::string& error) {
  auto options = OptionsFor(site, v, s, record, d);
  if (!options) return site.Failure(v, options.error());
  const std::string base = Base(record.concern.id);
  const Step* prev = PreviousStep(&s, d);
  std::string body = error.empty() ? "" : ErrorSummary({{s.key, error}});
  body += FormStart(base + "/" + s.key, v.csrf_token);
  web::Question q{s.key, s.question, s.hint, true, error};
  std::string caption = "<span class=\"govuk-caption-l\">Should I share?</span>";
  if (std::string(s.key) == "relevant" && options->empty()) {
    body += caption + "<h1 class=\"govuk-heading-l\">" + Escape(s.question) + "</h1><p class=\"govuk-body\">No information has been "
            "recorded with this concern yet. " + Link("Add information", "/concerns/" + record.concern.id + "/items/new") +
            " first, or continue to get advice on sharing nothing.</p>";
  } else {
    body += caption + (s.kind == Kind::kRadios ? Radios(q, *options, chosen.empty() ? "" : chosen.front())
                                               : Checkboxes(q, *options, chosen));
  }
  body += Button("Continue") + "</form>";
  return site.Page(v, {.title = s.question, .body_html = body,
                       .back_href = prev ? base + "/" + prev->key : "/concerns/" + record.concern.id,
                       .has_errors = !error.empty()});
}

std::vector<std::string> Chosen(const Step& s, const json& d) {
  if (s.kind == Kind::kCheckboxes) return List(d, s.key);
  const std::string value = Str(d, s.key);
  return value.empty() ? std::vector<std::string>{} : std::vector<std::string>{value};
}

// ---- From answers to the service's terms -------------------------------------

service::Circumstances CircumstancesOf(const json& d) {
  service::Circumstances c;
  c.purpose = ParseEnum<g::Purpose>(Str(d, "purpose")).value_or(g::Purpose::kSafeguarding);
  c.risk = ParseEnum<g::Risk>(Str(d, "risk")).value_or(g::Risk::kUnsure);
  c.legal_requirement = Str(d, "legal") == "yes";
  c.frequency = Str(d, "frequency") == "regular" ? g::Frequency::kRegular : g::Frequency::kOneOff;
  c.dsa_in_place = Str(d, "dsa") == "yes";
  c.dpia_in_place = Str(d, "dpia") == "yes";
  c.consent = ParseEnum<g::Consent>(Str(d, "consent")).value_or(g::Consent::kNotSought);
  for (const auto& o : List(d, "objections"))
    if (auto by = ParseEnum<g::Objector>(o)) c.objections.push_back(*by);
  const std::string informing = Str(d, "informing");
  c.informing.safe_and_practical = informing == "safe";
  c.informing.risk_to_child = informing == "risk_to_child";
  c.informing.compromises_investigation = informing == "investigation";
  c.uncertain = Str(d, "uncertain") == "yes";
  return c;
}

service::NewDecision ProposalOf(const service::ConcernRecord& record, const json& d) {
  service::NewDecision n;
  n.child_id = record.child.id;
  n.concern_id = record.concern.id;
  n.recipient_organisation_id = Str(d, "recipient");
  if (Applies(*FindStep("answering"), d) && Str(d, "answering") != "none") n.information_request_id = Str(d, "answering");
  n.circumstances = CircumstancesOf(d);
  const auto relevant = List(d, "relevant");
  for (const auto& i : record.items) {
    const bool yes = std::find(relevant.begin(), relevant.end(), i.id) != relevant.end();
    n.items.push_back({i.id, yes, yes});
  }
  n.outcome = Str(d, "outcome") == "share" ? domain::DecisionOutcome::kShare : domain::DecisionOutcome::kNotShare;
  if (n.outcome == domain::DecisionOutcome::kShare) n.share_items = List(d, "share_items");
  auto& r = n.record;
  r.rationale = Str(d, "rationale");
  r.lawful_basis = n.outcome == domain::DecisionOutcome::kShare ? Str(d, "lawful_basis") : "";
  r.special_category_condition = Str(d, "special_category_condition");
  r.sensitive_processing_condition = Str(d, "sensitive_processing_condition");
  r.criminal_offence_condition = Str(d, "criminal_offence_condition");
  r.confidentiality_basis = Str(d, "confidentiality_basis");
  r.consent = Str(d, "consent_record");
  for (const auto& o : n.circumstances->objections) {
    const std::string by(ToString(o));
    r.objections.push_back({by, Str(d, ("objection_" + by).c_str())});
  }
  if (!Str(d, "told").empty()) {
    domain::Informing inf;
    inf.told = Str(d, "told") == "yes";
    inf.told_on = Str(d, "told_on");
    inf.told_by = Str(d, "told_by");
    inf.reason_not_told = Str(d, "reason_not_told");
    r.informing = inf;
  }
  if (!Str(d, "advice_from").empty()) r.advice_sought = domain::AdviceSought{Str(d, "advice_from"), Str(d, "advice_summary")};
  r.departure_reason = Str(d, "departure_reason");
  if (auto it = d.find("mention_reviews"); it != d.end() && it->is_array())
    for (const auto& m : *it)
      if (m.is_object())
        if (auto choice = ParseEnum<domain::MentionChoice>(m.value("choice", "")))
          n.mention_reviews.push_back({m.value("id", ""), *choice, m.value("reason", "")});
  return n;
}

// The advice does not depend on what was decided: asking for it never
// previews a share, so an unfinished decision cannot block the advice.
service::NewDecision AdviceProposalOf(const service::ConcernRecord& record, const json& d) {
  service::NewDecision n = ProposalOf(record, d);
  n.outcome = domain::DecisionOutcome::kNotShare;
  n.share_items.clear();
  n.mention_reviews.clear();
  return n;
}

bool QuestionsAnswered(const json& d) {
  for (const auto& s : kSteps)
    if (Applies(s, d) && std::string(s.key) != "relevant" && !d.contains(s.key)) return false;
  return true;
}

// ---- The advice ----------------------------------------------------------------

std::string AdviceHtml(const g::Assessment& a) {
  const bool share = g::IsShare(a.recommendation);
  std::string out = "<div class=\"jigsaw-advice jigsaw-advice--" + std::string(share ? "share" : "hold") + "\"><h2 class=\"govuk-heading-m\">" +
                    Escape(Label(a.recommendation)) + "</h2>";
  if (a.route != g::Route::kNone) out += "<p class=\"govuk-body\">Where to: " + Escape(Label(a.route)) + ".</p>";
  if (!a.lawful_basis.Empty()) {
    std::string bases;
    for (auto b : a.lawful_basis.List()) bases += "<li>" + Escape(Label(b)) + "</li>";
    out += "<p class=\"govuk-body\">A lawful basis you can rely on:</p><ul class=\"govuk-list govuk-list--bullet\">" + bases + "</ul>";
  }
  out += "<p class=\"govuk-body\">" + Escape(Label(a.inform)) + ".</p></div>";
  out += "<h2 class=\"govuk-heading-m\">Why</h2><ol class=\"govuk-list govuk-list--number jigsaw-reasons\">";
  for (const auto& r : a.reasons)
    out += "<li>" + Escape(r.text) + " <span class=\"govuk-body-s\">(" + Link(r.source, GuidanceHref(r.source)) + ")</span></li>";
  out += "</ol>";
  if (!a.advice.Empty()) {
    out += "<h2 class=\"govuk-heading-m\">Ask for advice</h2><ul class=\"govuk-list govuk-list--bullet\">";
    for (auto who : a.advice.List()) out += "<li>" + Escape(Label(who)) + "</li>";
    out += "</ul><p class=\"govuk-body\">" + Link("Ask someone in your organisation", "/advice/new") + "</p>";
  }
  if (!a.governance.Empty()) {
    out += "<h2 class=\"govuk-heading-m\">Before sharing regularly</h2><ul class=\"govuk-list govuk-list--bullet\">";
    for (auto gv : a.governance.List())
      out += gv == g::Governance::kDpiaRequired ? "<li>A data protection impact assessment is needed.</li>"
                                                : "<li>A data sharing agreement is recommended.</li>";
    out += "</ul>";
  }
  out += "<h2 class=\"govuk-heading-m\">What you must record</h2><ul class=\"govuk-list govuk-list--bullet\">";
  for (auto r : a.must_record.List()) out += "<li>" + Escape(Label(r)) + "</li>";
  out += "</ul>";
  return out;
}

Response AdvicePage(Site& site, Visit& v, const service::ConcernRecord& record, const json& d) {
  auto preview = site.s.sharing.Preview(v.context, AdviceProposalOf(record, d));
  if (!preview) return site.Failure(v, preview.error());
  const std::string base = Base(record.concern.id);
  std::string body = "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">What the advice says</h1>";
  body += Inset("Jigsaw advises; you decide. The advice follows <em>Information sharing: advice for practitioners providing "
                "safeguarding services</em> (HM Government, May 2024).");
  body += AdviceHtml(*preview->assessment);
  body += "<div class=\"govuk-button-group\">" + ButtonLink("Record your decision", base + "/decision") +
          ButtonLink("Change your answers", base + "/" + kSteps[0].key, true) + "</div>";
  const Step* last = PreviousStep(nullptr, d);
  for (const auto& s : kSteps)
    if (Applies(s, d)) last = &s;
  return site.Page(v, {.title = "What the advice says", .body_html = body, .back_href = base + "/" + last->key});
}

// ---- The decision --------------------------------------------------------------

struct DecisionFields {
  const char* name;
  const char* label;
  const char* hint;
  g::Record record;
};

constexpr DecisionFields kConditions[] = {
    {"special_category_condition", "The condition for sharing special category information (such as health)",
     "For example, UK GDPR Article 9(2)(g) and DPA 2018 Schedule 1 paragraph 18, safeguarding of children",
     g::Record::kSpecialCategoryCondition},
    {"sensitive_processing_condition", "The condition for sensitive processing (law enforcement)",
     "DPA 2018 Part 3, section 35, and the Schedule 8 condition", g::Record::kSensitiveProcessingCondition},
    {"criminal_offence_condition", "The condition for sharing information about crime",
     "For example, DPA 2018 Schedule 1 paragraph 18", g::Record::kCriminalOffenceCondition},
    {"confidentiality_basis", "Why setting aside confidentiality is justified",
     "For example, the public interest in protecting the child outweighs the duty of confidence", g::Record::kConfidentialityBasis},
    {"consent_record", "The consent given, and how it was given", "", g::Record::kConsent},
};

// Where the service names a field, the form's name for it.
std::string FormField(std::string field) {
  if (field == "informing") return "told";
  if (field.starts_with("informing.")) return field.substr(10);
  if (field == "advice_sought.from") return "advice_from";
  if (field == "advice_sought.summary") return "advice_summary";
  if (field == "consent") return "consent_record";
  if (field.starts_with("objection_overrides")) return "objections";
  if (field == "share_items") return "share_items";
  return field;
}

Response DecisionPage(Site& site, Visit& v, const service::ConcernRecord& record, const json& d, const Errors& errors) {
  auto preview = site.s.sharing.Preview(v.context, AdviceProposalOf(record, d));
  if (!preview) return site.Failure(v, preview.error());
  const g::Assessment& a = *preview->assessment;
  const std::string base = Base(record.concern.id);
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">Your decision</h1>";
  body += Inset("The advice: <strong>" + Escape(Label(a.recommendation)) + "</strong>. " +
                Link("Read the advice again", base + "/advice"));
  body += FormStart(base + "/decision", v.csrf_token);
  body += Radios({"outcome", "What have you decided?", "", false, ErrorFor(errors, "outcome")},
                 {{"share", "Share the information", "", false}, {"not_share", "Do not share the information", "", false}},
                 Str(d, "outcome"));
  body += Textarea({"rationale", "Why have you decided this?",
                    "Golden rule 7: record your reasons whether or not you share. Write as if explaining to the child's family or a review.",
                    false, ErrorFor(errors, "rationale")},
                   Str(d, "rationale"), 6);
  std::vector<Option> bases = OptionsOf<g::LawfulBasis>();
  for (auto& o : bases)
    if (auto b = ParseEnum<g::LawfulBasis>(o.value); b && a.lawful_basis.Has(*b)) o.hint = "Suggested by the advice";
  body += "<h2 class=\"govuk-heading-m\">If you share</h2>";
  body += Radios({"lawful_basis", "The lawful basis for sharing", "UK GDPR Article 6. Consent is rarely the right basis when a child is at risk.",
                  false, ErrorFor(errors, "lawful_basis")},
                 bases, Str(d, "lawful_basis"));
  for (const auto& c : kConditions)
    if (a.must_record.Has(c.record))
      body += Textarea({c.name, c.label, c.hint, false, ErrorFor(errors, c.name)}, Str(d, c.name), 2);
  const auto objections = List(d, "objections");
  for (const auto& o : objections) {
    auto by = ParseEnum<g::Objector>(o);
    if (!by) continue;
    const std::string name = "objection_" + o;
    body += Textarea({name, "Why share despite the objection? (" + std::string(Label(*by)) + ")", "", false,
                      ErrorFor(errors, name).empty() ? ErrorFor(errors, "objections") : ErrorFor(errors, name)},
                     Str(d, name.c_str()), 3);
  }
  body += Radios({"told", "Have you told the child and family about sharing?", "Golden rule 2", false, ErrorFor(errors, "told")},
                 {{"yes", "Yes", "", false}, {"no", "No", "", false}}, Str(d, "told"), true);
  body += TextInput({"told_on", "If yes, the date you told them", "For example, 2026-11-24", false, ErrorFor(errors, "told_on")},
                    Str(d, "told_on"), "govuk-input--width-10");
  body += TextInput({"told_by", "If yes, who told them", "", false, ErrorFor(errors, "told_by")}, Str(d, "told_by"),
                    "govuk-!-width-one-half");
  body += Textarea({"reason_not_told", "If not, why not", "For example, telling them could put the child at more risk", false,
                    ErrorFor(errors, "reason_not_told")},
                   Str(d, "reason_not_told"), 3);
  const bool advice_needed = a.must_record.Has(g::Record::kAdviceSought);
  body += "<h2 class=\"govuk-heading-m\">Advice" + std::string(advice_needed ? "" : " (optional)") + "</h2>";
  body += TextInput({"advice_from", "Whose advice did you ask?", "For example, our designated safeguarding lead", false,
                     ErrorFor(errors, "advice_from")},
                    Str(d, "advice_from"), "govuk-!-width-two-thirds");
  body += Textarea({"advice_summary", "What did they advise?", "", false, ErrorFor(errors, "advice_summary")},
                   Str(d, "advice_summary"), 3);
  body += Textarea({"departure_reason", "If your decision differs from the advice, why?", "", false, ErrorFor(errors, "departure_reason")},
                   Str(d, "departure_reason"), 3);
  body += Button("Continue") + "</form>";
  return site.Page(v, {.title = "Your decision", .body_html = body, .back_href = base + "/advice", .has_errors = !errors.empty()});
}

// ---- Choosing what to send, beside what the recipient will see ------------------

}  // namespace

std::string RecipientViewHtml(const service::RecipientView& v) {
  std::string out;
  if (v.child) {
    const auto& c = *v.child;
    std::vector<SummaryRow> rows = {{"Name", Escape(c.given_name + " " + c.family_name), "", ""},
                                    {"Date of birth", Escape(DisplayIsoDate(c.date_of_birth)), "", ""}};
    if (!c.nhs_number.empty()) rows.push_back({"NHS number", Escape(c.nhs_number), "", ""});
    if (!c.address.empty() || !c.postcode.empty()) rows.push_back({"Address", MarkWithheld(AddressHtml(c.address, c.postcode)), "", ""});
    out += SummaryList(rows);
  }
  out += "<p class=\"govuk-body-s\">Shared by " + Escape(v.sharer_practitioner) + ", " + Escape(v.sharer_organisation) +
         (v.lawful_basis ? ". Lawful basis: " + Escape(Label(*v.lawful_basis)) : std::string()) + ".</p>";
  if (v.family_told && !*v.family_told)
    out += Warning("The child and family have not been told about this sharing. Do not tell them without talking to " +
                   v.sharer_practitioner + " at " + v.sharer_organisation + " first.");
  if (v.items.empty()) out += "<p class=\"govuk-body\">No information is chosen.</p>";
  for (const auto& i : v.items) {
    out += "<div class=\"jigsaw-item\">" + MarkWithheld(Paragraphs(i.text)) + "<p class=\"govuk-body-s\">" +
           Escape(Label(i.accuracy)) + ". From " + MarkWithheld(Escape(i.source)) +
           (i.date.empty() ? "" : ", " + Escape(DisplayIsoDate(i.date))) +
           (i.about_name ? ". About " + MarkWithheld(Escape(*i.about_name)) : std::string()) + ".</p></div>";
  }
  if (v.redactions > 0)
    out += "<p class=\"govuk-body\">" + Tag(std::to_string(v.redactions) + (v.redactions == 1 ? " detail withheld" : " details withheld"), Colour::kPurple) +
           " to protect people who could be harmed if they were identified.</p>";
  return out;
}

namespace {

Response ItemsPage(Site& site, Visit& v, const service::ConcernRecord& record, json& d, const Errors& errors) {
  auto proposal = ProposalOf(record, d);
  // The assessment does not depend on the outcome; with nothing chosen the
  // preview is of sending nothing.
  proposal.outcome = proposal.share_items.empty() ? domain::DecisionOutcome::kNotShare : domain::DecisionOutcome::kShare;
  auto preview = site.s.sharing.Preview(v.context, proposal);
  if (!preview) return site.Failure(v, preview.error());
  const std::string base = Base(record.concern.id);
  std::vector<Option> options;
  for (const auto& i : record.items) {
    std::string hint = std::string(Label(i.accuracy)) + ". From " + i.source;
    for (const auto& advice : preview->assessment->items)
      if (advice.id == i.id && !advice.share) hint += ". The advice is not to share this";
    options.push_back({i.id, i.text.size() > 200 ? i.text.substr(0, 197) + "..." : i.text, hint, false});
  }
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">Choose what to send</h1>";
  body += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">" + FormStart(base + "/items", v.csrf_token) +
          Checkboxes({"share_items", "Information to send", "Only what they need. Protected identities are withheld automatically.",
                      false, ErrorFor(errors, "share_items")},
                     options, List(d, "share_items")) +
          "<div class=\"govuk-button-group\">" + Button("Continue", false, "action", "continue") +
          Button("Update the preview", true, "action", "preview") + "</div></form></div>";
  body += "<div class=\"govuk-grid-column-one-half\"><div class=\"jigsaw-preview\" aria-labelledby=\"preview-heading\" role=\"region\">"
          "<h2 class=\"govuk-heading-m\" id=\"preview-heading\">What they will see</h2>" +
          (preview->recipient_view ? RecipientViewHtml(*preview->recipient_view)
                                   : "<p class=\"govuk-body\">No information is chosen.</p>") +
          "</div></div></div>";
  return site.Page(v, {.title = "Choose what to send", .body_html = body, .back_href = base + "/decision",
                       .has_errors = !errors.empty(), .wide = true});
}

// ---- Reviewing mentions of protected people ------------------------------------

// The mentions in what would be sent, every one (reviewed or not), for the
// review page: the preview without the reviews so far.
Result<std::vector<service::MentionForReview>> AllMentions(Site& site, Visit& v, const service::ConcernRecord& record,
                                                           const json& d) {
  auto proposal = ProposalOf(record, d);
  proposal.mention_reviews.clear();
  auto preview = JIGSAW_TRY(site.s.sharing.Preview(v.context, proposal));
  return std::move(preview.mentions);
}

Response ReviewPage(Site& site, Visit& v, const service::ConcernRecord& record, const json& d, const Errors& errors) {
  auto mentions = AllMentions(site, v, record, d);
  if (!mentions) return site.Failure(v, mentions.error());
  const std::string base = Base(record.concern.id);
  if (mentions->empty()) return Redirect(base + "/check");
  const auto proposal = ProposalOf(record, d);
  std::string body = ErrorSummary(errors) +
                     "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">"
                     "Check these mentions of protected people</h1>";
  body += Warning("What you are sending seems to name someone your organisation protects (golden rule 5). They are not "
                  "recorded as connected to this child, so Jigsaw has not withheld them. Withhold each mention, or say why "
                  "it may be shared.");
  body += FormStart(base + "/review", v.csrf_token);
  for (std::size_t i = 0; i < mentions->size(); ++i) {
    const auto& m = (*mentions)[i];
    const std::string name = "mention_" + std::to_string(i);
    std::string chosen, reason;
    for (const auto& r : proposal.mention_reviews)
      if (r.mention_id == m.id) {
        chosen = std::string(ToString(r.choice));
        reason = r.reason;
      }
    std::string item_source;
    for (const auto& item : record.items)
      if (item.id == m.item_id) item_source = item.source;
    body += "<div class=\"jigsaw-mention\"><h2 class=\"govuk-heading-m\">Mention " + std::to_string(i + 1) + " of " +
            std::to_string(mentions->size()) + "</h2><p class=\"govuk-body\">In the " +
            (m.field == "source" ? std::string("source") : std::string("text")) + " of the information from " +
            Escape(item_source) + ":</p><blockquote class=\"govuk-inset-text jigsaw-excerpt\">" +
            Escape(m.before) + "<mark class=\"jigsaw-mention__match\">" + Escape(m.match) + "</mark>" + Escape(m.after) +
            "</blockquote><p class=\"govuk-body\">This may be " + Escape(m.person_name) + ", whose identity is protected.</p>";
    body += "<input type=\"hidden\" name=\"" + name + "_id\" value=\"" + Escape(m.id) + "\">";
    body += Radios({name, "What should happen to this mention?", "", false, ErrorFor(errors, name)},
                   {{"withhold", "Withhold it", "The recipient will see [name withheld]", false},
                    {"release", "It may be shared", "For example, it is someone else with the same name", false}},
                   chosen);
    body += Textarea({name + "_reason", "If it may be shared, why?", "Golden rule 7: record the reason.", false,
                      ErrorFor(errors, name + "_reason")},
                     reason, 2) +
            "</div>";
  }
  body += Button("Continue") + "</form>";
  return site.Page(v, {.title = "Check these mentions of protected people", .body_html = body,
                       .back_href = base + "/items", .has_errors = !errors.empty()});
}

// ---- Check your answers, and done -----------------------------------------------

std::string Answer(const Step& s, const json& d, const service::ConcernRecord& record,
                   const std::vector<domain::Organisation>& orgs) {
  const std::string key = s.key;
  if (key == "recipient") {
    for (const auto& o : orgs)
      if (o.id == Str(d, "recipient")) return Escape(o.name);
    return "";
  }
  if (key == "answering")
    return Str(d, "answering") == "none" ? "No" : "Yes. " + Escape(Str(d, "answering_label"));
  if (key == "purpose") return Escape(ParseEnum<g::Purpose>(Str(d, "purpose")).transform([](auto x) { return std::string(Label(x)); }).value_or(""));
  if (key == "risk") return Escape(ParseEnum<g::Risk>(Str(d, "risk")).transform([](auto x) { return std::string(Label(x)); }).value_or(""));
  if (key == "consent") return Escape(ParseEnum<g::Consent>(Str(d, "consent")).transform([](auto x) { return std::string(Label(x)); }).value_or(""));
  if (key == "frequency") return Str(d, "frequency") == "regular" ? "Regularly" : "A one-off";
  if (key == "objections") {
    std::string out;
    for (const auto& o : List(d, "objections"))
      out += (out.empty() ? "" : ", ") + (o == "none" ? std::string("No one") : ParseEnum<g::Objector>(o).transform([](auto x) { return std::string(Label(x)); }).value_or(o));
    return Escape(out);
  }
  if (key == "informing") {
    const std::string i = Str(d, "informing");
    return i == "safe" ? "Yes" : i == "risk_to_child" ? "No, it could put the child at more risk"
                       : i == "investigation"   ? "No, it could harm an investigation" : "No, it is not practical";
  }
  if (key == "relevant") return std::to_string(List(d, "relevant").size()) + " of " + std::to_string(record.items.size());
  return Str(d, s.key) == "yes" ? "Yes" : "No";
}

Response CheckPage(Site& site, Visit& v, const service::ConcernRecord& record, const json& d, const Errors& errors) {
  const std::string base = Base(record.concern.id);
  auto orgs = site.s.administration.ListOrganisations(v.context);
  if (!orgs) return site.Failure(v, orgs.error());
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">Check your answers before you confirm</h1>";
  std::vector<SummaryRow> facts;
  for (const auto& s : kSteps)
    if (Applies(s, d)) facts.push_back({s.question, Answer(s, d, record, *orgs), base + "/" + s.key, ""});
  body += "<h2 class=\"govuk-heading-m\">The situation</h2>" + SummaryList(facts);
  const bool share = Str(d, "outcome") == "share";
  std::vector<SummaryRow> decision = {
      {"Your decision", share ? "Share the information" : "Do not share the information", base + "/decision", "your decision"},
      {"Your reasons", Paragraphs(Str(d, "rationale")), base + "/decision", "your reasons"}};
  if (share) {
    decision.push_back({"Lawful basis", Escape(ParseEnum<g::LawfulBasis>(Str(d, "lawful_basis")).transform([](auto x) { return std::string(Label(x)); }).value_or("")),
                        base + "/decision", "the lawful basis"});
    std::string chosen;
    for (const auto& id : List(d, "share_items"))
      for (const auto& i : record.items)
        if (i.id == id) chosen += "<li>" + Escape(i.text.size() > 120 ? i.text.substr(0, 117) + "..." : i.text) + "</li>";
    decision.push_back({"Information to send", "<ul class=\"govuk-list govuk-list--bullet\">" + chosen + "</ul>", base + "/items",
                        "the information to send"});
  }
  const std::string told = Str(d, "told");
  decision.push_back({"Child and family told", told == "yes" ? "Yes, on " + Escape(DisplayIsoDate(Str(d, "told_on"))) + " by " + Escape(Str(d, "told_by"))
                                               : told == "no" ? "No: " + Escape(Str(d, "reason_not_told")) : "",
                      base + "/decision", "whether they were told"});
  if (!Str(d, "advice_from").empty())
    decision.push_back({"Advice", Escape(Str(d, "advice_from")) + ": " + Escape(Str(d, "advice_summary")), base + "/decision", "the advice"});
  if (!Str(d, "departure_reason").empty())
    decision.push_back({"Why it differs from the advice", Paragraphs(Str(d, "departure_reason")), base + "/decision", "why it differs"});
  body += "<h2 class=\"govuk-heading-m\">Your decision</h2>" + SummaryList(decision);
  body += "<h2 class=\"govuk-heading-m\">Now confirm</h2><p class=\"govuk-body\">Your decision and reasons are recorded and cannot be "
          "changed afterwards; a correction is recorded alongside them." +
          std::string(share ? " The information is sent at once." : "") + "</p>";
  body += FormStart(base + "/check", v.csrf_token) + Button(share ? "Confirm and share" : "Confirm and record") + "</form>";
  return site.Page(v, {.title = "Check your answers", .body_html = body,
                       .back_href = share ? base + "/items" : base + "/decision", .has_errors = !errors.empty()});
}

Result<service::ConcernRecord> ConcernFor(Site& site, Visit& v) {
  return site.s.casework.GetConcern(v.context, std::string(v.request.PathParam("id")));
}

}  // namespace

void AddSharePages(Site& site) {
  site.Get("/concerns/{id}/share", [&site](Visit& v) {
    return Redirect("/concerns/" + std::string(v.request.PathParam("id")) + "/share/" + kSteps[0].key);
  });

  site.Get("/concerns/{id}/share/advice", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    const json d = LoadDraft(site, v, record->concern.id);
    if (!QuestionsAnswered(d)) return Redirect(Base(record->concern.id) + "/" + kSteps[0].key);
    return AdvicePage(site, v, *record, d);
  });

  site.Get("/concerns/{id}/share/decision", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    const json d = LoadDraft(site, v, record->concern.id);
    if (!QuestionsAnswered(d)) return Redirect(Base(record->concern.id) + "/" + kSteps[0].key);
    return DecisionPage(site, v, *record, d, {});
  });
  site.Post("/concerns/{id}/share/decision", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    json d = LoadDraft(site, v, record->concern.id);
    for (const char* key : {"outcome", "rationale", "lawful_basis", "told", "told_on", "told_by", "reason_not_told", "advice_from",
                            "advice_summary", "departure_reason"})
      d[key] = v.form.Get(key);
    for (const auto& c : kConditions) d[c.name] = v.form.Get(c.name);
    for (const auto& o : List(d, "objections")) d["objection_" + o] = v.form.Get("objection_" + o);
    Errors errors;
    if (Str(d, "outcome").empty()) errors.push_back({"outcome", "Select what you have decided"});
    if (Str(d, "rationale").empty()) errors.push_back({"rationale", "Enter why you have decided this"});
    if (Str(d, "outcome") == "share") {
      if (Str(d, "lawful_basis").empty()) errors.push_back({"lawful_basis", "Select the lawful basis for sharing"});
      if (Str(d, "told").empty()) errors.push_back({"told", "Select whether you have told the child and family"});
      if (Str(d, "told") == "no" && Str(d, "reason_not_told").empty())
        errors.push_back({"reason_not_told", "Enter why you have not told them"});
      if (Str(d, "told") == "yes" && !domain::ParseDate(Str(d, "told_on")))
        errors.push_back({"told_on", "Enter the date you told them, like 2026-11-24"});
      if (Str(d, "told") == "yes" && Str(d, "told_by").empty()) errors.push_back({"told_by", "Enter who told them"});
    }
    if (auto saved = SaveDraft(site, v, record->concern.id, d); !saved) return site.Failure(v, saved.error());
    if (!errors.empty()) return DecisionPage(site, v, *record, d, errors);
    // Default the items to send to the advice's choice the first time.
    if (Str(d, "outcome") == "share") {
      if (!d.contains("share_items")) {
        if (auto preview = site.s.sharing.Preview(v.context, AdviceProposalOf(*record, d))) {
          json items = json::array();
          for (const auto& advice : preview->assessment->items)
            if (advice.share) items.push_back(advice.id);
          d["share_items"] = items;
          (void)SaveDraft(site, v, record->concern.id, d);
        }
      }
      return Redirect(Base(record->concern.id) + "/items");
    }
    return Redirect(Base(record->concern.id) + "/check");
  });

  site.Get("/concerns/{id}/share/items", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    json d = LoadDraft(site, v, record->concern.id);
    if (!QuestionsAnswered(d)) return Redirect(Base(record->concern.id) + "/" + kSteps[0].key);
    return ItemsPage(site, v, *record, d, {});
  });
  site.Post("/concerns/{id}/share/items", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    json d = LoadDraft(site, v, record->concern.id);
    d["share_items"] = v.form.All("share_items");
    if (auto saved = SaveDraft(site, v, record->concern.id, d); !saved) return site.Failure(v, saved.error());
    if (v.form.Get("action") == "preview") return Redirect(Base(record->concern.id) + "/items");
    if (List(d, "share_items").empty())
      return ItemsPage(site, v, *record, d, {{"share_items", "Select the information to send, or go back and decide not to share"}});
    auto mentions = AllMentions(site, v, *record, d);
    if (!mentions) return site.Failure(v, mentions.error());
    return Redirect(Base(record->concern.id) + (mentions->empty() ? "/check" : "/review"));
  });

  site.Get("/concerns/{id}/share/review", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    const json d = LoadDraft(site, v, record->concern.id);
    if (!QuestionsAnswered(d)) return Redirect(Base(record->concern.id) + "/" + kSteps[0].key);
    return ReviewPage(site, v, *record, d, {});
  });
  site.Post("/concerns/{id}/share/review", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    json d = LoadDraft(site, v, record->concern.id);
    json reviews = json::array();
    Errors errors;
    for (std::size_t i = 0; i < 1000; ++i) {
      const std::string name = "mention_" + std::to_string(i);
      const std::string id = v.form.Get(name + "_id");
      if (id.empty()) break;
      const std::string choice = v.form.Get(name);
      const std::string reason = v.form.Get(name + "_reason");
      if (choice != "withhold" && choice != "release") {
        errors.push_back({name, "Select whether to withhold mention " + std::to_string(i + 1)});
        continue;
      }
      if (choice == "release" && !domain::HasWords(reason))
        errors.push_back({name + "_reason", "Enter why mention " + std::to_string(i + 1) + " may be shared"});
      reviews.push_back({{"id", id}, {"choice", choice}, {"reason", reason}});
    }
    d["mention_reviews"] = reviews;
    if (auto saved = SaveDraft(site, v, record->concern.id, d); !saved) return site.Failure(v, saved.error());
    if (!errors.empty()) return ReviewPage(site, v, *record, d, errors);
    return Redirect(Base(record->concern.id) + "/check");
  });

  site.Get("/concerns/{id}/share/check", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    const json d = LoadDraft(site, v, record->concern.id);
    if (!QuestionsAnswered(d)) return Redirect(Base(record->concern.id) + "/" + kSteps[0].key);
    if (Str(d, "outcome").empty()) return Redirect(Base(record->concern.id) + "/decision");
    if (Str(d, "outcome") == "share") {
      // Nothing is sent with a mention of a protected person nobody reviewed.
      auto preview = site.s.sharing.Preview(v.context, ProposalOf(*record, d));
      if (!preview) return site.Failure(v, preview.error());
      if (!preview->mentions.empty()) return Redirect(Base(record->concern.id) + "/review");
    }
    return CheckPage(site, v, *record, d, {});
  });
  site.Post("/concerns/{id}/share/check", [&site](Visit& v) {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    const json d = LoadDraft(site, v, record->concern.id);
    if (!QuestionsAnswered(d)) return Redirect(Base(record->concern.id) + "/" + kSteps[0].key);
    auto decided = site.s.sharing.Decide(v.context, ProposalOf(*record, d));
    if (!decided && decided.error().field == "information_request_id") {
      // Someone answered the request while this decision was being made:
      // ask again which request (if any) this answers.
      json fresh = d;
      fresh.erase("answering");
      if (auto saved = SaveDraft(site, v, record->concern.id, fresh); !saved) return site.Failure(v, saved.error());
      return QuestionPage(site, v, *record, *FindStep("answering"), fresh, {}, decided.error().message);
    }
    if (!decided) {
      if (decided.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, decided.error());
      // The record lacks a part the advice says to keep: say which, on the
      // page where it is entered.
      Errors errors{{FormField(decided.error().field), decided.error().message}};
      if (errors.front().field == "share_items") return ItemsPage(site, v, *record, const_cast<json&>(d), errors);
      if (errors.front().field.starts_with("mention_reviews")) return ReviewPage(site, v, *record, d, {{"mention_0", decided.error().message}});
      return DecisionPage(site, v, *record, d, errors);
    }
    (void)site.s.drafts.Discard(v.context, Subject(record->concern.id));
    return Redirect("/decisions/" + decided->decision.id + "/done");
  });

  // The questions, one page each.
  site.Get("/concerns/{id}/share/{step}", [&site](Visit& v) {
    const Step* s = FindStep(v.request.PathParam("step"));
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    if (!s) return site.Failure(v, NotFound("No such question").error());
    const json d = LoadDraft(site, v, record->concern.id);
    return QuestionPage(site, v, *record, *s, d, Chosen(*s, d), "");
  });
  site.Post("/concerns/{id}/share/{step}", [&site](Visit& v) {
    const Step* s = FindStep(v.request.PathParam("step"));
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    if (!s) return site.Failure(v, NotFound("No such question").error());
    json d = LoadDraft(site, v, record->concern.id);
    auto options = OptionsFor(site, v, *s, *record, d);
    if (!options) return site.Failure(v, options.error());
    std::vector<std::string> chosen;
    for (const auto& value : v.form.All(s->key))
      for (const auto& o : *options)
        if (o.value == value) chosen.push_back(value);
    const std::string key = s->key;
    if (key == "objections" && chosen.size() > 1 && std::find(chosen.begin(), chosen.end(), "none") != chosen.end())
      return QuestionPage(site, v, *record, *s, d, chosen, "Select who objected, or 'No one has objected', not both");
    if (chosen.empty() && key != "relevant") return QuestionPage(site, v, *record, *s, d, chosen, s->if_missing);
    if (s->kind == Kind::kCheckboxes) {
      d[key] = chosen;
    } else {
      d[key] = chosen.front();
    }
    if (key == "recipient") {
      // Whether to ask which of their requests this answers; an answer
      // chosen for another recipient no longer applies.
      auto open = OpenRequestsFrom(site, v, Str(d, "recipient"));
      if (!open) return site.Failure(v, open.error());
      d["answerable"] = !open->empty();
      const std::string answering = Str(d, "answering");
      if (answering != "none" && std::none_of(open->begin(), open->end(), [&](const auto& r) { return r.id == answering; }))
        d.erase("answering");
    }
    if (key == "answering")
      for (const auto& o : *options)
        if (o.value == chosen.front()) d["answering_label"] = o.label;
    if (auto saved = SaveDraft(site, v, record->concern.id, d); !saved) return site.Failure(v, saved.error());
    const Step* next = NextStep(s, d);
    return Redirect(Base(record->concern.id) + "/" + (next ? next->key : "advice"));
  });

  site.Get("/decisions/{id}/done", [&site](Visit& v) {
    auto view = site.s.sharing.GetDecision(v.context, std::string(v.request.PathParam("id")));
    if (!view) return site.Failure(v, view.error());
    const bool shared = view->decision.outcome == domain::DecisionOutcome::kShare;
    std::string body = Panel(shared ? "Information shared" : "Decision recorded",
                             shared ? "Your decision and reasons are recorded" : "Your reasons for not sharing are recorded");
    body += "<h2 class=\"govuk-heading-m\">What happens next</h2>";
    if (shared)
      body += "<p class=\"govuk-body\">They are asked to confirm they have it by the end of the next working day, and to tell you "
              "what they did with it. You will see their feedback on your home page.</p>";
    else
      body += "<p class=\"govuk-body\">If things change, or someone gives you new information, you can decide again.</p>";
    body += "<p class=\"govuk-body\">" + Link("See the decision", "/decisions/" + view->decision.id) + "</p><p class=\"govuk-body\">" +
            Link("Go to what needs you", "/") + "</p>";
    return site.Page(v, {.title = shared ? "Information shared" : "Decision recorded", .body_html = body});
  });
}

}  // namespace jigsaw::http::web
