// Wiring: builds the store, services, API and server from a Config. The
// same wiring serves `jigsaw serve`, the CLI commands and the integration
// tests (which inject a FakeClock and listen on port 0).
#pragma once

#include <memory>

#include "app/config.h"
#include "common/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "audit/tree_head.h"
#include "service/administration.h"
#include "service/assessments.h"
#include "service/audit_log.h"
#include "service/audit_trail.h"
#include "service/authentication.h"
#include "service/casework.h"
#include "service/drafts.h"
#include "service/overview.h"
#include "service/recording.h"
#include "service/requests.h"
#include "service/sharing.h"
#include "store/store.h"

namespace jigsaw::app {

class Application {
 public:
  // Opens the store (migrating it). Fails if the database cannot be opened.
  static Result<std::unique_ptr<Application>> Create(const Config& config, const Clock& clock);

  store::Store& store() { return *store_; }
  service::Administration& administration() { return *administration_; }
  service::Authentication& authentication() { return *authentication_; }
  service::AuditLog& audit_log() { return *audit_log_; }
  service::Casework& casework() { return *casework_; }
  service::Sharing& sharing() { return *sharing_; }
  service::Requests& requests() { return *requests_; }
  service::Drafts& drafts() { return *drafts_; }
  service::Recording& recording() { return *recording_; }
  const Config& config() const { return config_; }

  // The whole HTTP surface, for serving or for calling in tests.
  http::Response Handle(http::Request& request) const { return router_.Dispatch(request); }

  Status Listen();
  std::uint16_t port() const { return server_->port(); }
  // Serves until Stop() or SIGTERM, signing tree heads in the background.
  void Run();
  void Stop() { server_->Stop(); }

 private:
  Application(const Config& config, const Clock& clock) : config_(config), clock_(clock) {}

  Config config_;
  const Clock& clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<audit::SigningKey> signing_key_;
  std::unique_ptr<service::AuditTrail> trail_;
  std::unique_ptr<service::AuditLog> audit_log_;
  std::unique_ptr<service::Assessments> assessments_;
  std::unique_ptr<service::Administration> administration_;
  std::unique_ptr<service::Authentication> authentication_;
  std::unique_ptr<access::Sealer> sealer_;
  std::unique_ptr<service::WorkflowPolicy> workflow_;
  std::unique_ptr<service::Casework> casework_;
  std::unique_ptr<service::Sharing> sharing_;
  std::unique_ptr<service::Requests> requests_;
  std::unique_ptr<service::Overview> overview_;
  std::unique_ptr<service::Drafts> drafts_;
  std::unique_ptr<service::Recording> recording_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace jigsaw::app
