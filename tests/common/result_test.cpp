#include "common/result.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace jigsaw {
namespace {

Result<int> Half(int n) {
  if (n % 2) return InvalidArgument("n", "odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  const int h = JIGSAW_TRY(Half(n));
  return JIGSAW_TRY(Half(h));
}

TEST(ResultTest, TryPropagatesTheFirstErrorWithItsField) {
  EXPECT_EQ(Quarter(8).value(), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "n");
}

TEST(ResultTest, ErrorCodesHaveStableWireNames) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "resource_exhausted");
}

TEST(ClockTest, FormatsRfc3339InUtc) {
  EXPECT_EQ(FormatRfc3339(FromMicros(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(FromMicros(std::int64_t{1795510800} * 1000000 + 999999)),
            "2026-11-24T09:00:00Z");
}

TEST(ClockTest, FakeClockMovesOnlyWhenTold) {
  FakeClock clock(FromMicros(1000));
  EXPECT_EQ(ToMicros(clock.Now()), 1000);
  clock.Advance(std::chrono::seconds(2));
  EXPECT_EQ(ToMicros(clock.Now()), 2001000);
}

}  // namespace
}  // namespace jigsaw
