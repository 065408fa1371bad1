// Structured one-line logs on standard error. Callers pass only
// non-personal fields (ids, codes, timings): never a password, a token, a
// name or free text about a person.
#pragma once

#include <functional>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace jigsaw::log {

enum class Level { kDebug, kInfo, kWarning, kError };

using Field = std::pair<std::string_view, std::string_view>;

void SetMinimumLevel(Level level);

// Where lines go instead of standard error (each line whole, ending in a
// newline), for tests that read what was logged. The sink must outlive
// every Write; set it before the threads that log start and clear it
// (nullptr) after they stop. A sink may be called from several threads.
using Sink = std::function<void(std::string_view line)>;
void SetSink(const Sink* sink);
// Writes `event key=value ...` atomically as one line; values are quoted
// and control characters escaped so a log line cannot be forged.
void Write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

inline void Info(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, event, fields);
}
inline void Warning(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarning, event, fields);
}
inline void Error(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, event, fields);
}

}  // namespace jigsaw::log
