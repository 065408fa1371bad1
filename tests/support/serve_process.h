// A real `jigsaw serve` process on a free port, for tests that need
// separate instances or to kill one. Killed (SIGKILL) when destroyed unless
// already stopped.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "support/test_database.h"

namespace jigsaw::testing {

class ServeProcess {
 public:
  explicit ServeProcess(const TestDatabase& db);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::uint16_t port() const { return port_; }  // 0 if it did not start
  // Sends `signal` and waits; returns the exit status, or -signal if killed by it.
  int Stop(int signal);

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// Any `jigsaw` command in the background (e.g. a witness serving its copy):
// started with `args`, its standard output read until a line matches
// `ready` (an ECMAScript regex with one group, returned by ready_match(),
// empty if it never matched). Killed (SIGKILL) when destroyed unless stopped.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& args, const std::string& ready);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  const std::string& ready_match() const { return match_; }
  // Sends `signal` and waits; returns the exit status, or -signal if killed by it.
  int Stop(int signal);

 private:
  pid_t pid_ = -1;
  std::string match_;
  FILE* output_ = nullptr;
};

}  // namespace jigsaw::testing
