// Coverage for libFuzzer from g++'s instrumentation. Jigsaw is C++23 built
// with g++ (std::expected needs a newer clang than Debian's clang-14), and
// g++ can instrument for fuzzing only with -fsanitize-coverage=trace-pc
// (one call per basic block) and trace-cmp. libFuzzer 14 still reads the
// comparisons, but no longer turns trace-pc calls into coverage (its own
// __sanitizer_cov_trace_pc, weakened in the build so that this one wins,
// only prints that it is unsupported). This file does the turning: each
// call marks the edge from the previous block to this one (AFL's scheme)
// in a byte counter that libFuzzer reads as "extra counters", its
// interface for coverage it did not instrument itself.
#include <cstddef>
#include <cstdint>

namespace {
constexpr std::size_t kCounters = std::size_t{1} << 16;
thread_local std::uintptr_t previous_block = 0;
}  // namespace

extern "C" {

// libFuzzer finds this section by its __start_/__stop_ symbols.
__attribute__((section("__libfuzzer_extra_counters"), used)) std::uint8_t jigsaw_fuzz_edge_counters[kCounters];

__attribute__((no_sanitize_coverage, no_sanitize("address", "undefined"))) void __sanitizer_cov_trace_pc() {
  const auto block = reinterpret_cast<std::uintptr_t>(__builtin_return_address(0));
  const std::size_t edge = (block ^ previous_block) & (kCounters - 1);
  // Shifted, so that A->B and B->A, and A->A and B->B, are different edges.
  previous_block = block >> 1;
  ++jigsaw_fuzz_edge_counters[edge];
}

// g++ also reports floating-point comparisons, which libFuzzer does not
// take; they carry nothing worth guiding the search here.
__attribute__((no_sanitize_coverage)) void __sanitizer_cov_trace_cmpf(float, float) {}
__attribute__((no_sanitize_coverage)) void __sanitizer_cov_trace_cmpd(double, double) {}

}  // extern "C"
