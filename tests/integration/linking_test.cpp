// Linking through the server, on both backends: a disclosure about a child
// the recipient already knows under a slightly different name is
// suggested to the recipient, with its explanation, confirmed by a person,
// and then appears in the recipient's multi-agency chronology (with the
// same event reported by a second agency shown together); the link can be
// undone, and an uninvolved organisation, or the sharer, sees none of it.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class LinkingTest : public ::testing::Test {
 protected:
  // A DSL (whose shares need no approval) records the child as their
  // agency knows them, raises a concern with one item, and shares it with
  // children's services; returns the disclosure's id.
  std::string Share(const Client& dsl, const json& child, const std::string& item_text, const std::string& date) {
    auto person = dsl.post("/api/v1/people", child);
    EXPECT_EQ(person.status, 201) << person.body;
    auto concern = dsl.post("/api/v1/concerns",
                            {{"child_id", person.Json()["id"]}, {"forms", {"neglect"}}, {"level", "significant_harm"},
                             {"what_happened", "Seen out late, unsupervised."},
                             {"items", {{{"text", item_text}, {"source", "a colleague"}, {"date", date},
                                         {"accuracy", "verified"}}}}});
    EXPECT_EQ(concern.status, 201) << concern.body;
    const std::string item = concern.Json()["items"][0]["id"];
    auto decided = dsl.post(
        "/api/v1/decisions",
        {{"concern_id", concern.Json()["id"]}, {"recipient_organisation_id", csc_},
         {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}}},
         {"items", {{{"id", item}, {"relevant", true}, {"necessary", true}}}}, {"share_items", {item}},
         {"outcome", "share"}, {"rationale", "Children's services need to know."}, {"lawful_basis", "public_task"},
         {"special_category_condition", "Safeguarding of children and individuals at risk (DPA 2018 Sch 1 para 18)"},
         {"informing", {{"told", false}, {"reason_not_told", "Telling the family could put the child at risk."}}}});
    EXPECT_EQ(decided.status, 201) << decided.body;
    return decided.Json().value("disclosure_id", "");
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  Client social_worker_{server_.port(), server_.SignIn("csc.socialworker")};
  Client csc_dsl_{server_.port(), server_.SignIn("csc.dsl")};
  Client school_dsl_{server_.port(), server_.SignIn("primary.dsl")};
  Client police_dsl_{server_.port(), server_.SignIn("police.dsl")};
  Client police_officer_{server_.port(), server_.SignIn("police.officer")};
  std::string csc_ = OrganisationId(social_worker_, "Brackenford Council");
};

