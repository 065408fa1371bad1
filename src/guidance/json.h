// The assessment request and response as JSON: the public contract shared
// by `jigsaw assess` and POST /api/v1/assessments (docs/assessment.md).
// Parsing checks everything Assess() relies on; errors name the field,
// e.g. "items[1].accuracy".
#pragma once

#include <string>
#include <string_view>

#include "common/json_reader.h"
#include "common/result.h"
#include "guidance/assessment.h"

namespace jigsaw::guidance {

inline constexpr std::size_t kMaxItems = 200;
inline constexpr std::size_t kMaxIdentified = 50;
inline constexpr std::size_t kMaxText = 200;

Result<Request> ParseRequest(JsonValue body);
// Parses text first; malformed JSON fails with field "body".
Result<Request> ParseRequestText(std::string_view text);

// The request as compact JSON text that ParseRequestText reads back to an
// equal request: stored with each sharing decision as the facts it rests on.
std::string ToJsonText(const Request& request);

// The assessment as compact JSON text, keys in the documented order.
std::string ToJsonText(const Assessment& assessment);

}  // namespace jigsaw::guidance
