#include "support/serve_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <regex>

namespace jigsaw::testing {

ServeProcess::ServeProcess(const TestDatabase& db) {
  int out[2];
  if (pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    setenv("JIGSAW_ACCESS_LOG", "false", 1);
    execl(JIGSAW_BINARY, JIGSAW_BINARY, "serve", "--port", "0", "--threads", "2", "--database",
          db.url().c_str(), "--audit-key", db.key_file().c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // The server prints its URL once it is listening.
  FILE* f = fdopen(out[0], "r");
  char line[512];
  if (f && std::fgets(line, sizeof line, f)) {
    std::smatch m;
    const std::string text(line);
    if (std::regex_search(text, m, std::regex(R"(http://127\.0\.0\.1:(\d+))")))
      port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
  }
  if (f) std::fclose(f);
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) Stop(SIGKILL);
}

int ServeProcess::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace jigsaw::testing
