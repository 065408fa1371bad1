// Whole-database copies for `jigsaw backup` and `jigsaw restore`: a
// consistent copy of a live database (SQLite's online backup API; pg_dump
// in custom format for PostgreSQL), read in one snapshot together with the
// audit log's right edge at that moment, so that a head signed over it
// covers exactly the records the copy holds; and putting a copy back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace jigsaw::store {

// Copies the database named by `url` into the new file `file`, all of it
// as of one moment, while other connections keep writing. SQLite: the
// online backup API inside one read transaction, the copy left as one
// self-contained file (rollback journal, not WAL). PostgreSQL: pg_dump
// --format=custom of a snapshot exported by a repeatable-read transaction
// (pg_dump must be on PATH). Returns the audit log's right edge as the copy
// holds it. Fails kAlreadyExists if `file` exists, kUnavailable if the
// database cannot be read or the tool fails (its message included).
Result<AuditLogState> CopyDatabase(const std::string& url, const std::string& file);

enum class Destination {
  kAbsent,     // SQLite: no file there
  kEmpty,      // an empty file, or a PostgreSQL database with no tables
  kHoldsData,  // a database with tables, and nobody else connected
  kInUse,      // SQLite: another connection has it open (a running server)
};

// What is at the place a restore would write to. PostgreSQL databases that
// hold tables are kHoldsData whoever is connected.
Result<Destination> InspectDestination(const std::string& url);

// Writes the copy `file` (made by CopyDatabase for the same backend) into
// the database named by `url`. SQLite: the backup API from the copy into
// the file (created, or every page replaced). PostgreSQL: pg_restore
// --single-transaction into the database, which should be empty.
// kUnavailable with the tool's or SQLite's message on failure.
Status RestoreDatabase(const std::string& file, const std::string& url);

// Undoes a PostgreSQL restore into a database that was empty: drops every
// table in it. For a copy that was restored and then refused. SQLite
// restores go to a staging file instead, which the caller deletes.
Status DropRestoredTables(const std::string& url);

// How many sealed values (disclosures, drafts, authenticator secrets) share
// each sealed header: the first bytes of a sealed blob, which name the key
// that sealed it (access::Sealer::KeyIdOfHeader reads them): the first
// `header_bytes` of each.
struct SealedHeaders {
  std::string what;  // "disclosures", "drafts", "authenticator secrets"
  Bytes header;
  std::int64_t count = 0;
};
Result<std::vector<SealedHeaders>> SealedHeadersIn(const std::string& url, std::size_t header_bytes);

// The owners (concerns, people) whose content in the database at `url` is
// sealed under a content key (store/content_keys.h) and not listed as
// shredded: a restore checks the content key store holds each one's key.
Result<std::vector<std::string>> SealedContentOwnersIn(const std::string& url);

}  // namespace jigsaw::store
