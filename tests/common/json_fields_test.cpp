#include "common/json_fields.h"

#include <gtest/gtest.h>

#include "domain/organisation.h"

namespace jigsaw {
namespace {

JsonDocument Doc(std::string_view text) { return JsonDocument::Parse(text).value(); }

TEST(JsonFieldsTest, NamesTheFieldWithItsPrefix) {
  const auto doc = Doc(R"({"sector": "charity", "n": "x"})");
  JsonFields f(doc.root(), "sharer.");
  auto sector = f.Enum<domain::Sector>("sector");
  ASSERT_FALSE(sector);
  EXPECT_EQ(sector.error().field, "sharer.sector");
  EXPECT_NE(sector.error().message.find("public, voluntary or private"), std::string::npos);
  EXPECT_EQ(f.Bool("missing").error().field, "sharer.missing");
  EXPECT_EQ(f.IntOr("n", 0).error().field, "sharer.n");
}

TEST(JsonFieldsTest, DefaultsApplyOnlyWhenAbsentOrNull) {
  const auto doc = Doc(R"({"a": true, "b": null})");
  JsonFields f(doc.root());
  EXPECT_TRUE(f.BoolOr("a", false).value());
  EXPECT_FALSE(f.BoolOr("b", false).value());
  EXPECT_TRUE(f.BoolOr("c", true).value());
}

TEST(JsonFieldsTest, RejectsUnknownMembers) {
  const auto doc = Doc(R"({"name": "x", "nmae": "y"})");
  auto s = JsonFields(doc.root()).OnlyKnown({"name"});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "nmae");
}

// Found by fuzz/assessment_request_fuzz.cpp: {"": ...} gave an error that
// named no field.
TEST(JsonFieldsTest, AMemberWithAnEmptyNameIsNamedByItsObject) {
  const auto doc = Doc(R"({"": [{"id": "a"}], "o": {"": 1}})");
  auto top = JsonFields(doc.root()).OnlyKnown({"o"});
  ASSERT_FALSE(top);
  EXPECT_EQ(top.error().field, "body");
  auto inner = JsonFields(doc.root()).Object("o", true).value().OnlyKnown({"a"});
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().field, "o");
}

TEST(JsonFieldsTest, ListsNameTheBadIndex) {
  const auto doc = Doc(R"({"s": ["public", "nope"], "o": [{"a": 1}, 2]})");
  JsonFields f(doc.root());
  EXPECT_EQ(f.Enums<domain::Sector>("s").error().field, "s[1]");
  EXPECT_EQ(f.Objects("o").error().field, "o[1]");
  auto objects = f.Objects("missing");
  ASSERT_TRUE(objects);
  EXPECT_TRUE(objects->empty());
}

TEST(JsonFieldsTest, NestedObjectsCarryTheirPath) {
  const auto doc = Doc(R"({"outer": {"inner": 3}})");
  JsonFields f(doc.root());
  auto outer = f.Object("outer", true);
  ASSERT_TRUE(outer);
  EXPECT_EQ(outer->String("inner").error().field, "outer.inner");
  EXPECT_EQ(f.Object("absent", true).error().field, "absent");
  auto optional = f.Object("absent", false);
  ASSERT_TRUE(optional);
  EXPECT_FALSE(optional->Has("anything"));
  EXPECT_TRUE(optional->OnlyKnown({}));
}

}  // namespace
}  // namespace jigsaw
