#include "app/application.h"

#include "http/api/api.h"

namespace jigsaw::app {

Result<std::unique_ptr<Application>> Application::Create(const Config& config, const Clock& clock) {
  std::unique_ptr<Application> app(new Application(config, clock));
  app->store_ = JIGSAW_TRY(store::Open(config.database));
  app->administration_ = std::make_unique<service::Administration>(*app->store_, clock,
                                                                   config.sign_in.hash_cost);
  app->authentication_ =
      std::make_unique<service::Authentication>(*app->store_, clock, config.sign_in);
  http::api::AddRoutes(app->router_, {*app->authentication_, *app->administration_, *app->store_});
  Application* self = app.get();
  app->server_ = std::make_unique<http::Server>(
      config.server, [self](http::Request& request) { return self->router_.Dispatch(request); });
  return app;
}

Status Application::Listen() { return server_->Listen(); }

}  // namespace jigsaw::app
