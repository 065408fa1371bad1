// Any bytes through the JSON reader, with the request limits and with them
// lifted (the hashed check for repeated names runs past eight members).
// Properties beyond "no crash, no sanitizer report": what the reader
// accepts under the limits it also accepts without them, and the two
// documents agree; an independent parser (nlohmann) accepts it too; and
// walking it, as JsonFields does, is safe.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/json_fields.h"
#include "common/json_reader.h"

namespace {

using namespace jigsaw;

void Check(bool condition) {
  if (!condition) std::abort();
}

// A canonical text of the value, to compare two documents.
void Canonical(JsonValue v, std::string& out) {
  switch (v.type()) {
    case JsonType::kNull: out += "n"; return;
    case JsonType::kBool: out += v.AsBool() ? "t" : "f"; return;
    case JsonType::kNumber: out += v.IsInteger() ? "i" + std::to_string(v.AsInt()) : std::string("d"); return;
    case JsonType::kString: out += "s" + std::to_string(v.AsString().size()) + ":" + v.AsString(); return;
    case JsonType::kArray:
      out += "[";
      for (JsonValue e : v.Elements()) Canonical(e, out);
      out += "]";
      return;
    case JsonType::kObject:
      out += "{";
      for (const auto& [k, e] : v.Members()) {
        out += std::to_string(k.size()) + ":" + std::string(k);
        Check(v.Find(k).has_value());
        Canonical(e, out);
      }
      out += "}";
      return;
  }
}

// Whether nlohmann accepts `text`, counting a number too large for a double
// (which it refuses and we read as a non-integer number) as accepted.
bool IndependentlyAccepted(std::string_view text) {
  if (nlohmann::json::accept(text)) return true;
  try {
    const nlohmann::json parsed = nlohmann::json::parse(text);  // throws unless accepted
  } catch (const nlohmann::json::out_of_range&) {
    return true;
  } catch (const nlohmann::json::exception&) {
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const JsonLimits lifted{.max_depth = 64, .max_members = 1u << 20, .max_elements = 1u << 20, .max_values = 1u << 22};
  auto limited = JsonDocument::Parse(text);
  auto unlimited = JsonDocument::Parse(text, lifted);
  if (limited) {
    Check(unlimited.has_value());
    std::string a, b;
    Canonical(limited->root(), a);
    Canonical(unlimited->root(), b);
    Check(a == b);
  }
  if (unlimited) {
    Check(IndependentlyAccepted(text));
    std::string walked;
    Canonical(unlimited->root(), walked);
    JsonFields fields(unlimited->root());
    (void)fields.OnlyKnown({"id", "items"});
    (void)fields.String("id");
    (void)fields.Objects("items");
    (void)fields.Strings("share_items");
    (void)fields.IntOr("limit", 0);
  } else {
    Check(!unlimited.error().message.empty());
    Check(unlimited.error().field == "body");
  }
  return 0;
}
