// Maps a method and a path to a handler. Patterns are literal segments and
// {name} parameters, e.g. "/api/v1/organisations/{id}". An unknown path is
// a 404 and a known path with the wrong method a 405, both as JSON errors.
// HEAD is served by the GET route (the server sends no body). The matched
// pattern is left in Request::route for the access log.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.h"

namespace jigsaw::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs. Most wait on the database (a durable commit is a
// disk flush), so they run on the server's handler pool; the few that
// never wait run at once on the I/O thread that read the request.
enum class Waits { kMayWait, kNever };

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler, Waits waits = Waits::kMayWait);
  // True when the route that would serve `request` was added with
  // Waits::kNever (only exact paths can be).
  bool NeverWaits(const Request& request) const;
  // Runs the matching handler; catches anything it throws as a 500.
  Response Dispatch(Request& request) const;
  // Called for a path no route knows (static files, an HTML "not found");
  // without one, such a path is the JSON 404.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    Waits waits = Waits::kMayWait;
  };
  // Looked up by string_view without building a std::string per request.
  struct PathHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // The route for an exact path and method, if there is one.
  const Route* Exact(const Request& request) const;
  std::vector<Route> routes_;
  Handler fallback_;
  // Routes without parameters, by path: most requests need no splitting.
  std::unordered_map<std::string, std::vector<std::size_t>, PathHash, std::equal_to<>> exact_;
};

}  // namespace jigsaw::http
