// Golden rule 5 tried as an adversary would, end to end on each backend:
// a generated corpus of ways to write four protected people's details
// (support/adversarial.h), each in an information item shared through the
// real API with children's services, then read by the social worker
// through the API and through the disclosure page. Not one may leak.
//
// The four stand in different places: the child's neighbour; the father's
// neighbour (two steps from the child); someone named by the item itself;
// and someone the school protects who is not linked to this child at all,
// whose every mention the sharer must review (here: withhold) before
// anything is sent.
#include <gtest/gtest.h>

#include <map>

#include "domain/text.h"
#include "support/adversarial.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

// A valid NHS number from nine digits (modulus 11), trying the next nine
// digits when the check digit would be 10.
std::string NhsNumber(std::uint64_t first_nine) {
  for (;; ++first_nine) {
    std::string d = std::to_string(first_nine);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
    const int check = (11 - sum % 11) % 11;
    if (check != 10) return d + std::to_string(check);
  }
}

std::string Unescape(std::string html) {
  for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    for (std::size_t at = html.find(entity); at != std::string::npos; at = html.find(entity, at + text.size()))
      html.replace(at, entity.size(), text);
  }
  return html;
}

// The HTML of each item on a disclosure page, in order.
std::vector<std::string> ItemsOnPage(const std::string& html) {
  std::vector<std::string> out;
  const std::string open = "<div class=\"jigsaw-item\">";
  for (std::size_t at = html.find(open); at != std::string::npos;) {
    const std::size_t next = html.find(open, at + open.size());
    const std::size_t end = next == std::string::npos ? html.find("</div>", at) : next;
    out.push_back(Unescape(html.substr(at, end - at)));
    at = next;
  }
  return out;
}

struct Protected {
  std::string role;  // where they stand, for messages
  json fields;
  std::string id;
  domain::Person person;  // the same, for the corpus
};

domain::Person AsPerson(const json& f) {
  domain::Person p;
  p.given_name = domain::Trim(f["given_name"].get<std::string>());
  p.family_name = domain::Trim(f["family_name"].get<std::string>());
  p.date_of_birth = f.value("date_of_birth", "");
  p.nhs_number = f.value("nhs_number", "");
  p.address = f.value("address", "");
  p.postcode = f.value("postcode", "");
  for (const auto& k : f.value("known_as", json::array())) p.known_as.push_back(k);
  for (const auto& k : f.value("phone_numbers", json::array())) p.phone_numbers.push_back(k);
  for (const auto& k : f.value("email_addresses", json::array())) p.email_addresses.push_back(k);
  return p;
}

class RedactionCorpusTest : public ::testing::Test {
 protected:
  json Post(const Client& c, const std::string& target, const json& body) {
    auto reply = c.post(target, body);
    EXPECT_TRUE(reply.status == 200 || reply.status == 201) << target << ": " << reply.body;
    return reply.Json();
  }

  // The school sends staff shares through its DSL: the DSL approves the
  // teacher's share, and what is sent is built then.
  json Share(const Client& teacher, const json& decision) {
    const json proposed = Post(teacher, "/api/v1/decisions", decision);
    EXPECT_EQ(proposed["approval"]["status"], "awaiting") << proposed;
    const Client dsl(server_.port(), server_.SignIn("primary.dsl"));
    return Post(dsl, "/api/v1/decisions/" + proposed["id"].get<std::string>() + "/approve", json::object());
  }

  TestDatabase db_;
  TestServer server_{db_.Config()};
};

