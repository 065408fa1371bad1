// The HTTP edge and what the logs keep, through the real server on each
// backend: a key flood is refused before it costs anything; nothing a
// client sends reaches a header, the audit log or the access log; the API
// answers its own pages and Bearer clients only; a refusal names the child
// only to the organisation that holds the child's record.
#include <gtest/gtest.h>

#include <mutex>

#include "access/credentials.h"
#include "common/log.h"
#include "common/random.h"
#include "service/audit_trail.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

// Every line logged while the test runs (set before the server starts,
// cleared after it stops: members are destroyed in reverse order).
class LogLines {
 public:
  LogLines() { log::SetSink(&sink_); }
  ~LogLines() { log::SetSink(nullptr); }
  std::vector<std::string> Of(std::string_view event) {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& line : lines_)
      if (line.find("event=\"" + std::string(event) + "\"") != std::string::npos) out.push_back(line);
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
  const log::Sink sink_ = [this](std::string_view line) {
    std::lock_guard lock(mu_);
    lines_.emplace_back(line);
  };
};

app::Config WithAccessLog(app::Config c) {
  c.server.access_log = true;
  return c;
}

constexpr std::string_view kNameAndAddress = "Doreen%20Hargreaves%2014%20Larch%20Close";

class EdgeTest : public ::testing::Test {
 protected:
  TestDatabase db_;
  LogLines log_;
  TestServer server_{WithAccessLog(db_.Config())};
  std::uint16_t port() { return server_.port(); }

  // The session cookie from a sign-in through the API.
  std::string CookieOf(const HttpReply& signed_in) {
    const std::string set = signed_in.Header("set-cookie");
    return set.substr(0, set.find(';'));
  }

  // A child and a concern about them, recorded by `token`'s practitioner.
  std::pair<std::string, std::string> ChildAndConcern(const std::string& token) {
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", "Sam"}, {"family_name", "Example"},
                       {"date_of_birth", "2016-03-04"}},
                      token);
    EXPECT_EQ(child.status, 201) << child.body;
    const std::string child_id = child.Json().value("id", "");
    return {child_id, Concern(token, child_id)};
  }
  std::string Concern(const std::string& token, const std::string& child_id) {
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child_id}, {"forms", {"neglect"}}, {"level", "low"},
                         {"what_happened", "Came to school hungry three days running."}},
                        token);
    EXPECT_EQ(concern.status, 201) << concern.body;
    return concern.Json().value("id", "");
  }

  std::vector<domain::AuditRecord> AllRecords() {
    auto records = server_.app().audit_log().Search(service::Context::Operator(), {.limit = 1000});
    EXPECT_TRUE(records);
    return records ? *records : std::vector<domain::AuditRecord>{};
  }
};

TEST_F(EdgeTest, AKeyFloodFromAnyoneIsRefusedNamingTheLimitAndOversizeBodiesAreLogged) {
  // 100,000 distinct five-letter names: just under 1 MiB, the largest body.
  std::string flood = "{";
  for (int i = 0; i < 100000; ++i) {
    flood += i ? ",\"" : "\"";
    for (int d = 4, v = i; d >= 0; --d, v /= 26) flood += static_cast<char>('a' + v % 26);
    flood += "\":0";
  }
  flood += "}";
  ASSERT_LT(flood.size(), 1024u * 1024u);
  auto refused = Send(port(), {"POST", "/api/v1/sessions", flood, {{"Content-Type", "application/json"}}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "body");
  EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("more than 64 members"), std::string::npos)
      << refused.body;
  EXPECT_EQ(Get(port(), "/healthz").status, 200);

  // One byte over the configured limit (which leaves room for an attachment as base64).
  auto too_large = Send(port(), {"POST", "/api/v1/sessions", std::string(server_.app().config().server.max_body_bytes + 1, ' '),
                                 {{"Content-Type", "application/json"}}});
  EXPECT_EQ(too_large.status, 413);
  const auto refusals = log_.Of("http.refused");
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_NE(refusals[0].find("status=\"413\""), std::string::npos) << refusals[0];
  EXPECT_NE(refusals[0].find("code=\"payload_too_large\""), std::string::npos) << refusals[0];
}

