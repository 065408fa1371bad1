#include "app/cli.h"

#include <termios.h>
#include <unistd.h>

#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

#include "app/application.h"
#include "access/totp.h"
#include "app/commands.h"
#include "app/demo.h"
#include "app/demo_casework.h"
#include "app/link_command.h"
#include "common/json_fields.h"
#include "common/log.h"
#include "common/random.h"
#include "guidance/engine.h"
#include "guidance/json.h"
#include <fstream>
#include <sstream>
#include "http/api/audit_api.h"
#include "http/api/json_views.h"
#include <charconv>

namespace jigsaw::app {
namespace cli {

const std::vector<Option>& ConfigOptions() {
  static const std::vector<Option> options = {
      {"config", "FILE", "read settings from this TOML file (see `jigsaw config example`)"},
      {"database", "URL", "sqlite:PATH or postgresql://USER@HOST:PORT/DB"},
      {"keys", "DIR", "the directory of the keyrings (default: beside the data directory, see README)"},
      {"audit-key", "FILE", "the audit signing keyring (default: KEYS/NAME.signing-keys)"},
      {"sealing-key", "FILE", "the disclosure sealing keyring (default: beside the signing keyring)"},
      {"content-keys", "FILE", "the content key store (default: beside the sealing keyring, NAME.content-keys)"},
  };
  return options;
}

std::vector<Option> With(std::vector<Option> a, const std::vector<Option>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void PrintHelp(const Command& c, std::ostream& out) {
  out << "Usage: jigsaw " << c.path << (c.options.empty() ? "" : " [options]")
      << (c.arguments.empty() ? "" : " " + c.arguments) << "\n\n"
      << c.summary << "\n";
  if (!c.options.empty()) out << "\nOptions:\n";
  for (const auto& o : c.options) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    out << std::left << std::setw(30) << left << " " << o.help
        << (o.repeatable ? " (repeatable)" : "") << "\n";
  }
  out << std::left << std::setw(30) << "  --help" << " show this help\n";
}

Result<Parsed> Parse(const Command& c, const std::vector<std::string>& args) {
  Parsed p;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (!a.starts_with("--")) {
      p.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const Option* opt = nullptr;
    for (const auto& o : c.options)
      if (o.name == name) opt = &o;
    if (!opt) return InvalidArgument(name, "Unknown option --" + name + " for `jigsaw " + c.path + "`.");
    if (opt->value_name.empty()) {
      if (has_value) return InvalidArgument(name, "--" + name + " takes no value.");
      p.switches.insert(name);
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) return InvalidArgument(name, "--" + name + " needs a value.");
      value = args[++i];
    }
    if (!opt->repeatable && p.values.count(name))
      return InvalidArgument(name, "--" + name + " is given twice.");
    p.values[name].push_back(value);
  }
  return p;
}

Flags ConfigFlags(const Parsed& p) {
  Flags f;
  for (const char* name : {"config", "database", "listen", "port", "threads", "handler-threads", "access-log", "audit-key",
                           "sealing-key", "content-keys", "keys"})
    if (auto v = p.One(name); !v.empty()) f[name] = v;
  return f;
}

Result<Config> LoadCliConfig(const Parsed& p) { return LoadConfig(ConfigFlags(p), ProcessEnvironment()); }

int Report(const Error& e, Io& io) {
  io.err << "jigsaw: " << (e.field.empty() ? "" : e.field + ": ") << e.message << "\n";
  return e.code == ErrorCode::kInvalidArgument || e.code == ErrorCode::kAlreadyExists ||
                 e.code == ErrorCode::kNotFound
             ? 2
             : 1;
}

Result<std::unique_ptr<Application>> OpenApplication(const Parsed& p, const Clock& clock,
                                                     bool create_signing_key) {
  auto config = JIGSAW_TRY(LoadCliConfig(p));
  config.audit.create_signing_key = create_signing_key;
  return Application::Create(config, clock);
}

// Reads a new password without echoing it when typed at a terminal, or as
// one line from standard input; never from a flag (flags show in `ps`).
std::string ReadPassword(Io& io) {
  const bool tty = &io.in == &std::cin && isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    io.err << "Password (at least 12 characters): " << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(io.in, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    io.err << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

const SystemClock& RealClock() {
  static const SystemClock clock;
  return clock;
}

int Serve(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  if (auto listening = (*app)->Listen(); !listening) return Report(listening.error(), io);
  const auto& cfg = (*app)->config();
  const bool tls = !cfg.server.tls_certificate_file.empty() && !cfg.server.tls_private_key_file.empty();
  io.out << "Jigsaw is listening on " << (tls ? "https" : "http") << "://" << cfg.server.address << ":"
         << (*app)->port() << " (database: " << RedactUrl(cfg.database.url) << ")" << std::endl;
  log::Info("server.started", {{"port", std::to_string((*app)->port())},
                               {"backend", (*app)->store().Backend()}});
  (*app)->Run();
  log::Info("server.stopped");
  return 0;
}

int Init(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock(), /*create_signing_key=*/true);
  if (!app) return Report(app.error(), io);
  auto version = (*app)->store().SchemaVersion();
  if (!version) return Report(version.error(), io);
  const auto& keys = (*app)->keys();
  for (const auto& change : keys.changes) io.out << change << "\n";
  io.out << "Database ready at schema version " << *version << " ("
         << RedactUrl((*app)->config().database.url) << ").\n"
         << "Audit signing key " << keys.signing.current().key_id() << " in " << (*app)->config().SigningKeyFile()
         << " (public key " << HexEncode((*app)->audit_log().public_key()) << ")\n"
         << "Disclosure sealing key " << keys.sealing.keys.back().id << " in " << (*app)->config().SealingKeyFile()
         << "\n";
  if (p.Has("demo")) {
    auto existing = (*app)->administration().ListOrganisations(service::Context::Operator("demo"));
    if (!existing) return Report(existing.error(), io);
    if (!existing->empty()) {
      io.out << "Demo data not loaded: the database already has organisations.\n";
      return 0;
    }
    // The demo is a year old: it is made with a clock that starts a year ago
    // and is moved through the year, so the records carry the times they
    // would have had (docs/demo.md).
    const Time now = RealClock().Now();
    app->reset();
    FakeClock year(std::chrono::floor<std::chrono::days>(now - std::chrono::days(365)) + std::chrono::hours(8));
    auto demo = OpenApplication(p, year, /*create_signing_key=*/true);
    if (!demo) return Report(demo.error(), io);
    if (auto loaded = LoadDemoPartnership((*demo)->administration(), (*demo)->accounts()); !loaded)
      return Report(loaded.error(), io);
    io.out << "Loaded the fictional Brackenford demo partnership.\n";
    // Its governance too, so that the demo's shares find an agreement and a DPIA.
    auto governance = LoadDemoGovernance((*demo)->administration(), (*demo)->accounts(), (*demo)->governance(),
                                         (*demo)->governance().Today());
    if (!governance) return Report(governance.error(), io);
    io.out << "Loaded its data sharing agreement and DPIA (the primary school's head signs as primary.head).\n";
    if (auto casework = LoadDemoCasework(**demo, year, now); !casework) return Report(casework.error(), io);
    io.out << "Loaded a year of its casework.\n";
  }
  return 0;
}

int OrgAdd(const Parsed& p, Io& io) {
  service::NewOrganisation n;
  n.name = p.One("name");
  auto type = JsonFields::ParseEnumField<domain::OrganisationType>("type", p.One("type"));
  if (!type) return Report(type.error(), io);
  auto sector = JsonFields::ParseEnumField<domain::Sector>("sector", p.One("sector"));
  if (!sector) return Report(sector.error(), io);
  n.type = *type;
  n.sector = *sector;
  n.competent_authority = p.Has("competent-authority");
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  auto added = (*app)->administration().AddOrganisation(service::Context::Operator(), n);
  if (!added) return Report(added.error(), io);
  io.out << http::api::ToJson(*added).dump(2) << "\n";
  return 0;
}

int OrgList(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  auto list = (*app)->administration().ListOrganisations(service::Context::Operator());
  if (!list) return Report(list.error(), io);
  for (const auto& o : *list)
    io.out << o.id << "  " << std::left << std::setw(36) << ToString(o.type) << " " << o.name << "\n";
  return 0;
}

Result<domain::RoleSet> RolesOption(const Parsed& p) {
  auto roles_it = p.values.find("role");
  return domain::RoleSet::Parse("role", roles_it == p.values.end() ? std::vector<std::string>{} : roles_it->second);
}

Result<service::NewPractitioner> NewPractitionerOptions(const Parsed& p) {
  service::NewPractitioner n;
  n.organisation_id = p.One("org");
  n.username = p.One("username");
  n.display_name = p.One("name");
  n.roles = JIGSAW_TRY(RolesOption(p));
  return n;
}

int UserAdd(const Parsed& p, Io& io) {
  auto n = NewPractitionerOptions(p);
  if (!n) return Report(n.error(), io);
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  n->password = ReadPassword(io);
  auto added = (*app)->administration().AddPractitioner(service::Context::Operator(), *n);
  if (!added) return Report(added.error(), io);
  io.out << http::api::ToJson(*added).dump(2) << "\n";
  return 0;
}

// The changes for leavers and movers, as the operator (audited as such).
// Each prints one line saying what happened.
int UserChange(const Parsed& p, Io& io,
               const std::function<Status(service::Administration&, const std::string&)>& change,
               std::string_view done) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  if (auto changed = change((*app)->administration(), p.One("id")); !changed) return Report(changed.error(), io);
  io.out << done << " " << p.One("id") << "; their sessions have ended.\n";
  return 0;
}

int UserDisable(const Parsed& p, Io& io) {
  return UserChange(p, io, [](auto& admin, const std::string& id) {
    return admin.SetAccountState(service::Context::Operator(), id, service::AccountState::kDisabled);
  }, "Disabled");
}

int UserEnable(const Parsed& p, Io& io) {
  return UserChange(p, io, [](auto& admin, const std::string& id) {
    return admin.SetAccountState(service::Context::Operator(), id, service::AccountState::kEnabled);
  }, "Enabled");
}

int UserRoles(const Parsed& p, Io& io) {
  auto roles = RolesOption(p);
  if (!roles) return Report(roles.error(), io);
  return UserChange(p, io, [&](auto& admin, const std::string& id) {
    return admin.ChangeRoles(service::Context::Operator(), id, *roles);
  }, "Changed the roles of");
}

int UserResetPassword(const Parsed& p, Io& io) {
  return UserChange(p, io, [&](auto& admin, const std::string& id) {
    return admin.ResetPassword(service::Context::Operator(), id, ReadPassword(io));
  }, "Reset the password (to be changed at the next sign-in) of");
}

int PrintProposal(const Result<domain::AccountProposal>& proposal, Io& io) {
  if (!proposal) return Report(proposal.error(), io);
  io.out << http::api::ToJson(*proposal).dump(2) << "\n";
  return 0;
}

int UserMove(const Parsed& p, Io& io) {
  auto roles = RolesOption(p);
  if (!roles) return Report(roles.error(), io);
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  return PrintProposal(
      (*app)->administration().ProposeMove(service::Context::Operator(), p.One("id"), p.One("org"), *roles), io);
}

int UserPropose(const Parsed& p, Io& io) {
  auto n = NewPractitionerOptions(p);
  if (!n) return Report(n.error(), io);
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  n->password = ReadPassword(io);
  return PrintProposal((*app)->administration().ProposeAccount(service::Context::Operator(), *n), io);
}

int UserProposals(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  auto list = (*app)->administration().PendingProposals(service::Context::Operator(), p.One("org"));
  if (!list) return Report(list.error(), io);
  for (const auto& proposal : *list)
    io.out << proposal.id << "  " << (proposal.practitioner_id.empty() ? "new " : "move") << "  " << std::left
           << std::setw(40) << proposal.username << " " << proposal.roles.Join() << "\n";
  return 0;
}

int UserDecide(const Parsed& p, Io& io, domain::ProposalOutcome outcome) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  auto decided = (*app)->administration().DecideProposal(service::Context::Operator(), p.One("proposal"), outcome);
  if (!decided) return Report(decided.error(), io);
  if (*decided) io.out << http::api::ToJson(**decided).dump(2) << "\n";
  else io.out << "Declined " << p.One("proposal") << ".\n";
  return 0;
}

