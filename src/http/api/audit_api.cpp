#include "http/api/audit_api.h"

#include <charconv>

#include "common/csv.h"
#include "common/json_writer.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

Result<std::optional<std::uint64_t>> UintParam(const Request& req, std::string_view name) {
  auto text = req.QueryParam(name);
  if (!text) return std::optional<std::uint64_t>();
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc{} || end != text->data() + text->size())
    return InvalidArgument(std::string(name), "Give a whole number.");
  return std::optional<std::uint64_t>(v);
}

Result<std::uint64_t> RequiredUint(const Request& req, std::string_view name) {
  auto v = JIGSAW_TRY(UintParam(req, name));
  if (!v) return InvalidArgument(std::string(name), "This query parameter is required.");
  return *v;
}

void WriteRecord(JsonWriter& w, const domain::AuditRecord& r) {
  w.BeginObject()
      .Key("index").Int(static_cast<std::int64_t>(r.index))
      .Key("time").String(FormatRfc3339(r.time))
      .Key("practitioner_id").String(r.practitioner_id)
      .Key("organisation_id").String(r.organisation_id)
      .Key("roles").String(r.roles)
      .Key("action").String(r.action)
      .Key("object_type").String(r.object_type)
      .Key("object_id").String(r.object_id)
      .Key("child_id").String(r.child_id)
      .Key("purpose").String(r.purpose)
      .Key("outcome").String(ToString(r.outcome))
      .Key("request_id").String(r.request_id)
      .EndObject();
}

std::string HashList(const std::vector<audit::Hash>& path) {
  JsonWriter w(64 * (path.size() + 1));
  w.BeginArray();
  for (const auto& h : path) w.String(HexEncode(h));
  w.EndArray();
  return w.Take();
}

Result<store::AuditQuery> ParseQuery(const Request& req) {
  store::AuditQuery q;
  q.child_id = req.QueryParam("child_id").value_or("");
  q.practitioner_id = req.QueryParam("practitioner_id").value_or("");
  q.organisation_id = req.QueryParam("organisation_id").value_or("");
  q.action = req.QueryParam("action").value_or("");
  q.person_id = req.QueryParam("person_id").value_or("");
  q.object_id = req.QueryParam("object_id").value_or("");
  if (auto o = req.QueryParam("outcome")) {
    auto outcome = ParseEnum<domain::AuditOutcome>(*o);
    if (!outcome) return InvalidArgument("outcome", "Use allowed, denied or failed.");
    q.outcome = *outcome;
  }
  for (const char* name : {"from", "to"}) {
    if (auto t = req.QueryParam(name)) {
      auto parsed = ParseRfc3339(*t);
      if (!parsed) return InvalidArgument(name, "Give a date (2026-11-25) or a UTC time (2026-11-25T09:30:00Z).");
      (std::string_view(name) == "from" ? q.from : q.to) = *parsed;
    }
  }
  q.before_index = JIGSAW_TRY(UintParam(req, "before"));
  q.limit = JIGSAW_TRY(UintParam(req, "limit")).value_or(100);
  return q;
}

void WriteTrailEntry(JsonWriter& w, const service::TrailEntry& e) {
  w.BeginObject()
      .Key("index").Int(static_cast<std::int64_t>(e.record.index))
      .Key("time").String(FormatRfc3339(e.record.time))
      .Key("practitioner_id").String(e.record.practitioner_id)
      .Key("practitioner_name").String(e.practitioner_name)
      .Key("organisation_id").String(e.record.organisation_id)
      .Key("organisation_name").String(e.organisation_name)
      .Key("action").String(e.record.action)
      .Key("outcome").String(ToString(e.record.outcome))
      .EndObject();
}

}  // namespace

std::string AuditCsv(const std::vector<domain::AuditRecord>& records) {
  std::string out =
      "index,time,practitioner_id,organisation_id,roles,action,object_type,object_id,child_id,"
      "purpose,outcome,request_id\r\n";
  for (const auto& r : records) {
    const std::string fields[] = {std::to_string(r.index), FormatRfc3339(r.time), r.practitioner_id,
                                  r.organisation_id,       r.roles,               r.action,
                                  r.object_type,           r.object_id,           r.child_id,
                                  r.purpose,               std::string(ToString(r.outcome)),
                                  r.request_id};
    AppendCsvRow(out, fields);
  }
  return out;
}

