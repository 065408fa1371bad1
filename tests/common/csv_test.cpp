#include "common/csv.h"

#include <gtest/gtest.h>

namespace jigsaw {
namespace {

using Fields = std::vector<std::string>;

TEST(Csv, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  const CsvTable t = ParseCsv("a,b,c\r\n1,\"two, \"\"2\"\"\",\"three\nlines\"\n4,,\n");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(t.rows[1].fields, (Fields{"1", "two, \"2\"", "three\nlines"}));
  EXPECT_EQ(t.rows[1].line, 2u);
  EXPECT_EQ(t.rows[2].fields, (Fields{"4", "", ""}));
  EXPECT_EQ(t.rows[2].line, 4u);  // the quoted line break counts
}

TEST(Csv, SkipsAByteOrderMarkAndEmptyLinesAndAcceptsNoFinalNewline) {
  const CsvTable t = ParseCsv("\xEF\xBB\xBFx,y\n\n\r\n1,2");
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields, (Fields{"x", "y"}));
  EXPECT_EQ(t.rows[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(t.rows[1].line, 4u);
}

TEST(Csv, LeavesOutMalformedRecordsWithTheirLineAndGoesOn) {
  const CsvTable t = ParseCsv("h\nab\"c\n\"closed\"tail\nok\n\"never closed\nnext");
  ASSERT_EQ(t.errors.size(), 3u);
  EXPECT_EQ(t.errors[0].line, 2u);
  EXPECT_NE(t.errors[0].message.find("quote inside"), std::string::npos);
  EXPECT_EQ(t.errors[1].line, 3u);
  EXPECT_NE(t.errors[1].message.find("follows a closing quote"), std::string::npos);
  EXPECT_EQ(t.errors[2].line, 5u);
  EXPECT_NE(t.errors[2].message.find("never closed"), std::string::npos);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields, (Fields{"ok"}));
  EXPECT_EQ(t.rows[1].line, 4u);
}

TEST(Csv, QuotesOnlyWhatMustBeQuoted) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField(" padded"), "\" padded\"");
  const CsvTable back = ParseCsv(CsvField("x,\"y\"\nz") + "," + CsvField("w"));
  ASSERT_EQ(back.rows.size(), 1u);
  EXPECT_EQ(back.rows[0].fields, (Fields{"x,\"y\"\nz", "w"}));
}

}  // namespace
}  // namespace jigsaw
