#include "common/csv.h"

namespace jigsaw {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {
    if (in_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }
  bool Done() const { return pos_ >= in_.size(); }

  // Reads one record into `row`; false (with `error` set) if it is malformed.
  bool Record(CsvRow& row, std::string& error, bool& blank) {
    row.line = line_;
    row.fields.clear();
    blank = true;
    for (;;) {
      std::string field;
      if (Peek() == '"') {
        blank = false;
        if (!Quoted(field, error)) return false;
      } else if (!Unquoted(field, error)) {
        return false;
      }
      if (!field.empty()) blank = false;
      row.fields.push_back(std::move(field));
      if (Peek() == ',') {
        blank = false;
        ++pos_;
        continue;
      }
      EndOfLine();
      return true;
    }
  }

  // After an error: on to the start of the next line.
  void SkipLine() {
    while (!Done() && in_[pos_] != '\n' && in_[pos_] != '\r') ++pos_;
    EndOfLine();
  }

 private:
  int Peek() const { return Done() ? -1 : static_cast<unsigned char>(in_[pos_]); }

  bool Quoted(std::string& field, std::string& error) {
    ++pos_;  // the opening quote
    for (;;) {
      if (Done()) {
        error = "a quoted field is never closed";
        return false;
      }
      const char c = in_[pos_++];
      if (c == '"') {
        if (Peek() != '"') break;
        ++pos_;
      } else if (c == '\n' || (c == '\r' && Peek() != '\n')) {
        ++line_;
      }
      field.push_back(c);
    }
    if (Peek() == -1 || Peek() == ',' || Peek() == '\n' || Peek() == '\r') return true;
    error = "text follows a closing quote";
    return false;
  }

  bool Unquoted(std::string& field, std::string& error) {
    while (!Done() && in_[pos_] != ',' && in_[pos_] != '\n' && in_[pos_] != '\r') {
      if (in_[pos_] == '"') {
        error = "a quote inside a field that does not start with one";
        return false;
      }
      field.push_back(in_[pos_++]);
    }
    return true;
  }

  void EndOfLine() {
    if (Done()) return;
    if (in_[pos_] == '\r') ++pos_;
    if (!Done() && in_[pos_] == '\n') ++pos_;
    ++line_;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

CsvTable ParseCsv(std::string_view bytes) {
  CsvTable table;
  Reader reader(bytes);
  while (!reader.Done()) {
    CsvRow row;
    std::string error;
    bool blank = false;
    if (!reader.Record(row, error, blank)) {
      table.errors.push_back({row.line, error});
      reader.SkipLine();
      continue;
    }
    if (!blank) table.rows.push_back(std::move(row));
  }
  return table;
}

std::string CsvField(std::string_view value) {
  // A leading byte order mark is quoted too: unquoted at the start of a
  // file, a reader would take it for the file's own and drop it.
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!value.empty() && (value.front() == ' ' || value.back() == ' ')) ||
                     value.starts_with("\xEF\xBB\xBF");
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

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
