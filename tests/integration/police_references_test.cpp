// Issue 12, item 6, through the API and the pages, on both backends: a
// police force's share carries its references (occurrence or crime, PPN,
// DASH risk level) to the recipient, stored with the decision and sealed
// in the disclosure; no other organisation is asked for them or may give
// them; and a bad value is refused naming its field, with nothing written.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

struct Case {
  std::string concern_id, item_id;
};

class PoliceReferencesTest : public ::testing::Test {
 protected:
  void SetUp() override { csc_id_ = OrganisationId(officer_, "Brackenford Council"); }

  // A child, a concern about them and one verified item, recorded by `c`.
  static Case Record(const Client& c) {
    auto child = c.post("/api/v1/people", {{"kind", "child"}, {"given_name", "Lily"}, {"family_name", "Example"},
                                           {"date_of_birth", "2015-06-07"}});
    EXPECT_EQ(child.status, 201) << child.body;
    auto concern = c.post("/api/v1/concerns", json{
        {"child_id", child.Json()["id"]}, {"forms", {"domestic_abuse"}}, {"level", "significant_harm"},
        {"what_happened", "Officers attended a domestic incident at the home; Lily was present."},
        {"items", json::array({{{"text", "Lily was present during a domestic incident at the home."},
                                {"source", "attending officer"}, {"accuracy", "verified"}, {"confidential", false}}})}});
    EXPECT_EQ(concern.status, 201) << concern.body;
    const json made = concern.Json();
    return {made["id"], made["items"][0]["id"]};
  }

  json Decision(const Case& k) const {
    return {{"concern_id", k.concern_id},
            {"recipient_organisation_id", csc_id_},
            {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"},
                               {"informing", {{"compromises_investigation", true}}}}},
            {"items", {{{"id", k.item_id}, {"relevant", true}, {"necessary", true}}}},
            {"share_items", {k.item_id}},
            {"outcome", "share"},
            {"rationale", "Lily witnessed domestic abuse at home; children's services need to know."},
            {"lawful_basis", "public_task"},
            {"informing", {{"told", false}, {"reason_not_told", "Telling the family could harm the investigation."}}}};
  }

  int CountDecisions(const Client& c) const { return static_cast<int>(c.get("/api/v1/decisions").Json()["decisions"].size()); }
  std::size_t Inbox() const { return social_worker_.get("/api/v1/disclosures?box=inbox").Json()["disclosures"].size(); }

  HttpReply Page(const std::string& token, const std::string& target) const {
    return Send(server_.port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) const {
    return Send(server_.port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                                 {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }

  // Answers every question of "Should I share?" and returns the decision page.
  HttpReply DecisionPage(const std::string& token, const Case& k) const {
    const std::string base = "/concerns/" + k.concern_id + "/share/";
    for (const std::string& step : {"recipient=" + csc_id_, std::string("purpose=safeguarding"), std::string("legal=no"),
                                   std::string("frequency=one_off"), std::string("consent=not_sought"),
                                   std::string("objections=none"), std::string("family=investigation"),
                                   "relevant=" + k.item_id, std::string("uncertain=no")}) {
      const std::string key = step.substr(0, step.find('='));
      auto answered = Form(token, base + key, step);
      EXPECT_EQ(answered.status, 303) << key << ": " << answered.body.substr(0, 2000);
    }
    return Page(token, base + "decision");
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  const std::string officer_token_ = server_.SignIn("police.officer");
  Client officer_{server_.port(), officer_token_};
  Client social_worker_{server_.port(), server_.SignIn("csc.socialworker")};
  std::string csc_id_;
};

TEST_F(PoliceReferencesTest, APoliceShareCarriesItsReferencesToTheRecipient) {
  const Case k = Record(officer_);
  json d = Decision(k);
  auto preview = officer_.post("/api/v1/decisions/preview", d);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_TRUE(preview.Json()["police_references_asked"].get<bool>()) << "a police force is asked for its references";

  d["police"] = {{"occurrence_reference", "  CR/012345/24 "}, {"ppn_reference", "PPN-2024-0099"}, {"dash_risk", "high"}};
  const json expected = {{"occurrence_reference", "CR/012345/24"}, {"ppn_reference", "PPN-2024-0099"}, {"dash_risk", "high"}};
  auto decided = officer_.post("/api/v1/decisions", d);
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_EQ(decided.Json()["police"], expected) << "stored trimmed";
  ASSERT_TRUE(decided.Json()["disclosure_id"].is_string()) << decided.body;
  const std::string disclosure_id = decided.Json()["disclosure_id"];
  // Read back from the store, not only echoed.
  auto stored = officer_.get("/api/v1/decisions/" + decided.Json()["id"].get<std::string>());
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.Json()["police"], expected);
  // The force's own record of the decision shows them too.
  auto own = Page(officer_token_, "/decisions/" + decided.Json()["id"].get<std::string>());
  ASSERT_EQ(own.status, 200) << own.body.substr(0, 2000);
  EXPECT_NE(own.body.find("PPN-2024-0099"), std::string::npos);

  // The recipient reads them in the disclosure, through the API and on its page.
  auto opened = social_worker_.get("/api/v1/disclosures/" + disclosure_id);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.Json()["content"]["police"], expected);
  auto page = Page(social_worker_.token(), "/disclosures/" + disclosure_id);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 2000);
  EXPECT_NE(page.body.find("Police references"), std::string::npos);
  EXPECT_NE(page.body.find("CR/012345/24"), std::string::npos);
  EXPECT_NE(page.body.find("PPN-2024-0099"), std::string::npos);
  EXPECT_NE(page.body.find("DASH risk level"), std::string::npos);

  // Only what was given is sent: a share with a DASH level alone carries no empty references.
  const Case again = Record(officer_);
  json only_dash = Decision(again);
  only_dash["police"] = {{"dash_risk", "standard"}};
  auto second = officer_.post("/api/v1/decisions", only_dash);
  ASSERT_EQ(second.status, 201) << second.body;
  auto second_opened = social_worker_.get("/api/v1/disclosures/" + second.Json()["disclosure_id"].get<std::string>());
  EXPECT_EQ(second_opened.Json()["content"]["police"]["dash_risk"], "standard");
  EXPECT_EQ(second_opened.Json()["content"]["police"]["occurrence_reference"], "");
  // And a share without any has none.
  const Case plain = Record(officer_);
  auto third = officer_.post("/api/v1/decisions", Decision(plain));
  ASSERT_EQ(third.status, 201) << third.body;
  EXPECT_TRUE(third.Json()["police"].is_null());
  auto third_opened = social_worker_.get("/api/v1/disclosures/" + third.Json()["disclosure_id"].get<std::string>());
  EXPECT_FALSE(third_opened.Json()["content"].contains("police")) << third_opened.body;
}

