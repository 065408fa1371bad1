// Retention schedules, legal holds, erasure requests and the destruction
// of records' content (domain/retention.h, docs/retention.md). Reached
// through Transaction::retention(); the SQL is in retention_repository.cpp.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/retention.h"

namespace jigsaw::store {

// A concern's dates, for measuring it against the schedule.
struct ConcernDates {
  std::string concern_id;
  std::string child_id;
  domain::RecordDates dates;
};

class RetentionRepository {
 public:
  virtual ~RetentionRepository() = default;

  // The organisation's own rules (a kind it never set is absent: the
  // default for its type applies).
  virtual Result<std::vector<domain::RetentionRule>> Rules(const std::string& organisation_id) = 0;
  // Replaces the organisation's rule for rule.kind.
  virtual Status PutRule(const std::string& organisation_id, const domain::RetentionRule& rule,
                         const std::string& set_by, Time at) = 0;

  virtual Status InsertHold(const domain::LegalHold& hold) = 0;
  virtual Result<std::optional<domain::LegalHold>> FindHold(const std::string& id) = 0;
  // Saves lifted_by, lifted_at and lift_reason.
  virtual Status LiftHold(const domain::LegalHold& hold) = 0;
  // The organisation's holds, newest first; standing ones only if asked.
  virtual Result<std::vector<domain::LegalHold>> Holds(const std::string& organisation_id, bool active_only) = 0;

  virtual Status InsertErasureRequest(const domain::ErasureRequest& request) = 0;
  // Newest first.
  virtual Result<std::vector<domain::ErasureRequest>> ErasureRequests(const std::string& organisation_id) = 0;

  // Fails with kAlreadyExists if the record was destroyed before.
  virtual Status InsertDestruction(const domain::Destruction& destruction) = 0;
  // Newest first.
  virtual Result<std::vector<domain::Destruction>> Destructions(const std::string& organisation_id) = 0;

  // The organisation's concerns whose content is not yet destroyed, with
  // their dates: created, last activity (the latest of the concern being
  // seen, actioned, closed or given an item) and the child's date of birth.
  virtual Result<std::vector<ConcernDates>> ConcernsToMeasure(const std::string& organisation_id) = 0;
  virtual Result<std::optional<ConcernDates>> ConcernToMeasure(const std::string& concern_id) = 0;

  // Destroys a concern's content in place: its account, the text and
  // source of its items and every earlier version of them, its body map's
  // descriptions, its closures' notes, its tasks' descriptions, the notes
  // on its links and its attachments (names, descriptions, sealed bytes).
  // Ids, kinds, dates and who recorded what remain.
  virtual Status DestroyConcernContent(const std::string& concern_id) = 0;
  // Destroys what identifies a person: names, date of birth, numbers,
  // address, contact details, every earlier version of them, their entry
  // in the partnership index, the notes of flags on them, and the items
  // recorded about them outside a concern.
  virtual Status DestroyPersonDetails(const std::string& person_id) = 0;

  // Storage limitation for the short-lived records of the organisation's
  // staff: drafts untouched since, sessions unused since, notifications
  // made before `before`. Each returns how many went.
  virtual Result<std::int64_t> PurgeDrafts(const std::string& organisation_id, Time before) = 0;
  virtual Result<std::int64_t> PurgeSessions(const std::string& organisation_id, Time before) = 0;
  virtual Result<std::int64_t> PurgeNotifications(const std::string& organisation_id, Time before) = 0;
};

}  // namespace jigsaw::store
