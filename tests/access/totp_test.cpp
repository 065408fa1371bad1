#include "access/totp.h"

#include <gtest/gtest.h>

#include <set>

namespace jigsaw::access {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 4226 and RFC 6238 (SHA-1) test key

Time At(std::int64_t unix_seconds) { return Time(std::chrono::seconds(unix_seconds)); }

TEST(TotpTest, HotpMatchesRfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (int counter = 0; counter < 10; ++counter)
    EXPECT_EQ(Hotp(AsBytes(kRfcSecret), counter), expected[counter]) << counter;
}

TEST(TotpTest, TotpMatchesRfc6238AppendixBInSixDigits) {
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
      {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}};
  for (const auto& [t, code] : vectors) EXPECT_EQ(TotpCode(AsBytes(kRfcSecret), At(t)), code) << t;
}

TEST(TotpTest, AcceptsOneStepOfDriftEitherSideAndNoMore) {
  const Time now = At(1234567890);
  const std::int64_t step = TotpStep(now);
  for (int offset : {-1, 0, 1})
    EXPECT_EQ(VerifyTotp(AsBytes(kRfcSecret), Hotp(AsBytes(kRfcSecret), step + offset), now, 0), step + offset);
  for (int offset : {-2, 2})
    EXPECT_FALSE(VerifyTotp(AsBytes(kRfcSecret), Hotp(AsBytes(kRfcSecret), step + offset), now, 0)) << offset;
}

TEST(TotpTest, ACodeIsGoodOnlyOnce) {
  const Time now = At(1234567890);
  const std::string code = TotpCode(AsBytes(kRfcSecret), now);
  const auto step = VerifyTotp(AsBytes(kRfcSecret), code, now, 0);
  ASSERT_TRUE(step);
  // Remembering the step accepted refuses the same code again, and any
  // older one, even within the drift window.
  EXPECT_FALSE(VerifyTotp(AsBytes(kRfcSecret), code, now, *step));
  EXPECT_FALSE(VerifyTotp(AsBytes(kRfcSecret), Hotp(AsBytes(kRfcSecret), *step - 1), now, *step));
  EXPECT_TRUE(VerifyTotp(AsBytes(kRfcSecret), Hotp(AsBytes(kRfcSecret), *step + 1), now, *step));
}

TEST(TotpTest, OnlySixDigitsAreACode) {
  const Time now = At(59);
  EXPECT_TRUE(VerifyTotp(AsBytes(kRfcSecret), "287 082", now, 0));
  for (const char* bad : {"", "28708", "2870822", "28708a", "-287082"})
    EXPECT_FALSE(VerifyTotp(AsBytes(kRfcSecret), bad, now, 0)) << bad;
}

TEST(TotpTest, Base32RoundTripsAndReadsWhatAppsShow) {
  EXPECT_EQ(Base32Encode(AsBytes(std::string_view("foobar"))), "MZXW6YTBOI");  // RFC 4648 section 10
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi"), Bytes(AsBytes(std::string_view("foobar")).begin(),
                                               AsBytes(std::string_view("foobar")).end()));
  EXPECT_FALSE(Base32Decode("MZXW1"));  // 1 is not base32
  const auto demo = Base32Decode("JIGSAWDEMOBRACKENFORDTOTPSECRET2");
  ASSERT_TRUE(demo);
  EXPECT_EQ(demo->size(), 20u);
  EXPECT_EQ(Base32Encode(*demo), "JIGSAWDEMOBRACKENFORDTOTPSECRET2");
}

TEST(TotpTest, TheOtpauthAddressNamesEverythingAnAppNeeds) {
  EXPECT_EQ(OtpauthUri("Jigsaw", "primary.teacher@demo.jigsaw", "ABCD"),
            "otpauth://totp/Jigsaw:primary.teacher%40demo.jigsaw?secret=ABCD&issuer=Jigsaw&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(GroupedSecret("ABCDEFGHIJ"), "ABCD EFGH IJ");
}

TEST(TotpTest, RecoveryCodesAreTenDistinctCodesReadBackHoweverTyped) {
  const auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  for (const auto& c : codes) {
    EXPECT_EQ(c.size(), 19u) << c;  // 16 characters in four groups
    const std::string normal = NormaliseRecoveryCode(c);
    ASSERT_EQ(normal.size(), 16u);
    std::string shouted;
    for (char ch : c) shouted += ch == '-' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_EQ(NormaliseRecoveryCode(shouted), normal);
    EXPECT_EQ(RecoveryCodeDigest(normal).size(), 64u);
  }
  EXPECT_EQ(NormaliseRecoveryCode("abcd-efgh"), "");          // too short
  EXPECT_EQ(NormaliseRecoveryCode("abcd-efgh-ijkl-mno1"), "");  // not base32
}

}  // namespace
}  // namespace jigsaw::access
