// The repositories, written once in portable SQL over sql::Connection.
#include "store/repositories.h"
#include "store/partnership_repository.h"

#include <array>
#include <tuple>
#include <utility>

namespace jigsaw::store::internal {
namespace {

using sql::Row;
using sql::Value;

Result<domain::Organisation> ToOrganisation(const Row& r) {
  domain::Organisation o;
  o.id = r.Text(0);
  o.name = r.Text(1);
  o.type = JIGSAW_TRY(StoredEnum<domain::OrganisationType>(r.Text(2), "organisations.type"));
  o.sector = JIGSAW_TRY(StoredEnum<domain::Sector>(r.Text(3), "organisations.sector"));
  o.competent_authority = r.Int(4) != 0;
  o.created_at = FromMicros(r.Int(5));
  o.staff_shares = JIGSAW_TRY(StoredEnum<domain::StaffShares>(r.Text(6), "organisations.staff_shares"));
  return o;
}

constexpr std::string_view kOrganisationColumns =
    "id, name, type, sector, competent_authority, created_at, staff_shares";

class SqlOrganisations final : public OrganisationRepository {
 public:
  explicit SqlOrganisations(sql::Connection& c) : c_(c) {}

  Status Insert(const domain::Organisation& o) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO organisations (id, name, type, sector, "
                            "competent_authority, created_at, staff_shares) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                            {o.id, o.name, std::string(ToString(o.type)),
                             std::string(ToString(o.sector)), Flag(o.competent_authority),
                             Micros(o.created_at), std::string(ToString(o.staff_shares))}));
    return Ok();
  }

  Result<std::optional<domain::Organisation>> Find(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kOrganisationColumns) + " FROM organisations WHERE id = $1",
        {id}));
    if (rows.empty()) return std::nullopt;
    return JIGSAW_TRY(ToOrganisation(rows[0]));
  }

  Result<std::vector<domain::Organisation>> List() override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kOrganisationColumns) + " FROM organisations ORDER BY name"));
    std::vector<domain::Organisation> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(JIGSAW_TRY(ToOrganisation(r)));
    return out;
  }

 private:
  sql::Connection& c_;
};

constexpr std::string_view kPractitionerColumns =
    "id, organisation_id, username, display_name, roles, disabled, created_at, password_hash, "
    "must_change_password";

Result<PractitionerWithCredentials> ToPractitioner(const Row& r) {
  PractitionerWithCredentials out;
  domain::Practitioner& p = out.practitioner;
  p.id = r.Text(0);
  p.organisation_id = r.Text(1);
  p.username = r.Text(2);
  p.display_name = r.Text(3);
  auto roles = domain::RoleSet::ParseJoined(r.Text(4));
  if (!roles) return Internal("Unrecognised roles in practitioners.roles");
  p.roles = *roles;
  p.disabled = r.Int(5) != 0;
  p.created_at = FromMicros(r.Int(6));
  out.credentials.password_hash = r.Text(7);
  p.must_change_password = r.Int(8) != 0;
  return out;
}

constexpr std::string_view kProposalColumns =
    "id, organisation_id, practitioner_id, username, display_name, roles, proposed_by, proposed_at, outcome, "
    "decided_by, decided_at, password_hash";

Result<domain::AccountProposal> ToProposal(const Row& r, std::string* password_hash) {
  domain::AccountProposal p;
  p.id = r.Text(0);
  p.organisation_id = r.Text(1);
  p.practitioner_id = r.Text(2);
  p.username = r.Text(3);
  p.display_name = r.Text(4);
  auto roles = domain::RoleSet::ParseJoined(r.Text(5));
  if (!roles) return Internal("Unrecognised roles in account_proposals.roles");
  p.roles = *roles;
  p.proposed_by = r.Text(6);
  p.proposed_at = FromMicros(r.Int(7));
  auto outcome = ParseEnum<domain::ProposalOutcome>(r.Text(8));
  if (!outcome) return Internal("Unrecognised account_proposals.outcome");
  p.outcome = *outcome;
  p.decided_by = r.Text(9);
  p.decided_at = FromMicros(r.Int(10));
  if (password_hash) *password_hash = r.Text(11);
  return p;
}

class SqlPractitioners final : public PractitionerRepository {
 public:
  explicit SqlPractitioners(sql::Connection& c) : c_(c) {}

