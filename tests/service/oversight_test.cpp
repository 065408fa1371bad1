// Oversight (docs/governance.md, "Oversight"): the figures a senior leader,
// DPO or Caldicott guardian sees for their organisation match a scripted
// history exactly, on the injected clock: concerns, decisions either way
// and departures from the advice, emergency records owed and overdue,
// disclosures acknowledged and given feedback on time or late (percentages
// and medians), requests answered, refused and reconsidered, advice, the
// registers due for review and training coverage. Children's services'
// senior leader sees the partnership's counts; a practitioner is refused;
// the read is audited once.
#include <gtest/gtest.h>

#include "service/administration.h"
#include "service/governance.h"
#include "service/oversight.h"
#include "store/training_repository.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::OrganisationType;
using domain::Role;
using domain::TrainingKind;
namespace chr = std::chrono;

// `hour` o'clock UTC on `day` ("YYYY-MM-DD").
Time At(std::string_view day, int hour, int minute = 0) {
  const auto d = domain::ParseDate(day).value();
  return Time(chr::duration_cast<Duration>(chr::sys_days(d).time_since_epoch() + chr::hours(hour) + chr::minutes(minute)));
}

class OversightServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    council_ = Org("Elmside Council", OrganisationType::kChildrensServices);
    school_ = Org("Elmside School", OrganisationType::kSchool);
    leader_ = Add(council_, "council.leader", {Role::kSeniorLeader});
    dpo_ = Add(council_, "council.dpo", {Role::kDataProtectionOfficer});
    worker_ = Add(council_, "council.worker", {Role::kPractitioner});
    dsl_ = Add(council_, "council.dsl", {Role::kDesignatedSafeguardingLead});
    head_ = Add(school_, "school.head", {Role::kSeniorLeader, Role::kCaldicottGuardian});
    Script();
    clock_.Set(At("2026-11-24", 12));
  }
  std::string Org(std::string name, OrganisationType type) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), type, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  static Context As(const domain::Practitioner& p) {
    return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"};
  }

  // --- The scripted history ------------------------------------------------
  int next_ = 0;
  std::string Id(std::string_view prefix) { return std::string(prefix) + "-" + std::to_string(++next_); }

  void Write(const std::function<Status(store::Transaction&)>& work) {
    auto done = store_->Write([&](store::Transaction& tx) -> Status { return work(tx); });
    ASSERT_TRUE(done) << done.error().message;
  }
  std::string Child(const std::string& org) {
    domain::Person p{.id = Id("child"), .organisation_id = org, .given_name = "Ada", .family_name = "Lovelace"};
    p.created_at = At("2026-01-01", 9);
    Write([&](store::Transaction& tx) { return tx.casework().InsertPerson(p); });
    return p.id;
  }
  void Concern(const std::string& org, const std::string& child, Time at) {
    domain::Concern c{.id = Id("concern"), .organisation_id = org, .child_id = child, .raised_by = "someone",
                      .what_happened = "Seen upset."};
    c.created_at = at;
    Write([&](store::Transaction& tx) { return tx.casework().InsertConcern(c); });
  }
  struct DecisionSpec {
    std::string org;
    std::string child;
    domain::DecisionOutcome outcome = domain::DecisionOutcome::kShare;
    Time at{};
    bool departs = false;
    bool emergency = false;
    Time due{};
    std::string supersedes;
    domain::Approval approval = domain::Approval::kNotNeeded;
  };
  std::string Decision(const DecisionSpec& s) {
    domain::Decision d;
    d.id = Id("decision");
    d.organisation_id = s.org;
    d.child_id = s.child;
    d.decided_by = "someone";
    d.outcome = s.outcome;
    d.approval = s.approval;
    d.departs_from_advice = s.departs;
    d.emergency = s.emergency;
    d.rationale_due_at = s.due;
    d.supersedes = s.supersedes;
    d.created_at = s.at;
    d.record.rationale = "Reasons.";
    Write([&](store::Transaction& tx) { return tx.casework().InsertDecision(d); });
    return d.id;
  }
  struct DisclosureSpec {
    std::string from_org, to_org, child;
    Time at{}, ack_due{}, received{}, feedback_due{}, feedback{};
    bool recalled = false;
    std::string decision;  // the decision it carries out; empty: a new share decision
  };
  void Disclosure(const DisclosureSpec& s) {
    domain::Disclosure d;
    d.id = Id("disclosure");
    d.decision_id = s.decision.empty() ? Decision({.org = s.from_org, .child = s.child, .at = s.at}) : s.decision;
    d.sharer_organisation_id = s.from_org;
    d.sharer_id = "someone";
    d.recipient_organisation_id = s.to_org;
    d.child_id = s.child;
    d.sealed_content = Bytes{1, 2, 3};
    d.created_at = s.at;
    d.acknowledgement_due_at = s.ack_due;
    d.feedback_due_at = s.feedback_due;
    Write([&](store::Transaction& tx) -> Status {
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertDisclosure(d));
      if (s.received != Time{}) JIGSAW_RETURN_IF_ERROR(tx.casework().MarkDisclosureReceived(d.id, "reader", s.received));
      if (s.feedback != Time{}) JIGSAW_RETURN_IF_ERROR(tx.casework().MarkFeedbackGiven(d.id, s.feedback));
      if (s.recalled) JIGSAW_RETURN_IF_ERROR(tx.casework().RecordRecall(d.id, "someone", s.at + chr::hours(1), "Wrong child."));
      return Ok();
    });
  }
  void Request(Time at, std::vector<std::pair<domain::RequestMessageKind, Time>> messages) {
    domain::InformationRequest q;
    q.id = Id("request");
    q.requester_organisation_id = school_;
    q.requested_by = "someone";
    q.holder_organisation_id = council_;
    q.child_given_name = "Ada";
    q.child_family_name = "Lovelace";
    q.needed = "Attendance.";
    q.reason = "Worried.";
    q.created_at = q.updated_at = at;
    Write([&](store::Transaction& tx) -> Status {
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertInformationRequest(q));
      for (const auto& [kind, when] : messages) {
        domain::RequestMessage m{.id = Id("message"), .request_id = q.id, .kind = kind, .text = "Said.",
                                 .organisation_id = council_, .written_by = "someone"};
        m.created_at = when;
        JIGSAW_RETURN_IF_ERROR(tx.casework().InsertRequestMessage(m));
      }
      return Ok();
    });
  }
  void Advice(Time at, Time answered) {
    domain::AdviceRequest a{.id = Id("advice"), .organisation_id = council_, .asked_by = worker_.id,
                            .question = "May I share?"};
    a.created_at = at;
    a.answered_at = answered;
    if (answered != Time{}) a.answer = "Yes.", a.answered_by = dsl_.id;
    Write([&](store::Transaction& tx) -> Status {
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertAdviceRequest(a));
      return answered == Time{} ? Ok() : tx.casework().AnswerAdviceRequest(a);
    });
  }
  void Trained(const domain::Practitioner& p, TrainingKind kind, std::string expires_on) {
    domain::TrainingRecord r{.id = Id("training"), .practitioner_id = p.id, .organisation_id = p.organisation_id,
                             .kind = kind, .course = "Sharing safely", .completed_on = "2025-01-01",
                             .expires_on = std::move(expires_on), .recorded_by = p.id};
    r.recorded_at = At("2025-01-01", 9);
    Write([&](store::Transaction& tx) { return tx.training().Insert(r); });
  }

  void Script() {
    const std::string child = Child(council_), pupil = Child(school_);
    using domain::DecisionOutcome;
    // Concerns: four in the period (Sep 1, Oct 2, Nov 1), one before it,
    // and the school's own.
    Concern(council_, child, At("2026-08-20", 10));
    Concern(council_, child, At("2026-09-10", 10));
    Concern(council_, child, At("2026-10-05", 10));
    Concern(council_, child, At("2026-10-20", 10));
    Concern(council_, child, At("2026-11-02", 10));
    Concern(school_, pupil, At("2026-10-07", 10));

    // Decisions. One made before the period and corrected in it: not counted.
    const auto before = Decision({.org = council_, .child = child, .at = At("2026-08-25", 10)});
    Decision({.org = council_, .child = child, .at = At("2026-09-02", 10), .supersedes = before});
    const auto d1 = Decision({.org = council_, .child = child, .at = At("2026-09-12", 12)});
    Decision({.org = council_, .child = child, .outcome = DecisionOutcome::kNotShare, .at = At("2026-10-06", 10),
              .departs = true});
    // An emergency share recorded in full the next morning, departing from the advice.
    const auto e1 = Decision({.org = council_, .child = child, .at = At("2026-10-21", 10), .emergency = true,
                              .due = At("2026-10-22", 22, 59)});
    Decision({.org = council_, .child = child, .at = At("2026-10-22", 9), .departs = true, .supersedes = e1});
    // An emergency share whose record was due yesterday: owed and overdue.
    Decision({.org = council_, .child = child, .at = At("2026-11-20", 10), .emergency = true,
              .due = At("2026-11-23", 23, 59)});
    // One this morning, due tomorrow: owed, not overdue.
    Decision({.org = council_, .child = child, .at = At("2026-11-24", 9), .emergency = true,
              .due = At("2026-11-25", 23, 59)});
    // A member of staff's share their DSL declined: not shared.
    Decision({.org = council_, .child = child, .at = At("2026-11-03", 10), .approval = domain::Approval::kDeclined});

    // Disclosures the council received from the school.
    Disclosure({.from_org = school_, .to_org = council_, .child = pupil, .at = At("2026-10-01", 9),
                .ack_due = At("2026-10-02", 9), .received = At("2026-10-01", 15),  // 6 hours
                .feedback_due = At("2026-10-15", 12), .feedback = At("2026-10-10", 9)});  // 216 hours
    Disclosure({.from_org = school_, .to_org = council_, .child = pupil, .at = At("2026-10-08", 9),
                .ack_due = At("2026-10-09", 9), .received = At("2026-10-12", 9),  // 96 hours: late
                .feedback_due = At("2026-10-22", 9), .feedback = At("2026-10-30", 9)});  // 528 hours: late
    Disclosure({.from_org = school_, .to_org = council_, .child = pupil, .at = At("2026-11-23", 9),
                .ack_due = At("2026-11-24", 23), .feedback_due = At("2026-12-07", 9)});  // both still in time
    Disclosure({.from_org = school_, .to_org = council_, .child = pupil, .at = At("2026-11-02", 9),
                .ack_due = At("2026-11-03", 9), .received = At("2026-11-02", 11),  // 2 hours
                .feedback_due = At("2026-11-16", 9)});  // never given: late
    // What the council sent: one answered promptly, one recalled (owes nothing).
    Disclosure({.from_org = council_, .to_org = school_, .child = child, .at = At("2026-09-12", 13),
                .ack_due = At("2026-09-13", 13), .received = At("2026-09-12", 14),  // 1 hour
                .feedback_due = At("2026-09-26", 13), .feedback = At("2026-09-20", 13),  // 192 hours
                .decision = d1});
    Disclosure({.from_org = council_, .to_org = school_, .child = child, .at = At("2026-10-22", 13),
                .ack_due = At("2026-10-23", 13), .feedback_due = At("2026-11-05", 13), .recalled = true,
                .decision = e1});

    // Information requests to the council.
    using K = domain::RequestMessageKind;
    Request(At("2026-09-15", 10), {{K::kAnswered, At("2026-09-16", 10)}});  // 24 hours
    Request(At("2026-10-10", 10), {{K::kRefused, At("2026-10-11", 22)},     // 36 hours
                                   {K::kReconsiderationRequested, At("2026-10-13", 10)},
                                   {K::kAnswered, At("2026-10-14", 10)}});
    Request(At("2026-11-10", 10), {{K::kClarificationRequested, At("2026-11-11", 10)}});  // open
    Request(At("2026-11-12", 10), {{K::kNotKnown, At("2026-11-12", 16)}});                // 6 hours

    // Advice requests: 4 and 24 hours to answer, and one waiting.
    Advice(At("2026-09-20", 10), At("2026-09-20", 14));
    Advice(At("2026-11-05", 10), At("2026-11-06", 10));
    Advice(At("2026-11-20", 10), Time{});

    // Training on 2026-11-24.
    Trained(worker_, TrainingKind::kInformationSharing, "2027-06-01");
    Trained(worker_, TrainingKind::kDataProtection, "2026-10-01");  // lapsed
    Trained(worker_, TrainingKind::kSafeguarding, "2026-12-10");    // expiring: still current
    Trained(dsl_, TrainingKind::kInformationSharing, "2027-01-31");
    Trained(leader_, TrainingKind::kInformationSharing, "2026-11-01");  // lapsed
    Trained(leader_, TrainingKind::kDataProtection, "2027-05-01");

    // The registers: an active agreement due for review, an approved DPIA
    // not due, and a draft DPIA due.
    domain::Agreement a;
    a.title = "Elmside schools and council agreement";
    a.party_organisation_ids = {school_, council_};
    a.purposes = {domain::SharingPurpose::kSafeguarding};
    a.data_categories = {"Welfare concerns"};
    a.people_categories = {domain::PersonKind::kChild};
    a.lawful_bases = {domain::LawfulBasis::kPublicTask};
    a.frequency = domain::SharingFrequency::kRegular;
    a.start_on = "2026-11-24";
    a.review_on = "2026-12-10";
    a.end_on = "2027-12-31";
    a.document_reference = "ESC-ISA-1";
    auto agreement = governance_.RecordAgreement(As(leader_), a);
    ASSERT_TRUE(agreement) << agreement.error().message;
    ASSERT_TRUE(governance_.SignAgreement(As(leader_), agreement->agreement.id));
    ASSERT_TRUE(governance_.SignAgreement(As(head_), agreement->agreement.id));
    domain::Dpia d;
    d.title = "Regular sharing with schools";
    d.organisation_ids = {council_, school_};
    d.purposes = {domain::SharingPurpose::kSafeguarding};
    d.processing = "Schools share welfare concerns.";
    d.consultation = "DSLs.";
    d.necessity = "Needed.";
    d.risks = {{.description = "A protected person is named.", .likelihood = domain::Likelihood::kPossible,
                .severity = domain::Severity::kSevere, .measures = "Redaction.", .residual = domain::RiskLevel::kLow}};
    d.review_on = "2027-11-24";
    auto approved = governance_.RecordDpia(As(dpo_), d);
    ASSERT_TRUE(approved) << approved.error().message;
    ASSERT_TRUE(governance_.AdviseOnDpia(As(dpo_), approved->dpia.id, "Proportionate."));
    ASSERT_TRUE(governance_.SignOffDpia(As(leader_), approved->dpia.id, {true, ""}));
    d.title = "Sharing with health";
    d.review_on = "2026-11-30";
    ASSERT_TRUE(governance_.RecordDpia(As(dpo_), d));
  }

  std::size_t AuditCount(std::string action) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      n = JIGSAW_TRY(tx.audit().Search(q)).size();
      return Ok();
    }));
    return n;
  }

  OversightPeriod Autumn() { return PeriodOf("2026-09-01", "2026-11-30").value(); }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};  // 2026-11-24T09:00Z while the registers are kept
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Governance governance_{*store_, clock_, trail_};
  Oversight oversight_{*store_, clock_, trail_};
  Context op_ = Context::Operator();
  std::string council_, school_;
  domain::Practitioner leader_, dpo_, worker_, dsl_, head_;
};

