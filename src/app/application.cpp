#include "app/application.h"

#include <thread>

#include "common/log.h"
#include "store/backup.h"
#include "http/api/api.h"
#include "http/api/case_management_api.h"
#include "http/api/casework_api.h"
#include "http/api/corrections_api.h"
#include "http/api/partnership_api.h"
#include "http/api/linking_api.h"
#include "http/web/linking_pages.h"
#include "http/api/training_api.h"
#include "http/web/training_pages.h"
#include "http/api/governance_api.h"
#include "http/web/governance_pages.h"
#include "http/api/oversight_api.h"
#include "http/web/oversight_pages.h"
#include "http/web/privacy_pages.h"
#include "http/web/correction_pages.h"
#include "http/api/restrictions_api.h"
#include "http/api/retention_api.h"
#include "http/web/restriction_pages.h"
#include "http/web/retention_pages.h"
#include "http/api/subject_access_api.h"
#include "http/web/subject_access_pages.h"
#include "http/web/web.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace jigsaw::app {

namespace {

// The deny-list is read when first needed (a million lines): here, only
// whether it is there, so a missing list stops the server at start rather
// than failing the first password someone sets.
Result<std::unique_ptr<access::PasswordDenyList>> OpenDenyList(const std::string& path) {
  if (!std::ifstream(path))
    return InvalidArgument("sign_in.password_deny_list",
                           "Cannot read the deny-list of common passwords at " + path +
                               ". The build puts it there from web/node_modules (npm ci in web/, then "
                               "cmake --build; scripts/run does both).");
  return std::make_unique<access::PasswordDenyList>([path]() -> Result<std::string> {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return Internal("Cannot read " + path);
    return text.str();
  });
}

// A content key store that lacks the key of a record whose sealed content
// the database holds, and that was neither shredded nor destroyed, is a key
// store that was lost, not put back, stale, or a wrong
// keys.content_key_file: serving would fail on those records (and an empty
// store would seal new content under new keys), so the server does not
// start.
Status CheckContentKeysPresent(const Config& config, store::ContentKeys& keys) {
  // SealedContentOwnersIn leaves out the owners in shredded_keys.
  const auto owners = JIGSAW_TRY(store::SealedContentOwnersIn(config.database.url));
  if (owners.empty()) return Ok();
  const auto lacking = JIGSAW_TRY(keys.Unaccounted(owners));
  if (lacking.empty()) return Ok();
  const bool empty = JIGSAW_TRY(keys.Count()) == 0;
  return Fail(ErrorCode::kFailedPrecondition,
              "The content key store " + config.ContentKeyFile() + (empty ? " holds no key" : " lacks keys") +
                  ": the database holds the sealed content of " + std::to_string(lacking.size()) +
                  " records (of " + std::to_string(owners.size()) +
                  ") that were not destroyed and whose keys it lacks. Put the content key store back from its "
                  "own backup (docs/operations.md), or set keys.content_key_file to where it is.",
              "keys.content_key_file");
}

}  // namespace

