#include "http/api/casework_api.h"

#include "common/json_fields.h"
#include "guidance/json.h"
#include "http/api/api.h"
#include "http/api/recording_api.h"
#include "domain/restriction.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using namespace domain;

std::string Stamp(Time t) { return t == Time{} ? std::string() : FormatRfc3339(t); }
json OptionalStamp(Time t) { return t == Time{} ? json(nullptr) : json(FormatRfc3339(t)); }

template <typename E>
json Names(const std::vector<E>& values) {
  json a = json::array();
  for (E e : values) a.push_back(ToString(e));
  return a;
}

template <typename T, typename Fn>
json Array(const std::vector<T>& values, Fn fn) {
  json a = json::array();
  for (const auto& v : values) a.push_back(fn(v));
  return a;
}

// A record a restriction of processing withholds (UK GDPR Article 18):
// null, or the notice and when it was placed (service::Withholding left
// nothing else in the record).
json RestrictedJson(const std::optional<Time>& since) {
  if (!since) return nullptr;
  return {{"notice", domain::RestrictionNotice(*since)}, {"since", Stamp(*since)}};
}

json ToJson(const Person& p) {
  if (p.restricted_since)
    return {{"id", p.id}, {"kind", ToString(p.kind)}, {"restricted", RestrictedJson(p.restricted_since)}};
  return {{"id", p.id}, {"kind", ToString(p.kind)}, {"given_name", p.given_name},
          {"family_name", p.family_name}, {"known_as", p.known_as}, {"date_of_birth", p.date_of_birth},
          {"nhs_number", p.nhs_number}, {"upn", p.upn}, {"address", p.address},
          {"postcode", p.postcode}, {"phone_numbers", p.phone_numbers},
          {"email_addresses", p.email_addresses}, {"protected", p.is_protected},
          {"protected_reason", p.protected_reason}, {"created_by", p.created_by},
          {"created_at", Stamp(p.created_at)}, {"restricted", nullptr}};
}

json ToJson(const Relationship& r) {
  return {{"id", r.id}, {"person_id", r.person_id}, {"related_person_id", r.related_person_id},
          {"kind", ToString(r.kind)}, {"created_at", Stamp(r.created_at)}};
}

json ToJson(const Concern& c) {
  if (c.restricted_since)
    return {{"id", c.id}, {"child_id", c.child_id}, {"status", ToString(c.status)},
            {"created_at", Stamp(c.created_at)}, {"restricted", RestrictedJson(c.restricted_since)}};
  return {{"id", c.id}, {"child_id", c.child_id}, {"raised_by", c.raised_by}, {"forms", Names(c.forms)},
          {"level", ToString(c.level)}, {"what_happened", c.what_happened},
          {"child_words", c.child_words}, {"status", ToString(c.status)}, {"seen_by", c.seen_by},
          {"seen_at", OptionalStamp(c.seen_at)},
          {"next_step", c.next_step ? json(ToString(*c.next_step)) : json(nullptr)},
          {"next_step_note", c.next_step_note}, {"actioned_by", c.actioned_by},
          {"actioned_at", OptionalStamp(c.actioned_at)}, {"created_at", Stamp(c.created_at)},
          {"incident", {{"date", c.incident_date}, {"time", c.incident_time}, {"place", c.incident_place}}},
          {"restricted", nullptr}};
}

json ToJson(const InformationItem& i) {
  return {{"id", i.id}, {"concern_id", i.concern_id}, {"person_id", i.person_id}, {"text", i.text},
          {"source", i.source}, {"date", i.date}, {"accuracy", ToString(i.accuracy)},
          {"special_category", Names(i.special_category)}, {"criminal_offence", i.criminal_offence},
          {"confidential", i.confidential}, {"identifies", i.identifies},
          {"created_by", i.created_by}, {"created_at", Stamp(i.created_at)}};
}

json ToJson(const Decision& d, Time now) {
  const DecisionRecord& rec = d.record;
  json objections = json::array();
  for (const auto& o : rec.objections) objections.push_back({{"by", o.by}, {"reason", o.reason}});
  json j = {{"id", d.id}, {"child_id", d.child_id}, {"concern_id", d.concern_id},
            {"information_request_id", d.information_request_id}, {"decided_by", d.decided_by},
            {"outcome", ToString(d.outcome)}, {"recipient_organisation_id", d.recipient_organisation_id},
            {"recipient_practitioner_id", d.recipient_practitioner_id}, {"share_items", d.item_ids},
            {"concern_account", ToString(d.concern_account)},
            {"recommendation", d.recommendation}, {"must_record", d.must_record},
            {"rationale", rec.rationale}, {"lawful_basis", rec.lawful_basis},
            {"special_category_condition", rec.special_category_condition},
            {"sensitive_processing_condition", rec.sensitive_processing_condition},
            {"criminal_offence_condition", rec.criminal_offence_condition},
            {"confidentiality_basis", rec.confidentiality_basis}, {"consent", rec.consent},
            {"objection_overrides", objections},
            {"informing", rec.informing ? json{{"told", rec.informing->told}, {"told_on", rec.informing->told_on},
                                               {"told_by", rec.informing->told_by},
                                               {"reason_not_told", rec.informing->reason_not_told}}
                                        : json(nullptr)},
            {"advice_sought", rec.advice_sought ? json{{"from", rec.advice_sought->from}, {"summary", rec.advice_sought->summary}}
                                                : json(nullptr)},
            {"departs_from_advice", d.departs_from_advice}, {"departure_reason", rec.departure_reason},
            {"emergency", d.emergency}, {"supersedes", d.supersedes}, {"created_at", Stamp(d.created_at)}};
  j["police"] = rec.police.Empty()
                   ? json(nullptr)
                   : json{{"occurrence_reference", rec.police.occurrence_reference},
                          {"ppn_reference", rec.police.ppn_reference},
                          {"dash_risk", rec.police.dash_risk ? json(ToString(*rec.police.dash_risk)) : json(nullptr)}};
  j["mention_reviews"] = json::array();
  for (const auto& m : d.mention_reviews)
    j["mention_reviews"].push_back({{"mention_id", m.mention_id}, {"choice", ToString(m.choice)}, {"reason", m.reason}});
  j["approval"] = {{"status", ToString(d.approval)},
                   {"by", d.approved_by.empty() ? json(nullptr) : json(d.approved_by)},
                   {"at", d.approved_by.empty() ? json(nullptr) : json(Stamp(d.approved_at))},
                   {"note", d.approval_note}};
  j["assessment"] = d.assessment.empty() ? json(nullptr) : json::parse(d.assessment);
  j["assessment_request"] = d.assessment_request.empty() ? json(nullptr) : json::parse(d.assessment_request);
  if (d.emergency) {
    j["rationale_due_at"] = Stamp(d.rationale_due_at);
    j["rationale_overdue"] = now > d.rationale_due_at;
  }
  return j;
}

