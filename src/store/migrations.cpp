// The schema's history, one entry per version, the same on both backends.
// Never edit an applied migration: add a new one.
#include <array>
#include <set>
#include <string>

#include "store/repositories.h"

namespace jigsaw::store::internal {
namespace {

constexpr std::string_view kV1Portable = R"sql(
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  sector TEXT NOT NULL,
  competent_authority INTEGER NOT NULL CHECK (competent_authority IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE TABLE practitioners (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE INDEX practitioners_by_organisation ON practitioners(organisation_id, username);
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
)sql";

// The audit log: records (the single source of truth, one column per
// field), their leaf hashes, the perfect subtrees of the Merkle tree, the
// log's right edge (one row, locked by every appender) and signed heads.
#define JIGSAW_AUDIT_V2(BLOB, EMPTY_BLOB)                                   \
  "CREATE TABLE audit_records ("                                          \
  "  seq BIGINT PRIMARY KEY,"                                             \
  "  time BIGINT NOT NULL,"                                               \
  "  practitioner_id TEXT NOT NULL,"                                      \
  "  organisation_id TEXT NOT NULL,"                                      \
  "  roles TEXT NOT NULL,"                                                \
  "  action TEXT NOT NULL,"                                               \
  "  object_type TEXT NOT NULL,"                                          \
  "  object_id TEXT NOT NULL,"                                            \
  "  child_id TEXT NOT NULL,"                                             \
  "  purpose TEXT NOT NULL,"                                              \
  "  outcome INTEGER NOT NULL,"                                           \
  "  request_id TEXT NOT NULL,"                                           \
  "  leaf_hash " BLOB " NOT NULL);"                                       \
  "CREATE INDEX audit_by_child ON audit_records(child_id, seq);"          \
  "CREATE INDEX audit_by_practitioner ON audit_records(practitioner_id, seq);" \
  "CREATE INDEX audit_by_organisation ON audit_records(organisation_id, seq);" \
  "CREATE INDEX audit_by_time ON audit_records(time);"                    \
  "CREATE TABLE audit_nodes (id BIGINT PRIMARY KEY, hash " BLOB " NOT NULL);" \
  "CREATE TABLE audit_state (id INTEGER PRIMARY KEY CHECK (id = 1),"      \
  "  size BIGINT NOT NULL, frontier " BLOB " NOT NULL);"                  \
  "INSERT INTO audit_state (id, size, frontier) VALUES (1, 0, " EMPTY_BLOB ");" \
  "CREATE TABLE audit_tree_heads (tree_size BIGINT PRIMARY KEY,"          \
  "  root_hash " BLOB " NOT NULL, time BIGINT NOT NULL, signature " BLOB " NOT NULL);"

constexpr std::string_view kV2Sqlite = JIGSAW_AUDIT_V2("BLOB", "X''");
constexpr std::string_view kV2Postgres = JIGSAW_AUDIT_V2("BYTEA", "'\\x'::bytea");
#undef JIGSAW_AUDIT_V2

// The sharing workflow. Lists of ids and enum names are stored comma-
// separated (neither can contain a comma); objections, whose reasons are
// free text, as JSON. Decisions, disclosures, feedback and request
// messages are append-only: nothing here updates them except the
// disclosure's received/feedback marks.
#define JIGSAW_CASEWORK_V3(BLOB)                                              \
  "CREATE TABLE people ("                                                     \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id)," \
  "  kind TEXT NOT NULL, given_name TEXT NOT NULL, family_name TEXT NOT NULL," \
  "  search_name TEXT NOT NULL, date_of_birth TEXT NOT NULL, nhs_number TEXT NOT NULL," \
  "  upn TEXT NOT NULL, address TEXT NOT NULL, postcode TEXT NOT NULL,"     \
  "  is_protected INTEGER NOT NULL CHECK (is_protected IN (0, 1)), protected_reason TEXT NOT NULL," \
  "  created_by TEXT NOT NULL, created_at BIGINT NOT NULL);"                  \
  "CREATE INDEX people_by_organisation ON people(organisation_id, family_name);" \
  "CREATE TABLE relationships ("                                              \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL,"                    \
  "  person_id TEXT NOT NULL REFERENCES people(id),"                         \
  "  related_person_id TEXT NOT NULL REFERENCES people(id),"                 \
  "  kind TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL);" \
  "CREATE INDEX relationships_by_person ON relationships(person_id);"        \
  "CREATE INDEX relationships_by_related ON relationships(related_person_id);" \
  "CREATE TABLE concerns ("                                                   \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id)," \
  "  child_id TEXT NOT NULL REFERENCES people(id), raised_by TEXT NOT NULL," \
  "  forms TEXT NOT NULL, level TEXT NOT NULL, what_happened TEXT NOT NULL," \
  "  child_words TEXT NOT NULL, status TEXT NOT NULL, seen_by TEXT NOT NULL," \
  "  seen_at BIGINT NOT NULL, next_step TEXT NOT NULL, next_step_note TEXT NOT NULL," \
  "  actioned_by TEXT NOT NULL, actioned_at BIGINT NOT NULL, created_at BIGINT NOT NULL);" \
  "CREATE INDEX concerns_by_organisation ON concerns(organisation_id, status, created_at);" \
  "CREATE INDEX concerns_by_child ON concerns(child_id, created_at);"        \
  "CREATE TABLE information_items ("                                          \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id)," \
  "  concern_id TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES people(id)," \
  "  text TEXT NOT NULL, source TEXT NOT NULL, info_date TEXT NOT NULL,"     \
  "  accuracy TEXT NOT NULL, special_category TEXT NOT NULL,"                \
  "  criminal_offence INTEGER NOT NULL, confidential INTEGER NOT NULL,"      \
  "  identifies TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL);" \
  "CREATE INDEX items_by_concern ON information_items(concern_id, created_at);" \
  "CREATE INDEX items_by_person ON information_items(person_id, created_at);" \
  "CREATE TABLE decisions ("                                                  \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id)," \
  "  child_id TEXT NOT NULL, concern_id TEXT NOT NULL, information_request_id TEXT NOT NULL," \
  "  decided_by TEXT NOT NULL, outcome TEXT NOT NULL,"                       \
  "  recipient_organisation_id TEXT NOT NULL, recipient_practitioner_id TEXT NOT NULL," \
  "  item_ids TEXT NOT NULL, assessment_request TEXT NOT NULL, assessment TEXT NOT NULL," \
  "  recommendation TEXT NOT NULL, must_record TEXT NOT NULL, rationale TEXT NOT NULL," \
  "  lawful_basis TEXT NOT NULL, special_category_condition TEXT NOT NULL,"  \
  "  sensitive_processing_condition TEXT NOT NULL, criminal_offence_condition TEXT NOT NULL," \
  "  confidentiality_basis TEXT NOT NULL, consent TEXT NOT NULL, objections TEXT NOT NULL," \
  "  told INTEGER NOT NULL, told_on TEXT NOT NULL, told_by TEXT NOT NULL,"   \
  "  reason_not_told TEXT NOT NULL, advice_sought INTEGER NOT NULL, advice_from TEXT NOT NULL," \
  "  advice_summary TEXT NOT NULL, departs_from_advice INTEGER NOT NULL,"    \
  "  departure_reason TEXT NOT NULL, emergency INTEGER NOT NULL,"            \
  "  rationale_due_at BIGINT NOT NULL, supersedes TEXT NOT NULL, created_at BIGINT NOT NULL," \
  "  informing_recorded INTEGER NOT NULL);"                                 \
  "CREATE INDEX decisions_by_organisation ON decisions(organisation_id, created_at);" \
  "CREATE INDEX decisions_by_child ON decisions(child_id, created_at);"      \
  "CREATE INDEX decisions_by_supersedes ON decisions(supersedes);"           \
  "CREATE TABLE disclosures ("                                                \
  "  id TEXT PRIMARY KEY, decision_id TEXT NOT NULL REFERENCES decisions(id)," \
  "  sharer_organisation_id TEXT NOT NULL, sharer_id TEXT NOT NULL,"         \
  "  recipient_organisation_id TEXT NOT NULL, recipient_practitioner_id TEXT NOT NULL," \
  "  child_id TEXT NOT NULL, sealed_content " BLOB " NOT NULL, created_at BIGINT NOT NULL," \
  "  received_by TEXT NOT NULL, received_at BIGINT NOT NULL,"                \
  "  acknowledgement_due_at BIGINT NOT NULL, feedback_due_at BIGINT NOT NULL," \
  "  feedback_at BIGINT NOT NULL);"                                          \
  "CREATE INDEX disclosures_by_recipient ON disclosures(recipient_organisation_id, created_at);" \
  "CREATE INDEX disclosures_by_sharer ON disclosures(sharer_organisation_id, created_at);" \
  "CREATE INDEX disclosures_by_decision ON disclosures(decision_id);"        \
  "CREATE TABLE feedback ("                                                   \
  "  id TEXT PRIMARY KEY, disclosure_id TEXT NOT NULL REFERENCES disclosures(id)," \
  "  organisation_id TEXT NOT NULL, given_by TEXT NOT NULL, action TEXT NOT NULL," \
  "  note TEXT NOT NULL, created_at BIGINT NOT NULL);"                        \
  "CREATE INDEX feedback_by_disclosure ON feedback(disclosure_id, created_at);" \
  "CREATE TABLE information_requests ("                                       \
  "  id TEXT PRIMARY KEY, requester_organisation_id TEXT NOT NULL, requested_by TEXT NOT NULL," \
  "  holder_organisation_id TEXT NOT NULL, child_given_name TEXT NOT NULL,"  \
  "  child_family_name TEXT NOT NULL, child_date_of_birth TEXT NOT NULL,"    \
  "  child_nhs_number TEXT NOT NULL, child_other_details TEXT NOT NULL,"     \
  "  needed TEXT NOT NULL, reason TEXT NOT NULL, terminology TEXT NOT NULL," \
  "  urgency TEXT NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL," \
  "  updated_at BIGINT NOT NULL);"                                           \
  "CREATE INDEX requests_by_requester ON information_requests(requester_organisation_id, created_at);" \
  "CREATE INDEX requests_by_holder ON information_requests(holder_organisation_id, created_at);" \
  "CREATE TABLE request_messages ("                                           \
  "  id TEXT PRIMARY KEY, request_id TEXT NOT NULL REFERENCES information_requests(id)," \
  "  kind TEXT NOT NULL, text TEXT NOT NULL, organisation_id TEXT NOT NULL," \
  "  written_by TEXT NOT NULL, decision_id TEXT NOT NULL, created_at BIGINT NOT NULL);" \
  "CREATE INDEX messages_by_request ON request_messages(request_id, created_at);" \
  "CREATE TABLE advice_requests ("                                            \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, asked_by TEXT NOT NULL," \
  "  adviser TEXT NOT NULL, question TEXT NOT NULL, child_id TEXT NOT NULL," \
  "  concern_id TEXT NOT NULL, created_at BIGINT NOT NULL, answer TEXT NOT NULL," \
  "  answered_by TEXT NOT NULL, answered_at BIGINT NOT NULL);"               \
  "CREATE INDEX advice_by_organisation ON advice_requests(organisation_id, created_at);" \
  "CREATE TABLE notifications ("                                              \
  "  id TEXT PRIMARY KEY, practitioner_id TEXT NOT NULL, kind TEXT NOT NULL," \
  "  object_type TEXT NOT NULL, object_id TEXT NOT NULL, created_at BIGINT NOT NULL," \
  "  read_at BIGINT NOT NULL);"                                              \
  "CREATE INDEX notifications_by_practitioner ON notifications(practitioner_id, created_at);"

constexpr std::string_view kV3Sqlite = JIGSAW_CASEWORK_V3("BLOB");
constexpr std::string_view kV3Postgres = JIGSAW_CASEWORK_V3("BYTEA");
#undef JIGSAW_CASEWORK_V3

// A practitioner's unfinished answers ("Should I share?" and the decision
// form), sealed like a disclosure: one per practitioner and subject.
#define JIGSAW_DRAFTS_V4(BLOB)                                                \
  "CREATE TABLE drafts ("                                                     \
  "  practitioner_id TEXT NOT NULL, subject TEXT NOT NULL,"                   \
  "  sealed_data " BLOB " NOT NULL, updated_at BIGINT NOT NULL,"              \
  "  PRIMARY KEY (practitioner_id, subject));"                                \
  "CREATE INDEX drafts_by_age ON drafts(updated_at);"

constexpr std::string_view kV4Sqlite = JIGSAW_DRAFTS_V4("BLOB");
constexpr std::string_view kV4Postgres = JIGSAW_DRAFTS_V4("BYTEA");
#undef JIGSAW_DRAFTS_V4

// Golden rule 5 needs every way a protected person can be named: other
// names, phone numbers and email addresses (newline-separated lists; none
// can hold a newline). A decision keeps the sharer's review of each
// mention of a protected person the redaction could not place (JSON), and
// whether it sent the concern's own account, and, where staff shares go
// through the DSL, the DSL's approval. Schools and colleges send staff
// shares through their DSL.
constexpr std::string_view kV5Portable = R"sql(
ALTER TABLE people ADD COLUMN known_as TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN phone_numbers TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN email_addresses TEXT NOT NULL DEFAULT '';
CREATE INDEX people_protected ON people(organisation_id, is_protected);
ALTER TABLE decisions ADD COLUMN mention_reviews TEXT NOT NULL DEFAULT '[]';
ALTER TABLE decisions ADD COLUMN concern_account TEXT NOT NULL DEFAULT 'not_shared';
ALTER TABLE decisions ADD COLUMN approval TEXT NOT NULL DEFAULT 'not_needed';
ALTER TABLE decisions ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN approved_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN approval_note TEXT NOT NULL DEFAULT '';
CREATE INDEX decisions_by_approval ON decisions(organisation_id, approval);
ALTER TABLE organisations ADD COLUMN staff_shares TEXT NOT NULL DEFAULT 'direct';
UPDATE organisations SET staff_shares = 'through_dsl' WHERE type IN ('school', 'college');
)sql";

