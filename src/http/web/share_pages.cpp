// "Should I share?": one question per page, the engine's advice in plain
// English with the passages it rests on, the decision and its record, the
// choice of what to send beside exactly what the recipient will see, the
// review of any mention of a protected person, a check of the answers, and
// the confirmation. Answers between pages are a typed ShareDraft kept
// sealed in the store (service::Drafts), never in the URL. The questions
// are a table: each row carries its own options, reading and writing.
// Whether a record is complete is the service's to say (golden rule 7):
// the pages show every problem it reports, together.
#include "guidance/sources.h"
#include "http/web/labels.h"
#include "http/web/pages.h"
#include "http/web/share_draft.h"

namespace jigsaw::http::web {
namespace {

namespace g = guidance;

std::string Subject(const std::string& concern_id) { return "share:" + concern_id; }
std::string Base(const std::string& concern_id) { return "/concerns/" + concern_id + "/share"; }

ShareDraft LoadShareDraft(Site& site, Visit& v, const std::string& concern_id) {
  auto text = site.s.drafts.Load(v.context, Subject(concern_id));
  if (!text || text->empty()) return {};
  return ShareDraftFromJson(*text);
}

Status SaveDraft(Site& site, Visit& v, const std::string& concern_id, const ShareDraft& draft) {
  return site.s.drafts.Save(v.context, Subject(concern_id), ToJson(draft));
}

Result<service::ConcernRecord> ConcernFor(Site& site, Visit& v) {
  return site.s.casework.GetConcern(v.context, std::string(v.request.PathParam("id")));
}

std::string Shorten(const std::string& text, std::size_t most) {
  if (text.size() <= most) return text;
  std::size_t at = most - 3;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return text.substr(0, at) + "...";
}

// Record ids are 32 lower-case hex digits (common/random.h NewId).
bool IsId(std::string_view s) {
  return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string YesNo(const std::optional<bool>& b) { return !b ? "" : *b ? "yes" : "no"; }

template <typename E>
std::string Named(const std::optional<E>& e) {
  return e ? std::string(ToString(*e)) : std::string();
}

const std::vector<Option> kYesNo = {{"yes", "Yes", "", false}, {"no", "No", "", false}};

// The recipient's requests to the visitor's organisation still waiting for an answer.
Result<std::vector<domain::InformationRequest>> OpenRequestsFrom(Site& site, Visit& v, const std::string& organisation_id) {
  auto received = site.s.requests.InformationRequests(v.context, true);
  // Someone whose role cannot see the organisation's requests is simply not asked.
  if (!received && received.error().code == ErrorCode::kPermissionDenied) return std::vector<domain::InformationRequest>{};
  std::vector<domain::InformationRequest> out;
  for (auto& r : JIGSAW_TRY(std::move(received)))
    if (r.requester_organisation_id == organisation_id && !domain::IsDecided(r.status)) out.push_back(std::move(r));
  return out;
}

// ---- The questions -----------------------------------------------------------

enum class Kind { kRadios, kCheckboxes };

// What a question page needs to know besides its answer.
struct Ask {
  Site& site;
  Visit& v;
  const service::ConcernRecord& record;
};

struct Step {
  const char* key;       // the page's address
  const char* question;  // the page heading and title
  const char* hint;
  Kind kind;
  const char* if_missing;
  bool (*applies)(const ShareDraft&);
  Result<std::vector<Option>> (*options)(Ask&, const ShareDraft&);
  std::vector<std::string> (*chosen)(const ShareDraft&);
  // Writes the answer into the draft; returns the problems with it (the
  // page shows them all). `form` holds any further fields the page asked.
  Errors (*answer)(Ask&, ShareDraft&, const std::vector<std::string>&, const Form&);
  // Further fields on the page (the date the family were told).
  std::string (*more)(const ShareDraft&, const Errors&);
  // The answer as the check page shows it.
  std::string (*summary)(Ask&, const ShareDraft&);
};

bool Always(const ShareDraft&) { return true; }
bool Answerable(const ShareDraft& d) { return d.answerable; }

std::string NoMore(const ShareDraft&, const Errors&) { return {}; }

std::vector<std::string> One(std::string value) {
  return value.empty() ? std::vector<std::string>{} : std::vector<std::string>{std::move(value)};
}

template <typename E>
std::string LabelOf(const std::optional<E>& e) {
  return e ? Escape(Label(*e)) : std::string();
}

// -- recipient
Result<std::vector<Option>> RecipientOptions(Ask& a, const ShareDraft&) {
  std::vector<Option> out;
  for (const auto& o : JIGSAW_TRY(a.site.s.administration.ListOrganisations(a.v.context)))
    if (o.id != a.v.who.actor.organisation_id) out.push_back({o.id, o.name, "", false});
  return out;
}
Errors RecipientAnswer(Ask& a, ShareDraft& d, const std::vector<std::string>& c, const Form&) {
  d.recipient = c.front();
  // Whether to ask which of their requests this answers; an answer chosen
  // for another recipient no longer applies.
  auto open = OpenRequestsFrom(a.site, a.v, d.recipient);
  d.answerable = open && !open->empty();
  if (d.answering && *d.answering != "none" &&
      (!open || std::none_of(open->begin(), open->end(), [&](const auto& r) { return r.id == *d.answering; })))
    d.answering.reset();
  return {};
}
std::string RecipientSummary(Ask& a, const ShareDraft& d) {
  if (auto orgs = a.site.s.administration.ListOrganisations(a.v.context))
    for (const auto& o : *orgs)
      if (o.id == d.recipient) return Escape(o.name);
  return "";
}

// -- answering
Result<std::vector<Option>> AnsweringOptions(Ask& a, const ShareDraft& d) {
  std::vector<Option> out;
  for (const auto& r : JIGSAW_TRY(OpenRequestsFrom(a.site, a.v, d.recipient))) {
    std::string about = "About " + r.child_given_name + " " + r.child_family_name;
    if (!r.child_date_of_birth.empty()) about += ", born " + DisplayIsoDate(r.child_date_of_birth);
    out.push_back({r.id, "Their request of " + DisplayTime(r.created_at) + ": " + Shorten(r.needed, 120), about, false});
  }
  out.push_back({"none", "No, I am not answering a request", "", true});
  return out;
}
Errors AnsweringAnswer(Ask& a, ShareDraft& d, const std::vector<std::string>& c, const Form&) {
  d.answering = c.front();
  auto options = AnsweringOptions(a, d);
  if (options)
    for (const auto& o : *options)
      if (o.value == c.front()) d.answering_label = o.label;
  return {};
}

// -- purpose, legal, frequency, consent, uncertain
// (Whether an agreement and a DPIA are in place is not asked: Jigsaw finds
// them, and the advice page shows what it found.)
template <typename E, std::optional<E> ShareDraft::*kField>
std::vector<std::string> EnumChosen(const ShareDraft& d) { return One(Named(d.*kField)); }
template <typename E, std::optional<E> ShareDraft::*kField>
Errors EnumAnswer(Ask&, ShareDraft& d, const std::vector<std::string>& c, const Form&) {
  d.*kField = ParseEnum<E>(c.front());
  return {};
}
template <typename E, std::optional<E> ShareDraft::*kField>
std::string EnumSummary(Ask&, const ShareDraft& d) { return LabelOf(d.*kField); }
template <typename E>
Result<std::vector<Option>> EnumOptions(Ask&, const ShareDraft&) { return OptionsOf<E>(); }

template <std::optional<bool> ShareDraft::*kField>
std::vector<std::string> FlagChosen(const ShareDraft& d) { return One(YesNo(d.*kField)); }
template <std::optional<bool> ShareDraft::*kField>
Errors FlagAnswer(Ask&, ShareDraft& d, const std::vector<std::string>& c, const Form&) {
  d.*kField = c.front() == "yes";
  return {};
}
template <std::optional<bool> ShareDraft::*kField>
std::string FlagSummary(Ask&, const ShareDraft& d) { return !(d.*kField) ? "" : *(d.*kField) ? "Yes" : "No"; }
Result<std::vector<Option>> YesNoOptions(Ask&, const ShareDraft&) { return kYesNo; }

Result<std::vector<Option>> FrequencyOptions(Ask&, const ShareDraft&) {
  return std::vector<Option>{{"one_off", "A one-off", "", false}, {"regular", "Regularly", "", false}};
}
std::string FrequencySummary(Ask&, const ShareDraft& d) {
  return !d.frequency ? "" : *d.frequency == g::Frequency::kRegular ? "Regularly" : "A one-off";
}

// -- objections
Result<std::vector<Option>> ObjectionOptions(Ask&, const ShareDraft&) {
  auto o = OptionsOf<g::Objector>();
  o.push_back({"none", "No one has objected", "", true});
  return o;
}
std::vector<std::string> ObjectionsChosen(const ShareDraft& d) {
  if (!d.objections) return {};
  if (d.objections->empty()) return {"none"};
  std::vector<std::string> out;
  for (auto o : *d.objections) out.emplace_back(ToString(o));
  return out;
}
Errors ObjectionsAnswer(Ask&, ShareDraft& d, const std::vector<std::string>& c, const Form&) {
  if (c.size() > 1 && std::find(c.begin(), c.end(), "none") != c.end())
    return {{"objections", "Select who objected, or 'No one has objected', not both"}};
  d.objections.emplace();
  for (const auto& x : c)
    if (auto by = ParseEnum<g::Objector>(x)) d.objections->push_back(*by);
  return {};
}
std::string ObjectionsSummary(Ask&, const ShareDraft& d) {
  if (!d.objections) return "";
  if (d.objections->empty()) return "No one";
  std::string out;
  for (auto o : *d.objections) out += (out.empty() ? "" : ", ") + std::string(Label(o));
  return Escape(out);
}

// -- family (golden rule 2, asked once)
Result<std::vector<Option>> FamilyOptions(Ask&, const ShareDraft&) {
  return std::vector<Option>{
      {"told", "Yes, I have told them", "", false},
      {"will_tell", "Not yet, but it is safe to tell them and I will", "", false},
      {"risk_to_child", "No, telling them could put the child at more risk", "", false},
      {"investigation", "No, it could harm a police investigation", "", false},
      {"not_practical", "No, it is not practical", "For example, they cannot be reached", false}};
}
std::vector<std::string> FamilyChosen(const ShareDraft& d) {
  if (!d.family) return {};
  static const char* names[] = {"told", "will_tell", "risk_to_child", "investigation", "not_practical"};
  return {names[static_cast<int>(*d.family)]};
}
Errors FamilyAnswer(Ask& a, ShareDraft& d, const std::vector<std::string>& c, const Form& form) {
  static const std::pair<const char*, FamilyTold> values[] = {
      {"told", FamilyTold::kTold}, {"will_tell", FamilyTold::kWillTell}, {"risk_to_child", FamilyTold::kRiskToChild},
      {"investigation", FamilyTold::kInvestigation}, {"not_practical", FamilyTold::kNotPractical}};
  for (const auto& [name, value] : values)
    if (c.front() == name) d.family = value;
  d.told_day = form.Get("told_on-day");
  d.told_month = form.Get("told_on-month");
  d.told_year = form.Get("told_on-year");
  d.told_by = form.Get("told_by");
  if (d.family != FamilyTold::kTold) return {};
  Errors errors;
  const std::string on = d.ToldOn();
  if (on.empty()) errors.push_back({"told_on", "Enter the date you told them"});
  else if (on == "?") errors.push_back({"told_on", "The date you told them must be a real date, like 24 11 2026"});
  else if (domain::IsAfter(*domain::ParseDate(on), a.site.s.clock.Now()))
    errors.push_back({"told_on", "The date you told them must be today or in the past"});
  if (!domain::HasWords(d.told_by)) errors.push_back({"told_by", "Enter who told them"});
  return errors;
}
std::string FamilyMore(const ShareDraft& d, const Errors& errors) {
  return "<h2 class=\"govuk-heading-s\">If you have told them</h2>" +
         DateInput({"told_on", "When did you tell them?", "For example, 24 11 2026", false, ErrorFor(errors, "told_on")},
                   d.told_day, d.told_month, d.told_year) +
         TextInput({"told_by", "Who told them?", "", false, ErrorFor(errors, "told_by")}, d.told_by, "govuk-!-width-one-half");
}
std::string FamilySummary(Ask&, const ShareDraft& d) {
  if (!d.family) return "";
  switch (*d.family) {
    case FamilyTold::kTold: return "Yes, on " + Escape(DisplayIsoDate(d.ToldOn())) + " by " + Escape(d.told_by);
    case FamilyTold::kWillTell: return "Not yet: it is safe, and they will be told";
    case FamilyTold::kRiskToChild: return "No, it could put the child at more risk";
    case FamilyTold::kInvestigation: return "No, it could harm a police investigation";
    case FamilyTold::kNotPractical: return "No, it is not practical";
  }
  return "";
}

// -- relevant
Result<std::vector<Option>> RelevantOptions(Ask& a, const ShareDraft&) {
  std::vector<Option> out = {{std::string(kAccount), "The concern itself: what was seen or heard, and the child's own words",
                              Shorten(a.record.concern.what_happened, 160), false}};
  for (const auto& i : a.record.items)
    out.push_back({i.id, Shorten(i.text, 160), std::string(Label(i.accuracy)) + ". From " + i.source, false});
  return out;
}
std::vector<std::string> RelevantChosen(const ShareDraft& d) { return d.relevant.value_or(std::vector<std::string>{}); }
Errors RelevantAnswer(Ask&, ShareDraft& d, const std::vector<std::string>& c, const Form&) {
  d.relevant = c;
  return {};
}
std::string RelevantSummary(Ask& a, const ShareDraft& d) {
  return std::to_string(d.relevant ? d.relevant->size() : 0) + " of " + std::to_string(a.record.items.size() + 1);
}

const Step kSteps[] = {
    {"recipient", "Who would you share with?", "Choose the organisation. Only organisations in your partnership are listed.",
     Kind::kRadios, "Select who you would share with", Always, RecipientOptions,
     [](const ShareDraft& d) { return One(d.recipient); }, RecipientAnswer, NoMore, RecipientSummary},
    // Asked only when the recipient has open information requests to this
    // organisation: a decision made in answer to one closes it, shared or not.
    {"answering", "Are you answering a request from them?",
     "These are their open requests to your organisation. Your decision will be their answer, whether you share or not.",
     Kind::kRadios, "Select the request you are answering, or that you are not answering one", Answerable, AnsweringOptions,
     [](const ShareDraft& d) { return One(d.answering.value_or("")); }, AnsweringAnswer, NoMore,
     [](Ask&, const ShareDraft& d) -> std::string {
       return !d.answering ? "" : *d.answering == "none" ? "No" : "Yes. " + Escape(d.answering_label);
     }},
    {"purpose", "Why would you share?", "", Kind::kRadios, "Select why you would share", Always, EnumOptions<g::Purpose>,
     EnumChosen<g::Purpose, &ShareDraft::purpose>, EnumAnswer<g::Purpose, &ShareDraft::purpose>, NoMore,
     EnumSummary<g::Purpose, &ShareDraft::purpose>},
    {"legal", "Does a law or a court order require you to share?", "", Kind::kRadios,
     "Select yes if a law or court order requires you to share", Always, YesNoOptions, FlagChosen<&ShareDraft::legal>,
     FlagAnswer<&ShareDraft::legal>, NoMore, FlagSummary<&ShareDraft::legal>},
    {"frequency", "Is this a one-off, or will you share like this regularly?",
     "Regular sharing needs an approved data protection impact assessment first: Jigsaw checks for one.", Kind::kRadios,
     "Select whether this is a one-off", Always, FrequencyOptions, EnumChosen<g::Frequency, &ShareDraft::frequency>,
     EnumAnswer<g::Frequency, &ShareDraft::frequency>, NoMore, FrequencySummary},
    {"consent", "Have you asked the family for their consent to share?",
     "When a child is at risk you do not need consent, but it helps to know where things stand.", Kind::kRadios,
     "Select whether you have asked for consent", Always, EnumOptions<g::Consent>, EnumChosen<g::Consent, &ShareDraft::consent>,
     EnumAnswer<g::Consent, &ShareDraft::consent>, NoMore, EnumSummary<g::Consent, &ShareDraft::consent>},
    {"objections", "Has anyone objected to the information being shared?", "Select all that apply", Kind::kCheckboxes,
     "Select who objected, or 'No one has objected'", Always, ObjectionOptions, ObjectionsChosen, ObjectionsAnswer, NoMore,
     ObjectionsSummary},
    {"family", "Have you told the child and family that you are sharing?",
     "Golden rule 2: engage them, unless doing so could put the child at more risk.", Kind::kRadios,
     "Select whether you have told them, or why not", Always, FamilyOptions, FamilyChosen, FamilyAnswer, FamilyMore,
     FamilySummary},
    {"relevant", "Which information is relevant and necessary to share?",
     "Only what the other organisation needs to keep the child safe or support the family.", Kind::kCheckboxes, "",
     Always, RelevantOptions, RelevantChosen, RelevantAnswer, NoMore, RelevantSummary},
    {"uncertain", "Are you unsure about any of this?", "For example, whether the law allows it. Jigsaw will tell you whom to ask.",
     Kind::kRadios, "Select yes if you are unsure", Always, YesNoOptions, FlagChosen<&ShareDraft::uncertain>,
     FlagAnswer<&ShareDraft::uncertain>, NoMore, FlagSummary<&ShareDraft::uncertain>},
};

const Step* FindStep(std::string_view key) {
  for (const auto& s : kSteps)
    if (key == s.key) return &s;
  return nullptr;
}

bool Answered(const Step& s, const ShareDraft& d) {
  return std::string_view(s.key) == "relevant" ? d.relevant.has_value() : !s.chosen(d).empty();
}

bool QuestionsAnswered(const ShareDraft& d) {
  for (const auto& s : kSteps)
    if (s.applies(d) && !Answered(s, d)) return false;
  return true;
}

// The next question to ask after `after`, or nullptr when all are answered.
const Step* NextStep(const Step* after, const ShareDraft& d) {
  bool past = after == nullptr;
  for (const auto& s : kSteps) {
    if (!past) {
      past = &s == after;
      continue;
    }
    if (s.applies(d)) return &s;
  }
  return nullptr;
}

const Step* PreviousStep(const Step* before, const ShareDraft& d) {
  const Step* prev = nullptr;
  for (const auto& s : kSteps) {
    if (&s == before) return prev;
    if (s.applies(d)) prev = &s;
  }
  return prev;
}

Response QuestionPage(Ask& a, const Step& s, const ShareDraft& d, const std::vector<std::string>& chosen, const Errors& errors) {
  auto options = s.options(a, d);
  if (!options) return a.site.Failure(a.v, options.error());
  const std::string base = Base(a.record.concern.id);
  const Step* prev = PreviousStep(&s, d);
  std::string body = ErrorSummary(errors) + FormStart(base + "/" + s.key, a.v.csrf_token);
  const Question q{s.key, s.question, s.hint, true, ErrorFor(errors, s.key)};
  body += "<span class=\"govuk-caption-l\">Should I share?</span>";
  body += s.kind == Kind::kRadios ? Radios(q, *options, chosen.empty() ? "" : chosen.front()) : Checkboxes(q, *options, chosen);
  body += s.more(d, errors) + Button("Continue") + "</form>";
  return a.site.Page(a.v, {.title = s.question, .body_html = body,
                           .back_href = prev ? base + "/" + prev->key : "/concerns/" + a.record.concern.id,
                           .has_errors = !errors.empty()});
}

// ---- The advice ----------------------------------------------------------------

// The advice does not depend on what was decided: asking for it never
// previews a share, so an unfinished decision cannot block the advice.
service::NewDecision AdviceProposalOf(const service::ConcernRecord& record, const ShareDraft& d) {
  service::NewDecision n = ProposalOf(record, d);
  n.outcome = domain::DecisionOutcome::kNotShare;
  n.share_items.clear();
  n.concern_account = domain::ConcernAccount::kNotShared;
  n.mention_reviews.clear();
  return n;
}

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

// What Jigsaw found in the registers for this sharing (docs/governance.md):
// the practitioner is no longer asked whether an agreement or a DPIA is in
// place. Regular sharing that no approved DPIA covers cannot be recorded.
std::string CoverHtml(const service::SharingCover& cover, const ShareDraft& d) {
  auto list = [](const std::vector<service::CoverRef>& refs, const std::string& base, const std::string& none) {
    if (refs.empty()) return "<p class=\"govuk-body\">" + Escape(none) + "</p>";
    std::string out = "<ul class=\"govuk-list govuk-list--bullet\">";
    for (const auto& r : refs) out += "<li>" + Link(r.title, base + r.id) + "</li>";
    return out + "</ul>";
  };
  std::string out = "<h2 class=\"govuk-heading-m\" id=\"governance-found\">Agreements and DPIAs that cover this sharing</h2>";
  out += "<h3 class=\"govuk-heading-s\">Data sharing agreements</h3>" +
         list(cover.agreements, "/agreements/", "Jigsaw found no active data sharing agreement between your organisation and "
                                                "theirs for this purpose.");
  out += "<h3 class=\"govuk-heading-s\">Data protection impact assessments</h3>" +
         list(cover.dpias, "/dpias/", "Jigsaw found no approved data protection impact assessment covering this sharing.");
  if (d.frequency == g::Frequency::kRegular && cover.dpias.empty())
    out += Warning("You said you will share like this regularly. Regular sharing needs an approved data protection impact "
                   "assessment first, so it cannot be recorded as regular sharing. If this share is needed now, record it "
                   "as a one-off; ask your data protection officer about a DPIA.");
  return out;
}

Response AdvicePage(Ask& a, const ShareDraft& d) {
  auto preview = a.site.s.sharing.Preview(a.v.context, AdviceProposalOf(a.record, d));
  if (!preview) return a.site.Failure(a.v, preview.error());
  const std::string base = Base(a.record.concern.id);
  std::string body = "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">What the advice says</h1>";
  body += Inset("Jigsaw advises; you decide. The advice follows <em>Information sharing: advice for practitioners providing "
                "safeguarding services</em> (HM Government, May 2024).");
  body += AdviceHtml(*preview->assessment);
  if (preview->cover) body += CoverHtml(*preview->cover, d);
  body += "<div class=\"govuk-button-group\">" + ButtonLink("Record your decision", base + "/decision") +
          ButtonLink("Change your answers", base + "/" + kSteps[0].key, true) + "</div>";
  return a.site.Page(a.v, {.title = "What the advice says", .body_html = body, .back_href = base + "/" + PreviousStep(nullptr, d)->key});
}

// ---- The decision --------------------------------------------------------------

// Where the service names a field, the form's name for it.
std::string FormField(const std::string& field) {
  if (field == "informing" || field.starts_with("informing.reason")) return "family";
  if (field == "informing.told_on") return "told_on";
  if (field == "informing.told_by") return "told_by";
  if (field == "advice_sought.from") return "advice_from";
  if (field == "advice_sought.summary") return "advice_summary";
  if (field == "consent") return "consent_record";
  if (field.starts_with("objection_overrides")) return "objections";
  if (field == "police") return "occurrence_reference";
  if (field == "circumstances.frequency") return "frequency";
  if (field.starts_with("police.")) return field.substr(7);
  return field;
}

// The page a field of the record is asked on.
std::string PageOf(const std::string& form_field) {
  if (form_field == "family" || form_field == "told_on" || form_field == "told_by") return "family";
  if (form_field == "frequency") return "frequency";
  if (form_field == "share_items" || form_field == "concern_account") return "items";
  if (form_field.starts_with("mention")) return "review";
  return "decision";
}

Errors ProblemsOn(const std::vector<Error>& problems, std::string_view page) {
  Errors out;
  for (const auto& p : problems) {
    const std::string field = FormField(p.field);
    if (PageOf(field) == page) out.push_back({field, p.message});
  }
  return out;
}

std::string ObjectionField(g::Objector o) { return "objection_" + std::string(ToString(o)); }

Response DecisionPage(Ask& a, const ShareDraft& d, const Errors& errors) {
  auto preview = a.site.s.sharing.Preview(a.v.context, AdviceProposalOf(a.record, d));
  if (!preview) return a.site.Failure(a.v, preview.error());
  const g::Assessment& advice = *preview->assessment;
  const std::string base = Base(a.record.concern.id);
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">Your decision</h1>";
  body += Inset("The advice: <strong>" + Escape(Label(advice.recommendation)) + "</strong>. " + Link("Read the advice again", base + "/advice"));
  body += FormStart(base + "/decision", a.v.csrf_token);
  body += Radios({"outcome", "What have you decided?", "", false, ErrorFor(errors, "outcome")},
                 {{"share", "Share the information", "", false}, {"not_share", "Do not share the information", "", false}},
                 Named(d.outcome));
  body += Textarea({"rationale", "Why have you decided this?",
                    "Golden rule 7: record your reasons whether or not you share. Write as if explaining to the child's family or a review.",
                    false, ErrorFor(errors, "rationale")},
                   d.rationale, 6);
  // Asked only when the decision differs from the advice.
  const bool departs = d.outcome && (*d.outcome == domain::DecisionOutcome::kShare) != g::IsShare(advice.recommendation);
  if (departs || !ErrorFor(errors, "departure_reason").empty() || !d.departure_reason.empty())
    body += Textarea({"departure_reason", "Your decision differs from the advice: why?", "", false, ErrorFor(errors, "departure_reason")},
                     d.departure_reason, 3);
  body += "<h2 class=\"govuk-heading-m\">If you share</h2>";
  std::vector<Option> bases = OptionsOf<g::LawfulBasis>();
  for (auto& o : bases)
    if (auto b = ParseEnum<g::LawfulBasis>(o.value); b && advice.lawful_basis.Has(*b)) o.hint = "Suggested by the advice";
  body += Radios({"lawful_basis", "The lawful basis for sharing", "UK GDPR Article 6. Consent is rarely the right basis when a child is at risk.",
                  false, ErrorFor(errors, "lawful_basis")},
                 bases, d.lawful_basis);
  // The conditions the advice says to record, in plain English with the
  // legal text beside each; the usual one for safeguarding is chosen.
  for (const auto& c : ConditionQuestions()) {
    if (!advice.must_record.Has(c.record)) continue;
    std::vector<Option> options = OptionsOf(c);
    options.push_back({"other", "Another condition", "Say which below", true});
    auto chosen = d.conditions.find(c.name);
    body += Radios({c.name, c.question, "", false, ErrorFor(errors, c.name)}, options,
                   chosen == d.conditions.end() ? c.options.front().value : chosen->second);
    auto other = d.condition_other.find(c.name);
    body += TextInput({std::string(c.name) + "_other", "If another, which?", "", false, ""},
                      other == d.condition_other.end() ? "" : other->second, "govuk-!-width-two-thirds");
  }
  if (advice.must_record.Has(g::Record::kConsent))
    body += Textarea({"consent_record", "How was consent given, and by whom?", "", false, ErrorFor(errors, "consent_record")},
                     d.consent_record, 2);
  for (auto o : d.objections.value_or(std::vector<g::Objector>{})) {
    const std::string name = ObjectionField(o);
    auto reason = d.objection_reasons.find(std::string(ToString(o)));
    body += Textarea({name, "Why share despite the objection? (" + std::string(Label(o)) + ")", "", false,
                      ErrorFor(errors, name).empty() ? ErrorFor(errors, "objections") : ErrorFor(errors, name)},
                     reason == d.objection_reasons.end() ? "" : reason->second, 3);
  }
  // Issue 12, item 6: a police force's own references, asked of police forces only.
  if (preview->police_references) {
    body += "<h2 class=\"govuk-heading-m\">Police references (optional)</h2><p class=\"govuk-body\">The recipient sees "
            "them with what you share, to match it to your force's records. Enter references only: no names or other "
            "personal details.</p>";
    body += TextInput({"occurrence_reference", "Occurrence or crime reference", "For example, CR/012345/24", false,
                       ErrorFor(errors, "occurrence_reference")},
                      d.occurrence_reference, "govuk-input--width-20");
    body += TextInput({"ppn_reference", "Public protection notice (PPN) reference", "", false, ErrorFor(errors, "ppn_reference")},
                      d.ppn_reference, "govuk-input--width-20");
    std::vector<Option> dash = OptionsOf<domain::DashRisk>();
    dash.push_back({"none", "Not assessed", "", true});
    body += Radios({"dash_risk", "DASH risk level", "Domestic Abuse, Stalking and Harassment and Honour-based violence risk "
                    "assessment", false, ErrorFor(errors, "dash_risk")},
                   dash, d.dash_risk ? std::string(ToString(*d.dash_risk)) : std::string("none"));
  }
  const bool advice_needed = advice.must_record.Has(g::Record::kAdviceSought);
  body += "<h2 class=\"govuk-heading-m\">Advice" + std::string(advice_needed ? "" : " (optional)") + "</h2>";
  body += TextInput({"advice_from", "Whose advice did you ask?", "For example, our designated safeguarding lead", false,
                     ErrorFor(errors, "advice_from")},
                    d.advice_from, "govuk-!-width-two-thirds");
  body += Textarea({"advice_summary", "What did they advise?", "", false, ErrorFor(errors, "advice_summary")}, d.advice_summary, 3);
  body += Button("Continue") + "</form>";
  return a.site.Page(a.v, {.title = "Your decision", .body_html = body, .back_href = base + "/advice", .has_errors = !errors.empty()});
}

void ReadDecision(const Form& f, ShareDraft& d) {
  d.outcome = ParseEnum<domain::DecisionOutcome>(f.Get("outcome"));
  d.rationale = f.Get("rationale");
  d.departure_reason = f.Get("departure_reason");
  d.lawful_basis = f.Get("lawful_basis");
  for (const auto& c : ConditionQuestions()) {
    if (f.Has(c.name)) d.conditions[c.name] = f.Get(c.name);
    if (f.Has(std::string(c.name) + "_other")) d.condition_other[c.name] = f.Get(std::string(c.name) + "_other");
  }
  if (f.Has("consent_record")) d.consent_record = f.Get("consent_record");
  for (auto o : d.objections.value_or(std::vector<g::Objector>{}))
    d.objection_reasons[std::string(ToString(o))] = f.Get(ObjectionField(o));
  d.advice_from = f.Get("advice_from");
  d.advice_summary = f.Get("advice_summary");
  // Only a police force's page asks these; the service refuses them from anyone else.
  if (f.Has("occurrence_reference")) d.occurrence_reference = f.Get("occurrence_reference");
  if (f.Has("ppn_reference")) d.ppn_reference = f.Get("ppn_reference");
  if (f.Has("dash_risk")) d.dash_risk = ParseEnum<domain::DashRisk>(f.Get("dash_risk"));
}

// ---- Choosing what to send, beside what the recipient will see ------------------

std::vector<std::string> Chosen(const ShareDraft& d) { return d.share_items.value_or(std::vector<std::string>{}); }

Response ItemsPage(Ask& a, const ShareDraft& d, const Errors& errors) {
  auto proposal = ProposalOf(a.record, d);
  // The assessment does not depend on the outcome; with nothing chosen the
  // preview is of sending nothing.
  proposal.outcome = domain::DecisionOutcome::kShare;
  auto preview = a.site.s.sharing.Preview(a.v.context, proposal);
  if (!preview) return a.site.Failure(a.v, preview.error());
  const std::string base = Base(a.record.concern.id);
  std::vector<Option> options = {{std::string(kAccount), "The concern itself: what was seen or heard, and the child's own words",
                                  Shorten(a.record.concern.what_happened, 200), false}};
  for (const auto& i : a.record.items) {
    std::string hint = std::string(Label(i.accuracy)) + ". From " + i.source;
    for (const auto& advice : preview->assessment->items)
      if (advice.id == i.id && !advice.share) hint += ". The advice is not to share this";
    options.push_back({i.id, Shorten(i.text, 200), hint, false});
  }
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">Choose what to send</h1>";
  body += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-half\">" + FormStart(base + "/items", a.v.csrf_token) +
          Checkboxes({"share_items", "Information to send", "Only what they need. Protected identities are withheld automatically.",
                      false, ErrorFor(errors, "share_items")},
                     options, Chosen(d));
  if (!ErrorFor(errors, "departure_reason").empty() || !d.departure_reason.empty())
    body += Textarea({"departure_reason", "What you send differs from the advice: why?", "", false, ErrorFor(errors, "departure_reason")},
                     d.departure_reason, 3);
  body += "<div class=\"govuk-button-group\">" + Button("Continue", false, "action", "continue") +
          Button("Update the preview", true, "action", "preview") + "</div></form></div>";
  body += "<div class=\"govuk-grid-column-one-half\"><div class=\"jigsaw-preview\" aria-labelledby=\"preview-heading\" role=\"region\">"
          "<h2 class=\"govuk-heading-m\" id=\"preview-heading\">What they will see</h2>" +
          (preview->recipient_view ? RecipientViewHtml(*preview->recipient_view)
                                   : "<p class=\"govuk-body\">No information is chosen.</p>") +
          "</div></div></div>";
  return a.site.Page(a.v, {.title = "Choose what to send", .body_html = body, .back_href = base + "/decision",
                           .has_errors = !errors.empty(), .wide = true});
}

// ---- Reviewing mentions of protected people ------------------------------------

// The mentions in what would be sent, every one (reviewed or not), for the
// review page: the preview without the reviews so far.
Result<std::vector<service::MentionForReview>> AllMentions(Ask& a, const ShareDraft& d) {
  auto proposal = ProposalOf(a.record, d);
  proposal.mention_reviews.clear();
  auto preview = JIGSAW_TRY(a.site.s.sharing.Preview(a.v.context, proposal));
  return std::move(preview.mentions);
}

Response ReviewPage(Ask& a, const ShareDraft& d, const Errors& errors) {
  auto mentions = AllMentions(a, d);
  if (!mentions) return a.site.Failure(a.v, mentions.error());
  const std::string base = Base(a.record.concern.id);
  if (mentions->empty()) return Redirect(base + "/check");
  std::string body = ErrorSummary(errors) +
                     "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">"
                     "Check these mentions of protected people</h1>";
  body += Warning("What you are sending seems to name someone your organisation protects (golden rule 5). They are not "
                  "recorded as connected to this child, so Jigsaw has not withheld them. Withhold each mention, or say why "
                  "it may be shared.");
  body += FormStart(base + "/review", a.v.csrf_token);
  for (std::size_t i = 0; i < mentions->size(); ++i) {
    const auto& m = (*mentions)[i];
    const std::string name = "mention_" + std::to_string(i);
    std::string chosen, reason;
    for (const auto& r : d.mention_reviews)
      if (r.mention_id == m.id) {
        chosen = std::string(ToString(r.choice));
        reason = r.reason;
      }
    std::string where = "what was seen or heard";
    for (const auto& item : a.record.items)
      if (item.id == m.item_id) where = "the information from " + item.source;
    body += "<div class=\"jigsaw-mention\"><h2 class=\"govuk-heading-m\">Mention " + std::to_string(i + 1) + " of " +
            std::to_string(mentions->size()) + "</h2><p class=\"govuk-body\">In " + Escape(where) +
            ":</p><blockquote class=\"govuk-inset-text jigsaw-excerpt\">" + Escape(m.before) +
            "<mark class=\"jigsaw-mention__match\">" + Escape(m.match) + "</mark>" + Escape(m.after) +
            "</blockquote><p class=\"govuk-body\">This may be " + Escape(m.person_name) + ", whose identity is protected.</p>";
    body += HiddenInput(name + "_id", m.id);
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
  return a.site.Page(a.v, {.title = "Check these mentions of protected people", .body_html = body,
                           .back_href = base + "/items", .has_errors = !errors.empty()});
}

// ---- Check your answers, and done -----------------------------------------------

Response CheckPage(Ask& a, const ShareDraft& d, const Errors& errors) {
  const std::string base = Base(a.record.concern.id);
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">Should I share?</span><h1 class=\"govuk-heading-l\">Check your answers before you confirm</h1>";
  std::vector<SummaryRow> facts = {{"Level of concern", Escape(Label(a.record.concern.level)), "", ""}};
  for (const auto& s : kSteps)
    if (s.applies(d)) facts.push_back({s.question, s.summary(a, d), base + "/" + s.key, ""});
  body += "<h2 class=\"govuk-heading-m\">The situation</h2>" + SummaryList(facts);
  const bool share = d.outcome == domain::DecisionOutcome::kShare;
  std::vector<SummaryRow> decision = {
      {"Your decision", share ? "Share the information" : "Do not share the information", base + "/decision", "your decision"},
      {"Your reasons", Paragraphs(d.rationale), base + "/decision", "your reasons"}};
  if (share) {
    decision.push_back({"Lawful basis", Escape(ParseEnum<g::LawfulBasis>(d.lawful_basis).transform([](auto x) { return std::string(Label(x)); }).value_or("")),
                        base + "/decision", "the lawful basis"});
    std::string chosen;
    for (const auto& id : Chosen(d)) {
      if (id == kAccount) chosen += "<li>The concern itself: what was seen or heard, and the child's own words</li>";
      for (const auto& i : a.record.items)
        if (i.id == id) chosen += "<li>" + Escape(Shorten(i.text, 120)) + "</li>";
    }
    decision.push_back({"Information to send", "<ul class=\"govuk-list govuk-list--bullet\">" + chosen + "</ul>", base + "/items",
                        "the information to send"});
  }
  if (!d.advice_from.empty())
    decision.push_back({"Advice", Escape(d.advice_from) + ": " + Escape(d.advice_summary), base + "/decision", "the advice"});
  if (!d.departure_reason.empty())
    decision.push_back({"Why it differs from the advice", Paragraphs(d.departure_reason), base + "/decision", "why it differs"});
  if (!d.occurrence_reference.empty())
    decision.push_back({"Occurrence or crime reference", Escape(d.occurrence_reference), base + "/decision",
                        "the occurrence or crime reference"});
  if (!d.ppn_reference.empty())
    decision.push_back({"PPN reference", Escape(d.ppn_reference), base + "/decision", "the PPN reference"});
  if (d.dash_risk)
    decision.push_back({"DASH risk level", Escape(Label(*d.dash_risk)), base + "/decision", "the DASH risk level"});
  body += "<h2 class=\"govuk-heading-m\">Your decision</h2>" + SummaryList(decision);
  body += "<h2 class=\"govuk-heading-m\">Now confirm</h2><p class=\"govuk-body\">Your decision and reasons are recorded and cannot be "
          "changed afterwards; a correction is recorded alongside them." +
          std::string(share ? " The information is sent at once." : "") + "</p>";
  body += FormStart(base + "/check", a.v.csrf_token) + Button(share ? "Confirm and share" : "Confirm and record") + "</form>";
  return a.site.Page(a.v, {.title = "Check your answers", .body_html = body,
                           .back_href = share ? base + "/items" : base + "/decision", .has_errors = !errors.empty()});
}

// After a failed confirmation, the page where the problem is answered.
Response PageFor(Ask& a, const ShareDraft& d, const Error& e) {
  const std::string field = FormField(e.field);
  const Errors errors{{field, e.message}};
  const std::string page = PageOf(field);
  if (page == "family") return QuestionPage(a, *FindStep("family"), d, FindStep("family")->chosen(d), errors);
  if (page == "frequency") return QuestionPage(a, *FindStep("frequency"), d, FindStep("frequency")->chosen(d), errors);
  if (page == "items") return ItemsPage(a, d, errors);
  if (page == "review") return ReviewPage(a, d, {{"mention_0", e.message}});
  return DecisionPage(a, d, errors);
}

Response EmergencyPage(Ask& a, const std::string& recipient, const std::vector<std::string>& chosen, const std::string& why,
                       const std::string&, const Errors& errors = {}) {
  ShareDraft none;
  auto organisations = RecipientOptions(a, none);
  if (!organisations) return a.site.Failure(a.v, organisations.error());
  std::vector<Option> items = {{std::string(kAccount), "The concern itself: what was seen or heard, and the child's own words",
                                Shorten(a.record.concern.what_happened, 160), false}};
  for (const auto& i : a.record.items) items.push_back({i.id, Shorten(i.text, 160), std::string(Label(i.accuracy)) + ". From " + i.source, false});
  std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">Emergency</span><h1 class=\"govuk-heading-l\">Share now</h1>";
  body += Warning("Use this only when a child is at immediate risk and there is no time to go through the questions. What you "
                  "choose is sent at once, with protected identities withheld. You must record the decision in full by the end of "
                  "the next working day.");
  body += FormStart("/concerns/" + a.record.concern.id + "/emergency", a.v.csrf_token);
  body += Radios({"recipient", "Who are you sharing with?", "", false, ErrorFor(errors, "recipient")}, *organisations, recipient);
  body += Checkboxes({"share_items", "What are you sharing?", "Only what they need now", false, ErrorFor(errors, "share_items")}, items,
                     chosen.empty() ? std::vector<std::string>{std::string(kAccount)} : chosen);
  body += Textarea({"rationale", "What is the emergency?", "A few words now; the full record follows", false, ErrorFor(errors, "rationale")},
                   why, 3);
  body += Button("Share now", false) + "</form>";
  return a.site.Page(a.v, {.title = "Share now in an emergency", .body_html = body, .back_href = "/concerns/" + a.record.concern.id,
                           .has_errors = !errors.empty()});
}

// Every handler of the flow: the concern, the draft, and a page.
template <typename Fn>
Site::PageFn WithDraft(Site& site, Fn fn) {
  return [&site, fn](Visit& v) -> Response {
    auto record = ConcernFor(site, v);
    if (!record) return site.Failure(v, record.error());
    Ask a{site, v, *record};
    ShareDraft d = LoadShareDraft(site, v, record->concern.id);
    return fn(a, d);
  };
}

}  // namespace

void AddSharePages(Site& site) {
  site.Get("/concerns/{id}/share", WithDraft(site, [](Ask& a, ShareDraft& d) {
    // A DSL changing a member of staff's share: their decision takes its place.
    if (auto replacing = a.v.request.QueryParam("replacing")) {
      if (!IsId(*replacing)) return a.site.Failure(a.v, NotFound("No such decision").error());
      d.replacing = std::string(*replacing);
      if (auto saved = SaveDraft(a.site, a.v, a.record.concern.id, d); !saved) return a.site.Failure(a.v, saved.error());
    }
    return Redirect(Base(a.record.concern.id) + "/" + kSteps[0].key);
  }));

  // An emergency: share at once, record in full afterwards ("Sharing
  // information in an emergency"). Never held for the DSL.
  site.Get("/concerns/{id}/emergency", WithDraft(site, [](Ask& a, ShareDraft&) { return EmergencyPage(a, {}, {}, {}, ""); }));
  site.Post("/concerns/{id}/emergency", WithDraft(site, [](Ask& a, ShareDraft&) {
    const std::string recipient = a.v.form.Get("recipient"), why = a.v.form.Get("rationale");
    const auto chosen = a.v.form.All("share_items");
    Errors errors;
    if (recipient.empty()) errors.push_back({"recipient", "Select who you are sharing with"});
    if (chosen.empty()) errors.push_back({"share_items", "Select what you are sharing"});
    if (!domain::HasWords(why)) errors.push_back({"rationale", "Enter what the emergency is"});
    if (!errors.empty()) return EmergencyPage(a, recipient, chosen, why, "", errors);
    service::NewDecision n;
    n.concern_id = a.record.concern.id;
    n.recipient_organisation_id = recipient;
    n.emergency = true;
    n.outcome = domain::DecisionOutcome::kShare;
    for (const auto& id : chosen) {
      if (id == kAccount) n.concern_account = domain::ConcernAccount::kShared;
      else n.share_items.push_back(id);
    }
    n.record.rationale = why;
    // No time to review in an emergency: every mention of someone the
    // organisation protects is withheld, and the full record can say more.
    auto preview = a.site.s.sharing.Preview(a.v.context, n);
    if (!preview) return a.site.Failure(a.v, preview.error());
    for (const auto& m : preview->mentions) n.mention_reviews.push_back({m.id, domain::MentionChoice::kWithhold, ""});
    auto decided = a.site.s.sharing.Decide(a.v.context, n);
    if (!decided) {
      if (decided.error().code != ErrorCode::kInvalidArgument) return a.site.Failure(a.v, decided.error());
      return EmergencyPage(a, recipient, chosen, why, "", FieldErrors(decided.error(), "rationale"));
    }
    return Redirect("/decisions/" + decided->decision.id + "/done");
  }));

  site.Get("/concerns/{id}/share/advice", WithDraft(site, [](Ask& a, ShareDraft& d) {
    if (!QuestionsAnswered(d)) return Redirect(Base(a.record.concern.id) + "/" + kSteps[0].key);
    return AdvicePage(a, d);
  }));

  site.Get("/concerns/{id}/share/decision", WithDraft(site, [](Ask& a, ShareDraft& d) {
    if (!QuestionsAnswered(d)) return Redirect(Base(a.record.concern.id) + "/" + kSteps[0].key);
    return DecisionPage(a, d, {});
  }));
  site.Post("/concerns/{id}/share/decision", WithDraft(site, [](Ask& a, ShareDraft& d) {
    ReadDecision(a.v.form, d);
    if (auto saved = SaveDraft(a.site, a.v, a.record.concern.id, d); !saved) return a.site.Failure(a.v, saved.error());
    Errors errors;
    if (!d.outcome) errors.push_back({"outcome", "Select what you have decided"});
    // Every problem the service sees in the record so far, together.
    auto preview = a.site.s.sharing.Preview(a.v.context, ProposalOf(a.record, d));
    if (!preview) return a.site.Failure(a.v, preview.error());
    for (auto& e : ProblemsOn(preview->record_problems, "decision"))
      if (e.field != "departure_reason" || d.outcome) errors.push_back(std::move(e));
    if (!errors.empty()) return DecisionPage(a, d, errors);
    if (d.outcome != domain::DecisionOutcome::kShare) return Redirect(Base(a.record.concern.id) + "/check");
    // The first time, what the advice would send.
    if (!d.share_items) {
      d.share_items = std::vector<std::string>{std::string(kAccount)};
      for (const auto& item : preview->assessment->items)
        if (item.share) d.share_items->push_back(item.id);
      (void)SaveDraft(a.site, a.v, a.record.concern.id, d);
    }
    return Redirect(Base(a.record.concern.id) + "/items");
  }));

  site.Get("/concerns/{id}/share/items", WithDraft(site, [](Ask& a, ShareDraft& d) {
    if (!QuestionsAnswered(d)) return Redirect(Base(a.record.concern.id) + "/" + kSteps[0].key);
    return ItemsPage(a, d, {});
  }));
  site.Post("/concerns/{id}/share/items", WithDraft(site, [](Ask& a, ShareDraft& d) {
    d.share_items = a.v.form.All("share_items");
    if (a.v.form.Has("departure_reason")) d.departure_reason = a.v.form.Get("departure_reason");
    if (auto saved = SaveDraft(a.site, a.v, a.record.concern.id, d); !saved) return a.site.Failure(a.v, saved.error());
    if (a.v.form.Get("action") == "preview") return Redirect(Base(a.record.concern.id) + "/items");
    if (d.share_items->empty())
      return ItemsPage(a, d, {{"share_items", "Select the information to send, or go back and decide not to share"}});
    auto preview = a.site.s.sharing.Preview(a.v.context, ProposalOf(a.record, d));
    if (!preview) return a.site.Failure(a.v, preview.error());
    if (auto errors = ProblemsOn(preview->record_problems, "decision"); !errors.empty()) {
      // Sending what the advice says not to send is a departure: say why here.
      for (const auto& e : errors)
        if (e.field == "departure_reason") return ItemsPage(a, d, {e});
    }
    auto mentions = AllMentions(a, d);
    if (!mentions) return a.site.Failure(a.v, mentions.error());
    return Redirect(Base(a.record.concern.id) + (mentions->empty() ? "/check" : "/review"));
  }));

  site.Get("/concerns/{id}/share/review", WithDraft(site, [](Ask& a, ShareDraft& d) {
    if (!QuestionsAnswered(d)) return Redirect(Base(a.record.concern.id) + "/" + kSteps[0].key);
    return ReviewPage(a, d, {});
  }));
  site.Post("/concerns/{id}/share/review", WithDraft(site, [](Ask& a, ShareDraft& d) {
    d.mention_reviews.clear();
    Errors errors;
    for (std::size_t i = 0; i < 1000; ++i) {
      const std::string name = "mention_" + std::to_string(i);
      const std::string id = a.v.form.Get(name + "_id");
      if (id.empty()) break;
      const auto choice = ParseEnum<domain::MentionChoice>(a.v.form.Get(name));
      const std::string reason = a.v.form.Get(name + "_reason");
      if (!choice) {
        errors.push_back({name, "Select whether to withhold mention " + std::to_string(i + 1)});
        continue;
      }
      if (*choice == domain::MentionChoice::kRelease && !domain::HasWords(reason))
        errors.push_back({name + "_reason", "Enter why mention " + std::to_string(i + 1) + " may be shared"});
      d.mention_reviews.push_back({id, *choice, reason});
    }
    if (auto saved = SaveDraft(a.site, a.v, a.record.concern.id, d); !saved) return a.site.Failure(a.v, saved.error());
    if (!errors.empty()) return ReviewPage(a, d, errors);
    return Redirect(Base(a.record.concern.id) + "/check");
  }));

  site.Get("/concerns/{id}/share/check", WithDraft(site, [](Ask& a, ShareDraft& d) {
    if (!QuestionsAnswered(d)) return Redirect(Base(a.record.concern.id) + "/" + kSteps[0].key);
    if (!d.outcome) return Redirect(Base(a.record.concern.id) + "/decision");
    if (d.outcome == domain::DecisionOutcome::kShare) {
      // Nothing is sent with a mention of a protected person nobody reviewed.
      auto preview = a.site.s.sharing.Preview(a.v.context, ProposalOf(a.record, d));
      if (!preview) return a.site.Failure(a.v, preview.error());
      if (!preview->mentions.empty()) return Redirect(Base(a.record.concern.id) + "/review");
    }
    return CheckPage(a, d, {});
  }));
  site.Post("/concerns/{id}/share/check", WithDraft(site, [](Ask& a, ShareDraft& d) {
    if (!QuestionsAnswered(d)) return Redirect(Base(a.record.concern.id) + "/" + kSteps[0].key);
    auto decided = a.site.s.sharing.Decide(a.v.context, ProposalOf(a.record, d));
    if (!decided && decided.error().field == "information_request_id") {
      // Someone answered the request while this decision was being made:
      // ask again which request (if any) this answers.
      d.answering.reset();
      if (auto saved = SaveDraft(a.site, a.v, a.record.concern.id, d); !saved) return a.site.Failure(a.v, saved.error());
      return QuestionPage(a, *FindStep("answering"), d, {}, {{"answering", decided.error().message}});
    }
    if (!decided) {
      if (decided.error().code != ErrorCode::kInvalidArgument) return a.site.Failure(a.v, decided.error());
      return PageFor(a, d, decided.error());
    }
    (void)a.site.s.drafts.Discard(a.v.context, Subject(a.record.concern.id));
    return Redirect("/decisions/" + decided->decision.id + "/done");
  }));

  // The questions, one page each.
  site.Get("/concerns/{id}/share/{step}", WithDraft(site, [](Ask& a, ShareDraft& d) {
    const Step* s = FindStep(a.v.request.PathParam("step"));
    if (!s) return a.site.Failure(a.v, NotFound("No such question").error());
    return QuestionPage(a, *s, d, s->chosen(d), {});
  }));
  site.Post("/concerns/{id}/share/{step}", WithDraft(site, [](Ask& a, ShareDraft& d) {
    const Step* s = FindStep(a.v.request.PathParam("step"));
    if (!s) return a.site.Failure(a.v, NotFound("No such question").error());
    auto options = s->options(a, d);
    if (!options) return a.site.Failure(a.v, options.error());
    std::vector<std::string> chosen;
    for (const auto& value : a.v.form.All(s->key))
      for (const auto& o : *options)
        if (o.value == value) chosen.push_back(value);
    if (chosen.empty() && s->kind == Kind::kRadios) return QuestionPage(a, *s, d, chosen, {{s->key, s->if_missing}});
    if (chosen.empty() && std::string_view(s->key) != "relevant") return QuestionPage(a, *s, d, chosen, {{s->key, s->if_missing}});
    Errors errors = s->answer(a, d, chosen, a.v.form);
    if (auto saved = SaveDraft(a.site, a.v, a.record.concern.id, d); !saved) return a.site.Failure(a.v, saved.error());
    if (!errors.empty()) return QuestionPage(a, *s, d, chosen, errors);
    const Step* next = NextStep(s, d);
    return Redirect(Base(a.record.concern.id) + "/" + (next ? next->key : "advice"));
  }));

  site.Get("/decisions/{id}/done", [&site](Visit& v) {
    auto view = site.s.sharing.GetDecision(v.context, std::string(v.request.PathParam("id")));
    if (!view) return site.Failure(v, view.error());
    const bool held = view->decision.approval == domain::Approval::kAwaiting;
    const bool shared = view->decision.outcome == domain::DecisionOutcome::kShare && !held;
    std::string body = Panel(held ? "Sent to your designated safeguarding lead" : shared ? "Information shared" : "Decision recorded",
                             held ? "Your decision and reasons are recorded; nothing is sent until they approve it"
                             : shared ? "Your decision and reasons are recorded"
                                      : "Your reasons for not sharing are recorded");
    body += "<h2 class=\"govuk-heading-m\">What happens next</h2>";
    if (held)
      body += "<p class=\"govuk-body\">Your organisation sends staff shares through its designated safeguarding lead. They will "
              "approve it, change it or tell you why not; you will see which on your home page.</p>";
    else if (view->decision.emergency)
      body += "<p class=\"govuk-body\">It has been sent, and your designated safeguarding lead has been told. Record the decision in "
              "full by " + Escape(DisplayTime(view->decision.rationale_due_at)) + ".</p>";
    else if (shared)
      body += "<p class=\"govuk-body\">They are asked to confirm they have it by the end of the next working day, and to tell you "
              "what they did with it. You will see their feedback on your home page.</p>";
    else
      body += "<p class=\"govuk-body\">If things change, or someone gives you new information, you can decide again.</p>";
    body += "<p class=\"govuk-body\">" + Link("See the decision", "/decisions/" + view->decision.id) + "</p><p class=\"govuk-body\">" +
            Link("Go to what needs you", "/") + "</p>";
    return site.Page(v, {.title = held ? "Sent for approval" : shared ? "Information shared" : "Decision recorded", .body_html = body});
  });
}

}  // namespace jigsaw::http::web
