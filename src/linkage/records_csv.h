// Records for linkage read from CSV with the fixed header of `jigsaw link`
// (docs/linkage.md). Bytes in, records and problems out: no I/O, so a
// fuzzer can call ParseRecordsCsv directly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "linkage/record.h"

namespace jigsaw::linkage {

inline constexpr std::string_view kRecordsCsvHeader =
    "record_id,organisation,given_name,family_name,date_of_birth,sex,postcode,address_line,nhs_number,upn";

// A problem with one row, named by line and field ("row" for the row as a
// whole, as when it has the wrong number of fields).
struct RecordProblem {
  std::size_t line = 0;
  std::string field;
  std::string message;
  bool row_skipped = false;  // true: the row was left out; false: only the field was
};

struct RecordsCsv {
  std::vector<Record> records;
  std::vector<std::size_t> lines;       // the line each record starts on
  std::vector<RecordProblem> problems;  // in line order
};

// Reads the records. Fails (invalid_argument, field "header") only if the
// first row is not exactly the header above. A row that is malformed CSV,
// has the wrong number of fields, or has a missing, repeated or unreadable
// record_id is left out; any other field that is unreadable (not UTF-8, a
// control character, too long) or not of its form (date not YYYY-MM-DD,
// sex not M, F or empty, a postcode of the wrong shape, an NHS number that
// is not ten digits, a UPN that is not 13 letters and digits) is reported
// and read as unknown, and the row is kept. An NHS number or UPN of the
// right form whose check character fails is kept as recorded, unreported:
// linkage treats it as possibly mistyped.
Result<RecordsCsv> ParseRecordsCsv(std::string_view bytes);

}  // namespace jigsaw::linkage
