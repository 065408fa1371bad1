// CSV as RFC 4180 writes it: reading files people export from other systems
// (never giving up on the whole file for one bad record), and writing what
// Jigsaw exports, safe to open in a spreadsheet (a cell a spreadsheet would
// run as a formula is written as text).
#pragma once

#include <cstddef>
#include <span>
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
// if it holds a comma, a quote, CR or LF, begins or ends with a space, or
// begins with a UTF-8 byte order mark.
std::string CsvField(std::string_view value);

// True if a spreadsheet could read `cell` as a formula or command: it
// starts with = + - or @ after optional white space (spaces, tabs, CR, LF),
// or with a tab, CR or | (which some spreadsheets also act on).
bool CouldBeFormula(std::string_view cell);

// Appends `cell` to `out` quoted, with quotes doubled. A cell that could be
// a formula is prefixed with a single quote ('=SUM(A1) stays that text): the
// convention spreadsheets show as text and OWASP's advice on CSV injection.
// The quote is visible to anyone reading the file as text; that is the
// price of a file that cannot run anything.
void AppendCsvCell(std::string& out, std::string_view cell);

// Appends a row of cells separated by commas, ending in CRLF.
void AppendCsvRow(std::string& out, std::span<const std::string> cells);

}  // namespace jigsaw