// Tree heads name the key that signed them (keys can be rotated); records
// are found by their object (what became of a disclosure, who looked at a
// person) without reading the whole log.
constexpr std::string_view kV6Portable = R"sql(
ALTER TABLE audit_tree_heads ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_by_object ON audit_records(object_id, seq);
)sql";

// Sign-in that partners accept: a second factor for every account (a TOTP
// secret, sealed; recovery codes, as digests; passkeys), challenges between
// the password and the second factor, and failed attempts counted by keyed
// digests for throttling. The per-account lock-out columns go: accounts
// are slowed down, never locked. (sealed_offered_secret may be NULL: the
// PostgreSQL driver binds an empty blob as NULL.)
#define JIGSAW_SIGN_IN_V7(BLOB)                                               \
  "ALTER TABLE practitioners DROP COLUMN failed_sign_ins;"                    \
  "ALTER TABLE practitioners DROP COLUMN locked_until;"                       \
  "CREATE TABLE sign_in_failures ("                                           \
  "  account_digest TEXT NOT NULL, source_digest TEXT NOT NULL, at BIGINT NOT NULL);" \
  "CREATE INDEX sign_in_failures_by_account ON sign_in_failures(account_digest, at);" \
  "CREATE INDEX sign_in_failures_by_source ON sign_in_failures(source_digest, at);" \
  "CREATE INDEX sign_in_failures_by_time ON sign_in_failures(at);"           \
  "CREATE TABLE sign_in_challenges ("                                         \
  "  token_digest TEXT PRIMARY KEY, practitioner_id TEXT NOT NULL," \
  "  created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, failed_codes INTEGER NOT NULL," \
  "  sealed_offered_secret " BLOB ", passkey_challenge TEXT NOT NULL);" \
  "CREATE INDEX sign_in_challenges_by_expiry ON sign_in_challenges(expires_at);" \
  "CREATE INDEX sign_in_challenges_by_practitioner ON sign_in_challenges(practitioner_id);" \
  "CREATE TABLE totp_enrolments ("                                            \
  "  practitioner_id TEXT PRIMARY KEY REFERENCES practitioners(id),"         \
  "  sealed_secret " BLOB " NOT NULL, last_accepted_step BIGINT NOT NULL, enrolled_at BIGINT NOT NULL);" \
  "CREATE TABLE recovery_codes ("                                             \
  "  practitioner_id TEXT NOT NULL REFERENCES practitioners(id), code_digest TEXT NOT NULL," \
  "  created_at BIGINT NOT NULL, used_at BIGINT NOT NULL, PRIMARY KEY (practitioner_id, code_digest));" \
  "CREATE TABLE passkeys ("                                                   \
  "  credential_id TEXT PRIMARY KEY, practitioner_id TEXT NOT NULL REFERENCES practitioners(id)," \
  "  name TEXT NOT NULL, public_key_cose " BLOB " NOT NULL, sign_count BIGINT NOT NULL," \
  "  created_at BIGINT NOT NULL, last_used_at BIGINT NOT NULL);"             \
  "CREATE INDEX passkeys_by_practitioner ON passkeys(practitioner_id);"

