// Reading typed fields from a JSON object with errors that name the field
// ("sharer.sector", "items[2].id"), for every JSON input: the API and the
// CLI.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/json_reader.h"
#include "common/result.h"

namespace jigsaw {

class JsonFields {
 public:
  // `prefix` is prepended to field names in errors ("items[2].").
  explicit JsonFields(JsonValue object, std::string prefix = {})
      : object_(object), prefix_(std::move(prefix)) {}

  std::string Path(std::string_view name) const { return prefix_ + std::string(name); }
  // Present and not null.
  bool Has(std::string_view name) const;
  std::optional<JsonValue> Get(std::string_view name) const;

  Result<std::string> String(std::string_view name) const;
  // Absent or null: empty.
  Result<std::string> StringOrEmpty(std::string_view name) const;
  Result<bool> Bool(std::string_view name) const;
  Result<bool> BoolOr(std::string_view name, bool fallback) const;
  Result<std::int64_t> IntOr(std::string_view name, std::int64_t fallback) const;
  Result<std::vector<std::string>> Strings(std::string_view name) const;  // absent: empty
  // The array named `name` (absent or null: empty), each element an object
  // read with its own JsonFields ("name[i].").
  Result<std::vector<JsonFields>> Objects(std::string_view name) const;
  // The object named `name`; absent or null gives an empty object unless required.
  Result<JsonFields> Object(std::string_view name, bool required) const;

  template <typename E>
  Result<E> Enum(std::string_view name) const {
    const std::string text = JIGSAW_TRY(String(name));
    return ParseEnumField<E>(Path(name), text);
  }
  template <typename E>
  Result<E> EnumOr(std::string_view name, E fallback) const {
    if (!Has(name)) return fallback;
    return Enum<E>(name);
  }
  template <typename E>
  Result<std::vector<E>> Enums(std::string_view name) const {
    std::vector<E> out;
    const auto texts = JIGSAW_TRY(Strings(name));
    for (std::size_t i = 0; i < texts.size(); ++i)
      out.push_back(JIGSAW_TRY(
          ParseEnumField<E>(Path(name) + "[" + std::to_string(i) + "]", texts[i])));
    return out;
  }

  // Fails naming the first member not in `known`: a misspelt field must not
  // silently fall back to a default. A member with an empty name is named
  // by the object that holds it ("body" at the top). Each lookup is linear
  // in the object's members, which the reader bounds (JsonLimits), so no
  // request costs more than members x fields read.
  Status OnlyKnown(std::initializer_list<std::string_view> known) const;

  template <typename E>
  static Result<E> ParseEnumField(const std::string& field, const std::string& text) {
    if (auto v = ParseEnum<E>(text)) return *v;
    return InvalidArgument(field, "'" + text + "' is not allowed here; use " + AllowedValues<E>() + ".");
  }

 private:
  // This object's own name in errors: the prefix without its dot, or "body".
  std::string Self() const;
  // An absent optional object: every field reads as absent.
  JsonFields Empty() && {
    empty_ = true;
    return std::move(*this);
  }

  JsonValue object_;
  std::string prefix_;
  bool empty_ = false;
};

}  // namespace jigsaw
