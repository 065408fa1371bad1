#include "linkage/string_metrics.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace jigsaw::linkage {
namespace {

// Which positions have been matched: bits of two words for names (the
// common case, and no memory to clear), a vector for anything longer.
class Flags {
 public:
  explicit Flags(std::size_t n) {
    if (n > 128) heap_.assign(n, 0);
  }
  bool operator[](std::size_t i) const {
    return heap_.empty() ? (bits_[i >> 6] >> (i & 63)) & 1 : heap_[i] != 0;
  }
  void Set(std::size_t i) {
    if (heap_.empty()) bits_[i >> 6] |= std::uint64_t{1} << (i & 63);
    else heap_[i] = 1;
  }

 private:
  std::uint64_t bits_[2] = {0, 0};
  std::vector<std::uint8_t> heap_;
};

double Jaro(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  const std::size_t la = a.size(), lb = b.size();
  const std::size_t window = lb / 2 > 0 ? lb / 2 - 1 : 0;
  Flags a_matched(la), b_matched(lb);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < la; ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(lb, i + window + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched.Set(i);
      b_matched.Set(j);
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t half_transpositions = 0;
  for (std::size_t i = 0, k = 0; i < la; ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[k]) ++k;
    if (a[i] != b[k]) ++half_transpositions;
    ++k;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(half_transpositions / 2);
  return (m / static_cast<double>(la) + m / static_cast<double>(lb) + (m - t) / m) / 3.0;
}

}  // namespace

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const double jaro = Jaro(a, b);
  if (jaro <= 0.7) return jaro;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

int DamerauLevenshtein(std::string_view a, std::string_view b, int limit) {
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  if (la == 0 || lb == 0) return std::max(la, lb);
  // Three rows of the usual table: two back (for transpositions), previous,
  // current; on the stack for names.
  constexpr int kInline = 64;
  int inline_rows[3][kInline];
  std::vector<int> heap;
  int* rows[3];
  if (lb < kInline) {
    for (int r = 0; r < 3; ++r) rows[r] = inline_rows[r];
  } else {
    heap.assign(static_cast<std::size_t>(3 * (lb + 1)), 0);
    for (int r = 0; r < 3; ++r) rows[r] = heap.data() + r * (lb + 1);
  }
  int* before = rows[0];
  int* previous = rows[1];
  int* current = rows[2];
  for (int j = 0; j <= lb; ++j) previous[j] = j;
  for (int i = 1; i <= la; ++i) {
    current[0] = i;
    int row_best = i;
    for (int j = 1; j <= lb; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d = std::min(d, before[j - 2] + 1);
      current[j] = d;
      row_best = std::min(row_best, d);
    }
    // A row's smallest entry never falls in later rows (a transposition
    // reaches back two rows, whose smallest is at most one less).
    if (row_best > limit) return limit + 1;
    int* oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  return std::min(previous[lb], limit + 1);
}

}  // namespace jigsaw::linkage
