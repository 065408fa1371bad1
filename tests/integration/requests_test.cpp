// Information requests and advice through the API and the pages, on both
// backends: "not known to us" in one step; a GP's answer typed in, read by
// the requester with a protected name withheld; the people around a child
// shown to the holder; and a question to a role nobody holds refused by
// name (a JSON error naming the field; a GOV.UK error summary).
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class RequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto orgs = doctor_.get("/api/v1/organisations");
    ASSERT_EQ(orgs.status, 200) << orgs.body;
    const json all = orgs.Json();
    for (const auto& o : all["organisations"]) {
      if (o["name"].get<std::string>().starts_with("Millbrook Surgery")) surgery_id_ = o["id"].get<std::string>();
    }
    ASSERT_FALSE(surgery_id_.empty()) << orgs.body;
  }
  std::string Ask(json extra = json::object()) {
    json body = {{"holder_organisation_id", surgery_id_},
                 {"child", {{"given_name", "Ruby"}, {"family_name", "Hale"}, {"date_of_birth", "2016-02-29"}}},
                 {"needed", "Missed appointments and any injuries seen this year."},
                 {"reason", "A child and family assessment under section 17 has started."}};
    body.update(extra);
    auto asked = social_worker_.post("/api/v1/information-requests", body);
    EXPECT_EQ(asked.status, 201) << asked.body;
    return asked.status == 201 ? asked.Json()["id"].get<std::string>() : "";
  }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(server_.port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(server_.port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                                 {{"Cookie", "jigsaw_session=" + token},
                                  {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
  static json Answer() {
    return {{"items", {{{"text", "Two missed immunisation appointments since March."}, {"source", "GP record"},
                        {"date", "2026-10-02"}, {"accuracy", "verified"}},
                       {{"text", "Shona Pell brought Ruby in with a burn on her hand."}, {"source", "Practice nurse"},
                        {"accuracy", "opinion"}}}},
            {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}}},
            {"rationale", "The council is assessing Ruby's safety; these are what they need."},
            {"lawful_basis", "public_task"},
            {"informing", {{"told", false}, {"reason_not_told", "Telling the family could put Ruby at greater risk."}}}};
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string social_worker_token_ = server_.SignIn("csc.socialworker");
  std::string doctor_token_ = server_.SignIn("gp.doctor");
  Client social_worker_{server_.port(), social_worker_token_};
  Client doctor_{server_.port(), doctor_token_};
  std::string surgery_id_;
};

TEST_F(RequestsTest, NotKnownIsOneStepOnTheApiAndThePageAndTheRequesterReadsIt) {
  const std::string id = Ask();
  EXPECT_EQ(social_worker_.post("/api/v1/information-requests/" + id + "/not-known", json::object()).status, 404)
      << "only the holder answers";
  auto bad = doctor_.post("/api/v1/information-requests/" + id + "/not-known", {{"note", 3}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "note");

  auto answered = doctor_.post("/api/v1/information-requests/" + id + "/not-known",
                               {{"note", "No patient of that name and date of birth."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Json()["status"], "not_known");
  const json seen = social_worker_.get("/api/v1/information-requests/" + id).Json();
  EXPECT_EQ(seen["status"], "not_known");
  ASSERT_EQ(seen["messages"].size(), 1u);
  EXPECT_EQ(seen["messages"][0]["kind"], "not_known");
  EXPECT_EQ(seen["messages"][0]["text"], "No patient of that name and date of birth.");
  auto notices = social_worker_.get("/api/v1/notifications").Json()["notifications"];
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0]["kind"], "request.not_known");
  auto again = doctor_.post("/api/v1/information-requests/" + id + "/not-known", json::object());
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Json()["error"]["field"], "status");

  // The requester's page says so plainly, and offers to ask again.
  auto page = Page(social_worker_token_, "/information-requests/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Millbrook Surgery (demo) answered that they do not know this child"), std::string::npos);
  EXPECT_NE(page.body.find("Answered: not known"), std::string::npos);
  EXPECT_NE(page.body.find("Ask them to reconsider"), std::string::npos);

  // On the page: one button, the note optional.
  const std::string other = Ask();
  auto holder_page = Page(doctor_token_, "/information-requests/" + other);
  ASSERT_EQ(holder_page.status, 200);
  EXPECT_NE(holder_page.body.find("action=\"/information-requests/" + other + "/not-known\""), std::string::npos);
  auto pressed = Form(doctor_token_, "/information-requests/" + other + "/not-known", "note=");
  EXPECT_EQ(pressed.status, 303) << pressed.body;
  EXPECT_EQ(social_worker_.get("/api/v1/information-requests/" + other).Json()["status"], "not_known");
  auto audit = Client(server_.port(), server_.SignIn("gp.dsl")).get("/api/v1/audit/records?action=request.not_known");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(audit.Json()["records"].size(), 2u) << audit.body;
}

TEST_F(RequestsTest, AGpAnswersWithTypedItemsAndAProtectedNameNeverLeaves) {
  auto shona = doctor_.post("/api/v1/people", {{"kind", "third_party"}, {"given_name", "Shona"}, {"family_name", "Pell"},
                                               {"protected", true}, {"protected_reason", "Fled domestic abuse"}});
  ASSERT_EQ(shona.status, 201) << shona.body;
  const std::string id = Ask();

  // Bad input names the field and writes nothing.
  json blank = Answer();
  blank["items"][1]["text"] = "";
  auto refused = doctor_.post("/api/v1/information-requests/" + id + "/answer", blank);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "items[1].text");
  json naming = Answer();
  naming["items"][0]["identifies"] = {shona.Json()["id"]};
  EXPECT_EQ(doctor_.post("/api/v1/information-requests/" + id + "/answer", naming).Json()["error"]["field"],
            "items[0].identifies");
  json no_basis = Answer();
  no_basis.erase("lawful_basis");
  EXPECT_EQ(doctor_.post("/api/v1/information-requests/" + id + "/answer", no_basis).Json()["error"]["field"],
            "lawful_basis");
  EXPECT_EQ(doctor_.get("/api/v1/decisions").Json()["decisions"].size(), 0u);
  EXPECT_EQ(doctor_.get("/api/v1/people?q=Hale").Json()["people"].size(), 0u);

  auto answered = doctor_.post("/api/v1/information-requests/" + id + "/answer", Answer());
  ASSERT_EQ(answered.status, 201) << answered.body;
  ASSERT_TRUE(answered.Json()["disclosure_id"].is_string()) << answered.body;
  EXPECT_EQ(answered.Json()["information_request_id"], id);
  const std::string disclosure = answered.Json()["disclosure_id"];

  EXPECT_EQ(social_worker_.get("/api/v1/information-requests/" + id).Json()["status"], "answered");
  auto opened = social_worker_.get("/api/v1/disclosures/" + disclosure);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.body.find("Shona"), std::string::npos) << opened.body;
  EXPECT_EQ(opened.body.find("Pell"), std::string::npos) << opened.body;
  EXPECT_NE(opened.body.find("Two missed immunisation appointments since March."), std::string::npos);
  EXPECT_NE(opened.body.find("brought Ruby in with a burn on her hand"), std::string::npos);
  EXPECT_EQ(doctor_.post("/api/v1/information-requests/" + id + "/answer", Answer()).status, 409);

  // The same from the page, for a second request: the typed form.
  const std::string other = Ask();
  const std::string form =
      "item1_text=Seen+for+asthma+review+in+October.&item1_source=GP+record&item1_date-day=14&item1_date-month=10"
      "&item1_date-year=2026&item1_accuracy=verified&answer_risk=unsure&lawful_basis=public_task&told=no"
      "&reason_not_told=Not+yet+safe+to+tell+them.&answer_rationale=They+asked+for+what+we+hold.";
  auto missing = Form(doctor_token_, "/information-requests/" + other + "/answer", "item1_source=GP+record");
  ASSERT_EQ(missing.status, 200);
  EXPECT_NE(missing.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(missing.body.find("<a href=\"#item1_text\">"), std::string::npos);
  EXPECT_NE(missing.body.find("GP record"), std::string::npos) << "what was typed is kept";
  // The surgery now holds Ruby: the form offers her record rather than a second one.
  const std::string ruby = doctor_.get("/api/v1/people?q=Hale").Json()["people"][0]["id"];
  EXPECT_NE(missing.body.find("value=\"" + ruby + "\""), std::string::npos) << "her record is offered";
  auto unchosen = Form(doctor_token_, "/information-requests/" + other + "/answer", form);
  ASSERT_EQ(unchosen.status, 200);
  EXPECT_NE(unchosen.body.find("<a href=\"#answer_child\">"), std::string::npos) << unchosen.body;
  // Health information, with the condition chosen in plain English.
  auto sent = Form(doctor_token_, "/information-requests/" + other + "/answer",
                   form + "&answer_child=" + ruby + "&item1_sensitive=health&special_category_condition=care"
                          "&criminal_offence_condition=safeguarding&confidentiality_basis=public_interest");
  EXPECT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(social_worker_.get("/api/v1/information-requests/" + other).Json()["status"], "answered");
  EXPECT_EQ(doctor_.get("/api/v1/people?q=Hale").Json()["people"].size(), 1u) << "no second record of Ruby";
  const json decisions = doctor_.get("/api/v1/decisions?child_id=" + ruby).Json()["decisions"];
  ASSERT_EQ(decisions.size(), 2u) << decisions.dump();
  bool found = false;
  for (const auto& d : decisions) {
    if (d["information_request_id"] != other) continue;
    found = true;
    EXPECT_EQ(d["special_category_condition"], "UK GDPR Article 9(2)(h) health or social care; DPA 2018 Schedule 1 paragraph 2");
    EXPECT_EQ(d["criminal_offence_condition"], "") << "none of it is about crime";
    EXPECT_EQ(d["confidentiality_basis"], "") << "none of it was given in confidence";
  }
  EXPECT_TRUE(found) << decisions.dump();
}

