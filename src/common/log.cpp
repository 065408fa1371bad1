#include "common/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>

#include "common/clock.h"

namespace jigsaw::log {
namespace {

std::atomic<Level> g_minimum{Level::kInfo};
std::atomic<const Sink*> g_sink{nullptr};

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarning: return "warning";
    case Level::kError: return "error";
  }
  return "info";
}

void AppendQuoted(std::string& out, std::string_view value) {
  out.push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

void SetMinimumLevel(Level level) { g_minimum = level; }

void SetSink(const Sink* sink) { g_sink = sink; }

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (level < g_minimum.load()) return;
  std::string line = FormatRfc3339(SystemClock().Now());
  line += " level=";
  line += LevelName(level);
  line += " event=";
  AppendQuoted(line, event);
  for (const auto& [key, value] : fields) {
    line.push_back(' ');
    line += key;
    line.push_back('=');
    AppendQuoted(line, value);
  }
  line.push_back('\n');
  if (const Sink* sink = g_sink.load()) return (*sink)(line);
  std::fwrite(line.data(), 1, line.size(), stderr);  // one write: lines never interleave
}

}  // namespace jigsaw::log
