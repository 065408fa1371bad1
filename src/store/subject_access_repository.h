// Subject access requests and the DPO's decision on each piece of what is
// held (domain/subject_access.h, docs/rights.md). Reached through
// Transaction::subject_access(); the SQL is in subject_access_repository.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/subject_access.h"

namespace jigsaw::store {

class SubjectAccessRepository {
 public:
  virtual ~SubjectAccessRepository() = default;
  // Fails with kAlreadyExists if the id is taken.
  virtual Status Insert(const domain::SubjectAccessRequest& request) = 0;
  virtual Result<std::optional<domain::SubjectAccessRequest>> Find(const std::string& id) = 0;
  // One organisation's requests (only those still open, if asked), the
  // earliest received first.
  virtual Result<std::vector<domain::SubjectAccessRequest>> OfOrganisation(const std::string& organisation_id,
                                                                          bool open_only) = 0;
  // Saves the extension (months, reason, by, at) of an open request;
  // kFailedPrecondition if it has been released.
  virtual Status UpdateExtension(const domain::SubjectAccessRequest& request) = 0;
  // Records the release and freezes what was released; kFailedPrecondition
  // if it was released already (two releases at once: one wins).
  virtual Status RecordRelease(const domain::SubjectAccessRequest& request) = 0;
  virtual Status InsertDecision(const domain::ExemptionDecision& decision) = 0;
  // Every decision on the request's pieces, oldest first.
  virtual Result<std::vector<domain::ExemptionDecision>> Decisions(const std::string& request_id) = 0;
};

}  // namespace jigsaw::store
