// Any bytes as the body of POST /api/v1/assessments (and `jigsaw assess`).
// Beyond "no crash, no sanitizer report": a request that parses is
// assessed, written back as JSON that parses to the same text (the
// decision records store it and read it again), and the assessment is
// JSON our reader accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/json_reader.h"
#include "guidance/engine.h"
#include "guidance/json.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jigsaw;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto request = guidance::ParseRequestText(text);
  if (!request) {
    Check(!request.error().field.empty());
    return 0;
  }
  const std::string written = guidance::ToJsonText(*request);
  auto again = guidance::ParseRequestText(written);
  Check(again.has_value());
  Check(guidance::ToJsonText(*again) == written);
  const guidance::Assessment assessment = guidance::Assess(*request);
  Check(JsonDocument::Parse(guidance::ToJsonText(assessment)).has_value());
  return 0;
}
