// Assessments per second on one core, with and without JSON.
//
// Reproduce:
//   ./scripts/test            # or: cmake --build build --target guidance_bench
//   ./build/bench/guidance_bench --benchmark_min_time=2
//
// Targets (issue 3): engine alone >= 500,000/s on a 5-item request;
// parse + assess + serialise >= 100,000/s.
#include <benchmark/benchmark.h>

#include "guidance/engine.h"
#include "guidance/json.h"

namespace {

constexpr const char* kFiveItems = R"({
  "sharer": {"sector": "public"},
  "recipient": {"safeguarding_role": true},
  "purpose": "safeguarding", "risk": "significant", "frequency": "regular",
  "consent": "refused", "objections": [{"by": "parent"}],
  "informing": {"risk_to_child": true}, "uncertain": true,
  "items": [
    {"id": "bruise", "relevant": true, "necessary": true, "accuracy": "verified", "special_category": ["health"]},
    {"id": "disclosure", "relevant": true, "necessary": true, "accuracy": "verified", "confidential": true},
    {"id": "neighbour", "about": "third_party", "relevant": true, "necessary": true, "identifies": [{"who": "Neighbour N"}]},
    {"id": "stepfather", "about": "associated_adult", "relevant": true, "necessary": true, "criminal_offence": true},
    {"id": "holiday", "relevant": false, "necessary": false}
  ]})";

void BM_AssessEngineOnly(benchmark::State& state) {
  const auto request = jigsaw::guidance::ParseRequestText(kFiveItems).value();
  for (auto _ : state) {
    auto a = jigsaw::guidance::Assess(request);
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessEngineOnly);

void BM_AssessWithJson(benchmark::State& state) {
  const std::string text = kFiveItems;
  for (auto _ : state) {
    auto request = jigsaw::guidance::ParseRequestText(text);
    std::string out = jigsaw::guidance::ToJsonText(jigsaw::guidance::Assess(*request));
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessWithJson);

void BM_ParseOnly(benchmark::State& state) {
  const std::string text = kFiveItems;
  for (auto _ : state) {
    auto request = jigsaw::guidance::ParseRequestText(text);
    benchmark::DoNotOptimize(request);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseOnly);

void BM_SerialiseOnly(benchmark::State& state) {
  const auto a = jigsaw::guidance::Assess(jigsaw::guidance::ParseRequestText(kFiveItems).value());
  for (auto _ : state) {
    std::string out = jigsaw::guidance::ToJsonText(a);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SerialiseOnly);

}  // namespace

BENCHMARK_MAIN();
