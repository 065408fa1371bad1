// The whole sharing path across three organisations, through the API, on
// both backends: a school records a concern, takes advice from the
// guidance, decides to share two of three items with children's services;
// children's services reads exactly those, with the protected neighbour
// redacted, and nothing else; the police see nothing; feedback closes the
// loop; and the audit log verifies and shows every step.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app/signing_key.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

class SharingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    csc_id_ = OrganisationId(teacher_, "Brackenford Council");
    // The child, and a neighbour who reported the family and fears reprisal.
    auto child = teacher_.post("/api/v1/people", {{"kind", "child"}, {"given_name", "Sam"},
                                                  {"family_name", "Example"}, {"date_of_birth", "2016-03-04"},
                                                  {"nhs_number", "943 476 5919"}, {"address", "12 Mill Lane, Brackenford"},
                                                  {"postcode", "bf1 2ab"}});
    ASSERT_EQ(child.status, 201) << child.body;
    child_id_ = child.Json()["id"];
    EXPECT_EQ(child.Json()["nhs_number"], "9434765919");
    EXPECT_EQ(child.Json()["postcode"], "BF1 2AB");
    auto neighbour = teacher_.post("/api/v1/people", {{"kind", "third_party"}, {"given_name", "Olive"},
                                                      {"family_name", "Pratchett"}, {"protected", true},
                                                      {"protected_reason", "Reported the family; fears reprisal"},
                                                      {"address", "14 Mill Lane, Brackenford"}});
    ASSERT_EQ(neighbour.status, 201) << neighbour.body;
    neighbour_id_ = neighbour.Json()["id"];
    ASSERT_EQ(teacher_.post("/api/v1/relationships", {{"person_id", neighbour_id_},
                                                      {"related_person_id", child_id_}, {"kind", "neighbour"}}).status, 201);
    auto concern = teacher_.post("/api/v1/concerns", json{
        {"child_id", child_id_}, {"forms", {"physical_abuse", "domestic_abuse"}}, {"level", "significant_harm"},
        {"what_happened", "Bruising on both upper arms, seen when Sam changed for PE."},
        {"child_words", "Dad grabbed me when I spilt the milk."},
        {"items", json::array({
            {{"text", "Bruising on both upper arms; Sam said 'Dad grabbed me'."}, {"source", "class teacher"},
             {"date", "2026-11-23"}, {"accuracy", "verified"}, {"special_category", {"health"}}},
            {{"text", "Olive Pratchett at 14 Mill Lane told the office she hears shouting most nights."},
             {"source", "school office"}, {"accuracy", "unverified"}, {"confidential", true},
             {"identifies", {neighbour_id_}}},
            {{"text", "Sam won the class spelling bee."}, {"source", "class teacher"}, {"accuracy", "verified"}}})}});
    ASSERT_EQ(concern.status, 201) << concern.body;
    concern_id_ = concern.Json()["id"];
    const json raised = concern.Json();
    for (const auto& i : raised["items"]) item_ids_.push_back(i["id"]);
    ASSERT_EQ(item_ids_.size(), 3u);
  }

  json Decision() const {
    return {{"concern_id", concern_id_},
            {"recipient_organisation_id", csc_id_},
            {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"},
                               {"objections", {"parent"}}, {"informing", {{"risk_to_child", true}}}}},
            {"items", {{{"id", item_ids_[0]}, {"relevant", true}, {"necessary", true}},
                       {{"id", item_ids_[1]}, {"relevant", true}, {"necessary", true}},
                       {{"id", item_ids_[2]}, {"relevant", false}, {"necessary", false}}}},
            {"share_items", {item_ids_[0], item_ids_[1]}},
            {"outcome", "share"},
            {"rationale", "Injuries and the child's account suggest significant harm at home."},
            {"lawful_basis", "public_task"},
            {"special_category_condition", "Safeguarding of children and individuals at risk (DPA 2018 Sch 1 para 18)"},
            {"confidentiality_basis", "Overriding public interest: risk of significant harm to a child"},
            {"objection_overrides", {{{"by", "parent"}, {"reason", "Telling father would increase the risk to Sam."}}}},
            {"informing", {{"told", false}, {"reason_not_told", "Telling the family could put Sam at greater risk."}}}};
  }

  // The school sends staff shares through its DSL: the teacher proposes, the
  // DSL approves, and only then is it sent.
  json ProposeAndApprove(const json& d) const {
    auto proposed = teacher_.post("/api/v1/decisions", d);
    EXPECT_EQ(proposed.status, 201) << proposed.body;
    EXPECT_EQ(proposed.Json()["approval"]["status"], "awaiting") << proposed.body;
    EXPECT_TRUE(proposed.Json()["disclosure_id"].is_null()) << "nothing is sent before the DSL approves";
    auto approved = dsl_.post("/api/v1/decisions/" + proposed.Json()["id"].get<std::string>() + "/approve", json::object());
    EXPECT_EQ(approved.status, 200) << approved.body;
    return approved.Json();
  }

  int CountDecisions() const { return static_cast<int>(teacher_.get("/api/v1/decisions").Json()["decisions"].size()); }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  Client teacher_{server_.port(), server_.SignIn("primary.teacher")};
  Client dsl_{server_.port(), server_.SignIn("primary.dsl")};
  std::string csc_id_, child_id_, neighbour_id_, concern_id_;
  std::vector<std::string> item_ids_;
};

