// What a concern records beyond its account and items, as thoroughly as
// the school safeguarding tools: marks on a body map, and files
// (photographs of an injury, letters) kept sealed at rest like disclosures.
// Adding either is authorised as adding information to the concern; a file
// is opened only by someone who may read the concern, and every opening,
// or refusal, is audited in the same way as reading the concern.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "access/sealing.h"
#include "domain/attachment.h"
#include "domain/body_map.h"
#include "service/context.h"
#include "service/workflow.h"

namespace jigsaw::service {

struct AttachmentPolicy {
  // The largest file accepted. The HTTP body limit must leave room for it
  // (base64 in JSON is a third larger): app::LoadConfig checks.
  std::size_t max_bytes = 4 * 1024 * 1024;
};

struct NewBodyMark {
  domain::BodySide side = domain::BodySide::kFront;
  domain::BodyArea area = domain::BodyArea::kHead;
  // Where it was placed in the outline's coordinates; without one (no
  // pointer, no script), the mark goes in the middle of its area.
  std::optional<std::pair<int, int>> point;
  std::string description;
};

struct NewAttachment {
  std::string file_name;
  std::string description;
  std::string content;  // the file's bytes, whatever the client said they were
};

struct AttachmentFile {
  domain::Attachment attachment;
  std::string content;  // opened
};

class Recording {
 public:
  Recording(store::Store& store, const Clock& clock, const AuditTrail& trail, const access::Sealer& sealer,
            AttachmentPolicy policy)
      : store_(store), clock_(clock), trail_(trail), sealer_(sealer), policy_(policy) {}

  // Fails with kInvalidArgument naming the field (side, area, x,
  // description), kNotFound / kPermissionDenied as for adding an item.
  Result<domain::BodyMark> AddBodyMark(const Context& context, const std::string& concern_id,
                                       const NewBodyMark& mark);
  // The file is checked (size, kind by its bytes: field "file"), named and
  // described, sealed for the concern's organisation and stored.
  Result<domain::Attachment> AddAttachment(const Context& context, const std::string& concern_id,
                                           NewAttachment file);
  // The file and its content, for someone who may read its concern; the
  // download is audited (kNotFound for another organisation's file).
  Result<AttachmentFile> OpenAttachment(const Context& context, const std::string& attachment_id);

  const AttachmentPolicy& policy() const { return policy_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const access::Sealer& sealer_;
  AttachmentPolicy policy_;
};

}  // namespace jigsaw::service
