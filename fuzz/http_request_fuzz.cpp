// The bytes a client sends, through what the server does with them before
// a handler runs: Beast's parser with the server's limits (ParseRequest),
// the split into path, query and lower-cased headers, cookies and query
// parameters, and the router. Properties checked beyond "no crash, no
// sanitizer report": a parsed path never holds the query, header names are
// lower case, and a Location built from an {id} that IsWellFormedId
// accepts always passes the server's header check.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/random.h"
#include "http/request_parser.h"
#include "http/response.h"
#include "http/router.h"

namespace {

using namespace jigsaw;
using namespace jigsaw::http;

void Check(bool condition) {
  if (!condition) std::abort();
}

const Router& TheRouter() {
  static const Router* router = [] {
    auto* r = new Router;
    const auto redirect = [](Request& req) {
      Response res{.status = 303};
      const std::string id(req.PathParam("id"));
      if (!IsWellFormedId(id)) return Response{.status = 404};
      res.With("Location", "/concerns/" + id);
      Check(CheckHeaders(res).has_value());
      return res;
    };
    r->Add("GET", "/healthz", [](Request&) { return Response{}; }, Waits::kNever);
    r->Add("GET", "/api/v1/people/{id}", redirect);
    r->Add("POST", "/concerns/{id}/share/{step}", redirect);
    r->Add("GET", "/concerns/{id}", redirect);
    r->SetFallback([](Request& req) {
      Response res{.status = 404};
      res.body = std::string(req.path);
      return res;
    });
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto parsed = ParseRequest(bytes, {.max_header_bytes = 16 * 1024, .max_body_bytes = 1024 * 1024});
  if (!parsed) {
    const int status = parsed.error().status;
    Check(status == 400 || status == 413 || status == 431);
    return 0;
  }
  Request& req = parsed->request();
  Check(parsed->bytes_used() <= size);
  Check(req.path.find('?') == std::string_view::npos);
  for (const auto& [name, value] : req.headers)
    for (char c : name) Check(!(c >= 'A' && c <= 'Z'));
  (void)req.Cookie("jigsaw_session");
  (void)req.Cookie("jigsaw_form");
  (void)req.QueryParam("q");
  (void)req.Header("origin");
  req.request_id = "fuzz";
  const Response res = TheRouter().Dispatch(req);
  Check(res.status >= 200 && res.status < 600);
  (void)TheRouter().NeverWaits(req);
  return 0;
}
