// Need to know, generated: every case endpoint x every role x the record's
// own organisation / the recipient organisation / an uninvolved one. The
// expected table below is docs/workflow.md's "who can do what", written
// out independently of the policy code; any unexpected allow (or deny)
// fails. A refusal is 403 or 404; anything else must be a success (2xx)
// or a state conflict (409: allowed, but already done). Ids in request
// bodies are checked like ids in paths (an item is authorised through the
// concern it belongs to, a person or concern named in a body must be one
// the caller may see), and every list shows each record only to those who
// may see it.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "access/totp.h"
#include "app/demo.h"
#include "common/encoding.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using domain::Role;
using nlohmann::json;

enum class Relation { kOwn, kRecipient, kOther };
constexpr Relation kRelations[] = {Relation::kOwn, Relation::kRecipient, Relation::kOther};
constexpr Role kRoles[] = {Role::kPractitioner, Role::kDesignatedSafeguardingLead, Role::kDataProtectionOfficer,
                           Role::kCaldicottGuardian, Role::kSeniorLeader, Role::kAdministrator, Role::kLegalAdviser};
const char* Name(Relation r) { return r == Relation::kOwn ? "own" : r == Relation::kRecipient ? "recipient" : "other"; }

struct Endpoint {
  std::string method, target;
  json body;
  // Who may: per relation, the roles allowed. kAny: the same for every relation
  // (the action is on the caller's own organisation, whatever it is).
  std::map<Relation, std::set<Role>> allowed;
};

std::map<Relation, std::set<Role>> Any(std::set<Role> roles) {
  return {{Relation::kOwn, roles}, {Relation::kRecipient, roles}, {Relation::kOther, roles}};
}

