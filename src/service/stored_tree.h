// Checks of the audit log's stored tree (its perfect subtrees in
// audit_nodes and its right edge in audit_state) against what the records
// make, for AuditLog: a cheap one before every head is signed (the right
// edge, the nodes it names and the consistency of the new head with the
// newest signed one: O(log n) reads) and the whole tree for
// `audit verify --deep`.
#pragma once

#include <optional>

#include "audit/merkle.h"
#include "audit/verifier.h"
#include "store/store.h"

namespace jigsaw::service {

// A node's key in audit_nodes (level * 2^48 + index).
std::uint64_t StoredNodeId(const audit::NodeId& id);
// 32 bytes as a hash; a stored value of another length reads as all zeroes
// (which no real node hash equals).
audit::Hash ToHash(std::span<const std::uint8_t> bytes);
// The right edge's hashes, or nullopt if its length is not whole hashes.
std::optional<std::vector<audit::Hash>> FrontierHashes(const store::AuditLogState& state);

// Ok if the stored right edge `state` matches the stored nodes and records
// it names, no record is stored beyond it, and its root is consistent with
// `latest` (the newest signed head); else kInternal saying what is wrong.
Status CheckRightEdge(store::Transaction& tx, const store::AuditLogState& state,
                      const std::optional<audit::TreeHead>& latest);

// The deep check: every stored node and the right edge against the tree
// that the stored leaf hashes (already checked against their records) make,
// for a log of `size` records. Adds its findings to `report`.
Status CheckStoredTree(store::Transaction& tx, std::uint64_t size, audit::VerifyReport& report);

}  // namespace jigsaw::service
