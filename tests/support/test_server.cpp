#include "support/test_server.h"

#include <gtest/gtest.h>

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
  auto loaded = app::LoadDemoPartnership(app_->administration());
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

std::string TestServer::SignIn(const std::string& demo_user) {
  auto reply = Post(port(), "/api/v1/sessions",
                    {{"username", DemoUsername(demo_user)}, {"password", app::kDemoPassword}});
  EXPECT_EQ(reply.status, 201) << reply.body;
  return reply.Json().value("token", "");
}

}  // namespace jigsaw::testing