  Status Insert(const domain::Practitioner& p, const std::string& password_hash) override {
    JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO practitioners (id, organisation_id, username, display_name, roles, "
        "disabled, created_at, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {p.id, p.organisation_id, p.username, p.display_name, p.roles.Join(), Flag(p.disabled),
         Micros(p.created_at), password_hash}));
    return Ok();
  }

  Result<std::optional<domain::Practitioner>> Find(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kPractitionerColumns) + " FROM practitioners WHERE id = $1",
        {id}));
    if (rows.empty()) return std::nullopt;
    return JIGSAW_TRY(ToPractitioner(rows[0])).practitioner;
  }

  Result<std::optional<PractitionerWithCredentials>> FindByUsername(
      const std::string& username) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT " + std::string(kPractitionerColumns) +
                                          " FROM practitioners WHERE username = $1",
                                      {username}));
    if (rows.empty()) return std::nullopt;
    return JIGSAW_TRY(ToPractitioner(rows[0]));
  }

  Result<std::vector<domain::Practitioner>> List(
      const std::optional<std::string>& organisation_id) override {
    const std::string select = "SELECT " + std::string(kPractitionerColumns) + " FROM practitioners";
    auto rows = organisation_id
                    ? JIGSAW_TRY(sql::Query(
                          c_, select + " WHERE organisation_id = $1 ORDER BY username",
                          {*organisation_id}))
                    : JIGSAW_TRY(sql::Query(c_, select + " ORDER BY username"));
    std::vector<domain::Practitioner> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(JIGSAW_TRY(ToPractitioner(r)).practitioner);
    return out;
  }

  Result<std::optional<PractitionerWithCredentials>> FindWithCredentials(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kPractitionerColumns) + " FROM practitioners WHERE id = $1", {id}));
    if (rows.empty()) return std::nullopt;
    return JIGSAW_TRY(ToPractitioner(rows[0]));
  }

  Status UpdatePasswordHash(const std::string& id, const std::string& password_hash, bool must_change) override {
    JIGSAW_TRY(sql::Execute(c_, "UPDATE practitioners SET password_hash = $2, must_change_password = $3 WHERE id = $1",
                            {id, password_hash, Flag(must_change)}));
    return Ok();
  }

  Status Update(const domain::Practitioner& p) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE practitioners SET organisation_id = $2, display_name = $3, roles = $4, "
                            "disabled = $5 WHERE id = $1",
                            {p.id, p.organisation_id, p.display_name, p.roles.Join(), Flag(p.disabled)}));
    return Ok();
  }

  Status DeleteWorkInProgress(const std::string& id) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM drafts WHERE practitioner_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM notifications WHERE practitioner_id = $1", {id}));
    return Ok();
  }

  Status InsertProposal(const domain::AccountProposal& p, const std::string& password_hash) override {
    JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO account_proposals (" + std::string(kProposalColumns) +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        {p.id, p.organisation_id, p.practitioner_id, p.username, p.display_name, p.roles.Join(), p.proposed_by,
         Micros(p.proposed_at), std::string(ToString(p.outcome)), p.decided_by, Micros(p.decided_at), password_hash}));
    return Ok();
  }

  Result<std::optional<domain::AccountProposal>> FindProposal(const std::string& id,
                                                              std::string* password_hash) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kProposalColumns) + " FROM account_proposals WHERE id = $1", {id}));
    if (rows.empty()) return std::nullopt;
    return JIGSAW_TRY(ToProposal(rows[0], password_hash));
  }

  Result<std::vector<domain::AccountProposal>> PendingProposals(const std::string& organisation_id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT " + std::string(kProposalColumns) +
                                          " FROM account_proposals WHERE organisation_id = $1 AND outcome = $2 "
                                          "ORDER BY proposed_at, id",
                                      {organisation_id, std::string(ToString(domain::ProposalOutcome::kPending))}));
    std::vector<domain::AccountProposal> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(JIGSAW_TRY(ToProposal(r, nullptr)));
    return out;
  }

  Result<bool> DecideProposal(const domain::AccountProposal& p) override {
    const std::int64_t changed = JIGSAW_TRY(sql::Execute(
        c_,
        "UPDATE account_proposals SET outcome = $2, decided_by = $3, decided_at = $4, password_hash = '' "
        "WHERE id = $1 AND outcome = $5",
        {p.id, std::string(ToString(p.outcome)), p.decided_by, Micros(p.decided_at),
         std::string(ToString(domain::ProposalOutcome::kPending))}));
    return changed == 1;
  }

 private:
  sql::Connection& c_;
};

