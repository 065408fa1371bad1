// Governance at the service (docs/governance.md): an agreement is active
// only once every party's senior leader or DPO has signed it, and expires
// when its end date passes on the injected clock; a DPIA is approved once
// the DPO has advised and a senior leader signed it off; the assessment of
// a share between two organisations names the agreement and DPIA that cover
// them and changes when the agreement expires; regular sharing with no
// approved DPIA is refused naming circumstances.frequency, and a one-off or
// emergency share is not; reviews due within 30 days are on the home page
// of those who answer for them. On both backends.
#include <gtest/gtest.h>

#include "common/random.h"
#include "service/administration.h"
#include "service/casework.h"
#include "service/governance.h"
#include "service/overview.h"
#include "service/sharing.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::AgreementState;
using domain::OrganisationType;
using domain::Role;
using guidance::Governance;

class GovernanceServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    school_ = Org("Elmside School", OrganisationType::kSchool);
    council_ = Org("Elmside Council", OrganisationType::kChildrensServices);
    other_ = Org("Elmside Charity", OrganisationType::kVoluntary);
    teacher_ = As(Add(school_, "school.teacher", {Role::kPractitioner}));
    head_ = As(Add(school_, "school.head", {Role::kSeniorLeader}));
    council_leader_ = As(Add(council_, "council.leader", {Role::kSeniorLeader}));
    council_dpo_ = As(Add(council_, "council.dpo", {Role::kDataProtectionOfficer}));
    social_worker_ = As(Add(council_, "council.worker", {Role::kPractitioner}));
  }
  std::string Org(std::string name, OrganisationType type) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), type, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }

  // An agreement between the school and the council for safeguarding, from
  // today (2026-11-24) to `end_on`.
  domain::Agreement Agreement(std::string end_on = "2026-12-31") {
    domain::Agreement a;
    a.title = "Elmside schools and council agreement";
    a.party_organisation_ids = {school_, council_};
    a.purposes = {domain::SharingPurpose::kSafeguarding};
    a.data_categories = {"Attendance", "Welfare concerns"};
    a.people_categories = {domain::PersonKind::kChild, domain::PersonKind::kParent};
    a.lawful_bases = {domain::LawfulBasis::kPublicTask};
    a.article9_conditions = {domain::Article9Condition::kSubstantialPublicInterest};
    a.frequency = domain::SharingFrequency::kRegular;
    a.start_on = "2026-11-24";
    a.review_on = "2027-11-24";
    a.end_on = std::move(end_on);
    a.document_reference = "ESC-ISA-1";
    return a;
  }
  domain::Dpia Dpia() {
    domain::Dpia d;
    d.title = "Regular sharing with the council";
    d.organisation_ids = {council_, school_};
    d.purposes = {domain::SharingPurpose::kSafeguarding};
    d.processing = "Schools share welfare concerns with the council.";
    d.consultation = "DSLs of the schools.";
    d.necessity = "Needed to assess children's needs.";
    d.risks = {{.description = "A protected person is named.", .likelihood = domain::Likelihood::kPossible,
                .severity = domain::Severity::kSevere, .measures = "Redaction and review.",
                .residual = domain::RiskLevel::kLow}};
    d.review_on = "2027-11-24";
    return d;
  }
  std::string ActiveAgreement(std::string end_on = "2026-12-31") {
    auto a = governance_.RecordAgreement(council_leader_, Agreement(std::move(end_on)));
    EXPECT_TRUE(a) << a.error().message;
    EXPECT_TRUE(governance_.SignAgreement(council_leader_, a->agreement.id));
    EXPECT_TRUE(governance_.SignAgreement(head_, a->agreement.id));
    return a->agreement.id;
  }
  std::string ApprovedDpia() {
    auto d = governance_.RecordDpia(council_dpo_, Dpia());
    EXPECT_TRUE(d) << d.error().message;
    EXPECT_TRUE(governance_.AdviseOnDpia(council_dpo_, d->dpia.id, "Proportionate."));
    auto signed_off = governance_.SignOffDpia(council_leader_, d->dpia.id, {true, ""});
    EXPECT_TRUE(signed_off) << signed_off.error().message;
    return d->dpia.id;
  }
  // The council's approved DPIA, accepted by the school's head so that it
  // covers the school's sharing too.
  std::string SharedDpia() {
    const std::string id = ApprovedDpia();
    auto accepted = governance_.AcceptDpia(head_, id);
    EXPECT_TRUE(accepted) << accepted.error().message;
    return id;
  }

  // A decision by the teacher to share one item with the council.
  NewDecision Share(guidance::Frequency frequency) {
    domain::Person child{.kind = domain::PersonKind::kChild, .given_name = "Ada", .family_name = "Elm",
                         .date_of_birth = "2016-03-04"};
    auto added = casework_.AddPerson(teacher_, child);
    EXPECT_TRUE(added) << added.error().message;
    NewConcern c{.child_id = added->id, .forms = {domain::AbuseForm::kNeglect},
                 .level = domain::ConcernLevel::kSignificant, .what_happened = "Often hungry."};
    c.items.push_back({.text = "Ada is often hungry.", .source = "class teacher", .accuracy = domain::Accuracy::kVerified});
    auto raised = casework_.RaiseConcern(teacher_, c);
    EXPECT_TRUE(raised) << raised.error().message;
    NewDecision d;
    d.concern_id = raised->concern.id;
    d.recipient_organisation_id = council_;
    d.circumstances = Circumstances{.purpose = guidance::Purpose::kSafeguarding, .risk = guidance::Risk::kSignificant,
                                    .frequency = frequency};
    d.circumstances->informing.safe_and_practical = true;
    d.items = {{raised->items[0].id, true, true}};
    d.share_items = {raised->items[0].id};
    d.outcome = domain::DecisionOutcome::kShare;
    d.record.rationale = "Ada needs help.";
    d.record.lawful_basis = "public_task";
    d.record.informing = domain::Informing{.told = true, .told_on = "2026-11-23", .told_by = "Class teacher"};
    return d;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};  // 2026-11-24
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Casework casework_{*store_, clock_, trail_};
  access::Sealer sealer_ = *access::Sealer::FromSecret(RandomBytes(32));
  WorkflowPolicy policy_;
  Sharing sharing_{*store_, clock_, trail_, sealer_, policy_};
  service::Governance governance_{*store_, clock_, trail_};
  Overview overview_{*store_, clock_, trail_};
  Context op_ = Context::Operator();
  std::string school_, council_, other_;
  Context teacher_, head_, council_leader_, council_dpo_, social_worker_;
};