int UserList(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  std::optional<std::string> org;
  if (p.Has("org")) org = p.One("org");
  auto list = (*app)->administration().ListPractitioners(service::Context::Operator(), org);
  if (!list) return Report(list.error(), io);
  for (const auto& u : *list)
    io.out << u.id << "  " << std::left << std::setw(40) << u.username << " " << u.roles.Join()
           << (u.disabled ? "  (disabled)" : "") << "\n";
  return 0;
}

// Reads the request from FILE or standard input; the output is byte for
// byte what POST /api/v1/assessments returns.
int Assess(const Parsed& p, Io& io) {
  std::string text;
  if (p.positional.size() > 1) {
    io.err << "jigsaw: give at most one FILE.\n";
    return 2;
  }
  if (!p.positional.empty() && p.positional[0] != "-") {
    std::ifstream file(p.positional[0]);
    if (!file) {
      io.err << "jigsaw: cannot read " << p.positional[0] << "\n";
      return 2;
    }
    std::stringstream buffer;
    buffer << file.rdbuf();
    text = buffer.str();
  } else {
    std::stringstream buffer;
    buffer << io.in.rdbuf();
    text = buffer.str();
  }
  auto request = guidance::ParseRequestText(text);
  if (!request) return Report(request.error(), io);
  const std::string json = guidance::ToJsonText(guidance::Assess(*request));
  io.out << (p.Has("pretty") ? nlohmann::ordered_json::parse(json).dump(2) : json) << "\n";
  return 0;
}

