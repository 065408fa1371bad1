#include "common/encoding.h"

#include <gtest/gtest.h>

#include "common/random.h"

namespace jigsaw {
namespace {

TEST(EncodingTest, HexRoundTripsAndRejectsBadInput) {
  const Bytes b{0x00, 0x7f, 0xff, 0x10};
  EXPECT_EQ(HexEncode(b), "007fff10");
  EXPECT_EQ(HexDecode("007FFF10").value(), b);
  EXPECT_FALSE(HexDecode("abc"));
  EXPECT_FALSE(HexDecode("zz"));
}

TEST(EncodingTest, Base64UrlHasNoPaddingAndRoundTrips) {
  EXPECT_EQ(Base64UrlEncode(AsBytes("hi?")), "aGk_");
  for (std::size_t n = 0; n < 40; ++n) {
    const Bytes b = RandomBytes(n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(b)).value(), b);
  }
  EXPECT_FALSE(Base64UrlDecode("a+b/"));
  EXPECT_EQ(Base64UrlDecode("").value(), Bytes{});
}

TEST(RandomTest, IdsAreUniqueHex) {
  const std::string a = NewId(), b = NewId();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(HexDecode(a));
}

}  // namespace
}  // namespace jigsaw