TEST_F(RedactionCorpusTest, NoSpellingOfAProtectedPersonReachesTheRecipient) {
  const Client teacher(server_.port(), server_.SignIn("primary.teacher"));
  const std::string token = server_.SignIn("csc.socialworker");
  const Client social_worker(server_.port(), token);
  std::string csc_id;
  const json organisations = teacher.get("/api/v1/organisations").Json();
  for (const auto& o : organisations["organisations"])
    if (o["name"].get<std::string>().starts_with("Brackenford Council")) csc_id = o["id"];
  ASSERT_FALSE(csc_id.empty());

  const std::string child = Post(teacher, "/api/v1/people",
                                 {{"kind", "child"}, {"given_name", "Sam"}, {"family_name", "Example"},
                                  {"date_of_birth", "2016-03-04"}})["id"];
  const std::string father = Post(teacher, "/api/v1/people",
                                  {{"kind", "parent"}, {"given_name", "Mark"}, {"family_name", "Example"},
                                   {"related_to", {{"person_id", child}, {"kind", "parent"}}}})["id"];
  std::vector<Protected> people = {
      {"the child's neighbour",
       {{"kind", "third_party"}, {"given_name", "Doreen"}, {"family_name", "Hargreaves-Smith"},
        {"known_as", {"Dee", "Reenie"}}, {"date_of_birth", "1980-04-03"}, {"nhs_number", NhsNumber(450557710)},
        {"address", "14 Larch Close\nLarchmere"}, {"postcode", "LM4 7QP"}, {"phone_numbers", {"07700 900123"}},
        {"email_addresses", {"doreen.hs@example.org"}}, {"related_to", {{"person_id", child}, {"kind", "neighbour"}}}}},
      {"the father's neighbour",
       // Given through the API with stray spaces, which must not stop it being withheld.
       {{"kind", "third_party"}, {"given_name", "Jo "}, {"family_name", " Ng"}, {"date_of_birth", "1975-11-12"},
        {"nhs_number", NhsNumber(401023456)}, {"address", "2 Quarry Row, Thornbury Vale"}, {"postcode", "TV2 9XY"},
        {"phone_numbers", {"+44 7700 900456"}}, {"related_to", {{"person_id", father}, {"kind", "neighbour"}}}}},
      {"someone the item names",
       {{"kind", "associated_adult"}, {"given_name", "Siobh\xC3\xA1n"}, {"family_name", "N\xC3\xAD Bhriain"},
        {"date_of_birth", "1988-12-25"}, {"address", "7 Weir Gardens\nOtterby"}, {"postcode", "OT7 3HN"},
        {"email_addresses", {"siobhan.nb@example.net"}}}},
      {"someone the school protects, not linked to this child",
       {{"kind", "parent"}, {"given_name", "Zo\xC3\xAB"}, {"family_name", "O\xE2\x80\x99" "Brien"},
        {"known_as", {"Zozo"}}, {"date_of_birth", "1990-07-21"}, {"nhs_number", NhsNumber(612345678)},
        {"address", "Flat 3, Mercia House, 9 Kiln Street"}, {"postcode", "KS9 1ZZ"},
        {"email_addresses", {"zoe.obrien@example.net"}}}},
  };
  for (auto& p : people) {
    p.fields["protected"] = true;
    p.fields["protected_reason"] = "Could be harmed if found";
    p.id = Post(teacher, "/api/v1/people", p.fields)["id"];
    p.person = AsPerson(p.fields);
  }
  std::vector<domain::Person> persons;
  for (const auto& p : people) persons.push_back(p.person);
  const auto corpus = AdversarialCorpus(persons, 20261130);
  ASSERT_GE(corpus.size(), 500u);

  std::map<std::string, int> leaks_by_category, tried_by_category;
  int leaks = 0;
  constexpr std::size_t kItemsPerShare = 25;
  for (std::size_t first = 0; first < corpus.size(); first += kItemsPerShare) {
    const std::size_t last = std::min(corpus.size(), first + kItemsPerShare);
    json items = json::array();
    for (std::size_t i = first; i < last; ++i) {
      json item = {{"text", corpus[i].sentence}, {"source", "class teacher"}, {"accuracy", "unverified"}};
      if (corpus[i].person == people[2].person.given_name) item["identifies"] = {people[2].id};
      items.push_back(item);
    }
    const json concern = Post(teacher, "/api/v1/concerns",
                              {{"child_id", child}, {"forms", {"domestic_abuse"}}, {"level", "significant_harm"},
                               {"what_happened", "Notes gathered for a referral."}, {"items", items}});
    json decision = {{"concern_id", concern["id"]}, {"recipient_organisation_id", csc_id},
                     {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}}},
                     {"outcome", "share"}, {"rationale", "Significant harm: children's services must know."},
                     {"lawful_basis", "public_task"}, {"confidentiality_basis", "Overriding public interest"},
                     {"special_category_condition", "DPA 2018 Sch 1 para 18"},
                     {"criminal_offence_condition", "DPA 2018 Sch 1 para 18"},
                     {"informing", {{"told", false}, {"reason_not_told", "It could put the child at more risk."}}}};
    decision["items"] = json::array();
    decision["share_items"] = json::array();
    for (const auto& item : concern["items"]) {
      decision["items"].push_back({{"id", item["id"]}, {"relevant", true}, {"necessary", true}});
      decision["share_items"].push_back(item["id"]);
    }
    // The unlinked person's mentions stop the share until they are reviewed.
    const json preview = Post(teacher, "/api/v1/decisions/preview", decision);
    decision["mention_reviews"] = json::array();
    for (const auto& m : preview["mentions"])
      decision["mention_reviews"].push_back({{"mention_id", m["id"]}, {"choice", "withhold"}});
    if (!preview["mentions"].empty()) {
      json unreviewed = decision;
      unreviewed.erase("mention_reviews");
      auto refused = teacher.post("/api/v1/decisions", unreviewed);
      EXPECT_EQ(refused.status, 400) << refused.body;
      EXPECT_EQ(refused.Json()["error"]["field"], "mention_reviews");
    }
    const json decided = Share(teacher, decision);
    const std::string disclosure = decided["disclosure_id"];
    const json content = social_worker.get("/api/v1/disclosures/" + disclosure).Json()["content"];
    const auto page = Get(server_.port(), "/disclosures/" + disclosure);  // without a cookie: signed out
    ASSERT_EQ(page.status, 303);
    const auto html = Send(server_.port(), {"GET", "/disclosures/" + disclosure, {}, {{"Cookie", "jigsaw_session=" + token}}});
    ASSERT_EQ(html.status, 200) << html.body;
    const auto on_page = ItemsOnPage(html.body);
    ASSERT_EQ(content["items"].size(), last - first);
    ASSERT_EQ(on_page.size(), last - first);
    for (std::size_t i = first; i < last; ++i) {
      const Variant& v = corpus[i];
      ++tried_by_category[v.category];
      const std::string api_text = content["items"][i - first]["text"];
      for (const auto& [where, seen] : {std::pair{"API", api_text}, std::pair{"page", on_page[i - first]}})
        if (auto leak = FindLeak(seen, v.spelling); !leak.empty()) {
          ++leaks;
          ++leaks_by_category[v.category];
          ADD_FAILURE() << "Leaked through the " << where << " (" << v.category << ", " << v.person << "): " << leak
                        << "\n  written: " << v.sentence << "\n  received: " << seen;
        }
    }
  }
  std::string report;
  for (const auto& [category, tried] : tried_by_category)
    report += "  " + category + ": " + std::to_string(leaks_by_category[category]) + " of " + std::to_string(tried) + "\n";
  std::cout << "Adversarial corpus: " << corpus.size() << " spellings, " << leaks << " leaks (API and page)\n" << report;
  EXPECT_EQ(leaks, 0);
}

