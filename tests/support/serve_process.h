// A real `jigsaw serve` process on a free port, for tests that need
// separate instances or to kill one. Killed (SIGKILL) when destroyed unless
// already stopped.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

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

}  // namespace jigsaw::testing
