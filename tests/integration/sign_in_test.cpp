// Signing in over real HTTP, on the test's clock: the second factor in the
// API and the pages, an administrator's reset and enrolling again, and the
// throttling rules (docs/security.md) as a client sees them.
#include <gtest/gtest.h>

#include <algorithm>

#include "access/totp.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class SignInTest : public ::testing::Test {
 protected:
  std::uint16_t port() { return server_.port(); }
  HttpReply Password(const std::string& username, const std::string& password) {
    return Post(port(), "/api/v1/sessions", {{"username", username}, {"password", password}});
  }
  HttpReply Code(const std::string& challenge, const std::string& code) {
    return Post(port(), "/api/v1/sessions/second-factor", {{"challenge_token", challenge}, {"code", code}});
  }
  // The error as a client sees it, without the request id (which differs).
  static nlohmann::json Refusal(const HttpReply& r) {
    auto j = r.Json();
    if (j.contains("error")) j["error"].erase("request_id");
    return j;
  }
  std::string IdOf(const std::string& token) { return Get(port(), "/api/v1/me", token).Json()["practitioner"]["id"]; }

  TestDatabase db_;
  TestServer server_{db_.Config()};
};

TEST_F(SignInTest, TheApiAsksForTheSecondFactorAndRefusesAWrongOrReusedCode) {
  auto owed = Password(DemoUsername("police.officer"), std::string(app::kDemoPassword));
  ASSERT_EQ(owed.status, 202) << owed.body;
  const std::string challenge = owed.Json()["challenge_token"];
  EXPECT_EQ(owed.Json()["enrolment_required"], false);
  EXPECT_EQ(Get(port(), "/api/v1/me", challenge).status, 401) << "a challenge is not a session";
  auto wrong = Code(challenge, "000000");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.Json()["error"]["field"], "code");
  const std::string code = app::DemoCode(server_.clock().Now());
  ASSERT_EQ(Code(challenge, code).status, 201);
  auto again = Password(DemoUsername("police.officer"), std::string(app::kDemoPassword));
  auto replay = Code(again.Json()["challenge_token"], code);
  EXPECT_EQ(replay.status, 400);
  EXPECT_NE(replay.body.find("used already"), std::string::npos) << replay.body;
}

