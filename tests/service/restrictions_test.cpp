// Restriction of processing (UK GDPR Article 18) and objection (Article 21)
// at the service on each backend (docs/rights.md): while a restriction
// stands, the child's record, search, concern lists and the concern itself
// give practitioners and the DSL a marker and nothing else, a direct read is
// refused and audited as denied, the DPO still reads; lifting restores it
// all. A restricted parent is masked on the child's record, which remains.
// An objection and its decision reach the sharing assessment. Every change
// is audited under the child; bad input writes nothing.
#include <gtest/gtest.h>

#include "service/administration.h"
#include "service/casework.h"
#include "service/overview.h"
#include "service/restrictions.h"
#include "service/sharing.h"
#include "access/sealing.h"
#include "common/random.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::Role;

class RestrictionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    auto org = admin_.AddOrganisation(op_, {"Elmside School", domain::OrganisationType::kSchool, domain::Sector::kPublic});
    ASSERT_TRUE(org);
    teacher_ = As(Add(org->id, "school.teacher", {Role::kPractitioner}));
    dpo_ = As(Add(org->id, "school.dpo", {Role::kDataProtectionOfficer}));
    dsl_ = As(Add(org->id, "school.dsl", {Role::kDesignatedSafeguardingLead}));
    auto other = admin_.AddOrganisation(op_, {"Oakfield School", domain::OrganisationType::kSchool, domain::Sector::kPublic});
    ASSERT_TRUE(other);
    other_dpo_ = As(Add(other->id, "oak.dpo", {Role::kDataProtectionOfficer}));
    auto child = casework_.AddPerson(teacher_, {.kind = domain::PersonKind::kChild, .given_name = "Ada",
                                                .family_name = "Elmwright", .date_of_birth = "2016-06-01"});
    ASSERT_TRUE(child) << child.error().message;
    child_ = child->id;
    auto mother = casework_.AddPerson(teacher_, {.kind = domain::PersonKind::kParent, .given_name = "Morwenna",
                                                 .family_name = "Elmwright"},
                                      LinkTo{child_, domain::RelationshipKind::kParent});
    ASSERT_TRUE(mother) << mother.error().message;
    mother_ = mother->id;
    NewConcern c{.child_id = child_, .forms = {domain::AbuseForm::kNeglect}, .level = domain::ConcernLevel::kLow,
                 .what_happened = "Ada came to school hungry."};
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
  std::vector<domain::AuditRecord> Audited(const std::string& action, domain::AuditOutcome outcome) {
    std::vector<domain::AuditRecord> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = action;
      q.outcome = outcome;
      out = JIGSAW_TRY(tx.audit().Search(q));
      return Ok();
    }));
    return out;
  }
  bool SearchShowsName(const Context& who) {
    auto found = casework_.FindPeople(who, "Elmwright");
    EXPECT_TRUE(found) << found.error().message;
    for (const auto& p : *found)
      if (p.id == child_) return !p.restricted_since && p.given_name == "Ada";
    ADD_FAILURE() << "the child is not in the search at all";
    return false;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Casework casework_{*store_, clock_, trail_};
  Overview overview_{*store_, clock_, trail_};
  Restrictions restrictions_{*store_, clock_, trail_};
  access::Sealer sealer_ = *access::Sealer::FromSecret(RandomBytes(32));
  WorkflowPolicy policy_;
  Sharing sharing_{*store_, clock_, trail_, sealer_, policy_};
  Context op_ = Context::Operator();
  Context teacher_, dpo_, dsl_, other_dpo_;
  std::string child_, mother_, concern_;
};