class SqlSessions final : public SessionRepository {
 public:
  explicit SqlSessions(sql::Connection& c) : c_(c) {}

  Status Insert(const domain::Session& s) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO sessions (token_digest, practitioner_id, created_at, "
                            "last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                            {s.token_digest, s.practitioner_id, Micros(s.created_at),
                             Micros(s.last_seen_at), Micros(s.expires_at)}));
    return Ok();
  }

  Result<std::optional<domain::Session>> Find(const std::string& token_digest) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT token_digest, practitioner_id, created_at, "
                                      "last_seen_at, expires_at FROM sessions "
                                      "WHERE token_digest = $1",
                                      {token_digest}));
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    return domain::Session{r.Text(0), r.Text(1), FromMicros(r.Int(2)), FromMicros(r.Int(3)),
                           FromMicros(r.Int(4))};
  }

  Status Touch(const std::string& token_digest, Time last_seen_at) override {
    JIGSAW_TRY(sql::Execute(c_, "UPDATE sessions SET last_seen_at = $2 WHERE token_digest = $1",
                            {token_digest, Micros(last_seen_at)}));
    return Ok();
  }

  Status Delete(const std::string& token_digest) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM sessions WHERE token_digest = $1", {token_digest}));
    return Ok();
  }

  Status DeleteForPractitioner(const std::string& practitioner_id) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM sessions WHERE practitioner_id = $1", {practitioner_id}));
    return Ok();
  }

  Result<std::int64_t> DeleteExpired(Time now, Duration idle_timeout) override {
    return sql::Execute(c_, "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
                        {Micros(now), Micros(now - idle_timeout)});
  }

 private:
  sql::Connection& c_;
};

constexpr std::string_view kAuditColumns =
    "seq, time, practitioner_id, organisation_id, roles, action, object_type, object_id, "
    "child_id, purpose, outcome, request_id, leaf_hash";

domain::AuditRecord ToAuditRecord(const Row& r) {
  domain::AuditRecord a;
  a.index = static_cast<std::uint64_t>(r.Int(0));
  a.time = FromMicros(r.Int(1));
  a.practitioner_id = r.Text(2);
  a.organisation_id = r.Text(3);
  a.roles = r.Text(4);
  a.action = r.Text(5);
  a.object_type = r.Text(6);
  a.object_id = r.Text(7);
  a.child_id = r.Text(8);
  a.purpose = r.Text(9);
  // An out-of-range outcome is kept as a value the encoding cannot produce
  // honestly, so verification reports the record as altered.
  a.outcome = static_cast<domain::AuditOutcome>(r.Int(10));
  a.request_id = r.Text(11);
  return a;
}

// An organisation's view of the log (AuditQuery::visible_to_organisation_id),
// with the organisation as parameter $n: what its staff did, and anything
// done to a record it holds, or about a child it holds.
std::string VisibleTo(const std::string& n) {
  const std::string o = "$" + n;
  return "(organisation_id = " + o +
         " OR child_id IN (SELECT id FROM people WHERE organisation_id = " + o + ")"
         " OR (object_type IN ('person', 'child') AND object_id IN (SELECT id FROM people WHERE organisation_id = " + o + "))"
         " OR (object_type = 'concern' AND object_id IN (SELECT id FROM concerns WHERE organisation_id = " + o + "))"
         " OR (object_type = 'decision' AND object_id IN (SELECT id FROM decisions WHERE organisation_id = " + o + "))"
         " OR (object_type = 'disclosure' AND object_id IN"
         " (SELECT id FROM disclosures WHERE sharer_organisation_id = " + o + "))"
         " OR (object_type = 'information_request' AND object_id IN"
         " (SELECT id FROM information_requests WHERE requester_organisation_id = " + o + "))"
         " OR (object_type = 'advice_request' AND object_id IN"
         " (SELECT id FROM advice_requests WHERE organisation_id = " + o + ")))";
}

class SqlAudit final : public AuditRepository {
 public:
  explicit SqlAudit(sql::Connection& c) : c_(c) {}

