#include "http/web/share_draft.h"

#include <nlohmann/json.hpp>

#include "http/web/forms.h"

namespace jigsaw::http::web {
namespace {

using nlohmann::json;
namespace g = guidance;

constexpr std::array<std::pair<FamilyTold, std::string_view>, 5> kFamilyNames{{
    {FamilyTold::kTold, "told"},
    {FamilyTold::kWillTell, "will_tell"},
    {FamilyTold::kRiskToChild, "risk_to_child"},
    {FamilyTold::kInvestigation, "investigation"},
    {FamilyTold::kNotPractical, "not_practical"},
}};

std::string_view Name(FamilyTold f) {
  for (const auto& [v, n] : kFamilyNames)
    if (v == f) return n;
  return "";
}

std::optional<FamilyTold> ParseFamily(std::string_view s) {
  for (const auto& [v, n] : kFamilyNames)
    if (n == s) return v;
  return std::nullopt;
}

template <typename E>
void PutEnum(json& j, const char* key, const std::optional<E>& v) {
  if (v) j[key] = std::string(ToString(*v));
}

template <typename E>
std::optional<E> GetEnum(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return ParseEnum<E>(it->get<std::string>());
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<bool> Flag(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::optional<std::vector<std::string>> Strings(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& x : *it)
    if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

std::map<std::string, std::string> StringMap(const json& j, const char* key) {
  std::map<std::string, std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return out;
  for (const auto& [k, v] : it->items())
    if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}

// What the practitioner told the family, or why not, as the record keeps it.
std::optional<domain::Informing> InformingOf(const ShareDraft& d) {
  if (!d.family) return std::nullopt;
  domain::Informing inf;
  switch (*d.family) {
    case FamilyTold::kTold:
      inf.told = true;
      inf.told_on = d.ToldOn();
      inf.told_by = d.told_by;
      break;
    case FamilyTold::kWillTell:
      inf.reason_not_told = "Not told yet: it is safe to tell them, and they will be told.";
      break;
    case FamilyTold::kRiskToChild:
      inf.reason_not_told = "Telling them could put the child at more risk.";
      break;
    case FamilyTold::kInvestigation:
      inf.reason_not_told = "Telling them could harm a police investigation.";
      break;
    case FamilyTold::kNotPractical:
      inf.reason_not_told = "It is not practical to tell them.";
      break;
  }
  return inf;
}

g::Risk RiskOf(domain::ConcernLevel level) {
  switch (level) {
    case domain::ConcernLevel::kUnsure: return g::Risk::kUnsure;
    case domain::ConcernLevel::kLow: return g::Risk::kLow;
    case domain::ConcernLevel::kSignificant: return g::Risk::kSignificant;
    case domain::ConcernLevel::kImmediate: return g::Risk::kImmediate;
  }
  return g::Risk::kUnsure;
}

}  // namespace

std::string ShareDraft::ToldOn() const { return IsoDate(told_day, told_month, told_year); }

std::string ToJson(const ShareDraft& d) {
  json j = json::object();
  j["recipient"] = d.recipient;
  j["answerable"] = d.answerable;
  if (d.answering) j["answering"] = *d.answering;
  j["answering_label"] = d.answering_label;
  PutEnum(j, "purpose", d.purpose);
  if (d.legal) j["legal"] = *d.legal;
  PutEnum(j, "frequency", d.frequency);
  PutEnum(j, "consent", d.consent);
  if (d.objections) {
    json a = json::array();
    for (auto o : *d.objections) a.push_back(std::string(ToString(o)));
    j["objections"] = a;
  }
  if (d.family) j["family"] = std::string(Name(*d.family));
  j["told_day"] = d.told_day;
  j["told_month"] = d.told_month;
  j["told_year"] = d.told_year;
  j["told_by"] = d.told_by;
  if (d.relevant) j["relevant"] = *d.relevant;
  if (d.uncertain) j["uncertain"] = *d.uncertain;
  PutEnum(j, "outcome", d.outcome);
  j["rationale"] = d.rationale;
  j["lawful_basis"] = d.lawful_basis;
  j["conditions"] = d.conditions;
  j["condition_other"] = d.condition_other;
  j["objection_reasons"] = d.objection_reasons;
  j["consent_record"] = d.consent_record;
  j["advice_from"] = d.advice_from;
  j["advice_summary"] = d.advice_summary;
  j["departure_reason"] = d.departure_reason;
  if (d.share_items) j["share_items"] = *d.share_items;
  json reviews = json::array();
  for (const auto& r : d.mention_reviews)
    reviews.push_back({{"id", r.mention_id}, {"choice", ToString(r.choice)}, {"reason", r.reason}});
  j["mention_reviews"] = reviews;
  j["occurrence_reference"] = d.occurrence_reference;
  j["ppn_reference"] = d.ppn_reference;
  PutEnum(j, "dash_risk", d.dash_risk);
  j["replacing"] = d.replacing;
  return j.dump();
}

ShareDraft ShareDraftFromJson(std::string_view text) {
  ShareDraft d;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return d;
  d.recipient = Str(j, "recipient");
  d.answerable = Flag(j, "answerable").value_or(false);
  if (j.contains("answering")) d.answering = Str(j, "answering");
  d.answering_label = Str(j, "answering_label");
  d.purpose = GetEnum<g::Purpose>(j, "purpose");
  d.legal = Flag(j, "legal");
  d.frequency = GetEnum<g::Frequency>(j, "frequency");
  d.consent = GetEnum<g::Consent>(j, "consent");
  if (auto objections = Strings(j, "objections")) {
    d.objections.emplace();
    for (const auto& o : *objections)
      if (auto by = ParseEnum<g::Objector>(o)) d.objections->push_back(*by);
  }
  d.family = ParseFamily(Str(j, "family"));
  d.told_day = Str(j, "told_day");
  d.told_month = Str(j, "told_month");
  d.told_year = Str(j, "told_year");
  d.told_by = Str(j, "told_by");
  d.relevant = Strings(j, "relevant");
  d.uncertain = Flag(j, "uncertain");
  d.outcome = GetEnum<domain::DecisionOutcome>(j, "outcome");
  d.rationale = Str(j, "rationale");
  d.lawful_basis = Str(j, "lawful_basis");
  d.conditions = StringMap(j, "conditions");
  d.condition_other = StringMap(j, "condition_other");
  d.objection_reasons = StringMap(j, "objection_reasons");
  d.consent_record = Str(j, "consent_record");
  d.advice_from = Str(j, "advice_from");
  d.advice_summary = Str(j, "advice_summary");
  d.departure_reason = Str(j, "departure_reason");
  d.share_items = Strings(j, "share_items");
  d.replacing = Str(j, "replacing");
  d.occurrence_reference = Str(j, "occurrence_reference");
  d.ppn_reference = Str(j, "ppn_reference");
  d.dash_risk = GetEnum<domain::DashRisk>(j, "dash_risk");
  if (auto it = j.find("mention_reviews"); it != j.end() && it->is_array())
    for (const auto& m : *it)
      if (m.is_object())
        if (auto choice = ParseEnum<domain::MentionChoice>(m.value("choice", "")))
          d.mention_reviews.push_back({m.value("id", ""), *choice, m.value("reason", "")});
  return d;
}

const std::vector<ConditionQuestion>& ConditionQuestions() {
  static const std::vector<ConditionQuestion> questions = {
      {"special_category_condition",
       "You are sharing special category information (such as health). Which condition allows it?",
       g::Record::kSpecialCategoryCondition,
       {{"safeguarding", "To protect a child from harm",
         "UK GDPR Article 9(2)(g) substantial public interest; DPA 2018 Schedule 1 paragraph 18, safeguarding of "
         "children and of individuals at risk"},
        {"care", "To provide health or social care",
         "UK GDPR Article 9(2)(h) health or social care; DPA 2018 Schedule 1 paragraph 2"},
        {"vital", "To protect someone's life when they cannot consent",
         "UK GDPR Article 9(2)(c) vital interests of a person who cannot give consent"},
        {"explicit_consent", "The person gave explicit consent", "UK GDPR Article 9(2)(a) explicit consent"},
        {"legal_claims", "For legal proceedings or a court", "UK GDPR Article 9(2)(f) legal claims or courts"}}},
      {"criminal_offence_condition", "You are sharing information about crime. Which condition allows it?",
       g::Record::kCriminalOffenceCondition,
       {{"safeguarding", "To protect a child from harm",
         "DPA 2018 Schedule 1 paragraph 18, safeguarding of children and of individuals at risk"},
        {"prevent_crime", "To prevent or detect crime", "DPA 2018 Schedule 1 paragraph 10, preventing or detecting unlawful acts"},
        {"legal_claims", "For legal proceedings", "DPA 2018 Schedule 1 paragraph 33, legal claims"},
        {"consent", "The person consented", "DPA 2018 Schedule 1 paragraph 29, consent"}}},
      {"sensitive_processing_condition", "This is law enforcement processing. Which condition allows it?",
       g::Record::kSensitiveProcessingCondition,
       {{"safeguarding", "To protect a child from harm",
         "DPA 2018 section 35(5), strictly necessary for the law enforcement purpose; Schedule 8 paragraph 4, "
         "safeguarding of children and of individuals at risk"},
        {"statutory", "For a statutory purpose",
         "DPA 2018 section 35(5), strictly necessary; Schedule 8 paragraph 1, statutory purposes"},
        {"consent", "The person consented", "DPA 2018 section 35(4), consent"}}},
      {"confidentiality_basis", "Some of it was given in confidence. Why may you share it?",
       g::Record::kConfidentialityBasis,
       {{"public_interest", "The risk of harm to the child outweighs the duty of confidence",
         "Overriding public interest: the risk of harm to the child outweighs the duty of confidence"},
        {"consent", "The person who gave it agreed", "Consent of the person who gave the information in confidence"},
        {"legal_requirement", "A law or court order requires it", "A legal requirement or court order"}}},
  };
  return questions;
}

std::vector<Option> OptionsOf(const ConditionQuestion& question) {
  std::vector<Option> out;
  for (const auto& o : question.options) out.push_back({o.value, o.label, o.legal, false});
  return out;
}

std::string LegalTextOf(const ConditionQuestion& question, std::string_view chosen) {
  for (const auto& o : question.options)
    if (chosen == o.value) return o.legal;
  return {};
}

void RecordCondition(const ConditionQuestion& question, std::string legal, domain::DecisionRecord& record) {
  switch (question.record) {
    case g::Record::kSpecialCategoryCondition: record.special_category_condition = std::move(legal); break;
    case g::Record::kCriminalOffenceCondition: record.criminal_offence_condition = std::move(legal); break;
    case g::Record::kSensitiveProcessingCondition: record.sensitive_processing_condition = std::move(legal); break;
    case g::Record::kConfidentialityBasis: record.confidentiality_basis = std::move(legal); break;
    default: break;
  }
}

service::NewDecision ProposalOf(const service::ConcernRecord& record, const ShareDraft& d) {
  service::NewDecision n;
  n.child_id = record.child.id;
  n.concern_id = record.concern.id;
  n.recipient_organisation_id = d.recipient;
  if (d.answerable && d.answering && *d.answering != "none") n.information_request_id = *d.answering;
  service::Circumstances c;
  c.purpose = d.purpose.value_or(g::Purpose::kSafeguarding);
  c.risk = RiskOf(record.concern.level);
  c.legal_requirement = d.legal.value_or(false);
  c.frequency = d.frequency.value_or(g::Frequency::kOneOff);
  c.consent = d.consent.value_or(g::Consent::kNotSought);
  c.objections = d.objections.value_or(std::vector<g::Objector>{});
  const auto family = d.family.value_or(FamilyTold::kNotPractical);
  c.informing.safe_and_practical = family == FamilyTold::kTold || family == FamilyTold::kWillTell;
  c.informing.risk_to_child = family == FamilyTold::kRiskToChild;
  c.informing.compromises_investigation = family == FamilyTold::kInvestigation;
  c.uncertain = d.uncertain.value_or(false);
  n.circumstances = c;
  const auto relevant = d.relevant.value_or(std::vector<std::string>{});
  for (const auto& i : record.items) {
    const bool yes = std::find(relevant.begin(), relevant.end(), i.id) != relevant.end();
    n.items.push_back({i.id, yes, yes});
  }
  n.outcome = d.outcome.value_or(domain::DecisionOutcome::kNotShare);
  if (n.outcome == domain::DecisionOutcome::kShare && d.share_items)
    for (const auto& id : *d.share_items) {
      if (id == kAccount) n.concern_account = domain::ConcernAccount::kShared;
      else n.share_items.push_back(id);
    }
  auto& r = n.record;
  r.rationale = d.rationale;
  r.lawful_basis = n.outcome == domain::DecisionOutcome::kShare ? d.lawful_basis : "";
  for (const auto& q : ConditionQuestions()) {
    auto chosen = d.conditions.find(q.name);
    if (chosen == d.conditions.end()) continue;
    std::string legal;
    if (chosen->second == "other") {
      auto other = d.condition_other.find(q.name);
      legal = other == d.condition_other.end() ? std::string() : other->second;
    } else {
      legal = LegalTextOf(q, chosen->second);
    }
    RecordCondition(q, std::move(legal), r);
  }
  r.consent = d.consent_record;
  for (auto o : c.objections) {
    const std::string by(ToString(o));
    auto reason = d.objection_reasons.find(by);
    r.objections.push_back({by, reason == d.objection_reasons.end() ? std::string() : reason->second});
  }
  r.informing = InformingOf(d);
  if (!d.advice_from.empty()) r.advice_sought = domain::AdviceSought{d.advice_from, d.advice_summary};
  r.departure_reason = d.departure_reason;
  r.police = {d.occurrence_reference, d.ppn_reference, d.dash_risk};
  n.mention_reviews = d.mention_reviews;
  n.supersedes = d.replacing;
  return n;
}

}  // namespace jigsaw::http::web
