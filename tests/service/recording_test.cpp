// Recording a concern as thoroughly as the school tools: marks on a body
// map, files kept sealed, the incident's own date, time and place, and the
// chronology's significant events. Each rule is checked against the store
// on both backends, with what was (or was not) written and audited.
#include <gtest/gtest.h>

#include <cstdio>

#include "common/random.h"
#include "service/administration.h"
#include "service/casework.h"
#include "service/overview.h"
#include "service/recording.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::AuditOutcome;
using domain::BodyArea;
using domain::BodySide;
using domain::Role;

// The smallest files of each kind the sniffing accepts.
std::string Png() {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  png += std::string(17, '\x01');
  return png;
}
// "YYYY-MM-DD" of a moment (UTC; the test clock is mid-morning, so the UK date too).
std::string FormatDate(Time t) {
  const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(t)};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return out;
}
std::string Pdf() { return "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"; }

class RecordingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    const std::string school = Org("Elmside School"), council = Org("Elmside Council");
    teacher_ = As(Add(school, "teacher", {Role::kPractitioner}));
    colleague_ = As(Add(school, "colleague", {Role::kPractitioner}));
    dsl_ = As(Add(school, "school.dsl", {Role::kDesignatedSafeguardingLead}));
    council_dsl_ = As(Add(council, "council.dsl", {Role::kDesignatedSafeguardingLead}));
    domain::Person child{.kind = domain::PersonKind::kChild, .given_name = "Ada", .family_name = "Elm",
                         .date_of_birth = "2016-03-04"};
    auto added = casework_.AddPerson(teacher_, child);
    ASSERT_TRUE(added) << added.error().message;
    child_id_ = added->id;
    concern_id_ = Raise({}).concern.id;
  }
  std::string Org(std::string name) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), domain::OrganisationType::kSchool, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  ConcernRecord Raise(NewConcern c) {
    c.child_id = child_id_;
    c.forms = {domain::AbuseForm::kPhysicalAbuse};
    if (c.what_happened.empty()) c.what_happened = "A bruise on her arm.";
    auto raised = casework_.RaiseConcern(teacher_, c);
    EXPECT_TRUE(raised) << raised.error().message;
    return raised ? *raised : ConcernRecord{};
  }
  std::vector<AuditOutcome> Audited(std::string action) {
    std::vector<AuditOutcome> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      q.limit = 100;
      for (const auto& r : JIGSAW_TRY(tx.audit().Search(q))) out.push_back(r.outcome);
      return Ok();
    }));
    return out;
  }
  std::vector<domain::BodyMark> Marks() {
    std::vector<domain::BodyMark> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      out = JIGSAW_TRY(tx.recording().BodyMarksOfConcern(concern_id_));
      return Ok();
    }));
    return out;
  }
  std::vector<domain::Attachment> Files() {
    std::vector<domain::Attachment> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      out = JIGSAW_TRY(tx.recording().AttachmentsOfConcern(concern_id_));
      return Ok();
    }));
    return out;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Casework casework_{*store_, clock_, trail_};
  Overview overview_{*store_, clock_, trail_};
  access::Sealer sealer_ = *access::Sealer::FromSecret(RandomBytes(32));
  Recording recording_{*store_, clock_, trail_, sealer_, AttachmentPolicy{.max_bytes = 64 * 1024}};
  Context op_ = Context::Operator();
  Context teacher_, colleague_, dsl_, council_dsl_;
  std::string child_id_, concern_id_;
};

TEST_F(RecordingTest, AMarkGoesWhereItWasPlacedOrInTheMiddleOfItsArea) {
  // With a pointer: the point, inside the area it names.
  auto pointed = recording_.AddBodyMark(teacher_, concern_id_, {BodySide::kFront, BodyArea::kLeftForearm, std::pair{158, 180},
                                                                "Bruise 3 cm, purple, oval."});
  ASSERT_TRUE(pointed) << pointed.error().message;
  EXPECT_EQ(std::pair(pointed->x, pointed->y), std::pair(158, 180));
  // Without one (no script): the middle of the area, the next one a little apart.
  // (Marks are numbered in the order they were recorded.)
  clock_.Advance(std::chrono::minutes(1));
  auto first = recording_.AddBodyMark(teacher_, concern_id_, {BodySide::kBack, BodyArea::kUpperBack, {}, "Red mark."});
  clock_.Advance(std::chrono::minutes(1));
  auto second = recording_.AddBodyMark(dsl_, concern_id_, {BodySide::kBack, BodyArea::kUpperBack, {}, "Second red mark."});
  ASSERT_TRUE(first && second);
  const auto region = *domain::RegionOf(BodySide::kBack, BodyArea::kUpperBack);
  EXPECT_TRUE(domain::Contains(region, first->x, first->y));
  EXPECT_TRUE(domain::Contains(region, second->x, second->y));
  EXPECT_NE(std::pair(first->x, first->y), std::pair(second->x, second->y)) << "marks in one area do not hide each other";
  const auto marks = Marks();
  ASSERT_EQ(marks.size(), 3u);
  EXPECT_EQ(marks[0].description, "Bruise 3 cm, purple, oval.");
  EXPECT_EQ(marks[0].area, BodyArea::kLeftForearm);
}