  Result<AuditLogState> LockState() override {
    // Within one transaction the state only changes through Append, so it
    // is read (and locked) once; a savepoint rollback clears the cache.
    if (cached_) return *cached_;
    // SQLite already holds the database write lock (BEGIN IMMEDIATE);
    // PostgreSQL locks the one state row until commit.
    const std::string_view q = c_.dialect() == sql::Dialect::kPostgres
                                   ? "SELECT size, frontier FROM audit_state WHERE id = 1 FOR UPDATE"
                                   : "SELECT size, frontier FROM audit_state WHERE id = 1";
    auto rows = JIGSAW_TRY(sql::Query(c_, q));
    if (rows.empty()) return Internal("The audit log state is missing.");
    cached_ = AuditLogState{static_cast<std::uint64_t>(rows[0].Int(0)), rows[0].Blob(1)};
    return *cached_;
  }

  // Savepoints: the cached state and the number of appends not yet written
  // are saved with each one and restored if it is rolled back, so a failed
  // request cannot leave its appends in the state that the next request
  // builds on, nor in the rows written at commit.
  void Mark() { marked_ = {cached_, dirty_, records_.size(), nodes_.size(), written_}; }
  void RollbackToMark() {
    std::tie(cached_, dirty_) = std::tie(marked_.state, marked_.dirty);
    records_.resize(marked_.records);
    nodes_.resize(marked_.nodes);
    // Rows written since the savepoint (by a read that needed them) were
    // undone by the database's rollback with it: they are owed again.
    written_ = marked_.written;
  }

  // Before commit: every append of the transaction as a few multi-row
  // INSERTs, then the state row once. Per-row statements cost most of a
  // group-committed batch's time on the writer thread.
  Status Flush() {
    JIGSAW_RETURN_IF_ERROR(WritePending());
    records_.clear();
    nodes_.clear();
    written_ = {};
    if (!dirty_) return Ok();
    JIGSAW_TRY(sql::Execute(c_, "UPDATE audit_state SET size = $1, frontier = $2 WHERE id = 1",
                            {static_cast<std::int64_t>(cached_->size), cached_->frontier}));
    dirty_ = false;
    return Ok();
  }

  Status Append(const domain::AuditRecord& a, const Bytes& leaf_hash,
                const std::vector<AuditNode>& completed, const AuditLogState& next) override {
    // Kept until commit (Flush); the log is locked, so the indexes are ours.
    records_.push_back({a, leaf_hash});
    nodes_.insert(nodes_.end(), completed.begin(), completed.end());
    cached_ = next;
    dirty_ = true;
    return Ok();
  }

  Result<std::uint64_t> Size() override {
    if (cached_) return cached_->size;
    auto rows = JIGSAW_TRY(sql::Query(c_, "SELECT size FROM audit_state WHERE id = 1"));
    return rows.empty() ? 0 : static_cast<std::uint64_t>(rows[0].Int(0));
  }

  Result<std::vector<AuditNode>> Nodes(const std::vector<std::uint64_t>& ids) override {
    // Two queries whatever the number of nodes: leaves live with their
    // records, higher levels in audit_nodes.
    constexpr std::uint64_t kLevelShift = 48;
    std::vector<Value> leaves, inner;
    for (std::uint64_t id : ids)
      ((id >> kLevelShift) == 0 ? leaves : inner).push_back(static_cast<std::int64_t>(id));
    JIGSAW_RETURN_IF_ERROR(WritePending());
    std::vector<AuditNode> out;
    out.reserve(ids.size());
    auto fetch = [&](std::string_view select, const std::vector<Value>& keys) -> Status {
      if (keys.empty()) return Ok();
      std::string sql(select);
      for (std::size_t i = 0; i < keys.size(); ++i) sql += (i ? ", $" : "$") + std::to_string(i + 1);
      sql += ")";
      for (const Row& r : JIGSAW_TRY(c_.Query(sql, keys)))
        out.push_back({static_cast<std::uint64_t>(r.Int(0)), r.Blob(1)});
      return Ok();
    };
    JIGSAW_RETURN_IF_ERROR(fetch("SELECT seq, leaf_hash FROM audit_records WHERE seq IN (", leaves));
    JIGSAW_RETURN_IF_ERROR(fetch("SELECT id, hash FROM audit_nodes WHERE id IN (", inner));
    return out;
  }

