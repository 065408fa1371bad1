// Training over HTTP on each backend (docs/workflow.md, "Training"): a
// practitioner records their own through the API and the page, their DSL
// or administrator records it for them, anyone else is refused; lapsed or
// missing training is on the home page until it is recorded; the DSL's
// staff page shows each state on the server's injected clock; and a bad
// date names its field and writes nothing.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class TrainingApiTest : public ::testing::Test {
 protected:
  std::uint16_t port() { return server_.port(); }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
  std::string IdOf(const std::string& token) {
    return Get(port(), "/api/v1/me", token).Json()["practitioner"]["id"];
  }
  static json Course(std::string kind, std::string completed, std::string expires, std::string who = {}) {
    json j{{"kind", kind}, {"course", "Sharing safely"}, {"completed_on", completed}, {"expires_on", expires}};
    if (!who.empty()) j["practitioner_id"] = who;
    return j;
  }
  std::size_t Records(const std::string& token) { return Get(port(), "/api/v1/training", token).Json()["records"].size(); }

  TestDatabase db_;
  TestServer server_{db_.Config()};  // its clock says 2026-11-24
  std::string worker_ = server_.SignIn("csc.socialworker");
  std::string csc_dsl_ = server_.SignIn("csc.dsl");
  std::string csc_admin_ = server_.SignIn("csc.admin");
  std::string csc_dpo_ = server_.SignIn("csc.dpo");
  std::string teacher_ = server_.SignIn("primary.teacher");
};

TEST_F(TrainingApiTest, APractitionerRecordsTheirOwnTraining) {
  auto done = Post(port(), "/api/v1/training", Course("data_protection", "2026-10-01", "2027-10-01"), worker_);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.Json()["practitioner_id"], IdOf(worker_));
  auto mine = Get(port(), "/api/v1/training", worker_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json()["records"].size(), 1u);
  EXPECT_EQ(mine.Json()["status"][1]["kind"], "data_protection");
  EXPECT_EQ(mine.Json()["status"][1]["state"], "current");
  EXPECT_EQ(mine.Json()["status"][0]["state"], "none");
}

TEST_F(TrainingApiTest, TheDslAndAdministratorRecordItForStaffAndNobodyElseMay) {
  const std::string worker = IdOf(worker_);
  auto by_dsl = Post(port(), "/api/v1/training", Course("safeguarding", "2026-09-01", "2027-09-01", worker), csc_dsl_);
  ASSERT_EQ(by_dsl.status, 201) << by_dsl.body;
  EXPECT_EQ(by_dsl.Json()["recorded_by"], IdOf(csc_dsl_));
  auto by_admin = Post(port(), "/api/v1/training", Course("data_protection", "2026-09-01", "2027-09-01", worker), csc_admin_);
  ASSERT_EQ(by_admin.status, 201) << by_admin.body;
  EXPECT_EQ(Get(port(), "/api/v1/practitioners/" + worker + "/training", csc_dsl_).status, 200);

  // A colleague who is neither: refused; another organisation: not revealed.
  EXPECT_EQ(Post(port(), "/api/v1/training", Course("safeguarding", "2026-09-01", "2027-09-01", worker), csc_dpo_).status, 403);
  EXPECT_EQ(Post(port(), "/api/v1/training", Course("safeguarding", "2026-09-01", "2027-09-01", worker), teacher_).status, 404);
  EXPECT_EQ(Get(port(), "/api/v1/practitioners/" + worker + "/training", csc_dpo_).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/practitioners/" + worker + "/training", teacher_).status, 404);
  EXPECT_EQ(Page(teacher_, "/training/staff/" + worker).status, 404);
  EXPECT_EQ(Records(worker_), 2u);
}

TEST_F(TrainingApiTest, LapsedTrainingIsOnTheHomePageAndGoesWhenItIsRecorded) {
  ASSERT_EQ(Post(port(), "/api/v1/training", Course("information_sharing", "2024-01-01", "2026-11-01"), worker_).status, 201);
  auto home = Page(worker_, "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Your training needs updating"), std::string::npos);
  EXPECT_NE(home.body.find("Information sharing training: lapsed on 1 November 2026"), std::string::npos);
  EXPECT_NE(home.body.find("Data protection training: none recorded"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/training/new?kind=data_protection\""), std::string::npos);

  // Recorded on the page, in the three-field date style, without JavaScript.
  for (const std::string kind : {"information_sharing", "data_protection", "safeguarding"}) {
    auto posted = Form(worker_, "/training/new",
                       "kind=" + kind +
                           "&course=Sharing+safely&completed_on-day=20&completed_on-month=11&completed_on-year=2026"
                           "&expires_on-day=20&expires_on-month=11&expires_on-year=2027");
    ASSERT_EQ(posted.status, 303) << posted.body;
    EXPECT_EQ(posted.Header("location"), "/training?recorded=1");
  }
  home = Page(worker_, "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_EQ(home.body.find("Your training needs updating"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/training\""), std::string::npos) << "still reachable once current";
  auto mine = Page(worker_, "/training");
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Sharing safely"), std::string::npos);
}

