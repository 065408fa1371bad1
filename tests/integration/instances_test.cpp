// Several `jigsaw serve` processes on one database: the session state lives
// in the database, so any instance serves any signed-in request. Also checks
// that SIGTERM stops a server cleanly.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>


#include "app/application.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/serve_process.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

class InstancesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SystemClock clock;
    auto app = app::Application::Create(db_.Config(), clock);
    ASSERT_TRUE(app) << app.error().message;
    ASSERT_TRUE(app::LoadDemoPartnership((*app)->administration(), (*app)->accounts()).value());
  }
  TestDatabase db_;
};

TEST_F(InstancesTest, ASessionFromOneInstanceIsAcceptedByAnother) {
  ServeProcess a(db_), b(db_);
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  ASSERT_NE(a.port(), b.port());
  // The password on one instance, the code on the other: the challenge
  // lives in the database too.
  auto owed = Post(a.port(), "/api/v1/sessions",
                   {{"username", DemoUsername("police.officer")}, {"password", app::kDemoPassword}});
  ASSERT_EQ(owed.status, 202) << owed.body;
  auto in = Post(b.port(), "/api/v1/sessions/second-factor",
                 {{"challenge_token", owed.Json()["challenge_token"]}, {"code", app::DemoCode(SystemClock().Now())}});
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string token = in.Json()["token"];
  auto me = Get(b.port(), "/api/v1/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["organisation"]["competent_authority"], true);
  // Signing out on one ends the session on both.
  EXPECT_EQ(Delete(b.port(), "/api/v1/sessions/current", token).status, 204);
  EXPECT_EQ(Get(a.port(), "/api/v1/me", token).status, 401);
}

TEST_F(InstancesTest, SigtermStopsTheServerCleanly) {
  ServeProcess a(db_);
  ASSERT_NE(a.port(), 0);
  ASSERT_EQ(Get(a.port(), "/healthz").status, 200);
  EXPECT_EQ(a.Stop(SIGTERM), 0);
  EXPECT_EQ(Get(a.port(), "/healthz").status, 0);  // nothing listens any more
}

}  // namespace
}  // namespace jigsaw::testing
