#include "linkage/records_csv.h"

#include <algorithm>
#include <unordered_map>

#include "common/csv.h"
#include "domain/person.h"
#include "domain/text.h"

namespace jigsaw::linkage {
namespace {

constexpr std::size_t kColumns = 10;  // as in kRecordsCsvHeader
constexpr std::size_t kMaxBytes = 200;
constexpr std::size_t kMaxAddressBytes = 500;

std::vector<std::string> HeaderNames() {
  std::vector<std::string> names;
  std::string_view h = kRecordsCsvHeader;
  for (std::size_t s = 0, e; s <= h.size(); s = e + 1) {
    e = h.find(',', s);
    if (e == std::string_view::npos) e = h.size();
    names.emplace_back(h.substr(s, e - s));
  }
  return names;
}

// Empty if the text may be read; else why not.
std::string Unreadable(std::string_view value, std::size_t max_bytes, bool multi_line) {
  if (!domain::IsValidUtf8(value)) return "is not valid UTF-8";
  if (value.size() > max_bytes) return "is longer than " + std::to_string(max_bytes) + " bytes";
  for (unsigned char c : value)
    if ((c < 0x20 && !(multi_line && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7F)
      return "holds a control character";
  return {};
}

class RowReader {
 public:
  RowReader(const CsvRow& row, std::vector<RecordProblem>& problems) : row_(row), problems_(problems) {}

  // The field's text, or "" (reported) if it cannot be read.
  std::string Text(std::size_t column, std::string_view name, std::size_t max_bytes = kMaxBytes,
                   bool multi_line = false) {
    const std::string& value = row_.fields[column];
    if (const std::string why = Unreadable(value, max_bytes, multi_line); !why.empty()) {
      Report(name, why + "; read as unknown.");
      return {};
    }
    return value;
  }

  void Report(std::string_view field, std::string message) {
    problems_.push_back({row_.line, std::string(field), std::move(message), false});
  }

 private:
  const CsvRow& row_;
  std::vector<RecordProblem>& problems_;
};

// Each check: the field as read, or "" after reporting why not.
std::string CheckedDate(RowReader& r, std::string value) {
  if (value.empty() || domain::ParseDate(value)) return value;
  r.Report("date_of_birth", "is not a date in the form YYYY-MM-DD; read as unknown.");
  return {};
}

Sex CheckedSex(RowReader& r, const std::string& value) {
  if (value == "M") return Sex::kMale;
  if (value == "F") return Sex::kFemale;
  if (!value.empty()) r.Report("sex", "is not M, F or empty; read as unknown.");
  return Sex::kUnknown;
}

std::string CheckedPostcode(RowReader& r, std::string value) {
  if (value.empty() || domain::IsValidPostcode(domain::NormalisePostcode(value))) return value;
  r.Report("postcode", "is not the shape of a UK postcode; read as unknown.");
  return {};
}

std::string CheckedNhsNumber(RowReader& r, std::string value) {
  const std::string digits = domain::NormaliseNhsNumber(value);
  bool ten_digits = digits.size() == 10;
  for (char c : digits) ten_digits = ten_digits && c >= '0' && c <= '9';
  if (value.empty() || ten_digits) return value;
  r.Report("nhs_number", "is not ten digits; read as unknown.");
  return {};
}

std::string CheckedUpn(RowReader& r, std::string value) {
  std::string compact;
  for (char c : value)
    if (c != ' ') compact.push_back(c);
  bool shape = compact.size() == 13;
  for (char c : compact) shape = shape && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  if (value.empty() || shape) return value;
  r.Report("upn", "is not 13 letters and digits; read as unknown.");
  return {};
}

Record ReadRecord(const CsvRow& row, std::vector<RecordProblem>& problems) {
  RowReader r(row, problems);
  Record rec;
  rec.id = row.fields[0];
  rec.organisation = r.Text(1, "organisation");
  rec.given_name = r.Text(2, "given_name");
  rec.family_name = r.Text(3, "family_name");
  rec.date_of_birth = CheckedDate(r, r.Text(4, "date_of_birth"));
  rec.sex = CheckedSex(r, r.Text(5, "sex"));
  rec.postcode = CheckedPostcode(r, r.Text(6, "postcode"));
  rec.address_line = r.Text(7, "address_line", kMaxAddressBytes, true);
  rec.nhs_number = CheckedNhsNumber(r, r.Text(8, "nhs_number"));
  rec.upn = CheckedUpn(r, r.Text(9, "upn"));
  return rec;
}

}  // namespace

Result<RecordsCsv> ParseRecordsCsv(std::string_view bytes) {
  CsvTable table = ParseCsv(bytes);
  if (table.rows.empty() || table.rows[0].line != 1 || table.rows[0].fields != HeaderNames())
    return InvalidArgument("header", "The first line must be exactly: " + std::string(kRecordsCsvHeader));
  RecordsCsv out;
  for (const CsvError& e : table.errors)
    out.problems.push_back({e.line, "row", "is not valid CSV (" + e.message + "); left out.", true});
  std::unordered_map<std::string, std::size_t> first_line;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    auto skip = [&](std::string field, std::string message) {
      out.problems.push_back({row.line, std::move(field), std::move(message) + "; left out.", true});
    };
    if (row.fields.size() != kColumns) {
      skip("row", "has " + std::to_string(row.fields.size()) + " fields where the header has " +
                      std::to_string(kColumns));
      continue;
    }
    const std::string& id = row.fields[0];
    if (id.empty()) {
      skip("record_id", "is empty");
      continue;
    }
    if (const std::string why = Unreadable(id, kMaxBytes, false); !why.empty()) {
      skip("record_id", why);
      continue;
    }
    if (auto [it, added] = first_line.emplace(id, row.line); !added) {
      skip("record_id", "repeats the record_id of line " + std::to_string(it->second));
      continue;
    }
    out.records.push_back(ReadRecord(row, out.problems));
    out.lines.push_back(row.line);
  }
  std::stable_sort(out.problems.begin(), out.problems.end(),
                   [](const RecordProblem& a, const RecordProblem& b) { return a.line < b.line; });
  return out;
}

}  // namespace jigsaw::linkage
