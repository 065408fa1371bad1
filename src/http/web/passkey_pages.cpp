// The passkey ceremonies as JSON endpoints for jigsaw.js, which calls the
// browser's navigator.credentials.get() and .create() between them. Each
// ceremony is two requests: the options (with a challenge the server keeps
// for five minutes) and the answer, checked in service and access. Every
// request carries the page's form token, as a form post would.
#include <nlohmann/json.hpp>

#include "access/credentials.h"
#include "http/api/api.h"
#include "http/response.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using nlohmann::json;

constexpr std::string_view kFormCookie = "jigsaw_form";  // the sign-in page's double-submit token
constexpr long kTimeoutMs = 5 * 60 * 1000;

// The field as text, or empty if it is missing or not a string.
std::string Text(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<Bytes> Decoded(const json& body, const char* key) {
  auto bytes = Base64UrlDecode(Text(body, key));
  if (!bytes || bytes->empty()) return InvalidArgument(key, std::string("Give ") + key + " in base64url.");
  return *bytes;
}

Result<json> JsonBody(const Request& req) {
  const auto body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return InvalidArgument("body", "Send a JSON object.");
  return body;
}

Result<service::PasskeyAssertion> AssertionOf(const json& body) {
  service::PasskeyAssertion a;
  a.credential_id = Text(body, "id");
  if (a.credential_id.empty()) return InvalidArgument("id", "Give the credential id.");
  a.client_data_json = JIGSAW_TRY(Decoded(body, "clientDataJSON"));
  a.authenticator_data = JIGSAW_TRY(Decoded(body, "authenticatorData"));
  a.signature = JIGSAW_TRY(Decoded(body, "signature"));
  return a;
}

// The sign-in page's token (double submit), so another site cannot sign
// a browser in as someone else.
bool SignInTokenOk(const Request& req, const json& body) {
  const std::string cookie(req.Cookie(kFormCookie).value_or(""));
  return cookie.size() == 32 && Text(body, "csrf_token") == cookie;
}

Response Forbidden(const Request& req) {
  return ErrorResponse(req, 403, "permission_denied", "This page has expired. Refresh it and try again.");
}

Response PasskeySignInOptions(Site& site, Request& req) {
  auto body = JsonBody(req);
  if (!body) return ErrorResponse(req, body.error());
  if (!SignInTokenOk(req, *body)) return Forbidden(req);
  auto challenge = site.s.authentication.BeginPasskeySignIn();
  if (!challenge) return ErrorResponse(req, challenge.error());
  const auto rp = api::RelyingParty(req, site.options().public_origin);
  // No allowCredentials: the authenticator offers the passkeys it holds
  // for this site, so nobody types a username that could be probed.
  return JsonResponse(200, json{{"challenge_token", challenge->challenge_token},
                                {"publicKey",
                                 {{"challenge", challenge->challenge},
                                  {"rpId", rp.rp_id},
                                  {"timeout", kTimeoutMs},
                                  {"userVerification", "required"}}}});
}

Response PasskeySignIn(Site& site, Request& req) {
  auto body = JsonBody(req);
  if (!body) return ErrorResponse(req, body.error());
  if (!SignInTokenOk(req, *body)) return Forbidden(req);
  auto assertion = AssertionOf(*body);
  if (!assertion) return ErrorResponse(req, assertion.error());
  auto signed_in = site.s.authentication.CompleteWithPasskey(Text(*body, "challenge_token"), *assertion,
                                                            api::RelyingParty(req, site.options().public_origin),
                                                            api::AttemptOf(req));
  if (!signed_in) return ErrorResponse(req, signed_in.error());
  Response r = JsonResponse(200, json{{"location", "/"}});
  r.With("Set-Cookie", api::SessionCookie(signed_in->token, req.secure));
  return r;
}

// A signed-in JSON request with the page's form token; the caller, or an
// error response to return as is.
Result<service::Authenticated> SignedInJson(Site& site, const Request& req, const json& body) {
  const std::string token = api::TokenFrom(req);
  auto who = api::Authenticate(req, site.s.authentication);
  if (!who) return std::unexpected(who.error());
  if (!access::FormTokenMatches(token, Text(body, "csrf_token")))
    return PermissionDenied("This page has expired. Refresh it and try again.");
  return who;
}

Response RegistrationOptions(Site& site, Request& req) {
  auto body = JsonBody(req);
  if (!body) return ErrorResponse(req, body.error());
  auto who = SignedInJson(site, req, *body);
  if (!who) return ErrorResponse(req, who.error());
  auto begun = site.s.accounts.BeginPasskeyRegistration(service::Context{who->actor, req.request_id});
  if (!begun) return ErrorResponse(req, begun.error());
  const auto rp = api::RelyingParty(req, site.options().public_origin);
  json exclude = json::array();
  for (const auto& id : begun->existing_credential_ids) exclude.push_back({{"type", "public-key"}, {"id", id}});
  return JsonResponse(
      200, json{{"challenge_token", begun->challenge.challenge_token},
                {"publicKey",
                 {{"challenge", begun->challenge.challenge},
                  {"rp", {{"id", rp.rp_id}, {"name", "Jigsaw"}}},
                  {"user", {{"id", begun->user_handle}, {"name", begun->username}, {"displayName", begun->display_name}}},
                  {"pubKeyCredParams", json::array({{{"type", "public-key"}, {"alg", access::kCoseEs256}},
                                                    {{"type", "public-key"}, {"alg", access::kCoseEdDsa}}})},
                  {"authenticatorSelection", {{"residentKey", "required"}, {"userVerification", "required"}}},
                  {"attestation", "none"},
                  {"excludeCredentials", exclude},
                  {"timeout", kTimeoutMs}}}});
}

Response Register(Site& site, Request& req) {
  auto body = JsonBody(req);
  if (!body) return ErrorResponse(req, body.error());
  auto who = SignedInJson(site, req, *body);
  if (!who) return ErrorResponse(req, who.error());
  auto client_data = Decoded(*body, "clientDataJSON");
  if (!client_data) return ErrorResponse(req, client_data.error());
  auto attestation = Decoded(*body, "attestationObject");
  if (!attestation) return ErrorResponse(req, attestation.error());
  auto added = site.s.accounts.CompletePasskeyRegistration(
      service::Context{who->actor, req.request_id}, Text(*body, "challenge_token"), Text(*body, "name"), *client_data,
      *attestation, api::RelyingParty(req, site.options().public_origin));
  if (!added) return ErrorResponse(req, added.error());
  return JsonResponse(201, json{{"location", "/account?passkey-added=1"}});
}

}  // namespace

void AddPasskeySignIn(Site& site) {
  site.router().Add("POST", "/sign-in/passkey/options", [&site](Request& req) { return PasskeySignInOptions(site, req); });
  site.router().Add("POST", "/sign-in/passkey", [&site](Request& req) { return PasskeySignIn(site, req); });
}

void AddPasskeyRegistration(Site& site) {
  site.router().Add("POST", "/account/passkeys/options", [&site](Request& req) { return RegistrationOptions(site, req); });
  site.router().Add("POST", "/account/passkeys", [&site](Request& req) { return Register(site, req); });
}

}  // namespace jigsaw::http::web
