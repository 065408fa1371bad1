// Checks a whole audit log: feed it every stored record in order with the
// leaf hash stored beside it; it recomputes the tree and compares against
// every signed tree head. Pure: the caller reads the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "audit/tree_head.h"
#include "domain/audit_record.h"

namespace jigsaw::audit {

struct VerifyReport {
  bool ok = false;
  std::uint64_t size = 0;          // records read
  Hash root{};                     // recomputed root of all of them
  std::uint64_t heads_checked = 0;
  std::uint64_t unsigned_records = 0;  // records after the newest signed head
  std::optional<std::uint64_t> first_bad_index;
  std::string problem;             // empty when ok
};

class LogVerifier {
 public:
  // `heads` in any order; each must carry a valid signature by `key`.
  LogVerifier(std::vector<TreeHead> heads, const PublicKey& key);

  // Feeds the record stored at `stored_index`; returns false once a problem
  // is found (further records are ignored).
  bool Add(std::uint64_t stored_index, const domain::AuditRecord& record, const Hash& stored_leaf);
  VerifyReport Finish();

 private:
  bool Problem(std::uint64_t index, std::string text);
  void CheckHeadsAtCurrentSize();

  std::vector<TreeHead> heads_;  // sorted by size
  std::size_t next_head_ = 0;
  Frontier frontier_;
  Bytes scratch_;
  VerifyReport report_;
  bool failed_ = false;
};

}  // namespace jigsaw::audit
