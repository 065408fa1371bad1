// Training (docs/workflow.md, "Training"): a practitioner records their
// own, their DSL or administrator records it for them, anyone else is
// refused; lapsed or missing training is on the home page until it is
// recorded; the DSL's staff view shows each state on the injected clock;
// a bad date names its field and writes nothing; all of it is audited.
#include <gtest/gtest.h>

#include "service/administration.h"
#include "service/overview.h"
#include "service/training.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::Role;
using domain::TrainingKind;
using domain::TrainingState;

class TrainingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    school_ = Org("Elmside School");
    police_ = Org("Elmside Police");
    teacher_ = Add(school_, "school.teacher", {Role::kPractitioner});
    colleague_ = Add(school_, "school.colleague", {Role::kPractitioner});
    dsl_ = Add(school_, "school.dsl", {Role::kDesignatedSafeguardingLead});
    admin_user_ = Add(school_, "school.admin", {Role::kAdministrator});
    officer_ = Add(police_, "police.officer", {Role::kPractitioner});
  }
  std::string Org(std::string name) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), domain::OrganisationType::kOther, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam " + username, roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  static Context As(const domain::Practitioner& p) {
    return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"};
  }
  static NewTraining Course(std::string who, TrainingKind kind, std::string completed, std::string expires) {
    return NewTraining{std::move(who), kind, "Sharing safely", std::move(completed), std::move(expires)};
  }
  std::size_t Records(const std::string& practitioner_id) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      n = JIGSAW_TRY(tx.training().Of(practitioner_id)).size();
      return Ok();
    }));
    return n;
  }
  std::size_t AuditCount(std::string action, domain::AuditOutcome outcome) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      for (const auto& r : JIGSAW_TRY(tx.audit().Search(q)))
        if (r.outcome == outcome) ++n;
      return Ok();
    }));
    return n;
  }
  std::vector<TrainingStatus> Due(const domain::Practitioner& p) {
    auto needs = overview_.WhatNeedsMeNow(As(p));
    EXPECT_TRUE(needs) << needs.error().message;
    return needs ? needs->training_due : std::vector<TrainingStatus>{};
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};  // 2026-11-24
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Training training_{*store_, clock_, trail_};
  Overview overview_{*store_, clock_, trail_};
  Context op_ = Context::Operator();
  std::string school_, police_;
  domain::Practitioner teacher_, colleague_, dsl_, admin_user_, officer_;
};

TEST_F(TrainingServiceTest, APractitionerRecordsTheirOwnTraining) {
  auto done = training_.Record(As(teacher_), Course({}, TrainingKind::kDataProtection, "2026-10-01", "2027-10-01"));
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->practitioner_id, teacher_.id);
  EXPECT_EQ(done->recorded_by, teacher_.id);
  EXPECT_EQ(done->organisation_id, school_);
  auto mine = training_.Of(As(teacher_), {});
  ASSERT_TRUE(mine) << mine.error().message;
  ASSERT_EQ(mine->records.size(), 1u);
  EXPECT_EQ(mine->records[0].course, "Sharing safely");
  EXPECT_EQ(mine->status[1].kind, TrainingKind::kDataProtection);
  EXPECT_EQ(mine->status[1].state, TrainingState::kCurrent);
  EXPECT_EQ(mine->status[0].state, TrainingState::kNone);
  EXPECT_EQ(AuditCount("training.record", domain::AuditOutcome::kAllowed), 1u);
  EXPECT_EQ(AuditCount("training.view", domain::AuditOutcome::kAllowed), 1u);
}

TEST_F(TrainingServiceTest, TheDslAndTheAdministratorRecordItForTheirStaff) {
  auto by_dsl = training_.Record(As(dsl_), Course(teacher_.id, TrainingKind::kSafeguarding, "2026-09-01", "2027-09-01"));
  ASSERT_TRUE(by_dsl) << by_dsl.error().message;
  EXPECT_EQ(by_dsl->recorded_by, dsl_.id);
  auto by_admin =
      training_.Record(As(admin_user_), Course(teacher_.id, TrainingKind::kDataProtection, "2026-09-01", "2027-09-01"));
  ASSERT_TRUE(by_admin) << by_admin.error().message;
  EXPECT_EQ(Records(teacher_.id), 2u);
  auto seen = training_.Of(As(dsl_), teacher_.id);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->recorded_by_names.size(), 2u);
}

TEST_F(TrainingServiceTest, SomeoneElsesTrainingIsRefused) {
  // A colleague without the DSL's or administrator's role.
  auto colleague =
      training_.Record(As(colleague_), Course(teacher_.id, TrainingKind::kDataProtection, "2026-09-01", "2027-09-01"));
  ASSERT_FALSE(colleague);
  EXPECT_EQ(colleague.error().code, ErrorCode::kPermissionDenied);
  // Another organisation: the person is not revealed.
  auto outsider =
      training_.Record(As(officer_), Course(teacher_.id, TrainingKind::kDataProtection, "2026-09-01", "2027-09-01"));
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(training_.Of(As(colleague_), teacher_.id));
  EXPECT_FALSE(training_.Of(As(officer_), teacher_.id));
  EXPECT_FALSE(training_.StaffOf(As(colleague_)));
  EXPECT_EQ(Records(teacher_.id), 0u);
  EXPECT_GE(AuditCount("training.record", domain::AuditOutcome::kDenied), 2u);
}

