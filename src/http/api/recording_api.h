// A concern's body map and files in the JSON API: marks added as typed
// values, files sent as base64 in JSON (their kind read from their bytes,
// whatever the client calls them), and a file downloaded as itself with
// the headers that stop a browser running or keeping it.
#pragma once

#include <nlohmann/json.hpp>

#include "http/api/casework_api.h"
#include "service/recording.h"

namespace jigsaw::http::api {

nlohmann::json ToJson(const domain::BodyMark& mark);
// Without the content: `href` is where it is downloaded.
nlohmann::json ToJson(const domain::Attachment& attachment);

// POST /api/v1/concerns/{id}/body-marks, POST /api/v1/concerns/{id}/attachments
// and GET /api/v1/attachments/{id}.
void AddRecordingRoutes(Router& router, CaseworkServices services);

// A file as a download, for the API and the pages alike: its own media
// type (as sniffed when it was kept), Content-Disposition: attachment with
// its name (an ASCII fallback and the UTF-8 name, RFC 6266), never cached,
// and sandboxed should a browser open it anyway. The server adds nosniff.
Response AttachmentDownload(const service::AttachmentFile& file);

}  // namespace jigsaw::http::api
