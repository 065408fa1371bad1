#include "service/case_management.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/random.h"
#include "domain/text.h"
#include "service/casework.h"
#include "service/lists.h"
#include "service/restrictions.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;
using domain::Concern;
using domain::ConcernStatus;

namespace {

constexpr std::string_view kHidden = "There is no such record, or it is not shared with you.";

RecordFacts Own(const std::string& organisation_id, const std::string& owner = {}) {
  return RecordFacts{organisation_id, owner, {}, {}, {}};
}

access::Actor AsActor(const domain::Practitioner& p) { return access::Actor{p.id, p.organisation_id, p.roles}; }

// Whether `p` can be given a task of `organisation_id`: the same rule
// that lets an owner see their task.
bool CanOwnTask(const domain::Practitioner& p, const std::string& organisation_id) {
  return !p.disabled && p.organisation_id == organisation_id &&
         access::Authorise(AsActor(p), Action::kViewTask, Own(organisation_id, p.id)).has_value();
}

// The concern, unless a restriction of processing of its child withholds
// it from `actor` (kPermissionDenied, field "restriction").
Result<Concern> LoadConcern(store::Transaction& tx, const access::Actor& actor, const std::string& id) {
  auto c = JIGSAW_TRY(tx.casework().FindConcern(id));
  if (!c) return NotFound(std::string(kHidden));
  JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, actor, c->organisation_id)).Check(c->child_id));
  return std::move(*c);
}

Result<domain::Task> LoadTask(store::Transaction& tx, const std::string& id) {
  auto t = JIGSAW_TRY(tx.case_management().FindTask(id));
  if (!t) return NotFound(std::string(kHidden));
  return std::move(*t);
}

// Display names of an organisation's practitioners, read once per request.
class Names {
 public:
  static Result<Names> Of(store::Transaction& tx, const std::string& organisation_id) {
    Names out;
    for (const auto& p : JIGSAW_TRY(tx.practitioners().List(organisation_id))) out.names_[p.id] = p.display_name;
    return out;
  }
  std::string operator[](const std::string& id) const {
    auto it = names_.find(id);
    return it == names_.end() ? std::string() : it->second;
  }

 private:
  std::map<std::string, std::string> names_;
};

// Children by id, for people of the organisation, as `actor` may see
// them (a restricted child is masked: service::Withholding).
Result<std::map<std::string, domain::Person>> ChildrenOf(store::Transaction& tx, const access::Actor& actor,
                                                         const std::string& organisation_id,
                                                         std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const auto withholding = JIGSAW_TRY(Withholding::Load(tx, actor, organisation_id));
  std::map<std::string, domain::Person> out;
  for (auto& p : JIGSAW_TRY(tx.casework().People(ids)))
    if (p.organisation_id == organisation_id) {
      withholding.Mask(p);
      out.emplace(p.id, std::move(p));
    }
  return out;
}

std::string NameOf(const std::map<std::string, domain::Person>& people, const std::string& id) {
  auto it = people.find(id);
  return it == people.end() ? std::string() : it->second.FullName();
}

bool Open(const Concern& c) { return c.status != ConcernStatus::kClosed; }

// The workers a task can go to.
Result<std::vector<domain::Practitioner>> TaskOwners(store::Transaction& tx, const std::string& organisation_id) {
  auto people = JIGSAW_TRY(lists::Caseworkers(tx, organisation_id));
  std::erase_if(people, [&](const domain::Practitioner& p) { return !CanOwnTask(p, organisation_id); });
  return people;
}

Result<domain::Practitioner> Owner(store::Transaction& tx, const std::string& id, const std::string& organisation_id) {
  auto p = JIGSAW_TRY(tx.practitioners().Find(id));
  if (!p || !CanOwnTask(*p, organisation_id))
    return InvalidArgument("owner_id", "Choose a practitioner or designated safeguarding lead of your organisation.");
  return std::move(*p);
}

// The caseload's lists, built from the organisation's concerns.
void AddToChild(std::map<std::string, ChildWithConcerns>& children, const Concern& c) {
  auto& child = children[c.child_id];
  if (Open(c)) {
    ++child.open_concerns;
    if (!child.highest_open_level || c.level > *child.highest_open_level) child.highest_open_level = c.level;
  } else {
    ++child.closed_concerns;
  }
  child.latest_concern_at = std::max(child.latest_concern_at, c.created_at);
}

}  // namespace

