// The CLI and the API are one engine: the same request gives byte-identical
// JSON from `jigsaw assess` and POST /api/v1/assessments.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/random.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

const char* kRequest = R"({"sharer":{"sector":"voluntary"},"recipient":{"safeguarding_role":true},
  "purpose":"safeguarding","risk":"immediate","uncertain":true,"objections":[{"by":"carer"}],
  "items":[{"id":"disclosure","relevant":true,"necessary":true,"accuracy":"verified",
            "special_category":["health"],"identifies":[{"who":"Aunt A"}]},
           {"id":"school-photo","relevant":false,"necessary":false}]})";

std::string RunCli(const std::string& file) {
  std::string out;
  FILE* p = popen((std::string(JIGSAW_BINARY) + " assess " + file).c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0);
  return out;
}

class AssessmentApiTest : public ::testing::Test {
 protected:
  TestDatabase db_;
  TestServer server_{db_.Config()};
};

TEST_F(AssessmentApiTest, CliAndApiReturnIdenticalJson) {
  const auto path = std::filesystem::temp_directory_path() / ("jigsaw-assess-" + NewId() + ".json");
  std::ofstream(path) << kRequest;
  const std::string cli = RunCli(path.string());
  std::filesystem::remove(path);
  const std::string token = server_.SignIn("charity.youthworker");
  HttpCall call{"POST", "/api/v1/assessments", kRequest, {{"Authorization", "Bearer " + token}}};
  auto api = Send(server_.port(), call);
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(cli, api.body + "\n");
  EXPECT_EQ(api.Json()["recommendation"], "share_now");
  EXPECT_EQ(api.Json()["items"][0]["redact"][0], "Aunt A");
}

TEST_F(AssessmentApiTest, InvalidRequestIs400NamingTheField) {
  const std::string token = server_.SignIn("primary.teacher");
  auto j = nlohmann::json::parse(kRequest);
  j["items"][0]["accuracy"] = "gossip";
  auto r = Post(server_.port(), "/api/v1/assessments", j, token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["error"]["field"], "items[0].accuracy");
}

TEST_F(AssessmentApiTest, RequiresSignIn) {
  EXPECT_EQ(Post(server_.port(), "/api/v1/assessments", nlohmann::json::parse(kRequest)).status, 401);
}

TEST(AssessCliTest, InvalidInputExits2NamingTheField) {
  FILE* p = popen(("echo '{\"sharer\":{}}' | " + std::string(JIGSAW_BINARY) + " assess 2>&1").c_str(), "r");
  char buf[1024] = {};
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, p);
  const int status = pclose(p);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(std::string(buf, n).find("sharer.sector"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