  Status VisitNodes(std::uint64_t first_id, std::size_t limit,
                    const std::function<void(std::uint64_t, std::span<const std::uint8_t>)>& visit) override {
    JIGSAW_RETURN_IF_ERROR(WritePending());
    const Value params[] = {static_cast<std::int64_t>(first_id), static_cast<std::int64_t>(limit)};
    return c_.QueryEach("SELECT id, hash FROM audit_nodes WHERE id >= $1 ORDER BY id LIMIT $2", params,
                        [&](const sql::RowView& r) {
                          visit(static_cast<std::uint64_t>(r.Int(0)), r.Blob(1));
                          return true;
                        });
  }

  Status VisitLeaves(std::uint64_t from, std::size_t limit,
                     const std::function<void(std::uint64_t, std::span<const std::uint8_t>)>& visit) override {
    JIGSAW_RETURN_IF_ERROR(WritePending());
    const Value params[] = {static_cast<std::int64_t>(from), static_cast<std::int64_t>(limit)};
    return c_.QueryEach("SELECT seq, leaf_hash FROM audit_records WHERE seq >= $1 ORDER BY seq LIMIT $2", params,
                        [&](const sql::RowView& r) {
                          visit(static_cast<std::uint64_t>(r.Int(0)), r.Blob(1));
                          return true;
                        });
  }

  Result<AuditLogState> State() override {
    if (cached_) return *cached_;
    auto rows = JIGSAW_TRY(sql::Query(c_, "SELECT size, frontier FROM audit_state WHERE id = 1"));
    if (rows.empty()) return Internal("The audit log state is missing.");
    return AuditLogState{static_cast<std::uint64_t>(rows[0].Int(0)), rows[0].Blob(1)};
  }

  Status Scan(std::uint64_t from,
              const std::function<bool(const domain::AuditRecord&, const Bytes&)>& visit) override {
    // Pages of rows visited in place, into one reused record: verifying
    // millions of records must not allocate per record.
    JIGSAW_RETURN_IF_ERROR(WritePending());
    constexpr std::int64_t kPage = 50000;
    const std::string sql = "SELECT " + std::string(kAuditColumns) +
                            " FROM audit_records WHERE seq >= $1 ORDER BY seq LIMIT $2";
    std::int64_t next = static_cast<std::int64_t>(from);
    domain::AuditRecord a;
    Bytes leaf;
    for (;;) {
      std::int64_t seen = 0;
      bool stopped = false;
      const Value params[] = {next, kPage};
      JIGSAW_RETURN_IF_ERROR(c_.QueryEach(sql, params, [&](const sql::RowView& r) {
        ++seen;
        a.index = static_cast<std::uint64_t>(r.Int(0));
        a.time = FromMicros(r.Int(1));
        a.practitioner_id.assign(r.Text(2));
        a.organisation_id.assign(r.Text(3));
        a.roles.assign(r.Text(4));
        a.action.assign(r.Text(5));
        a.object_type.assign(r.Text(6));
        a.object_id.assign(r.Text(7));
        a.child_id.assign(r.Text(8));
        a.purpose.assign(r.Text(9));
        a.outcome = static_cast<domain::AuditOutcome>(r.Int(10));
        a.request_id.assign(r.Text(11));
        const auto blob = r.Blob(12);
        leaf.assign(blob.begin(), blob.end());
        next = r.Int(0) + 1;
        if (!visit(a, leaf)) stopped = true;
        return !stopped;
      }));
      if (stopped || seen < kPage) return Ok();
    }
  }

  Result<std::vector<domain::AuditRecord>> Search(const AuditQuery& q) override {
    JIGSAW_RETURN_IF_ERROR(WritePending());
    Where w;
    w.Equals("child_id", q.child_id);
    w.Equals("practitioner_id", q.practitioner_id);
    w.Equals("organisation_id", q.organisation_id);
    w.Equals("action", q.action);
    w.Equals("object_id", q.object_id);
    if (!q.person_id.empty()) {
      const std::string p = w.Next(q.person_id);
      w.Add("(object_id = $" + p + " OR child_id = $" + p + ")");
    }
    if (!q.visible_to_organisation_id.empty()) w.Add(VisibleTo(w.Next(q.visible_to_organisation_id)));
    if (q.outcome) w.Compare("outcome =", std::int64_t{static_cast<int>(*q.outcome)});
    if (q.from) w.Compare("time >=", ToMicros(*q.from));
    if (q.to) w.Compare("time <", ToMicros(*q.to));
    if (q.before_index) w.Compare("seq <", static_cast<std::int64_t>(*q.before_index));
    const std::string tail = " ORDER BY seq DESC" + w.Limit(q.limit);
    auto rows = JIGSAW_TRY(c_.Query(
        "SELECT " + std::string(kAuditColumns) + " FROM audit_records" + w.sql() + tail, w.params()));
    std::vector<domain::AuditRecord> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(ToAuditRecord(r));
    return out;
  }

