// The real server, in process, on a free port, with an injected clock and
// the demo partnership loaded, against the test's database.
#pragma once

#include <map>
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

  // Signs in as a demo user (e.g. "primary.teacher"): the password, then
  // the demo authenticator's code; returns the session token. A code is
  // good once, so signing the same person in again within one 30-second
  // step uses the next step's code (one step of drift is allowed), and
  // after that moves the clock on to a fresh step.
  std::string SignIn(const std::string& demo_user);
  // The same for any username whose authenticator has the demo secret.
  std::string SignInUser(const std::string& username);
  // The demo authenticator's code for `username` that the server has not
  // yet accepted (see SignIn); the clock may move on 30 seconds.
  std::string NextCode(const std::string& username);

 private:
  FakeClock clock_{TestEpoch()};
  std::map<std::string, std::int64_t> last_step_;  // per demo user
  std::unique_ptr<app::Application> app_;
  std::thread thread_;
};

// "primary.teacher" -> "primary.teacher@demo.jigsaw"
std::string DemoUsername(const std::string& short_name);

// Signs in over HTTP with the demo password and the demo authenticator's
// code at `now` (for servers on the real clock, signing each person in
// once); returns the session token, empty on failure.
std::string SignInAt(std::uint16_t port, const std::string& username, Time now);

}  // namespace jigsaw::testing
