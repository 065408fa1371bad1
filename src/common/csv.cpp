#include "common/csv.h"

namespace jigsaw {

bool CouldBeFormula(std::string_view cell) {
  if (cell.empty()) return false;
  if (cell[0] == '\t' || cell[0] == '\r' || cell[0] == '|') return true;
  std::size_t i = 0;
  while (i < cell.size() && (cell[i] == ' ' || cell[i] == '\t' || cell[i] == '\r' || cell[i] == '\n')) ++i;
  return i < cell.size() && (cell[i] == '=' || cell[i] == '+' || cell[i] == '-' || cell[i] == '@');
}

void AppendCsvCell(std::string& out, std::string_view cell) {
  out.push_back('"');
  if (CouldBeFormula(cell)) out.push_back('\'');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendCsvRow(std::string& out, std::span<const std::string> cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    AppendCsvCell(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace jigsaw