TEST_F(PoliceReferencesTest, ThePolicePagesAskForThemAndTheRecipientSeesThem) {
  const Case k = Record(officer_);
  auto page = DecisionPage(officer_token_, k);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 2000);
  EXPECT_NE(page.body.find("name=\"occurrence_reference\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"ppn_reference\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"dash_risk\""), std::string::npos);

  // A name in a reference is refused on the page, by its field, and nothing is sent.
  const std::string base = "/concerns/" + k.concern_id + "/share/";
  const std::string decision =
      "outcome=share&rationale=Lily+witnessed+domestic+abuse+at+home.&lawful_basis=public_task&advice_from=&advice_summary=";
  auto refused = Form(officer_token_, base + "decision", decision + "&occurrence_reference=Olive+Pratchett&ppn_reference=&dash_risk=none");
  ASSERT_EQ(refused.status, 200) << refused.body.substr(0, 2000);
  EXPECT_NE(refused.body.find("href=\"#occurrence_reference\""), std::string::npos) << "the error summary links to the field";
  EXPECT_NE(refused.body.find("This does not look like a reference"), std::string::npos);

  auto accepted = Form(officer_token_, base + "decision",
                       decision + "&occurrence_reference=CR%2F012345%2F24&ppn_reference=PPN-2024-0099&dash_risk=medium");
  ASSERT_EQ(accepted.status, 303) << accepted.body.substr(0, 2000);
  EXPECT_EQ(Form(officer_token_, base + "items", "share_items=" + k.item_id + "&action=continue").status, 303);
  auto check = Page(officer_token_, base + "check");
  ASSERT_EQ(check.status, 200) << check.body.substr(0, 2000);
  EXPECT_NE(check.body.find("CR/012345/24"), std::string::npos);
  auto confirmed = Form(officer_token_, base + "check", "");
  ASSERT_EQ(confirmed.status, 303) << confirmed.body.substr(0, 2000);
  EXPECT_EQ(Inbox(), 1u);

  const json inbox = social_worker_.get("/api/v1/disclosures?box=inbox").Json();
  const std::string id = inbox["disclosures"][0]["id"];
  auto opened = social_worker_.get("/api/v1/disclosures/" + id).Json();
  EXPECT_EQ(opened["content"]["police"],
            json({{"occurrence_reference", "CR/012345/24"}, {"ppn_reference", "PPN-2024-0099"}, {"dash_risk", "medium"}}));
  auto seen = Page(social_worker_.token(), "/disclosures/" + id);
  EXPECT_NE(seen.body.find("PPN-2024-0099"), std::string::npos);
  EXPECT_NE(seen.body.find("Medium"), std::string::npos);
}