TEST_F(GovernanceServiceTest, AnAgreementIsActiveOnlyWhenEveryPartyHasSigned) {
  auto a = governance_.RecordAgreement(council_leader_, Agreement());
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->state, AgreementState::kDraft);
  auto one = governance_.SignAgreement(council_leader_, a->agreement.id);
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(one->state, AgreementState::kAwaitingSignature);
  auto again = governance_.SignAgreement(council_dpo_, a->agreement.id);
  ASSERT_FALSE(again) << "the council has signed already";
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto teacher = governance_.SignAgreement(teacher_, a->agreement.id);
  ASSERT_FALSE(teacher);
  EXPECT_EQ(teacher.error().code, ErrorCode::kPermissionDenied) << "only a senior leader or DPO signs";
  auto both = governance_.SignAgreement(head_, a->agreement.id);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->state, AgreementState::kActive);
  ASSERT_EQ(both->agreement.signatures.size(), 2u);
  // Anyone in a party may read it; no one outside may, nor learn it exists.
  auto read = governance_.GetAgreement(teacher_, a->agreement.id);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->state, AgreementState::kActive);
  auto outsider = governance_.GetAgreement(As(Add(other_, "charity.head", {Role::kSeniorLeader})), a->agreement.id);
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound);
}

TEST_F(GovernanceServiceTest, ANewAgreementNamesEachProblemAndWritesNothing) {
  auto one_party = Agreement();
  one_party.party_organisation_ids = {council_};
  auto refused = governance_.RecordAgreement(council_leader_, one_party);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "party_organisation_ids");
  auto bad_end = Agreement("2026-01-01");
  refused = governance_.RecordAgreement(council_leader_, bad_end);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "end_on");
  auto by_practitioner = governance_.RecordAgreement(social_worker_, Agreement());
  ASSERT_FALSE(by_practitioner);
  EXPECT_EQ(by_practitioner.error().code, ErrorCode::kPermissionDenied);
  auto list = governance_.Agreements(council_leader_);
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
}

