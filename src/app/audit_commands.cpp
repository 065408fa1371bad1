// The commands of the audit log's integrity: `audit verify` (records,
// stored tree, exported and witnessed heads), `audit witness`, and the
// keys (`keys list`, `keys rotate`).
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <sstream>

#include "app/commands.h"
#include "app/keyring.h"
#include "app/witness.h"
#include "common/log.h"
#include "http/response.h"
#include "http/router.h"
#include "http/server.h"
#include "service/housekeeping.h"

namespace jigsaw::app::cli {
namespace {

Result<audit::PublicKey> PublicKeyFromHex(const std::string& option, const std::string& hex) {
  auto bytes = HexDecode(hex);
  audit::PublicKey key{};
  if (!bytes || bytes->size() != key.size())
    return InvalidArgument(option, "Give a 32-byte Ed25519 public key in hex.");
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

}  // namespace

Result<audit::TrustedKeys> KeysFrom(const Parsed& p, const std::string& option) {
  audit::TrustedKeys keys;
  for (const auto& hex : p.All(option)) keys.Add(JIGSAW_TRY(PublicKeyFromHex(option, hex)));
  return keys;
}

// --against FILE: heads exported earlier (`jigsaw audit head`).
static Result<std::vector<audit::SourcedHead>> ExportedHeads(const Parsed& p) {
  std::vector<audit::SourcedHead> out;
  for (const auto& path : p.All("against")) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    auto head = audit::ParseTreeHeadJson(text.str());
    if (!file || !head) return InvalidArgument("against", "Cannot read a tree head from " + path + ".");
    out.push_back({*head, "exported head " + path});
  }
  return out;
}

// --witness FILE|URL: heads a witness countersigned. Each countersignature
// must verify: with a key given by --witness-key when any is, else with the
// key the entry names (the copy is then only as trustworthy as its source).
Result<Witnessed> WitnessedHeads(const Parsed& p) {
  Witnessed out;
  const audit::TrustedKeys pinned = JIGSAW_TRY(KeysFrom(p, "witness-key"));
  for (const auto& source : p.All("witness")) {
    const auto cosigned = JIGSAW_TRY(LoadCosigned(source, {}));
    std::set<std::string> witnesses;
    for (const auto& c : cosigned) {
      const std::string named = "the head at size " + std::to_string(c.head.size) + " in " + source;
      audit::PublicKey key = c.cosignature.witness_key;
      if (!pinned.empty()) {
        auto it = pinned.keys().find(c.cosignature.witness_key_id);
        if (it == pinned.keys().end())
          return Fail(ErrorCode::kFailedPrecondition, named + " is countersigned by witness " +
                                                          c.cosignature.witness_key_id + ", not by a --witness-key.");
        key = it->second;
      }
      if (!audit::VerifyCosignature(c, key))
        return Fail(ErrorCode::kFailedPrecondition,
                    "The countersignature on " + named + " is invalid: the witness's copy was altered.");
      witnesses.insert(c.cosignature.witness_key_id);
      out.heads.push_back({c.head, "countersigned by witness " + c.cosignature.witness_key_id + " at " +
                                       FormatRfc3339(c.cosignature.time)});
    }
    std::string ids;
    for (const auto& w : witnesses) ids += (ids.empty() ? "" : ", ") + w;
    out.summary += "; consistent with the " + std::to_string(cosigned.size()) + " heads in " + source +
                   (cosigned.empty() ? " (it has countersigned nothing yet)"
                                     : ", countersigned by witness " + ids + (pinned.empty() ? " (not pinned: give --witness-key)" : "") +
                                           ", the newest at size " + std::to_string(cosigned.back().head.size));
  }
  return out;
}

std::string DescribeFailure(const audit::VerifyReport& r) {
  if (r.first_bad_node) return "FAILED at node " + audit::DescribeNode(*r.first_bad_node) + ": " + r.problem;
  if (r.bad_state) return "FAILED in the stored state (audit_state): " + r.problem;
  return "FAILED at index " + std::to_string(r.first_bad_index.value_or(0)) + ": " + r.problem;
}

namespace {

void PrintFailure(const audit::VerifyReport& r, Io& io) { io.out << DescribeFailure(r) << "\n"; }

int AuditVerify(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  service::VerifyOptions options;
  options.keys = (*app)->audit_log().trusted_keys();
  if (p.Has("public-key")) {
    auto given = KeysFrom(p, "public-key");
    if (!given) return Report(given.error(), io);
    options.keys = *given;
  }
  options.deep = p.Has("deep");
  auto exported = ExportedHeads(p);
  if (!exported) return Report(exported.error(), io);
  options.extra_heads = *exported;
  auto witnessed = WitnessedHeads(p);
  if (!witnessed) {
    if (witnessed.error().code != ErrorCode::kFailedPrecondition) return Report(witnessed.error(), io);
    io.out << "FAILED: " << witnessed.error().message << "\n";
    return 1;
  }
  options.extra_heads.insert(options.extra_heads.end(), witnessed->heads.begin(), witnessed->heads.end());
  auto report = (*app)->audit_log().Verify(options);
  if (!report) return Report(report.error(), io);
  if (!report->ok) {
    PrintFailure(*report, io);
    return 1;
  }
  io.out << "OK: " << report->size << " records, root " << HexEncode(report->root) << ", "
         << report->heads_checked << " signed tree heads checked";
  for (const auto& h : *exported) io.out << " (including the given head at size " << h.head.size << ", a prefix of this log)";
  if (report->deep)
    io.out << "; deep: " << report->nodes_checked << " stored nodes and the stored right edge match the records";
  io.out << witnessed->summary;
  if (report->unsigned_records)
    io.out << "; the newest " << report->unsigned_records << " records are not yet under a signed head";
  io.out << "\n";
  return 0;
}

// --- The witness ---------------------------------------------------------

// Prints one poll's outcome; a refusal loudly, on standard error and in the log.
bool PrintPoll(const Result<audit::WitnessDecision>& polled, Io& io) {
  if (!polled) {
    io.err << "jigsaw: witness: " << polled.error().message << "\n";
    log::Warning("witness.poll_failed", {{"error", polled.error().message}});
    return false;
  }
  if (polled->Refused()) {
    io.err << "REFUSED: " << polled->explanation << " The witness keeps its copy as it was.\n";
    log::Error("witness.refused", {{"reason", polled->explanation}});
    return false;
  }
  io.out << (polled->Countersign() ? "COUNTERSIGNED: " : "UNCHANGED: ") << polled->explanation << std::endl;
  return true;
}

Result<Witness> OpenWitness(const Parsed& p) {
  WitnessConfig config;
  config.log_url = p.One("log");
  config.log_keys = JIGSAW_TRY(KeysFrom(p, "log-key"));
  config.key_file = p.One("key");
  config.state_file = p.One("state");
  config.fetch.ca_file = p.One("ca-file");
  return Witness::Open(std::move(config), RealClock());
}

// Serves GET /v1/cosigned (the witness's copy) until SIGTERM or Ctrl-C,
// polling the log every --interval seconds meanwhile.
int RunWitness(Witness& witness, const Parsed& p, Io& io) {
  std::uint64_t every = 60;
  if (p.Has("interval")) {
    auto n = Number(p, "interval");
    if (!n || *n == 0) return Report(n ? Error{ErrorCode::kInvalidArgument, "Give at least 1 second.", "interval"} : n.error(), io);
    every = *n;
  }
  // Signals are waited for, not handled: block them before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // The copy is appended to by polls and read by requests: one at a time.
  std::mutex copy;
  service::Housekeeping polling(RealClock());
  polling.Add("witness.poll", std::chrono::seconds(every), [&]() -> Status {
    std::lock_guard lock(copy);
    PrintPoll(witness.Poll(), io);
    return Ok();
  });
  polling.RunDue();  // the first poll before the address is printed
  std::unique_ptr<http::Server> server;
  http::Router router;
  if (p.Has("port")) {
    router.Add("GET", "/v1/cosigned", [&witness, &copy](http::Request& req) {
      std::lock_guard lock(copy);
      auto document = witness.CosignedDocument();
      if (!document) return http::ErrorResponse(req, document.error());
      return http::JsonText(200, std::move(*document));
    });
    http::ServerOptions options;
    options.address = p.Has("listen") ? p.One("listen") : "127.0.0.1";
    auto port = Number(p, "port");
    if (!port || *port > 65535) return Report(port ? Error{ErrorCode::kInvalidArgument, "Give a port up to 65535.", "port"} : port.error(), io);
    options.port = static_cast<std::uint16_t>(*port);
    options.threads = 1;
    options.handler_threads = 0;
    options.handle_signals = false;
    server = std::make_unique<http::Server>(options, [&router](http::Request& r) { return router.Dispatch(r); });
    if (auto listening = server->Listen(); !listening) return Report(listening.error(), io);
    io.out << "Witness " << witness.key().key_id() << " serves its countersigned heads at http://" << options.address
           << ":" << server->port() << "/v1/cosigned" << std::endl;
  }
  polling.Start();
  std::thread serving;
  if (server) serving = std::thread([&] { server->Run(); });
  int signal = 0;
  sigwait(&stop_signals, &signal);
  if (server) server->Stop();
  if (serving.joinable()) serving.join();
  polling.Stop();
  return 0;
}

int AuditWitness(const Parsed& p, Io& io) {
  auto witness = OpenWitness(p);
  if (!witness) return Report(witness.error(), io);
  io.out << "Witness " << witness->key().key_id() << " (public key " << HexEncode(witness->key().public_key())
         << ") of " << witness->config().log_url << std::endl;
  if (p.Has("once")) return PrintPoll(witness->Poll(), io) ? 0 : 1;
  return RunWitness(*witness, p, io);
}

// --- Keys ------------------------------------------------------------------

std::string Created(Time t) { return t == Time{} ? "(before keyrings)    " : FormatRfc3339(t); }

int KeysList(const Parsed& p, Io& io) {
  auto config = LoadCliConfig(p);
  if (!config) return Report(config.error(), io);
  auto signing = ReadSigningKeyring(config->SigningKeyFile(), "audit.signing_key_file");
  if (!signing) return Report(signing.error(), io);
  io.out << "Audit signing keys (" << config->SigningKeyFile() << "):\n";
  for (std::size_t i = 0; i < signing->keys.size(); ++i)
    io.out << "  " << signing->keys[i].key_id() << "  " << Created(signing->created[i]) << "  public key "
           << HexEncode(signing->keys[i].public_key())
           << (i + 1 == signing->keys.size() ? "  signs new heads" : "  verifies the heads it signed") << "\n";
  auto sealing = ReadSealingKeyring(config->SealingKeyFile(), "keys.sealing_key_file");
  if (!sealing) return Report(sealing.error(), io);
  io.out << "Disclosure sealing keys (" << config->SealingKeyFile() << "):\n";
  for (std::size_t i = 0; i < sealing->keys.size(); ++i)
    io.out << "  " << sealing->keys[i].id << "  " << Created(sealing->created[i])
           << (i + 1 == sealing->keys.size() ? "  seals new disclosures and drafts" : "  opens what it sealed") << "\n";
  return 0;
}

int KeysRotate(const Parsed& p, Io& io) {
  if (!p.Has("signing") && !p.Has("sealing")) {
    io.err << "jigsaw: say which keys to rotate: --signing, --sealing or both.\n";
    return 2;
  }
  auto config = LoadCliConfig(p);
  if (!config) return Report(config.error(), io);
  const Time now = RealClock().Now();
  if (p.Has("signing")) {
    const std::string path = config->SigningKeyFile();
    auto ring = ReadSigningKeyring(path, "audit.signing_key_file");
    if (!ring) return Report(ring.error(), io);
    // A one-seed file's key also sealed disclosures: the sealing keyring
    // must hold the key derived from it before the file changes format.
    std::error_code ec;
    if (ring->single_seed_file && !std::filesystem::exists(config->SealingKeyFile(), ec)) {
      io.err << "jigsaw: run `jigsaw init` first: it makes the sealing keyring that still opens what this key sealed.\n";
      return 1;
    }
    auto key = RotateSigningKey(path, now);
    if (!key) return Report(key.error(), io);
    io.out << "New audit signing key " << key->key_id() << " (public key " << HexEncode(key->public_key()) << ") in "
           << path << ".\nThe older keys stay in the keyring to verify the heads they signed. Restart every instance "
           << "(each with a copy of the keyring) to sign with the new key, and give witnesses its public key.\n";
  }
  if (p.Has("sealing")) {
    const std::string path = config->SealingKeyFile();
    auto key = RotateSealingKey(path, now);
    if (!key) return Report(key.error(), io);
    io.out << "New disclosure sealing key " << key->id << " in " << path
           << ".\nThe older keys stay in the keyring to open what they sealed. Restart every instance "
           << "(each with a copy of the keyring) to seal with the new key.\n";
  }
  return 0;
}

}  // namespace

std::vector<Command> IntegrityCommands() {
  return {
      {"audit verify",
       "Recompute the audit log's Merkle tree from every record and check every signed tree head. "
       "Exit 1 names the first index (or stored node) that was changed, deleted, inserted or moved.",
       With(ConfigOptions(),
            {{"deep", "", "also check every stored interior node and the stored right edge against the records"},
             {"against", "HEAD.json", "also prove that this earlier exported head is a prefix of the log", true},
             {"witness", "FILE|URL", "also prove the log consistent with every head this witness countersigned", true},
             {"witness-key", "HEX", "the witness's public key: countersignatures must verify with it", true},
             {"public-key", "HEX", "check the log's signatures with this key instead of the keyring's", true}}),
       AuditVerify},
      {"audit witness",
       "Witness another Jigsaw's audit log: fetch its newest signed head, check it is consistent with the last "
       "head accepted, countersign it and keep it; refuse a rewound or rewritten log (exit 1 with --once). "
       "Without --once, poll every --interval seconds and, with --port, serve the countersigned heads.",
       {{"log", "URL", "the log's server, e.g. https://jigsaw.example"},
        {"log-key", "HEX", "the log's public key, obtained from its operator out of band", true},
        {"key", "FILE", "the witness's own signing keyring (created if missing)"},
        {"state", "FILE", "the witness's copy of the heads it countersigned"},
        {"once", "", "poll once and exit: 0 countersigned or unchanged, 1 refused or unreachable"},
        {"interval", "SECONDS", "how often to poll (default 60)"},
        {"listen", "ADDRESS", "address to serve on (default 127.0.0.1)"},
        {"port", "PORT", "serve GET /v1/cosigned on this port (0 picks one)"},
        {"ca-file", "FILE", "trust this certificate authority for an https log"}},
       AuditWitness},
      {"keys list", "List the audit signing keys and the disclosure sealing keys (ids, dates, public keys).",
       ConfigOptions(), KeysList},
      {"keys rotate",
       "Add a new key that signs (--signing) or seals (--sealing) from the next start; older keys are kept "
       "to verify and to open what they made.",
       With(ConfigOptions(), {{"signing", "", "a new audit signing key"}, {"sealing", "", "a new disclosure sealing key"}}),
       KeysRotate},
  };
}

}  // namespace jigsaw::app::cli
