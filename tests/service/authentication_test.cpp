#include "service/authentication.h"

#include <gtest/gtest.h>

#include "app/demo.h"
#include "service/administration.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

class AuthenticationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    ASSERT_TRUE(app::LoadDemoPartnership(admin_).value());
  }
  const std::string user_ = testing::DemoUsername("primary.teacher");
  const std::string password_{app::kDemoPassword};
  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  SignInPolicy policy_{.hash_cost = access::HashCost::kMinimum};
  AuditTrail trail_{*store_, clock_};
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum};
  Authentication auth_{*store_, clock_, trail_, policy_};
};

TEST_F(AuthenticationTest, SignInGivesATokenThatAuthenticates) {
  auto in = auth_.SignIn(user_, password_, "req");
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->expires_at, clock_.Now() + std::chrono::hours(12));
  auto who = auth_.Authenticate(in->token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->practitioner.username, user_);
  EXPECT_TRUE(who->actor.roles.Has(domain::Role::kPractitioner));
  EXPECT_EQ(who->actor.organisation_id, in->practitioner.organisation_id);
}

TEST_F(AuthenticationTest, WrongPasswordAndUnknownUserLookTheSame) {
  auto wrong = auth_.SignIn(user_, "not the password", "req");
  auto unknown = auth_.SignIn("nobody@demo.jigsaw", "not the password", "req");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(AuthenticationTest, LocksOutAfterRepeatedFailuresUntilTheLockoutEnds) {
  for (int i = 0; i < policy_.max_failed_attempts; ++i)
    EXPECT_EQ(auth_.SignIn(user_, "wrong password", "req").error().code, ErrorCode::kUnauthenticated);
  // Even the right password is refused while locked.
  EXPECT_EQ(auth_.SignIn(user_, password_, "req").error().code, ErrorCode::kResourceExhausted);
  clock_.Advance(policy_.lockout - std::chrono::seconds(1));
  EXPECT_EQ(auth_.SignIn(user_, password_, "req").error().code, ErrorCode::kResourceExhausted);
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(auth_.SignIn(user_, password_, "req"));
}

TEST_F(AuthenticationTest, ASuccessResetsTheFailureCount) {
  for (int i = 0; i < policy_.max_failed_attempts - 1; ++i) (void)auth_.SignIn(user_, "wrong password", "req");
  ASSERT_TRUE(auth_.SignIn(user_, password_, "req"));
  for (int i = 0; i < policy_.max_failed_attempts - 1; ++i) (void)auth_.SignIn(user_, "wrong password", "req");
  EXPECT_TRUE(auth_.SignIn(user_, password_, "req"));
}

TEST_F(AuthenticationTest, IdleSessionsExpire) {
  auto in = auth_.SignIn(user_, password_, "req").value();
  clock_.Advance(policy_.idle_timeout - std::chrono::minutes(1));
  ASSERT_TRUE(auth_.Authenticate(in.token));  // activity keeps it alive...
  clock_.Advance(policy_.idle_timeout - std::chrono::minutes(1));
  ASSERT_TRUE(auth_.Authenticate(in.token));
  clock_.Advance(policy_.idle_timeout);  // ...inactivity ends it
  EXPECT_EQ(auth_.Authenticate(in.token).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthenticationTest, SessionsEndAtTheAbsoluteLimitWhateverTheActivity) {
  auto in = auth_.SignIn(user_, password_, "req").value();
  for (auto elapsed = std::chrono::minutes(0); elapsed < policy_.absolute_timeout;
       elapsed += std::chrono::minutes(20)) {
    ASSERT_TRUE(auth_.Authenticate(in.token)) << elapsed.count();
    clock_.Advance(std::chrono::minutes(20));
  }
  EXPECT_FALSE(auth_.Authenticate(in.token));
}

TEST_F(AuthenticationTest, ExpiredSessionsArePurgedWithoutBeingUsed) {
  auto idle = auth_.SignIn(user_, password_, "req").value();
  clock_.Advance(std::chrono::minutes(10));
  auto fresh = auth_.SignIn(user_, password_, "req").value();
  clock_.Advance(policy_.idle_timeout - std::chrono::minutes(5));
  EXPECT_EQ(auth_.PurgeExpiredSessions().value(), 1);  // only the idle one
  EXPECT_TRUE(auth_.Authenticate(fresh.token));
  EXPECT_FALSE(auth_.Authenticate(idle.token));
}

TEST_F(AuthenticationTest, SignOutEndsTheSession) {
  auto in = auth_.SignIn(user_, password_, "req").value();
  ASSERT_TRUE(auth_.SignOut(in.token, Context::Operator()));
  EXPECT_FALSE(auth_.Authenticate(in.token));
  EXPECT_TRUE(auth_.SignOut(in.token, Context::Operator()));  // twice is fine
  EXPECT_FALSE(auth_.Authenticate("made-up-token"));
}

}  // namespace
}  // namespace jigsaw::service