TEST_F(EdgeTest, TheApiAnswersCookieRequestsFromItsOwnSiteOnlyAndBearerClientsAsBefore) {
  // Signing in from another site is refused and sets no cookie.
  const json credentials = {{"username", DemoUsername("primary.dsl")}, {"password", "brackenford-demo"}};
  auto foreign_sign_in = Send(port(), {"POST", "/api/v1/sessions", credentials.dump(),
                                       {{"Content-Type", "text/plain"}, {"Origin", "https://evil.example"}}});
  EXPECT_EQ(foreign_sign_in.status, 403);
  EXPECT_EQ(foreign_sign_in.Header("set-cookie"), "");

  auto password = Post(port(), "/api/v1/sessions", credentials);
  ASSERT_EQ(password.status, 202) << password.body;
  EXPECT_EQ(password.Header("set-cookie"), "") << "no session before the second factor";
  auto signed_in = Post(port(), "/api/v1/sessions/second-factor",
                        {{"challenge_token", password.Json().value("challenge_token", "")},
                         {"code", server_.NextCode(DemoUsername("primary.dsl"))}});
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  const std::string token = signed_in.Json()["token"];
  const std::string set_cookie = signed_in.Header("set-cookie");
  EXPECT_EQ(set_cookie.find("Max-Age"), std::string::npos) << "the cookie dies with the browser: " << set_cookie;
  EXPECT_EQ(set_cookie.find("Expires"), std::string::npos) << set_cookie;
  const std::string cookie = CookieOf(signed_in);
  EXPECT_EQ(signed_in.Header("strict-transport-security"), "") << "HSTS only over TLS";

  const std::string concerns_before = Get(port(), "/api/v1/concerns", token).body;
  const std::string body = json{{"child_id", NewId()}, {"forms", {"neglect"}}, {"level", "low"},
                                {"what_happened", "x"}}.dump();
  // A form on another site can post text; with the cookie that is refused.
  auto as_text = Send(port(), {"POST", "/api/v1/concerns", body, {{"Cookie", cookie}, {"Content-Type", "text/plain"}}});
  EXPECT_EQ(as_text.status, 415) << as_text.body;
  EXPECT_EQ(as_text.Json()["error"]["field"], "content-type");
  auto from_elsewhere = Send(port(), {"GET", "/api/v1/me", {}, {{"Cookie", cookie}, {"Origin", "https://evil.example"}}});
  EXPECT_EQ(from_elsewhere.status, 403);
  EXPECT_EQ(from_elsewhere.body.find("practitioner"), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/concerns", token).body, concerns_before) << "nothing was recorded";

  // The same site, and Bearer clients whatever they send, go through.
  EXPECT_EQ(Send(port(), {"GET", "/api/v1/me", {}, {{"Cookie", cookie}, {"Origin", "http://127.0.0.1"}}}).status, 200);
  auto as_json = Send(port(), {"POST", "/api/v1/concerns", body, {{"Cookie", cookie}, {"Content-Type", "application/json"}}});
  EXPECT_EQ(as_json.status, 404) << as_json.body;  // reached the handler: no such child
  EXPECT_EQ(as_json.Json()["error"]["field"], "child_id");
  auto bearer = Send(port(), {"POST", "/api/v1/concerns", body,
                              {{"Authorization", "Bearer " + token}, {"Content-Type", "text/plain"},
                               {"Origin", "https://evil.example"}}});
  EXPECT_EQ(bearer.Json()["error"]["field"], "child_id") << bearer.body;

  // HEAD: the headers of GET, no body.
  const std::string head = SendRaw(port(), "HEAD /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                               token + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
  EXPECT_TRUE(head.ends_with("\r\n\r\n")) << head;
  EXPECT_EQ(head.find("practitioner"), std::string::npos) << head;

  auto signed_out = Send(port(), {"DELETE", "/api/v1/sessions/current", {}, {{"Authorization", "Bearer " + token}}});
  EXPECT_EQ(signed_out.status, 204);
  EXPECT_NE(signed_out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
}

TEST_F(EdgeTest, PagesPutOnlyCheckedIdsIntoAddressesSoNoHeaderCanBeInjected) {
  const std::string token = server_.SignIn("primary.teacher");
  const auto [child_id, concern_id] = ChildAndConcern(token);
  const std::pair<std::string, std::string> session = {"Cookie", "jigsaw_session=" + token};
  const std::string injected = "/concerns/x%0d%0aSet-Cookie:%20jigsaw_session=attacker";
  for (const std::string& target : {injected + "/share", injected, std::string("/children/") + std::string(kNameAndAddress)}) {
    auto page = Send(port(), {"GET", target, {}, {session}});
    EXPECT_EQ(page.status, 404) << target;
    EXPECT_EQ(page.Header("set-cookie"), "") << target;
    EXPECT_EQ(page.Header("location"), "") << target;
  }
  auto posted = Send(port(), {"POST", injected + "/next-step", "csrf_token=" + access::FormToken(token),
                              {session, {"Content-Type", "application/x-www-form-urlencoded"}}});
  EXPECT_EQ(posted.status, 404);
  EXPECT_EQ(posted.Header("set-cookie"), "");
  EXPECT_EQ(posted.Header("location"), "");
  // A real id still redirects.
  auto share = Send(port(), {"GET", "/concerns/" + concern_id + "/share", {}, {session}});
  EXPECT_EQ(share.status, 303);
  EXPECT_EQ(share.Header("location").rfind("/concerns/" + concern_id + "/share/", 0), 0u) << share.Header("location");
  // Signing in through the pages: the cookie dies with the browser too.
  auto form = Send(port(), {"GET", "/sign-in"});
  const std::string form_cookie = form.Header("set-cookie").substr(0, form.Header("set-cookie").find(';'));
  const std::string form_token = form_cookie.substr(form_cookie.find('=') + 1);
  auto password = Send(port(), {"POST", "/sign-in",
                                "username=" + DemoUsername("primary.dsl") + "&password=brackenford-demo&csrf_token=" + form_token,
                                {{"Cookie", form_cookie}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  ASSERT_EQ(password.status, 303) << password.body;
  const std::string challenge = password.Header("set-cookie");
  const std::string cookies = form_cookie + "; " + challenge.substr(0, challenge.find(';'));
  auto signed_in = Send(port(), {"POST", "/sign-in/code",
                                 "csrf_token=" + form_token + "&code=" + server_.NextCode(DemoUsername("primary.dsl")),
                                 {{"Cookie", cookies}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  // Two cookies are set: the session, and the spent challenge cleared.
  const std::string set_cookies = signed_in.Header("set-cookie");
  const auto session_at = set_cookies.find("jigsaw_session=");
  ASSERT_NE(session_at, std::string::npos) << set_cookies;
  const std::string session_cookie = set_cookies.substr(session_at, set_cookies.find('\n', session_at) - session_at);
  EXPECT_EQ(session_cookie.find("Max-Age"), std::string::npos) << session_cookie;
  EXPECT_EQ(session_cookie.find("Expires"), std::string::npos) << session_cookie;
}

TEST_F(EdgeTest, TextSentAsAnIdIsRecordedAsMalformedAndNeitherLogKeepsIt) {
  const std::string token = server_.SignIn("primary.teacher");
  auto person = Get(port(), "/api/v1/people/" + std::string(kNameAndAddress), token);
  EXPECT_EQ(person.status, 404) << person.body;
  auto concern = Get(port(), "/api/v1/concerns/" + std::string(kNameAndAddress) + "?q=Doreen", token);
  EXPECT_EQ(concern.status, 404) << concern.body;
  // In a query and in a body too.
  (void)Get(port(), "/api/v1/decisions?child_id=" + std::string(kNameAndAddress), token);
  (void)Post(port(), "/api/v1/decisions/preview", {{"child_id", "Doreen Hargreaves 14 Larch Close"}}, token);

  bool person_view = false, concern_view = false;
  for (const auto& r : AllRecords()) {
    for (const std::string* field : {&r.object_id, &r.child_id, &r.purpose, &r.action, &r.request_id})
      EXPECT_EQ(field->find("Doreen"), std::string::npos) << r.action << ": " << *field;
    if (r.action == "person.view") {
      person_view = true;
      EXPECT_EQ(r.outcome, domain::AuditOutcome::kDenied);
      EXPECT_EQ(r.object_id, service::kMalformedId);
    }
    if (r.action == "concern.view") {
      concern_view = true;
      EXPECT_EQ(r.object_id, service::kMalformedId);
    }
  }
  EXPECT_TRUE(person_view && concern_view) << "the attempts are on the record, as malformed";

  const auto lines = log_.Of("http.request");
  ASSERT_GE(lines.size(), 4u);
  bool person_route = false;
  for (const auto& line : lines) {
    EXPECT_EQ(line.find("Doreen"), std::string::npos) << line;
    EXPECT_EQ(line.find("Larch"), std::string::npos) << line;
    EXPECT_EQ(line.find("?"), std::string::npos) << line;
    person_route |= line.find("route=\"/api/v1/people/{id}\"") != std::string::npos &&
                    line.find("status=\"404\"") != std::string::npos;
  }
  EXPECT_TRUE(person_route);
}

TEST_F(EdgeTest, ARefusalNamesTheChildOnlyToTheOrganisationHoldingTheChildsRecord) {
  const std::string teacher = server_.SignIn("primary.teacher");
  const std::string school_dsl = server_.SignIn("primary.dsl");
  const auto [child_id, concern_id] = ChildAndConcern(teacher);
  ASSERT_FALSE(concern_id.empty());

  // The police DSL probes the school's concern: refused, and their own
  // audit records (which they may read) do not say which child it is about.
  const std::string police_dsl = server_.SignIn("police.dsl");
  EXPECT_EQ(Get(port(), "/api/v1/concerns/" + concern_id, police_dsl).status, 404);
  auto theirs = Get(port(), "/api/v1/audit/records?outcome=denied&limit=1000", police_dsl);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(theirs.body.find(child_id), std::string::npos) << theirs.body;
  bool probe_recorded = false;
  const json their_records = theirs.Json();  // a range-for over a temporary's member would dangle
  for (const auto& r : their_records["records"])
    if (r["object_id"] == concern_id) {
      probe_recorded = true;
      EXPECT_EQ(r["action"], "concern.view");
      EXPECT_EQ(r["child_id"], "");
    }
  EXPECT_TRUE(probe_recorded) << theirs.body;
  auto csv = Send(port(), {"GET", "/api/v1/audit/records?format=csv&limit=1000", {}, {{"Authorization", "Bearer " + police_dsl}}});
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.find(child_id), std::string::npos);

  // Within the school, a refusal keeps the child: the school holds the
  // record, and its DSL needs to see who tried to read about whom.
  const std::string dsl_concern = Concern(school_dsl, child_id);
  EXPECT_EQ(Get(port(), "/api/v1/concerns/" + dsl_concern, teacher).status, 403);
  auto school = Get(port(), "/api/v1/audit/records?outcome=denied&action=concern.view", school_dsl);
  ASSERT_EQ(school.status, 200) << school.body;
  bool kept = false;
  const json school_records = school.Json();
  for (const auto& r : school_records["records"]) kept |= r["object_id"] == dsl_concern && r["child_id"] == child_id;
  EXPECT_TRUE(kept) << school.body;
}

}  // namespace
}  // namespace jigsaw::testing
