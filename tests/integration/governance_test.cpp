// Governance over HTTP on each backend (docs/governance.md): an agreement
// becomes active only when every party's senior leader or DPO has signed
// it; a share's assessment between two organisations names the agreement
// and DPIA that cover them and changes when the agreement expires on the
// server's injected clock; regular sharing with no approved DPIA is refused
// naming circumstances.frequency while a one-off share is not; the old
// dsa_in_place field is refused naming itself; the register pages list,
// show and sign; and a review due is on the home page.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "access/totp.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class GovernanceApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    primary_ = OrganisationId(teacher_, "Brackenford Primary");
    csc_ = OrganisationId(teacher_, "Brackenford Council");
    // The demo partnership has no senior leader at the primary school: its
    // head teacher, given the demo authenticator secret by the operator.
    const auto op = service::Context::Operator("test");
    auto head = server_.app().administration().AddPractitioner(
        op, {primary_, "primary.head@demo.jigsaw", "Sol Everly", domain::RoleSet{domain::Role::kSeniorLeader},
             std::string(app::kDemoPassword)});
    ASSERT_TRUE(head) << head.error().message;
    ASSERT_TRUE(server_.app().accounts().EnrolAuthenticator(op, head->id, *access::Base32Decode(app::kDemoTotpSecret)));
    head_ = Client(server_.port(), server_.SignIn("primary.head"));
  }
  std::uint16_t port() { return server_.port(); }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(token),
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }

  json Agreement(std::string end_on) const {
    return {{"title", "Primary and children's services agreement"},
            {"party_organisation_ids", {csc_, primary_}},
            {"purposes", {"safeguarding"}},
            {"data_categories", {"Attendance", "Welfare concerns"}},
            {"people_categories", {"child", "parent"}},
            {"lawful_bases", {"public_task"}},
            {"article9_conditions", {"substantial_public_interest"}},
            {"frequency", "regular"},
            {"start_on", "2026-11-24"},
            {"review_on", "2027-11-24"},
            {"end_on", end_on},
            {"document_reference", "BSCP-ISA-7"}};
  }
  std::string ActiveAgreement(std::string end_on) {
    auto made = leader_.post("/api/v1/agreements", Agreement(std::move(end_on)));
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string id = made.Json()["id"];
    EXPECT_EQ(leader_.post("/api/v1/agreements/" + id + "/signatures", json::object()).status, 201);
    EXPECT_EQ(head_.post("/api/v1/agreements/" + id + "/signatures", json::object()).status, 201);
    return id;
  }
  // Children's services' approved DPIA naming the primary school; accepted
  // by the school's head unless `accepted` is false.
  std::string ApprovedDpia(bool accepted = true) {
    auto made = dpo_.post("/api/v1/dpias",
                          {{"title", "Regular sharing with the primary school"},
                           {"organisation_ids", {csc_, primary_}},
                           {"purposes", {"safeguarding"}},
                           {"processing", "The school shares welfare concerns."},
                           {"consultation", "The school's DSL."},
                           {"necessity", "Needed to assess children's needs."},
                           {"risks", {{{"description", "A protected person is named."}, {"likelihood", "possible"},
                                       {"severity", "severe"}, {"measures", "Redaction."}, {"residual", "low"}}}},
                           {"review_on", "2027-11-24"}});
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string id = made.Json()["id"];
    EXPECT_EQ(dpo_.post("/api/v1/dpias/" + id + "/advice", {{"advice", "Proportionate."}}).status, 200);
    auto signed_off = leader_.post("/api/v1/dpias/" + id + "/sign-off", {{"dpo_advice_accepted", true}});
    EXPECT_EQ(signed_off.status, 200) << signed_off.body;
    EXPECT_EQ(signed_off.Json()["state"], "approved");
    if (accepted) {
      auto accepted_reply = head_.post("/api/v1/dpias/" + id + "/acceptances", json::object());
      EXPECT_EQ(accepted_reply.status, 201) << accepted_reply.body;
    }
    return id;
  }
  // A decision by `c` (the primary school) to share one item with children's services.
  json Decision(const Client& c, std::string frequency) const {
    auto child = c.post("/api/v1/people", {{"kind", "child"}, {"given_name", "Lily"}, {"family_name", "Example"},
                                           {"date_of_birth", "2015-06-07"}});
    EXPECT_EQ(child.status, 201) << child.body;
    auto concern = c.post("/api/v1/concerns",
                          json{{"child_id", child.Json()["id"]}, {"forms", {"neglect"}}, {"level", "significant_harm"},
                               {"what_happened", "Often hungry."},
                               {"items", json::array({{{"text", "Lily is often hungry."}, {"source", "class teacher"},
                                                       {"accuracy", "verified"}, {"confidential", false}}})}});
    EXPECT_EQ(concern.status, 201) << concern.body;
    const json made = concern.Json();
    const std::string item = made["items"][0]["id"];
    return {{"concern_id", made["id"]},
            {"recipient_organisation_id", csc_},
            {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}, {"frequency", frequency},
                               {"informing", {{"safe_and_practical", true}}}}},
            {"items", {{{"id", item}, {"relevant", true}, {"necessary", true}}}},
            {"share_items", {item}},
            {"outcome", "share"},
            {"rationale", "Lily needs help at home."},
            {"lawful_basis", "public_task"},
            {"informing", {{"told", true}, {"told_on", "2026-11-23"}, {"told_by", "Class teacher"}}}};
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};  // its clock says 2026-11-24
  Client teacher_{server_.port(), server_.SignIn("primary.teacher")};
  Client leader_{server_.port(), server_.SignIn("csc.dsl")};  // DSL and senior leader
  Client dpo_{server_.port(), server_.SignIn("csc.dpo")};
  Client head_{0, ""};
  std::string primary_, csc_;
};

