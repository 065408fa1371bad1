// What sealing case records' content under per-concern keys costs a list
// page (crypto-shredding, docs/retention.md): the newest 50 of an
// organisation's concerns and each one's items, read in one transaction,
// with and without a content key store. With one, the concerns' keys are
// fetched in one look-up for the list; each concern's items then find the
// key in the transaction's cache.
//
// Reproduce:
//   cmake --build build --target content_bench
//   ./build/bench/content_bench
//
// SQLite in /tmp, 500 concerns of 3 items each, the key store a file.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "common/random.h"
#include "store/content_keys.h"
#include "store/store.h"

namespace {

using namespace jigsaw;

store::KeyWrapping Wrapping() {
  // A wrap as costly as the keyring's (an AEAD over 32 bytes) is not what
  // is measured here: keys are unwrapped once per list, not per row.
  return {.wrap = [](std::span<const std::uint8_t> key, std::string_view) { return Bytes(key.begin(), key.end()); },
          .unwrap = [](std::span<const std::uint8_t> w, std::string_view) -> Result<Bytes> {
            return Bytes(w.begin(), w.end());
          }};
}

struct Fixture {
  std::unique_ptr<store::Store> store;
  std::string organisation_id = NewId();
};

std::unique_ptr<Fixture> Build(bool sealed) {
  static SystemClock clock;
  const std::string base = "/tmp/jigsaw-content-bench-" + NewId();
  std::shared_ptr<store::ContentKeys> keys;
  if (sealed) keys = store::OpenContentKeys(base + ".content-keys", Wrapping(), clock).value();
  auto f = std::make_unique<Fixture>();
  f->store = store::Open({.url = "sqlite:" + base + ".db", .pool_size = 2, .content_keys = keys}).value();
  (void)f->store->Write([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(
        {f->organisation_id, "Bench School", domain::OrganisationType::kSchool, domain::Sector::kPublic, false, {}}));
    for (int i = 0; i < 500; ++i) {
      domain::Person child;
      child.id = NewId();
      child.organisation_id = f->organisation_id;
      child.given_name = "Child";
      child.family_name = std::to_string(i);
      child.address = "1 Bench Road";
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertPerson(child));
      domain::Concern c;
      c.id = NewId();
      c.organisation_id = f->organisation_id;
      c.child_id = child.id;
      c.raised_by = "bench";
      c.forms = {domain::AbuseForm::kNeglect};
      c.what_happened = std::string(400, 'a');
      c.child_words = std::string(100, 'b');
      c.created_at = FromMicros(1000 + i);
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertConcern(c));
      for (int j = 0; j < 3; ++j) {
        domain::InformationItem item;
        item.id = NewId();
        item.organisation_id = f->organisation_id;
        item.concern_id = c.id;
        item.person_id = child.id;
        item.text = std::string(200, 'c');
        item.source = "bench";
        item.created_by = "bench";
        item.created_at = FromMicros(2000 + j);
        JIGSAW_RETURN_IF_ERROR(tx.casework().InsertItem(item));
      }
    }
    return Ok();
  });
  return f;
}

void BM_ListPage(benchmark::State& state) {
  static std::unique_ptr<Fixture> fixtures[2] = {Build(false), Build(true)};
  Fixture& f = *fixtures[state.range(0)];
  for (auto _ : state) {
    std::size_t bytes = 0;
    (void)f.store->Read([&](store::Transaction& tx) -> Status {
      auto concerns = JIGSAW_TRY(tx.casework().Concerns({.organisation_id = f.organisation_id, .limit = 50}));
      for (const auto& c : concerns) {
        bytes += c.what_happened.size();
        for (const auto& i : JIGSAW_TRY(tx.casework().ItemsOfConcern(c.id))) bytes += i.text.size();
      }
      return Ok();
    });
    benchmark::DoNotOptimize(bytes);
  }
  state.SetLabel(state.range(0) ? "sealed" : "plaintext");
}
BENCHMARK(BM_ListPage)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
