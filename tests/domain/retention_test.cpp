#include "domain/retention.h"

#include <gtest/gtest.h>

namespace jigsaw::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

Time At(std::string_view text) { return *ParseRfc3339(text); }

TEST(RetentionTest, EveryOrganisationTypeHasARuleForEveryKindNamingItsSource) {
  for (const auto& [type, type_name] : EnumNames<OrganisationType>::kNames) {
    const auto schedule = DefaultSchedule(type);
    ASSERT_EQ(schedule.rules.size(), EnumNames<RecordKind>::kNames.size()) << type_name;
    for (std::size_t i = 0; i < schedule.rules.size(); ++i) {
      const auto& rule = schedule.rules[i];
      EXPECT_EQ(rule.kind, EnumNames<RecordKind>::kNames[i].first) << type_name;
      EXPECT_FALSE(rule.source.empty()) << type_name << " " << ToString(rule.kind);
      EXPECT_TRUE(Validate(rule)) << type_name << " " << ToString(rule.kind) << ": " << Validate(rule).error().message;
    }
  }
}

TEST(RetentionTest, ASchoolKeepsAConcernUntilTheChildsTwentyFifthBirthday) {
  const auto rule = RuleFor(DefaultSchedule(OrganisationType::kSchool), RecordKind::kConcern);
  EXPECT_NE(rule.source.find("IRMS"), std::string::npos);
  RecordDates dates{At("2026-03-01T10:00:00Z"), At("2026-06-01T10:00:00Z"), year_month_day{year{2015}, month{4}, day{2}}};
  EXPECT_EQ(DueAt(rule, dates), At("2040-04-02"));
  EXPECT_FALSE(IsDue(rule, dates, At("2040-04-01T23:59:59Z")));
  EXPECT_TRUE(IsDue(rule, dates, At("2040-04-02T00:00:00Z")));
}

TEST(RetentionTest, TheNhsKeepsTheRecordOfAChildSeenAtSeventeenUntilTheirTwentySixthBirthday) {
  const auto rule = RuleFor(DefaultSchedule(OrganisationType::kNhsTrust), RecordKind::kConcern);
  EXPECT_NE(rule.source.find("NHS Records Management Code of Practice 2023"), std::string::npos);
  const year_month_day dob{year{2008}, month{1}, day{10}};
  EXPECT_EQ(DueAt(rule, {At("2024-01-01"), At("2025-02-01"), dob}), At("2034-01-10"));  // 17 at the last activity
  EXPECT_EQ(DueAt(rule, {At("2023-01-01"), At("2023-02-01"), dob}), At("2033-01-10"));  // 15
}

TEST(RetentionTest, PoliceAndChildrensServicesFollowTheirOwnCodes) {
  const auto police = RuleFor(DefaultSchedule(OrganisationType::kPolice), RecordKind::kConcern);
  EXPECT_NE(police.source.find("MoPI"), std::string::npos);
  EXPECT_EQ(police.period.years, 100);
  const auto la = RuleFor(DefaultSchedule(OrganisationType::kChildrensServices), RecordKind::kConcern);
  EXPECT_EQ(la.period.trigger, RetentionTrigger::kFromLastActivity);
  EXPECT_EQ(DueAt(la, {At("2020-01-01T09:00:00Z"), At("2021-05-06T09:00:00Z"), {}}), At("2056-05-06T09:00:00Z"));
}

TEST(RetentionTest, WithoutADateOfBirthTheBirthdayPeriodCountsFromTheLastActivity) {
  const auto rule = RuleFor(DefaultSchedule(OrganisationType::kSchool), RecordKind::kConcern);
  EXPECT_EQ(DueAt(rule, {At("2026-01-01T08:00:00Z"), At("2026-02-01T08:00:00Z"), {}}), At("2051-02-01T08:00:00Z"));
}

TEST(RetentionTest, DraftsSessionsAndNotificationsArePurgedAutomaticallyAndSoon) {
  const auto schedule = DefaultSchedule(OrganisationType::kGpPractice);
  for (auto kind : {RecordKind::kDraft, RecordKind::kSession, RecordKind::kNotification}) {
    const auto rule = RuleFor(schedule, kind);
    EXPECT_EQ(rule.disposal, Disposal::kAutomatic);
    EXPECT_EQ(rule.period.years, 0);
    EXPECT_LE(rule.period.days, 90);
  }
  const auto draft = RuleFor(schedule, RecordKind::kDraft);
  EXPECT_EQ(DueAt(draft, {At("2026-01-01"), At("2026-01-10"), {}}), At("2026-02-09"));
}

