// Retention and erasure at the service on each backend (docs/retention.md):
// a concern is due only once its organisation's period has ended on the
// injected clock, and destroyed only by the DPO; a hold on the child stops
// it until lifted; the automatic purge removes drafts past their period and
// keeps newer ones; a refused erasure is recorded and changes nothing.
#include <gtest/gtest.h>

#include "access/sealing.h"
#include "service/administration.h"
#include "service/casework.h"
#include "service/drafts.h"
#include "service/retention.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::Role;

class RetentionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    auto org = admin_.AddOrganisation(op_, {"Elmside School", domain::OrganisationType::kSchool, domain::Sector::kPublic});
    ASSERT_TRUE(org);
    teacher_ = As(Add(org->id, "school.teacher", {Role::kPractitioner}));
    dpo_ = As(Add(org->id, "school.dpo", {Role::kDataProtectionOfficer}));
    dsl_ = As(Add(org->id, "school.dsl", {Role::kDesignatedSafeguardingLead}));
    // 17 on the test epoch (24 November 2026): 25 on 1 June 2034.
    auto child = casework_.AddPerson(teacher_, {.kind = domain::PersonKind::kChild, .given_name = "Ada",
                                                .family_name = "Elm", .date_of_birth = "2009-06-01"});
    ASSERT_TRUE(child) << child.error().message;
    child_ = child->id;
    NewConcern c{.child_id = child_, .forms = {domain::AbuseForm::kNeglect}, .level = domain::ConcernLevel::kLow,
                 .what_happened = "Ada came to school hungry."};
    c.items.push_back({.text = "Hungry three days running.", .source = "class teacher"});
    auto raised = casework_.RaiseConcern(teacher_, c);
    ASSERT_TRUE(raised) << raised.error().message;
    concern_ = raised->concern.id;
  }
  static Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  std::vector<std::string> Due() {
    auto review = retention_.Review(dpo_);
    EXPECT_TRUE(review) << review.error().message;
    std::vector<std::string> ids;
    if (review)
      for (const auto& d : review->due) ids.push_back(d.record_id);
    return ids;
  }
  std::string Account() {
    std::string account;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      account = JIGSAW_TRY(tx.casework().FindConcern(concern_))->what_happened;
      return Ok();
    }));
    return account;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Casework casework_{*store_, clock_, trail_};
  Retention retention_{*store_, clock_, trail_};
  Context op_ = Context::Operator();
  Context teacher_, dpo_, dsl_;
  std::string child_, concern_;
};

