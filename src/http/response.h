// Responses of one shape: JSON bodies, and errors as
// {"error": {"code", "message", "field"?, "request_id"}}.
#pragma once

#include <nlohmann/json.hpp>

#include "common/json_reader.h"
#include "common/result.h"
#include "http/message.h"

namespace jigsaw::http {

Response JsonResponse(int status, const nlohmann::json& body);

Response ErrorResponse(const Request& request, int status, std::string_view code,
                       std::string_view message, std::string_view field = {});

// The HTTP status for an error code: 400, 401, 403, 404, 409, 429, 503, 500.
int StatusFor(ErrorCode code);

Response ErrorResponse(const Request& request, const Error& error);

// Parses the body as a JSON object, or fails with a message that says what
// is wrong and where (field "body").
Result<JsonDocument> ParseJsonBody(const Request& request);

// A 200-style response whose body is already JSON text.
Response JsonText(int status, std::string body);

// True for a header name that is an RFC 9110 token.
bool IsValidHeaderName(std::string_view name);
// True for a header value with no control character but tab (so no CR or
// LF: a value cannot end its header and start another).
bool IsValidHeaderValue(std::string_view value);
// Ok if every header of `response` (its content type included) is valid;
// otherwise kInternal with the offending header's name as the field (the
// value is not repeated: it may hold what a client sent).
Status CheckHeaders(const Response& response);

}  // namespace jigsaw::http
