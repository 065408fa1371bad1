// Triage and case management records in portable SQL (see migration 9).
// Each row is read by column name through a small table of positions, so
// that a column list and its reader cannot drift apart.
#include <cassert>

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using sql::Row;
using sql::Value;
using namespace domain;

std::string S(std::string_view v) { return std::string(v); }

// A column list and the position of each name in it.
class Columns {
 public:
  explicit Columns(std::string_view list) : list_(list) {
    std::size_t start = 0;
    while (start < list.size()) {
      std::size_t comma = list.find(',', start);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view name = list.substr(start, comma - start);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      names_.emplace_back(name);
      start = comma + 1;
    }
  }
  std::string_view list() const { return list_; }
  std::size_t At(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return i;
    assert(!"no such column");  // a typo in a reader: a bug every test of that record catches
    return names_.size();
  }
  // "INSERT INTO table (a, b) VALUES ($1, $2)".
  std::string Insert(std::string_view table) const {
    std::string sql = "INSERT INTO " + S(table) + " (" + S(list_) + ") VALUES (";
    for (std::size_t i = 1; i <= names_.size(); ++i) sql += (i > 1 ? ", $" : "$") + std::to_string(i);
    return sql + ")";
  }

 private:
  std::string_view list_;
  std::vector<std::string> names_;
};

// One row, read by column name.
struct Reader {
  const Columns& columns;
  const Row& row;
  const std::string& Text(std::string_view name) const { return row.Text(columns.At(name)); }
  Time At(std::string_view name) const { return FromMicros(row.Int(columns.At(name))); }
};

const Columns& TriageColumns() {
  static const Columns c("disclosure_id, organisation_id, rating, rated_by, rated_at, allocated_to, allocated_by, allocated_at");
  return c;
}

Result<DisclosureTriage> ToTriage(const Row& row) {
  const Reader r{TriageColumns(), row};
  DisclosureTriage t;
  t.disclosure_id = r.Text("disclosure_id");
  t.organisation_id = r.Text("organisation_id");
  if (!r.Text("rating").empty()) t.rating = JIGSAW_TRY(StoredEnum<RagRating>(r.Text("rating"), "disclosure_triage.rating"));
  t.rated_by = r.Text("rated_by");
  t.rated_at = r.At("rated_at");
  t.allocated_to = r.Text("allocated_to");
  t.allocated_by = r.Text("allocated_by");
  t.allocated_at = r.At("allocated_at");
  return t;
}

const Columns& ClosureColumns() {
  static const Columns c("id, concern_id, organisation_id, kind, outcome, note, closed_by, closed_at");
  return c;
}

Result<ConcernClosure> ToClosure(const Row& row) {
  const Reader r{ClosureColumns(), row};
  ConcernClosure c;
  c.id = r.Text("id");
  c.concern_id = r.Text("concern_id");
  c.organisation_id = r.Text("organisation_id");
  c.kind = JIGSAW_TRY(StoredEnum<ClosureKind>(r.Text("kind"), "concern_closures.kind"));
  if (!r.Text("outcome").empty())
    c.outcome = JIGSAW_TRY(StoredEnum<ConcernOutcome>(r.Text("outcome"), "concern_closures.outcome"));
  c.note = r.Text("note");
  c.by = r.Text("closed_by");
  c.at = r.At("closed_at");
  return c;
}

const Columns& TaskColumns() {
  static const Columns c(
      "id, organisation_id, concern_id, child_id, description, owner_id, due_on, status, created_by, created_at, "
      "completed_by, completed_at, updated_at");
  return c;
}

Result<Task> ToTask(const Row& row) {
  const Reader r{TaskColumns(), row};
  Task t;
  t.id = r.Text("id");
  t.organisation_id = r.Text("organisation_id");
  t.concern_id = r.Text("concern_id");
  t.child_id = r.Text("child_id");
  t.description = r.Text("description");
  t.owner_id = r.Text("owner_id");
  t.due_on = r.Text("due_on");
  t.status = JIGSAW_TRY(StoredEnum<TaskStatus>(r.Text("status"), "tasks.status"));
  t.created_by = r.Text("created_by");
  t.created_at = r.At("created_at");
  t.completed_by = r.Text("completed_by");
  t.completed_at = r.At("completed_at");
  t.updated_at = r.At("updated_at");
  return t;
}

