// Restriction of processing (UK GDPR Article 18) and objection (Article 21)
// over HTTP on each backend (issue 17, item 3; docs/rights.md): a
// restricted child disappears from a practitioner's and the DSL's views (the
// search, the child's record, the concern list and the concern, the home
// page, the API) with a marker in their place, a direct read answers 403
// naming the restriction, and all of it reappears when the DPO lifts it
// (whose subject access work goes on meanwhile). A restricted child
// answers no other organisation's lookup. A restricted parent is withheld
// on the child's record, which remains. An objection
// and the DPO's decision show on the record and in the assessment. Another
// organisation's DPO can neither restrict nor see; bad input changes nothing.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "access/totp.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kChildName = "Zephyrine";
constexpr std::string_view kAccount = "Zephyrine said her stepfather locked her out overnight";
constexpr std::string_view kReason = "Her mother contests the accuracy of the record";
constexpr std::string_view kNotice = "Records restricted by the data protection officer on";

class RestrictionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    school_ = OrganisationId("Brackenford Primary");
    council_ = OrganisationId("Brackenford Council");
    dpo_ = AddDpo(school_, "primary.dpo@test.jigsaw");
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", std::string(kChildName)}, {"family_name", "Marchbanks"},
                       {"date_of_birth", "2016-05-04"}, {"nhs_number", "943 476 5919"}},
                      teacher_);
    ASSERT_EQ(child.status, 201) << child.body;
    child_ = child.Json()["id"];
    auto mother = Post(port(), "/api/v1/people",
                       {{"kind", "parent"}, {"given_name", "Ottoline"}, {"family_name", "Marchbanks"},
                        {"related_to", {{"person_id", child_}, {"kind", "parent"}}}},
                       teacher_);
    ASSERT_EQ(mother.status, 201) << mother.body;
    mother_ = mother.Json()["id"];
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child_},
                         {"forms", {"neglect"}},
                         {"level", "significant_harm"},
                         {"what_happened", std::string(kAccount)},
                         {"items", {{{"text", "Arrived cold and hungry."}, {"source", "breakfast club"}}}}},
                        teacher_);
    ASSERT_EQ(concern.status, 201) << concern.body;
    concern_ = concern.Json()["id"];
    item_ = concern.Json()["items"][0]["id"];
  }
  std::uint16_t port() { return server_.port(); }
  std::string OrganisationId(std::string_view prefix) {
    const json all = Get(port(), "/api/v1/organisations", teacher_).Json();
    for (const auto& o : all["organisations"])
      if (o["name"].get<std::string>().starts_with(prefix)) return o["id"];
    ADD_FAILURE() << "no organisation " << prefix;
    return {};
  }
  // A data protection officer for an organisation (the demo has none).
  std::string AddDpo(const std::string& organisation_id, const std::string& username) {
    const auto op = service::Context::Operator();
    auto added = server_.app().administration().AddPractitioner(
        op, {organisation_id, username, "Dee Protect", domain::RoleSet{domain::Role::kDataProtectionOfficer},
             std::string(app::kDemoPassword)});
    EXPECT_TRUE(added);
    EXPECT_TRUE(server_.app().accounts().EnrolAuthenticator(op, added->id, *access::Base32Decode(app::kDemoTotpSecret)));
    return server_.SignInUser(username);
  }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
  std::string Restrict(const std::string& person_id) {
    auto placed = Post(port(), "/api/v1/people/" + person_id + "/restrictions", {{"reason", std::string(kReason)}}, dpo_);
    EXPECT_EQ(placed.status, 201) << placed.body;
    return placed.status == 201 ? placed.Json()["id"].get<std::string>() : "";
  }
  json Preview() {
    auto preview = Post(port(), "/api/v1/decisions/preview",
                        {{"concern_id", concern_},
                         {"recipient_organisation_id", council_},
                         {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}}},
                         {"items", {{{"id", item_}, {"relevant", true}, {"necessary", true}}}},
                         {"share_items", {item_}},
                         {"outcome", "share"}},
                        teacher_);
    EXPECT_EQ(preview.status, 200) << preview.body;
    return preview.Json()["assessment"];
  }
  static bool Fires(const json& assessment, std::string_view rule) {
    for (const auto& r : assessment["reasons"])
      if (r["rule"] == rule) return true;
    return false;
  }
  static bool MustRecord(const json& assessment, std::string_view what) {
    for (const auto& r : assessment["must_record"])
      if (r == what) return true;
    return false;
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string teacher_ = server_.SignIn("primary.teacher");
  std::string dsl_ = server_.SignIn("primary.dsl");
  std::string school_, council_, dpo_, child_, mother_, concern_, item_;
};

