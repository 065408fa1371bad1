// Practitioners' training records (domain/training.h, docs/workflow.md
// "Training"). Reached through Transaction::training(); the SQL is in
// training_repository.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/training.h"

namespace jigsaw::store {

class TrainingRepository {
 public:
  virtual ~TrainingRepository() = default;
  // Fails with kAlreadyExists if the id is taken.
  virtual Status Insert(const domain::TrainingRecord& record) = 0;
  // One practitioner's records, the latest expiry first.
  virtual Result<std::vector<domain::TrainingRecord>> Of(const std::string& practitioner_id) = 0;
  // For each of these practitioners, the latest expiry date of each kind
  // they have a record of (a kind with none is absent).
  virtual Result<std::map<std::string, std::map<domain::TrainingKind, std::string>>> LatestExpiries(
      const std::vector<std::string>& practitioner_ids) = 0;
};

}  // namespace jigsaw::store