// What the recipient reads besides the item text: the names of whom items
// are about and whom they name, and the child's own address. An
// unprotected relative keeps their given name and loses a protected
// surname; a child who lives where a protected parent lives (a refuge), or
// whose address names one, has their whereabouts withheld. And the child's
// own name and date of birth are not withheld because a protected relative
// shares them, nor is a month because a protected person is called May.
TEST_F(RedactionCorpusTest, NamesFieldsAndTheChildsAddressAreRedactedToo) {
  const Client teacher(server_.port(), server_.SignIn("primary.teacher"));
  const Client social_worker(server_.port(), server_.SignIn("csc.socialworker"));
  const json organisations = teacher.get("/api/v1/organisations").Json();
  std::string csc_id;
  for (const auto& o : organisations["organisations"])
    if (o["name"].get<std::string>().starts_with("Brackenford Council")) csc_id = o["id"];
  const std::string refuge = "Flat 2, Refuge House\n3 Willow Court\nSouthmoor";
  const std::string child = Post(teacher, "/api/v1/people",
                                 {{"kind", "child"}, {"given_name", "Ava"}, {"family_name", "Kaur"},
                                  {"date_of_birth", "2016-03-04"}, {"address", refuge}, {"postcode", "SM3 9RF"}})["id"];
  Post(teacher, "/api/v1/people", {{"kind", "parent"}, {"given_name", "Priya"}, {"family_name", "Kaur"},
                                   {"known_as", {"May"}}, {"date_of_birth", "2016-03-04"}, {"address", refuge},
                                   {"postcode", "SM3 9RF"}, {"protected", true}, {"protected_reason", "In a refuge"},
                                   {"related_to", {{"person_id", child}, {"kind", "parent"}}}});
  const std::string neighbour = Post(teacher, "/api/v1/people",
                                     {{"kind", "third_party"}, {"given_name", "Doreen"}, {"family_name", "Hargreaves"},
                                      {"protected", true}, {"protected_reason", "Reported the family"},
                                      {"related_to", {{"person_id", child}, {"kind", "neighbour"}}}})["id"];
  const std::string son = Post(teacher, "/api/v1/people",
                               {{"kind", "third_party"}, {"given_name", "Kyle"}, {"family_name", "Hargreaves"},
                                {"related_to", {{"person_id", neighbour}, {"kind", "other"}}}})["id"];
  const json concern = Post(teacher, "/api/v1/concerns",
                            {{"child_id", child}, {"forms", {"neglect"}}, {"level", "significant_harm"},
                             {"what_happened", "Hungry."},
                             {"items", {{{"text", "Ava Kaur attends on time since 3 May 2026; born 04/03/2016."},
                                         {"source", "class teacher"}, {"identifies", {son}}},
                                        {{"text", "Seen with the neighbour's son."}, {"source", "office"}, {"person_id", son}}}}});
  json decision = {{"concern_id", concern["id"]}, {"recipient_organisation_id", csc_id},
                   {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}}}, {"outcome", "share"},
                   {"rationale", "Significant harm."}, {"lawful_basis", "public_task"},
                   {"informing", {{"told", false}, {"reason_not_told", "Risk to the child."}}}};
  decision["items"] = json::array();
  decision["share_items"] = json::array();
  for (const auto& item : concern["items"]) {
    decision["items"].push_back({{"id", item["id"]}, {"relevant", true}, {"necessary", true}});
    decision["share_items"].push_back(item["id"]);
  }
  const json decided = Share(teacher, decision);
  const json content = social_worker.get("/api/v1/disclosures/" + decided["disclosure_id"].get<std::string>()).Json()["content"];
  EXPECT_EQ(content["child"]["given_name"], "Ava");
  EXPECT_EQ(content["child"]["address"], "[detail withheld]") << "the child lives where a protected parent lives";
  EXPECT_EQ(content["child"]["postcode"], "[detail withheld]");
  EXPECT_EQ(content["items"][0]["text"], "Ava Kaur attends on time since 3 May 2026; born 04/03/2016.");
  EXPECT_EQ(content["items"][0]["identifies"][0], "Kyle [name withheld]");
  EXPECT_EQ(content["items"][1]["about_name"], "Kyle [name withheld]");
  EXPECT_EQ(content.dump().find("Hargreaves"), std::string::npos) << content.dump();
  EXPECT_EQ(content.dump().find("Willow"), std::string::npos) << content.dump();
}

