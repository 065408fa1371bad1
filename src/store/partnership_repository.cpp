// The partnership index, its lookups, withheld names and risk alerts, in
// portable SQL (see migration 13).
#include "store/partnership_repository.h"

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using sql::Row;
using sql::Value;
using namespace domain;

constexpr std::string_view kEntryColumns =
    "person_id, organisation_id, kind, given_name, family_name, date_of_birth, postcode, address_line, "
    "nhs_number, upn, family_key, address_key, updated_at";

constexpr std::string_view kAlertColumns = "id, link, alert_key, children, organisations, created_at, updated_at";

Result<IndexEntry> ToEntry(const Row& r) {
  IndexEntry e;
  e.person_id = r.Text(0);
  e.organisation_id = r.Text(1);
  e.kind = JIGSAW_TRY(StoredEnum<PersonKind>(r.Text(2), "partnership_index.kind"));
  e.given_name = r.Text(3);
  e.family_name = r.Text(4);
  e.date_of_birth = r.Text(5);
  e.postcode = r.Text(6);
  e.address_line = r.Text(7);
  e.nhs_number = r.Text(8);
  e.upn = r.Text(9);
  e.family_key = r.Text(10);
  e.address_key = r.Text(11);
  e.updated_at = FromMicros(r.Int(12));
  return e;
}

Result<RiskAlert> ToAlert(const Row& r) {
  RiskAlert a;
  a.id = r.Text(0);
  a.link = JIGSAW_TRY(StoredEnum<RiskLink>(r.Text(1), "risk_alerts.link"));
  a.key = r.Text(2);
  a.children = static_cast<int>(r.Int(3));
  a.organisations = static_cast<int>(r.Int(4));
  a.created_at = FromMicros(r.Int(5));
  a.updated_at = FromMicros(r.Int(6));
  return a;
}

class SqlPartnership final : public PartnershipRepository {
 public:
  explicit SqlPartnership(sql::Connection& c) : c_(c) {}

