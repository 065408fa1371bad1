// The audit log as its readers use it: searching it (DPOs, DSLs), what
// became of a disclosure (for the sharer), signing and publishing tree
// heads (never one the stored tree contradicts), inclusion and consistency
// proofs, and verifying the whole log against its signed heads, its
// witnesses' countersigned heads and, deeply, its stored tree.
#pragma once

#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "audit/tree_head.h"
#include "audit/verifier.h"
#include "common/clock.h"
#include "domain/casework.h"
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

struct VerifyOptions {
  audit::TrustedKeys keys;                      // the log's public keys
  std::vector<audit::SourcedHead> extra_heads;  // exported or witnessed heads
  bool deep = false;                            // also every stored node and the right edge
};

// One entry of what became of a disclosure, with names for the reader.
struct TrailEntry {
  domain::AuditRecord record;
  std::string practitioner_name;   // empty if nobody was signed in
  std::string organisation_name;
};

struct DisclosureTrail {
  std::string disclosure_id;
  std::vector<TrailEntry> reads;    // openings by the recipient organisation, newest first
  std::vector<TrailEntry> refused;  // refused attempts on it by anyone, newest first
};

class AuditLog {
 public:
  // `key` signs; `trusted` (which should include it) verifies, so heads
  // signed before a rotation still check.
  AuditLog(store::Store& store, const Clock& clock, const AuditTrail& trail, const audit::SigningKey& key,
           audit::TrustedKeys trusted)
      : store_(store), clock_(clock), trail_(trail), key_(key), trusted_(std::move(trusted)) {}
  AuditLog(store::Store& store, const Clock& clock, const AuditTrail& trail, const audit::SigningKey& key)
      : AuditLog(store, clock, trail, key, audit::TrustedKeys({key.public_key()})) {}

  // The whole log for the partnership administrator and the operator; an
  // organisation's view (what its staff did and what anyone did to its
  // records) for its DSLs, DPOs, Caldicott guardians and senior leaders
  // (access::AuditReadScope). The search itself is audited.
  Result<std::vector<domain::AuditRecord>> Search(const Context& context, store::AuditQuery query);

  // Who at the recipient read a disclosure and when, and every refused
  // attempt on it, for the sharing organisation's DSL and governance roles
  // (access kViewDisclosureTrail). Audited.
  Result<DisclosureTrail> TrailOfDisclosure(const Context& context, const std::string& disclosure_id);
  // Whether TrailOfDisclosure would allow the actor this disclosure (just
  // loaded for them): for a page to offer the section. Reads and records nothing.
  static bool MayViewTrail(const Context& context, const domain::Disclosure& disclosure);

  const audit::PublicKey& public_key() const { return key_.public_key(); }
  const std::string& key_id() const { return key_.key_id(); }
  const audit::TrustedKeys& trusted_keys() const { return trusted_; }

  // Signs the log as it is now, unless the newest head already covers it;
  // returns the newest head either way. Refuses (kInternal, saying why) if
  // the stored right edge does not match the stored tree, or the new head
  // would not be consistent with the newest signed one: a damaged tree must
  // never be signed (it would also blame genuine records).
  Result<audit::TreeHead> SignTreeHead();
  // The newest head if it already covers the whole log, else SignTreeHead():
  // for readers and witnesses (the public endpoint), so that asking while
  // nothing changes costs one read, not a write transaction.
  Result<audit::TreeHead> CurrentTreeHead();
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
  // head and every extra head; with `deep`, then every stored node and the
  // stored right edge against the tree the records make.
  Result<audit::VerifyReport> Verify(const VerifyOptions& options);
  // The same with one key and no source names (stored heads and `extra_heads`).
  Result<audit::VerifyReport> Verify(const audit::PublicKey& key,
                                     const std::vector<audit::TreeHead>& extra_heads);

 private:
  // Builds a proof from stored nodes, in one read that also checks the log
  // has at least `tree_size` records (else kInvalidArgument on `field`).
  Result<std::vector<audit::Hash>> Fetch(std::uint64_t tree_size, std::string_view field,
                                         const std::vector<audit::NodeId>& ids,
                                         std::function<std::optional<std::vector<audit::Hash>>(
                                             const audit::NodeLookup&)> build);
  Status VerifyRecords(store::Transaction& tx, std::vector<audit::SourcedHead> heads,
                       const audit::TrustedKeys& keys, audit::VerifyReport& report);

  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const audit::SigningKey& key_;
  audit::TrustedKeys trusted_;

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