TEST_F(GovernanceApiTest, AnAgreementIsActiveOnlyWhenEveryPartyHasSigned) {
  auto made = leader_.post("/api/v1/agreements", Agreement("2027-11-24"));
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.Json()["state"], "draft");
  const std::string id = made.Json()["id"];
  auto one = leader_.post("/api/v1/agreements/" + id + "/signatures", json::object());
  ASSERT_EQ(one.status, 201) << one.body;
  EXPECT_EQ(one.Json()["state"], "awaiting_signature");
  EXPECT_EQ(teacher_.post("/api/v1/agreements/" + id + "/signatures", json::object()).status, 403)
      << "a practitioner does not sign for the school";
  auto both = head_.post("/api/v1/agreements/" + id + "/signatures", json::object());
  ASSERT_EQ(both.status, 201) << both.body;
  EXPECT_EQ(both.Json()["state"], "active");
  EXPECT_EQ(both.Json()["signatures"].size(), 2u);
  EXPECT_EQ(both.Json()["signatures"][1]["signed_as"], "senior_leader");
  // Everyone at a party reads the register; the police, not a party, do not see it.
  auto listed = teacher_.get("/api/v1/agreements");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["agreements"].size(), 1u);
  Client officer{server_.port(), server_.SignIn("police.officer")};
  EXPECT_EQ(officer.get("/api/v1/agreements/" + id).status, 404);
  EXPECT_TRUE(officer.get("/api/v1/agreements").Json()["agreements"].empty());
}

TEST_F(GovernanceApiTest, TheAssessmentShowsTheAgreementAndDpiaThatCoverThemAndChangesWhenTheAgreementExpires) {
  const std::string agreement = ActiveAgreement("2026-12-31");
  const std::string dpia = ApprovedDpia();
  const json d = Decision(teacher_, "regular");
  auto preview = teacher_.post("/api/v1/decisions/preview", d);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json cover = preview.Json()["cover"];
  ASSERT_EQ(cover["agreements"].size(), 1u) << preview.body;
  EXPECT_EQ(cover["agreements"][0]["id"], agreement);
  EXPECT_EQ(cover["agreements"][0]["title"], "Primary and children's services agreement");
  ASSERT_EQ(cover["dpias"].size(), 1u);
  EXPECT_EQ(cover["dpias"][0]["id"], dpia);
  EXPECT_TRUE(preview.Json()["assessment"]["governance"].empty());

  server_.clock().Set(TestEpoch() + std::chrono::days(38));  // 2027-01-01: the agreement's end date has passed
  Client teacher{server_.port(), server_.SignIn("primary.teacher")};
  auto later = teacher.post("/api/v1/decisions/preview", d);
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_TRUE(later.Json()["cover"]["agreements"].empty()) << later.body;
  EXPECT_EQ(later.Json()["cover"]["dpias"].size(), 1u);
  EXPECT_EQ(later.Json()["assessment"]["governance"], json::array({"dsa_recommended"}));
  EXPECT_EQ(teacher.get("/api/v1/agreements/" + agreement).Json()["state"], "expired");
  // The advice page says what Jigsaw found, instead of asking.
}

