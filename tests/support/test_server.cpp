#include "support/test_server.h"

#include <gtest/gtest.h>

#include <limits>

#include "access/totp.h"
#include "app/demo.h"

namespace jigsaw::testing {

Time TestEpoch() { return FromMicros(std::int64_t{1795510800} * 1000000); }  // 2026-11-24T09:00:00Z

std::string DemoUsername(const std::string& short_name) { return short_name + "@demo.jigsaw"; }

TestServer::TestServer(const app::Config& config) {
  auto app = app::Application::Create(config, clock_);
  if (!app) {
    ADD_FAILURE() << "cannot start the application: " << app.error().message;
    return;
  }
  app_ = std::move(*app);
  auto loaded = app::LoadDemoPartnership(app_->administration(), app_->accounts());
  EXPECT_TRUE(loaded.has_value() && *loaded);
  auto listening = app_->Listen();
  EXPECT_TRUE(listening.has_value()) << (listening ? "" : listening.error().message);
  thread_ = std::thread([this] { app_->Run(); });
}

TestServer::~TestServer() {
  if (!app_) return;
  app_->Stop();
  if (thread_.joinable()) thread_.join();
}

std::string TestServer::NextCode(const std::string& username) {
  std::int64_t& last = last_step_.try_emplace(username, std::numeric_limits<std::int64_t>::min()).first->second;
  std::int64_t now = access::TotpStep(clock_.Now());
  if (last >= now + 1) {
    clock_.Advance(access::kTotpStep);
    now = access::TotpStep(clock_.Now());
  }
  const std::int64_t step = std::max(now - 1, last + 1);
  last = step;
  return access::Hotp(*access::Base32Decode(app::kDemoTotpSecret), step);
}

std::string TestServer::SignIn(const std::string& demo_user) { return SignInUser(DemoUsername(demo_user)); }

std::string TestServer::SignInUser(const std::string& username) {
  auto reply = Post(port(), "/api/v1/sessions", {{"username", username}, {"password", app::kDemoPassword}});
  EXPECT_EQ(reply.status, 202) << reply.body;
  auto done = Post(port(), "/api/v1/sessions/second-factor",
                   {{"challenge_token", reply.Json().value("challenge_token", "")}, {"code", NextCode(username)}});
  EXPECT_EQ(done.status, 201) << done.body;
  return done.Json().value("token", "");
}

std::string SignInAt(std::uint16_t port, const std::string& username, Time now) {
  auto reply = Post(port, "/api/v1/sessions", {{"username", username}, {"password", app::kDemoPassword}});
  EXPECT_EQ(reply.status, 202) << reply.body;
  auto done = Post(port, "/api/v1/sessions/second-factor",
                   {{"challenge_token", reply.Json().value("challenge_token", "")}, {"code", app::DemoCode(now)}});
  EXPECT_EQ(done.status, 201) << done.body;
  return done.Json().value("token", "");
}

}  // namespace jigsaw::testing
