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
  const std::string dpia = ApprovedDpia();
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

  // Once the DPIA is signed off, regular sharing may be recorded, and the
  // decision keeps which agreement and DPIA it relied on.
  ASSERT_TRUE(governance_.SignOffDpia(council_leader_, pending->dpia.id, {true, ""}));
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

}  // namespace
}  // namespace jigsaw::service
