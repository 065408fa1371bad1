// Issue 17, item 2, over HTTP on each backend: a person marked protected
// after being recorded is withheld from a disclosure made after the
// correction; a correction of a disclosed item reaches the recipient as a
// disclosure linked to the earlier one, which is marked corrected (API,
// inbox and page); a correction without a reason is refused and changes
// nothing; someone who may not edit the concern cannot correct; and the
// pages show the form and the superseded versions.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class CorrectionsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const json organisations = Get(port(), "/api/v1/organisations", dsl_).Json();
    for (const auto& o : organisations["organisations"])
      if (o["name"].get<std::string>().starts_with("Brackenford Council")) council_ = o["id"];
    // The DSL records and shares: their shares need no approval.
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", "Ada"}, {"family_name", "Test"}, {"date_of_birth", "2015-01-02"}},
                      dsl_);
    ASSERT_EQ(child.status, 201) << child.body;
    child_ = child.Json()["id"];
    auto mother = Post(port(), "/api/v1/people",
                       {{"kind", "parent"}, {"given_name", "Olive"}, {"family_name", "Pratchett"},
                        {"address", "12 Refuge Road, Brackenford"}, {"postcode", "BR1 2AB"},
                        {"related_to", {{"person_id", child_}, {"kind", "parent"}}}},
                       dsl_);
    ASSERT_EQ(mother.status, 201) << mother.body;
    mother_ = mother.Json()["id"];
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child_}, {"forms", {"domestic_abuse"}}, {"level", "significant_harm"},
                         {"what_happened", "Ada spoke of shouting at home."},
                         {"items", {{{"text", "Ada now lives with Olive Pratchett at 12 Refuge Road, Brackenford."},
                                     {"source", "class teacher"}, {"identifies", {mother_}}}}}},
                        dsl_);
    ASSERT_EQ(concern.status, 201) << concern.body;
    concern_ = concern.Json()["id"];
    item_ = concern.Json()["items"][0]["id"];
  }
  std::uint16_t port() { return server_.port(); }
  std::string Share() {
    auto decision = Post(port(), "/api/v1/decisions",
                         {{"concern_id", concern_}, {"recipient_organisation_id", council_},
                          {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}}},
                          {"items", {{{"id", item_}, {"relevant", true}, {"necessary", true}}}},
                          {"share_items", {item_}}, {"outcome", "share"}, {"rationale", "Ada may be living with domestic abuse."},
                          {"lawful_basis", "public_task"}, {"consent", "Not sought: it could place Ada at risk."},
                          {"informing", {{"told", false}, {"reason_not_told", "It could place Ada at risk."}}}},
                         dsl_);
    EXPECT_EQ(decision.status, 201) << decision.body;
    EXPECT_TRUE(decision.Json()["disclosure_id"].is_string()) << decision.body;
    return decision.Json().value("disclosure_id", "");
  }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
  std::size_t Superseded(const std::string& path) {
    auto h = Get(port(), path, dsl_);
    EXPECT_EQ(h.status, 200) << h.body;
    return h.Json()["superseded"].size();
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string dsl_ = server_.SignIn("primary.dsl");
  std::string teacher_ = server_.SignIn("primary.teacher");
  std::string worker_ = server_.SignIn("csc.socialworker");
  std::string council_, child_, mother_, concern_, item_;
};

TEST_F(CorrectionsApiTest, MarkingAPersonProtectedLaterWithholdsThemFromALaterDisclosure) {
  auto corrected = Post(port(), "/api/v1/people/" + mother_ + "/corrections",
                        {{"protected", true}, {"protected_reason", "Fled to a refuge."},
                         {"reason", "We learnt today that she is in a refuge."}},
                        dsl_);
  ASSERT_EQ(corrected.status, 201) << corrected.body;
  EXPECT_EQ(corrected.Json()["protected"], true);

  const std::string id = Share();
  auto opened = Get(port(), "/api/v1/disclosures/" + id, worker_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.body.find("Olive"), std::string::npos) << opened.body;
  EXPECT_EQ(opened.body.find("Pratchett"), std::string::npos) << opened.body;
  EXPECT_EQ(opened.body.find("Refuge Road"), std::string::npos) << opened.body;
  auto page = Page(worker_, "/disclosures/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Pratchett"), std::string::npos);

  auto history = Get(port(), "/api/v1/people/" + mother_ + "/corrections", dsl_);
  ASSERT_EQ(history.status, 200) << history.body;
  const json h = history.Json();
  EXPECT_EQ(h["current"]["protected"], true);
  ASSERT_EQ(h["superseded"].size(), 1u);
  EXPECT_EQ(h["superseded"][0]["protected"], false);
  EXPECT_EQ(h["superseded"][0]["superseded"]["reason"], "We learnt today that she is in a refuge.");
}

