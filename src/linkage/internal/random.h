// A small deterministic generator (SplitMix64) for sampling pairs: the same
// seed gives the same model on every machine, so tests and training runs
// can be repeated exactly. Not for anything secret.
#pragma once

#include <cstdint>

namespace jigsaw::linkage::internal {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is below 2^-32 for our n).
  std::uint64_t Below(std::uint64_t n) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<Wide>(Next()) * n) >> 64);
  }

 private:
  std::uint64_t state_;
};

}  // namespace jigsaw::linkage::internal
