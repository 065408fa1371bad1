#include "http/response.h"

#include "common/log.h"

namespace jigsaw::http {

Response JsonResponse(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  // Replace rather than throw on invalid UTF-8: input is validated upstream,
  // and an error page must never fail to render.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ErrorResponse(const Request& request, int status, std::string_view code,
                       std::string_view message, std::string_view field) {
  nlohmann::json error = {{"code", code}, {"message", message}, {"request_id", request.request_id}};
  if (!field.empty()) error["field"] = field;
  Response r = JsonResponse(status, nlohmann::json{{"error", std::move(error)}});
  if (status == 401) r.With("WWW-Authenticate", "Bearer");
  return r;
}

Response ErrorResponse(const Request& request, const Error& error) {
  if (error.code == ErrorCode::kInternal)
    log::Error("http.internal_error", {{"request_id", request.request_id}, {"message", error.message}});
  return ErrorResponse(request, StatusFor(error.code), ErrorCodeName(error.code), error.message,
                       error.field);
}

bool IsValidHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!token) return false;
  }
  return true;
}

bool IsValidHeaderValue(std::string_view value) {
  for (char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && b != '\t') || b == 0x7f) return false;
  }
  return true;
}

Status CheckHeaders(const Response& response) {
  if (!IsValidHeaderValue(response.content_type))
    return Fail(ErrorCode::kInternal, "A header value holds a control character.", "Content-Type");
  for (const auto& [name, value] : response.headers) {
    if (!IsValidHeaderName(name))
      return Fail(ErrorCode::kInternal, "A header name is not a token.", "(name)");
    if (!IsValidHeaderValue(value))
      return Fail(ErrorCode::kInternal, "A header value holds a control character.", name);
  }
  return Ok();
}

Result<JsonDocument> ParseJsonBody(const Request& request) {
  if (request.body.empty()) return InvalidArgument("body", "Send a JSON object as the request body.");
  JsonDocument doc = JIGSAW_TRY(JsonDocument::Parse(request.body));
  if (!doc.root().IsObject()) return InvalidArgument("body", "The body must be a JSON object.");
  return doc;
}

Response JsonText(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace jigsaw::http
