// The audit log as its readers use it: searching it (DPOs, DSLs), signing
// and publishing tree heads, inclusion and consistency proofs, and
// verifying the whole log against its signed heads.
#pragma once

#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "audit/tree_head.h"
#include "audit/verifier.h"
#include "common/clock.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

struct InclusionProof {
  std::uint64_t index = 0;
  std::uint64_t tree_size = 0;
  audit::Hash leaf_hash{};
  std::vector<audit::Hash> path;
};

struct ConsistencyProof {
  std::uint64_t first = 0, second = 0;
  std::vector<audit::Hash> path;
};

class AuditLog {
 public:
  AuditLog(store::Store& store, const Clock& clock, const AuditTrail& trail,
           const audit::SigningKey& key)
      : store_(store), clock_(clock), trail_(trail), key_(key) {}

  // DSLs, DPOs, Caldicott guardians and senior leaders see their own
  // organisation's records; the partnership administrator sees all. The
  // search itself is audited.
  Result<std::vector<domain::AuditRecord>> Search(const Context& context, store::AuditQuery query);

  const audit::PublicKey& public_key() const { return key_.public_key(); }

  // Signs the log as it is now, unless the newest head already covers it;
  // returns the newest head either way.
  Result<audit::TreeHead> SignTreeHead();
  Result<std::optional<audit::TreeHead>> LatestTreeHead();

  // kInvalidArgument (field "index"/"tree_size"/"first"/"second") for sizes
  // beyond the log.
  Result<InclusionProof> ProveInclusion(std::uint64_t index, std::uint64_t tree_size);
  // Loads the upper levels of the tree, which every proof reads, into
  // memory, so that proofs are fast from the first; at start, in the
  // background (10 million records: about 600,000 nodes). Returns how many.
  Result<std::size_t> WarmCache();
  Result<ConsistencyProof> ProveConsistency(std::uint64_t first, std::uint64_t second);

  // Recomputes the tree from every stored record and checks every stored
  // head, plus `extra_heads` (e.g. ones kept off-site), with `key`.
  Result<audit::VerifyReport> Verify(const audit::PublicKey& key,
                                     const std::vector<audit::TreeHead>& extra_heads);

 private:
  // Builds a proof from stored nodes, in one read that also checks the log
  // has at least `tree_size` records (else kInvalidArgument on `field`).
  Result<std::vector<audit::Hash>> Fetch(std::uint64_t tree_size, std::string_view field,
                                         const std::vector<audit::NodeId>& ids,
                                         std::function<std::optional<std::vector<audit::Hash>>(
                                             const audit::NodeLookup&)> build);

  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const audit::SigningKey& key_;

  // Perfect subtrees never change once stored, so the upper levels (few,
  // and in every proof) are kept in memory; safe with several instances.
  // The cached levels start at the lowest from 4 up whose nodes (about
  // 2 * size / 2^level) fit in kMaxCachedNodes: a proof then reads at most
  // that many levels from the database, and the cache never has to be
  // dropped and refilled as proofs arrive (10 million records: from level
  // 5, about 625,000 nodes).
  static constexpr std::uint32_t kLowestCachedLevel = 4;
  static constexpr std::size_t kMaxCachedNodes = 1 << 20;  // about 90 MB at most
  static std::uint32_t CachedFromLevel(std::uint64_t tree_size);
  std::shared_mutex cache_mu_;
  std::unordered_map<std::uint64_t, audit::Hash> cache_;
};

}  // namespace jigsaw::service
