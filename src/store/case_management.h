// The records of triage and case management (domain/case_management.h):
// a disclosure's sealed triage summary, the recipient's marks on it, the
// closing and reopening of concerns, tasks, links between concerns and
// flags on a child's record. Part of store::Transaction (store.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/encoding.h"
#include "common/result.h"
#include "domain/case_management.h"

namespace jigsaw::store {

struct TaskQuery {
  std::string organisation_id;
  std::string owner_id;
  std::string concern_id;
  bool open_only = false;
  std::size_t limit = 500;
};

class CaseManagementRepository {
 public:
  virtual ~CaseManagementRepository() = default;

  // A disclosure's triage summary, sealed like its content; written once,
  // with the disclosure.
  virtual Status InsertDisclosureSummary(const std::string& disclosure_id, const std::string& recipient_organisation_id,
                                         const Bytes& sealed_summary) = 0;
  // The sealed summaries of those disclosures that have one, by disclosure id.
  virtual Result<std::map<std::string, Bytes>> DisclosureSummaries(const std::vector<std::string>& disclosure_ids) = 0;
  // Destroys a recalled disclosure's summary: the recipient's copy of what
  // their inbox showed. Ok if there was none.
  virtual Status DeleteDisclosureSummary(const std::string& disclosure_id) = 0;

  virtual Result<std::optional<domain::DisclosureTriage>> FindTriage(const std::string& disclosure_id) = 0;
  // Inserts or replaces the marks on one disclosure.
  virtual Status PutTriage(const domain::DisclosureTriage& triage) = 0;
  // The marks an organisation has made on the disclosures it received.
  virtual Result<std::vector<domain::DisclosureTriage>> TriageOf(const std::string& organisation_id) = 0;

  // Closures are only ever inserted: the concern's history of closing and reopening.
  virtual Status InsertClosure(const domain::ConcernClosure& closure) = 0;
  // Oldest first.
  virtual Result<std::vector<domain::ConcernClosure>> Closures(const std::string& concern_id) = 0;

  virtual Status InsertTask(const domain::Task& task) = 0;
  virtual Result<std::optional<domain::Task>> FindTask(const std::string& id) = 0;
  // Saves the owner, due date and completion of a task.
  virtual Status UpdateTask(const domain::Task& task) = 0;
  // Soonest due first.
  virtual Result<std::vector<domain::Task>> Tasks(const TaskQuery& query) = 0;

  virtual Status InsertConcernLink(const domain::ConcernLink& link) = 0;
  virtual Result<std::optional<domain::ConcernLink>> FindConcernLink(const std::string& id) = 0;
  virtual Status DeleteConcernLink(const std::string& id) = 0;
  // Every link in which the concern is either side, oldest first.
  virtual Result<std::vector<domain::ConcernLink>> ConcernLinks(const std::string& concern_id) = 0;

  virtual Status InsertChildFlag(const domain::ChildFlag& flag) = 0;
  virtual Result<std::optional<domain::ChildFlag>> FindChildFlag(const std::string& id) = 0;
  // Saves the end of a flag (ended_on, ended_by, ended_at).
  virtual Status EndChildFlag(const domain::ChildFlag& flag) = 0;
  // The flags of these children, newest start first.
  virtual Result<std::vector<domain::ChildFlag>> ChildFlags(const std::vector<std::string>& child_ids) = 0;
};

}  // namespace jigsaw::store
