#include "http/api/corrections_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using service::Authenticated;
using service::Context;

std::string CorrectionStamp(Time t) { return t == Time{} ? std::string() : FormatRfc3339(t); }

// The details a correction may change, with the person's id and kind.
json PersonJson(const domain::Person& p) {
  return {{"id", p.id},
          {"kind", ToString(p.kind)},
          {"given_name", p.given_name},
          {"family_name", p.family_name},
          {"known_as", p.known_as},
          {"date_of_birth", p.date_of_birth},
          {"address", p.address},
          {"postcode", p.postcode},
          {"protected", p.is_protected},
          {"protected_reason", p.protected_reason}};
}

json ItemJson(const domain::InformationItem& i) {
  return {{"id", i.id},       {"concern_id", i.concern_id}, {"person_id", i.person_id},
          {"text", i.text},   {"source", i.source},         {"date", i.date},
          {"accuracy", ToString(i.accuracy)}};
}

json SupersededJson(const domain::Supersession& s) {
  return {{"by", s.by}, {"at", CorrectionStamp(s.at)}, {"reason", s.reason}};
}

json PersonHistoryJson(const service::PersonHistory& h) {
  json versions = json::array();
  for (const auto& v : h.superseded) {
    json j = PersonJson(v.person);
    j["version_id"] = v.id;
    j["superseded"] = SupersededJson(v.superseded);
    versions.push_back(std::move(j));
  }
  // "The person is KIND of related_person_id", as each relationship reads now and read before.
  auto relationship = [](const domain::Relationship& r) {
    return json{{"id", r.id}, {"person_id", r.person_id}, {"related_person_id", r.related_person_id},
                {"kind", ToString(r.kind)}};
  };
  json related = json::array();
  for (const auto& r : h.related) related.push_back(relationship(r.relationship));
  json earlier = json::array();
  for (const auto& v : h.relationships_superseded) {
    json j = relationship(v.relationship);
    j["version_id"] = v.id;
    j["superseded"] = SupersededJson(v.superseded);
    earlier.push_back(std::move(j));
  }
  return {{"current", PersonJson(h.current)}, {"superseded", versions}, {"relationships", related},
          {"relationships_superseded", earlier}};
}

json ItemHistoryJson(const service::ItemHistory& h) {
  json versions = json::array();
  for (const auto& v : h.superseded) {
    json j = ItemJson(v.item);
    j["version_id"] = v.id;
    j["superseded"] = SupersededJson(v.superseded);
    versions.push_back(std::move(j));
  }
  return {{"current", ItemJson(h.current)}, {"superseded", versions}};
}

std::optional<std::string> OptionalString(const JsonFields& f, std::string_view name, Status& status) {
  if (!f.Has(name) || !status) return std::nullopt;
  auto value = f.String(name);
  if (!value) {
    status = std::unexpected(value.error());
    return std::nullopt;
  }
  return *value;
}

Result<service::PersonCorrection> ParsePersonCorrection(const JsonFields& f, std::string person_id) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"given_name", "family_name", "known_as", "date_of_birth", "address", "postcode",
                                      "protected", "protected_reason", "relationship", "reason", "versions_seen"}));
  service::PersonCorrection c;
  c.person_id = std::move(person_id);
  Status ok = Ok();
  c.given_name = OptionalString(f, "given_name", ok);
  c.family_name = OptionalString(f, "family_name", ok);
  c.date_of_birth = OptionalString(f, "date_of_birth", ok);
  c.address = OptionalString(f, "address", ok);
  c.postcode = OptionalString(f, "postcode", ok);
  c.protected_reason = OptionalString(f, "protected_reason", ok);
  JIGSAW_RETURN_IF_ERROR(ok);
  if (f.Has("known_as")) c.known_as = JIGSAW_TRY(f.Strings("known_as"));
  if (f.Has("protected")) c.is_protected = JIGSAW_TRY(f.BoolOr("protected", false));
  if (f.Has("relationship")) {
    const JsonFields r = JIGSAW_TRY(f.Object("relationship", true));
    JIGSAW_RETURN_IF_ERROR(r.OnlyKnown({"related_person_id", "kind"}));
    service::RelationshipCorrection rc;
    rc.related_person_id = JIGSAW_TRY(r.String("related_person_id"));
    rc.kind = JIGSAW_TRY(r.Enum<domain::RelationshipKind>("kind"));
    c.relationship = std::move(rc);
  }
  c.reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
  if (f.Has("versions_seen")) {
    const std::int64_t seen = JIGSAW_TRY(f.IntOr("versions_seen", 0));
    if (seen < 0) return InvalidArgument("versions_seen", "versions_seen is a count of earlier versions: 0 or more.");
    c.versions_seen = static_cast<std::size_t>(seen);
  }
  return c;
}