const Columns& LinkColumns() {
  static const Columns c("id, organisation_id, concern_id, related_concern_id, note, created_by, created_at");
  return c;
}

Result<ConcernLink> ToLink(const Row& row) {
  const Reader r{LinkColumns(), row};
  return ConcernLink{r.Text("id"),   r.Text("organisation_id"), r.Text("concern_id"), r.Text("related_concern_id"),
                     r.Text("note"), r.Text("created_by"),      r.At("created_at")};
}

const Columns& FlagColumns() {
  static const Columns c(
      "id, organisation_id, child_id, kind, note, started_on, ended_on, set_by, set_at, ended_by, ended_at");
  return c;
}

Result<ChildFlag> ToFlag(const Row& row) {
  const Reader r{FlagColumns(), row};
  ChildFlag f;
  f.id = r.Text("id");
  f.organisation_id = r.Text("organisation_id");
  f.child_id = r.Text("child_id");
  f.kind = JIGSAW_TRY(StoredEnum<ChildFlagKind>(r.Text("kind"), "child_flags.kind"));
  f.note = r.Text("note");
  f.started_on = r.Text("started_on");
  f.ended_on = r.Text("ended_on");
  f.set_by = r.Text("set_by");
  f.set_at = r.At("set_at");
  f.ended_by = r.Text("ended_by");
  f.ended_at = r.At("ended_at");
  return f;
}

template <typename T, typename Convert>
Result<std::vector<T>> All(const std::vector<Row>& rows, Convert convert) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(JIGSAW_TRY(convert(r)));
  return out;
}

template <typename T, typename Convert>
Result<std::optional<T>> First(const std::vector<Row>& rows, Convert convert) {
  if (rows.empty()) return std::nullopt;
  return JIGSAW_TRY(convert(rows[0]));
}

class SqlCaseManagement final : public CaseManagementRepository {
 public:
  SqlCaseManagement(sql::Connection& c, ContentCipher& cipher) : c_(c), cipher_(cipher) {}

  Status InsertDisclosureSummary(const std::string& disclosure_id, const std::string& recipient_organisation_id,
                                 const Bytes& sealed_summary) override {
    return Run("INSERT INTO disclosure_summaries (disclosure_id, recipient_organisation_id, sealed_summary) "
               "VALUES ($1, $2, $3)",
               {disclosure_id, recipient_organisation_id, sealed_summary});
  }

  Status DeleteDisclosureSummary(const std::string& disclosure_id) override {
    return Run("DELETE FROM disclosure_summaries WHERE disclosure_id = $1", {disclosure_id});
  }

  Result<std::map<std::string, Bytes>> DisclosureSummaries(const std::vector<std::string>& ids) override {
    std::map<std::string, Bytes> out;
    if (ids.empty()) return out;
    Where w;
    w.Add("disclosure_id IN (" + w.In(ids) + ")");
    for (const Row& r : JIGSAW_TRY(c_.Query("SELECT disclosure_id, sealed_summary FROM disclosure_summaries" + w.sql(),
                                            w.params())))
      out.emplace(r.Text(0), r.Blob(1));
    return out;
  }

  Result<std::optional<DisclosureTriage>> FindTriage(const std::string& disclosure_id) override {
    return First<DisclosureTriage>(JIGSAW_TRY(Select(TriageColumns(), "disclosure_triage", "WHERE disclosure_id = $1",
                                                     {disclosure_id})),
                                   ToTriage);
  }