TEST_F(GovernanceServiceTest, TheAssessmentShowsTheAgreementAndDpiaThatCoverThemAndChangesWhenTheAgreementExpires) {
  const std::string agreement = ActiveAgreement("2026-12-31");
  const std::string dpia = SharedDpia();
  NewDecision d = Share(guidance::Frequency::kRegular);
  auto preview = sharing_.Preview(teacher_, d);
  ASSERT_TRUE(preview) << preview.error().message;
  ASSERT_TRUE(preview->cover);
  ASSERT_EQ(preview->cover->agreements.size(), 1u);
  EXPECT_EQ(preview->cover->agreements[0].id, agreement);
  EXPECT_EQ(preview->cover->agreements[0].title, "Elmside schools and council agreement");
  ASSERT_EQ(preview->cover->dpias.size(), 1u);
  EXPECT_EQ(preview->cover->dpias[0].id, dpia);
  EXPECT_TRUE(preview->assessment->governance.Empty()) << "both in place: nothing to put in place";

  // The day after its end date the agreement has expired: the same share is
  // no longer covered by it, and the advice recommends one.
  clock_.Set(testing::TestEpoch() + std::chrono::days(38));  // 2027-01-01
  auto later = sharing_.Preview(teacher_, d);
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_TRUE(later->cover->agreements.empty());
  EXPECT_EQ(later->cover->dpias.size(), 1u);
  EXPECT_TRUE(later->assessment->governance.Has(Governance::kDsaRecommended));
  EXPECT_FALSE(later->assessment->governance.Has(Governance::kDpiaRequired));
  auto read = governance_.GetAgreement(head_, agreement);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->state, AgreementState::kExpired);
}

TEST_F(GovernanceServiceTest, AnAgreementForAnotherPurposeOrPairDoesNotCover) {
  ActiveAgreement();
  NewDecision d = Share(guidance::Frequency::kOneOff);
  d.circumstances->purpose = guidance::Purpose::kEarlyHelp;
  auto preview = sharing_.Preview(teacher_, d);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->cover->agreements.empty()) << "the agreement is for safeguarding only";
}

TEST_F(GovernanceServiceTest, RegularSharingWithoutAnApprovedDpiaIsRefusedAndAOneOffIsNot) {
  ActiveAgreement();
  // A DPIA the DPO has advised on but no senior leader has signed off does not count.
  auto pending = governance_.RecordDpia(council_dpo_, Dpia());
  ASSERT_TRUE(pending);
  ASSERT_TRUE(governance_.AdviseOnDpia(council_dpo_, pending->dpia.id, "Fine."));
  NewDecision regular = Share(guidance::Frequency::kRegular);
  auto preview = sharing_.Preview(teacher_, regular);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->assessment->governance.Has(Governance::kDpiaRequired));
  ASSERT_FALSE(preview->record_problems.empty());
  EXPECT_EQ(preview->record_problems.front().field, "circumstances.frequency");
  auto refused = sharing_.Decide(teacher_, regular);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "circumstances.frequency");

  NewDecision one_off = Share(guidance::Frequency::kOneOff);
  auto shared = sharing_.Decide(teacher_, one_off);
  ASSERT_TRUE(shared) << shared.error().message << ": a one-off share is never held up for want of a DPIA";

  // Once the DPIA is signed off and the school has accepted it, regular
  // sharing may be recorded, and the decision keeps which agreement and
  // DPIA it relied on.
  ASSERT_TRUE(governance_.SignOffDpia(council_leader_, pending->dpia.id, {true, ""}));
  ASSERT_TRUE(governance_.AcceptDpia(head_, pending->dpia.id));
  auto now_regular = sharing_.Decide(teacher_, Share(guidance::Frequency::kRegular));
  ASSERT_TRUE(now_regular) << now_regular.error().message;
  auto kept = sharing_.GetDecision(teacher_, now_regular->decision.id);
  ASSERT_TRUE(kept) << kept.error().message;
  ASSERT_EQ(kept->cover.size(), 2u);
  EXPECT_EQ(kept->cover[0].kind, domain::CoverKind::kAgreement);
  EXPECT_EQ(kept->cover[0].title, "Elmside schools and council agreement");
  EXPECT_EQ(kept->cover[1].kind, domain::CoverKind::kDpia);
  EXPECT_EQ(kept->cover[1].id, pending->dpia.id);
}

