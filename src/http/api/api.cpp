#include "http/api/api.h"

#include "common/json_fields.h"
#include "guidance/json.h"
#include "http/api/audit_api.h"
#include "http/api/json_views.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;

}  // namespace

std::string SessionCookie(std::string_view token, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  return c;
}

std::string ClearedSessionCookie(bool secure) {
  std::string c = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  if (secure) c += "; Secure";
  return c;
}

namespace {
constexpr std::string_view kBearer = "Bearer ";

std::optional<std::string_view> BearerToken(const Request& request) {
  const std::string_view auth = request.Header("authorization");
  if (auth.size() > kBearer.size() && auth.substr(0, kBearer.size()) == kBearer) return auth.substr(kBearer.size());
  return std::nullopt;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// "application/json", with or without parameters ("; charset=utf-8").
bool IsJsonContentType(std::string_view type) {
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  return EqualsIgnoringCase(type, "application/json");
}
}  // namespace

std::string TokenFrom(const Request& request) {
  if (auto bearer = BearerToken(request)) return std::string(*bearer);
  if (auto cookie = request.Cookie(kSessionCookie)) return std::string(*cookie);
  return {};
}

bool HasForeignOrigin(const Request& request) {
  const std::string_view origin = request.Header("origin");
  if (origin.empty()) return false;
  // scheme "://" host [":" port], compared with the Host the request was
  // sent to. The scheme is not compared: behind a proxy that ends TLS the
  // server sees http for a page the browser loaded over https.
  const std::size_t sep = origin.find("://");
  if (sep == std::string_view::npos) return true;  // "null", or not an origin
  const std::string_view authority = origin.substr(sep + 3);
  const std::string_view host = request.Header("host");
  return host.empty() || !EqualsIgnoringCase(authority, host);
}

std::optional<Response> RefuseCrossSite(const Request& request) {
  if (BearerToken(request) || !request.Cookie(kSessionCookie)) return std::nullopt;
  if (HasForeignOrigin(request))
    return ErrorResponse(request, 403, "permission_denied",
                         "This request comes from another site; Jigsaw's API answers its own pages and "
                         "clients with a Bearer token only.");
  if (request.method != "GET" && request.method != "HEAD" && !IsJsonContentType(request.Header("content-type")))
    return ErrorResponse(request, 415, "unsupported_media_type",
                         "Send the body as JSON with Content-Type: application/json.", "content-type");
  return std::nullopt;
}

access::WebAuthnExpectation RelyingParty(const Request& request, std::string_view public_origin) {
  access::WebAuthnExpectation out;
  out.origin = public_origin.empty()
                   ? std::string(request.secure ? "https://" : "http://") + std::string(request.Header("host"))
                   : std::string(public_origin);
  std::string_view host = std::string_view(out.origin).substr(out.origin.find("://") + 3);
  if (!host.starts_with("[")) host = host.substr(0, host.find(':'));
  out.rp_id = std::string(host);
  return out;
}

service::Attempt AttemptOf(const Request& request) { return {request.remote_address, request.request_id}; }

Result<service::Authenticated> Authenticate(const Request& request,
                                            service::Authentication& authentication) {
  const std::string token = TokenFrom(request);
  if (token.empty()) return Unauthenticated("Sign in first.");
  return authentication.Authenticate(token);
}

void AddRoutes(Router& router, Services s) {

  // Liveness: the process answers. Kept free of I/O so that it is cheap
  // enough to poll often and to benchmark the server itself.
  router.Add(
      "GET", "/healthz",
      [](Request&) {
        Response r;
        r.body = R"({"status":"ok"})";
        return r;
      },
      Waits::kNever);

  // An index for whoever opens the API's address: where things are.
  router.Add("GET", "/api/v1", [](Request&) {
    Response r;
    r.body = R"({"name":"Jigsaw","description":"Multi-agency information sharing for safeguarding children",)"
             R"("api":"/api/v1","sign_in":"POST /api/v1/sessions","health":"/healthz","ready":"/readyz",)"
             R"("pages":"/","audit_public_key":"/api/v1/audit/public-key","documentation":"docs/openapi.yaml in the source"})";
    return r;
  });

  AddAuditRoutes(router, s.authentication, s.audit_log);
  AddStaffRoutes(router, s.authentication, s.administration);

  // Readiness: the database answers too.
  router.Add("GET", "/readyz", [&store = s.store](Request& req) {
    auto version = store.SchemaVersion();
    if (!version) return ErrorResponse(req, 503, "unavailable", "The database is not reachable.");
    return JsonResponse(200, nlohmann::json{{"status", "ok"}, {"backend", store.Backend()}, {"schema_version", *version}});
  });

  // Signing in is two steps: the password earns a challenge (202), and the
  // second factor turns it into a session (201). The first time, the
  // challenge enrols an authenticator app instead.
  router.Add("POST", "/api/v1/sessions", [&auth = s.authentication](Request& req) {
    // Signing in sets the session cookie: another site must not be able to
    // sign a visitor's browser in to an account of its choosing.
    if (HasForeignOrigin(req))
      return ErrorResponse(req, 403, "permission_denied", "Sign in from Jigsaw's own pages or a client of the API.");
    auto body = ParseJsonBody(req);
    if (!body) return ErrorResponse(req, body.error());
    JsonFields f(body->root());
    if (auto known = f.OnlyKnown({"username", "password"}); !known)
      return ErrorResponse(req, known.error());
    auto username = f.String("username");
    if (!username) return ErrorResponse(req, username.error());
    auto password = f.String("password");
    if (!password) return ErrorResponse(req, password.error());
    auto owed = auth.CheckPassword(*username, *password, AttemptOf(req));
    if (!owed) return ErrorResponse(req, owed.error());
    return JsonResponse(202, json{{"second_factor_required", true},
                                  {"challenge_token", owed->challenge_token},
                                  {"expires_at", FormatRfc3339(owed->expires_at)},
                                  {"enrolment_required", owed->must_enrol},
                                  {"complete_with", "POST /api/v1/sessions/second-factor"}});
  });

  // For a challenge that must enrol: the authenticator app's secret.
  router.Add("POST", "/api/v1/sessions/enrolment", [&auth = s.authentication](Request& req) {
    auto body = ParseJsonBody(req);
    if (!body) return ErrorResponse(req, body.error());
    JsonFields f(body->root());
    if (auto known = f.OnlyKnown({"challenge_token"}); !known) return ErrorResponse(req, known.error());
    auto token = f.String("challenge_token");
    if (!token) return ErrorResponse(req, token.error());
    auto offer = auth.OfferTotp(*token);
    if (!offer) return ErrorResponse(req, offer.error());
    return JsonResponse(200, json{{"secret", offer->secret}, {"otpauth_uri", offer->otpauth_uri}});
  });

  router.Add("POST", "/api/v1/sessions/second-factor", [&auth = s.authentication](Request& req) {
    auto body = ParseJsonBody(req);
    if (!body) return ErrorResponse(req, body.error());
    JsonFields f(body->root());
    if (auto known = f.OnlyKnown({"challenge_token", "code", "recovery_code"}); !known)
      return ErrorResponse(req, known.error());
    auto token = f.String("challenge_token");
    if (!token) return ErrorResponse(req, token.error());
    auto code = f.StringOrEmpty("code");
    if (!code) return ErrorResponse(req, code.error());
    auto recovery = f.StringOrEmpty("recovery_code");
    if (!recovery) return ErrorResponse(req, recovery.error());
    if (code->empty() == recovery->empty())
      return ErrorResponse(req, Error{ErrorCode::kInvalidArgument, "Give either code or recovery_code.", "code"});
    auto signed_in = code->empty() ? auth.CompleteWithRecoveryCode(*token, *recovery, AttemptOf(req))
                                   : auth.CompleteWithCode(*token, *code, AttemptOf(req));
    if (!signed_in) return ErrorResponse(req, signed_in.error());
    json out{{"token", signed_in->token},
             {"token_type", "Bearer"},
             {"expires_at", FormatRfc3339(signed_in->expires_at)},
             {"idle_timeout_seconds",
              std::chrono::duration_cast<std::chrono::seconds>(auth.policy().idle_timeout).count()},
             {"practitioner", ToJson(signed_in->practitioner)}};
    if (!signed_in->recovery_codes.empty()) out["recovery_codes"] = signed_in->recovery_codes;
    if (signed_in->recovery_codes_left >= 0) out["recovery_codes_left"] = signed_in->recovery_codes_left;
    Response r = JsonResponse(201, out);
    r.With("Set-Cookie", SessionCookie(signed_in->token, req.secure));
    return r;
  });

  router.Add("DELETE", "/api/v1/sessions/current",
             SignedIn(s.authentication, [&auth = s.authentication](Request& req, const service::Authenticated&, const service::Context& ctx) {
               if (auto out = auth.SignOut(TokenFrom(req), ctx); !out) return ErrorResponse(req, out.error());
               Response r;
               r.status = 204;
               r.content_type = "application/json";
               r.With("Set-Cookie", ClearedSessionCookie(req.secure));
               return r;
             }));

  router.Add("POST", "/api/v1/assessments",
             SignedIn(s.authentication, [&assessments = s.assessments](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               auto request = guidance::ParseRequest(body->root());
               if (!request) return ErrorResponse(req, request.error());
               auto assessment = assessments.Assess(ctx, *request);
               if (!assessment) return ErrorResponse(req, assessment.error());
               return JsonText(200, guidance::ToJsonText(*assessment));
             }));

  router.Add("GET", "/api/v1/me",
             SignedIn(s.authentication, [&admin = s.administration](Request& req, const service::Authenticated& who, const service::Context& ctx) {
               auto org = admin.GetOrganisation(ctx, who.practitioner.organisation_id);
               if (!org) return ErrorResponse(req, org.error());
               return JsonResponse(200, nlohmann::json{{"practitioner", ToJson(who.practitioner)},
                                         {"organisation", ToJson(*org)}});
             }));

  router.Add("GET", "/api/v1/organisations",
             SignedIn(s.authentication, [&admin = s.administration](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, admin.ListOrganisations(ctx), 200, [](const auto& list) {
                 json items = json::array();
                 for (const auto& o : list) items.push_back(ToJson(o));
                 return json{{"organisations", items}};
               });
             }));

