// A file upload as browsers send it (multipart/form-data): the input's
// first line is the boundary, the rest the body. Beyond "no crash, no
// sanitizer report": every limit holds in what is returned (parts, field
// and file sizes, one file), a file over the limit keeps no content, and
// a form read is the same form when written out again and read back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/web/multipart.h"

namespace {

using namespace jigsaw::http::web;

void Check(bool condition) {
  if (!condition) std::abort();
}

// A name as browsers quote it: line breaks and quotation marks escaped.
std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) out += c == '\n' ? "%0A" : c == '\r' ? "%0D" : c == '"' ? "%22" : std::string(1, c);
  return out + "\"";
}

std::string Write(const MultipartForm& form, std::string_view boundary) {
  std::string out;
  const auto part = [&](std::string_view headers, std::string_view content) {
    out += "--" + std::string(boundary) + "\r\n" + std::string(headers) + "\r\n\r\n" + std::string(content) + "\r\n";
  };
  for (const auto& [name, value] : form.fields) part("Content-Disposition: form-data; name=" + Quoted(name), value);
  for (const auto& f : form.files)
    part("Content-Disposition: form-data; name=" + Quoted(f.field) + "; filename=" + Quoted(f.file_name) +
             (f.declared_type.empty() ? "" : "\r\nContent-Type: " + f.declared_type),
         f.content);
  return out + "--" + std::string(boundary) + "--\r\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string_view boundary = input.substr(0, newline);
  const std::string_view body = input.substr(newline + 1);
  (void)MultipartBoundary("multipart/form-data; boundary=" + std::string(boundary));

  const MultipartLimits limits{.max_parts = 8, .max_header_bytes = 256, .max_field_bytes = 512, .max_files = 1,
                               .max_file_bytes = 1024};
  const auto form = ParseMultipart(body, boundary, limits);
  if (!form) {
    Check(form.error().field == "body" && !form.error().message.empty());
    return 0;
  }
  Check(form->fields.size() + form->files.size() <= limits.max_parts);
  Check(form->files.size() <= limits.max_files);
  bool any_over = false;
  for (const auto& [name, value] : form->fields) Check(!name.empty() && value.size() <= limits.max_field_bytes);
  for (const auto& f : form->files) {
    Check(!f.field.empty());
    Check(f.over_limit == (f.size > limits.max_file_bytes));
    Check(f.over_limit ? f.content.empty() : f.content.size() == f.size);
    any_over = any_over || f.over_limit;
  }
  if (any_over) return 0;  // its content is gone: nothing to write out again
  // A form whose only part was an empty file input reads as no parts, and
  // a body of no parts is not multipart (RFC 2046 asks for one at least).
  if (form->fields.empty() && form->files.empty()) return 0;
  const std::string again = Write(*form, boundary);
  // Written out, a part's headers may be longer than they came (names are
  // quoted and escaped, a header named in full): room for that, and only that.
  MultipartLimits reread_limits = limits;
  reread_limits.max_header_bytes = 3 * limits.max_header_bytes + 128;
  const auto reread = ParseMultipart(again, boundary, reread_limits);
  Check(reread.has_value());
  Check(reread->fields == form->fields);
  Check(reread->files.size() == form->files.size());
  for (std::size_t i = 0; i < form->files.size(); ++i) {
    Check(reread->files[i].field == form->files[i].field);
    Check(reread->files[i].file_name == form->files[i].file_name);
    Check(reread->files[i].declared_type == form->files[i].declared_type);
    Check(reread->files[i].content == form->files[i].content);
  }
  return 0;
}