json ToJson(const service::DisclosureSummary& s, Time now) {
  const Disclosure& d = s.disclosure;
  json j = {{"id", d.id}, {"sharer_organisation_id", d.sharer_organisation_id},
            {"sharer_organisation", s.sharer_organisation}, {"sharer_id", d.sharer_id},
            {"recipient_organisation_id", d.recipient_organisation_id},
            {"recipient_organisation", s.recipient_organisation},
            {"recipient_practitioner_id", d.recipient_practitioner_id}, {"created_at", Stamp(d.created_at)},
            {"received_at", OptionalStamp(d.received_at)}, {"received_by", d.received_by},
            {"acknowledgement_due_at", Stamp(d.acknowledgement_due_at)},
            {"acknowledgement_overdue", d.received_at == Time{} && now > d.acknowledgement_due_at},
            {"feedback_due_at", Stamp(d.feedback_due_at)},
            {"feedback_at", OptionalStamp(d.feedback_at)},
            {"feedback_overdue", d.feedback_at == Time{} && now > d.feedback_due_at}};
  // Article 19: a correction names the disclosure it corrects; an earlier
  // disclosure lists the corrections sent after it.
  j["corrects"] = d.corrects.empty() ? json(nullptr) : json(d.corrects);
  j["corrected_by"] = s.corrected_by;
  // Recalled: sent in error and no longer the recipient's to read.
  j["state"] = IsRecalled(d) ? "recalled" : "sent";
  j["recall"] = nullptr;
  if (IsRecalled(d)) {
    j["recall"] = {{"recalled_at", Stamp(d.recalled_at)}, {"reason", d.recall_reason},
                   {"confirmed_at", OptionalStamp(d.recall_confirmed_at)},
                   {"confirmed_by", d.recall_confirmed_by}};
    // nothing is owed on a recalled disclosure
    j["acknowledgement_overdue"] = false;
    j["feedback_overdue"] = false;
  }
  if (!d.decision_id.empty()) {
    // Only the sharer's side sees its own record ids, who recalled it, and
    // the clock for reporting a possible breach to the ICO.
    j["decision_id"] = d.decision_id;
    j["child_id"] = d.child_id;
    if (IsRecalled(d)) {
      j["recall"]["recalled_by"] = d.recalled_by;
      j["recall"]["breach_report_due_at"] = Stamp(BreachReportDueAt(d));
    }
  }
  return j;
}

// A decision just made, and the disclosure it sent (null if held for the DSL or not sharing).
// The agreements and DPIAs a decision relied on (docs/governance.md).
json CoverJson(const std::vector<domain::CoverRecord>& cover) {
  json agreements = json::array(), dpias = json::array();
  for (const auto& c : cover)
    (c.kind == domain::CoverKind::kAgreement ? agreements : dpias).push_back({{"id", c.id}, {"title", c.title}});
  return {{"agreements", agreements}, {"dpias", dpias}};
}

json DecisionResultJson(const service::DecisionResult& r, Time now) {
  json j = ToJson(r.decision, now);
  j["disclosure_id"] = r.disclosure ? json(r.disclosure->id) : json(nullptr);
  j["cover"] = CoverJson(r.cover);
  return j;
}

json ToJson(const Feedback& f) {
  return {{"id", f.id}, {"organisation_id", f.organisation_id}, {"given_by", f.given_by},
          {"action", ToString(f.action)}, {"note", f.note}, {"created_at", Stamp(f.created_at)}};
}

json ToJson(const InformationRequest& r) {
  return {{"id", r.id}, {"requester_organisation_id", r.requester_organisation_id},
          {"requested_by", r.requested_by}, {"holder_organisation_id", r.holder_organisation_id},
          {"child", {{"given_name", r.child_given_name}, {"family_name", r.child_family_name},
                     {"date_of_birth", r.child_date_of_birth}, {"nhs_number", r.child_nhs_number},
                     {"other_details", r.child_other_details}}},
          {"people", Array(r.people, [](const RequestPerson& p) {
             return json{{"name", p.name}, {"relationship", p.relationship},
                         {"parental_responsibility", ToString(p.parental_responsibility)}};
           })},
          {"needed", r.needed}, {"reason", r.reason}, {"terminology", r.terminology},
          {"urgency", ToString(r.urgency)}, {"status", ToString(r.status)},
          {"created_at", Stamp(r.created_at)}, {"updated_at", Stamp(r.updated_at)}};
}

json ToJson(const service::InformationRequestView& v) {
  json j = ToJson(v.request);
  json messages = json::array();
  for (const auto& m : v.messages)
    messages.push_back({{"id", m.id}, {"kind", ToString(m.kind)}, {"text", m.text},
                        {"organisation_id", m.organisation_id}, {"written_by", m.written_by},
                        {"decision_id", m.decision_id}, {"created_at", Stamp(m.created_at)}});
  j["messages"] = messages;
  return j;
}

