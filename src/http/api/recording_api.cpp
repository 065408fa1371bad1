#include "http/api/recording_api.h"

#include <cstdio>

#include "common/encoding.h"
#include "common/json_fields.h"
#include "http/api/api.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;

std::string RecordingStamp(Time t) { return t == Time{} ? std::string() : FormatRfc3339(t); }

// The name for browsers that read only filename="...": printable ASCII,
// with quotes, backslashes and anything else replaced.
std::string AsciiFileName(std::string_view name) {
  std::string out;
  for (unsigned char ch : name) out.push_back(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != '%' ? static_cast<char>(ch) : '_');
  return out;
}

// RFC 5987 ext-value: UTF-8, everything but attr-chars percent-encoded.
std::string PercentEncoded(std::string_view name) {
  std::string out;
  for (unsigned char ch : name) {
    if (std::isalnum(ch) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos) {
      out.push_back(static_cast<char>(ch));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", ch);
      out += hex;
    }
  }
  return out;
}

Result<service::NewBodyMark> ParseMark(const JsonFields& f) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"side", "area", "x", "y", "description"}));
  service::NewBodyMark m;
  m.side = JIGSAW_TRY(f.Enum<domain::BodySide>("side"));
  m.area = JIGSAW_TRY(f.Enum<domain::BodyArea>("area"));
  m.description = JIGSAW_TRY(f.StringOrEmpty("description"));
  if (f.Has("x") != f.Has("y")) return InvalidArgument(f.Has("x") ? "y" : "x", "Give both x and y, or neither.");
  if (f.Has("x")) {
    const auto x = JIGSAW_TRY(f.IntOr("x", 0)), y = JIGSAW_TRY(f.IntOr("y", 0));
    if (x < 0 || x > domain::kBodyMapWidth) return InvalidArgument("x", "x is from 0 to 200.");
    if (y < 0 || y > domain::kBodyMapHeight) return InvalidArgument("y", "y is from 0 to 440.");
    m.point = std::pair{static_cast<int>(x), static_cast<int>(y)};
  }
  return m;
}

Result<service::NewAttachment> ParseAttachment(const JsonFields& f) {
  JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"file_name", "description", "content_base64"}));
  service::NewAttachment a;
  a.file_name = JIGSAW_TRY(f.String("file_name"));
  a.description = JIGSAW_TRY(f.StringOrEmpty("description"));
  auto content = Base64Decode(JIGSAW_TRY(f.String("content_base64")));
  if (!content) return InvalidArgument("content_base64", "This is not base64 (RFC 4648, with padding).");
  a.content = std::move(*content);
  return a;
}

}  // namespace

json ToJson(const domain::BodyMark& m) {
  return {{"id", m.id},
          {"side", ToString(m.side)},
          {"area", ToString(m.area)},
          {"x", m.x},
          {"y", m.y},
          {"description", m.description},
          {"created_by", m.created_by},
          {"created_at", RecordingStamp(m.created_at)}};
}

json ToJson(const domain::Attachment& a) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"media_type", ToString(a.type)},
          {"size_bytes", a.size_bytes},
          {"description", a.description},
          {"created_by", a.created_by},
          {"created_at", RecordingStamp(a.created_at)},
          {"href", "/api/v1/attachments/" + a.id}};
}

Response AttachmentDownload(const service::AttachmentFile& file) {
  Response r;
  r.content_type = std::string(ToString(file.attachment.type));
  r.body = file.content;
  const std::string& name = file.attachment.file_name;
  r.With("Content-Disposition",
         "attachment; filename=\"" + AsciiFileName(name) + "\"; filename*=UTF-8''" + PercentEncoded(name));
  r.With("Cache-Control", "no-store");
  r.With("Content-Security-Policy", "default-src 'none'; sandbox");
  return r;
}

void AddRecordingRoutes(Router& router, CaseworkServices s) {
  auto& auth = s.authentication;
  auto* recording = &s.recording;
  using service::Authenticated;
  using service::Context;

  router.Add("POST", "/api/v1/concerns/{id}/body-marks",
             SignedIn(auth, [recording](Request& req, const Authenticated&, const Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               auto mark = ParseMark(JsonFields(body->root()));
               if (!mark) return ErrorResponse(req, mark.error());
               auto added = recording->AddBodyMark(ctx, std::string(req.PathParam("id")), *mark);
               if (!added) return ErrorResponse(req, added.error());
               return JsonResponse(201, ToJson(*added));
             }));

  router.Add("POST", "/api/v1/concerns/{id}/attachments",
             SignedIn(auth, [recording](Request& req, const Authenticated&, const Context& ctx) {
               auto body = ParseJsonBody(req);
               if (!body) return ErrorResponse(req, body.error());
               auto file = ParseAttachment(JsonFields(body->root()));
               if (!file) return ErrorResponse(req, file.error());
               auto added = recording->AddAttachment(ctx, std::string(req.PathParam("id")), std::move(*file));
               if (!added) return ErrorResponse(req, added.error());
               return JsonResponse(201, ToJson(*added));
             }));

  router.Add("GET", "/api/v1/attachments/{id}",
             SignedIn(auth, [recording](Request& req, const Authenticated&, const Context& ctx) {
               auto file = recording->OpenAttachment(ctx, std::string(req.PathParam("id")));
               if (!file) return ErrorResponse(req, file.error());
               return AttachmentDownload(*file);
             }));
}

}  // namespace jigsaw::http::api
