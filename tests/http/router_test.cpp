#include "http/router.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/response.h"

namespace jigsaw::http {
namespace {

Request Req(std::string_view method, std::string_view path) {
  Request r;
  r.method = method;
  r.path = path;
  r.request_id = "rid";
  return r;
}

TEST(RouterTest, MatchesPathParametersAndDecodesThem) {
  Router router;
  router.Add("GET", "/things/{id}/parts", [](Request& r) {
    Response res;
    res.body = std::string(r.PathParam("id"));
    return res;
  });
  Request r = Req("GET", "/things/a%20b/parts");
  EXPECT_EQ(router.Dispatch(r).body, "a b");
}

TEST(RouterTest, UnknownPathIs404AndWrongMethodIs405AsJson) {
  Router router;
  router.Add("GET", "/x", [](Request&) { return Response{}; });
  Request unknown = Req("GET", "/y");
  Response r = router.Dispatch(unknown);
  EXPECT_EQ(r.status, 404);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(j["error"]["request_id"], "rid");
  Request wrong = Req("POST", "/x");
  EXPECT_EQ(router.Dispatch(wrong).status, 405);
}

TEST(RouterTest, LeavesTheRoutePatternForTheAccessLogNeverThePath) {
  Router router;
  router.Add("GET", "/api/v1/people/{id}", [](Request&) { return Response{}; });
  router.Add("GET", "/healthz", [](Request&) { return Response{}; });
  router.SetFallback([](Request&) { return Response{.status = 404}; });
  Request person = Req("GET", "/api/v1/people/Doreen%20Hargreaves%2014%20Larch%20Close");
  router.Dispatch(person);
  EXPECT_EQ(person.route, "/api/v1/people/{id}");
  Request health = Req("GET", "/healthz");
  router.Dispatch(health);
  EXPECT_EQ(health.route, "/healthz");
  Request wrong_method = Req("DELETE", "/api/v1/people/Doreen");
  EXPECT_EQ(router.Dispatch(wrong_method).status, 405);
  EXPECT_EQ(wrong_method.route, "/api/v1/people/{id}");
  Request elsewhere = Req("GET", "/Doreen%20Hargreaves");
  EXPECT_EQ(router.Dispatch(elsewhere).status, 404);
  EXPECT_EQ(elsewhere.route, "") << "no route: the server logs kUnroutedPath";
}

TEST(RouterTest, HeadIsServedByTheGetRoute) {
  Router router;
  router.Add("GET", "/things/{id}", [](Request& r) { return Response{.body = std::string(r.PathParam("id"))}; });
  router.Add("GET", "/exact", [](Request&) { return Response{.body = "exact"}; });
  Request head = Req("HEAD", "/things/a");
  EXPECT_EQ(router.Dispatch(head).body, "a");  // the server drops the body
  Request exact = Req("HEAD", "/exact");
  EXPECT_EQ(router.Dispatch(exact).body, "exact");
  Request post = Req("POST", "/exact");
  EXPECT_EQ(router.Dispatch(post).status, 405);
}

TEST(RouterTest, AThrowingHandlerIsA500WithoutDetails) {
  Router router;
  router.Add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
  Request r = Req("GET", "/boom");
  Response res = router.Dispatch(r);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret detail"), std::string::npos);
}

TEST(ResponseTest, ErrorsMapToStatuses) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(StatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kResourceExhausted), 429);
}

TEST(ResponseTest, MalformedJsonSaysWhere) {
  Request r = Req("POST", "/");
  r.body = R"({"a": )";
  auto parsed = ParseJsonBody(r);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().field, "body");
  EXPECT_NE(parsed.error().message.find("at byte"), std::string::npos);
  r.body = "[1]";
  EXPECT_NE(ParseJsonBody(r).error().message.find("object"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::http