TEST_F(RetentionServiceTest, DueOnlyAtTheTwentyFifthBirthdayAndDestroyedOnlyByTheDpo) {
  EXPECT_TRUE(Due().empty());
  EXPECT_EQ(retention_.ConfirmDestruction(dpo_, concern_).error().code, ErrorCode::kFailedPrecondition);
  clock_.Advance(std::chrono::days(2745));  // 31 May 2034: the day before
  EXPECT_TRUE(Due().empty());
  clock_.Advance(std::chrono::days(1));
  ASSERT_EQ(Due(), std::vector<std::string>{concern_});
  EXPECT_EQ(retention_.ConfirmDestruction(dsl_, concern_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Account(), "Ada came to school hungry.");
  auto destroyed = retention_.ConfirmDestruction(dpo_, concern_);
  ASSERT_TRUE(destroyed) << destroyed.error().message;
  EXPECT_EQ(Account(), "");
  EXPECT_TRUE(Due().empty());
}

TEST_F(RetentionServiceTest, AHoldOnTheChildStopsDestructionUntilLifted) {
  clock_.Advance(std::chrono::days(2800));
  EXPECT_EQ(retention_.PlaceHold(dpo_, {domain::HoldSubject::kChild, child_, " "}).error().field, "reason");
  auto hold = retention_.PlaceHold(dpo_, {domain::HoldSubject::kChild, child_, "Practice review."});
  ASSERT_TRUE(hold) << hold.error().message;
  EXPECT_EQ(retention_.ConfirmDestruction(dpo_, concern_).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Account(), "Ada came to school hungry.");
  ASSERT_TRUE(retention_.LiftHold(dpo_, hold->id, "The review has reported."));
  EXPECT_EQ(retention_.LiftHold(dpo_, hold->id, "Again.").error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(retention_.ConfirmDestruction(dpo_, concern_));
}

TEST_F(RetentionServiceTest, ThePurgeRemovesDraftsPastTheirPeriodAndKeepsNewerOnes) {
  const auto sealer = access::Sealer::FromKeys({access::Sealer::NewKey()});
  ASSERT_TRUE(sealer);
  Drafts drafts{*store_, clock_, *sealer};
  ASSERT_TRUE(drafts.Save(teacher_, "old", "{}"));
  clock_.Advance(std::chrono::days(29));
  ASSERT_TRUE(drafts.Save(dsl_, "new", "{}"));
  clock_.Advance(std::chrono::days(2));  // the first is 31 days old, the second 2
  auto purged = retention_.Purge();
  ASSERT_TRUE(purged) << purged.error().message;
  EXPECT_EQ(purged->drafts, 1);
  EXPECT_EQ(drafts.Load(teacher_, "old").value(), "");
  EXPECT_EQ(drafts.Load(dsl_, "new").value(), "{}");
}

TEST_F(RetentionServiceTest, ARefusedErasureIsRecordedAndChangesNothing) {
  auto refused = retention_.DecideErasure(
      dpo_, {.person_id = child_, .requested_by = "Ada's father", .received_on = "2026-11-20",
             .outcome = domain::ErasureOutcome::kRefused, .ground = domain::ErasureGround::kLegalObligation,
             .reasons = "A statutory child protection record."});
  ASSERT_TRUE(refused) << refused.error().message;
  auto listed = retention_.ErasureRequests(dpo_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().reasons, "A statutory child protection record.");
  EXPECT_EQ(Account(), "Ada came to school hungry.");
  EXPECT_EQ(retention_.DecideErasure(teacher_, {.person_id = child_, .requested_by = "x", .received_on = "2026-11-20",
                                                .outcome = domain::ErasureOutcome::kGranted,
                                                .ground = domain::ErasureGround::kNoLongerNecessary, .reasons = "x"})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Account(), "Ada came to school hungry.");
}


TEST_F(RetentionServiceTest, ChangingAPeriodKeepsTheLaterBirthdayForAChildStillSeenAtSeventeen) {
  auto trust = admin_.AddOrganisation(op_, {"Elmside NHS Trust", domain::OrganisationType::kNhsTrust, domain::Sector::kPublic});
  ASSERT_TRUE(trust);
  const Context dpo = As(Add(trust->id, "trust.dpo", {Role::kDataProtectionOfficer}));
  auto before = retention_.ScheduleOf(dpo);
  ASSERT_TRUE(before) << before.error().message;
  domain::RetentionRule rule = domain::RuleFor(*before, domain::RecordKind::kConcern);
  ASSERT_TRUE(rule.period.extension) << "the NHS default keeps to the 26th birthday if seen at 17";
  const auto extension = *rule.period.extension;
  rule.period.extension.reset();  // as the form and the API send it: not asked
  rule.source = "Trust policy v3";
  ASSERT_TRUE(retention_.SetRule(dpo, rule));
  auto after = retention_.ScheduleOf(dpo);
  ASSERT_TRUE(after);
  const auto stored = domain::RuleFor(*after, domain::RecordKind::kConcern);
  ASSERT_TRUE(stored.period.extension);
  EXPECT_EQ(stored.period.extension->until_age, extension.until_age);
  EXPECT_EQ(stored.source, "Trust policy v3");
}

TEST_F(RetentionServiceTest, AHoldOnAChildStopsTheErasureOfTheirParentAndAHoldIsNeverOnAnAdult) {
  auto mother = casework_.AddPerson(teacher_,
                                    {.kind = domain::PersonKind::kParent, .given_name = "Olive", .family_name = "Elm",
                                     .address = "12 Refuge Road, Elmside", .postcode = "EL1 2AB"},
                                    LinkTo{child_, domain::RelationshipKind::kParent});
  ASSERT_TRUE(mother) << mother.error().message;
  auto on_mother = retention_.PlaceHold(dpo_, {domain::HoldSubject::kChild, mother->id, "Family court"});
  ASSERT_FALSE(on_mother);
  EXPECT_EQ(on_mother.error().field, "subject_id");

  auto hold = retention_.PlaceHold(dpo_, {domain::HoldSubject::kConcern, concern_, "Serious case review"});
  ASSERT_TRUE(hold) << hold.error().message;
  const NewErasureDecision erase{.person_id = mother->id, .requested_by = "Olive Elm", .received_on = "2026-11-20",
                                 .outcome = domain::ErasureOutcome::kGranted,
                                 .ground = domain::ErasureGround::kNoLongerNecessary, .reasons = "Asked by her."};
  auto held = retention_.DecideErasure(dpo_, erase);
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(held.error().message.find("Serious case review"), std::string::npos);
  auto listed = retention_.ErasureRequests(dpo_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty()) << "a refused destruction records nothing";

  ASSERT_TRUE(retention_.LiftHold(dpo_, hold->id, "Review finished"));
  auto granted = retention_.DecideErasure(dpo_, erase);
  ASSERT_TRUE(granted) << granted.error().message;
  // Filed under the child she is around, so the child's trail shows it.
  std::string filed_under;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    store::AuditQuery q;
    q.action = "erasure.grant";
    const auto records = JIGSAW_TRY(tx.audit().Search(q));
    if (!records.empty()) filed_under = records.front().child_id;
    return Ok();
  }));
  EXPECT_EQ(filed_under, child_);
  EXPECT_EQ(Account(), "Ada came to school hungry.") << "erasing the mother leaves the child's concern";
}

}  // namespace
}  // namespace jigsaw::service