int AuditHead(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  auto head = (*app)->audit_log().SignTreeHead();
  if (!head) return Report(head.error(), io);
  io.out << audit::TreeHeadJson(*head) << "\n";
  return 0;
}

Result<std::uint64_t> Number(const Parsed& p, const std::string& name) {
  const std::string text = p.One(name);
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
    return InvalidArgument(name, "Give --" + name + " as a whole number.");
  return v;
}

std::string Hexes(const std::vector<audit::Hash>& path) {
  std::string out = "[";
  for (std::size_t i = 0; i < path.size(); ++i) out += (i ? ",\"" : "\"") + HexEncode(path[i]) + "\"";
  return out + "]";
}

int AuditProof(const Parsed& p, Io& io) {
  if (p.positional.size() != 1 || (p.positional[0] != "inclusion" && p.positional[0] != "consistency")) {
    io.err << "jigsaw: say `inclusion` or `consistency`.\n";
    return 2;
  }
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  if (p.positional[0] == "inclusion") {
    auto index = Number(p, "index");
    if (!index) return Report(index.error(), io);
    auto size = Number(p, "tree-size");
    if (!size) return Report(size.error(), io);
    auto proof = (*app)->audit_log().ProveInclusion(*index, *size);
    if (!proof) return Report(proof.error(), io);
    io.out << "{\"leaf_index\":" << proof->index << ",\"tree_size\":" << proof->tree_size
           << ",\"leaf_hash\":\"" << HexEncode(proof->leaf_hash) << "\",\"inclusion_path\":"
           << Hexes(proof->path) << "}\n";
    return 0;
  }
  auto first = Number(p, "first");
  if (!first) return Report(first.error(), io);
  auto second = Number(p, "second");
  if (!second) return Report(second.error(), io);
  auto proof = (*app)->audit_log().ProveConsistency(*first, *second);
  if (!proof) return Report(proof.error(), io);
  io.out << "{\"first\":" << proof->first << ",\"second\":" << proof->second
         << ",\"consistency_path\":" << Hexes(proof->path) << "}\n";
  return 0;
}

