// The real server on port 0, over real sockets, against each backend.
#include <gtest/gtest.h>

#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::uint16_t port() { return server_.port(); }
};

void ExpectError(const HttpReply& r, int status, const std::string& code, const std::string& field = {}) {
  EXPECT_EQ(r.status, status) << r.body;
  const auto j = r.Json();
  ASSERT_TRUE(j.contains("error")) << r.body;
  EXPECT_EQ(j["error"]["code"], code) << r.body;
  EXPECT_FALSE(j["error"].value("message", "").empty());
  EXPECT_EQ(j["error"].value("request_id", ""), r.Header("x-request-id"));
  if (!field.empty()) {
    EXPECT_EQ(j["error"].value("field", ""), field) << r.body;
  }
}

TEST_F(ServerTest, TheRootAddressIsThePagesAndTheApiSaysWhereThingsAre) {
  auto home = Get(port(), "/");
  ASSERT_EQ(home.status, 303);  // not signed in: to the sign-in page
  EXPECT_EQ(home.Header("location"), "/sign-in");
  auto r = Get(port(), "/api/v1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["api"], "/api/v1");
}

TEST_F(ServerTest, HealthAndReadiness) {
  auto h = Get(port(), "/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.Json()["status"], "ok");
  EXPECT_EQ(h.Header("x-request-id").size(), 24u);
  auto r = Get(port(), "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["schema_version"], store::LatestSchemaVersion());
}

TEST_F(ServerTest, SignInWithBearerTokenOrCookie) {
  auto owed = Post(port(), "/api/v1/sessions",
                   {{"username", DemoUsername("primary.dsl")}, {"password", "brackenford-demo"}});
  ASSERT_EQ(owed.status, 202) << owed.body;
  EXPECT_EQ(owed.Header("set-cookie"), "") << "a password alone is not a session";
  auto reply = Post(port(), "/api/v1/sessions/second-factor",
                    {{"challenge_token", owed.Json()["challenge_token"]}, {"code", server_.NextCode(DemoUsername("primary.dsl"))}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string token = reply.Json()["token"];
  const std::string cookie = reply.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(reply.Header("cache-control"), "no-store");

  auto me = Get(port(), "/api/v1/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["practitioner"]["username"], DemoUsername("primary.dsl"));
  EXPECT_EQ(me.Json()["organisation"]["type"], "school");

  HttpCall with_cookie{"GET", "/api/v1/me", {}, {{"Cookie", cookie.substr(0, cookie.find(';'))}}};
  EXPECT_EQ(Send(port(), with_cookie).status, 200);
}

TEST_F(ServerTest, ExpiredSessionIs401) {
  const std::string token = server_.SignIn("nhs.nurse");
  ASSERT_EQ(Get(port(), "/api/v1/me", token).status, 200);
  server_.clock().Advance(std::chrono::minutes(31));
  ExpectError(Get(port(), "/api/v1/me", token), 401, "unauthenticated");
}

TEST_F(ServerTest, SignOutEndsTheSession) {
  const std::string token = server_.SignIn("nhs.nurse");
  auto out = Delete(port(), "/api/v1/sessions/current", token);
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  ExpectError(Get(port(), "/api/v1/me", token), 401, "unauthenticated");
}

TEST_F(ServerTest, UnauthenticatedRequestsAre401) {
  auto r = Get(port(), "/api/v1/organisations");
  ExpectError(r, 401, "unauthenticated");
  EXPECT_EQ(r.Header("www-authenticate"), "Bearer");
  ExpectError(Get(port(), "/api/v1/me", "forged-token"), 401, "unauthenticated");
}

TEST_F(ServerTest, MalformedJsonIs400NamingTheProblem) {
  HttpCall call{"POST", "/api/v1/sessions", R"({"username": "x", )", {{"Content-Type", "application/json"}}};
  auto r = Send(port(), call);
  ExpectError(r, 400, "invalid_argument", "body");
  EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("not valid JSON"), std::string::npos);
  ExpectError(Post(port(), "/api/v1/sessions", {{"username", 7}, {"password", "x"}}), 400,
              "invalid_argument", "username");
}

TEST_F(ServerTest, OversizeBodyIs413) {
  const std::size_t limit = server_.app().config().server.max_body_bytes;
  HttpCall call{"POST", "/api/v1/sessions", std::string(limit + 1024 * 1024, 'x'), {{"Content-Type", "application/json"}}};
  ExpectError(Send(port(), call), 413, "payload_too_large");
}

TEST_F(ServerTest, UnknownRouteIs404AndWrongMethod405) {
  ExpectError(Get(port(), "/api/v1/no-such-thing"), 404, "not_found");
  ExpectError(Send(port(), {"PUT", "/healthz", {}, {}}), 405, "method_not_allowed");
}

TEST_F(ServerTest, AdministratorsManageThePartnershipOthersAre403) {
  const std::string admin = server_.SignIn("csc.admin");
  const nlohmann::json org = {{"name", "Riverside College"}, {"type", "college"}, {"sector", "public"}};
  auto created = Post(port(), "/api/v1/organisations", org, admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string org_id = created.Json()["id"];
  EXPECT_EQ(Get(port(), "/api/v1/organisations/" + org_id, admin).Json()["name"], "Riverside College");

  auto bad = org;
  bad["sector"] = "charity";
  ExpectError(Post(port(), "/api/v1/organisations", bad, admin), 400, "invalid_argument", "sector");
  auto typo = org;
  typo["secter"] = "public";
  ExpectError(Post(port(), "/api/v1/organisations", typo, admin), 400, "invalid_argument", "secter");

  const nlohmann::json person = {{"organisation_id", org_id}, {"username", "riverside.dsl"},
                                 {"display_name", "Tam Rivers"}, {"roles", {"designated_safeguarding_lead"}},
                                 {"password", "a long new password"}};
  // The partnership administrator cannot make an account in another
  // organisation (it would be a way into its cases), only propose one.
  ExpectError(Post(port(), "/api/v1/practitioners", person, admin), 403, "permission_denied");
  auto proposed = Post(port(), "/api/v1/account-proposals", person, admin);
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  EXPECT_FALSE(proposed.Json().contains("password"));
  // The new organisation has nobody to approve yet: the operator does.
  auto added = server_.app().administration().DecideProposal(service::Context::Operator(), proposed.Json()["id"],
                                                             domain::ProposalOutcome::kApproved);
  ASSERT_TRUE(added && *added);
  ExpectError(Post(port(), "/api/v1/account-proposals", person, admin), 409, "already_exists", "username");

  const std::string teacher = server_.SignIn("primary.teacher");
  ExpectError(Post(port(), "/api/v1/organisations", org, teacher), 403, "permission_denied");
  EXPECT_EQ(Get(port(), "/api/v1/organisations", teacher).status, 200);  // the directory is shared
  ExpectError(Get(port(), "/api/v1/practitioners?organisation_id=" + org_id, teacher), 403,
              "permission_denied");

  // The new practitioner can sign in at once, and sets up an authenticator app first.
  auto owed = Post(port(), "/api/v1/sessions", {{"username", "riverside.dsl"}, {"password", "a long new password"}});
  EXPECT_EQ(owed.status, 202);
  EXPECT_EQ(owed.Json()["enrolment_required"], true);
  // A common password, or one made of their name, is refused.
  auto common = person;
  common["username"] = "riverside.dsl2";
  common["password"] = "1qaz2wsx3edc";  // a keyboard walk, high on the deny-list
  ExpectError(Post(port(), "/api/v1/account-proposals", common, admin), 400, "invalid_argument", "password");
  common["password"] = "tam rivers rules ok";
  ExpectError(Post(port(), "/api/v1/account-proposals", common, admin), 400, "invalid_argument", "password");
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  // Two requests in one write: the server must answer both, in order.
  HttpCall first{"GET", "/healthz", {}, {}};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Send(port(), first).status, 200);
}

}  // namespace
}  // namespace jigsaw::testing
