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
  // Empty: beside an SQLite database ("PATH.audit-key"), else
  // "jigsaw-audit.key" in the working directory.
  std::string signing_key_file;
  bool create_signing_key = false;  // set by `jigsaw init`, never from a file
  std::chrono::seconds sign_interval{10};  // 0: only on demand
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
  // Where "Exit this page" goes: a neutral page that looks unrelated to
  // safeguarding, shows no news (a headline about a child's death is not
  // neutral) and that school and health networks let through: by default
  // a search engine's home page. Each organisation can set its own.
  std::string exit_url = "https://www.google.co.uk/";
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
  WorkflowOptions workflow;
  WebConfig web;
  AttachmentsConfig attachments;

  // The key file to use, applying the default above.
  std::string SigningKeyFile() const;
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
