#include "guidance/json.h"

#include <set>

#include "common/json_fields.h"

namespace jigsaw::guidance {
namespace {

using nlohmann::json;

Result<JsonFields> Object(const json& parent, std::string_view name, const std::string& path,
                          bool required) {
  static const json kEmpty = json::object();
  if (!parent.contains(name) || parent[std::string(name)].is_null()) {
    if (required) return InvalidArgument(path, "This field is required.");
    return JsonFields(kEmpty, path + ".");
  }
  const json& v = parent[std::string(name)];
  if (!v.is_object()) return InvalidArgument(path, "This must be an object.");
  return JsonFields(v, path + ".");
}

Result<std::string> ShortText(const JsonFields& f, std::string_view name) {
  std::string s = JIGSAW_TRY(f.String(name));
  if (s.empty()) return InvalidArgument(f.Path(name), "This must not be empty.");
  if (s.size() > kMaxText)
    return InvalidArgument(f.Path(name), "Use at most " + std::to_string(kMaxText) + " characters.");
  return s;
}

Result<Item> ParseItem(const json& j, const std::string& path) {
  if (!j.is_object()) return InvalidArgument(path, "Each item must be an object.");
  JsonFields f(j, path + ".");
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"id", "about", "relevant", "necessary", "accuracy",
                                      "special_category", "criminal_offence", "confidential",
                                      "identifies"}));
  Item item;
  item.id = JIGSAW_TRY(ShortText(f, "id"));
  item.about = JIGSAW_TRY(f.EnumOr("about", Subject::kChild));
  item.relevant = JIGSAW_TRY(f.Bool("relevant"));
  item.necessary = JIGSAW_TRY(f.Bool("necessary"));
  item.accuracy = JIGSAW_TRY(f.EnumOr("accuracy", Accuracy::kUnverified));
  for (SpecialCategory c : JIGSAW_TRY(f.Enums<SpecialCategory>("special_category")))
    item.special_category.Add(c);
  item.criminal_offence = JIGSAW_TRY(f.BoolOr("criminal_offence", false));
  item.confidential = JIGSAW_TRY(f.BoolOr("confidential", true));
  if (f.Has("identifies")) {
    const json& list = f.Raw("identifies");
    if (!list.is_array()) return InvalidArgument(f.Path("identifies"), "This must be a list.");
    if (list.size() > kMaxIdentified)
      return InvalidArgument(f.Path("identifies"), "List at most " + std::to_string(kMaxIdentified) + " people.");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string p = f.Path("identifies") + "[" + std::to_string(i) + "]";
      if (!list[i].is_object()) return InvalidArgument(p, "Each entry must be an object.");
      JsonFields who(list[i], p + ".");
      JIGSAW_RETURN_IF_ERROR(who.OnlyKnown({"who", "at_risk_if_known"}));
      item.identifies.push_back(
          {JIGSAW_TRY(ShortText(who, "who")), JIGSAW_TRY(who.BoolOr("at_risk_if_known", true))});
    }
  }
  return item;
}

}  // namespace