TEST(AccessMatrix, EveryEndpointEveryRoleEveryRelation) {
  TestDatabase db;
  TestServer server(db.Config());
  auto& admin = server.app().administration();
  const auto op = service::Context::Operator();
  std::map<std::string, std::string> org_ids;
  const auto organisations = admin.ListOrganisations(op);
  ASSERT_TRUE(organisations);
  for (const auto& o : *organisations) org_ids[o.name] = o.id;
  const std::string school = org_ids["Brackenford Primary School (demo)"];
  const std::string council = org_ids["Brackenford Council Children's Services (demo)"];
  const std::map<Relation, std::string> orgs = {{Relation::kOwn, school},
                                                {Relation::kRecipient, council},
                                                {Relation::kOther, org_ids["Brackenford Constabulary (demo)"]}};

  // One practitioner per role per organisation, none of whom authored anything.
  std::map<std::pair<Relation, Role>, std::string> tokens;
  for (Relation rel : kRelations)
    for (Role role : kRoles) {
      const std::string user = "matrix." + std::string(Name(rel)) + "." + std::string(ToString(role)) + "@test.jigsaw";
      auto added = admin.AddPractitioner(op, {orgs.at(rel), user, "Matrix " + user, domain::RoleSet{role},
                                              std::string(app::kDemoPassword)});
      ASSERT_TRUE(added);
      ASSERT_TRUE(server.app().accounts().EnrolAuthenticator(op, added->id, *access::Base32Decode(app::kDemoTotpSecret)));
      tokens[{rel, role}] = server.SignInUser(user);
    }

  // The records: a school teacher's concern, shared with the council; a request to the council; advice asked of the DSL.
  const std::string teacher = server.SignIn("primary.teacher");
  auto child = Post(server.port(), "/api/v1/people", {{"kind", "child"}, {"given_name", "Rio"}, {"family_name", "Test"},
                                                      {"date_of_birth", "2015-05-05"}}, teacher);
  ASSERT_EQ(child.status, 201);
  const std::string child_id = child.Json()["id"];
  auto parent = Post(server.port(), "/api/v1/people", {{"kind", "parent"}, {"given_name", "Ros"}, {"family_name", "Test"}}, teacher);
  ASSERT_EQ(parent.status, 201);
  const std::string parent_id = parent.Json()["id"];
  auto concern = Post(server.port(), "/api/v1/concerns",
                      {{"child_id", child_id}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "Hungry."},
                       {"items", {{{"text", "Often hungry at lunch."}, {"source", "lunch staff"}}}}}, teacher);
  ASSERT_EQ(concern.status, 201);
  const std::string concern_id = concern.Json()["id"];
  const std::string item_id = concern.Json()["items"][0]["id"];
  const json circumstances = {{"purpose", "safeguarding"}, {"risk", "low"}};
  const json items = {{{"id", item_id}, {"relevant", true}, {"necessary", true}}};
  const json decision_body = {{"concern_id", concern_id}, {"recipient_organisation_id", council}, {"circumstances", circumstances},
                              {"items", items}, {"share_items", {item_id}}, {"outcome", "share"}, {"rationale", "Needs early help."},
                              {"lawful_basis", "public_task"}, {"consent", "Mother agreed."},
                              {"informing", {{"told", true}, {"told_on", "2026-11-24"}, {"told_by", "Class teacher"}}}};
  auto decision = Post(server.port(), "/api/v1/decisions", decision_body, teacher);
  ASSERT_EQ(decision.status, 201) << decision.body;
  const std::string decision_id = decision.Json()["id"];
  // The school sends staff shares through its DSL: approved, it is sent.
  const std::string school_dsl = server.SignIn("primary.dsl");
  auto approved = Post(server.port(), "/api/v1/decisions/" + decision_id + "/approve", json::object(), school_dsl);
  ASSERT_EQ(approved.status, 200) << approved.body;
  const std::string disclosure_id = approved.Json()["disclosure_id"];
  // A second share, sent in error: recalled by the school's DSL, then
  // confirmed by the council (docs/workflow.md, "Recalling a disclosure").
  auto mistaken = Post(server.port(), "/api/v1/decisions", decision_body, teacher);
  ASSERT_EQ(mistaken.status, 201) << mistaken.body;
  auto mistaken_sent =
      Post(server.port(), "/api/v1/decisions/" + std::string(mistaken.Json()["id"]) + "/approve", json::object(), school_dsl);
  ASSERT_EQ(mistaken_sent.status, 200) << mistaken_sent.body;
  const std::string mistaken_id = mistaken_sent.Json()["disclosure_id"];
  // Three more of the teacher's shares held for the DSL: one to approve, one
  // to decline, one left waiting to be listed.
  std::vector<std::string> held;
  for (int i = 0; i < 3; ++i) {
    auto proposed = Post(server.port(), "/api/v1/decisions", decision_body, teacher);
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    held.push_back(proposed.Json()["id"]);
  }
  auto request = Post(server.port(), "/api/v1/information-requests",
                      {{"holder_organisation_id", council}, {"child", {{"given_name", "Rio"}, {"family_name", "Test"}}},
                       {"needed", "Any involvement."}, {"reason", "Planning support."}}, teacher);
  ASSERT_EQ(request.status, 201);
  const std::string request_id = request.Json()["id"];
  auto advice = Post(server.port(), "/api/v1/advice-requests",
                     {{"adviser", "designated_safeguarding_lead"}, {"question", "Refer?"}, {"concern_id", concern_id}}, teacher);
  ASSERT_EQ(advice.status, 201);
  const std::string advice_id = advice.Json()["id"];
  // The partnership index: the council's own record of the same child, and
  // the school DSL's lookup that finds it (the council is its holder).
  auto council_child = Post(server.port(), "/api/v1/people", {{"kind", "child"}, {"given_name", "Rio"}, {"family_name", "Test"},
                                                              {"date_of_birth", "2015-05-05"}}, server.SignIn("csc.socialworker"));
  ASSERT_EQ(council_child.status, 201);
  const std::string council_child_id = council_child.Json()["id"];
  auto lookup = Post(server.port(), "/api/v1/people/" + child_id + "/who-else-knows", json::object(), school_dsl);
  ASSERT_EQ(lookup.status, 201) << lookup.body;
  ASSERT_EQ(lookup.Json()["organisations"].size(), 1u) << lookup.body;
  const std::string lookup_id = lookup.Json()["id"];
  // A file kept with the concern: it stays with the concern (a recipient of
  // the disclosure is not sent it), so only those who may read the concern open it.
  const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) + std::string(20, 'x');
  auto attachment = Post(server.port(), "/api/v1/concerns/" + concern_id + "/attachments",
                         {{"file_name", "bruise.png"}, {"description", "Photo."}, {"content_base64", Base64Encode(AsBytes(png))}},
                         teacher);
  ASSERT_EQ(attachment.status, 201) << attachment.body;
  const std::string attachment_id = attachment.Json()["id"];

  // Linking: three children each recorded twice at the school under a
  // nickname, so three matches wait for a decision (one to confirm and then
  // undo, one to reject, one left waiting to be listed).
  const std::vector<std::pair<std::string, std::string>> twice = {{"William", "Bill"}, {"Margaret", "Peggy"}, {"Robert", "Bob"}};
  for (const auto& [formal, nickname] : twice)
    for (const auto& given : {formal, nickname})
      ASSERT_EQ(Post(server.port(), "/api/v1/people", {{"kind", "child"}, {"given_name", given}, {"family_name", "Matrix" + formal},
                                                       {"date_of_birth", "2014-02-03"}, {"address", "3 Quarry Row"},
                                                       {"postcode", "BF1 2AB"}}, teacher).status, 201);
  std::map<std::string, std::string> match_of;  // by family name
  const auto waiting = Get(server.port(), "/api/v1/matches", teacher);
  const json waiting_body = waiting.Json();
  for (const auto& m : waiting_body["matches"])
    match_of[m["person"]["family_name"].get<std::string>()] = m["id"].get<std::string>();
  ASSERT_EQ(match_of.size(), 3u) << waiting.status << " " << waiting.body;

  // Accounts: a member of the school's staff whom the matrix changes, and
  // two accounts the partnership administrator (here the council's) proposes
  // for the school, one to approve and one to decline.
  auto target = admin.AddPractitioner(op, {school, "matrix.target@test.jigsaw", "Matrix Target",
                                           domain::RoleSet{Role::kPractitioner}, std::string(app::kDemoPassword)});
  ASSERT_TRUE(target);
  std::vector<std::string> proposals;
  for (int i = 0; i < 2; ++i) {
    auto proposed = Post(server.port(), "/api/v1/account-proposals",
                         {{"organisation_id", school}, {"username", "matrix.proposed" + std::to_string(i) + "@test.jigsaw"},
                          {"display_name", "Matrix Proposed"}, {"roles", {"practitioner"}},
                          {"password", std::string(app::kDemoPassword)}},
                         tokens[{Relation::kRecipient, Role::kAdministrator}]);
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    proposals.push_back(proposed.Json()["id"]);
  }

  // Case management: a second and third concern of the school, a task on
  // the second for the teacher, a link between them and a flag on the
  // child, each for the matrix to change or remove.
  std::vector<std::string> more_concerns;
  for (int i = 0; i < 2; ++i) {
    auto more = Post(server.port(), "/api/v1/concerns",
                     {{"child_id", child_id}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "Hungry."}}, teacher);
    ASSERT_EQ(more.status, 201) << more.body;
    more_concerns.push_back(more.Json()["id"]);
  }
  const std::string teacher_id = Get(server.port(), "/api/v1/me", teacher).Json()["practitioner"]["id"];
  const json task_body = {{"concern_id", more_concerns[0]}, {"description", "Speak to mum"}, {"owner_id", teacher_id},
                          {"due_on", "2026-12-31"}};
  auto task = Post(server.port(), "/api/v1/tasks", task_body, school_dsl);
  ASSERT_EQ(task.status, 201) << task.body;
  const std::string task_id = task.Json()["id"];
  auto link = Post(server.port(), "/api/v1/concern-links",
                   {{"concern_id", more_concerns[0]}, {"related_concern_id", more_concerns[1]}}, school_dsl);
  ASSERT_EQ(link.status, 201) << link.body;
  const std::string link_id = link.Json()["id"];
  auto flag = Post(server.port(), "/api/v1/people/" + child_id + "/flags", {{"kind", "young_carer"}, {"started_on", "2026-09-01"}},
                   school_dsl);
  ASSERT_EQ(flag.status, 201) << flag.body;
  const std::string flag_id = flag.Json()["id"];
  // A worker of the council to allocate the disclosure to.
  const std::string council_worker = Get(server.port(), "/api/v1/me", server.SignIn("csc.socialworker")).Json()["practitioner"]["id"];

  // Governance (docs/governance.md): an agreement between the school and
  // the council, recorded by the school's senior leader, and a DPIA of the
  // school covering both, recorded by its DPO.
  auto agreement = Post(server.port(), "/api/v1/agreements",
                        {{"title", "Matrix agreement"}, {"party_organisation_ids", {school, council}},
                         {"purposes", {"safeguarding"}}, {"data_categories", {"Attendance"}}, {"people_categories", {"child"}},
                         {"lawful_bases", {"public_task"}}, {"frequency", "regular"}, {"start_on", "2026-11-24"},
                         {"review_on", "2027-11-24"}, {"document_reference", "M-1"}},
                        tokens[{Relation::kOwn, Role::kSeniorLeader}]);
  ASSERT_EQ(agreement.status, 201) << agreement.body;
  const std::string agreement_id = agreement.Json()["id"];
  auto dpia = Post(server.port(), "/api/v1/dpias",
                   {{"title", "Matrix DPIA"}, {"organisation_ids", {school, council}}, {"purposes", {"safeguarding"}},
                    {"processing", "Sharing."}, {"consultation", "DSLs."}, {"necessity", "Needed."},
                    {"risks", {{{"description", "Misdirection."}, {"likelihood", "remote"}, {"severity", "significant"},
                                {"measures", "Checks."}, {"residual", "low"}}}},
                    {"review_on", "2027-11-24"}},
                   tokens[{Relation::kOwn, Role::kDataProtectionOfficer}]);
  ASSERT_EQ(dpia.status, 201) << dpia.body;
  const std::string dpia_id = dpia.Json()["id"];

  // A subject access request for the school's record of the parent, opened by the school's DPO.
  auto sar = Post(server.port(), "/api/v1/subject-access-requests",
                  {{"person_id", parent_id}, {"received_on", "2026-11-20"}, {"identity_check", "documents_seen"},
                   {"identity_note", "Passport seen."}},
                  tokens[{Relation::kOwn, Role::kDataProtectionOfficer}]);
  ASSERT_EQ(sar.status, 201) << sar.body;
  const std::string sar_id = sar.Json()["id"];
  // A neighbour of the school's, restricted by its DPO, with an objection
  // awaiting the DPO's decision (docs/rights.md, Articles 18 and 21).
  auto neighbour = Post(server.port(), "/api/v1/people",
                        {{"kind", "third_party"}, {"given_name", "Nell"}, {"family_name", "Matrix"}}, teacher);
  ASSERT_EQ(neighbour.status, 201) << neighbour.body;
  const std::string neighbour_id = neighbour.Json()["id"];
  auto restriction = Post(server.port(), "/api/v1/people/" + neighbour_id + "/restrictions", {{"reason", "Contested."}},
                          tokens[{Relation::kOwn, Role::kDataProtectionOfficer}]);
  ASSERT_EQ(restriction.status, 201) << restriction.body;
  const std::string restriction_id = restriction.Json()["id"];
  auto objection = Post(server.port(), "/api/v1/people/" + neighbour_id + "/objections",
                        {{"received_on", "2026-11-20"}, {"objector", "person"}, {"grounds", "Do not keep my name."}},
                        tokens[{Relation::kOwn, Role::kDataProtectionOfficer}]);
  ASSERT_EQ(objection.status, 201) << objection.body;
  const std::string objection_id = objection.Json()["id"];

  using R = Role;
  const std::set<Role> casework = {R::kPractitioner, R::kDesignatedSafeguardingLead};
  const std::set<Role> dsl = {R::kDesignatedSafeguardingLead};
  const std::set<Role> oversight = {R::kDesignatedSafeguardingLead, R::kDataProtectionOfficer, R::kCaldicottGuardian};
  const json not_share = {{"concern_id", concern_id}, {"recipient_organisation_id", council},
                          {"circumstances", circumstances}, {"items", items}, {"outcome", "not_share"},
                          {"rationale", "Monitoring first."}, {"departure_reason", "Monitoring first."}};
  // The same item reached through the child, without naming its concern:
  // still only for those who may read the concern.
  const json share_by_child = {{"child_id", child_id}, {"recipient_organisation_id", council},
                               {"circumstances", circumstances}, {"items", items}, {"share_items", {item_id}},
                               {"outcome", "share"}, {"rationale", "Needs early help."}, {"lawful_basis", "public_task"},
                               {"consent", "Mother agreed."},
                               {"informing", {{"told", true}, {"told_on", "2026-11-24"}, {"told_by", "Class teacher"}}}};
  const std::vector<Endpoint> endpoints = {
      {"GET", "/api/v1/people/" + child_id, {}, {{Relation::kOwn, casework}}},
      {"GET", "/api/v1/concerns/" + concern_id, {}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/items", {{"text", "More."}, {"source", "me"}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/seen", json::object(), {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/body-marks",
       {{"side", "front"}, {"area", "left_hand"}, {"description", "Graze."}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/attachments",
       {{"file_name", "more.png"}, {"description", "Photo."}, {"content_base64", Base64Encode(AsBytes(png))}},
       {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/attachments/" + attachment_id, {}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/next-step", {{"next_step", "monitor"}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/decisions/preview", not_share, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/decisions", not_share, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/decisions/preview", share_by_child, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/decisions", share_by_child, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns",
       {{"child_id", child_id}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "Hungry again."}},
       {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/people",
       {{"kind", "parent"}, {"given_name", "Lee"}, {"family_name", "Test"}, {"related_to", {{"person_id", child_id}, {"kind", "parent"}}}},
       {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/relationships", {{"person_id", parent_id}, {"related_person_id", child_id}, {"kind", "parent"}},
       {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/items", {{"text", "Named."}, {"source", "me"}, {"identifies", {child_id}}},
       {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/advice-requests", {{"adviser", "designated_safeguarding_lead"}, {"question", "About this?"},
                                           {"concern_id", concern_id}},
       {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/decisions/" + decision_id, {}, {{Relation::kOwn, oversight}}},
      {"GET", "/api/v1/disclosures/" + disclosure_id, {}, {{Relation::kOwn, oversight}, {Relation::kRecipient, casework}}},
      {"POST", "/api/v1/disclosures/" + disclosure_id + "/feedback", {{"action", "advice_given"}},
       {{Relation::kRecipient, casework}}},
      {"GET", "/api/v1/audit/disclosures/" + disclosure_id, {}, {{Relation::kOwn, oversight}}},
      // Recalling ("Recalling a disclosure"): the sharer (who authored none
      // here) and their DSL recall; whoever could receive it confirms; the
      // DPO and DSL see the organisation's recalls as possible breaches.
      {"POST", "/api/v1/disclosures/" + mistaken_id + "/recall", {{"reason", "Sent to the wrong council."}},
       {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/disclosures/" + mistaken_id, {}, {{Relation::kOwn, oversight}, {Relation::kRecipient, casework}}},
      {"POST", "/api/v1/disclosures/" + mistaken_id + "/recall/confirmation", json::object(), {{Relation::kRecipient, casework}}},
      {"GET", "/api/v1/recalls", {}, Any({R::kDesignatedSafeguardingLead, R::kDataProtectionOfficer})},
      // Recalled, it can no longer be received, triaged or given feedback on.
      {"POST", "/api/v1/disclosures/" + mistaken_id + "/feedback", {{"action", "advice_given"}}, {}},
      {"GET", "/api/v1/disclosures/" + mistaken_id + "/triage", {}, {}},
      {"POST", "/api/v1/disclosures/" + mistaken_id + "/rating", {{"rating", "amber"}}, {}},
      // Corrections (docs/rights.md): those who may edit the record's
      // concern (who raised it or recorded the person, authors of nothing
      // here) and their DSL correct; whoever may read the record reads its versions.
      {"POST", "/api/v1/people/" + parent_id + "/corrections", {{"given_name", "Rosa"}, {"reason", "Misspelt."}},
       {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/people/" + parent_id + "/corrections", {}, {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/items/" + item_id + "/corrections", {{"source", "lunch supervisor"}, {"reason", "Who said it."}},
       {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/items/" + item_id + "/corrections", {}, {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/information-requests/" + request_id, {}, {{Relation::kOwn, dsl}, {Relation::kRecipient, casework}}},
      {"POST", "/api/v1/information-requests/" + request_id + "/messages",
       {{"kind", "clarification_requested"}, {"text", "Which Rio?"}}, {{Relation::kRecipient, casework}}},
      // Answered by the holder's caseworkers: typed in (the first succeeds,
      // then it is answered), or not known (409 by then: allowed, already answered).
      {"POST", "/api/v1/information-requests/" + request_id + "/answer",
       {{"child_id", council_child_id},
        {"items", {{{"text", "Known to early help in 2025."}, {"source", "Case record"}, {"accuracy", "verified"}}}},
        {"circumstances", {{"purpose", "safeguarding"}, {"risk", "low"}}},
        {"rationale", "They asked; this is what we hold."}, {"lawful_basis", "public_task"},
        {"departure_reason", "They asked for it."},
        {"informing", {{"told", false}, {"reason_not_told", "Not yet safe to tell them."}}}},
       {{Relation::kRecipient, casework}}},
      {"POST", "/api/v1/information-requests/" + request_id + "/not-known", json::object(), {{Relation::kRecipient, casework}}},
      {"GET", "/api/v1/advice-requests/" + advice_id, {}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/advice-requests/" + advice_id + "/answer", {{"answer", "Yes."}}, {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/concerns/queue", {}, Any(dsl)},
      {"POST", "/api/v1/people/" + child_id + "/who-else-knows", json::object(), {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/people/" + council_child_id + "/who-else-knows", json::object(), {{Relation::kRecipient, casework}}},
      {"GET", "/api/v1/partnership/lookups/" + lookup_id, {}, {{Relation::kOwn, dsl}, {Relation::kRecipient, dsl}}},
      {"GET", "/api/v1/partnership/visibility", {}, Any({R::kAdministrator, R::kDesignatedSafeguardingLead})},
      {"GET", "/api/v1/risk-alerts", {}, {{Relation::kRecipient, dsl}}},
      {"GET", "/api/v1/decisions/awaiting-approval", {}, Any(dsl)},
      {"POST", "/api/v1/decisions/" + held[0] + "/approve", json::object(), {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/decisions/" + held[1] + "/decline", {{"reason", "Early help first."}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/people", {{"kind", "parent"}, {"given_name", "Pat"}, {"family_name", "Test"}}, Any(casework)},
      {"POST", "/api/v1/information-requests",
       {{"holder_organisation_id", org_ids["Brackenford Academy (demo)"]}, {"child", {{"given_name", "Rio"}, {"family_name", "Test"}}},
        {"needed", "x"}, {"reason", "y"}},
       Any(casework)},
      {"POST", "/api/v1/advice-requests", {{"adviser", "data_protection_officer"}, {"question", "May I?"}},
       Any({R::kPractitioner, R::kDesignatedSafeguardingLead, R::kDataProtectionOfficer, R::kCaldicottGuardian,
            R::kSeniorLeader})},
      // Linking (docs/linkage.md, "Linking inside Jigsaw"): the organisation's caseworkers.
      {"GET", "/api/v1/matches", {}, Any(casework)},
      {"GET", "/api/v1/matches/" + match_of["MatrixWilliam"], {}, {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/matches/" + match_of["MatrixWilliam"] + "/confirm", json::object(), {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/matches/" + match_of["MatrixWilliam"] + "/unlink", json::object(), {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/matches/" + match_of["MatrixMargaret"] + "/reject", json::object(), {{Relation::kOwn, casework}}},
      {"GET", "/api/v1/people/" + child_id + "/picture", {}, {{Relation::kOwn, casework}}},
      // Accounts (docs/workflow.md, "Accounts"): only the person's own
      // organisation's administrator changes them; another organisation's
      // administrator proposes, and the organisation's administrator or
      // DSL decides.
      {"POST", "/api/v1/practitioners/" + target->id + "/disable", json::object(), {{Relation::kOwn, {R::kAdministrator}}}},
      {"POST", "/api/v1/practitioners/" + target->id + "/enable", json::object(), {{Relation::kOwn, {R::kAdministrator}}}},
      {"POST", "/api/v1/practitioners/" + target->id + "/roles", {{"roles", {"practitioner"}}},
       {{Relation::kOwn, {R::kAdministrator}}}},
      {"POST", "/api/v1/practitioners/" + target->id + "/password-reset", {{"password", "a temporary passphrase"}},
       {{Relation::kOwn, {R::kAdministrator}}}},
      {"POST", "/api/v1/practitioners/" + target->id + "/move", {{"organisation_id", council}, {"roles", {"practitioner"}}},
       {{Relation::kOwn, {R::kAdministrator}}}},
      {"POST", "/api/v1/account-proposals",
       {{"organisation_id", school}, {"username", "matrix.more@test.jigsaw"}, {"display_name", "Matrix More"},
        {"roles", {"designated_safeguarding_lead"}}, {"password", std::string(app::kDemoPassword)}},
       {{Relation::kRecipient, {R::kAdministrator}}, {Relation::kOther, {R::kAdministrator}}}},
      {"GET", "/api/v1/account-proposals?organisation_id=" + school, {},
       {{Relation::kOwn, {R::kAdministrator, R::kDesignatedSafeguardingLead}}}},
      {"POST", "/api/v1/account-proposals/" + proposals[0] + "/approve", json::object(),
       {{Relation::kOwn, {R::kAdministrator, R::kDesignatedSafeguardingLead}}}},
      {"POST", "/api/v1/account-proposals/" + proposals[1] + "/decline", json::object(),
       {{Relation::kOwn, {R::kAdministrator, R::kDesignatedSafeguardingLead}}}},
      // Triage (docs/workflow.md, "Triage"): the marks are the recipient's;
      // whoever may receive the disclosure sees them, its DSL makes them.
      {"GET", "/api/v1/disclosures/" + disclosure_id + "/triage", {}, {{Relation::kRecipient, casework}}},
      {"POST", "/api/v1/disclosures/" + disclosure_id + "/rating", {{"rating", "amber"}}, {{Relation::kRecipient, dsl}}},
      {"POST", "/api/v1/disclosures/" + disclosure_id + "/allocation", {{"practitioner_id", council_worker}},
       {{Relation::kRecipient, dsl}}},
      // Case management ("Case management"): the organisation's DSL; a
      // task's owner sees and completes it; flags for whoever may see the child.
      {"GET", "/api/v1/caseload", {}, Any(dsl)},
      {"GET", "/api/v1/tasks?whose=organisation", {}, Any(dsl)},
      {"GET", "/api/v1/tasks?whose=mine", {}, Any(casework)},
      {"GET", "/api/v1/concerns/" + more_concerns[0] + "/case", {}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/tasks", task_body, {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/tasks/" + task_id, {}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/tasks/" + task_id + "/reassign", {{"owner_id", teacher_id}, {"due_on", "2026-12-30"}},
       {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/tasks/" + task_id + "/complete", json::object(), {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concern-links", {{"concern_id", concern_id}, {"related_concern_id", more_concerns[1]}},
       {{Relation::kOwn, dsl}}},
      {"DELETE", "/api/v1/concern-links/" + link_id, {}, {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/people/" + child_id + "/flags", {}, {{Relation::kOwn, casework}}},
      {"POST", "/api/v1/people/" + child_id + "/flags", {{"kind", "looked_after"}, {"started_on", "2026-10-01"}},
       {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/flags/" + flag_id + "/end", {{"ended_on", "2026-11-24"}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + more_concerns[1] + "/close", {{"outcome", "no_further_action"}, {"note", "Resolved."}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + more_concerns[1] + "/reopen", {{"note", "A new worry."}}, {{Relation::kOwn, dsl}}},
      // Training ("Training"): one's own, whatever one's role; a member of
      // staff's, their organisation's DSL or administrator; the staff's
      // state, the same.
      {"POST", "/api/v1/training",
       {{"kind", "data_protection"}, {"course", "Matrix"}, {"completed_on", "2026-10-01"}, {"expires_on", "2027-10-01"}},
       Any({std::begin(kRoles), std::end(kRoles)})},
      {"GET", "/api/v1/training", {}, Any({std::begin(kRoles), std::end(kRoles)})},
      {"POST", "/api/v1/training",
       {{"practitioner_id", teacher_id}, {"kind", "safeguarding"}, {"course", "Matrix"}, {"completed_on", "2026-10-01"},
        {"expires_on", "2027-10-01"}},
       {{Relation::kOwn, {R::kAdministrator, R::kDesignatedSafeguardingLead}}}},
      {"GET", "/api/v1/practitioners/" + teacher_id + "/training", {},
       {{Relation::kOwn, {R::kAdministrator, R::kDesignatedSafeguardingLead}}}},
      {"GET", "/api/v1/staff-training", {}, Any({R::kAdministrator, R::kDesignatedSafeguardingLead})},
      // Governance ("docs/governance.md"): everyone at a party reads the
      // registers; each party's senior leader or DPO signs (the second of
      // them is told it is signed already: 409) and may withdraw; the DPIA's
      // owner's DPO advises and its senior leader signs off.
      {"GET", "/api/v1/agreements", {}, Any({std::begin(kRoles), std::end(kRoles)})},
      {"GET", "/api/v1/agreements/" + agreement_id, {},
       {{Relation::kOwn, {std::begin(kRoles), std::end(kRoles)}}, {Relation::kRecipient, {std::begin(kRoles), std::end(kRoles)}}}},
      {"POST", "/api/v1/agreements/" + agreement_id + "/signatures", json::object(),
       {{Relation::kOwn, {R::kSeniorLeader, R::kDataProtectionOfficer}},
        {Relation::kRecipient, {R::kSeniorLeader, R::kDataProtectionOfficer}}}},
      {"GET", "/api/v1/dpias", {}, Any({std::begin(kRoles), std::end(kRoles)})},
      {"GET", "/api/v1/dpias/" + dpia_id, {},
       {{Relation::kOwn, {std::begin(kRoles), std::end(kRoles)}}, {Relation::kRecipient, {std::begin(kRoles), std::end(kRoles)}}}},
      // A draft is changed by its owner's senior leader or DPO (the
      // agreement is signed by now: 409 for them, 403 for the other party).
      {"PUT", "/api/v1/agreements/" + agreement_id,
       {{"title", "Matrix agreement"}, {"party_organisation_ids", {school, council}},
        {"purposes", {"safeguarding"}}, {"data_categories", {"Attendance"}}, {"people_categories", {"child"}},
        {"lawful_bases", {"public_task"}}, {"frequency", "regular"}, {"start_on", "2026-11-24"},
        {"review_on", "2027-11-24"}, {"document_reference", "M-1"}},
       {{Relation::kOwn, {R::kSeniorLeader, R::kDataProtectionOfficer}}}},
      {"PUT", "/api/v1/dpias/" + dpia_id,
       {{"title", "Matrix DPIA"}, {"organisation_ids", {school, council}}, {"purposes", {"safeguarding"}},
        {"processing", "Sharing."}, {"consultation", "DSLs."}, {"necessity", "Needed."},
        {"risks", {{{"description", "Misdirection."}, {"likelihood", "remote"}, {"severity", "significant"},
                    {"measures", "Checks."}, {"residual", "low"}}}},
        {"review_on", "2027-11-24"}},
       {{Relation::kOwn, {R::kSeniorLeader, R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/dpias/" + dpia_id + "/advice", {{"advice", "Fine."}}, {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/dpias/" + dpia_id + "/sign-off", {{"dpo_advice_accepted", true}},
       {{Relation::kOwn, {R::kSeniorLeader}}}},
      // Another organisation the DPIA names accepts it by its senior leader
      // (the owner's is told it owns it: 409).
      {"POST", "/api/v1/dpias/" + dpia_id + "/acceptances", json::object(),
       {{Relation::kOwn, {R::kSeniorLeader}}, {Relation::kRecipient, {R::kSeniorLeader}}}},
      {"POST", "/api/v1/dpias/" + dpia_id + "/reviews", {{"next_review_on", "2027-12-01"}, {"note", "Checked."}},
       {{Relation::kOwn, {R::kSeniorLeader, R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/agreements/" + agreement_id + "/reviews", {{"next_review_on", "2027-12-01"}, {"note", "Checked."}},
       {{Relation::kOwn, {R::kSeniorLeader, R::kDataProtectionOfficer}},
        {Relation::kRecipient, {R::kSeniorLeader, R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/agreements/" + agreement_id + "/withdrawal", {{"reason", "Replaced."}},
       {{Relation::kOwn, {R::kSeniorLeader, R::kDataProtectionOfficer}},
        {Relation::kRecipient, {R::kSeniorLeader, R::kDataProtectionOfficer}}}},
      // Oversight (docs/governance.md): counts of one's own organisation for
      // its senior leader, DPO or Caldicott guardian; the partnership's for
      // children's services' (the council's) senior leader or DPO.
      {"GET", "/api/v1/oversight?months=3", {}, Any({R::kSeniorLeader, R::kDataProtectionOfficer, R::kCaldicottGuardian})},
      {"GET", "/api/v1/oversight?months=3&scope=partnership", {},
       {{Relation::kRecipient, {R::kSeniorLeader, R::kDataProtectionOfficer}}}},
      // Subject access (docs/rights.md): the organisation's DPO alone, for
      // its own people (another organisation's DPO finds no such person).
      {"GET", "/api/v1/subject-access/people", {}, Any({R::kDataProtectionOfficer})},
      {"GET", "/api/v1/subject-access-requests", {}, Any({R::kDataProtectionOfficer})},
      {"POST", "/api/v1/subject-access-requests",
       {{"person_id", parent_id}, {"received_on", "2026-11-21"}, {"identity_check", "known_in_person"},
        {"identity_note", "Known to the school office."}},
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"GET", "/api/v1/subject-access-requests/" + sar_id, {}, {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/subject-access-requests/" + sar_id + "/extension", {{"months", 1}, {"reason", "Complex."}},
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/subject-access-requests/" + sar_id + "/decisions",
       {{"entry", "person:" + parent_id}, {"choice", "release"}, {"reason", "Their own details."}},
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/subject-access-requests/" + sar_id + "/release", json::object(),
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"GET", "/api/v1/subject-access-requests/" + sar_id + "/release", {}, {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      // Restriction and objection (docs/rights.md): the organisation's DPO
      // alone; another organisation's DPO finds no such person and lists
      // only its own.
      {"GET", "/api/v1/restrictions", {}, Any({R::kDataProtectionOfficer})},
      {"GET", "/api/v1/objections", {}, Any({R::kDataProtectionOfficer})},
      {"POST", "/api/v1/restrictions/" + restriction_id + "/lift", {{"reason", "Checked."}},
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/people/" + neighbour_id + "/restrictions", {{"reason", "Contested again."}},
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/objections/" + objection_id + "/decision", {{"decision", "upheld"}, {"reason", "Not needed."}},
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
      {"POST", "/api/v1/people/" + neighbour_id + "/objections",
       {{"received_on", "2026-11-21"}, {"objector", "person"}, {"grounds", "Again."}},
       {{Relation::kOwn, {R::kDataProtectionOfficer}}}},
  };

  int checked = 0;
  for (const Endpoint& e : endpoints)
    for (Relation rel : kRelations)
      for (Role role : kRoles) {
        HttpCall call{e.method, e.target, e.method == "POST" || e.method == "PUT" ? e.body.dump() : "",
                      {{"Authorization", "Bearer " + tokens[{rel, role}]}}};
        const auto reply = Send(server.port(), call);
        const bool denied = reply.status == 403 || reply.status == 404;
        const bool allowed = (reply.status >= 200 && reply.status < 300) || reply.status == 409;
        auto expected_roles = e.allowed.find(rel);
        const bool expected = expected_roles != e.allowed.end() && expected_roles->second.contains(role);
        EXPECT_TRUE(denied || allowed) << e.method << " " << e.target << " as " << ToString(role) << " ("
                                       << Name(rel) << "): " << reply.status << " " << reply.body;
        EXPECT_EQ(allowed, expected) << e.method << " " << e.target << " as " << ToString(role) << " ("
                                     << Name(rel) << "): " << reply.status << " " << reply.body;
        ++checked;
      }
  EXPECT_EQ(checked, static_cast<int>(endpoints.size()) * 3 * 7);

  // Lists show each record only to those who may see it (the matrix users
  // authored nothing, so "their own" lists hold none of the teacher's).
  struct Listed {
    std::string target, key, id;
    std::map<Relation, std::set<Role>> visible;
  };
  const std::vector<Listed> lists = {
      {"/api/v1/disclosures?box=inbox", "disclosures", disclosure_id, {{Relation::kRecipient, casework}}},
      {"/api/v1/triage", "disclosures", disclosure_id, {{Relation::kRecipient, casework}}},
      {"/api/v1/disclosures?box=sent", "disclosures", disclosure_id, {{Relation::kOwn, oversight}}},
      {"/api/v1/decisions", "decisions", decision_id, {{Relation::kOwn, oversight}}},
      {"/api/v1/decisions/awaiting-approval", "decisions", held[2], {{Relation::kOwn, dsl}}},
      {"/api/v1/concerns", "concerns", concern_id, {}},
      {"/api/v1/people?q=Rio", "people", child_id, {{Relation::kOwn, casework}}},
      {"/api/v1/matches", "matches", match_of["MatrixRobert"], {{Relation::kOwn, casework}}},
      {"/api/v1/information-requests?box=sent", "information_requests", request_id, {{Relation::kOwn, dsl}}},
      {"/api/v1/information-requests?box=received", "information_requests", request_id, {{Relation::kRecipient, casework}}},
      {"/api/v1/advice-requests?box=to_me", "advice_requests", advice_id, {{Relation::kOwn, dsl}}},
      {"/api/v1/advice-requests?box=mine", "advice_requests", advice_id, {}},
  };
  for (const Listed& l : lists)
    for (Relation rel : kRelations)
      for (Role role : kRoles) {
        const auto reply = Get(server.port(), l.target, tokens[{rel, role}]);
        EXPECT_TRUE(reply.status == 200 || reply.status == 403) << l.target << ": " << reply.status << " " << reply.body;
        bool listed = false;
        const json body = reply.status == 200 ? reply.Json() : json::object();
        if (body.contains(l.key))
          for (const auto& x : body[l.key]) listed |= x["id"] == l.id;
        auto visible = l.visible.find(rel);
        EXPECT_EQ(listed, visible != l.visible.end() && visible->second.contains(role))
            << l.target << " as " << ToString(role) << " (" << Name(rel) << ")";
      }
}

}  // namespace
}  // namespace jigsaw::testing
