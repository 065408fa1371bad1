// The real server, in process, on a free port, with an injected clock and
// the demo partnership loaded, against the test's database.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "app/application.h"
#include "common/clock.h"
#include "support/http_client.h"
#include "support/test_database.h"

namespace jigsaw::testing {

// A fixed "now" for tests: a Tuesday morning.
Time TestEpoch();

class TestServer {
 public:
  explicit TestServer(const app::Config& config);
  ~TestServer();
  std::uint16_t port() const { return app_->port(); }
  app::Application& app() { return *app_; }
  FakeClock& clock() { return clock_; }

  // Signs in as a demo user (e.g. "primary.teacher"); returns the token.
  std::string SignIn(const std::string& demo_user);

 private:
  FakeClock clock_{TestEpoch()};
  std::unique_ptr<app::Application> app_;
  std::thread thread_;
};

// "primary.teacher" -> "primary.teacher@demo.jigsaw"
std::string DemoUsername(const std::string& short_name);

}  // namespace jigsaw::testing
