// Time as the system sees it, injected so that tests control it (no test
// sleeps). Times are microseconds since the Unix epoch, UTC.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>

namespace jigsaw {

using Duration = std::chrono::microseconds;
using Time = std::chrono::sys_time<Duration>;

inline std::int64_t ToMicros(Time t) { return t.time_since_epoch().count(); }
inline Time FromMicros(std::int64_t us) { return Time(Duration(us)); }

// RFC 3339 in UTC with seconds, e.g. "2026-11-25T09:30:00Z".
std::string FormatRfc3339(Time t);
// Parses "2026-11-25T09:30:00Z" or a date "2026-11-25" (midnight UTC).
std::optional<Time> ParseRfc3339(std::string_view text);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Time Now() const override;
};

// A clock that moves only when told to; safe to read from several threads.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Time start) : now_(ToMicros(start)) {}
  Time Now() const override { return FromMicros(now_.load()); }
  void Advance(Duration d) { now_ += d.count(); }
  void Set(Time t) { now_ = ToMicros(t); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace jigsaw
