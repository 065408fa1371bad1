// Jigsaw's configuration: defaults that need no file, then a TOML file,
// then JIGSAW_* environment variables, then command-line flags, each
// overriding the one before.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "http/server.h"
#include "service/authentication.h"
#include "store/store.h"

namespace jigsaw::app {

struct AuditOptions {
  // The audit signing keyring; empty: see Config::SigningKeyFile().
  std::string signing_key_file;
  // Set by `jigsaw init`, never from a file: create missing keyrings (both
  // kinds) and move a key left inside the data directory out of it.
  bool create_signing_key = false;
  // How soon after a commit a tree head covers it (and the server signs at
  // start and at stop); 0: only on demand (tests).
  std::chrono::seconds sign_interval{1};
};

// Where the keys live: never inside the data directory, so that a copy of
// the database (or of its directory) does not carry them.
struct KeyOptions {
  // Both keyrings' directory; empty: see Config::KeyDirectory().
  std::string directory;
  // The disclosure sealing keyring; empty: see Config::SealingKeyFile().
  std::string sealing_key_file;
  // The content key store (crypto-shredding); empty: see Config::ContentKeyFile().
  std::string content_key_file;
};

// Deadlines of the sharing workflow, in working days.
struct WorkflowOptions {
  int emergency_record_working_days = 1;  // "by the end of the next working day"
  int acknowledgement_working_days = 1;
  int feedback_working_days = 10;
  // "england-and-wales" (the published list), or dates "2026-12-25, 2026-12-28".
  std::string bank_holidays = "england-and-wales";

  // The dates bank_holidays names (not yet checked: WorkingCalendar::Make does).
  std::vector<std::string> BankHolidayDates() const;
};

// The web pages.
struct WebConfig {
  // The built assets (see CMakeLists.txt); empty: "static" beside the binary.
  std::string static_dir;
  // Where "Exit this page" goes: a site that looks unrelated to safeguarding.
  std::string exit_url = "https://www.bbc.co.uk/weather";
  // The address people use ("https://jigsaw.example.org"). Passkeys are
  // bound to its host name; empty: taken from each request's Host header.
  std::string public_origin;
};

// Files kept with a concern (photographs of an injury, letters).
struct AttachmentsConfig {
  // The largest file accepted. server.max_body_bytes must hold it as sent:
  // base64 in JSON (a third larger) or a multipart form.
  std::size_t max_bytes = 4 * 1024 * 1024;
};

struct Config {
  // The body limit leaves room for the largest file (attachments.max_bytes).
  http::ServerOptions server{.max_body_bytes = 6 * 1024 * 1024};
  store::StoreOptions database{.url = "sqlite:jigsaw.db"};
  service::SignInPolicy sign_in;
  AuditOptions audit;
  KeyOptions keys;
  WorkflowOptions workflow;
  WebConfig web;
  AttachmentsConfig attachments;
  // The deny-list of common and breached passwords (docs/security.md);
  // empty: passwords/common-passwords.txt in the static directory.
  std::string password_deny_list;

  // The keys' directory: keys.directory; else, for an SQLite database in a
  // data directory (sqlite:DIR/NAME), the directory beside it, DIR-keys;
  // else (an SQLite file in the working directory, or PostgreSQL, whose
  // data directory is on the database server) the working directory ("").
  std::string KeyDirectory() const;
  // The signing keyring: audit.signing_key_file, else
  // KeyDirectory()/NAME.signing-keys (NAME: the SQLite file's name, or
  // "jigsaw" for PostgreSQL).
  std::string SigningKeyFile() const;
  // The sealing keyring: keys.sealing_key_file; else beside a given
  // signing keyring, named like it with "sealing" for "signing"
  // (X.signing-keys -> X.sealing-keys, any other name gets
  // ".sealing-keys" added); else KeyDirectory()/NAME.sealing-keys.
  std::string SealingKeyFile() const;
  // The content key store (store/content_keys.h): keys.content_key_file;
  // else beside the sealing keyring, X.sealing-keys -> X.content-keys (any
  // other name gets ".content-keys" added).
  std::string ContentKeyFile() const;
  // Where releases before keyrings kept the signing key when none was
  // given ("PATH.audit-key" beside an SQLite database, else
  // "jigsaw-audit.key"): `jigsaw init` moves a key found there.
  std::string LegacySigningKeyFile() const;
  // The static directory: web.static_dir, else "static" beside the binary.
  std::string StaticDir() const;
  std::string PasswordDenyListFile() const;
};

// Flags given on the command line, by their long name without "--".
using Flags = std::map<std::string, std::string>;
using Environment = std::map<std::string, std::string>;

// Builds the configuration. The file is `flags["config"]`, else
// $JIGSAW_CONFIG, else none. Fails naming the setting that is wrong,
// e.g. "server.port".
Result<Config> LoadConfig(const Flags& flags, const Environment& environment);

// The process environment's JIGSAW_* variables.
Environment ProcessEnvironment();

// The URL with any password replaced by "***", for printing.
std::string RedactUrl(const std::string& url);

// The TOML a new installation can start from, with every setting documented.
std::string_view ExampleConfig();

}  // namespace jigsaw::app