int AuditSearch(const Parsed& p, Io& io) {
  store::AuditQuery q;
  q.child_id = p.One("child");
  q.practitioner_id = p.One("practitioner");
  q.organisation_id = p.One("organisation");
  q.action = p.One("action");
  q.person_id = p.One("person");
  q.object_id = p.One("object");
  if (p.Has("outcome")) {
    auto o = JsonFields::ParseEnumField<domain::AuditOutcome>("outcome", p.One("outcome"));
    if (!o) return Report(o.error(), io);
    q.outcome = *o;
  }
  for (const char* name : {"from", "to"}) {
    if (!p.Has(name)) continue;
    auto t = ParseRfc3339(p.One(name));
    if (!t) return Report(Error{ErrorCode::kInvalidArgument, "Give a date or a UTC time.", name}, io);
    (std::string_view(name) == "from" ? q.from : q.to) = *t;
  }
  if (p.Has("limit")) {
    auto n = Number(p, "limit");
    if (!n) return Report(n.error(), io);
    q.limit = *n;
  }
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  auto records = (*app)->audit_log().Search(service::Context::Operator(), q);
  if (!records) return Report(records.error(), io);
  if (p.One("format") == "csv") {
    io.out << http::api::AuditCsv(*records);
    return 0;
  }
  for (const auto& r : *records)
    io.out << r.index << "  " << FormatRfc3339(r.time) << "  " << std::left << std::setw(8)
           << ToString(r.outcome) << " " << std::setw(22) << r.action << " " << r.object_type << " "
           << r.object_id << (r.child_id.empty() ? "" : " child " + r.child_id) << "  by "
           << (r.roles == "operator" ? "the operator (command line)" : r.practitioner_id.empty() ? "(nobody signed in)" : r.practitioner_id) << "\n";
  return 0;
}

