#include "service/audit_log.h"

#include <cstring>
#include <atomic>
#include <condition_variable>
#include <map>
#include <thread>
#include <mutex>

#include "audit/merkle.h"
#include "common/log.h"
#include "service/stored_tree.h"
#include "service/workflow.h"

namespace jigsaw::service {
namespace {

constexpr std::uint64_t kLevelShift = 48;

std::uint64_t StoredId(const audit::NodeId& id) { return StoredNodeId(id); }

audit::TreeHead FromStored(const store::StoredTreeHead& s) {
  audit::TreeHead h;
  h.size = s.size;
  h.root = ToHash(s.root);
  h.time = s.time;
  if (s.signature.size() == h.signature.size())
    std::memcpy(h.signature.data(), s.signature.data(), h.signature.size());
  h.key_id = s.key_id;
  return h;
}

// Names for the people and organisations in `records`, for a reader.
Result<std::vector<TrailEntry>> Named(store::Transaction& tx, const std::vector<domain::AuditRecord>& records) {
  std::map<std::string, std::string> organisations, practitioners;
  for (const auto& o : JIGSAW_TRY(tx.organisations().List())) organisations[o.id] = o.name;
  std::vector<TrailEntry> out;
  for (const auto& r : records) {
    if (!r.practitioner_id.empty() && !practitioners.contains(r.practitioner_id)) {
      const auto p = JIGSAW_TRY(tx.practitioners().Find(r.practitioner_id));
      practitioners[r.practitioner_id] = p ? p->display_name : "";
    }
    out.push_back({r, r.practitioner_id.empty() ? "" : practitioners[r.practitioner_id],
                   organisations[r.organisation_id]});
  }
  return out;
}

}  // namespace

Result<std::vector<domain::AuditRecord>> AuditLog::Search(const Context& context,
                                                          store::AuditQuery query) {
  const AuditEvent event{"audit.search", "audit_log", query.child_id, domain::AuditOutcome::kAllowed,
                         query.child_id};
  auto scope = access::AuditReadScope(context.actor);
  if (!scope) return trail_.Deny(context, event, scope.error());
  if (*scope == access::AuditScope::kOrganisation) {
    if (!query.organisation_id.empty() && query.organisation_id != context.actor.organisation_id)
      return trail_.Deny(context, event, Error{ErrorCode::kPermissionDenied,
                                               "You can read only your own organisation's audit records: what its "
                                               "staff did, and what anyone did to its records.",
                                               "organisation_id"});
    query.visible_to_organisation_id = context.actor.organisation_id;
  }
  if (query.limit == 0 || query.limit > 1000)
    return InvalidArgument("limit", "Ask for 1 to 1000 records at a time.");
  std::vector<domain::AuditRecord> out;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.audit().Search(query));
    return trail_.Append(tx, context, event);
  }));
  return out;
}

using access::FactsOf;

bool AuditLog::MayViewTrail(const Context& context, const domain::Disclosure& disclosure) {
  return access::Authorise(context.actor, access::Action::kViewDisclosureTrail, FactsOf(disclosure)).has_value();
}

Result<DisclosureTrail> AuditLog::TrailOfDisclosure(const Context& context, const std::string& disclosure_id) {
  AuditEvent event{"disclosure.trail", "disclosure", disclosure_id};
  DisclosureTrail out{disclosure_id, {}, {}};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto d = JIGSAW_TRY(tx.casework().FindDisclosure(disclosure_id));
    if (!d) return NotFound("There is no such record, or it is not shared with you.");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, access::Action::kViewDisclosureTrail, FactsOf(*d)));
    event.child_id = d->child_id;  // the sharer's own child
    const auto records = JIGSAW_TRY(tx.audit().Search({.object_id = disclosure_id, .limit = 1000}));
    std::vector<domain::AuditRecord> reads, refused;
    for (const auto& r : records) {
      if (r.outcome != domain::AuditOutcome::kAllowed) refused.push_back(r);
      else if (r.action == "disclosure.read" && r.organisation_id == d->recipient_organisation_id) reads.push_back(r);
    }
    out.reads = JIGSAW_TRY(Named(tx, reads));
    out.refused = JIGSAW_TRY(Named(tx, refused));
    return Ok();
  }));
  return out;
}

