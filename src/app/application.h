// Wiring: builds the store, services, API and server from a Config. The
// same wiring serves `jigsaw serve`, the CLI commands and the integration
// tests (which inject a FakeClock and listen on port 0).
#pragma once

#include <memory>

#include "app/config.h"
#include "app/keys.h"
#include "common/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "audit/tree_head.h"
#include "access/passwords.h"
#include "service/accounts.h"
#include "service/administration.h"
#include "service/assessments.h"
#include "service/audit_log.h"
#include "service/audit_trail.h"
#include "service/authentication.h"
#include "service/case_management.h"
#include "service/casework.h"
#include "service/corrections.h"
#include "service/restrictions.h"
#include "service/subject_access.h"
#include "service/drafts.h"
#include "service/housekeeping.h"
#include "service/linking.h"
#include "service/training.h"
#include "service/retention.h"
#include "service/governance.h"
#include "service/oversight.h"
#include "service/overview.h"
#include "service/partnership.h"
#include "service/privacy.h"
#include "service/recording.h"
#include "service/requests.h"
#include "service/sharing.h"
#include "service/triage.h"
#include "store/store.h"

namespace jigsaw::app {

class Application {
 public:
  // Opens the store (migrating it). Fails if the database cannot be opened.
  static Result<std::unique_ptr<Application>> Create(const Config& config, const Clock& clock);

  store::Store& store() { return *store_; }
  // The content key store (crypto-shredding); shared with the store.
  const std::shared_ptr<store::ContentKeys>& content_keys() { return content_keys_; }
  service::Administration& administration() { return *administration_; }
  service::Authentication& authentication() { return *authentication_; }
  service::Accounts& accounts() { return *accounts_; }
  service::Governance& governance() { return *governance_; }
  service::PrivacyInformation& privacy() { return *privacy_; }
  const access::PasswordDenyList& deny_list() const { return *deny_list_; }
  service::AuditLog& audit_log() { return *audit_log_; }
  service::Casework& casework() { return *casework_; }
  service::Partnership& partnership() { return *partnership_; }
  service::Linking& linking() { return *linking_; }
  service::Sharing& sharing() { return *sharing_; }
  service::Requests& requests() { return *requests_; }
  service::Drafts& drafts() { return *drafts_; }
  service::Triage& triage() { return *triage_; }
  service::CaseManagement& case_management() { return *case_management_; }
  service::Recording& recording() { return *recording_; }
  service::Housekeeping& housekeeping() { return *housekeeping_; }
  service::Retention& retention() { return *retention_; }
  const ServerKeys& keys() const { return keys_; }
  const Config& config() const { return config_; }

  // The whole HTTP surface, for serving or for calling in tests.
  http::Response Handle(http::Request& request) const { return router_.Dispatch(request); }

  // Signs a tree head over everything recorded so far (refusing to start,
  // saying why, if the stored tree is inconsistent), then binds.
  Status Listen();
  std::uint16_t port() const { return server_ ? server_->port() : 0; }
  // Serves until Stop() or SIGTERM, with the housekeeping chores running
  // (a signed head at most audit.sign_interval after each commit); signs a
  // last head once every request in flight has finished.
  void Run();
  void Stop() {
    if (server_) server_->Stop();
  }

 private:
  Application(const Config& config, const Clock& clock) : config_(config), clock_(clock) {}
  void AddChores();

  Config config_;
  const Clock& clock_;
  std::shared_ptr<store::ContentKeys> content_keys_;  // before the store, which uses it
  Status content_keys_present_;  // Listen refuses to serve without them
  std::unique_ptr<store::Store> store_;
  ServerKeys keys_;
  std::unique_ptr<access::PasswordDenyList> deny_list_;
  std::unique_ptr<service::AuditTrail> trail_;
  std::unique_ptr<service::AuditLog> audit_log_;
  std::unique_ptr<service::Assessments> assessments_;
  std::unique_ptr<service::Administration> administration_;
  std::unique_ptr<access::Sealer> sealer_;
  std::unique_ptr<service::Authentication> authentication_;
  std::unique_ptr<service::Accounts> accounts_;
  std::unique_ptr<service::WorkflowPolicy> workflow_;
  std::unique_ptr<service::Casework> casework_;
  std::unique_ptr<service::Partnership> partnership_;
  std::unique_ptr<service::Sharing> sharing_;
  std::unique_ptr<service::Corrections> corrections_;
  std::unique_ptr<service::SubjectAccess> subject_access_;
  std::unique_ptr<service::Restrictions> restrictions_;
  std::unique_ptr<service::Requests> requests_;
  std::unique_ptr<service::Overview> overview_;
  std::unique_ptr<service::Linking> linking_;
  std::unique_ptr<service::Training> training_;
  std::unique_ptr<service::Governance> governance_;
  std::unique_ptr<service::Oversight> oversight_;
  std::unique_ptr<service::Retention> retention_;
  std::unique_ptr<service::PrivacyInformation> privacy_;
  std::unique_ptr<service::Drafts> drafts_;
  std::unique_ptr<service::Triage> triage_;
  std::unique_ptr<service::CaseManagement> case_management_;
  std::unique_ptr<service::Recording> recording_;
  std::unique_ptr<service::Housekeeping> housekeeping_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace jigsaw::app
