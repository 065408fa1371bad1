// Subject access requests in portable SQL over sql::Connection.
#include "store/subject_access_repository.h"

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using domain::ExemptionDecision;
using domain::SubjectAccessRequest;
using sql::Row;

constexpr std::string_view kColumns =
    "id, organisation_id, person_id, received_on, identity_check, identity_note, extension_months, extension_reason, "
    "extended_by, extended_at, opened_by, opened_at, status, released_by, released_at, released_content";

Result<SubjectAccessRequest> ToRequest(const Row& r) {
  SubjectAccessRequest s;
  s.id = r.Text(0);
  s.organisation_id = r.Text(1);
  s.person_id = r.Text(2);
  s.received_on = r.Text(3);
  s.identity_check = JIGSAW_TRY(StoredEnum<domain::IdentityCheck>(r.Text(4), "subject_access_requests.identity_check"));
  s.identity_note = r.Text(5);
  s.extension_months = static_cast<int>(r.Int(6));
  s.extension_reason = r.Text(7);
  s.extended_by = r.Text(8);
  s.extended_at = FromMicros(r.Int(9));
  s.opened_by = r.Text(10);
  s.opened_at = FromMicros(r.Int(11));
  s.status = JIGSAW_TRY(StoredEnum<domain::SubjectAccessStatus>(r.Text(12), "subject_access_requests.status"));
  s.released_by = r.Text(13);
  s.released_at = FromMicros(r.Int(14));
  s.released_content = r.Text(15);
  return s;
}

constexpr std::string_view kDecisionColumns = "id, request_id, entry, choice, exemption, reason, decided_by, decided_at";

Result<ExemptionDecision> ToDecision(const Row& r) {
  ExemptionDecision d;
  d.id = r.Text(0);
  d.request_id = r.Text(1);
  d.entry = r.Text(2);
  d.choice = JIGSAW_TRY(StoredEnum<domain::ReleaseChoice>(r.Text(3), "subject_access_decisions.choice"));
  if (!r.Text(4).empty())
    d.exemption = JIGSAW_TRY(StoredEnum<domain::Exemption>(r.Text(4), "subject_access_decisions.exemption"));
  d.reason = r.Text(5);
  d.decided_by = r.Text(6);
  d.decided_at = FromMicros(r.Int(7));
  return d;
}

class SqlSubjectAccess final : public SubjectAccessRepository {
 public:
  SqlSubjectAccess(sql::Connection& c, ContentCipher& cipher) : c_(c), cipher_(cipher) {}