  Status PutTriage(const DisclosureTriage& t) override {
    return Run(TriageColumns().Insert("disclosure_triage") +
                   " ON CONFLICT (disclosure_id) DO UPDATE SET rating = excluded.rating, rated_by = excluded.rated_by, "
                   "rated_at = excluded.rated_at, allocated_to = excluded.allocated_to, "
                   "allocated_by = excluded.allocated_by, allocated_at = excluded.allocated_at",
               {t.disclosure_id, t.organisation_id, t.rating ? S(ToString(*t.rating)) : std::string(), t.rated_by,
                Micros(t.rated_at), t.allocated_to, t.allocated_by, Micros(t.allocated_at)});
  }

  Result<std::vector<DisclosureTriage>> TriageOf(const std::string& organisation_id) override {
    return All<DisclosureTriage>(
        JIGSAW_TRY(Select(TriageColumns(), "disclosure_triage", "WHERE organisation_id = $1", {organisation_id})),
        ToTriage);
  }

  Status InsertClosure(const ConcernClosure& c) override {
    auto note = JIGSAW_TRY(cipher_.Seal(c.concern_id, "closure.note", c.id, c.note));
    return Run(ClosureColumns().Insert("concern_closures"),
               {c.id, c.concern_id, c.organisation_id, S(ToString(c.kind)),
                c.outcome ? S(ToString(*c.outcome)) : std::string(),
                std::move(note), c.by, Micros(c.at)});
  }

  Result<std::vector<ConcernClosure>> Closures(const std::string& concern_id) override {
    auto closures = JIGSAW_TRY(All<ConcernClosure>(JIGSAW_TRY(Select(ClosureColumns(), "concern_closures",
                                                 "WHERE concern_id = $1 ORDER BY closed_at, id", {concern_id})),
                               ToClosure));
    for (auto& c : closures) c.note = JIGSAW_TRY(cipher_.Open(c.concern_id, "closure.note", c.id, c.note));
    return closures;
  }

  Status InsertTask(const Task& t) override {
    auto description = JIGSAW_TRY(cipher_.Seal(TaskOwner(t), "task.description", t.id, t.description));
    return Run(TaskColumns().Insert("tasks"),
               {t.id, t.organisation_id, t.concern_id, t.child_id,
                std::move(description), t.owner_id, t.due_on,
                S(ToString(t.status)), t.created_by, Micros(t.created_at), t.completed_by, Micros(t.completed_at),
                Micros(t.updated_at)});
  }

  Result<std::optional<Task>> FindTask(const std::string& id) override {
    auto found = JIGSAW_TRY(First<Task>(JIGSAW_TRY(Select(TaskColumns(), "tasks", "WHERE id = $1", {id})), ToTask));
    if (found) JIGSAW_RETURN_IF_ERROR(OpenTask(*found));
    return found;
  }

  Status UpdateTask(const Task& t) override {
    return Run("UPDATE tasks SET owner_id = $2, due_on = $3, status = $4, completed_by = $5, completed_at = $6, "
               "updated_at = $7 WHERE id = $1",
               {t.id, t.owner_id, t.due_on, S(ToString(t.status)), t.completed_by, Micros(t.completed_at),
                Micros(t.updated_at)});
  }

  Result<std::vector<Task>> Tasks(const TaskQuery& q) override {
    Where w;
    w.Equals("organisation_id", q.organisation_id);
    w.Equals("owner_id", q.owner_id);
    w.Equals("concern_id", q.concern_id);
    if (q.open_only) w.Equals("status", S(ToString(TaskStatus::kOpen)));
    const std::string tail = " ORDER BY due_on, created_at, id" + w.Limit(q.limit);
    auto tasks = JIGSAW_TRY(All<Task>(
        JIGSAW_TRY(c_.Query("SELECT " + S(TaskColumns().list()) + " FROM tasks" + w.sql() + tail, w.params())), ToTask));
    std::vector<std::string> owners;
    for (const auto& t : tasks) owners.push_back(TaskOwner(t));
    JIGSAW_RETURN_IF_ERROR(cipher_.Prefetch(owners));
    for (auto& t : tasks) JIGSAW_RETURN_IF_ERROR(OpenTask(t));
    return tasks;
  }

