// The oversight calculation alone (service::ComputeOversight): pure, on
// records made up here and an injected moment. UK dates decide which day
// and month a record belongs to (BST included), a period that has ended is
// judged at its end, and a figure with nothing to count is absent, not 0%.
#include <gtest/gtest.h>

#include "service/oversight.h"

namespace jigsaw::service {
namespace {

namespace chr = std::chrono;

Time At(std::string_view day, int hour, int minute = 0) {
  const auto d = domain::ParseDate(day).value();
  return Time(chr::duration_cast<Duration>(chr::sys_days(d).time_since_epoch() + chr::hours(hour) + chr::minutes(minute)));
}

domain::Concern ConcernAt(Time t) {
  domain::Concern c;
  c.id = "c" + std::to_string(t.time_since_epoch().count());
  c.created_at = t;
  return c;
}

TEST(OversightCalculation, RecordsBelongToTheirUkDayAndMonth) {
  OversightRecords r;
  // 23:30 UTC on 31 August is 00:30 on 1 September in BST: in the period.
  r.concerns.push_back(ConcernAt(At("2026-08-31", 23, 30)));
  // 23:30 UTC on 30 September is 1 October in BST: October's.
  r.concerns.push_back(ConcernAt(At("2026-09-30", 23, 30)));
  // 23:30 UTC on 30 November is still 30 November (GMT): in the period.
  r.concerns.push_back(ConcernAt(At("2026-11-30", 23, 30)));
  // 23:30 UTC on 31 August... of the day before: 31 August in BST, before it.
  r.concerns.push_back(ConcernAt(At("2026-08-31", 22, 30)));
  const auto f = ComputeOversight(r, PeriodOf("2026-09-01", "2026-11-30").value(), At("2026-12-15", 12));
  EXPECT_EQ(f.concerns_raised, 3);
  ASSERT_EQ(f.months.size(), 3u);
  EXPECT_EQ(f.months[0].concerns, 1);
  EXPECT_EQ(f.months[1].concerns, 1);
  EXPECT_EQ(f.months[2].concerns, 1);
}

TEST(OversightCalculation, APeriodThatHasEndedIsJudgedAtItsEnd) {
  OversightRecords r;
  domain::Decision emergency;
  emergency.id = "e";
  emergency.outcome = domain::DecisionOutcome::kShare;
  emergency.emergency = true;
  emergency.created_at = At("2026-10-30", 10);
  emergency.rationale_due_at = At("2026-11-02", 23, 59);
  domain::Decision full = emergency;
  full.id = "f";
  full.emergency = false;
  full.supersedes = "e";
  full.created_at = At("2026-11-05", 10);  // three days late
  r.decisions = {emergency, full};
  // October: at its end the record was owed, not yet overdue.
  auto october = ComputeOversight(r, PeriodOf("2026-10-01", "2026-10-31").value(), At("2026-12-01", 9));
  EXPECT_EQ(october.as_at, At("2026-10-31", 23, 59) + chr::seconds(59) + chr::microseconds(999999));
  EXPECT_EQ(october.emergency.shares, 1);
  EXPECT_EQ(october.emergency.records_owed, 1);
  EXPECT_EQ(october.emergency.records_overdue, 0);
  EXPECT_EQ(october.emergency.records_written, 0);
  // Judged today: written, and late.
  auto autumn = ComputeOversight(r, PeriodOf("2026-10-01", "2026-11-30").value(), At("2026-11-20", 9));
  EXPECT_EQ(autumn.as_at, At("2026-11-20", 9));
  EXPECT_EQ(autumn.emergency.records_written, 1);
  EXPECT_EQ(autumn.emergency.records_late, 1);
  EXPECT_EQ(autumn.emergency.records_owed, 0);
  EXPECT_EQ(autumn.decisions_to_share, 1) << "one decision, however many records of it";
  // November alone: the emergency was made in October, so not counted.
  auto november = ComputeOversight(r, PeriodOf("2026-11-01", "2026-11-30").value(), At("2026-11-20", 9));
  EXPECT_EQ(november.decisions_to_share, 0);
  EXPECT_EQ(november.emergency.shares, 0);
}

TEST(OversightCalculation, MediansOfAnEvenCountAreTheMeanOfTheMiddleTwo) {
  OversightRecords r;
  for (int hours : {1, 3, 10, 30}) {
    domain::AdviceRequest a;
    a.id = "a" + std::to_string(hours);
    a.created_at = At("2026-11-02", 9);
    a.answered_at = a.created_at + chr::hours(hours);
    r.advice.push_back(a);
  }
  const auto f = ComputeOversight(r, PeriodOf("2026-11-01", "2026-11-30").value(), At("2026-11-20", 9));
  EXPECT_EQ(f.advice.asked, 4);
  ASSERT_TRUE(f.advice.median_hours_to_answer);
  EXPECT_DOUBLE_EQ(*f.advice.median_hours_to_answer, 6.5);
}

TEST(OversightCalculation, NothingToCountGivesNoPercentage) {
  const auto f = ComputeOversight({}, PeriodOf("2026-11-01", "2026-11-30").value(), At("2026-11-20", 9));
  EXPECT_FALSE(f.acknowledged_received.percent_on_time);
  EXPECT_FALSE(f.acknowledged_received.median_hours);
  EXPECT_FALSE(f.requests.median_hours_to_answer);
  for (const auto& c : f.training) EXPECT_FALSE(c.percent_current);
  EXPECT_EQ(f.months.size(), 1u);
}

TEST(OversightCalculation, LastMonthsRunsFromTheFirstOfTheMonth) {
  const auto p = LastMonths(At("2026-03-15", 12), 3);
  EXPECT_EQ(IsoDay(p.from), "2026-01-01");
  EXPECT_EQ(IsoDay(p.to), "2026-03-15");
  const auto year = LastMonths(At("2026-03-15", 12), 12);
  EXPECT_EQ(IsoDay(year.from), "2025-04-01");
}

}  // namespace
}  // namespace jigsaw::service