TEST_F(GovernanceApiTest, RegularSharingWithoutADpiaIsRefusedAndAOneOffIsNot) {
  ActiveAgreement("");
  auto regular = teacher_.post("/api/v1/decisions", Decision(teacher_, "regular"));
  ASSERT_EQ(regular.status, 400) << regular.body;
  EXPECT_EQ(regular.Json()["error"]["field"], "circumstances.frequency") << regular.body;
  auto one_off = teacher_.post("/api/v1/decisions", Decision(teacher_, "one_off"));
  EXPECT_EQ(one_off.status, 201) << one_off.body;
  // The practitioner no longer says whether a DPIA is in place.
  json told = Decision(teacher_, "regular");
  told["circumstances"]["dpia_in_place"] = true;
  auto refused = teacher_.post("/api/v1/decisions/preview", told);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "circumstances.dpia_in_place") << refused.body;
  const std::string dpia = ApprovedDpia();
  auto now_regular = teacher_.post("/api/v1/decisions", Decision(teacher_, "regular"));
  ASSERT_EQ(now_regular.status, 201) << now_regular.body;
  EXPECT_EQ(now_regular.Json()["cover"]["dpias"][0]["id"], dpia) << "the decision keeps what covered it";
  auto read = teacher_.get("/api/v1/decisions/" + now_regular.Json()["id"].get<std::string>());
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json()["cover"]["agreements"].size(), 1u);
}

TEST_F(GovernanceApiTest, TheRegisterPagesListShowAndSignAndTheHomePageFlagsAReview) {
  auto made = leader_.post("/api/v1/agreements", Agreement(""));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.Json()["id"];
  auto list = Page(leader_.token(), "/agreements");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Primary and children&#39;s services agreement"), std::string::npos) << list.body;
  auto shown = Page(head_.token(), "/agreements/" + id);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Sign the agreement"), std::string::npos);
  auto signed_page = Form(head_.token(), "/agreements/" + id + "/sign", "");
  EXPECT_EQ(signed_page.status, 303) << signed_page.body;
  EXPECT_EQ(head_.get("/api/v1/agreements/" + id).Json()["state"], "awaiting_signature");
  EXPECT_EQ(Page(teacher_.token(), "/agreements/new").status, 200) << "the form is shown; recording is refused";
  auto refused = Form(teacher_.token(), "/agreements/new", "title=x");
  EXPECT_NE(refused.status, 303);

  // 30 days before its review date it is flagged on the senior leader's home page.
  server_.clock().Set(TestEpoch() + std::chrono::days(335));  // 2027-10-25
  Client leader{server_.port(), server_.SignIn("csc.dsl")};
  auto home = Page(leader.token(), "/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Agreements and DPIAs due for review"), std::string::npos);
}

