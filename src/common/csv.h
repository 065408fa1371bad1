// CSV as RFC 4180 writes it, for files people export from other systems:
// reading that never gives up on the whole file for one bad record, and
// writing that quotes only what must be quoted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jigsaw {

struct CsvRow {
  std::size_t line = 0;  // the line the record starts on, from 1
  std::vector<std::string> fields;
};

struct CsvError {
  std::size_t line = 0;
  std::string message;
};

struct CsvTable {
  std::vector<CsvRow> rows;      // in file order, the header (if any) first
  std::vector<CsvError> errors;  // records left out, in file order
};

// Parses `bytes`. Records end at CRLF, LF or CR; fields are separated by
// commas; a field that starts with a double quote runs to the matching
// quote, holds "" for a quote, and may hold commas and line breaks. A UTF-8
// byte order mark at the start is skipped, and so are empty lines. A
// record with a quote inside an unquoted field, text after a closing quote,
// or a quote never closed is left out, reported with its first line, and
// reading goes on from the next line. Bytes are not checked as UTF-8.
CsvTable ParseCsv(std::string_view bytes);

// `value` as one CSV field: as it is, or in double quotes (quotes doubled)
// if it holds a comma, a quote, CR or LF, or begins or ends with a space.
std::string CsvField(std::string_view value);

}  // namespace jigsaw
