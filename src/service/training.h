// Practitioners' training in information sharing, data protection and
// safeguarding (docs/workflow.md, "Training"): recording it (oneself, or
// as the organisation's DSL or administrator), reading one person's, and
// the DSL's view of the staff's state. Every read and write is authorised
// and audited; expiry is judged on the injected clock's UK date.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/practitioner.h"
#include "domain/training.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/store.h"
#include "store/training_repository.h"

namespace jigsaw::service {

struct NewTraining {
  std::string practitioner_id;  // whose training; empty: the actor's own
  domain::TrainingKind kind = domain::TrainingKind::kInformationSharing;
  std::string course;
  std::string completed_on;  // "YYYY-MM-DD"
  std::string expires_on;    // "YYYY-MM-DD"
};

// One kind of training, where the person stands with it today.
struct TrainingStatus {
  domain::TrainingKind kind = domain::TrainingKind::kInformationSharing;
  domain::TrainingState state = domain::TrainingState::kNone;
  std::string expires_on;  // the latest expiry recorded; empty for kNone
};

// The status of each of `kinds`, given the latest expiry of each kind
// recorded (absent: none), on `today` ("YYYY-MM-DD").
std::vector<TrainingStatus> StatusOf(const std::vector<domain::TrainingKind>& kinds,
                                     const std::map<domain::TrainingKind, std::string>& latest,
                                     const std::string& today);

// Within the caller's transaction: the kinds the actor is expected to keep
// current (domain::RequiredTrainingKinds) that have lapsed or were never
// recorded, for the home page's reminder. Reads only the actor's own
// records, so needs no further authorisation; the caller audits the read.
Result<std::vector<TrainingStatus>> TrainingDue(store::Transaction& tx, const access::Actor& actor,
                                                const std::string& today);

struct PractitionerTraining {
  domain::Practitioner practitioner;
  std::vector<TrainingStatus> status;          // every kind, in the order of TrainingKind
  std::vector<domain::TrainingRecord> records;  // the latest expiry first
  std::vector<std::string> recorded_by_names;   // in the same order as records
};

struct StaffMemberTraining {
  std::string practitioner_id;
  std::string display_name;
  std::vector<TrainingStatus> status;  // every kind, in the order of TrainingKind
};

struct StaffTraining {
  std::vector<StaffMemberTraining> staff;  // enabled accounts, by username
  // How many of the staff are in each state, for each kind.
  std::map<domain::TrainingKind, std::map<domain::TrainingState, int>> counts;
};

class Training {
 public:
  Training(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // Records the training (kRecordTraining on the practitioner). Fails with
  // kInvalidArgument naming the field (course, completed_on, expires_on)
  // and writes nothing; kNotFound for someone outside the actor's
  // organisation or no such person; kPermissionDenied for a colleague's
  // when the actor is neither their DSL nor administrator.
  Result<domain::TrainingRecord> Record(const Context& context, NewTraining training);

  // One practitioner's training (kViewTraining); empty id: the actor's own.
  Result<PractitionerTraining> Of(const Context& context, const std::string& practitioner_id);

  // The state of each member of staff of the actor's organisation
  // (kViewStaffTraining): kinds and dates only, no casework.
  Result<StaffTraining> StaffOf(const Context& context);

  // Today's UK date on the injected clock, "YYYY-MM-DD".
  std::string Today() const;

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
