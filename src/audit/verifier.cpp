#include "audit/verifier.h"

#include <algorithm>

#include "audit/encoding.h"

namespace jigsaw::audit {

LogVerifier::LogVerifier(std::vector<TreeHead> heads, const PublicKey& key) : heads_(std::move(heads)) {
  std::sort(heads_.begin(), heads_.end(),
            [](const TreeHead& a, const TreeHead& b) { return a.size < b.size; });
  scratch_.reserve(256);
  for (const TreeHead& h : heads_) {
    if (!VerifyTreeHead(h, key)) {
      Problem(h.size == 0 ? 0 : h.size - 1,
              "The signed tree head at size " + std::to_string(h.size) +
                  " has an invalid signature: it was forged, altered, or signed with another key.");
      return;
    }
  }
  CheckHeadsAtCurrentSize();  // heads of the empty log
}

bool LogVerifier::Problem(std::uint64_t index, std::string text) {
  if (!failed_) {
    failed_ = true;
    report_.first_bad_index = index;
    report_.problem = std::move(text);
  }
  return false;
}

void LogVerifier::CheckHeadsAtCurrentSize() {
  while (!failed_ && next_head_ < heads_.size() && heads_[next_head_].size == frontier_.size) {
    const TreeHead& h = heads_[next_head_];
    if (Root(frontier_) != h.root) {
      const std::uint64_t after = next_head_ > 0 ? heads_[next_head_ - 1].size : 0;
      Problem(after, "The records do not match the signed tree head at size " + std::to_string(h.size) +
                         ": the log was altered between index " + std::to_string(after) + " and " +
                         std::to_string(h.size - 1) + " (records and their stored hashes were both rewritten).");
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
  if (!failed_ && next_head_ < heads_.size())
    Problem(frontier_.size, "The records from index " + std::to_string(frontier_.size) +
                                " are missing: the signed tree head at size " +
                                std::to_string(heads_.back().size) + " covers them.");
  const std::uint64_t signed_size = heads_.empty() ? 0 : heads_.back().size;
  report_.unsigned_records = frontier_.size > signed_size ? frontier_.size - signed_size : 0;
  report_.ok = !failed_;
  return report_;
}

}  // namespace jigsaw::audit
