// Issue 17, items 1 and 7, over HTTP on each backend: the council's DPO
// opens a subject access request for a parent; what is returned is
// everything held about her with every third party and protected person
// withheld; the DPO's exemption choices are applied to the release (what
// was withheld is not in it, and the reason stays in the DPO's record);
// the deadline is one calendar month and can be extended; the release is
// a printable page and a JSON file; the DPO's workspace lists it with its
// deadline; anyone else is refused.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class SubjectAccessApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", "Tilly"}, {"family_name", "Marsh"}, {"date_of_birth", "2015-01-02"}},
                      worker_);
    ASSERT_EQ(child.status, 201) << child.body;
    child_ = child.Json()["id"];
    auto mother = Post(port(), "/api/v1/people",
                       {{"kind", "parent"}, {"given_name", "Olive"}, {"family_name", "Pratchett"},
                        {"address", "The refuge, Brackenford"}, {"related_to", {{"person_id", child_}, {"kind", "parent"}}}},
                       worker_);
    ASSERT_EQ(mother.status, 201) << mother.body;
    mother_ = mother.Json()["id"];
    auto father = Post(port(), "/api/v1/people",
                       {{"kind", "associated_adult"}, {"given_name", "Victor"}, {"family_name", "Crane"},
                        {"address", "4 Hill Road, Brackenford"}, {"protected", true},
                        {"protected_reason", "Olive fled to a refuge from him."},
                        {"related_to", {{"person_id", child_}, {"kind", "parent"}}}},
                       worker_);
    ASSERT_EQ(father.status, 201) << father.body;
    auto neighbour = Post(port(), "/api/v1/people",
                          {{"kind", "third_party"}, {"given_name", "Nora"}, {"family_name", "Quist"}}, worker_);
    ASSERT_EQ(neighbour.status, 201) << neighbour.body;
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child_},
                         {"forms", {"domestic_abuse"}},
                         {"level", "significant_harm"},
                         {"what_happened", "Olive Pratchett said Victor Crane shouted at Tilly."},
                         {"items",
                          {{{"person_id", mother_},
                            {"text", "Olive Pratchett is afraid of Victor Crane of 4 Hill Road."},
                            {"source", "Nora Quist"},
                            {"confidential", true},
                            {"identifies", {mother_}}},
                           {{"person_id", mother_},
                            {"text", "Olive Pratchett went to every session of the parenting course."},
                            {"source", "family support worker"}}}}},
                        worker_);
    ASSERT_EQ(concern.status, 201) << concern.body;
    concern_ = concern.Json()["id"].get<std::string>();
    const json created = concern.Json();
    for (const auto& item : created["items"])
      (item["text"].get<std::string>().find("afraid") != std::string::npos ? confidential_ : course_) = item["id"].get<std::string>();
  }
  std::uint16_t port() { return server_.port(); }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
  std::string Open(const std::string& received_on) {
    auto opened = Post(port(), "/api/v1/subject-access-requests",
                       {{"person_id", mother_}, {"received_on", received_on}, {"identity_check", "documents_seen"},
                        {"identity_note", "Passport and a council tax bill seen at reception."}},
                       dpo_);
    EXPECT_EQ(opened.status, 201) << opened.body;
    return opened.Json().value("id", "");
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};  // its clock: 2026-11-24
  std::string worker_ = server_.SignIn("csc.socialworker");
  std::string dsl_ = server_.SignIn("csc.dsl");
  std::string dpo_ = server_.SignIn("csc.dpo");
  std::string child_, mother_, concern_, confidential_, course_;
};

