// The DPO's pages for restriction of processing (UK GDPR Article 18) and
// objection (Article 21), service/restrictions.h and docs/rights.md: the
// register, restricting a person's records and lifting it, recording an
// objection and the decision on it. Server-rendered, without JavaScript;
// linked from the DPO's workspace (/dpo).
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/restrictions.h"
#include "service/subject_access.h"

namespace jigsaw::http::web {

void AddRestrictionPages(Router& router, WebServices services, WebOptions options,
                         service::Restrictions& restrictions, service::SubjectAccess& subject_access);

}  // namespace jigsaw::http::web
