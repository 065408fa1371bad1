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

ChildProcess::ChildProcess(const std::vector<std::string>& args, const std::string& ready) {
  int out[2];
  if (pipe(out) != 0) return;
  std::vector<std::string> argv_text = {JIGSAW_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    setenv("JIGSAW_ACCESS_LOG", "false", 1);
    execv(JIGSAW_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[1024];
  const std::regex pattern(ready);
  while (f && std::fgets(line, sizeof line, f)) {
    std::smatch m;
    const std::string text(line);
    if (std::regex_search(text, m, pattern)) {
      match_ = m.size() > 1 ? m[1].str() : m[0].str();
      break;
    }
  }
  // Kept open until the child stops: a closed pipe would end it at its next line.
  output_ = f;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) Stop(SIGKILL);
}

int ChildProcess::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (output_) std::fclose(output_);
  output_ = nullptr;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace jigsaw::testing
