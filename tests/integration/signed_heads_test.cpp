// Signed heads as the server keeps them: the housekeeping the application
// wires signs within a second of each commit (on the test's clock), and the
// real binary signs when it starts and when it stops on SIGTERM, so a head
// covers the last acknowledged request.
#include <gtest/gtest.h>
#include <signal.h>

#include "app/application.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/serve_process.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

class SignedHeadsTest : public ::testing::Test {
 protected:
  void SetUp() override { setenv("JIGSAW_PASSWORD_HASH_COST", "minimum-for-tests-only", 1); }
  // The log's size and the newest signed head's.
  std::pair<std::uint64_t, std::uint64_t> Sizes() {
    std::uint64_t size = 0, signed_size = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      size = JIGSAW_TRY(tx.audit().Size());
      if (auto head = JIGSAW_TRY(tx.audit().LatestTreeHead())) signed_size = head->size;
      return Ok();
    }));
    return {size, signed_size};
  }
  TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
};

TEST_F(SignedHeadsTest, TheApplicationSignsWithinASecondOfACommit) {
  app::Config config = db_.Config();
  config.audit.sign_interval = std::chrono::seconds(1);
  FakeClock clock(TestEpoch());
  auto app = app::Application::Create(config, clock);
  ASSERT_TRUE(app) << app.error().message;
  auto& housekeeping = (*app)->housekeeping();
  housekeeping.RunDue();
  const auto op = service::Context::Operator();
  ASSERT_TRUE((*app)->administration().ListPractitioners(op, std::nullopt));  // audited: the log grows
  clock.Advance(std::chrono::milliseconds(999));
  housekeeping.RunDue();
  auto [size, signed_size] = Sizes();
  EXPECT_LT(signed_size, size) << "not yet due";
  clock.Advance(std::chrono::milliseconds(1));
  housekeeping.RunDue();
  std::tie(size, signed_size) = Sizes();
  EXPECT_EQ(signed_size, size) << "signed one second after the commit";
}

TEST_F(SignedHeadsTest, TheBinarySignsAtStartAndAtAGracefulStop) {
  {
    SystemClock clock;
    auto app = app::Application::Create(db_.Config(), clock);
    ASSERT_TRUE(app) << app.error().message;
    ASSERT_TRUE(app::LoadDemoPartnership((*app)->administration(), (*app)->accounts()).value());
  }
  // The demo partnership was recorded with no head over it: the start signs one.
  ServeProcess server(db_);
  ASSERT_NE(server.port(), 0);
  auto [at_start, signed_at_start] = Sizes();
  EXPECT_GT(at_start, 0u);
  EXPECT_EQ(signed_at_start, at_start);
  // Audited requests (failed sign-ins by nobody, refused and then throttled:
  // both are audited), each acknowledged.
  for (int i = 0; i < 25; ++i) {
    const int status =
        Post(server.port(), "/api/v1/sessions", {{"username", "nobody@demo.jigsaw"}, {"password", "not a password"}}).status;
    ASSERT_TRUE(status == 401 || status == 429) << status;
  }
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  auto [at_stop, signed_at_stop] = Sizes();
  EXPECT_EQ(at_stop, at_start + 25);
  EXPECT_EQ(signed_at_stop, at_stop) << "the last acknowledged request is under a signed head";
}

}  // namespace
}  // namespace jigsaw::testing
