// The public privacy information over HTTP on each backend
// (docs/governance.md, "Privacy information"): an organisation's notice
// lists exactly its active agreements, with their lawful bases and Article
// 9 conditions, and not its drafts, those awaiting a signature, those
// signed but not yet started, expired or withdrawn; the pages need no
// sign-in, name no member of staff, escape what the registers hold, and
// are linked from every page's footer.
#include <gtest/gtest.h>

#include "access/totp.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

bool Has(const std::string& body, std::string_view text) { return body.find(text) != std::string::npos; }

class PrivacyPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    primary_ = OrganisationId(leader_, "Brackenford Primary");
    csc_ = OrganisationId(leader_, "Brackenford Council");
    police_ = OrganisationId(leader_, "Brackenford Constabulary");
    const auto op = service::Context::Operator("test");
    auto head = server_.app().administration().AddPractitioner(
        op, {primary_, "primary.head@demo.jigsaw", "Sol Everly", domain::RoleSet{domain::Role::kSeniorLeader},
             std::string(app::kDemoPassword)});
    ASSERT_TRUE(head) << head.error().message;
    ASSERT_TRUE(server_.app().accounts().EnrolAuthenticator(op, head->id, *access::Base32Decode(app::kDemoTotpSecret)));
    head_ = Client(server_.port(), server_.SignIn("primary.head"));
  }

  // An agreement between children's services and the primary school.
  std::string Agreement(const std::string& title, std::vector<std::string> bases, std::vector<std::string> conditions,
                        const std::string& start_on, const std::string& end_on, int signatures) {
    auto made = leader_.post("/api/v1/agreements", {{"title", title},
                                                    {"party_organisation_ids", {csc_, primary_}},
                                                    {"purposes", {"safeguarding"}},
                                                    {"data_categories", {"Attendance <records>"}},
                                                    {"people_categories", {"child", "parent"}},
                                                    {"lawful_bases", bases},
                                                    {"article9_conditions", conditions},
                                                    {"frequency", "regular"},
                                                    {"start_on", start_on},
                                                    {"review_on", "2027-11-24"},
                                                    {"end_on", end_on},
                                                    {"document_reference", "REF"}});
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string id = made.Json()["id"];
    if (signatures >= 1) {
      EXPECT_EQ(leader_.post("/api/v1/agreements/" + id + "/signatures", json::object()).status, 201);
    }
    if (signatures >= 2) {
      EXPECT_EQ(head_.post("/api/v1/agreements/" + id + "/signatures", json::object()).status, 201);
    }
    return id;
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};  // its clock says 2026-11-24
  Client leader_{server_.port(), server_.SignIn("csc.dsl")};
  Client head_{0, ""};
  std::string primary_, csc_, police_;
};

TEST_F(PrivacyPagesTest, TheNoticeListsExactlyTheActiveAgreementsAndTheirBases) {
  // The one in force: its bases and condition are the only ones listed.
  Agreement("Active <b>agreement</b>", {"public_task", "vital_interests"}, {"substantial_public_interest"}, "2026-11-24",
            "", 2);
  Agreement("Draft agreement", {"consent"}, {"explicit_consent"}, "2026-11-24", "", 0);
  Agreement("Awaiting agreement", {"legitimate_interests"}, {}, "2026-11-24", "", 1);
  Agreement("Future agreement", {"contract"}, {"health_or_social_care"}, "2026-12-20", "", 2);
  Agreement("Expiring agreement", {"legal_obligation"}, {"legal_claims"}, "2026-11-24", "2026-11-30", 2);
  const std::string withdrawn = Agreement("Withdrawn agreement", {"legal_obligation"}, {"public_health"}, "2026-11-24", "", 2);
  ASSERT_EQ(head_.post("/api/v1/agreements/" + withdrawn + "/withdrawal", {{"reason", "Ended."}}).status, 200);
  // 2026-12-05: the expiring one has expired; the future one has not started.
  server_.clock().Set(TestEpoch() + std::chrono::days(11));

  for (const std::string& organisation : {primary_, csc_}) {
    auto notice = Get(server_.port(), "/privacy/" + organisation);  // no session
    ASSERT_EQ(notice.status, 200) << notice.body;
    const std::string& b = notice.body;
    EXPECT_TRUE(Has(b, "Active &lt;b&gt;agreement&lt;/b&gt;")) << "listed, and escaped";
    EXPECT_FALSE(Has(b, "<b>agreement"));
    EXPECT_TRUE(Has(b, "Attendance &lt;records&gt;"));
    for (const char* absent : {"Draft agreement", "Awaiting agreement", "Future agreement", "Expiring agreement",
                               "Withdrawn agreement"})
      EXPECT_FALSE(Has(b, absent)) << absent;
    EXPECT_TRUE(Has(b, "Public task (Article 6(1)(e))"));
    EXPECT_TRUE(Has(b, "Vital interests (Article 6(1)(d))"));
    EXPECT_TRUE(Has(b, "Substantial public interest (Article 9(2)(g))"));
    for (const char* absent : {"Consent (UK GDPR Article 6(1)(a))", "Legitimate interests (Article 6(1)(f))",
                               "Contract (Article 6(1)(b))", "Legal obligation (Article 6(1)(c))", "Article 9(2)(a)",
                               "Article 9(2)(h)", "Article 9(2)(f)", "Article 9(2)(i)"})
      EXPECT_FALSE(Has(b, absent)) << absent;
    // No member of staff is named: not who signed, nor who withdrew.
    EXPECT_FALSE(Has(b, "Sol Everly"));
    EXPECT_FALSE(Has(b, "Lars Wendell"));
  }
  // Whom each shares with: the other party.
  EXPECT_TRUE(Has(Get(server_.port(), "/privacy/" + primary_).body, "Brackenford Council Children&#39;s Services (demo)"));
  // The police are party to none: they share no information regularly.
  auto police = Get(server_.port(), "/privacy/" + police_);
  ASSERT_EQ(police.status, 200);
  EXPECT_TRUE(Has(police.body, "no data sharing agreement in force"));
  EXPECT_FALSE(Has(police.body, "Active &lt;b&gt;agreement"));
  EXPECT_TRUE(Has(police.body, "Part 3 of the Data Protection Act 2018")) << "a competent authority";

  // The children's version names whom information goes to, in short sentences.
  auto children = Get(server_.port(), "/privacy/" + primary_ + "/children");
  ASSERT_EQ(children.status, 200);
  EXPECT_TRUE(Has(children.body, "Brackenford Council Children&#39;s Services (demo)"));
  EXPECT_TRUE(Has(children.body, "Keeping children safe is part of our job."));
  EXPECT_FALSE(Has(children.body, "The law tells us we must.")) << "legal obligation is only in ended agreements";
  EXPECT_TRUE(Has(children.body, "We keep it until you are 25."));
}

