// The DPO's pages for keeping records (service/retention.h,
// docs/retention.md): the records due for destruction under the
// organisation's retention schedule and the confirmation that destroys
// one, the schedule itself, legal holds, and erasure requests with the
// DPO's decision. Server-rendered, without JavaScript.
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/retention.h"

namespace jigsaw::http::web {

void AddRetentionPages(Router& router, WebServices services, WebOptions options, service::Retention& retention);

}  // namespace jigsaw::http::web
