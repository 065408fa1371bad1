#include "common/json_fields.h"

namespace jigsaw {

Result<std::string> JsonFields::String(std::string_view name) const {
  if (!Has(name)) return InvalidArgument(Path(name), "This field is required.");
  const auto& v = Raw(name);
  if (!v.is_string()) return InvalidArgument(Path(name), "This field must be a string.");
  return v.get<std::string>();
}

Result<std::string> JsonFields::StringOr(std::string_view name, std::string fallback) const {
  if (!Has(name)) return fallback;
  return String(name);
}

Result<bool> JsonFields::Bool(std::string_view name) const {
  if (!Has(name)) return InvalidArgument(Path(name), "This field is required.");
  const auto& v = Raw(name);
  if (!v.is_boolean()) return InvalidArgument(Path(name), "This field must be true or false.");
  return v.get<bool>();
}

Result<bool> JsonFields::BoolOr(std::string_view name, bool fallback) const {
  if (!Has(name)) return fallback;
  return Bool(name);
}

Result<std::int64_t> JsonFields::IntOr(std::string_view name, std::int64_t fallback) const {
  if (!Has(name)) return fallback;
  const auto& v = Raw(name);
  if (!v.is_number_integer()) return InvalidArgument(Path(name), "This field must be a whole number.");
  return v.get<std::int64_t>();
}

Result<std::vector<std::string>> JsonFields::Strings(std::string_view name) const {
  std::vector<std::string> out;
  if (!Has(name)) return out;
  const auto& v = Raw(name);
  if (!v.is_array()) return InvalidArgument(Path(name), "This field must be a list.");
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string())
      return InvalidArgument(Path(name) + "[" + std::to_string(i) + "]", "This must be a string.");
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

Status JsonFields::OnlyKnown(std::initializer_list<std::string_view> known) const {
  if (!object_.is_object()) return InvalidArgument(prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1), "This must be a JSON object.");
  for (const auto& [key, value] : object_.items()) {
    bool found = false;
    for (std::string_view k : known)
      if (k == key) found = true;
    if (!found) return InvalidArgument(Path(key), "This field is not recognised.");
  }
  return Ok();
}

}  // namespace jigsaw