TEST_F(RestrictionServiceTest, ARestrictedChildIsWithheldFromPractitionersAndTheDslUntilLifted) {
  auto placed = restrictions_.Restrict(dpo_, {child_, "Ada's mother contests the record's accuracy."});
  ASSERT_TRUE(placed) << placed.error().message;

  for (const Context* who : {&teacher_, &dsl_}) {
    EXPECT_FALSE(SearchShowsName(*who));
    auto person = casework_.GetPerson(*who, child_);
    ASSERT_FALSE(person);
    EXPECT_EQ(person.error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(person.error().field, "restriction");
    EXPECT_NE(person.error().message.find("Records restricted by the data protection officer on"), std::string::npos);
    EXPECT_EQ(person.error().message.find("contests"), std::string::npos) << "the reason is the DPO's";
    auto concern = casework_.GetConcern(*who, concern_);
    ASSERT_FALSE(concern);
    EXPECT_EQ(concern.error().field, "restriction");
    EXPECT_FALSE(casework_.AddItem(*who, concern_, {.text = "More.", .source = "teacher"}));
  }
  auto mine = casework_.MyConcerns(teacher_);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_TRUE(mine->front().restricted_since);
  EXPECT_TRUE(mine->front().what_happened.empty());
  auto queue = casework_.SafeguardingQueue(dsl_);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_TRUE(queue->front().restricted_since);
  EXPECT_TRUE(queue->front().forms.empty());
  auto home = overview_.WhatNeedsMeNow(teacher_);
  ASSERT_TRUE(home);
  EXPECT_EQ(home->child_names[child_].find("Ada"), std::string::npos);
  EXPECT_NE(home->child_names[child_].find("Records restricted"), std::string::npos);
  // Refused reads are audited as denied, filed under the child.
  const auto denied = Audited("person.view", domain::AuditOutcome::kDenied);
  ASSERT_EQ(denied.size(), 2u);
  EXPECT_EQ(denied.front().child_id, child_);

  // The DPO still reads them: their register names the child.
  auto reg = restrictions_.Register(dpo_);
  ASSERT_TRUE(reg) << reg.error().message;
  EXPECT_EQ(reg->names[child_], "Ada Elmwright");

  EXPECT_EQ(restrictions_.Lift(dpo_, placed->id, " ").error().field, "lift_reason");
  auto lifted = restrictions_.Lift(dpo_, placed->id, "Checked: the record is accurate.");
  ASSERT_TRUE(lifted) << lifted.error().message;
  EXPECT_EQ(restrictions_.Lift(dpo_, placed->id, "Again.").error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(SearchShowsName(teacher_));
  EXPECT_TRUE(casework_.GetPerson(teacher_, child_));
  auto concern = casework_.GetConcern(dsl_, concern_);
  ASSERT_TRUE(concern);
  EXPECT_EQ(concern->concern.what_happened, "Ada came to school hungry.");

  for (const auto* action : {"restriction.place", "restriction.lift"}) {
    const auto records = Audited(action, domain::AuditOutcome::kAllowed);
    ASSERT_EQ(records.size(), 1u) << action;
    EXPECT_EQ(records.front().child_id, child_) << action;
  }
}

TEST_F(RestrictionServiceTest, ARestrictedParentIsMaskedOnTheChildsRecordWhichRemains) {
  ASSERT_TRUE(restrictions_.Restrict(dpo_, {mother_, "She objects to being recorded."}));
  auto record = casework_.GetPerson(teacher_, child_);
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_EQ(record->person.given_name, "Ada");
  ASSERT_EQ(record->related.size(), 1u);
  const auto& mother = record->related.front().person;
  EXPECT_TRUE(mother.restricted_since);
  EXPECT_TRUE(mother.given_name.empty());
  EXPECT_EQ(mother.FullName().find("Morwenna"), std::string::npos);
  EXPECT_EQ(casework_.GetPerson(teacher_, mother_).error().field, "restriction");
  // Audited under the child the mother is around.
  EXPECT_EQ(Audited("restriction.place", domain::AuditOutcome::kAllowed).front().child_id, child_);
}

TEST_F(RestrictionServiceTest, AnObjectionIsRecordedDecidedOnceAndShownOnTheRecord) {
  auto objection = restrictions_.RecordObjection(
      dpo_, {.person_id = child_, .received_on = "2026-11-20", .objector = domain::Objector::kOnTheirBehalf,
             .objector_name = "Morwenna Elmwright, mother", .grounds = "The school should not tell anyone."});
  ASSERT_TRUE(objection) << objection.error().message;
  auto record = casework_.GetPerson(teacher_, child_);
  ASSERT_TRUE(record);
  ASSERT_EQ(record->objections.size(), 1u);
  EXPECT_EQ(record->objections.front().decision, domain::ObjectionDecision::kAwaiting);

  EXPECT_EQ(restrictions_.DecideObjection(dpo_, objection->id, {domain::ObjectionDecision::kNotUpheld, ""})
                .error()
                .field,
            "decision_reason");
  auto decided = restrictions_.DecideObjection(
      dpo_, objection->id, {domain::ObjectionDecision::kNotUpheld, "Ada's safety needs the school to share."});
  ASSERT_TRUE(decided) << decided.error().message;
  EXPECT_EQ(restrictions_.DecideObjection(dpo_, objection->id, {domain::ObjectionDecision::kUpheld, "Changed."})
                .error()
                .code,
            ErrorCode::kFailedPrecondition);
  record = casework_.GetPerson(teacher_, child_);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->objections.front().decision, domain::ObjectionDecision::kNotUpheld);
  EXPECT_EQ(Audited("objection.decide", domain::AuditOutcome::kAllowed).front().child_id, child_);
}

TEST_F(RestrictionServiceTest, OnlyTheOrganisationsDpoRestrictsAndBadInputWritesNothing) {
  EXPECT_EQ(restrictions_.Restrict(teacher_, {child_, "No."}).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(restrictions_.Restrict(dsl_, {child_, "No."}).error().code, ErrorCode::kPermissionDenied);
  auto foreign = restrictions_.Restrict(other_dpo_, {child_, "Not theirs."});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(foreign.error().field, "person_id");
  EXPECT_EQ(restrictions_.Restrict(dpo_, {child_, "  "}).error().field, "reason");
  EXPECT_EQ(restrictions_.Restrict(dpo_, {"no-such-person", "Reason."}).error().field, "person_id");
  EXPECT_EQ(restrictions_.RecordObjection(dpo_, {.person_id = child_, .received_on = "2099-01-01",
                                                 .grounds = "Too early."})
                .error()
                .field,
            "received_on");
  EXPECT_EQ(restrictions_.RecordObjection(dpo_, {.person_id = child_, .received_on = "2026-11-20",
                                                 .objector = domain::Objector::kOnTheirBehalf, .grounds = "Who?"})
                .error()
                .field,
            "objector_name");
  auto reg = restrictions_.Register(dpo_);
  ASSERT_TRUE(reg);
  EXPECT_TRUE(reg->restrictions.empty());
  EXPECT_TRUE(reg->objections.empty());
  EXPECT_TRUE(SearchShowsName(teacher_));

  ASSERT_TRUE(restrictions_.Restrict(dpo_, {child_, "Contested."}));
  EXPECT_EQ(restrictions_.Restrict(dpo_, {child_, "Twice."}).error().code, ErrorCode::kAlreadyExists);
  // Another organisation's DPO sees none of it.
  auto theirs = restrictions_.Register(other_dpo_);
  ASSERT_TRUE(theirs);
  EXPECT_TRUE(theirs->restrictions.empty());
  EXPECT_FALSE(restrictions_.Register(teacher_));
}

TEST_F(RestrictionServiceTest, TheSharersDecisionsAndCopiesOfWhatItSentAboutARestrictedChildAreWithheldToo) {
  auto council = admin_.AddOrganisation(op_, {"Elmside Council", domain::OrganisationType::kChildrensServices,
                                              domain::Sector::kPublic});
  ASSERT_TRUE(council);
  const Context worker = As(Add(council->id, "council.worker", {Role::kPractitioner}));
  auto item = casework_.AddItem(teacher_, concern_, {.text = "Hungry three days running.", .source = "class teacher"});
  ASSERT_TRUE(item) << item.error().message;
  NewDecision d;
  d.concern_id = concern_;
  d.recipient_organisation_id = council->id;
  d.items = {{item->id, true, true}};
  d.share_items = {item->id};
  d.circumstances = Circumstances{.purpose = guidance::Purpose::kSafeguarding, .risk = guidance::Risk::kSignificant};
  d.circumstances->informing.compromises_investigation = true;
  d.concern_account = domain::ConcernAccount::kShared;
  d.outcome = domain::DecisionOutcome::kShare;
  d.record.rationale = "Ada may be neglected at home.";
  d.record.lawful_basis = "public_task";
  d.record.informing = domain::Informing{.reason_not_told = "It could place Ada at risk."};
  auto decided = sharing_.Decide(dsl_, d);
  ASSERT_TRUE(decided) << decided.error().message;
  ASSERT_TRUE(decided->disclosure);
  const std::string decision = decided->decision.id, disclosure = decided->disclosure->id;

  ASSERT_TRUE(restrictions_.Restrict(dpo_, {child_, "Accuracy contested."}));
  auto view = sharing_.GetDecision(dsl_, decision);
  ASSERT_FALSE(view);
  EXPECT_EQ(view.error().field, "restriction");
  auto listed = sharing_.ListDecisions(dsl_, "");
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_TRUE(listed->empty()) << "the rationale of a decision about her is not shown in a list";
  auto sent = sharing_.GetDisclosure(dsl_, disclosure);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().field, "restriction");
  auto outbox = sharing_.Disclosures(dsl_, /*inbox=*/false);
  ASSERT_TRUE(outbox);
  EXPECT_TRUE(outbox->empty());
  // The recipient's copy is the recipient's record: the school's
  // restriction does not reach it.
  EXPECT_TRUE(sharing_.GetDisclosure(worker, disclosure)) << "the council still reads what it received";
  // The DPO still reads; lifting restores the rest.
  EXPECT_TRUE(sharing_.GetDecision(dpo_, decision));
  auto placed = restrictions_.Register(dpo_);
  ASSERT_TRUE(placed);
  ASSERT_FALSE(placed->restrictions.empty());
  ASSERT_TRUE(restrictions_.Lift(dpo_, placed->restrictions.front().id, "Checked and corrected."));
  EXPECT_TRUE(sharing_.GetDecision(dsl_, decision));
  EXPECT_TRUE(sharing_.GetDisclosure(dsl_, disclosure));
}

}  // namespace
}  // namespace jigsaw::service