  Status Insert(const SubjectAccessRequest& s) override {
    const Sealed v = JIGSAW_TRY(Seal(s));
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO subject_access_requests (" + std::string(kColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                            {s.id, s.organisation_id, s.person_id, s.received_on, std::string(ToString(s.identity_check)),
                             v.identity_note, std::int64_t{s.extension_months}, v.extension_reason, s.extended_by,
                             Micros(s.extended_at), s.opened_by, Micros(s.opened_at), std::string(ToString(s.status)),
                             s.released_by, Micros(s.released_at), v.released_content}));
    return Ok();
  }

  Result<std::optional<SubjectAccessRequest>> Find(const std::string& id) override {
    auto rows = JIGSAW_TRY(
        sql::Query(c_, "SELECT " + std::string(kColumns) + " FROM subject_access_requests WHERE id = $1", {id}));
    if (rows.empty()) return std::optional<SubjectAccessRequest>{};
    auto found = JIGSAW_TRY(ToRequest(rows.front()));
    JIGSAW_RETURN_IF_ERROR(Open(found));
    return std::optional<SubjectAccessRequest>(std::move(found));
  }

  Result<std::vector<SubjectAccessRequest>> OfOrganisation(const std::string& organisation_id, bool open_only) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT " + std::string(kColumns) +
                                          " FROM subject_access_requests WHERE organisation_id = $1" +
                                          (open_only ? " AND status = 'open'" : "") +
                                          " ORDER BY received_on, opened_at, id",
                                      {organisation_id}));
    std::vector<SubjectAccessRequest> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(JIGSAW_TRY(ToRequest(r)));
    std::vector<std::string> owners;
    for (const auto& s : out) owners.push_back(s.person_id);
    JIGSAW_RETURN_IF_ERROR(cipher_.Prefetch(owners));
    for (auto& s : out) JIGSAW_RETURN_IF_ERROR(Open(s));
    return out;
  }

  Status UpdateExtension(const SubjectAccessRequest& s) override {
    auto sealed = JIGSAW_TRY(Seal(s));
    const auto changed = JIGSAW_TRY(sql::Execute(
        c_,
        "UPDATE subject_access_requests SET extension_months = $2, extension_reason = $3, extended_by = $4, "
        "extended_at = $5 WHERE id = $1 AND status = 'open'",
        {s.id, std::int64_t{s.extension_months}, std::move(sealed.extension_reason), s.extended_by,
         Micros(s.extended_at)}));
    if (changed == 0) return Fail(ErrorCode::kFailedPrecondition, "This request has already been answered.", "status");
    return Ok();
  }

  Status RecordRelease(const SubjectAccessRequest& s) override {
    auto sealed = JIGSAW_TRY(Seal(s));
    const auto changed = JIGSAW_TRY(sql::Execute(
        c_,
        "UPDATE subject_access_requests SET status = 'released', released_by = $2, released_at = $3, "
        "released_content = $4 WHERE id = $1 AND status = 'open'",
        {s.id, s.released_by, Micros(s.released_at), std::move(sealed.released_content)}));
    if (changed == 0) return Fail(ErrorCode::kFailedPrecondition, "This request has already been answered.", "status");
    return Ok();
  }

  Status InsertDecision(const ExemptionDecision& d) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO subject_access_decisions (" + std::string(kDecisionColumns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                            {d.id, d.request_id, d.entry, std::string(ToString(d.choice)),
                             d.exemption ? std::string(ToString(*d.exemption)) : std::string(), d.reason, d.decided_by,
                             Micros(d.decided_at)}));
    return Ok();
  }

  Result<std::vector<ExemptionDecision>> Decisions(const std::string& request_id) override {
    auto rows = JIGSAW_TRY(sql::Query(c_,
                                      "SELECT " + std::string(kDecisionColumns) +
                                          " FROM subject_access_decisions WHERE request_id = $1 ORDER BY decided_at, id",
                                      {request_id}));
    std::vector<ExemptionDecision> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(JIGSAW_TRY(ToDecision(r)));
    return out;
  }

 private:
  // What the request holds of the person's records and of their identity,
  // sealed under the person's key: erasing them shreds it in every copy.
  struct Sealed {
    std::string identity_note, extension_reason, released_content;
  };
  Result<Sealed> Seal(const SubjectAccessRequest& s) {
    return Sealed{
        .identity_note = JIGSAW_TRY(cipher_.Seal(s.person_id, "sar.identity_note", s.id, s.identity_note)),
        .extension_reason = JIGSAW_TRY(cipher_.Seal(s.person_id, "sar.extension_reason", s.id, s.extension_reason)),
        .released_content = JIGSAW_TRY(cipher_.Seal(s.person_id, "sar.released_content", s.id, s.released_content))};
  }
  Status Open(SubjectAccessRequest& s) {
    s.identity_note = JIGSAW_TRY(cipher_.Open(s.person_id, "sar.identity_note", s.id, s.identity_note));
    s.extension_reason = JIGSAW_TRY(cipher_.Open(s.person_id, "sar.extension_reason", s.id, s.extension_reason));
    s.released_content = JIGSAW_TRY(cipher_.Open(s.person_id, "sar.released_content", s.id, s.released_content));
    return Ok();
  }

  sql::Connection& c_;
  ContentCipher& cipher_;
};

}  // namespace

std::unique_ptr<SubjectAccessRepository> NewSubjectAccessRepository(sql::Connection& connection,
                                                                    ContentCipher& cipher) {
  return std::make_unique<SqlSubjectAccess>(connection, cipher);
}

}  // namespace jigsaw::store::internal
