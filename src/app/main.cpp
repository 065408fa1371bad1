// The `jigsaw` binary: see app/cli.h.
#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return jigsaw::app::RunCli(args, std::cin, std::cout, std::cerr);
}
