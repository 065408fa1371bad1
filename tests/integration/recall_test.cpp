// Recalling a disclosure sent in error, over HTTP on each backend: the
// recipient can no longer read it (API and page) from the moment it is
// recalled, is told and confirms on the page that no copy is kept; only
// the sharer or their DSL recalls it, once; the DPO sees the possible
// breach with its 72-hour deadline; and the steps are in the audit log.
#include <gtest/gtest.h>

#include <set>

#include "access/credentials.h"
#include "access/totp.h"
#include "app/demo.h"
#include "common/encoding.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class RecallApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const json organisations = Get(port(), "/api/v1/organisations", teacher_).Json();
    for (const auto& o : organisations["organisations"]) {
      if (o["name"].get<std::string>().starts_with("Brackenford Council")) council_ = o["id"];
      if (o["name"].get<std::string>().starts_with("Brackenford Primary")) school_ = o["id"];
    }
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", "Ada"}, {"family_name", "Test"}, {"date_of_birth", "2015-01-02"}},
                      teacher_);
    ASSERT_EQ(child.status, 201) << child.body;
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child.Json()["id"]}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "Hungry."},
                         {"items", {{{"text", "Often hungry at lunch."}, {"source", "lunch staff"}}}}},
                        teacher_);
    ASSERT_EQ(concern.status, 201) << concern.body;
    const std::string item = concern.Json()["items"][0]["id"];
    auto decision = Post(port(), "/api/v1/decisions",
                         {{"concern_id", concern.Json()["id"]}, {"recipient_organisation_id", council_},
                          {"circumstances", {{"purpose", "safeguarding"}, {"risk", "low"}}},
                          {"items", {{{"id", item}, {"relevant", true}, {"necessary", true}}}},
                          {"share_items", {item}}, {"outcome", "share"}, {"rationale", "Needs early help."},
                          {"lawful_basis", "public_task"}, {"consent", "Mother agreed."},
                          {"informing", {{"told", true}, {"told_on", "2026-11-24"}, {"told_by", "Class teacher"}}}},
                         teacher_);
    ASSERT_EQ(decision.status, 201) << decision.body;
    auto approved = Post(port(), "/api/v1/decisions/" + decision.Json()["id"].get<std::string>() + "/approve",
                         json::object(), school_dsl_);
    ASSERT_EQ(approved.status, 200) << approved.body;
    disclosure_ = approved.Json()["disclosure_id"];
  }
  std::uint16_t port() { return server_.port(); }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
  HttpReply Recall(const std::string& token, const std::string& reason = "Sent to the wrong council.") {
    return Post(port(), "/api/v1/disclosures/" + disclosure_ + "/recall", {{"reason", reason}}, token);
  }
  std::vector<std::string> Notices(const std::string& token) {
    std::vector<std::string> out;
    const json notices = Get(port(), "/api/v1/notifications", token).Json();
    for (const auto& n : notices["notifications"])
      if (n["object_id"] == disclosure_) out.push_back(n["kind"]);
    return out;
  }
  // A data protection officer for the school (the demo school has none).
  std::string SchoolDpo() {
    const auto op = service::Context::Operator();
    auto added = server_.app().administration().AddPractitioner(
        op, {school_, "primary.dpo@test.jigsaw", "Dee Protect", domain::RoleSet{domain::Role::kDataProtectionOfficer},
             std::string(app::kDemoPassword)});
    EXPECT_TRUE(added);
    EXPECT_TRUE(server_.app().accounts().EnrolAuthenticator(op, added->id, *access::Base32Decode(app::kDemoTotpSecret)));
    return server_.SignInUser("primary.dpo@test.jigsaw");
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string teacher_ = server_.SignIn("primary.teacher");
  std::string school_dsl_ = server_.SignIn("primary.dsl");
  std::string worker_ = server_.SignIn("csc.socialworker");
  std::string school_, council_, disclosure_;
};

TEST_F(RecallApiTest, ARecalledDisclosureIsUnreadableToTheRecipientAtOnce) {
  auto before = Get(port(), "/api/v1/disclosures/" + disclosure_, worker_);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json()["state"], "sent");
  EXPECT_NE(before.body.find("Often hungry at lunch."), std::string::npos);

  auto recalled = Recall(teacher_);
  ASSERT_EQ(recalled.status, 200) << recalled.body;
  EXPECT_EQ(recalled.Json()["state"], "recalled");
  EXPECT_EQ(recalled.Json()["recall"]["reason"], "Sent to the wrong council.");

  auto after = Get(port(), "/api/v1/disclosures/" + disclosure_, worker_);
  ASSERT_EQ(after.status, 200) << after.body;
  const json a = after.Json();
  EXPECT_EQ(a["state"], "recalled");
  EXPECT_TRUE(a["content"].is_null());
  EXPECT_EQ(a["recall"]["reason"], "Sent to the wrong council.");
  EXPECT_TRUE(a["recall"]["confirmed_at"].is_null());
  EXPECT_FALSE(a["recall"].contains("breach_report_due_at")) << "the sharer's business";
  EXPECT_EQ(after.body.find("Often hungry"), std::string::npos);

  auto page = Page(worker_, "/disclosures/" + disclosure_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Information recalled"), std::string::npos);
  EXPECT_NE(page.body.find("Sent to the wrong council."), std::string::npos);
  EXPECT_EQ(page.body.find("Often hungry"), std::string::npos);
  EXPECT_EQ(page.body.find("Ada"), std::string::npos) << "not even the child's name";

  // Marked in the inbox, with nothing of its content.
  auto inbox = Page(worker_, "/inbox");
  EXPECT_NE(inbox.body.find("Recalled: sent to you in error"), std::string::npos);
  EXPECT_EQ(inbox.body.find("Ada Test"), std::string::npos);
  auto listed = Get(port(), "/api/v1/disclosures?box=inbox", worker_).Json();
  ASSERT_EQ(listed["disclosures"].size(), 1u);
  EXPECT_EQ(listed["disclosures"][0]["state"], "recalled");

  EXPECT_EQ(Post(port(), "/api/v1/disclosures/" + disclosure_ + "/feedback", {{"action", "advice_given"}}, worker_).status, 403);
  EXPECT_EQ(Notices(worker_), std::vector<std::string>{"disclosure.recalled"}) << "they opened it: they are told";
}

