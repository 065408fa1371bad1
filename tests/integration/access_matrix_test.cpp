// Need to know, generated: every case endpoint x every role x the record's
// own organisation / the recipient organisation / an uninvolved one. The
// expected table below is docs/workflow.md's "who can do what", written
// out independently of the policy code; any unexpected allow (or deny)
// fails. A refusal is 403 or 404; anything else must be a success (2xx)
// or a state conflict (409: allowed, but already done).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "access/totp.h"
#include "app/demo.h"
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
  auto concern = Post(server.port(), "/api/v1/concerns",
                      {{"child_id", child_id}, {"forms", {"neglect"}}, {"level", "low"}, {"what_happened", "Hungry."},
                       {"items", {{{"text", "Often hungry at lunch."}, {"source", "lunch staff"}}}}}, teacher);
  ASSERT_EQ(concern.status, 201);
  const std::string concern_id = concern.Json()["id"];
  const std::string item_id = concern.Json()["items"][0]["id"];
  const json circumstances = {{"purpose", "safeguarding"}, {"risk", "low"}};
  const json items = {{{"id", item_id}, {"relevant", true}, {"necessary", true}}};
  auto decision = Post(server.port(), "/api/v1/decisions",
                       {{"concern_id", concern_id}, {"recipient_organisation_id", council}, {"circumstances", circumstances},
                        {"items", items}, {"share_items", {item_id}}, {"outcome", "share"}, {"rationale", "Needs early help."},
                        {"lawful_basis", "public_task"}, {"consent", "Mother agreed."},
                        {"informing", {{"told", true}, {"told_on", "2026-11-24"}, {"told_by", "Class teacher"}}}},
                       teacher);
  ASSERT_EQ(decision.status, 201) << decision.body;
  const std::string decision_id = decision.Json()["id"];
  const std::string disclosure_id = decision.Json()["disclosure_id"];
  auto request = Post(server.port(), "/api/v1/information-requests",
                      {{"holder_organisation_id", council}, {"child", {{"given_name", "Rio"}, {"family_name", "Test"}}},
                       {"needed", "Any involvement."}, {"reason", "Planning support."}}, teacher);
  ASSERT_EQ(request.status, 201);
  const std::string request_id = request.Json()["id"];
  auto advice = Post(server.port(), "/api/v1/advice-requests",
                     {{"adviser", "designated_safeguarding_lead"}, {"question", "Refer?"}, {"concern_id", concern_id}}, teacher);
  ASSERT_EQ(advice.status, 201);
  const std::string advice_id = advice.Json()["id"];

  using R = Role;
  const std::set<Role> casework = {R::kPractitioner, R::kDesignatedSafeguardingLead};
  const std::set<Role> dsl = {R::kDesignatedSafeguardingLead};
  const std::set<Role> oversight = {R::kDesignatedSafeguardingLead, R::kDataProtectionOfficer, R::kCaldicottGuardian};
  const json not_share = {{"concern_id", concern_id}, {"recipient_organisation_id", council},
                          {"circumstances", circumstances}, {"items", items}, {"outcome", "not_share"},
                          {"rationale", "Monitoring first."}, {"departure_reason", "Monitoring first."}};
  const std::vector<Endpoint> endpoints = {
      {"GET", "/api/v1/people/" + child_id, {}, {{Relation::kOwn, casework}}},
      {"GET", "/api/v1/concerns/" + concern_id, {}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/items", {{"text", "More."}, {"source", "me"}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/seen", json::object(), {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/concerns/" + concern_id + "/next-step", {{"next_step", "monitor"}}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/decisions/preview", not_share, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/decisions", not_share, {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/decisions/" + decision_id, {}, {{Relation::kOwn, oversight}}},
      {"GET", "/api/v1/disclosures/" + disclosure_id, {}, {{Relation::kOwn, oversight}, {Relation::kRecipient, casework}}},
      {"POST", "/api/v1/disclosures/" + disclosure_id + "/feedback", {{"action", "advice_given"}},
       {{Relation::kRecipient, casework}}},
      {"GET", "/api/v1/information-requests/" + request_id, {}, {{Relation::kOwn, dsl}, {Relation::kRecipient, casework}}},
      {"POST", "/api/v1/information-requests/" + request_id + "/messages",
       {{"kind", "clarification_requested"}, {"text", "Which Rio?"}}, {{Relation::kRecipient, casework}}},
      {"GET", "/api/v1/advice-requests/" + advice_id, {}, {{Relation::kOwn, dsl}}},
      {"POST", "/api/v1/advice-requests/" + advice_id + "/answer", {{"answer", "Yes."}}, {{Relation::kOwn, dsl}}},
      {"GET", "/api/v1/concerns/queue", {}, Any(dsl)},
      {"POST", "/api/v1/people", {{"kind", "parent"}, {"given_name", "Pat"}, {"family_name", "Test"}}, Any(casework)},
      {"POST", "/api/v1/information-requests",
       {{"holder_organisation_id", org_ids["Brackenford Academy (demo)"]}, {"child", {{"given_name", "Rio"}, {"family_name", "Test"}}},
        {"needed", "x"}, {"reason", "y"}},
       Any(casework)},
      {"POST", "/api/v1/advice-requests", {{"adviser", "data_protection_officer"}, {"question", "May I?"}},
       Any({R::kPractitioner, R::kDesignatedSafeguardingLead, R::kDataProtectionOfficer, R::kCaldicottGuardian,
            R::kSeniorLeader})},
  };

  int checked = 0;
  for (const Endpoint& e : endpoints)
    for (Relation rel : kRelations)
      for (Role role : kRoles) {
        HttpCall call{e.method, e.target, e.method == "POST" ? e.body.dump() : "",
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

  // Lists show only what each may see: the disclosure is in the council's inbox alone.
  for (Relation rel : kRelations)
    for (Role role : kRoles) {
      const auto reply = Get(server.port(), "/api/v1/disclosures?box=inbox", tokens[{rel, role}]);
      const json inbox = reply.Json();
      bool listed = false;
      if (inbox.contains("disclosures"))
        for (const auto& d : inbox["disclosures"]) listed |= d["id"] == disclosure_id;
      EXPECT_EQ(listed, rel == Relation::kRecipient && casework.contains(role)) << ToString(role) << " " << Name(rel);
    }
}

}  // namespace
}  // namespace jigsaw::testing