int DemoLoginsCommand(const Parsed&, Io& io) {
  io.out << "Demo logins (every password is: " << kDemoPassword << ")\n";
  for (const auto& l : DemoLogins())
    io.out << "  " << std::left << std::setw(36) << l.username << " " << std::setw(46)
           << l.roles << " " << l.organisation << "\n";
  // Added by `jigsaw init --demo` with the demo's agreement and DPIA (LoadDemoGovernance).
  io.out << "  " << std::left << std::setw(36) << "primary.head@demo.jigsaw" << " " << std::setw(46) << "senior_leader"
         << " Brackenford Primary School (demo), after init --demo\n";
  io.out << "\nEvery demo account has the same authenticator app secret (enter it in any\n"
            "authenticator app, or run `jigsaw demo code USERNAME` for the current code):\n  "
         << access::GroupedSecret(kDemoTotpSecret) << "\n  "
         << access::OtpauthUri("Jigsaw", "demo", kDemoTotpSecret) << "\n";
  return 0;
}

// The code the demo accounts' authenticator shows now: what a newcomer
// types after the password.
int DemoCodeCommand(const Parsed& p, Io& io) {
  if (p.positional.size() != 1) {
    io.err << "jigsaw: give one demo USERNAME (see `jigsaw demo logins`).\n";
    return 2;
  }
  bool demo = false;
  for (const auto& l : DemoLogins()) demo = demo || l.username == p.positional[0];
  if (!demo) {
    io.err << "jigsaw: " << p.positional[0] << " is not a demo login (see `jigsaw demo logins`).\n";
    return 2;
  }
  const Time now = RealClock().Now();
  const auto into_step = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() %
                         access::kTotpStep.count();
  io.out << DemoCode(now) << "\n";
  io.err << "(good for " << access::kTotpStep.count() - into_step
         << " more seconds, and once only: each code signs in once)\n";
  return 0;
}