json ToJson(const AdviceRequest& a, Time now) {
  const Time until = a.answered_at == Time{} ? now : a.answered_at;
  return {{"id", a.id}, {"asked_by", a.asked_by}, {"adviser", ToString(a.adviser)},
          {"question", a.question}, {"child_id", a.child_id}, {"concern_id", a.concern_id},
          {"created_at", Stamp(a.created_at)}, {"answer", a.answer}, {"answered_by", a.answered_by},
          {"answered_at", OptionalStamp(a.answered_at)},
          {"minutes_to_answer",
           a.answered_at == Time{} ? json(nullptr)
                                   : json(std::chrono::duration_cast<std::chrono::minutes>(until - a.created_at).count())},
          {"minutes_waiting",
           a.answered_at == Time{} ? json(std::chrono::duration_cast<std::chrono::minutes>(until - a.created_at).count())
                                   : json(nullptr)}};
}

// {"key": [...]}: the shape of every list response.
template <typename T, typename Fn>
json List(std::string_view key, const std::vector<T>& values, Fn fn) {
  return json{{std::string(key), Array(values, fn)}};
}

// Parses the body and fills `out` with `parse(fields)`; a parse error is the response.
template <typename Parse>
std::optional<Response> ReadBody(const Request& req, Parse parse) {
  auto body = ParseJsonBody(req);
  if (!body) return ErrorResponse(req, body.error());
  Status parsed = parse(JsonFields(body->root()));
  if (!parsed) return ErrorResponse(req, parsed.error());
  return std::nullopt;
}

template <typename T, typename Fn>
Response Reply(const Request& req, const Result<T>& result, int status, Fn render) {
  if (!result) return ErrorResponse(req, result.error());
  return JsonResponse(status, render(*result));
}

Result<service::NewItem> ParseItem(const JsonFields& f) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"person_id", "text", "source", "date", "accuracy", "special_category",
                                      "criminal_offence", "confidential", "identifies"}));
  service::NewItem i;
  if (f.Has("person_id")) i.person_id = JIGSAW_TRY(f.String("person_id"));
  i.text = JIGSAW_TRY(f.String("text"));
  i.source = JIGSAW_TRY(f.String("source"));
  if (f.Has("date")) i.date = JIGSAW_TRY(f.String("date"));
  i.accuracy = JIGSAW_TRY(f.EnumOr("accuracy", Accuracy::kUnverified));
  i.special_category = JIGSAW_TRY(f.Enums<SpecialCategory>("special_category"));
  i.criminal_offence = JIGSAW_TRY(f.BoolOr("criminal_offence", false));
  i.confidential = JIGSAW_TRY(f.BoolOr("confidential", false));
  i.identifies = JIGSAW_TRY(f.Strings("identifies"));
  return i;
}


Result<service::Circumstances> ParseCircumstances(const JsonFields& c) {
    // Whether an agreement and a DPIA are in place is found in the
    // registers, never taken from the caller (docs/governance.md): a caller
    // still sending the old fields is told so, rather than believing Jigsaw
    // took their word for it.
    for (const char* old : {"dsa_in_place", "dpia_in_place"})
      if (c.Has(old))
        return InvalidArgument(c.Path(old),
                               std::string(old) + " is no longer accepted: Jigsaw finds the active data sharing "
                               "agreements and approved DPIAs covering this sharing itself (see /api/v1/agreements "
                               "and /api/v1/dpias). Leave it out.");
    JIGSAW_RETURN_IF_ERROR(c.OnlyKnown({"purpose", "risk", "legal_requirement", "frequency", "consent", "objections",
                                        "informing", "uncertain"}));
    service::Circumstances k;
    k.purpose = JIGSAW_TRY(c.Enum<guidance::Purpose>("purpose"));
    k.risk = JIGSAW_TRY(c.Enum<guidance::Risk>("risk"));
    k.legal_requirement = JIGSAW_TRY(c.BoolOr("legal_requirement", false));
    k.frequency = JIGSAW_TRY(c.EnumOr("frequency", guidance::Frequency::kOneOff));
    k.consent = JIGSAW_TRY(c.EnumOr("consent", guidance::Consent::kNotSought));
    k.objections = JIGSAW_TRY(c.Enums<guidance::Objector>("objections"));
    const JsonFields inf = JIGSAW_TRY(c.Object("informing", false));
    JIGSAW_RETURN_IF_ERROR(inf.OnlyKnown({"safe_and_practical", "risk_to_child", "compromises_investigation"}));
    k.informing = {JIGSAW_TRY(inf.BoolOr("safe_and_practical", false)), JIGSAW_TRY(inf.BoolOr("risk_to_child", false)),
                   JIGSAW_TRY(inf.BoolOr("compromises_investigation", false))};
    k.uncertain = JIGSAW_TRY(c.BoolOr("uncertain", false));
    return k;
}

