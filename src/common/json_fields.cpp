#include "common/json_fields.h"

namespace jigsaw {

std::optional<JsonValue> JsonFields::Get(std::string_view name) const {
  if (empty_) return std::nullopt;
  auto v = object_.Find(name);
  if (!v || v->IsNull()) return std::nullopt;
  return v;
}

bool JsonFields::Has(std::string_view name) const { return Get(name).has_value(); }

Result<std::string> JsonFields::String(std::string_view name) const {
  auto v = Get(name);
  if (!v) return InvalidArgument(Path(name), "This field is required.");
  if (!v->IsString()) return InvalidArgument(Path(name), "This field must be a string.");
  return v->AsString();
}

Result<std::string> JsonFields::StringOrEmpty(std::string_view name) const {
  if (!Has(name)) return std::string();
  return String(name);
}

Result<bool> JsonFields::Bool(std::string_view name) const {
  auto v = Get(name);
  if (!v) return InvalidArgument(Path(name), "This field is required.");
  if (!v->IsBool()) return InvalidArgument(Path(name), "This field must be true or false.");
  return v->AsBool();
}

Result<bool> JsonFields::BoolOr(std::string_view name, bool fallback) const {
  if (!Has(name)) return fallback;
  return Bool(name);
}

Result<std::int64_t> JsonFields::IntOr(std::string_view name, std::int64_t fallback) const {
  auto v = Get(name);
  if (!v) return fallback;
  if (!v->IsInteger()) return InvalidArgument(Path(name), "This field must be a whole number.");
  return v->AsInt();
}

Result<std::vector<std::string>> JsonFields::Strings(std::string_view name) const {
  std::vector<std::string> out;
  auto v = Get(name);
  if (!v) return out;
  if (!v->IsArray()) return InvalidArgument(Path(name), "This field must be a list.");
  std::size_t i = 0;
  for (const JsonValue& e : v->Elements()) {
    if (!e.IsString())
      return InvalidArgument(Path(name) + "[" + std::to_string(i) + "]", "This must be a string.");
    out.push_back(e.AsString());
    ++i;
  }
  return out;
}

Result<std::vector<JsonFields>> JsonFields::Objects(std::string_view name) const {
  std::vector<JsonFields> out;
  auto v = Get(name);
  if (!v) return out;
  if (!v->IsArray()) return InvalidArgument(Path(name), "This field must be a list.");
  std::size_t i = 0;
  for (const JsonValue& e : v->Elements()) {
    const std::string path = Path(name) + "[" + std::to_string(i++) + "]";
    if (!e.IsObject()) return InvalidArgument(path, "Each entry must be an object.");
    out.emplace_back(e, path + ".");
  }
  return out;
}

Result<JsonFields> JsonFields::Object(std::string_view name, bool required) const {
  auto v = Get(name);
  if (!v) {
    if (required) return InvalidArgument(Path(name), "This field is required.");
    return JsonFields(object_, Path(name) + ".").Empty();
  }
  if (!v->IsObject()) return InvalidArgument(Path(name), "This must be an object.");
  return JsonFields(*v, Path(name) + ".");
}

std::string JsonFields::Self() const {
  return prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1);
}

Status JsonFields::OnlyKnown(std::initializer_list<std::string_view> known) const {
  if (empty_) return Ok();
  if (!object_.IsObject()) return InvalidArgument(Self(), "This must be a JSON object.");
  for (const auto& [key, value] : object_.Members()) {
    // A member named "" would make an error that names no field at all.
    if (key.empty()) return InvalidArgument(Self(), "A member with an empty name is not recognised.");
    bool found = false;
    for (std::string_view k : known) found |= k == key;
    if (!found) return InvalidArgument(Path(key), "This field is not recognised.");
  }
  return Ok();
}

}  // namespace jigsaw