TEST_F(SharingTest, ConcernToDisclosureToFeedbackAcrossThreeOrganisations) {
  const Client dsl(server_.port(), server_.SignIn("primary.dsl"));
  const Client social_worker(server_.port(), server_.SignIn("csc.socialworker"));
  const Client police(server_.port(), server_.SignIn("police.officer"));

  // The concern is in the school DSL's queue at once; marking it seen tells the teacher.
  auto queue = dsl.get("/api/v1/concerns/queue").Json()["concerns"];
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0]["id"], concern_id_);
  ASSERT_EQ(dsl.post("/api/v1/concerns/" + concern_id_ + "/seen", json::object()).status, 200);
  auto notices = teacher_.get("/api/v1/notifications").Json()["notifications"];
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0]["kind"], "concern.seen");

  // The preview shows the advice and exactly what children's services would see.
  auto preview = teacher_.post("/api/v1/decisions/preview", Decision());
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.Json()["assessment"]["recommendation"], "share");
  const std::string view = preview.Json()["recipient_view"].dump();
  EXPECT_EQ(view.find("Pratchett"), std::string::npos) << view;
  EXPECT_EQ(view.find("14 Mill Lane"), std::string::npos) << view;
  EXPECT_EQ(view.find("spelling"), std::string::npos) << view;
  EXPECT_NE(view.find("[name withheld]"), std::string::npos) << view;
  EXPECT_EQ(CountDecisions(), 0) << "a preview writes no decision";

  // A decision lacking a required part is refused, naming it, and nothing is written.
  for (const char* part : {"rationale", "informing", "special_category_condition", "confidentiality_basis",
                           "objection_overrides", "lawful_basis"}) {
    json d = Decision();
    d.erase(part);
    auto refused = teacher_.post("/api/v1/decisions", d);
    EXPECT_EQ(refused.status, 400) << part << ": " << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"].get<std::string>().rfind(part, 0), 0u) << refused.body;
  }
  EXPECT_EQ(CountDecisions(), 0);
  EXPECT_TRUE(social_worker.get("/api/v1/disclosures?box=inbox").Json()["disclosures"].empty());

  const json decided = ProposeAndApprove(Decision());
  EXPECT_FALSE(decided["departs_from_advice"].get<bool>());
  EXPECT_EQ(decided["approval"]["status"], "approved");
  const std::string decision_id = decided["id"];
  ASSERT_TRUE(decided["disclosure_id"].is_string()) << decided;
  const std::string disclosure_id = decided["disclosure_id"];

  // Children's services: exactly the two items, the neighbour redacted.
  auto inbox = social_worker.get("/api/v1/disclosures?box=inbox").Json()["disclosures"];
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0]["id"], disclosure_id);
  EXPECT_FALSE(inbox[0].contains("child_id")) << "the sharer's record ids stay with the sharer";
  auto opened = social_worker.get("/api/v1/disclosures/" + disclosure_id);
  ASSERT_EQ(opened.status, 200) << opened.body;
  const json content = opened.Json()["content"];
  ASSERT_EQ(content["items"].size(), 2u);
  EXPECT_EQ(content["child"]["given_name"], "Sam");
  EXPECT_EQ(content["items"][1]["text"], "[name withheld] at [detail withheld] told the office she hears shouting most nights.");
  EXPECT_EQ(content["items"][1]["identifies"][0], "[name withheld]");
  EXPECT_EQ(content.dump().find("Olive"), std::string::npos);
  EXPECT_EQ(content.dump().find("spelling"), std::string::npos);
  EXPECT_FALSE(opened.Json()["received_at"].is_null());

  // ...and cannot reach the third item, the concern, the decision or the child's other records.
  for (const std::string& target : {"/api/v1/concerns/" + concern_id_, "/api/v1/people/" + child_id_,
                                   "/api/v1/people/" + neighbour_id_, "/api/v1/decisions/" + decision_id}) {
    const int status = social_worker.get(target).status;
    EXPECT_TRUE(status == 403 || status == 404) << target << " gave " << status;
  }
  EXPECT_EQ(social_worker.post("/api/v1/concerns/" + concern_id_ + "/items",
                               {{"text", "x"}, {"source", "y"}}).status, 404);

  // The police see nothing.
  EXPECT_TRUE(police.get("/api/v1/disclosures?box=inbox").Json()["disclosures"].empty());
  EXPECT_EQ(police.get("/api/v1/disclosures/" + disclosure_id).status, 404);
  EXPECT_EQ(police.post("/api/v1/disclosures/" + disclosure_id + "/feedback", {{"action", "other"}}).status, 404);

  // Feedback closes the loop; the school sees it.
  auto feedback = social_worker.post("/api/v1/disclosures/" + disclosure_id + "/feedback",
                                     {{"action", "strategy_discussion_or_section_47"},
                                      {"note", "Strategy discussion held; section 47 enquiry started."}});
  ASSERT_EQ(feedback.status, 201) << feedback.body;
  auto sent = teacher_.get("/api/v1/disclosures/" + disclosure_id).Json();
  ASSERT_EQ(sent["feedback"].size(), 1u);
  EXPECT_EQ(sent["feedback"][0]["action"], "strategy_discussion_or_section_47");
  EXPECT_FALSE(sent["feedback_overdue"].get<bool>());
  std::set<std::string> kinds;
  const json notified = teacher_.get("/api/v1/notifications").Json();
  for (const auto& n : notified["notifications"]) kinds.insert(n["kind"]);
  EXPECT_TRUE(kinds.contains("feedback.given"));
  EXPECT_TRUE(kinds.contains("disclosure.read"));

  // The audit log verifies and shows every step, the refusals included.
  auto key = app::LoadSigningKey(db_.key_file(), false);
  ASSERT_TRUE(key);
  auto report = server_.app().audit_log().Verify(key->public_key(), {});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok) << report->problem;
  auto records = server_.app().audit_log().Search(service::Context::Operator(), {.limit = 1000});
  ASSERT_TRUE(records);
  std::multiset<std::string> steps;
  int police_denials = 0, csc_denials = 0;
  for (const auto& r : *records) {
    steps.insert(r.action + ":" + std::string(ToString(r.outcome)));
    if (r.outcome == domain::AuditOutcome::kDenied && r.object_id == disclosure_id) ++police_denials;
    if (r.outcome == domain::AuditOutcome::kDenied && r.object_id == concern_id_) ++csc_denials;
  }
  for (const char* step : {"person.create:allowed", "concern.create:allowed", "concern.seen:allowed",
                           "decision.preview:allowed", "decision.create:allowed", "disclosure.create:allowed",
                           "disclosure.read:allowed", "feedback.create:allowed", "disclosure.view:allowed"})
    EXPECT_TRUE(steps.contains(step)) << step;
  EXPECT_EQ(police_denials, 2);
  EXPECT_EQ(csc_denials, 2);
}

