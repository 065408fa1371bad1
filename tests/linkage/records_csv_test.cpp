// The CSV contract of `jigsaw link`, read without I/O (as a fuzzer calls it).
#include <gtest/gtest.h>

#include "linkage/records_csv.h"

namespace jigsaw::linkage {
namespace {

const std::string kHeader = std::string(kRecordsCsvHeader) + "\n";

TEST(RecordsCsv, ReadsTheContract) {
  auto read = ParseRecordsCsv(kHeader +
                              "r1,School,\"Mary Jane\",\"O'Brien, Smith\",2015-03-04,F,bk1 2ab,\"Flat 2\n14 Oak Road\",943 476 5919,A123456789012\n"
                              "r2,GP,Tom,Okafor,,,,,,\r\n");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read->problems.empty());
  ASSERT_EQ(read->records.size(), 2u);
  const Record& r = read->records[0];
  EXPECT_EQ(r.id, "r1");
  EXPECT_EQ(r.given_name, "Mary Jane");
  EXPECT_EQ(r.family_name, "O'Brien, Smith");
  EXPECT_EQ(r.sex, Sex::kFemale);
  EXPECT_EQ(r.address_line, "Flat 2\n14 Oak Road");
  EXPECT_EQ(r.nhs_number, "943 476 5919");
  EXPECT_EQ(read->lines, (std::vector<std::size_t>{2, 4}));
  EXPECT_EQ(read->records[1].sex, Sex::kUnknown);
  EXPECT_TRUE(read->records[1].date_of_birth.empty());
}

TEST(RecordsCsv, RefusesAFileWithoutTheHeader) {
  for (const std::string& text : {std::string(""), std::string("record_id,given_name\nr1,Tom\n"),
                                 std::string("\"record_id,organisation\n")}) {
    auto read = ParseRecordsCsv(text);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().field, "header");
  }
}

TEST(RecordsCsv, ReportsEachBadFieldWithItsLineAndKeepsTheRow) {
  auto read = ParseRecordsCsv(kHeader +
                              "a,S,Tom,Smith,04/03/2015,M,,,,\n"     // 2: date
                              "b,S,Tom,Smith,2015-02-30,X,,,,\n"     // 3: impossible date, sex
                              "c,S,Tom,Smith,,,NOT A PC,,12345,\n"   // 4: postcode, NHS number
                              "d,S,Tom,Smith,,,,,,A12\n"             // 5: UPN
                              "e,S,Tom\x01,Sm\xFFith,,,,,,\n"       // 6: control character, not UTF-8
                              "f,S,Tom,Smith,,,,,9434765918,\n");    // 7: mistyped NHS number: kept quietly
  ASSERT_TRUE(read);
  ASSERT_EQ(read->records.size(), 6u);
  std::vector<std::pair<std::size_t, std::string>> got;
  for (const auto& p : read->problems) {
    EXPECT_FALSE(p.row_skipped);
    got.emplace_back(p.line, p.field);
  }
  EXPECT_EQ(got, (std::vector<std::pair<std::size_t, std::string>>{
                     {2, "date_of_birth"}, {3, "date_of_birth"}, {3, "sex"}, {4, "postcode"}, {4, "nhs_number"},
                     {5, "upn"}, {6, "given_name"}, {6, "family_name"}}));
  EXPECT_TRUE(read->records[0].date_of_birth.empty());
  EXPECT_EQ(read->records[1].sex, Sex::kUnknown);
  EXPECT_TRUE(read->records[2].postcode.empty());
  EXPECT_TRUE(read->records[4].given_name.empty());
  EXPECT_EQ(read->records[5].nhs_number, "9434765918");
}

TEST(RecordsCsv, LeavesOutRowsThatCannotBeRead) {
  auto read = ParseRecordsCsv(kHeader +
                              "a,S,Tom,Smith,,,,,,\n"
                              "b,S,Tom,Smith\n"                // 3: too few fields
                              ",S,Tom,Smith,,,,,,\n"           // 4: no record_id
                              "a,S,Tom,Smith,,,,,,\n"          // 5: repeated record_id
                              "c,S,T\"om,Smith,,,,,,\n"        // 6: a stray quote
                              "d,S,Tom,Smith,,,,,,\n"
                              "e,S,\"Tom,Smith,,,,,,\n");      // 8: never closed
  ASSERT_TRUE(read);
  ASSERT_EQ(read->records.size(), 2u);
  EXPECT_EQ(read->records[1].id, "d");
  std::vector<std::pair<std::size_t, std::string>> got;
  for (const auto& p : read->problems) {
    EXPECT_TRUE(p.row_skipped);
    got.emplace_back(p.line, p.field);
  }
  EXPECT_EQ(got, (std::vector<std::pair<std::size_t, std::string>>{
                     {3, "row"}, {4, "record_id"}, {5, "record_id"}, {6, "row"}, {8, "row"}}));
  EXPECT_NE(read->problems[2].message.find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::linkage
