#include "http/api/linking_api.h"

#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using service::Authenticated;
using service::Context;

std::string LinkingStamp(Time t) { return t == Time{} ? std::string() : FormatRfc3339(t); }

json LinkedPersonJson(const domain::Person& p) {
  return {{"id", p.id},          {"given_name", p.given_name}, {"family_name", p.family_name},
          {"date_of_birth", p.date_of_birth}, {"nhs_number", p.nhs_number}, {"upn", p.upn},
          {"address", p.address}, {"postcode", p.postcode}};
}

json MatchJson(const domain::RecordMatch& m) {
  json evidence = json::array();
  for (const auto& e : m.evidence) evidence.push_back({{"field", e.field}, {"level", e.level}, {"weight", e.weight}});
  return {{"id", m.id},
          {"subject", ToString(m.subject)},
          {"subject_id", m.subject_id},
          {"person_id", m.person_id},
          {"probability", m.probability},
          {"match_weight", m.match_weight},
          {"prior_weight", m.prior_weight},
          {"relative_term", m.relative_term},
          {"evidence", evidence},
          {"status", ToString(m.status)},
          {"created_at", LinkingStamp(m.created_at)},
          {"decided_by", m.decided_by},
          {"decided_at", LinkingStamp(m.decided_at)},
          {"unlinked_by", m.unlinked_by},
          {"unlinked_at", LinkingStamp(m.unlinked_at)}};
}

json ViewJson(const service::MatchView& v) {
  json j = MatchJson(v.match);
  j["person"] = LinkedPersonJson(v.person);
  if (v.other_person) j["other_person"] = LinkedPersonJson(*v.other_person);
  if (v.received) {
    const auto& c = *v.received;
    j["received"] = {{"given_name", c.given_name}, {"family_name", c.family_name},
                     {"date_of_birth", c.date_of_birth}, {"nhs_number", c.nhs_number}, {"upn", c.upn},
                     {"address", c.address}, {"postcode", c.postcode},
                     {"source_organisation", v.source_organisation}, {"sent_at", LinkingStamp(v.received_at)}};
  }
  return j;
}

json RowJson(const service::PictureRow& r) {
  return {{"date", r.date},
          {"recorded_at", LinkingStamp(r.at)},
          {"kind", r.kind == service::PictureRowKind::kOwnEvent         ? "own_event"
                   : r.kind == service::PictureRowKind::kReceivedConcern ? "received_concern"
                   : r.kind == service::PictureRowKind::kReceivedItem    ? "received_item"
                                                                         : "feedback"},
          {"organisation", r.organisation},
          {"own", r.own},
          {"what", r.what},
          {"note", r.note},
          {"fact_or_opinion", r.accuracy == domain::Accuracy::kOpinion ? "opinion" : "fact"},
          {"accuracy", ToString(r.accuracy)},
          {"object_type", r.object_type},
          {"object_id", r.object_id},
          {"same_event", r.same_event < 0 ? json(nullptr) : json(r.same_event)}};
}

}  // namespace

void AddLinkingRoutes(Router& router, LinkingServices s) {
  auto& auth = s.authentication;
  auto* linking = &s.linking;
  router.Add("GET", "/api/v1/matches", SignedIn(auth, [linking](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, linking->Suggestions(ctx), 200, [](const auto& list) {
      json a = json::array();
      for (const auto& v : list) a.push_back(ViewJson(v));
      return json{{"matches", a}};
    });
  }));
  router.Add("GET", "/api/v1/matches/{id}", SignedIn(auth, [linking](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, linking->GetMatch(ctx, std::string(req.PathParam("id"))), 200, ViewJson);
  }));
  router.Add("POST", "/api/v1/matches/{id}/confirm", SignedIn(auth, [linking](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, linking->Confirm(ctx, std::string(req.PathParam("id"))), 200, MatchJson);
  }));
  router.Add("POST", "/api/v1/matches/{id}/reject", SignedIn(auth, [linking](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, linking->Reject(ctx, std::string(req.PathParam("id"))), 200, MatchJson);
  }));
  router.Add("POST", "/api/v1/matches/{id}/unlink", SignedIn(auth, [linking](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, linking->Unlink(ctx, std::string(req.PathParam("id"))), 200, MatchJson);
  }));
  router.Add("GET", "/api/v1/people/{id}/picture", SignedIn(auth, [linking](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, linking->PictureOf(ctx, std::string(req.PathParam("id"))), 200, [](const service::Picture& p) {
      json rows = json::array();
      for (const auto& r : p.rows) rows.push_back(RowJson(r));
      json matches = json::array();
      for (const auto& v : p.matches) matches.push_back(ViewJson(v));
      return json{{"child", LinkedPersonJson(p.child)}, {"agencies", p.agencies}, {"rows", rows}, {"matches", matches}};
    });
  }));
}

}  // namespace jigsaw::http::api
