#include "access/passwords.h"

#include <gtest/gtest.h>

namespace jigsaw::access {
namespace {

const PasswordDenyList kList = PasswordDenyList::FromText("password1234\nQwertyuiop123\r\nletmeinletmein\niloveyou1234\n\n");
const PasswordOwner kAda{"ada.fernsby@school.example", "Ada Fernsby"};

std::string Why(std::string_view password, const PasswordOwner& owner = kAda) {
  auto s = CheckNewPassword(password, owner, kList);
  return s ? "ok" : s.error().field + ": " + s.error().message;
}

TEST(PasswordsTest, LengthIsTheRuleNotComposition) {
  EXPECT_EQ(Why("kettle pigeon quarry"), "ok");      // three random words, no capitals or symbols
  EXPECT_EQ(Why("abcdefghijkl"), "ok");              // 12 is enough
  EXPECT_NE(Why("abcdefghijk").find("at least 12 characters"), std::string::npos);
  EXPECT_EQ(Why("ŵŷŵŷŵŷŵŷŵŷŵŷ"), "ok");               // characters, not bytes
  EXPECT_NE(Why("ŵŷŵŷŵ").find("at least 12"), std::string::npos);
}

TEST(PasswordsTest, SpacesAloneAreNotAPassword) {
  EXPECT_NE(Why(std::string(12, ' ')).find("more than spaces"), std::string::npos);
  EXPECT_NE(Why(" \t \t \t \t \t \t").find("more than spaces"), std::string::npos);
}

TEST(PasswordsTest, CommonPasswordsAreRefusedHoweverTheyAreWritten) {
  for (const char* common : {"password1234", "PASSWORD1234", "pass word 1234", "qwertyuiop123", "ｐａｓｓｗｏｒｄ１２３４"})
    EXPECT_NE(Why(common).find("list of common passwords"), std::string::npos) << common;
  EXPECT_EQ(Why("password12345"), "ok");  // not on this list
}

TEST(PasswordsTest, NotMadeFromThePersonsOwnNames) {
  EXPECT_NE(Why("fernsby-2026-rules").find("your name or username"), std::string::npos);
  EXPECT_NE(Why("Ada.Fernsby.2026").find("your name or username"), std::string::npos);
  EXPECT_NE(Why("my ada.fernsby pass").find("your name or username"), std::string::npos);
  // Short names are everywhere: "Ada" alone does not rule out "canada".
  EXPECT_EQ(Why("canada geese in winter"), "ok");
  const PasswordOwner accented{"zoe@example.org", "Zoë Ångström"};
  EXPECT_NE(Why("ÅNGSTRÖM unit of length", accented).find("your name"), std::string::npos);
}

TEST(PasswordsTest, TheListIsFoldedSortedAndCountedOnce) {
  EXPECT_EQ(kList.Size().value(), 4u);
  EXPECT_TRUE(kList.Contains("qwertyuiop123").value());
  EXPECT_FALSE(kList.Contains("Qwertyuiop123").value());  // callers fold first
  EXPECT_FALSE(kList.Contains("").value());
}

TEST(PasswordsTest, AListThatCannotBeReadAcceptsNothing) {
  const PasswordDenyList missing([]() -> Result<std::string> { return Internal("no such file"); });
  auto s = CheckNewPassword("kettle pigeon quarry", kAda, missing);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace jigsaw::access
