#include "service/drafts.h"

namespace jigsaw::service {
namespace {

// Bound into the seal, so a draft copied to another practitioner or
// subject in the database does not open.
std::string Owner(const Context& context) { return "draft-owner:" + context.actor.practitioner_id; }

Status RequireSignedIn(const Context& context) {
  if (context.actor.practitioner_id.empty()) return PermissionDenied("Sign in first.");
  return Ok();
}

}  // namespace

Status Drafts::Save(const Context& context, const std::string& subject, const std::string& data) {
  JIGSAW_RETURN_IF_ERROR(RequireSignedIn(context));
  if (data.size() > 256 * 1024) return InvalidArgument("draft", "This form is too long to keep.");
  const Bytes sealed = sealer_.Seal(data, subject, Owner(context));
  return store_.Write([&](store::Transaction& tx) {
    return tx.casework().PutDraft(context.actor.practitioner_id, subject, sealed, clock_.Now());
  });
}

Result<std::string> Drafts::Load(const Context& context, const std::string& subject) {
  JIGSAW_RETURN_IF_ERROR(RequireSignedIn(context));
  std::optional<Bytes> sealed;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    sealed = JIGSAW_TRY(tx.casework().FindDraft(context.actor.practitioner_id, subject));
    return Ok();
  }));
  if (!sealed) return std::string();
  auto opened = sealer_.Open(*sealed, subject, Owner(context));
  if (!opened) return std::string();
  return *opened;
}

Status Drafts::Discard(const Context& context, const std::string& subject) {
  JIGSAW_RETURN_IF_ERROR(RequireSignedIn(context));
  return store_.Write([&](store::Transaction& tx) {
    return tx.casework().DeleteDraft(context.actor.practitioner_id, subject);
  });
}

Result<std::int64_t> Drafts::PurgeOlderThan(Duration age) {
  std::int64_t purged = 0;
  JIGSAW_RETURN_IF_ERROR(store_.Write([&](store::Transaction& tx) -> Status {
    purged = JIGSAW_TRY(tx.casework().DeleteDraftsBefore(clock_.Now() - age));
    return Ok();
  }));
  return purged;
}

}  // namespace jigsaw::service
