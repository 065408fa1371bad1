// Record linkage speed on the 2-core machine (docs/linkage.md has the
// figures measured with these commands).
//
// Reproduce:
//   cmake --build build --target linkage_bench
//   ./build/bench/linkage_bench --benchmark_filter=ScorePairs    # one core
//   ./build/bench/linkage_bench --benchmark_filter=EndToEnd      # 1,000,000 records, two threads
//   ./build/bench/linkage_bench --benchmark_filter=IndexQuery    # 12,000,000 people
// JIGSAW_BENCH_INDEX_PEOPLE=N indexes N people instead of 12,000,000 (the
// index takes about 0.4 GB a million; generating them takes longest).
//
// Targets (issue 15): at least 2,000,000 scored pairs a second on one core;
// 1,000,000 records end to end, training included, in under 30 s on two
// cores; one new record against an index of 12,000,000 people with p99
// under 5 ms.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include <time.h>

#include "linkage/internal/prepared.h"
#include "linkage/linkage.h"
#include "linkage/synthetic.h"

namespace {

using namespace jigsaw::linkage;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point from) { return std::chrono::duration<double>(Clock::now() - from).count(); }

// CPU seconds of the whole process (every thread): on a shared machine
// the wall-clock time also counts other people's work.
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// CPU seconds of the calling thread: a query's own work, without the time
// it waited for a core.
double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The process's peak resident memory in GiB (Linux), for the record.
double PeakGiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / (1024.0 * 1024.0);
  return 0;
}

// Records per child in the synthetic partnership is about 2.74.
constexpr std::size_t kChildrenPerMillionRecords = 365'000;

