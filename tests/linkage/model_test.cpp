// Comparison levels, the model's arithmetic and its stored form, clustering.
#include <gtest/gtest.h>

#include <cmath>

#include "linkage/linkage.h"

namespace jigsaw::linkage {
namespace {

Record Child() {
  return {.id = "a",
          .organisation = "School",
          .given_name = "William",
          .family_name = "Okafor",
          .date_of_birth = "2015-03-04",
          .sex = Sex::kMale,
          .postcode = "BK1 2AB",
          .address_line = "14 Oak Road",
          .nhs_number = "943 476 5919",
          .upn = "A123456789012"};
}

std::string_view Level(const Explanation& e, Field f) { return e.fields[static_cast<std::size_t>(f)].level_name; }

class Levels : public ::testing::Test {
 protected:
  Explanation Compare(const Record& b) const { return model_.Score(Child(), b); }
  Model model_ = Model::Defaults();
};

TEST_F(Levels, GivenNames) {
  auto with = [&](std::string given) {
    Record r = Child();
    r.given_name = std::move(given);
    return std::string(Level(Compare(r), Field::kGivenName));
  };
  EXPECT_EQ(with("WILLIAM"), "exact");
  EXPECT_EQ(with("William James"), "exact");
  EXPECT_EQ(with("Bill"), "nickname");
  EXPECT_EQ(with("Liam"), "nickname");
  EXPECT_EQ(with("Wiliam"), "phonetic");  // vowels sound alike
  EXPECT_EQ(with("Wilkiam"), "typo");
  EXPECT_EQ(with("Wlliam"), "typo");
  EXPECT_EQ(with("W"), "initial");
  EXPECT_EQ(with("Harry"), "different");
  EXPECT_EQ(with(""), "not_compared");
  Record a = Child(), b = Child();
  a.given_name = "Mohammed";
  b.given_name = "Muhammad";
  EXPECT_EQ(Level(model_.Score(a, b), Field::kGivenName), "phonetic");
  b.given_name = "Ali Mohammed";
  EXPECT_EQ(Level(model_.Score(a, b), Field::kGivenName), "other_given_name");
}

TEST_F(Levels, SwappedNamesAreCountedOnce) {
  Record b = Child();
  std::swap(b.given_name, b.family_name);
  const Explanation e = Compare(b);
  EXPECT_EQ(Level(e, Field::kGivenName), "swapped_with_family_name");
  EXPECT_EQ(Level(e, Field::kFamilyName), "counted_under_given_name");
  EXPECT_EQ(e.fields[static_cast<std::size_t>(Field::kFamilyName)].weight, 0.0);
}

TEST_F(Levels, FamilyNames) {
  auto with = [&](std::string family) {
    Record r = Child();
    r.family_name = std::move(family);
    return std::string(Level(Compare(r), Field::kFamilyName));
  };
  EXPECT_EQ(with("okafor"), "exact");
  EXPECT_EQ(with("Okafor-Smith"), "part");
  EXPECT_EQ(with("Okafro"), "typo");
  EXPECT_EQ(with("Smith"), "different");
}

TEST_F(Levels, DatesOfBirth) {
  auto with = [&](std::string date) {
    Record r = Child();
    r.date_of_birth = std::move(date);
    return std::string(Level(Compare(r), Field::kDateOfBirth));
  };
  EXPECT_EQ(with("2015-03-04"), "exact");
  EXPECT_EQ(with("2015-04-03"), "day_month_swapped");
  EXPECT_EQ(with("2016-03-04"), "one_component");
  EXPECT_EQ(with("2015-03-05"), "one_component");
  EXPECT_EQ(with("2014-05-04"), "different");
  EXPECT_EQ(with("04/03/2015"), "not_compared");  // not a date: unknown
}

TEST_F(Levels, LocationByPostcodeUnitSectorAndDistrict) {
  auto with = [&](std::string postcode, std::string address) {
    Record r = Child();
    r.postcode = std::move(postcode);
    r.address_line = std::move(address);
    return std::string(Level(Compare(r), Field::kLocation));
  };
  EXPECT_EQ(with("bk12ab", "14 Oak Rd"), "same_address");
  EXPECT_EQ(with("BK1 2AB", "16 Oak Road"), "postcode_unit");
  EXPECT_EQ(with("BK1 2AD", "14 Oak Road"), "address_line");  // a mistyped postcode
  EXPECT_EQ(with("BK1 2XY", "3 Elm Close"), "postcode_sector");
  EXPECT_EQ(with("BK1 5XY", "3 Elm Close"), "postcode_district");
  EXPECT_EQ(with("ZZ9 9ZZ", "3 Elm Close"), "different");
  EXPECT_EQ(with("", "14 Oak Road"), "address_line");
  EXPECT_EQ(with("", ""), "not_compared");
}

TEST_F(Levels, IdentifiersTrustTheirCheckDigits) {
  auto nhs = [&](std::string number) {
    Record r = Child();
    r.nhs_number = std::move(number);
    return std::string(Level(Compare(r), Field::kNhsNumber));
  };
  EXPECT_EQ(nhs("9434765919"), "same_valid");
  EXPECT_EQ(nhs("9434765918"), "one_mistyped");   // last digit wrong: the check fails
  EXPECT_EQ(nhs("9434756919"), "one_mistyped");   // two digits swapped
  EXPECT_EQ(nhs("4010232137"), "different_valid");
  EXPECT_EQ(nhs("1234567890"), "different");
  Record a = Child(), b = Child();
  a.nhs_number = b.nhs_number = "9434765918";
  EXPECT_EQ(Level(model_.Score(a, b), Field::kNhsNumber), "same_unchecked");
  auto upn = [&](std::string number) {
    Record r = Child();
    r.upn = std::move(number);
    return std::string(Level(Compare(r), Field::kUpn));
  };
  EXPECT_EQ(upn("A123456789012"), "same_valid");
  EXPECT_EQ(upn("A123456789013"), "one_mistyped");
}

TEST_F(Levels, SexUnknownIsNotCompared) {
  Record b = Child();
  b.sex = Sex::kFemale;
  EXPECT_EQ(Level(Compare(b), Field::kSex), "different");
  b.sex = Sex::kUnknown;
  EXPECT_EQ(Level(Compare(b), Field::kSex), "not_compared");
}

TEST(ModelArithmetic, TheExplanationAddsUp) {
  const Model model = Model::Defaults();
  Record b = Child();
  b.given_name = "Bill";
  b.postcode = "BK1 5XY";
  const Explanation e = model.Score(Child(), b);
  double sum = e.prior_weight + e.relative_term;
  for (const auto& f : e.fields) sum += f.weight;
  EXPECT_NEAR(sum, e.match_weight, 1e-9);
  EXPECT_NEAR(e.probability, 1 / (1 + std::exp2(-e.match_weight)), 1e-12);
  EXPECT_LE(e.relative_term, 0.0);
  const auto& given = e.fields[static_cast<std::size_t>(Field::kGivenName)];
  const auto& p = model.level(Field::kGivenName, static_cast<std::uint8_t>(GivenNameLevel::kNickname));
  EXPECT_NEAR(given.weight, std::log2(p.m / p.u), 1e-9);
}

TEST(ModelArithmetic, ARareNameWeighsMoreThanACommonOne) {
  Model model = Model::Defaults();
  model.SetTermFrequencies(Field::kGivenName, {{"oliver", 900}, {"peregrine", 2}, {"william", 98}});
  Record a = Child(), b = Child();
  a.given_name = b.given_name = "Oliver";
  const auto common = model.Score(a, b).fields[0];
  a.given_name = b.given_name = "Peregrine";
  const auto rare = model.Score(a, b).fields[0];
  EXPECT_TRUE(common.frequency_adjusted);
  EXPECT_GT(rare.weight, common.weight + 8);  // log2(900 / 2) is about 8.8
}

TEST(ModelText, RoundTripsExactly) {
  Model model = Model::Defaults(1234);
  model.SetTermFrequencies(Field::kGivenName, {{"oliver", 9}, {"mary jane", 2}});
  model.SetTermFrequencies(Field::kFamilyName, {{"okafor", 4}});
  model.SetLevel(Field::kSex, 1, {.m = 0.97123456789, .u = 0.5, .s = 0.49});
  const std::string text = model.Serialise();
  auto back = Model::Parse(text);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->Serialise(), text);
  EXPECT_EQ(back->Score(Child(), Child()).match_weight, model.Score(Child(), Child()).match_weight);
}

TEST(ModelText, RefusesAnythingElseNamingTheLine) {
  const std::string good = Model::Defaults().Serialise();
  auto fails_at = [](const std::string& text) {
    auto m = Model::Parse(text);
    return m ? std::string("parsed") : m.error().message;
  };
  EXPECT_NE(fails_at("").find("Line 0"), std::string::npos);
  EXPECT_NE(fails_at("not a model\n").find("Line 1"), std::string::npos);
  std::string bad = good;
  bad.replace(bad.find("level sex same"), 14, "level sex sane");
  EXPECT_NE(fails_at(bad).find("known field and level"), std::string::npos);
  std::string missing = good;
  missing.erase(missing.find("level sex same"), missing.find('\n', missing.find("level sex same")) + 1 - missing.find("level sex same"));
  EXPECT_NE(fails_at(missing).find("no line for sex same"), std::string::npos);
  EXPECT_NE(fails_at(good + "level sex same 2 0.5 0.5\n").find("between 0 and 1"), std::string::npos);
  std::string short_terms = good;
  short_terms.replace(short_terms.find("terms family_name 0"), 19, "terms family_name 3\n1 a");
  EXPECT_NE(fails_at(short_terms).find("ends early"), std::string::npos);
  auto m = Model::Parse("x");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().field, "model");
}

