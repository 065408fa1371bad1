// Recalling a disclosure sent in error, as use cases on each backend: the
// recipient loses it at once (no content, no inbox summary, no feedback),
// is told and confirms they keep no copy; only the sharer and their DSL
// may recall, and only once; the sharer's DPO is told of a possible breach
// with its 72-hour clock; and every step is in the audit log.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/random.h"
#include "service/administration.h"
#include "service/sharing.h"
#include "service/triage.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::Role;

class RecallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    school_ = Org("Elmside School");
    council_ = Org("Elmside Council");
    police_ = Org("Elmside Police");
    teacher_ = Add(school_, "school.teacher", {Role::kPractitioner});
    other_teacher_ = Add(school_, "school.other", {Role::kPractitioner});
    school_dsl_ = Add(school_, "school.dsl", {Role::kDesignatedSafeguardingLead});
    dpo_ = Add(school_, "school.dpo", {Role::kDataProtectionOfficer});
    worker_ = Add(council_, "council.worker", {Role::kPractitioner});
    council_dsl_ = Add(council_, "council.dsl", {Role::kDesignatedSafeguardingLead});
    officer_ = Add(police_, "police.officer", {Role::kDesignatedSafeguardingLead});
    disclosure_id_ = Send(school_, teacher_.id, council_);
  }
  std::string Org(std::string name) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), domain::OrganisationType::kOther, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  static Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }

  // A share as Sharing::Send makes one: the decision, the sealed content
  // and the sealed triage summary the recipient's inbox shows.
  std::string Send(const std::string& from, const std::string& sharer, const std::string& to) {
    const std::string id = NewId();  // the audit log keeps only well-formed ids
    EXPECT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
      domain::Decision d;
      d.id = NewId();
      d.organisation_id = from;
      d.child_id = "child1";
      d.decided_by = sharer;
      d.outcome = domain::DecisionOutcome::kShare;
      d.recipient_organisation_id = to;
      d.created_at = clock_.Now();
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertDecision(d));
      RecipientView view;
      view.child = RecipientView::Child{.given_name = "Ada", .family_name = "Test", .date_of_birth = "2015-01-02"};
      view.concern = RecipientView::Concern{.level = domain::ConcernLevel::kLow, .forms = {domain::AbuseForm::kNeglect}};
      view.sharer_organisation = "Elmside School";
      domain::Disclosure s;
      s.id = id;
      s.decision_id = d.id;
      s.sharer_organisation_id = from;
      s.sharer_id = sharer;
      s.recipient_organisation_id = to;
      s.child_id = "child1";
      s.sealed_content = sealer_.Seal(ToJson(view), s.id, to);
      s.created_at = clock_.Now();
      s.acknowledgement_due_at = clock_.Now() + std::chrono::hours(24);
      s.feedback_due_at = clock_.Now() + std::chrono::hours(240);
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertDisclosure(s));
      return RecordTriageSummary(tx, sealer_, s, view);
    }));
    return id;
  }
  std::vector<std::string> Notices(const domain::Practitioner& p) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      for (const auto& n : JIGSAW_TRY(tx.casework().Notifications(p.id, false, 100))) out.push_back(n.kind);
      return Ok();
    }));
    std::sort(out.begin(), out.end());
    return out;
  }
  std::size_t Audited(std::string action, domain::AuditOutcome outcome) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      q.object_id = disclosure_id_;
      for (const auto& r : JIGSAW_TRY(tx.audit().Search(q))) n += r.outcome == outcome ? 1 : 0;
      return Ok();
    }));
    return n;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  access::Sealer sealer_ = *access::Sealer::FromKeys({access::Sealer::NewKey()});
  WorkflowPolicy policy_;
  Sharing sharing_{*store_, clock_, trail_, sealer_, policy_};
  Triage triage_{*store_, clock_, trail_, sealer_};
  Context op_ = Context::Operator();
  std::string school_, council_, police_, disclosure_id_;
  domain::Practitioner teacher_, other_teacher_, school_dsl_, dpo_, worker_, council_dsl_, officer_;
};

