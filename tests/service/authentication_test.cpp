#include "service/authentication.h"

#include <gtest/gtest.h>

#include "access/totp.h"
#include "app/demo.h"
#include "service/accounts.h"
#include "service/administration.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class AuthenticationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    ASSERT_TRUE(app::LoadDemoPartnership(admin_, accounts_).value());
  }

  // The password step from `source`.
  Result<SecondFactorOwed> Password(const std::string& user, const std::string& password,
                                    const std::string& source = "192.0.2.1") {
    return auth_.CheckPassword(user, password, {source, "req"});
  }
  // Both steps with the demo authenticator's code now. A code is good
  // once: a second sign-in of the same person moves the clock on a step.
  Result<SignedIn> SignIn(const std::string& user) {
    auto owed = Password(user, password_);
    if (!owed) return std::unexpected(owed.error());
    const std::int64_t step = access::TotpStep(clock_.Now());
    if (last_step_.contains(user) && last_step_[user] >= step) clock_.Advance(access::kTotpStep);
    last_step_[user] = access::TotpStep(clock_.Now());
    return auth_.CompleteWithCode(owed->challenge_token, app::DemoCode(clock_.Now()), {"192.0.2.1", "req"});
  }
  std::string IdOf(const std::string& short_name) {
    std::string id;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      id = JIGSAW_TRY(tx.practitioners().FindByUsername(testing::DemoUsername(short_name)))->practitioner.id;
      return Ok();
    }));
    return id;
  }
  Context As(const std::string& short_name) {
    const auto signed_in = SignIn(testing::DemoUsername(short_name)).value();
    return Context{{signed_in.practitioner.id, signed_in.practitioner.organisation_id, signed_in.practitioner.roles}, "req"};
  }

  const std::string user_ = testing::DemoUsername("primary.teacher");
  const std::string password_{app::kDemoPassword};
  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  SignInPolicy policy_{.hash_cost = access::HashCost::kMinimum};
  AuditTrail trail_{*store_, clock_};
  access::Sealer sealer_ = access::Sealer::FromSecret(Bytes(32, 7)).value();
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Accounts accounts_{*store_, clock_, trail_, sealer_, deny_list_, access::HashCost::kMinimum, minutes(5)};
  Authentication auth_{*store_, clock_, trail_, sealer_, policy_};
  std::map<std::string, std::int64_t> last_step_;
};

TEST_F(AuthenticationTest, ThePasswordAloneIsNotASession) {
  auto owed = Password(user_, password_);
  ASSERT_TRUE(owed) << owed.error().message;
  EXPECT_FALSE(owed->must_enrol);  // the demo accounts have an authenticator
  EXPECT_EQ(owed->expires_at, clock_.Now() + minutes(5));
  EXPECT_FALSE(auth_.Authenticate(owed->challenge_token));  // a challenge is not a session
  auto in = auth_.CompleteWithCode(owed->challenge_token, app::DemoCode(clock_.Now()), {"192.0.2.1", "req"});
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->expires_at, clock_.Now() + std::chrono::hours(12));
  auto who = auth_.Authenticate(in->token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->practitioner.username, user_);
  EXPECT_TRUE(who->actor.roles.Has(domain::Role::kPractitioner));
  // The challenge is spent.
  EXPECT_EQ(auth_.CompleteWithCode(owed->challenge_token, app::DemoCode(clock_.Now() + seconds(30)), {"192.0.2.1", "req"})
                .error().code,
            ErrorCode::kUnauthenticated);
}

TEST_F(AuthenticationTest, ACodeIsAcceptedOnce) {
  auto first = Password(user_, password_).value();
  const std::string code = app::DemoCode(clock_.Now());
  ASSERT_TRUE(auth_.CompleteWithCode(first.challenge_token, code, {"192.0.2.1", "req"}));
  auto second = Password(user_, password_).value();
  auto replay = auth_.CompleteWithCode(second.challenge_token, code, {"192.0.2.1", "req"});
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().field, "code");
  EXPECT_NE(replay.error().message.find("used already"), std::string::npos);
  clock_.Advance(access::kTotpStep);
  EXPECT_TRUE(auth_.CompleteWithCode(second.challenge_token, app::DemoCode(clock_.Now()), {"192.0.2.1", "req"}));
}