Result<audit::TreeHead> AuditLog::SignTreeHead() {
  audit::TreeHead head;
  Status signed_head = store_.Write([&](store::Transaction& tx) -> Status {
    // The lock first: then the newest head read is every instance's newest.
    const store::AuditLogState state = JIGSAW_TRY(tx.audit().LockState());
    const auto stored = JIGSAW_TRY(tx.audit().LatestTreeHead());
    std::optional<audit::TreeHead> latest;
    if (stored) latest = FromStored(*stored);
    JIGSAW_RETURN_IF_ERROR(CheckRightEdge(tx, state, latest));
    if (latest && latest->size == state.size) {
      head = *latest;
      return Ok();
    }
    head = key_.Sign(state.size, audit::Root(audit::Frontier{state.size, *FrontierHashes(state)}), clock_.Now());
    return tx.audit().InsertTreeHead({head.size, Bytes(head.root.begin(), head.root.end()), head.time,
                                      Bytes(head.signature.begin(), head.signature.end()), head.key_id});
  });
  if (!signed_head) {
    log::Error("audit.sign_refused", {{"error", signed_head.error().message}});
    return std::unexpected(signed_head.error());
  }
  return head;
}

Result<audit::TreeHead> AuditLog::CurrentTreeHead() {
  std::optional<audit::TreeHead> covering;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    const std::uint64_t size = JIGSAW_TRY(tx.audit().Size());
    if (auto s = JIGSAW_TRY(tx.audit().LatestTreeHead()); s && s->size == size) covering = FromStored(*s);
    return Ok();
  }));
  if (covering) return *covering;
  return SignTreeHead();
}

Result<std::optional<audit::TreeHead>> AuditLog::LatestTreeHead() {
  std::optional<audit::TreeHead> out;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    if (auto s = JIGSAW_TRY(tx.audit().LatestTreeHead())) out = FromStored(*s);
    return Ok();
  }));
  return out;
}

Result<std::vector<audit::Hash>> AuditLog::Fetch(
    std::uint64_t tree_size, std::string_view field, const std::vector<audit::NodeId>& ids,
    std::function<std::optional<std::vector<audit::Hash>>(const audit::NodeLookup&)> build) {
  std::map<std::uint64_t, audit::Hash> by_id;
  std::vector<std::uint64_t> wanted;
  wanted.reserve(ids.size());
  {
    std::shared_lock lock(cache_mu_);
    for (const auto& id : ids) {
      const std::uint64_t key = StoredId(id);
      if (auto it = cache_.find(key); it != cache_.end()) by_id[key] = it->second;
      else wanted.push_back(key);
    }
  }
  std::uint64_t size = 0;
  std::vector<store::AuditNode> nodes;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    size = JIGSAW_TRY(tx.audit().Size());
    if (size >= tree_size && !wanted.empty()) nodes = JIGSAW_TRY(tx.audit().Nodes(wanted));
    return Ok();
  }));
  if (tree_size == 0 || size < tree_size)
    return InvalidArgument(std::string(field), "The log has " + std::to_string(size) + " records.");
  if (!nodes.empty()) {
    const std::uint32_t cached_from = CachedFromLevel(size);
    std::unique_lock lock(cache_mu_);
    // Only when the log has grown past what the levels fit: start afresh
    // from the higher level.
    if (cache_.size() >= kMaxCachedNodes) std::erase_if(cache_, [&](const auto& n) { return (n.first >> kLevelShift) < cached_from; });
    for (const auto& n : nodes) {
      by_id[n.id] = ToHash(n.hash);
      if ((n.id >> kLevelShift) >= cached_from && cache_.size() < kMaxCachedNodes) cache_[n.id] = by_id[n.id];
    }
  }
  auto proof = build([&](const audit::NodeId& id) -> std::optional<audit::Hash> {
    auto it = by_id.find(StoredId(id));
    if (it == by_id.end()) return std::nullopt;
    return it->second;
  });
  if (!proof) return Internal("The audit log is missing a stored hash; run `jigsaw audit verify`.");
  return *proof;
}

std::uint32_t AuditLog::CachedFromLevel(std::uint64_t tree_size) {
  std::uint32_t level = kLowestCachedLevel;
  while (level < 63 && 2 * (tree_size >> level) > kMaxCachedNodes) ++level;
  return level;
}

Result<std::size_t> AuditLog::WarmCache() {
  std::vector<std::pair<std::uint64_t, audit::Hash>> nodes;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    const std::uint32_t from = CachedFromLevel(JIGSAW_TRY(tx.audit().Size()));
    return tx.audit().VisitNodes(std::uint64_t{from} << kLevelShift, kMaxCachedNodes,
                                 [&](std::uint64_t id, std::span<const std::uint8_t> hash) {
                                   if (hash.size() == 32) nodes.emplace_back(id, ToHash(hash));
                                 });
  }));
  std::unique_lock lock(cache_mu_);
  cache_.reserve(nodes.size());
  for (const auto& [id, hash] : nodes) cache_.emplace(id, hash);
  return nodes.size();
}

