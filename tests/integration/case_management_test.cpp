// Triage and case management over real sockets, on each backend: the
// recipient's DSL sees each disclosure with the child, the level, the
// forms, the sharer and its age, sorts and filters them, rates one and
// allocates it to a worker, who is told and finds it theirs; the sharer
// never sees those marks. The school's DSL lists open concerns, gives a
// task to a teacher (who is reminded on the home page), reassigns it,
// closes the concern only once its tasks are done, links a related
// concern, flags the child's record for the staff who may see it, and sees
// every share made from the concern and by whom.
#include <gtest/gtest.h>

#include <set>

#include "access/credentials.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class CaseManagementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const json organisations = Get(port(), "/api/v1/organisations", dsl_).Json();
    for (const auto& o : organisations["organisations"])
      if (o["name"].get<std::string>().starts_with("Brackenford Council")) council_ = o["id"];
    child_ = Created("/api/v1/people", {{"kind", "child"}, {"given_name", "Ada"}, {"family_name", "Test"},
                                        {"date_of_birth", "2015-01-02"}});
  }
  std::uint16_t port() { return server_.port(); }
  std::string Created(const std::string& target, const json& body, const std::string& token = {}) {
    auto reply = Post(port(), target, body, token.empty() ? dsl_ : token);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.Json().value("id", "");
  }
  std::string IdOf(const std::string& token) { return Get(port(), "/api/v1/me", token).Json()["practitioner"]["id"]; }
  // A concern recorded by `token` (the school DSL's own are sent at once, not held for approval).
  std::string Concern(const std::string& level, const std::string& form, const std::string& token) {
    return Created("/api/v1/concerns",
                   {{"child_id", child_}, {"forms", {form}}, {"level", level}, {"what_happened", "Seen at school."},
                    {"items", {{{"text", "Often hungry."}, {"source", "lunch staff"}}}}},
                   token);
  }
  // The school DSL shares the concern with the council; the disclosure's id.
  std::string Share(const std::string& concern) {
    const json record = Get(port(), "/api/v1/concerns/" + concern, dsl_).Json();
    const std::string item = record["items"][0]["id"];
    auto decision = Post(port(), "/api/v1/decisions",
                         {{"concern_id", concern}, {"recipient_organisation_id", council_},
                          {"circumstances", {{"purpose", "safeguarding"}, {"risk", "low"}}},
                          {"items", {{{"id", item}, {"relevant", true}, {"necessary", true}}}}, {"share_items", {item}},
                          {"outcome", "share"}, {"rationale", "Children's services must know."},
                          {"lawful_basis", "public_task"}, {"consent", "Mother agreed."}, {"concern_account", "shared"},
                          {"informing", {{"told", true}, {"told_on", "2026-11-24"}, {"told_by", "Class teacher"}}}},
                         dsl_);
    EXPECT_EQ(decision.status, 201) << decision.body;
    const json j = decision.Json();
    return j.value("disclosure_id", json(nullptr)).is_string() ? j["disclosure_id"].get<std::string>() : "";
  }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string dsl_ = server_.SignIn("primary.dsl");
  std::string council_, child_;
};

