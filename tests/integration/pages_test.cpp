// The web pages' protections, over real sockets on each backend: a page
// needs a session, every page carries the Content-Security-Policy and
// no-store, a form without the right token changes nothing, and user text
// comes back escaped. (The journey itself is tested in Chromium: tests/e2e.)
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

class PagesTest : public ::testing::Test {
 protected:
  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::uint16_t port() { return server_.port(); }

  std::string SignIn(const std::string& who) { return server_.SignIn(who); }
  HttpReply Page(const std::string& token, const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + token}}});
  }
  HttpReply Form(const std::string& token, const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body,
                         {{"Cookie", "jigsaw_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  }
};

// The menu shows what the visitor's roles can use, and an empty list says
// why it is empty rather than "None".
TEST_F(PagesTest, TheMenuHoldsWhatTheRoleCanUseAndEmptyListsSayWhy) {
  const auto menu_of = [&](const std::string& who) {
    const std::string body = Page(SignIn(who), "/").body;
    std::vector<std::string> items;
    for (const char* item : {"What needs you", "Record a concern", "Shared with us", "Information requests", "Advice"})
      if (body.find(std::string("govuk-service-navigation__link\" href=\"")) != std::string::npos &&
          body.find(std::string(">") + item + "</") != std::string::npos)
        items.push_back(item);
    return items;
  };
  const std::vector<std::string> everything = {"What needs you", "Record a concern", "Shared with us",
                                               "Information requests", "Advice"};
  EXPECT_EQ(menu_of("primary.dsl"), everything);
  // An administrator runs accounts; they hold no cases, so no casework menu.
  EXPECT_EQ(menu_of("csc.admin"), std::vector<std::string>{"What needs you"});
  // The page itself still refuses, menu or not.
  const std::string admin = SignIn("csc.admin");
  EXPECT_NE(Page(admin, "/concerns/new").status, 200);

  const std::string dsl = SignIn("primary.dsl");
  auto requests = Page(dsl, "/information-requests");
  ASSERT_EQ(requests.status, 200);
  EXPECT_NE(requests.body.find("No organisation has asked yours for information."), std::string::npos);
  EXPECT_NE(requests.body.find("Your organisation has not asked another for information."), std::string::npos);
  EXPECT_EQ(requests.body.find(">None.<"), std::string::npos);
  auto inbox = Page(dsl, "/inbox");
  ASSERT_EQ(inbox.status, 200);
  EXPECT_NE(inbox.body.find("Nothing has been shared with your organisation yet."), std::string::npos) << inbox.body;
  auto filtered = Page(dsl, "/inbox?level=significant_harm");
  EXPECT_NE(filtered.body.find("Nothing shared with you matches."), std::string::npos);
}

TEST_F(PagesTest, APageNeedsASessionAndCarriesItsProtections) {
  auto anonymous = Get(port(), "/inbox");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.Header("location"), "/sign-in");
  auto expired = Page("not-a-session", "/inbox");
  EXPECT_EQ(expired.Header("location"), "/sign-in?timed-out=1");

  const std::string token = SignIn("primary.teacher");
  auto home = Page(token, "/");
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_EQ(home.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(home.Header("cache-control"), "no-store");
  const std::string csp = home.Header("content-security-policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(home.body.find("<script>"), std::string::npos) << "no inline script";
  EXPECT_NE(home.body.find("<title>What needs you - Jigsaw</title>"), std::string::npos);
  EXPECT_NE(home.body.find(access::FormToken(token)), std::string::npos) << "the sign-out form carries the token";
}

TEST_F(PagesTest, AFormWithoutItsTokenIsRefusedAndChangesNothing) {
  const std::string token = SignIn("primary.teacher");
  const std::string body = "given_name=Ivy&family_name=Stone&date_of_birth-day=1&date_of_birth-month=2&date_of_birth-year=2016";
  auto forged = Form(token, "/children/new", body + "&csrf_token=" + std::string(48, 'a'));
  EXPECT_EQ(forged.status, 403);
  auto missing = Form(token, "/children/new", body);
  EXPECT_EQ(missing.status, 403);
  auto found = Form(token, "/concerns/new", "name=Ivy&csrf_token=" + access::FormToken(token));
  ASSERT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("No child with that name"), std::string::npos) << "nothing was added";

  auto made = Form(token, "/children/new", body + "&csrf_token=" + access::FormToken(token));
  EXPECT_EQ(made.status, 303) << made.body;
  // Another session's token does not do either.
  const std::string other = SignIn("primary.dsl");
  EXPECT_EQ(Form(token, "/children/new", body + "&csrf_token=" + access::FormToken(other)).status, 403);
}

TEST_F(PagesTest, TextComesBackEscapedAndErrorsNameTheirField) {
  const std::string token = SignIn("primary.teacher");
  auto reply = Form(token, "/children/new",
                    "given_name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&family_name=&csrf_token=" + access::FormToken(token));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(reply.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(reply.body.find("<title>Error: Add a child - Jigsaw</title>"), std::string::npos);
  EXPECT_NE(reply.body.find("<a href=\"#family_name\">Enter their last name</a>"), std::string::npos);
  EXPECT_NE(reply.body.find("id=\"family_name-error\""), std::string::npos);
}

TEST_F(PagesTest, AnotherOrganisationsRecordIsNotFound) {
  const std::string school = SignIn("primary.teacher");
  auto made = Form(school, "/children/new",
                   "given_name=Ivy&family_name=Stone&date_of_birth-day=1&date_of_birth-month=2&date_of_birth-year=2016&csrf_token=" +
                       access::FormToken(school));
  ASSERT_EQ(made.status, 303);
  const std::string location = made.Header("location");  // /children/{id}/concerns/new
  const std::string child = location.substr(0, location.rfind("/concerns/new"));
  EXPECT_EQ(Page(school, child).status, 200);
  auto elsewhere = Page(SignIn("gp.doctor"), child);
  EXPECT_EQ(elsewhere.status, 404);
  EXPECT_EQ(elsewhere.body.find("Ivy"), std::string::npos);
}

// The timeout warning asks how long is left; asking is not activity, or an
// open page would keep a shared computer signed in for ever.
TEST_F(PagesTest, TimeLeftCountsDownWithoutKeepingTheSessionAlive) {
  const std::string token = SignIn("primary.teacher");
  auto left = [&] {
    auto reply = Page(token, "/session/time-left");
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.Header("cache-control"), "no-store");
    return reply.Json()["seconds"].get<std::int64_t>();
  };
  EXPECT_EQ(left(), 30 * 60);
  server_.clock().Advance(std::chrono::minutes(10));
  EXPECT_EQ(left(), 20 * 60);
  EXPECT_EQ(left(), 20 * 60) << "asking did not reset the idle clock";
  ASSERT_EQ(Page(token, "/").status, 200);  // activity
  EXPECT_EQ(left(), 30 * 60);
  server_.clock().Advance(std::chrono::minutes(31));
  EXPECT_EQ(left(), 0);
  EXPECT_EQ(Page("", "/session/time-left").Json()["seconds"], 0) << "no session";
}

// Children's services asks the school for information; the school answers
// through "Should I share?", which asks which of the requests it answers
// once the school chooses children's services, and the request is closed by
// the decision.
TEST_F(PagesTest, AnsweringAnInformationRequestThroughShouldIShareClosesIt) {
  const std::string social_worker = SignIn("csc.socialworker");
  const std::string school = SignIn("primary.teacher");
  std::string school_id, csc_id;
  const auto organisations = Get(port(), "/api/v1/organisations", school).Json();
  for (const auto& o : organisations["organisations"]) {
    if (o["name"].get<std::string>().starts_with("Brackenford Primary")) school_id = o["id"];
    if (o["name"].get<std::string>().starts_with("Brackenford Council")) csc_id = o["id"];
  }
  ASSERT_FALSE(school_id.empty());
  ASSERT_FALSE(csc_id.empty());
  auto asked = Post(port(), "/api/v1/information-requests",
                    {{"holder_organisation_id", school_id},
                     {"child", {{"given_name", "Sam"}, {"family_name", "Example"}, {"date_of_birth", "2016-03-04"}}},
                     {"needed", "Attendance and any concerns this term."},
                     {"reason", "Child and family assessment under section 17."}},
                    social_worker);
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string request_id = asked.Json()["id"];

  auto child = Post(port(), "/api/v1/people",
                    {{"kind", "child"}, {"given_name", "Sam"}, {"family_name", "Example"}, {"date_of_birth", "2016-03-04"}}, school);
  ASSERT_EQ(child.status, 201) << child.body;
  auto concern = Post(port(), "/api/v1/concerns",
                      {{"child_id", child.Json()["id"]}, {"forms", {"neglect"}}, {"level", "low"},
                       {"what_happened", "Often late and hungry."},
                       {"items", {{{"text", "Late on 9 of 30 days this term."}, {"source", "register"}, {"accuracy", "verified"}}}}},
                      school);
  ASSERT_EQ(concern.status, 201) << concern.body;
  const std::string base = "/concerns/" + concern.Json()["id"].get<std::string>() + "/share/";
  const std::string token = "&csrf_token=" + access::FormToken(school);
  auto answer = [&](const std::string& step, const std::string& fields) {
    auto reply = Form(school, base + step, fields + token);
    EXPECT_EQ(reply.status, 303) << step << ": " << reply.body;
    return reply.Header("location");
  };

  EXPECT_EQ(answer("recipient", "recipient=" + csc_id), base + "answering");
  auto question = Page(school, base + "answering");
  ASSERT_EQ(question.status, 200);
  EXPECT_NE(question.body.find("Attendance and any concerns this term."), std::string::npos) << question.body;
  EXPECT_NE(question.body.find("About Sam Example"), std::string::npos);
  EXPECT_EQ(answer("answering", "answering=" + request_id), base + "purpose");
  auto the_rest = [&] {
    answer("purpose", "purpose=safeguarding");
    answer("legal", "legal=no");
    answer("frequency", "frequency=one_off");
    answer("consent", "consent=not_sought");
    answer("objections", "objections=none");
    answer("family", "family=will_tell");
    answer("relevant", "");
    EXPECT_EQ(answer("uncertain", "uncertain=no"), base + "advice");
    EXPECT_EQ(answer("decision", "outcome=not_share&rationale=Nothing here needs sharing beyond attendance, which they already have."),
              base + "check");
  };
  the_rest();
  auto check = Page(school, base + "check");
  ASSERT_EQ(check.status, 200);
  EXPECT_NE(check.body.find("Are you answering a request from them?"), std::string::npos);
  EXPECT_NE(check.body.find("Yes. Their request of"), std::string::npos) << check.body;
  const std::string done = answer("check", "");
  EXPECT_TRUE(done.starts_with("/decisions/")) << done;
  // The record of a decision not to share says with whom it was not shared.
  const std::string decision_page = done.substr(0, done.rfind("/done"));
  auto recorded = Page(school, decision_page);
  ASSERT_EQ(recorded.status, 200) << decision_page;
  EXPECT_NE(recorded.body.find("Not shared with"), std::string::npos) << recorded.body;
  EXPECT_NE(recorded.body.find("Brackenford Council Children"), std::string::npos);

  auto request = Get(port(), "/api/v1/information-requests/" + request_id, social_worker);
  ASSERT_EQ(request.status, 200) << request.body;
  EXPECT_EQ(request.Json()["status"], "refused") << request.body;
  // The request is no longer offered: choosing children's services again asks nothing about it.
  EXPECT_EQ(answer("recipient", "recipient=" + csc_id), base + "purpose");

  // A second request, answered by a colleague while this practitioner was
  // still deciding: confirming asks again, and says why.
  auto second = Post(port(), "/api/v1/information-requests",
                     {{"holder_organisation_id", school_id},
                      {"child", {{"given_name", "Sam"}, {"family_name", "Example"}}},
                      {"needed", "Anything new since our last request."},
                      {"reason", "Review of the child and family assessment."}},
                     social_worker);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string second_id = second.Json()["id"];
  EXPECT_EQ(answer("recipient", "recipient=" + csc_id), base + "answering");
  EXPECT_EQ(answer("answering", "answering=" + second_id), base + "purpose");
  the_rest();
  auto colleague = Post(port(), "/api/v1/decisions",
                        {{"information_request_id", second_id}, {"outcome", "not_share"},
                         {"rationale", "Nothing new since our last answer."}},
                        SignIn("primary.dsl"));
  ASSERT_EQ(colleague.status, 201) << colleague.body;
  auto late = Form(school, base + "check", token.substr(1));
  EXPECT_EQ(late.status, 200) << late.body;
  EXPECT_NE(late.body.find("<title>Error: Are you answering a request from them? - Jigsaw</title>"), std::string::npos)
      << late.body;
  EXPECT_NE(late.body.find("That request has already been answered."), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