// UK GDPR Article 36: a high risk left after the measures needs the ICO
// consulted first, which the register does not record, so such a DPIA,
// though signed off, lets no regular sharing be recorded.
TEST_F(GovernanceServiceTest, ADpiaLeavingAHighRiskCoversNoSharing) {
  ActiveAgreement();
  domain::Dpia high = Dpia();
  high.risks[0].residual = domain::RiskLevel::kHigh;
  auto recorded = governance_.RecordDpia(council_dpo_, high);
  ASSERT_TRUE(recorded) << recorded.error().message;
  ASSERT_TRUE(governance_.AdviseOnDpia(council_dpo_, recorded->dpia.id, "Consult the ICO first."));
  ASSERT_TRUE(governance_.SignOffDpia(council_leader_, recorded->dpia.id, {true, ""}));
  ASSERT_TRUE(governance_.AcceptDpia(head_, recorded->dpia.id));
  auto preview = sharing_.Preview(teacher_, Share(guidance::Frequency::kRegular));
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->cover->dpias.empty());
  EXPECT_TRUE(preview->assessment->governance.Has(Governance::kDpiaRequired));
  auto refused = sharing_.Decide(teacher_, Share(guidance::Frequency::kRegular));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "circumstances.frequency");
}

TEST_F(GovernanceServiceTest, AnEmergencyShareIsNeverBlocked) {
  const NewDecision full = Share(guidance::Frequency::kRegular);
  NewDecision d = full;
  d.circumstances.reset();
  d.items.clear();
  d.emergency = true;
  d.record = {};
  d.record.rationale = "Ada is at immediate risk.";
  auto shared = sharing_.Decide(teacher_, d);
  ASSERT_TRUE(shared) << shared.error().message;
  EXPECT_TRUE(shared->disclosure);

  // Nor is the full record written afterwards, though it says the sharing
  // is regular and no DPIA covers it: share first, record after.
  NewDecision record = full;
  record.concern_id.clear();
  record.recipient_organisation_id.clear();
  record.supersedes = shared->decision.id;
  auto written = sharing_.Decide(teacher_, record);
  ASSERT_TRUE(written) << written.error().message;
  ASSERT_TRUE(written->decision.assessment_request.find("regular") != std::string::npos)
      << "the record was assessed as regular sharing";
  EXPECT_FALSE(written->disclosure) << "the full record sends nothing again";
}

TEST_F(GovernanceServiceTest, WhoeverGaveTheDposAdviceCannotSignTheDpiaOff) {
  const Context both = As(Add(council_, "council.dpo.leader", {Role::kDataProtectionOfficer, Role::kSeniorLeader}));
  auto d = governance_.RecordDpia(both, Dpia());
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_TRUE(governance_.AdviseOnDpia(both, d->dpia.id, "The measures are proportionate."));
  auto own = governance_.SignOffDpia(both, d->dpia.id, {true, ""});
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(own.error().field, "dpia_id");
  auto other = governance_.SignOffDpia(council_leader_, d->dpia.id, {true, ""});
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(other->state, domain::DpiaState::kApproved);
}

