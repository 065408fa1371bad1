// Data sharing agreements and DPIAs in portable SQL over sql::Connection.
#include "store/governance_repository.h"

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using domain::Agreement;
using domain::AgreementSignature;
using domain::Dpia;
using domain::DpiaRisk;
using sql::Row;

std::vector<std::string> SplitOn(const std::string& joined, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t at = joined.find(separator, start);
    const std::size_t end = at == std::string::npos ? joined.size() : at;
    out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string JoinWith(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

template <typename E>
std::string JoinEnums(const std::vector<E>& values) {
  std::vector<std::string> names;
  for (E e : values) names.emplace_back(ToString(e));
  return JoinWith(names, ',');
}

template <typename E>
Result<std::vector<E>> StoredList(const std::string& joined, std::string_view column) {
  std::vector<E> out;
  for (const auto& name : SplitOn(joined, ',')) out.push_back(JIGSAW_TRY(StoredEnum<E>(name, column)));
  return out;
}

constexpr std::string_view kAgreementColumns =
    "id, title, owner_organisation_id, purposes, data_categories, people_categories, lawful_bases, "
    "article9_conditions, frequency, start_on, review_on, end_on, document_reference, created_by, created_at, "
    "withdrawn_by, withdrawn_at, withdrawal_reason";

Result<Agreement> ToAgreement(const Row& r) {
  Agreement a;
  a.id = r.Text(0);
  a.title = r.Text(1);
  a.owner_organisation_id = r.Text(2);
  a.purposes = JIGSAW_TRY(StoredList<domain::SharingPurpose>(r.Text(3), "agreements.purposes"));
  // Data categories are free text: one per line (a category never holds a line break: TidyFreeText).
  a.data_categories = SplitOn(r.Text(4), '\n');
  a.people_categories = JIGSAW_TRY(StoredList<domain::PersonKind>(r.Text(5), "agreements.people_categories"));
  a.lawful_bases = JIGSAW_TRY(StoredList<domain::LawfulBasis>(r.Text(6), "agreements.lawful_bases"));
  a.article9_conditions = JIGSAW_TRY(StoredList<domain::Article9Condition>(r.Text(7), "agreements.article9_conditions"));
  a.frequency = JIGSAW_TRY(StoredEnum<domain::SharingFrequency>(r.Text(8), "agreements.frequency"));
  a.start_on = r.Text(9);
  a.review_on = r.Text(10);
  a.end_on = r.Text(11);
  a.document_reference = r.Text(12);
  a.created_by = r.Text(13);
  a.created_at = FromMicros(r.Int(14));
  a.withdrawn_by = r.Text(15);
  a.withdrawn_at = r.Int(16) == 0 ? Time{} : FromMicros(r.Int(16));
  a.withdrawal_reason = r.Text(17);
  return a;
}

constexpr std::string_view kDpiaColumns =
    "id, title, owner_organisation_id, purposes, processing, consultation, necessity, review_on, created_by, "
    "created_at, dpo_advice, dpo_advice_by, dpo_advice_at, dpo_advice_accepted, overruled_reason, signed_off_by, "
    "signed_off_at";

Result<Dpia> ToDpia(const Row& r) {
  Dpia d;
  d.id = r.Text(0);
  d.title = r.Text(1);
  d.owner_organisation_id = r.Text(2);
  d.purposes = JIGSAW_TRY(StoredList<domain::SharingPurpose>(r.Text(3), "dpias.purposes"));
  d.processing = r.Text(4);
  d.consultation = r.Text(5);
  d.necessity = r.Text(6);
  d.review_on = r.Text(7);
  d.created_by = r.Text(8);
  d.created_at = FromMicros(r.Int(9));
  d.dpo_advice = r.Text(10);
  d.dpo_advice_by = r.Text(11);
  d.dpo_advice_at = r.Int(12) == 0 ? Time{} : FromMicros(r.Int(12));
  d.dpo_advice_accepted = r.Int(13) != 0;
  d.overruled_reason = r.Text(14);
  d.signed_off_by = r.Text(15);
  d.signed_off_at = r.Int(16) == 0 ? Time{} : FromMicros(r.Int(16));
  return d;
}

sql::Value S(std::string_view s) { return std::string(s); }

class SqlGovernance final : public GovernanceRepository {
 public:
  explicit SqlGovernance(sql::Connection& c) : c_(c) {}

  Status InsertAgreement(const Agreement& a) override {
    JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO agreements (" + std::string(kAgreementColumns) +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        {a.id, a.title, a.owner_organisation_id, JoinEnums(a.purposes), JoinWith(a.data_categories, '\n'),
         JoinEnums(a.people_categories), JoinEnums(a.lawful_bases), JoinEnums(a.article9_conditions),
         S(ToString(a.frequency)), a.start_on, a.review_on, a.end_on, a.document_reference, a.created_by,
         Micros(a.created_at), a.withdrawn_by, std::int64_t{0}, a.withdrawal_reason}));
    for (std::size_t i = 0; i < a.party_organisation_ids.size(); ++i)
      JIGSAW_TRY(sql::Execute(c_, "INSERT INTO agreement_parties (agreement_id, organisation_id, position) VALUES ($1, $2, $3)",
                              {a.id, a.party_organisation_ids[i], static_cast<std::int64_t>(i)}));
    return Ok();
  }

  Status InsertSignature(const std::string& agreement_id, const AgreementSignature& s) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO agreement_signatures (agreement_id, organisation_id, practitioner_id, "
                            "signed_as, signed_at) VALUES ($1, $2, $3, $4, $5)",
                            {agreement_id, s.organisation_id, s.practitioner_id, S(ToString(s.signed_as)),
                             Micros(s.signed_at)}));
    return Ok();
  }

  Status UpdateWithdrawal(const Agreement& a) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE agreements SET withdrawn_by = $2, withdrawn_at = $3, withdrawal_reason = $4 "
                            "WHERE id = $1",
                            {a.id, a.withdrawn_by, Micros(a.withdrawn_at), a.withdrawal_reason}));
    return Ok();
  }

  Status UpdateAgreement(const Agreement& a) override {
    JIGSAW_TRY(sql::Execute(
        c_,
        "UPDATE agreements SET title = $2, purposes = $3, data_categories = $4, people_categories = $5, "
        "lawful_bases = $6, article9_conditions = $7, frequency = $8, start_on = $9, review_on = $10, end_on = $11, "
        "document_reference = $12 WHERE id = $1",
        {a.id, a.title, JoinEnums(a.purposes), JoinWith(a.data_categories, '\n'), JoinEnums(a.people_categories),
         JoinEnums(a.lawful_bases), JoinEnums(a.article9_conditions), S(ToString(a.frequency)), a.start_on, a.review_on,
         a.end_on, a.document_reference}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM agreement_parties WHERE agreement_id = $1", {a.id}));
    for (std::size_t i = 0; i < a.party_organisation_ids.size(); ++i)
      JIGSAW_TRY(sql::Execute(c_, "INSERT INTO agreement_parties (agreement_id, organisation_id, position) VALUES ($1, $2, $3)",
                              {a.id, a.party_organisation_ids[i], static_cast<std::int64_t>(i)}));
    return Ok();
  }

  Result<std::optional<Agreement>> FindAgreement(const std::string& id) override {
    auto rows = JIGSAW_TRY(
        sql::Query(c_, "SELECT " + std::string(kAgreementColumns) + " FROM agreements WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Agreement>{};
    Agreement a = JIGSAW_TRY(ToAgreement(rows.front()));
    JIGSAW_RETURN_IF_ERROR(Complete(a));
    return std::optional<Agreement>{std::move(a)};
  }

  Result<std::vector<Agreement>> AgreementsOf(const std::string& organisation_id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_,
        "SELECT " + std::string(kAgreementColumns) +
            " FROM agreements WHERE id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = $1) "
            "ORDER BY start_on DESC, created_at DESC, id",
        {organisation_id}));
    std::vector<Agreement> out;
    for (const Row& r : rows) {
      Agreement a = JIGSAW_TRY(ToAgreement(r));
      JIGSAW_RETURN_IF_ERROR(Complete(a));
      out.push_back(std::move(a));
    }
    return out;
  }

  Status InsertDpia(const Dpia& d) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO dpias (" + std::string(kDpiaColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
                            {d.id, d.title, d.owner_organisation_id, JoinEnums(d.purposes), d.processing,
                             d.consultation, d.necessity, d.review_on, d.created_by, Micros(d.created_at),
                             d.dpo_advice, d.dpo_advice_by, std::int64_t{0}, Flag(d.dpo_advice_accepted),
                             d.overruled_reason, d.signed_off_by, std::int64_t{0}}));
    return InsertDpiaParts(d);
  }

  Status UpdateDpiaOutcome(const Dpia& d) override {
    auto at = [](Time t) -> sql::Value { return t == Time{} ? sql::Value(std::int64_t{0}) : Micros(t); };
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE dpias SET dpo_advice = $2, dpo_advice_by = $3, dpo_advice_at = $4, "
                            "dpo_advice_accepted = $5, overruled_reason = $6, signed_off_by = $7, signed_off_at = $8 "
                            "WHERE id = $1",
                            {d.id, d.dpo_advice, d.dpo_advice_by, at(d.dpo_advice_at), Flag(d.dpo_advice_accepted),
                             d.overruled_reason, d.signed_off_by, at(d.signed_off_at)}));
    return Ok();
  }

  Status UpdateDpia(const Dpia& d) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "UPDATE dpias SET title = $2, purposes = $3, processing = $4, consultation = $5, "
                            "necessity = $6, review_on = $7 WHERE id = $1",
                            {d.id, d.title, JoinEnums(d.purposes), d.processing, d.consultation, d.necessity, d.review_on}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM dpia_organisations WHERE dpia_id = $1", {d.id}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM dpia_risks WHERE dpia_id = $1", {d.id}));
    return InsertDpiaParts(d);
  }

  Status InsertDpiaAcceptance(const std::string& dpia_id, const domain::DpiaAcceptance& a) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO dpia_acceptances (dpia_id, organisation_id, practitioner_id, accepted_at) "
                            "VALUES ($1, $2, $3, $4)",
                            {dpia_id, a.organisation_id, a.practitioner_id, Micros(a.accepted_at)}));
    return Ok();
  }

  Status InsertReview(domain::CoverKind kind, const std::string& id, const domain::GovernanceReview& r) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO governance_reviews (id, kind, ref_id, reviewed_by, reviewed_at, "
                            "previous_review_on, next_review_on, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                            {r.id, S(ToString(kind)), id, r.reviewed_by, Micros(r.reviewed_at), r.previous_review_on,
                             r.next_review_on, r.note}));
    // The table's name is fixed by the kind, never taken from input.
    const std::string table = kind == domain::CoverKind::kAgreement ? "agreements" : "dpias";
    JIGSAW_TRY(sql::Execute(c_, "UPDATE " + table + " SET review_on = $2 WHERE id = $1", {id, r.next_review_on}));
    return Ok();
  }

  Result<std::optional<Dpia>> FindDpia(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_, "SELECT " + std::string(kDpiaColumns) + " FROM dpias WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<Dpia>{};
    Dpia d = JIGSAW_TRY(ToDpia(rows.front()));
    JIGSAW_RETURN_IF_ERROR(Complete(d));
    return std::optional<Dpia>{std::move(d)};
  }

  Result<std::vector<Dpia>> DpiasOf(const std::string& organisation_id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_,
        "SELECT " + std::string(kDpiaColumns) +
            " FROM dpias WHERE id IN (SELECT dpia_id FROM dpia_organisations WHERE organisation_id = $1) "
            "ORDER BY created_at DESC, id",
        {organisation_id}));
    std::vector<Dpia> out;
    for (const Row& r : rows) {
      Dpia d = JIGSAW_TRY(ToDpia(r));
      JIGSAW_RETURN_IF_ERROR(Complete(d));
      out.push_back(std::move(d));
    }
    return out;
  }

  Status InsertDecisionCover(const std::string& decision_id, const std::vector<domain::CoverRecord>& cover) override {
    for (const auto& c : cover)
      JIGSAW_TRY(sql::Execute(c_, "INSERT INTO decision_cover (decision_id, kind, ref_id, title) VALUES ($1, $2, $3, $4)",
                              {decision_id, S(ToString(c.kind)), c.id, c.title}));
    return Ok();
  }

  Result<std::vector<domain::CoverRecord>> DecisionCover(const std::string& decision_id) override {
    std::vector<domain::CoverRecord> out;
    for (const Row& r : JIGSAW_TRY(sql::Query(
             c_, "SELECT kind, ref_id, title FROM decision_cover WHERE decision_id = $1 ORDER BY kind, title, ref_id",
             {decision_id})))
      out.push_back({JIGSAW_TRY(StoredEnum<domain::CoverKind>(r.Text(0), "decision_cover.kind")), r.Text(1), r.Text(2)});
    return out;
  }

 private:
  // A DPIA's organisations and risks, in order.
  Status InsertDpiaParts(const Dpia& d) {
    for (std::size_t i = 0; i < d.organisation_ids.size(); ++i)
      JIGSAW_TRY(sql::Execute(c_, "INSERT INTO dpia_organisations (dpia_id, organisation_id, position) VALUES ($1, $2, $3)",
                              {d.id, d.organisation_ids[i], static_cast<std::int64_t>(i)}));
    for (std::size_t i = 0; i < d.risks.size(); ++i) {
      const DpiaRisk& r = d.risks[i];
      JIGSAW_TRY(sql::Execute(c_,
                              "INSERT INTO dpia_risks (dpia_id, position, description, likelihood, severity, measures, "
                              "residual) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                              {d.id, static_cast<std::int64_t>(i), r.description, S(ToString(r.likelihood)),
                               S(ToString(r.severity)), r.measures, S(ToString(r.residual))}));
    }
    return Ok();
  }

  // The reviews of an agreement or DPIA, oldest first.
  Result<std::vector<domain::GovernanceReview>> Reviews(domain::CoverKind kind, const std::string& id) {
    std::vector<domain::GovernanceReview> out;
    for (const Row& r : JIGSAW_TRY(sql::Query(c_,
                                              "SELECT id, reviewed_by, reviewed_at, previous_review_on, next_review_on, note "
                                              "FROM governance_reviews WHERE kind = $1 AND ref_id = $2 "
                                              "ORDER BY reviewed_at, id",
                                              {S(ToString(kind)), id})))
      out.push_back({r.Text(0), r.Text(1), FromMicros(r.Int(2)), r.Text(3), r.Text(4), r.Text(5)});
    return out;
  }

  // The agreement's parties, in the order given, and its signatures.
  Status Complete(Agreement& a) {
    for (const Row& r : JIGSAW_TRY(sql::Query(
             c_, "SELECT organisation_id FROM agreement_parties WHERE agreement_id = $1 ORDER BY position", {a.id})))
      a.party_organisation_ids.push_back(r.Text(0));
    for (const Row& r : JIGSAW_TRY(sql::Query(c_,
                                              "SELECT organisation_id, practitioner_id, signed_as, signed_at FROM "
                                              "agreement_signatures WHERE agreement_id = $1 ORDER BY signed_at, organisation_id",
                                              {a.id})))
      a.signatures.push_back({r.Text(0), r.Text(1),
                              JIGSAW_TRY(StoredEnum<domain::Role>(r.Text(2), "agreement_signatures.signed_as")),
                              FromMicros(r.Int(3))});
    a.reviews = JIGSAW_TRY(Reviews(domain::CoverKind::kAgreement, a.id));
    return Ok();
  }

  Status Complete(Dpia& d) {
    for (const Row& r : JIGSAW_TRY(sql::Query(
             c_, "SELECT organisation_id FROM dpia_organisations WHERE dpia_id = $1 ORDER BY position", {d.id})))
      d.organisation_ids.push_back(r.Text(0));
    for (const Row& r : JIGSAW_TRY(sql::Query(c_,
                                              "SELECT description, likelihood, severity, measures, residual FROM "
                                              "dpia_risks WHERE dpia_id = $1 ORDER BY position",
                                              {d.id}))) {
      DpiaRisk risk;
      risk.description = r.Text(0);
      risk.likelihood = JIGSAW_TRY(StoredEnum<domain::Likelihood>(r.Text(1), "dpia_risks.likelihood"));
      risk.severity = JIGSAW_TRY(StoredEnum<domain::Severity>(r.Text(2), "dpia_risks.severity"));
      risk.measures = r.Text(3);
      risk.residual = JIGSAW_TRY(StoredEnum<domain::RiskLevel>(r.Text(4), "dpia_risks.residual"));
      d.risks.push_back(std::move(risk));
    }
    for (const Row& r : JIGSAW_TRY(sql::Query(c_,
                                              "SELECT organisation_id, practitioner_id, accepted_at FROM dpia_acceptances "
                                              "WHERE dpia_id = $1 ORDER BY accepted_at, organisation_id",
                                              {d.id})))
      d.acceptances.push_back({r.Text(0), r.Text(1), FromMicros(r.Int(2))});
    d.reviews = JIGSAW_TRY(Reviews(domain::CoverKind::kDpia, d.id));
    return Ok();
  }

  sql::Connection& c_;
};

}  // namespace

std::unique_ptr<GovernanceRepository> NewGovernanceRepository(sql::Connection& connection) {
  return std::make_unique<SqlGovernance>(connection);
}

}  // namespace jigsaw::store::internal
