// Ids: what NewId makes is well formed, and nothing else is.
#include "common/random.h"

#include <gtest/gtest.h>

namespace jigsaw {
namespace {

TEST(IdTest, NewIdsAreWellFormedAndOtherTextIsNot) {
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(IsWellFormedId(NewId()));
  const std::string id = NewId();
  for (std::string_view bad : {std::string_view(""), std::string_view("x"), std::string_view(id).substr(1),
                               std::string_view("Doreen Hargreaves 14 Larch Close"),
                               std::string_view("0123456789ABCDEF0123456789abcdef"),
                               std::string_view("0123456789abcdef0123456789abcdeg"),
                               std::string_view("x\r\nSet-Cookie: a=b")})
    EXPECT_FALSE(IsWellFormedId(bad)) << bad;
  EXPECT_FALSE(IsWellFormedId(id + "0"));
}

}  // namespace
}  // namespace jigsaw