int UserResetSecondFactor(const Parsed& p, Io& io) {
  auto app = OpenApplication(p, RealClock());
  if (!app) return Report(app.error(), io);
  if (auto reset = (*app)->accounts().ResetSecondFactor(service::Context::Operator(), p.One("id")); !reset)
    return Report(reset.error(), io);
  io.out << "Removed the authenticator app, recovery codes and passkeys of " << p.One("id")
         << " and ended their sessions; they set up a new authenticator app at their next sign-in.\n";
  return 0;
}

std::vector<Command> Commands() {
  const Option kIdOption{"id", "ID", "the practitioner's id (see `jigsaw user list`)"};
  const Option kProposalOption{"proposal", "ID", "the proposal's id (see `jigsaw user proposals`)"};
  const Option kRoleOption{"role", "ROLE", "practitioner, designated_safeguarding_lead, data_protection_officer, "
                                           "caldicott_guardian, senior_leader, administrator or legal_adviser", true};
  const auto server_options = With(ConfigOptions(), {
      {"listen", "ADDRESS", "IP address to listen on (default 127.0.0.1)"},
      {"port", "PORT", "port to listen on (default 8080; 0 picks a free one)"},
      {"threads", "N", "I/O threads (default: one per core)"},
      {"handler-threads", "N", "threads for requests that wait on the database (default 64)"},
      {"access-log", "true|false", "log one line per request (default true)"},
  });
  std::vector<Command> commands = {
      {"serve", "Serve the API and pages until SIGTERM or Ctrl-C.", server_options, Serve},
      {"init", "Create or upgrade the database; with --demo, add the fictional demo partnership.",
       With(ConfigOptions(), {{"demo", "", "load the demo partnership if the database is empty"}}), Init},
      {"org add", "Add an organisation to the partnership.",
       With(ConfigOptions(),
            {{"name", "NAME", "the organisation's name"},
             {"type", "TYPE", "school, gp_practice, police, local_authority_childrens_services..."},
             {"sector", "SECTOR", "public, voluntary or private"},
             {"competent-authority", "", "a competent authority for law enforcement (DPA 2018 Part 3)"}}),
       OrgAdd},
      {"org list", "List the partnership's organisations.", ConfigOptions(), OrgList},
      {"user add",
       "Add a practitioner. The password is read from standard input (without echo at a terminal).",
       With(ConfigOptions(), {{"org", "ID", "the organisation's id (see `jigsaw org list`)"},
                             {"username", "NAME", "sign-in name: lower-case letters, digits, . _ - @"},
                             {"name", "NAME", "the name colleagues see"},
                             {"role", "ROLE", "practitioner, designated_safeguarding_lead, "
                                              "data_protection_officer, caldicott_guardian, "
                                              "senior_leader or administrator", true}}),
       UserAdd},
      {"user list", "List practitioners.",
       With(ConfigOptions(), {{"org", "ID", "only this organisation's"}}), UserList},
      {"assess",
       "Assess a proposed share: reads the request JSON (docs/assessment.md) from FILE or "
       "standard input and prints the assessment JSON. Exit 2 names the invalid field.",
       {{"pretty", "", "indent the output for reading"}}, Assess, "[FILE]"},
      {"link",
       "Link records of the same person across organisations: reads the CSV in docs/linkage.md from "
       "FILE (- for standard input) and prints record_id,cluster_id for each record. Bad rows are "
       "reported on standard error with their line and field; they do not stop the run.",
       {{"pairs", "FILE", "also write each scored pair at or above --floor, with its explanation"},
        {"floor", "P", "the least probability of a pair written to --pairs (default 0.5)"},
        {"threshold", "P", "the probability at which two records are one person (default 0.9)"},
        {"model", "FILE", "use this trained model instead of training on FILE"},
        {"save-model", "FILE", "write the trained model here, for --model later"},
        {"threads", "N", "threads to use (default: one per core)"}},
       [](const Parsed& p, Io& io) {
         if (p.positional.size() != 1) return (io.err << "jigsaw: give one FILE.\n", 2);
         return RunLink({.file = p.positional[0], .pairs = p.One("pairs"), .floor = p.One("floor"),
                         .threshold = p.One("threshold"), .model = p.One("model"),
                         .save_model = p.One("save-model"), .threads = p.One("threads")},
                        io.in, io.out, io.err);
       },
       "FILE"},
      {"audit head", "Sign the log as it is now (if it grew) and print the newest signed tree head as JSON.",
       ConfigOptions(), AuditHead},
      {"audit proof", "Print an RFC 9162 inclusion or consistency proof.",
       With(ConfigOptions(), {{"index", "N", "inclusion: the record's index"},
                             {"tree-size", "N", "inclusion: the tree size"},
                             {"first", "N", "consistency: the earlier size"},
                             {"second", "N", "consistency: the later size"}}),
       AuditProof, "inclusion|consistency"},
      {"audit search", "Search the audit log, newest first.",
       With(ConfigOptions(), {{"child", "ID", "records about this child"},
                             {"practitioner", "ID", "records of this practitioner's actions"},
                             {"organisation", "ID", "records of this organisation's practitioners"},
                             {"person", "ID", "records about this person: the person read, or the child concerned"},
                             {"object", "ID", "records about this record (a disclosure, a concern...)"},
                             {"action", "ACTION", "e.g. session.sign_in"},
                             {"outcome", "OUTCOME", "allowed, denied or failed"},
                             {"from", "TIME", "from this date or UTC time"},
                             {"to", "TIME", "before this date or UTC time"},
                             {"limit", "N", "at most N records (default 100, at most 1000)"},
                             {"format", "csv", "CSV instead of a table"}}),
       AuditSearch},
      {"user reset-second-factor",
       "Remove a practitioner's authenticator app, recovery codes and passkeys (they lost their phone); "
       "they set up a new one at their next sign-in. Audited.",
       With(ConfigOptions(), {{"id", "ID", "the practitioner's id (see `jigsaw user list`)"}}), UserResetSecondFactor},
      {"user disable", "Disable a practitioner's account (they left): they cannot sign in and are signed out. Audited.",
       With(ConfigOptions(), {kIdOption}), UserDisable},
      {"user enable", "Enable a disabled account again. Audited.", With(ConfigOptions(), {kIdOption}), UserEnable},
      {"user roles", "Replace a practitioner's roles; they are signed out. Audited.",
       With(ConfigOptions(), {kIdOption, kRoleOption}), UserRoles},
      {"user reset-password",
       "Set a temporary password, read from standard input; they must choose a new one at their next sign-in and "
       "are signed out. Audited.",
       With(ConfigOptions(), {kIdOption}), UserResetPassword},
      {"user move",
       "Propose moving a practitioner to another organisation with these roles there; it happens when that "
       "organisation approves (`jigsaw user approve`). Audited.",
       With(ConfigOptions(), {kIdOption, {"org", "ID", "the organisation they move to"}, kRoleOption}), UserMove},
      {"user propose",
       "Propose an account for an organisation to approve; the password is read from standard input and must be "
       "changed at the first sign-in. Audited.",
       With(ConfigOptions(), {{"org", "ID", "the organisation's id (see `jigsaw org list`)"},
                             {"username", "NAME", "sign-in name: lower-case letters, digits, . _ - @"},
                             {"name", "NAME", "the name colleagues see"},
                             kRoleOption}),
       UserPropose},
      {"user proposals", "List the account proposals waiting for an organisation's approval.",
       With(ConfigOptions(), {{"org", "ID", "the organisation"}}), UserProposals},
      {"user approve", "Approve an account proposal: the account is created or the person moved. Audited.",
       With(ConfigOptions(), {kProposalOption}),
       [](const Parsed& p, Io& io) { return UserDecide(p, io, domain::ProposalOutcome::kApproved); }},
      {"user decline", "Decline an account proposal. Audited.", With(ConfigOptions(), {kProposalOption}),
       [](const Parsed& p, Io& io) { return UserDecide(p, io, domain::ProposalOutcome::kDeclined); }},
      {"demo logins", "Print the demo partnership's sign-in names, password and authenticator secret.", {},
       DemoLoginsCommand},
      {"demo code", "Print the code the demo accounts' authenticator app shows now.", {}, DemoCodeCommand,
       "USERNAME"},
      {"config example", "Print an example configuration file with every setting.", {},
       [](const Parsed&, Io& io) {
         io.out << ExampleConfig();
         return 0;
       }},
      {"version", "Print the version.", {},
       [](const Parsed&, Io& io) {
         io.out << "jigsaw 0.1.0\n";
         return 0;
       }},
  };
  for (auto& c : IntegrityCommands()) commands.push_back(std::move(c));
  for (auto& c : BackupCommands()) commands.push_back(std::move(c));
  return commands;
}