Result<std::unique_ptr<Application>> Application::Create(const Config& config, const Clock& clock) {
  std::unique_ptr<Application> app(new Application(config, clock));
  // `jigsaw init` makes what is missing: the database first, so that a
  // database that cannot be made leaves no keys behind. Other commands need
  // the keys before they touch the database.
  if (config.audit.create_signing_key) (void)JIGSAW_TRY(store::Open(config.database));
  app->keys_ = JIGSAW_TRY(OpenServerKeys(config, clock.Now()));
  app->sealer_ = std::make_unique<access::Sealer>(JIGSAW_TRY(access::Sealer::FromKeys(app->keys_.sealing.keys)));
  // Case records' content is sealed under per-record keys held apart from
  // the database (docs/retention.md, crypto-shredding).
  app->content_keys_ = JIGSAW_TRY(OpenContentKeyStore(config, *app->sealer_, clock));
  store::StoreOptions database = config.database;
  database.content_keys = app->content_keys_;
  app->store_ = JIGSAW_TRY(store::Open(database));
  // Without the keys of the content it holds, nothing is sealed (plaintext
  // left from before would go under keys the real key store lacks) and the
  // server does not serve (Listen); tools that read no content (`audit
  // verify`) still run.
  app->content_keys_present_ = CheckContentKeysPresent(config, *app->content_keys_);
  if (!app->content_keys_present_)
    log::Warning("store.content_keys_missing", {{"error", app->content_keys_present_.error().message}});
  else if (const auto sealed = JIGSAW_TRY(app->store_->SealStoredContent()); sealed > 0)
    log::Info("store.content_sealed", {{"values", std::to_string(sealed)}});
  app->deny_list_ = JIGSAW_TRY(OpenDenyList(config.PasswordDenyListFile()));
  app->trail_ = std::make_unique<service::AuditTrail>(*app->store_, clock);
  app->audit_log_ = std::make_unique<service::AuditLog>(*app->store_, clock, *app->trail_, app->keys_.signing.current(),
                                                        app->keys_.signing.trusted());
  app->assessments_ = std::make_unique<service::Assessments>(*app->trail_);
  app->administration_ = std::make_unique<service::Administration>(
      *app->store_, clock, *app->trail_, config.sign_in.hash_cost, *app->deny_list_);
  app->authentication_ =
      std::make_unique<service::Authentication>(*app->store_, clock, *app->trail_, *app->sealer_, config.sign_in);
  app->accounts_ = std::make_unique<service::Accounts>(*app->store_, clock, *app->trail_, *app->sealer_,
                                                       *app->deny_list_, config.sign_in.hash_cost,
                                                       config.sign_in.challenge_timeout);
  app->workflow_ = std::make_unique<service::WorkflowPolicy>(service::WorkflowPolicy{
      JIGSAW_TRY(domain::WorkingCalendar::Make(config.workflow.BankHolidayDates())), config.workflow.emergency_record_working_days,
      config.workflow.acknowledgement_working_days, config.workflow.feedback_working_days});
  app->casework_ = std::make_unique<service::Casework>(*app->store_, clock, *app->trail_);
  app->sharing_ = std::make_unique<service::Sharing>(*app->store_, clock, *app->trail_, *app->sealer_, *app->workflow_);
  app->requests_ = std::make_unique<service::Requests>(*app->store_, clock, *app->trail_);
  app->overview_ = std::make_unique<service::Overview>(*app->store_, clock, *app->trail_);
  app->drafts_ = std::make_unique<service::Drafts>(*app->store_, clock, *app->sealer_);
  app->partnership_ = std::make_unique<service::Partnership>(*app->store_, clock, *app->trail_);
  http::api::AddPartnershipRoutes(app->router_, *app->authentication_, *app->partnership_);
  app->triage_ = std::make_unique<service::Triage>(*app->store_, clock, *app->trail_, *app->sealer_);
  app->case_management_ = std::make_unique<service::CaseManagement>(*app->store_, clock, *app->trail_);
  http::api::AddCaseManagementRoutes(app->router_, {*app->authentication_, *app->triage_, *app->case_management_, clock});
  app->recording_ = std::make_unique<service::Recording>(*app->store_, clock, *app->trail_, *app->sealer_,
                                                         service::AttachmentPolicy{config.attachments.max_bytes});
  http::api::AddCaseworkRoutes(app->router_, {*app->authentication_, *app->casework_, *app->sharing_,
                                              *app->requests_, clock, *app->recording_});
  http::api::AddRoutes(app->router_, {*app->authentication_, *app->administration_, *app->assessments_,
                                      *app->audit_log_, *app->store_, *app->accounts_, config.web.public_origin});
  const http::web::WebServices web_services{*app->authentication_, *app->administration_, *app->casework_,
                                            *app->sharing_,        *app->requests_,       *app->overview_,
                                            *app->drafts_,         *app->triage_,         *app->case_management_,
                                            clock,                 *app->audit_log_,      *app->accounts_,
                                            *app->partnership_,    *app->recording_};
  const http::web::WebOptions web_options{config.StaticDir(), config.web.exit_url, config.web.public_origin};
  JIGSAW_RETURN_IF_ERROR(http::web::AddWebRoutes(app->router_, web_services, web_options));
  // Linking: matches between records of one child, and the multi-agency chronology.
  app->linking_ = std::make_unique<service::Linking>(*app->store_, clock, *app->trail_, *app->sealer_);
  http::api::AddLinkingRoutes(app->router_, {*app->authentication_, *app->linking_});
  http::web::AddLinkingPages(app->router_, web_services, web_options, *app->linking_);
  // Training: each practitioner's, and the DSL's view of the staff's.
  app->training_ = std::make_unique<service::Training>(*app->store_, clock, *app->trail_);
  http::api::AddTrainingRoutes(app->router_, {*app->authentication_, *app->training_});
  http::web::AddTrainingPages(app->router_, web_services, web_options, *app->training_);
  // Governance: the registers of agreements and DPIAs that shares are checked against.
  app->governance_ = std::make_unique<service::Governance>(*app->store_, clock, *app->trail_);
  http::api::AddGovernanceRoutes(app->router_, {*app->authentication_, *app->governance_});
  http::web::AddGovernancePages(app->router_, web_services, web_options, *app->governance_);
  // Oversight: counts of the organisation's sharing for its senior leaders and DPOs.
  app->oversight_ = std::make_unique<service::Oversight>(*app->store_, clock, *app->trail_);
  http::api::AddOversightRoutes(app->router_, {*app->authentication_, *app->oversight_});
  http::web::AddOversightPages(app->router_, web_services, web_options, *app->oversight_);
  // Privacy information: each organisation's public notice, from its active agreements.
  app->privacy_ = std::make_unique<service::PrivacyInformation>(*app->store_, clock);
  http::web::AddPrivacyPages(app->router_, web_services, web_options, *app->privacy_);
  // Corrections: people and items superseded by corrected versions (docs/rights.md).
  app->corrections_ = std::make_unique<service::Corrections>(*app->store_, clock, *app->trail_, *app->sharing_);
  http::api::AddCorrectionRoutes(app->router_, {*app->authentication_, *app->corrections_});
  http::web::AddCorrectionPages(app->router_, web_services, web_options, *app->corrections_);
  // Retention and erasure: the schedule, the DPO's review, legal holds and
  // erasure requests (docs/retention.md).
  app->retention_ = std::make_unique<service::Retention>(*app->store_, clock, *app->trail_);
  http::api::AddRetentionRoutes(app->router_, {*app->authentication_, *app->retention_});
  http::web::AddRetentionPages(app->router_, web_services, web_options, *app->retention_);
  // Subject access and the DPO's workspace (docs/rights.md).
  app->subject_access_ = std::make_unique<service::SubjectAccess>(*app->store_, clock, *app->trail_, *app->sealer_);
  http::api::AddSubjectAccessRoutes(app->router_, {*app->authentication_, *app->subject_access_});
  http::web::AddSubjectAccessPages(app->router_, web_services, web_options, *app->subject_access_);
  // Restriction of processing and objection (docs/rights.md).
  app->restrictions_ = std::make_unique<service::Restrictions>(*app->store_, clock, *app->trail_);
  http::api::AddRestrictionRoutes(app->router_, {*app->authentication_, *app->restrictions_});
  http::web::AddRestrictionPages(app->router_, web_services, web_options, *app->restrictions_, *app->subject_access_);
  app->housekeeping_ = std::make_unique<service::Housekeeping>(clock);
  app->AddChores();
  return app;
}

