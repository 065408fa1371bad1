#include "http/web/forms.h"

#include <cstdio>

#include "domain/person.h"
#include "http/message.h"

namespace jigsaw::http::web {
namespace {
std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return std::string(s);
}
}  // namespace

Form::Form(std::string_view body) : Form(ParseFormEncoded(body)) {}

Form::Form(std::vector<std::pair<std::string, std::string>> fields) : fields_(std::move(fields)) {
  // Browsers send line breaks in text areas as CRLF; store them as LF.
  for (auto& [name, value] : fields_) {
    std::string clean;
    clean.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i)
      if (!(value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n')) clean.push_back(value[i]);
    value = std::move(clean);
  }
}

std::string Form::Get(std::string_view name) const {
  for (const auto& [k, v] : fields_)
    if (k == name) return Trim(v);
  return {};
}

std::vector<std::string> Form::All(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields_)
    if (k == name && !Trim(v).empty()) out.push_back(Trim(v));
  return out;
}

bool Form::Has(std::string_view name) const {
  for (const auto& [k, v] : fields_)
    if (k == name) return true;
  return false;
}

std::string IsoDate(const Form& f, std::string_view name) {
  const std::string n(name);
  return IsoDate(f.Get(n + "-day"), f.Get(n + "-month"), f.Get(n + "-year"));
}

std::string IsoDate(const std::string& d, const std::string& m, const std::string& y) {
  if (d.empty() && m.empty() && y.empty()) return "";
  int di = 0, mi = 0, yi = 0;
  if (std::sscanf(d.c_str(), "%d", &di) != 1 || std::sscanf(m.c_str(), "%d", &mi) != 1 ||
      std::sscanf(y.c_str(), "%d", &yi) != 1 || y.size() != 4)
    return "?";
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", yi, mi, di);
  return domain::ParseDate(out) ? std::string(out) : "?";
}

}  // namespace jigsaw::http::web
