// Oversight over HTTP on each backend (docs/governance.md, "Oversight"):
// children's services' DPO reads the figures as JSON, CSV and the page
// (charts drawn as SVG, each with its table); a practitioner is refused on
// every route; and nothing in the CSV or on the page names a child or a
// member of staff, though the records counted do.
#include <gtest/gtest.h>

#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class OversightHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A concern about a named child, raised by a named social worker.
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", "Zebedee"}, {"family_name", "Quornfield"},
                       {"date_of_birth", "2015-05-05"}},
                      worker_);
    ASSERT_EQ(child.status, 201) << child.body;
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child.Json()["id"]}, {"forms", {"neglect"}}, {"level", "low"},
                         {"what_happened", "Zebedee was hungry."},
                         {"items", {{{"text", "Often hungry at lunch."}, {"source", "lunch staff"}}}}},
                        worker_);
    ASSERT_EQ(concern.status, 201) << concern.body;
  }
  std::uint16_t port() { return server_.port(); }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  static void ExpectNoNames(const std::string& text) {
    for (const char* name : {"Zebedee", "Quornfield", "Kemi", "Thorne", "Mina", "Okafor", "hungry"})
      EXPECT_EQ(text.find(name), std::string::npos) << name;
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};  // its clock says 2026-11-24
  std::string worker_ = server_.SignIn("csc.socialworker");
  std::string dpo_ = server_.SignIn("csc.dpo");
};

TEST_F(OversightHttpTest, TheDpoReadsTheFiguresAsJson) {
  auto reply = Get(port(), "/api/v1/oversight?from=2026-11-01&to=2026-11-30", dpo_);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json j = reply.Json();
  EXPECT_EQ(j["scope"], "organisation");
  EXPECT_EQ(j["period"]["from"], "2026-11-01");
  EXPECT_EQ(j["period"]["to"], "2026-11-30");
  EXPECT_EQ(j["concerns_raised"], 1);
  ASSERT_EQ(j["months"].size(), 1u);
  EXPECT_EQ(j["months"][0]["month"], "2026-11");
  EXPECT_EQ(j["months"][0]["concerns_raised"], 1);
  EXPECT_TRUE(j["disclosures_received"]["acknowledgement"]["percent_on_time"].is_null());
  ExpectNoNames(reply.body);
  // The partnership's, as children's services' DPO.
  auto partnership = Get(port(), "/api/v1/oversight?months=3&scope=partnership", dpo_);
  ASSERT_EQ(partnership.status, 200) << partnership.body;
  EXPECT_EQ(partnership.Json()["scope"], "partnership");
  // A period that is not one names its field.
  auto reversed = Get(port(), "/api/v1/oversight?from=2026-11-30&to=2026-11-01", dpo_);
  EXPECT_EQ(reversed.status, 400);
  EXPECT_EQ(reversed.Json()["error"]["field"], "to");
  auto months = Get(port(), "/api/v1/oversight?months=5", dpo_);
  EXPECT_EQ(months.status, 400);
  EXPECT_EQ(months.Json()["error"]["field"], "months");
}

TEST_F(OversightHttpTest, TheCsvCountsAndNamesNobody) {
  auto reply = Get(port(), "/api/v1/oversight?from=2026-11-01&to=2026-11-30&format=csv", dpo_);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(reply.headers["content-disposition"].find("attachment"), std::string::npos);
  EXPECT_EQ(reply.body.rfind("\"figure\",\"month\",\"value\"\r\n", 0), 0u) << reply.body.substr(0, 80);
  EXPECT_NE(reply.body.find("\"concerns_raised\",\"\",\"1\"\r\n"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("\"months.concerns_raised\",\"2026-11\",\"1\"\r\n"), std::string::npos);
  ExpectNoNames(reply.body);
  // The page's download is the same file.
  auto page_csv = Page(dpo_, "/oversight/csv?from=2026-11-01&to=2026-11-30");
  ASSERT_EQ(page_csv.status, 200);
  EXPECT_EQ(page_csv.body, reply.body);
}

TEST_F(OversightHttpTest, ThePageDrawsEachChartBesideItsTable) {
  auto page = Page(dpo_, "/oversight?from=2026-09-01&to=2026-11-30");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<svg class=\"jigsaw-chart\""), std::string::npos);
  EXPECT_NE(page.body.find("Data for: Concerns raised each month"), std::string::npos);
  EXPECT_NE(page.body.find("<td class=\"govuk-table__cell\">Nov 2026</td><td class=\"govuk-table__cell\">1</td>"),
            std::string::npos);
  EXPECT_NE(page.body.find("href=\"/oversight/csv?from=2026-09-01&amp;to=2026-11-30\""), std::string::npos);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  // The menu links the page for those who may see it.
  EXPECT_NE(page.body.find("href=\"/oversight\""), std::string::npos);
  // Nobody in the figures is named (the header names the signed-in DPO).
  const std::string main = page.body.substr(page.body.find("<main"));
  for (const char* name : {"Zebedee", "Quornfield", "Kemi", "Thorne", "hungry"})
    EXPECT_EQ(main.find(name), std::string::npos) << name;
  // A bad period is shown on the form, by its field.
  auto bad = Page(dpo_, "/oversight?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("href=\"#from"), std::string::npos) << bad.body.substr(0, 3000);
}

TEST_F(OversightHttpTest, APractitionerIsRefusedEverywhere) {
  EXPECT_EQ(Get(port(), "/api/v1/oversight", worker_).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/oversight?format=csv", worker_).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/oversight?scope=partnership", worker_).status, 403);
  auto page = Page(worker_, "/oversight");
  EXPECT_EQ(page.status, 403);
  EXPECT_EQ(page.body.find("<svg class=\"jigsaw-chart\""), std::string::npos);
  auto csv = Page(worker_, "/oversight/csv");
  EXPECT_EQ(csv.status, 403);
  EXPECT_EQ(csv.headers["content-type"].find("text/csv"), std::string::npos);
  // The home page and menu do not offer it.
  auto home = Page(worker_, "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_EQ(home.body.find("href=\"/oversight\""), std::string::npos);
  // Nor to a teacher at the school.
  const std::string teacher = server_.SignIn("primary.teacher");
  EXPECT_EQ(Get(port(), "/api/v1/oversight", teacher).status, 403);
}

}  // namespace
}  // namespace jigsaw::testing
