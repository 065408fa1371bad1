// A strict, fast JSON reader (RFC 8259) for everything Jigsaw receives.
// The document is one flat vector of nodes in document order, so parsing a
// request costs a handful of allocations, not one per value. Stricter than
// the RFC requires where that is safer: duplicate object keys and invalid
// UTF-8 are errors, and a document larger in shape than any request needs
// (JsonLimits) is refused as soon as the parser sees it. Parsing is linear
// in the input whatever the limits (duplicate names are found by hashing),
// so a body sent by anyone, signed in or not, costs at most a few
// milliseconds per megabyte.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace jigsaw {

enum class JsonType : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// The shape a document may have. The defaults hold every request Jigsaw
// accepts with room to spare (the largest, an assessment of 200 items each
// naming 50 people, nests 5 deep and holds about 34,000 values) and
// nothing much bigger: a body of 100,000 distinct keys is refused at its
// 65th key.
struct JsonLimits {
  std::uint32_t max_depth = 8;         // arrays and objects inside one another
  std::uint32_t max_members = 64;      // names in one object
  std::uint32_t max_elements = 1000;   // elements of one array
  std::uint32_t max_values = 65536;    // values in the whole document (names not counted)
};

class JsonDocument;

// A handle to one value in a JsonDocument; valid while the document lives.
class JsonValue {
 public:
  JsonType type() const;
  bool IsNull() const { return type() == JsonType::kNull; }
  bool IsBool() const { return type() == JsonType::kBool; }
  bool IsString() const { return type() == JsonType::kString; }
  bool IsArray() const { return type() == JsonType::kArray; }
  bool IsObject() const { return type() == JsonType::kObject; }
  bool IsNumber() const { return type() == JsonType::kNumber; }
  // A number with no fraction or exponent that fits in 64 bits.
  bool IsInteger() const;

  bool AsBool() const;
  std::int64_t AsInt() const;
  const std::string& AsString() const;

  // Elements of an array, or members of an object.
  std::size_t size() const;
  std::vector<JsonValue> Elements() const;
  std::vector<std::pair<std::string_view, JsonValue>> Members() const;
  // The member named `key` of an object, if present.
  std::optional<JsonValue> Find(std::string_view key) const;

 private:
  friend class JsonDocument;
  JsonValue(const JsonDocument* doc, std::uint32_t index) : doc_(doc), index_(index) {}
  const JsonDocument* doc_;
  std::uint32_t index_;
};

class JsonDocument {
 public:
  // Fails with kInvalidArgument, field "body", saying what is wrong and at
  // which byte, or which limit the document exceeds.
  static Result<JsonDocument> Parse(std::string_view text, const JsonLimits& limits = {});
  JsonValue root() const { return JsonValue(this, 0); }

  JsonDocument(JsonDocument&&) = default;
  JsonDocument& operator=(JsonDocument&&) = default;

 private:
  friend class JsonValue;
  friend class JsonParser;
  JsonDocument() = default;
  struct Node {
    JsonType type = JsonType::kNull;
    bool boolean = false;
    bool integer = false;
    std::uint32_t end = 0;    // one past the last node of this value's subtree
    std::uint32_t count = 0;  // elements or members
    std::int64_t number = 0;
    std::string text;         // string value, or the key for key nodes
  };
  // Object members are stored as a key node (type kString) followed by the value.
  std::vector<Node> nodes_;
};

}  // namespace jigsaw