TEST_F(SharingTest, DepartingFromTheAdviceNeedsItsReason) {
  json d = Decision();
  d["share_items"] = {item_ids_[0], item_ids_[1], item_ids_[2]};  // the irrelevant item too
  auto refused = teacher_.post("/api/v1/decisions", d);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "departure_reason");
  d["departure_reason"] = "The spelling bee shows Sam was in good spirits last week.";
  auto decided = teacher_.post("/api/v1/decisions", d);
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_TRUE(decided.Json()["departs_from_advice"].get<bool>());
}

TEST_F(SharingTest, CorrectionsSupersedeAndBothRemain) {
  auto first = teacher_.post("/api/v1/decisions", Decision());
  ASSERT_EQ(first.status, 201) << first.body;
  json correction = Decision();
  for (const char* inherited : {"concern_id", "recipient_organisation_id", "share_items"}) correction.erase(inherited);
  correction["supersedes"] = first.Json()["id"];
  correction["lawful_basis"] = "legal_obligation";
  auto second = teacher_.post("/api/v1/decisions", correction);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_TRUE(second.Json()["disclosure_id"].is_null()) << "a correction does not send again";
  EXPECT_EQ(CountDecisions(), 2);
  auto old = teacher_.get("/api/v1/decisions/" + first.Json()["id"].get<std::string>()).Json();
  EXPECT_EQ(old["superseded_by"], second.Json()["id"]);
  EXPECT_EQ(old["lawful_basis"], "public_task");
  EXPECT_EQ(teacher_.post("/api/v1/decisions", correction).status, 409) << "only the latest can be corrected";
}

