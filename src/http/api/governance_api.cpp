#include "http/api/governance_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using service::Authenticated;
using service::Context;

template <typename E>
json GovernanceNames(const std::vector<E>& values) {
  json a = json::array();
  for (E e : values) a.push_back(std::string(ToString(e)));
  return a;
}

json Organisations(const std::vector<std::string>& ids, const std::map<std::string, std::string>& names) {
  json a = json::array();
  for (const auto& id : ids) {
    const auto it = names.find(id);
    a.push_back({{"id", id}, {"name", it == names.end() ? std::string() : it->second}});
  }
  return a;
}

std::string NameOf(const std::map<std::string, std::string>& names, const std::string& id) {
  const auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

json ReviewsJson(const std::vector<domain::GovernanceReview>& reviews, const std::map<std::string, std::string>& names) {
  json out = json::array();
  for (const auto& r : reviews)
    out.push_back({{"by", r.reviewed_by},
                   {"name", NameOf(names, r.reviewed_by)},
                   {"at", FormatRfc3339(r.reviewed_at)},
                   {"previous_review_on", r.previous_review_on},
                   {"next_review_on", r.next_review_on},
                   {"note", r.note}});
  return out;
}

json AgreementJson(const service::AgreementView& v) {
  const auto& a = v.agreement;
  json signatures = json::array();
  for (const auto& s : a.signatures)
    signatures.push_back({{"organisation_id", s.organisation_id},
                          {"practitioner_id", s.practitioner_id},
                          {"name", NameOf(v.signer_names, s.practitioner_id)},
                          {"signed_as", ToString(s.signed_as)},
                          {"signed_at", FormatRfc3339(s.signed_at)}});
  json j = {{"id", a.id},
            {"title", a.title},
            {"owner_organisation_id", a.owner_organisation_id},
            {"parties", Organisations(a.party_organisation_ids, v.organisation_names)},
            {"purposes", GovernanceNames(a.purposes)},
            {"data_categories", a.data_categories},
            {"people_categories", GovernanceNames(a.people_categories)},
            {"lawful_bases", GovernanceNames(a.lawful_bases)},
            {"article9_conditions", GovernanceNames(a.article9_conditions)},
            {"frequency", ToString(a.frequency)},
            {"start_on", a.start_on},
            {"review_on", a.review_on},
            {"end_on", a.end_on.empty() ? json(nullptr) : json(a.end_on)},
            {"document_reference", a.document_reference},
            {"state", ToString(v.state)},
            {"review_due", v.review_due},
            {"signatures", signatures},
            {"created_by", a.created_by},
            {"created_at", FormatRfc3339(a.created_at)}};
  j["reviews"] = ReviewsJson(a.reviews, v.signer_names);
  if (!a.withdrawn_by.empty())
    j["withdrawn"] = {{"by", a.withdrawn_by},
                      {"name", NameOf(v.signer_names, a.withdrawn_by)},
                      {"at", FormatRfc3339(a.withdrawn_at)},
                      {"reason", a.withdrawal_reason}};
  return j;
}

json DpiaJson(const service::DpiaView& v) {
  const auto& d = v.dpia;
  json risks = json::array();
  for (const auto& r : d.risks)
    risks.push_back({{"description", r.description},
                     {"likelihood", ToString(r.likelihood)},
                     {"severity", ToString(r.severity)},
                     {"inherent", ToString(domain::InherentRisk(r.likelihood, r.severity))},
                     {"measures", r.measures},
                     {"residual", ToString(r.residual)}});
  json j = {{"id", d.id},
            {"title", d.title},
            {"owner_organisation_id", d.owner_organisation_id},
            {"organisations", Organisations(d.organisation_ids, v.organisation_names)},
            {"purposes", GovernanceNames(d.purposes)},
            {"processing", d.processing},
            {"consultation", d.consultation},
            {"necessity", d.necessity},
            {"risks", risks},
            {"residual_risk", ToString(v.residual)},
            {"review_on", d.review_on},
            {"review_due", v.review_due},
            {"state", ToString(v.state)},
            {"created_by", d.created_by},
            {"created_at", FormatRfc3339(d.created_at)},
            {"dpo_advice", nullptr},
            {"sign_off", nullptr},
            {"reviews", ReviewsJson(d.reviews, v.people_names)}};
  json acceptances = json::array();
  for (const auto& a : d.acceptances)
    acceptances.push_back({{"organisation_id", a.organisation_id},
                           {"practitioner_id", a.practitioner_id},
                           {"name", NameOf(v.people_names, a.practitioner_id)},
                           {"accepted_at", FormatRfc3339(a.accepted_at)}});
  j["acceptances"] = acceptances;
  if (!d.dpo_advice_by.empty())
    j["dpo_advice"] = {{"advice", d.dpo_advice},
                       {"by", d.dpo_advice_by},
                       {"name", NameOf(v.people_names, d.dpo_advice_by)},
                       {"at", FormatRfc3339(d.dpo_advice_at)}};
  if (!d.signed_off_by.empty())
    j["sign_off"] = {{"by", d.signed_off_by},
                     {"name", NameOf(v.people_names, d.signed_off_by)},
                     {"at", FormatRfc3339(d.signed_off_at)},
                     {"dpo_advice_accepted", d.dpo_advice_accepted},
                     {"overruled_reason", d.overruled_reason.empty() ? json(nullptr) : json(d.overruled_reason)}};
  return j;
}

Status ParseAgreement(const JsonFields& f, domain::Agreement& a) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"title", "party_organisation_ids", "purposes", "data_categories",
                                      "people_categories", "lawful_bases", "article9_conditions", "frequency",
                                      "start_on", "review_on", "end_on", "document_reference"}));
  a.title = JIGSAW_TRY(f.StringOrEmpty("title"));
  a.party_organisation_ids = JIGSAW_TRY(f.Strings("party_organisation_ids"));
  a.purposes = JIGSAW_TRY(f.Enums<domain::SharingPurpose>("purposes"));
  a.data_categories = JIGSAW_TRY(f.Strings("data_categories"));
  a.people_categories = JIGSAW_TRY(f.Enums<domain::PersonKind>("people_categories"));
  a.lawful_bases = JIGSAW_TRY(f.Enums<domain::LawfulBasis>("lawful_bases"));
  a.article9_conditions = JIGSAW_TRY(f.Enums<domain::Article9Condition>("article9_conditions"));
  a.frequency = JIGSAW_TRY(f.Enum<domain::SharingFrequency>("frequency"));
  a.start_on = JIGSAW_TRY(f.StringOrEmpty("start_on"));
  a.review_on = JIGSAW_TRY(f.StringOrEmpty("review_on"));
  a.end_on = JIGSAW_TRY(f.StringOrEmpty("end_on"));
  a.document_reference = JIGSAW_TRY(f.StringOrEmpty("document_reference"));
  return Ok();
}

