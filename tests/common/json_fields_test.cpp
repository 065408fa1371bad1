#include "common/json_fields.h"

#include <gtest/gtest.h>

#include "domain/organisation.h"

namespace jigsaw {
namespace {

TEST(JsonFieldsTest, NamesTheFieldWithItsPrefix) {
  const auto j = nlohmann::json::parse(R"({"sector": "charity", "n": "x"})");
  JsonFields f(j, "sharer.");
  auto sector = f.Enum<domain::Sector>("sector");
  ASSERT_FALSE(sector);
  EXPECT_EQ(sector.error().field, "sharer.sector");
  EXPECT_NE(sector.error().message.find("public, voluntary or private"), std::string::npos);
  EXPECT_EQ(f.Bool("missing").error().field, "sharer.missing");
  EXPECT_EQ(f.IntOr("n", 0).error().field, "sharer.n");
}

TEST(JsonFieldsTest, DefaultsApplyOnlyWhenAbsent) {
  const auto j = nlohmann::json::parse(R"({"a": true, "b": null})");
  JsonFields f(j);
  EXPECT_TRUE(f.BoolOr("a", false).value());
  EXPECT_FALSE(f.BoolOr("b", false).value());
  EXPECT_TRUE(f.BoolOr("c", true).value());
}

TEST(JsonFieldsTest, RejectsUnknownMembers) {
  const auto j = nlohmann::json::parse(R"({"name": "x", "nmae": "y"})");
  auto s = JsonFields(j).OnlyKnown({"name"});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "nmae");
}

TEST(JsonFieldsTest, ListsOfEnumsNameTheBadIndex) {
  const auto j = nlohmann::json::parse(R"({"s": ["public", "nope"]})");
  auto r = JsonFields(j).Enums<domain::Sector>("s");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "s[1]");
}

}  // namespace
}  // namespace jigsaw
