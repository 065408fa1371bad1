#include "guidance/json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "guidance/engine.h"

namespace jigsaw::guidance {
namespace {

constexpr std::string_view kMinimal = R"({
  "sharer": {"sector": "public"},
  "recipient": {"safeguarding_role": true},
  "purpose": "safeguarding",
  "risk": "significant",
  "items": [{"id": "a", "relevant": true, "necessary": true}]
})";

nlohmann::json Minimal() { return nlohmann::json::parse(kMinimal); }

TEST(AssessmentJson, MinimalRequestTakesTheDocumentedDefaults) {
  auto r = ParseRequestText(kMinimal);
  ASSERT_TRUE(r) << r.error().field << ": " << r.error().message;
  EXPECT_FALSE(r->sharer.competent_authority);
  EXPECT_FALSE(r->legal_requirement);
  EXPECT_EQ(r->frequency, Frequency::kOneOff);
  EXPECT_EQ(r->consent, Consent::kNotSought);
  EXPECT_FALSE(r->informing.safe_and_practical);
  EXPECT_EQ(r->items[0].about, Subject::kChild);
  EXPECT_EQ(r->items[0].accuracy, Accuracy::kUnverified);  // safer: not presented as fact
  EXPECT_TRUE(r->items[0].confidential);                   // safer: treated as given in confidence
}

TEST(AssessmentJson, ErrorsNameTheField) {
  struct Case {
    std::function<void(nlohmann::json&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto& j) { j.erase("risk"); }, "risk"},
      {[](auto& j) { j["risk"] = "high"; }, "risk"},
      {[](auto& j) { j["sharer"]["sector"] = "charity"; }, "sharer.sector"},
      {[](auto& j) { j["recipient"].erase("safeguarding_role"); }, "recipient.safeguarding_role"},
      {[](auto& j) { j["items"] = nlohmann::json::array(); }, "items"},
      {[](auto& j) { j["items"][0]["accuracy"] = "rumour"; }, "items[0].accuracy"},
      {[](auto& j) { j["items"][0]["special_category"] = {"health", "shoe_size"}; }, "items[0].special_category[1]"},
      {[](auto& j) { j["items"][0]["identifies"] = {{{"at_risk_if_known", true}}}; }, "items[0].identifies[0].who"},
      {[](auto& j) { j["items"].push_back(j["items"][0]); }, "items[1].id"},
      {[](auto& j) { j["objections"] = {{{"by", "neighbour"}}}; }, "objections[0].by"},
      {[](auto& j) { j["uncertian"] = true; }, "uncertian"},
      {[](auto& j) { j["informing"] = "yes"; }, "informing"},
      {[](auto& j) { j["items"][0]["relevant"] = "yes"; }, "items[0].relevant"},
  };
  for (const auto& c : cases) {
    auto j = Minimal();
    c.change(j);
    auto r = ParseRequestText(j.dump());
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().field, c.field) << r.error().message;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(ParseRequestText("{").error().field, "body");
}

// Found by fuzz/assessment_request_fuzz.cpp: every refusal names a field.
TEST(AssessmentJson, AMemberWithAnEmptyNameIsRefusedNamingWhereItIs) {
  auto top = ParseRequestText(R"({"":[{"id":"a","relevant":true,"necessary":true}]})");
  ASSERT_FALSE(top);
  EXPECT_EQ(top.error().field, "body");
  auto j = Minimal();
  j["items"][0][""] = true;
  auto inner = ParseRequestText(j.dump());
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().field, "items[0]");
}

TEST(AssessmentJson, OutputHasEveryDocumentedField) {
  const auto out = nlohmann::ordered_json::parse(ToJsonText(Assess(*ParseRequestText(kMinimal))));
  for (const char* key : {"recommendation", "lawful_basis", "special_category_condition",
                          "law_enforcement_processing", "confidentiality", "inform", "items",
                          "must_record", "governance", "advice", "route", "reasons"})
    EXPECT_TRUE(out.contains(key)) << key;
  EXPECT_EQ(out["recommendation"], "share");
  EXPECT_EQ(out["lawful_basis"]["suggested"], nlohmann::ordered_json::array({"public_task"}));
  EXPECT_TRUE(out["special_category_condition"].is_null());
  EXPECT_EQ(out["items"][0]["id"], "a");
  EXPECT_EQ(out["reasons"][0]["source"], "Seven golden rules, rule 1");
}

// The JSON reader refuses documents larger in shape than any request needs
// (JsonLimits); the largest assessment request the contract allows must
// still be read: 200 items, each with every special category and 50 people
// named, 200 characters each.
TEST(AssessmentJson, TheLargestRequestAllowedIsWithinTheReadersLimits) {
  Request r = *ParseRequestText(kMinimal);
  r.objections = {Objector::kChild, Objector::kParent};
  r.items.clear();
  for (std::size_t i = 0; i < kMaxItems; ++i) {
    Item item;
    item.id = std::to_string(i) + std::string(kMaxText - 3, 'i');
    item.relevant = item.necessary = true;
    for (const auto& [category, name] : EnumNames<SpecialCategory>::kNames) item.special_category.Add(category);
    for (std::size_t p = 0; p < kMaxIdentified; ++p)
      item.identifies.push_back({std::to_string(p) + std::string(kMaxText - 2, 'w'), true});
    r.items.push_back(std::move(item));
  }
  const std::string text = ToJsonText(r);
  auto parsed = ParseRequestText(text);
  ASSERT_TRUE(parsed) << parsed.error().field << ": " << parsed.error().message;
  EXPECT_EQ(parsed->items.size(), kMaxItems);
  EXPECT_EQ(ToJsonText(*parsed), text);
}

}  // namespace
}  // namespace jigsaw::guidance
