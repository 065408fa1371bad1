#include "app/config.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/working_days.h"

extern char** environ;

namespace jigsaw::app {
namespace {

Result<std::int64_t> ParseInt(const std::string& setting, const std::string& text, std::int64_t min,
                              std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max)
    return InvalidArgument(setting, "'" + text + "' is not a whole number from " +
                                        std::to_string(min) + " to " + std::to_string(max) + ".");
  return value;
}

Result<access::HashCost> ParseHashCost(const std::string& text) {
  if (text == "interactive") return access::HashCost::kInteractive;
  if (text == "moderate") return access::HashCost::kModerate;
  if (text == "minimum-for-tests-only") return access::HashCost::kMinimum;
  return InvalidArgument("sign_in.password_hash_cost",
                         "Use interactive or moderate (got '" + text + "').");
}

// One setting, by its dotted name, from any of the three sources as text.
Status Apply(Config& c, const std::string& key, const std::string& value) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  if (key == "server.listen") c.server.address = value;
  else if (key == "server.port") c.server.port = static_cast<std::uint16_t>(JIGSAW_TRY(ParseInt(key, value, 0, 65535)));
  else if (key == "server.threads") c.server.threads = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 0, 256)));
  else if (key == "server.handler_threads")
    c.server.handler_threads = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 0, 1024)));
  else if (key == "server.max_body_bytes") c.server.max_body_bytes = JIGSAW_TRY(ParseInt(key, value, 1024, 64 << 20));
  else if (key == "server.read_timeout_seconds") c.server.read_timeout = seconds(JIGSAW_TRY(ParseInt(key, value, 1, 3600)));
  else if (key == "server.tls_certificate") c.server.tls_certificate_file = value;
  else if (key == "server.tls_private_key") c.server.tls_private_key_file = value;
  else if (key == "server.access_log") {
    if (value != "true" && value != "false") return InvalidArgument(key, "Use true or false.");
    c.server.access_log = value == "true";
  }
  else if (key == "database.url") c.database.url = value;
  else if (key == "audit.signing_key_file") c.audit.signing_key_file = value;
  else if (key == "keys.directory") c.keys.directory = value;
  else if (key == "keys.sealing_key_file") c.keys.sealing_key_file = value;
  else if (key == "keys.content_key_file") c.keys.content_key_file = value;
  else if (key == "audit.sign_interval_seconds") c.audit.sign_interval = seconds(JIGSAW_TRY(ParseInt(key, value, 0, 86400)));
  else if (key == "database.pool_size") c.database.pool_size = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 1, 256)));
  else if (key == "sign_in.idle_timeout_minutes") c.sign_in.idle_timeout = minutes(JIGSAW_TRY(ParseInt(key, value, 1, 24 * 60)));
  else if (key == "sign_in.absolute_timeout_hours") c.sign_in.absolute_timeout = hours(JIGSAW_TRY(ParseInt(key, value, 1, 24 * 7)));
  else if (key == "sign_in.free_failures") c.sign_in.throttle.free_failures = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 0, 100)));
  else if (key == "sign_in.first_delay_seconds") c.sign_in.throttle.first_delay = seconds(JIGSAW_TRY(ParseInt(key, value, 1, 3600)));
  else if (key == "sign_in.max_delay_seconds") c.sign_in.throttle.max_delay = seconds(JIGSAW_TRY(ParseInt(key, value, 1, 24 * 3600)));
  else if (key == "sign_in.max_failures_per_address") c.sign_in.throttle.max_failures_per_address = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 1, 1000000)));
  else if (key == "sign_in.address_window_minutes") c.sign_in.throttle.address_window = minutes(JIGSAW_TRY(ParseInt(key, value, 1, 24 * 60)));
  else if (key == "sign_in.max_failures_overall") c.sign_in.throttle.max_failures_overall = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 1, 10000000)));
  else if (key == "sign_in.global_window_minutes") c.sign_in.throttle.global_window = minutes(JIGSAW_TRY(ParseInt(key, value, 1, 24 * 60)));
  else if (key == "sign_in.notify_after_failures") c.sign_in.throttle.notify_after_failures = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 0, 1000)));
  else if (key == "sign_in.password_deny_list") c.password_deny_list = value;
  else if (key == "sign_in.password_hash_cost") c.sign_in.hash_cost = JIGSAW_TRY(ParseHashCost(value));
  else if (key == "workflow.emergency_record_working_days") c.workflow.emergency_record_working_days = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 1, 30)));
  else if (key == "workflow.acknowledgement_working_days") c.workflow.acknowledgement_working_days = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 1, 30)));
  else if (key == "workflow.feedback_working_days") c.workflow.feedback_working_days = static_cast<int>(JIGSAW_TRY(ParseInt(key, value, 1, 90)));
  else if (key == "workflow.bank_holidays") c.workflow.bank_holidays = value;
  else if (key == "web.static_dir") c.web.static_dir = value;
  else if (key == "web.public_origin") {
    if ((!value.starts_with("https://") && !value.starts_with("http://")) || value.ends_with("/"))
      return InvalidArgument(key, "Give the address people use, without a path: https://jigsaw.example.org");
    c.web.public_origin = value;
  }
  else if (key == "web.exit_url") {
    if (!value.starts_with("https://") && !value.starts_with("http://") && !value.starts_with("/"))
      return InvalidArgument(key, "Give a web address (https://...) or a path on this server.");
    if (value == "/exit" || value.starts_with("/exit?"))
      return InvalidArgument(key, "Give somewhere other than /exit, which leads to this setting.");
    c.web.exit_url = value;
  }
  else if (key == "attachments.max_bytes")
    c.attachments.max_bytes = static_cast<std::size_t>(JIGSAW_TRY(ParseInt(key, value, 1024, 48 << 20)));
  else return InvalidArgument(key, "This setting is not recognised.");
  return Ok();
}

