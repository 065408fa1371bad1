#include "http/web/multipart.h"

#include <algorithm>
#include <optional>

namespace jigsaw::http::web {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::unexpected<Error> Malformed(std::string_view what) {
  return InvalidArgument("body", "The form could not be read: " + std::string(what) + ".");
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Lower(x) == Lower(y); });
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 2046 bchars: a boundary is 1 to 70 of these, not ending in a space.
bool IsBoundary(std::string_view b) {
  if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
  return std::all_of(b.begin(), b.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
  });
}

// "type; a=1; b="two"" -> the type, then each parameter with its name in
// lower case. A quoted value runs to the next quotation mark: browsers
// write a quotation mark inside one as %22 and never use backslashes as
// escapes, so a backslash is an ordinary character here.
struct Parameters {
  std::string_view value;
  std::vector<std::pair<std::string, std::string>> params;
};

Result<Parameters> ParseParameters(std::string_view header) {
  Parameters out;
  const std::size_t semicolon = header.find(';');
  out.value = TrimSpaces(header.substr(0, semicolon));
  std::size_t at = semicolon == std::string_view::npos ? header.size() : semicolon + 1;
  while (at < header.size()) {
    while (at < header.size() && (header[at] == ' ' || header[at] == '\t')) ++at;
    const std::size_t eq = header.find('=', at);
    if (eq == std::string_view::npos) return Malformed("a parameter without a value");
    std::string name(TrimSpaces(header.substr(at, eq - at)));
    std::transform(name.begin(), name.end(), name.begin(), Lower);
    if (name.empty()) return Malformed("a parameter without a name");
    std::string value;
    at = eq + 1;
    if (at < header.size() && header[at] == '"') {
      const std::size_t close = header.find('"', at + 1);
      if (close == std::string_view::npos) return Malformed("an unclosed quotation");
      value = header.substr(at + 1, close - at - 1);
      at = close + 1;
      while (at < header.size() && (header[at] == ' ' || header[at] == '\t')) ++at;
      if (at < header.size() && header[at] != ';') return Malformed("text after a quoted parameter");
    } else {
      const std::size_t end = std::min(header.find(';', at), header.size());
      value = TrimSpaces(header.substr(at, end - at));
      if (value.empty()) return Malformed("an empty parameter");
      at = end;
    }
    if (at < header.size()) ++at;  // the ';'
    for (const auto& [n, v] : out.params)
      if (n == name) return Malformed("a parameter given twice");
    out.params.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

const std::string* Param(const Parameters& p, std::string_view name) {
  for (const auto& [n, v] : p.params)
    if (n == name) return &v;
  return nullptr;
}

// The HTML standard's escapes in names and file names.
std::string DecodeName(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string_view next = s.substr(i, 3);
    if (next == "%0A") out += '\n';
    else if (next == "%0D") out += '\r';
    else if (next == "%22") out += '"';
    else {
      out += s[i];
      continue;
    }
    i += 2;
  }
  return out;
}

struct PartHeaders {
  std::string name;
  std::optional<std::string> file_name;  // present (perhaps empty) for a file input
  std::string content_type;
};

// One header line into `out`; the part's other headers are ignored, as RFC 7578 says.
Status ReadHeader(std::string_view line, PartHeaders& out, bool& has_disposition) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return Malformed("a header line without a name");
  const std::string_view name = line.substr(0, colon), value = TrimSpaces(line.substr(colon + 1));
  if (EqualsIgnoringCase(name, "content-disposition")) {
    if (has_disposition) return Malformed("a part with two Content-Disposition headers");
    has_disposition = true;
    const auto p = JIGSAW_TRY(ParseParameters(value));
    if (!EqualsIgnoringCase(p.value, "form-data")) return Malformed("a part that is not form-data");
    if (Param(p, "filename*")) return Malformed("an encoded file name (filename*)");
    const std::string* n = Param(p, "name");
    if (!n || n->empty()) return Malformed("a part without a field name");
    out.name = DecodeName(*n);
    if (const std::string* f = Param(p, "filename")) out.file_name = DecodeName(*f);
  } else if (EqualsIgnoringCase(name, "content-type")) {
    out.content_type = std::string(value);
  }
  return Ok();
}

