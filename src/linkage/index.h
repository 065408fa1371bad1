// Matching one new record against a large population (millions of
// people) at once: the blocking keys of every record are kept sorted, so a
// query reads only the records that share a key with it and scores those.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "linkage/model.h"
#include "linkage/record.h"

namespace jigsaw::linkage {

struct IndexOptions {
  // A key shared by more records than this is not read for a query (the
  // other rules still are): it bounds the time of the worst query.
  std::size_t max_block_size = 20'000;
};

struct Match {
  std::uint32_t position = 0;  // of the matching record, in the order added
  Explanation explanation;
};

class Index {
 public:
  explicit Index(Model model, IndexOptions options = {});
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  // Adds a record and returns its position. It can be found at once; until
  // the next Build it is found by a linear scan of what was added since.
  std::uint32_t Add(const Record& record);
  // Sorts every key for fast lookup. Call after adding many records.
  void Build(int threads = 1);

  // Every indexed record whose probability of being the same person as
  // `record` is at least `floor`, most probable first, each explained.
  // Safe to call from several threads at once, but not during Add or Build.
  std::vector<Match> Candidates(const Record& record, double floor) const;

  std::size_t size() const;
  std::string_view id(std::uint32_t position) const;  // the record's id
  const Model& model() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jigsaw::linkage
