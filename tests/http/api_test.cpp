// The JSON API's edge: which requests a browser could have been made to
// send by another site are refused, and the session cookie's attributes.
#include "http/api/api.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jigsaw::http::api {
namespace {

Request With(std::string_view method, std::vector<std::pair<std::string_view, std::string_view>> headers) {
  Request r;
  r.method = method;
  r.path = "/api/v1/concerns";
  r.request_id = "rid";
  r.headers = std::move(headers);
  return r;
}

constexpr std::string_view kCookie = "jigsaw_session=token";

TEST(CrossSiteTest, CookieRequestsFromAForeignOriginAreRefused) {
  for (std::string_view origin : {"https://evil.example", "http://127.0.0.1:9999", "null", "evil"}) {
    auto refused = RefuseCrossSite(With("GET", {{"host", "127.0.0.1:8080"}, {"cookie", kCookie}, {"origin", origin}}));
    ASSERT_TRUE(refused) << origin;
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(nlohmann::json::parse(refused->body)["error"]["code"], "permission_denied");
  }
  for (std::string_view origin : {"http://127.0.0.1:8080", "https://127.0.0.1:8080", "HTTP://127.0.0.1:8080"})
    EXPECT_FALSE(RefuseCrossSite(With("GET", {{"host", "127.0.0.1:8080"}, {"cookie", kCookie}, {"origin", origin}})))
        << origin;
  EXPECT_FALSE(RefuseCrossSite(With("GET", {{"host", "127.0.0.1:8080"}, {"cookie", kCookie}})));
}

TEST(CrossSiteTest, CookieRequestsWithABodyMustSayItIsJson) {
  const std::pair<std::string_view, std::string_view> host{"host", "jigsaw.example"};
  for (std::string_view type : {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                "application/jsonx"}) {
    auto refused = RefuseCrossSite(With("POST", {host, {"cookie", kCookie}, {"content-type", type}}));
    ASSERT_TRUE(refused) << type;
    EXPECT_EQ(refused->status, 415);
    EXPECT_EQ(nlohmann::json::parse(refused->body)["error"]["field"], "content-type");
  }
  for (std::string_view type : {"application/json", "application/json; charset=utf-8", "Application/JSON"})
    EXPECT_FALSE(RefuseCrossSite(With("POST", {host, {"cookie", kCookie}, {"content-type", type}}))) << type;
  EXPECT_TRUE(RefuseCrossSite(With("DELETE", {host, {"cookie", kCookie}})));
  EXPECT_FALSE(RefuseCrossSite(With("HEAD", {host, {"cookie", kCookie}})));
}

TEST(CrossSiteTest, BearerTokenClientsAreUnaffected) {
  EXPECT_FALSE(RefuseCrossSite(With("POST", {{"authorization", "Bearer token"}, {"cookie", kCookie},
                                             {"origin", "https://evil.example"}, {"content-type", "text/plain"}})));
  EXPECT_FALSE(RefuseCrossSite(With("POST", {{"origin", "https://evil.example"}, {"content-type", "text/plain"}})))
      << "no credentials: the 401 comes next";
}

TEST(SessionCookieTest, DiesWithTheBrowserAndIsClearedByMaxAgeZero) {
  const std::string cookie = SessionCookie("token", true);
  EXPECT_EQ(cookie, "jigsaw_session=token; Path=/; HttpOnly; SameSite=Strict; Secure");
  EXPECT_EQ(SessionCookie("token", false).find("Secure"), std::string::npos);
  EXPECT_EQ(cookie.find("Max-Age"), std::string::npos);
  EXPECT_EQ(cookie.find("Expires"), std::string::npos);
  EXPECT_EQ(ClearedSessionCookie(false), "jigsaw_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

}  // namespace
}  // namespace jigsaw::http::api
