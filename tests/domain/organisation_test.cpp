#include "domain/organisation.h"

#include <gtest/gtest.h>

#include "domain/text.h"

namespace jigsaw::domain {
namespace {

TEST(OrganisationTest, EveryTypeRoundTripsThroughItsName) {
  for (const auto& [type, name] : EnumNames<OrganisationType>::kNames) {
    EXPECT_EQ(ParseEnum<OrganisationType>(name), type);
    EXPECT_EQ(ToString(type), name);
  }
  EXPECT_FALSE(ParseEnum<OrganisationType>("School"));
}

TEST(OrganisationTest, NameMustBePresentAndPrintable) {
  Organisation o{"id", "Brackenford Primary", OrganisationType::kSchool, Sector::kPublic};
  EXPECT_TRUE(Validate(o));
  o.name = "   ";
  EXPECT_EQ(Validate(o).error().field, "name");
  o.name = "Line\nbreak";
  EXPECT_FALSE(Validate(o));
  o.name = std::string(201, 'a');
  EXPECT_FALSE(Validate(o));
}

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("Zoë Ł 😀"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_TRUE(ValidateText("note", "two\nlines\ttab", 100));
  EXPECT_FALSE(ValidateText("note", std::string("nul\0", 4), 100));
}

}  // namespace
}  // namespace jigsaw::domain
