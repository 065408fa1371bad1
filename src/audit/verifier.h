// Checks a whole audit log: feed it every stored record in order with the
// leaf hash stored beside it; it recomputes the tree and compares against
// every signed tree head (stored ones, exported ones kept off-site, and
// ones a witness countersigned). A second, deeper check compares the
// stored interior nodes and right edge with the tree the leaves make.
// Pure: the caller reads the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "audit/tree_head.h"
#include "domain/audit_record.h"

namespace jigsaw::audit {

// A head to check, and where it came from, for the report: "stored",
// "exported head head.json", "witness 1a2b3c4d5e6f7a8b".
struct SourcedHead {
  TreeHead head;
  std::string source = "stored";
};

struct VerifyReport {
  bool ok = false;
  std::uint64_t size = 0;          // records read
  Hash root{};                     // recomputed root of all of them
  std::uint64_t heads_checked = 0;
  std::uint64_t unsigned_records = 0;  // records after the newest signed head
  std::optional<std::uint64_t> first_bad_index;
  // The head that failed (a bad signature, or records that no longer
  // produce its root), and where it came from.
  std::optional<std::uint64_t> bad_head_size;
  std::string bad_head_source;
  // --deep: stored interior nodes compared, and the first that was wrong,
  // missing or not part of the tree.
  bool deep = false;
  std::uint64_t nodes_checked = 0;
  std::optional<NodeId> first_bad_node;
  bool bad_state = false;          // the stored right edge (size, frontier) is wrong
  std::string problem;             // empty when ok
};

class LogVerifier {
 public:
  // Each head must carry a valid signature by a trusted key (by its key id).
  LogVerifier(std::vector<SourcedHead> heads, TrustedKeys keys);
  // Stored heads, one key.
  LogVerifier(const std::vector<TreeHead>& heads, const PublicKey& key);

  // Feeds the record stored at `stored_index`; returns false once a problem
  // is found (further records are ignored).
  bool Add(std::uint64_t stored_index, const domain::AuditRecord& record, const Hash& stored_leaf);
  VerifyReport Finish();

 private:
  bool Problem(std::uint64_t index, std::string text);
  bool HeadProblem(const SourcedHead& head, std::uint64_t index, std::string text);
  void CheckSignatures(const TrustedKeys& keys);
  void CheckHeadsAtCurrentSize();

  std::vector<SourcedHead> heads_;  // sorted by size
  std::size_t next_head_ = 0;
  Frontier frontier_;
  Bytes scratch_;
  VerifyReport report_;
  bool failed_ = false;
};

// The deeper check: given the log's leaf hashes in order (already checked
// against their records), recomputes every perfect subtree and the right
// edge, and compares them with what is stored. The caller feeds leaves,
// fetches the stored nodes Pending() names (in order, level by level), and
// hands each to Compare().
class StoredTreeChecker {
 public:
  // `size`: the number of records (leaves) the log has.
  explicit StoredTreeChecker(std::uint64_t size) : size_(size) {}

  void AddLeaf(const Hash& leaf);
  // Nodes completed since the last Compare round, by level then index.
  const std::vector<std::pair<NodeId, Hash>>& Pending();
  // Compares each pending node with the stored one (nullopt: not stored),
  // in Pending()'s order; clears Pending. False at the first mismatch.
  bool Compare(const std::vector<std::optional<Hash>>& stored);
  // A node stored beyond the tree (its subtree is not complete yet).
  bool ExtraNode(const NodeId& id);
  // The stored right edge: its size and the hashes of its perfect subtrees.
  bool CheckState(std::uint64_t stored_size, const std::vector<Hash>& stored_frontier);
  // Adds this check's findings to a report of the records' check.
  void Into(VerifyReport& report) const;
  bool failed() const { return failed_; }

 private:
  bool Problem(const NodeId& id, std::string text);
  std::uint64_t size_;
  Frontier frontier_;
  std::vector<std::pair<NodeId, Hash>> pending_;
  std::uint64_t checked_ = 0;
  bool failed_ = false;
  bool bad_state_ = false;
  std::optional<NodeId> bad_node_;
  std::string problem_;
};

// "level 3, index 5 (records 40 to 47)"
std::string DescribeNode(const NodeId& id);

}  // namespace jigsaw::audit
