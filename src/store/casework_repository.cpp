// The sharing workflow's records in portable SQL (see migration 3).
#include <nlohmann/json.hpp>

#include "domain/text.h"
#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

using sql::Row;
using sql::Value;
using namespace domain;

std::string S(std::string_view v) { return std::string(v); }

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ',';
    out += p;
  }
  return out;
}

std::vector<std::string> Split(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t comma = joined.find(',', start);
    const std::size_t end = comma == std::string::npos ? joined.size() : comma;
    out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <typename E>
std::string JoinEnums(const std::vector<E>& values) {
  std::vector<std::string> names;
  for (E e : values) names.emplace_back(ToString(e));
  return Join(names);
}

template <typename E>
Result<std::vector<E>> StoredList(const std::string& joined, std::string_view column) {
  std::vector<E> out;
  for (const auto& name : Split(joined)) out.push_back(JIGSAW_TRY(StoredEnum<E>(name, column)));
  return out;
}

// "INSERT INTO table (a, b) VALUES ($1, $2)" from a column list.
std::string InsertSql(std::string_view table, std::string_view columns) {
  std::string sql = "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES (";
  int n = 1;
  for (char c : columns)
    if (c == ',') ++n;
  for (int i = 1; i <= n; ++i) sql += (i > 1 ? ", $" : "$") + std::to_string(i);
  return sql + ")";
}

// What a name search matches against: "given family", lower case.
std::string SearchName(const std::string& given, const std::string& family) {
  return AsciiLower(given + " " + family);
}

constexpr std::string_view kPersonColumns =
    "id, organisation_id, kind, given_name, family_name, search_name, date_of_birth, nhs_number, "
    "upn, address, postcode, is_protected, protected_reason, created_by, created_at, known_as, "
    "phone_numbers, email_addresses";

// Lists of names and contact details, one a line (none can hold a newline).
std::string JoinLines(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "\n") + v;
  return out;
}

std::vector<std::string> SplitLines(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t nl = joined.find('\n', start);
    const std::size_t end = nl == std::string::npos ? joined.size() : nl;
    out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<Person> ToPerson(const Row& r) {
  Person p;
  p.id = r.Text(0);
  p.organisation_id = r.Text(1);
  p.kind = JIGSAW_TRY(StoredEnum<PersonKind>(r.Text(2), "people.kind"));
  p.given_name = r.Text(3);
  p.family_name = r.Text(4);
  p.date_of_birth = r.Text(6);
  p.nhs_number = r.Text(7);
  p.upn = r.Text(8);
  p.address = r.Text(9);
  p.postcode = r.Text(10);
  p.is_protected = r.Int(11) != 0;
  p.protected_reason = r.Text(12);
  p.created_by = r.Text(13);
  p.created_at = FromMicros(r.Int(14));
  p.known_as = SplitLines(r.Text(15));
  p.phone_numbers = SplitLines(r.Text(16));
  p.email_addresses = SplitLines(r.Text(17));
  return p;
}

constexpr std::string_view kRelationshipColumns =
    "id, organisation_id, person_id, related_person_id, kind, created_by, created_at";

Result<Relationship> ToRelationship(const Row& r) {
  return Relationship{r.Text(0), r.Text(1), r.Text(2), r.Text(3),
                      JIGSAW_TRY(StoredEnum<RelationshipKind>(r.Text(4), "relationships.kind")), r.Text(5),
                      FromMicros(r.Int(6))};
}

constexpr std::string_view kConcernColumns =
    "id, organisation_id, child_id, raised_by, forms, level, what_happened, child_words, status, "
    "seen_by, seen_at, next_step, next_step_note, actioned_by, actioned_at, created_at, "
    "incident_date, incident_time, incident_place";

Result<Concern> ToConcern(const Row& r) {
  Concern c;
  c.id = r.Text(0);
  c.organisation_id = r.Text(1);
  c.child_id = r.Text(2);
  c.raised_by = r.Text(3);
  c.forms = JIGSAW_TRY(StoredList<AbuseForm>(r.Text(4), "concerns.forms"));
  c.level = JIGSAW_TRY(StoredEnum<ConcernLevel>(r.Text(5), "concerns.level"));
  c.what_happened = r.Text(6);
  c.child_words = r.Text(7);
  c.status = JIGSAW_TRY(StoredEnum<ConcernStatus>(r.Text(8), "concerns.status"));
  c.seen_by = r.Text(9);
  c.seen_at = FromMicros(r.Int(10));
  if (!r.Text(11).empty()) c.next_step = JIGSAW_TRY(StoredEnum<NextStep>(r.Text(11), "concerns.next_step"));
  c.next_step_note = r.Text(12);
  c.actioned_by = r.Text(13);
  c.actioned_at = FromMicros(r.Int(14));
  c.created_at = FromMicros(r.Int(15));
  c.incident_date = r.Text(16);
  c.incident_time = r.Text(17);
  c.incident_place = r.Text(18);
  return c;
}

constexpr std::string_view kItemColumns =
    "id, organisation_id, concern_id, person_id, text, source, info_date, accuracy, "
    "special_category, criminal_offence, confidential, identifies, created_by, created_at";

Result<InformationItem> ToItem(const Row& r) {
  InformationItem i;
  i.id = r.Text(0);
  i.organisation_id = r.Text(1);
  i.concern_id = r.Text(2);
  i.person_id = r.Text(3);
  i.text = r.Text(4);
  i.source = r.Text(5);
  i.date = r.Text(6);
  i.accuracy = JIGSAW_TRY(StoredEnum<Accuracy>(r.Text(7), "information_items.accuracy"));
  i.special_category =
      JIGSAW_TRY(StoredList<SpecialCategory>(r.Text(8), "information_items.special_category"));
  i.criminal_offence = r.Int(9) != 0;
  i.confidential = r.Int(10) != 0;
  i.identifies = Split(r.Text(11));
  i.created_by = r.Text(12);
  i.created_at = FromMicros(r.Int(13));
  return i;
}

constexpr std::string_view kDecisionColumns =
    "id, organisation_id, child_id, concern_id, information_request_id, decided_by, outcome, "
    "recipient_organisation_id, recipient_practitioner_id, item_ids, assessment_request, "
    "assessment, recommendation, must_record, rationale, lawful_basis, special_category_condition, "
    "sensitive_processing_condition, criminal_offence_condition, confidentiality_basis, consent, "
    "objections, told, told_on, told_by, reason_not_told, advice_sought, advice_from, "
    "advice_summary, departs_from_advice, departure_reason, emergency, rationale_due_at, "
    "supersedes, created_at, informing_recorded, mention_reviews, concern_account, approval, approved_by, "
    "approved_at, approval_note, police_occurrence_reference, police_ppn_reference, police_dash_risk";

std::string ObjectionsJson(const std::vector<ObjectionOverride>& objections) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& o : objections) a.push_back({{"by", o.by}, {"reason", o.reason}});
  return a.dump();
}