  router.Add("GET", "/api/v1/organisations/{id}",
             SignedIn(s.authentication, [&admin = s.administration](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, admin.GetOrganisation(ctx, std::string(req.PathParam("id"))), 200,
                             [](const auto& o) { return ToJson(o); });
             }));

  router.Add("POST", "/api/v1/organisations",
             SignedIn(s.authentication, [&admin = s.administration](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               JsonFields f(body->root());
               service::NewOrganisation n;
               Status parsed = [&]() -> Status {
                 JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"name", "type", "sector", "competent_authority", "staff_shares"}));
                 if (f.Has("staff_shares")) n.staff_shares = JIGSAW_TRY(f.Enum<domain::StaffShares>("staff_shares"));
                 n.name = JIGSAW_TRY(f.String("name"));
                 n.type = JIGSAW_TRY(f.Enum<domain::OrganisationType>("type"));
                 n.sector = JIGSAW_TRY(f.Enum<domain::Sector>("sector"));
                 n.competent_authority = JIGSAW_TRY(f.BoolOr("competent_authority", false));
                 return Ok();
               }();
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, admin.AddOrganisation(ctx, n), 201,
                             [](const auto& o) { return ToJson(o); });
             }));

  router.Add("GET", "/api/v1/practitioners",
             SignedIn(s.authentication, [&admin = s.administration](Request& req, const service::Authenticated&, const service::Context& ctx) {
               return Render(req, admin.ListPractitioners(ctx, req.QueryParam("organisation_id")), 200,
                             [](const auto& list) {
                               json items = json::array();
                               for (const auto& p : list) items.push_back(ToJson(p));
                               return json{{"practitioners", items}};
                             });
             }));

  router.Add("POST", "/api/v1/practitioners",
             SignedIn(s.authentication, [&admin = s.administration](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               JsonFields f(body->root());
               service::NewPractitioner n;
               Status parsed = [&]() -> Status {
                 JIGSAW_RETURN_IF_ERROR(f.OnlyKnown(
                     {"organisation_id", "username", "display_name", "roles", "password"}));
                 n.organisation_id = JIGSAW_TRY(f.String("organisation_id"));
                 n.username = JIGSAW_TRY(f.String("username"));
                 n.display_name = JIGSAW_TRY(f.String("display_name"));
                 n.roles = JIGSAW_TRY(domain::RoleSet::Parse("roles", JIGSAW_TRY(f.Strings("roles"))));
                 n.password = JIGSAW_TRY(f.String("password"));
                 return Ok();
               }();
               if (!parsed) return ErrorResponse(req, parsed.error());
               return Render(req, admin.AddPractitioner(ctx, n), 201,
                             [](const auto& p) { return ToJson(p); });
             }));

  // An administrator of the person's organisation removes their second
  // factor (a lost phone); they enrol again at their next sign-in.
  router.Add("POST", "/api/v1/practitioners/{id}/second-factor/reset",
             SignedIn(s.authentication, [&accounts = s.accounts](Request& req, const service::Authenticated&, const service::Context& ctx) {
               if (auto reset = accounts.ResetSecondFactor(ctx, std::string(req.PathParam("id"))); !reset)
                 return ErrorResponse(req, reset.error());
               Response r;
               r.status = 204;
               return r;
             }));

  router.Add("POST", "/api/v1/me/password",
             SignedIn(s.authentication, [&accounts = s.accounts](Request& req, const service::Authenticated&, const service::Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               JsonFields f(body->root());
               std::string current, next;
               Status parsed = [&]() -> Status {
                 JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"current_password", "password"}));
                 current = JIGSAW_TRY(f.String("current_password"));
                 next = JIGSAW_TRY(f.String("password"));
                 return Ok();
               }();
               if (!parsed) return ErrorResponse(req, parsed.error());
               if (auto changed = accounts.ChangePassword(ctx, current, next); !changed)
                 return ErrorResponse(req, changed.error());
               Response r;
               r.status = 204;
               return r;
             }));
}

}  // namespace jigsaw::http::api