constexpr std::string_view kV7Sqlite = JIGSAW_SIGN_IN_V7("BLOB");
constexpr std::string_view kV7Postgres = JIGSAW_SIGN_IN_V7("BYTEA");
#undef JIGSAW_SIGN_IN_V7

// People leave: a reset password must be changed at the next sign-in, and
// accounts proposed by a partnership administrator wait for the
// organisation's approval.
constexpr std::string_view kV8Portable = R"sql(
ALTER TABLE practitioners ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password IN (0, 1));
CREATE TABLE account_proposals (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  practitioner_id TEXT NOT NULL,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);
CREATE INDEX account_proposals_by_organisation ON account_proposals(organisation_id, outcome);
)sql";

// Triage and case management (domain/case_management.h): a disclosure's
// sealed triage summary (written with it, so that the recipient's inbox
// opens a few hundred bytes rather than every disclosure's content), the
// recipient's own marks on it, the history of closing and reopening a
// concern (its status is in concerns.status), tasks, links between
// concerns and flags on a child's record.
#define JIGSAW_CASE_MANAGEMENT_V9(BLOB)                                         \
  "CREATE TABLE disclosure_summaries ("                                         \
  "  disclosure_id TEXT PRIMARY KEY REFERENCES disclosures(id),"                \
  "  recipient_organisation_id TEXT NOT NULL, sealed_summary " BLOB " NOT NULL);" \
  "CREATE TABLE disclosure_triage ("                                            \
  "  disclosure_id TEXT PRIMARY KEY REFERENCES disclosures(id),"                \
  "  organisation_id TEXT NOT NULL, rating TEXT NOT NULL, rated_by TEXT NOT NULL," \
  "  rated_at BIGINT NOT NULL, allocated_to TEXT NOT NULL, allocated_by TEXT NOT NULL," \
  "  allocated_at BIGINT NOT NULL);"                                            \
  "CREATE INDEX disclosure_triage_by_organisation ON disclosure_triage(organisation_id);" \
  "CREATE TABLE concern_closures ("                                             \
  "  id TEXT PRIMARY KEY, concern_id TEXT NOT NULL REFERENCES concerns(id),"   \
  "  organisation_id TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL," \
  "  note TEXT NOT NULL, closed_by TEXT NOT NULL, closed_at BIGINT NOT NULL);" \
  "CREATE INDEX closures_by_concern ON concern_closures(concern_id, closed_at);" \
  "CREATE TABLE tasks ("                                                        \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id)," \
  "  concern_id TEXT NOT NULL REFERENCES concerns(id), child_id TEXT NOT NULL," \
  "  description TEXT NOT NULL, owner_id TEXT NOT NULL, due_on TEXT NOT NULL," \
  "  status TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL," \
  "  completed_by TEXT NOT NULL, completed_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
  "CREATE INDEX tasks_by_owner ON tasks(owner_id, status, due_on);"             \
  "CREATE INDEX tasks_by_concern ON tasks(concern_id, due_on);"                 \
  "CREATE INDEX tasks_by_organisation ON tasks(organisation_id, status, due_on);" \
  "CREATE TABLE concern_links ("                                                \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL,"                       \
  "  concern_id TEXT NOT NULL REFERENCES concerns(id),"                         \
  "  related_concern_id TEXT NOT NULL REFERENCES concerns(id),"                 \
  "  note TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL);" \
  "CREATE INDEX concern_links_by_concern ON concern_links(concern_id);"         \
  "CREATE INDEX concern_links_by_related ON concern_links(related_concern_id);" \
  "CREATE TABLE child_flags ("                                                  \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL,"                       \
  "  child_id TEXT NOT NULL REFERENCES people(id), kind TEXT NOT NULL,"         \
  "  note TEXT NOT NULL, started_on TEXT NOT NULL, ended_on TEXT NOT NULL,"     \
  "  set_by TEXT NOT NULL, set_at BIGINT NOT NULL, ended_by TEXT NOT NULL,"     \
  "  ended_at BIGINT NOT NULL);"                                                \
  "CREATE INDEX child_flags_by_child ON child_flags(child_id, started_on);"

constexpr std::string_view kV9Sqlite = JIGSAW_CASE_MANAGEMENT_V9("BLOB");
constexpr std::string_view kV9Postgres = JIGSAW_CASE_MANAGEMENT_V9("BYTEA");
#undef JIGSAW_CASE_MANAGEMENT_V9
// The partnership index (identifying fields only, for matching across
// organisations), lookups of it and who was told, the organisations that
// withhold their name from answers, and risk alerts with their members.
constexpr std::string_view kV13Portable = R"sql(
CREATE TABLE partnership_index (
  person_id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  postcode TEXT NOT NULL,
  address_line TEXT NOT NULL,
  nhs_number TEXT NOT NULL,
  upn TEXT NOT NULL,
  family_key TEXT NOT NULL,
  address_key TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX partnership_index_by_birth ON partnership_index(kind, date_of_birth);
CREATE INDEX partnership_index_by_nhs ON partnership_index(kind, nhs_number);
CREATE INDEX partnership_index_by_upn ON partnership_index(kind, upn);
CREATE INDEX partnership_index_by_family ON partnership_index(kind, family_key);
CREATE INDEX partnership_index_by_address ON partnership_index(address_key);
CREATE TABLE partnership_phones (
  person_id TEXT NOT NULL,
  phone_key TEXT NOT NULL,
  PRIMARY KEY (person_id, phone_key)
);
CREATE INDEX partnership_phones_by_key ON partnership_phones(phone_key);
CREATE TABLE partnership_settings (
  organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
  withhold_name INTEGER NOT NULL CHECK (withhold_name IN (0, 1)),
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE partnership_lookups (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  asked_by TEXT NOT NULL,
  asked_at BIGINT NOT NULL
);
CREATE TABLE partnership_lookup_holders (
  lookup_id TEXT NOT NULL REFERENCES partnership_lookups(id),
  organisation_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  named INTEGER NOT NULL CHECK (named IN (0, 1)),
  PRIMARY KEY (lookup_id, organisation_id)
);
CREATE TABLE risk_alerts (
  id TEXT PRIMARY KEY,
  link TEXT NOT NULL,
  alert_key TEXT NOT NULL,
  children INTEGER NOT NULL,
  organisations INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX risk_alerts_by_key ON risk_alerts(link, alert_key);
CREATE INDEX risk_alerts_by_update ON risk_alerts(updated_at);
CREATE TABLE risk_alert_members (
  alert_id TEXT NOT NULL REFERENCES risk_alerts(id),
  person_id TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  role TEXT NOT NULL,
  child_key TEXT NOT NULL,
  PRIMARY KEY (alert_id, person_id)
);
CREATE INDEX risk_alert_members_by_person ON risk_alert_members(person_id);
)sql";

// Recording a concern as thoroughly as the school tools do: when and where
// it happened (apart from when it was recorded), marks on a body map
// (typed: side, area, a point in the outline's coordinates), and files
// sealed at rest like disclosures (their kind read from their bytes).
#define JIGSAW_RECORDING_V11(BLOB)                                           \
  "ALTER TABLE concerns ADD COLUMN incident_date TEXT NOT NULL DEFAULT '';"  \
  "ALTER TABLE concerns ADD COLUMN incident_time TEXT NOT NULL DEFAULT '';"  \
  "ALTER TABLE concerns ADD COLUMN incident_place TEXT NOT NULL DEFAULT '';" \
  "CREATE TABLE body_marks ("                                                \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id)," \
  "  concern_id TEXT NOT NULL REFERENCES concerns(id), side TEXT NOT NULL,"  \
  "  area TEXT NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL,"             \
  "  description TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL);" \
  "CREATE INDEX body_marks_by_concern ON body_marks(concern_id, created_at);" \
  "CREATE TABLE attachments ("                                               \
  "  id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id)," \
  "  concern_id TEXT NOT NULL REFERENCES concerns(id), file_name TEXT NOT NULL," \
  "  media_type TEXT NOT NULL, size_bytes BIGINT NOT NULL, description TEXT NOT NULL," \
  "  sealed_content " BLOB " NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL);" \
  "CREATE INDEX attachments_by_concern ON attachments(concern_id, created_at);"

