// A strict, fast JSON reader (RFC 8259) for everything Jigsaw receives.
// The document is one flat vector of nodes in document order, so parsing a
// request costs a handful of allocations, not one per value. Stricter than
// the RFC requires where that is safer: duplicate object keys, invalid
// UTF-8, and nesting deeper than 64 are errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace jigsaw {

enum class JsonType : std::uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

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
  // which byte.
  static Result<JsonDocument> Parse(std::string_view text);
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