void AddAuditRoutes(Router& router, service::Authentication& auth, service::AuditLog& log) {
  // Public on purpose: anyone holding a tree head must be able to check it.
  // Every key the log trusts is listed, so heads signed before a rotation
  // still check; "public_key" is the one that signs now.
  router.Add("GET", "/api/v1/audit/public-key", [&log](Request&) {
    JsonWriter w(512);
    w.BeginObject()
        .Key("algorithm").String("Ed25519")
        .Key("key_id").String(log.key_id())
        .Key("public_key").String(HexEncode(log.public_key()))
        .Key("keys").BeginArray();
    for (const auto& [id, key] : log.trusted_keys().keys())
      w.BeginObject().Key("key_id").String(id).Key("public_key").String(HexEncode(key)).EndObject();
    w.EndArray().EndObject();
    return JsonText(200, w.Take());
  });

  // Public too, as transparency logs are: a witness of another organisation
  // fetches heads and consistency proofs without an account here. They hold
  // sizes, times and hashes only (a node hash reveals nothing of a record).
  router.Add("GET", "/api/v1/audit/tree-head", [&log](Request& req) {
    auto head = log.CurrentTreeHead();
    if (!head) return ErrorResponse(req, head.error());
    return JsonText(200, audit::TreeHeadJson(*head));
  });

  router.Add("GET", "/api/v1/audit/proofs/consistency", [&log](Request& req) {
    auto first = RequiredUint(req, "first");
    if (!first) return ErrorResponse(req, first.error());
    auto second = RequiredUint(req, "second");
    if (!second) return ErrorResponse(req, second.error());
    auto proof = log.ProveConsistency(*first, *second);
    if (!proof) return ErrorResponse(req, proof.error());
    return JsonText(200, "{\"first\":" + std::to_string(proof->first) + ",\"second\":" +
                             std::to_string(proof->second) + ",\"consistency_path\":" + HashList(proof->path) + "}");
  });

  router.Add("GET", "/api/v1/audit/disclosures/{id}", SignedIn(auth, [&log](Request& req, const service::Authenticated&, const service::Context& ctx) {
    auto trail = log.TrailOfDisclosure(ctx, std::string(req.PathParam("id")));
    if (!trail) return ErrorResponse(req, trail.error());
    JsonWriter w(256 * (trail->reads.size() + trail->refused.size() + 1));
    w.BeginObject().Key("disclosure_id").String(trail->disclosure_id).Key("reads").BeginArray();
    for (const auto& e : trail->reads) WriteTrailEntry(w, e);
    w.EndArray().Key("refused").BeginArray();
    for (const auto& e : trail->refused) WriteTrailEntry(w, e);
    w.EndArray().EndObject();
    return JsonText(200, w.Take());
  }));

  router.Add("GET", "/api/v1/audit/proofs/inclusion", SignedIn(auth, [&log](Request& req, const service::Authenticated&, const service::Context&) {
    auto index = RequiredUint(req, "index");
    if (!index) return ErrorResponse(req, index.error());
    auto size = RequiredUint(req, "tree_size");
    if (!size) return ErrorResponse(req, size.error());
    auto proof = log.ProveInclusion(*index, *size);
    if (!proof) return ErrorResponse(req, proof.error());
    return JsonText(200, "{\"leaf_index\":" + std::to_string(proof->index) +
                             ",\"tree_size\":" + std::to_string(proof->tree_size) + ",\"leaf_hash\":\"" +
                             HexEncode(proof->leaf_hash) + "\",\"inclusion_path\":" + HashList(proof->path) + "}");
  }));

  router.Add("GET", "/api/v1/audit/records", SignedIn(auth, [&log](Request& req, const service::Authenticated&, const service::Context& ctx) {
    auto query = ParseQuery(req);
    if (!query) return ErrorResponse(req, query.error());
    const std::string format = req.QueryParam("format").value_or("json");
    if (format != "json" && format != "csv")
      return ErrorResponse(req, 400, "invalid_argument", "Use format=json or format=csv.", "format");
    auto records = log.Search(ctx, *query);
    if (!records) return ErrorResponse(req, records.error());
    if (format == "csv") {
      Response r;
      r.content_type = "text/csv; charset=utf-8";
      r.body = AuditCsv(*records);
      r.With("Content-Disposition", "attachment; filename=\"jigsaw-audit.csv\"");
      return r;
    }
    JsonWriter w(256 * (records->size() + 1));
    w.BeginObject().Key("records").BeginArray();
    for (const auto& rec : *records) WriteRecord(w, rec);
    w.EndArray();
    if (!records->empty() && records->size() == query->limit)
      w.Key("next_before").Int(static_cast<std::int64_t>(records->back().index));
    w.EndObject();
    return JsonText(200, w.Take());
  }));
}

}  // namespace jigsaw::http::api