TEST_F(RequestsTest, ThePeopleAroundTheChildReachTheHolderAndAreShownOnTheRequest) {
  auto bad = social_worker_.post(
      "/api/v1/information-requests",
      {{"holder_organisation_id", surgery_id_},
       {"child", {{"given_name", "Ruby"}, {"family_name", "Hale"}}},
       {"people", {{{"name", "Dan Hale"}, {"relationship", "mother's partner"}, {"parental_responsibility", "maybe"}}}},
       {"needed", "x"}, {"reason", "y"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "people[0].parental_responsibility");
  auto phone = social_worker_.post(
      "/api/v1/information-requests",
      {{"holder_organisation_id", surgery_id_},
       {"child", {{"given_name", "Ruby"}, {"family_name", "Hale"}}},
       {"people", {{{"name", "Dan 07700 900123"}, {"relationship", "partner"}, {"parental_responsibility", "no"}}}},
       {"needed", "x"}, {"reason", "y"}});
  EXPECT_EQ(phone.status, 400);
  EXPECT_EQ(phone.Json()["error"]["field"], "people[0].name");
  EXPECT_TRUE(doctor_.get("/api/v1/information-requests?box=received").Json()["information_requests"].empty());

  const std::string id = Ask({{"people", {{{"name", "Dan Hale"}, {"relationship", "mother's partner"},
                                           {"parental_responsibility", "no"}},
                                          {{"name", "Marta Ruiz"}, {"relationship", "grandmother"},
                                           {"parental_responsibility", "yes"}}}}});
  const json seen = doctor_.get("/api/v1/information-requests/" + id).Json();
  ASSERT_EQ(seen["people"].size(), 2u) << seen.dump();
  EXPECT_EQ(seen["people"][0], (json{{"name", "Dan Hale"}, {"relationship", "mother's partner"},
                                     {"parental_responsibility", "no"}}));
  EXPECT_EQ(seen["people"][1]["parental_responsibility"], "yes");
  auto page = Page(doctor_token_, "/information-requests/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("People around the child"), std::string::npos);
  EXPECT_NE(page.body.find("Dan Hale, mother&#39;s partner: Does not have parental responsibility"), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("Marta Ruiz, grandmother: Has parental responsibility"), std::string::npos);

  // From the form: a person's fields, and a bad name by its own field.
  const std::string form_base =
      "holder=" + surgery_id_ +
      "&given_name=Ruby&family_name=Hale&needed=Attendance&reason=Assessment&urgency=routine"
      "&person1_relationship=lodger&person1_responsibility=no";
  auto wrong = Form(social_worker_token_, "/information-requests/new", form_base + "&person1_name=Al+%40+No.+5");
  ASSERT_EQ(wrong.status, 200);
  EXPECT_NE(wrong.body.find("<a href=\"#person1_name\">"), std::string::npos) << wrong.body;
  auto sent = Form(social_worker_token_, "/information-requests/new", form_base + "&person1_name=Al+Stone");
  ASSERT_EQ(sent.status, 303) << sent.body;
  const std::string location = sent.Header("location");
  const json made = doctor_.get("/api/v1" + location).Json();
  ASSERT_EQ(made["people"].size(), 1u) << made.dump();
  EXPECT_EQ(made["people"][0]["name"], "Al Stone");
  EXPECT_EQ(made["people"][0]["relationship"], "lodger");
}

TEST_F(RequestsTest, AdviceForARoleNobodyHoldsIsRefusedByNameOnTheApiAndThePage) {
  const std::string token = server_.SignIn("primary.teacher");
  const Client teacher(server_.port(), token);
  auto refused = teacher.post("/api/v1/advice-requests", {{"adviser", "caldicott_guardian"}, {"question", "May I?"}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "adviser");
  EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("Caldicott guardian"), std::string::npos);
  EXPECT_TRUE(teacher.get("/api/v1/advice-requests").Json()["advice_requests"].empty());

  auto page = Form(token, "/advice/new", "adviser=legal_team&question=May+I%3F");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(page.body.find("<a href=\"#adviser\">Nobody in your organisation is a legal adviser"), std::string::npos)
      << page.body;
  EXPECT_TRUE(teacher.get("/api/v1/advice-requests").Json()["advice_requests"].empty());
  EXPECT_EQ(teacher.post("/api/v1/advice-requests", {{"adviser", "designated_safeguarding_lead"}, {"question", "May I?"}}).status,
            201);
}

}  // namespace
}  // namespace jigsaw::testing
