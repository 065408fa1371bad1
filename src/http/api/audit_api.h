// The audit log over HTTP: the public key, signed tree heads, proofs, and
// searching (JSON or CSV) for those allowed to read it.
#pragma once

#include "http/router.h"
#include "service/audit_log.h"
#include "service/authentication.h"

namespace jigsaw::http::api {

void AddAuditRoutes(Router& router, service::Authentication& authentication,
                    service::AuditLog& audit_log);

// CSV with every field quoted, and cells that a spreadsheet would run as a
// formula prefixed with an apostrophe (common/csv.h says which).
std::string AuditCsv(const std::vector<domain::AuditRecord>& records);

}  // namespace jigsaw::http::api