Result<std::vector<ObjectionOverride>> ObjectionsFrom(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return Internal("Unreadable decisions.objections");
  std::vector<ObjectionOverride> out;
  for (const auto& o : j) {
    if (!o.is_object() || !o.contains("by") || !o.contains("reason") || !o["by"].is_string() ||
        !o["reason"].is_string())
      return Internal("Unreadable decisions.objections");
    out.push_back({o["by"].get<std::string>(), o["reason"].get<std::string>()});
  }
  return out;
}

std::string MentionReviewsJson(const std::vector<MentionReview>& reviews) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& m : reviews)
    a.push_back({{"mention_id", m.mention_id}, {"choice", ToString(m.choice)}, {"reason", m.reason}});
  return a.dump();
}

Result<std::vector<MentionReview>> MentionReviewsFrom(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return Internal("Unreadable decisions.mention_reviews");
  std::vector<MentionReview> out;
  for (const auto& m : j) {
    if (!m.is_object() || !m.contains("mention_id") || !m["mention_id"].is_string() || !m.contains("choice") ||
        !m["choice"].is_string() || !m.contains("reason") || !m["reason"].is_string())
      return Internal("Unreadable decisions.mention_reviews");
    out.push_back({m["mention_id"].get<std::string>(),
                   JIGSAW_TRY(StoredEnum<MentionChoice>(m["choice"].get<std::string>(), "decisions.mention_reviews")),
                   m["reason"].get<std::string>()});
  }
  return out;
}

Result<Decision> ToDecision(const Row& r) {
  Decision d;
  d.id = r.Text(0);
  d.organisation_id = r.Text(1);
  d.child_id = r.Text(2);
  d.concern_id = r.Text(3);
  d.information_request_id = r.Text(4);
  d.decided_by = r.Text(5);
  d.outcome = JIGSAW_TRY(StoredEnum<DecisionOutcome>(r.Text(6), "decisions.outcome"));
  d.recipient_organisation_id = r.Text(7);
  d.recipient_practitioner_id = r.Text(8);
  d.item_ids = Split(r.Text(9));
  d.assessment_request = r.Text(10);
  d.assessment = r.Text(11);
  d.recommendation = r.Text(12);
  d.must_record = Split(r.Text(13));
  DecisionRecord& rec = d.record;
  rec.rationale = r.Text(14);
  rec.lawful_basis = r.Text(15);
  rec.special_category_condition = r.Text(16);
  rec.sensitive_processing_condition = r.Text(17);
  rec.criminal_offence_condition = r.Text(18);
  rec.confidentiality_basis = r.Text(19);
  rec.consent = r.Text(20);
  rec.objections = JIGSAW_TRY(ObjectionsFrom(r.Text(21)));
  if (r.Int(35) != 0) rec.informing = Informing{r.Int(22) != 0, r.Text(23), r.Text(24), r.Text(25)};
  if (r.Int(26) != 0) rec.advice_sought = AdviceSought{r.Text(27), r.Text(28)};
  d.departs_from_advice = r.Int(29) != 0;
  rec.departure_reason = r.Text(30);
  d.emergency = r.Int(31) != 0;
  d.rationale_due_at = FromMicros(r.Int(32));
  d.supersedes = r.Text(33);
  d.created_at = FromMicros(r.Int(34));
  d.mention_reviews = JIGSAW_TRY(MentionReviewsFrom(r.Text(36)));
  d.concern_account = JIGSAW_TRY(StoredEnum<ConcernAccount>(r.Text(37), "decisions.concern_account"));
  d.approval = JIGSAW_TRY(StoredEnum<Approval>(r.Text(38), "decisions.approval"));
  d.approved_by = r.Text(39);
  d.approved_at = FromMicros(r.Int(40));
  d.approval_note = r.Text(41);
  rec.police.occurrence_reference = r.Text(42);
  rec.police.ppn_reference = r.Text(43);
  if (!r.Text(44).empty()) rec.police.dash_risk = JIGSAW_TRY(StoredEnum<DashRisk>(r.Text(44), "decisions.police_dash_risk"));
  return d;
}

constexpr std::string_view kDisclosureColumns =
    "id, decision_id, sharer_organisation_id, sharer_id, recipient_organisation_id, "
    "recipient_practitioner_id, child_id, sealed_content, created_at, received_by, received_at, "
    "acknowledgement_due_at, feedback_due_at, feedback_at, recalled_by, recalled_at, recall_reason, "
    "recall_confirmed_by, recall_confirmed_at, corrects";

Disclosure ToDisclosure(const Row& r) {
  return Disclosure{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                    r.Blob(7), FromMicros(r.Int(8)), r.Text(9), FromMicros(r.Int(10)),
                    FromMicros(r.Int(11)), FromMicros(r.Int(12)), FromMicros(r.Int(13)),
                    r.Text(14), FromMicros(r.Int(15)), r.Text(16), r.Text(17), FromMicros(r.Int(18)),
                    r.Text(19)};
}

// A superseded version: the record's own columns, then who replaced it.
constexpr std::string_view kSupersessionColumns = "superseded_by, superseded_at, supersede_reason, version_id";

Supersession ToSupersession(const Row& r, std::size_t from) {
  return Supersession{r.Text(from), FromMicros(r.Int(from + 1)), r.Text(from + 2)};
}

constexpr std::string_view kRequestColumns =
    "id, requester_organisation_id, requested_by, holder_organisation_id, child_given_name, "
    "child_family_name, child_date_of_birth, child_nhs_number, child_other_details, needed, "
    "reason, terminology, urgency, status, created_at, updated_at";

Result<InformationRequest> ToRequest(const Row& r) {
  InformationRequest q;
  q.id = r.Text(0);
  q.requester_organisation_id = r.Text(1);
  q.requested_by = r.Text(2);
  q.holder_organisation_id = r.Text(3);
  q.child_given_name = r.Text(4);
  q.child_family_name = r.Text(5);
  q.child_date_of_birth = r.Text(6);
  q.child_nhs_number = r.Text(7);
  q.child_other_details = r.Text(8);
  q.needed = r.Text(9);
  q.reason = r.Text(10);
  q.terminology = r.Text(11);
  q.urgency = JIGSAW_TRY(StoredEnum<Urgency>(r.Text(12), "information_requests.urgency"));
  q.status = JIGSAW_TRY(StoredEnum<RequestStatus>(r.Text(13), "information_requests.status"));
  q.created_at = FromMicros(r.Int(14));
  q.updated_at = FromMicros(r.Int(15));
  return q;
}

