#include "domain/practitioner.h"

#include <gtest/gtest.h>

namespace jigsaw::domain {
namespace {

TEST(RoleSetTest, ParsesJoinsAndTests) {
  auto roles = RoleSet::Parse("roles", {"practitioner", "caldicott_guardian"});
  ASSERT_TRUE(roles);
  EXPECT_TRUE(roles->Has(Role::kPractitioner));
  EXPECT_TRUE(roles->Has(Role::kCaldicottGuardian));
  EXPECT_FALSE(roles->Has(Role::kAdministrator));
  EXPECT_EQ(roles->Join(), "practitioner,caldicott_guardian");
  EXPECT_EQ(RoleSet::ParseJoined(roles->Join()).value(), *roles);
}

TEST(RoleSetTest, RejectsUnknownAndEmpty) {
  auto bad = RoleSet::Parse("roles", {"practitioner", "superuser"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "roles");
  EXPECT_NE(bad.error().message.find("superuser"), std::string::npos);
  EXPECT_FALSE(RoleSet::Parse("roles", {}));
}

TEST(PractitionerTest, UsernameRules) {
  EXPECT_TRUE(ValidateUsername("primary.dsl@demo.jigsaw"));
  EXPECT_FALSE(ValidateUsername("ab"));
  EXPECT_FALSE(ValidateUsername("Upper@x"));
  EXPECT_FALSE(ValidateUsername("space here"));
}

TEST(PractitionerTest, PasswordsNeedLengthNotComplexity) {
  EXPECT_TRUE(ValidateNewPassword("correct horse battery"));
  auto shortpw = ValidateNewPassword("Sh0rt!");
  ASSERT_FALSE(shortpw);
  EXPECT_EQ(shortpw.error().field, "password");
  EXPECT_FALSE(ValidateNewPassword(std::string(1025, 'a')));
}

TEST(PractitionerTest, ValidateNamesTheFirstBadField) {
  Practitioner p{"id", "org", "ok.name", "Ada", RoleSet{Role::kPractitioner}};
  EXPECT_TRUE(Validate(p));
  p.display_name = "";
  EXPECT_EQ(Validate(p).error().field, "display_name");
  p.display_name = "Ada";
  p.roles = RoleSet{};
  EXPECT_EQ(Validate(p).error().field, "roles");
}

}  // namespace
}  // namespace jigsaw::domain