  Status InsertConcernLink(const ConcernLink& l) override {
    auto note = JIGSAW_TRY(cipher_.Seal(l.concern_id, "link.note", l.id, l.note));
    return Run(LinkColumns().Insert("concern_links"),
               {l.id, l.organisation_id, l.concern_id, l.related_concern_id,
                std::move(note), l.created_by, Micros(l.created_at)});
  }

  Result<std::optional<ConcernLink>> FindConcernLink(const std::string& id) override {
    auto found =
        JIGSAW_TRY(First<ConcernLink>(JIGSAW_TRY(Select(LinkColumns(), "concern_links", "WHERE id = $1", {id})), ToLink));
    if (found) found->note = JIGSAW_TRY(cipher_.Open(found->concern_id, "link.note", found->id, found->note));
    return found;
  }

  Status DeleteConcernLink(const std::string& id) override {
    return Run("DELETE FROM concern_links WHERE id = $1", {id});
  }

  Result<std::vector<ConcernLink>> ConcernLinks(const std::string& concern_id) override {
    auto links = JIGSAW_TRY(All<ConcernLink>(
        JIGSAW_TRY(Select(LinkColumns(), "concern_links",
                          "WHERE concern_id = $1 OR related_concern_id = $1 ORDER BY created_at, id", {concern_id})),
        ToLink));
    for (auto& l : links) l.note = JIGSAW_TRY(cipher_.Open(l.concern_id, "link.note", l.id, l.note));
    return links;
  }

  Status InsertChildFlag(const ChildFlag& f) override {
    return Run(FlagColumns().Insert("child_flags"),
               {f.id, f.organisation_id, f.child_id, S(ToString(f.kind)), f.note, f.started_on, f.ended_on, f.set_by,
                Micros(f.set_at), f.ended_by, Micros(f.ended_at)});
  }

  Result<std::optional<ChildFlag>> FindChildFlag(const std::string& id) override {
    return First<ChildFlag>(JIGSAW_TRY(Select(FlagColumns(), "child_flags", "WHERE id = $1", {id})), ToFlag);
  }

  Status EndChildFlag(const ChildFlag& f) override {
    return Run("UPDATE child_flags SET ended_on = $2, ended_by = $3, ended_at = $4 WHERE id = $1",
               {f.id, f.ended_on, f.ended_by, Micros(f.ended_at)});
  }

  Result<std::vector<ChildFlag>> ChildFlags(const std::vector<std::string>& child_ids) override {
    if (child_ids.empty()) return std::vector<ChildFlag>{};
    Where w;
    w.Add("child_id IN (" + w.In(child_ids) + ")");
    return All<ChildFlag>(JIGSAW_TRY(c_.Query("SELECT " + S(FlagColumns().list()) + " FROM child_flags" + w.sql() +
                                                  " ORDER BY started_on DESC, set_at DESC, id",
                                              w.params())),
                          ToFlag);
  }

 private:
  Status Run(const std::string& sql, std::initializer_list<Value> params) {
    JIGSAW_TRY(sql::Execute(c_, sql, params));
    return Ok();
  }
  Result<std::vector<Row>> Select(const Columns& columns, std::string_view table, std::string_view rest,
                                  std::initializer_list<Value> params) {
    return sql::Query(c_, "SELECT " + S(columns.list()) + " FROM " + S(table) + " " + S(rest), params);
  }

  // A task's description is sealed under its concern's key, or its child's
  // for a task about the child alone.
  static const std::string& TaskOwner(const Task& t) { return t.concern_id.empty() ? t.child_id : t.concern_id; }
  Status OpenTask(Task& t) {
    t.description = JIGSAW_TRY(cipher_.Open(TaskOwner(t), "task.description", t.id, t.description));
    return Ok();
  }

  sql::Connection& c_;
  ContentCipher& cipher_;
};

}  // namespace

std::unique_ptr<CaseManagementRepository> NewCaseManagementRepository(sql::Connection& connection,
                                                                      ContentCipher& cipher) {
  return std::make_unique<SqlCaseManagement>(connection, cipher);
}

}  // namespace jigsaw::store::internal