TEST_F(PoliceReferencesTest, ANonPoliceShareIsNeverAskedAndIsRefusedThem) {
  const std::string teacher_token = server_.SignIn("primary.teacher");
  const Client teacher(server_.port(), teacher_token);
  const Case k = Record(teacher);
  auto page = DecisionPage(teacher_token, k);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 2000);
  EXPECT_EQ(page.body.find("occurrence_reference"), std::string::npos) << "a school is not asked";
  EXPECT_EQ(page.body.find("dash_risk"), std::string::npos);

  json d = Decision(k);
  auto preview = teacher.post("/api/v1/decisions/preview", d);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_FALSE(preview.Json()["police_references_asked"].get<bool>());

  for (const json& police : {json{{"occurrence_reference", "CR/012345/24"}}, json{{"dash_risk", "high"}}}) {
    d["police"] = police;
    auto refused = teacher.post("/api/v1/decisions", d);
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"], "police") << refused.body;
  }
  EXPECT_EQ(CountDecisions(teacher), 0) << "nothing is written";
  EXPECT_EQ(Inbox(), 0u);
  // Empty references are no references.
  d["police"] = json::object();
  EXPECT_EQ(teacher.post("/api/v1/decisions/preview", d).status, 200);
}

TEST_F(PoliceReferencesTest, BadValuesNameTheFieldAndChangeNothing) {
  const Case k = Record(officer_);
  const std::pair<json, std::string> bad[] = {
      {{{"occurrence_reference", "Olive Pratchett"}}, "police.occurrence_reference"},
      {{{"occurrence_reference", "olive@example.org"}}, "police.occurrence_reference"},
      {{{"occurrence_reference", std::string(31, '1')}}, "police.occurrence_reference"},
      {{{"occurrence_reference", "CR/0123\xE2\x80\x8B" "45"}}, "police.occurrence_reference"},
      {{{"ppn_reference", "07700 900123"}}, "police.ppn_reference"},
      {{{"ppn_reference", "BF1 2AB"}}, "police.ppn_reference"},
      {{{"ppn_reference", "943 476 5919"}}, "police.ppn_reference"},
      {{{"ppn_reference", "07/06/2015"}}, "police.ppn_reference"},
      {{{"ppn_reference", 12345}}, "police.ppn_reference"},
      {{{"dash_risk", "severe"}}, "police.dash_risk"},
      {{{"victim_name", "Olive"}}, "police.victim_name"},
  };
  for (const auto& [police, field] : bad) {
    json d = Decision(k);
    d["police"] = police;
    auto refused = officer_.post("/api/v1/decisions", d);
    EXPECT_EQ(refused.status, 400) << police << ": " << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"], field) << police << ": " << refused.body;
    EXPECT_FALSE(refused.Json()["error"]["message"].get<std::string>().empty());
  }
  json d = Decision(k);
  d["police"] = "CR/012345/24";
  auto not_object = officer_.post("/api/v1/decisions", d);
  EXPECT_EQ(not_object.status, 400);
  EXPECT_EQ(not_object.Json()["error"]["field"], "police");
  EXPECT_EQ(CountDecisions(officer_), 0) << "nothing is written";
  EXPECT_EQ(Inbox(), 0u) << "nothing is sent";
}

}  // namespace
}  // namespace jigsaw::testing
