// The repositories Jigsaw's use cases read and write, and the transaction
// that binds them. One interface, two backends (store/sqlite, store/postgres),
// chosen by a database URL. Every SQL string lives under src/store.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/encoding.h"
#include "common/result.h"
#include "domain/attachment.h"
#include "domain/audit_record.h"
#include "domain/body_map.h"
#include "domain/casework.h"
#include "domain/correction.h"
#include "domain/linking.h"
#include "domain/person.h"
#include "domain/organisation.h"
#include "domain/practitioner.h"
#include "domain/session.h"
#include "store/case_management.h"

namespace jigsaw::store {

class PartnershipRepository;  // store/partnership_repository.h
class TrainingRepository;     // store/training_repository.h
class GovernanceRepository;   // store/governance_repository.h
class RetentionRepository;    // store/retention_repository.h
class RestrictionRepository;  // store/restriction_repository.h
class SubjectAccessRepository;  // store/subject_access_repository.h
class ContentKeys;              // store/content_keys.h

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  // Fails with kAlreadyExists if the id is taken.
  virtual Status Insert(const domain::Organisation& organisation) = 0;
  virtual Result<std::optional<domain::Organisation>> Find(const std::string& id) = 0;
  virtual Result<std::vector<domain::Organisation>> List() = 0;
};

// What the sign-in check needs beyond the public practitioner record.
struct Credentials {
  std::string password_hash;  // Argon2id encoded string (libsodium crypto_pwhash_str)
};

struct PractitionerWithCredentials {
  domain::Practitioner practitioner;
  Credentials credentials;
};

class PractitionerRepository {
 public:
  virtual ~PractitionerRepository() = default;
  // Fails with kAlreadyExists if the id or username is taken.
  virtual Status Insert(const domain::Practitioner& practitioner,
                        const std::string& password_hash) = 0;
  virtual Result<std::optional<domain::Practitioner>> Find(const std::string& id) = 0;
  virtual Result<std::optional<PractitionerWithCredentials>> FindByUsername(
      const std::string& username) = 0;
  virtual Result<std::optional<PractitionerWithCredentials>> FindWithCredentials(const std::string& id) = 0;
  // All practitioners, or those of one organisation, ordered by username.
  virtual Result<std::vector<domain::Practitioner>> List(
      const std::optional<std::string>& organisation_id) = 0;
  // Sets the hash, and whether it must be changed at the next sign-in (an
  // administrator's reset) or not (the person chose it).
  virtual Status UpdatePasswordHash(const std::string& id, const std::string& password_hash,
                                    bool must_change = false) = 0;
  // Writes organisation, display name, roles and the disabled flag.
  virtual Status Update(const domain::Practitioner& practitioner) = 0;
  // Deletes what the person kept while working in their organisation that
  // another organisation must not inherit: unfinished forms (sealed drafts
  // of casework) and notifications about its records.
  virtual Status DeleteWorkInProgress(const std::string& id) = 0;

  // Accounts proposed for an organisation's approval. A new account's
  // password hash is kept with the proposal until it is decided.
  virtual Status InsertProposal(const domain::AccountProposal& proposal, const std::string& password_hash) = 0;
  virtual Result<std::optional<domain::AccountProposal>> FindProposal(const std::string& id,
                                                                      std::string* password_hash = nullptr) = 0;
  // Those still waiting for one organisation's decision, oldest first.
  virtual Result<std::vector<domain::AccountProposal>> PendingProposals(const std::string& organisation_id) = 0;
  // Records the decision and forgets the proposed password hash. False if
  // it was no longer pending (someone decided first).
  virtual Result<bool> DecideProposal(const domain::AccountProposal& decided) = 0;
};

// Failed sign-in attempts, by keyed digests of the username typed and of
// the source address (never the text itself), counted over windows.
struct SignInFailureCounts {
  int account = 0;
  Time last_account_failure{};
  int address = 0;
  int overall = 0;
};

struct SignInFailureQuery {
  std::string account_digest;
  std::string source_digest;
  Time account_since{};
  Time address_since{};
  Time overall_since{};
};

// Everything signing in keeps apart from sessions: challenges, second
// factors and failed attempts.
class SignInRepository {
 public:
  virtual ~SignInRepository() = default;