// The practitioner's own record of a decision (golden rule 7), as the
// decision and the typed answer to a request both carry it.
Status ParseRecord(const JsonFields& f, DecisionRecord& rec) {
  rec.rationale = JIGSAW_TRY(f.StringOrEmpty("rationale"));
  rec.lawful_basis = JIGSAW_TRY(f.StringOrEmpty("lawful_basis"));
  rec.special_category_condition = JIGSAW_TRY(f.StringOrEmpty("special_category_condition"));
  rec.sensitive_processing_condition = JIGSAW_TRY(f.StringOrEmpty("sensitive_processing_condition"));
  rec.criminal_offence_condition = JIGSAW_TRY(f.StringOrEmpty("criminal_offence_condition"));
  rec.confidentiality_basis = JIGSAW_TRY(f.StringOrEmpty("confidentiality_basis"));
  rec.consent = JIGSAW_TRY(f.StringOrEmpty("consent"));
  rec.departure_reason = JIGSAW_TRY(f.StringOrEmpty("departure_reason"));
  for (const auto& o : JIGSAW_TRY(f.Objects("objection_overrides"))) {
    JIGSAW_RETURN_IF_ERROR(o.OnlyKnown({"by", "reason"}));
    const auto by = JIGSAW_TRY(o.Enum<guidance::Objector>("by"));
    rec.objections.push_back({std::string(ToString(by)), JIGSAW_TRY(o.String("reason"))});
  }
  if (f.Has("informing")) {
    const JsonFields i = JIGSAW_TRY(f.Object("informing", true));
    JIGSAW_RETURN_IF_ERROR(i.OnlyKnown({"told", "told_on", "told_by", "reason_not_told"}));
    Informing inf;
    inf.told = JIGSAW_TRY(i.Bool("told"));
    inf.told_on = JIGSAW_TRY(i.StringOrEmpty("told_on"));
    inf.told_by = JIGSAW_TRY(i.StringOrEmpty("told_by"));
    inf.reason_not_told = JIGSAW_TRY(i.StringOrEmpty("reason_not_told"));
      rec.informing = inf;
  }
  if (f.Has("advice_sought")) {
    const JsonFields a = JIGSAW_TRY(f.Object("advice_sought", true));
    JIGSAW_RETURN_IF_ERROR(a.OnlyKnown({"from", "summary"}));
    AdviceSought sought;
    sought.from = JIGSAW_TRY(a.String("from"));
    sought.summary = JIGSAW_TRY(a.StringOrEmpty("summary"));
      rec.advice_sought = sought;
  }
  return Ok();
}

Status ParseDecision(const JsonFields& f, service::NewDecision& d) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown(
      {"child_id", "concern_id", "information_request_id", "recipient_organisation_id",
       "recipient_practitioner_id", "circumstances", "items", "share_items", "outcome", "emergency",
       "supersedes", "rationale", "lawful_basis", "special_category_condition",
       "sensitive_processing_condition", "criminal_offence_condition", "confidentiality_basis",
       "consent", "objection_overrides", "informing", "advice_sought", "departure_reason", "mention_reviews",
       "concern_account", "police"}));
  d.concern_account = JIGSAW_TRY(f.EnumOr("concern_account", ConcernAccount::kNotShared));
  d.child_id = JIGSAW_TRY(f.StringOrEmpty("child_id"));
  d.concern_id = JIGSAW_TRY(f.StringOrEmpty("concern_id"));
  d.information_request_id = JIGSAW_TRY(f.StringOrEmpty("information_request_id"));
  d.recipient_organisation_id = JIGSAW_TRY(f.StringOrEmpty("recipient_organisation_id"));
  d.recipient_practitioner_id = JIGSAW_TRY(f.StringOrEmpty("recipient_practitioner_id"));
  d.supersedes = JIGSAW_TRY(f.StringOrEmpty("supersedes"));
  JIGSAW_RETURN_IF_ERROR(ParseRecord(f, d.record));
  if (f.Has("police")) {
    // A police force's references; the service refuses them from anyone else.
    const JsonFields p = JIGSAW_TRY(f.Object("police", true));
    JIGSAW_RETURN_IF_ERROR(p.OnlyKnown({"occurrence_reference", "ppn_reference", "dash_risk"}));
    d.record.police.occurrence_reference = JIGSAW_TRY(p.StringOrEmpty("occurrence_reference"));
    d.record.police.ppn_reference = JIGSAW_TRY(p.StringOrEmpty("ppn_reference"));
    if (p.Has("dash_risk")) d.record.police.dash_risk = JIGSAW_TRY(p.Enum<domain::DashRisk>("dash_risk"));
  }
  d.outcome = JIGSAW_TRY(f.Enum<DecisionOutcome>("outcome"));
  d.emergency = JIGSAW_TRY(f.BoolOr("emergency", false));
  d.share_items = JIGSAW_TRY(f.Strings("share_items"));
  for (const auto& m : JIGSAW_TRY(f.Objects("mention_reviews"))) {
    JIGSAW_RETURN_IF_ERROR(m.OnlyKnown({"mention_id", "choice", "reason"}));
    // Each field before the braced list: an error leaving it part-built
    // (JIGSAW_TRY returns) leaks what was built, under g++ 12.
    std::string mention_id = JIGSAW_TRY(m.String("mention_id"));
    const auto choice = JIGSAW_TRY(m.Enum<MentionChoice>("choice"));
    std::string reason = JIGSAW_TRY(m.StringOrEmpty("reason"));
    d.mention_reviews.push_back({std::move(mention_id), choice, std::move(reason)});
  }
  for (const auto& item : JIGSAW_TRY(f.Objects("items"))) {
    JIGSAW_RETURN_IF_ERROR(item.OnlyKnown({"id", "relevant", "necessary"}));
    std::string id = JIGSAW_TRY(item.String("id"));
    const bool relevant = JIGSAW_TRY(item.Bool("relevant"));
    const bool necessary = JIGSAW_TRY(item.Bool("necessary"));
    d.items.push_back({std::move(id), relevant, necessary});
  }
  if (f.Has("circumstances")) d.circumstances = JIGSAW_TRY(ParseCircumstances(JIGSAW_TRY(f.Object("circumstances", true))));
  return Ok();
}

// An answer typed in: the items as the holder wrote them, and the decision's
// circumstances and record as for any decision to share.
Status ParseTypedAnswer(const JsonFields& f, service::TypedAnswer& a) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown(
      {"child_id", "items", "circumstances", "rationale", "lawful_basis", "special_category_condition",
       "sensitive_processing_condition", "criminal_offence_condition", "confidentiality_basis", "consent",
       "objection_overrides", "informing", "advice_sought", "departure_reason"}));
  a.child_id = JIGSAW_TRY(f.StringOrEmpty("child_id"));
  for (const auto& item : JIGSAW_TRY(f.Objects("items"))) {
    JIGSAW_RETURN_IF_ERROR(item.OnlyKnown(
        {"text", "source", "date", "accuracy", "special_category", "criminal_offence", "confidential"}));
    a.items.push_back(JIGSAW_TRY(ParseItem(item)));
  }
  a.circumstances = JIGSAW_TRY(ParseCircumstances(JIGSAW_TRY(f.Object("circumstances", true))));
  return ParseRecord(f, a.record);
}

}  // namespace

