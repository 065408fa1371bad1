// Triage and case management as use cases, on each backend: the inbox's
// order and filters (pure), the triage summary that a share seals, and a
// DSL's tasks, closing and flags against a real store, with the audit
// record and the notice each leaves.
#include <gtest/gtest.h>

#include <algorithm>

#include "access/policy.h"
#include "service/administration.h"
#include "service/case_management.h"
#include "service/triage.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::ConcernLevel;
using domain::RagRating;
using domain::Role;

InboxEntry Entry(std::string id, int minutes, std::optional<ConcernLevel> level, std::optional<RagRating> rating,
                 std::string allocated_to = {}) {
  InboxEntry e;
  e.disclosure.disclosure.id = std::move(id);
  e.disclosure.disclosure.created_at = testing::TestEpoch() + std::chrono::minutes(minutes);
  e.about.level = level;
  e.marks.rating = rating;
  e.marks.allocated_to = std::move(allocated_to);
  return e;
}

std::vector<std::string> Ids(const std::vector<InboxEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.disclosure.disclosure.id);
  return out;
}

TEST(TriageArrange, SortsByEachKeyWithNewestFirstOnTies) {
  const std::vector<InboxEntry> all = {Entry("a", 0, ConcernLevel::kLow, RagRating::kGreen),
                                       Entry("b", 10, ConcernLevel::kImmediate, std::nullopt, "me"),
                                       Entry("c", 20, ConcernLevel::kLow, RagRating::kRed),
                                       Entry("d", 30, std::nullopt, RagRating::kAmber, "you")};
  EXPECT_EQ(Ids(Arrange(all, {}, "me")), (std::vector<std::string>{"d", "c", "b", "a"}));
  EXPECT_EQ(Ids(Arrange(all, {.sort = InboxSort::kOldest}, "me")), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(Ids(Arrange(all, {.sort = InboxSort::kLevel}, "me")), (std::vector<std::string>{"b", "c", "a", "d"}));
  EXPECT_EQ(Ids(Arrange(all, {.sort = InboxSort::kRating}, "me")), (std::vector<std::string>{"c", "d", "a", "b"}));
}

TEST(TriageArrange, FiltersByRatingAllocationAndLevel) {
  const std::vector<InboxEntry> all = {Entry("a", 0, ConcernLevel::kLow, RagRating::kGreen),
                                       Entry("b", 10, ConcernLevel::kImmediate, std::nullopt, "me"),
                                       Entry("c", 20, ConcernLevel::kLow, RagRating::kRed, "you")};
  EXPECT_EQ(Ids(Arrange(all, {.rating = RatingFilter::kUnrated}, "me")), (std::vector<std::string>{"b"}));
  EXPECT_EQ(Ids(Arrange(all, {.rating = RatingFilter::kRed}, "me")), (std::vector<std::string>{"c"}));
  EXPECT_EQ(Ids(Arrange(all, {.allocation = AllocationFilter::kUnallocated}, "me")), (std::vector<std::string>{"a"}));
  EXPECT_EQ(Ids(Arrange(all, {.allocation = AllocationFilter::kMine}, "me")), (std::vector<std::string>{"b"}));
  // No one is "mine" without an actor.
  EXPECT_TRUE(Arrange(all, {.allocation = AllocationFilter::kMine}, "").empty());
  EXPECT_EQ(Ids(Arrange(all, {.level = ConcernLevel::kLow}, "me")), (std::vector<std::string>{"c", "a"}));
}

TEST(TriageSummaryText, ReadsBackWhatWasWritten) {
  TriageSummary s{.child_name = "Ada Test", .child_date_of_birth = "2015-01-02", .level = ConcernLevel::kSignificant,
                  .forms = {domain::AbuseForm::kNeglect, domain::AbuseForm::kPhysicalAbuse}, .emergency = true,
                  .family = FamilyInformed::kNotToBeTold, .sharer_practitioner = "Bryn Ashcombe",
                  .sharer_role = Role::kDesignatedSafeguardingLead};
  auto back = ParseTriageSummary(ToJson(s));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->child_name, "Ada Test");
  EXPECT_EQ(back->level, ConcernLevel::kSignificant);
  EXPECT_EQ(back->forms, s.forms);
  EXPECT_TRUE(back->emergency);
  EXPECT_EQ(back->family, FamilyInformed::kNotToBeTold);
  EXPECT_EQ(back->sharer_practitioner, "Bryn Ashcombe");
  EXPECT_EQ(back->sharer_role, Role::kDesignatedSafeguardingLead);
  EXPECT_FALSE(ParseTriageSummary("[1]"));
}

class CaseManagementServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    auto org = admin_.AddOrganisation(op_, {"Elmside School", domain::OrganisationType::kSchool, domain::Sector::kPublic});
    ASSERT_TRUE(org);
    school_ = org->id;
    dsl_ = Add("school.dsl", {Role::kDesignatedSafeguardingLead});
    teacher_ = Add("school.teacher", {Role::kPractitioner});
    admin_person_ = Add("school.admin", {Role::kAdministrator});
    ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
      domain::Person child{.id = "child1", .organisation_id = school_, .given_name = "Ada", .family_name = "Test",
                           .date_of_birth = "2015-01-02", .created_by = teacher_.id, .created_at = clock_.Now()};
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertPerson(child));
      domain::Concern c{.id = "concern1", .organisation_id = school_, .child_id = "child1", .raised_by = teacher_.id,
                        .forms = {domain::AbuseForm::kNeglect}, .level = ConcernLevel::kLow, .what_happened = "Hungry.",
                        .created_at = clock_.Now()};
      return tx.casework().InsertConcern(c);
    }));
  }
  domain::Practitioner Add(std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {school_, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  static Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }
  std::size_t Records(std::string action, domain::AuditOutcome outcome) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      q.limit = 100;
      for (const auto& r : JIGSAW_TRY(tx.audit().Search(q))) n += r.outcome == outcome ? 1 : 0;
      return Ok();
    }));
    return n;
  }
  std::vector<std::string> Notices(const std::string& practitioner_id) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      for (const auto& n : JIGSAW_TRY(tx.casework().Notifications(practitioner_id, false, 100))) out.push_back(n.kind);
      return Ok();
    }));
    std::sort(out.begin(), out.end());
    return out;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};  // 2026-11-24
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  CaseManagement cases_{*store_, clock_, trail_};
  Context op_ = Context::Operator();
  std::string school_;
  domain::Practitioner dsl_, teacher_, admin_person_;
};