TEST(RetentionTest, TheAuditLogIsNeverDueAndCannotBeMadeDestroyable) {
  auto rule = RuleFor(DefaultSchedule(OrganisationType::kSchool), RecordKind::kAudit);
  EXPECT_EQ(DueAt(rule, {At("1990-01-01"), At("1990-01-01"), {}}), std::nullopt);
  rule.disposal = Disposal::kDpoConfirms;
  rule.period.years = 7;
  EXPECT_EQ(Validate(rule).error().field, "disposal");
}

TEST(RetentionTest, ValidationNamesTheField) {
  RetentionRule rule{RecordKind::kDraft, {RetentionTrigger::kFromDateOfBirth, 25, 0, {}}, Disposal::kAutomatic, "x"};
  EXPECT_EQ(Validate(rule).error().field, "trigger");
  rule.period = {RetentionTrigger::kFromCreation, 0, 0, {}};
  EXPECT_EQ(Validate(rule).error().field, "years");
  rule.period.days = 4000;
  EXPECT_EQ(Validate(rule).error().field, "days");
  rule = {RecordKind::kConcern, {RetentionTrigger::kFromDateOfBirth, 16, 0, {}}, Disposal::kDpoConfirms, "x"};
  EXPECT_EQ(Validate(rule).error().field, "years");
}

TEST(RetentionTest, AChildsCaseFileCannotBeSetToGoWithinSixYears) {
  RetentionRule rule{RecordKind::kConcern, {RetentionTrigger::kFromLastActivity, 0, 30, {}}, Disposal::kDpoConfirms, "x"};
  EXPECT_EQ(Validate(rule).error().field, "years");
  rule.period = {RetentionTrigger::kFromCreation, 5, 364, {}};
  EXPECT_EQ(Validate(rule).error().field, "years");
  rule.period = {RetentionTrigger::kFromCreation, 6, 0, {}};
  EXPECT_TRUE(Validate(rule));
  // A draft is not the child's file: its 30 days stand.
  EXPECT_TRUE(Validate(RuleFor(DefaultSchedule(OrganisationType::kSchool), RecordKind::kDraft)));
  for (auto type : {OrganisationType::kSchool, OrganisationType::kGpPractice, OrganisationType::kPolice,
                    OrganisationType::kChildrensServices, OrganisationType::kVoluntary})
    for (const auto& r : DefaultSchedule(type).rules) EXPECT_TRUE(Validate(r)) << static_cast<int>(r.kind);
}

TEST(RetentionTest, ThePublicSummaryReadsInPlainEnglish) {
  const auto lines = PublicSummary(DefaultSchedule(OrganisationType::kSchool));
  ASSERT_EQ(lines.size(), EnumNames<RecordKind>::kNames.size());
  EXPECT_EQ(lines[0].record, "Concerns about a child, with what was recorded about them");
  EXPECT_EQ(lines[0].how_long, "until the child's 25th birthday");
  EXPECT_NE(lines[0].source.find("IRMS"), std::string::npos);
  EXPECT_EQ(lines[4].how_long, "for 6 years after the last time anything was added or changed");
  EXPECT_EQ(lines[5].how_long, "for 30 days after the last time anything was added or changed");
  EXPECT_EQ(lines[8].how_long, "for as long as the service runs");
  const auto nhs = PublicSummary(DefaultSchedule(OrganisationType::kNhsTrust));
  EXPECT_EQ(nhs[0].how_long,
            "until the child's 25th birthday, or their 26th birthday if they were 17 when we last worked with them");
}

TEST(RetentionTest, AStoredScheduleMissingAKindFallsBackToTheDefault) {
  Schedule stored{OrganisationType::kSchool, {}};
  EXPECT_EQ(RuleFor(stored, RecordKind::kConcern).period.years, 25);
}

TEST(RetentionTest, KindsRoundTripThroughTheirNames) {
  for (const auto& [kind, name] : EnumNames<RecordKind>::kNames) EXPECT_EQ(ParseEnum<RecordKind>(name), kind);
  EXPECT_EQ(ParseEnum<RetentionTrigger>("from_date_of_birth"), RetentionTrigger::kFromDateOfBirth);
  EXPECT_EQ(ParseEnum<Disposal>("dpo_confirms"), Disposal::kDpoConfirms);
}

}  // namespace
}  // namespace jigsaw::domain