Result<InclusionProof> AuditLog::ProveInclusion(std::uint64_t index, std::uint64_t tree_size) {
  if (index >= tree_size) return InvalidArgument("index", "The index must be below the tree size.");
  InclusionProof out{index, tree_size, {}, {}};
  auto ids = audit::InclusionProofNodes(index, tree_size);
  ids.push_back({0, index});  // the leaf itself
  out.path = JIGSAW_TRY(Fetch(tree_size, "tree_size", ids, [&](const audit::NodeLookup& lookup) {
    if (auto leaf = lookup({0, index})) out.leaf_hash = *leaf;
    else return std::optional<std::vector<audit::Hash>>();
    return audit::InclusionProof(index, tree_size, lookup);
  }));
  return out;
}

Result<ConsistencyProof> AuditLog::ProveConsistency(std::uint64_t first, std::uint64_t second) {
  if (first == 0 || first > second)
    return InvalidArgument("first", "The first size must be from 1 to the second size.");
  ConsistencyProof out{first, second, {}};
  out.path = JIGSAW_TRY(Fetch(second, "second", audit::ConsistencyProofNodes(first, second),
                              [&](const audit::NodeLookup& lookup) {
                                return audit::ConsistencyProof(first, second, lookup);
                              }));
  return out;
}

Result<audit::VerifyReport> AuditLog::Verify(const audit::PublicKey& key,
                                             const std::vector<audit::TreeHead>& extra_heads) {
  VerifyOptions options{audit::TrustedKeys({key}), {}, false};
  for (const auto& h : extra_heads) options.extra_heads.push_back({h, "given"});
  return Verify(options);
}

Result<audit::VerifyReport> AuditLog::Verify(const VerifyOptions& options) {
  audit::VerifyReport report;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    std::vector<audit::SourcedHead> heads = options.extra_heads;
    for (const auto& s : JIGSAW_TRY(tx.audit().TreeHeads())) heads.push_back({FromStored(s), "stored"});
    JIGSAW_RETURN_IF_ERROR(VerifyRecords(tx, std::move(heads), options.keys, report));
    // The stored tree is checked only against records that verified: its
    // leaves are then known good.
    if (options.deep && report.ok) return CheckStoredTree(tx, report.size, report);
    return Ok();
  }));
  return report;
}

Status AuditLog::VerifyRecords(store::Transaction& tx, std::vector<audit::SourcedHead> heads,
                               const audit::TrustedKeys& keys, audit::VerifyReport& report) {
  // Two stages on two cores: this thread reads records into one batch while
  // a worker hashes and checks the other (reading and hashing cost about the
  // same). A full batch is handed over only when the worker has finished the
  // previous one, and the reader then refills that finished one: the two
  // never touch the same buffer.
  struct Batch {
    std::vector<domain::AuditRecord> records;
    std::vector<audit::Hash> leaves;
    std::size_t n = 0;
  };
  constexpr std::size_t kBatch = 4096;
  audit::LogVerifier verifier(std::move(heads), keys);

  Batch batches[2];
  for (auto& b : batches) {
    b.records.resize(kBatch);
    b.leaves.resize(kBatch);
  }
  std::mutex mu;
  std::condition_variable cv;
  Batch* ready = nullptr;       // handed over, not yet taken
  Batch* processing = nullptr;  // taken, not yet finished
  bool finished = false;
  std::atomic<bool> failed{false};
  std::thread worker([&] {
    for (;;) {
      Batch* b;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return ready != nullptr || finished; });
        if (!ready) return;
        b = ready;
        ready = nullptr;
        processing = b;
      }
      for (std::size_t i = 0; i < b->n && !failed; ++i)
        if (!verifier.Add(b->records[i].index, b->records[i], b->leaves[i])) failed = true;
      {
        std::lock_guard lock(mu);
        processing = nullptr;
      }
      cv.notify_all();
    }
  });
  auto hand_over = [&](Batch* full) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return ready == nullptr && processing == nullptr; });
    ready = full;
    cv.notify_all();
  };
  int current = 0;
  Status scanned = tx.audit().Scan(0, [&](const domain::AuditRecord& r, const Bytes& leaf) {
    Batch& b = batches[current];
    b.records[b.n] = r;  // assignment reuses the strings' capacity
    b.leaves[b.n] = ToHash(leaf);
    if (++b.n == kBatch) {
      hand_over(&b);
      current ^= 1;
      batches[current].n = 0;
    }
    return !failed.load();
  });
  if (batches[current].n > 0) hand_over(&batches[current]);
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return ready == nullptr && processing == nullptr; });
    finished = true;
  }
  cv.notify_all();
  worker.join();
  JIGSAW_RETURN_IF_ERROR(scanned);
  report = verifier.Finish();
  return Ok();
}

}  // namespace jigsaw::service
