// The public privacy information (service/privacy.h, docs/governance.md,
// "Privacy information"): a list of the partnership's organisations, and
// for each its privacy notice and a version written for children. No
// sign-in; linked from every page's footer. Nothing on them is personal
// data, and every text from the registers is escaped.
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/privacy.h"

namespace jigsaw::http::web {

void AddPrivacyPages(Router& router, WebServices services, WebOptions options, service::PrivacyInformation& privacy);

}  // namespace jigsaw::http::web
