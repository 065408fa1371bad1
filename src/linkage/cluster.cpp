#include "linkage/cluster.h"

#include <algorithm>
#include <numeric>

namespace jigsaw::linkage {

namespace {
bool Conflict(std::uint64_t a, std::uint64_t b) { return a != 0 && b != 0 && a != b; }
}  // namespace

Clusters ClusterRecords(std::size_t n, std::vector<Edge> edges, std::span<const UniqueIdentifiers> ids) {
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    if (x.probability != y.probability) return x.probability > y.probability;
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  // Per root: the cluster's identifiers (0 where it has none yet). The root
  // is always the cluster's smallest member.
  std::vector<UniqueIdentifiers> held(ids.begin(), ids.end());
  held.resize(n);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  Clusters out;
  for (const Edge& e : edges) {
    std::uint32_t ra = find(e.a), rb = find(e.b);
    if (ra == rb) continue;
    if (Conflict(held[ra].nhs_number, held[rb].nhs_number) || Conflict(held[ra].upn, held[rb].upn)) {
      ++out.refused;
      continue;
    }
    if (rb < ra) std::swap(ra, rb);  // the smaller index stays the root
    parent[rb] = ra;
    if (held[ra].nhs_number == 0) held[ra].nhs_number = held[rb].nhs_number;
    if (held[ra].upn == 0) held[ra].upn = held[rb].upn;
  }
  out.of.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) out.of[i] = find(i);
  return out;
}

}  // namespace jigsaw::linkage
