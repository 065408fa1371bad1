// `jigsaw backup` and `jigsaw restore`: a consistent copy of a live
// database with a manifest holding a tree head signed over exactly the
// audit records the copy holds; and putting a copy back only once its audit
// log verifies against that head (and any witness's), deeply, with a clear
// account of what was done. The copying itself is store/backup.h; the keys
// are never in a backup (docs/operations.md).
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <variant>
#include <sstream>

#include "access/sealing.h"
#include "app/commands.h"
#include "app/keyring.h"
#include "app/keys.h"
#include "common/json_fields.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "service/audit_log.h"
#include "service/audit_trail.h"
#include "service/stored_tree.h"
#include "store/backup.h"

namespace jigsaw::app::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kManifestFormat = "jigsaw-backup-v1";
constexpr std::string_view kManifestFile = "manifest.json";

// What a backup directory holds besides the copy itself.
struct Manifest {
  std::string backend;        // "sqlite" or "postgresql"
  std::string database_file;  // the copy, in the backup's directory
  Time created{};
  int schema_version = 0;
  audit::TreeHead head;                      // signed over exactly the copy's records
  std::vector<std::string> sealing_key_ids;  // in the keyring when the copy was made
};

std::string BackendOf(const std::string& url) { return url.starts_with("sqlite:") ? "sqlite" : "postgresql"; }

std::string ManifestJson(const Manifest& m, const Config& config) {
  JsonWriter w(2048);
  w.BeginObject().Key("format").String(kManifestFormat);
  w.Key("created").String(FormatRfc3339(m.created));
  w.Key("backend").String(m.backend).Key("database_file").String(m.database_file);
  w.Key("schema_version").Int(m.schema_version);
  w.Key("audit_tree_head").BeginObject();
  audit::WriteTreeHeadMembers(w, m.head);
  w.EndObject();
  w.Key("sealing_key_ids").BeginArray();
  for (const auto& id : m.sealing_key_ids) w.String(id);
  w.EndArray();
  w.Key("keys").String(
      "Not in this backup, by design: the audit signing keyring (" + config.SigningKeyFile() +
      ") and the disclosure sealing keyring (" + config.SealingKeyFile() +
      ") are backed up separately and kept apart from it. Whoever holds a copy of the database and its keys "
      "could read every disclosure and re-sign a rewritten log. Restoring needs a sealing keyring holding every "
      "key id listed in sealing_key_ids. Nor the content key store (" + config.ContentKeyFile() +
      "): case records' content here is sealed under per-record keys kept there, so that destroying a record's "
      "key makes this copy of it unreadable too.");
  w.EndObject();
  return w.Take() + "\n";
}

Result<Manifest> ReadManifest(const fs::path& dir) {
  const fs::path path = dir / kManifestFile;
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) return InvalidArgument("from", "Cannot read " + path.string() + ": is this a backup directory?");
  const JsonDocument doc = JIGSAW_TRY(JsonDocument::Parse(text.str()));
  if (!doc.root().IsObject()) return InvalidArgument("from", path.string() + " is not a backup manifest.");
  const JsonFields f(doc.root());
  if (JIGSAW_TRY(f.StringOrEmpty("format")) != kManifestFormat)
    return InvalidArgument("from", path.string() + " is not a " + std::string(kManifestFormat) + " manifest.");
  Manifest m;
  m.backend = JIGSAW_TRY(f.String("backend"));
  m.database_file = JIGSAW_TRY(f.String("database_file"));
  if (m.database_file.empty() || m.database_file.find('/') != std::string::npos)
    return InvalidArgument("database_file", "The manifest must name a file in the backup's directory.");
  m.created = ParseRfc3339(JIGSAW_TRY(f.StringOrEmpty("created"))).value_or(Time{});
  m.schema_version = static_cast<int>(JIGSAW_TRY(f.IntOr("schema_version", 0)));
  m.head = JIGSAW_TRY(audit::TreeHeadFromJson(JIGSAW_TRY(f.Object("audit_tree_head", true))));
  m.sealing_key_ids = JIGSAW_TRY(f.Strings("sealing_key_ids"));
  return m;
}

// --- jigsaw backup -----------------------------------------------------------

