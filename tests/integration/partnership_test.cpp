// Who else knows a child, and children linked to the same risk, through the
// API of the real server on the demo partnership, on both backends (issue
// 15's acceptance): the answer names organisations only, the holder is
// told, an uninvolved practitioner cannot ask, a hidden organisation is
// not named, and an adult around three children in three organisations
// alerts children's services without revealing what anyone recorded.
#include <gtest/gtest.h>

#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class PartnershipIntegrationTest : public ::testing::Test {
 protected:
  std::string OrganisationId(std::string_view prefix) {
    const json all = As("primary.teacher").get("/api/v1/organisations").Json();
    for (const auto& o : all["organisations"])
      if (o["name"].get<std::string>().starts_with(prefix)) return o["id"];
    ADD_FAILURE() << "no organisation " << prefix;
    return {};
  }
  // One session per demo user for the whole test.
  const std::string& Token(const std::string& user) {
    auto it = tokens_.find(user);
    if (it == tokens_.end()) it = tokens_.emplace(user, server_.SignIn(user)).first;
    return it->second;
  }
  Client As(const std::string& user) { return Client(server_.port(), Token(user)); }
  std::string Record(const std::string& user, const json& person) {
    auto reply = As(user).post("/api/v1/people", person);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.status == 201 ? reply.Json()["id"].get<std::string>() : "";
  }
  int Notices(const std::string& user, std::string_view kind) {
    int n = 0;
    const json all = As(user).get("/api/v1/notifications").Json();
    for (const auto& x : all["notifications"]) n += x["kind"] == kind;
    return n;
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::map<std::string, std::string> tokens_;
};

TEST_F(PartnershipIntegrationTest, WhoElseKnowsNamesOrganisationsOnlyTellsTheHolderAndHidesAHiddenOrganisation) {
  const std::string gp = OrganisationId("Millbrook Surgery");
  const json child = {{"kind", "child"}, {"given_name", "Tomasz"}, {"family_name", "Nowak"},
                      {"date_of_birth", "2017-06-21"}, {"nhs_number", "943 476 5919"}};
  const std::string school_child = Record("primary.teacher", child);
  Record("gp.doctor", {{"kind", "child"}, {"given_name", "Tom"}, {"family_name", "Nowak"},
                       {"date_of_birth", "2017-06-21"}, {"nhs_number", "9434765919"}});
  Record("charity.youthworker", {{"kind", "child"}, {"given_name", "Tomasz"}, {"family_name", "Nowak"},
                                 {"date_of_birth", "2017-06-21"}});
  auto hidden = Send(server_.port(), {"PUT", "/api/v1/partnership/visibility", json{{"withhold_name", true}}.dump(),
                                      {{"Authorization", "Bearer " + Token("charity.dsl")}, {"Content-Type", "application/json"}}});
  ASSERT_EQ(hidden.status, 200) << hidden.body;

  // An uninvolved practitioner (a school's, not children's services') cannot ask.
  EXPECT_EQ(As("primary.teacher").post("/api/v1/people/" + school_child + "/who-else-knows", json::object()).status, 403);
  EXPECT_EQ(As("police.dsl").post("/api/v1/people/" + school_child + "/who-else-knows", json::object()).status, 404);

  auto asked = As("primary.dsl").post("/api/v1/people/" + school_child + "/who-else-knows", json::object());
  ASSERT_EQ(asked.status, 201) << asked.body;
  const json answer = asked.Json();
  ASSERT_EQ(answer["organisations"].size(), 1u) << answer.dump();
  const json& named = answer["organisations"][0];
  EXPECT_EQ(named["id"], gp);
  EXPECT_EQ(named["designated_safeguarding_leads"][0]["email"], "gp.dsl@demo.jigsaw");
  EXPECT_EQ(named["information_request"], "/information-requests/new?holder=" + gp + "&child=" + school_child);
  // Organisations only: nothing of any holder's record, nor the hidden one.
  EXPECT_EQ(asked.body.find("Tom\""), std::string::npos);
  EXPECT_EQ(asked.body.find("Hearthside"), std::string::npos);
  for (const auto& field : {"given_name", "family_name", "date_of_birth", "nhs_number", "person_id"})
    EXPECT_EQ(asked.body.find(field), std::string::npos) << field;

  // Both holders are told, the hidden one too; the holder's DSL sees who asked.
  EXPECT_EQ(Notices("gp.dsl", "partnership.lookup"), 1);
  EXPECT_EQ(Notices("charity.dsl", "partnership.lookup"), 1);
  EXPECT_EQ(Notices("police.dsl", "partnership.lookup"), 0);
  auto told = As("gp.dsl").get("/api/v1/partnership/lookups/" + answer["id"].get<std::string>());
  ASSERT_EQ(told.status, 200) << told.body;
  EXPECT_EQ(told.Json()["asked_by"]["email"], "primary.dsl@demo.jigsaw");
  EXPECT_FALSE(told.Json().contains("organisations"));
  EXPECT_EQ(As("gp.doctor").get("/api/v1/partnership/lookups/" + answer["id"].get<std::string>()).status, 403);

}