Result<Caseload> CaseManagement::CaseloadOf(const Context& context, const CaseloadFilter& filter) {
  AuditEvent event{"concern.caseload", "organisation", context.actor.organisation_id};
  Caseload out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const std::string& org = context.actor.organisation_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewCaseload, Own(org)));
    store::ConcernQuery q;
    q.organisation_id = org;
    q.limit = 5000;
    auto concerns = JIGSAW_TRY(tx.casework().Concerns(q));
    JIGSAW_TRY(Withholding::Load(tx, context.actor, org)).MaskAll(concerns);
    store::TaskQuery tq;
    tq.organisation_id = org;
    tq.open_only = true;
    tq.limit = 5000;
    std::map<std::string, std::pair<std::size_t, std::size_t>> tasks;  // concern id: open, overdue
    const Time now = clock_.Now();
    for (const auto& t : JIGSAW_TRY(tx.case_management().Tasks(tq))) {
      ++tasks[t.concern_id].first;
      if (domain::IsOverdue(t, now)) ++tasks[t.concern_id].second;
    }
    std::map<std::string, ChildWithConcerns> children;
    std::vector<std::string> child_ids;
    for (const auto& c : concerns) {
      AddToChild(children, c);
      child_ids.push_back(c.child_id);
    }
    const auto people = JIGSAW_TRY(ChildrenOf(tx, context.actor, org, child_ids));
    for (const auto& c : concerns) {
      if (!Open(c) || (filter.status && c.status != *filter.status) || (filter.level && c.level != *filter.level)) continue;
      const auto counts = tasks[c.id];
      out.open.push_back({c, NameOf(people, c.child_id), counts.first, counts.second});
    }
    std::stable_sort(out.open.begin(), out.open.end(), [](const OpenConcern& a, const OpenConcern& b) {
      if (a.concern.level != b.concern.level) return a.concern.level > b.concern.level;
      return a.concern.created_at < b.concern.created_at;
    });
    std::map<std::string, std::vector<domain::ChildFlag>> flags;
    for (auto& f : JIGSAW_TRY(tx.case_management().ChildFlags(child_ids)))
      if (domain::IsCurrent(f, now)) flags[f.child_id].push_back(std::move(f));
    for (auto& [id, child] : children) {
      auto p = people.find(id);
      if (p == people.end()) continue;
      child.child = p->second;
      child.flags = std::move(flags[id]);
      out.children.push_back(std::move(child));
    }
    std::stable_sort(out.children.begin(), out.children.end(), [](const ChildWithConcerns& a, const ChildWithConcerns& b) {
      if ((a.open_concerns > 0) != (b.open_concerns > 0)) return a.open_concerns > 0;
      return a.latest_concern_at > b.latest_concern_at;
    });
    return Ok();
  }));
  return out;
}

