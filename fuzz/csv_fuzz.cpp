// Any bytes through the CSV reader that `jigsaw link` reads partners'
// exports with, and the writer Jigsaw exports with. Properties beyond "no
// crash, no sanitizer report": every record and error names a line within
// the input, in order; a record read is written and read back to the same
// fields (CsvField); and an exported row reads back as its cells, with a
// cell a spreadsheet could run shown as text behind a single quote.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"

namespace {

using namespace jigsaw;

void Check(bool condition) {
  if (!condition) std::abort();
}

std::size_t Lines(std::string_view text) {
  std::size_t n = 1;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++n;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CsvTable table = ParseCsv(text);
  const std::size_t lines = Lines(text);
  std::size_t last = 0;
  for (const CsvRow& row : table.rows) {
    Check(row.line >= 1 && row.line <= lines && row.line > last);
    last = row.line;
    Check(!row.fields.empty());
  }
  for (const CsvError& e : table.errors) Check(e.line >= 1 && e.line <= lines && !e.message.empty());

  // Written as CSV and read again, a record is the same fields. (A record
  // of one empty field is written as an empty line, which readers skip.)
  for (const CsvRow& row : table.rows) {
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;
    std::string line;
    for (std::size_t i = 0; i < row.fields.size(); ++i) line += (i ? "," : "") + CsvField(row.fields[i]);
    const CsvTable again = ParseCsv(line + "\r\n");
    Check(again.errors.empty() && again.rows.size() == 1 && again.rows[0].fields == row.fields);
  }

  // The fields as an exported row: read back cell for cell, a possible
  // formula behind a quote, never as anything a spreadsheet would run.
  if (!table.rows.empty()) {
    const std::vector<std::string>& cells = table.rows.front().fields;
    std::string out;
    AppendCsvRow(out, cells);
    const CsvTable back = ParseCsv(out);
    Check(back.errors.empty() && back.rows.size() == 1 && back.rows[0].fields.size() == cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string& read = back.rows[0].fields[i];
      Check(read == (CouldBeFormula(cells[i]) ? "'" + cells[i] : cells[i]));
      Check(!CouldBeFormula(read));
    }
  }
  return 0;
}
