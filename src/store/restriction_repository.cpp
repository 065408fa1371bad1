// Restrictions and objections in portable SQL over sql::Connection
// (migration 24).
#include "store/restriction_repository.h"

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

constexpr std::string_view kRestrictionColumns =
    "id, organisation_id, person_id, reason, placed_by, placed_at, lifted_by, lifted_at, lift_reason";

Result<Restriction> ToRestriction(const Row& r) {
  return Restriction{.id = r.Text(0),
                     .organisation_id = r.Text(1),
                     .person_id = r.Text(2),
                     .reason = r.Text(3),
                     .placed_by = r.Text(4),
                     .placed_at = FromMicros(r.Int(5)),
                     .lifted_by = r.Text(6),
                     .lifted_at = FromMicros(r.Int(7)),
                     .lift_reason = r.Text(8)};
}

constexpr std::string_view kObjectionColumns =
    "id, organisation_id, person_id, received_on, objector, objector_name, grounds, recorded_by, recorded_at, "
    "decision, decision_reason, decided_by, decided_at";

Result<Objection> ToObjection(const Row& r) {
  return Objection{.id = r.Text(0),
                   .organisation_id = r.Text(1),
                   .person_id = r.Text(2),
                   .received_on = r.Text(3),
                   .objector = JIGSAW_TRY(StoredEnum<Objector>(r.Text(4), "objections.objector")),
                   .objector_name = r.Text(5),
                   .grounds = r.Text(6),
                   .recorded_by = r.Text(7),
                   .recorded_at = FromMicros(r.Int(8)),
                   .decision = JIGSAW_TRY(StoredEnum<ObjectionDecision>(r.Text(9), "objections.decision")),
                   .decision_reason = r.Text(10),
                   .decided_by = r.Text(11),
                   .decided_at = FromMicros(r.Int(12))};
}

class SqlRestrictions final : public RestrictionRepository {
 public:
  explicit SqlRestrictions(sql::Connection& c) : c_(c) {}

  Status InsertRestriction(const Restriction& x) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO restrictions (" + S(kRestrictionColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                            {x.id, x.organisation_id, x.person_id, x.reason, x.placed_by, Micros(x.placed_at),
                             x.lifted_by, Micros(x.lifted_at), x.lift_reason}));
    return Ok();
  }

  Result<std::optional<Restriction>> FindRestriction(const std::string& id) override {
    auto rows =
        JIGSAW_TRY(sql::Query(c_, "SELECT " + S(kRestrictionColumns) + " FROM restrictions WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Restriction>();
    return std::optional<Restriction>(JIGSAW_TRY(ToRestriction(rows.front())));
  }

  Status LiftRestriction(const Restriction& x) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE restrictions SET lifted_by = $2, lifted_at = $3, lift_reason = $4 WHERE id = $1",
                            {x.id, x.lifted_by, Micros(x.lifted_at), x.lift_reason}));
    return Ok();
  }

  Result<std::vector<Restriction>> Restrictions(const std::string& organisation_id, bool standing_only) override {
    return All<Restriction>(
        JIGSAW_TRY(sql::Query(c_,
                              "SELECT " + S(kRestrictionColumns) + " FROM restrictions WHERE organisation_id = $1" +
                                  (standing_only ? " AND lifted_by = ''" : "") + " ORDER BY placed_at DESC, id",
                              {organisation_id})),
        ToRestriction);
  }

  Status InsertObjection(const Objection& o) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO objections (" + S(kObjectionColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                            {o.id, o.organisation_id, o.person_id, o.received_on, S(ToString(o.objector)),
                             o.objector_name, o.grounds, o.recorded_by, Micros(o.recorded_at),
                             S(ToString(o.decision)), o.decision_reason, o.decided_by, Micros(o.decided_at)}));
    return Ok();
  }

  Result<std::optional<Objection>> FindObjection(const std::string& id) override {
    auto rows =
        JIGSAW_TRY(sql::Query(c_, "SELECT " + S(kObjectionColumns) + " FROM objections WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Objection>();
    return std::optional<Objection>(JIGSAW_TRY(ToObjection(rows.front())));
  }

  Status DecideObjection(const Objection& o) override {
    JIGSAW_TRY(sql::Execute(
        c_, "UPDATE objections SET decision = $2, decision_reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1",
        {o.id, S(ToString(o.decision)), o.decision_reason, o.decided_by, Micros(o.decided_at)}));
    return Ok();
  }

  Result<std::vector<Objection>> Objections(const std::string& organisation_id) override {
    return All<Objection>(JIGSAW_TRY(sql::Query(c_,
                                                "SELECT " + S(kObjectionColumns) +
                                                    " FROM objections WHERE organisation_id = $1 "
                                                    "ORDER BY recorded_at DESC, id",
                                                {organisation_id})),
                          ToObjection);
  }

  Result<std::vector<Objection>> ObjectionsAbout(const std::string& person_id) override {
    return All<Objection>(
        JIGSAW_TRY(sql::Query(c_,
                              "SELECT " + S(kObjectionColumns) +
                                  " FROM objections WHERE person_id = $1 ORDER BY recorded_at DESC, id",
                              {person_id})),
        ToObjection);
  }

 private:
  sql::Connection& c_;
};

}  // namespace

std::unique_ptr<RestrictionRepository> NewRestrictionRepository(sql::Connection& connection) {
  return std::make_unique<SqlRestrictions>(connection);
}

}  // namespace jigsaw::store::internal