TEST_F(SubjectAccessApiTest, AParentsRequestReturnsWhatIsHeldWithThirdPartiesWithheldAndTheExemptionsApplied) {
  const std::string id = Open("2026-10-31");
  auto got = Get(port(), "/api/v1/subject-access-requests/" + id, dpo_);
  ASSERT_EQ(got.status, 200) << got.body;
  const json view = got.Json();
  // One calendar month from 31 October: 30 November.
  EXPECT_EQ(view["due_on"], "2026-11-30");
  std::set<std::string> keys;
  for (const auto& e : view["held"]) keys.insert(e["key"].get<std::string>());
  EXPECT_TRUE(keys.contains("person:" + mother_));
  EXPECT_TRUE(keys.contains("item:" + confidential_));
  EXPECT_TRUE(keys.contains("item:" + course_));
  EXPECT_TRUE(keys.contains("access:" + mother_));
  const std::string held = view["held"].dump();
  for (const char* other : {"Victor", "Crane", "Hill Road", "Nora", "Quist", "Tilly"})
    EXPECT_EQ(held.find(other), std::string::npos) << other << " in " << held;
  EXPECT_NE(held.find("Olive"), std::string::npos);

  // The DPO decides on each piece that may be exempt: the confidential item withheld.
  const std::string why = "Given in confidence by a neighbour, who it would identify.";
  for (const auto& e : view["held"]) {
    if (e["exemptions_may_apply"].empty()) continue;
    const bool withhold = e["key"] == "item:" + confidential_;
    json body = {{"entry", e["key"]}, {"choice", withhold ? "withhold" : "release"},
                 {"reason", withhold ? why : "Nobody else can be identified from it now."}};
    if (withhold) body["exemption"] = "confidence";
    auto decided = Post(port(), "/api/v1/subject-access-requests/" + id + "/decisions", body, dpo_);
    ASSERT_EQ(decided.status, 201) << decided.body;
  }
  auto released = Post(port(), "/api/v1/subject-access-requests/" + id + "/release", json::object(), dpo_);
  ASSERT_EQ(released.status, 201) << released.body;
  std::set<std::string> out;
  const json release = released.Json();
  for (const auto& e : release["entries"]) out.insert(e["key"].get<std::string>());
  EXPECT_FALSE(out.contains("item:" + confidential_));
  EXPECT_TRUE(out.contains("item:" + course_)) << released.body;
  EXPECT_EQ(released.body.find("afraid"), std::string::npos);
  EXPECT_EQ(released.body.find(why), std::string::npos);

  // The export is the release as frozen; the reason is in the DPO's record.
  auto exported = Get(port(), "/api/v1/subject-access-requests/" + id + "/release", dpo_);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.Json(), released.Json());
  auto record = Get(port(), "/api/v1/subject-access-requests/" + id, dpo_);
  ASSERT_EQ(record.status, 200);
  EXPECT_EQ(record.Json()["status"], "released");
  bool reason_kept = false;
  const json kept = record.Json();
  for (const auto& d : kept["decisions"])
    reason_kept |= d["entry"] == "item:" + confidential_ && d["reason"] == why && d["exemption"] == "confidence";
  EXPECT_TRUE(reason_kept) << record.body;

  // The printable page and the file.
  auto page = Page(dpo_, "/subject-access/" + id + "/released");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("parenting course"), std::string::npos);
  EXPECT_EQ(page.body.find("afraid"), std::string::npos);
  EXPECT_EQ(page.body.find("Crane"), std::string::npos);
  auto file = Page(dpo_, "/subject-access/" + id + "/released.json");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(json::parse(file.body), released.Json());
}