  Status InsertTreeHead(const StoredTreeHead& h) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO audit_tree_heads (tree_size, root_hash, time, signature, key_id) "
                            "VALUES ($1, $2, $3, $4, $5)",
                            {static_cast<std::int64_t>(h.size), h.root, ToMicros(h.time), h.signature, h.key_id}));
    return Ok();
  }

  Result<std::optional<StoredTreeHead>> LatestTreeHead() override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT tree_size, root_hash, time, signature, key_id FROM "
                                      "audit_tree_heads ORDER BY tree_size DESC LIMIT 1"));
    if (rows.empty()) return std::nullopt;
    return ToHead(rows[0]);
  }

  Result<std::vector<StoredTreeHead>> TreeHeads() override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT tree_size, root_hash, time, signature, key_id FROM audit_tree_heads ORDER BY tree_size"));
    std::vector<StoredTreeHead> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(ToHead(r));
    return out;
  }

 private:
  static StoredTreeHead ToHead(const Row& r) {
    return {static_cast<std::uint64_t>(r.Int(0)), r.Blob(1), FromMicros(r.Int(2)), r.Blob(3), r.Text(4)};
  }
  struct PendingRecord {
    domain::AuditRecord record;
    Bytes leaf_hash;
  };
  // How much of records_ and nodes_ is already in the database.
  struct Written {
    std::size_t records = 0, nodes = 0;
  };
  struct MarkedState {
    std::optional<AuditLogState> state;
    bool dirty = false;
    std::size_t records = 0, nodes = 0;
    Written written;
  };

  // Rows per statement: a batch is written greedily in these sizes, so each
  // connection prepares at most four statements per table, whatever the
  // batch size, and stays far below either backend's parameter limit.
  static constexpr std::size_t kChunks[] = {128, 32, 8, 1};

  // "INSERT INTO table (columns) VALUES ($1, ..., $k), ($k+1, ...), ..."
  static std::string MultiRowInsert(std::string_view head, std::size_t columns, std::size_t rows) {
    std::string sql(head);
    sql += " VALUES ";
    std::size_t p = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t i = 0; i < columns; ++i) sql += (i ? ", $" : "$") + std::to_string(++p);
      sql += ")";
    }
    return sql;
  }

  // Writes pending[from..] with `bind`, in statements of kChunks rows.
  template <typename T, typename Bind>
  Status WriteRows(std::size_t columns, const std::vector<T>& pending,
                   std::size_t from, Bind bind, const std::array<std::string, 4>& statements) {
    std::vector<Value> params;
    std::size_t i = from;
    for (std::size_t k = 0; k < std::size(kChunks); ++k) {
      while (pending.size() - i >= kChunks[k]) {
        params.clear();
        params.reserve(columns * kChunks[k]);
        for (std::size_t r = 0; r < kChunks[k]; ++r) bind(pending[i + r], params);
        JIGSAW_TRY(c_.Execute(statements[k], params));
        i += kChunks[k];
      }
    }
    return Ok();
  }

  Status WritePending() {
    static constexpr std::string_view kRecordsHead =
        "INSERT INTO audit_records (seq, time, practitioner_id, organisation_id, roles, action, "
        "object_type, object_id, child_id, purpose, outcome, request_id, leaf_hash)";
    static constexpr std::string_view kNodesHead = "INSERT INTO audit_nodes (id, hash)";
    static const auto statements = [](std::string_view head, std::size_t columns) {
      std::array<std::string, 4> out;
      for (std::size_t k = 0; k < out.size(); ++k) out[k] = MultiRowInsert(head, columns, kChunks[k]);
      return out;
    };
    static const std::array<std::string, 4> kRecordInserts = statements(kRecordsHead, 13);
    static const std::array<std::string, 4> kNodeInserts = statements(kNodesHead, 2);
    JIGSAW_RETURN_IF_ERROR(WriteRows(
        13, records_, written_.records,
        [](const PendingRecord& p, std::vector<Value>& out) {
          const domain::AuditRecord& a = p.record;
          out.emplace_back(static_cast<std::int64_t>(a.index));
          out.emplace_back(ToMicros(a.time));
          for (const std::string* text : {&a.practitioner_id, &a.organisation_id, &a.roles, &a.action,
                                          &a.object_type, &a.object_id, &a.child_id, &a.purpose})
            out.emplace_back(*text);
          out.emplace_back(std::int64_t{static_cast<int>(a.outcome)});
          out.emplace_back(a.request_id);
          out.emplace_back(p.leaf_hash);
        },
        kRecordInserts));
    written_.records = records_.size();
    JIGSAW_RETURN_IF_ERROR(WriteRows(
        2, nodes_, written_.nodes,
        [](const AuditNode& n, std::vector<Value>& out) {
          out.emplace_back(static_cast<std::int64_t>(n.id));
          out.emplace_back(n.hash);
        },
        kNodeInserts));
    written_.nodes = nodes_.size();
    return Ok();
  }

  sql::Connection& c_;
  std::optional<AuditLogState> cached_;
  bool dirty_ = false;
  std::vector<PendingRecord> records_;
  std::vector<AuditNode> nodes_;
  Written written_;
  MarkedState marked_;
};

