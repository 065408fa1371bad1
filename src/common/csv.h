// CSV as Jigsaw exports it (RFC 4180, every field quoted, CRLF line ends),
// safe to open in a spreadsheet: a cell that a spreadsheet would run as a
// formula is written as text.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace jigsaw {

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