Result<PartHeaders> ReadHeaders(std::string_view block) {
  PartHeaders out;
  bool has_disposition = false;
  std::size_t at = 0;
  while (at < block.size()) {
    const std::size_t end = block.find(kCrlf, at);
    const std::string_view line = block.substr(at, end - at);
    if (line.find_first_of("\r\n") != std::string_view::npos) return Malformed("a bare line break in a header");
    JIGSAW_RETURN_IF_ERROR(ReadHeader(line, out, has_disposition));
    at = end == std::string_view::npos ? block.size() : end + 2;
  }
  if (!has_disposition) return Malformed("a part without Content-Disposition");
  return out;
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  const auto p = JIGSAW_TRY(ParseParameters(content_type));
  if (!EqualsIgnoringCase(p.value, "multipart/form-data")) return Malformed("not multipart/form-data");
  const std::string* b = Param(p, "boundary");
  if (!b || !IsBoundary(*b)) return Malformed("no usable boundary");
  return *b;
}

Result<MultipartForm> ParseMultipart(std::string_view body, std::string_view boundary, const MultipartLimits& limits) {
  if (!IsBoundary(boundary)) return Malformed("no usable boundary");
  const std::string first = "--" + std::string(boundary) + std::string(kCrlf);
  const std::string delimiter = std::string(kCrlf) + "--" + std::string(boundary);
  if (!body.starts_with(first)) return Malformed("it does not start with its boundary");
  MultipartForm out;
  std::size_t at = first.size();
  for (std::size_t parts = 1;; ++parts) {
    if (parts > limits.max_parts) return Malformed("too many fields");
    const std::size_t headers_end = body.find("\r\n\r\n", at);
    // A part with no headers at all cannot be form-data: its blank line
    // would come first.
    if (headers_end == std::string_view::npos || headers_end - at > limits.max_header_bytes)
      return Malformed(headers_end == std::string_view::npos ? "a part without a blank line after its headers"
                                                             : "a part's headers are too long");
    const auto headers = JIGSAW_TRY(ReadHeaders(body.substr(at, headers_end - at)));
    const std::size_t content_start = headers_end + 4;
    const std::size_t content_end = body.find(delimiter, content_start);
    if (content_end == std::string_view::npos) return Malformed("a part that never ends");
    const std::string_view content = body.substr(content_start, content_end - content_start);
    if (!headers.file_name) {
      if (content.size() > limits.max_field_bytes) return Malformed("a field is too long");
      out.fields.emplace_back(headers.name, std::string(content));
    } else if (!headers.file_name->empty() || !content.empty()) {
      // A file input left empty sends an unnamed, empty part: no file.
      if (out.files.size() == limits.max_files) return Malformed("too many files");
      UploadedFile file{headers.name, *headers.file_name, headers.content_type, {}, content.size(),
                        content.size() > limits.max_file_bytes};
      if (!file.over_limit) file.content = std::string(content);
      out.files.push_back(std::move(file));
    }
    at = content_end + delimiter.size();
    const std::string_view after = body.substr(at);
    if (after.starts_with("--")) {
      // The close delimiter: then nothing, or one line break.
      if (after.size() == 2 || after.substr(2) == kCrlf) return out;
      return Malformed("text after the end of the form");
    }
    if (!after.starts_with(kCrlf)) return Malformed("a boundary not followed by a line break");
    at += kCrlf.size();
  }
}

Result<Submission> ReadSubmission(const Request& request, const MultipartLimits& limits) {
  const std::string_view type = request.Header("content-type");
  const std::string_view media = TrimSpaces(type.substr(0, type.find(';')));
  if (!EqualsIgnoringCase(media, "multipart/form-data")) return Submission{Form(request.body), {}};
  const std::string boundary = JIGSAW_TRY(MultipartBoundary(type));
  auto parsed = JIGSAW_TRY(ParseMultipart(request.body, boundary, limits));
  return Submission{Form(std::move(parsed.fields)), std::move(parsed.files)};
}

}  // namespace jigsaw::http::web