TEST_F(RecordingTest, AMarkThatContradictsItselfOrSaysNothingIsRefusedByFieldAndNotWritten) {
  auto off_area = recording_.AddBodyMark(teacher_, concern_id_, {BodySide::kFront, BodyArea::kHead, std::pair{100, 300}, "Bruise."});
  ASSERT_FALSE(off_area);
  EXPECT_EQ(off_area.error().field, "x");
  auto wrong_side = recording_.AddBodyMark(teacher_, concern_id_, {BodySide::kBack, BodyArea::kChest, {}, "Bruise."});
  ASSERT_FALSE(wrong_side);
  EXPECT_EQ(wrong_side.error().field, "area");
  auto blank = recording_.AddBodyMark(teacher_, concern_id_, {BodySide::kFront, BodyArea::kHead, {}, "   "});
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "description");
  EXPECT_TRUE(Marks().empty());
}

TEST_F(RecordingTest, OnlyThoseWhoMayReadTheConcernAddToItOrOpenItsFiles) {
  // A colleague who did not raise it, and another organisation's DSL: refused, audited as such.
  auto colleague = recording_.AddBodyMark(colleague_, concern_id_, {BodySide::kFront, BodyArea::kHead, {}, "Bruise."});
  ASSERT_FALSE(colleague);
  EXPECT_EQ(colleague.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(recording_.AddAttachment(council_dsl_, concern_id_, {"bruise.png", "Photo.", Png()}));
  EXPECT_TRUE(Marks().empty());
  EXPECT_TRUE(Files().empty());

  auto file = recording_.AddAttachment(teacher_, concern_id_, {"bruise.png", "Photograph of the bruise.", Png()});
  ASSERT_TRUE(file) << file.error().message;
  for (const Context* outsider : {&colleague_, &council_dsl_}) {
    auto opened = recording_.OpenAttachment(*outsider, file->id);
    ASSERT_FALSE(opened);
    EXPECT_TRUE(opened.error().code == ErrorCode::kPermissionDenied || opened.error().code == ErrorCode::kNotFound);
  }
  auto by_dsl = recording_.OpenAttachment(dsl_, file->id);
  ASSERT_TRUE(by_dsl) << by_dsl.error().message;
  EXPECT_EQ(by_dsl->content, Png());
  // Newest first.
  EXPECT_EQ(Audited("attachment.download"),
            (std::vector{AuditOutcome::kAllowed, AuditOutcome::kDenied, AuditOutcome::kDenied}));
  EXPECT_EQ(Audited("body_mark.create"), std::vector{AuditOutcome::kDenied});
  EXPECT_EQ(Audited("attachment.create"), (std::vector{AuditOutcome::kAllowed, AuditOutcome::kDenied}));
}

TEST_F(RecordingTest, AFileIsKeptSealedAndItsKindIsReadFromItsBytes) {
  auto kept = recording_.AddAttachment(teacher_, concern_id_, {"C:\\Photos\\letter from mum", "Her letter.", Pdf()});
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(kept->type, domain::AttachmentType::kPdf);
  EXPECT_EQ(kept->file_name, "letter from mum.pdf") << "the last part of the path, with its kind's extension";
  EXPECT_EQ(kept->size_bytes, static_cast<std::int64_t>(Pdf().size()));
  // At rest: sealed, for this attachment only.
  std::optional<domain::Attachment> stored;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    stored = JIGSAW_TRY(tx.recording().FindAttachment(kept->id));
    return Ok();
  }));
  ASSERT_TRUE(stored);
  const std::string at_rest(stored->sealed_content.begin(), stored->sealed_content.end());
  EXPECT_EQ(at_rest.find("%PDF"), std::string::npos);
  EXPECT_FALSE(sealer_.Open(stored->sealed_content, "attachment:another", stored->organisation_id));
  EXPECT_TRUE(Files().front().sealed_content.empty()) << "a list never carries the content";

  // A web page called a photo, an empty file, a file over the limit: refused by "file".
  const std::string page = "<!DOCTYPE html><script>alert(1)</script>";
  for (const std::string& bad : {page, std::string(), std::string("\xFF\xD8\xFF") + std::string(64 * 1024, 'x')}) {
    auto refused = recording_.AddAttachment(teacher_, concern_id_, {"bruise.jpg", "Photo.", bad});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "file");
  }
  EXPECT_EQ(recording_.AddAttachment(teacher_, concern_id_, {"x.png", "", Png()}).error().field, "description");
  EXPECT_EQ(Files().size(), 1u);
}

