// What makes a new password acceptable, as the NCSC advises: length (at
// least 12 characters), not one of the passwords attackers try first (a
// deny-list of common and breached passwords), and not built from the
// person's own name or username. No composition rules (no "one capital,
// one symbol"): they make passwords harder to remember, not to guess.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace jigsaw::access {

// The text as compared: Unicode NFKC case-folded (ICU), so "PassWord",
// "ｐａｓｓｗｏｒｄ" and "password" are the same password.
std::string FoldForComparison(std::string_view text);

// A list of passwords, one a line, folded and sorted once, then searched
// by binary search. The text is read only when first needed (the list has
// a million entries; most processes never check a password), by the
// `read` function the caller gives, so this module does no I/O itself.
class PasswordDenyList {
 public:
  using Reader = std::function<Result<std::string>()>;
  explicit PasswordDenyList(Reader read) : read_(std::move(read)) {}
  // A list from text already in memory (tests).
  static PasswordDenyList FromText(std::string text);

  // Whether the folded password is on the list. Fails (kInternal) if the
  // list cannot be read: a password is never accepted unchecked.
  Result<bool> Contains(std::string_view folded_password) const;
  // How many distinct entries the list has, loading it if need be.
  Result<std::size_t> Size() const;
  // Loads the list now (at start-up, off the request path).
  Status Load() const;

 private:
  std::string_view Entry(std::uint32_t offset) const;

  Reader read_;
  mutable std::once_flag loaded_;
  mutable Status load_status_;
  mutable std::string text_;                 // folded entries, each ending in '\n'
  mutable std::vector<std::uint32_t> sorted_;  // offsets of distinct entries, in byte order
};

// The person a password is for, so that it is not made from their names.
struct PasswordOwner {
  std::string_view username;
  std::string_view display_name;
};

// Ok if `password` may be used by `owner`; otherwise kInvalidArgument
// (field "password") saying why, in words a person can act on.
Status CheckNewPassword(std::string_view password, const PasswordOwner& owner, const PasswordDenyList& deny_list);

}  // namespace jigsaw::access
