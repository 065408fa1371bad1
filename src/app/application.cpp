#include "app/application.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/signing_key.h"
#include "common/log.h"
#include "http/api/api.h"
#include "http/api/casework_api.h"
#include "http/web/web.h"

#include <filesystem>

namespace jigsaw::app {

Result<std::unique_ptr<Application>> Application::Create(const Config& config, const Clock& clock) {
  std::unique_ptr<Application> app(new Application(config, clock));
  auto key = JIGSAW_TRY(LoadSigningKey(config.SigningKeyFile(), config.audit.create_signing_key));
  app->signing_key_ = std::make_unique<audit::SigningKey>(std::move(key));
  app->store_ = JIGSAW_TRY(store::Open(config.database));
  app->trail_ = std::make_unique<service::AuditTrail>(*app->store_, clock);
  app->audit_log_ =
      std::make_unique<service::AuditLog>(*app->store_, clock, *app->trail_, *app->signing_key_);
  app->assessments_ = std::make_unique<service::Assessments>(*app->trail_);
  app->administration_ = std::make_unique<service::Administration>(
      *app->store_, clock, *app->trail_, config.sign_in.hash_cost);
  app->authentication_ =
      std::make_unique<service::Authentication>(*app->store_, clock, *app->trail_, config.sign_in);
  app->sealer_ = std::make_unique<access::Sealer>(JIGSAW_TRY(access::Sealer::FromSecret(app->signing_key_->seed())));
  app->workflow_ = std::make_unique<service::WorkflowPolicy>(service::WorkflowPolicy{
      JIGSAW_TRY(domain::WorkingCalendar::Make(config.workflow.BankHolidayDates())), config.workflow.emergency_record_working_days,
      config.workflow.acknowledgement_working_days, config.workflow.feedback_working_days});
  app->casework_ = std::make_unique<service::Casework>(*app->store_, clock, *app->trail_);
  app->sharing_ = std::make_unique<service::Sharing>(*app->store_, clock, *app->trail_, *app->sealer_, *app->workflow_);
  app->requests_ = std::make_unique<service::Requests>(*app->store_, clock, *app->trail_);
  app->overview_ = std::make_unique<service::Overview>(*app->store_, clock, *app->trail_);
  app->drafts_ = std::make_unique<service::Drafts>(*app->store_, clock, *app->sealer_);
  app->recording_ = std::make_unique<service::Recording>(*app->store_, clock, *app->trail_, *app->sealer_,
                                                         service::AttachmentPolicy{config.attachments.max_bytes});
  http::api::AddCaseworkRoutes(app->router_, {*app->authentication_, *app->casework_, *app->sharing_,
                                              *app->requests_, clock, *app->recording_});
  http::api::AddRoutes(app->router_, {*app->authentication_, *app->administration_,
                                      *app->assessments_, *app->audit_log_, *app->store_});
  std::string static_dir = config.web.static_dir;
  if (static_dir.empty()) {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    static_dir = ec ? "static" : (exe.parent_path() / "static").string();
  }
  JIGSAW_RETURN_IF_ERROR(http::web::AddWebRoutes(
      app->router_,
      {*app->authentication_, *app->administration_, *app->casework_, *app->sharing_, *app->requests_,
       *app->overview_, *app->drafts_, clock, *app->recording_},
      {static_dir, config.web.exit_url}));
  Application* self = app.get();
  app->server_ = std::make_unique<http::Server>(
      config.server, [self](http::Request& request) { return self->router_.Dispatch(request); },
      [self](const http::Request& request) { return self->router_.NeverWaits(request); });
  return app;
}

Status Application::Listen() { return server_->Listen(); }

void Application::Run() {
  // Housekeeping on a timer while serving: tree heads are signed, so
  // tampering is caught within one interval even if nobody asks for a head,
  // and expired sessions are deleted.
  std::mutex mu;
  std::condition_variable stop;
  bool stopping = false;
  std::thread signer;
  if (config_.audit.sign_interval.count() > 0) {
    signer = std::thread([&] {
      std::unique_lock lock(mu);
      while (!stop.wait_for(lock, config_.audit.sign_interval, [&] { return stopping; })) {
        lock.unlock();
        if (auto head = audit_log_->SignTreeHead(); !head)
          log::Warning("audit.sign_failed", {{"error", head.error().message}});
        if (auto purged = authentication_->PurgeExpiredSessions(); !purged)
          log::Warning("sessions.purge_failed", {{"error", purged.error().message}});
        // An unfinished form outlives no session that could finish it.
        if (auto purged = drafts_->PurgeOlderThan(config_.sign_in.absolute_timeout); !purged)
          log::Warning("drafts.purge_failed", {{"error", purged.error().message}});
        lock.lock();
      }
    });
  }
  // Proofs read the tree's upper levels from memory; load them while the
  // server starts answering rather than one proof at a time.
  std::thread warm([this] {
    if (auto loaded = audit_log_->WarmCache(); !loaded)
      log::Warning("audit.cache_warm_failed", {{"error", loaded.error().message}});
  });
  server_->Run();
  warm.join();
  {
    std::lock_guard lock(mu);
    stopping = true;
  }
  stop.notify_all();
  if (signer.joinable()) signer.join();
  (void)audit_log_->SignTreeHead();  // cover everything served before stopping
}

}  // namespace jigsaw::app