TEST_F(PartnershipIntegrationTest, AnAdultAroundThreeChildrenInThreeOrganisationsAlertsChildrensServicesWithoutContent) {
  const std::string police = OrganisationId("Brackenford Constabulary");
  // Each agency knows one child, and records the same man around them.
  const std::vector<std::pair<std::string, json>> seen = {
      {"primary.teacher", {{"kind", "child"}, {"given_name", "Jade"}, {"family_name", "Orme"}, {"date_of_birth", "2013-02-02"}}},
      {"nhs.nurse", {{"kind", "child"}, {"given_name", "Leon"}, {"family_name", "Platt"}, {"date_of_birth", "2011-08-15"}}},
      {"police.officer", {{"kind", "child"}, {"given_name", "Skye"}, {"family_name", "Rowe"}, {"date_of_birth", "2012-11-30"}}}};
  for (const auto& [user, child] : seen) {
    const std::string id = Record(user, child);
    Record(user, {{"kind", "associated_adult"}, {"given_name", "Craig"}, {"family_name", "Fenwick"},
                  {"date_of_birth", "1979-05-01"}, {"related_to", {{"person_id", id}, {"kind", "associated_adult"}}}});
    auto concern = As(user).post("/api/v1/concerns", {{"child_id", id}, {"forms", {"sexual_exploitation"}},
                                                      {"level", "significant_harm"},
                                                      {"what_happened", "Seen getting into a silver car outside the chip shop."}});
    ASSERT_EQ(concern.status, 201) << concern.body;
  }
  ASSERT_EQ(Notices("csc.dsl", "risk.alert"), 1);
  EXPECT_EQ(Notices("csc.socialworker", "risk.alert"), 0);
  auto alerts = As("csc.dsl").get("/api/v1/risk-alerts");
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  ASSERT_EQ(alerts.Json()["risk_alerts"].size(), 1u);
  const std::string id = alerts.Json()["risk_alerts"][0]["id"];
  auto alert = As("csc.dsl").get("/api/v1/risk-alerts/" + id);
  ASSERT_EQ(alert.status, 200) << alert.body;
  const json a = alert.Json();
  EXPECT_EQ(a["link"], "adult");
  EXPECT_EQ(a["children"], 3);
  EXPECT_EQ(a["organisations"], 3);
  EXPECT_EQ(a["children_known"].size(), 3u);
  bool police_named = false;
  for (const auto& o : a["organisations_known"]) police_named |= o["id"] == police;
  EXPECT_TRUE(police_named);
  // Which children and which organisations: never the content, nor the man's name.
  for (const auto& secret : {"silver car", "chip shop", "Fenwick", "Craig", "sexual_exploitation"})
    EXPECT_EQ(alert.body.find(secret), std::string::npos) << secret;
  // Only children's services' DSL may read it.
  EXPECT_EQ(As("csc.socialworker").get("/api/v1/risk-alerts/" + id).status, 403);
  EXPECT_EQ(As("police.dsl").get("/api/v1/risk-alerts").status, 403);
  EXPECT_EQ(As("csc.dpo").get("/api/v1/risk-alerts").status, 403);
}

}  // namespace
}  // namespace jigsaw::testing
