// What browsers send to the pages: a Cookie header and a form body. The
// input's first line is the Cookie header's value, the rest the body.
// Beyond "no crash, no sanitizer report": a form value read back is
// trimmed, and a date is empty, "?" or an ISO date.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/message.h"
#include "http/web/forms.h"

namespace {

using namespace jigsaw::http;

void Check(bool condition) {
  if (!condition) std::abort();
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view cookie = input.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  Request req;
  req.headers = {{"cookie", cookie}};
  req.query = body;
  (void)req.Cookie("jigsaw_session");
  (void)req.Cookie("jigsaw_form");
  (void)req.QueryParam("q");
  (void)PercentDecode(body);

  const web::Form form(body);
  for (std::string_view name : {"username", "csrf_token", "items", "step"}) {
    const std::string value = form.Get(name);
    Check(value.empty() || (!IsSpace(value.front()) && !IsSpace(value.back())));
    for (const auto& v : form.All(name)) Check(!v.empty());
    (void)form.Has(name);
  }
  const std::string date = web::IsoDate(form, "date_of_birth");
  Check(date.empty() || date == "?" || (date.size() == 10 && date[4] == '-' && date[7] == '-'));
  return 0;
}
