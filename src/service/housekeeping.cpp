#include "service/housekeeping.h"

#include <algorithm>

#include "common/log.h"

namespace jigsaw::service {

void Housekeeping::Add(std::string name, Duration every, std::function<Status()> run) {
  std::lock_guard lock(run_mu_);
  chores_.push_back({std::move(name), every, std::move(run), {}, false});
}

Duration Housekeeping::RunDue() {
  std::lock_guard lock(run_mu_);
  const Time now = clock_.Now();
  Duration wait = Duration::max();
  for (Chore& c : chores_) {
    if (!c.started || c.next <= now) {
      if (auto done = c.run(); !done) {
        const std::string event = c.name + ".failed";
        log::Warning(event, {{"error", done.error().message}});
      }
      c.started = true;
      // From now, not from when it was due: a clock that jumped does not
      // make a chore run many times in a row.
      c.next = now + c.every;
    }
    wait = std::min(wait, c.next - now);
  }
  return wait;
}

void Housekeeping::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      const Duration wait = RunDue();
      lock.lock();
      // The wait is real time; at most a second, so a clock that is not
      // the system's (or that jumped) is looked at again soon.
      wake_.wait_for(lock, std::clamp(wait, Duration(1000), Duration(std::chrono::seconds(1))),
                     [this] { return stopping_; });
    }
  });
}

void Housekeeping::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace jigsaw::service