Status ApplyToml(Config& c, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream where;
    where << e.source().begin;
    return InvalidArgument("config", "Cannot read " + path + ": " + std::string(e.description()) +
                                         " (" + where.str() + ")");
  }
  for (const auto& [section, node] : table) {
    const auto* inner = node.as_table();
    if (!inner) return InvalidArgument(std::string(section.str()), "Expected a [section].");
    for (const auto& [name, value] : *inner) {
      const std::string key = std::string(section.str()) + "." + std::string(name.str());
      std::string text;
      if (auto s = value.value<std::string>(); s && value.is_string()) text = *s;
      else if (auto i = value.value<std::int64_t>(); i && value.is_integer()) text = std::to_string(*i);
      else if (auto b = value.value<bool>(); b && value.is_boolean()) text = *b ? "true" : "false";
      else return InvalidArgument(key, "Use a string, a whole number or true/false.");
      JIGSAW_RETURN_IF_ERROR(Apply(c, key, text));
    }
  }
  return Ok();
}

// A file of attachments.max_bytes reaches the server as base64 in JSON (4
// bytes for every 3) or in a multipart form; either must fit in one body.
Status CheckAttachmentsFit(const Config& c) {
  const std::size_t as_sent = (c.attachments.max_bytes + 2) / 3 * 4 + 64 * 1024;
  if (c.server.max_body_bytes < as_sent)
    return InvalidArgument("attachments.max_bytes",
                           "A file this large does not fit in server.max_body_bytes (" +
                               std::to_string(c.server.max_body_bytes) + "): raise that to at least " +
                               std::to_string(as_sent) + ", or lower this.");
  return Ok();
}

struct Mapping {
  std::string_view source;  // environment variable or flag
  std::string_view key;
};

constexpr Mapping kEnvironment[] = {
    {"JIGSAW_LISTEN", "server.listen"},
    {"JIGSAW_PORT", "server.port"},
    {"JIGSAW_THREADS", "server.threads"},
    {"JIGSAW_HANDLER_THREADS", "server.handler_threads"},
    {"JIGSAW_TLS_CERTIFICATE", "server.tls_certificate"},
    {"JIGSAW_TLS_PRIVATE_KEY", "server.tls_private_key"},
    {"JIGSAW_ACCESS_LOG", "server.access_log"},
    {"JIGSAW_DATABASE_URL", "database.url"},
    {"JIGSAW_PASSWORD_HASH_COST", "sign_in.password_hash_cost"},
    {"JIGSAW_AUDIT_SIGNING_KEY_FILE", "audit.signing_key_file"},
    {"JIGSAW_SEALING_KEY_FILE", "keys.sealing_key_file"},
    {"JIGSAW_CONTENT_KEY_FILE", "keys.content_key_file"},
    {"JIGSAW_KEYS_DIR", "keys.directory"},
    {"JIGSAW_STATIC_DIR", "web.static_dir"},
};

