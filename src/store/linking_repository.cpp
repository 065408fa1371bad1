// Matches between records of one child (domain/linking.h), with the
// engine's explanation, in portable SQL over sql::Connection.
#include <cmath>

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using domain::MatchEvidence;
using domain::MatchStatus;
using domain::MatchSubject;
using domain::RecordMatch;
using sql::Row;

constexpr std::string_view kColumns =
    "id, organisation_id, subject, subject_id, person_id, probability_ppm, match_weight_ppm, prior_weight_ppm, "
    "relative_term_ppm, status, created_at, decided_by, decided_at, unlinked_by, unlinked_at";

// Millionths: an integer both backends store exactly. A probability or a
// log2 weight needs no more precision than that to be shown or compared.
std::int64_t Ppm(double x) { return static_cast<std::int64_t>(std::llround(x * 1e6)); }
double FromPpm(std::int64_t x) { return static_cast<double>(x) / 1e6; }

Result<RecordMatch> ToMatch(const Row& r) {
  RecordMatch m;
  m.id = r.Text(0);
  m.organisation_id = r.Text(1);
  m.subject = JIGSAW_TRY(StoredEnum<MatchSubject>(r.Text(2), "record_matches.subject"));
  m.subject_id = r.Text(3);
  m.person_id = r.Text(4);
  m.probability = FromPpm(r.Int(5));
  m.match_weight = FromPpm(r.Int(6));
  m.prior_weight = FromPpm(r.Int(7));
  m.relative_term = FromPpm(r.Int(8));
  m.status = JIGSAW_TRY(StoredEnum<MatchStatus>(r.Text(9), "record_matches.status"));
  m.created_at = FromMicros(r.Int(10));
  m.decided_by = r.Text(11);
  m.decided_at = FromMicros(r.Int(12));
  m.unlinked_by = r.Text(13);
  m.unlinked_at = FromMicros(r.Int(14));
  return m;
}

class SqlLinking final : public LinkingRepository {
 public:
  explicit SqlLinking(sql::Connection& c) : c_(c) {}

  Result<bool> InsertMatch(const RecordMatch& m) override {
    const auto inserted = JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO record_matches (" + std::string(kColumns) +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
            "ON CONFLICT (subject_id, person_id) DO NOTHING",
        {m.id, m.organisation_id, std::string(ToString(m.subject)), m.subject_id, m.person_id, Ppm(m.probability),
         Ppm(m.match_weight), Ppm(m.prior_weight), Ppm(m.relative_term), std::string(ToString(m.status)),
         Micros(m.created_at), m.decided_by, Micros(m.decided_at), m.unlinked_by, Micros(m.unlinked_at)}));
    if (inserted == 0) return false;
    for (std::size_t i = 0; i < m.evidence.size(); ++i) {
      const MatchEvidence& e = m.evidence[i];
      JIGSAW_TRY(sql::Execute(c_,
                              "INSERT INTO record_match_evidence (match_id, position, field, level, weight_ppm) "
                              "VALUES ($1, $2, $3, $4, $5)",
                              {m.id, static_cast<std::int64_t>(i), e.field, e.level, Ppm(e.weight)}));
    }
    return true;
  }

  Result<std::optional<RecordMatch>> FindMatch(const std::string& id) override {
    auto rows = JIGSAW_TRY(
        sql::Query(c_, "SELECT " + std::string(kColumns) + " FROM record_matches WHERE id = $1", {id}));
    if (rows.empty()) return std::nullopt;
    RecordMatch m = JIGSAW_TRY(ToMatch(rows[0]));
    JIGSAW_RETURN_IF_ERROR(LoadEvidence(m));
    return m;
  }

  Status UpdateMatch(const RecordMatch& m) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE record_matches SET status = $2, decided_by = $3, decided_at = $4, "
                            "unlinked_by = $5, unlinked_at = $6 WHERE id = $1",
                            {m.id, std::string(ToString(m.status)), m.decided_by, Micros(m.decided_at),
                             m.unlinked_by, Micros(m.unlinked_at)}));
    return Ok();
  }

  Result<std::vector<RecordMatch>> MatchesOf(const std::string& organisation_id, std::optional<MatchStatus> status,
                                             std::size_t limit) override {
    Where w;
    w.Equals("organisation_id", organisation_id);
    if (status) w.Equals("status", std::string(ToString(*status)));
    const std::string tail = " ORDER BY created_at DESC, id" + w.Limit(limit);
    return Loaded(JIGSAW_TRY(c_.Query("SELECT " + std::string(kColumns) + " FROM record_matches" + w.sql() + tail,
                                      w.params())));
  }

  Result<std::vector<RecordMatch>> MatchesAbout(const std::string& organisation_id,
                                                const std::string& record_id) override {
    return Loaded(JIGSAW_TRY(sql::Query(c_,
                                        "SELECT " + std::string(kColumns) +
                                            " FROM record_matches WHERE organisation_id = $1 AND "
                                            "(subject_id = $2 OR person_id = $2) ORDER BY created_at, id",
                                        {organisation_id, record_id})));
  }

 private:
  Status LoadEvidence(RecordMatch& m) {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT field, level, weight_ppm FROM record_match_evidence WHERE match_id = $1 ORDER BY position",
        {m.id}));
    for (const Row& r : rows) m.evidence.push_back({r.Text(0), r.Text(1), FromPpm(r.Int(2))});
    return Ok();
  }

  Result<std::vector<RecordMatch>> Loaded(const std::vector<Row>& rows) {
    std::vector<RecordMatch> out;
    out.reserve(rows.size());
    for (const Row& r : rows) {
      out.push_back(JIGSAW_TRY(ToMatch(r)));
      JIGSAW_RETURN_IF_ERROR(LoadEvidence(out.back()));
    }
    return out;
  }

  sql::Connection& c_;
};

}  // namespace

std::unique_ptr<LinkingRepository> NewLinkingRepository(sql::Connection& connection) {
  return std::make_unique<SqlLinking>(connection);
}

}  // namespace jigsaw::store::internal