TEST_F(TrainingServiceTest, LapsedTrainingIsOnTheHomePageUntilItIsRecorded) {
  ASSERT_TRUE(training_.Record(As(teacher_), Course({}, TrainingKind::kInformationSharing, "2024-01-01", "2026-11-23")));
  auto due = Due(teacher_);
  ASSERT_EQ(due.size(), 3u);  // a practitioner keeps all three kinds
  EXPECT_EQ(due[0].kind, TrainingKind::kInformationSharing);
  EXPECT_EQ(due[0].state, TrainingState::kLapsed);
  EXPECT_EQ(due[0].expires_on, "2026-11-23");
  EXPECT_EQ(due[1].state, TrainingState::kNone);

  for (const auto kind : {TrainingKind::kInformationSharing, TrainingKind::kDataProtection, TrainingKind::kSafeguarding})
    ASSERT_TRUE(training_.Record(As(teacher_), Course({}, kind, "2026-11-24", "2027-11-24")));
  EXPECT_TRUE(Due(teacher_).empty());

  // A year on, it has lapsed again (the injected clock, not the wall's).
  clock_.Advance(std::chrono::days{366});
  EXPECT_EQ(Due(teacher_).size(), 3u);
}

TEST_F(TrainingServiceTest, TheDslSeesEachMemberOfStaffsStateOnTheInjectedClock) {
  // Today is 2026-11-24: expiring means on or before 2026-12-24.
  ASSERT_TRUE(training_.Record(As(dsl_), Course(teacher_.id, TrainingKind::kInformationSharing, "2025-01-01", "2027-06-01")));
  ASSERT_TRUE(training_.Record(As(dsl_), Course(teacher_.id, TrainingKind::kDataProtection, "2025-01-01", "2026-12-10")));
  ASSERT_TRUE(training_.Record(As(dsl_), Course(teacher_.id, TrainingKind::kSafeguarding, "2024-01-01", "2026-11-01")));
  auto staff = training_.StaffOf(As(dsl_));
  ASSERT_TRUE(staff) << staff.error().message;
  EXPECT_EQ(staff->staff.size(), 4u);  // the school's four, not the police officer
  const StaffMemberTraining* teacher = nullptr;
  for (const auto& m : staff->staff)
    if (m.practitioner_id == teacher_.id) teacher = &m;
  ASSERT_NE(teacher, nullptr);
  EXPECT_EQ(teacher->status[0].state, TrainingState::kCurrent);
  EXPECT_EQ(teacher->status[1].state, TrainingState::kExpiring);
  EXPECT_EQ(teacher->status[2].state, TrainingState::kLapsed);
  EXPECT_EQ(staff->counts[TrainingKind::kInformationSharing][TrainingState::kCurrent], 1);
  EXPECT_EQ(staff->counts[TrainingKind::kInformationSharing][TrainingState::kNone], 3);
  EXPECT_EQ(staff->counts[TrainingKind::kSafeguarding][TrainingState::kLapsed], 1);

  // Six months on, what was current is expiring and what was expiring has lapsed.
  clock_.Advance(std::chrono::days{180});
  staff = training_.StaffOf(As(dsl_));
  ASSERT_TRUE(staff);
  for (const auto& m : staff->staff)
    if (m.practitioner_id == teacher_.id) {
      EXPECT_EQ(m.status[0].state, TrainingState::kExpiring);
      EXPECT_EQ(m.status[1].state, TrainingState::kLapsed);
    }
  EXPECT_EQ(AuditCount("training.staff.view", domain::AuditOutcome::kAllowed), 2u);
}

TEST_F(TrainingServiceTest, ABadDateNamesItsFieldAndWritesNothing) {
  auto not_real = training_.Record(As(teacher_), Course({}, TrainingKind::kDataProtection, "2026-02-30", "2027-02-28"));
  ASSERT_FALSE(not_real);
  EXPECT_EQ(not_real.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(not_real.error().field, "completed_on");
  auto future = training_.Record(As(teacher_), Course({}, TrainingKind::kDataProtection, "2026-12-01", "2027-12-01"));
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "completed_on");
  auto before = training_.Record(As(teacher_), Course({}, TrainingKind::kDataProtection, "2026-10-01", "2026-09-01"));
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().field, "expires_on");
  auto missing = training_.Record(As(teacher_), Course({}, TrainingKind::kDataProtection, "2026-10-01", ""));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "expires_on");
  EXPECT_EQ(Records(teacher_.id), 0u);
  EXPECT_EQ(AuditCount("training.record", domain::AuditOutcome::kAllowed), 0u);

  // Every problem at once, for the form's error summary.
  const auto problems = domain::Problems(domain::TrainingRecord{.course = "", .completed_on = "?", .expires_on = ""},
                                         "2026-11-24");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "course");
  EXPECT_EQ(problems[1].field, "completed_on");
  EXPECT_EQ(problems[2].field, "expires_on");
}

}  // namespace
}  // namespace jigsaw::service