TEST_F(RecallTest, TheRecipientLosesARecalledDisclosureAtOnceAndIsToldWhy) {
  // Read before the recall: the content is theirs.
  auto before = sharing_.GetDisclosure(As(worker_), disclosure_id_);
  ASSERT_TRUE(before) << before.error().message;
  ASSERT_TRUE(before->content.child);

  auto recalled = sharing_.Recall(As(teacher_), disclosure_id_, "  Sent to the wrong council.  ");
  ASSERT_TRUE(recalled) << recalled.error().message;
  EXPECT_EQ(recalled->recalled_by, teacher_.id);
  EXPECT_EQ(recalled->recalled_at, clock_.Now());
  EXPECT_EQ(recalled->recall_reason, "Sent to the wrong council.");

  // The recipient sees that it was recalled, when and why, and nothing of it.
  auto after = sharing_.GetDisclosure(As(worker_), disclosure_id_);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_TRUE(domain::IsRecalled(after->summary.disclosure));
  EXPECT_EQ(after->summary.disclosure.recall_reason, "Sent to the wrong council.");
  EXPECT_TRUE(after->content_json.empty());
  EXPECT_FALSE(after->content.child);
  EXPECT_TRUE(after->summary.disclosure.sealed_content.empty());
  EXPECT_TRUE(after->summary.disclosure.recalled_by.empty()) << "the sharer's staff are not the recipient's to know";

  // Nor can they give feedback, rate it or see its triage marks.
  auto feedback = sharing_.GiveFeedback(As(worker_), disclosure_id_, domain::FeedbackAction::kAdviceGiven, "");
  ASSERT_FALSE(feedback);
  EXPECT_EQ(feedback.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(triage_.Rate(As(council_dsl_), disclosure_id_, domain::RagRating::kRed));
  EXPECT_FALSE(triage_.Marks(As(worker_), disclosure_id_));

  // Their inbox marks it, with no summary of its content (destroyed).
  auto inbox = triage_.Inbox(As(council_dsl_), {});
  ASSERT_TRUE(inbox) << inbox.error().message;
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_TRUE(domain::IsRecalled(inbox->front().disclosure.disclosure));
  EXPECT_TRUE(inbox->front().about.child_name.empty());
  EXPECT_FALSE(inbox->front().overdue);
  EXPECT_TRUE(triage_.Inbox(As(council_dsl_), {.state = InboxState::kUnread})->empty()) << "nothing is owed on it";
  EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    EXPECT_TRUE(JIGSAW_TRY(tx.case_management().DisclosureSummaries({disclosure_id_})).empty());
    return Ok();
  }));

  // Everyone at the recipient who could have read it is told: who opened
  // it and the DSL.
  EXPECT_EQ(Notices(worker_), std::vector<std::string>{"disclosure.recalled"});
  EXPECT_EQ(Notices(council_dsl_), std::vector<std::string>{"disclosure.recalled"});
}

// The organisation it went to in error must learn nothing more from the
// reason: the child's name and date of birth are withheld from it.
TEST_F(RecallTest, TheReasonTellsTheWrongRecipientNothingMoreOfTheChild) {
  ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
    domain::Person child;
    child.id = "child1";
    child.organisation_id = school_;
    child.kind = domain::PersonKind::kChild;
    child.given_name = "Ada";
    child.family_name = "Thistlewood";
    child.date_of_birth = "2015-01-02";
    child.created_at = clock_.Now();
    return tx.casework().InsertPerson(child);
  }));
  auto recalled = sharing_.Recall(As(teacher_), disclosure_id_,
                                  "Ada Thistlewood, born 02/01/2015, was sent to the wrong council.");
  ASSERT_TRUE(recalled) << recalled.error().message;
  const std::string& reason = recalled->recall_reason;
  EXPECT_EQ(reason.find("Ada"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("Thistlewood"), std::string::npos) << reason;
  EXPECT_EQ(reason.find("02/01/2015"), std::string::npos) << reason;
  EXPECT_NE(reason.find("was sent to the wrong council"), std::string::npos) << reason;
  auto seen = sharing_.GetDisclosure(As(worker_), disclosure_id_);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->summary.disclosure.recall_reason, reason);
}

