// A batch of records folded and keyed once, so that training and linking
// the same records do not repeat the work.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "linkage/record.h"

namespace jigsaw::linkage {
namespace internal {
class PreparedSet;
}

class RecordSet {
 public:
  // Folds every record (NormaliseText), finds phonetic keys and nicknames,
  // parses dates, postcodes and identifiers. A field that does not parse
  // (a date that is not YYYY-MM-DD) counts as missing.
  explicit RecordSet(std::span<const Record> records);
  ~RecordSet();
  RecordSet(RecordSet&&) noexcept;
  RecordSet& operator=(RecordSet&&) noexcept;

  std::size_t size() const;
  const internal::PreparedSet& prepared() const { return *set_; }

 private:
  std::unique_ptr<internal::PreparedSet> set_;
};

}  // namespace jigsaw::linkage