namespace {

// The parts of a concern's case, each read within the caller's transaction.
Result<std::vector<ShareMade>> SharesFrom(store::Transaction& tx, const access::Actor& actor, const Concern& c,
                                          const Names& names) {
  std::map<std::string, std::string> organisations;
  for (const auto& o : JIGSAW_TRY(tx.organisations().List())) organisations[o.id] = o.name;
  store::DecisionQuery q;
  q.organisation_id = c.organisation_id;
  q.concern_id = c.id;
  std::vector<ShareMade> out;
  for (auto& d : JIGSAW_TRY(tx.casework().Decisions(q))) {
    if (!access::Authorise(actor, Action::kViewDecision, Own(d.organisation_id, d.decided_by))) continue;
    ShareMade s;
    store::DisclosureQuery dq;
    dq.decision_id = d.id;
    for (auto& disclosure : JIGSAW_TRY(tx.casework().Disclosures(dq))) {
      disclosure.sealed_content.clear();
      s.disclosures.push_back(std::move(disclosure));
    }
    s.decided_by_name = names[d.decided_by];
    s.recipient_organisation = organisations[d.recipient_organisation_id];
    s.decision = std::move(d);
    out.push_back(std::move(s));
  }
  return out;
}

Result<TaskView> ViewOf(domain::Task t, const Names& names, const std::map<std::string, domain::Person>& children,
                        Time now) {
  TaskView v;
  v.owner_name = names[t.owner_id];
  v.child_name = NameOf(children, t.child_id);
  v.overdue = domain::IsOverdue(t, now);
  v.task = std::move(t);
  return v;
}

// The concerns a DSL usually links to: this child's others, and those of
// children recorded as related to them (siblings, children in the household).
Result<std::vector<Concern>> LinkCandidates(store::Transaction& tx, const Concern& c) {
  std::vector<std::string> children = {c.child_id};
  for (const auto& r : JIGSAW_TRY(tx.casework().Relationships(c.child_id)))
    children.push_back(r.person_id == c.child_id ? r.related_person_id : r.person_id);
  std::vector<Concern> out;
  for (const auto& p : JIGSAW_TRY(tx.casework().People(children))) {
    if (p.organisation_id != c.organisation_id || p.kind != domain::PersonKind::kChild) continue;
    store::ConcernQuery q;
    q.organisation_id = c.organisation_id;
    q.child_id = p.id;
    for (auto& other : JIGSAW_TRY(tx.casework().Concerns(q)))
      if (other.id != c.id) out.push_back(std::move(other));
  }
  return out;
}

Status FillLinks(store::Transaction& tx, const access::Actor& actor, const Concern& c, ConcernCase& out) {
  std::set<std::string> linked;
  std::vector<std::pair<domain::ConcernLink, Concern>> pairs;
  for (auto& l : JIGSAW_TRY(tx.case_management().ConcernLinks(c.id))) {
    const std::string other = l.concern_id == c.id ? l.related_concern_id : l.concern_id;
    auto concern = JIGSAW_TRY(tx.casework().FindConcern(other));
    if (!concern || concern->organisation_id != c.organisation_id) continue;
    linked.insert(other);
    pairs.emplace_back(std::move(l), std::move(*concern));
  }
  std::vector<Concern> candidates;
  for (auto& other : JIGSAW_TRY(LinkCandidates(tx, c)))
    if (!linked.contains(other.id)) candidates.push_back(std::move(other));
  std::vector<std::string> child_ids;
  for (const auto& [l, other] : pairs) child_ids.push_back(other.child_id);
  for (const auto& other : candidates) child_ids.push_back(other.child_id);
  const auto children = JIGSAW_TRY(ChildrenOf(tx, actor, c.organisation_id, child_ids));
  for (auto& [l, other] : pairs) out.links.push_back({std::move(l), other, NameOf(children, other.child_id)});
  for (auto& other : candidates) out.candidates.push_back({{}, other, NameOf(children, other.child_id)});
  return Ok();
}

}  // namespace

Result<ConcernCase> CaseManagement::CaseOf(const Context& context, const std::string& concern_id) {
  AuditEvent event{"concern.case", "concern", concern_id};
  ConcernCase out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const Concern c = JIGSAW_TRY(LoadConcern(tx, context.actor, concern_id));
    event.child_id = c.child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(c.organisation_id, c.raised_by)));
    const Names names = JIGSAW_TRY(Names::Of(tx, c.organisation_id));
    out.closures = JIGSAW_TRY(tx.case_management().Closures(c.id));
    for (const auto& x : out.closures) out.closure_names.push_back(names[x.by]);
    store::TaskQuery tq;
    tq.concern_id = c.id;
    const auto children = JIGSAW_TRY(ChildrenOf(tx, context.actor, c.organisation_id, {c.child_id}));
    for (auto& t : JIGSAW_TRY(tx.case_management().Tasks(tq)))
      out.tasks.push_back(JIGSAW_TRY(ViewOf(std::move(t), names, children, clock_.Now())));
    JIGSAW_RETURN_IF_ERROR(FillLinks(tx, context.actor, c, out));
    out.shares = JIGSAW_TRY(SharesFrom(tx, context.actor, c, names));
    out.workers = JIGSAW_TRY(TaskOwners(tx, c.organisation_id));
    return Ok();
  }));
  return out;
}