TEST_F(LinkingTest, ADisclosureAboutAKnownChildIsSuggestedConfirmedAndJoinsTheChronology) {
  // Children's services know the child as Sam Whitlock.
  auto known = social_worker_.post("/api/v1/people", {{"kind", "child"}, {"given_name", "Sam"}, {"family_name", "Whitlock"},
                                                      {"date_of_birth", "2016-03-04"}, {"address", "12 Mill Lane"},
                                                      {"postcode", "BF1 2AB"}});
  ASSERT_EQ(known.status, 201) << known.body;
  const std::string sam = known.Json()["id"];
  // The school knows him as Samuel, with his NHS number; the police as Samuel too.
  const json school_child = {{"kind", "child"}, {"given_name", "Samuel"}, {"family_name", "Whitlock"},
                             {"date_of_birth", "2016-03-04"}, {"nhs_number", "943 476 5919"},
                             {"address", "12 Mill Lane"}, {"postcode", "BF1 2AB"}};
  const std::string from_school =
      Share(school_dsl_, school_child, "Sam was found alone at the bus station at 11pm on Friday.", "2026-11-20");
  const std::string from_police =
      Share(police_dsl_, {{"kind", "child"}, {"given_name", "Samuel"}, {"family_name", "Whitlock"}, {"date_of_birth", "2016-03-04"}},
            "Samuel found alone at the bus station at 11pm Friday", "2026-11-20");
  ASSERT_FALSE(from_school.empty());
  ASSERT_FALSE(from_police.empty());

  // Nothing is suggested until the disclosure is received (opened).
  EXPECT_TRUE(social_worker_.get("/api/v1/matches").Json()["matches"].empty());
  ASSERT_EQ(social_worker_.get("/api/v1/disclosures/" + from_school).status, 200);
  ASSERT_EQ(social_worker_.get("/api/v1/disclosures/" + from_police).status, 200);

  const json matches = social_worker_.get("/api/v1/matches").Json()["matches"];
  ASSERT_EQ(matches.size(), 2u) << matches.dump();
  std::string school_match, police_match;
  for (const auto& m : matches) {
    EXPECT_EQ(m["person_id"], sam);
    EXPECT_EQ(m["subject"], "disclosure");
    EXPECT_EQ(m["status"], "suggested") << "the council has no NHS number for Sam: a person decides";
    EXPECT_GE(m["probability"].get<double>(), 0.5);
    EXPECT_EQ(m["received"]["given_name"], "Samuel");
    bool nickname = false;
    for (const auto& e : m["evidence"]) nickname |= e["field"] == "given_name" && e["level"] == "nickname" && e["weight"] > 0;
    EXPECT_TRUE(nickname) << m.dump();
    (m["subject_id"] == from_school ? school_match : police_match) = m["id"];
  }
  ASSERT_FALSE(school_match.empty());
  ASSERT_FALSE(police_match.empty());

  // Nobody else sees them: not the police (an uninvolved organisation for
  // the council's records), nor the school that shared.
  EXPECT_TRUE(police_officer_.get("/api/v1/matches").Json()["matches"].empty());
  EXPECT_TRUE(school_dsl_.get("/api/v1/matches").Json()["matches"].empty());
  for (const Client* other : {&police_officer_, &school_dsl_}) {
    EXPECT_EQ(other->get("/api/v1/matches/" + school_match).status, 404);
    EXPECT_EQ(other->post("/api/v1/matches/" + school_match + "/confirm", json::object()).status, 404);
    EXPECT_EQ(other->get("/api/v1/people/" + sam + "/picture").status, 404);
  }

  // Before a person decides, the chronology holds none of it.
  auto before = social_worker_.get("/api/v1/people/" + sam + "/picture").Json();
  EXPECT_TRUE(before["rows"].empty()) << before.dump();

  auto confirmed = social_worker_.post("/api/v1/matches/" + school_match + "/confirm", json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.Json()["status"], "confirmed");
  ASSERT_EQ(csc_dsl_.post("/api/v1/matches/" + police_match + "/confirm", json::object()).status, 200);
  EXPECT_EQ(social_worker_.post("/api/v1/matches/" + school_match + "/confirm", json::object()).status, 409);
  ASSERT_EQ(social_worker_.post("/api/v1/disclosures/" + from_school + "/feedback",
                                {{"action", "strategy_discussion_or_section_47"}, {"note", "Strategy discussion on Monday."}}).status,
            201);

  const json picture = social_worker_.get("/api/v1/people/" + sam + "/picture").Json();
  const json rows = picture["rows"];
  auto find = [&](const std::string& kind, const std::string& organisation_prefix) {
    return std::find_if(rows.begin(), rows.end(), [&](const json& r) {
      return r["kind"] == kind && r["organisation"].get<std::string>().starts_with(organisation_prefix);
    });
  };
  auto school_item = find("received_item", "Brackenford Primary");
  auto police_item = find("received_item", "Brackenford Constabulary");
  ASSERT_NE(school_item, rows.end()) << rows.dump();
  ASSERT_NE(police_item, rows.end()) << rows.dump();
  EXPECT_EQ((*school_item)["what"], "Sam was found alone at the bus station at 11pm on Friday.");
  EXPECT_EQ((*school_item)["fact_or_opinion"], "fact");
  EXPECT_EQ((*school_item)["date"], "2026-11-20");
  // The same event from two agencies: shown together.
  ASSERT_FALSE((*school_item)["same_event"].is_null()) << rows.dump();
  EXPECT_EQ((*school_item)["same_event"], (*police_item)["same_event"]);
  // nlohmann's iterators are bidirectional: std::distance only counts forwards,
  // so measure each from the start (the two may come in either order).
  const auto school_at = std::distance(rows.begin(), school_item);
  const auto police_at = std::distance(rows.begin(), police_item);
  EXPECT_EQ(std::abs(school_at - police_at), 1) << rows.dump();
  auto feedback = find("feedback", "Brackenford Council");
  ASSERT_NE(feedback, rows.end()) << rows.dump();
  EXPECT_TRUE((*feedback)["own"].get<bool>());
  EXPECT_NE(find("received_concern", "Brackenford Constabulary"), rows.end());
  // Date order.
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i]["same_event"].is_null()) {
      EXPECT_LE(rows[i - 1]["date"], rows[i]["date"]) << rows.dump();
    }
  EXPECT_EQ(picture["agencies"][0].get<std::string>().rfind("Brackenford Council", 0), 0u);

  // The pages: the review page, the chronology, its CSV and printable forms.
  const std::string token = social_worker_.token();
  auto page = Get(server_.port(), "/matches/" + school_match, token);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Nickname"), std::string::npos);
  auto html = Get(server_.port(), "/children/" + sam + "/picture", token);
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("bus station"), std::string::npos);
  EXPECT_NE(html.body.find("Reported by more than one agency"), std::string::npos);
  auto csv = Get(server_.port(), "/children/" + sam + "/picture/csv", token);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body.rfind("\"date\",\"source_organisation\"", 0), 0u) << csv.body.substr(0, 80);
  EXPECT_NE(csv.body.find("bus station"), std::string::npos);
  EXPECT_EQ(Get(server_.port(), "/children/" + sam + "/picture/print", token).status, 200);
  EXPECT_EQ(Get(server_.port(), "/children/" + sam + "/picture/csv", police_officer_.token()).status, 404);

  // Undone: the school's disclosure leaves the chronology; the police's stays.
  auto undone = social_worker_.post("/api/v1/matches/" + school_match + "/unlink", json::object());
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(undone.Json()["status"], "unlinked");
  const json after = social_worker_.get("/api/v1/people/" + sam + "/picture").Json()["rows"];
  for (const auto& r : after) EXPECT_FALSE(r["organisation"].get<std::string>().starts_with("Brackenford Primary")) << r.dump();
  EXPECT_TRUE(std::any_of(after.begin(), after.end(), [](const json& r) { return r["kind"] == "received_item"; }));

  // Every link and unlink is in the audit log, and the DSL can read it.
  for (const std::string action : {"match.confirm", "match.unlink"}) {
    auto audit = csc_dsl_.get("/api/v1/audit/records?action=" + action + "&object_id=" + school_match);
    ASSERT_EQ(audit.status, 200) << audit.body;
    EXPECT_EQ(audit.Json()["records"].size(), 1u) << action << ": " << audit.body;
  }
}

}  // namespace
}  // namespace jigsaw::testing