// Keeping Children Safe in Education expects staff to go through the DSL:
// where the school says so, a member of staff's share is a proposal that the
// DSL approves, changes or declines with reasons, and the member of staff is
// told each time. Nothing reaches the recipient before the DSL approves.
TEST_F(SharingTest, StaffSharesWaitForTheDslWhoApprovesChangesOrDeclines) {
  const Client social_worker(server_.port(), server_.SignIn("csc.socialworker"));
  const Client police(server_.port(), server_.SignIn("police.officer"));
  const std::string school_id = OrganisationId(teacher_, "Brackenford Primary");
  const json organisations = teacher_.get("/api/v1/organisations").Json();
  for (const auto& o : organisations["organisations"])
    if (o["id"] == school_id) {
      EXPECT_EQ(o["staff_shares"], "through_dsl") << "on by default for schools";
    }
  auto inbox = [&] { return social_worker.get("/api/v1/disclosures?box=inbox").Json()["disclosures"].size(); };
  auto kinds = [](const Client& c) {
    std::vector<std::string> out;
    const json all = c.get("/api/v1/notifications").Json();
    for (const auto& n : all["notifications"]) out.push_back(n["kind"]);
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& k) { return std::ranges::find(v, k) != v.end(); };

  auto proposed = teacher_.post("/api/v1/decisions", Decision());
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string first = proposed.Json()["id"];
  EXPECT_EQ(proposed.Json()["approval"]["status"], "awaiting");
  EXPECT_TRUE(proposed.Json()["disclosure_id"].is_null());
  EXPECT_EQ(inbox(), 0u);
  EXPECT_TRUE(has(kinds(dsl_), "share.awaiting_approval"));
  auto awaiting = dsl_.get("/api/v1/decisions/awaiting-approval");
  ASSERT_EQ(awaiting.status, 200) << awaiting.body;
  ASSERT_EQ(awaiting.Json()["decisions"].size(), 1u);
  EXPECT_EQ(awaiting.Json()["decisions"][0]["id"], first);
  // Only the school's DSL approves: not the member of staff, nor another organisation.
  EXPECT_EQ(teacher_.get("/api/v1/decisions/awaiting-approval").status, 403);
  EXPECT_EQ(teacher_.post("/api/v1/decisions/" + first + "/approve", json::object()).status, 403);
  const int outsider = police.post("/api/v1/decisions/" + first + "/approve", json::object()).status;
  EXPECT_TRUE(outsider == 403 || outsider == 404) << outsider;
  EXPECT_EQ(inbox(), 0u);

  // Declined: the reasons are required, recorded and told; nothing is sent.
  auto no_reason = dsl_.post("/api/v1/decisions/" + first + "/decline", json{{"reason", "  "}});
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(no_reason.Json()["error"]["field"], "reason");
  auto declined = dsl_.post("/api/v1/decisions/" + first + "/decline",
                            json{{"reason", "Early help first: the family are engaging with the school nurse."}});
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(declined.Json()["approval"]["status"], "declined");
  EXPECT_EQ(declined.Json()["approval"]["note"], "Early help first: the family are engaging with the school nurse.");
  EXPECT_TRUE(has(kinds(teacher_), "share.declined"));
  EXPECT_EQ(dsl_.post("/api/v1/decisions/" + first + "/approve", json::object()).status, 409) << "declined is final";
  EXPECT_EQ(inbox(), 0u);

  // Changed: the DSL's own decision takes the proposal's place and is sent at once.
  auto second = teacher_.post("/api/v1/decisions", Decision());
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string second_id = second.Json()["id"];
  json change = Decision();
  for (const char* inherited : {"concern_id", "recipient_organisation_id"}) change.erase(inherited);
  change["supersedes"] = second_id;
  change["share_items"] = {item_ids_[0]};
  change["rationale"] = "Only the injury is needed now; the neighbour's report stays with us.";
  auto changed = dsl_.post("/api/v1/decisions", change);
  ASSERT_EQ(changed.status, 201) << changed.body;
  EXPECT_FALSE(changed.Json()["disclosure_id"].is_null()) << "the DSL's decision is sent";
  EXPECT_EQ(changed.Json()["share_items"], json({item_ids_[0]}));
  auto proposal = dsl_.get("/api/v1/decisions/" + second_id).Json();
  EXPECT_EQ(proposal["approval"]["status"], "changed");
  EXPECT_EQ(proposal["superseded_by"], changed.Json()["id"]);
  EXPECT_TRUE(has(kinds(teacher_), "share.changed"));
  EXPECT_EQ(inbox(), 1u);
  const json sent = social_worker.get("/api/v1/disclosures/" + changed.Json()["disclosure_id"].get<std::string>()).Json();
  EXPECT_EQ(sent["content"]["items"].size(), 1u);

  // Approved: sent as the member of staff's share, and they are told.
  const json approved = ProposeAndApprove(Decision());
  EXPECT_EQ(approved["approval"]["status"], "approved");
  EXPECT_FALSE(approved["approval"]["by"].is_null());
  EXPECT_TRUE(has(kinds(teacher_), "share.approved"));
  EXPECT_EQ(inbox(), 2u);
  const json opened = social_worker.get("/api/v1/disclosures/" + approved["disclosure_id"].get<std::string>()).Json();
  EXPECT_EQ(opened["content"]["shared_by"]["role"], "practitioner") << "sent as the member of staff's share";
  EXPECT_EQ(opened["content"]["shared_by"]["contact"], DemoUsername("primary.teacher"));
  EXPECT_TRUE(dsl_.get("/api/v1/decisions/awaiting-approval").Json()["decisions"].empty());

  // An emergency is never held, and the DSL is told at once.
  auto emergency = teacher_.post("/api/v1/decisions", {{"concern_id", concern_id_}, {"recipient_organisation_id", csc_id_},
                                                       {"share_items", {item_ids_[0]}}, {"outcome", "share"},
                                                       {"emergency", true}});
  ASSERT_EQ(emergency.status, 201) << emergency.body;
  EXPECT_EQ(emergency.Json()["approval"]["status"], "not_needed");
  EXPECT_FALSE(emergency.Json()["disclosure_id"].is_null());
  EXPECT_TRUE(has(kinds(dsl_), "share.emergency"));
  EXPECT_EQ(inbox(), 3u);
}