  Status PutEntry(const IndexEntry& e) override {
    JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO partnership_index (" + std::string(kEntryColumns) +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (person_id) DO UPDATE SET "
            "organisation_id = $2, kind = $3, given_name = $4, family_name = $5, date_of_birth = $6, postcode = $7, "
            "address_line = $8, nhs_number = $9, upn = $10, family_key = $11, address_key = $12, updated_at = $13",
        {e.person_id, e.organisation_id, std::string(ToString(e.kind)), e.given_name, e.family_name, e.date_of_birth,
         e.postcode, e.address_line, e.nhs_number, e.upn, e.family_key, e.address_key, Micros(e.updated_at)}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM partnership_phones WHERE person_id = $1", {e.person_id}));
    for (const auto& phone : e.phone_keys)
      JIGSAW_TRY(sql::Execute(c_,
                              "INSERT INTO partnership_phones (person_id, phone_key) VALUES ($1, $2) "
                              "ON CONFLICT (person_id, phone_key) DO NOTHING",
                              {e.person_id, phone}));
    return Ok();
  }

  Result<std::optional<IndexEntry>> FindEntry(const std::string& person_id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kEntryColumns) + " FROM partnership_index WHERE person_id = $1", {person_id}));
    if (rows.empty()) return std::nullopt;
    auto entries = JIGSAW_TRY(WithPhones(rows));
    return entries.front();
  }

  Result<std::vector<IndexEntry>> Candidates(const IndexCandidatesQuery& q) override {
    Where w;
    w.Equals("kind", std::string(ToString(q.kind)));
    if (!q.exclude_organisation_id.empty()) w.Compare("organisation_id <>", q.exclude_organisation_id);
    // Any shared key: each is indexed with the kind, and the union is small.
    std::string any;
    for (const auto& [column, value] : {std::pair{"date_of_birth", &q.date_of_birth}, {"nhs_number", &q.nhs_number},
                                        {"upn", &q.upn}, {"family_key", &q.family_key}})
      if (!value->empty()) any += (any.empty() ? "" : " OR ") + std::string(column) + " = $" + w.Next(*value);
    if (any.empty()) return std::vector<IndexEntry>{};
    w.Add("(" + any + ")");
    const std::string sql = "SELECT " + std::string(kEntryColumns) + " FROM partnership_index" + w.sql() +
                            " ORDER BY person_id" + w.Limit(q.limit);
    return WithPhones(JIGSAW_TRY(c_.Query(sql, w.params())));
  }

  Result<std::vector<IndexEntry>> WithAddress(const std::string& address_key) override {
    return WithPhones(JIGSAW_TRY(sql::Query(
        c_, "SELECT " + std::string(kEntryColumns) + " FROM partnership_index WHERE address_key = $1 ORDER BY person_id",
        {address_key})));
  }

  Result<std::vector<IndexEntry>> WithPhone(const std::string& phone_key) override {
    return WithPhones(JIGSAW_TRY(sql::Query(c_,
                                            "SELECT " + Prefixed("i.") +
                                                " FROM partnership_index i JOIN partnership_phones p ON "
                                                "p.person_id = i.person_id WHERE p.phone_key = $1 ORDER BY i.person_id",
                                            {phone_key})));
  }

  Result<std::set<std::string>> WithholdingOrganisations() override {
    std::set<std::string> out;
    for (const auto& r : JIGSAW_TRY(sql::Query(c_, "SELECT organisation_id FROM partnership_settings WHERE withhold_name = 1")))
      out.insert(r.Text(0));
    return out;
  }

  Status SetWithholdName(const std::string& organisation_id, bool withhold, const std::string& by, Time at) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO partnership_settings (organisation_id, withhold_name, updated_by, updated_at) "
                            "VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id) DO UPDATE SET withhold_name = $2, "
                            "updated_by = $3, updated_at = $4",
                            {organisation_id, Flag(withhold), by, Micros(at)}));
    return Ok();
  }

  Status InsertLookup(const PartnershipLookup& l) override {
    JIGSAW_TRY(sql::Execute(c_,
                            "INSERT INTO partnership_lookups (id, child_id, organisation_id, asked_by, asked_at) "
                            "VALUES ($1, $2, $3, $4, $5)",
                            {l.id, l.child_id, l.organisation_id, l.asked_by, Micros(l.asked_at)}));
    for (const auto& h : l.holders)
      JIGSAW_TRY(sql::Execute(c_,
                              "INSERT INTO partnership_lookup_holders (lookup_id, organisation_id, person_id, named) "
                              "VALUES ($1, $2, $3, $4)",
                              {l.id, h.organisation_id, h.person_id, Flag(h.named)}));
    return Ok();
  }

  Result<std::optional<PartnershipLookup>> FindLookup(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT id, child_id, organisation_id, asked_by, asked_at FROM partnership_lookups WHERE id = $1", {id}));
    if (rows.empty()) return std::nullopt;
    PartnershipLookup l{rows[0].Text(0), rows[0].Text(1), rows[0].Text(2), rows[0].Text(3), FromMicros(rows[0].Int(4)), {}};
    for (const auto& r : JIGSAW_TRY(sql::Query(c_,
                                              "SELECT organisation_id, person_id, named FROM partnership_lookup_holders "
                                              "WHERE lookup_id = $1 ORDER BY organisation_id",
                                              {id})))
      l.holders.push_back({r.Text(0), r.Text(1), r.Int(2) != 0});
    return l;
  }

  Status PutRiskAlert(const RiskAlert& a) override {
    JIGSAW_TRY(sql::Execute(
        c_,
        "INSERT INTO risk_alerts (" + std::string(kAlertColumns) +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET alert_key = $3, children = $4, "
            "organisations = $5, updated_at = $7",
        {a.id, std::string(ToString(a.link)), a.key, std::int64_t{a.children}, std::int64_t{a.organisations},
         Micros(a.created_at), Micros(a.updated_at)}));
    JIGSAW_TRY(sql::Execute(c_, "DELETE FROM risk_alert_members WHERE alert_id = $1", {a.id}));
    for (const auto& m : a.members)
      JIGSAW_TRY(sql::Execute(c_,
                              "INSERT INTO risk_alert_members (alert_id, person_id, organisation_id, role, child_key) "
                              "VALUES ($1, $2, $3, $4, $5)",
                              {a.id, m.person_id, m.organisation_id, std::string(ToString(m.role)), m.child_key}));
    return Ok();
  }

  Result<std::optional<RiskAlert>> FindRiskAlert(const std::string& id) override {
    auto rows =
        JIGSAW_TRY(sql::Query(c_, "SELECT " + std::string(kAlertColumns) + " FROM risk_alerts WHERE id = $1", {id}));
    if (rows.empty()) return std::nullopt;
    RiskAlert a = JIGSAW_TRY(ToAlert(rows[0]));
    for (const auto& r : JIGSAW_TRY(sql::Query(c_,
                                              "SELECT person_id, organisation_id, role, child_key FROM risk_alert_members "
                                              "WHERE alert_id = $1 ORDER BY role, child_key, organisation_id, person_id",
                                              {id})))
      a.members.push_back({r.Text(0), r.Text(1), JIGSAW_TRY(StoredEnum<RiskMemberRole>(r.Text(2), "risk_alert_members.role")),
                           r.Text(3)});
    return a;
  }

  Result<std::optional<RiskAlert>> FindRiskAlertFor(RiskLink link, const std::string& key,
                                                    const std::vector<std::string>& link_people) override {
    Where w;
    w.Equals("a.link", std::string(ToString(link)));
    std::string either = "a.alert_key = $" + w.Next(key);
    if (!link_people.empty())
      either += " OR a.id IN (SELECT m.alert_id FROM risk_alert_members m WHERE m.role = 'link' AND m.person_id IN (" +
                w.In(link_people) + "))";
    w.Add("(" + either + ")");
    // The limit is a parameter too: the text is made before the parameters are read.
    const std::string sql = "SELECT a.id FROM risk_alerts a" + w.sql() + " ORDER BY a.created_at, a.id" + w.Limit(1);
    auto rows = JIGSAW_TRY(c_.Query(sql, w.params()));
    if (rows.empty()) return std::nullopt;
    return FindRiskAlert(rows[0].Text(0));
  }

  Result<std::vector<RiskAlert>> RiskAlerts(std::size_t limit) override {
    std::vector<RiskAlert> out;
    for (const auto& r : JIGSAW_TRY(sql::Query(c_,
                                              "SELECT " + std::string(kAlertColumns) +
                                                  " FROM risk_alerts ORDER BY updated_at DESC, id LIMIT $1",
                                              {static_cast<std::int64_t>(limit)})))
      out.push_back(JIGSAW_TRY(ToAlert(r)));
    return out;
  }

 private:
  static std::string Prefixed(std::string_view prefix) {
    std::string out;
    std::string_view rest = kEntryColumns;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view column = rest.substr(0, comma);
      while (!column.empty() && column.front() == ' ') column.remove_prefix(1);
      out += (out.empty() ? "" : ", ") + std::string(prefix) + std::string(column);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    return out;
  }

  // The entries of `rows` with their phone keys.
  Result<std::vector<IndexEntry>> WithPhones(const std::vector<Row>& rows) {
    std::vector<IndexEntry> out;
    for (const auto& r : rows) out.push_back(JIGSAW_TRY(ToEntry(r)));
    if (out.empty()) return out;
    Where w;
    std::vector<std::string> ids;
    for (const auto& e : out) ids.push_back(e.person_id);
    w.Add("person_id IN (" + w.In(ids) + ")");
    for (const auto& r : JIGSAW_TRY(
             c_.Query("SELECT person_id, phone_key FROM partnership_phones" + w.sql() + " ORDER BY person_id, phone_key",
                      w.params())))
      for (auto& e : out)
        if (e.person_id == r.Text(0)) e.phone_keys.push_back(r.Text(1));
    return out;
  }

  sql::Connection& c_;
};

}  // namespace

std::unique_ptr<PartnershipRepository> NewPartnershipRepository(sql::Connection& connection) {
  return std::make_unique<SqlPartnership>(connection);
}

}  // namespace jigsaw::store::internal
