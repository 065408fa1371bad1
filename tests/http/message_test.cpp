#include "http/message.h"

#include <gtest/gtest.h>

namespace jigsaw::http {
namespace {

TEST(MessageTest, ReadsCookiesAndHeaders) {
  Request r;
  r.headers = {{"cookie", "a=1; jigsaw_session=tok; b=2"}, {"x", "y"}};
  EXPECT_EQ(r.Cookie("jigsaw_session").value(), "tok");
  EXPECT_FALSE(r.Cookie("missing"));
  EXPECT_EQ(r.Header("x"), "y");
  EXPECT_EQ(r.Header("nope"), "");
}

TEST(MessageTest, DecodesQueriesAndForms) {
  Request r;
  r.query = "organisation_id=abc%2F1&q=two+words&flag";
  EXPECT_EQ(r.QueryParam("organisation_id").value(), "abc/1");
  EXPECT_EQ(r.QueryParam("q").value(), "two words");
  EXPECT_EQ(r.QueryParam("flag").value(), "");
  EXPECT_FALSE(r.QueryParam("none"));
  EXPECT_EQ(PercentDecode("100%"), "100%");  // a stray % is kept, not misread
}

}  // namespace
}  // namespace jigsaw::http