TEST_F(RecallApiTest, OnlyTheSharerOrTheirDslRecallsItAndOnlyOnce) {
  EXPECT_EQ(Recall(worker_).status, 404);
  EXPECT_EQ(Recall(server_.SignIn("csc.dsl")).status, 404);
  EXPECT_EQ(Recall(server_.SignIn("police.dsl")).status, 404);
  auto blank = Recall(teacher_, " ");
  ASSERT_EQ(blank.status, 400);
  EXPECT_EQ(blank.Json()["error"]["field"], "reason");
  ASSERT_EQ(Recall(school_dsl_).status, 200);
  auto twice = Recall(teacher_);
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(Notices(teacher_), std::vector<std::string>{"recall.possible_breach"}) << "told their DSL recalled it";
}

TEST_F(RecallApiTest, TheRecipientConfirmsOnThePageAndTheSharerSeesIt) {
  ASSERT_EQ(Recall(teacher_).status, 200);
  EXPECT_EQ(Notices(server_.SignIn("csc.dsl")), std::vector<std::string>{"disclosure.recalled"});
  auto page = Page(worker_, "/disclosures/" + disclosure_);
  EXPECT_NE(page.body.find("Confirm we keep no copy"), std::string::npos);
  auto confirmed = Form(worker_, "/disclosures/" + disclosure_ + "/recall/confirmation", "");
  ASSERT_EQ(confirmed.status, 303) << confirmed.body;
  EXPECT_EQ(confirmed.Header("location"), "/disclosures/" + disclosure_ + "?confirmed=1");
  auto again = Post(port(), "/api/v1/disclosures/" + disclosure_ + "/recall/confirmation", json::object(), worker_);
  EXPECT_EQ(again.status, 409);

  auto sharer = Get(port(), "/api/v1/disclosures/" + disclosure_, teacher_);
  ASSERT_EQ(sharer.status, 200);
  EXPECT_EQ(sharer.Json()["state"], "recalled");
  EXPECT_FALSE(sharer.Json()["recall"]["confirmed_at"].is_null());
  EXPECT_FALSE(sharer.Json()["content"].is_null()) << "the sharer still sees what went astray";
  auto sharer_page = Page(teacher_, "/disclosures/" + disclosure_);
  EXPECT_NE(sharer_page.body.find("Recalled on"), std::string::npos);
  EXPECT_NE(sharer_page.body.find("Confirmed by Brackenford Council"), std::string::npos);
  EXPECT_EQ(Notices(teacher_), std::vector<std::string>{"recall.confirmed"});
}

TEST_F(RecallApiTest, TheDpoSeesTheBreachFlagWithItsDeadline) {
  const std::string dpo = SchoolDpo();
  auto recalled = Recall(teacher_);
  ASSERT_EQ(recalled.status, 200);
  EXPECT_EQ(Notices(dpo), std::vector<std::string>{"recall.possible_breach"});
  EXPECT_TRUE(Notices(school_dsl_).empty()) << "the school has a DPO now: they assess it";
  auto flags = Get(port(), "/api/v1/recalls", dpo);
  ASSERT_EQ(flags.status, 200) << flags.body;
  const json f = flags.Json()["recalls"];
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["id"], disclosure_);
  EXPECT_TRUE(f[0]["possible_breach"]);
  const Time at = *ParseRfc3339(f[0]["recall"]["recalled_at"].get<std::string>());
  EXPECT_EQ(*ParseRfc3339(f[0]["breach_report_due_at"].get<std::string>()), at + std::chrono::hours(72));
  EXPECT_FALSE(f[0]["breach_report_overdue"]);
  EXPECT_EQ(f[0]["recall"]["breach_report_due_at"], f[0]["breach_report_due_at"]);
  auto page = Page(dpo, "/recalls");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Report by"), std::string::npos);
  EXPECT_NE(page.body.find("Sent to the wrong council."), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/recalls", teacher_).status, 403);
}

TEST_F(RecallApiTest, TheRecallItsViewingAndItsConfirmationAreAudited) {
  ASSERT_EQ(Recall(teacher_).status, 200);
  ASSERT_EQ(Get(port(), "/api/v1/disclosures/" + disclosure_, worker_).status, 200);
  ASSERT_EQ(Post(port(), "/api/v1/disclosures/" + disclosure_ + "/recall/confirmation", json::object(), worker_).status, 200);
  auto records = Get(port(), "/api/v1/audit/records?object_id=" + disclosure_ + "&limit=100", school_dsl_);
  ASSERT_EQ(records.status, 200) << records.body;
  std::multiset<std::string> actions;
  const json list = records.Json();
  for (const auto& r : list["records"]) actions.insert(r["action"].get<std::string>());
  EXPECT_EQ(actions.count("disclosure.recall"), 1u);
  EXPECT_EQ(actions.count("disclosure.recall.view"), 1u);
  EXPECT_EQ(actions.count("disclosure.recall.confirm"), 1u);
}

}  // namespace
}  // namespace jigsaw::testing
