// The pages of training (service/training.h, docs/workflow.md "Training"):
// one's own training and the form to record it, a member of staff's for
// their DSL or administrator, and the staff's state at a glance.
#pragma once

#include "http/router.h"
#include "http/web/web.h"
#include "service/training.h"

namespace jigsaw::http::web {

// Adds the pages to `router`; they share the sign-in and form-token checks
// of the other pages.
void AddTrainingPages(Router& router, WebServices services, WebOptions options, service::Training& training);

// The name of a kind of training as a page shows it ("Information sharing").
std::string_view TrainingKindLabel(domain::TrainingKind kind);

}  // namespace jigsaw::http::web