constexpr std::string_view kV11Sqlite = JIGSAW_RECORDING_V11("BLOB");
constexpr std::string_view kV11Postgres = JIGSAW_RECORDING_V11("BYTEA");
#undef JIGSAW_RECORDING_V11


// Linking (service/linking.h): matches between an organisation's records
// of a child and records that may be the same child, each with its
// explanation, and what a person decided. Probabilities and weights are
// kept in millionths (integers read the same on both backends).
constexpr std::string_view kV12Portable = R"sql(
CREATE TABLE record_matches (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  subject TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id),
  probability_ppm BIGINT NOT NULL,
  match_weight_ppm BIGINT NOT NULL,
  prior_weight_ppm BIGINT NOT NULL,
  relative_term_ppm BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at BIGINT NOT NULL,
  unlinked_by TEXT NOT NULL,
  unlinked_at BIGINT NOT NULL,
  UNIQUE (subject_id, person_id)
);
CREATE INDEX record_matches_by_organisation ON record_matches(organisation_id, status, created_at);
CREATE INDEX record_matches_by_person ON record_matches(person_id);
CREATE TABLE record_match_evidence (
  match_id TEXT NOT NULL REFERENCES record_matches(id),
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  level TEXT NOT NULL,
  weight_ppm BIGINT NOT NULL,
  PRIMARY KEY (match_id, position)
);
)sql";

