#include "linkage/record_set.h"

#include "linkage/internal/prepared.h"
#include "linkage/nicknames.h"

namespace jigsaw::linkage {

RecordSet::RecordSet(std::span<const Record> records)
    : set_(std::make_unique<internal::PreparedSet>(NicknameTable::Shipped())) {
  set_->Reserve(records.size());
  for (const Record& r : records) set_->Add(r);
}

RecordSet::~RecordSet() = default;
RecordSet::RecordSet(RecordSet&&) noexcept = default;
RecordSet& RecordSet::operator=(RecordSet&&) noexcept = default;

std::size_t RecordSet::size() const { return set_->size(); }

}  // namespace jigsaw::linkage