TEST_F(RestrictionTest, ARestrictedChildDisappearsFromPractitionersViewsAndReappearsWhenLifted) {
  ASSERT_NE(Get(port(), "/api/v1/people?q=Marchbanks", teacher_).body.find(kChildName), std::string::npos);
  const std::string restriction = Restrict(child_);

  for (const std::string* token : {&teacher_, &dsl_}) {
    auto search = Get(port(), "/api/v1/people?q=Marchbanks", *token);
    ASSERT_EQ(search.status, 200) << search.body;
    EXPECT_EQ(search.body.find(kChildName), std::string::npos);
    EXPECT_NE(search.body.find(kNotice), std::string::npos) << search.body;
    EXPECT_EQ(search.body.find(kReason), std::string::npos) << "the reason is never shown to them";
    auto record = Get(port(), "/api/v1/people/" + child_, *token);
    EXPECT_EQ(record.status, 403) << record.body;
    EXPECT_EQ(record.Json()["error"]["field"], "restriction");
    auto concern = Get(port(), "/api/v1/concerns/" + concern_, *token);
    EXPECT_EQ(concern.status, 403) << concern.body;
    EXPECT_EQ(concern.body.find(kAccount), std::string::npos);
    auto page = Page(*token, "/children/" + child_);
    EXPECT_EQ(page.status, 403);
    EXPECT_NE(page.body.find(kNotice), std::string::npos);
    EXPECT_EQ(page.body.find(kChildName), std::string::npos);
    auto concern_page = Page(*token, "/concerns/" + concern_);
    EXPECT_EQ(concern_page.status, 403);
    EXPECT_EQ(concern_page.body.find(kAccount), std::string::npos);
    auto home = Page(*token, "/");
    ASSERT_EQ(home.status, 200);
    EXPECT_EQ(home.body.find(kChildName), std::string::npos);
    EXPECT_NE(home.body.find(kNotice), std::string::npos);
  }
  auto mine = Get(port(), "/api/v1/concerns", teacher_);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body.find(kAccount), std::string::npos);
  EXPECT_NE(mine.Json()["concerns"][0]["restricted"]["notice"].get<std::string>().find(kNotice), std::string::npos);
  auto queue = Get(port(), "/api/v1/concerns/queue", dsl_);
  EXPECT_EQ(queue.body.find(kAccount), std::string::npos);
  auto caseload = Page(dsl_, "/caseload");
  ASSERT_EQ(caseload.status, 200);
  EXPECT_EQ(caseload.body.find(kChildName), std::string::npos);
  // Nothing is shared from restricted records: the DPO lifts it first.
  auto preview = Post(port(), "/api/v1/decisions/preview",
                      {{"concern_id", concern_}, {"recipient_organisation_id", council_}, {"outcome", "share"}}, teacher_);
  EXPECT_EQ(preview.status, 403) << preview.body;

  // The DPO's register shows it, with the reason.
  auto listed = Get(port(), "/api/v1/restrictions", dpo_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["restrictions"].size(), 1u);
  EXPECT_EQ(listed.Json()["restrictions"][0]["reason"], kReason);
  EXPECT_NE(Page(dpo_, "/restrictions").body.find(kChildName), std::string::npos);
  // Restriction does not stop the DPO's subject access work.
  auto sar = Post(port(), "/api/v1/subject-access-requests",
                  {{"person_id", child_}, {"received_on", "2026-11-20"}, {"identity_check", "documents_seen"},
                   {"identity_note", "Birth certificate seen with her mother."}},
                  dpo_);
  ASSERT_EQ(sar.status, 201) << sar.body;
  auto held = Get(port(), "/api/v1/subject-access-requests/" + sar.Json()["id"].get<std::string>(), dpo_);
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_NE(held.Json()["held"].dump().find(kAccount), std::string::npos);

  auto bad = Post(port(), "/api/v1/restrictions/" + restriction + "/lift", {{"reason", ""}}, dpo_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "lift_reason");
  EXPECT_EQ(Get(port(), "/api/v1/people/" + child_, teacher_).status, 403) << "still restricted";
  auto lifted = Post(port(), "/api/v1/restrictions/" + restriction + "/lift", {{"reason", "The record was checked."}}, dpo_);
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_FALSE(lifted.Json()["active"].get<bool>());

  EXPECT_NE(Get(port(), "/api/v1/people?q=Marchbanks", teacher_).body.find(kChildName), std::string::npos);
  auto back = Get(port(), "/api/v1/concerns/" + concern_, dsl_);
  ASSERT_EQ(back.status, 200);
  EXPECT_NE(back.body.find(kAccount), std::string::npos);
  EXPECT_NE(Page(teacher_, "/children/" + child_).body.find(kChildName), std::string::npos);
  EXPECT_NE(Page(teacher_, "/").body.find(kChildName), std::string::npos);
}

