// Reading a form post that carries a file: multipart/form-data (RFC 7578,
// as the HTML standard says browsers send it), strictly and within limits.
// The body must be exactly parts between delimiters (no preamble, nothing
// after the close but a line break); each part names its field in a
// Content-Disposition: form-data header; names and file names are quoted
// as browsers quote them (with %0A, %0D and %22 for line breaks and
// quotation marks, which are decoded). Anything else is refused rather
// than guessed at. The file's declared Content-Type is kept only as said:
// what a file is, is read from its bytes (domain::SniffAttachmentType).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "http/message.h"
#include "http/web/forms.h"

namespace jigsaw::http::web {

struct MultipartLimits {
  std::size_t max_parts = 64;
  std::size_t max_header_bytes = 2048;    // one part's headers
  std::size_t max_field_bytes = 256 * 1024;  // one text field
  std::size_t max_files = 1;              // files chosen (an empty file input counts for nothing)
  std::size_t max_file_bytes = 4 * 1024 * 1024;
};

struct UploadedFile {
  std::string field;      // the input's name
  std::string file_name;  // as the browser gave it
  std::string declared_type;  // the browser's Content-Type: never trusted
  std::string content;    // empty when over_limit
  std::size_t size = 0;   // of the content sent
  bool over_limit = false;  // larger than max_file_bytes: the page says so by the field
};

struct MultipartForm {
  std::vector<std::pair<std::string, std::string>> fields;  // in order
  std::vector<UploadedFile> files;
};

// The boundary parameter of a multipart/form-data Content-Type (1 to 70
// of RFC 2046's characters, quoted or not). kInvalidArgument otherwise.
Result<std::string> MultipartBoundary(std::string_view content_type);

// Fails with kInvalidArgument (field "body") saying what is wrong: a
// malformed body, or one over a limit other than a file's size.
Result<MultipartForm> ParseMultipart(std::string_view body, std::string_view boundary, const MultipartLimits& limits);

// What a form post carries, whichever way it is encoded.
struct Submission {
  Form form;
  std::vector<UploadedFile> files;
};
// application/x-www-form-urlencoded (or no type) as Form reads it;
// multipart/form-data through ParseMultipart.
Result<Submission> ReadSubmission(const Request& request, const MultipartLimits& limits);

}  // namespace jigsaw::http::web