TEST(Clustering, RefusesToJoinTwoValidNhsNumbers) {
  // 0 and 2 are twins with their own numbers; 1 has none and scores high
  // with both. The stronger edge wins; the other would chain the twins.
  const std::vector<UniqueIdentifiers> ids = {{.nhs_number = 111}, {}, {.nhs_number = 222}, {}};
  const Clusters c = ClusterRecords(4, {{0, 1, 0.97}, {1, 2, 0.99}, {2, 3, 0.95}}, ids);
  EXPECT_EQ(c.refused, 1u);
  EXPECT_EQ(c.of, (std::vector<std::uint32_t>{0, 1, 1, 1}));
}

TEST(Clustering, RefusesToJoinTwoValidUpnsEvenWhenTheNhsNumbersAgree) {
  const std::vector<UniqueIdentifiers> ids = {{.nhs_number = 5, .upn = 7}, {.nhs_number = 5, .upn = 8}};
  const Clusters c = ClusterRecords(2, {{0, 1, 0.999}}, ids);
  EXPECT_EQ(c.refused, 1u);
  EXPECT_EQ(c.of, (std::vector<std::uint32_t>{0, 1}));
}

TEST(Clustering, JoinsChainsWithoutConflictAndNamesClustersByTheirFirstRecord) {
  const Clusters c = ClusterRecords(5, {{3, 4, 0.99}, {1, 3, 0.95}}, std::vector<UniqueIdentifiers>(5));
  EXPECT_EQ(c.refused, 0u);
  EXPECT_EQ(c.of, (std::vector<std::uint32_t>{0, 1, 2, 1, 1}));
}

}  // namespace
}  // namespace jigsaw::linkage

namespace jigsaw::linkage {
namespace {

// A block too large to compare under one rule is still compared under the
// others: here every record carries one (copied) NHS number.
TEST(Blocking, AnOversizedBlockHidesNoPairThatAnotherRuleFinds) {
  std::vector<Record> records;
  for (const char* given : {"Amara", "Blessing", "Chioma", "Deborah", "Esther"}) {
    Record r = Child();
    r.id = given;
    r.given_name = given;
    r.date_of_birth = std::string("2015-0") + static_cast<char>('1' + records.size()) + "-01";
    records.push_back(r);
  }
  records.push_back(records[0]);
  records.back().id = "Amara again";
  const RecordSet set(records);
  const LinkResult result = Link(Model::Defaults(), set, {.pairs_floor = 0.0, .max_block_size = 3});
  EXPECT_EQ(result.oversized_blocks, 3u);  // the NHS number, the UPN, family name + postcode
  EXPECT_EQ(result.cluster[5], 0u);
  std::size_t pairs_of_amara = 0;
  for (const auto& p : result.pairs) pairs_of_amara += p.a == 0 && p.b == 5;
  EXPECT_EQ(pairs_of_amara, 1u);  // and scored once, though several rules find it
}

}  // namespace
}  // namespace jigsaw::linkage