TEST_F(SharingTest, EmergencyShareIsOverdueUntilItsRecordIsWritten) {
  const Client dsl(server_.port(), server_.SignIn("primary.dsl"));
  auto shared = teacher_.post("/api/v1/decisions", {{"concern_id", concern_id_}, {"recipient_organisation_id", csc_id_},
                                                    {"share_items", {item_ids_[0]}}, {"outcome", "share"},
                                                    {"emergency", true}});
  ASSERT_EQ(shared.status, 201) << shared.body;
  EXPECT_FALSE(shared.Json()["disclosure_id"].is_null());
  // Shared on Tuesday 24 November 2026 at 09:00: owed by the end of Wednesday (UK time).
  EXPECT_EQ(shared.Json()["rationale_due_at"], "2026-11-25T23:59:59Z");
  for (const Client* who : {static_cast<const Client*>(&teacher_), &dsl}) {
    auto owed = who->get("/api/v1/decisions/owed").Json()["decisions"];
    ASSERT_EQ(owed.size(), 1u);
    EXPECT_FALSE(owed[0]["rationale_overdue"].get<bool>());
  }
  server_.clock().Advance(std::chrono::hours(39));  // Thursday 00:00: sessions have expired too
  const Client teacher(server_.port(), server_.SignIn("primary.teacher"));
  const Client dsl_again(server_.port(), server_.SignIn("primary.dsl"));
  for (const Client* who : {&teacher, &dsl_again}) {
    auto owed = who->get("/api/v1/decisions/owed").Json()["decisions"];
    ASSERT_EQ(owed.size(), 1u);
    EXPECT_TRUE(owed[0]["rationale_overdue"].get<bool>());
  }
  json record = Decision();
  record.erase("concern_id");
  record.erase("recipient_organisation_id");
  record["share_items"] = {item_ids_[0]};
  record["items"] = {{{"id", item_ids_[0]}, {"relevant", true}, {"necessary", true}}};
  record["supersedes"] = shared.Json()["id"];
  record.erase("confidentiality_basis");
  auto written = teacher.post("/api/v1/decisions", record);
  ASSERT_EQ(written.status, 201) << written.body;
  auto owed_teacher = teacher.get("/api/v1/decisions/owed");
  ASSERT_EQ(owed_teacher.status, 200);
  EXPECT_TRUE(owed_teacher.Json()["decisions"].empty());
  auto owed_dsl = dsl_again.get("/api/v1/decisions/owed");
  ASSERT_EQ(owed_dsl.status, 200);
  EXPECT_TRUE(owed_dsl.Json()["decisions"].empty());
}

