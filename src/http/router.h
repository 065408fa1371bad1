// Maps a method and a path to a handler. Patterns are literal segments and
// {name} parameters, e.g. "/api/v1/organisations/{id}". An unknown path is
// a 404 and a known path with the wrong method a 405, both as JSON errors.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/message.h"

namespace jigsaw::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  // Runs the matching handler; catches anything it throws as a 500.
  Response Dispatch(Request& request) const;
  // Called for a path no route knows (static files, an HTML "not found");
  // without one, such a path is the JSON 404.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
  // Routes without parameters, by path: most requests need no splitting.
  std::unordered_map<std::string, std::vector<std::size_t>> exact_;
};

}  // namespace jigsaw::http