TEST_F(SignInTest, AfterAnAdministratorsResetThePersonEnrolsAndCanUseARecoveryCode) {
  const std::string admin = server_.SignIn("csc.admin");
  const std::string social_worker = server_.SignIn("csc.socialworker");
  const std::string id = IdOf(social_worker);
  // Only an administrator of their organisation may reset it.
  const std::string school_dsl = server_.SignIn("primary.dsl");
  EXPECT_EQ(Post(port(), "/api/v1/practitioners/" + id + "/second-factor/reset", nlohmann::json::object(), school_dsl).status,
            403);
  ASSERT_EQ(Post(port(), "/api/v1/practitioners/" + id + "/second-factor/reset", nlohmann::json::object(), admin).status, 204);
  EXPECT_EQ(Get(port(), "/api/v1/me", social_worker).status, 401) << "their sessions ended";

  auto owed = Password(DemoUsername("csc.socialworker"), std::string(app::kDemoPassword));
  ASSERT_EQ(owed.status, 202);
  ASSERT_EQ(owed.Json()["enrolment_required"], true);
  const std::string challenge = owed.Json()["challenge_token"];
  auto offer = Post(port(), "/api/v1/sessions/enrolment", {{"challenge_token", challenge}});
  ASSERT_EQ(offer.status, 200) << offer.body;
  const std::string secret = offer.Json()["secret"];
  EXPECT_NE(offer.Json()["otpauth_uri"].get<std::string>().find("secret=" + secret), std::string::npos);
  auto enrolled = Code(challenge, access::TotpCode(*access::Base32Decode(secret), server_.clock().Now()));
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  const auto codes = enrolled.Json()["recovery_codes"];
  ASSERT_EQ(codes.size(), 10u);
  // What the database holds: the secret sealed, not in clear.
  {
    const Bytes raw = *access::Base32Decode(secret);
    std::optional<domain::TotpEnrolment> stored;
    auto store = db_.OpenStore();
    ASSERT_TRUE(store->Read([&](store::Transaction& tx) -> Status {
      stored = JIGSAW_TRY(tx.sign_in().FindTotp(id));
      return Ok();
    }));
    ASSERT_TRUE(stored);
    EXPECT_EQ(std::search(stored->sealed_secret.begin(), stored->sealed_secret.end(), raw.begin(), raw.end()),
              stored->sealed_secret.end())
        << "the TOTP secret is not stored in clear";
  }

  auto next = Password(DemoUsername("csc.socialworker"), std::string(app::kDemoPassword));
  auto recovered = Post(port(), "/api/v1/sessions/second-factor",
                        {{"challenge_token", next.Json()["challenge_token"]}, {"recovery_code", codes[0]}});
  ASSERT_EQ(recovered.status, 201) << recovered.body;
  EXPECT_EQ(recovered.Json()["recovery_codes_left"], 9);
  EXPECT_FALSE(recovered.Json().contains("recovery_codes")) << "codes are shown once, at enrolment";

  // The reset is in the audit log, by the administrator, about the person.
  auto audit = Get(port(), "/api/v1/audit/records?action=second_factor.reset", admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_EQ(audit.Json()["records"].size(), 2u);  // the refusal and the reset
}

TEST_F(SignInTest, AnAccountIsSlowedDownWithTheSameReplyForUnknownUsernamesAndNoTimeGiven) {
  const std::string known = DemoUsername("gp.doctor");
  const std::string unknown = "gp.nobody@demo.jigsaw";
  for (int i = 0; i < 4; ++i) {
    auto a = Password(known, "guess guess guess");
    auto b = Password(unknown, "guess guess guess");
    EXPECT_EQ(a.status, 401);
    EXPECT_EQ(Refusal(a), Refusal(b));
  }
  auto a = Password(known, std::string(app::kDemoPassword));
  auto b = Password(unknown, std::string(app::kDemoPassword));
  EXPECT_EQ(a.status, 429);
  EXPECT_EQ(Refusal(a), Refusal(b));
  EXPECT_EQ(a.Header("retry-after"), "");
  const std::string message = a.Json()["error"]["message"];
  for (const char* time_word : {"until", ":", "2026", "second"}) EXPECT_EQ(message.find(time_word), std::string::npos) << message;
  server_.clock().Advance(seconds(2));
  EXPECT_EQ(Password(known, std::string(app::kDemoPassword)).status, 202) << "slowed, not locked";
}

TEST_F(SignInTest, OneAddressTryingManyAccountsWaitsThenMayTryAgain) {
  // Every request here comes from 127.0.0.1. A spray: two guesses at each
  // account until the address has failed 30 times in ten minutes.
  int failures = 0;
  for (int round = 0; failures < 30; ++round)
    for (const auto& login : app::DemoLogins())
      if (failures < 30) {
        EXPECT_EQ(Password(login.username, "Summer2026!!" + std::to_string(round)).status, 401);
        ++failures;
      }
  EXPECT_EQ(Password(DemoUsername("nhs.dsl"), std::string(app::kDemoPassword)).status, 429);
  server_.clock().Advance(minutes(10) + seconds(1));
  EXPECT_EQ(Password(DemoUsername("nhs.dsl"), std::string(app::kDemoPassword)).status, 202);
}

TEST_F(SignInTest, ThePagesSignInWithThePasswordThenTheCode) {
  auto form = Get(port(), "/sign-in");
  const std::string cookie = form.Header("set-cookie");
  const std::string form_token = cookie.substr(cookie.find('=') + 1, 32);
  auto post = [&](const std::string& target, const std::string& body, const std::string& cookies) {
    return Send(port(), {"POST", target, body,
                         {{"Cookie", cookies}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  };
  const std::string form_cookie = "jigsaw_form=" + form_token;
  auto wrong = post("/sign-in", "csrf_token=" + form_token + "&username=nhs.nurse%40demo.jigsaw&password=nope", form_cookie);
  EXPECT_EQ(wrong.status, 200);
  EXPECT_NE(wrong.body.find("Enter a correct username and password"), std::string::npos);
  auto password = post("/sign-in", "csrf_token=" + form_token + "&username=nhs.nurse%40demo.jigsaw&password=brackenford-demo",
                       form_cookie);
  ASSERT_EQ(password.status, 303);
  EXPECT_EQ(password.Header("location"), "/sign-in/code");
  const std::string challenge_cookie = password.Header("set-cookie");
  EXPECT_NE(challenge_cookie.find("Path=/sign-in; HttpOnly; SameSite=Strict"), std::string::npos);
  const std::string cookies = form_cookie + "; " + challenge_cookie.substr(0, challenge_cookie.find(';'));
  auto code_page = Send(port(), {"GET", "/sign-in/code", {}, {{"Cookie", cookies}}});
  EXPECT_NE(code_page.body.find("autocomplete=\"one-time-code\""), std::string::npos);
  auto done = post("/sign-in/code", "csrf_token=" + form_token + "&code=" + server_.NextCode(DemoUsername("nhs.nurse")), cookies);
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.Header("location"), "/");
  EXPECT_NE(done.Header("set-cookie").find("jigsaw_session="), std::string::npos);
}

TEST_F(SignInTest, EnrolmentShowsTheQrCodeAndTheSecretAsText) {
  const std::string admin = server_.SignIn("csc.admin");
  ASSERT_EQ(Post(port(), "/api/v1/practitioners/" + IdOf(server_.SignIn("csc.dpo")) + "/second-factor/reset",
                 nlohmann::json::object(), admin).status,
            204);
  auto owed = Password(DemoUsername("csc.dpo"), std::string(app::kDemoPassword));
  const std::string challenge = owed.Json()["challenge_token"];
  auto page = Send(port(), {"GET", "/sign-in/enrol", {}, {{"Cookie", "jigsaw_challenge=" + challenge}}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<svg class=\"jigsaw-qr\""), std::string::npos);
  EXPECT_NE(page.body.find("role=\"img\""), std::string::npos);
  const std::string secret =
      Post(port(), "/api/v1/sessions/enrolment", {{"challenge_token", challenge}}).Json()["secret"];
  EXPECT_NE(page.body.find(access::GroupedSecret(secret)), std::string::npos) << "the secret, grouped, as text";
  EXPECT_NE(page.body.find("30 seconds"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
