#include "store/sql.h"

#include <cassert>

namespace jigsaw::store::sql {

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

const std::string& Row::Text(std::size_t i) const {
  static const std::string kEmpty;
  const Value& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  assert(std::holds_alternative<std::nullptr_t>(v) && "column is not text");
  return kEmpty;
}

const Bytes& Row::Blob(std::size_t i) const {
  static const Bytes kEmpty;
  const Value& v = values_.at(i);
  if (const auto* b = std::get_if<Bytes>(&v)) return *b;
  return kEmpty;
}

}  // namespace jigsaw::store::sql
