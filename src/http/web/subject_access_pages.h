// The DPO's pages (service/subject_access.h, docs/rights.md): their
// workspace (what is due this week, open subject access requests with
// their deadlines, recalls to assess as possible breaches), opening a
// subject access request, reviewing what is held with a decision on each
// piece, extending the deadline, releasing, and the release itself as a
// printable page and a JSON download.
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/subject_access.h"

namespace jigsaw::http::web {

void AddSubjectAccessPages(Router& router, WebServices services, WebOptions options,
                           service::SubjectAccess& subject_access);

}  // namespace jigsaw::http::web
