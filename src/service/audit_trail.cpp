#include "service/audit_trail.h"

#include <cstring>

#include "audit/encoding.h"
#include "audit/merkle.h"
#include "common/random.h"

namespace jigsaw::service {
namespace {

constexpr std::uint64_t kTrailLevelShift = 48;

audit::Frontier ToFrontier(const store::AuditLogState& s) {
  audit::Frontier f;
  f.size = s.size;
  for (std::size_t i = 0; i + 32 <= s.frontier.size(); i += 32) {
    audit::Hash h;
    std::memcpy(h.data(), s.frontier.data() + i, 32);
    f.hashes.push_back(h);
  }
  return f;
}

store::AuditLogState ToState(const audit::Frontier& f) {
  store::AuditLogState s{f.size, {}};
  s.frontier.reserve(f.hashes.size() * 32);
  for (const auto& h : f.hashes) s.frontier.insert(s.frontier.end(), h.begin(), h.end());
  return s;
}

// The id as it may be recorded: ids only, never other text.
std::string Recordable(const std::string& id) {
  if (id.empty() || IsWellFormedId(id)) return id;
  return std::string(kMalformedId);
}

// The child a record names: on a refused or failed request, only a child
// whose record the actor's organisation holds (the operator reads the whole
// log anyway).
Result<std::string> ChildToRecord(store::Transaction& tx, const Context& context, const AuditEvent& event) {
  std::string child = Recordable(event.child_id);
  if (event.outcome == domain::AuditOutcome::kAllowed || context.actor.is_operator || child.empty() ||
      child == kMalformedId)
    return child;
  const auto person = JIGSAW_TRY(tx.casework().FindPerson(child));
  if (person && !context.actor.organisation_id.empty() &&
      person->organisation_id == context.actor.organisation_id)
    return child;
  return std::string();
}

}  // namespace

Status AuditTrail::Append(store::Transaction& tx, const Context& context,
                          const AuditEvent& event) const {
  std::string child_id = JIGSAW_TRY(ChildToRecord(tx, context, event));
  const store::AuditLogState state = JIGSAW_TRY(tx.audit().LockState());
  audit::Frontier frontier = ToFrontier(state);
  if (frontier.hashes.size() != static_cast<std::size_t>(std::popcount(frontier.size)))
    return Internal("The audit log state is inconsistent; run `jigsaw audit verify`.");
  domain::AuditRecord r;
  r.index = frontier.size;
  r.time = clock_.Now();
  r.practitioner_id = context.actor.practitioner_id;
  r.organisation_id = context.actor.organisation_id;
  r.roles = context.actor.is_operator ? "operator" : context.actor.roles.Join();
  r.action = event.action;
  r.object_type = event.object_type;
  r.object_id = Recordable(event.object_id);
  r.child_id = std::move(child_id);
  r.purpose = event.purpose;
  r.outcome = event.outcome;
  r.request_id = context.request_id;
  const audit::Hash leaf = audit::LeafHash(audit::Encode(r));
  std::vector<store::AuditNode> completed;
  for (const auto& [id, hash] : audit::Append(frontier, leaf))
    completed.push_back({(std::uint64_t{id.level} << kTrailLevelShift) | id.index, Bytes(hash.begin(), hash.end())});
  return tx.audit().Append(r, Bytes(leaf.begin(), leaf.end()), completed, ToState(frontier));
}

Status AuditTrail::Record(const Context& context, const AuditEvent& event) const {
  return store_.Write([&](store::Transaction& tx) { return Append(tx, context, event); });
}

std::unexpected<Error> AuditTrail::Deny(const Context& context, AuditEvent event,
                                        const Error& error) const {
  // Not found is a refusal too: the policy hides records of organisations
  // the actor has no part in, and probing for them should show in the log.
  event.outcome = error.code == ErrorCode::kPermissionDenied ||
                          error.code == ErrorCode::kUnauthenticated ||
                          error.code == ErrorCode::kNotFound
                      ? domain::AuditOutcome::kDenied
                      : domain::AuditOutcome::kFailed;
  if (auto recorded = Record(context, event); !recorded) return std::unexpected(recorded.error());
  return std::unexpected(error);
}

}  // namespace jigsaw::service