  virtual Result<SignInFailureCounts> CountFailures(const SignInFailureQuery& query) = 0;
  virtual Status RecordFailure(const std::string& account_digest, const std::string& source_digest, Time at) = 0;
  // After a success: the account's failures no longer count against it.
  virtual Status ClearAccountFailures(const std::string& account_digest) = 0;
  virtual Result<std::int64_t> DeleteFailuresBefore(Time before) = 0;

  virtual Status InsertChallenge(const domain::SignInChallenge& challenge) = 0;
  virtual Result<std::optional<domain::SignInChallenge>> FindChallenge(const std::string& token_digest) = 0;
  // Saves failed_codes, the offered secret and the passkey challenge.
  virtual Status UpdateChallenge(const domain::SignInChallenge& challenge) = 0;
  virtual Status DeleteChallenge(const std::string& token_digest) = 0;
  // Once signed in, no other challenge of theirs is left open.
  virtual Status DeleteChallengesOf(const std::string& practitioner_id) = 0;
  virtual Result<std::int64_t> DeleteChallengesBefore(Time before) = 0;

  virtual Result<std::optional<domain::TotpEnrolment>> FindTotp(const std::string& practitioner_id) = 0;
  // Enrols (or enrols again, replacing the secret).
  virtual Status PutTotp(const domain::TotpEnrolment& enrolment) = 0;
  // Records that a code for `step` was accepted, only if `step` is newer
  // than the last; returns whether it was (false: a replay, perhaps by
  // another instance at the same moment).
  virtual Result<bool> AdvanceTotpStep(const std::string& practitioner_id, std::int64_t step) = 0;

  // Replaces the practitioner's recovery codes with these digests.
  virtual Status ReplaceRecoveryCodes(const std::string& practitioner_id, const std::vector<std::string>& digests,
                                      Time at) = 0;
  // Marks the code used, if it is theirs and unused; returns whether it was.
  virtual Result<bool> UseRecoveryCode(const std::string& practitioner_id, const std::string& digest, Time at) = 0;
  virtual Result<int> UnusedRecoveryCodes(const std::string& practitioner_id) = 0;

  virtual Status InsertPasskey(const domain::Passkey& passkey) = 0;
  virtual Result<std::optional<domain::Passkey>> FindPasskey(const std::string& credential_id) = 0;
  virtual Result<std::vector<domain::Passkey>> Passkeys(const std::string& practitioner_id) = 0;
  // Saves the signature counter and when it was last used.
  virtual Status UpdatePasskeyUse(const std::string& credential_id, std::int64_t sign_count, Time at) = 0;
  virtual Status DeletePasskey(const std::string& practitioner_id, const std::string& credential_id) = 0;

  // An administrator's reset: the TOTP secret, recovery codes and passkeys
  // go; the person enrols again at their next sign-in.
  virtual Status DeleteSecondFactors(const std::string& practitioner_id) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Insert(const domain::Session& session) = 0;
  virtual Result<std::optional<domain::Session>> Find(const std::string& token_digest) = 0;
  virtual Status Touch(const std::string& token_digest, Time last_seen_at) = 0;
  virtual Status Delete(const std::string& token_digest) = 0;
  // Ends every session of one practitioner.
  virtual Status DeleteForPractitioner(const std::string& practitioner_id) = 0;
  // Removes sessions that expired before `now`; returns how many.
  virtual Result<std::int64_t> DeleteExpired(Time now, Duration idle_timeout) = 0;
};

// The audit log's right edge: its size and the hashes of its perfect
// subtrees (32 bytes each, concatenated, largest first). Opaque here: the
// audit module gives it meaning.
struct AuditLogState {
  std::uint64_t size = 0;
  Bytes frontier;
};

// A stored perfect subtree of the audit Merkle tree, keyed by
// level * 2^48 + index; level 0 nodes are the records' leaf hashes.
struct AuditNode {
  std::uint64_t id = 0;
  Bytes hash;
};

struct StoredTreeHead {
  std::uint64_t size = 0;
  Bytes root;
  Time time{};
  Bytes signature;
  std::string key_id;  // empty for heads signed before key ids
};

