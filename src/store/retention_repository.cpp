// Retention schedules, legal holds, erasure requests and destruction in
// portable SQL over sql::Connection (migration 23).
#include "store/retention_repository.h"

#include "domain/person.h"
#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using namespace domain;
using sql::Row;

std::string S(std::string_view v) { return std::string(v); }

template <typename T, typename F>
Result<std::vector<T>> All(const std::vector<Row>& rows, F to) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(JIGSAW_TRY(to(r)));
  return out;
}

constexpr std::string_view kRuleColumns =
    "kind, trigger_from, years, days, extension_aged, extension_until, disposal, source";

Result<RetentionRule> ToRule(const Row& r) {
  RetentionRule rule;
  rule.kind = JIGSAW_TRY(StoredEnum<RecordKind>(r.Text(0), "retention_rules.kind"));
  rule.period.trigger = JIGSAW_TRY(StoredEnum<RetentionTrigger>(r.Text(1), "retention_rules.trigger_from"));
  rule.period.years = static_cast<int>(r.Int(2));
  rule.period.days = static_cast<int>(r.Int(3));
  if (r.Int(4) >= 0) rule.period.extension = AgeExtension{static_cast<int>(r.Int(4)), static_cast<int>(r.Int(5))};
  rule.disposal = JIGSAW_TRY(StoredEnum<Disposal>(r.Text(6), "retention_rules.disposal"));
  rule.source = r.Text(7);
  return rule;
}

constexpr std::string_view kHoldColumns =
    "id, organisation_id, subject, subject_id, reason, placed_by, placed_at, lifted_by, lifted_at, lift_reason";

Result<LegalHold> ToHold(const Row& r) {
  return LegalHold{.id = r.Text(0),
                   .organisation_id = r.Text(1),
                   .subject = JIGSAW_TRY(StoredEnum<HoldSubject>(r.Text(2), "legal_holds.subject")),
                   .subject_id = r.Text(3),
                   .reason = r.Text(4),
                   .placed_by = r.Text(5),
                   .placed_at = FromMicros(r.Int(6)),
                   .lifted_by = r.Text(7),
                   .lifted_at = FromMicros(r.Int(8)),
                   .lift_reason = r.Text(9)};
}

constexpr std::string_view kErasureColumns =
    "id, organisation_id, person_id, requested_by, received_on, outcome, ground, reasons, decided_by, decided_at";

Result<ErasureRequest> ToErasure(const Row& r) {
  return ErasureRequest{.id = r.Text(0),
                        .organisation_id = r.Text(1),
                        .person_id = r.Text(2),
                        .requested_by = r.Text(3),
                        .received_on = r.Text(4),
                        .outcome = JIGSAW_TRY(StoredEnum<ErasureOutcome>(r.Text(5), "erasure_requests.outcome")),
                        .ground = JIGSAW_TRY(StoredEnum<ErasureGround>(r.Text(6), "erasure_requests.ground")),
                        .reasons = r.Text(7),
                        .decided_by = r.Text(8),
                        .decided_at = FromMicros(r.Int(9))};
}

constexpr std::string_view kDestructionColumns =
    "id, organisation_id, record_kind, record_id, child_id, cause, erasure_request_id, confirmed_by, destroyed_at";

Result<Destruction> ToDestruction(const Row& r) {
  return Destruction{.id = r.Text(0),
                     .organisation_id = r.Text(1),
                     .kind = JIGSAW_TRY(StoredEnum<RecordKind>(r.Text(2), "destructions.record_kind")),
                     .record_id = r.Text(3),
                     .child_id = r.Text(4),
                     .cause = JIGSAW_TRY(StoredEnum<DestructionCause>(r.Text(5), "destructions.cause")),
                     .erasure_request_id = r.Text(6),
                     .confirmed_by = r.Text(7),
                     .destroyed_at = FromMicros(r.Int(8))};
}

// A concern's last activity: the latest of its being recorded, seen,
// actioned, closed or reopened, or given an item.
constexpr std::string_view kConcernDatesSql =
    "SELECT c.id, c.child_id, c.created_at, "
    "  (SELECT MAX(t) FROM (SELECT c.created_at AS t UNION ALL SELECT c.seen_at UNION ALL SELECT c.actioned_at "
    "   UNION ALL SELECT MAX(i.created_at) FROM information_items i WHERE i.concern_id = c.id "
    "   UNION ALL SELECT MAX(k.closed_at) FROM concern_closures k WHERE k.concern_id = c.id) AS times), "
    "  COALESCE(p.date_of_birth, '') "
    "FROM concerns c LEFT JOIN people p ON p.id = c.child_id "
    "WHERE NOT EXISTS (SELECT 1 FROM destructions d WHERE d.record_kind = 'concern' AND d.record_id = c.id) ";

