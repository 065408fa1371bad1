// Wiring: builds the store, services, API and server from a Config. The
// same wiring serves `jigsaw serve`, the CLI commands and the integration
// tests (which inject a FakeClock and listen on port 0).
#pragma once

#include <memory>

#include "app/config.h"
#include "common/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "service/administration.h"
#include "service/authentication.h"
#include "store/store.h"

namespace jigsaw::app {

class Application {
 public:
  // Opens the store (migrating it). Fails if the database cannot be opened.
  static Result<std::unique_ptr<Application>> Create(const Config& config, const Clock& clock);

  store::Store& store() { return *store_; }
  service::Administration& administration() { return *administration_; }
  service::Authentication& authentication() { return *authentication_; }
  const Config& config() const { return config_; }

  // The whole HTTP surface, for serving or for calling in tests.
  http::Response Handle(http::Request& request) const { return router_.Dispatch(request); }

  Status Listen();
  std::uint16_t port() const { return server_->port(); }
  void Run() { server_->Run(); }
  void Stop() { server_->Stop(); }

 private:
  Application(const Config& config, const Clock& clock) : config_(config), clock_(clock) {}

  Config config_;
  const Clock& clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::Administration> administration_;
  std::unique_ptr<service::Authentication> authentication_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace jigsaw::app