struct AuditQuery {
  std::string child_id, practitioner_id, organisation_id, action;  // empty: any
  // Records about one person: whose object is that person or whose child
  // is (who looked at the protected neighbour's record?).
  std::string person_id;
  // Records about one record (a disclosure, a concern...).
  std::string object_id;
  // An organisation's view of the log: what its own staff did, and what
  // anyone did to its records (its people, concerns, decisions, the
  // disclosures it made, its requests and advice requests). Combined with
  // the fields above by AND; `organisation_id` still means "done by".
  std::string visible_to_organisation_id;
  std::optional<domain::AuditOutcome> outcome;
  std::optional<Time> from, to;  // time range, inclusive from, exclusive to
  std::optional<std::uint64_t> before_index;  // for paging, newest first
  std::size_t limit = 100;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Locks the log until the transaction ends (so appends from every
  // instance form one order) and returns its current state.
  virtual Result<AuditLogState> LockState() = 0;
  // Appends `record` (whose index must be the locked state's size) with its
  // leaf hash and the perfect subtrees it completes, and saves `next`.
  virtual Status Append(const domain::AuditRecord& record, const Bytes& leaf_hash,
                        const std::vector<AuditNode>& completed, const AuditLogState& next) = 0;
  virtual Result<std::uint64_t> Size() = 0;
  // The stored hashes of the given nodes; missing ones are left out.
  virtual Result<std::vector<AuditNode>> Nodes(const std::vector<std::uint64_t>& ids) = 0;
  // Calls `visit` for the stored nodes with ids from `first_id` on, in id
  // order, at most `limit` of them.
  virtual Status VisitNodes(std::uint64_t first_id, std::size_t limit,
                            const std::function<void(std::uint64_t, std::span<const std::uint8_t>)>& visit) = 0;
  // Calls `visit` with the stored leaf hashes of records from index `from`
  // on, in order, at most `limit` of them (with their indexes: a gap shows).
  virtual Status VisitLeaves(std::uint64_t from, std::size_t limit,
                             const std::function<void(std::uint64_t, std::span<const std::uint8_t>)>& visit) = 0;
  // The stored right edge, read without locking it (for checks).
  virtual Result<AuditLogState> State() = 0;
  // Calls `visit` for every record from index `from` on, in order, with its
  // stored leaf hash, in pages; stops early if visit returns false.
  virtual Status Scan(std::uint64_t from,
                      const std::function<bool(const domain::AuditRecord&, const Bytes&)>& visit) = 0;
  // Newest first.
  virtual Result<std::vector<domain::AuditRecord>> Search(const AuditQuery& query) = 0;
  virtual Status InsertTreeHead(const StoredTreeHead& head) = 0;
  virtual Result<std::optional<StoredTreeHead>> LatestTreeHead() = 0;
  virtual Result<std::vector<StoredTreeHead>> TreeHeads() = 0;
};

// Which case records a list returns; empty fields match anything.
struct ConcernQuery {
  std::string organisation_id;
  std::string raised_by;
  std::string child_id;
  std::optional<domain::ConcernStatus> status;
  // Only records made at or after this moment (an oversight period's start).
  std::optional<Time> created_from;
  std::size_t limit = 200;
};

struct DecisionQuery {
  std::string organisation_id;
  std::string decided_by;
  std::string child_id;
  std::string concern_id;
  bool emergency_owed_only = false;  // emergency shares not yet superseded by a full record
  bool awaiting_approval_only = false;  // staff shares the DSL has not yet approved, changed or declined
  // Only records made at or after this moment (an oversight period's start).
  std::optional<Time> created_from;
  std::size_t limit = 200;
};

struct DisclosureQuery {
  std::string sharer_organisation_id;
  std::string sharer_id;
  std::string recipient_organisation_id;
  std::string child_id;
  std::string decision_id;
  bool unread_only = false;
  bool without_feedback_only = false;
  bool recalled_only = false;
  bool exclude_recalled = false;  // what is still owed: a recalled disclosure owes nothing
  // Only records made at or after this moment (an oversight period's start).
  std::optional<Time> created_from;
  std::size_t limit = 200;
};

struct InformationRequestQuery {
  std::string requester_organisation_id;
  std::string requested_by;
  std::string holder_organisation_id;
  bool open_only = false;  // not answered or refused
  // Only records made at or after this moment (an oversight period's start).
  std::optional<Time> created_from;
  std::size_t limit = 200;
};

struct AdviceRequestQuery {
  std::string organisation_id;
  std::string asked_by;
  std::vector<domain::AdviserRole> advisers;  // any of these; empty: any
  bool unanswered_only = false;
  // Only records made at or after this moment (an oversight period's start).
  std::optional<Time> created_from;
  std::size_t limit = 200;
};

// The records of the sharing workflow. Decisions, disclosures, feedback
// and request messages are only ever inserted: the history is the record.
class CaseworkRepository {
 public:
  virtual ~CaseworkRepository() = default;

