// The server over TLS, with a throwaway self-signed certificate: HTTPS
// works, every response tells the browser to use nothing else (HSTS), the
// session cookie is marked Secure and dies with the browser, and bad key
// files are a clear configuration error.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "common/random.h"
#include "http/client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jigsaw-tls-" + NewId());
    std::filesystem::create_directories(dir_);
    Shell("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
        (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string());
    ASSERT_TRUE(std::filesystem::exists(dir_ / "cert.pem")) << "openssl could not make a certificate";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  TestDatabase db_;
};

TEST_F(TlsTest, ServesHttpsWithSecureCookies) {
  app::Config config = db_.Config();
  config.server.tls_certificate_file = (dir_ / "cert.pem").string();
  config.server.tls_private_key_file = (dir_ / "key.pem").string();
  TestServer server(config);
  const std::string base = "https://127.0.0.1:" + std::to_string(server.port());
  EXPECT_EQ(Shell("curl -sk " + base + "/healthz"), R"({"status":"ok"})");
  const std::string owed = Shell("curl -sk -X POST " + base +
                                 "/api/v1/sessions -d '{\"username\":\"primary.dsl@demo.jigsaw\",\"password\":\"brackenford-demo\"}'");
  const std::string challenge = nlohmann::json::parse(owed, nullptr, false).value("challenge_token", "");
  ASSERT_FALSE(challenge.empty()) << owed;
  const std::string headers =
      Shell("curl -sk -D - -o /dev/null -X POST " + base + "/api/v1/sessions/second-factor -d '{\"challenge_token\":\"" +
            challenge + "\",\"code\":\"" + server.NextCode("primary.dsl@demo.jigsaw") + "\"}'");
  EXPECT_NE(headers.find("HTTP/1.1 201"), std::string::npos) << headers;
  EXPECT_NE(headers.find("; Secure"), std::string::npos) << headers;
  EXPECT_EQ(headers.find("Max-Age"), std::string::npos) << headers;
  EXPECT_NE(headers.find("Strict-Transport-Security: max-age=31536000\r\n"), std::string::npos) << headers;
  for (const std::string target : {"/healthz", "/sign-in", "/nowhere"})
    EXPECT_NE(Shell("curl -sk -D - -o /dev/null " + base + target).find("Strict-Transport-Security: max-age="),
              std::string::npos)
        << target;
  // Plain HTTP to the TLS port gets nowhere.
  EXPECT_EQ(Shell("curl -s --max-time 5 http://127.0.0.1:" + std::to_string(server.port()) + "/healthz"), "");
}

// What a witness (and `audit verify --witness`) fetches with: the peer is
// verified against the given authority, and refused without it.
TEST_F(TlsTest, FetchesOnlyFromAVerifiedPeer) {
  // A certificate for the address itself (a subjectAltName), as a peer's must be.
  Shell("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        (dir_ / "ip-key.pem").string() + " -out " + (dir_ / "ip-cert.pem").string());
  app::Config config = db_.Config();
  config.server.tls_certificate_file = (dir_ / "ip-cert.pem").string();
  config.server.tls_private_key_file = (dir_ / "ip-key.pem").string();
  TestServer server(config);
  const std::string head = "https://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/audit/tree-head";
  auto trusted = http::Fetch(head, {.ca_file = (dir_ / "ip-cert.pem").string()});
  ASSERT_TRUE(trusted) << trusted.error().message;
  EXPECT_EQ(trusted->status, 200);
  EXPECT_NE(trusted->body.find("\"tree_size\""), std::string::npos) << trusted->body;
  auto unknown = http::Fetch(head);  // the system's authorities do not know it
  ASSERT_FALSE(unknown);
  auto wrong_name = http::Fetch(head, {.ca_file = (dir_ / "cert.pem").string()});  // another certificate
  ASSERT_FALSE(wrong_name);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(http::Fetch("ftp://127.0.0.1/").error().field, "url");
}

TEST_F(TlsTest, AMissingKeyIsAConfigurationErrorNamingTheSetting) {
  app::Config config = db_.Config();
  config.server.tls_certificate_file = (dir_ / "cert.pem").string();
  config.server.tls_private_key_file = (dir_ / "missing.pem").string();
  FakeClock clock(TestEpoch());
  auto app = app::Application::Create(config, clock);
  ASSERT_TRUE(app);
  auto listening = (*app)->Listen();
  ASSERT_FALSE(listening);
  EXPECT_EQ(listening.error().field, "server.tls_private_key");
}

}  // namespace
}  // namespace jigsaw::testing