// The people around a child that an information request names (a parent's
// partner, another adult in the home), each with whether they hold
// parental responsibility, in the order the requester gave them.
constexpr std::string_view kV14Portable = R"sql(
CREATE TABLE information_request_people (
  request_id TEXT NOT NULL REFERENCES information_requests(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  relationship TEXT NOT NULL,
  parental_responsibility TEXT NOT NULL,
  PRIMARY KEY (request_id, position)
);
)sql";

// A police force's references on its decisions to share (domain::
// PoliceReferences): occurrence or crime reference, PPN reference, DASH
// risk level ('' when not given, as on every other organisation's).
constexpr std::string_view kV15Portable = R"sql(
ALTER TABLE decisions ADD COLUMN police_occurrence_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN police_ppn_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN police_dash_risk TEXT NOT NULL DEFAULT '';
)sql";

// Recalling a disclosure sent in error (docs/workflow.md): who recalled it,
// when and why, and the recipient's confirmation that no copy is kept.
// Earlier disclosures were never recalled: empty and zero.
constexpr std::string_view kV16Portable = R"sql(
ALTER TABLE disclosures ADD COLUMN recalled_by TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosures ADD COLUMN recalled_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE disclosures ADD COLUMN recall_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosures ADD COLUMN recall_confirmed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE disclosures ADD COLUMN recall_confirmed_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX disclosures_recalled ON disclosures(sharer_organisation_id, recalled_at);
)sql";