  virtual Status InsertPerson(const domain::Person& person) = 0;
  virtual Result<std::optional<domain::Person>> FindPerson(const std::string& id) = 0;
  virtual Result<std::vector<domain::Person>> People(const std::vector<std::string>& ids) = 0;
  // Every person the organisation has marked protected (golden rule 5).
  virtual Result<std::vector<domain::Person>> ProtectedPeople(const std::string& organisation_id) = 0;
  // Every superseded version of the organisation's protected people (who
  // they were recorded as before each correction), oldest first.
  virtual Result<std::vector<domain::PersonVersion>> FormerVersionsOfProtectedPeople(
      const std::string& organisation_id) = 0;
  // People of one organisation whose name contains `name` (any case) or
  // whose NHS number or UPN equals it; all when empty.
  virtual Result<std::vector<domain::Person>> SearchPeople(const std::string& organisation_id,
                                                           const std::string& name,
                                                           std::size_t limit) = 0;
  // A correction (domain/correction.h): the person's row takes the
  // corrected version; the earlier one is kept as a PersonVersion.
  virtual Status UpdatePerson(const domain::Person& person) = 0;
  virtual Status InsertPersonVersion(const domain::PersonVersion& version) = 0;
  // The person's superseded versions, oldest first.
  virtual Result<std::vector<domain::PersonVersion>> PersonVersions(const std::string& person_id) = 0;
  virtual Status InsertRelationship(const domain::Relationship& relationship) = 0;
  // Every relationship in which the person is either side.
  virtual Result<std::vector<domain::Relationship>> Relationships(const std::string& person_id) = 0;
  // A correction of a relationship: its sides and kind take the corrected
  // version; the earlier one is kept as a RelationshipVersion.
  virtual Status UpdateRelationship(const domain::Relationship& relationship) = 0;
  virtual Status InsertRelationshipVersion(const domain::RelationshipVersion& version) = 0;
  // The superseded versions of every relationship the person is either side of, oldest first.
  virtual Result<std::vector<domain::RelationshipVersion>> RelationshipVersions(const std::string& person_id) = 0;

  virtual Status InsertConcern(const domain::Concern& concern) = 0;
  virtual Result<std::optional<domain::Concern>> FindConcern(const std::string& id) = 0;
  // Saves the triage fields (status, seen, next step) of a concern.
  virtual Status UpdateConcernTriage(const domain::Concern& concern) = 0;
  virtual Result<std::vector<domain::Concern>> Concerns(const ConcernQuery& query) = 0;

  virtual Status InsertItem(const domain::InformationItem& item) = 0;
  virtual Result<std::vector<domain::InformationItem>> Items(const std::vector<std::string>& ids) = 0;
  virtual Result<std::vector<domain::InformationItem>> ItemsOfConcern(const std::string& concern_id) = 0;
  virtual Result<std::vector<domain::InformationItem>> ItemsAboutPerson(const std::string& person_id) = 0;
  // A correction of an item: its text, source, date and accuracy take the
  // corrected version; the earlier one is kept as an ItemVersion.
  virtual Status UpdateItem(const domain::InformationItem& item) = 0;
  virtual Status InsertItemVersion(const domain::ItemVersion& version) = 0;
  // The item's superseded versions, oldest first.
  virtual Result<std::vector<domain::ItemVersion>> ItemVersions(const std::string& item_id) = 0;

  virtual Status InsertDecision(const domain::Decision& decision) = 0;
  virtual Result<std::optional<domain::Decision>> FindDecision(const std::string& id) = 0;
  // The DSL's approval of a staff share: the only change a decision takes.
  virtual Status UpdateApproval(const domain::Decision& decision) = 0;
  // The decision that supersedes `id`, if any.
  virtual Result<std::optional<std::string>> SupersededBy(const std::string& id) = 0;
  virtual Result<std::vector<domain::Decision>> Decisions(const DecisionQuery& query) = 0;

