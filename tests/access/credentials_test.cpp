#include "access/credentials.h"

#include <gtest/gtest.h>

namespace jigsaw::access {
namespace {

TEST(CredentialsTest, Argon2idHashVerifiesOnlyTheRightPassword) {
  auto hash = HashPassword("a long enough password", HashCost::kMinimum);
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword("a long enough password", *hash));
  EXPECT_FALSE(VerifyPassword("a long enough passwore", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
}

TEST(CredentialsTest, SaltMakesEveryHashDifferent) {
  EXPECT_NE(HashPassword("same password here", HashCost::kMinimum).value(),
            HashPassword("same password here", HashCost::kMinimum).value());
}

TEST(CredentialsTest, TokensAreRandomAndStoredOnlyAsDigests) {
  const std::string a = NewSessionToken(), b = NewSessionToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 32 bytes, base64url without padding
  EXPECT_EQ(TokenDigest(a), TokenDigest(a));
  EXPECT_NE(TokenDigest(a), TokenDigest(b));
  EXPECT_EQ(TokenDigest(a).find(a), std::string::npos);
  EXPECT_EQ(TokenDigest(a).size(), 64u);
}

}  // namespace
}  // namespace jigsaw::access