TEST_F(OversightServiceTest, TheFiguresMatchTheScriptedHistoryExactly) {
  auto report = oversight_.Of(As(leader_), OversightScope::kOrganisation, Autumn());
  ASSERT_TRUE(report) << report.error().message;
  const OversightFigures& f = report->figures;
  EXPECT_EQ(report->organisation_name, "Elmside Council");
  EXPECT_TRUE(report->partnership_available);
  EXPECT_EQ(f.as_at, At("2026-11-24", 12));

  EXPECT_EQ(f.concerns_raised, 4);
  EXPECT_EQ(f.decisions_to_share, 4);      // Sep 12, the emergency of Oct 21, and the two emergencies of November
  EXPECT_EQ(f.decisions_not_to_share, 2);  // Oct 6, and the share the DSL declined
  EXPECT_EQ(f.departures_from_advice, 2);  // Oct 6, and the emergency's full record

  EXPECT_EQ(f.emergency.shares, 3);
  EXPECT_EQ(f.emergency.records_written, 1);
  EXPECT_EQ(f.emergency.records_late, 0);
  EXPECT_EQ(f.emergency.records_owed, 2);
  EXPECT_EQ(f.emergency.records_overdue, 1);

  // Received: opened in 6 h, 96 h (late), 2 h; one still within its day.
  EXPECT_EQ(f.acknowledged_received.count, 4);
  EXPECT_EQ(f.acknowledged_received.due, 3);
  EXPECT_EQ(f.acknowledged_received.on_time, 2);
  EXPECT_EQ(f.acknowledged_received.late, 1);
  EXPECT_EQ(f.acknowledged_received.pending, 1);
  EXPECT_EQ(f.acknowledged_received.percent_on_time, 67);
  ASSERT_TRUE(f.acknowledged_received.median_hours);
  EXPECT_DOUBLE_EQ(*f.acknowledged_received.median_hours, 6.0);
  // Feedback: 216 h on time, 528 h late, one never given and past due, one in time.
  EXPECT_EQ(f.feedback_received.due, 3);
  EXPECT_EQ(f.feedback_received.on_time, 1);
  EXPECT_EQ(f.feedback_received.late, 2);
  EXPECT_EQ(f.feedback_received.pending, 1);
  EXPECT_EQ(f.feedback_received.percent_on_time, 33);
  ASSERT_TRUE(f.feedback_received.median_hours);
  EXPECT_DOUBLE_EQ(*f.feedback_received.median_hours, 372.0);
  // Sent: the recalled one owes nothing.
  EXPECT_EQ(f.acknowledged_sent.count, 1);
  EXPECT_EQ(f.acknowledged_sent.percent_on_time, 100);
  EXPECT_DOUBLE_EQ(*f.acknowledged_sent.median_hours, 1.0);
  EXPECT_EQ(f.feedback_sent.percent_on_time, 100);
  EXPECT_DOUBLE_EQ(*f.feedback_sent.median_hours, 192.0);

  EXPECT_EQ(f.requests.received, 4);
  EXPECT_EQ(f.requests.answered, 2);
  EXPECT_EQ(f.requests.refused, 1);
  EXPECT_EQ(f.requests.not_known, 1);
  EXPECT_EQ(f.requests.reconsidered, 1);
  EXPECT_EQ(f.requests.open, 1);
  ASSERT_TRUE(f.requests.median_hours_to_answer);
  EXPECT_DOUBLE_EQ(*f.requests.median_hours_to_answer, 24.0);  // of 24, 36 and 6

  EXPECT_EQ(f.advice.asked, 3);
  EXPECT_EQ(f.advice.answered, 2);
  EXPECT_EQ(f.advice.unanswered, 1);
  ASSERT_TRUE(f.advice.median_hours_to_answer);
  EXPECT_DOUBLE_EQ(*f.advice.median_hours_to_answer, 14.0);  // of 4 and 24

  EXPECT_EQ(f.governance.agreements_active, 1);
  EXPECT_EQ(f.governance.agreements_due_for_review, 1);
  EXPECT_EQ(f.governance.dpias_approved, 1);
  EXPECT_EQ(f.governance.dpias_due_for_review, 1);

  EXPECT_EQ(f.staff, 4);
  ASSERT_EQ(f.training.size(), 3u);
  EXPECT_EQ(f.training[0].kind, TrainingKind::kInformationSharing);
  EXPECT_EQ(f.training[0].required, 4);
  EXPECT_EQ(f.training[0].current, 2);
  EXPECT_EQ(f.training[0].lapsed, 1);
  EXPECT_EQ(f.training[0].none, 1);
  EXPECT_EQ(f.training[0].percent_current, 50);
  EXPECT_EQ(f.training[1].required, 4);
  EXPECT_EQ(f.training[1].current, 1);
  EXPECT_EQ(f.training[1].lapsed, 1);
  EXPECT_EQ(f.training[1].none, 2);
  EXPECT_EQ(f.training[1].percent_current, 25);
  EXPECT_EQ(f.training[2].kind, TrainingKind::kSafeguarding);
  EXPECT_EQ(f.training[2].required, 2);  // the worker and the DSL
  EXPECT_EQ(f.training[2].current, 1);
  EXPECT_EQ(f.training[2].none, 1);
  EXPECT_EQ(f.training[2].percent_current, 50);

  ASSERT_EQ(f.months.size(), 3u);
  EXPECT_EQ(f.months[0].month, "2026-09");
  EXPECT_EQ(f.months[0].concerns, 1);
  EXPECT_EQ(f.months[0].decisions_to_share, 1);
  EXPECT_EQ(f.months[0].decisions_not_to_share, 0);
  EXPECT_EQ(f.months[0].requests_received, 1);
  EXPECT_EQ(f.months[0].advice_requests, 1);
  EXPECT_EQ(f.months[0].disclosures_received, 0);
  EXPECT_EQ(f.months[1].month, "2026-10");
  EXPECT_EQ(f.months[1].concerns, 2);
  EXPECT_EQ(f.months[1].decisions_to_share, 1);
  EXPECT_EQ(f.months[1].decisions_not_to_share, 1);
  EXPECT_EQ(f.months[1].requests_received, 1);
  EXPECT_EQ(f.months[1].advice_requests, 0);
  EXPECT_EQ(f.months[1].disclosures_received, 2);  // from the school, 1 and 8 October
  EXPECT_EQ(f.months[2].month, "2026-11");
  EXPECT_EQ(f.months[2].concerns, 1);
  EXPECT_EQ(f.months[2].decisions_to_share, 2);
  EXPECT_EQ(f.months[2].decisions_not_to_share, 1);
  EXPECT_EQ(f.months[2].requests_received, 2);
  EXPECT_EQ(f.months[2].advice_requests, 2);
  EXPECT_EQ(f.months[2].disclosures_received, 2);  // 2 and 23 November

  EXPECT_EQ(AuditCount("oversight.view"), 1u);
}