  virtual Status InsertDisclosure(const domain::Disclosure& disclosure) = 0;
  virtual Result<std::optional<domain::Disclosure>> FindDisclosure(const std::string& id) = 0;
  // Records the first opening by the recipient; later openings change nothing.
  virtual Status MarkDisclosureReceived(const std::string& id, const std::string& by, Time at) = 0;
  virtual Status MarkFeedbackGiven(const std::string& id, Time at) = 0;
  // Records a recall (the one change besides receipt and feedback that a
  // disclosure takes); kFailedPrecondition if it was already recalled.
  virtual Status RecordRecall(const std::string& id, const std::string& by, Time at, const std::string& reason) = 0;
  // The recipient's confirmation that no copy is kept; kFailedPrecondition
  // if it is not recalled or is already confirmed.
  virtual Status RecordRecallConfirmation(const std::string& id, const std::string& by, Time at) = 0;
  virtual Result<std::vector<domain::Disclosure>> Disclosures(const DisclosureQuery& query) = 0;
  // The disclosures that correct `id` (Article 19), oldest first.
  virtual Result<std::vector<domain::Disclosure>> CorrectionsOf(const std::string& id) = 0;

  virtual Status InsertFeedback(const domain::Feedback& feedback) = 0;
  virtual Result<std::vector<domain::Feedback>> FeedbackOn(const std::string& disclosure_id) = 0;

  virtual Status InsertInformationRequest(const domain::InformationRequest& request) = 0;
  virtual Result<std::optional<domain::InformationRequest>> FindInformationRequest(
      const std::string& id) = 0;
  virtual Status UpdateRequestStatus(const std::string& id, domain::RequestStatus status, Time at) = 0;
  virtual Result<std::vector<domain::InformationRequest>> InformationRequests(
      const InformationRequestQuery& query) = 0;
  virtual Status InsertRequestMessage(const domain::RequestMessage& message) = 0;
  virtual Result<std::vector<domain::RequestMessage>> RequestMessages(const std::string& request_id) = 0;

  virtual Status InsertAdviceRequest(const domain::AdviceRequest& request) = 0;
  virtual Result<std::optional<domain::AdviceRequest>> FindAdviceRequest(const std::string& id) = 0;
  virtual Status AnswerAdviceRequest(const domain::AdviceRequest& request) = 0;
  virtual Result<std::vector<domain::AdviceRequest>> AdviceRequests(const AdviceRequestQuery& query) = 0;

  virtual Status InsertNotification(const domain::Notification& notification) = 0;
  // Newest first.
  virtual Result<std::vector<domain::Notification>> Notifications(const std::string& practitioner_id,
                                                                  bool unread_only,
                                                                  std::size_t limit) = 0;
  virtual Status MarkNotificationsRead(const std::string& practitioner_id, Time at) = 0;