TEST_F(PrivacyPagesTest, TheNoticeStatesTheOrganisationsOwnScheduleAndNamesNoOrganisationThatWithholdsItsName) {
  Agreement("Active agreement", {"public_task"}, {}, "2026-11-24", "", 2);
  Client dpo(server_.port(), server_.SignIn("csc.dpo"));
  auto set = dpo.put("/api/v1/retention/schedule/concern",
                     {{"trigger", "from_last_activity"}, {"years", 40}, {"disposal", "dpo_confirms"},
                      {"source", "Council policy 2026"}});
  ASSERT_EQ(set.status, 200) << set.body;
  Client school(server_.port(), server_.SignIn("primary.dsl"));
  ASSERT_EQ(school.put("/api/v1/partnership/visibility", {{"withhold_name", true}}).status, 200);

  const std::string notice = Get(server_.port(), "/privacy/" + csc_).body;
  EXPECT_TRUE(Has(notice, "40 years after")) << "the period its DPO set, not the default";
  EXPECT_FALSE(Has(notice, "Brackenford Primary")) << "it withholds its name from the partnership";
  EXPECT_TRUE(Has(notice, "A support service that does not publish its name"));
}

TEST_F(PrivacyPagesTest, ThePagesNeedNoSignInAndAreLinkedFromTheFooter) {
  auto list = Get(server_.port(), "/privacy");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(Has(list.body, "Brackenford Primary School (demo)"));
  EXPECT_TRUE(Has(list.body, "href=\"/privacy/" + primary_ + "\""));
  EXPECT_TRUE(Has(list.body, "href=\"/privacy/" + primary_ + "/children\""));
  EXPECT_EQ(Get(server_.port(), "/privacy/" + csc_).status, 200);
  auto notice = Get(server_.port(), "/privacy/" + csc_);
  EXPECT_TRUE(Has(notice.body, "ask for the data protection officer")) << "children's services has a DPO";
  EXPECT_TRUE(Has(notice.body, "The right of access"));
  EXPECT_TRUE(Has(notice.body, "0303 123 1113"));
  EXPECT_EQ(Get(server_.port(), "/privacy/" + csc_ + "/children").status, 200);
  EXPECT_EQ(Get(server_.port(), "/privacy/0123456789abcdef0123456789abcdef").status, 404);
  EXPECT_EQ(Get(server_.port(), "/privacy/not-an-id").status, 404);
  EXPECT_EQ(Get(server_.port(), "/privacy/%3Cscript%3E/children").status, 404);
  auto sign_in = Get(server_.port(), "/sign-in");
  EXPECT_TRUE(Has(sign_in.body, "href=\"/privacy\"")) << "the footer links to it";
}

}  // namespace
}  // namespace jigsaw::testing