TEST_F(CaseManagementTest, TheRecipientTriagesAndAllocatesAndTheWorkerIsTold) {
  const std::string urgent = Share(Concern("significant_harm", "physical_abuse", dsl_));
  server_.clock().Advance(std::chrono::minutes(5));
  const std::string later = Share(Concern("low", "neglect", dsl_));
  ASSERT_FALSE(urgent.empty());
  ASSERT_FALSE(later.empty());
  std::string csc_dsl = server_.SignIn("csc.dsl");
  const std::string worker = server_.SignIn("csc.socialworker");
  const std::string worker_id = IdOf(worker);

  // What the inbox shows of each, newest first.
  auto inbox = Get(port(), "/api/v1/triage", csc_dsl);
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  const json list = inbox.Json()["disclosures"];
  ASSERT_EQ(list.size(), 2u) << inbox.body;
  EXPECT_EQ(list[0]["id"], later);
  EXPECT_EQ(list[1]["id"], urgent);
  EXPECT_EQ(list[1]["child"]["name"], "Ada Test");
  EXPECT_EQ(list[1]["level"], "significant_harm");
  EXPECT_EQ(list[1]["forms"], json({"physical_abuse"}));
  EXPECT_EQ(list[1]["sharer_practitioner"], "Bryn Ashcombe");
  EXPECT_EQ(list[1]["sharer_role"], "designated_safeguarding_lead");
  EXPECT_EQ(list[1]["sharer_organisation"], "Brackenford Primary School (demo)");
  EXPECT_EQ(list[1]["family"], "told");
  EXPECT_TRUE(list[1]["triage"]["rating"].is_null());
  EXPECT_EQ(list[1]["triage"]["allocated_to"], "");

  // Sorted by level, the significant harm first; filtered.
  EXPECT_EQ(Get(port(), "/api/v1/triage?sort=level", csc_dsl).Json()["disclosures"][0]["id"], urgent);
  EXPECT_EQ(Get(port(), "/api/v1/triage?sort=oldest", csc_dsl).Json()["disclosures"][0]["id"], urgent);
  EXPECT_EQ(Get(port(), "/api/v1/triage?level=low", csc_dsl).Json()["disclosures"].size(), 1u);
  auto bad = Get(port(), "/api/v1/triage?sort=loudest", csc_dsl);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "sort") << bad.body;

  // Rated red by the council's DSL only; the sharer and others cannot.
  auto rated = Post(port(), "/api/v1/disclosures/" + urgent + "/rating", {{"rating", "red"}}, csc_dsl);
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.Json()["rating"], "red");
  EXPECT_EQ(Post(port(), "/api/v1/disclosures/" + urgent + "/rating", {{"rating", "green"}}, worker).status, 403);
  EXPECT_EQ(Post(port(), "/api/v1/disclosures/" + urgent + "/rating", {{"rating", "green"}}, dsl_).status, 404);
  EXPECT_EQ(Post(port(), "/api/v1/disclosures/" + urgent + "/rating", {{"rating", "purple"}}, csc_dsl).status, 400);
  EXPECT_EQ(Get(port(), "/api/v1/triage?rating=red", csc_dsl).Json()["disclosures"].size(), 1u);
  EXPECT_EQ(Get(port(), "/api/v1/triage?rating=unrated", csc_dsl).Json()["disclosures"][0]["id"], later);

  // Allocated to a worker of the council, who may read it and is told.
  auto marks = Get(port(), "/api/v1/disclosures/" + urgent + "/triage", csc_dsl);
  ASSERT_EQ(marks.status, 200) << marks.body;
  const json marks_json = marks.Json();  // a temporary's member would dangle in the loop
  std::set<std::string> workers;
  for (const auto& w : marks_json["workers"]) workers.insert(w["id"]);
  EXPECT_TRUE(workers.contains(worker_id));
  const std::string police_officer = IdOf(server_.SignIn("police.officer"));
  auto wrong = Post(port(), "/api/v1/disclosures/" + urgent + "/allocation", {{"practitioner_id", police_officer}}, csc_dsl);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.Json()["error"]["field"], "practitioner_id");
  auto allocated = Post(port(), "/api/v1/disclosures/" + urgent + "/allocation", {{"practitioner_id", worker_id}}, csc_dsl);
  ASSERT_EQ(allocated.status, 200) << allocated.body;
  EXPECT_EQ(allocated.Json()["allocated_to"], worker_id);
  EXPECT_EQ(Post(port(), "/api/v1/disclosures/" + later + "/allocation", {{"practitioner_id", worker_id}}, worker).status, 403);

  const json notifications = Get(port(), "/api/v1/notifications", worker).Json();
  bool told = false;
  for (const auto& n : notifications["notifications"]) told |= n["kind"] == "disclosure.allocated" && n["object_id"] == urgent;
  EXPECT_TRUE(told) << notifications.dump();
  const json mine = Get(port(), "/api/v1/triage?allocation=mine", worker).Json();
  ASSERT_EQ(mine["disclosures"].size(), 1u);
  EXPECT_EQ(mine["disclosures"][0]["allocated_to_name"], "Kemi Thorne");
  EXPECT_EQ(Get(port(), "/api/v1/triage?allocation=unallocated", csc_dsl).Json()["disclosures"][0]["id"], later);
  // The worker's home page reminds them.
  auto home = Page(worker, "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Information allocated to you"), std::string::npos);

  // The sharer never sees the recipient's marks.
  EXPECT_EQ(Get(port(), "/api/v1/disclosures/" + urgent + "/triage", dsl_).status, 404);
  // Each rating and allocation is on the record.
  const json audit = Get(port(), "/api/v1/audit/records?action=disclosure.allocate&limit=100", csc_dsl).Json();
  std::set<std::string> allocations;  // "object:outcome"; the worker's refused attempt is there too
  for (const auto& r : audit["records"]) allocations.insert(r["object_id"].get<std::string>() + ":" + r["outcome"].get<std::string>());
  EXPECT_TRUE(allocations.contains(urgent + ":allowed")) << audit.dump();
  EXPECT_TRUE(allocations.contains(later + ":denied")) << audit.dump();

  // Overdue items stand out: days later, neither has had feedback.
  server_.clock().Advance(std::chrono::hours(24 * 30));
  csc_dsl = server_.SignIn("csc.dsl");  // the earlier session has long timed out
  const json overdue = Get(port(), "/api/v1/triage?state=overdue", csc_dsl).Json();
  EXPECT_EQ(overdue["disclosures"].size(), 2u);
  EXPECT_TRUE(overdue["disclosures"][0]["overdue"].get<bool>());

  // The inbox page: the child's name in the card, never in the title; the
  // filter works as a plain GET; the DSL's forms rate and allocate.
  const std::string csc_page = csc_dsl;
  auto page = Page(csc_page, "/inbox?allocation=unallocated");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Ada Test"), std::string::npos);
  EXPECT_NE(page.body.find("Not allocated"), std::string::npos);
  const auto title = page.body.substr(page.body.find("<title>"), page.body.find("</title>") - page.body.find("<title>"));
  EXPECT_EQ(title.find("Ada"), std::string::npos) << title;
  EXPECT_NE(page.body.find("/disclosures/" + later), std::string::npos);
  EXPECT_EQ(page.body.find("/disclosures/" + urgent + "\""), std::string::npos);
  auto form = Form(csc_page, "/disclosures/" + later + "/allocation", "practitioner_id=" + worker_id);
  EXPECT_EQ(form.status, 303) << form.body;
  EXPECT_EQ(Get(port(), "/api/v1/triage?allocation=unallocated", csc_dsl).Json()["disclosures"].size(), 0u);
}