// A practitioner's training records (domain/training.h). Dates are
// "YYYY-MM-DD" text, which compares in calendar order on both backends.
constexpr std::string_view kV17Portable = R"sql(
CREATE TABLE training_records (
  id TEXT PRIMARY KEY,
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  organisation_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  course TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX training_records_by_practitioner ON training_records(practitioner_id, kind, expires_on);
)sql";

// Data sharing agreements and DPIAs (domain/governance.h, docs/governance.md).
// Lists of enum names are comma-joined; free-text lists (data categories)
// are one per line. Dates are "YYYY-MM-DD" text. Whether an agreement is
// active or expired is worked out from its signatures and dates on the
// day, never stored.
constexpr std::string_view kV18Portable = R"sql(
CREATE TABLE agreements (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  owner_organisation_id TEXT NOT NULL REFERENCES organisations(id),
  purposes TEXT NOT NULL,
  data_categories TEXT NOT NULL,
  people_categories TEXT NOT NULL,
  lawful_bases TEXT NOT NULL,
  article9_conditions TEXT NOT NULL,
  frequency TEXT NOT NULL,
  start_on TEXT NOT NULL,
  review_on TEXT NOT NULL,
  end_on TEXT NOT NULL,
  document_reference TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  withdrawn_by TEXT NOT NULL DEFAULT '',
  withdrawn_at BIGINT NOT NULL DEFAULT 0,
  withdrawal_reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE agreement_parties (
  agreement_id TEXT NOT NULL REFERENCES agreements(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, organisation_id)
);
CREATE INDEX agreement_parties_by_organisation ON agreement_parties(organisation_id);
CREATE TABLE agreement_signatures (
  agreement_id TEXT NOT NULL REFERENCES agreements(id),
  organisation_id TEXT NOT NULL,
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  signed_as TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  PRIMARY KEY (agreement_id, organisation_id)
);
CREATE TABLE dpias (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  owner_organisation_id TEXT NOT NULL REFERENCES organisations(id),
  purposes TEXT NOT NULL,
  processing TEXT NOT NULL,
  consultation TEXT NOT NULL,
  necessity TEXT NOT NULL,
  review_on TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  dpo_advice TEXT NOT NULL DEFAULT '',
  dpo_advice_by TEXT NOT NULL DEFAULT '',
  dpo_advice_at BIGINT NOT NULL DEFAULT 0,
  dpo_advice_accepted INTEGER NOT NULL DEFAULT 1,
  overruled_reason TEXT NOT NULL DEFAULT '',
  signed_off_by TEXT NOT NULL DEFAULT '',
  signed_off_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE dpia_organisations (
  dpia_id TEXT NOT NULL REFERENCES dpias(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (dpia_id, organisation_id)
);
CREATE INDEX dpia_organisations_by_organisation ON dpia_organisations(organisation_id);
CREATE TABLE dpia_risks (
  dpia_id TEXT NOT NULL REFERENCES dpias(id),
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  likelihood TEXT NOT NULL,
  severity TEXT NOT NULL,
  measures TEXT NOT NULL,
  residual TEXT NOT NULL,
  PRIMARY KEY (dpia_id, position)
);
CREATE TABLE decision_cover (
  decision_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref_id TEXT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (decision_id, kind, ref_id)
);
)sql";

// Corrections (docs/rights.md): a person (with their relationships) or an information item corrected
// by a superseding version. The record's row holds the version in use; each
// earlier version is kept here whole, with who replaced it, when and why.
// A disclosure that corrects an earlier one (UK GDPR Article 19) names it.
constexpr std::string_view kV19Portable = R"sql(
CREATE TABLE person_versions (
  version_id TEXT PRIMARY KEY,
  id TEXT NOT NULL REFERENCES people(id),
  organisation_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  search_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  nhs_number TEXT NOT NULL,
  upn TEXT NOT NULL,
  address TEXT NOT NULL,
  postcode TEXT NOT NULL,
  is_protected INTEGER NOT NULL CHECK (is_protected IN (0, 1)),
  protected_reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  known_as TEXT NOT NULL,
  phone_numbers TEXT NOT NULL,
  email_addresses TEXT NOT NULL,
  superseded_by TEXT NOT NULL,
  superseded_at BIGINT NOT NULL,
  supersede_reason TEXT NOT NULL
);
CREATE INDEX person_versions_by_person ON person_versions(id, superseded_at);
CREATE TABLE item_versions (
  version_id TEXT PRIMARY KEY,
  id TEXT NOT NULL REFERENCES information_items(id),
  organisation_id TEXT NOT NULL,
  concern_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  text TEXT NOT NULL,
  source TEXT NOT NULL,
  info_date TEXT NOT NULL,
  accuracy TEXT NOT NULL,
  special_category TEXT NOT NULL,
  criminal_offence INTEGER NOT NULL,
  confidential INTEGER NOT NULL,
  identifies TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  superseded_by TEXT NOT NULL,
  superseded_at BIGINT NOT NULL,
  supersede_reason TEXT NOT NULL
);
CREATE INDEX item_versions_by_item ON item_versions(id, superseded_at);
CREATE TABLE relationship_versions (
  version_id TEXT PRIMARY KEY,
  id TEXT NOT NULL REFERENCES relationships(id),
  organisation_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  related_person_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  superseded_by TEXT NOT NULL,
  superseded_at BIGINT NOT NULL,
  supersede_reason TEXT NOT NULL
);
CREATE INDEX relationship_versions_by_person ON relationship_versions(person_id);
CREATE INDEX relationship_versions_by_related ON relationship_versions(related_person_id);
ALTER TABLE disclosures ADD COLUMN corrects TEXT NOT NULL DEFAULT '';
CREATE INDEX disclosures_by_corrects ON disclosures(corrects);
)sql";

// Retention and erasure (issue 17, items 4 and 5; docs/retention.md): an
// organisation's own retention rules (the defaults for its type apply to a
// kind it has not set), legal holds on a child or a concern, erasure
// requests with the DPO's decision, and what was destroyed, when and why
// (ids and times only: the record that a record's content is gone).
constexpr std::string_view kV23Portable = R"sql(
CREATE TABLE retention_rules (
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL,
  trigger_from TEXT NOT NULL,
  years INTEGER NOT NULL,
  days INTEGER NOT NULL,
  extension_aged INTEGER NOT NULL,
  extension_until INTEGER NOT NULL,
  disposal TEXT NOT NULL,
  source TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, kind)
);
CREATE TABLE legal_holds (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  subject TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  placed_at BIGINT NOT NULL,
  lifted_by TEXT NOT NULL,
  lifted_at BIGINT NOT NULL,
  lift_reason TEXT NOT NULL
);
CREATE INDEX legal_holds_by_organisation ON legal_holds(organisation_id, placed_at);
CREATE TABLE erasure_requests (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  received_on TEXT NOT NULL,
  outcome TEXT NOT NULL,
  ground TEXT NOT NULL,
  reasons TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);
