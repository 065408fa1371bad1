// Audit log throughput on the 2-core machine.
//
// Reproduce:
//   cmake --build build --target audit_bench
//   ./build/bench/audit_bench                       # SQLite only
//   JIGSAW_BENCH_POSTGRES_URL=postgresql://jigsaw@127.0.0.1:PORT/postgres ./build/bench/audit_bench
//
// Logs of 1M and 10M records are built once into /tmp (jigsaw-bench-*.db)
// and reused; building the 10M log takes a few minutes the first time.
//
// Targets (issue 4): >= 50,000 durable appends/s on SQLite with group
// commit; verification >= 1,000,000 records/s; an inclusion proof < 100 us.
// Issue 13: the cost of `verify --deep`, and of signing a head with the
// stored tree checked first (the server does it up to once a second).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

#include "app/signing_key.h"
#include "common/random.h"
#include "service/audit_log.h"
#include "service/audit_trail.h"

namespace {

using namespace jigsaw;

struct Log {
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  std::unique_ptr<service::AuditTrail> trail;
  std::unique_ptr<audit::SigningKey> key;
  std::unique_ptr<service::AuditLog> log;
};

std::unique_ptr<Log> Open(const std::string& url) {
  auto l = std::make_unique<Log>();
  auto s = store::Open({.url = url, .pool_size = 4});
  if (!s) return nullptr;
  l->store = std::move(*s);
  l->trail = std::make_unique<service::AuditTrail>(*l->store, l->clock);
  l->key = std::make_unique<audit::SigningKey>(audit::SigningKey::FromSeed(Bytes(32, 7)).value());
  l->log = std::make_unique<service::AuditLog>(*l->store, l->clock, *l->trail, *l->key);
  return l;
}

service::Context Someone() {
  return {access::Actor{"7f3a9c0e5b2d4a6f8e1c3b5d7a9f0e2c", "1b2c3d4e5f60718293a4b5c6d7e8f901",
                        domain::RoleSet{domain::Role::kPractitioner}},
          "0123456789abcdef01234567"};
}

const service::AuditEvent kEvent{"practitioner.list", "organisation", "1b2c3d4e5f60718293a4b5c6d7e8f901"};

// A log of `size` records at a fixed path, built once.
Log& Prebuilt(std::uint64_t size) {
  static std::map<std::uint64_t, std::unique_ptr<Log>> logs;
  auto& slot = logs[size];
  if (slot) return *slot;
  const std::string path = "/tmp/jigsaw-bench-" + std::to_string(size) + ".db";
  slot = Open("sqlite:" + path);
  std::uint64_t have = 0;
  (void)slot->store->Read([&](store::Transaction& tx) -> Status {
    have = JIGSAW_TRY(tx.audit().Size());
    return Ok();
  });
  const auto ctx = Someone();
  while (have < size) {
    const std::uint64_t chunk = std::min<std::uint64_t>(100000, size - have);
    (void)slot->store->Write([&](store::Transaction& tx) -> Status {
      for (std::uint64_t i = 0; i < chunk; ++i) JIGSAW_RETURN_IF_ERROR(slot->trail->Append(tx, ctx, kEvent));
      return Ok();
    });
    have += chunk;
  }
  (void)slot->log->SignTreeHead();
  return *slot;
}

void DurableAppends(benchmark::State& state, const std::string& url) {
  static std::unique_ptr<Log> shared;
  if (state.thread_index() == 0) {
    shared = Open(url);
    if (!shared) state.SkipWithError("cannot open the database");
  }
  const auto ctx = Someone();
  for (auto _ : state) {
    if (!shared->trail->Record(ctx, kEvent)) state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) shared.reset();
}

// A database file (and its WAL) removed when the benchmark exits.
struct ScratchDatabase {
  std::string path = "/tmp/jigsaw-bench-appends-" + NewId() + ".db";
  ~ScratchDatabase() {
    for (const char* suffix : {"", "-wal", "-shm", ".audit-key"}) std::filesystem::remove(path + suffix);
  }
};

void BM_DurableAppendsSqlite(benchmark::State& state) {
  static const ScratchDatabase db;
  DurableAppends(state, "sqlite:" + db.path);
}
BENCHMARK(BM_DurableAppendsSqlite)->Threads(1)->Threads(16)->Threads(64)->Threads(256)->UseRealTime()->MinTime(3);

void BM_DurableAppendsPostgres(benchmark::State& state) {
  const char* url = std::getenv("JIGSAW_BENCH_POSTGRES_URL");
  if (!url) {
    state.SkipWithError("set JIGSAW_BENCH_POSTGRES_URL to measure PostgreSQL");
    for (auto _ : state) {
    }
    return;
  }
  DurableAppends(state, url);
}
BENCHMARK(BM_DurableAppendsPostgres)->Threads(1)->Threads(16)->Threads(64)->UseRealTime()->MinTime(3);

void BM_Verify(benchmark::State& state) {
  Log& log = Prebuilt(static_cast<std::uint64_t>(state.range(0)));
  for (auto _ : state) {
    auto report = log.log->Verify(log.key->public_key(), {});
    if (!report || !report->ok) state.SkipWithError("verification failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Verify)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);

// `audit verify --deep`: the records, then every stored node and the
// right edge against the tree they make.
void BM_VerifyDeep(benchmark::State& state) {
  Log& log = Prebuilt(static_cast<std::uint64_t>(state.range(0)));
  for (auto _ : state) {
    auto report = log.log->Verify({audit::TrustedKeys({log.key->public_key()}), {}, true});
    if (!report || !report->ok) state.SkipWithError("deep verification failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_VerifyDeep)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(3);

// Signing a head after one more record: the check of the stored right edge
// and of consistency with the previous head (O(log n) node reads) included.
void BM_SignAfterAppend(benchmark::State& state) {
  Log& log = Prebuilt(static_cast<std::uint64_t>(state.range(0)));
  const auto ctx = Someone();
  for (auto _ : state) {
    state.PauseTiming();
    if (!log.trail->Record(ctx, kEvent)) state.SkipWithError("append failed");
    state.ResumeTiming();
    if (!log.log->SignTreeHead()) state.SkipWithError("signing failed");
  }
}
BENCHMARK(BM_SignAfterAppend)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMicrosecond)->Iterations(200);

void BM_InclusionProof(benchmark::State& state) {
  const auto size = static_cast<std::uint64_t>(state.range(0));
  Log& log = Prebuilt(size);
  // As the server does at start.
  if (!log.log->WarmCache()) state.SkipWithError("warming failed");
  std::uint64_t i = 12345;
  for (auto _ : state) {
    i = (i * 6364136223846793005ULL + 1442695040888963407ULL);
    auto proof = log.log->ProveInclusion(i % size, size);
    if (!proof) state.SkipWithError("no proof");
    benchmark::DoNotOptimize(proof);
  }
}
BENCHMARK(BM_InclusionProof)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMicrosecond);

// A proof with nothing in the log's node cache, as just after a start (the
// connection and its prepared statements are warm: the first request of a
// new connection also pays for reading the schema, about 1 ms, once).
void BM_InclusionProofColdCache(benchmark::State& state) {
  const auto size = static_cast<std::uint64_t>(state.range(0));
  Log& log = Prebuilt(size);
  std::uint64_t i = 54321;
  for (auto _ : state) {
    state.PauseTiming();
    auto cold = std::make_unique<service::AuditLog>(*log.store, log.clock, *log.trail, *log.key);
    i = (i * 6364136223846793005ULL + 1442695040888963407ULL);
    state.ResumeTiming();
    auto proof = cold->ProveInclusion(i % size, size);
    state.PauseTiming();
    if (!proof) state.SkipWithError("no proof");
    cold.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_InclusionProofColdCache)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMicrosecond)->Iterations(200);

// Loading the upper levels into a new log's cache, as the server does at start.
void BM_WarmCache(benchmark::State& state) {
  const auto size = static_cast<std::uint64_t>(state.range(0));
  Log& log = Prebuilt(size);
  for (auto _ : state) {
    service::AuditLog fresh(*log.store, log.clock, *log.trail, *log.key);
    auto loaded = fresh.WarmCache();
    if (!loaded) state.SkipWithError("warming failed");
    state.counters["nodes"] = static_cast<double>(loaded.value_or(0));
  }
}
BENCHMARK(BM_WarmCache)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond)->Iterations(3);


}  // namespace

BENCHMARK_MAIN();