// What matters reaches the recipient: the concern's level and forms always;
// its own account (what was seen, the child's words) when the sharer sends
// it, redacted like the items; whether the family knows, so that they are
// not tipped off; and who shared it, in what role, and how to reach them.
TEST_F(SharingTest, TheRecipientReadsTheConcernTheFamilyPositionAndWhoToContact) {
  const Client social_worker(server_.port(), server_.SignIn("csc.socialworker"));
  json d = Decision();
  d["concern_account"] = "shared";
  auto preview = teacher_.post("/api/v1/decisions/preview", d);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json decided = ProposeAndApprove(d);
  EXPECT_EQ(decided["concern_account"], "shared");
  ASSERT_TRUE(decided["disclosure_id"].is_string()) << decided;
  const json content = social_worker.get("/api/v1/disclosures/" + decided["disclosure_id"].get<std::string>()).Json()["content"];
  EXPECT_EQ(content, preview.Json()["recipient_view"]) << "the preview is what was sent";
  EXPECT_EQ(content["concern"]["level"], "significant_harm");
  EXPECT_EQ(content["concern"]["forms"], json({"physical_abuse", "domestic_abuse"}));
  EXPECT_EQ(content["concern"]["what_happened"], "Bruising on both upper arms, seen when Sam changed for PE.");
  EXPECT_EQ(content["concern"]["child_words"], "Dad grabbed me when I spilt the milk.");
  EXPECT_EQ(content["family"], "not_to_be_told");
  EXPECT_EQ(content["shared_by"]["role"], "practitioner");
  EXPECT_EQ(content["shared_by"]["contact"], DemoUsername("primary.teacher"));
  EXPECT_FALSE(content["shared_by"]["practitioner"].get<std::string>().empty());

  // Without the account, the level and forms still go; the account does not.
  json without = Decision();
  without["share_items"] = {item_ids_[0]};
  const json second = ProposeAndApprove(without);
  ASSERT_TRUE(second["disclosure_id"].is_string()) << second;
  const json brief = social_worker.get("/api/v1/disclosures/" + second["disclosure_id"].get<std::string>()).Json()["content"];
  EXPECT_EQ(brief["concern"]["level"], "significant_harm");
  EXPECT_FALSE(brief["concern"].contains("what_happened"));
  EXPECT_FALSE(brief["concern"].contains("child_words"));
}