Result<Request> ParseRequest(const json& body) {
  if (!body.is_object()) return InvalidArgument("body", "The request must be a JSON object.");
  JsonFields f(body);
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"sharer", "recipient", "purpose", "risk", "legal_requirement",
                                      "frequency", "dsa_in_place", "dpia_in_place", "consent",
                                      "objections", "informing", "uncertain", "items"}));
  Request r;
  {
    JsonFields s = JIGSAW_TRY(Object(body, "sharer", "sharer", true));
    JIGSAW_RETURN_IF_ERROR(s.OnlyKnown({"sector", "competent_authority"}));
    r.sharer.sector = JIGSAW_TRY(s.Enum<domain::Sector>("sector"));
    r.sharer.competent_authority = JIGSAW_TRY(s.BoolOr("competent_authority", false));
  }
  {
    JsonFields s = JIGSAW_TRY(Object(body, "recipient", "recipient", true));
    JIGSAW_RETURN_IF_ERROR(s.OnlyKnown({"safeguarding_role", "competent_authority"}));
    r.recipient.safeguarding_role = JIGSAW_TRY(s.Bool("safeguarding_role"));
    r.recipient.competent_authority = JIGSAW_TRY(s.BoolOr("competent_authority", false));
  }
  r.purpose = JIGSAW_TRY(f.Enum<Purpose>("purpose"));
  r.risk = JIGSAW_TRY(f.Enum<Risk>("risk"));
  r.legal_requirement = JIGSAW_TRY(f.BoolOr("legal_requirement", false));
  r.frequency = JIGSAW_TRY(f.EnumOr("frequency", Frequency::kOneOff));
  r.dsa_in_place = JIGSAW_TRY(f.BoolOr("dsa_in_place", false));
  r.dpia_in_place = JIGSAW_TRY(f.BoolOr("dpia_in_place", false));
  r.consent = JIGSAW_TRY(f.EnumOr("consent", Consent::kNotSought));
  if (f.Has("objections")) {
    const json& list = f.Raw("objections");
    if (!list.is_array()) return InvalidArgument("objections", "This must be a list.");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string p = "objections[" + std::to_string(i) + "]";
      if (!list[i].is_object()) return InvalidArgument(p, "Each objection must be an object.");
      JsonFields o(list[i], p + ".");
      JIGSAW_RETURN_IF_ERROR(o.OnlyKnown({"by"}));
      r.objections.push_back(JIGSAW_TRY(o.Enum<Objector>("by")));
    }
  }
  {
    JsonFields s = JIGSAW_TRY(Object(body, "informing", "informing", false));
    JIGSAW_RETURN_IF_ERROR(s.OnlyKnown({"safe_and_practical", "risk_to_child", "compromises_investigation"}));
    r.informing.safe_and_practical = JIGSAW_TRY(s.BoolOr("safe_and_practical", false));
    r.informing.risk_to_child = JIGSAW_TRY(s.BoolOr("risk_to_child", false));
    r.informing.compromises_investigation = JIGSAW_TRY(s.BoolOr("compromises_investigation", false));
  }
  r.uncertain = JIGSAW_TRY(f.BoolOr("uncertain", false));
  if (!f.Has("items")) return InvalidArgument("items", "List the items of information you might share.");
  const json& items = f.Raw("items");
  if (!items.is_array()) return InvalidArgument("items", "This must be a list.");
  if (items.empty()) return InvalidArgument("items", "List at least one item of information.");
  if (items.size() > kMaxItems)
    return InvalidArgument("items", "List at most " + std::to_string(kMaxItems) + " items.");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = "items[" + std::to_string(i) + "]";
    Item item = JIGSAW_TRY(ParseItem(items[i], path));
    if (!ids.insert(item.id).second)
      return InvalidArgument(path + ".id", "Another item already has the id '" + item.id + "'.");
    r.items.push_back(std::move(item));
  }
  return r;
}

Result<Request> ParseRequestText(std::string_view text) {
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return InvalidArgument("body", "The request is not valid JSON.");
  return ParseRequest(body);
}

nlohmann::ordered_json ToJson(const Assessment& a) {
  using oj = nlohmann::ordered_json;
  auto names = [](const auto& set) {
    oj out = oj::array();
    set.ForEach([&](auto e) { out.push_back(ToString(e)); });
    return out;
  };
  oj items = oj::array();
  for (const ItemAdvice& i : a.items)
    items.push_back(oj{{"id", i.id}, {"share", i.share}, {"redact", i.redact}, {"reason", i.reason}});
  oj reasons = oj::array();
  for (const Reason& r : a.reasons)
    reasons.push_back(oj{{"rule", r.rule}, {"text", r.text}, {"source", r.source}});
  oj out;
  out["recommendation"] = ToString(a.recommendation);
  out["lawful_basis"] = oj{{"suggested", names(a.lawful_basis)},
                           {"consent_appropriate", a.consent_appropriate}};
  out["special_category_condition"] =
      a.special_category_condition ? oj("safeguarding_of_children_and_individuals_at_risk") : oj(nullptr);
  out["law_enforcement_processing"] = a.law_enforcement_processing;
  out["confidentiality"] = ToString(a.confidentiality);
  out["inform"] = ToString(a.inform);
  out["items"] = std::move(items);
  out["must_record"] = names(a.must_record);
  out["governance"] = names(a.governance);
  out["advice"] = names(a.advice);
  out["route"] = ToString(a.route);
  out["reasons"] = std::move(reasons);
  out["advisory"] =
      "This is advice, not a decision: you decide, and record your reasons (UK GDPR Article 22).";
  return out;
}

}  // namespace jigsaw::guidance