Result<service::ItemCorrection> ParseItemCorrection(const JsonFields& f, std::string item_id) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"text", "source", "date", "accuracy", "reason"}));
  service::ItemCorrection c;
  c.item_id = std::move(item_id);
  Status ok = Ok();
  c.text = OptionalString(f, "text", ok);
  c.source = OptionalString(f, "source", ok);
  c.date = OptionalString(f, "date", ok);
  JIGSAW_RETURN_IF_ERROR(ok);
  if (f.Has("accuracy")) c.accuracy = JIGSAW_TRY(f.Enum<domain::Accuracy>("accuracy"));
  c.reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
  return c;
}

// Parses the body with `parse`, or answers with its error naming the field.
template <typename T, typename Parse>
Result<T> Body(const Request& req, Parse parse) {
  auto body = ParseJsonBody(req);
  if (!body) return std::unexpected(body.error());
  return parse(JsonFields(body->root()));
}

}  // namespace

void AddCorrectionRoutes(Router& router, CorrectionServices s) {
  auto& auth = s.authentication;
  auto* corrections = &s.corrections;
  // A correction is a new version of the record, so it is POSTed to the
  // record's corrections (never a PUT or PATCH of the record: the earlier
  // version stays).
  router.Add("POST", "/api/v1/people/{id}/corrections",
             SignedIn(auth, [corrections](Request& req, const Authenticated&, const Context& ctx) {
               const std::string id(req.PathParam("id"));
               auto c = Body<service::PersonCorrection>(req, [&](const JsonFields& f) { return ParsePersonCorrection(f, id); });
               if (!c) return ErrorResponse(req, c.error());
               return Render(req, corrections->CorrectPerson(ctx, *c), 201, PersonJson);
             }));
  router.Add("GET", "/api/v1/people/{id}/corrections",
             SignedIn(auth, [corrections](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, corrections->PersonVersions(ctx, std::string(req.PathParam("id"))), 200,
                             PersonHistoryJson);
             }));
  router.Add("POST", "/api/v1/items/{id}/corrections",
             SignedIn(auth, [corrections](Request& req, const Authenticated&, const Context& ctx) {
               const std::string id(req.PathParam("id"));
               auto c = Body<service::ItemCorrection>(req, [&](const JsonFields& f) { return ParseItemCorrection(f, id); });
               if (!c) return ErrorResponse(req, c.error());
               return Render(req, corrections->CorrectItem(ctx, *c), 201, [](const service::CorrectedItem& r) {
                 json sent = json::array();
                 for (const auto& d : r.corrections)
                   sent.push_back({{"id", d.id}, {"corrects", d.corrects},
                                   {"recipient_organisation_id", d.recipient_organisation_id}});
                 json j = ItemJson(r.item);
                 j["corrections_sent"] = sent;
                 return j;
               });
             }));
  router.Add("GET", "/api/v1/items/{id}/corrections",
             SignedIn(auth, [corrections](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, corrections->ItemVersions(ctx, std::string(req.PathParam("id"))), 200,
                             ItemHistoryJson);
             }));
}

}  // namespace jigsaw::http::api
