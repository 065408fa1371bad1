// A concern's body map and files in portable SQL (see migration 11).
#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using namespace domain;
using sql::Row;
using sql::Value;

constexpr std::string_view kMarkColumns =
    "id, organisation_id, concern_id, side, area, x, y, description, created_by, created_at";

Result<BodyMark> ToMark(const Row& r) {
  BodyMark m;
  m.id = r.Text(0);
  m.organisation_id = r.Text(1);
  m.concern_id = r.Text(2);
  m.side = JIGSAW_TRY(StoredEnum<BodySide>(r.Text(3), "body_marks.side"));
  m.area = JIGSAW_TRY(StoredEnum<BodyArea>(r.Text(4), "body_marks.area"));
  m.x = static_cast<int>(r.Int(5));
  m.y = static_cast<int>(r.Int(6));
  m.description = r.Text(7);
  m.created_by = r.Text(8);
  m.created_at = FromMicros(r.Int(9));
  return m;
}

// The listed columns; the sealed content is the last, read only by FindAttachment.
constexpr std::string_view kAttachmentColumns =
    "id, organisation_id, concern_id, file_name, media_type, size_bytes, description, created_by, created_at";

Result<Attachment> ToAttachment(const Row& r) {
  Attachment a;
  a.id = r.Text(0);
  a.organisation_id = r.Text(1);
  a.concern_id = r.Text(2);
  a.file_name = r.Text(3);
  a.type = JIGSAW_TRY(StoredEnum<AttachmentType>(r.Text(4), "attachments.media_type"));
  a.size_bytes = r.Int(5);
  a.description = r.Text(6);
  a.created_by = r.Text(7);
  a.created_at = FromMicros(r.Int(8));
  if (r.size() > 9) a.sealed_content = r.Blob(9);
  return a;
}

template <typename T, typename Convert>
Result<std::vector<T>> All(const std::vector<Row>& rows, Convert convert) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(JIGSAW_TRY(convert(r)));
  return out;
}

class SqlRecording final : public RecordingRepository {
 public:
  SqlRecording(sql::Connection& c, ContentCipher& cipher) : c_(c), cipher_(cipher) {}

  Status InsertBodyMark(const BodyMark& m) override {
    auto description = JIGSAW_TRY(cipher_.Seal(m.concern_id, "body_mark.description", m.id, m.description));
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO body_marks (" + std::string(kMarkColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                            {m.id, m.organisation_id, m.concern_id, std::string(ToString(m.side)),
                             std::string(ToString(m.area)), std::int64_t{m.x}, std::int64_t{m.y},
                             std::move(description),
                             m.created_by, Micros(m.created_at)}));
    return Ok();
  }

  Result<std::vector<BodyMark>> BodyMarksOfConcern(const std::string& concern_id) override {
    auto marks = JIGSAW_TRY(All<BodyMark>(
        JIGSAW_TRY(sql::Query(
            c_, "SELECT " + std::string(kMarkColumns) + " FROM body_marks WHERE concern_id = $1 ORDER BY created_at, id",
            {concern_id})),
        ToMark));
    for (auto& m : marks)
      m.description = JIGSAW_TRY(cipher_.Open(m.concern_id, "body_mark.description", m.id, m.description));
    return marks;
  }

  Status InsertAttachment(const Attachment& a) override {
    auto file_name = JIGSAW_TRY(cipher_.Seal(a.concern_id, "attachment.file_name", a.id, a.file_name));
    auto description = JIGSAW_TRY(cipher_.Seal(a.concern_id, "attachment.description", a.id, a.description));
    auto content = JIGSAW_TRY(cipher_.SealBytes(a.concern_id, "attachment.content", a.id, a.sealed_content));
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO attachments (" + std::string(kAttachmentColumns) +
                                ", sealed_content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                            {a.id, a.organisation_id, a.concern_id,
                             std::move(file_name),
                             std::string(ToString(a.type)), a.size_bytes,
                             std::move(description),
                             a.created_by, Micros(a.created_at),
                             std::move(content)}));
    return Ok();
  }

  Result<std::optional<Attachment>> FindAttachment(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kAttachmentColumns) + ", sealed_content FROM attachments WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Attachment>();
    auto a = JIGSAW_TRY(ToAttachment(rows.front()));
    JIGSAW_RETURN_IF_ERROR(OpenAttachment(a));
    return std::optional<Attachment>(std::move(a));
  }

  Result<std::vector<Attachment>> AttachmentsOfConcern(const std::string& concern_id) override {
    auto attachments = JIGSAW_TRY(All<Attachment>(
        JIGSAW_TRY(sql::Query(c_,
                              "SELECT " + std::string(kAttachmentColumns) +
                                  " FROM attachments WHERE concern_id = $1 ORDER BY created_at, id",
                              {concern_id})),
        ToAttachment));
    for (auto& a : attachments) JIGSAW_RETURN_IF_ERROR(OpenAttachment(a));
    return attachments;
  }

 private:
  Status OpenAttachment(Attachment& a) {
    a.file_name = JIGSAW_TRY(cipher_.Open(a.concern_id, "attachment.file_name", a.id, a.file_name));
    a.description = JIGSAW_TRY(cipher_.Open(a.concern_id, "attachment.description", a.id, a.description));
    if (!a.sealed_content.empty())
      a.sealed_content = JIGSAW_TRY(cipher_.OpenBytes(a.concern_id, "attachment.content", a.id, a.sealed_content));
    return Ok();
  }

  sql::Connection& c_;
  ContentCipher& cipher_;
};

}  // namespace

std::unique_ptr<RecordingRepository> NewRecordingRepository(sql::Connection& connection, ContentCipher& cipher) {
  return std::make_unique<SqlRecording>(connection, cipher);
}

}  // namespace jigsaw::store::internal