TEST_F(AuthenticationTest, WrongCodesEndTheChallengeAndOldChallengesExpire) {
  auto owed = Password(user_, password_).value();
  for (int i = 0; i < policy_.max_codes_per_challenge - 1; ++i) {
    auto wrong = auth_.CompleteWithCode(owed.challenge_token, "000000", {"192.0.2.1", "req"});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().field, "code");
    clock_.Advance(seconds(36));  // past any per-account delay the wrong codes earn
  }
  EXPECT_EQ(auth_.CompleteWithCode(owed.challenge_token, "000000", {"192.0.2.1", "req"}).error().code,
            ErrorCode::kUnauthenticated);
  clock_.Advance(minutes(5));
  EXPECT_EQ(auth_.CompleteWithCode(owed.challenge_token, app::DemoCode(clock_.Now()), {"192.0.2.1", "req"}).error().code,
            ErrorCode::kUnauthenticated);

  auto late = Password(user_, password_).value();
  clock_.Advance(policy_.challenge_timeout);
  EXPECT_EQ(auth_.CompleteWithCode(late.challenge_token, app::DemoCode(clock_.Now()), {"192.0.2.1", "req"}).error().code,
            ErrorCode::kUnauthenticated);
}

TEST_F(AuthenticationTest, WrongPasswordAndUnknownUserLookTheSameEvenWhenThrottled) {
  for (int i = 0; i < 4; ++i) {
    auto wrong = Password(user_, "not the password");
    auto unknown = Password("nobody@demo.jigsaw", "not the password");
    ASSERT_FALSE(wrong);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(wrong.error().code, unknown.error().code) << i;
    EXPECT_EQ(wrong.error().message, unknown.error().message) << i;
  }
  // Both are now throttled, with the same reply, which says nothing of when.
  auto wrong = Password(user_, password_);
  auto unknown = Password("nobody@demo.jigsaw", password_);
  EXPECT_EQ(wrong.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(unknown.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().message.find(':'), std::string::npos) << "no time in the reply";
}

TEST_F(AuthenticationTest, AnAccountIsSlowedDownNeverLockedOut) {
  for (int i = 0; i < policy_.throttle.free_failures; ++i)
    EXPECT_EQ(Password(user_, "wrong password").error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(Password(user_, password_)) << "three failures cost nothing";
  EXPECT_EQ(Password(user_, "wrong password").error().code, ErrorCode::kUnauthenticated);  // the fourth
  // Now even the right password waits two seconds, and then works.
  EXPECT_EQ(Password(user_, password_).error().code, ErrorCode::kResourceExhausted);
  clock_.Advance(seconds(2));
  EXPECT_TRUE(Password(user_, password_));
  // However many failures, the wait is at most five minutes.
  for (int i = 0; i < 20; ++i) {
    clock_.Advance(minutes(5));
    EXPECT_EQ(Password(user_, "wrong password").error().code, ErrorCode::kUnauthenticated) << i;
  }
  clock_.Advance(minutes(5) - seconds(1));
  EXPECT_EQ(Password(user_, password_).error().code, ErrorCode::kResourceExhausted);
  clock_.Advance(seconds(1));
  auto owed = Password(user_, password_);
  ASSERT_TRUE(owed);
  // A full sign-in clears the account's failures.
  ASSERT_TRUE(auth_.CompleteWithCode(owed->challenge_token, app::DemoCode(clock_.Now()), {"192.0.2.1", "req"}));
  for (int i = 0; i < policy_.throttle.free_failures; ++i) (void)Password(user_, "wrong password");
  EXPECT_TRUE(Password(user_, password_));
}

TEST_F(AuthenticationTest, WrongCodesCountAgainstTheAccountLikeWrongPasswords) {
  for (int i = 0; i < policy_.throttle.free_failures + 1; ++i) {
    auto owed = Password(user_, password_);
    ASSERT_TRUE(owed) << i;
    EXPECT_EQ(auth_.CompleteWithCode(owed->challenge_token, "000000", {"192.0.2.1", "req"}).error().field, "code");
  }
  EXPECT_EQ(Password(user_, password_).error().code, ErrorCode::kResourceExhausted);
}

TEST_F(AuthenticationTest, OneAddressSprayingManyAccountsIsStopped) {
  // A few guesses at each of many accounts, all from one address: no
  // account reaches its own limit, the address does.
  const auto logins = app::DemoLogins();
  int sent = 0;
  for (int round = 0; sent < policy_.throttle.max_failures_per_address; ++round)
    for (const auto& l : logins)
      if (sent++ < policy_.throttle.max_failures_per_address) {
        EXPECT_EQ(Password(l.username, "Spring2026!!" + std::to_string(round), "203.0.113.9").error().code,
                  ErrorCode::kUnauthenticated);
      }
  // That address now waits, even with a right password; others do not.
  EXPECT_EQ(Password(testing::DemoUsername("nhs.nurse"), password_, "203.0.113.9").error().code,
            ErrorCode::kResourceExhausted);
  EXPECT_TRUE(Password(testing::DemoUsername("nhs.nurse"), password_, "198.51.100.7"));
  clock_.Advance(policy_.throttle.address_window + seconds(1));
  EXPECT_TRUE(Password(testing::DemoUsername("nhs.nurse"), password_, "203.0.113.9"));
}

TEST_F(AuthenticationTest, UnderAServiceWideSprayOnlyCleanRecordsMayTry) {
  SignInPolicy tight = policy_;
  tight.throttle.max_failures_overall = 12;
  Authentication auth{*store_, clock_, trail_, sealer_, tight};
  // One guess at each of twelve accounts, each from its own address.
  const auto logins = app::DemoLogins();
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(auth.CheckPassword(logins[i].username, "Winter2026!!", {"198.18.0." + std::to_string(i), "r"}).error().code,
              ErrorCode::kUnauthenticated);
  // A sprayed account is not tried again, from anywhere, while the spray
  // goes on; someone whose account and address have no failures signs in.
  EXPECT_EQ(auth.CheckPassword(logins[0].username, password_, {"192.0.2.50", "r"}).error().code,
            ErrorCode::kResourceExhausted);
  EXPECT_EQ(auth.CheckPassword(logins[15].username, password_, {"198.18.0.1", "r"}).error().code,
            ErrorCode::kResourceExhausted);
  EXPECT_TRUE(auth.CheckPassword(logins[15].username, password_, {"192.0.2.50", "r"}));
  clock_.Advance(tight.throttle.global_window + seconds(1));
  EXPECT_TRUE(auth.CheckPassword(logins[0].username, password_, {"192.0.2.50", "r"}));
}

TEST_F(AuthenticationTest, SafeguardingLeadsAreToldOfRepeatedFailuresOnAColleaguesAccount) {
  for (int i = 0; i < policy_.throttle.notify_after_failures; ++i) {
    clock_.Advance(minutes(5));  // past each delay
    EXPECT_EQ(Password(user_, "guess " + std::to_string(i) + " guess").error().code, ErrorCode::kUnauthenticated);
  }
  std::vector<domain::Notification> dsl, colleague;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    dsl = JIGSAW_TRY(tx.casework().Notifications(IdOf("primary.dsl"), true, 10));
    colleague = JIGSAW_TRY(tx.casework().Notifications(IdOf("academy.dsl"), true, 10));
    return Ok();
  }));
  ASSERT_EQ(dsl.size(), 1u);
  EXPECT_EQ(dsl[0].kind, "sign_in.repeated_failures");
  EXPECT_EQ(dsl[0].object_id, IdOf("primary.teacher"));
  EXPECT_TRUE(colleague.empty()) << "only their own organisation's leads";
}