Result<Concern> CaseManagement::Close(const Context& context, const std::string& concern_id,
                                      domain::ConcernOutcome outcome, const std::string& note) {
  AuditEvent event{"concern.close", "concern", concern_id};
  domain::ConcernClosure closure{NewId(), concern_id, context.actor.organisation_id, domain::ClosureKind::kClosed,
                                 outcome, note, context.actor.practitioner_id, clock_.Now()};
  domain::Tidy(closure);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(closure));
  Concern out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Concern c = JIGSAW_TRY(LoadConcern(tx, context.actor, concern_id));
    event.child_id = c.child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(c.organisation_id, c.raised_by)));
    if (!Open(c)) return Fail(ErrorCode::kFailedPrecondition, "This concern is already closed.", "status");
    store::TaskQuery tq;
    tq.concern_id = c.id;
    tq.open_only = true;
    if (const auto open = JIGSAW_TRY(tx.case_management().Tasks(tq)); !open.empty())
      return Fail(ErrorCode::kFailedPrecondition,
                  "This concern has " + std::to_string(open.size()) + (open.size() == 1 ? " task" : " tasks") +
                      " still to do: mark them done or give them to someone before closing it.",
                  "tasks");
    if (c.status == ConcernStatus::kNew) {  // closing it means the DSL has looked
      c.seen_by = context.actor.practitioner_id;
      c.seen_at = closure.at;
    }
    c.status = ConcernStatus::kClosed;
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateConcernTriage(c));
    JIGSAW_RETURN_IF_ERROR(tx.case_management().InsertClosure(closure));
    if (c.raised_by != context.actor.practitioner_id)
      JIGSAW_RETURN_IF_ERROR(Notify(tx, closure.at, c.raised_by, "concern.closed", "concern", c.id));
    out = std::move(c);
    return Ok();
  }));
  return out;
}

Result<Concern> CaseManagement::Reopen(const Context& context, const std::string& concern_id, const std::string& note) {
  AuditEvent event{"concern.reopen", "concern", concern_id};
  domain::ConcernClosure reopening{NewId(), concern_id, context.actor.organisation_id, domain::ClosureKind::kReopened,
                                   std::nullopt, note, context.actor.practitioner_id, clock_.Now()};
  domain::Tidy(reopening);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(reopening));
  Concern out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Concern c = JIGSAW_TRY(LoadConcern(tx, context.actor, concern_id));
    event.child_id = c.child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(c.organisation_id, c.raised_by)));
    if (Open(c)) return Fail(ErrorCode::kFailedPrecondition, "This concern is open.", "status");
    // Where the DSL left it: with its next step, or seen.
    c.status = c.next_step ? ConcernStatus::kActioned : ConcernStatus::kSeen;
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateConcernTriage(c));
    JIGSAW_RETURN_IF_ERROR(tx.case_management().InsertClosure(reopening));
    if (c.raised_by != context.actor.practitioner_id)
      JIGSAW_RETURN_IF_ERROR(Notify(tx, reopening.at, c.raised_by, "concern.reopened", "concern", c.id));
    out = std::move(c);
    return Ok();
  }));
  return out;
}

Result<domain::Task> CaseManagement::AddTask(const Context& context, const NewTask& in) {
  AuditEvent event{"task.create", "task", {}};
  const Time now = clock_.Now();
  domain::Task t{.id = NewId(), .organisation_id = context.actor.organisation_id, .concern_id = in.concern_id,
                 .description = in.description, .owner_id = in.owner_id, .due_on = in.due_on,
                 .created_by = context.actor.practitioner_id, .created_at = now, .updated_at = now};
  domain::Tidy(t);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(t, now));
  event.object_id = t.id;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto concern = JIGSAW_TRY(tx.casework().FindConcern(t.concern_id));
    if (!concern) return NotYours("concern_id");
    event.child_id = concern->child_id;
    JIGSAW_RETURN_IF_ERROR(
        access::Authorise(context.actor, Action::kManageCases, Own(concern->organisation_id, concern->raised_by)));
    if (!Open(*concern))
      return Fail(ErrorCode::kFailedPrecondition, "This concern is closed: reopen it to add a task.", "concern_id");
    const auto owner = JIGSAW_TRY(Owner(tx, t.owner_id, concern->organisation_id));
    t.child_id = concern->child_id;
    JIGSAW_RETURN_IF_ERROR(tx.case_management().InsertTask(t));
    if (owner.id == context.actor.practitioner_id) return Ok();
    return Notify(tx, now, owner.id, "task.assigned", "task", t.id);
  }));
  return t;
}

