// The oversight page (service/oversight.h, docs/governance.md "Oversight"):
// an organisation's figures over a chosen period for its senior leader,
// DPO or Caldicott guardian, the partnership's for children's services'
// senior leader or DPO, with monthly charts drawn on the server, each
// beside its table, and the same figures as CSV. Counts only.
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/oversight.h"

namespace jigsaw::http::web {

// Adds /oversight and /oversight/csv to `router`, behind the sign-in check
// the other pages share.
void AddOversightPages(Router& router, WebServices services, WebOptions options, service::Oversight& oversight);

}  // namespace jigsaw::http::web