constexpr Mapping kFlags[] = {
    {"listen", "server.listen"},      {"port", "server.port"},
    {"threads", "server.threads"},    {"handler-threads", "server.handler_threads"},
    {"database", "database.url"},
    {"access-log", "server.access_log"}, {"audit-key", "audit.signing_key_file"},
    {"sealing-key", "keys.sealing_key_file"}, {"keys", "keys.directory"},
    {"content-keys", "keys.content_key_file"},
    {"static-dir", "web.static_dir"},
};

}  // namespace

Result<Config> LoadConfig(const Flags& flags, const Environment& environment) {
  Config c;
  std::string file;
  if (auto it = flags.find("config"); it != flags.end()) file = it->second;
  else if (auto e = environment.find("JIGSAW_CONFIG"); e != environment.end()) file = e->second;
  if (!file.empty()) JIGSAW_RETURN_IF_ERROR(ApplyToml(c, file));
  for (const auto& m : kEnvironment)
    if (auto it = environment.find(std::string(m.source)); it != environment.end())
      JIGSAW_RETURN_IF_ERROR(Apply(c, std::string(m.key), it->second));
  for (const auto& m : kFlags)
    if (auto it = flags.find(std::string(m.source)); it != flags.end())
      JIGSAW_RETURN_IF_ERROR(Apply(c, std::string(m.key), it->second));
  JIGSAW_RETURN_IF_ERROR(CheckAttachmentsFit(c));
  return c;
}

std::vector<std::string> WorkflowOptions::BankHolidayDates() const {
  if (bank_holidays == "england-and-wales") return domain::WorkingCalendar::EnglandAndWalesBankHolidays();
  std::vector<std::string> dates;
  std::string date;
  for (char ch : bank_holidays + ",") {
    if (ch == ',') {
      if (!date.empty()) dates.push_back(date);
      date.clear();
    } else if (ch != ' ') {
      date += ch;
    }
  }
  return dates;
}

namespace {

// The SQLite database file, or empty for PostgreSQL.
std::filesystem::path SqlitePath(const std::string& url) {
  if (!url.starts_with("sqlite:")) return {};
  return std::filesystem::path(url.substr(7));
}

std::string KeyringName(const std::string& url) {
  const auto db = SqlitePath(url);
  return db.empty() || db.filename().empty() ? "jigsaw" : db.filename().string();
}

std::string Join(const std::string& directory, const std::string& name) {
  return directory.empty() ? name : (std::filesystem::path(directory) / name).string();
}

}  // namespace

std::string Config::KeyDirectory() const {
  if (!keys.directory.empty()) return keys.directory;
  const auto db = SqlitePath(database.url);
  const auto dir = db.parent_path();
  // A database in the working directory has no data directory of its own
  // to keep the keys out of; nor has a root-level one a place beside it.
  if (dir.empty() || dir == "." || dir.filename().empty() || dir.filename() == "." || dir.filename() == "..")
    return "";
  return (dir.parent_path() / (dir.filename().string() + "-keys")).string();
}

std::string Config::StaticDir() const {
  if (!web.static_dir.empty()) return web.static_dir;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "static" : (exe.parent_path() / "static").string();
}

std::string Config::PasswordDenyListFile() const {
  if (!password_deny_list.empty()) return password_deny_list;
  return (std::filesystem::path(StaticDir()) / "passwords" / "common-passwords.txt").string();
}

std::string Config::SigningKeyFile() const {
  if (!audit.signing_key_file.empty()) return audit.signing_key_file;
  return Join(KeyDirectory(), KeyringName(database.url) + ".signing-keys");
}

std::string Config::SealingKeyFile() const {
  if (!keys.sealing_key_file.empty()) return keys.sealing_key_file;
  if (!audit.signing_key_file.empty()) {
    static constexpr std::string_view kSigning = ".signing-keys";
    const std::string& s = audit.signing_key_file;
    if (s.ends_with(kSigning)) return s.substr(0, s.size() - kSigning.size()) + ".sealing-keys";
    return s + ".sealing-keys";
  }
  return Join(KeyDirectory(), KeyringName(database.url) + ".sealing-keys");
}

