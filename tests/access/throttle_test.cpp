#include "access/throttle.h"

#include <gtest/gtest.h>

namespace jigsaw::access {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const Time kNow = Time(std::chrono::hours(24 * 365 * 56));
const ThrottlePolicy kPolicy;

TEST(ThrottleTest, TheFirstFailuresCostNothingThenTheWaitDoublesUpToItsCap) {
  EXPECT_EQ(AccountDelay(kPolicy, 0), Duration::zero());
  EXPECT_EQ(AccountDelay(kPolicy, 3), Duration::zero());
  EXPECT_EQ(AccountDelay(kPolicy, 4), seconds(2));
  EXPECT_EQ(AccountDelay(kPolicy, 5), seconds(4));
  EXPECT_EQ(AccountDelay(kPolicy, 8), seconds(32));
  EXPECT_EQ(AccountDelay(kPolicy, 11), seconds(256));
  EXPECT_EQ(AccountDelay(kPolicy, 12), minutes(5));
  EXPECT_EQ(AccountDelay(kPolicy, 1000), minutes(5));
}

TEST(ThrottleTest, AnAccountWaitsAfterItsFailuresAndIsNeverLockedForLonger) {
  FailureCounts c{.account = 6, .last_account_failure = kNow};  // the sixth failure: 8 seconds
  EXPECT_EQ(Throttle(kPolicy, c, kNow), ThrottleVerdict::kAccountDelay);
  EXPECT_EQ(Throttle(kPolicy, c, kNow + seconds(7)), ThrottleVerdict::kAccountDelay);
  EXPECT_EQ(Throttle(kPolicy, c, kNow + seconds(8)), ThrottleVerdict::kAllowed);
  c.account = 500;  // however many failures, the wait is at most five minutes
  EXPECT_EQ(Throttle(kPolicy, c, kNow + minutes(5)), ThrottleVerdict::kAllowed);
}

TEST(ThrottleTest, OneAddressFailingTooOftenWaits) {
  FailureCounts c{.address = kPolicy.max_failures_per_address - 1};
  EXPECT_EQ(Throttle(kPolicy, c, kNow), ThrottleVerdict::kAllowed);
  c.address += 1;
  EXPECT_EQ(Throttle(kPolicy, c, kNow), ThrottleVerdict::kAddressLimit);
}

TEST(ThrottleTest, UnderASprayOnlyAccountsAndAddressesWithNoFailuresMayTry) {
  const FailureCounts clean{.overall = kPolicy.max_failures_overall};
  EXPECT_EQ(Throttle(kPolicy, clean, kNow), ThrottleVerdict::kAllowed);
  EXPECT_EQ(Throttle(kPolicy, {.account = 1, .last_account_failure = kNow - minutes(60), .overall = 300}, kNow),
            ThrottleVerdict::kGlobalLimit);
  EXPECT_EQ(Throttle(kPolicy, {.address = 1, .overall = 300}, kNow), ThrottleVerdict::kGlobalLimit);
  EXPECT_EQ(Throttle(kPolicy, {.address = 1, .overall = 299}, kNow), ThrottleVerdict::kAllowed);
}

TEST(ThrottleTest, SafeguardingLeadsHearOfEveryTenthFailureInARow) {
  EXPECT_FALSE(ShouldNotify(kPolicy, 9));
  EXPECT_TRUE(ShouldNotify(kPolicy, 10));
  EXPECT_FALSE(ShouldNotify(kPolicy, 11));
  EXPECT_TRUE(ShouldNotify(kPolicy, 20));
}

}  // namespace
}  // namespace jigsaw::access
