// Joining scored pairs into people. Pairs are taken strongest first; a pair
// that would put two different valid NHS numbers, or two different valid
// permanent UPNs, into one person is refused, so a chain of near matches
// (twin A ~ an unnumbered record ~ twin B) cannot make one child of two.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace jigsaw::linkage {

struct Edge {
  std::uint32_t a = 0, b = 0;  // record indices
  double probability = 0;
};

// Identifiers one person has only one of: any non-zero value, equal for
// equal identifiers; 0 if the record has none that can be trusted.
struct UniqueIdentifiers {
  std::uint64_t nhs_number = 0;  // a valid NHS number
  std::uint64_t upn = 0;         // a valid permanent UPN (a temporary one ends in a letter)
};

struct Clusters {
  // Per record, its cluster: the smallest record index in the cluster.
  std::vector<std::uint32_t> of;
  std::size_t refused = 0;  // edges refused because of conflicting identifiers
};

// `ids[i]` are record i's identifiers. Every edge is used (filter by
// threshold before calling); ties are broken by (a, b) so the result does
// not depend on the edges' order.
Clusters ClusterRecords(std::size_t record_count, std::vector<Edge> edges, std::span<const UniqueIdentifiers> ids);

}  // namespace jigsaw::linkage
