#include "guidance/json.h"

#include <algorithm>

#include "common/json_fields.h"
#include "common/json_writer.h"

namespace jigsaw::guidance {
namespace {

Result<std::string> ShortText(const JsonFields& f, std::string_view name) {
  std::string s = JIGSAW_TRY(f.String(name));
  if (s.empty()) return InvalidArgument(f.Path(name), "This must not be empty.");
  if (s.size() > kMaxText)
    return InvalidArgument(f.Path(name), "Use at most " + std::to_string(kMaxText) + " characters.");
  return s;
}

Result<Item> ParseItem(const JsonFields& f) {
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
  const auto people = JIGSAW_TRY(f.Objects("identifies"));
  if (people.size() > kMaxIdentified)
    return InvalidArgument(f.Path("identifies"),
                           "List at most " + std::to_string(kMaxIdentified) + " people.");
  item.identifies.reserve(people.size());
  for (const JsonFields& who : people) {
    JIGSAW_RETURN_IF_ERROR(who.OnlyKnown({"who", "at_risk_if_known"}));
    // Each field before the braced list: an error leaving it part-built
    // (JIGSAW_TRY returns) leaks what was built, under g++ 12.
    auto name = JIGSAW_TRY(ShortText(who, "who"));
    const bool at_risk_if_known = JIGSAW_TRY(who.BoolOr("at_risk_if_known", true));
    item.identifies.push_back({std::move(name), at_risk_if_known});
  }
  return item;
}

}  // namespace

Result<Request> ParseRequest(JsonValue body) {
  if (!body.IsObject()) return InvalidArgument("body", "The request must be a JSON object.");
  JsonFields f(body);
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"sharer", "recipient", "purpose", "risk", "legal_requirement",
                                      "frequency", "dsa_in_place", "dpia_in_place", "consent",
                                      "objections", "recorded_objection", "informing", "uncertain", "items"}));
  Request r;
  {
    const JsonFields s = JIGSAW_TRY(f.Object("sharer", true));
    JIGSAW_RETURN_IF_ERROR(s.OnlyKnown({"sector", "competent_authority"}));
    r.sharer.sector = JIGSAW_TRY(s.Enum<domain::Sector>("sector"));
    r.sharer.competent_authority = JIGSAW_TRY(s.BoolOr("competent_authority", false));
  }
  {
    const JsonFields s = JIGSAW_TRY(f.Object("recipient", true));
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
  for (const JsonFields& o : JIGSAW_TRY(f.Objects("objections"))) {
    JIGSAW_RETURN_IF_ERROR(o.OnlyKnown({"by"}));
    r.objections.push_back(JIGSAW_TRY(o.Enum<Objector>("by")));
  }
  r.recorded_objection = JIGSAW_TRY(f.EnumOr("recorded_objection", RecordedObjection::kNone));
  {
    const JsonFields s = JIGSAW_TRY(f.Object("informing", false));
    JIGSAW_RETURN_IF_ERROR(s.OnlyKnown({"safe_and_practical", "risk_to_child", "compromises_investigation"}));
    r.informing.safe_and_practical = JIGSAW_TRY(s.BoolOr("safe_and_practical", false));
    r.informing.risk_to_child = JIGSAW_TRY(s.BoolOr("risk_to_child", false));
    r.informing.compromises_investigation = JIGSAW_TRY(s.BoolOr("compromises_investigation", false));
  }
  r.uncertain = JIGSAW_TRY(f.BoolOr("uncertain", false));
  if (!f.Has("items")) return InvalidArgument("items", "List the items of information you might share.");
  const auto items = JIGSAW_TRY(f.Objects("items"));
  if (items.empty()) return InvalidArgument("items", "List at least one item of information.");
  if (items.size() > kMaxItems)
    return InvalidArgument("items", "List at most " + std::to_string(kMaxItems) + " items.");
  r.items.reserve(items.size());
  for (const JsonFields& fields : items) {
    Item item = JIGSAW_TRY(ParseItem(fields));
    const bool duplicate = std::any_of(r.items.begin(), r.items.end(),
                                       [&](const Item& other) { return other.id == item.id; });
    if (duplicate)
      return InvalidArgument(fields.Path("id"), "Another item already has the id '" + item.id + "'.");
    r.items.push_back(std::move(item));
  }
  return r;
}

