// Practitioners' training records in portable SQL over sql::Connection.
#include "store/training_repository.h"

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using domain::TrainingKind;
using domain::TrainingRecord;
using sql::Row;

constexpr std::string_view kColumns =
    "id, practitioner_id, organisation_id, kind, course, completed_on, expires_on, recorded_by, recorded_at";

Result<TrainingRecord> ToRecord(const Row& r) {
  TrainingRecord t;
  t.id = r.Text(0);
  t.practitioner_id = r.Text(1);
  t.organisation_id = r.Text(2);
  t.kind = JIGSAW_TRY(StoredEnum<TrainingKind>(r.Text(3), "training_records.kind"));
  t.course = r.Text(4);
  t.completed_on = r.Text(5);
  t.expires_on = r.Text(6);
  t.recorded_by = r.Text(7);
  t.recorded_at = FromMicros(r.Int(8));
  return t;
}

class SqlTraining final : public TrainingRepository {
 public:
  explicit SqlTraining(sql::Connection& c) : c_(c) {}

  Status Insert(const TrainingRecord& t) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO training_records (" + std::string(kColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                            {t.id, t.practitioner_id, t.organisation_id, std::string(ToString(t.kind)), t.course,
                             t.completed_on, t.expires_on, t.recorded_by, Micros(t.recorded_at)}));
    return Ok();
  }

  Result<std::vector<TrainingRecord>> Of(const std::string& practitioner_id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT " + std::string(kColumns) +
                                          " FROM training_records WHERE practitioner_id = $1 "
                                          "ORDER BY expires_on DESC, recorded_at DESC, id",
                                      {practitioner_id}));
    std::vector<TrainingRecord> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(JIGSAW_TRY(ToRecord(r)));
    return out;
  }

  Result<std::map<std::string, std::map<TrainingKind, std::string>>> LatestExpiries(
      const std::vector<std::string>& practitioner_ids) override {
    std::map<std::string, std::map<TrainingKind, std::string>> out;
    if (practitioner_ids.empty()) return out;
    Where where;
    where.Add("practitioner_id IN (" + where.In(practitioner_ids) + ")");
    auto rows = JIGSAW_TRY(c_.Query("SELECT practitioner_id, kind, MAX(expires_on) FROM training_records" +
                                        where.sql() + " GROUP BY practitioner_id, kind",
                                    where.params()));
    for (const Row& r : rows) {
      const TrainingKind kind = JIGSAW_TRY(StoredEnum<TrainingKind>(r.Text(1), "training_records.kind"));
      out[r.Text(0)][kind] = r.Text(2);
    }
    return out;
  }

 private:
  sql::Connection& c_;
};

}  // namespace

std::unique_ptr<TrainingRepository> NewTrainingRepository(sql::Connection& connection) {
  return std::make_unique<SqlTraining>(connection);
}

}  // namespace jigsaw::store::internal