TEST_F(SharingTest, InformationRequestsAreAnsweredRefusedAndReconsidered) {
  const Client social_worker(server_.port(), server_.SignIn("csc.socialworker"));
  const std::string school_id = OrganisationId(teacher_, "Brackenford Primary");
  auto asked = social_worker.post("/api/v1/information-requests",
                                  {{"holder_organisation_id", school_id},
                                   {"child", {{"given_name", "Sam"}, {"family_name", "Example"}, {"date_of_birth", "2016-03-04"}}},
                                   {"needed", "Attendance and any concerns this term."},
                                   {"reason", "Child and family assessment under section 17."},
                                   {"terminology", "CFA: child and family assessment."}, {"urgency", "urgent"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string id = asked.Json()["id"];
  auto received = teacher_.get("/api/v1/information-requests?box=received").Json()["information_requests"];
  ASSERT_EQ(received.size(), 1u);
  ASSERT_EQ(teacher_.post("/api/v1/information-requests/" + id + "/messages",
                          {{"kind", "clarification_requested"}, {"text", "Which term dates?"}}).status, 201);
  EXPECT_EQ(teacher_.post("/api/v1/information-requests/" + id + "/messages",
                          {{"kind", "clarification"}, {"text", "x"}}).status, 403)
      << "only the requester clarifies";
  server_.clock().Advance(std::chrono::minutes(5));
  ASSERT_EQ(social_worker.post("/api/v1/information-requests/" + id + "/messages",
                               {{"kind", "clarification"}, {"text", "September to now."}}).status, 201);
  // A refusal is a recorded decision not to share, with reasons.
  server_.clock().Advance(std::chrono::minutes(5));
  auto refusal = teacher_.post("/api/v1/decisions", {{"information_request_id", id}, {"outcome", "not_share"},
                                                     {"rationale", "We hold nothing beyond the concern already shared."}});
  ASSERT_EQ(refusal.status, 201) << refusal.body;
  auto view = social_worker.get("/api/v1/information-requests/" + id).Json();
  EXPECT_EQ(view["status"], "refused");
  EXPECT_EQ(view["messages"].back()["text"], "We hold nothing beyond the concern already shared.");
  ASSERT_EQ(social_worker.post("/api/v1/information-requests/" + id + "/messages",
                               {{"kind", "reconsideration_requested"}, {"text", "New information: a second injury."}}).status, 201);
  json answer = Decision();
  answer["information_request_id"] = id;
  EXPECT_EQ(ProposeAndApprove(answer)["approval"]["status"], "approved");
  EXPECT_EQ(social_worker.get("/api/v1/information-requests/" + id).Json()["status"], "answered");
  EXPECT_EQ(social_worker.get("/api/v1/disclosures?box=inbox").Json()["disclosures"].size(), 1u);
  // Answered once: a second answer is refused, and nothing is sent or added.
  const auto messages = social_worker.get("/api/v1/information-requests/" + id).Json()["messages"].size();
  auto again = teacher_.post("/api/v1/decisions", answer);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.Json()["error"]["field"], "information_request_id");
  EXPECT_EQ(social_worker.get("/api/v1/disclosures?box=inbox").Json()["disclosures"].size(), 1u);
  const auto after = social_worker.get("/api/v1/information-requests/" + id).Json();
  EXPECT_EQ(after["messages"].size(), messages);
  EXPECT_EQ(after["status"], "answered");
}

TEST_F(SharingTest, AdviceRequestsReachTheRoleAskedAndShowTheTimeToAnswer) {
  const Client dsl(server_.port(), server_.SignIn("primary.dsl"));
  auto asked = teacher_.post("/api/v1/advice-requests", {{"adviser", "designated_safeguarding_lead"},
                                                         {"question", "Should I tell Sam's mother?"},
                                                         {"concern_id", concern_id_}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string id = asked.Json()["id"];
  auto to_me = dsl.get("/api/v1/advice-requests?box=to_me").Json()["advice_requests"];
  ASSERT_EQ(to_me.size(), 1u);
  EXPECT_TRUE(teacher_.get("/api/v1/advice-requests?box=to_me").Json()["advice_requests"].empty());
  server_.clock().Advance(std::chrono::minutes(25));
  auto answered = dsl.post("/api/v1/advice-requests/" + id + "/answer", {{"answer", "Not yet: speak to me first."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto mine = teacher_.get("/api/v1/advice-requests/" + id).Json();
  EXPECT_EQ(mine["answer"], "Not yet: speak to me first.");
  EXPECT_EQ(mine["minutes_to_answer"], 25);
}

TEST_F(SharingTest, BadInputNamesTheFieldAndWritesNothing) {
  auto bad_nhs = teacher_.post("/api/v1/people", {{"kind", "child"}, {"given_name", "A"}, {"family_name", "B"},
                                                  {"date_of_birth", "2015-01-01"}, {"nhs_number", "9434765918"}});
  EXPECT_EQ(bad_nhs.status, 400);
  EXPECT_EQ(bad_nhs.Json()["error"]["field"], "nhs_number");
  auto adult = teacher_.post("/api/v1/people", {{"kind", "child"}, {"given_name", "A"}, {"family_name", "B"},
                                                {"date_of_birth", "2000-01-01"}});
  EXPECT_EQ(adult.Json()["error"]["field"], "date_of_birth");
  auto bad_item = teacher_.post("/api/v1/concerns", {{"child_id", child_id_}, {"forms", {"neglect"}}, {"level", "low"},
                                                     {"what_happened", "Hungry at school."},
                                                     {"items", {{{"text", "ok"}, {"source", "me"}},
                                                                {{"text", "x"}, {"source", "y"}, {"identifies", {"nobody"}}}}}});
  EXPECT_EQ(bad_item.status, 404) << "an id that is not one of ours is not found, whoever's it is";
  EXPECT_EQ(bad_item.Json()["error"]["field"], "items[1].identifies");
  EXPECT_EQ(teacher_.get("/api/v1/concerns").Json()["concerns"].size(), 1u) << "the failed concern left nothing behind";
}

}  // namespace
}  // namespace jigsaw::testing