Result<Request> ParseRequestText(std::string_view text) {
  const JsonDocument doc = JIGSAW_TRY(JsonDocument::Parse(text));
  return ParseRequest(doc.root());
}

std::string ToJsonText(const Request& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("sharer").BeginObject().Key("sector").String(ToString(r.sharer.sector));
  w.Key("competent_authority").Bool(r.sharer.competent_authority).EndObject();
  w.Key("recipient").BeginObject().Key("safeguarding_role").Bool(r.recipient.safeguarding_role);
  w.Key("competent_authority").Bool(r.recipient.competent_authority).EndObject();
  w.Key("purpose").String(ToString(r.purpose));
  w.Key("risk").String(ToString(r.risk));
  w.Key("legal_requirement").Bool(r.legal_requirement);
  w.Key("frequency").String(ToString(r.frequency));
  w.Key("dsa_in_place").Bool(r.dsa_in_place);
  w.Key("dpia_in_place").Bool(r.dpia_in_place);
  w.Key("consent").String(ToString(r.consent));
  w.Key("objections").BeginArray();
  for (Objector o : r.objections) w.BeginObject().Key("by").String(ToString(o)).EndObject();
  w.EndArray();
  w.Key("recorded_objection").String(ToString(r.recorded_objection));
  w.Key("informing").BeginObject().Key("safe_and_practical").Bool(r.informing.safe_and_practical);
  w.Key("risk_to_child").Bool(r.informing.risk_to_child);
  w.Key("compromises_investigation").Bool(r.informing.compromises_investigation).EndObject();
  w.Key("uncertain").Bool(r.uncertain);
  w.Key("items").BeginArray();
  for (const Item& i : r.items) {
    w.BeginObject().Key("id").String(i.id).Key("about").String(ToString(i.about));
    w.Key("relevant").Bool(i.relevant).Key("necessary").Bool(i.necessary);
    w.Key("accuracy").String(ToString(i.accuracy)).Key("special_category").BeginArray();
    i.special_category.ForEach([&](SpecialCategory c) { w.String(ToString(c)); });
    w.EndArray().Key("criminal_offence").Bool(i.criminal_offence).Key("confidential").Bool(i.confidential);
    w.Key("identifies").BeginArray();
    for (const Identified& who : i.identifies)
      w.BeginObject().Key("who").String(who.who).Key("at_risk_if_known").Bool(who.at_risk_if_known).EndObject();
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string ToJsonText(const Assessment& a) {
  JsonWriter w;
  auto names = [&](std::string_view key, const auto& set) {
    w.Key(key).BeginArray();
    set.ForEach([&](auto e) { w.String(ToString(e)); });
    w.EndArray();
  };
  w.BeginObject();
  w.Key("recommendation").String(ToString(a.recommendation));
  w.Key("lawful_basis").BeginObject();
  names("suggested", a.lawful_basis);
  w.Key("consent_appropriate").Bool(a.consent_appropriate).EndObject();
  w.Key("special_category_condition");
  if (a.special_category_condition) w.String("safeguarding_of_children_and_individuals_at_risk");
  else w.Null();
  w.Key("law_enforcement_processing").Bool(a.law_enforcement_processing);
  w.Key("confidentiality").String(ToString(a.confidentiality));
  w.Key("inform").String(ToString(a.inform));
  w.Key("items").BeginArray();
  for (const ItemAdvice& i : a.items) {
    w.BeginObject().Key("id").String(i.id).Key("share").Bool(i.share).Key("redact").BeginArray();
    for (const auto& who : i.redact) w.String(who);
    w.EndArray().Key("reason").String(i.reason).EndObject();
  }
  w.EndArray();
  names("must_record", a.must_record);
  names("governance", a.governance);
  names("advice", a.advice);
  w.Key("route").String(ToString(a.route));
  w.Key("reasons").BeginArray();
  for (const Reason& r : a.reasons)
    w.BeginObject().Key("rule").String(r.rule).Key("text").String(r.text).Key("source").String(r.source).EndObject();
  w.EndArray();
  w.Key("advisory").String(
      "This is advice, not a decision: you decide, and record your reasons (UK GDPR Article 22).");
  w.EndObject();
  return w.Take();
}

}  // namespace jigsaw::guidance
