// CSV exports open in spreadsheets: a cell a spreadsheet would run as a
// formula or command is written as text (prefixed with a single quote).
#include "common/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jigsaw {
namespace {

std::string Cell(std::string_view v) {
  std::string out;
  AppendCsvCell(out, v);
  return out;
}

TEST(CsvTest, CellsThatCouldRunAsFormulasAreWrittenAsText) {
  for (std::string_view formula : {"=1+1", "+1", "-2", "@SUM(A1)", " =HYPERLINK(\"http://x\")", "  +1",
                                   "\t=1", "\r=1", "\n=1", " \t\r\n-1", "\tplain", "\rplain", "|calc",
                                   "=", "@"}) {
    EXPECT_TRUE(CouldBeFormula(formula)) << formula;
    const std::string cell = Cell(formula);
    ASSERT_GE(cell.size(), 3u);
    EXPECT_EQ(cell.substr(0, 2), "\"'") << formula;
  }
  EXPECT_EQ(Cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
}

TEST(CsvTest, OtherCellsAreQuotedAndOtherwiseUnchanged) {
  for (std::string_view plain : {"", "plain", "a=b", "a-b", "1", " plain", "e@mail", "x|y"}) {
    EXPECT_FALSE(CouldBeFormula(plain)) << plain;
    EXPECT_EQ(Cell(plain), "\"" + std::string(plain) + "\"");
  }
  EXPECT_EQ(Cell("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(CsvTest, RowsAreCommaSeparatedAndEndInCrlf) {
  std::string out;
  const std::vector<std::string> row = {"a", "-1", "b,c"};
  AppendCsvRow(out, row);
  EXPECT_EQ(out, "\"a\",\"'-1\",\"b,c\"\r\n");
}

}  // namespace
}  // namespace jigsaw
