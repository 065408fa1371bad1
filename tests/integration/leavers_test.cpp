// People leave, change job, move and forget their password: over the API
// and the pages, each change ends the person's sessions at once. And a
// share names only a practitioner or DSL as its recipient.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class LeaversTest : public ::testing::Test {
 protected:
  std::uint16_t port() { return server_.port(); }
  std::string IdOf(const std::string& token) { return Get(port(), "/api/v1/me", token).Json()["practitioner"]["id"]; }
  std::string OrgId(const std::string& name) {
    const auto organisations = server_.app().administration().ListOrganisations(service::Context::Operator());
    for (const auto& o : *organisations)
      if (o.name == name) return o.id;
    return {};
  }
  // Signs in with `password`; the session token, or "" if refused.
  std::string SignInWith(const std::string& username, const std::string& password) {
    auto reply = Post(port(), "/api/v1/sessions", {{"username", username}, {"password", password}});
    if (reply.status != 202) return {};
    auto done = Post(port(), "/api/v1/sessions/second-factor",
                     {{"challenge_token", reply.Json().value("challenge_token", "")}, {"code", server_.NextCode(username)}});
    return done.status == 201 ? done.Json().value("token", "") : "";
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
};

TEST_F(LeaversTest, DisablingResettingAndChangingRolesEndSessionsAtOnce) {
  const std::string admin = server_.SignIn("csc.admin");
  const std::string worker = server_.SignIn("csc.socialworker");
  const std::string worker_id = IdOf(worker);
  const std::string user = DemoUsername("csc.socialworker");
  // Another organisation's administrator may not.
  const std::string school_dsl = server_.SignIn("primary.dsl");
  EXPECT_EQ(Post(port(), "/api/v1/practitioners/" + worker_id + "/disable", json::object(), school_dsl).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/me", worker).status, 200);

  ASSERT_EQ(Post(port(), "/api/v1/practitioners/" + worker_id + "/disable", json::object(), admin).status, 204);
  EXPECT_EQ(Get(port(), "/api/v1/me", worker).status, 401);
  EXPECT_EQ(SignInWith(user, std::string(app::kDemoPassword)), "");
  ASSERT_EQ(Post(port(), "/api/v1/practitioners/" + worker_id + "/enable", json::object(), admin).status, 204);
  std::string again = server_.SignIn("csc.socialworker");
  EXPECT_EQ(Get(port(), "/api/v1/people?q=x", again).status, 200);

  // A reset password: signed out, and the next sign-in must choose a new one.
  ASSERT_EQ(Post(port(), "/api/v1/practitioners/" + worker_id + "/password-reset",
                 {{"password", "temporary kettle pigeon"}}, admin).status, 204);
  EXPECT_EQ(Get(port(), "/api/v1/me", again).status, 401);
  const std::string forced = SignInWith(user, "temporary kettle pigeon");
  ASSERT_NE(forced, "");
  EXPECT_TRUE(Get(port(), "/api/v1/me", forced).Json()["practitioner"]["must_change_password"]);
  EXPECT_EQ(Get(port(), "/api/v1/people?q=x", forced).status, 403);  // no case records until then
  auto page = Page(forced, "/");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.Header("location"), "/account/password");
  ASSERT_EQ(Post(port(), "/api/v1/me/password",
                 {{"current_password", "temporary kettle pigeon"}, {"password", "my own quarry lantern"}}, forced).status, 204);
  EXPECT_EQ(Get(port(), "/api/v1/people?q=x", forced).status, 200);

  // New roles take effect at the next sign-in; the old session ends.
  ASSERT_EQ(Post(port(), "/api/v1/practitioners/" + worker_id + "/roles", {{"roles", {"data_protection_officer"}}}, admin)
                .status, 204);
  EXPECT_EQ(Get(port(), "/api/v1/me", forced).status, 401);
  const std::string dpo = SignInWith(user, "my own quarry lantern");
  EXPECT_EQ(Get(port(), "/api/v1/people?q=x", dpo).status, 403);
  auto bad = Post(port(), "/api/v1/practitioners/" + worker_id + "/roles", {{"roles", {"wizard"}}}, admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "roles");
}

TEST_F(LeaversTest, AMovedPersonKeepsNothingOfTheirOldOrganisation) {
  const std::string admin = server_.SignIn("csc.admin");
  const std::string worker = server_.SignIn("csc.socialworker");
  const std::string worker_id = IdOf(worker);
  const std::string police = OrgId("Brackenford Constabulary (demo)");
  auto move = Post(port(), "/api/v1/practitioners/" + worker_id + "/move",
                   {{"organisation_id", police}, {"roles", {"practitioner"}}}, admin);
  ASSERT_EQ(move.status, 202) << move.body;
  EXPECT_EQ(Get(port(), "/api/v1/me", worker).status, 200);  // nothing happens before the approval
  const std::string police_dsl = server_.SignIn("police.dsl");
  auto listed = Get(port(), "/api/v1/account-proposals", police_dsl);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.Json()["proposals"].size(), 1u);
  EXPECT_EQ(listed.Json()["proposals"][0]["kind"], "move");
  // The council cannot approve its own move into the police.
  EXPECT_EQ(Post(port(), "/api/v1/account-proposals/" + move.Json()["id"].get<std::string>() + "/approve",
                 json::object(), admin).status, 404);
  auto approved = Post(port(), "/api/v1/account-proposals/" + move.Json()["id"].get<std::string>() + "/approve",
                       json::object(), police_dsl);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["organisation_id"], police);
  EXPECT_EQ(Get(port(), "/api/v1/me", worker).status, 401);
  const std::string moved = server_.SignIn("csc.socialworker");
  EXPECT_EQ(Get(port(), "/api/v1/me", moved).Json()["practitioner"]["organisation_id"], police);
  // The council's people are no longer theirs to find.
  EXPECT_EQ(Get(port(), "/api/v1/people?q=x", moved).Json()["people"].size(), 0u);
  EXPECT_EQ(Post(port(), "/api/v1/practitioners/" + worker_id + "/disable", json::object(), admin).status, 403);
}