CREATE INDEX erasure_requests_by_organisation ON erasure_requests(organisation_id, decided_at);
CREATE TABLE destructions (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  record_kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  child_id TEXT NOT NULL,
  cause TEXT NOT NULL,
  erasure_request_id TEXT NOT NULL,
  confirmed_by TEXT NOT NULL,
  destroyed_at BIGINT NOT NULL,
  UNIQUE (record_kind, record_id)
);
CREATE INDEX destructions_by_organisation ON destructions(organisation_id, destroyed_at);
)sql";

// Whose DPIA covers a share (docs/governance.md): another organisation a
// DPIA names accepts it as its own; and the reviews of agreements and DPIAs,
// each kept with the review date it moved from and to.
constexpr std::string_view kV21Portable = R"sql(
CREATE TABLE dpia_acceptances (
  dpia_id TEXT NOT NULL REFERENCES dpias(id),
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  accepted_at BIGINT NOT NULL,
  PRIMARY KEY (dpia_id, organisation_id)
);
CREATE TABLE governance_reviews (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  ref_id TEXT NOT NULL,
  reviewed_by TEXT NOT NULL REFERENCES practitioners(id),
  reviewed_at BIGINT NOT NULL,
  previous_review_on TEXT NOT NULL,
  next_review_on TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX governance_reviews_by_record ON governance_reviews(kind, ref_id, reviewed_at);
)sql";

// Subject access (docs/rights.md): a person's request for what the
// organisation holds about them, opened by its DPO, with its deadline's
// inputs (received_on, the extension) stored and the deadline worked out
// (domain::DueOn); what was released is frozen in released_content. The
// DPO's decision on each piece of what is held is only ever inserted.
constexpr std::string_view kV24Portable = R"sql(
CREATE TABLE restrictions (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  placed_at BIGINT NOT NULL,
  lifted_by TEXT NOT NULL,
  lifted_at BIGINT NOT NULL,
  lift_reason TEXT NOT NULL
);
CREATE INDEX restrictions_by_organisation ON restrictions(organisation_id, lifted_by, placed_at);
CREATE TABLE objections (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL,
  received_on TEXT NOT NULL,
  objector TEXT NOT NULL,
  objector_name TEXT NOT NULL,
  grounds TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  decision TEXT NOT NULL,
  decision_reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);
CREATE INDEX objections_by_person ON objections(person_id, recorded_at);
CREATE INDEX objections_by_organisation ON objections(organisation_id, recorded_at);
)sql";

