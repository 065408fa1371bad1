// A small ordered set of enum values as a bit mask: no allocation, stable
// output order (the enum's order), duplicates impossible.
#pragma once

#include <cstdint>
#include <vector>

namespace jigsaw::guidance {

template <typename E>
class EnumSet {
 public:
  void Add(E e) { bits_ |= Bit(e); }
  bool Has(E e) const { return (bits_ & Bit(e)) != 0; }
  bool Empty() const { return bits_ == 0; }
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (unsigned i = 0; i < 32; ++i)
      if (bits_ & (1u << i)) fn(static_cast<E>(i));
  }
  std::vector<E> List() const {
    std::vector<E> out;
    ForEach([&](E e) { out.push_back(e); });
    return out;
  }
  bool operator==(const EnumSet&) const = default;

 private:
  static std::uint32_t Bit(E e) { return 1u << static_cast<unsigned>(e); }
  std::uint32_t bits_ = 0;
};

}  // namespace jigsaw::guidance
