// The `jigsaw` command line: serve, init, org, user, demo, config, version.
// Exit status: 0 success, 2 bad usage or invalid input (the message names
// the field), 1 any other failure.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace jigsaw::app {

int RunCli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
           std::ostream& err);

}  // namespace jigsaw::app