TEST_F(OversightServiceTest, AnEarlierPeriodIsJudgedAtItsEnd) {
  // September alone: the emergency of October is not in it, and what was
  // pending then is judged on 30 September.
  auto report = oversight_.Of(As(dpo_), OversightScope::kOrganisation, PeriodOf("2026-09-01", "2026-09-30").value());
  ASSERT_TRUE(report) << report.error().message;
  const OversightFigures& f = report->figures;
  EXPECT_EQ(f.concerns_raised, 1);
  EXPECT_EQ(f.decisions_to_share, 1);
  EXPECT_EQ(f.emergency.shares, 0);
  EXPECT_EQ(f.requests.received, 1);
  EXPECT_EQ(f.requests.answered, 1);
  EXPECT_EQ(f.advice.asked, 1);
  ASSERT_EQ(f.months.size(), 1u);
}

TEST_F(OversightServiceTest, ChildrensServicesSeniorLeaderSeesThePartnershipsCounts) {
  auto report = oversight_.Of(As(leader_), OversightScope::kPartnership, Autumn());
  ASSERT_TRUE(report) << report.error().message;
  const OversightFigures& f = report->figures;
  EXPECT_EQ(report->organisation_name, "The partnership");
  EXPECT_EQ(f.concerns_raised, 5);         // the council's four and the school's one
  EXPECT_EQ(f.decisions_to_share, 4 + 4);  // and the school's four shares
  EXPECT_EQ(f.decisions_not_to_share, 2);
  EXPECT_EQ(f.staff, 5);
  EXPECT_EQ(AuditCount("oversight.partnership.view"), 1u);
}