TEST_F(RecordingTest, TheIncidentHasItsOwnDateTimeAndPlaceAndComesFirstInTheChronology) {
  // The test clock is a Tuesday morning; the incident was the Saturday before.
  const std::string saturday = FormatDate(clock_.Now() - std::chrono::days(3));
  auto later = Raise({.level = domain::ConcernLevel::kSignificant, .what_happened = "She told me about the weekend.",
                      .incident_date = saturday, .incident_time = "18:30", .incident_place = "At home, as she told it"});
  EXPECT_EQ(later.concern.incident_date, saturday);
  EXPECT_EQ(later.concern.incident_time, "18:30");
  EXPECT_EQ(later.concern.incident_place, "At home, as she told it");

  NewConcern future{.incident_date = FormatDate(clock_.Now() + std::chrono::days(2))};
  future.child_id = child_id_;
  future.forms = {domain::AbuseForm::kNeglect};
  future.what_happened = "x";
  EXPECT_EQ(casework_.RaiseConcern(teacher_, future).error().field, "incident_date");
  NewConcern time_alone = future;
  time_alone.incident_date = "";
  time_alone.incident_time = "09:00";
  EXPECT_EQ(casework_.RaiseConcern(teacher_, time_alone).error().field, "incident_date");
  time_alone.incident_date = saturday;
  time_alone.incident_time = "25:00";
  EXPECT_EQ(casework_.RaiseConcern(teacher_, time_alone).error().field, "incident_time");

  auto chronology = overview_.ChronologyOf(dsl_, child_id_);
  ASSERT_TRUE(chronology) << chronology.error().message;
  const auto& e = chronology->entries;
  ASSERT_GE(e.size(), 3u);
  EXPECT_EQ(e[0].kind, ChronologyKind::kIncident) << "placed when it happened, before either concern was recorded";
  EXPECT_EQ(e[0].detail, "At home, as she told it");
  EXPECT_EQ(e[0].significance, Significance::kSignificant);
  EXPECT_EQ(e[0].precision, ChronologyPrecision::kMoment);
  EXPECT_LT(e[0].at, clock_.Now() - std::chrono::hours(60));
  // The first concern (unsure, no incident date) is routine; the second (significant harm) is not.
  int significant_raised = 0, routine_raised = 0;
  for (const auto& x : e)
    if (x.kind == ChronologyKind::kConcernRaised)
      (x.significance == Significance::kSignificant ? significant_raised : routine_raised)++;
  EXPECT_EQ(significant_raised, 1);
  EXPECT_EQ(routine_raised, 1);
}

TEST(Significance, TheRuleNamesWhatADslReadsFirst) {
  using K = ChronologyKind;
  const auto sig = Significance::kSignificant, routine = Significance::kRoutine;
  EXPECT_EQ(IsSignificant(K::kIncident, ""), sig);
  EXPECT_EQ(IsSignificant(K::kConcernRaised, "immediate_risk"), sig);
  EXPECT_EQ(IsSignificant(K::kConcernRaised, "significant_harm"), sig);
  EXPECT_EQ(IsSignificant(K::kConcernRaised, "low"), routine);
  EXPECT_EQ(IsSignificant(K::kConcernSeen, ""), routine);
  EXPECT_EQ(IsSignificant(K::kNextStep, "refer_to_childrens_social_care"), sig);
  EXPECT_EQ(IsSignificant(K::kNextStep, "refer_to_police"), sig);
  EXPECT_EQ(IsSignificant(K::kNextStep, "monitor"), routine);
  EXPECT_EQ(IsSignificant(K::kDecision, "not_share"), sig);
  EXPECT_EQ(IsSignificant(K::kDisclosureSent, ""), sig);
  EXPECT_EQ(IsSignificant(K::kDisclosureReceived, ""), routine);
  EXPECT_EQ(IsSignificant(K::kFeedback, "strategy_discussion_or_section_47"), sig);
  EXPECT_EQ(IsSignificant(K::kFeedback, "no_further_action"), routine);
}

}  // namespace
}  // namespace jigsaw::service