  // Unfinished forms, one per practitioner and subject (sealed by the caller).
  virtual Status PutDraft(const std::string& practitioner_id, const std::string& subject,
                          const Bytes& sealed_data, Time at) = 0;
  virtual Result<std::optional<Bytes>> FindDraft(const std::string& practitioner_id,
                                                 const std::string& subject) = 0;
  virtual Status DeleteDraft(const std::string& practitioner_id, const std::string& subject) = 0;
  // Storage limitation: drafts nobody has touched since `before`; returns how many.
  virtual Result<std::int64_t> DeleteDraftsBefore(Time before) = 0;
};

// What a concern records beyond its account and items: marks on its body
// map and its files. Both are only ever added.
class RecordingRepository {
 public:
  virtual ~RecordingRepository() = default;
  virtual Status InsertBodyMark(const domain::BodyMark& mark) = 0;
  // Oldest first.
  virtual Result<std::vector<domain::BodyMark>> BodyMarksOfConcern(const std::string& concern_id) = 0;
  virtual Status InsertAttachment(const domain::Attachment& attachment) = 0;
  // With its sealed content.
  virtual Result<std::optional<domain::Attachment>> FindAttachment(const std::string& id) = 0;
  // Oldest first, without their content (a list never reads the files).
  virtual Result<std::vector<domain::Attachment>> AttachmentsOfConcern(const std::string& concern_id) = 0;
};

// Matches between an organisation's records of a child and the records
// that may be the same child (linking, service/linking.h). A match is
// inserted once per pair and then only changes status.
class LinkingRepository {
 public:
  virtual ~LinkingRepository() = default;
  // Inserts the match with its evidence; false (and nothing written) if the
  // pair (subject, person) was matched before: a pair is decided once.
  virtual Result<bool> InsertMatch(const domain::RecordMatch& match) = 0;
  virtual Result<std::optional<domain::RecordMatch>> FindMatch(const std::string& id) = 0;
  // Saves status, decided_by/at and unlinked_by/at.
  virtual Status UpdateMatch(const domain::RecordMatch& match) = 0;
  // The organisation's matches with this status (empty: any), newest first.
  virtual Result<std::vector<domain::RecordMatch>> MatchesOf(const std::string& organisation_id,
                                                              std::optional<domain::MatchStatus> status,
                                                              std::size_t limit) = 0;
  // Every match about one record of the organisation's: as the subject or as the person.
  virtual Result<std::vector<domain::RecordMatch>> MatchesAbout(const std::string& organisation_id,
                                                                 const std::string& record_id) = 0;
};

// The repositories bound to one open transaction. Valid only inside the
// callback given to Store::Write / Store::Read.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual OrganisationRepository& organisations() = 0;
  virtual PractitionerRepository& practitioners() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual SignInRepository& sign_in() = 0;
  virtual AuditRepository& audit() = 0;
  virtual CaseworkRepository& casework() = 0;
  virtual PartnershipRepository& partnership() = 0;
  virtual CaseManagementRepository& case_management() = 0;
  virtual RecordingRepository& recording() = 0;
  virtual LinkingRepository& linking() = 0;
  virtual TrainingRepository& training() = 0;
  virtual GovernanceRepository& governance() = 0;
  virtual RetentionRepository& retention() = 0;
  virtual RestrictionRepository& restrictions() = 0;
  virtual SubjectAccessRepository& subject_access() = 0;
  // Called by the store around savepoints and before commit, so that state
  // the repositories cache or defer stays exactly what the database holds.
  virtual void Savepoint() {}
  virtual void RollbackToSavepoint() {}
  virtual Status BeforeCommit() { return Ok(); }
};

using Work = std::function<Status(Transaction&)>;

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one read-write transaction: commits if it returns Ok,
  // rolls back otherwise (nothing is half-written). Returns work's status,
  // or kUnavailable if the database cannot be reached. Returns only once the
  // commit is durable. Concurrent calls are committed together (group
  // commit): each runs in its own savepoint, so one failing leaves the
  // others intact. `work` must not call Write or Read itself.
  virtual Status Write(const Work& work) = 0;
  // Runs `work` in a read-only snapshot.
  virtual Status Read(const Work& work) = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  // The schema version after migrations.
  virtual Result<int> SchemaVersion() = 0;
  // After content was destroyed: makes sure no copy of it is left in the
  // database's own files. SQLite (which zeroes freed space: secure_delete)
  // moves the write-ahead log into the file and truncates it, so the old
  // pages it held are gone; PostgreSQL vacuums the tables that held it, so
  // the dead row versions are reclaimed (docs/retention.md says what WAL
  // archives and backups still hold). Outside any transaction.
  //
  // With a content key store, it first destroys the content keys of every
  // record whose content was destroyed (crypto-shredding; idempotent, so
  // a deletion that failed is done at the next compaction).
  virtual Status Compact() { return Ok(); }
  // Seals, under their owners' content keys, case records' content stored
  // as plaintext before sealing existed (a one-off pass at start-up, after
  // migration 25: SQL cannot encrypt), then compacts so the plaintext is
  // gone from the files. Returns how many values it sealed (0 without a
  // content key store, or when nothing is left to seal).
  virtual Result<std::int64_t> SealStoredContent() { return 0; }
};

struct StoreOptions {
  std::string url;     // sqlite:PATH or postgresql://...
  int pool_size = 8;   // connections kept open
  bool migrate = true; // apply pending migrations on open
  // Seals case records' content under per-record keys held here
  // (store/content_keys.h). Null: content is stored as it is (tools that
  // never read content, and store-level tests).
  std::shared_ptr<ContentKeys> content_keys;
};

// The schema version this build migrates to.
int LatestSchemaVersion();

// Opens the store named by the URL and applies pending migrations.
// Fails with kInvalidArgument (field "database.url") for an unknown scheme,
// kUnavailable if the database cannot be opened.
Result<std::unique_ptr<Store>> Open(const StoreOptions& options);

}  // namespace jigsaw::store
