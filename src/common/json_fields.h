// Reading typed fields from a JSON object with errors that name the field
// ("sharer.sector"), for every JSON input: the API, the CLI, config.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw {

class JsonFields {
 public:
  // `prefix` is prepended to field names in errors ("items[2].").
  explicit JsonFields(const nlohmann::json& object, std::string prefix = {})
      : object_(object), prefix_(std::move(prefix)) {}

  std::string Path(std::string_view name) const { return prefix_ + std::string(name); }
  bool Has(std::string_view name) const { return object_.contains(name) && !object_[std::string(name)].is_null(); }
  const nlohmann::json& Raw(std::string_view name) const { return object_.at(std::string(name)); }

  Result<std::string> String(std::string_view name) const;
  Result<std::string> StringOr(std::string_view name, std::string fallback) const;
  Result<bool> Bool(std::string_view name) const;
  Result<bool> BoolOr(std::string_view name, bool fallback) const;
  Result<std::int64_t> IntOr(std::string_view name, std::int64_t fallback) const;
  Result<std::vector<std::string>> Strings(std::string_view name) const;  // absent: empty

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
  // silently fall back to a default.
  Status OnlyKnown(std::initializer_list<std::string_view> known) const;

  template <typename E>
  static Result<E> ParseEnumField(const std::string& field, const std::string& text) {
    if (auto v = ParseEnum<E>(text)) return *v;
    return InvalidArgument(field, "'" + text + "' is not allowed here; use " + AllowedValues<E>() + ".");
  }

 private:
  const nlohmann::json& object_;
  std::string prefix_;
};

}  // namespace jigsaw