TEST_F(GovernanceApiTest, TheFormRecordsAnAgreementAndTheShareAdviceShowsWhatJigsawFound) {
  const std::string form =
      "title=Form+agreement&party_organisation_ids=" + primary_ +
      "&purposes=safeguarding&data_categories=Attendance%0D%0AWelfare&people_categories=child&lawful_bases=public_task"
      "&frequency=regular&start_on-day=24&start_on-month=11&start_on-year=2026&review_on-day=24&review_on-month=11"
      "&review_on-year=2027&document_reference=BSCP-F-1";
  auto recorded = Form(leader_.token(), "/agreements/new", form);
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  const std::string location = recorded.Header("location");
  ASSERT_TRUE(location.starts_with("/agreements/")) << location;
  const std::string id = location.substr(12, 32);
  auto stored = leader_.get("/api/v1/agreements/" + id);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.Json()["document_reference"], "BSCP-F-1");
  EXPECT_EQ(stored.Json()["data_categories"], json::array({"Attendance", "Welfare"}));
  EXPECT_EQ(Form(leader_.token(), "/agreements/" + id + "/sign", "").status, 303);
  EXPECT_EQ(Form(head_.token(), "/agreements/" + id + "/sign", "").status, 303);

  // "Should I share?" no longer asks: its advice page names the agreement found.
  auto child = teacher_.post("/api/v1/people", {{"kind", "child"}, {"given_name", "Sam"}, {"family_name", "Example"},
                                                {"date_of_birth", "2016-03-04"}});
  ASSERT_EQ(child.status, 201) << child.body;
  auto concern = teacher_.post("/api/v1/concerns",
                               {{"child_id", child.Json()["id"]}, {"forms", {"neglect"}}, {"level", "low"},
                                {"what_happened", "Often late and hungry."},
                                {"items", {{{"text", "Late on 9 of 30 days."}, {"source", "register"}, {"accuracy", "verified"}}}}});
  ASSERT_EQ(concern.status, 201) << concern.body;
  const std::string base = "/concerns/" + concern.Json()["id"].get<std::string>() + "/share/";
  for (const std::string& step : {"recipient=" + csc_, std::string("purpose=safeguarding"), std::string("legal=no"),
                                  std::string("frequency=regular"), std::string("consent=not_sought"),
                                  std::string("objections=none"), std::string("family=will_tell"), std::string("relevant="),
                                  std::string("uncertain=no")}) {
    const std::string key = step.substr(0, step.find('='));
    auto answered = Form(teacher_.token(), base + key, step);
    EXPECT_EQ(answered.status, 303) << key << ": " << answered.body.substr(0, 2000);
  }
  auto advice = Page(teacher_.token(), base + "advice");
  ASSERT_EQ(advice.status, 200);
  EXPECT_NE(advice.body.find("Agreements and DPIAs that cover this sharing"), std::string::npos);
  EXPECT_NE(advice.body.find("/agreements/" + id), std::string::npos) << "the agreement found, linked";
  EXPECT_NE(advice.body.find("cannot be recorded as regular sharing"), std::string::npos) << "no DPIA: warned";
  EXPECT_EQ(advice.body.find("Is there a data sharing agreement with them?"), std::string::npos);
  EXPECT_EQ(Page(teacher_.token(), base + "dsa").status, 404) << "the question is gone";
}

// A DPIA is its controller's own: children's services' DPIA does not cover
// the primary school's regular sharing until the school accepts it.
TEST_F(GovernanceApiTest, AnotherOrganisationsDpiaDoesNotCoverRegularSharingUntilTheSharerAcceptsIt) {
  ActiveAgreement("");
  const std::string dpia = ApprovedDpia(false);
  auto refused = teacher_.post("/api/v1/decisions", Decision(teacher_, "regular"));
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "circumstances.frequency");
  auto preview = teacher_.post("/api/v1/decisions/preview", Decision(teacher_, "regular"));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_TRUE(preview.Json()["cover"]["dpias"].empty()) << preview.body;
  EXPECT_EQ(teacher_.post("/api/v1/dpias/" + dpia + "/acceptances", json::object()).status, 403)
      << "a practitioner does not accept for the school";
  EXPECT_EQ(leader_.post("/api/v1/dpias/" + dpia + "/acceptances", json::object()).status, 409)
      << "children's services own it";
  auto accepted = head_.post("/api/v1/dpias/" + dpia + "/acceptances", json::object());
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  ASSERT_EQ(accepted.Json()["acceptances"].size(), 1u);
  EXPECT_EQ(accepted.Json()["acceptances"][0]["organisation_id"], primary_);
  EXPECT_EQ(accepted.Json()["acceptances"][0]["name"], "Sol Everly");
  auto now_regular = teacher_.post("/api/v1/decisions", Decision(teacher_, "regular"));
  ASSERT_EQ(now_regular.status, 201) << now_regular.body;
  EXPECT_EQ(now_regular.Json()["cover"]["dpias"][0]["id"], dpia);
}

