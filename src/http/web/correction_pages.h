// The pages of corrections (service/corrections.h, docs/rights.md): a form
// to correct a person (names, date of birth, address, protection) or an
// item (text, source, accuracy), each with the reason, and the earlier
// versions shown as superseded, with who replaced each, when and why.
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/corrections.h"

namespace jigsaw::http::web {

void AddCorrectionPages(Router& router, WebServices services, WebOptions options, service::Corrections& corrections);

}  // namespace jigsaw::http::web