TEST_F(GovernanceServiceTest, ADpiaNeedsTheDposAdviceThenASeniorLeadersSignOff) {
  auto d = governance_.RecordDpia(council_dpo_, Dpia());
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->state, domain::DpiaState::kDraft);
  auto early = governance_.SignOffDpia(council_leader_, d->dpia.id, {true, ""});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  auto by_leader = governance_.AdviseOnDpia(council_leader_, d->dpia.id, "Advice");
  ASSERT_FALSE(by_leader);
  EXPECT_EQ(by_leader.error().code, ErrorCode::kPermissionDenied) << "only the DPO advises";
  ASSERT_TRUE(governance_.AdviseOnDpia(council_dpo_, d->dpia.id, "Reduce the data shared."));
  auto no_reason = governance_.SignOffDpia(council_leader_, d->dpia.id, {false, ""});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "overruled_reason");
  auto signed_off = governance_.SignOffDpia(council_leader_, d->dpia.id, {false, "Needed in full for assessments."});
  ASSERT_TRUE(signed_off) << signed_off.error().message;
  EXPECT_EQ(signed_off->state, domain::DpiaState::kApproved);
  EXPECT_FALSE(signed_off->dpia.dpo_advice_accepted);
  // The school, which it covers, may read it but not sign it off.
  auto read = governance_.GetDpia(head_, d->dpia.id);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->state, domain::DpiaState::kApproved);
}

TEST_F(GovernanceServiceTest, ReviewsDueWithinThirtyDaysAreOnTheHomePageOfThoseWhoAnswerForThem) {
  auto a = Agreement("");
  a.review_on = "2026-12-24";  // 30 days after 2026-11-24
  auto recorded = governance_.RecordAgreement(council_leader_, a);
  ASSERT_TRUE(recorded) << recorded.error().message;
  auto leader = overview_.WhatNeedsMeNow(council_leader_);
  ASSERT_TRUE(leader) << leader.error().message;
  ASSERT_EQ(leader->reviews_due.size(), 1u);
  EXPECT_EQ(leader->reviews_due[0].id, recorded->agreement.id);
  auto head = overview_.WhatNeedsMeNow(head_);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->reviews_due.size(), 1u) << "every party's signatories review it";
  auto worker = overview_.WhatNeedsMeNow(social_worker_);
  ASSERT_TRUE(worker);
  EXPECT_TRUE(worker->reviews_due.empty()) << "a practitioner is not reminded";
  // A day earlier it is 31 days away: not yet due.
  clock_.Set(testing::TestEpoch() - std::chrono::days(1));
  auto before = overview_.WhatNeedsMeNow(council_leader_);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->reviews_due.empty());
}

// A DPIA is the controller's own assessment (UK GDPR Article 35(1)): the
// council's DPIA naming the school covers the council's sharing, and the
// school's only once the school has one of its own or has accepted the
// council's.
TEST_F(GovernanceServiceTest, AnotherOrganisationsDpiaDoesNotCoverRegularSharingUntilTheSharerOwnsOrAcceptsOne) {
  ActiveAgreement();
  const std::string councils = ApprovedDpia();
  NewDecision regular = Share(guidance::Frequency::kRegular);
  auto preview = sharing_.Preview(teacher_, regular);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->cover->dpias.empty()) << "the council's DPIA is not the school's";
  EXPECT_TRUE(preview->assessment->governance.Has(Governance::kDpiaRequired));
  auto refused = sharing_.Decide(teacher_, regular);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "circumstances.frequency");
  // The council's own sharing with the school is covered by it.
  auto council_view = governance_.GetDpia(council_leader_, councils);
  ASSERT_TRUE(council_view) << council_view.error().message;
  EXPECT_TRUE(domain::Covers(council_view->dpia, council_, school_, domain::SharingPurpose::kSafeguarding));
  EXPECT_FALSE(domain::Covers(council_view->dpia, school_, council_, domain::SharingPurpose::kSafeguarding));

  // The school's own DPIA, advised on by its DPO and signed off by its head, covers it.
  const Context school_dpo = As(Add(school_, "school.dpo", {Role::kDataProtectionOfficer}));
  domain::Dpia own = Dpia();
  own.title = "The school's regular sharing with the council";
  auto recorded = governance_.RecordDpia(school_dpo, own);
  ASSERT_TRUE(recorded) << recorded.error().message;
  ASSERT_TRUE(governance_.AdviseOnDpia(school_dpo, recorded->dpia.id, "Proportionate."));
  ASSERT_TRUE(governance_.SignOffDpia(head_, recorded->dpia.id, {true, ""}));
  auto covered = sharing_.Preview(teacher_, regular);
  ASSERT_TRUE(covered) << covered.error().message;
  ASSERT_EQ(covered->cover->dpias.size(), 1u);
  EXPECT_EQ(covered->cover->dpias[0].id, recorded->dpia.id);
  auto shared = sharing_.Decide(teacher_, Share(guidance::Frequency::kRegular));
  EXPECT_TRUE(shared) << shared.error().message;

  // Accepting the council's DPIA makes it the school's too.
  auto accepted = governance_.AcceptDpia(head_, councils);
  ASSERT_TRUE(accepted) << accepted.error().message;
  ASSERT_EQ(accepted->dpia.acceptances.size(), 1u);
  EXPECT_EQ(accepted->dpia.acceptances[0].organisation_id, school_);
  EXPECT_EQ(accepted->dpia.acceptances[0].practitioner_id, head_.actor.practitioner_id);
  auto both = sharing_.Preview(teacher_, regular);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->cover->dpias.size(), 2u);
}