// The head over exactly the copy: the root of the right edge read in the
// copy's own snapshot, signed now with the signing key.
Result<audit::TreeHead> HeadOverCopy(const store::AuditLogState& state, const audit::SigningKey& key, Time now) {
  auto hashes = service::FrontierHashes(state);
  if (!hashes) return Internal("The copy's stored right edge of the audit tree is malformed.");
  return key.Sign(state.size, audit::Root(audit::Frontier{state.size, *hashes}), now);
}

// `jigsaw backup --content-keys-to FILE`: the content key store alone, on its own
// (short) cycle: the database backups must not hold the keys that open
// them, or destroying a key would shred nothing in those backups.
int BackupContentKeys(Application& app, const std::string& file, Io& io) {
  if (auto done = app.content_keys()->BackupTo(file); !done) return Report(done.error(), io);
  io.out << "Backed up the content key store " << app.config().ContentKeyFile() << " to " << file
         << " (mode 0600; its keys are sealed by the sealing keyring, which it does not hold).\n"
            "Keep its copies apart from the database backups, and only for days: a key destroyed since "
            "is still in them until they are deleted.\n";
  return 0;
}

int Backup(const Parsed& p, Io& io) {
  if (p.One("to").empty() && p.One("content-keys-to").empty())
    return Report(InvalidArgument("to", "Give --to DIR, a new directory for the backup (or --content-keys-to FILE).").error(), io);
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  if (!p.One("content-keys-to").empty()) {
    if (int failed = BackupContentKeys(**app, p.One("content-keys-to"), io); failed != 0) return failed;
    if (p.One("to").empty()) return 0;
  }
  const Config& config = (*app)->config();
  // The live tree must be one the server can vouch for before anything is
  // signed over a copy of it (the same checks as every signed head).
  if (auto live = (*app)->audit_log().SignTreeHead(); !live) return Report(live.error(), io);
  const fs::path dir = p.One("to");
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return Report(Error{ErrorCode::kAlreadyExists, dir.string() + " is not empty: give a new directory.", "to"}, io);
  fs::create_directories(dir, ec);
  if (ec) return Report(InvalidArgument("to", "Cannot create " + dir.string() + ": " + ec.message()).error(), io);
  Manifest m;
  m.backend = BackendOf(config.database.url);
  m.database_file = m.backend == "sqlite" ? "database.sqlite" : "database.pgdump";
  m.created = RealClock().Now();
  auto version = (*app)->store().SchemaVersion();
  if (!version) return Report(version.error(), io);
  m.schema_version = *version;
  auto state = store::CopyDatabase(config.database.url, (dir / m.database_file).string());
  if (!state) {
    fs::remove(dir / m.database_file, ec);  // half a copy must not pass for a backup
    return Report(state.error(), io);
  }
  auto head = HeadOverCopy(*state, (*app)->keys().signing.current(), RealClock().Now());
  if (!head) return Report(head.error(), io);
  m.head = *head;
  for (const auto& key : (*app)->keys().sealing.keys) m.sealing_key_ids.push_back(key.id);
  std::ofstream(dir / kManifestFile) << ManifestJson(m, config);
  io.out << "Backed up " << config.database.url << " to " << (dir / m.database_file).string() << ": "
         << m.head.size << " audit records, under a tree head signed by key " << m.head.key_id << " (root "
         << HexEncode(m.head.root) << ") in " << (dir / kManifestFile).string()
         << ".\nThe keyrings are NOT in the backup: back up " << config.SigningKeyFile() << " and "
         << config.SealingKeyFile() << " separately, and keep them apart from it.\n"
         << "Nor is the content key store " << config.ContentKeyFile()
         << ": back it up apart, often (jigsaw backup --content-keys-to FILE), and keep those copies only for days.\n";
  return 0;
}

// --- jigsaw restore ----------------------------------------------------------

// Why a restore stopped, said to the operator as "REFUSED: ...".
struct Refusal {
  std::string reason;
};

// Whether the place the copy would go may be written to, given the flags.
std::optional<Refusal> CheckDestination(store::Destination at, const std::string& url, const Parsed& p) {
  using store::Destination;
  if (at == Destination::kAbsent || at == Destination::kEmpty) return std::nullopt;
  if (BackendOf(url) == "postgresql")
    return Refusal{url + " is not empty. Restore into a new, empty database (createdb), then point database.url at it."};
  if (at == Destination::kInUse && !p.Has("over-running-server"))
    return Refusal{url + " is open in a running server. Stop every instance first, or give --replace "
                         "--over-running-server to replace it under them (then restart them at once)."};
  if (!p.Has("replace")) return Refusal{url + " already holds a database. Give --replace to replace it with the backup."};
  return std::nullopt;
}