TEST_F(RestrictionTest, ARestrictedParentIsShownAsRestrictedOnTheChildsRecordWhichRemains) {
  Restrict(mother_);
  auto record = Get(port(), "/api/v1/people/" + child_, teacher_);
  ASSERT_EQ(record.status, 200) << record.body;
  EXPECT_NE(record.body.find(kChildName), std::string::npos);
  EXPECT_EQ(record.body.find("Ottoline"), std::string::npos);
  ASSERT_EQ(record.Json()["related"].size(), 1u);
  EXPECT_TRUE(record.Json()["related"][0]["person"]["restricted"].is_object());
  auto page = Page(teacher_, "/children/" + child_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(kNotice), std::string::npos);
  EXPECT_EQ(page.body.find("Ottoline"), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/people/" + mother_, teacher_).status, 403);
}

TEST_F(RestrictionTest, AnObjectionAndItsDecisionShowOnTheRecordAndInTheAssessment) {
  EXPECT_FALSE(Fires(Preview(), "OBJECTION.on-record"));
  auto recorded = Post(port(), "/api/v1/people/" + child_ + "/objections",
                       {{"received_on", "2026-11-20"}, {"objector", "on_their_behalf"},
                        {"objector_name", "Ottoline Marchbanks, mother"}, {"grounds", "Do not tell the council."}},
                       dpo_);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const std::string id = recorded.Json()["id"];
  json assessment = Preview();
  EXPECT_TRUE(Fires(assessment, "OBJECTION.on-record")) << assessment.dump();
  EXPECT_TRUE(MustRecord(assessment, "objection_override"));
  EXPECT_EQ(assessment["recommendation"], "share") << "an objection never blocks protecting a child";

  auto decided = Post(port(), "/api/v1/objections/" + id + "/decision",
                      {{"decision", "not_upheld"}, {"reason", "Zephyrine's safety needs the council to know."}}, dpo_);
  ASSERT_EQ(decided.status, 200) << decided.body;
  assessment = Preview();
  EXPECT_TRUE(Fires(assessment, "OBJECTION.not-upheld"));
  EXPECT_FALSE(Fires(assessment, "OBJECTION.on-record"));

  auto record = Get(port(), "/api/v1/people/" + child_, teacher_);
  ASSERT_EQ(record.Json()["objections"].size(), 1u);
  EXPECT_EQ(record.Json()["objections"][0]["decision"], "not_upheld");
  auto page = Page(teacher_, "/children/" + child_);
  EXPECT_NE(page.body.find("Not upheld"), std::string::npos);
  EXPECT_NE(page.body.find("Zephyrine&#39;s safety needs the council to know."), std::string::npos) << page.body.substr(0, 0);
  EXPECT_EQ(Get(port(), "/api/v1/objections", dpo_).Json()["objections"].size(), 1u);
}

TEST_F(RestrictionTest, ARestrictedChildAnswersNoOtherOrganisationsLookup) {
  const std::string gp = OrganisationId("Millbrook Surgery");
  auto gp_child = Post(port(), "/api/v1/people",
                       {{"kind", "child"}, {"given_name", std::string(kChildName)}, {"family_name", "Marchbanks"},
                        {"date_of_birth", "2016-05-04"}, {"nhs_number", "9434765919"}},
                       server_.SignIn("gp.doctor"));
  ASSERT_EQ(gp_child.status, 201) << gp_child.body;
  const std::string gp_dpo = AddDpo(gp, "gp.dpo@test.jigsaw");
  auto placed = Post(port(), "/api/v1/people/" + gp_child.Json()["id"].get<std::string>() + "/restrictions",
                     {{"reason", "Contested."}}, gp_dpo);
  ASSERT_EQ(placed.status, 201) << placed.body;
  auto asked = Post(port(), "/api/v1/people/" + child_ + "/who-else-knows", json::object(), dsl_);
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.Json()["organisations"].size(), 0u) << asked.body;

  ASSERT_EQ(Post(port(), "/api/v1/restrictions/" + placed.Json()["id"].get<std::string>() + "/lift",
                 {{"reason", "Checked."}}, gp_dpo)
                .status,
            200);
  auto again = Post(port(), "/api/v1/people/" + child_ + "/who-else-knows", json::object(), dsl_);
  ASSERT_EQ(again.status, 201) << again.body;
  ASSERT_EQ(again.Json()["organisations"].size(), 1u) << again.body;
  EXPECT_EQ(again.Json()["organisations"][0]["id"], gp);
}