TEST_F(GovernanceServiceTest, ADpiaIsAcceptedOnceApprovedByASeniorLeaderOfAnotherOrganisationItNames) {
  auto d = governance_.RecordDpia(council_dpo_, Dpia());
  ASSERT_TRUE(d) << d.error().message;
  auto early = governance_.AcceptDpia(head_, d->dpia.id);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition) << "not approved yet";
  ASSERT_TRUE(governance_.AdviseOnDpia(council_dpo_, d->dpia.id, "Fine."));
  ASSERT_TRUE(governance_.SignOffDpia(council_leader_, d->dpia.id, {true, ""}));
  auto by_teacher = governance_.AcceptDpia(teacher_, d->dpia.id);
  ASSERT_FALSE(by_teacher);
  EXPECT_EQ(by_teacher.error().code, ErrorCode::kPermissionDenied);
  auto by_owner = governance_.AcceptDpia(council_leader_, d->dpia.id);
  ASSERT_FALSE(by_owner);
  EXPECT_EQ(by_owner.error().code, ErrorCode::kFailedPrecondition) << "the owner's sign-off is its acceptance";
  auto outsider = governance_.AcceptDpia(As(Add(other_, "charity.head", {Role::kSeniorLeader})), d->dpia.id);
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code, ErrorCode::kNotFound) << "a DPIA that does not name you is not yours to see";
  auto read = governance_.GetDpia(head_, d->dpia.id);
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->may_accept);
  ASSERT_TRUE(governance_.AcceptDpia(head_, d->dpia.id));
  auto twice = governance_.AcceptDpia(head_, d->dpia.id);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  auto kept = governance_.GetDpia(council_dpo_, d->dpia.id);
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->dpia.acceptances.size(), 1u);
  EXPECT_EQ(kept->people_names.at(head_.actor.practitioner_id), "Sam Elm");
}

TEST_F(GovernanceServiceTest, AnAgreementSignedByEveryPartyIsNotActiveBeforeItsStartDate) {
  auto a = Agreement("");
  a.start_on = "2026-12-01";
  auto recorded = governance_.RecordAgreement(council_leader_, a);
  ASSERT_TRUE(recorded) << recorded.error().message;
  ASSERT_TRUE(governance_.SignAgreement(council_leader_, recorded->agreement.id));
  auto both = governance_.SignAgreement(head_, recorded->agreement.id);
  ASSERT_TRUE(both) << both.error().message;
  EXPECT_EQ(both->state, AgreementState::kNotYetStarted);
  auto preview = sharing_.Preview(teacher_, Share(guidance::Frequency::kOneOff));
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->cover->agreements.empty());
  clock_.Set(testing::TestEpoch() + std::chrono::days(7));  // 2026-12-01
  auto started = governance_.GetAgreement(head_, recorded->agreement.id);
  ASSERT_TRUE(started);
  EXPECT_EQ(started->state, AgreementState::kActive);
  auto later = sharing_.Preview(teacher_, Share(guidance::Frequency::kOneOff));
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_EQ(later->cover->agreements.size(), 1u);
}