TEST_F(CorrectionsApiTest, ACorrectionOfADisclosedItemReachesTheRecipientAndMarksTheEarlierOne) {
  const std::string earlier = Share();
  auto corrected = Post(port(), "/api/v1/items/" + item_ + "/corrections",
                        {{"text", "Ada now lives with Olive Pratchett at 14 Refuge Road, Brackenford."},
                         {"accuracy", "verified"}, {"reason", "The house number was wrong."}},
                        dsl_);
  ASSERT_EQ(corrected.status, 201) << corrected.body;
  ASSERT_EQ(corrected.Json()["corrections_sent"].size(), 1u) << corrected.body;
  const std::string correction = corrected.Json()["corrections_sent"][0]["id"];
  EXPECT_EQ(corrected.Json()["corrections_sent"][0]["corrects"], earlier);

  auto opened = Get(port(), "/api/v1/disclosures/" + correction, worker_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  const json c = opened.Json();
  EXPECT_EQ(c["corrects"], earlier);
  EXPECT_EQ(c["content"]["correction"]["corrects"], earlier);
  EXPECT_EQ(c["content"]["correction"]["reason"], "The house number was wrong.");
  ASSERT_EQ(c["content"]["items"].size(), 1u);
  EXPECT_NE(c["content"]["items"][0]["text"].get<std::string>().find("14 Refuge Road"), std::string::npos);
  EXPECT_EQ(c["content"]["items"][0]["accuracy"], "verified");

  auto first = Get(port(), "/api/v1/disclosures/" + earlier, worker_);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json()["corrected_by"], json::array({correction}));

  auto inbox = Page(worker_, "/inbox");
  ASSERT_EQ(inbox.status, 200);
  EXPECT_NE(inbox.body.find("Corrected since"), std::string::npos);
  EXPECT_NE(inbox.body.find(">Correction<"), std::string::npos);
  auto page = Page(worker_, "/disclosures/" + earlier);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("has since been corrected"), std::string::npos);
  EXPECT_NE(page.body.find("/disclosures/" + correction), std::string::npos);
  auto correction_page = Page(worker_, "/disclosures/" + correction);
  ASSERT_EQ(correction_page.status, 200);
  EXPECT_NE(correction_page.body.find("The house number was wrong."), std::string::npos);

  EXPECT_EQ(Superseded("/api/v1/items/" + item_ + "/corrections"), 1u);
}

TEST_F(CorrectionsApiTest, ACorrectionWithoutAReasonIsRefusedAndChangesNothing) {
  const std::string earlier = Share();
  auto person = Post(port(), "/api/v1/people/" + mother_ + "/corrections",
                     {{"protected", true}, {"protected_reason", "Refuge."}}, dsl_);
  EXPECT_EQ(person.status, 400) << person.body;
  EXPECT_EQ(person.Json()["error"]["field"], "reason") << person.body;
  auto item = Post(port(), "/api/v1/items/" + item_ + "/corrections", {{"text", "Something else."}, {"reason", "  "}}, dsl_);
  EXPECT_EQ(item.status, 400) << item.body;
  EXPECT_EQ(item.Json()["error"]["field"], "reason") << item.body;
  EXPECT_EQ(Superseded("/api/v1/people/" + mother_ + "/corrections"), 0u);
  EXPECT_EQ(Superseded("/api/v1/items/" + item_ + "/corrections"), 0u);
  EXPECT_EQ(Get(port(), "/api/v1/people/" + mother_, dsl_).Json()["protected"], false);
  EXPECT_TRUE(Get(port(), "/api/v1/disclosures/" + earlier, worker_).Json()["corrected_by"].empty());

  // The page keeps what was typed and names the missing reason.
  auto form = Form(dsl_, "/people/" + mother_ + "/correct",
                   "given_name=Olive&family_name=Pratchett&address=12+Refuge+Road&postcode=BR1+2AB&protected=yes&"
                   "protected_reason=Refuge&reason=");
  EXPECT_EQ(form.status, 400);
  EXPECT_NE(form.body.find("Say why the record is being corrected"), std::string::npos);
  EXPECT_EQ(Superseded("/api/v1/people/" + mother_ + "/corrections"), 0u);
}