Status ParseDpia(const JsonFields& f, domain::Dpia& d) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"title", "organisation_ids", "purposes", "processing", "consultation",
                                      "necessity", "risks", "review_on"}));
  d.title = JIGSAW_TRY(f.StringOrEmpty("title"));
  d.organisation_ids = JIGSAW_TRY(f.Strings("organisation_ids"));
  d.purposes = JIGSAW_TRY(f.Enums<domain::SharingPurpose>("purposes"));
  d.processing = JIGSAW_TRY(f.StringOrEmpty("processing"));
  d.consultation = JIGSAW_TRY(f.StringOrEmpty("consultation"));
  d.necessity = JIGSAW_TRY(f.StringOrEmpty("necessity"));
  for (const auto& r : JIGSAW_TRY(f.Objects("risks"))) {
    JIGSAW_RETURN_IF_ERROR(r.OnlyKnown({"description", "likelihood", "severity", "measures", "residual"}));
    domain::DpiaRisk risk;
    risk.description = JIGSAW_TRY(r.StringOrEmpty("description"));
    risk.likelihood = JIGSAW_TRY(r.Enum<domain::Likelihood>("likelihood"));
    risk.severity = JIGSAW_TRY(r.Enum<domain::Severity>("severity"));
    risk.measures = JIGSAW_TRY(r.StringOrEmpty("measures"));
    risk.residual = JIGSAW_TRY(r.Enum<domain::RiskLevel>("residual"));
    d.risks.push_back(std::move(risk));
  }
  d.review_on = JIGSAW_TRY(f.StringOrEmpty("review_on"));
  return Ok();
}

// Reads the body with `parse`; a parse error is the response.
template <typename Parse>
std::optional<Response> Read(Request& req, Parse parse) {
  auto body = ParseJsonBody(req);
  if (!body) return ErrorResponse(req, body.error());
  Status parsed = parse(JsonFields(body->root()));
  if (!parsed) return ErrorResponse(req, parsed.error());
  return std::nullopt;
}

Status ParseReview(const JsonFields& f, service::ReviewNote& r) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"next_review_on", "note"}));
  r.next_review_on = JIGSAW_TRY(f.StringOrEmpty("next_review_on"));
  r.note = JIGSAW_TRY(f.StringOrEmpty("note"));
  return Ok();
}

json AgreementList(const std::vector<service::AgreementView>& list) {
  json a = json::array();
  for (const auto& v : list) a.push_back(AgreementJson(v));
  return {{"agreements", a}};
}

json DpiaList(const std::vector<service::DpiaView>& list) {
  json a = json::array();
  for (const auto& v : list) a.push_back(DpiaJson(v));
  return {{"dpias", a}};
}

}  // namespace

