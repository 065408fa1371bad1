// Rewriting the audit log as an attacker with the database (and perhaps
// the signing key) would, for the tests that show each rewrite is caught.
// Each returns SQL for TestDatabase::TamperWithSql, computed from what is
// stored now.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audit/tree_head.h"
#include "support/test_database.h"

namespace jigsaw::testing {

// Truncates the log to its first `size` records so that it is consistent
// again: the records after, the nodes beyond, the heads above `size`, and
// the right edge. What restoring an older copy of the database does.
std::string RewindSql(const TestDatabase& db, std::uint64_t size);

// Changes record `index`'s object id and its stored leaf hash to match.
std::string RewriteRecordSql(const TestDatabase& db, std::uint64_t index, const std::string& object_id);

// The root of the log's first n records for each n of `sizes`, from the
// stored leaf hashes.
std::vector<audit::Hash> RootsAt(const TestDatabase& db, const std::vector<std::uint64_t>& sizes);

std::string InsertHeadSql(const TestDatabase& db, const audit::TreeHead& head);

// `jigsaw ARGS` run to completion, standard output and error together.
struct CliOutput {
  int status = -1;
  std::string out;
};
// Killed after `timeout_seconds` if still running (status 124 then).
CliOutput RunJigsaw(const std::string& args, int timeout_seconds = 120);

}  // namespace jigsaw::testing
