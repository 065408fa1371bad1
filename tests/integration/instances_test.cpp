// Several `jigsaw serve` processes on one database: the session state lives
// in the database, so any instance serves any signed-in request. Also checks
// that SIGTERM stops a server cleanly.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <regex>

#include "app/application.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

class ServeProcess {
 public:
  ServeProcess(const std::string& database_url, const std::string& key_file) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      setenv("JIGSAW_ACCESS_LOG", "false", 1);
      execl(JIGSAW_BINARY, JIGSAW_BINARY, "serve", "--port", "0", "--threads", "2", "--database",
            database_url.c_str(), "--audit-key", key_file.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[512];
    // The server prints its URL once it is listening.
    if (f && std::fgets(line, sizeof line, f)) {
      std::smatch m;
      std::string text(line);
      if (std::regex_search(text, m, std::regex(R"(http://127\.0\.0\.1:(\d+))")))
        port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
    }
    if (f) std::fclose(f);
  }
  ~ServeProcess() {
    if (pid_ > 0 && !stopped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::uint16_t port() const { return port_; }
  // Sends SIGTERM and returns the exit status.
  int Terminate() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    stopped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

class InstancesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SystemClock clock;
    auto app = app::Application::Create(db_.Config(), clock);
    ASSERT_TRUE(app) << app.error().message;
    ASSERT_TRUE(app::LoadDemoPartnership((*app)->administration()).value());
  }
  TestDatabase db_;
};

TEST_F(InstancesTest, ASessionFromOneInstanceIsAcceptedByAnother) {
  ServeProcess a(db_.url(), db_.key_file()), b(db_.url(), db_.key_file());
  ASSERT_NE(a.port(), 0);
  ASSERT_NE(b.port(), 0);
  ASSERT_NE(a.port(), b.port());
  auto in = Post(a.port(), "/api/v1/sessions",
                 {{"username", DemoUsername("police.officer")}, {"password", app::kDemoPassword}});
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string token = in.Json()["token"];
  auto me = Get(b.port(), "/api/v1/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["organisation"]["competent_authority"], true);
  // Signing out on one ends the session on both.
  EXPECT_EQ(Delete(b.port(), "/api/v1/sessions/current", token).status, 204);
  EXPECT_EQ(Get(a.port(), "/api/v1/me", token).status, 401);
}

TEST_F(InstancesTest, SigtermStopsTheServerCleanly) {
  ServeProcess a(db_.url(), db_.key_file());
  ASSERT_NE(a.port(), 0);
  ASSERT_EQ(Get(a.port(), "/healthz").status, 200);
  EXPECT_EQ(a.Terminate(), 0);
  EXPECT_EQ(Get(a.port(), "/healthz").status, 0);  // nothing listens any more
}

}  // namespace
}  // namespace jigsaw::testing