TEST_F(TrainingApiTest, TheDslsStaffPageShowsEachStateOnTheInjectedClock) {
  const std::string worker = IdOf(worker_);
  // Today is 2026-11-24: "expiring" is up to 2026-12-24.
  ASSERT_EQ(Post(port(), "/api/v1/training", Course("information_sharing", "2026-01-01", "2027-06-01", worker), csc_dsl_).status, 201);
  ASSERT_EQ(Post(port(), "/api/v1/training", Course("data_protection", "2026-01-01", "2026-12-10", worker), csc_dsl_).status, 201);
  ASSERT_EQ(Post(port(), "/api/v1/training", Course("safeguarding", "2024-01-01", "2026-11-01", worker), csc_dsl_).status, 201);
  auto staff = Get(port(), "/api/v1/staff-training", csc_dsl_);
  ASSERT_EQ(staff.status, 200) << staff.body;
  json me;
  const json list = staff.Json();
  for (const auto& m : list["staff"])
    if (m["practitioner_id"] == worker) me = m;
  ASSERT_FALSE(me.is_null()) << staff.body;
  EXPECT_EQ(me["status"][0]["state"], "current");
  EXPECT_EQ(me["status"][1]["state"], "expiring");
  EXPECT_EQ(me["status"][2]["state"], "lapsed");
  EXPECT_EQ(list["counts"]["safeguarding"]["lapsed"], 1);
  EXPECT_EQ(staff.body.find("concern"), std::string::npos) << "training only, no casework";

  auto page = Page(csc_dsl_, "/training/staff");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Kemi Thorne"), std::string::npos);
  EXPECT_NE(page.body.find("Expiring within 30 days"), std::string::npos);

  // The server's clock moves on: what was expiring has lapsed.
  server_.clock().Advance(std::chrono::days{20});
  const std::string dsl = server_.SignIn("csc.dsl");  // the old session has timed out
  const json later = Get(port(), "/api/v1/staff-training", dsl).Json();
  bool seen = false;
  for (const auto& m : later["staff"])
    if (m["practitioner_id"] == worker) {
      EXPECT_EQ(m["status"][1]["state"], "lapsed");
      seen = true;
    }
  EXPECT_TRUE(seen);

  // Only the DSL or administrator sees the staff's.
  const std::string worker_now = server_.SignIn("csc.socialworker");
  EXPECT_EQ(Get(port(), "/api/v1/staff-training", worker_now).status, 403);
  EXPECT_EQ(Page(worker_now, "/training/staff").status, 403);
}

TEST_F(TrainingApiTest, ABadDateNamesItsFieldAndWritesNothing) {
  auto api = Post(port(), "/api/v1/training", Course("data_protection", "2026-02-30", "2027-02-28"), worker_);
  ASSERT_EQ(api.status, 400) << api.body;
  EXPECT_EQ(api.Json()["error"]["field"], "completed_on");
  auto order = Post(port(), "/api/v1/training", Course("data_protection", "2026-10-01", "2026-09-01"), worker_);
  ASSERT_EQ(order.status, 400) << order.body;
  EXPECT_EQ(order.Json()["error"]["field"], "expires_on");

  // The page shows every problem at once in the error summary.
  auto page = Form(worker_, "/training/new",
                   "kind=data_protection&course=Sharing+safely&completed_on-day=31&completed_on-month=2"
                   "&completed_on-year=2026&expires_on-day=&expires_on-month=&expires_on-year=");
  ASSERT_EQ(page.status, 400) << page.body;
  EXPECT_NE(page.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"#completed_on\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"#expires_on\""), std::string::npos);
  EXPECT_NE(page.body.find("value=\"31\""), std::string::npos) << "what was typed is kept";
  EXPECT_EQ(Records(worker_), 0u);
}

}  // namespace
}  // namespace jigsaw::testing
