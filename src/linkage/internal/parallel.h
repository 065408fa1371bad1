// Runs work(chunk) for chunk = 0..chunks-1 on up to `threads` threads
// (the calling thread is one of them). Chunks are taken in order from a
// shared counter, so uneven chunks balance themselves; results must not
// depend on which thread ran which chunk.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace jigsaw::linkage::internal {

template <typename Work>
void ParallelFor(std::size_t chunks, int threads, const Work& work) {
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < chunks;) work(c);
  };
  const std::size_t extra = std::min<std::size_t>(chunks, static_cast<std::size_t>(std::max(threads, 1))) - (chunks ? 1 : 0);
  std::vector<std::jthread> pool;
  pool.reserve(extra);
  for (std::size_t t = 0; t < extra; ++t) pool.emplace_back(run);
  run();
}

}  // namespace jigsaw::linkage::internal
