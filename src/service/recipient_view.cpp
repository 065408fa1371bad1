#include "service/recipient_view.h"

#include "common/json_fields.h"
#include "common/json_writer.h"

namespace jigsaw::service {

std::string ToJson(const RecipientView& v) {
  JsonWriter w;
  w.BeginObject();
  w.Key("child");
  if (v.child) {
    const auto& c = *v.child;
    w.BeginObject();
    w.Key("given_name").String(c.given_name).Key("family_name").String(c.family_name);
    w.Key("date_of_birth").String(c.date_of_birth).Key("nhs_number").String(c.nhs_number);
    w.Key("upn").String(c.upn).Key("address").String(c.address).Key("postcode").String(c.postcode);
    w.EndObject();
  } else {
    w.Null();
  }
  if (v.concern) {
    w.Key("concern").BeginObject().Key("level").String(ToString(v.concern->level));
    w.Key("forms").BeginArray();
    for (auto f : v.concern->forms) w.String(ToString(f));
    w.EndArray();
    if (v.concern->what_happened) w.Key("what_happened").String(*v.concern->what_happened);
    if (v.concern->child_words) w.Key("child_words").String(*v.concern->child_words);
    w.EndObject();
  }
  w.Key("shared_by").BeginObject().Key("organisation").String(v.sharer_organisation);
  w.Key("practitioner").String(v.sharer_practitioner);
  if (v.sharer_role) w.Key("role").String(ToString(*v.sharer_role));
  w.Key("contact").String(v.sharer_contact).EndObject();
  w.Key("emergency").Bool(v.emergency);
  if (v.purpose) w.Key("purpose").String(ToString(*v.purpose));
  if (v.risk) w.Key("risk").String(ToString(*v.risk));
  if (v.lawful_basis) w.Key("lawful_basis").String(ToString(*v.lawful_basis));
  if (v.family) w.Key("family").String(ToString(*v.family));
  if (v.police) {
    w.Key("police").BeginObject();
    w.Key("occurrence_reference").String(v.police->occurrence_reference);
    w.Key("ppn_reference").String(v.police->ppn_reference);
    w.Key("dash_risk");
    if (v.police->dash_risk) w.String(ToString(*v.police->dash_risk));
    else w.Null();
    w.EndObject();
  }
  w.Key("items").BeginArray();
  for (const auto& item : v.items) {
    w.BeginObject();
    w.Key("about").String(item.about ? ToString(*item.about) : "");
    w.Key("about_name");
    if (item.about_name) w.String(*item.about_name);
    else w.Null();
    w.Key("text").String(item.text).Key("source").String(item.source).Key("date").String(item.date);
    w.Key("accuracy").String(ToString(item.accuracy));
    w.Key("special_category").BeginArray();
    for (auto c : item.special_category) w.String(ToString(c));
    w.EndArray();
    w.Key("criminal_offence").Bool(item.criminal_offence).Key("confidential").Bool(item.confidential);
    w.Key("identifies").BeginArray();
    for (const auto& name : item.identifies) w.String(name);
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("redactions").Int(v.redactions);
  if (v.correction)
    w.Key("correction").BeginObject().Key("corrects").String(v.correction->corrects)
        .Key("reason").String(v.correction->reason).EndObject();
  w.EndObject();
  return w.Take();
}

namespace {

template <typename E>
Result<std::optional<E>> OptionalEnum(const JsonFields& f, std::string_view name) {
  if (!f.Has(name)) return std::optional<E>{};
  return std::optional<E>(JIGSAW_TRY(f.Enum<E>(name)));
}

Result<RecipientView::Item> ParseItem(const JsonFields& f) {
  RecipientView::Item item;
  const std::string about = JIGSAW_TRY(f.StringOrEmpty("about"));
  if (!about.empty()) item.about = JIGSAW_TRY(JsonFields::ParseEnumField<domain::PersonKind>(f.Path("about"), about));
  if (f.Has("about_name")) item.about_name = JIGSAW_TRY(f.String("about_name"));
  item.text = JIGSAW_TRY(f.StringOrEmpty("text"));
  item.source = JIGSAW_TRY(f.StringOrEmpty("source"));
  item.date = JIGSAW_TRY(f.StringOrEmpty("date"));
  item.accuracy = JIGSAW_TRY(f.EnumOr("accuracy", domain::Accuracy::kUnverified));
  item.special_category = JIGSAW_TRY(f.Enums<domain::SpecialCategory>("special_category"));
  item.criminal_offence = JIGSAW_TRY(f.BoolOr("criminal_offence", false));
  item.confidential = JIGSAW_TRY(f.BoolOr("confidential", false));
  item.identifies = JIGSAW_TRY(f.Strings("identifies"));
  return item;
}

Result<RecipientView> Parse(const JsonFields& f) {
  RecipientView v;
  if (f.Has("child")) {
    const JsonFields c = JIGSAW_TRY(f.Object("child", true));
    // Field by field: an error leaving a braced list part-built (JIGSAW_TRY
    // returns) leaks what was built, under g++ 12.
    RecipientView::Child child;
    child.given_name = JIGSAW_TRY(c.StringOrEmpty("given_name"));
    child.family_name = JIGSAW_TRY(c.StringOrEmpty("family_name"));
    child.date_of_birth = JIGSAW_TRY(c.StringOrEmpty("date_of_birth"));
    child.nhs_number = JIGSAW_TRY(c.StringOrEmpty("nhs_number"));
    child.upn = JIGSAW_TRY(c.StringOrEmpty("upn"));
    child.address = JIGSAW_TRY(c.StringOrEmpty("address"));
    child.postcode = JIGSAW_TRY(c.StringOrEmpty("postcode"));
    v.child = std::move(child);
  }
  if (f.Has("concern")) {
    const JsonFields c = JIGSAW_TRY(f.Object("concern", true));
    RecipientView::Concern concern;
    concern.level = JIGSAW_TRY(c.EnumOr("level", domain::ConcernLevel::kUnsure));
    concern.forms = JIGSAW_TRY(c.Enums<domain::AbuseForm>("forms"));
    if (c.Has("what_happened")) concern.what_happened = JIGSAW_TRY(c.String("what_happened"));
    if (c.Has("child_words")) concern.child_words = JIGSAW_TRY(c.String("child_words"));
    v.concern = std::move(concern);
  }
  const JsonFields by = JIGSAW_TRY(f.Object("shared_by", false));
  v.sharer_organisation = JIGSAW_TRY(by.StringOrEmpty("organisation"));
  v.sharer_practitioner = JIGSAW_TRY(by.StringOrEmpty("practitioner"));
  v.sharer_role = JIGSAW_TRY(OptionalEnum<domain::Role>(by, "role"));
  v.sharer_contact = JIGSAW_TRY(by.StringOrEmpty("contact"));
  v.emergency = JIGSAW_TRY(f.BoolOr("emergency", false));
  v.purpose = JIGSAW_TRY(OptionalEnum<guidance::Purpose>(f, "purpose"));
  v.risk = JIGSAW_TRY(OptionalEnum<guidance::Risk>(f, "risk"));
  v.lawful_basis = JIGSAW_TRY(OptionalEnum<guidance::LawfulBasis>(f, "lawful_basis"));
  v.family = JIGSAW_TRY(OptionalEnum<FamilyInformed>(f, "family"));
  if (f.Has("police")) {
    const JsonFields p = JIGSAW_TRY(f.Object("police", true));
    domain::PoliceReferences police;
    police.occurrence_reference = JIGSAW_TRY(p.StringOrEmpty("occurrence_reference"));
    police.ppn_reference = JIGSAW_TRY(p.StringOrEmpty("ppn_reference"));
    police.dash_risk = JIGSAW_TRY(OptionalEnum<domain::DashRisk>(p, "dash_risk"));
    v.police = std::move(police);
  }
  for (const auto& item : JIGSAW_TRY(f.Objects("items"))) v.items.push_back(JIGSAW_TRY(ParseItem(item)));
  v.redactions = static_cast<int>(JIGSAW_TRY(f.IntOr("redactions", 0)));
  if (f.Has("correction")) {
    const JsonFields c = JIGSAW_TRY(f.Object("correction", true));
    RecipientView::Correction correction;
    correction.corrects = JIGSAW_TRY(c.StringOrEmpty("corrects"));
    correction.reason = JIGSAW_TRY(c.StringOrEmpty("reason"));
    v.correction = std::move(correction);
  }
  return v;
}

}  // namespace

Result<RecipientView> ParseRecipientView(std::string_view json) {
  auto doc = JsonDocument::Parse(json);
  if (!doc || !doc->root().IsObject()) return Internal("A disclosure's content could not be read.");
  auto view = Parse(JsonFields(doc->root()));
  if (!view) return Internal("A disclosure's content could not be read: " + view.error().message);
  return view;
}

}  // namespace jigsaw::service