TEST_F(LeaversTest, ASharesNamedRecipientIsAPractitionerOrDsl) {
  const std::string teacher = server_.SignIn("primary.teacher");
  const std::string council = OrgId("Brackenford Council Children's Services (demo)");
  const std::string admin_id = IdOf(server_.SignIn("csc.admin"));
  const std::string dpo_id = IdOf(server_.SignIn("csc.dpo"));
  const std::string worker_id = IdOf(server_.SignIn("csc.socialworker"));
  auto child = Post(port(), "/api/v1/people",
                    {{"kind", "child"}, {"given_name", "Rio"}, {"family_name", "Test"}, {"date_of_birth", "2015-05-05"}},
                    teacher);
  ASSERT_EQ(child.status, 201);
  auto concern = Post(port(), "/api/v1/concerns",
                      {{"child_id", child.Json()["id"]}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "Hungry."},
                       {"items", {{{"text", "Often hungry at lunch."}, {"source", "lunch staff"}}}}}, teacher);
  ASSERT_EQ(concern.status, 201);
  const std::string item_id = concern.Json()["items"][0]["id"];
  auto decide = [&](const std::string& recipient) {
    return Post(port(), "/api/v1/decisions/preview",
                {{"concern_id", concern.Json()["id"]}, {"recipient_organisation_id", council},
                 {"recipient_practitioner_id", recipient}, {"circumstances", {{"purpose", "safeguarding"}, {"risk", "low"}}},
                 {"items", {{{"id", item_id}, {"relevant", true}, {"necessary", true}}}}, {"share_items", {item_id}},
                 {"outcome", "share"}, {"rationale", "Needs early help."}, {"lawful_basis", "public_task"},
                 {"consent", "Mother agreed."},
                 {"informing", {{"told", true}, {"told_on", "2026-11-24"}, {"told_by", "Class teacher"}}}},
                teacher);
  };
  for (const std::string& id : {admin_id, dpo_id}) {
    auto refused = decide(id);
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"], "recipient_practitioner_id");
  }
  auto allowed = decide(worker_id);
  EXPECT_EQ(allowed.status, 200) << allowed.body;
}

TEST_F(LeaversTest, TheStaffPagesWorkWithoutJavaScript) {
  const std::string admin = server_.SignIn("csc.admin");
  const std::string worker = server_.SignIn("csc.socialworker");
  const std::string worker_id = IdOf(worker);
  auto list = Page(admin, "/organisation/people");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("/organisation/people/" + worker_id), std::string::npos);
  ASSERT_EQ(Page(admin, "/organisation/people/" + worker_id).status, 200);
  auto disabled = Form(admin, "/organisation/people/" + worker_id + "/disable", "x=1");
  EXPECT_EQ(disabled.status, 303);
  EXPECT_EQ(disabled.Header("location"), "/organisation/people?disabled=1");
  EXPECT_EQ(Get(port(), "/api/v1/me", worker).status, 401);
  auto weak = Form(admin, "/organisation/people/" + worker_id + "/password", "password=short");
  EXPECT_EQ(weak.status, 200);
  EXPECT_NE(weak.body.find("govuk-error-summary"), std::string::npos);
  // A teacher has no such page, and the council's page is not the school's.
  const std::string teacher = server_.SignIn("primary.teacher");
  EXPECT_EQ(Page(teacher, "/organisation/people").status, 403);
  const std::string school_dsl = server_.SignIn("primary.dsl");
  EXPECT_EQ(Form(school_dsl, "/organisation/people/" + worker_id + "/enable", "x=1").status, 403);
  EXPECT_EQ(Page(school_dsl, "/organisation/people").status, 403);  // the list is the administrator's page

  // The school's DSL approves an account the partnership administrator proposed.
  const std::string school = OrgId("Brackenford Primary School (demo)");
  auto proposed = Post(port(), "/api/v1/account-proposals",
                       {{"organisation_id", school}, {"username", "new.teacher@test.jigsaw"}, {"display_name", "Nia New"},
                        {"roles", {"practitioner"}}, {"password", "a long new password"}}, admin);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  auto waiting = Page(school_dsl, "/organisation/proposals");
  ASSERT_EQ(waiting.status, 200);
  EXPECT_NE(waiting.body.find("new.teacher@test.jigsaw"), std::string::npos);
  EXPECT_EQ(Page(teacher, "/organisation/proposals").status, 403);
  auto approved = Form(school_dsl, "/organisation/proposals/" + proposed.Json()["id"].get<std::string>(), "decision=approve");
  EXPECT_EQ(approved.status, 303);
  EXPECT_EQ(approved.Header("location"), "/organisation/proposals?decided=1");
  auto staff = Get(port(), "/api/v1/practitioners?organisation_id=" + school, school_dsl);
  EXPECT_NE(staff.body.find("new.teacher@test.jigsaw"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
