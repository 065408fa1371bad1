// The one-off pass that seals content stored as plaintext before sealing
// existed (Store::SealStoredContent; store/content_cipher.h). The columns
// and associated data here must match those the repositories seal with.
#include "store/repositories.h"
#include "store/sql_store.h"

namespace jigsaw::store::internal {
namespace {

struct SealedColumn {
  std::string_view column;  // in the table
  std::string_view bound;   // the name bound as associated data
};

struct SealedTable {
  std::string_view table;
  std::string_view row_key;    // the column that picks out one row
  std::string_view record_id;  // the id bound as associated data
  std::string_view owner;      // an expression: whose key seals it
  std::vector<SealedColumn> columns;
};

// A person's details that no query searches (casework_repository.cpp).
const std::vector<SealedColumn> kPersonDetails{{"address", "person.address"},
                                               {"postcode", "person.postcode"},
                                               {"protected_reason", "person.protected_reason"},
                                               {"known_as", "person.known_as"},
                                               {"phone_numbers", "person.phone_numbers"},
                                               {"email_addresses", "person.email_addresses"}};

const std::vector<SealedTable>& SealedTables() {
  static const std::vector<SealedTable> tables{
      {"concerns", "id", "id", "id",
       {{"what_happened", "what_happened"},
        {"child_words", "child_words"},
        {"next_step_note", "next_step_note"},
        {"incident_place", "incident_place"}}},
      {"information_items", "id", "id", "CASE WHEN concern_id = '' THEN person_id ELSE concern_id END",
       {{"text", "item.text"}, {"source", "item.source"}}},
      {"item_versions", "version_id", "id", "CASE WHEN concern_id = '' THEN person_id ELSE concern_id END",
       {{"text", "item.text"}, {"source", "item.source"}}},
      {"body_marks", "id", "id", "concern_id", {{"description", "body_mark.description"}}},
      {"attachments", "id", "id", "concern_id",
       {{"file_name", "attachment.file_name"}, {"description", "attachment.description"}}},
      {"concern_closures", "id", "id", "concern_id", {{"note", "closure.note"}}},
      {"tasks", "id", "id", "CASE WHEN concern_id = '' THEN child_id ELSE concern_id END",
       {{"description", "task.description"}}},
      {"concern_links", "id", "id", "concern_id", {{"note", "link.note"}}},
      {"people", "id", "id", "id", kPersonDetails},
      {"subject_access_requests", "id", "id", "person_id",
       {{"identity_note", "sar.identity_note"},
        {"extension_reason", "sar.extension_reason"},
        {"released_content", "sar.released_content"}}},
      {"person_versions", "version_id", "id", "id", kPersonDetails},
  };
  return tables;
}

Result<std::int64_t> SealPlaintext(sql::Connection& c, ContentCipher& cipher) {
  std::int64_t sealed = 0;
  const std::string pattern = SealedContentPattern();
  for (const auto& t : SealedTables()) {
    for (const auto& col : t.columns) {
      const std::string column(col.column);
      auto rows = JIGSAW_TRY(sql::Query(c,
                                        "SELECT " + std::string(t.row_key) + ", " + std::string(t.record_id) + ", " +
                                            std::string(t.owner) + ", " + column + " FROM " + std::string(t.table) +
                                            " WHERE " + column + " <> '' AND " + column + " NOT LIKE $1",
                                        {pattern}));
      for (const auto& r : rows) {
        const std::string value = JIGSAW_TRY(cipher.Seal(r.Text(2), col.bound, r.Text(1), r.Text(3)));
        JIGSAW_TRY(sql::Execute(c,
                                "UPDATE " + std::string(t.table) + " SET " + column + " = $2 WHERE " +
                                    std::string(t.row_key) + " = $1",
                                {r.Text(0), value}));
        ++sealed;
      }
    }
  }
  // Attachments' files (already sealed under the keyring) get their outer
  // layer under the concern's key.
  const Bytes prefix = SealedBytesPrefix();
  auto files = JIGSAW_TRY(sql::Query(c,
                                     "SELECT id, concern_id, sealed_content FROM attachments WHERE "
                                     "length(sealed_content) > 0 AND substr(sealed_content, 1, " +
                                         std::to_string(prefix.size()) + ") <> $1",
                                     {prefix}));
  for (const auto& r : files) {
    const Bytes value = JIGSAW_TRY(cipher.SealBytes(r.Text(1), "attachment.content", r.Text(0), r.Blob(2)));
    JIGSAW_TRY(sql::Execute(c, "UPDATE attachments SET sealed_content = $2 WHERE id = $1", {r.Text(0), value}));
    ++sealed;
  }
  return sealed;
}

}  // namespace

Result<std::int64_t> SqlStore::SealStoredContent() {
  if (!content_keys_) return 0;
  std::int64_t sealed = 0;
  JIGSAW_RETURN_IF_ERROR(Run(true, [&](sql::Connection& c) -> Status {
    ContentCipher cipher(content_keys_.get(), &c);
    sealed = JIGSAW_TRY(SealPlaintext(c, cipher));
    return Ok();
  }));
  // The plaintext's old row versions go from the files as destroyed
  // content's do.
  if (sealed > 0) JIGSAW_RETURN_IF_ERROR(Compact());
  return sealed;
}

}  // namespace jigsaw::store::internal