TEST_F(SubjectAccessApiTest, TheDeadlineIsExtendedWithAReasonAndTheWorkspaceShowsWhatIsDue) {
  const std::string id = Open("2026-11-20");
  auto refused = Post(port(), "/api/v1/subject-access-requests/" + id + "/extension", {{"months", 2}}, dpo_);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "reason");
  auto extended = Post(port(), "/api/v1/subject-access-requests/" + id + "/extension",
                       {{"months", 2}, {"reason", "Records from three teams to review."}}, dpo_);
  ASSERT_EQ(extended.status, 200) << extended.body;
  EXPECT_EQ(extended.Json()["due_on"], "2027-02-20");

  const std::string soon = Open("2026-10-28");  // due 28 November: this week
  // A share sent to the wrong school and recalled: a possible breach, 72 hours to report.
  std::string school;
  const json organisations = Get(port(), "/api/v1/organisations", dsl_).Json();
  for (const auto& o : organisations["organisations"])
    if (o["name"].get<std::string>().starts_with("Brackenford Primary")) school = o["id"];
  auto decision = Post(port(), "/api/v1/decisions",
                       {{"concern_id", concern_},
                        {"recipient_organisation_id", school},
                        {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}}},
                        {"items", {{{"id", course_}, {"relevant", true}, {"necessary", true}}}},
                        {"share_items", {course_}},
                        {"outcome", "share"},
                        {"rationale", "The school supports the family."},
                        {"lawful_basis", "public_task"},
                        {"consent", "Not sought: it could place the child at risk."},
                        {"informing", {{"told", false}, {"reason_not_told", "It could place the child at risk."}}}},
                       dsl_);
  ASSERT_EQ(decision.status, 201) << decision.body;
  const std::string disclosure = decision.Json()["disclosure_id"];
  auto recalled = Post(port(), "/api/v1/disclosures/" + disclosure + "/recall", {{"reason", "Sent to the wrong school."}}, dsl_);
  ASSERT_EQ(recalled.status, 200) << recalled.body;

  auto workspace = Page(dpo_, "/dpo");
  ASSERT_EQ(workspace.status, 200) << workspace.body;
  const auto due_week = workspace.body.find("Due this week");
  const auto requests = workspace.body.find("Subject access requests</h2>");
  ASSERT_NE(due_week, std::string::npos);
  ASSERT_NE(requests, std::string::npos);
  EXPECT_LT(due_week, requests);
  EXPECT_NE(workspace.body.find("/subject-access/" + soon), std::string::npos);
  EXPECT_NE(workspace.body.find("28 November 2026"), std::string::npos);
  EXPECT_NE(workspace.body.find("20 February 2027"), std::string::npos);
  const auto recall = workspace.body.find("/disclosures/" + disclosure);
  ASSERT_NE(recall, std::string::npos);
  EXPECT_LT(recall, requests);  // among what is due this week
  EXPECT_NE(workspace.body.find("Recalls: possible personal data breaches"), std::string::npos);
  EXPECT_NE(workspace.body.find("27 November 2026 at 9:00am"), std::string::npos) << workspace.body;  // 72 hours on
  // The DPO's home page and menu lead there.
  auto home = Page(dpo_, "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("href=\"/dpo\""), std::string::npos);

  // Opening one from the page: the person chosen from the organisation's records.
  auto form = Page(dpo_, "/subject-access/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find(mother_), std::string::npos);
  auto posted = Form(dpo_, "/subject-access/new",
                     "person_id=" + mother_ +
                         "&received_on-day=31&received_on-month=10&received_on-year=2026&identity_check=known_in_person"
                         "&identity_note=Known+to+her+social+worker");
  ASSERT_EQ(posted.status, 303) << posted.body;
  auto request_page = Page(dpo_, posted.headers.at("location"));
  ASSERT_EQ(request_page.status, 200);
  EXPECT_NE(request_page.body.find("30 November 2026"), std::string::npos);
  EXPECT_EQ(request_page.body.find("Crane"), std::string::npos);
}

TEST_F(SubjectAccessApiTest, SomeoneOtherThanTheDpoIsRefused) {
  const std::string id = Open("2026-11-20");
  for (const std::string* who : {&worker_, &dsl_}) {
    auto opened = Post(port(), "/api/v1/subject-access-requests",
                       {{"person_id", mother_}, {"received_on", "2026-11-20"}, {"identity_check", "documents_seen"},
                        {"identity_note", "Passport seen."}},
                       *who);
    EXPECT_EQ(opened.status, 403) << opened.body;
    EXPECT_EQ(Get(port(), "/api/v1/subject-access-requests/" + id, *who).status, 403);
    EXPECT_EQ(Post(port(), "/api/v1/subject-access-requests/" + id + "/release", json::object(), *who).status, 403);
    EXPECT_EQ(Page(*who, "/subject-access/" + id).status, 403);
    EXPECT_EQ(Page(*who, "/dpo").status, 403);
  }
  // Another organisation's DPO (the school has none: its DSL stands in) finds nothing.
  const std::string school = server_.SignIn("primary.dsl");
  EXPECT_EQ(Get(port(), "/api/v1/subject-access-requests/" + id, school).status, 403);
}

}  // namespace
}  // namespace jigsaw::testing