// The witnesses' heads the copy can be checked against (up to its size),
// and a refusal for heads beyond it unless the loss is accepted.
Result<std::vector<audit::SourcedHead>> WitnessHeadsFor(const Parsed& p, const Manifest& m, std::string& warning,
                                                        std::optional<Refusal>& refusal) {
  const Witnessed witnessed = JIGSAW_TRY(WitnessedHeads(p));
  std::vector<audit::SourcedHead> within;
  const audit::SourcedHead* furthest = nullptr;
  for (const auto& h : witnessed.heads) {
    if (h.head.size <= m.head.size)
      within.push_back(h);
    else if (!furthest || h.head.size > furthest->head.size)
      furthest = &h;
  }
  if (furthest) {
    const std::string text = "the log was countersigned at size " + std::to_string(furthest->head.size) + " (" +
                             furthest->source + "), beyond the " + std::to_string(m.head.size) +
                             " records in this copy: restoring it loses records " + std::to_string(m.head.size) +
                             " to " + std::to_string(furthest->head.size - 1) +
                             ", and the witness will refuse the restored log as rewound.";
    if (!p.Has("accept-loss")) refusal = Refusal{"Witnessed: " + text + " Give --accept-loss to restore it anyway."};
    warning = "WARNING: " + text + "\n";
  }
  return within;
}

struct Verified {
  audit::VerifyReport report;
};

// The copy, restored at `url`, against the manifest's head and the
// witnesses' heads, every record, stored head, node and the right edge.
Result<std::variant<Verified, Refusal>> VerifyCopy(const std::string& url, const Manifest& m,
                                                   const audit::TrustedKeys& keys, const audit::SigningKey& signer,
                                                   std::vector<audit::SourcedHead> heads) {
  auto store = JIGSAW_TRY(store::Open({.url = url, .pool_size = 2, .migrate = false}));
  service::AuditTrail trail(*store, RealClock());
  service::AuditLog log(*store, RealClock(), trail, signer, keys);
  heads.push_back({m.head, "the backup's manifest"});
  auto report = JIGSAW_TRY(log.Verify({.keys = keys, .extra_heads = heads, .deep = true}));
  if (!report.ok) return Refusal{"The copy's audit log does not verify: " + DescribeFailure(report)};
  if (report.size != m.head.size)
    return Refusal{"The copy holds " + std::to_string(report.size) + " audit records, but its manifest's head covers " +
                   std::to_string(m.head.size) + ": records were added to the copy after it was made."};
  return Verified{report};
}