// Every other text that crosses from one organisation to another goes
// through the same redaction: an information request and its messages, the
// reasons for refusing one, and feedback.
TEST_F(RedactionCorpusTest, MessagesBetweenOrganisationsAreRedactedAsTheyLeave) {
  const Client teacher(server_.port(), server_.SignIn("primary.teacher"));
  const Client social_worker(server_.port(), server_.SignIn("csc.socialworker"));
  const json organisations = teacher.get("/api/v1/organisations").Json();
  std::string school_id, csc_id;
  for (const auto& o : organisations["organisations"]) {
    if (o["name"].get<std::string>().starts_with("Brackenford Primary")) school_id = o["id"];
    if (o["name"].get<std::string>().starts_with("Brackenford Council")) csc_id = o["id"];
  }
  // Each side protects someone: the school a neighbour, children's services a mother in a refuge.
  Post(teacher, "/api/v1/people", {{"kind", "third_party"}, {"given_name", "Doreen"}, {"family_name", "Hargreaves"},
                                   {"protected", true}, {"protected_reason", "Reported the family"},
                                   {"postcode", "LM4 7QP"}});
  Post(social_worker, "/api/v1/people", {{"kind", "parent"}, {"given_name", "Priya"}, {"family_name", "Kaur"},
                                         {"protected", true}, {"protected_reason", "In a refuge"},
                                         {"address", "3 Willow Court\nSouthmoor"}});
  // The child is protected by children's services too, yet must be named to be found.
  Post(social_worker, "/api/v1/people", {{"kind", "child"}, {"given_name", "Sam"}, {"family_name", "Example"},
                                         {"date_of_birth", "2016-03-04"}, {"protected", true},
                                         {"protected_reason", "With mother in a refuge"}, {"address", "3 Willow Court\nSouthmoor"}});
  const json asked = Post(social_worker, "/api/v1/information-requests",
                          {{"holder_organisation_id", school_id},
                           {"child", {{"given_name", "Sam"}, {"family_name", "Example"}, {"date_of_birth", "2016-03-04"}}},
                           {"needed", "Attendance since Sam and Priya Kaur moved to Willow Court."},
                           {"reason", "Priya\u2019s safety plan depends on it."}});
  const std::string id = asked["id"];
  const json at_school = teacher.get("/api/v1/information-requests/" + id).Json();
  EXPECT_EQ(at_school["needed"], "Attendance since Sam and [name withheld] moved to [detail withheld].");
  EXPECT_EQ(at_school["reason"], "[name withheld] safety plan depends on it.");
  EXPECT_EQ(at_school["requested_by"], "") << "the requester's staff ids stay with the requester";

  server_.clock().Advance(std::chrono::minutes(1));
  Post(teacher, "/api/v1/information-requests/" + id + "/messages",
       {{"kind", "clarification_requested"}, {"text", "Is this about what Doreen at LM4 7QP told us?"}});
  server_.clock().Advance(std::chrono::minutes(1));
  Post(social_worker, "/api/v1/information-requests/" + id + "/messages",
       {{"kind", "clarification"}, {"text", "No: about Ms KAUR's attendance at meetings."}});
  server_.clock().Advance(std::chrono::minutes(1));
  Post(teacher, "/api/v1/decisions", {{"information_request_id", id}, {"outcome", "not_share"},
                                      {"rationale", "Sharing would point to Doreen Hargreaves, who reported the family."}});
  const json at_csc = social_worker.get("/api/v1/information-requests/" + id).Json();
  ASSERT_EQ(at_csc["status"], "refused");
  const auto& messages = at_csc["messages"];
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0]["text"], "Is this about what [name withheld] at [detail withheld] told us?");
  EXPECT_EQ(messages[0]["written_by"], "");
  EXPECT_EQ(messages[2]["text"], "Sharing would point to [name withheld], who reported the family.");
  EXPECT_EQ(messages[2]["decision_id"], "") << "the holder's decision id stays with the holder";
  const json school_view = teacher.get("/api/v1/information-requests/" + id).Json();
  EXPECT_EQ(school_view["messages"][1]["text"], "No: about Ms [name withheld] attendance at meetings.");
}

}  // namespace
}  // namespace jigsaw::testing