// Scoring only: the candidate pairs of 110,000 records, compared and
// weighed (comparison levels, term frequencies, the relative term) on one
// thread, as Link does for each pair its blocking rules find.
void BM_ScorePairs(benchmark::State& state) {
  const auto data = synthetic::Generate({.seed = 1, .children = 40'000});
  const RecordSet records(data.records);
  const Model model = Train(records, {.threads = 2});
  const LinkResult all = Link(model, records, {.pairs_floor = 0.0, .threads = 2});
  const internal::PreparedSet& set = records.prepared();
  const internal::NameFrequencies tf = internal::FrequenciesOf(model, set);
  double sum = 0;
  for (auto _ : state) {
    for (const ScoredPair& p : all.pairs) {
      const Comparison c = internal::Compare(set, p.a, set, p.b);
      sum += model.MatchWeight(c, tf.Given(set[p.a]), tf.Family(set[p.a]));
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.pairs.size()));
  state.counters["pairs"] = static_cast<double>(all.pairs.size());
}
BENCHMARK(BM_ScorePairs)->Unit(benchmark::kMillisecond);

// The worst case for the string comparisons: pairs drawn at random (almost
// all different people, so every name is compared letter by letter).
void BM_ScoreRandomPairs(benchmark::State& state) {
  const auto data = synthetic::Generate({.seed = 1, .children = 40'000});
  const RecordSet records(data.records);
  const Model model = Train(records, {.threads = 2});
  const internal::PreparedSet& set = records.prepared();
  const internal::NameFrequencies tf = internal::FrequenciesOf(model, set);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::uint64_t x = 88172645463325252ULL;
  for (int k = 0; k < 1'000'000; ++k) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    pairs.emplace_back(static_cast<std::uint32_t>(x % set.size()), static_cast<std::uint32_t>((x >> 32) % set.size()));
  }
  double sum = 0;
  for (auto _ : state) {
    for (const auto& [a, b] : pairs) sum += model.MatchWeight(internal::Compare(set, a, set, b), tf.Given(set[a]), tf.Family(set[a]));
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pairs.size()));
}
BENCHMARK(BM_ScoreRandomPairs)->Unit(benchmark::kMillisecond);

// 1,000,000 records from folding to clusters, training included.
void BM_EndToEnd(benchmark::State& state) {
  const auto data = synthetic::Generate({.seed = 2, .children = kChildrenPerMillionRecords});
  for (auto _ : state) {
    const auto start = Clock::now();
    const double cpu_start = ProcessCpuSeconds();
    const RecordSet records(data.records);
    const double prepared = Seconds(start), prepared_cpu = ProcessCpuSeconds();
    const Model model = Train(records, {.threads = 2});
    const double trained = Seconds(start), trained_cpu = ProcessCpuSeconds();
    const LinkResult result = Link(model, records, {.threads = 2});
    const double linked = Seconds(start), linked_cpu = ProcessCpuSeconds();
    state.counters["prepare_cpu_s"] = prepared_cpu - cpu_start;
    state.counters["train_cpu_s"] = trained_cpu - prepared_cpu;
    state.counters["link_cpu_s"] = linked_cpu - trained_cpu;
    state.SetIterationTime(linked);
    const auto accuracy = synthetic::Evaluate(data, result.cluster);
    state.counters["records"] = static_cast<double>(data.records.size());
    state.counters["compared_pairs"] = static_cast<double>(result.compared);
    state.counters["prepare_s"] = prepared;
    state.counters["train_s"] = trained - prepared;
    state.counters["link_s"] = linked - trained;
    state.counters["precision"] = accuracy.precision();
    state.counters["recall"] = accuracy.recall();
  }
  state.counters["peak_GiB"] = PeakGiB();
}
BENCHMARK(BM_EndToEnd)->Unit(benchmark::kSecond)->UseManualTime()->Iterations(1);

// One record at a time against an index of one record per person, the
// records of a partnership index. People come in regions of 250,000
// children (each its own postcode area); the query is another agency's
// record of a child in the index.
void BM_IndexQuery(benchmark::State& state) {
  const char* env = std::getenv("JIGSAW_BENCH_INDEX_PEOPLE");
  const std::size_t people = env ? std::stoull(env) : 12'000'000;
  constexpr std::size_t kRegion = 250'000, kQueries = 20'000;
  const auto build_start = Clock::now();
  std::vector<Record> queries;
  std::vector<std::string> query_child;  // the id of the indexed record of the same child
  std::optional<Index> index;
  for (std::size_t region = 0; region * kRegion < people; ++region) {
    const std::string area{static_cast<char>('A' + region / 26 % 26), static_cast<char>('A' + region % 26)};
    const auto data = synthetic::Generate(
        {.seed = 100 + region, .children = std::min(kRegion, people - region * kRegion), .area = area});
    if (!index) index.emplace(Train(RecordSet(data.records), {.threads = 2}));
    std::vector<std::size_t> first(data.household.size(), SIZE_MAX);
    for (std::size_t i = 0; i < data.records.size(); ++i) {
      std::size_t& f = first[data.person[i]];
      if (f == SIZE_MAX) {
        f = i;
        index->Add(data.records[i]);
      } else if (queries.size() < kQueries && i % 7 == 0) {
        queries.push_back(data.records[i]);
        query_child.push_back(data.records[f].id);
      }
    }
  }
  index->Build(2);
  const double build_seconds = Seconds(build_start);
  std::vector<double> latency, cpu;
  std::size_t found = 0, wrong = 0;
  for (auto _ : state) {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      const auto start = Clock::now();
      const double cpu_start = ThreadCpuSeconds();
      const auto matches = index->Candidates(queries[q], 0.5);
      cpu.push_back((ThreadCpuSeconds() - cpu_start) * 1e3);
      latency.push_back(Seconds(start) * 1e3);
      const bool strong = !matches.empty() && matches[0].explanation.probability >= LinkOptions{}.threshold;
      found += strong && index->id(matches[0].position) == query_child[q];
      wrong += strong && index->id(matches[0].position) != query_child[q];
    }
  }
  std::sort(latency.begin(), latency.end());
  std::sort(cpu.begin(), cpu.end());
  auto at = [](const std::vector<double>& v, double quantile) {
    return v[static_cast<std::size_t>(quantile * double(v.size() - 1))];
  };
  state.counters["people"] = static_cast<double>(index->size());
  state.counters["queries"] = static_cast<double>(latency.size());
  state.counters["p50_ms"] = at(latency, 0.5);
  state.counters["p99_ms"] = at(latency, 0.99);
  state.counters["max_ms"] = latency.back();
  state.counters["cpu_p50_ms"] = at(cpu, 0.5);
  state.counters["cpu_p99_ms"] = at(cpu, 0.99);
  state.counters["cpu_max_ms"] = cpu.back();
  state.counters["found"] = double(found) / double(latency.size());        // the child, at 0.9 or more
  state.counters["wrong"] = double(wrong) / double(latency.size());        // another, at 0.9 or more
  state.counters["build_s"] = build_seconds;
  state.counters["peak_GiB"] = PeakGiB();
}
BENCHMARK(BM_IndexQuery)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