TEST_F(OversightServiceTest, OnlySeniorLeadersDposAndCaldicottGuardiansSeeIt) {
  auto worker = oversight_.Of(As(worker_), OversightScope::kOrganisation, Autumn());
  ASSERT_FALSE(worker);
  EXPECT_EQ(worker.error().code, ErrorCode::kPermissionDenied);
  auto dsl = oversight_.Of(As(dsl_), OversightScope::kOrganisation, Autumn());
  ASSERT_FALSE(dsl);
  EXPECT_EQ(dsl.error().code, ErrorCode::kPermissionDenied);
  // The school's senior leader (and Caldicott guardian) sees the school's,
  // not the partnership's: the school is not children's services.
  auto school = oversight_.Of(As(head_), OversightScope::kOrganisation, Autumn());
  ASSERT_TRUE(school) << school.error().message;
  EXPECT_FALSE(school->partnership_available);
  EXPECT_EQ(school->figures.concerns_raised, 1);
  auto partnership = oversight_.Of(As(head_), OversightScope::kPartnership, Autumn());
  ASSERT_FALSE(partnership);
  EXPECT_EQ(partnership.error().code, ErrorCode::kPermissionDenied);
  // The council's DPO may see both.
  EXPECT_TRUE(oversight_.Of(As(dpo_), OversightScope::kPartnership, Autumn()));
}

TEST_F(OversightServiceTest, APeriodIsCheckedAndNamesItsField) {
  auto reversed = PeriodOf("2026-11-01", "2026-10-01");
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().field, "to");
  auto not_a_date = PeriodOf("2026-02-30", "2026-10-01");
  ASSERT_FALSE(not_a_date);
  EXPECT_EQ(not_a_date.error().field, "from");
  auto too_long = PeriodOf("2020-01-01", "2026-10-01");
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "from");
  auto months = ChosenPeriod("", "", "7", clock_.Now());
  ASSERT_FALSE(months);
  EXPECT_EQ(months.error().field, "months");
  auto last3 = ChosenPeriod("", "", "3", clock_.Now());
  ASSERT_TRUE(last3);
  EXPECT_EQ(IsoDay(last3->from), "2026-09-01");
  EXPECT_EQ(IsoDay(last3->to), "2026-11-24");
}

}  // namespace
}  // namespace jigsaw::service
