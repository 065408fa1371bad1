// The assessment request and response as JSON: the public contract shared
// by `jigsaw assess` and POST /api/v1/assessments (docs/assessment.md).
// Parsing checks everything Assess() relies on; errors name the field,
// e.g. "items[1].accuracy".
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "common/result.h"
#include "guidance/assessment.h"

namespace jigsaw::guidance {

inline constexpr std::size_t kMaxItems = 200;
inline constexpr std::size_t kMaxIdentified = 50;
inline constexpr std::size_t kMaxText = 200;

Result<Request> ParseRequest(const nlohmann::json& body);
// Parses text first; malformed JSON fails with field "body".
Result<Request> ParseRequestText(std::string_view text);

// Keys in the documented order, so the output reads top-down.
nlohmann::ordered_json ToJson(const Assessment& assessment);

}  // namespace jigsaw::guidance