void PrintOverview(std::ostream& out) {
  out << "Jigsaw: multi-agency information sharing for safeguarding children.\n\n"
         "Usage: jigsaw COMMAND [options]\n\nCommands:\n";
  for (const auto& c : Commands()) out << "  " << std::left << std::setw(16) << c.path << " " << c.summary << "\n";
  out << "\nRun `jigsaw COMMAND --help` for a command's options.\n";
}

}  // namespace cli

using namespace cli;

int RunCli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
           std::ostream& err) {
  Io io{in, out, err};
  InitialiseCrypto();
  if (args.empty() || args[0] == "--help" || args[0] == "help") {
    PrintOverview(args.empty() ? err : out);
    return args.empty() ? 2 : 0;
  }
  const auto commands = Commands();
  // The longest command path that prefixes the arguments wins ("org add").
  const Command* chosen = nullptr;
  std::size_t words = 0;
  for (const auto& c : commands) {
    std::vector<std::string> path;
    for (std::size_t s = 0, e; s <= c.path.size(); s = e + 1) {
      e = c.path.find(' ', s);
      if (e == std::string::npos) e = c.path.size();
      path.push_back(c.path.substr(s, e - s));
    }
    if (path.size() > args.size()) continue;
    if (std::equal(path.begin(), path.end(), args.begin()) && path.size() > words) {
      chosen = &c;
      words = path.size();
    }
  }
  if (!chosen) {
    err << "jigsaw: unknown command '" << args[0] << "'.\n\n";
    PrintOverview(err);
    return 2;
  }
  std::vector<std::string> rest(args.begin() + static_cast<long>(words), args.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {  // before parsing, so help works whatever else is given
      PrintHelp(*chosen, out);
      return 0;
    }
  auto parsed = Parse(*chosen, rest);
  if (!parsed) {
    err << "jigsaw: " << parsed.error().message << "\n\n";
    PrintHelp(*chosen, err);
    return 2;
  }
  if (!parsed->positional.empty() && chosen->arguments.empty()) {
    err << "jigsaw: unexpected argument '" << parsed->positional[0] << "'.\n\n";
    PrintHelp(*chosen, err);
    return 2;
  }
  return chosen->run(*parsed, io);
}

}  // namespace jigsaw::app