TEST_F(CorrectionsApiTest, SomeoneNotAllowedToEditTheConcernCannotCorrect) {
  Share();
  // A teacher who neither raised the concern nor recorded her; the recipient's worker.
  auto teacher = Post(port(), "/api/v1/people/" + mother_ + "/corrections",
                      {{"protected", true}, {"protected_reason", "Refuge."}, {"reason", "In a refuge."}}, teacher_);
  EXPECT_EQ(teacher.status, 403) << teacher.body;
  auto teacher_item = Post(port(), "/api/v1/items/" + item_ + "/corrections",
                           {{"text", "Something else."}, {"reason", "Wrong."}}, teacher_);
  EXPECT_EQ(teacher_item.status, 403) << teacher_item.body;
  auto worker = Post(port(), "/api/v1/items/" + item_ + "/corrections",
                     {{"text", "Something else."}, {"reason", "Wrong."}}, worker_);
  EXPECT_EQ(worker.status, 404) << worker.body;
  EXPECT_EQ(Superseded("/api/v1/people/" + mother_ + "/corrections"), 0u);
  EXPECT_EQ(Superseded("/api/v1/items/" + item_ + "/corrections"), 0u);
  EXPECT_EQ(Page(teacher_, "/people/" + mother_ + "/correct").status, 200) << "reading the record is allowed";
  EXPECT_EQ(Form(teacher_, "/items/" + item_ + "/correct", "text=Else&source=x&accuracy=verified&reason=Wrong").status, 403)
      << "golden rule 6: the concern is not theirs to edit";
}

TEST_F(CorrectionsApiTest, ThePagesOfferTheCorrectionAndShowTheSupersededVersion) {
  auto child = Page(dsl_, "/children/" + child_);
  ASSERT_EQ(child.status, 200);
  EXPECT_NE(child.body.find("/people/" + mother_ + "/correct"), std::string::npos);
  auto concern = Page(dsl_, "/concerns/" + concern_);
  ASSERT_EQ(concern.status, 200);
  EXPECT_NE(concern.body.find("/items/" + item_ + "/correct"), std::string::npos);

  auto done = Form(dsl_, "/people/" + mother_ + "/correct",
                   "given_name=Olive&family_name=Pratchett&address=12+Refuge+Road%2C+Brackenford&postcode=BR1+2AB&"
                   "protected=yes&protected_reason=Fled+to+a+refuge&reason=She+is+in+a+refuge+now");
  EXPECT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(Get(port(), "/api/v1/people/" + mother_, dsl_).Json()["protected"], true);
  auto form = Page(dsl_, "/people/" + mother_ + "/correct");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Superseded"), std::string::npos);
  EXPECT_NE(form.body.find("She is in a refuge now"), std::string::npos);

  // Who she is to the child, through the same form.
  auto relationship = Form(dsl_, "/people/" + mother_ + "/correct",
                           "given_name=Olive&family_name=Pratchett&address=12+Refuge+Road%2C+Brackenford&postcode=BR1+2AB&"
                           "protected=yes&protected_reason=Fled+to+a+refuge&related_person_id=" + child_ +
                           "&relationship=carer&reason=Aunt+not+mother");
  EXPECT_EQ(relationship.status, 303) << relationship.body;
  auto versions = Get(port(), "/api/v1/people/" + mother_ + "/corrections", dsl_).Json();
  EXPECT_EQ(versions["relationships"][0]["kind"], "carer");
  EXPECT_EQ(versions["relationships_superseded"][0]["kind"], "parent");
  EXPECT_EQ(versions["superseded"].size(), 1u) << "only the relationship changed the second time";

  auto item = Form(dsl_, "/items/" + item_ + "/correct",
                   "text=Ada+lives+with+her+mother.&source=class+teacher&accuracy=verified&reason=Checked+with+Ada");
  EXPECT_EQ(item.status, 303) << item.body;
  auto item_page = Page(dsl_, "/items/" + item_ + "/correct");
  ASSERT_EQ(item_page.status, 200);
  EXPECT_NE(item_page.body.find("Superseded"), std::string::npos);
  EXPECT_NE(item_page.body.find("Checked with Ada"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
