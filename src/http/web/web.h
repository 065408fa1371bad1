// The web pages: server-rendered HTML in the GOV.UK Design System for
// practitioners, working without JavaScript. Handlers translate between
// forms and the service layer exactly as the JSON API does, with every
// read and change authorised and audited there; this layer adds CSRF
// tokens, a Content-Security-Policy without inline script, GOV.UK error
// messages, and pages whose titles and addresses hold no personal data.
#pragma once

#include <string>

#include "common/clock.h"
#include "http/router.h"
#include "service/accounts.h"
#include "service/administration.h"
#include "service/audit_log.h"
#include "service/authentication.h"
#include "service/case_management.h"
#include "service/casework.h"
#include "service/drafts.h"
#include "service/overview.h"
#include "service/partnership.h"
#include "service/recording.h"
#include "service/requests.h"
#include "service/sharing.h"
#include "service/triage.h"

namespace jigsaw::http::web {

struct WebServices {
  service::Authentication& authentication;
  service::Administration& administration;
  service::Casework& casework;
  service::Sharing& sharing;
  service::Requests& requests;
  service::Overview& overview;
  service::Drafts& drafts;
  service::Triage& triage;
  service::CaseManagement& case_management;
  const Clock& clock;
  service::AuditLog& audit_log;  // what became of a disclosure, for its sharer
  service::Accounts& accounts;
  service::Partnership& partnership;  // who else knows a child; risk alerts
  service::Recording& recording;
};

struct WebOptions {
  // Built assets (govuk-frontend, Jigsaw's own CSS and JavaScript) served
  // under /assets/, and the advice's text for /guidance.
  std::string static_dir;
  // Where "Exit this page" goes: somewhere that looks unrelated.
  std::string exit_url = "https://www.bbc.co.uk/weather";
  // web.public_origin: what passkeys are bound to (empty: the Host header).
  std::string public_origin;
};

// Adds the pages, and /assets/ and the HTML "page not found" as the
// router's fallback. Fails if the static directory cannot be read.
Status AddWebRoutes(Router& router, WebServices services, WebOptions options);

}  // namespace jigsaw::http::web
