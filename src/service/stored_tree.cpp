#include "service/stored_tree.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>

namespace jigsaw::service {
namespace {

constexpr std::uint32_t kStoredLevelShift = 48;

Status Refuse(const std::string& why) {
  return Internal("Refusing to sign a tree head: the audit log's stored tree is inconsistent (" + why +
                  "). Run `jigsaw audit verify --deep` to find the damage.");
}

// The stored hashes of `ids` (leaves from audit_records, the rest from
// audit_nodes), straight from the database: a cache could hide damage.
Result<std::map<audit::NodeId, audit::Hash>> Stored(store::Transaction& tx, const std::vector<audit::NodeId>& ids) {
  std::vector<std::uint64_t> keys;
  keys.reserve(ids.size());
  for (const auto& id : ids) keys.push_back(StoredNodeId(id));
  std::map<audit::NodeId, audit::Hash> out;
  for (const auto& n : JIGSAW_TRY(tx.audit().Nodes(keys)))
    out[{static_cast<std::uint32_t>(n.id >> kStoredLevelShift), n.id & ((std::uint64_t{1} << kStoredLevelShift) - 1)}] =
        ToHash(n.hash);
  return out;
}

}  // namespace

std::uint64_t StoredNodeId(const audit::NodeId& id) { return (std::uint64_t{id.level} << kStoredLevelShift) | id.index; }

audit::Hash ToHash(std::span<const std::uint8_t> b) {
  audit::Hash h{};
  if (b.size() == h.size()) std::memcpy(h.data(), b.data(), h.size());
  return h;
}

std::optional<std::vector<audit::Hash>> FrontierHashes(const store::AuditLogState& state) {
  if (state.frontier.size() % 32 != 0) return std::nullopt;
  std::vector<audit::Hash> out(state.frontier.size() / 32);
  for (std::size_t i = 0; i < out.size(); ++i) std::memcpy(out[i].data(), state.frontier.data() + 32 * i, 32);
  return out;
}

Status CheckRightEdge(store::Transaction& tx, const store::AuditLogState& state,
                      const std::optional<audit::TreeHead>& latest) {
  const auto hashes = FrontierHashes(state);
  if (!hashes || hashes->size() != static_cast<std::size_t>(std::popcount(state.size)))
    return Refuse("the stored right edge does not have one hash per perfect subtree of " +
                  std::to_string(state.size) + " records");
  const audit::Frontier frontier{state.size, *hashes};
  const audit::Hash root = audit::Root(frontier);
  if (latest && latest->size > state.size)
    return Refuse("the stored state says " + std::to_string(state.size) + " records, but a signed head covers " +
                  std::to_string(latest->size));
  if (latest && latest->size == state.size && latest->root != root)
    return Refuse("the stored right edge does not produce the newest signed root");
  // One read: the right edge's subtrees, the slot after the last record
  // (which must be empty), and the nodes of the consistency proof.
  const bool grown = !latest || latest->size < state.size;
  std::vector<audit::NodeId> ids = audit::FrontierNodes(state.size);
  const std::size_t edge = ids.size();
  ids.push_back({0, state.size});
  if (grown && latest && latest->size > 0) {
    const auto proof_ids = audit::ConsistencyProofNodes(latest->size, state.size);
    ids.insert(ids.end(), proof_ids.begin(), proof_ids.end());
  }
  const auto stored = JIGSAW_TRY(Stored(tx, ids));
  for (std::size_t i = 0; i < edge; ++i) {
    auto it = stored.find(ids[i]);
    if (it == stored.end() || it->second != (*hashes)[i])
      return Refuse("the stored right edge does not match the stored node at " + audit::DescribeNode(ids[i]));
  }
  if (stored.contains(ids[edge]))
    return Refuse("a record is stored at index " + std::to_string(state.size) + ", beyond the log's stored size");
  if (grown && latest && latest->size > 0) {
    auto proof = audit::ConsistencyProof(latest->size, state.size, [&](const audit::NodeId& id) -> std::optional<audit::Hash> {
      auto it = stored.find(id);
      if (it == stored.end()) return std::nullopt;
      return it->second;
    });
    if (!proof || !audit::VerifyConsistency(latest->size, state.size, latest->root, root, *proof))
      return Refuse("the log as stored is not consistent with the newest signed head, at size " +
                    std::to_string(latest->size));
  }
  return Ok();
}

Status CheckStoredTree(store::Transaction& tx, std::uint64_t size, audit::VerifyReport& report) {
  audit::StoredTreeChecker checker(size);
  constexpr std::size_t kChunk = 1 << 16;
  std::uint64_t next = 0;
  while (next < size && !checker.failed()) {
    const std::uint64_t before = next;
    const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, size - next));
    JIGSAW_RETURN_IF_ERROR(tx.audit().VisitLeaves(next, chunk, [&](std::uint64_t, std::span<const std::uint8_t> leaf) {
      // The records' check already proved the indexes contiguous.
      checker.AddLeaf(ToHash(leaf));
      ++next;
    }));
    if (next == before) break;
    // The nodes these leaves completed, fetched a level's run at a time:
    // nodes of one level are contiguous in the table's key order.
    const auto& pending = checker.Pending();
    std::vector<std::optional<audit::Hash>> stored(pending.size());
    for (std::size_t i = 0; i < pending.size();) {
      std::size_t j = i + 1;
      while (j < pending.size() && pending[j].first.level == pending[i].first.level &&
             pending[j].first.index == pending[j - 1].first.index + 1)
        ++j;
      const std::uint64_t first = StoredNodeId(pending[i].first);
      JIGSAW_RETURN_IF_ERROR(tx.audit().VisitNodes(first, j - i, [&](std::uint64_t id, std::span<const std::uint8_t> h) {
        if (id >= first && id < first + (j - i)) stored[i + (id - first)] = ToHash(h);
      }));
      i = j;
    }
    checker.Compare(stored);
  }
  // Nothing may be stored beyond the tree: per level, past its last
  // complete node, and above the top level at all.
  std::uint32_t level = 1;
  for (; !checker.failed() && (size >> level) > 0; ++level) {
    const std::uint64_t beyond = StoredNodeId({level, size >> level});
    JIGSAW_RETURN_IF_ERROR(tx.audit().VisitNodes(beyond, 1, [&](std::uint64_t id, std::span<const std::uint8_t>) {
      if ((id >> kStoredLevelShift) == level) checker.ExtraNode({level, id & ((std::uint64_t{1} << kStoredLevelShift) - 1)});
    }));
  }
  if (!checker.failed())
    JIGSAW_RETURN_IF_ERROR(tx.audit().VisitNodes(StoredNodeId({level, 0}), 1, [&](std::uint64_t id, std::span<const std::uint8_t>) {
      checker.ExtraNode({static_cast<std::uint32_t>(id >> kStoredLevelShift), id & ((std::uint64_t{1} << kStoredLevelShift) - 1)});
    }));
  const store::AuditLogState state = JIGSAW_TRY(tx.audit().State());
  checker.CheckState(state.size, FrontierHashes(state).value_or(std::vector<audit::Hash>{{audit::Hash{}}}));
  checker.Into(report);
  return Ok();
}

}  // namespace jigsaw::service