TEST_F(GovernanceServiceTest, ADraftAgreementIsChangedByItsOwnerUntilAPartySigns) {
  auto recorded = governance_.RecordAgreement(council_leader_, Agreement());
  ASSERT_TRUE(recorded) << recorded.error().message;
  const std::string id = recorded->agreement.id;
  auto changed = Agreement();
  changed.title = "Elmside agreement, second draft";
  changed.party_organisation_ids = {council_, school_, other_};
  changed.lawful_bases = {domain::LawfulBasis::kPublicTask, domain::LawfulBasis::kLegalObligation};
  auto edited = governance_.EditAgreement(council_dpo_, id, changed);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->agreement.title, "Elmside agreement, second draft");
  EXPECT_EQ(edited->agreement.party_organisation_ids.size(), 3u);
  EXPECT_EQ(edited->agreement.owner_organisation_id, council_);
  auto read = governance_.GetAgreement(council_leader_, id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->agreement.title, "Elmside agreement, second draft");
  EXPECT_EQ(read->agreement.lawful_bases.size(), 2u);
  EXPECT_TRUE(read->may_edit);
  auto bad = changed;
  bad.title.clear();
  auto refused = governance_.EditAgreement(council_leader_, id, bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "title");
  auto by_party = governance_.EditAgreement(head_, id, changed);
  ASSERT_FALSE(by_party);
  EXPECT_EQ(by_party.error().code, ErrorCode::kPermissionDenied) << "only the organisation that recorded it";
  ASSERT_TRUE(governance_.SignAgreement(head_, id));
  auto signed_once = governance_.EditAgreement(council_leader_, id, changed);
  ASSERT_FALSE(signed_once);
  EXPECT_EQ(signed_once.error().code, ErrorCode::kFailedPrecondition) << "a signature is to the text signed";
}

