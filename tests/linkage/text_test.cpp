// Reading names: folding, phonetic keys, nicknames, edit similarity.
#include <gtest/gtest.h>

#include "linkage/nicknames.h"
#include "linkage/normalise.h"
#include "linkage/phonetic.h"
#include "linkage/string_metrics.h"

namespace jigsaw::linkage {
namespace {

TEST(NormaliseText, FoldsCaseAccentsPunctuationAndWidth) {
  EXPECT_EQ(NormaliseText("ZOË  O’Brien-Smith"), "zoe obrien smith");
  EXPECT_EQ(NormaliseText("zoe o'brien smith"), "zoe obrien smith");
  EXPECT_EQ(NormaliseText("Ｊａｍｅｓ"), "james");  // fullwidth
  EXPECT_EQ(NormaliseText("Wójcik"), "wojcik");
  EXPECT_EQ(NormaliseText("Stra\u00DFe"), "strasse");  // case folding, not lower-casing
  EXPECT_EQ(NormaliseText("Jo\u200Bhn"), "john");      // zero-width space dropped
  EXPECT_EQ(NormaliseText("14, Oak Road\n"), "14 oak road");
  EXPECT_EQ(NormaliseText("  "), "");
}

TEST(NormaliseText, TransliteratesOtherScriptsToLatin) {
  EXPECT_EQ(NormaliseText("Олександр"), "oleksandr");
  EXPECT_EQ(NormaliseText("Мухаммед"), "muhammed");
  EXPECT_EQ(NormaliseText("Σωκράτης"), "sokrates");
  EXPECT_EQ(NormaliseText("محمد"), "mhmd");
}

TEST(NormaliseText, ReadsInvalidUtf8WithoutFailing) {
  EXPECT_EQ(NormaliseText("ab\xFF" "cd"), "ab cd");
}

TEST(PhoneticKey, GivesTransliterationsOneKey) {
  for (const char* name : {"mohammed", "muhammad", "mohamed", "mohammad", "muhammed"})
    EXPECT_EQ(PhoneticKey(name), PhoneticKey("mohammed")) << name;
  EXPECT_EQ(PhoneticKey("aisha"), PhoneticKey("ayesha"));
  EXPECT_EQ(PhoneticKey("yusuf"), PhoneticKey("yousef"));
  EXPECT_EQ(PhoneticKey("zainab"), PhoneticKey("zaynab"));
  EXPECT_EQ(PhoneticKey("ibrahim"), PhoneticKey("ebrahim"));
  EXPECT_EQ(PhoneticKey("fatima"), PhoneticKey("fatimah"));
  EXPECT_EQ(PhoneticKey("smith"), PhoneticKey("smyth"));
  EXPECT_EQ(PhoneticKey("shevchenko"), PhoneticKey("sevcenko"));  // ICU's reading of Шевченко
}

TEST(PhoneticKey, KeepsDifferentNamesApart) {
  EXPECT_NE(PhoneticKey("oliver"), PhoneticKey("olivia"));
  EXPECT_NE(PhoneticKey("jack"), PhoneticKey("james"));
  EXPECT_EQ(PhoneticKey(""), "");
  EXPECT_EQ(PhoneticKey("123"), "");
}

TEST(Nicknames, TheShippedTableKnowsCommonPetNames) {
  const NicknameTable& t = NicknameTable::Shipped();
  EXPECT_GT(t.group_count(), 200u);
  EXPECT_TRUE(t.AreNicknames("william", "bill"));
  EXPECT_TRUE(t.AreNicknames("liam", "william"));
  EXPECT_TRUE(t.AreNicknames("elizabeth", "libby"));
  EXPECT_TRUE(t.AreNicknames("margaret", "peggy"));
  EXPECT_FALSE(t.AreNicknames("oliver", "olivia"));  // both "ollie", never each other
  EXPECT_FALSE(t.AreNicknames("william", "william"));
  EXPECT_FALSE(t.AreNicknames("bill", "nobody"));
}

TEST(Nicknames, ParsesItsFormat) {
  const NicknameTable t = NicknameTable::Parse("# comment\nAlexander Alex Sasha\n\nAlexandra  Alex\n");
  EXPECT_EQ(t.group_count(), 2u);
  EXPECT_EQ(t.Groups("alex").size(), 2u);
  EXPECT_TRUE(t.AreNicknames("sasha", "alexander"));
  EXPECT_FALSE(t.AreNicknames("sasha", "alexandra"));
}

TEST(StringMetrics, JaroWinklerHasTheTextbookValues) {
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.840, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_EQ(JaroWinkler("same", "same"), 1.0);
  EXPECT_EQ(JaroWinkler("", "abc"), 0.0);
  EXPECT_EQ(JaroWinkler("abc", "xyz"), 0.0);
  const std::string long_a(300, 'a'), long_b = std::string(299, 'a') + "b";
  EXPECT_GT(JaroWinkler(long_a, long_b), 0.99);
}

TEST(StringMetrics, DamerauLevenshteinCountsTranspositionsAsOneAndStopsAtItsLimit) {
  EXPECT_EQ(DamerauLevenshtein("abc", "abc", 2), 0);
  EXPECT_EQ(DamerauLevenshtein("ca", "ac", 2), 1);
  EXPECT_EQ(DamerauLevenshtein("jonh", "john", 2), 1);
  EXPECT_EQ(DamerauLevenshtein("kitten", "sitting", 5), 3);
  EXPECT_EQ(DamerauLevenshtein("kitten", "sitting", 1), 2);  // limit + 1
  EXPECT_EQ(DamerauLevenshtein("", "abc", 5), 3);
  EXPECT_EQ(DamerauLevenshtein("a", "abcdef", 2), 3);
  EXPECT_EQ(DamerauLevenshtein(std::string(100, 'x'), std::string(99, 'x') + "y", 2), 1);
}

}  // namespace
}  // namespace jigsaw::linkage
