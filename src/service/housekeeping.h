// The server's timed chores: signing tree heads (so that a crash leaves at
// most one interval of records without a signed head), purging expired
// sessions and stale drafts. When each chore is due comes from the injected
// clock; only the waiting between them is real, so tests drive RunDue()
// with a FakeClock and never sleep.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace jigsaw::service {

class Housekeeping {
 public:
  explicit Housekeeping(const Clock& clock) : clock_(clock) {}
  ~Housekeeping() { Stop(); }

  // `run` every `every` (> 0), first at the next RunDue(). A failure is
  // logged as `name`.failed and the chore runs again when next due.
  void Add(std::string name, Duration every, std::function<Status()> run);

  // Runs every chore that is due by the clock's now, in the order added;
  // returns how long until the next is due. Safe from several threads.
  Duration RunDue();

  // RunDue() on a thread of its own until Stop().
  void Start();
  void Stop();

 private:
  struct Chore {
    std::string name;
    Duration every;
    std::function<Status()> run;
    Time next{};
    bool started = false;
  };
  const Clock& clock_;
  std::mutex run_mu_;  // one RunDue at a time
  std::vector<Chore> chores_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace jigsaw::service