TEST_F(GovernanceServiceTest, ADraftDpiaIsChangedByItsOwnerUntilTheDpoAdvises) {
  auto d = governance_.RecordDpia(council_dpo_, Dpia());
  ASSERT_TRUE(d) << d.error().message;
  auto changed = Dpia();
  changed.necessity = "Needed, and kept to attendance and welfare.";
  changed.risks.push_back({.description = "Shared too widely.", .measures = "Named recipients only."});
  auto edited = governance_.EditDpia(council_leader_, d->dpia.id, changed);
  ASSERT_TRUE(edited) << edited.error().message;
  auto read = governance_.GetDpia(council_dpo_, d->dpia.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->dpia.necessity, "Needed, and kept to attendance and welfare.");
  EXPECT_EQ(read->dpia.risks.size(), 2u);
  EXPECT_EQ(read->dpia.organisation_ids.size(), 2u);
  auto by_school = governance_.EditDpia(head_, d->dpia.id, changed);
  ASSERT_FALSE(by_school);
  EXPECT_EQ(by_school.error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(governance_.AdviseOnDpia(council_dpo_, d->dpia.id, "Fine."));
  auto advised = governance_.EditDpia(council_leader_, d->dpia.id, changed);
  ASSERT_FALSE(advised);
  EXPECT_EQ(advised.error().code, ErrorCode::kFailedPrecondition) << "the advice is on the text the DPO read";
}

TEST_F(GovernanceServiceTest, AnyPartysSignatoryWithdrawsAnAgreementWithAReasonThatIsKept) {
  const std::string id = ActiveAgreement("");
  auto by_teacher = governance_.WithdrawAgreement(teacher_, id, "No longer needed.");
  ASSERT_FALSE(by_teacher);
  EXPECT_EQ(by_teacher.error().code, ErrorCode::kPermissionDenied);
  auto no_reason = governance_.WithdrawAgreement(head_, id, "  ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  // The school, a party but not its author, may withdraw it.
  auto withdrawn = governance_.WithdrawAgreement(head_, id, "The school has left the partnership.");
  ASSERT_TRUE(withdrawn) << withdrawn.error().message;
  EXPECT_EQ(withdrawn->state, AgreementState::kWithdrawn);
  auto read = governance_.GetAgreement(council_leader_, id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->state, AgreementState::kWithdrawn);
  EXPECT_EQ(read->agreement.withdrawn_by, head_.actor.practitioner_id);
  EXPECT_EQ(read->agreement.withdrawal_reason, "The school has left the partnership.");
  EXPECT_EQ(read->agreement.withdrawn_at, clock_.Now());
  EXPECT_FALSE(read->may_withdraw);
  EXPECT_FALSE(read->may_review);
  auto again = governance_.WithdrawAgreement(council_leader_, id, "Again.");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  auto preview = sharing_.Preview(teacher_, Share(guidance::Frequency::kOneOff));
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->cover->agreements.empty()) << "a withdrawn agreement covers nothing";
}

TEST_F(GovernanceServiceTest, ARecordedReviewMovesTheReviewDateOnAndClearsTheReminder) {
  auto a = Agreement("");
  a.review_on = "2026-12-10";
  auto recorded = governance_.RecordAgreement(council_leader_, a);
  ASSERT_TRUE(recorded) << recorded.error().message;
  auto d = Dpia();
  d.review_on = "2026-12-01";
  auto dpia = governance_.RecordDpia(council_dpo_, d);
  ASSERT_TRUE(dpia) << dpia.error().message;
  auto before = overview_.WhatNeedsMeNow(council_leader_);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->reviews_due.size(), 2u);

  auto past = governance_.ReviewAgreement(head_, recorded->agreement.id, {"2026-11-24", "Still right."});
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().field, "next_review_on") << "the next review must be after today";
  auto silent = governance_.ReviewAgreement(head_, recorded->agreement.id, {"2027-12-10", ""});
  ASSERT_FALSE(silent);
  EXPECT_EQ(silent.error().field, "note");
  auto by_teacher = governance_.ReviewAgreement(teacher_, recorded->agreement.id, {"2027-12-10", "Fine."});
  ASSERT_FALSE(by_teacher);
  EXPECT_EQ(by_teacher.error().code, ErrorCode::kPermissionDenied);
  // Any party's signatory reviews an agreement.
  auto reviewed = governance_.ReviewAgreement(head_, recorded->agreement.id, {"2027-12-10", "Still describes the sharing."});
  ASSERT_TRUE(reviewed) << reviewed.error().message;
  EXPECT_EQ(reviewed->agreement.review_on, "2027-12-10");
  EXPECT_FALSE(reviewed->review_due);
  // The DPIA is reviewed by its owner only.
  auto by_school = governance_.ReviewDpia(head_, dpia->dpia.id, {"2027-12-01", "Fine."});
  ASSERT_FALSE(by_school);
  EXPECT_EQ(by_school.error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(governance_.ReviewDpia(council_dpo_, dpia->dpia.id, {"2027-12-01", "Risks unchanged."}));

  auto after = overview_.WhatNeedsMeNow(council_leader_);
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->reviews_due.empty());
  auto kept = governance_.GetAgreement(council_leader_, recorded->agreement.id);
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->agreement.reviews.size(), 1u);
  EXPECT_EQ(kept->agreement.reviews[0].previous_review_on, "2026-12-10");
  EXPECT_EQ(kept->agreement.reviews[0].next_review_on, "2027-12-10");
  EXPECT_EQ(kept->agreement.reviews[0].reviewed_by, head_.actor.practitioner_id);
  EXPECT_EQ(kept->agreement.reviews[0].note, "Still describes the sharing.");
  auto kept_dpia = governance_.GetDpia(council_leader_, dpia->dpia.id);
  ASSERT_TRUE(kept_dpia);
  EXPECT_EQ(kept_dpia->dpia.review_on, "2027-12-01");
  ASSERT_EQ(kept_dpia->dpia.reviews.size(), 1u);
}

}  // namespace
}  // namespace jigsaw::service
