// Internal to the command line (app/cli.cpp and the files of commands it
// gathers): how a command is described, parsed and run, and the helpers
// every command shares.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/application.h"
#include "app/config.h"
#include "audit/verifier.h"
#include "common/clock.h"

namespace jigsaw::app::cli {

struct Option {
  std::string name;
  std::string value_name;  // empty for a switch
  std::string help;
  bool repeatable = false;
};

struct Parsed {
  std::map<std::string, std::vector<std::string>> values;
  std::set<std::string> switches;
  std::vector<std::string> positional;
  std::string One(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() || it->second.empty() ? std::string() : it->second.back();
  }
  // Every value of a repeatable option, in order.
  std::vector<std::string> All(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::vector<std::string>{} : it->second;
  }
  bool Has(const std::string& name) const { return values.count(name) || switches.count(name); }
};

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::string path;  // "org add"
  std::string summary;
  std::vector<Option> options;
  std::function<int(const Parsed&, Io&)> run;
  std::string arguments = {};  // positional arguments, for the usage line ("[FILE]")
};

// --config, --database and the key options, which most commands take.
const std::vector<Option>& ConfigOptions();
std::vector<Option> With(std::vector<Option> a, const std::vector<Option>& b);
// The configuration the flags, the environment and the file give.
Result<Config> LoadCliConfig(const Parsed& parsed);
// Prints the error; returns the exit status (2 for bad input, else 1).
int Report(const Error& error, Io& io);
Result<std::unique_ptr<Application>> OpenApplication(const Parsed& parsed, const Clock& clock,
                                                     bool create_signing_key = false);
const SystemClock& RealClock();
// --NAME as a whole number (kInvalidArgument naming it otherwise).
Result<std::uint64_t> Number(const Parsed& parsed, const std::string& name);

// --OPTION HEX, repeatable: Ed25519 public keys (kInvalidArgument naming it).
Result<audit::TrustedKeys> KeysFrom(const Parsed& parsed, const std::string& option);

// --witness FILE|URL (with --witness-key HEX to pin the witness): every head
// the witnesses countersigned, each countersignature checked.
// kFailedPrecondition names a countersignature that does not verify.
struct Witnessed {
  std::vector<audit::SourcedHead> heads;
  std::string summary;  // for the OK line
};
Result<Witnessed> WitnessedHeads(const Parsed& parsed);
// "FAILED at index 42: ..." (or at a stored node, or in the stored state).
std::string DescribeFailure(const audit::VerifyReport& report);

// The commands of the audit log's integrity and its keys: audit verify,
// audit witness, keys list, keys rotate (app/audit_commands.cpp).
std::vector<Command> IntegrityCommands();
// `jigsaw backup` and `jigsaw restore` (app/backup_commands.cpp).
std::vector<Command> BackupCommands();

}  // namespace jigsaw::app::cli