TEST_F(RestrictionTest, AnotherOrganisationsDpoCannotRestrictOrSeeAndBadInputChangesNothing) {
  const std::string council_dpo = AddDpo(council_, "council.dpo@test.jigsaw");
  auto foreign = Post(port(), "/api/v1/people/" + child_ + "/restrictions", {{"reason", "Not ours."}}, council_dpo);
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(foreign.Json()["error"]["field"], "person_id");
  EXPECT_EQ(Post(port(), "/api/v1/people/" + child_ + "/restrictions", {{"reason", "No."}}, teacher_).status, 403);
  EXPECT_EQ(Post(port(), "/api/v1/people/" + child_ + "/restrictions", {{"reason", "No."}}, dsl_).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/restrictions", teacher_).status, 403);
  auto blank = Post(port(), "/api/v1/people/" + child_ + "/restrictions", {{"reason", "   "}}, dpo_);
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(blank.Json()["error"]["field"], "reason");
  auto unknown = Post(port(), "/api/v1/people/" + child_ + "/restrictions", {{"reason", "x"}, {"until", "never"}}, dpo_);
  EXPECT_EQ(unknown.status, 400);
  auto future = Post(port(), "/api/v1/people/" + child_ + "/objections",
                     {{"received_on", "2099-01-01"}, {"objector", "person"}, {"grounds", "Later."}}, dpo_);
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.Json()["error"]["field"], "received_on");
  auto who = Post(port(), "/api/v1/people/" + child_ + "/objections",
                  {{"received_on", "2026-11-20"}, {"objector", "neighbour"}, {"grounds", "x"}}, dpo_);
  EXPECT_EQ(who.status, 400);
  EXPECT_EQ(who.Json()["error"]["field"], "objector");
  // A form post without its token changes nothing either.
  auto forged = Send(port(), {"POST", "/restrictions/new", "person_id=" + child_ + "&reason=Forged",
                              {{"Cookie", "jigsaw_session=" + dpo_}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/restrictions", dpo_).Json()["restrictions"].size(), 0u);
  EXPECT_EQ(Get(port(), "/api/v1/objections", dpo_).Json()["objections"].size(), 0u);
  EXPECT_NE(Get(port(), "/api/v1/people?q=Marchbanks", teacher_).body.find(kChildName), std::string::npos);

  // Placed through the DPO's form, it is theirs alone: the council's DPO sees none of it.
  auto form = Form(dpo_, "/restrictions/new", "person_id=" + child_ + "&reason=Contested+by+the+family");
  EXPECT_EQ(form.status, 303) << form.body;
  EXPECT_EQ(Get(port(), "/api/v1/restrictions", dpo_).Json()["restrictions"].size(), 1u);
  EXPECT_EQ(Get(port(), "/api/v1/restrictions", council_dpo).Json()["restrictions"].size(), 0u);
  EXPECT_EQ(Get(port(), "/api/v1/people/" + child_, teacher_).status, 403);
}

}  // namespace
}  // namespace jigsaw::testing