TEST_F(AuthenticationTest, AfterAnAdministratorsResetThePersonEnrolsAgain) {
  const Context admin = As("csc.admin");
  const Context other_admin_role = As("primary.dsl");
  // Not an administrator, or not of their organisation: refused.
  EXPECT_EQ(accounts_.ResetSecondFactor(other_admin_role, IdOf("csc.socialworker")).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(accounts_.ResetSecondFactor(admin, IdOf("primary.teacher")).error().code, ErrorCode::kPermissionDenied);
  const auto before = SignIn(testing::DemoUsername("csc.socialworker")).value();
  ASSERT_TRUE(accounts_.ResetSecondFactor(admin, IdOf("csc.socialworker")));
  EXPECT_FALSE(auth_.Authenticate(before.token)) << "their sessions end";

  auto owed = Password(testing::DemoUsername("csc.socialworker"), password_).value();
  ASSERT_TRUE(owed.must_enrol);
  EXPECT_EQ(auth_.CompleteWithCode(owed.challenge_token, app::DemoCode(clock_.Now()), {"192.0.2.1", "req"}).error().code,
            ErrorCode::kFailedPrecondition)
      << "the old secret no longer counts";
  const TotpOffer offer = auth_.OfferTotp(owed.challenge_token).value();
  EXPECT_EQ(auth_.OfferTotp(owed.challenge_token).value().secret, offer.secret) << "the same secret on a reload";
  EXPECT_NE(offer.secret, app::kDemoTotpSecret);
  const Bytes secret = *access::Base32Decode(offer.secret);
  auto enrolled = auth_.CompleteWithCode(owed.challenge_token, access::TotpCode(secret, clock_.Now()), {"192.0.2.1", "req"});
  ASSERT_TRUE(enrolled) << enrolled.error().message;
  ASSERT_EQ(enrolled->recovery_codes.size(), 10u);

  // A recovery code signs in once.
  auto next = Password(testing::DemoUsername("csc.socialworker"), password_).value();
  EXPECT_FALSE(next.must_enrol);
  auto recovered = auth_.CompleteWithRecoveryCode(next.challenge_token, enrolled->recovery_codes[3], {"192.0.2.1", "req"});
  ASSERT_TRUE(recovered) << recovered.error().message;
  EXPECT_EQ(recovered->recovery_codes_left, 9);
  auto again = Password(testing::DemoUsername("csc.socialworker"), password_).value();
  EXPECT_EQ(auth_.CompleteWithRecoveryCode(again.challenge_token, enrolled->recovery_codes[3], {"192.0.2.1", "req"})
                .error().field,
            "recovery_code");
  clock_.Advance(access::kTotpStep);
  EXPECT_TRUE(auth_.CompleteWithCode(again.challenge_token, access::TotpCode(secret, clock_.Now()), {"192.0.2.1", "req"}));
}

TEST_F(AuthenticationTest, IdleSessionsExpire) {
  auto in = SignIn(user_).value();
  clock_.Advance(policy_.idle_timeout - minutes(1));
  ASSERT_TRUE(auth_.Authenticate(in.token));  // activity keeps it alive...
  clock_.Advance(policy_.idle_timeout - minutes(1));
  ASSERT_TRUE(auth_.Authenticate(in.token));
  clock_.Advance(policy_.idle_timeout);  // ...inactivity ends it
  EXPECT_EQ(auth_.Authenticate(in.token).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(AuthenticationTest, SessionsEndAtTheAbsoluteLimitWhateverTheActivity) {
  auto in = SignIn(user_).value();
  for (auto elapsed = minutes(0); elapsed < policy_.absolute_timeout; elapsed += minutes(20)) {
    ASSERT_TRUE(auth_.Authenticate(in.token)) << elapsed.count();
    clock_.Advance(minutes(20));
  }
  EXPECT_FALSE(auth_.Authenticate(in.token));
}

TEST_F(AuthenticationTest, ExpiredSessionsArePurgedWithoutBeingUsed) {
  auto idle = SignIn(user_).value();
  clock_.Advance(minutes(10));
  auto fresh = SignIn(user_).value();
  clock_.Advance(policy_.idle_timeout - minutes(5));
  EXPECT_EQ(auth_.PurgeExpiredSessions().value(), 1);  // only the idle one
  EXPECT_TRUE(auth_.Authenticate(fresh.token));
  EXPECT_FALSE(auth_.Authenticate(idle.token));
}

TEST_F(AuthenticationTest, SignOutEndsTheSession) {
  auto in = SignIn(user_).value();
  ASSERT_TRUE(auth_.SignOut(in.token, Context::Operator()));
  EXPECT_FALSE(auth_.Authenticate(in.token));
  EXPECT_TRUE(auth_.SignOut(in.token, Context::Operator()));  // twice is fine
  EXPECT_FALSE(auth_.Authenticate("made-up-token"));
}

TEST_F(AuthenticationTest, APasswordChangeFollowsTheSameRules) {
  const Context me = As("primary.teacher");
  EXPECT_EQ(accounts_.ChangePassword(me, "not it", "kettle pigeon quarry").error().field, "current_password");
  EXPECT_EQ(accounts_.ChangePassword(me, password_, "Password1234").error().field, "password");
  EXPECT_EQ(accounts_.ChangePassword(me, password_, "ada fernsby forever").error().field, "password");
  ASSERT_TRUE(accounts_.ChangePassword(me, password_, "kettle pigeon quarry"));
  EXPECT_EQ(Password(user_, password_).error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(Password(user_, "kettle pigeon quarry"));
}

}  // namespace
}  // namespace jigsaw::service