std::string Config::ContentKeyFile() const {
  if (!keys.content_key_file.empty()) return keys.content_key_file;
  static constexpr std::string_view kSealing = ".sealing-keys";
  const std::string s = SealingKeyFile();
  if (s.ends_with(kSealing)) return s.substr(0, s.size() - kSealing.size()) + ".content-keys";
  return s + ".content-keys";
}

std::string Config::LegacySigningKeyFile() const {
  if (database.url.starts_with("sqlite:")) return database.url.substr(7) + ".audit-key";
  return "jigsaw-audit.key";
}

Environment ProcessEnvironment() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("JIGSAW_")) continue;
    const auto eq = kv.find('=');
    if (eq != std::string_view::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

std::string RedactUrl(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string_view ExampleConfig() {
  return R"toml(# Jigsaw configuration. Every setting is optional; environment variables
# (JIGSAW_DATABASE_URL, JIGSAW_PORT...) and flags override this file.

[server]
listen = "127.0.0.1"        # JIGSAW_LISTEN, --listen
port = 8080                 # JIGSAW_PORT, --port (0 picks a free port)
threads = 0                 # I/O threads; 0: one per core
handler_threads = 64        # JIGSAW_HANDLER_THREADS, --handler-threads: requests that wait on the database (concurrent ones share one commit)
max_body_bytes = 6291456    # larger requests get 413; must hold the largest attachment as base64 in JSON
read_timeout_seconds = 30
access_log = true           # one line per request: never bodies or credentials
# tls_certificate = "/etc/jigsaw/cert.pem"   # TLS is on when both are set
# tls_private_key = "/etc/jigsaw/key.pem"

[database]
url = "sqlite:jigsaw.db"    # or "postgresql://jigsaw@db.example:5432/jigsaw"
pool_size = 8

[audit]
# signing_key_file = "/etc/jigsaw/keys/jigsaw.signing-keys"  # JIGSAW_AUDIT_SIGNING_KEY_FILE, --audit-key
sign_interval_seconds = 1   # a signed tree head covers every commit within this (and at start and stop)

[keys]
# Keys never live in the data directory: a copy of the database must not
# carry them. Default: beside the SQLite file's directory (sqlite:data/x.db
# keeps them in data-keys/), or the working directory.
# directory = "/etc/jigsaw/keys"     # JIGSAW_KEYS_DIR, --keys
# sealing_key_file = "/etc/jigsaw/keys/jigsaw.sealing-keys"  # JIGSAW_SEALING_KEY_FILE, --sealing-key
# The per-record content keys (crypto-shredding; back it up apart, often:
# `jigsaw backup --content-keys-to FILE`). Default: beside the sealing keyring.
# content_key_file = "/etc/jigsaw/keys/jigsaw.content-keys"  # JIGSAW_CONTENT_KEY_FILE, --content-keys

[sign_in]
idle_timeout_minutes = 30
absolute_timeout_hours = 12
password_hash_cost = "interactive"   # or "moderate" (slower, stronger)
# Throttling (docs/security.md): accounts are slowed down, never locked.
free_failures = 3                  # failures per account (24 hours) before delays start
first_delay_seconds = 2            # then the wait doubles with each failure...
max_delay_seconds = 300            # ...up to this
max_failures_per_address = 30      # failures from one address within...
address_window_minutes = 10        # ...this window, then that address waits
max_failures_overall = 300         # failures across the service within...
global_window_minutes = 5          # ...this window: then only accounts and addresses with no failures may try
notify_after_failures = 10         # the safeguarding leads hear of every 10 failures in a row on a colleague's account
# password_deny_list = "/usr/share/jigsaw/common-passwords.txt"  # default: static_dir/passwords/common-passwords.txt

[workflow]
emergency_record_working_days = 1   # an emergency share's full record is owed by the end of the next working day
acknowledgement_working_days = 1    # a recipient opens a disclosure within this
feedback_working_days = 10          # and says what was done with it within this
bank_holidays = "england-and-wales" # or a list of dates: "2026-12-25, 2026-12-28"

[web]
# static_dir = "/usr/share/jigsaw/static"  # default: "static" beside the binary
exit_url = "https://www.bbc.co.uk/weather" # where "Exit this page" goes
# public_origin = "https://jigsaw.example.org"  # the address people use; passkeys are bound to it (default: the Host header)

[attachments]
max_bytes = 4194304         # the largest file kept with a concern (photographs, letters)
)toml";
}

}  // namespace jigsaw::app