// Every key id the restored sealed values name must be in the sealing
// keyring the server will run with; each missing one is named.
Result<std::string> SealingKeyWarnings(const std::string& url, const SealingKeyring& ring, const std::string& path) {
  const auto found = JIGSAW_TRY(store::SealedHeadersIn(url, access::Sealer::kHeaderBytes));
  std::set<std::string> have;
  for (const auto& k : ring.keys) have.insert(k.id);
  std::map<std::string, std::map<std::string, std::int64_t>> missing;  // key id -> what -> count
  for (const auto& h : found) {
    const std::string id = access::Sealer::KeyIdOfHeader(h.header);
    if (!id.empty() && !have.count(id)) missing[id][h.what] += h.count;
  }
  std::string out;
  for (const auto& [id, counts] : missing) {
    std::string what;
    for (const auto& [kind, n] : counts) what += (what.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
    out += "WARNING: the sealing keyring " + path + " has no key " + id + ", which sealed " + what +
           " in this copy: they cannot be opened until key " + id +
           " is put back in the keyring (from the keyring's own backup).\n";
  }
  return out;
}

// Every record whose content the copy holds sealed needs its content key
// in the key store the server will run with; one whose key is absent was
// destroyed since the copy was made (crypto-shredded, as meant: it reads as
// destroyed) or the key store is older than the copy or missing.
Result<std::string> ContentKeyWarnings(const std::string& url, const Config& config, const SealingKeyring& ring) {
  const auto owners = JIGSAW_TRY(store::SealedContentOwnersIn(url));
  if (owners.empty()) return std::string();
  const std::string path = config.ContentKeyFile();
  std::error_code ec;
  if (!fs::exists(path, ec))
    return "WARNING: there is no content key store at " + path + ", and this copy holds the sealed content of " +
           std::to_string(owners.size()) +
           " records: put the content key store back from its own backup before starting the server, or every "
           "record's content reads as destroyed.\n";
  const auto sealer = JIGSAW_TRY(access::Sealer::FromKeys(ring.keys));
  const auto keys = JIGSAW_TRY(OpenContentKeyStore(config, sealer, RealClock()));
  const auto held = JIGSAW_TRY(keys->Find(owners));
  const std::size_t missing = owners.size() - held.size();
  if (missing == 0) return std::string();
  return "WARNING: the content key store " + path + " has no key for " + std::to_string(missing) + " of the " +
         std::to_string(owners.size()) +
         " records whose content this copy holds sealed: those records read as destroyed. That is right for "
         "records destroyed since the copy was made (crypto-shredding); for any other, put back the content key "
         "store from a backup taken after this copy.\n";
}

void RemoveSqliteFile(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

struct RestorePlan {
  Config config;
  Manifest manifest;
  fs::path copy;
  SigningKeyring signing;
  audit::TrustedKeys trusted;
  SealingKeyring sealing;
  store::Destination destination = store::Destination::kAbsent;
  std::string staging_url;  // where the copy is checked before it is put in place
};

Result<RestorePlan> PlanRestore(const Parsed& p) {
  if (p.One("from").empty()) return InvalidArgument("from", "Give --from DIR, a directory `jigsaw backup` made.");
  RestorePlan plan;
  plan.config = JIGSAW_TRY(LoadCliConfig(p));
  plan.manifest = JIGSAW_TRY(ReadManifest(p.One("from")));
  plan.copy = fs::path(p.One("from")) / plan.manifest.database_file;
  const std::string& url = plan.config.database.url;
  if (plan.manifest.backend != BackendOf(url))
    return InvalidArgument("database", "The backup is of a " + plan.manifest.backend + " database; give a " +
                                           plan.manifest.backend + " URL.");
  plan.signing = JIGSAW_TRY(ReadSigningKeyring(plan.config.SigningKeyFile(), "audit.signing_key_file"));
  plan.trusted = p.Has("public-key") ? JIGSAW_TRY(KeysFrom(p, "public-key")) : plan.signing.trusted();
  plan.sealing = JIGSAW_TRY(ReadSealingKeyring(plan.config.SealingKeyFile(), "keys.sealing_key_file"));
  plan.destination = JIGSAW_TRY(store::InspectDestination(url));
  plan.staging_url = BackendOf(url) == "sqlite" ? url + ".restoring" : url;
  return plan;
}

// Restores into the staging place and checks it there; the warnings to
// print once it is in place, or why it was refused (staging undone).
Result<std::variant<std::string, Refusal>> StageAndCheck(const RestorePlan& plan,
                                                         std::vector<audit::SourcedHead> witness_heads) {
  const bool sqlite = plan.manifest.backend == "sqlite";
  if (sqlite) RemoveSqliteFile(plan.staging_url.substr(7));
  auto undo = [&] {
    if (sqlite) RemoveSqliteFile(plan.staging_url.substr(7));
    else if (auto dropped = store::DropRestoredTables(plan.staging_url); !dropped)
      return dropped.error().message;
    return std::string();
  };
  if (auto restored = store::RestoreDatabase(plan.copy.string(), plan.staging_url); !restored) {
    undo();
    return std::unexpected(restored.error());
  }
  auto verified = VerifyCopy(plan.staging_url, plan.manifest, plan.trusted, plan.signing.current(),
                             std::move(witness_heads));
  std::string warnings;
  if (verified && std::holds_alternative<Verified>(*verified)) {
    auto keys = SealingKeyWarnings(plan.staging_url, plan.sealing, plan.config.SealingKeyFile());
    if (keys) {
      // The key store unreadable (its keys wrapped by a sealing key this
      // keyring lacks) is said, like a missing sealing key, not fatal.
      auto content = ContentKeyWarnings(plan.staging_url, plan.config, plan.sealing);
      return *keys + (content ? *content
                              : "WARNING: the content key store " + plan.config.ContentKeyFile() +
                                    " cannot be read: " + content.error().message +
                                    " Records' sealed content cannot be opened until it can.\n");
    }
    if (keys) {
      warnings = *keys;
      return warnings;
    }
    verified = std::unexpected(keys.error());
  }
  const std::string undone = undo();
  if (!verified) return std::unexpected(verified.error());
  Refusal refusal = std::get<Refusal>(*verified);
  if (!undone.empty()) refusal.reason += " The tables restored into it could not be dropped: " + undone;
  return refusal;
}

int Restore(const Parsed& p, Io& io) {
  auto plan = PlanRestore(p);
  if (!plan) return Report(plan.error(), io);
  const std::string& url = plan->config.database.url;
  const std::string from = p.One("from");
  auto refuse = [&](const Refusal& r) {
    io.out << "REFUSED: " << r.reason << "\nNothing was changed at " << url << ".\n";
    return 1;
  };
  if (auto refused = CheckDestination(plan->destination, url, p)) return refuse(*refused);
  std::string witness_warning;
  std::optional<Refusal> witness_refusal;
  auto witness_heads = WitnessHeadsFor(p, plan->manifest, witness_warning, witness_refusal);
  if (!witness_heads) {
    if (witness_heads.error().code == ErrorCode::kFailedPrecondition) return refuse({witness_heads.error().message});
    return Report(witness_heads.error(), io);
  }
  if (witness_refusal) return refuse(*witness_refusal);
  const std::size_t witnessed = witness_heads->size();
  auto checked = StageAndCheck(*plan, std::move(*witness_heads));
  if (!checked) return Report(checked.error(), io);
  if (auto* r = std::get_if<Refusal>(&*checked)) return refuse(*r);
  if (plan->manifest.backend == "sqlite") {
    const std::string staged = plan->staging_url.substr(7);
    auto placed = store::RestoreDatabase(staged, url);
    RemoveSqliteFile(staged);
    if (!placed) return Report(placed.error(), io);
  }
  const auto& head = plan->manifest.head;
  io.out << "Restored the backup " << from << " (made " << FormatRfc3339(plan->manifest.created) << ") into " << url
         << (plan->destination == store::Destination::kHoldsData || plan->destination == store::Destination::kInUse
                 ? ", replacing the database that was there"
                 : "")
         << (plan->manifest.backend == "sqlite"
                 ? ".\nChecked before it was put in place: its "
                 : ".\nChecked once pg_restore had loaded it, before anything else used it (a copy that failed would "
                   "have been dropped again): its ")
         << head.size
         << " audit records match their hashes and the head in its manifest (size " << head.size << ", root "
         << HexEncode(head.root) << ", signed by key " << head.key_id
         << "), every stored head, and every stored node and the right edge"
         << (witnessed ? "; consistent with the " + std::to_string(witnessed) + " witnessed heads it covers" : "")
         << ".\n"
         << witness_warning << std::get<std::string>(*checked);
  if (plan->destination == store::Destination::kInUse)
    io.out << "A server had the database open: restart every instance now; what they hold in memory is of the "
              "database that was replaced.\n";
  io.out << "The keyrings were not touched: the server runs with " << plan->config.SigningKeyFile() << " and "
         << plan->config.SealingKeyFile() << ".\n";
  return 0;
}

}  // namespace

std::vector<Command> BackupCommands() {
  return {
      {"backup",
       "Copy the database, consistently while it serves, into a new directory with a manifest holding a tree head "
       "signed over exactly the audit records the copy holds. The keyrings are not copied: back them up apart.",
       With(ConfigOptions(), {{"to", "DIR", "a new (or empty) directory for the copy and its manifest"},
                              {"content-keys-to", "FILE", "also (or only) copy the content key store to this new file"}}),
       Backup},
      {"restore",
       "Put a backup in place of --database, only if its audit log verifies against its manifest's signed head "
       "(and every witnessed head given) and its stored tree; say what was checked and what the sealing keyring "
       "cannot open. Exit 1 names what failed and changes nothing.",
       With(ConfigOptions(),
            {{"from", "DIR", "the directory `jigsaw backup` made"},
             {"replace", "", "replace the SQLite database already at --database"},
             {"over-running-server", "", "with --replace: even while a server has it open"},
             {"witness", "FILE|URL", "also check the copy against every head this witness countersigned", true},
             {"witness-key", "HEX", "the witness's public key: countersignatures must verify with it", true},
             {"accept-loss", "", "restore even though a witness countersigned records the copy does not hold"},
             {"public-key", "HEX", "check the log's signatures with this key instead of the keyring's", true}}),
       Restore},
  };
}

}  // namespace jigsaw::app::cli