void AddCaseworkRoutes(Router& router, CaseworkServices s) {
  auto& auth = s.authentication;
  auto* casework = &s.casework;
  auto* sharing = &s.sharing;
  auto* requests = &s.requests;
  const Clock* clock = &s.clock;
  using service::Authenticated;
  using service::Context;

  // People and relationships.
  router.Add("POST", "/api/v1/people", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    Person p;
    std::optional<service::LinkTo> link;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"kind", "given_name", "family_name", "known_as", "date_of_birth",
                                              "nhs_number", "upn", "address", "postcode", "phone_numbers",
                                              "email_addresses", "protected", "protected_reason", "related_to"}));
          p.known_as = JIGSAW_TRY(f.Strings("known_as"));
          p.phone_numbers = JIGSAW_TRY(f.Strings("phone_numbers"));
          p.email_addresses = JIGSAW_TRY(f.Strings("email_addresses"));
          if (f.Has("related_to")) {
            const JsonFields r = JIGSAW_TRY(f.Object("related_to", true));
            JIGSAW_RETURN_IF_ERROR(r.OnlyKnown({"person_id", "kind"}));
            std::string person_id = JIGSAW_TRY(r.String("person_id"));
            link = service::LinkTo{std::move(person_id), JIGSAW_TRY(r.Enum<RelationshipKind>("kind"))};
          }
          p.kind = JIGSAW_TRY(f.Enum<PersonKind>("kind"));
          p.given_name = JIGSAW_TRY(f.String("given_name"));
          p.family_name = JIGSAW_TRY(f.String("family_name"));
          p.date_of_birth = JIGSAW_TRY(f.StringOrEmpty("date_of_birth"));
          p.nhs_number = JIGSAW_TRY(f.StringOrEmpty("nhs_number"));
          p.upn = JIGSAW_TRY(f.StringOrEmpty("upn"));
          p.address = JIGSAW_TRY(f.StringOrEmpty("address"));
          p.postcode = JIGSAW_TRY(f.StringOrEmpty("postcode"));
          p.protected_reason = JIGSAW_TRY(f.StringOrEmpty("protected_reason"));
          p.is_protected = JIGSAW_TRY(f.BoolOr("protected", false));
          return Ok();
        }))
      return *bad;
    return Reply(req, casework->AddPerson(ctx, p, link), 201, [](const Person& x) { return ToJson(x); });
  }));

  router.Add("GET", "/api/v1/people", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, casework->FindPeople(ctx, req.QueryParam("q").value_or("")), 200,
                 [](const auto& list) { return List("people", list, [](const Person& p) { return ToJson(p); }); });
  }));

  router.Add("GET", "/api/v1/people/{id}", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, casework->GetPerson(ctx, std::string(req.PathParam("id"))), 200,
                 [](const service::PersonRecord& r) {
                   json j = ToJson(r.person);
                   j["related"] = Array(r.related, [](const service::RelatedPerson& x) {
                     return json{{"relationship", ToJson(x.relationship)}, {"person", ToJson(x.person)}};
                   });
                   // Objections and the DPO's decision on each (UK GDPR
                   // Article 21); the grounds stay in the DPO's register.
                   j["objections"] = Array(r.objections, [](const domain::Objection& o) {
                     return json{{"id", o.id}, {"received_on", o.received_on}, {"decision", ToString(o.decision)},
                                 {"decision_reason", o.decision_reason},
                                 {"decided_at", OptionalStamp(o.decided_at)}};
                   });
                   return j;
                 });
  }));

  router.Add("POST", "/api/v1/relationships", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    Relationship r;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"person_id", "related_person_id", "kind"}));
          r.person_id = JIGSAW_TRY(f.String("person_id"));
          r.related_person_id = JIGSAW_TRY(f.String("related_person_id"));
          r.kind = JIGSAW_TRY(f.Enum<RelationshipKind>("kind"));
          return Ok();
        }))
      return *bad;
    return Reply(req, casework->AddRelationship(ctx, r), 201, [](const Relationship& x) { return ToJson(x); });
  }));

  // Concerns and items.
  auto concern_json = [](const service::ConcernRecord& r) {
    json j = ToJson(r.concern);
    j["child"] = ToJson(r.child);
    j["items"] = Array(r.items, [](const InformationItem& i) { return ToJson(i); });
    j["body_marks"] = Array(r.body_marks, [](const BodyMark& m) { return ToJson(m); });
    j["attachments"] = Array(r.attachments, [](const Attachment& a) { return ToJson(a); });
    return j;
  };

  router.Add("POST", "/api/v1/concerns", SignedIn(auth, [casework, concern_json](Request& req, const Authenticated&, const Context& ctx) {
    service::NewConcern c;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(
              f.OnlyKnown({"child_id", "forms", "level", "what_happened", "child_words", "items", "incident"}));
          const JsonFields incident = JIGSAW_TRY(f.Object("incident", false));
          JIGSAW_RETURN_IF_ERROR(incident.OnlyKnown({"date", "time", "place"}));
          c.incident_date = JIGSAW_TRY(incident.StringOrEmpty("date"));
          c.incident_time = JIGSAW_TRY(incident.StringOrEmpty("time"));
          c.incident_place = JIGSAW_TRY(incident.StringOrEmpty("place"));
          c.child_id = JIGSAW_TRY(f.String("child_id"));
          c.forms = JIGSAW_TRY(f.Enums<AbuseForm>("forms"));
          c.level = JIGSAW_TRY(f.Enum<ConcernLevel>("level"));
          c.what_happened = JIGSAW_TRY(f.String("what_happened"));
          c.child_words = JIGSAW_TRY(f.StringOrEmpty("child_words"));
          for (const auto& item : JIGSAW_TRY(f.Objects("items"))) c.items.push_back(JIGSAW_TRY(ParseItem(item)));
          return Ok();
        }))
      return *bad;
    return Reply(req, casework->RaiseConcern(ctx, c), 201, concern_json);
  }));

  router.Add("GET", "/api/v1/concerns", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, casework->MyConcerns(ctx), 200,
                 [](const auto& list) { return List("concerns", list, [](const Concern& c) { return ToJson(c); }); });
  }));

  router.Add("GET", "/api/v1/concerns/queue", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, casework->SafeguardingQueue(ctx), 200,
                 [](const auto& list) { return List("concerns", list, [](const Concern& c) { return ToJson(c); }); });
  }));

  router.Add("GET", "/api/v1/concerns/{id}", SignedIn(auth, [casework, concern_json](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, casework->GetConcern(ctx, std::string(req.PathParam("id"))), 200, concern_json);
  }));

  router.Add("POST", "/api/v1/concerns/{id}/items", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    service::NewItem item;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          item = JIGSAW_TRY(ParseItem(f));
          return Ok();
        }))
      return *bad;
    return Reply(req, casework->AddItem(ctx, std::string(req.PathParam("id")), item), 201,
                 [](const InformationItem& i) { return ToJson(i); });
  }));

  router.Add("POST", "/api/v1/concerns/{id}/seen", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, casework->MarkSeen(ctx, std::string(req.PathParam("id"))), 200,
                 [](const Concern& c) { return ToJson(c); });
  }));

  router.Add("POST", "/api/v1/concerns/{id}/next-step", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    NextStep step{};
    std::string note;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"next_step", "note"}));
          step = JIGSAW_TRY(f.Enum<NextStep>("next_step"));
          note = JIGSAW_TRY(f.StringOrEmpty("note"));
          return Ok();
        }))
      return *bad;
    return Reply(req, casework->RecordNextStep(ctx, std::string(req.PathParam("id")), step, note), 200,
                 [](const Concern& c) { return ToJson(c); });
  }));

  // Decisions.
  router.Add("POST", "/api/v1/decisions/preview", SignedIn(auth, [sharing](Request& req, const Authenticated&, const Context& ctx) {
    service::NewDecision d;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) { return ParseDecision(f, d); })) return *bad;
    auto preview = sharing->Preview(ctx, d);
    if (!preview) return ErrorResponse(req, preview.error());
    json j;
    j["assessment"] = preview->assessment ? json::parse(guidance::ToJsonText(*preview->assessment)) : json(nullptr);
    j["recipient_view"] = preview->recipient_view_json.empty() ? json(nullptr) : json::parse(preview->recipient_view_json);
    j["redactions"] = preview->recipient_view ? preview->recipient_view->redactions : 0;
    // Whether the sharer is asked for its police references (a police force only).
    j["police_references_asked"] = preview->police_references;
    // The agreements and DPIAs the assessment found covering this sharing.
    if (preview->cover) {
      auto refs = [](const std::vector<service::CoverRef>& v) {
        return Array(v, [](const service::CoverRef& r) { return json{{"id", r.id}, {"title", r.title}}; });
      };
      j["cover"] = json{{"agreements", refs(preview->cover->agreements)}, {"dpias", refs(preview->cover->dpias)}};
    } else {
      j["cover"] = nullptr;
    }
    j["record_problems"] = Array(preview->record_problems, [](const Error& e) {
      return json{{"field", e.field}, {"message", e.message}};
    });
    j["mentions"] = Array(preview->mentions, [](const service::MentionForReview& m) {
      return json{{"id", m.id}, {"item_id", m.item_id}, {"field", m.field}, {"before", m.before},
                  {"match", m.match}, {"after", m.after}, {"person_id", m.person_id}, {"person_name", m.person_name}};
    });
    return JsonResponse(200, j);
  }));

  router.Add("POST", "/api/v1/decisions", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    service::NewDecision d;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) { return ParseDecision(f, d); })) return *bad;
    return Reply(req, sharing->Decide(ctx, d), 201, [clock](const service::DecisionResult& r) {
      return DecisionResultJson(r, clock->Now());
    });
  }));

  router.Add("GET", "/api/v1/decisions", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->ListDecisions(ctx, req.QueryParam("child_id").value_or("")), 200,
                 [clock](const auto& list) {
                   return List("decisions", list, [clock](const Decision& d) { return ToJson(d, clock->Now()); });
                 });
  }));

  router.Add("GET", "/api/v1/decisions/owed", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->OwedRecords(ctx), 200, [clock](const auto& list) {
      return List("decisions", list, [clock](const Decision& d) { return ToJson(d, clock->Now()); });
    });
  }));

  // Staff shares held for the DSL (Issue: staff shares go through the DSL).
  router.Add("GET", "/api/v1/decisions/awaiting-approval", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->AwaitingApproval(ctx), 200, [clock](const auto& list) {
      return List("decisions", list, [clock](const Decision& d) { return ToJson(d, clock->Now()); });
    });
  }));

  router.Add("POST", "/api/v1/decisions/{id}/approve", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->Approve(ctx, std::string(req.PathParam("id"))), 200, [clock](const service::DecisionResult& r) {
      json j = ToJson(r.decision, clock->Now());
      j["disclosure_id"] = r.disclosure ? json(r.disclosure->id) : json(nullptr);
      return j;
    });
  }));

  router.Add("POST", "/api/v1/decisions/{id}/decline", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    std::string reasons;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"reason"}));
          reasons = JIGSAW_TRY(f.StringOrEmpty("reason"));
          return Ok();
        }))
      return *bad;
    return Reply(req, sharing->Decline(ctx, std::string(req.PathParam("id")), reasons), 200,
                 [clock](const Decision& d) { return ToJson(d, clock->Now()); });
  }));

  router.Add("GET", "/api/v1/decisions/{id}", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->GetDecision(ctx, std::string(req.PathParam("id"))), 200,
                 [clock](const service::DecisionView& v) {
                   json j = ToJson(v.decision, clock->Now());
                   j["superseded_by"] = v.superseded_by;
                   j["disclosure_ids"] = v.disclosure_ids;
                   j["cover"] = CoverJson(v.cover);
                   return j;
                 });
  }));

  // Disclosures and feedback.
  router.Add("GET", "/api/v1/disclosures", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    const std::string box = req.QueryParam("box").value_or("inbox");
    if (box != "inbox" && box != "sent")
      return ErrorResponse(req, Error{ErrorCode::kInvalidArgument, "Use box=inbox or box=sent.", "box"});
    return Reply(req, sharing->Disclosures(ctx, box == "inbox"), 200, [clock](const auto& list) {
      return List("disclosures", list, [clock](const service::DisclosureSummary& d) { return ToJson(d, clock->Now()); });
    });
  }));

  router.Add("GET", "/api/v1/disclosures/{id}", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->GetDisclosure(ctx, std::string(req.PathParam("id"))), 200,
                 [clock](const service::DisclosureView& v) {
                   json j = ToJson(v.summary, clock->Now());
                   // A recalled disclosure has no content for its recipient.
                   j["content"] = v.content_json.empty() ? json(nullptr) : json::parse(v.content_json);
                   j["feedback"] = Array(v.feedback, [](const Feedback& f) { return ToJson(f); });
                   return j;
                 });
  }));

  router.Add("POST", "/api/v1/disclosures/{id}/feedback", SignedIn(auth, [sharing](Request& req, const Authenticated&, const Context& ctx) {
    FeedbackAction action{};
    std::string note;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"action", "note"}));
          action = JIGSAW_TRY(f.Enum<FeedbackAction>("action"));
          note = JIGSAW_TRY(f.StringOrEmpty("note"));
          return Ok();
        }))
      return *bad;
    return Reply(req, sharing->GiveFeedback(ctx, std::string(req.PathParam("id")), action, note), 201,
                 [](const Feedback& f) { return ToJson(f); });
  }));

  // Recalling a disclosure sent in error (docs/workflow.md).
  router.Add("POST", "/api/v1/disclosures/{id}/recall", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    std::string reason;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"reason"}));
          reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
          return Ok();
        }))
      return *bad;
    return Reply(req, sharing->Recall(ctx, std::string(req.PathParam("id")), reason), 200,
                 [clock](const Disclosure& d) { return ToJson(service::DisclosureSummary{d, {}, {}}, clock->Now()); });
  }));

  router.Add("POST", "/api/v1/disclosures/{id}/recall/confirmation", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->ConfirmRecall(ctx, std::string(req.PathParam("id"))), 200,
                 [clock](const Disclosure& d) { return ToJson(service::DisclosureSummary{d, {}, {}}, clock->Now()); });
  }));

  router.Add("GET", "/api/v1/recalls", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, sharing->Recalls(ctx), 200, [clock](const auto& list) {
      const Time now = clock->Now();
      return List("recalls", list, [now](const service::RecallFlag& f) {
        json j = ToJson(f.summary, now);
        j["recalled_by_name"] = f.recalled_by_name;
        j["confirmed_by_name"] = f.confirmed_by_name;
        j["possible_breach"] = true;
        j["breach_report_due_at"] = Stamp(f.breach_report_due_at);
        j["breach_report_overdue"] = now > f.breach_report_due_at;
        return j;
      });
    });
  }));

  // Information requests.
  router.Add("POST", "/api/v1/information-requests", SignedIn(auth, [requests](Request& req, const Authenticated&, const Context& ctx) {
    InformationRequest r;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(
              f.OnlyKnown({"holder_organisation_id", "child", "people", "needed", "reason", "terminology", "urgency"}));
          r.holder_organisation_id = JIGSAW_TRY(f.String("holder_organisation_id"));
          const JsonFields c = JIGSAW_TRY(f.Object("child", true));
          JIGSAW_RETURN_IF_ERROR(c.OnlyKnown({"given_name", "family_name", "date_of_birth", "nhs_number", "other_details"}));
          r.child_given_name = JIGSAW_TRY(c.String("given_name"));
          r.child_family_name = JIGSAW_TRY(c.String("family_name"));
          r.child_date_of_birth = JIGSAW_TRY(c.StringOrEmpty("date_of_birth"));
          r.child_nhs_number = JIGSAW_TRY(c.StringOrEmpty("nhs_number"));
          r.child_other_details = JIGSAW_TRY(c.StringOrEmpty("other_details"));
          for (const auto& p : JIGSAW_TRY(f.Objects("people"))) {
            JIGSAW_RETURN_IF_ERROR(p.OnlyKnown({"name", "relationship", "parental_responsibility"}));
            // One at a time: leaving a braced list part-built on an error
            // (JIGSAW_TRY returns) leaks what was built, under g++ 12.
            std::string name = JIGSAW_TRY(p.String("name"));
            std::string relationship = JIGSAW_TRY(p.String("relationship"));
            const auto responsibility = JIGSAW_TRY(p.Enum<ParentalResponsibility>("parental_responsibility"));
            r.people.push_back({std::move(name), std::move(relationship), responsibility});
          }
          r.needed = JIGSAW_TRY(f.String("needed"));
          r.reason = JIGSAW_TRY(f.String("reason"));
          r.terminology = JIGSAW_TRY(f.StringOrEmpty("terminology"));
          r.urgency = JIGSAW_TRY(f.EnumOr("urgency", Urgency::kRoutine));
          return Ok();
        }))
      return *bad;
    return Reply(req, requests->AskForInformation(ctx, r), 201, [](const InformationRequest& x) { return ToJson(x); });
  }));

  router.Add("GET", "/api/v1/information-requests", SignedIn(auth, [requests](Request& req, const Authenticated&, const Context& ctx) {
    const std::string box = req.QueryParam("box").value_or("sent");
    if (box != "sent" && box != "received")
      return ErrorResponse(req, Error{ErrorCode::kInvalidArgument, "Use box=sent or box=received.", "box"});
    return Reply(req, requests->InformationRequests(ctx, box == "received"), 200, [](const auto& list) {
      return List("information_requests", list, [](const InformationRequest& r) { return ToJson(r); });
    });
  }));

  router.Add("GET", "/api/v1/information-requests/{id}", SignedIn(auth, [requests](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, requests->GetInformationRequest(ctx, std::string(req.PathParam("id"))), 200,
                 [](const service::InformationRequestView& v) { return ToJson(v); });
  }));

  router.Add("POST", "/api/v1/information-requests/{id}/messages", SignedIn(auth, [requests](Request& req, const Authenticated&, const Context& ctx) {
    RequestMessageKind kind{};
    std::string text;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"kind", "text"}));
          kind = JIGSAW_TRY(f.Enum<RequestMessageKind>("kind"));
          text = JIGSAW_TRY(f.String("text"));
          return Ok();
        }))
      return *bad;
    return Reply(req, requests->AddMessage(ctx, std::string(req.PathParam("id")), kind, text), 201,
                 [](const service::InformationRequestView& v) { return ToJson(v); });
  }));

  router.Add("POST", "/api/v1/information-requests/{id}/not-known", SignedIn(auth, [requests](Request& req, const Authenticated&, const Context& ctx) {
    std::string note;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"note"}));
          note = JIGSAW_TRY(f.StringOrEmpty("note"));
          return Ok();
        }))
      return *bad;
    return Reply(req, requests->AnswerNotKnown(ctx, std::string(req.PathParam("id")), note), 200,
                 [](const service::InformationRequestView& v) { return ToJson(v); });
  }));

  router.Add("POST", "/api/v1/information-requests/{id}/answer", SignedIn(auth, [sharing, clock](Request& req, const Authenticated&, const Context& ctx) {
    service::TypedAnswer a;
    a.information_request_id = std::string(req.PathParam("id"));
    if (auto bad = ReadBody(req, [&](const JsonFields& f) { return ParseTypedAnswer(f, a); })) return *bad;
    return Reply(req, sharing->AnswerWithItems(ctx, a), 201, [clock](const service::DecisionResult& r) {
      return DecisionResultJson(r, clock->Now());
    });
  }));

  // Advice requests.
  router.Add("POST", "/api/v1/advice-requests", SignedIn(auth, [requests, clock](Request& req, const Authenticated&, const Context& ctx) {
    AdviceRequest a;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"adviser", "question", "child_id", "concern_id"}));
          a.adviser = JIGSAW_TRY(f.Enum<AdviserRole>("adviser"));
          a.question = JIGSAW_TRY(f.String("question"));
          a.child_id = JIGSAW_TRY(f.StringOrEmpty("child_id"));
          a.concern_id = JIGSAW_TRY(f.StringOrEmpty("concern_id"));
          return Ok();
        }))
      return *bad;
    return Reply(req, requests->AskForAdvice(ctx, a), 201, [clock](const AdviceRequest& x) { return ToJson(x, clock->Now()); });
  }));

  router.Add("GET", "/api/v1/advice-requests", SignedIn(auth, [requests, clock](Request& req, const Authenticated&, const Context& ctx) {
    const std::string box = req.QueryParam("box").value_or("mine");
    if (box != "mine" && box != "to_me")
      return ErrorResponse(req, Error{ErrorCode::kInvalidArgument, "Use box=mine or box=to_me.", "box"});
    return Reply(req, requests->AdviceRequests(ctx, box == "to_me"), 200, [clock](const auto& list) {
      return List("advice_requests", list, [clock](const AdviceRequest& a) { return ToJson(a, clock->Now()); });
    });
  }));

  router.Add("GET", "/api/v1/advice-requests/{id}", SignedIn(auth, [requests, clock](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, requests->GetAdviceRequest(ctx, std::string(req.PathParam("id"))), 200,
                 [clock](const AdviceRequest& a) { return ToJson(a, clock->Now()); });
  }));

  router.Add("POST", "/api/v1/advice-requests/{id}/answer", SignedIn(auth, [requests, clock](Request& req, const Authenticated&, const Context& ctx) {
    std::string answer;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"answer"}));
          answer = JIGSAW_TRY(f.String("answer"));
          return Ok();
        }))
      return *bad;
    return Reply(req, requests->Answer(ctx, std::string(req.PathParam("id")), answer), 200,
                 [clock](const AdviceRequest& a) { return ToJson(a, clock->Now()); });
  }));

  // Notices.
  router.Add("GET", "/api/v1/notifications", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, casework->Notifications(ctx, req.QueryParam("unread").value_or("") == "true"), 200,
                 [](const auto& list) {
                   return List("notifications", list, [](const Notification& n) {
                     return json{{"id", n.id}, {"kind", n.kind}, {"object_type", n.object_type},
                                 {"object_id", n.object_id}, {"created_at", Stamp(n.created_at)},
                                 {"read_at", OptionalStamp(n.read_at)}};
                   });
                 });
  }));

  router.Add("POST", "/api/v1/notifications/read", SignedIn(auth, [casework](Request& req, const Authenticated&, const Context& ctx) {
    if (auto done = casework->MarkNotificationsRead(ctx); !done) return ErrorResponse(req, done.error());
    Response r;
    r.status = 204;
    r.content_type = "application/json";
    return r;
  }));

  // A concern's body map and files.
  AddRecordingRoutes(router, s);
}

}  // namespace jigsaw::http::api
