// The sharer sees what became of what it shared, on each backend: the
// school's DSL sees every opening of its disclosure by children's services
// (who, when) and every refused attempt on its records by anyone (and no
// one else's), can ask who looked at the protected neighbour's record, and
// sees the same on the disclosure's page; the teacher and other
// organisations cannot.
#include <gtest/gtest.h>

#include <set>

#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class SharerViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const json organisations = Get(port(), "/api/v1/organisations", teacher_).Json();
    for (const auto& o : organisations["organisations"])
      if (o["name"].get<std::string>().starts_with("Brackenford Council")) council_ = o["id"];
    child_ = Created("/api/v1/people", {{"kind", "child"}, {"given_name", "Ada"}, {"family_name", "Test"},
                                        {"date_of_birth", "2015-01-02"}});
    neighbour_ = Created("/api/v1/people", {{"kind", "third_party"}, {"given_name", "Olive"}, {"family_name", "Near"},
                                            {"protected", true}, {"protected_reason", "Fears reprisal"}});
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child_}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "Hungry."},
                         {"items", {{{"text", "Often hungry."}, {"source", "lunch staff"}}}}},
                        teacher_);
    ASSERT_EQ(concern.status, 201) << concern.body;
    concern_ = concern.Json()["id"];
    const std::string item = concern.Json()["items"][0]["id"];
    auto decision = Post(port(), "/api/v1/decisions",
                         {{"concern_id", concern_}, {"recipient_organisation_id", council_},
                          {"circumstances", {{"purpose", "safeguarding"}, {"risk", "low"}}},
                          {"items", {{{"id", item}, {"relevant", true}, {"necessary", true}}}},
                          {"share_items", {item}}, {"outcome", "share"}, {"rationale", "Needs early help."},
                          {"lawful_basis", "public_task"}, {"consent", "Mother agreed."},
                          {"informing", {{"told", true}, {"told_on", "2026-11-24"}, {"told_by", "Class teacher"}}}},
                         teacher_);
    ASSERT_EQ(decision.status, 201) << decision.body;
    // The school sends staff shares through its DSL, who approves this one.
    auto approved = Post(port(), "/api/v1/decisions/" + decision.Json()["id"].get<std::string>() + "/approve",
                         json::object(), server_.SignIn("primary.dsl"));
    ASSERT_EQ(approved.status, 200) << approved.body;
    disclosure_ = approved.Json()["disclosure_id"];
  }
  std::uint16_t port() { return server_.port(); }
  std::string Created(const std::string& target, const json& body) {
    auto reply = Post(port(), target, body, teacher_);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.Json().value("id", "");
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string teacher_ = server_.SignIn("primary.teacher");
  std::string council_, child_, neighbour_, concern_, disclosure_;
};

