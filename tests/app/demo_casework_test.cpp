// The demo's year of casework on each backend: made through the services
// with the clock moved through the year, it shows what the run command
// promises a newcomer: an adult around three children known to three
// agencies alerts children's services, a child recorded differently by
// three agencies is matched (one match left for review), the multi-agency
// chronology joins the school's piece to children's services' own, an
// emergency share was recorded in full, feedback is owed, and the protected
// mother in the refuge is never named to early help.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/application.h"
#include "app/demo.h"
#include "app/demo_casework.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::app {
namespace {

class DemoCaseworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = Application::Create(db_.Config(), year_);
    ASSERT_TRUE(app) << app.error().message;
    app_ = std::move(*app);
    ASSERT_TRUE(LoadDemoPartnership(app_->administration(), app_->accounts()));
    ASSERT_TRUE(LoadDemoGovernance(app_->administration(), app_->accounts(), app_->governance(),
                                   app_->governance().Today()));
    auto loaded = LoadDemoCasework(*app_, year_, testing::TestEpoch());
    ASSERT_TRUE(loaded) << loaded.error().message;
    auto people = app_->administration().ListPractitioners(service::Context::Operator("test"), std::nullopt);
    ASSERT_TRUE(people);
    for (const auto& p : *people)
      staff_[p.username.substr(0, p.username.find('@'))] =
          service::Context{access::Actor{p.id, p.organisation_id, p.roles, false}, "test"};
  }
  const service::Context& As(const std::string& who) { return staff_.at(who); }

  testing::TestDatabase db_;
  FakeClock year_{testing::TestEpoch() - std::chrono::days(365)};
  std::unique_ptr<Application> app_;
  std::map<std::string, service::Context> staff_;
};

TEST_F(DemoCaseworkTest, TheYearEndsTodayWithTheJigsawToSee) {
  EXPECT_EQ(year_.Now(), testing::TestEpoch()) << "the clock is left at the end of the year";

  // One adult, three children, three agencies: children's services is alerted.
  auto alerts = app_->partnership().RiskAlerts(As("csc.dsl"));
  ASSERT_TRUE(alerts) << alerts.error().message;
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].link, domain::RiskLink::kAdult);
  EXPECT_EQ((*alerts)[0].children, 3);
  // Recorded by the school, the surgery and the police; children's services
  // and the surgery know Tyler too.
  EXPECT_EQ((*alerts)[0].organisations, 4);

  // Tyler, as children's services recorded him, joined with the school's piece.
  auto found = app_->casework().FindPeople(As("csc.socialworker"), "Brooke");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  auto picture = app_->linking().PictureOf(As("csc.socialworker"), (*found)[0].id);
  ASSERT_TRUE(picture) << picture.error().message;
  EXPECT_NE(std::find(picture->agencies.begin(), picture->agencies.end(), "Brackenford Primary School (demo)"),
            picture->agencies.end());
  // The surgery's answer about him (spelt "Brook") waits for a person to decide.
  auto waiting = app_->linking().Suggestions(As("csc.socialworker"));
  ASSERT_TRUE(waiting) << waiting.error().message;
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ((*waiting)[0].source_organisation, "Millbrook Surgery (demo)");

  // The police's emergency share that night was recorded in full the next morning.
  auto owed = app_->sharing().OwedRecords(As("police.officer"));
  ASSERT_TRUE(owed);
  EXPECT_TRUE(owed->empty());

  // Feedback closes most loops; some are still owed.
  auto inbox = app_->sharing().Disclosures(As("csc.dsl"), /*inbox=*/true);
  ASSERT_TRUE(inbox);
  EXPECT_GE(inbox->size(), 10u);

  // Golden rule 5: early help reads about Skye, never her mother or the refuge.
  auto received = app_->sharing().Disclosures(As("earlyhelp.dsl"), /*inbox=*/true);
  ASSERT_TRUE(received);
  int skye = 0;
  for (const auto& s : *received) {
    auto opened = app_->sharing().GetDisclosure(As("earlyhelp.dsl"), s.disclosure.id);
    ASSERT_TRUE(opened) << opened.error().message;
    if (!opened->content.child || opened->content.child->given_name != "Skye") continue;
    ++skye;
    for (const char* never : {"Dana", "Hearthside House", "Orchard Walk", "BF6 1RR", "07700 900777"})
      EXPECT_EQ(opened->content_json.find(never), std::string::npos) << never << " in " << opened->content_json;
    EXPECT_NE(opened->content_json.find("[name withheld]"), std::string::npos);
  }
  EXPECT_EQ(skye, 1);
}

TEST_F(DemoCaseworkTest, DecisionsNotToShareAreRecordedWithTheirReasons) {
  auto found = app_->casework().FindPeople(As("gp.doctor"), "Ross");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  auto decisions = app_->sharing().ListDecisions(As("gp.dsl"), (*found)[0].id);
  ASSERT_TRUE(decisions) << decisions.error().message;
  ASSERT_EQ(decisions->size(), 1u);
  EXPECT_EQ((*decisions)[0].outcome, domain::DecisionOutcome::kNotShare);
  EXPECT_FALSE((*decisions)[0].record.rationale.empty());
}

}  // namespace
}  // namespace jigsaw::app
