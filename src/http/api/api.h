// The JSON API under /api/v1, plus /healthz and /readyz. Handlers only
// translate between HTTP and the service layer: they parse and check the
// shape of input, call one use case, and render its result or error.
#pragma once

#include "http/response.h"
#include "http/router.h"
#include "service/accounts.h"
#include "service/administration.h"
#include "service/assessments.h"
#include "service/audit_log.h"
#include "service/authentication.h"

namespace jigsaw::http::api {

inline constexpr std::string_view kSessionCookie = "jigsaw_session";

struct Services {
  service::Authentication& authentication;
  service::Administration& administration;
  service::Assessments& assessments;
  service::AuditLog& audit_log;
  store::Store& store;  // only for the readiness probe
  service::Accounts& accounts;
  std::string public_origin;  // web.public_origin; empty: from the Host header
};

// The relying party a passkey ceremony is for: the configured public
// origin, or else this request's scheme and Host header; its host name
// (without port) is the relying party id.
access::WebAuthnExpectation RelyingParty(const Request& request, std::string_view public_origin);

// Where a sign-in attempt came from, for throttling and the audit log.
service::Attempt AttemptOf(const Request& request);

void AddRoutes(Router& router, Services services);

// Leavers, movers and resets (/api/v1/practitioners/{id}/...), and account
// proposals for an organisation's approval (/api/v1/account-proposals).
void AddStaffRoutes(Router& router, service::Authentication& authentication,
                    service::Administration& administration);

// The Set-Cookie value for a session token: HttpOnly, SameSite=Strict,
// Secure over TLS, and no Max-Age or Expires, so that the browser forgets
// it when it closes (a shared computer keeps no session); the session's
// idle and absolute timeouts are enforced by the server whatever the
// browser keeps.
std::string SessionCookie(std::string_view token, bool secure);
// The Set-Cookie value that clears the session cookie (Max-Age=0).
std::string ClearedSessionCookie(bool secure);

// The token from "Authorization: Bearer ..." or the session cookie.
std::string TokenFrom(const Request& request);

// Resolves the caller, or an error response (401) to return as is.
Result<service::Authenticated> Authenticate(const Request& request,
                                            service::Authentication& authentication);

// True if the request names an Origin other than the host it was sent to
// (an Origin of "null" included). No Origin is not foreign: clients other
// than browsers send none.
bool HasForeignOrigin(const Request& request);

// The refusal for a JSON API request that a browser could have been made to
// send by another site: one that signs in with the session cookie (not a
// Bearer token) and comes from a foreign Origin (403), or that is not a
// GET or HEAD and whose Content-Type is not application/json (415: a form
// on another site can send only form and text bodies without asking). None
// for requests with a Bearer token, or none at all.
std::optional<Response> RefuseCrossSite(const Request& request);

// Wraps a handler that needs a signed-in caller: it is called as
// fn(request, who, context), the context naming the caller and the request
// for the audit log; anyone else gets the 401, and a request that could
// have come from another site through the session cookie is refused
// (RefuseCrossSite).
// The result rendered as JSON with `status`, or its error.
template <typename T, typename RenderFn>
Response Render(const Request& req, const Result<T>& result, int status, RenderFn render) {
  if (!result) return ErrorResponse(req, result.error());
  return JsonResponse(status, render(*result));
}

template <typename Fn>
Handler SignedIn(service::Authentication& auth, Fn fn) {
  return [&auth, fn](Request& req) -> Response {
    if (auto refused = RefuseCrossSite(req)) return std::move(*refused);
    auto who = Authenticate(req, auth);
    if (!who) return ErrorResponse(req, who.error());
    return fn(req, *who, service::Context{who->actor, req.request_id});
  };
}

}  // namespace jigsaw::http::api
