// The pages of linking (service/linking.h): the possible matches waiting
// for a person's decision, the match review page (both records side by
// side with the engine's explanation, to confirm, reject or undo), and a
// child's multi-agency chronology with its CSV and printable forms.
#pragma once

#include "common/result.h"
#include "http/router.h"
#include "http/web/web.h"
#include "service/linking.h"

namespace jigsaw::http::web {

// Adds the pages to `router`; they share the sign-in and form-token checks
// of the other pages.
void AddLinkingPages(Router& router, WebServices services, WebOptions options, service::Linking& linking);

}  // namespace jigsaw::http::web
