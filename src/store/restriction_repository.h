// Restrictions of processing and objections (domain/restriction.h,
// docs/rights.md). Reached through Transaction::restrictions(); the SQL is
// in restriction_repository.cpp (migration 24).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/restriction.h"

namespace jigsaw::store {

class RestrictionRepository {
 public:
  virtual ~RestrictionRepository() = default;

  virtual Status InsertRestriction(const domain::Restriction& restriction) = 0;
  virtual Result<std::optional<domain::Restriction>> FindRestriction(const std::string& id) = 0;
  // Saves lifted_by, lifted_at and lift_reason.
  virtual Status LiftRestriction(const domain::Restriction& restriction) = 0;
  // The organisation's restrictions, newest first; standing ones only if asked.
  virtual Result<std::vector<domain::Restriction>> Restrictions(const std::string& organisation_id,
                                                                bool standing_only) = 0;

  virtual Status InsertObjection(const domain::Objection& objection) = 0;
  virtual Result<std::optional<domain::Objection>> FindObjection(const std::string& id) = 0;
  // Saves decision, decision_reason, decided_by and decided_at.
  virtual Status DecideObjection(const domain::Objection& objection) = 0;
  // Newest first.
  virtual Result<std::vector<domain::Objection>> Objections(const std::string& organisation_id) = 0;
  virtual Result<std::vector<domain::Objection>> ObjectionsAbout(const std::string& person_id) = 0;
};

}  // namespace jigsaw::store
