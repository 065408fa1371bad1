// The JSON reader on a hostile body: 1 MiB of 100,000 distinct keys, the
// body anyone can send to POST /api/v1/sessions without signing in. Before
// duplicate names were found by hashing, parsing it took about 15 s of CPU.
//
// Reproduce:
//   cmake --build build --target json_reader_bench
//   ./build/bench/json_reader_bench --benchmark_min_time=2
//
// Target (issue 13): the whole body parsed in under 20 ms, with the limits
// lifted so that every key is read (BM_KeyFloodParsedWhole); with the
// request limits it is refused at its 65th key (BM_KeyFloodRefused).
#include <benchmark/benchmark.h>

#include <string>

#include "common/json_reader.h"

namespace {

constexpr int kKeys = 100000;

// {"aaaaa":0,"aaaab":0,...}: 100,000 five-letter keys, 1,000,001 bytes.
std::string KeyFlood() {
  std::string body = "{";
  body.reserve(10 * kKeys + 2);
  for (int i = 0; i < kKeys; ++i) {
    if (i) body += ',';
    body += '"';
    for (int d = 4, v = i; d >= 0; --d, v /= 26) body += static_cast<char>('a' + v % 26);
    body += "\":0";
  }
  body += '}';
  return body;
}

void BM_KeyFloodParsedWhole(benchmark::State& state) {
  const std::string body = KeyFlood();
  const jigsaw::JsonLimits unlimited{.max_depth = 64, .max_members = 1u << 30, .max_elements = 1u << 30,
                                     .max_values = 1u << 30};
  for (auto _ : state) {
    auto doc = jigsaw::JsonDocument::Parse(body, unlimited);
    if (!doc || doc->root().size() != kKeys) state.SkipWithError("the key flood did not parse");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_KeyFloodParsedWhole)->Unit(benchmark::kMillisecond);

void BM_KeyFloodRefused(benchmark::State& state) {
  const std::string body = KeyFlood();
  for (auto _ : state) {
    auto doc = jigsaw::JsonDocument::Parse(body);
    if (doc) state.SkipWithError("the key flood was not refused");
    benchmark::DoNotOptimize(doc);
  }
}
BENCHMARK(BM_KeyFloodRefused)->Unit(benchmark::kMicrosecond);

// The same flood spread over many objects of 64 members each (the most
// the request limits allow), in an array of 1,000.
void BM_ObjectsAtTheMemberLimit(benchmark::State& state) {
  std::string body = "[";
  for (int o = 0; o < 1000; ++o) {
    body += o ? ",{" : "{";
    for (int k = 0; k < 64; ++k) body += (k ? ",\"k" : "\"k") + std::to_string(k) + "\":0";
    body += '}';
  }
  body += ']';
  const jigsaw::JsonLimits limits{.max_values = 1u << 20};
  for (auto _ : state) {
    auto doc = jigsaw::JsonDocument::Parse(body, limits);
    if (!doc) state.SkipWithError(doc.error().message.c_str());
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_ObjectsAtTheMemberLimit)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