void AddGovernanceRoutes(Router& router, GovernanceServices s) {
  auto& auth = s.authentication;
  auto* g = &s.governance;
  router.Add("GET", "/api/v1/agreements", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, g->Agreements(ctx), 200, AgreementList);
  }));
  router.Add("POST", "/api/v1/agreements", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    domain::Agreement a;
    if (auto bad = Read(req, [&](const JsonFields& f) { return ParseAgreement(f, a); })) return *bad;
    return Render(req, g->RecordAgreement(ctx, std::move(a)), 201, AgreementJson);
  }));
  router.Add("GET", "/api/v1/agreements/{id}", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, g->GetAgreement(ctx, std::string(req.PathParam("id"))), 200, AgreementJson);
  }));
  router.Add("POST", "/api/v1/agreements/{id}/signatures",
             SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, g->SignAgreement(ctx, std::string(req.PathParam("id"))), 201, AgreementJson);
             }));
  router.Add("PUT", "/api/v1/agreements/{id}", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    domain::Agreement a;
    if (auto bad = Read(req, [&](const JsonFields& f) { return ParseAgreement(f, a); })) return *bad;
    return Render(req, g->EditAgreement(ctx, std::string(req.PathParam("id")), std::move(a)), 200, AgreementJson);
  }));
  router.Add("POST", "/api/v1/agreements/{id}/reviews",
             SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
               service::ReviewNote r;
               if (auto bad = Read(req, [&](const JsonFields& f) { return ParseReview(f, r); })) return *bad;
               return Render(req, g->ReviewAgreement(ctx, std::string(req.PathParam("id")), std::move(r)), 201,
                             AgreementJson);
             }));
  router.Add("POST", "/api/v1/agreements/{id}/withdrawal",
             SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
               std::string reason;
               if (auto bad = Read(req, [&](const JsonFields& f) -> Status {
                     JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"reason"}));
                     reason = JIGSAW_TRY(f.StringOrEmpty("reason"));
                     return Ok();
                   }))
                 return *bad;
               return Render(req, g->WithdrawAgreement(ctx, std::string(req.PathParam("id")), reason), 200, AgreementJson);
             }));

  router.Add("GET", "/api/v1/dpias", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, g->Dpias(ctx), 200, DpiaList);
  }));
  router.Add("POST", "/api/v1/dpias", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    domain::Dpia d;
    if (auto bad = Read(req, [&](const JsonFields& f) { return ParseDpia(f, d); })) return *bad;
    return Render(req, g->RecordDpia(ctx, std::move(d)), 201, DpiaJson);
  }));
  router.Add("GET", "/api/v1/dpias/{id}", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    return Render(req, g->GetDpia(ctx, std::string(req.PathParam("id"))), 200, DpiaJson);
  }));
  router.Add("PUT", "/api/v1/dpias/{id}", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    domain::Dpia d;
    if (auto bad = Read(req, [&](const JsonFields& f) { return ParseDpia(f, d); })) return *bad;
    return Render(req, g->EditDpia(ctx, std::string(req.PathParam("id")), std::move(d)), 200, DpiaJson);
  }));
  router.Add("POST", "/api/v1/dpias/{id}/acceptances",
             SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
               return Render(req, g->AcceptDpia(ctx, std::string(req.PathParam("id"))), 201, DpiaJson);
             }));
  router.Add("POST", "/api/v1/dpias/{id}/reviews", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    service::ReviewNote r;
    if (auto bad = Read(req, [&](const JsonFields& f) { return ParseReview(f, r); })) return *bad;
    return Render(req, g->ReviewDpia(ctx, std::string(req.PathParam("id")), std::move(r)), 201, DpiaJson);
  }));
  router.Add("POST", "/api/v1/dpias/{id}/advice", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    std::string advice;
    if (auto bad = Read(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"advice"}));
          advice = JIGSAW_TRY(f.StringOrEmpty("advice"));
          return Ok();
        }))
      return *bad;
    return Render(req, g->AdviseOnDpia(ctx, std::string(req.PathParam("id")), advice), 200, DpiaJson);
  }));
  router.Add("POST", "/api/v1/dpias/{id}/sign-off", SignedIn(auth, [g](Request& req, const Authenticated&, const Context& ctx) {
    service::DpiaSignOff s;
    if (auto bad = Read(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"dpo_advice_accepted", "overruled_reason"}));
          s.dpo_advice_accepted = JIGSAW_TRY(f.Bool("dpo_advice_accepted"));
          s.overruled_reason = JIGSAW_TRY(f.StringOrEmpty("overruled_reason"));
          return Ok();
        }))
      return *bad;
    return Render(req, g->SignOffDpia(ctx, std::string(req.PathParam("id")), s), 200, DpiaJson);
  }));
}

}  // namespace jigsaw::http::api
