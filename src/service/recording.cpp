#include "service/recording.h"

#include "common/random.h"
#include "service/restrictions.h"

namespace jigsaw::service {
namespace {

using access::Action;
using access::RecordFacts;

// Bound into the seal beside the organisation: a file's content moved to
// another attachment, or mistaken for a disclosure or a draft, does not open.
std::string SealSubject(const std::string& attachment_id) { return "attachment:" + attachment_id; }

// The concern `concern_id` names, if the actor may take `action` on it
// (the policy's need-to-know rule for concerns: its raiser and the DSL).
Result<domain::Concern> AuthorisedConcern(store::Transaction& tx, const Context& context, Action action,
                                          const std::string& concern_id, AuditEvent& event) {
  auto c = JIGSAW_TRY(tx.casework().FindConcern(concern_id));
  if (!c) return NotFound("There is no such record, or it is not shared with you.");
  event.child_id = c->child_id;
  JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, action, RecordFacts{c->organisation_id, c->raised_by, {}, {}, {}}));
  JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, c->organisation_id)).Check(c->child_id));
  return *c;
}

}  // namespace

Result<domain::BodyMark> Recording::AddBodyMark(const Context& context, const std::string& concern_id,
                                                const NewBodyMark& in) {
  AuditEvent event{"body_mark.create", "body_mark", NewId()};
  domain::BodyMark mark{.id = event.object_id,
                        .side = in.side,
                        .area = in.area,
                        .description = in.description,
                        .created_by = context.actor.practitioner_id,
                        .created_at = clock_.Now()};
  domain::Tidy(mark);
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto c = JIGSAW_TRY(AuthorisedConcern(tx, context, Action::kAddItem, concern_id, event));
    mark.organisation_id = c.organisation_id;
    mark.concern_id = c.id;
    if (in.point) {
      std::tie(mark.x, mark.y) = *in.point;
    } else if (const auto region = domain::RegionOf(in.side, in.area)) {
      int already = 0;
      for (const auto& m : JIGSAW_TRY(tx.recording().BodyMarksOfConcern(c.id)))
        already += m.side == in.side && m.area == in.area;
      std::tie(mark.x, mark.y) = domain::PlaceInArea(*region, already);
    }
    JIGSAW_RETURN_IF_ERROR(domain::Validate(mark));
    return tx.recording().InsertBodyMark(mark);
  }));
  return mark;
}

Result<domain::Attachment> Recording::AddAttachment(const Context& context, const std::string& concern_id,
                                                    NewAttachment in) {
  AuditEvent event{"attachment.create", "attachment", NewId()};
  // The bytes are checked and sealed before the transaction, so that the
  // writer thread only stores them. Only the actor's own organisation's
  // concerns take files (the policy below), so its key seals them.
  const auto type = JIGSAW_TRY(domain::CheckUpload(in.content, policy_.max_bytes));
  domain::Attachment a{.id = event.object_id,
                       .organisation_id = context.actor.organisation_id,
                       .file_name = domain::FileNameFor(in.file_name, type),
                       .type = type,
                       .size_bytes = static_cast<std::int64_t>(in.content.size()),
                       .description = std::move(in.description),
                       .created_by = context.actor.practitioner_id,
                       .created_at = clock_.Now()};
  domain::Tidy(a);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(a));
  a.sealed_content = sealer_.Seal(in.content, SealSubject(a.id), a.organisation_id);
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto c = JIGSAW_TRY(AuthorisedConcern(tx, context, Action::kAddItem, concern_id, event));
    if (c.organisation_id != a.organisation_id) return Internal("A file was sealed for another organisation.");
    a.concern_id = c.id;
    return tx.recording().InsertAttachment(a);
  }));
  a.sealed_content.clear();
  return a;
}

Result<AttachmentFile> Recording::OpenAttachment(const Context& context, const std::string& attachment_id) {
  AuditEvent event{"attachment.download", "attachment", attachment_id};
  AttachmentFile out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto a = JIGSAW_TRY(tx.recording().FindAttachment(attachment_id));
    if (!a) return NotFound("There is no such record, or it is not shared with you.");
    JIGSAW_TRY(AuthorisedConcern(tx, context, Action::kViewConcern, a->concern_id, event));
    out.attachment = std::move(*a);
    return Ok();
  }));
  // A destroyed file (retention or erasure; or crypto-shredded, in a copy
  // of the database made before) has no bytes left: it is gone, not broken.
  if (out.attachment.sealed_content.empty()) return NotFound("This file was destroyed.");
  // Opened once the download is on the record, outside the transaction.
  out.content = JIGSAW_TRY(sealer_.Open(out.attachment.sealed_content, SealSubject(out.attachment.id),
                                        out.attachment.organisation_id));
  out.attachment.sealed_content.clear();
  return out;
}

}  // namespace jigsaw::service