TEST_F(RecallTest, TheRecipientConfirmsTheyKeepNoCopyOnceAndTheSharerIsTold) {
  ASSERT_TRUE(sharing_.Recall(As(teacher_), disclosure_id_, "Wrong council."));
  // Not recalled: nothing to confirm.
  const std::string other = Send(school_, teacher_.id, council_);
  auto early = sharing_.ConfirmRecall(As(worker_), other);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  // Nobody but the recipient confirms.
  EXPECT_EQ(sharing_.ConfirmRecall(As(teacher_), disclosure_id_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(sharing_.ConfirmRecall(As(officer_), disclosure_id_).error().code, ErrorCode::kNotFound);

  clock_.Advance(std::chrono::hours(2));
  auto confirmed = sharing_.ConfirmRecall(As(worker_), disclosure_id_);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->recall_confirmed_by, worker_.id);
  EXPECT_EQ(confirmed->recall_confirmed_at, clock_.Now());
  auto again = sharing_.ConfirmRecall(As(council_dsl_), disclosure_id_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);

  // The sharer's view shows the recall and the confirmation, and still what
  // was sent (what the DPO assesses).
  auto view = sharing_.GetDisclosure(As(teacher_), disclosure_id_);
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_EQ(view->summary.disclosure.recalled_by, teacher_.id);
  EXPECT_EQ(view->summary.disclosure.recall_confirmed_by, worker_.id);
  EXPECT_TRUE(view->content.child);
  EXPECT_EQ(Notices(teacher_), std::vector<std::string>{"recall.confirmed"});
}

TEST_F(RecallTest, OnlyTheSharerOrTheirDslRecallsAndOnlyOnce) {
  for (const auto* who : {&other_teacher_, &dpo_})
    EXPECT_EQ(sharing_.Recall(As(*who), disclosure_id_, "Mistake.").error().code, ErrorCode::kPermissionDenied);
  for (const auto* who : {&worker_, &council_dsl_, &officer_})
    EXPECT_EQ(sharing_.Recall(As(*who), disclosure_id_, "Mistake.").error().code, ErrorCode::kNotFound);
  auto no_reason = sharing_.Recall(As(teacher_), disclosure_id_, "   ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(no_reason.error().field, "reason");
  EXPECT_FALSE(domain::IsRecalled(sharing_.GetDisclosure(As(teacher_), disclosure_id_)->summary.disclosure));

  ASSERT_TRUE(sharing_.Recall(As(school_dsl_), disclosure_id_, "Wrong child."));
  auto twice = sharing_.Recall(As(teacher_), disclosure_id_, "Wrong child.");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  // The sharer hears that their DSL recalled it.
  EXPECT_EQ(Notices(teacher_), std::vector<std::string>{"recall.possible_breach"});
}

TEST_F(RecallTest, TheDpoSeesAPossibleBreachWithItsSeventyTwoHourClock) {
  ASSERT_TRUE(sharing_.Recall(As(teacher_), disclosure_id_, "Wrong council."));
  EXPECT_EQ(Notices(dpo_), std::vector<std::string>{"recall.possible_breach"});
  EXPECT_TRUE(Notices(school_dsl_).empty()) << "there is a DPO: they assess it";
  auto flags = sharing_.Recalls(As(dpo_));
  ASSERT_TRUE(flags) << flags.error().message;
  ASSERT_EQ(flags->size(), 1u);
  const RecallFlag& f = flags->front();
  EXPECT_EQ(f.summary.disclosure.id, disclosure_id_);
  EXPECT_EQ(f.breach_report_due_at, testing::TestEpoch() + std::chrono::hours(72));
  EXPECT_EQ(f.summary.recipient_organisation, "Elmside Council");
  EXPECT_TRUE(f.summary.disclosure.sealed_content.empty());
  EXPECT_TRUE(sharing_.Recalls(As(school_dsl_)));
  EXPECT_EQ(sharing_.Recalls(As(teacher_)).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(sharing_.Recalls(As(council_dsl_))->empty()) << "the recipient's recalls are not theirs";
}

TEST_F(RecallTest, WithNoDpoTheDslIsToldOfThePossibleBreach) {
  // The council shares with the police in error; the council has no DPO.
  const std::string id = Send(council_, worker_.id, police_);
  ASSERT_TRUE(sharing_.Recall(As(worker_), id, "Meant for the school."));
  EXPECT_EQ(Notices(council_dsl_), std::vector<std::string>{"recall.possible_breach"});
  EXPECT_EQ(Notices(officer_), std::vector<std::string>{"disclosure.recalled"}) << "the police DSL is told it was recalled";
}

TEST_F(RecallTest, EveryStepIsInTheAuditLog) {
  ASSERT_TRUE(sharing_.Recall(As(teacher_), disclosure_id_, "Wrong council."));
  ASSERT_FALSE(sharing_.Recall(As(other_teacher_), disclosure_id_, "Mine?"));
  ASSERT_TRUE(sharing_.GetDisclosure(As(worker_), disclosure_id_));
  ASSERT_FALSE(sharing_.GiveFeedback(As(worker_), disclosure_id_, domain::FeedbackAction::kAdviceGiven, ""));
  ASSERT_TRUE(sharing_.ConfirmRecall(As(worker_), disclosure_id_));
  EXPECT_EQ(Audited("disclosure.recall", domain::AuditOutcome::kAllowed), 1u);
  EXPECT_EQ(Audited("disclosure.recall", domain::AuditOutcome::kDenied), 1u);
  EXPECT_EQ(Audited("disclosure.recall.view", domain::AuditOutcome::kAllowed), 1u);
  EXPECT_EQ(Audited("feedback.create", domain::AuditOutcome::kDenied), 1u);
  EXPECT_EQ(Audited("disclosure.recall.confirm", domain::AuditOutcome::kAllowed), 1u);
}

}  // namespace
}  // namespace jigsaw::service
