// A submitted form (application/x-www-form-urlencoded, or the text fields
// of a multipart/form-data post), read by name.
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
  // Fields already decoded (a multipart form's text fields).
  explicit Form(std::vector<std::pair<std::string, std::string>> fields);

  // The first value, trimmed of surrounding white space; empty if absent.
  std::string Get(std::string_view name) const;
  // Every non-empty value (checkboxes).
  std::vector<std::string> All(std::string_view name) const;
  bool Has(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// A GOV.UK date input's three fields (NAME-day, NAME-month, NAME-year) as
// an ISO date: "27", "3", "2012" -> "2012-03-27"; empty if all three are
// empty; "?" if they are not a real date.
std::string IsoDate(const Form& form, std::string_view name);
// The same from the three values themselves.
std::string IsoDate(const std::string& day, const std::string& month, const std::string& year);

}  // namespace jigsaw::http::web