TEST_F(GovernanceApiTest, ADraftIsChangedAndAnAgreementNotYetStartedIsNotActive) {
  json draft = Agreement("");
  draft["start_on"] = "2026-12-01";
  auto made = leader_.post("/api/v1/agreements", draft);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.Json()["id"];
  draft["title"] = "Primary agreement, second draft";
  draft["lawful_bases"] = {"public_task", "legal_obligation"};
  auto changed = dpo_.put("/api/v1/agreements/" + id, draft);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json()["title"], "Primary agreement, second draft");
  EXPECT_EQ(changed.Json()["lawful_bases"].size(), 2u);
  draft["title"] = "";
  auto bad = leader_.put("/api/v1/agreements/" + id, draft);
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "title");
  draft["title"] = "By the school";
  EXPECT_EQ(head_.put("/api/v1/agreements/" + id, draft).status, 403) << "only the organisation that recorded it";
  EXPECT_EQ(leader_.post("/api/v1/agreements/" + id + "/signatures", json::object()).status, 201);
  auto both = head_.post("/api/v1/agreements/" + id + "/signatures", json::object());
  ASSERT_EQ(both.status, 201) << both.body;
  EXPECT_EQ(both.Json()["state"], "not_yet_started") << "signed by all, but it starts on 1 December";
  EXPECT_EQ(leader_.put("/api/v1/agreements/" + id, draft).status, 409) << "signed: no longer a draft";
  auto preview = teacher_.post("/api/v1/decisions/preview", Decision(teacher_, "one_off"));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_TRUE(preview.Json()["cover"]["agreements"].empty());
  server_.clock().Set(TestEpoch() + std::chrono::days(7));  // 2026-12-01
  Client head{server_.port(), server_.SignIn("primary.head")};
  EXPECT_EQ(head.get("/api/v1/agreements/" + id).Json()["state"], "active");

  // A draft DPIA changes until its DPO advises (signed in again: a week on,
  // the first session has ended).
  Client dpo{server_.port(), server_.SignIn("csc.dpo")};
  auto dpia = dpo.post("/api/v1/dpias",
                        {{"title", "Draft DPIA"},
                         {"organisation_ids", {csc_, primary_}},
                         {"purposes", {"safeguarding"}},
                         {"processing", "p"},
                         {"consultation", "c"},
                         {"necessity", "n"},
                         {"risks", {{{"description", "r"}, {"likelihood", "possible"}, {"severity", "severe"},
                                     {"measures", "m"}, {"residual", "low"}}}},
                         {"review_on", "2027-11-24"}});
  ASSERT_EQ(dpia.status, 201) << dpia.body;
  const std::string dpia_id = dpia.Json()["id"];
  json edited = {{"title", "Draft DPIA, changed"},
                 {"organisation_ids", {csc_, primary_}},
                 {"purposes", {"safeguarding", "early_help"}},
                 {"processing", "p2"},
                 {"consultation", "c2"},
                 {"necessity", "n2"},
                 {"risks", {{{"description", "r2"}, {"likelihood", "remote"}, {"severity", "minimal"},
                             {"measures", "m2"}, {"residual", "low"}}}},
                 {"review_on", "2027-11-24"}};
  auto dpia_changed = dpo.put("/api/v1/dpias/" + dpia_id, edited);
  ASSERT_EQ(dpia_changed.status, 200) << dpia_changed.body;
  EXPECT_EQ(dpia_changed.Json()["title"], "Draft DPIA, changed");
  EXPECT_EQ(dpia_changed.Json()["risks"][0]["description"], "r2");
  EXPECT_EQ(dpo.post("/api/v1/dpias/" + dpia_id + "/advice", {{"advice", "Fine."}}).status, 200);
  EXPECT_EQ(dpo.put("/api/v1/dpias/" + dpia_id, edited).status, 409);
}