ConcernDates ToConcernDates(const Row& r) {
  ConcernDates out;
  out.concern_id = r.Text(0);
  out.child_id = r.Text(1);
  out.dates.created_at = FromMicros(r.Int(2));
  out.dates.last_activity_at = r.IsNull(3) ? out.dates.created_at : FromMicros(r.Int(3));
  if (auto dob = ParseDate(r.Text(4))) out.dates.date_of_birth = *dob;
  return out;
}

class SqlRetention final : public RetentionRepository {
 public:
  explicit SqlRetention(sql::Connection& c) : c_(c) {}

  Result<std::vector<RetentionRule>> Rules(const std::string& organisation_id) override {
    return All<RetentionRule>(
        JIGSAW_TRY(sql::Query(c_, "SELECT " + S(kRuleColumns) + " FROM retention_rules WHERE organisation_id = $1",
                              {organisation_id})),
        ToRule);
  }

  Status PutRule(const std::string& organisation_id, const RetentionRule& rule, const std::string& set_by,
                 Time at) override {
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM retention_rules WHERE organisation_id = $1 AND kind = $2",
                            {organisation_id, S(ToString(rule.kind))}));
    const auto& p = rule.period;
    JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO retention_rules (organisation_id, " + S(kRuleColumns) +
            ", set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {organisation_id, S(ToString(rule.kind)), S(ToString(p.trigger)), std::int64_t{p.years},
         std::int64_t{p.days}, std::int64_t{p.extension ? p.extension->aged_at_last_activity : -1},
         std::int64_t{p.extension ? p.extension->until_age : 0}, S(ToString(rule.disposal)), rule.source, set_by,
         Micros(at)}));
    return Ok();
  }

  Status InsertHold(const LegalHold& h) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO legal_holds (" + S(kHoldColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                            {h.id, h.organisation_id, S(ToString(h.subject)), h.subject_id, h.reason, h.placed_by,
                             Micros(h.placed_at), h.lifted_by, Micros(h.lifted_at), h.lift_reason}));
    return Ok();
  }

  Result<std::optional<LegalHold>> FindHold(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_, "SELECT " + S(kHoldColumns) + " FROM legal_holds WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<LegalHold>();
    return std::optional<LegalHold>(JIGSAW_TRY(ToHold(rows.front())));
  }

  Status LiftHold(const LegalHold& h) override {
    JIGSAW_TRY(sql::Execute(c_, "UPDATE legal_holds SET lifted_by = $2, lifted_at = $3, lift_reason = $4 WHERE id = $1",
                            {h.id, h.lifted_by, Micros(h.lifted_at), h.lift_reason}));
    return Ok();
  }

  Result<std::vector<LegalHold>> Holds(const std::string& organisation_id, bool active_only) override {
    return All<LegalHold>(
        JIGSAW_TRY(sql::Query(c_,
                              "SELECT " + S(kHoldColumns) + " FROM legal_holds WHERE organisation_id = $1" +
                                  (active_only ? " AND lifted_by = ''" : "") + " ORDER BY placed_at DESC, id",
                              {organisation_id})),
        ToHold);
  }

  Status InsertErasureRequest(const ErasureRequest& e) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO erasure_requests (" + S(kErasureColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                            {e.id, e.organisation_id, e.person_id, e.requested_by, e.received_on,
                             S(ToString(e.outcome)), S(ToString(e.ground)), e.reasons, e.decided_by,
                             Micros(e.decided_at)}));
    return Ok();
  }

  Result<std::vector<ErasureRequest>> ErasureRequests(const std::string& organisation_id) override {
    return All<ErasureRequest>(
        JIGSAW_TRY(sql::Query(c_,
                              "SELECT " + S(kErasureColumns) +
                                  " FROM erasure_requests WHERE organisation_id = $1 ORDER BY decided_at DESC, id",
                              {organisation_id})),
        ToErasure);
  }

  Status InsertDestruction(const Destruction& d) override {
    // Checked first: on PostgreSQL a failed INSERT would abort the
    // transaction, and a second destruction is an expected refusal.
    auto seen = JIGSAW_TRY(sql::Query(c_, "SELECT 1 FROM destructions WHERE record_kind = $1 AND record_id = $2",
                                      {S(ToString(d.kind)), d.record_id}));
    if (!seen.empty()) return Fail(ErrorCode::kAlreadyExists, "This record was destroyed before.", "record_id");
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO destructions (" + S(kDestructionColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                            {d.id, d.organisation_id, S(ToString(d.kind)), d.record_id, d.child_id,
                             S(ToString(d.cause)), d.erasure_request_id, d.confirmed_by, Micros(d.destroyed_at)}));
    return Ok();
  }

  Result<std::vector<Destruction>> Destructions(const std::string& organisation_id) override {
    return All<Destruction>(
        JIGSAW_TRY(sql::Query(c_,
                              "SELECT " + S(kDestructionColumns) +
                                  " FROM destructions WHERE organisation_id = $1 ORDER BY destroyed_at DESC, id",
                              {organisation_id})),
        ToDestruction);
  }

  Result<std::vector<ConcernDates>> ConcernsToMeasure(const std::string& organisation_id) override {
    auto rows = JIGSAW_TRY(
        sql::Query(c_, S(kConcernDatesSql) + "AND c.organisation_id = $1 ORDER BY c.created_at, c.id", {organisation_id}));
    std::vector<ConcernDates> out;
    for (const Row& r : rows) out.push_back(ToConcernDates(r));
    return out;
  }

  Result<std::optional<ConcernDates>> ConcernToMeasure(const std::string& concern_id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_, S(kConcernDatesSql) + "AND c.id = $1", {concern_id}));
    if (rows.empty()) return std::optional<ConcernDates>();
    return std::optional<ConcernDates>(ToConcernDates(rows.front()));
  }

  Status DestroyConcernContent(const std::string& id) override {
    JIGSAW_RETURN_IF_ERROR(ShredKey(id));
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE concerns SET what_happened = '', child_words = '', incident_place = '', "
                            "next_step_note = '' WHERE id = $1",
                            {id}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM item_versions WHERE concern_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "UPDATE information_items SET text = '', source = '' WHERE concern_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "UPDATE body_marks SET description = '' WHERE concern_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "UPDATE concern_closures SET note = '' WHERE concern_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "UPDATE tasks SET description = '' WHERE concern_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "UPDATE concern_links SET note = '' WHERE concern_id = $1 OR related_concern_id = $1",
                            {id}));
    JIGSAW_TRY(sql::Execute(
        c_, "UPDATE attachments SET file_name = '', description = '', sealed_content = $2 WHERE concern_id = $1",
        {id, Bytes{}}));
    return Ok();
  }

  Status DestroyPersonDetails(const std::string& id) override {
    JIGSAW_RETURN_IF_ERROR(ShredKey(id));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM person_versions WHERE id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE people SET given_name = '', family_name = '', search_name = '', "
                            "date_of_birth = '', nhs_number = '', upn = '', address = '', postcode = '', "
                            "protected_reason = '', known_as = '', phone_numbers = '', email_addresses = '' "
                            "WHERE id = $1",
                            {id}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM partnership_phones WHERE person_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM partnership_index WHERE person_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_, "UPDATE child_flags SET note = '' WHERE child_id = $1", {id}));
    JIGSAW_TRY(sql::Execute(c_,
                            "DELETE FROM item_versions WHERE id IN (SELECT id FROM information_items WHERE "
                            "person_id = $1 AND concern_id = '')",
                            {id}));
    JIGSAW_TRY(sql::Execute(
        c_, "UPDATE information_items SET text = '', source = '' WHERE person_id = $1 AND concern_id = ''", {id}));
    // A subject access release is a copy of what was held about them: the
    // fact of the request and its dates stay, its content goes.
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE subject_access_decisions SET reason = '' WHERE request_id IN "
                            "(SELECT id FROM subject_access_requests WHERE person_id = $1)",
                            {id}));
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE subject_access_requests SET released_content = '', identity_note = '', "
                            "extension_reason = '' WHERE person_id = $1",
                            {id}));
    return Ok();
  }

  Result<std::int64_t> PurgeDrafts(const std::string& organisation_id, Time before) override {
    return sql::Execute(c_,
                        "DELETE FROM drafts WHERE updated_at < $2 AND practitioner_id IN "
                        "(SELECT id FROM practitioners WHERE organisation_id = $1)",
                        {organisation_id, Micros(before)});
  }

  Result<std::int64_t> PurgeSessions(const std::string& organisation_id, Time before) override {
    return sql::Execute(c_,
                        "DELETE FROM sessions WHERE last_seen_at < $2 AND practitioner_id IN "
                        "(SELECT id FROM practitioners WHERE organisation_id = $1)",
                        {organisation_id, Micros(before)});
  }

  Result<std::int64_t> PurgeNotifications(const std::string& organisation_id, Time before) override {
    return sql::Execute(c_,
                        "DELETE FROM notifications WHERE created_at < $2 AND practitioner_id IN "
                        "(SELECT id FROM practitioners WHERE organisation_id = $1)",
                        {organisation_id, Micros(before)});
  }

 private:
  // The owner's content key is destroyed once this commits
  // (Store::Compact): every copy of what it sealed becomes unreadable.
  Status ShredKey(const std::string& owner_id) {
    JIGSAW_TRY(sql::Execute(c_, "INSERT INTO shredded_keys (owner_id) VALUES ($1) ON CONFLICT (owner_id) DO NOTHING",
                            {owner_id}));
    return Ok();
  }

  sql::Connection& c_;
};

}  // namespace

std::unique_ptr<RetentionRepository> NewRetentionRepository(sql::Connection& connection) {
  return std::make_unique<SqlRetention>(connection);
}

}  // namespace jigsaw::store::internal