Result<TaskView> CaseManagement::GetTask(const Context& context, const std::string& task_id) {
  AuditEvent event{"task.view", "task", task_id};
  TaskView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto t = JIGSAW_TRY(LoadTask(tx, task_id));
    event.child_id = t.child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewTask, Own(t.organisation_id, t.owner_id)));
    const Concern c = JIGSAW_TRY(LoadConcern(tx, context.actor, t.concern_id));
    const Names names = JIGSAW_TRY(Names::Of(tx, t.organisation_id));
    const auto children = JIGSAW_TRY(ChildrenOf(tx, context.actor, t.organisation_id, {t.child_id}));
    out = JIGSAW_TRY(ViewOf(std::move(t), names, children, clock_.Now()));
    out.may_view_concern =
        access::Authorise(context.actor, Action::kViewConcern, Own(c.organisation_id, c.raised_by)).has_value();
    out.may_reassign =
        access::Authorise(context.actor, Action::kManageCases, Own(c.organisation_id, c.raised_by)).has_value();
    if (out.may_reassign) out.workers = JIGSAW_TRY(TaskOwners(tx, c.organisation_id));
    return Ok();
  }));
  return out;
}

Result<domain::Task> CaseManagement::Reassign(const Context& context, const std::string& task_id,
                                              const std::string& owner_id, const std::string& due_on) {
  AuditEvent event{"task.reassign", "task", task_id};
  domain::Task out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(LoadTask(tx, task_id));
    event.child_id = out.child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(out.organisation_id)));
    if (out.status == domain::TaskStatus::kDone)
      return Fail(ErrorCode::kFailedPrecondition, "This task is done.", "status");
    const Time now = clock_.Now();
    const std::string before = out.owner_id, was_due = out.due_on;
    out.owner_id = owner_id;
    if (!domain::Trim(due_on).empty()) out.due_on = due_on;
    domain::Tidy(out);
    // An overdue task can change hands on its old date; a new date is not in the past.
    if (out.due_on != was_due) JIGSAW_RETURN_IF_ERROR(domain::Validate(out, now));
    const auto owner = JIGSAW_TRY(Owner(tx, out.owner_id, out.organisation_id));
    out.updated_at = now;
    JIGSAW_RETURN_IF_ERROR(tx.case_management().UpdateTask(out));
    if (owner.id == before || owner.id == context.actor.practitioner_id) return Ok();
    return Notify(tx, now, owner.id, "task.assigned", "task", out.id);
  }));
  return out;
}

Result<domain::Task> CaseManagement::Complete(const Context& context, const std::string& task_id) {
  AuditEvent event{"task.complete", "task", task_id};
  domain::Task out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(LoadTask(tx, task_id));
    event.child_id = out.child_id;
    JIGSAW_RETURN_IF_ERROR(
        access::Authorise(context.actor, Action::kCompleteTask, Own(out.organisation_id, out.owner_id)));
    if (out.status == domain::TaskStatus::kDone)
      return Fail(ErrorCode::kFailedPrecondition, "This task is already done.", "status");
    const Time now = clock_.Now();
    out.status = domain::TaskStatus::kDone;
    out.completed_by = context.actor.practitioner_id;
    out.completed_at = now;
    out.updated_at = now;
    JIGSAW_RETURN_IF_ERROR(tx.case_management().UpdateTask(out));
    // The DSL who set it learns it is done.
    if (out.created_by == context.actor.practitioner_id) return Ok();
    return Notify(tx, now, out.created_by, "task.done", "task", out.id);
  }));
  return out;
}

Result<std::vector<TaskView>> CaseManagement::Tasks(const Context& context, bool mine) {
  AuditEvent event{"task.list", mine ? "practitioner" : "organisation",
                   mine ? context.actor.practitioner_id : context.actor.organisation_id};
  std::vector<TaskView> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const std::string& org = context.actor.organisation_id;
    std::vector<domain::Task> tasks;
    if (mine) {
      tasks = JIGSAW_TRY(lists::MyTasks(tx, context.actor));
    } else {
      JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewCaseload, Own(org)));
      store::TaskQuery q;
      q.organisation_id = org;
      q.open_only = true;
      tasks = JIGSAW_TRY(tx.case_management().Tasks(q));
    }
    const Names names = JIGSAW_TRY(Names::Of(tx, org));
    std::vector<std::string> child_ids;
    for (const auto& t : tasks) child_ids.push_back(t.child_id);
    const auto children = JIGSAW_TRY(ChildrenOf(tx, context.actor, org, child_ids));
    JIGSAW_TRY(Withholding::Load(tx, context.actor, org)).MaskAll(tasks);
    for (auto& t : tasks) out.push_back(JIGSAW_TRY(ViewOf(std::move(t), names, children, clock_.Now())));
    return Ok();
  }));
  return out;
}