TEST_F(SharerViewTest, TheSharersLeadSeesEveryReadAndEveryRefusal) {
  const std::string social_worker = server_.SignIn("csc.socialworker");
  const std::string police = server_.SignIn("police.officer");
  ASSERT_EQ(Get(port(), "/api/v1/disclosures/" + disclosure_, social_worker).status, 200);
  ASSERT_EQ(Get(port(), "/api/v1/disclosures/" + disclosure_, social_worker).status, 200);
  EXPECT_EQ(Get(port(), "/api/v1/disclosures/" + disclosure_, police).status, 404);
  EXPECT_EQ(Get(port(), "/api/v1/concerns/" + concern_, police).status, 404);
  // A refusal on the council's own record is the council's business, not the school's.
  auto council_person = Post(port(), "/api/v1/people", {{"kind", "parent"}, {"given_name", "Cy"}, {"family_name", "Other"}},
                             social_worker);
  ASSERT_EQ(council_person.status, 201);
  const std::string council_person_id = council_person.Json()["id"];
  EXPECT_EQ(Get(port(), "/api/v1/people/" + council_person_id, police).status, 404);

  const std::string dsl = server_.SignIn("primary.dsl");
  auto trail = Get(port(), "/api/v1/audit/disclosures/" + disclosure_, dsl);
  ASSERT_EQ(trail.status, 200) << trail.body;
  const json t = trail.Json();
  ASSERT_EQ(t["reads"].size(), 2u) << trail.body;
  for (const auto& read : t["reads"]) {
    EXPECT_EQ(read["practitioner_name"], "Kemi Thorne");
    EXPECT_EQ(read["organisation_name"], "Brackenford Council Children's Services (demo)");
    EXPECT_EQ(read["action"], "disclosure.read");
    EXPECT_FALSE(read["time"].get<std::string>().empty());
  }
  ASSERT_EQ(t["refused"].size(), 1u) << trail.body;
  EXPECT_EQ(t["refused"][0]["practitioner_name"], "PC Ivo Brant");
  EXPECT_EQ(t["refused"][0]["organisation_name"], "Brackenford Constabulary (demo)");

  // Every refusal on the school's records by anyone, and no one else's.
  auto denied = Get(port(), "/api/v1/audit/records?outcome=denied&limit=1000", dsl);
  ASSERT_EQ(denied.status, 200) << denied.body;
  const json denied_records = denied.Json();  // a temporary's member would dangle in the loop
  std::set<std::string> objects;
  for (const auto& r : denied_records["records"]) objects.insert(r["object_id"]);
  EXPECT_TRUE(objects.contains(disclosure_));
  EXPECT_TRUE(objects.contains(concern_));
  EXPECT_FALSE(objects.contains(council_person_id));
  // The council sees its own refusal, and not the school's.
  auto council_dsl = Get(port(), "/api/v1/audit/records?outcome=denied&limit=1000", server_.SignIn("csc.dsl")).Json();
  std::set<std::string> council_objects;
  for (const auto& r : council_dsl["records"]) council_objects.insert(r["object_id"]);
  EXPECT_TRUE(council_objects.contains(council_person_id));
  EXPECT_FALSE(council_objects.contains(concern_));

  // Others may not see the trail: the teacher (not oversight), the recipient, the police.
  EXPECT_EQ(Get(port(), "/api/v1/audit/disclosures/" + disclosure_, teacher_).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/audit/disclosures/" + disclosure_, server_.SignIn("csc.dsl")).status, 404);
  EXPECT_EQ(Get(port(), "/api/v1/audit/disclosures/" + disclosure_, server_.SignIn("police.dsl")).status, 404);
  // Reading the trail is itself on the record.
  auto reads_of_trail = Get(port(), "/api/v1/audit/records?action=disclosure.trail&limit=1000", dsl).Json();
  EXPECT_GE(reads_of_trail["records"].size(), 1u);
}

TEST_F(SharerViewTest, AuditSearchAnswersWhoLookedAtAPerson) {
  ASSERT_EQ(Get(port(), "/api/v1/people/" + neighbour_, teacher_).status, 200);
  ASSERT_EQ(Get(port(), "/api/v1/people/" + child_, teacher_).status, 200);
  const std::string dsl = server_.SignIn("primary.dsl");
  auto about = Get(port(), "/api/v1/audit/records?person_id=" + neighbour_ + "&limit=1000", dsl);
  ASSERT_EQ(about.status, 200) << about.body;
  std::multiset<std::string> actions;
  const json about_records = about.Json();
  for (const auto& r : about_records["records"]) {
    EXPECT_TRUE(r["object_id"] == neighbour_ || r["child_id"] == neighbour_) << r.dump();
    actions.insert(r["action"].get<std::string>() + ":" + r["practitioner_id"].get<std::string>());
  }
  const std::string teacher_id = Get(port(), "/api/v1/me", teacher_).Json()["practitioner"]["id"];
  EXPECT_TRUE(actions.contains("person.view:" + teacher_id));
  EXPECT_TRUE(actions.contains("person.create:" + teacher_id));
  // Records about the child are records whose child is the child, too.
  auto child = Get(port(), "/api/v1/audit/records?person_id=" + child_ + "&limit=1000", dsl).Json();
  std::set<std::string> child_actions;
  for (const auto& r : child["records"]) child_actions.insert(r["action"]);
  EXPECT_TRUE(child_actions.contains("concern.create")) << child.dump();
  EXPECT_TRUE(child_actions.contains("person.view"));
}

TEST_F(SharerViewTest, TheDisclosurePageShowsWhoHasSeenItToTheLeadOnly) {
  ASSERT_EQ(Get(port(), "/api/v1/disclosures/" + disclosure_, server_.SignIn("csc.socialworker")).status, 200);
  auto page = [&](const std::string& token) {
    return Send(port(), {"GET", "/disclosures/" + disclosure_, {}, {{"Cookie", "jigsaw_session=" + token}}});
  };
  auto lead = page(server_.SignIn("primary.dsl"));
  ASSERT_EQ(lead.status, 200) << lead.body;
  EXPECT_NE(lead.body.find("Who has seen it"), std::string::npos);
  EXPECT_NE(lead.body.find("Kemi Thorne"), std::string::npos);
  auto teacher = page(teacher_);
  ASSERT_EQ(teacher.status, 200);
  EXPECT_EQ(teacher.body.find("Who has seen it"), std::string::npos);
  // Not offered to the teacher means not refused either: no refusal was recorded for them.
  const json trail = Get(port(), "/api/v1/audit/disclosures/" + disclosure_, server_.SignIn("primary.dsl")).Json();
  EXPECT_EQ(trail["refused"].size(), 0u) << trail.dump();
}

}  // namespace
}  // namespace jigsaw::testing