TEST_F(GovernanceApiTest, AnyPartyWithdrawsWithAReasonAndAReviewClearsTheReminder) {
  const std::string id = ActiveAgreement("");
  auto no_reason = head_.post("/api/v1/agreements/" + id + "/withdrawal", {{"reason", ""}});
  ASSERT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(no_reason.Json()["error"]["field"], "reason");
  EXPECT_EQ(teacher_.post("/api/v1/agreements/" + id + "/withdrawal", {{"reason", "x"}}).status, 403);
  auto withdrawn = head_.post("/api/v1/agreements/" + id + "/withdrawal", {{"reason", "The school is closing."}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json()["state"], "withdrawn");
  const json read = leader_.get("/api/v1/agreements/" + id).Json();
  EXPECT_EQ(read["withdrawn"]["name"], "Sol Everly");
  EXPECT_EQ(read["withdrawn"]["reason"], "The school is closing.");
  EXPECT_EQ(leader_.post("/api/v1/agreements/" + id + "/withdrawal", {{"reason", "Again."}}).status, 409);
  EXPECT_EQ(leader_.post("/api/v1/agreements/" + id + "/reviews", {{"next_review_on", "2027-12-01"}, {"note", "x"}}).status,
            409)
      << "nothing to review once withdrawn";

  // A review moves the date on; the reminder on the home page goes.
  json due = Agreement("");
  due["review_on"] = "2026-12-10";
  auto made = leader_.post("/api/v1/agreements", due);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string due_id = made.Json()["id"];
  EXPECT_NE(Page(leader_.token(), "/").body.find("Agreements and DPIAs due for review"), std::string::npos);
  auto past = leader_.post("/api/v1/agreements/" + due_id + "/reviews", {{"next_review_on", "2026-11-01"}, {"note", "Fine."}});
  ASSERT_EQ(past.status, 400) << past.body;
  EXPECT_EQ(past.Json()["error"]["field"], "next_review_on");
  auto reviewed = leader_.post("/api/v1/agreements/" + due_id + "/reviews",
                               {{"next_review_on", "2027-12-10"}, {"note", "Still describes the sharing."}});
  ASSERT_EQ(reviewed.status, 201) << reviewed.body;
  EXPECT_EQ(reviewed.Json()["review_on"], "2027-12-10");
  EXPECT_FALSE(reviewed.Json()["review_due"].get<bool>());
  ASSERT_EQ(reviewed.Json()["reviews"].size(), 1u);
  EXPECT_EQ(reviewed.Json()["reviews"][0]["previous_review_on"], "2026-12-10");
  EXPECT_EQ(Page(leader_.token(), "/").body.find("Agreements and DPIAs due for review"), std::string::npos);
}

TEST_F(GovernanceApiTest, TheWithdrawEditAndReviewPagesWork) {
  auto made = leader_.post("/api/v1/agreements", Agreement(""));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.Json()["id"];
  auto edit = Page(leader_.token(), "/agreements/" + id + "/edit");
  ASSERT_EQ(edit.status, 200);
  EXPECT_NE(edit.body.find("value=\"BSCP-ISA-7\""), std::string::npos) << "the form is filled in";
  EXPECT_EQ(Page(head_.token(), "/agreements/" + id + "/edit").status, 403);
  const std::string form =
      "title=Changed+in+the+form&party_organisation_ids=" + primary_ +
      "&purposes=safeguarding&data_categories=Attendance&people_categories=child&lawful_bases=public_task"
      "&frequency=regular&start_on-day=24&start_on-month=11&start_on-year=2026&review_on-day=24&review_on-month=11"
      "&review_on-year=2027&document_reference=BSCP-F-2";
  auto saved = Form(leader_.token(), "/agreements/" + id + "/edit", form);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(leader_.get("/api/v1/agreements/" + id).Json()["title"], "Changed in the form");

  auto review = Page(head_.token(), "/agreements/" + id + "/review");
  ASSERT_EQ(review.status, 200);
  auto no_note = Form(head_.token(), "/agreements/" + id + "/review",
                      "next_review_on-day=1&next_review_on-month=1&next_review_on-year=2028&note=");
  EXPECT_EQ(no_note.status, 400);
  EXPECT_NE(no_note.body.find("Say what the review found."), std::string::npos);
  auto reviewed = Form(head_.token(), "/agreements/" + id + "/review",
                       "next_review_on-day=1&next_review_on-month=1&next_review_on-year=2028&note=Checked");
  EXPECT_EQ(reviewed.status, 303) << reviewed.body;
  EXPECT_EQ(leader_.get("/api/v1/agreements/" + id).Json()["review_on"], "2028-01-01");

  auto withdraw = Page(head_.token(), "/agreements/" + id + "/withdraw");
  ASSERT_EQ(withdraw.status, 200);
  EXPECT_NE(withdraw.body.find("Why is it withdrawn?"), std::string::npos);
  auto without = Form(head_.token(), "/agreements/" + id + "/withdraw", "reason=");
  EXPECT_EQ(without.status, 400);
  auto done = Form(head_.token(), "/agreements/" + id + "/withdraw", "reason=No+longer+needed");
  EXPECT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(leader_.get("/api/v1/agreements/" + id).Json()["state"], "withdrawn");
  auto shown = Page(leader_.token(), "/agreements/" + id);
  EXPECT_NE(shown.body.find("No longer needed"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