constexpr std::string_view kAdviceColumns =
    "id, organisation_id, asked_by, adviser, question, child_id, concern_id, created_at, answer, "
    "answered_by, answered_at";

Result<AdviceRequest> ToAdvice(const Row& r) {
  AdviceRequest a;
  a.id = r.Text(0);
  a.organisation_id = r.Text(1);
  a.asked_by = r.Text(2);
  a.adviser = JIGSAW_TRY(StoredEnum<AdviserRole>(r.Text(3), "advice_requests.adviser"));
  a.question = r.Text(4);
  a.child_id = r.Text(5);
  a.concern_id = r.Text(6);
  a.created_at = FromMicros(r.Int(7));
  a.answer = r.Text(8);
  a.answered_by = r.Text(9);
  a.answered_at = FromMicros(r.Int(10));
  return a;
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

// Whose key seals an item's text: its concern's, or for an item recorded
// about a person outside a concern, the person's.
const std::string& ItemOwner(const InformationItem& i) { return i.concern_id.empty() ? i.person_id : i.concern_id; }

class SqlCasework final : public CaseworkRepository {
 public:
  SqlCasework(sql::Connection& c, ContentCipher& cipher) : c_(c), cipher_(cipher) {}

  Status InsertPerson(const Person& p) override {
    const SealedDetails d = JIGSAW_TRY(SealPerson(p));
    return Run(InsertSql("people", kPersonColumns),
               {p.id, p.organisation_id, S(ToString(p.kind)), p.given_name, p.family_name,
                SearchName(p.given_name, p.family_name), p.date_of_birth, p.nhs_number, p.upn,
                d.address, d.postcode, Flag(p.is_protected), d.protected_reason, p.created_by,
                Micros(p.created_at), d.known_as, d.phone_numbers, d.email_addresses});
  }

  Result<std::optional<Person>> FindPerson(const std::string& id) override {
    auto found = JIGSAW_TRY(First<Person>(JIGSAW_TRY(Select(kPersonColumns, "people", "WHERE id = $1", {id})), ToPerson));
    if (found) JIGSAW_RETURN_IF_ERROR(OpenPerson(*found));
    return found;
  }

  Result<std::vector<Person>> People(const std::vector<std::string>& ids) override {
    if (ids.empty()) return std::vector<Person>{};
    Where w;
    w.Add("id IN (" + w.In(ids) + ")");
    return OpenPeople(JIGSAW_TRY(All<Person>(JIGSAW_TRY(c_.Query(
                           "SELECT " + S(kPersonColumns) + " FROM people" + w.sql(), w.params())),
                       ToPerson)));
  }

  Result<std::vector<Person>> ProtectedPeople(const std::string& organisation_id) override {
    return OpenPeople(JIGSAW_TRY(All<Person>(JIGSAW_TRY(Select(kPersonColumns, "people",
                                                              "WHERE organisation_id = $1 AND is_protected = 1",
                                                              {organisation_id})),
                                            ToPerson)));
  }

  Result<std::vector<PersonVersion>> FormerVersionsOfProtectedPeople(const std::string& organisation_id) override {
    auto rows = JIGSAW_TRY(Select(S(kPersonColumns) + ", " + S(kSupersessionColumns), "person_versions",
                                  "WHERE id IN (SELECT id FROM people WHERE organisation_id = $1 AND is_protected = 1) "
                                  "ORDER BY superseded_at, version_id",
                                  {organisation_id}));
    return OpenPersonVersions(JIGSAW_TRY(All<PersonVersion>(rows, [](const Row& r) -> Result<PersonVersion> {
      return PersonVersion{r.Text(21), JIGSAW_TRY(ToPerson(r)), ToSupersession(r, 18)};
    })));
  }

  Result<std::vector<Person>> SearchPeople(const std::string& organisation_id, const std::string& name,
                                           std::size_t limit) override {
    Where w;
    w.Equals("organisation_id", organisation_id);
    if (!name.empty()) {
      std::string pattern = "%";
      for (char ch : AsciiLower(name)) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
      }
      pattern += '%';
      const std::string like = w.Next(pattern);
      const std::string exact = w.Next(name);
      w.Add("(search_name LIKE $" + like + " ESCAPE '\\' OR nhs_number = $" + exact +
            " OR upn = $" + exact + ")");
    }
    const std::string tail = " ORDER BY family_name, given_name" + w.Limit(limit);
    return OpenPeople(JIGSAW_TRY(All<Person>(JIGSAW_TRY(c_.Query(
                           "SELECT " + S(kPersonColumns) + " FROM people" + w.sql() + tail,
                           w.params())),
                       ToPerson)));
  }

  Status UpdatePerson(const Person& p) override {
    const SealedDetails d = JIGSAW_TRY(SealPerson(p));
    return Run("UPDATE people SET given_name = $2, family_name = $3, search_name = $4, date_of_birth = $5, "
               "nhs_number = $6, upn = $7, address = $8, postcode = $9, is_protected = $10, protected_reason = $11, "
               "known_as = $12, phone_numbers = $13, email_addresses = $14 WHERE id = $1",
               {p.id, p.given_name, p.family_name, SearchName(p.given_name, p.family_name), p.date_of_birth,
                p.nhs_number, p.upn, d.address, d.postcode, Flag(p.is_protected), d.protected_reason,
                d.known_as, d.phone_numbers, d.email_addresses});
  }

  Status InsertPersonVersion(const PersonVersion& v) override {
    const Person& p = v.person;
    const SealedDetails d = JIGSAW_TRY(SealPerson(p));
    return Run(InsertSql("person_versions", S(kPersonColumns) + ", " + S(kSupersessionColumns)),
               {p.id, p.organisation_id, S(ToString(p.kind)), p.given_name, p.family_name,
                SearchName(p.given_name, p.family_name), p.date_of_birth, p.nhs_number, p.upn,
                d.address, d.postcode, Flag(p.is_protected), d.protected_reason, p.created_by,
                Micros(p.created_at), d.known_as, d.phone_numbers, d.email_addresses, v.superseded.by,
                Micros(v.superseded.at), v.superseded.reason, v.id});
  }

  Result<std::vector<PersonVersion>> PersonVersions(const std::string& person_id) override {
    auto rows = JIGSAW_TRY(Select(S(kPersonColumns) + ", " + S(kSupersessionColumns), "person_versions",
                                  "WHERE id = $1 ORDER BY superseded_at, version_id", {person_id}));
    return OpenPersonVersions(JIGSAW_TRY(All<PersonVersion>(rows, [](const Row& r) -> Result<PersonVersion> {
      return PersonVersion{r.Text(21), JIGSAW_TRY(ToPerson(r)), ToSupersession(r, 18)};
    })));
  }

  Status InsertRelationship(const Relationship& r) override {
    return Run(InsertSql("relationships", kRelationshipColumns),
               {r.id, r.organisation_id, r.person_id, r.related_person_id, S(ToString(r.kind)),
                r.created_by, Micros(r.created_at)});
  }

  Result<std::vector<Relationship>> Relationships(const std::string& person_id) override {
    auto rows = JIGSAW_TRY(Select(kRelationshipColumns, "relationships",
                                  "WHERE person_id = $1 OR related_person_id = $1 ORDER BY created_at",
                                  {person_id}));
    return All<Relationship>(rows, ToRelationship);
  }

  Status UpdateRelationship(const Relationship& r) override {
    return Run("UPDATE relationships SET person_id = $2, related_person_id = $3, kind = $4 WHERE id = $1",
               {r.id, r.person_id, r.related_person_id, S(ToString(r.kind))});
  }

  Status InsertRelationshipVersion(const RelationshipVersion& v) override {
    const Relationship& r = v.relationship;
    return Run(InsertSql("relationship_versions", S(kRelationshipColumns) + ", " + S(kSupersessionColumns)),
               {r.id, r.organisation_id, r.person_id, r.related_person_id, S(ToString(r.kind)), r.created_by,
                Micros(r.created_at), v.superseded.by, Micros(v.superseded.at), v.superseded.reason, v.id});
  }

  Result<std::vector<RelationshipVersion>> RelationshipVersions(const std::string& person_id) override {
    auto rows = JIGSAW_TRY(Select(S(kRelationshipColumns) + ", " + S(kSupersessionColumns), "relationship_versions",
                                  "WHERE person_id = $1 OR related_person_id = $1 ORDER BY superseded_at, version_id",
                                  {person_id}));
    return All<RelationshipVersion>(rows, [](const Row& r) -> Result<RelationshipVersion> {
      return RelationshipVersion{r.Text(10), JIGSAW_TRY(ToRelationship(r)), ToSupersession(r, 7)};
    });
  }

  // Sealed values are made before the parameter list: a JIGSAW_TRY that
  // returns from inside a braced list leaks the elements already made.
  Status InsertConcern(const Concern& c) override {
    auto what_happened = JIGSAW_TRY(SealConcern(c, "what_happened", c.what_happened));
    auto child_words = JIGSAW_TRY(SealConcern(c, "child_words", c.child_words));
    auto next_step_note = JIGSAW_TRY(SealConcern(c, "next_step_note", c.next_step_note));
    auto incident_place = JIGSAW_TRY(SealConcern(c, "incident_place", c.incident_place));
    return Run(InsertSql("concerns", kConcernColumns),
               {c.id, c.organisation_id, c.child_id, c.raised_by, JoinEnums(c.forms),
                S(ToString(c.level)), std::move(what_happened),
                std::move(child_words), S(ToString(c.status)),
                c.seen_by, Micros(c.seen_at), c.next_step ? S(ToString(*c.next_step)) : std::string(),
                std::move(next_step_note), c.actioned_by,
                Micros(c.actioned_at), Micros(c.created_at), c.incident_date, c.incident_time,
                std::move(incident_place)});
  }

  Result<std::optional<Concern>> FindConcern(const std::string& id) override {
    auto found = JIGSAW_TRY(
        First<Concern>(JIGSAW_TRY(Select(kConcernColumns, "concerns", "WHERE id = $1", {id})), ToConcern));
    if (found) JIGSAW_RETURN_IF_ERROR(OpenConcern(*found));
    return found;
  }

  Status UpdateConcernTriage(const Concern& c) override {
    auto next_step_note = JIGSAW_TRY(SealConcern(c, "next_step_note", c.next_step_note));
    return Run(
        "UPDATE concerns SET status = $2, seen_by = $3, seen_at = $4, next_step = $5, "
        "next_step_note = $6, actioned_by = $7, actioned_at = $8 WHERE id = $1",
        {c.id, S(ToString(c.status)), c.seen_by, Micros(c.seen_at),
         c.next_step ? S(ToString(*c.next_step)) : std::string(),
         std::move(next_step_note), c.actioned_by, Micros(c.actioned_at)});
  }

  Result<std::vector<Concern>> Concerns(const ConcernQuery& q) override {
    Where w;
    w.Equals("organisation_id", q.organisation_id);
    w.Equals("raised_by", q.raised_by);
    w.Equals("child_id", q.child_id);
    if (q.status) w.Equals("status", S(ToString(*q.status)));
    if (q.created_from) w.Compare("created_at >=", Micros(*q.created_from));
    const std::string tail = " ORDER BY created_at DESC, id" + w.Limit(q.limit);
    auto concerns = JIGSAW_TRY(All<Concern>(
        JIGSAW_TRY(c_.Query("SELECT " + S(kConcernColumns) + " FROM concerns" + w.sql() + tail, w.params())),
        ToConcern));
    JIGSAW_RETURN_IF_ERROR(OpenConcerns(concerns));
    return concerns;
  }

  Status InsertItem(const InformationItem& i) override {
    auto text = JIGSAW_TRY(SealItem(i, "text", i.text));
    auto source = JIGSAW_TRY(SealItem(i, "source", i.source));
    return Run(InsertSql("information_items", kItemColumns),
               {i.id, i.organisation_id, i.concern_id, i.person_id, std::move(text),
                std::move(source), i.date,
                S(ToString(i.accuracy)), JoinEnums(i.special_category), Flag(i.criminal_offence),
                Flag(i.confidential), Join(i.identifies), i.created_by, Micros(i.created_at)});
  }

  Result<std::vector<InformationItem>> Items(const std::vector<std::string>& ids) override {
    if (ids.empty()) return std::vector<InformationItem>{};
    Where w;
    w.Add("id IN (" + w.In(ids) + ")");
    return OpenItems(JIGSAW_TRY(All<InformationItem>(
        JIGSAW_TRY(c_.Query("SELECT " + S(kItemColumns) + " FROM information_items" + w.sql() +
                                " ORDER BY created_at, id",
                            w.params())),
        ToItem)));
  }

  Result<std::vector<InformationItem>> ItemsOfConcern(const std::string& concern_id) override {
    return OpenItems(JIGSAW_TRY(All<InformationItem>(
        JIGSAW_TRY(Select(kItemColumns, "information_items",
                          "WHERE concern_id = $1 ORDER BY created_at, id", {concern_id})),
        ToItem)));
  }

  Result<std::vector<InformationItem>> ItemsAboutPerson(const std::string& person_id) override {
    return OpenItems(JIGSAW_TRY(All<InformationItem>(
        JIGSAW_TRY(Select(kItemColumns, "information_items",
                          "WHERE person_id = $1 ORDER BY created_at, id", {person_id})),
        ToItem)));
  }

  Status UpdateItem(const InformationItem& i) override {
    auto text = JIGSAW_TRY(SealItem(i, "text", i.text));
    auto source = JIGSAW_TRY(SealItem(i, "source", i.source));
    return Run("UPDATE information_items SET text = $2, source = $3, info_date = $4, accuracy = $5 WHERE id = $1",
               {i.id, std::move(text), std::move(source), i.date,
                S(ToString(i.accuracy))});
  }

  Status InsertItemVersion(const ItemVersion& v) override {
    const InformationItem& i = v.item;
    auto text = JIGSAW_TRY(SealItem(i, "text", i.text));
    auto source = JIGSAW_TRY(SealItem(i, "source", i.source));
    return Run(InsertSql("item_versions", S(kItemColumns) + ", " + S(kSupersessionColumns)),
               {i.id, i.organisation_id, i.concern_id, i.person_id, std::move(text),
                std::move(source), i.date,
                S(ToString(i.accuracy)), JoinEnums(i.special_category), Flag(i.criminal_offence),
                Flag(i.confidential), Join(i.identifies), i.created_by, Micros(i.created_at),
                v.superseded.by, Micros(v.superseded.at), v.superseded.reason, v.id});
  }

  Result<std::vector<ItemVersion>> ItemVersions(const std::string& item_id) override {
    auto rows = JIGSAW_TRY(Select(S(kItemColumns) + ", " + S(kSupersessionColumns), "item_versions",
                                  "WHERE id = $1 ORDER BY superseded_at, version_id", {item_id}));
    auto versions = JIGSAW_TRY(All<ItemVersion>(rows, [](const Row& r) -> Result<ItemVersion> {
      return ItemVersion{r.Text(17), JIGSAW_TRY(ToItem(r)), ToSupersession(r, 14)};
    }));
    for (auto& v : versions) JIGSAW_RETURN_IF_ERROR(OpenItem(v.item));
    return versions;
  }

  Status InsertDecision(const Decision& d) override {
    const DecisionRecord& rec = d.record;
    const Informing informing = rec.informing.value_or(Informing{});
    const AdviceSought advice = rec.advice_sought.value_or(AdviceSought{});
    return Run(InsertSql("decisions", kDecisionColumns),
               {d.id, d.organisation_id, d.child_id, d.concern_id, d.information_request_id,
                d.decided_by, S(ToString(d.outcome)), d.recipient_organisation_id,
                d.recipient_practitioner_id, Join(d.item_ids), d.assessment_request, d.assessment,
                d.recommendation, Join(d.must_record), rec.rationale, rec.lawful_basis,
                rec.special_category_condition, rec.sensitive_processing_condition,
                rec.criminal_offence_condition, rec.confidentiality_basis, rec.consent,
                ObjectionsJson(rec.objections), Flag(informing.told), informing.told_on,
                informing.told_by, informing.reason_not_told, Flag(rec.advice_sought.has_value()),
                advice.from, advice.summary, Flag(d.departs_from_advice), rec.departure_reason,
                Flag(d.emergency), Micros(d.rationale_due_at), d.supersedes, Micros(d.created_at),
                Flag(rec.informing.has_value()), MentionReviewsJson(d.mention_reviews),
                S(ToString(d.concern_account)), S(ToString(d.approval)), d.approved_by, Micros(d.approved_at),
                d.approval_note, rec.police.occurrence_reference, rec.police.ppn_reference,
                rec.police.dash_risk ? S(ToString(*rec.police.dash_risk)) : std::string()});
  }

  Status UpdateApproval(const Decision& d) override {
    return Run("UPDATE decisions SET approval = $1, approved_by = $2, approved_at = $3, approval_note = $4 WHERE id = $5",
               {S(ToString(d.approval)), d.approved_by, Micros(d.approved_at), d.approval_note, d.id});
  }

  Result<std::optional<Decision>> FindDecision(const std::string& id) override {
    return First<Decision>(JIGSAW_TRY(Select(kDecisionColumns, "decisions", "WHERE id = $1", {id})),
                           ToDecision);
  }

  Result<std::optional<std::string>> SupersededBy(const std::string& id) override {
    auto rows = JIGSAW_TRY(sql::Query(
        c_, "SELECT id FROM decisions WHERE supersedes = $1 ORDER BY created_at LIMIT 1", {id}));
    if (rows.empty()) return std::nullopt;
    return rows[0].Text(0);
  }

  Result<std::vector<Decision>> Decisions(const DecisionQuery& q) override {
    Where w;
    w.Equals("organisation_id", q.organisation_id);
    w.Equals("decided_by", q.decided_by);
    w.Equals("child_id", q.child_id);
    w.Equals("concern_id", q.concern_id);
    if (q.emergency_owed_only)
      w.Add("emergency = 1 AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.supersedes = decisions.id)");
    if (q.awaiting_approval_only)
      w.Add("approval = 'awaiting' AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.supersedes = decisions.id)");
    if (q.created_from) w.Compare("created_at >=", Micros(*q.created_from));
    const std::string tail = " ORDER BY created_at DESC, id" + w.Limit(q.limit);
    return All<Decision>(JIGSAW_TRY(c_.Query("SELECT " + S(kDecisionColumns) + " FROM decisions" +
                                                 w.sql() + tail,
                                             w.params())),
                         ToDecision);
  }

  Status InsertDisclosure(const Disclosure& d) override {
    return Run(InsertSql("disclosures", kDisclosureColumns),
               {d.id, d.decision_id, d.sharer_organisation_id, d.sharer_id,
                d.recipient_organisation_id, d.recipient_practitioner_id, d.child_id,
                d.sealed_content, Micros(d.created_at), d.received_by, Micros(d.received_at),
                Micros(d.acknowledgement_due_at), Micros(d.feedback_due_at), Micros(d.feedback_at),
                d.recalled_by, Micros(d.recalled_at), d.recall_reason, d.recall_confirmed_by,
                Micros(d.recall_confirmed_at), d.corrects});
  }

  Result<std::vector<Disclosure>> CorrectionsOf(const std::string& id) override {
    auto rows = JIGSAW_TRY(Select(kDisclosureColumns, "disclosures", "WHERE corrects = $1 ORDER BY created_at, id", {id}));
    std::vector<Disclosure> out;
    for (const Row& r : rows) out.push_back(ToDisclosure(r));
    return out;
  }

  Result<std::optional<Disclosure>> FindDisclosure(const std::string& id) override {
    auto rows = JIGSAW_TRY(Select(kDisclosureColumns, "disclosures", "WHERE id = $1", {id}));
    if (rows.empty()) return std::nullopt;
    return ToDisclosure(rows[0]);
  }

  Status MarkDisclosureReceived(const std::string& id, const std::string& by, Time at) override {
    return Run("UPDATE disclosures SET received_by = $2, received_at = $3 WHERE id = $1 AND received_at = 0",
               {id, by, Micros(at)});
  }

  Status RecordRecall(const std::string& id, const std::string& by, Time at, const std::string& reason) override {
    // Only a disclosure not yet recalled: two recalls at once, one wins.
    const auto changed = JIGSAW_TRY(sql::Execute(
        c_, "UPDATE disclosures SET recalled_by = $2, recalled_at = $3, recall_reason = $4 WHERE id = $1 AND recalled_at = 0",
        {id, by, Micros(at), reason}));
    if (changed == 0) return Fail(ErrorCode::kFailedPrecondition, "This disclosure has already been recalled.", "id");
    return Ok();
  }

  Status RecordRecallConfirmation(const std::string& id, const std::string& by, Time at) override {
    const auto changed = JIGSAW_TRY(sql::Execute(
        c_, "UPDATE disclosures SET recall_confirmed_by = $2, recall_confirmed_at = $3 "
            "WHERE id = $1 AND recalled_at <> 0 AND recall_confirmed_at = 0",
        {id, by, Micros(at)}));
    if (changed == 0)
      return Fail(ErrorCode::kFailedPrecondition, "This disclosure is not recalled, or its recall is already confirmed.", "id");
    return Ok();
  }

  Status MarkFeedbackGiven(const std::string& id, Time at) override {
    return Run("UPDATE disclosures SET feedback_at = $2 WHERE id = $1 AND feedback_at = 0", {id, Micros(at)});
  }

  Result<std::vector<Disclosure>> Disclosures(const DisclosureQuery& q) override {
    Where w;
    w.Equals("sharer_organisation_id", q.sharer_organisation_id);
    w.Equals("sharer_id", q.sharer_id);
    w.Equals("recipient_organisation_id", q.recipient_organisation_id);
    w.Equals("child_id", q.child_id);
    w.Equals("decision_id", q.decision_id);
    if (q.unread_only) w.Add("received_at = 0");
    if (q.without_feedback_only) w.Add("feedback_at = 0");
    if (q.recalled_only) w.Add("recalled_at <> 0");
    if (q.exclude_recalled) w.Add("recalled_at = 0");
    if (q.created_from) w.Compare("created_at >=", Micros(*q.created_from));
    const std::string tail = " ORDER BY created_at DESC, id" + w.Limit(q.limit);
    auto rows = JIGSAW_TRY(c_.Query(
        "SELECT " + S(kDisclosureColumns) + " FROM disclosures" + w.sql() + tail, w.params()));
    std::vector<Disclosure> out;
    for (const Row& r : rows) out.push_back(ToDisclosure(r));
    return out;
  }

  Status InsertFeedback(const Feedback& f) override {
    return Run(InsertSql("feedback", "id, disclosure_id, organisation_id, given_by, action, note, created_at"),
               {f.id, f.disclosure_id, f.organisation_id, f.given_by, S(ToString(f.action)), f.note,
                Micros(f.created_at)});
  }

  Result<std::vector<Feedback>> FeedbackOn(const std::string& disclosure_id) override {
    auto rows = JIGSAW_TRY(Select("id, disclosure_id, organisation_id, given_by, action, note, created_at",
                                  "feedback", "WHERE disclosure_id = $1 ORDER BY created_at, id",
                                  {disclosure_id}));
    return All<Feedback>(rows, [](const Row& r) -> Result<Feedback> {
      return Feedback{r.Text(0), r.Text(1), r.Text(2), r.Text(3),
                      JIGSAW_TRY(StoredEnum<FeedbackAction>(r.Text(4), "feedback.action")), r.Text(5),
                      FromMicros(r.Int(6))};
    });
  }

  Status InsertInformationRequest(const InformationRequest& q) override {
    JIGSAW_RETURN_IF_ERROR(Run(InsertSql("information_requests", kRequestColumns),
               {q.id, q.requester_organisation_id, q.requested_by, q.holder_organisation_id,
                q.child_given_name, q.child_family_name, q.child_date_of_birth, q.child_nhs_number,
                q.child_other_details, q.needed, q.reason, q.terminology, S(ToString(q.urgency)),
                S(ToString(q.status)), Micros(q.created_at), Micros(q.updated_at)}));
    for (std::size_t i = 0; i < q.people.size(); ++i)
      JIGSAW_RETURN_IF_ERROR(Run(InsertSql("information_request_people",
                                           "request_id, position, name, relationship, parental_responsibility"),
                                 {q.id, static_cast<std::int64_t>(i), q.people[i].name, q.people[i].relationship,
                                  S(ToString(q.people[i].parental_responsibility))}));
    return Ok();
  }

  Result<std::optional<InformationRequest>> FindInformationRequest(const std::string& id) override {
    auto found = JIGSAW_TRY(First<InformationRequest>(
        JIGSAW_TRY(Select(kRequestColumns, "information_requests", "WHERE id = $1", {id})), ToRequest));
    if (found) JIGSAW_RETURN_IF_ERROR(LoadPeople(*found));
    return found;
  }

  // The people around the child a request names, in the order given.
  Status LoadPeople(InformationRequest& q) {
    auto rows = JIGSAW_TRY(Select("name, relationship, parental_responsibility", "information_request_people",
                                  "WHERE request_id = $1 ORDER BY position", {q.id}));
    q.people = JIGSAW_TRY(All<RequestPerson>(rows, [](const Row& r) -> Result<RequestPerson> {
      return RequestPerson{r.Text(0), r.Text(1),
                           JIGSAW_TRY(StoredEnum<ParentalResponsibility>(
                               r.Text(2), "information_request_people.parental_responsibility"))};
    }));
    return Ok();
  }

  Status UpdateRequestStatus(const std::string& id, RequestStatus status, Time at) override {
    return Run("UPDATE information_requests SET status = $2, updated_at = $3 WHERE id = $1",
               {id, S(ToString(status)), Micros(at)});
  }

  Result<std::vector<InformationRequest>> InformationRequests(const InformationRequestQuery& q) override {
    Where w;
    w.Equals("requester_organisation_id", q.requester_organisation_id);
    w.Equals("requested_by", q.requested_by);
    w.Equals("holder_organisation_id", q.holder_organisation_id);
    if (q.open_only) w.Add("status NOT IN ('answered', 'refused', 'not_known')");
    if (q.created_from) w.Compare("created_at >=", Micros(*q.created_from));
    const std::string tail = " ORDER BY created_at DESC, id" + w.Limit(q.limit);
    auto requests = JIGSAW_TRY(All<InformationRequest>(
        JIGSAW_TRY(c_.Query("SELECT " + S(kRequestColumns) + " FROM information_requests" +
                                w.sql() + tail,
                            w.params())),
        ToRequest));
    // A list reads as the requests do one by one (the API shows the same record either way).
    for (auto& q : requests) JIGSAW_RETURN_IF_ERROR(LoadPeople(q));
    return requests;
  }

  Status InsertRequestMessage(const RequestMessage& m) override {
    return Run(InsertSql("request_messages",
                         "id, request_id, kind, text, organisation_id, written_by, decision_id, created_at"),
               {m.id, m.request_id, S(ToString(m.kind)), m.text, m.organisation_id, m.written_by,
                m.decision_id, Micros(m.created_at)});
  }

  Result<std::vector<RequestMessage>> RequestMessages(const std::string& request_id) override {
    auto rows = JIGSAW_TRY(Select(
        "id, request_id, kind, text, organisation_id, written_by, decision_id, created_at",
        "request_messages", "WHERE request_id = $1 ORDER BY created_at, id", {request_id}));
    return All<RequestMessage>(rows, [](const Row& r) -> Result<RequestMessage> {
      return RequestMessage{r.Text(0), r.Text(1),
                            JIGSAW_TRY(StoredEnum<RequestMessageKind>(r.Text(2), "request_messages.kind")),
                            r.Text(3), r.Text(4), r.Text(5), r.Text(6), FromMicros(r.Int(7))};
    });
  }

  Status InsertAdviceRequest(const AdviceRequest& a) override {
    return Run(InsertSql("advice_requests", kAdviceColumns),
               {a.id, a.organisation_id, a.asked_by, S(ToString(a.adviser)), a.question, a.child_id,
                a.concern_id, Micros(a.created_at), a.answer, a.answered_by, Micros(a.answered_at)});
  }

  Result<std::optional<AdviceRequest>> FindAdviceRequest(const std::string& id) override {
    return First<AdviceRequest>(
        JIGSAW_TRY(Select(kAdviceColumns, "advice_requests", "WHERE id = $1", {id})), ToAdvice);
  }

  Status AnswerAdviceRequest(const AdviceRequest& a) override {
    return Run("UPDATE advice_requests SET answer = $2, answered_by = $3, answered_at = $4 WHERE id = $1",
               {a.id, a.answer, a.answered_by, Micros(a.answered_at)});
  }

  Result<std::vector<AdviceRequest>> AdviceRequests(const AdviceRequestQuery& q) override {
    Where w;
    w.Equals("organisation_id", q.organisation_id);
    w.Equals("asked_by", q.asked_by);
    if (!q.advisers.empty()) {
      std::vector<std::string> names;
      for (auto a : q.advisers) names.emplace_back(ToString(a));
      w.Add("adviser IN (" + w.In(names) + ")");
    }
    if (q.unanswered_only) w.Add("answered_at = 0");
    if (q.created_from) w.Compare("created_at >=", Micros(*q.created_from));
    const std::string tail = " ORDER BY created_at DESC, id" + w.Limit(q.limit);
    return All<AdviceRequest>(JIGSAW_TRY(c_.Query("SELECT " + S(kAdviceColumns) +
                                                      " FROM advice_requests" + w.sql() + tail,
                                                  w.params())),
                              ToAdvice);
  }

  Status InsertNotification(const Notification& n) override {
    return Run(InsertSql("notifications",
                         "id, practitioner_id, kind, object_type, object_id, created_at, read_at"),
               {n.id, n.practitioner_id, n.kind, n.object_type, n.object_id, Micros(n.created_at),
                Micros(n.read_at)});
  }

  Result<std::vector<Notification>> Notifications(const std::string& practitioner_id, bool unread_only,
                                                  std::size_t limit) override {
    Where w;
    w.Equals("practitioner_id", practitioner_id);
    if (unread_only) w.Add("read_at = 0");
    const std::string tail = " ORDER BY created_at DESC, id" + w.Limit(limit);
    auto rows = JIGSAW_TRY(c_.Query(
        "SELECT id, practitioner_id, kind, object_type, object_id, created_at, read_at FROM "
        "notifications" + w.sql() + tail,
        w.params()));
    std::vector<Notification> out;
    for (const Row& r : rows)
      out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), FromMicros(r.Int(5)),
                     FromMicros(r.Int(6))});
    return out;
  }

  Status MarkNotificationsRead(const std::string& practitioner_id, Time at) override {
    return Run("UPDATE notifications SET read_at = $2 WHERE practitioner_id = $1 AND read_at = 0",
               {practitioner_id, Micros(at)});
  }

  Status PutDraft(const std::string& practitioner_id, const std::string& subject, const Bytes& sealed,
                  Time at) override {
    return Run("INSERT INTO drafts (practitioner_id, subject, sealed_data, updated_at) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (practitioner_id, subject) DO UPDATE SET sealed_data = excluded.sealed_data, "
               "updated_at = excluded.updated_at",
               {practitioner_id, subject, sealed, Micros(at)});
  }

  Result<std::optional<Bytes>> FindDraft(const std::string& practitioner_id, const std::string& subject) override {
    auto rows = JIGSAW_TRY(Select("sealed_data", "drafts", "WHERE practitioner_id = $1 AND subject = $2",
                                  {practitioner_id, subject}));
    if (rows.empty()) return std::optional<Bytes>();
    return std::optional<Bytes>(rows.front().Blob(0));
  }

  Status DeleteDraft(const std::string& practitioner_id, const std::string& subject) override {
    return Run("DELETE FROM drafts WHERE practitioner_id = $1 AND subject = $2", {practitioner_id, subject});
  }

  Result<std::int64_t> DeleteDraftsBefore(Time before) override {
    return sql::Execute(c_, "DELETE FROM drafts WHERE updated_at < $1", {Micros(before)});
  }

 private:
  // A person's details that no query searches or compares, sealed under the
  // person's key (names, date of birth, NHS number and UPN are searched
  // in SQL and stay as they are: docs/retention.md).
  struct SealedDetails {
    std::string address, postcode, protected_reason, known_as, phone_numbers, email_addresses;
  };
  Result<SealedDetails> SealPerson(const Person& p) {
    auto seal = [&](std::string_view column, const std::string& text) { return cipher_.Seal(p.id, column, p.id, text); };
    return SealedDetails{.address = JIGSAW_TRY(seal("person.address", p.address)),
                         .postcode = JIGSAW_TRY(seal("person.postcode", p.postcode)),
                         .protected_reason = JIGSAW_TRY(seal("person.protected_reason", p.protected_reason)),
                         .known_as = JIGSAW_TRY(seal("person.known_as", JoinLines(p.known_as))),
                         .phone_numbers = JIGSAW_TRY(seal("person.phone_numbers", JoinLines(p.phone_numbers))),
                         .email_addresses = JIGSAW_TRY(seal("person.email_addresses", JoinLines(p.email_addresses)))};
  }
  Status OpenPerson(Person& p) {
    // Read back from a row, the lists were split at newlines before they
    // were opened: a sealed list is one value with no newline in it.
    auto open_list = [&](std::string_view column, std::vector<std::string>& list) -> Status {
      if (list.size() != 1 || !IsSealedContent(list[0])) return Ok();
      list = SplitLines(JIGSAW_TRY(cipher_.Open(p.id, column, p.id, list[0])));
      return Ok();
    };
    p.address = JIGSAW_TRY(cipher_.Open(p.id, "person.address", p.id, p.address));
    p.postcode = JIGSAW_TRY(cipher_.Open(p.id, "person.postcode", p.id, p.postcode));
    p.protected_reason = JIGSAW_TRY(cipher_.Open(p.id, "person.protected_reason", p.id, p.protected_reason));
    JIGSAW_RETURN_IF_ERROR(open_list("person.known_as", p.known_as));
    JIGSAW_RETURN_IF_ERROR(open_list("person.phone_numbers", p.phone_numbers));
    JIGSAW_RETURN_IF_ERROR(open_list("person.email_addresses", p.email_addresses));
    return Ok();
  }
  Result<std::vector<Person>> OpenPeople(std::vector<Person> people) {
    std::vector<std::string> owners;
    for (const auto& p : people) owners.push_back(p.id);
    JIGSAW_RETURN_IF_ERROR(cipher_.Prefetch(owners));
    for (auto& p : people) JIGSAW_RETURN_IF_ERROR(OpenPerson(p));
    return people;
  }
  Result<std::vector<PersonVersion>> OpenPersonVersions(std::vector<PersonVersion> versions) {
    std::vector<std::string> owners;
    for (const auto& v : versions) owners.push_back(v.person.id);
    JIGSAW_RETURN_IF_ERROR(cipher_.Prefetch(owners));
    for (auto& v : versions) JIGSAW_RETURN_IF_ERROR(OpenPerson(v.person));
    return versions;
  }

  // A concern's content, sealed under the concern's key and bound to it.
  Result<std::string> SealConcern(const Concern& c, std::string_view column, const std::string& text) {
    return cipher_.Seal(c.id, column, c.id, text);
  }
  Status OpenConcern(Concern& c) {
    c.what_happened = JIGSAW_TRY(cipher_.Open(c.id, "what_happened", c.id, c.what_happened));
    c.child_words = JIGSAW_TRY(cipher_.Open(c.id, "child_words", c.id, c.child_words));
    c.next_step_note = JIGSAW_TRY(cipher_.Open(c.id, "next_step_note", c.id, c.next_step_note));
    c.incident_place = JIGSAW_TRY(cipher_.Open(c.id, "incident_place", c.id, c.incident_place));
    return Ok();
  }
  Status OpenConcerns(std::vector<Concern>& concerns) {
    std::vector<std::string> owners;
    for (const auto& c : concerns) owners.push_back(c.id);
    JIGSAW_RETURN_IF_ERROR(cipher_.Prefetch(owners));
    for (auto& c : concerns) JIGSAW_RETURN_IF_ERROR(OpenConcern(c));
    return Ok();
  }
  // An item's text and source (its versions' too: bound to the item's id).
  Result<std::string> SealItem(const InformationItem& i, std::string_view column, const std::string& text) {
    return cipher_.Seal(ItemOwner(i), column == "text" ? "item.text" : "item.source", i.id, text);
  }
  Status OpenItem(InformationItem& i) {
    i.text = JIGSAW_TRY(cipher_.Open(ItemOwner(i), "item.text", i.id, i.text));
    i.source = JIGSAW_TRY(cipher_.Open(ItemOwner(i), "item.source", i.id, i.source));
    return Ok();
  }
  Result<std::vector<InformationItem>> OpenItems(std::vector<InformationItem> items) {
    std::vector<std::string> owners;
    for (const auto& i : items) owners.push_back(ItemOwner(i));
    JIGSAW_RETURN_IF_ERROR(cipher_.Prefetch(owners));
    for (auto& i : items) JIGSAW_RETURN_IF_ERROR(OpenItem(i));
    return items;
  }

  Status Run(const std::string& sql, std::initializer_list<Value> params) {
    JIGSAW_TRY(sql::Execute(c_, sql, params));
    return Ok();
  }
  Result<std::vector<Row>> Select(std::string_view columns, std::string_view table,
                                  std::string_view rest, std::initializer_list<Value> params) {
    return sql::Query(c_, "SELECT " + S(columns) + " FROM " + S(table) + " " + S(rest), params);
  }

  sql::Connection& c_;
  ContentCipher& cipher_;
};

}  // namespace

std::unique_ptr<CaseworkRepository> NewCaseworkRepository(sql::Connection& connection, ContentCipher& cipher) {
  return std::make_unique<SqlCasework>(connection, cipher);
}

}  // namespace jigsaw::store::internal
