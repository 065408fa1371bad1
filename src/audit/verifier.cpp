#include "audit/verifier.h"

#include <algorithm>

#include "audit/encoding.h"

namespace jigsaw::audit {

std::string DescribeNode(const NodeId& id) {
  const std::uint64_t first = id.index << id.level;
  const std::uint64_t last = ((id.index + 1) << id.level) - 1;
  return "level " + std::to_string(id.level) + ", index " + std::to_string(id.index) + " (records " +
         std::to_string(first) + " to " + std::to_string(last) + ")";
}

namespace {

std::string Named(const SourcedHead& h) {
  return "the signed tree head at size " + std::to_string(h.head.size) +
         (h.source.empty() || h.source == "stored" ? "" : " (" + h.source + ")");
}

std::vector<SourcedHead> Stored(const std::vector<TreeHead>& heads) {
  std::vector<SourcedHead> out;
  out.reserve(heads.size());
  for (const auto& h : heads) out.push_back({h, "stored"});
  return out;
}

}  // namespace

LogVerifier::LogVerifier(const std::vector<TreeHead>& heads, const PublicKey& key)
    : LogVerifier(Stored(heads), TrustedKeys({key})) {}

LogVerifier::LogVerifier(std::vector<SourcedHead> heads, TrustedKeys keys) : heads_(std::move(heads)) {
  std::stable_sort(heads_.begin(), heads_.end(),
                   [](const SourcedHead& a, const SourcedHead& b) { return a.head.size < b.head.size; });
  scratch_.reserve(256);
  CheckSignatures(keys);
  CheckHeadsAtCurrentSize();  // heads of the empty log
}

void LogVerifier::CheckSignatures(const TrustedKeys& keys) {
  for (const SourcedHead& h : heads_) {
    const std::uint64_t at = h.head.size == 0 ? 0 : h.head.size - 1;
    switch (keys.Verify(h.head)) {
      case TrustedKeys::Check::kValid:
        continue;
      case TrustedKeys::Check::kUnknownKey:
        HeadProblem(h, at, Named(h) + " names key " + h.head.key_id +
                               ", which is not a trusted key of this log: it was signed with another key "
                               "(a substituted or stolen key), or the key was not given.");
        return;
      case TrustedKeys::Check::kBadSignature:
        HeadProblem(h, at, Named(h) + " has an invalid signature: it was forged, altered, or signed with another key.");
        return;
    }
  }
}

bool LogVerifier::Problem(std::uint64_t index, std::string text) {
  if (!failed_) {
    failed_ = true;
    report_.first_bad_index = index;
    report_.problem = std::move(text);
  }
  return false;
}

bool LogVerifier::HeadProblem(const SourcedHead& head, std::uint64_t index, std::string text) {
  if (!failed_) {
    report_.bad_head_size = head.head.size;
    report_.bad_head_source = head.source;
  }
  return Problem(index, std::move(text));
}

void LogVerifier::CheckHeadsAtCurrentSize() {
  while (!failed_ && next_head_ < heads_.size() && heads_[next_head_].head.size == frontier_.size) {
    const SourcedHead& h = heads_[next_head_];
    if (Root(frontier_) != h.head.root) {
      // The last head before this one that matched: the change lies after it.
      std::uint64_t after = 0;
      for (std::size_t i = next_head_; i-- > 0;)
        if (heads_[i].head.size < h.head.size) {
          after = heads_[i].head.size;
          break;
        }
      HeadProblem(h, after,
                  "The records do not match " + Named(h) + ": the log was altered between index " +
                      std::to_string(after) + " and " + std::to_string(h.head.size - 1) +
                      " (records and their stored hashes were both rewritten).");
      return;
    }
    ++report_.heads_checked;
    ++next_head_;
  }
}

bool LogVerifier::Add(std::uint64_t stored_index, const domain::AuditRecord& record,
                      const Hash& stored_leaf) {
  if (failed_) return false;
  const std::uint64_t expected = frontier_.size;
  if (stored_index > expected)
    return Problem(expected, "The record at index " + std::to_string(expected) + " is missing: it was deleted.");
  if (stored_index < expected)
    return Problem(stored_index, "Index " + std::to_string(stored_index) + " appears twice: a record was inserted.");
  EncodeInto(record, scratch_);
  const Hash leaf = LeafHash(scratch_);
  if (leaf != stored_leaf)
    return Problem(expected, "The record at index " + std::to_string(expected) +
                                 " does not match its hash: it was changed, inserted or moved.");
  Append(frontier_, leaf);
  CheckHeadsAtCurrentSize();
  return !failed_;
}

VerifyReport LogVerifier::Finish() {
  report_.size = frontier_.size;
  report_.root = Root(frontier_);
  if (!failed_ && next_head_ < heads_.size()) {
    const SourcedHead& h = heads_.back();
    HeadProblem(h, frontier_.size,
                "The records from index " + std::to_string(frontier_.size) + " are missing: " + Named(h) +
                    " covers them (the log was truncated or rewound).");
  }
  std::uint64_t signed_size = 0;
  for (const auto& h : heads_) signed_size = std::max(signed_size, h.head.size);
  report_.unsigned_records = frontier_.size > signed_size ? frontier_.size - signed_size : 0;
  report_.ok = !failed_;
  return report_;
}

// --- The stored tree ---------------------------------------------------------

void StoredTreeChecker::AddLeaf(const Hash& leaf) {
  for (auto& node : Append(frontier_, leaf)) pending_.push_back(std::move(node));
}

const std::vector<std::pair<NodeId, Hash>>& StoredTreeChecker::Pending() {
  std::sort(pending_.begin(), pending_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return pending_;
}

bool StoredTreeChecker::Problem(const NodeId& id, std::string text) {
  if (!failed_) {
    failed_ = true;
    bad_node_ = id;
    problem_ = std::move(text);
  }
  return false;
}

bool StoredTreeChecker::Compare(const std::vector<std::optional<Hash>>& stored) {
  Pending();
  for (std::size_t i = 0; i < pending_.size() && !failed_; ++i) {
    const auto& [id, expected] = pending_[i];
    if (i >= stored.size() || !stored[i])
      Problem(id, "The stored node at " + DescribeNode(id) + " is missing: it was deleted.");
    else if (*stored[i] != expected)
      Problem(id, "The stored node at " + DescribeNode(id) +
                      " does not match the records: it was altered. Proofs built from it would be wrong.");
    else
      ++checked_;
  }
  pending_.clear();
  return !failed_;
}

bool StoredTreeChecker::ExtraNode(const NodeId& id) {
  return Problem(id, "A node is stored at " + DescribeNode(id) + ", beyond the " + std::to_string(size_) +
                         " records of the log: it was inserted (it would block the log from growing).");
}

bool StoredTreeChecker::CheckState(std::uint64_t stored_size, const std::vector<Hash>& stored_frontier) {
  if (failed_) return false;
  auto bad = [&](std::string text) {
    bad_state_ = true;
    failed_ = true;
    problem_ = std::move(text);
    return false;
  };
  if (stored_size != size_)
    return bad("The stored state of the log says it has " + std::to_string(stored_size) + " records, but there are " +
               std::to_string(size_) + ": the state (audit_state) was altered.");
  if (stored_frontier != frontier_.hashes) {
    const auto nodes = FrontierNodes(size_);
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (i >= stored_frontier.size() || stored_frontier[i] != frontier_.hashes[i])
        return bad("The stored right edge of the tree (audit_state) is wrong at its subtree " + DescribeNode(nodes[i]) +
                   ": it was altered. The server would sign wrong heads from it.");
    return bad("The stored right edge of the tree (audit_state) has extra hashes: it was altered.");
  }
  return true;
}

void StoredTreeChecker::Into(VerifyReport& r) const {
  r.deep = true;
  r.nodes_checked = checked_;
  if (!failed_ || !r.ok) return;
  r.ok = false;
  r.first_bad_node = bad_node_;
  r.bad_state = bad_state_;
  if (bad_node_) r.first_bad_index = bad_node_->index << bad_node_->level;
  r.problem = problem_;
}

}  // namespace jigsaw::audit