Result<domain::ConcernLink> CaseManagement::Link(const Context& context, const std::string& concern_id,
                                                 const std::string& related_concern_id, const std::string& note) {
  AuditEvent event{"concern.link", "concern", concern_id};
  domain::ConcernLink link{NewId(), context.actor.organisation_id, concern_id, related_concern_id, note,
                           context.actor.practitioner_id, clock_.Now()};
  domain::Tidy(link);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(link));
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const Concern c = JIGSAW_TRY(LoadConcern(tx, context.actor, concern_id));
    event.child_id = c.child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(c.organisation_id, c.raised_by)));
    auto related = JIGSAW_TRY(tx.casework().FindConcern(related_concern_id));
    if (!related || related->organisation_id != c.organisation_id) return NotYours("related_concern_id");
    for (const auto& l : JIGSAW_TRY(tx.case_management().ConcernLinks(c.id)))
      if (l.concern_id == related->id || l.related_concern_id == related->id)
        return Fail(ErrorCode::kAlreadyExists, "These concerns are already linked.", "related_concern_id");
    return tx.case_management().InsertConcernLink(link);
  }));
  return link;
}

Status CaseManagement::Unlink(const Context& context, const std::string& link_id) {
  AuditEvent event{"concern.unlink", "concern_link", link_id};
  return Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto link = JIGSAW_TRY(tx.case_management().FindConcernLink(link_id));
    if (!link) return NotFound(std::string(kHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(link->organisation_id)));
    return tx.case_management().DeleteConcernLink(link->id);
  });
}

Result<ChildFlags> CaseManagement::Flags(const Context& context, const std::string& child_id) {
  AuditEvent event{"child.flags", "person", child_id};
  ChildFlags out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto child = JIGSAW_TRY(tx.casework().FindPerson(child_id));
    if (!child) return NotFound(std::string(kHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewPeople, Own(child->organisation_id)));
    event.child_id = child->id;
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, child->organisation_id)).Check(child->id));
    const Names names = JIGSAW_TRY(Names::Of(tx, child->organisation_id));
    for (auto& f : JIGSAW_TRY(tx.case_management().ChildFlags({child->id}))) {
      out.set_by_names.push_back(names[f.set_by]);
      out.flags.push_back(std::move(f));
    }
    out.may_manage = access::Authorise(context.actor, Action::kManageCases, Own(child->organisation_id)).has_value();
    return Ok();
  }));
  return out;
}

Result<domain::ChildFlag> CaseManagement::SetFlag(const Context& context, const std::string& child_id,
                                                  const NewFlag& in) {
  AuditEvent event{"child.flag.set", "child_flag", {}};
  const Time now = clock_.Now();
  domain::ChildFlag f{.id = NewId(), .organisation_id = context.actor.organisation_id, .child_id = child_id,
                      .kind = in.kind, .note = in.note, .started_on = in.started_on,
                      .set_by = context.actor.practitioner_id, .set_at = now};
  domain::Tidy(f);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(f, now));
  event.object_id = f.id;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto child = JIGSAW_TRY(tx.casework().FindPerson(child_id));
    if (!child) return NotFound(std::string(kHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(child->organisation_id)));
    event.child_id = child->id;
    if (child->kind != domain::PersonKind::kChild)
      return InvalidArgument("child_id", "A flag is for a child's record; this person is not recorded as a child.");
    return tx.case_management().InsertChildFlag(f);
  }));
  return f;
}

Result<domain::ChildFlag> CaseManagement::EndFlag(const Context& context, const std::string& flag_id,
                                                  const std::string& ended_on) {
  AuditEvent event{"child.flag.end", "child_flag", flag_id};
  domain::ChildFlag out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto f = JIGSAW_TRY(tx.case_management().FindChildFlag(flag_id));
    if (!f) return NotFound(std::string(kHidden));
    event.child_id = f->child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kManageCases, Own(f->organisation_id)));
    if (!f->ended_on.empty()) return Fail(ErrorCode::kFailedPrecondition, "This flag has already ended.", "ended_on");
    const Time now = clock_.Now();
    const std::string day = domain::Trim(ended_on);
    JIGSAW_RETURN_IF_ERROR(domain::ValidateEnd(*f, day, now));
    f->ended_on = day;
    f->ended_by = context.actor.practitioner_id;
    f->ended_at = now;
    JIGSAW_RETURN_IF_ERROR(tx.case_management().EndChildFlag(*f));
    out = std::move(*f);
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