TEST_F(CaseManagementServiceTest, ATaskIsGivenRemindedReassignedAndDoneBeforeTheConcernCloses) {
  // Bad input names its field and writes nothing.
  auto past = cases_.AddTask(As(dsl_), {"concern1", "Speak to mum", teacher_.id, "2026-11-23"});
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().field, "due_on");
  auto nobody = cases_.AddTask(As(dsl_), {"concern1", "Speak to mum", admin_person_.id, "2026-11-25"});
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().field, "owner_id");
  EXPECT_EQ(Records("task.create", domain::AuditOutcome::kAllowed), 0u);
  EXPECT_EQ(cases_.AddTask(As(teacher_), {"concern1", "Speak to mum", teacher_.id, "2026-11-25"}).error().code,
            ErrorCode::kPermissionDenied);

  auto task = cases_.AddTask(As(dsl_), {"concern1", "Speak to mum", teacher_.id, "2026-11-25"});
  ASSERT_TRUE(task) << task.error().message;
  EXPECT_EQ(task->child_id, "child1");
  EXPECT_EQ(Notices(teacher_.id), std::vector<std::string>{"task.assigned"});
  auto mine = cases_.Tasks(As(teacher_), true);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].child_name, "Ada Test");
  EXPECT_FALSE((*mine)[0].overdue);

  auto blocked = cases_.Close(As(dsl_), "concern1", domain::ConcernOutcome::kEarlyHelp, "Family agreed.");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().field, "tasks");

  clock_.Advance(std::chrono::hours(24 * 2));  // 2026-11-26: past its day
  auto late = cases_.GetTask(As(teacher_), task->id);
  ASSERT_TRUE(late);
  EXPECT_TRUE(late->overdue);
  EXPECT_FALSE(late->may_reassign);
  auto moved = cases_.Reassign(As(dsl_), task->id, dsl_.id, "2026-11-30");
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(cases_.GetTask(As(teacher_), task->id).error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(cases_.Complete(As(dsl_), task->id));
  EXPECT_EQ(cases_.Complete(As(dsl_), task->id).error().code, ErrorCode::kFailedPrecondition);

  auto closed = cases_.Close(As(dsl_), "concern1", domain::ConcernOutcome::kEarlyHelp, "Family agreed.");
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->status, domain::ConcernStatus::kClosed);
  EXPECT_EQ(Notices(teacher_.id), (std::vector<std::string>{"concern.closed", "task.assigned"}));
  auto load = cases_.CaseloadOf(As(dsl_), {});
  ASSERT_TRUE(load);
  EXPECT_TRUE(load->open.empty());
  ASSERT_EQ(load->children.size(), 1u);
  EXPECT_EQ(load->children[0].closed_concerns, 1u);
  EXPECT_EQ(Records("concern.close", domain::AuditOutcome::kAllowed), 1u);
  EXPECT_EQ(Records("task.create", domain::AuditOutcome::kDenied), 1u);
}

TEST_F(CaseManagementServiceTest, AFlagIsSeenByStaffWhoMaySeeTheChildAndEndedByTheDsl) {
  EXPECT_EQ(cases_.SetFlag(As(teacher_), "child1", {domain::ChildFlagKind::kLookedAfter, "2026-09-01", ""}).error().code,
            ErrorCode::kPermissionDenied);
  auto future = cases_.SetFlag(As(dsl_), "child1", {domain::ChildFlagKind::kLookedAfter, "2026-12-01", ""});
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "started_on");
  auto other = cases_.SetFlag(As(dsl_), "child1", {domain::ChildFlagKind::kOther, "2026-09-01", ""});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().field, "note");

  auto flag = cases_.SetFlag(As(dsl_), "child1", {domain::ChildFlagKind::kChildProtectionPlan, "2026-09-01", ""});
  ASSERT_TRUE(flag) << flag.error().message;
  auto seen = cases_.Flags(As(teacher_), "child1");
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->flags.size(), 1u);
  EXPECT_EQ(seen->flags[0].kind, domain::ChildFlagKind::kChildProtectionPlan);
  EXPECT_FALSE(seen->may_manage);
  EXPECT_FALSE(cases_.Flags(As(admin_person_), "child1"));

  ASSERT_TRUE(cases_.EndFlag(As(dsl_), flag->id, "2026-11-24"));
  EXPECT_EQ(cases_.EndFlag(As(dsl_), flag->id, "2026-11-24").error().code, ErrorCode::kFailedPrecondition);
  clock_.Advance(std::chrono::hours(24));
  EXPECT_FALSE(domain::IsCurrent(cases_.Flags(As(dsl_), "child1")->flags[0], clock_.Now()));
}

}  // namespace
}  // namespace jigsaw::service
