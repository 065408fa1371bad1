// A submitted form (application/x-www-form-urlencoded), read by name.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jigsaw::http::web {

class Form {
 public:
  Form() = default;
  explicit Form(std::string_view body);

  // The first value, trimmed of surrounding white space; empty if absent.
  std::string Get(std::string_view name) const;
  // Every non-empty value (checkboxes).
  std::vector<std::string> All(std::string_view name) const;
  bool Has(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace jigsaw::http::web
