#include "http/router.h"

#include "common/log.h"
#include "http/response.h"

namespace jigsaw::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, Waits waits) {
  Route r{std::move(method), pattern, {}, std::move(handler), waits};
  for (std::string_view s : Split(pattern)) r.segments.emplace_back(s);
  if (pattern.find('{') == std::string::npos) exact_[pattern].push_back(routes_.size());
  routes_.push_back(std::move(r));
}

namespace {
// HEAD asks for what GET would answer, without the body.
std::string_view RouteMethod(const Request& request) {
  return request.method == "HEAD" ? std::string_view("GET") : request.method;
}
}  // namespace

const Router::Route* Router::Exact(const Request& request) const {
  const auto it = exact_.find(request.path);
  if (it == exact_.end()) return nullptr;
  for (std::size_t i : it->second)
    if (routes_[i].method == RouteMethod(request)) return &routes_[i];
  return nullptr;
}

bool Router::NeverWaits(const Request& request) const {
  const Route* route = Exact(request);
  return route && route->waits == Waits::kNever;
}

namespace {
Response Run(const Handler& handler, Request& request) {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    log::Error("http.handler_threw", {{"request_id", request.request_id}, {"what", e.what()}});
    return ErrorResponse(request, 500, "internal", "Something went wrong on our side.");
  }
}
}  // namespace

Response Router::Dispatch(Request& request) const {
  if (request.path.empty() || request.path.front() != '/') {
    request.route = "(malformed)";
    return ErrorResponse(request, 400, "invalid_argument", "The request path is malformed.");
  }
  if (const Route* route = Exact(request)) {
    request.route = route->pattern;
    return Run(route->handler, request);
  }
  const auto parts = Split(request.path);
  bool path_known = false;
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool match = true;
    for (std::size_t i = 0; i < parts.size() && match; ++i) {
      const std::string& seg = route.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        if (parts[i].empty()) match = false;
        else params.emplace_back(seg.substr(1, seg.size() - 2), PercentDecode(parts[i]));
      } else if (seg != parts[i]) {
        match = false;
      }
    }
    if (!match) continue;
    path_known = true;
    request.route = route.pattern;
    if (route.method != RouteMethod(request)) continue;
    request.path_params = std::move(params);
    return Run(route.handler, request);
  }
  if (path_known)
    return ErrorResponse(request, 405, "method_not_allowed",
                         "This address does not accept " + std::string(request.method) + ".");
  request.route.clear();  // the fallback names what it served, if anything
  if (fallback_) return Run(fallback_, request);
  return ErrorResponse(request, 404, "not_found", "There is nothing at this address.");
}

}  // namespace jigsaw::http