constexpr std::string_view kV22Portable = R"sql(
CREATE TABLE subject_access_requests (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations(id),
  person_id TEXT NOT NULL REFERENCES people(id),
  received_on TEXT NOT NULL,
  identity_check TEXT NOT NULL,
  identity_note TEXT NOT NULL,
  extension_months INTEGER NOT NULL DEFAULT 0,
  extension_reason TEXT NOT NULL DEFAULT '',
  extended_by TEXT NOT NULL DEFAULT '',
  extended_at BIGINT NOT NULL DEFAULT 0,
  opened_by TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  released_by TEXT NOT NULL DEFAULT '',
  released_at BIGINT NOT NULL DEFAULT 0,
  released_content TEXT NOT NULL DEFAULT ''
);
CREATE INDEX subject_access_by_organisation ON subject_access_requests(organisation_id, status, received_on);
CREATE TABLE subject_access_decisions (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES subject_access_requests(id),
  entry TEXT NOT NULL,
  choice TEXT NOT NULL,
  exemption TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);
CREATE INDEX subject_access_decisions_by_request ON subject_access_decisions(request_id, decided_at);
)sql";

// Crypto-shredding (docs/retention.md): the owners (concerns, people) whose
// content keys are to be destroyed in the content key store, which lives
// apart from the database. Written in the destruction's transaction;
// Store::Compact destroys the keys after it commits, and again on every
// later compaction (idempotent), so a key whose deletion failed goes at
// the next one.
constexpr std::string_view kV25Portable = R"sql(
CREATE TABLE shredded_keys (
  owner_id TEXT PRIMARY KEY
);
)sql";

constexpr std::array<Migration, 23> kMigrations{{
    {1, "organisations, practitioners and sessions", kV1Portable, kV1Portable},
    {2, "tamper-evident audit log", kV2Sqlite, kV2Postgres},
    {3, "the sharing workflow", kV3Sqlite, kV3Postgres},
    {4, "drafts of unfinished forms", kV4Sqlite, kV4Postgres},
    {5, "other names and contact details of people; reviews of mentions; the concern's account; approval of staff shares",
     kV5Portable, kV5Portable},
    {6, "tree head key ids and audit records by object", kV6Portable, kV6Portable},
    {7, "second factors, sign-in challenges and throttling", kV7Sqlite, kV7Postgres},
    {8, "forced password changes and account proposals", kV8Portable, kV8Portable},
    {9, "triage of disclosures received; case management", kV9Sqlite, kV9Postgres},
    {11, "the incident's date, time and place; body maps; attachments", kV11Sqlite, kV11Postgres},
    {12, "matches between records of one child, with their explanations", kV12Portable, kV12Portable},
    {13, "the partnership index, its lookups, withheld names and risk alerts", kV13Portable, kV13Portable},
    {14, "the people around a child named in an information request", kV14Portable, kV14Portable},
    {15, "police references on decisions: occurrence or crime, PPN, DASH risk level", kV15Portable, kV15Portable},
    {16, "recalling a disclosure sent in error", kV16Portable, kV16Portable},
    {17, "practitioners' training records", kV17Portable, kV17Portable},
    {18, "data sharing agreements and DPIAs", kV18Portable, kV18Portable},
    {19, "corrections: superseded versions of people, relationships and items; disclosures that correct", kV19Portable, kV19Portable},
    {21, "DPIAs accepted by the other organisations they name; reviews of agreements and DPIAs", kV21Portable, kV21Portable},
    {22, "subject access requests and the DPO's decisions on what is released", kV22Portable, kV22Portable},
    {23, "retention rules, legal holds, erasure requests and destructions", kV23Portable, kV23Portable},
    {24, "restrictions of processing and objections (UK GDPR Articles 18 and 21)", kV24Portable, kV24Portable},
    {25, "content keys to destroy (crypto-shredding)", kV25Portable, kV25Portable},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

std::string_view BeginWrite(sql::Dialect dialect) {
  // IMMEDIATE takes SQLite's write lock up front, so two writers queue on
  // the busy timeout instead of deadlocking on a read-to-write upgrade.
  return dialect == sql::Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN";
}

std::string_view BeginRead(sql::Dialect dialect) {
  // One snapshot for the whole read, as Store::Read promises: under
  // PostgreSQL's default (read committed) each statement sees a newer
  // state, and a read of several statements (verifying the log while it
  // grows) would compare one moment's records with another's. A read-only
  // repeatable-read transaction never fails to serialise.
  return dialect == sql::Dialect::kSqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
}

Result<int> SchemaVersion(sql::Connection& c) {
  auto rows = JIGSAW_TRY(sql::Query(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  return static_cast<int>(rows.at(0).Int(0));
}

Status Migrate(sql::Connection& c) {
  if (c.dialect() == sql::Dialect::kPostgres) {
    // Several instances may start at once; one migrates, the others wait.
    JIGSAW_TRY(sql::Query(c, "SELECT pg_advisory_xact_lock(7274070001)"));
  }
  JIGSAW_RETURN_IF_ERROR(c.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
  // Every migration not yet applied, not only those above the highest:
  // migrations written on two branches at once can land out of order, and
  // a database that already has the later one must still get the earlier.
  std::set<std::int64_t> applied;
  for (const auto& row : JIGSAW_TRY(sql::Query(c, "SELECT version FROM schema_migrations"))) applied.insert(row.Int(0));
  for (const Migration& m : kMigrations) {
    if (applied.contains(m.version)) continue;
    JIGSAW_RETURN_IF_ERROR(
        c.ExecuteScript(c.dialect() == sql::Dialect::kSqlite ? m.sqlite : m.postgres));
    JIGSAW_TRY(sql::Execute(c,
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                            "($1, $2, $3)",
                            {std::int64_t{m.version}, std::string(m.name), std::int64_t{0}}));
  }
  return Ok();
}

}  // namespace jigsaw::store::internal
