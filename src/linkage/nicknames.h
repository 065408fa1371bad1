// Given names that people use for the same person (William, Will, Bill,
// Liam), read from data/nicknames.txt, which is built into the binary; its
// source and licence are at its top.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jigsaw::linkage {

class NicknameTable {
 public:
  // The table shipped with Jigsaw (data/nicknames.txt), parsed once.
  static const NicknameTable& Shipped();

  // Parses the format of data/nicknames.txt: one group of names a line,
  // separated by spaces; "#" starts a comment line. Names are folded with
  // NormaliseText as they are read.
  static NicknameTable Parse(std::string_view text);

  // The groups (numbered from 0 in file order) that hold `folded_name`, a
  // name already folded by NormaliseText; empty if it is in none.
  std::span<const std::uint16_t> Groups(std::string_view folded_name) const;

  // True if some group holds both names (both already folded) and they differ.
  bool AreNicknames(std::string_view a, std::string_view b) const;

  std::size_t group_count() const { return group_count_; }

 private:
  std::unordered_map<std::string, std::vector<std::uint16_t>> groups_;
  std::size_t group_count_ = 0;
};

}  // namespace jigsaw::linkage
