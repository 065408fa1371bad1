// A designated safeguarding lead's case management: the organisation's
// open concerns and the children with concerns; a concern closed with an
// outcome (and reopened if need be); tasks with an owner and a due date,
// reassignable, reminding their owner on the home page; related concerns
// linked; flags on a child's record; and every share already made from a
// concern, and by whom. Every read and change is authorised
// (access::Authorise) and audited in the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case_management.h"
#include "domain/casework.h"
#include "domain/person.h"
#include "domain/practitioner.h"
#include "service/context.h"
#include "service/workflow.h"

namespace jigsaw::service {

struct OpenConcern {
  domain::Concern concern;
  std::string child_name;
  std::size_t open_tasks = 0;
  std::size_t overdue_tasks = 0;
};

struct ChildWithConcerns {
  domain::Person child;
  std::size_t open_concerns = 0;
  std::size_t closed_concerns = 0;
  std::optional<domain::ConcernLevel> highest_open_level;
  Time latest_concern_at{};
  std::vector<domain::ChildFlag> flags;  // those that apply today
};

struct CaseloadFilter {
  std::optional<domain::ConcernStatus> status;  // new, seen or actioned; closed concerns are not listed
  std::optional<domain::ConcernLevel> level;
};

struct Caseload {
  std::vector<OpenConcern> open;           // immediate risk first, then the longest open
  std::vector<ChildWithConcerns> children;  // open concerns first, then the most recent concern
};

struct TaskView {
  domain::Task task;
  std::string owner_name;
  std::string child_name;
  bool overdue = false;
  bool may_view_concern = false;  // the owner may not be able to read the concern itself
  bool may_reassign = false;
  std::vector<domain::Practitioner> workers;  // whom it could go to (for those who may reassign)
};

struct LinkedConcern {
  domain::ConcernLink link;  // empty id for a concern that could be linked
  domain::Concern concern;   // the other side
  std::string child_name;
};

// A share already made from a concern: the decision (to share or not),
// who made it, and what was sent.
struct ShareMade {
  domain::Decision decision;
  std::string decided_by_name;
  std::string recipient_organisation;
  std::vector<domain::Disclosure> disclosures;  // sealed content removed
};

// The DSL's view of one concern, beyond the concern itself.
struct ConcernCase {
  std::vector<domain::ConcernClosure> closures;  // oldest first
  std::vector<std::string> closure_names;        // who closed or reopened, in the same order
  std::vector<TaskView> tasks;
  std::vector<LinkedConcern> links;
  // This child's other concerns and those of children recorded as related
  // to them, not yet linked: what a link is usually made to.
  std::vector<LinkedConcern> candidates;
  std::vector<ShareMade> shares;
  std::vector<domain::Practitioner> workers;  // who a task can be given to
};

struct NewTask {
  std::string concern_id;
  std::string description;
  std::string owner_id;
  std::string due_on;  // YYYY-MM-DD
};

struct NewFlag {
  domain::ChildFlagKind kind = domain::ChildFlagKind::kOther;
  std::string started_on;  // YYYY-MM-DD
  std::string note;
};

struct ChildFlags {
  std::vector<domain::ChildFlag> flags;  // newest start first, ended ones too
  std::vector<std::string> set_by_names;  // in the same order
  bool may_manage = false;
};

class CaseManagement {
 public:
  CaseManagement(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // The DSL's lists (kViewCaseload).
  Result<Caseload> CaseloadOf(const Context& context, const CaseloadFilter& filter);
  // The DSL's view of a concern (kManageCases).
  Result<ConcernCase> CaseOf(const Context& context, const std::string& concern_id);

  // Closes an open concern with an outcome and why (marking it seen if it
  // was new); kFailedPrecondition if it is already closed. The raiser is told.
  Result<domain::Concern> Close(const Context& context, const std::string& concern_id, domain::ConcernOutcome outcome,
                                const std::string& note);
  // Back to where it was before it was closed; kFailedPrecondition if it is open.
  Result<domain::Concern> Reopen(const Context& context, const std::string& concern_id, const std::string& note);

  // A task on an open concern, for a practitioner or DSL of the
  // organisation, due today or later; the owner is told.
  Result<domain::Task> AddTask(const Context& context, const NewTask& task);
  // Its owner and the DSL.
  Result<TaskView> GetTask(const Context& context, const std::string& task_id);
  // The DSL gives it to someone else or moves the date; the new owner is told.
  Result<domain::Task> Reassign(const Context& context, const std::string& task_id, const std::string& owner_id,
                                const std::string& due_on);
  // Its owner or the DSL; kFailedPrecondition if already done.
  Result<domain::Task> Complete(const Context& context, const std::string& task_id);
  // mine: the open tasks the actor owns; else (DSL) the organisation's open tasks.
  Result<std::vector<TaskView>> Tasks(const Context& context, bool mine);

  // Both concerns the organisation's; once per pair.
  Result<domain::ConcernLink> Link(const Context& context, const std::string& concern_id,
                                   const std::string& related_concern_id, const std::string& note);
  Status Unlink(const Context& context, const std::string& link_id);

  // Whoever may see the child's record (kViewPeople).
  Result<ChildFlags> Flags(const Context& context, const std::string& child_id);
  Result<domain::ChildFlag> SetFlag(const Context& context, const std::string& child_id, const NewFlag& flag);
  // Records the date a flag stopped applying; kFailedPrecondition if already ended.
  Result<domain::ChildFlag> EndFlag(const Context& context, const std::string& flag_id, const std::string& ended_on);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