namespace {
// A chore's outcome: whatever it returned, only whether it failed.
template <typename T>
Status Outcome(const Result<T>& result) {
  if (!result) return std::unexpected(result.error());
  return Ok();
}
}  // namespace

void Application::AddChores() {
  // A signed head at most one interval after any commit: a crash then
  // leaves at most that long without one (a no-op while the log is still).
  if (config_.audit.sign_interval.count() > 0)
    housekeeping_->Add("audit.sign", config_.audit.sign_interval,
                       [this] { return Outcome(audit_log_->SignTreeHead()); });
  housekeeping_->Add("sessions.purge", std::chrono::minutes(1),
                     [this] { return Outcome(authentication_->PurgeExpiredSessions()); });
  // An unfinished form outlives no session that could finish it.
  housekeeping_->Add("drafts.purge", std::chrono::minutes(1),
                     [this] { return Outcome(drafts_->PurgeOlderThan(config_.sign_in.absolute_timeout)); });
  // The daily retention review: drafts, sessions and notifications past
  // their organisation's periods go without anyone confirming; records
  // awaiting the DPO are counted for the log (the DPO's page lists them).
  housekeeping_->Add("retention.review", std::chrono::hours(24), [this]() -> Status {
    const auto purged = JIGSAW_TRY(retention_->Purge());
    const auto due = JIGSAW_TRY(retention_->CountDue());
    log::Info("retention.reviewed", {{"drafts_purged", std::to_string(purged.drafts)},
                                     {"sessions_purged", std::to_string(purged.sessions)},
                                     {"notifications_purged", std::to_string(purged.notifications)},
                                     {"awaiting_dpo", std::to_string(due)}});
    // Every day, purged or not: compaction also destroys the content keys
    // of records destroyed since, whose deletion after their destruction
    // failed (crypto-shredding, docs/retention.md).
    return store_->Compact();
  });
}

Status Application::Listen() {
  JIGSAW_RETURN_IF_ERROR(content_keys_present_);
  // Everything recorded before this start is under a signed head before
  // the first request is served; a damaged tree stops the start here.
  JIGSAW_RETURN_IF_ERROR(audit_log_->SignTreeHead());
  // Made here, not in Create: its threads are for serving, and the other
  // commands (which never serve) would start them for nothing.
  server_ = std::make_unique<http::Server>(
      config_.server, [this](http::Request& request) { return router_.Dispatch(request); },
      [this](const http::Request& request) { return router_.NeverWaits(request); });
  return server_->Listen();
}

void Application::Run() {
  if (!server_) return;  // Listen() failed or was not called
  housekeeping_->Start();
  // Proofs read the tree's upper levels from memory; load them while the
  // server starts answering rather than one proof at a time.
  std::thread warm([this] {
    if (auto loaded = audit_log_->WarmCache(); !loaded)
      log::Warning("audit.cache_warm_failed", {{"error", loaded.error().message}});
    // The deny-list too, so the first password set does not wait for it.
    if (auto loaded = deny_list_->Load(); !loaded)
      log::Warning("sign_in.deny_list_failed", {{"error", loaded.error().message}});
  });
  server_->Run();
  warm.join();
  housekeeping_->Stop();
  // Every request in flight has finished: this head covers all of them.
  if (auto head = audit_log_->SignTreeHead(); head)
    log::Info("audit.signed_at_stop", {{"tree_size", std::to_string(head->size)}});
}

}  // namespace jigsaw::app