TEST_F(CaseManagementTest, TheDslManagesTasksClosesConcernsLinksAndFlags) {
  std::string teacher = server_.SignIn("primary.teacher");
  const std::string teacher_id = IdOf(teacher);
  const std::string dsl_id = IdOf(dsl_);
  const std::string concern = Concern("low", "neglect", teacher);
  const std::string earlier = Concern("unsure", "emotional_abuse", teacher);

  // The caseload lists both open concerns and the child.
  auto caseload = Get(port(), "/api/v1/caseload", dsl_);
  ASSERT_EQ(caseload.status, 200) << caseload.body;
  EXPECT_EQ(caseload.Json()["open_concerns"].size(), 2u);
  EXPECT_EQ(caseload.Json()["children"][0]["name"], "Ada Test");
  EXPECT_EQ(Get(port(), "/api/v1/caseload", teacher).status, 403);

  // A task for the teacher: told, and reminded on the home page.
  EXPECT_EQ(Post(port(), "/api/v1/tasks", {{"concern_id", concern}, {"description", "Speak to mum"},
                                           {"owner_id", teacher_id}, {"due_on", "2026-11-01"}}, dsl_).Json()["error"]["field"],
            "due_on");
  EXPECT_EQ(Post(port(), "/api/v1/tasks", {{"concern_id", concern}, {"description", "Speak to mum"},
                                           {"owner_id", teacher_id}, {"due_on", "2026-11-27"}}, teacher).status, 403);
  const std::string task = Created("/api/v1/tasks", {{"concern_id", concern}, {"description", "Speak to mum on Friday"},
                                                     {"owner_id", teacher_id}, {"due_on", "2026-11-27"}});
  const json notes = Get(port(), "/api/v1/notifications", teacher).Json();
  bool told = false;
  for (const auto& n : notes["notifications"]) told |= n["kind"] == "task.assigned" && n["object_id"] == task;
  EXPECT_TRUE(told);
  const json mine = Get(port(), "/api/v1/tasks?whose=mine", teacher).Json();
  ASSERT_EQ(mine["tasks"].size(), 1u);
  EXPECT_EQ(mine["tasks"][0]["child_name"], "Ada Test");
  auto home = Page(teacher, "/");
  EXPECT_NE(home.body.find("Speak to mum on Friday"), std::string::npos);

  // A concern with a task still to do cannot be closed.
  auto early = Post(port(), "/api/v1/concerns/" + concern + "/close", {{"outcome", "early_help"}, {"note", "Family agreed."}}, dsl_);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.Json()["error"]["field"], "tasks");

  // Reassigned to the DSL, later; the teacher no longer holds it.
  EXPECT_EQ(Post(port(), "/api/v1/tasks/" + task + "/reassign", {{"owner_id", dsl_id}, {"due_on", "2026-11-30"}}, teacher).status,
            403);
  auto moved = Post(port(), "/api/v1/tasks/" + task + "/reassign", {{"owner_id", dsl_id}, {"due_on", "2026-11-30"}}, dsl_);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json()["owner_id"], dsl_id);
  EXPECT_EQ(Get(port(), "/api/v1/tasks/" + task, teacher).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/tasks?whose=mine", teacher).Json()["tasks"].size(), 0u);
  // Overdue once the date has passed.
  server_.clock().Advance(std::chrono::hours(24 * 8));
  dsl_ = server_.SignIn("primary.dsl");  // the earlier sessions have timed out
  teacher = server_.SignIn("primary.teacher");
  const json org_tasks = Get(port(), "/api/v1/tasks?whose=organisation", dsl_).Json();
  ASSERT_EQ(org_tasks["tasks"].size(), 1u);
  EXPECT_TRUE(org_tasks["tasks"][0]["overdue"].get<bool>());
  ASSERT_EQ(Post(port(), "/api/v1/tasks/" + task + "/complete", json::object(), dsl_).status, 200);
  EXPECT_EQ(Post(port(), "/api/v1/tasks/" + task + "/complete", json::object(), dsl_).status, 409);

  // Related concerns linked, once.
  auto link = Post(port(), "/api/v1/concern-links", {{"concern_id", concern}, {"related_concern_id", earlier}, {"note", "Same week"}}, dsl_);
  ASSERT_EQ(link.status, 201) << link.body;
  EXPECT_EQ(Post(port(), "/api/v1/concern-links", {{"concern_id", earlier}, {"related_concern_id", concern}}, dsl_).status, 409);

  // Every share made from the concern, and by whom.
  ASSERT_FALSE(Share(concern).empty());
  auto view = Get(port(), "/api/v1/concerns/" + concern + "/case", dsl_);
  ASSERT_EQ(view.status, 200) << view.body;
  const json k = view.Json();
  ASSERT_EQ(k["shares"].size(), 1u) << view.body;
  EXPECT_EQ(k["shares"][0]["decided_by_name"], "Bryn Ashcombe");
  EXPECT_EQ(k["shares"][0]["recipient_organisation"], "Brackenford Council Children's Services (demo)");
  EXPECT_EQ(k["shares"][0]["disclosures"].size(), 1u);
  ASSERT_EQ(k["links"].size(), 1u);
  EXPECT_EQ(k["links"][0]["concern"]["id"], earlier);
  EXPECT_EQ(Get(port(), "/api/v1/concerns/" + concern + "/case", teacher).status, 403);

  // Closed with an outcome; it leaves the open list and stays closed until reopened.
  auto closed = Post(port(), "/api/v1/concerns/" + concern + "/close", {{"outcome", "early_help"}, {"note", "Family agreed."}}, dsl_);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json()["status"], "closed");
  EXPECT_EQ(Post(port(), "/api/v1/concerns/" + concern + "/close", {{"outcome", "early_help"}, {"note", "Again."}}, dsl_).status,
            409);
  auto no_reason = Post(port(), "/api/v1/concerns/" + concern + "/reopen", json::object(), dsl_);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.Json()["error"]["field"], "note");
  EXPECT_EQ(Get(port(), "/api/v1/caseload", dsl_).Json()["open_concerns"].size(), 1u);
  EXPECT_EQ(Post(port(), "/api/v1/tasks", {{"concern_id", concern}, {"description", "More"}, {"owner_id", dsl_id},
                                           {"due_on", "2026-12-30"}}, dsl_).status, 409);
  ASSERT_EQ(Post(port(), "/api/v1/concerns/" + concern + "/reopen", {{"note", "New worry."}}, dsl_).status, 200);
  EXPECT_EQ(Get(port(), "/api/v1/caseload", dsl_).Json()["open_concerns"].size(), 2u);

  // A flag on the child's record, for the staff who may see it.
  auto flag = Post(port(), "/api/v1/people/" + child_ + "/flags", {{"kind", "young_carer"}, {"started_on", "2026-09-01"}}, dsl_);
  ASSERT_EQ(flag.status, 201) << flag.body;
  EXPECT_EQ(Post(port(), "/api/v1/people/" + child_ + "/flags", {{"kind", "looked_after"}, {"started_on", "2026-09-01"}}, teacher).status,
            403);
  const json seen = Get(port(), "/api/v1/people/" + child_ + "/flags", teacher).Json();
  ASSERT_EQ(seen["flags"].size(), 1u);
  EXPECT_EQ(seen["flags"][0]["kind"], "young_carer");
  EXPECT_FALSE(seen["may_manage"].get<bool>());
  EXPECT_EQ(Get(port(), "/api/v1/people/" + child_ + "/flags", server_.SignIn("police.dsl")).status, 404);
  auto record = Page(teacher, "/children/" + child_);
  ASSERT_EQ(record.status, 200);
  EXPECT_NE(record.body.find("Young carer"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
