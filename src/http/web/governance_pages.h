// The pages of the registers (service/governance.h, docs/governance.md):
// data sharing agreements (the list, a form to record one, a page to read
// and sign or withdraw it) and DPIAs (the list, a form following the ICO
// template, a page to read it, give the DPO's advice and sign it off).
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/governance.h"

namespace jigsaw::http::web {

void AddGovernancePages(Router& router, WebServices services, WebOptions options, service::Governance& governance);

}  // namespace jigsaw::http::web