class SqlTransaction final : public Transaction {
 public:
  SqlTransaction(sql::Connection& c, ContentKeys* content_keys)
      : cipher_(content_keys, &c),
        organisations_(c),
        practitioners_(c),
        sessions_(c),
        sign_in_(NewSignInRepository(c)),
        audit_(c),
        casework_(NewCaseworkRepository(c, cipher_)),
        partnership_(NewPartnershipRepository(c)),
        case_management_(NewCaseManagementRepository(c, cipher_)),
        recording_(NewRecordingRepository(c, cipher_)),
        linking_(NewLinkingRepository(c)),
        training_(NewTrainingRepository(c)),
        governance_(NewGovernanceRepository(c)),
        retention_(NewRetentionRepository(c)),
        restrictions_(NewRestrictionRepository(c)),
        subject_access_(NewSubjectAccessRepository(c, cipher_)) {}
  OrganisationRepository& organisations() override { return organisations_; }
  PractitionerRepository& practitioners() override { return practitioners_; }
  SessionRepository& sessions() override { return sessions_; }
  SignInRepository& sign_in() override { return *sign_in_; }
  AuditRepository& audit() override { return audit_; }
  CaseworkRepository& casework() override { return *casework_; }
  PartnershipRepository& partnership() override { return *partnership_; }
  CaseManagementRepository& case_management() override { return *case_management_; }
  RecordingRepository& recording() override { return *recording_; }
  LinkingRepository& linking() override { return *linking_; }
  TrainingRepository& training() override { return *training_; }
  GovernanceRepository& governance() override { return *governance_; }
  RetentionRepository& retention() override { return *retention_; }
  RestrictionRepository& restrictions() override { return *restrictions_; }
  SubjectAccessRepository& subject_access() override { return *subject_access_; }
  void Savepoint() override { audit_.Mark(); }
  void RollbackToSavepoint() override { audit_.RollbackToMark(); }
  Status BeforeCommit() override { return audit_.Flush(); }

 private:
  ContentCipher cipher_;  // before the repositories that use it
  SqlOrganisations organisations_;
  SqlPractitioners practitioners_;
  SqlSessions sessions_;
  std::unique_ptr<SignInRepository> sign_in_;
  SqlAudit audit_;
  std::unique_ptr<CaseworkRepository> casework_;
  std::unique_ptr<PartnershipRepository> partnership_;
  std::unique_ptr<CaseManagementRepository> case_management_;
  std::unique_ptr<RecordingRepository> recording_;
  std::unique_ptr<LinkingRepository> linking_;
  std::unique_ptr<TrainingRepository> training_;
  std::unique_ptr<GovernanceRepository> governance_;
  std::unique_ptr<RetentionRepository> retention_;
  std::unique_ptr<RestrictionRepository> restrictions_;
  std::unique_ptr<SubjectAccessRepository> subject_access_;
};

}  // namespace

std::unique_ptr<Transaction> NewTransaction(sql::Connection& connection, ContentKeys* content_keys) {
  return std::make_unique<SqlTransaction>(connection, content_keys);
}

}  // namespace jigsaw::store::internal
