// The HTTP request and response as the router and handlers see them. Beast
// stays inside server.cpp so the rest of the layer compiles quickly and can
// be tested without sockets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jigsaw::http {

struct Request {
  std::string_view method;  // "GET", "POST"...
  std::string_view path;    // without the query string
  std::string_view query;   // after '?', undecoded
  // Lower-cased names; views into the connection's buffer, valid during the call.
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;
  std::string request_id;
  bool secure = false;  // arrived over TLS
  // The peer's IP address ("127.0.0.1"): the connection's, not a header's,
  // which anyone can write. Sign-in throttling counts failures by it.
  std::string remote_address;
  // Filled by the router from patterns such as /api/v1/organisations/{id}.
  std::vector<std::pair<std::string, std::string>> path_params;
  // What the access log says was asked for: the pattern of the route that
  // served the request ("/api/v1/people/{id}"), never the path a client
  // sent; empty until a route is found (logged as kUnroutedPath).
  std::string route;

  // The first value of a header (name in lower case), or empty.
  std::string_view Header(std::string_view lower_name) const;
  std::string_view PathParam(std::string_view name) const;
  // The percent-decoded value of a query parameter, if present.
  std::optional<std::string> QueryParam(std::string_view name) const;
  // The value of a cookie from the Cookie header, if present.
  std::optional<std::string_view> Cookie(std::string_view name) const;
};

// The access log's route for a request no route served.
inline constexpr std::string_view kUnroutedPath = "(no route)";

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& With(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Decodes %XX and '+' (as in form bodies and query strings).
std::string PercentDecode(std::string_view text);

// Splits "a=1&b=2" into decoded pairs.
std::vector<std::pair<std::string, std::string>> ParseFormEncoded(std::string_view text);

}  // namespace jigsaw::http
