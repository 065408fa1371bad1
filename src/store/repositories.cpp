// The repositories, written once in portable SQL over sql::Connection.
#include "store/repositories.h"

#include <utility>

namespace jigsaw::store::internal {
namespace {

using sql::Row;
using sql::Value;

Value Bool(bool b) { return std::int64_t{b ? 1 : 0}; }
Value Micros(Time t) { return ToMicros(t); }

// Stored enum names come only from our own writes; an unknown one means the
// database was edited by hand or by a newer version, which we must not guess at.
template <typename E>
Result<E> StoredEnum(const std::string& name, std::string_view column) {
  auto v = ParseEnum<E>(name);
  if (!v) return Internal("Unrecognised value '" + name + "' in column " + std::string(column));
  return *v;
}

Result<domain::Organisation> ToOrganisation(const Row& r) {
  domain::Organisation o;
  o.id = r.Text(0);
  o.name = r.Text(1);
  o.type = JIGSAW_TRY(StoredEnum<domain::OrganisationType>(r.Text(2), "organisations.type"));
  o.sector = JIGSAW_TRY(StoredEnum<domain::Sector>(r.Text(3), "organisations.sector"));
  o.competent_authority = r.Int(4) != 0;
  o.created_at = FromMicros(r.Int(5));
  return o;
}

constexpr std::string_view kOrganisationColumns =
    "id, name, type, sector, competent_authority, created_at";

class SqlOrganisations final : public OrganisationRepository {
 public:
  explicit SqlOrganisations(sql::Connection& c) : c_(c) {}

  Status Insert(const domain::Organisation& o) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO organisations (id, name, type, sector, "
                            "competent_authority, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                            {o.id, o.name, std::string(ToString(o.type)),
                             std::string(ToString(o.sector)), Bool(o.competent_authority),
                             Micros(o.created_at)}));
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
    "failed_sign_ins, locked_until";

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
  out.credentials.failed_sign_ins = static_cast<int>(r.Int(8));
  out.credentials.locked_until = FromMicros(r.Int(9));
  return out;
}

class SqlPractitioners final : public PractitionerRepository {
 public:
  explicit SqlPractitioners(sql::Connection& c) : c_(c) {}

  Status Insert(const domain::Practitioner& p, const std::string& password_hash) override {
    JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO practitioners (id, organisation_id, username, display_name, roles, "
        "disabled, created_at, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {p.id, p.organisation_id, p.username, p.display_name, p.roles.Join(), Bool(p.disabled),
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

  Status UpdateSignInState(const std::string& id, int failed_sign_ins,
                           Time locked_until) override {
    JIGSAW_TRY(sql::Execute(
        c_, "UPDATE practitioners SET failed_sign_ins = $2, locked_until = $3 WHERE id = $1",
        {id, std::int64_t{failed_sign_ins}, Micros(locked_until)}));
    return Ok();
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

  Result<std::int64_t> DeleteExpired(Time now, Duration idle_timeout) override {
    return sql::Execute(c_, "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
                        {Micros(now), Micros(now - idle_timeout)});
  }

 private:
  sql::Connection& c_;
};

class SqlTransaction final : public Transaction {
 public:
  explicit SqlTransaction(sql::Connection& c) : organisations_(c), practitioners_(c), sessions_(c) {}
  OrganisationRepository& organisations() override { return organisations_; }
  PractitionerRepository& practitioners() override { return practitioners_; }
  SessionRepository& sessions() override { return sessions_; }

 private:
  SqlOrganisations organisations_;
  SqlPractitioners practitioners_;
  SqlSessions sessions_;
};

}  // namespace

std::unique_ptr<Transaction> NewTransaction(sql::Connection& connection) {
  return std::make_unique<SqlTransaction>(connection);
}

}  // namespace jigsaw::store::internal
