#include "domain/practitioner.h"

#include "domain/text.h"

namespace jigsaw::domain {

std::vector<Role> RoleSet::List() const {
  std::vector<Role> out;
  for (const auto& [role, name] : EnumNames<Role>::kNames)
    if (Has(role)) out.push_back(role);
  return out;
}

std::string RoleSet::Join() const {
  std::string out;
  for (Role r : List()) {
    if (!out.empty()) out.push_back(',');
    out += ToString(r);
  }
  return out;
}

Result<RoleSet> RoleSet::Parse(std::string_view field, const std::vector<std::string>& names) {
  RoleSet set;
  for (const auto& name : names) {
    auto role = ParseEnum<Role>(name);
    if (!role)
      return InvalidArgument(std::string(field), "Unknown role '" + name + "'; expected " +
                                                     AllowedValues<Role>() + ".");
    set.Add(*role);
  }
  if (set.Empty()) return InvalidArgument(std::string(field), "Give at least one role.");
  return set;
}

Result<RoleSet> RoleSet::ParseJoined(std::string_view joined) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t comma = joined.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? joined.size() : comma;
    if (end > start) names.emplace_back(joined.substr(start, end - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return Parse("roles", names);
}

Status ValidateUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 254)
    return InvalidArgument("username", "A username is 3 to 254 characters long.");
  for (char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-' || c == '@';
    if (!ok)
      return InvalidArgument("username",
                             "A username uses only lower-case letters, digits and . _ - @");
  }
  return Ok();
}

Status ValidateNewPassword(std::string_view password) {
  if (!IsValidUtf8(password)) return InvalidArgument("password", "The password is not valid text.");
  // Characters, not bytes: "ŵŷŵŷŵŷ" is six characters however it is stored.
  std::size_t characters = 0;
  bool only_space = true;
  for (unsigned char c : password) {
    if ((c & 0xc0) != 0x80) ++characters;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') only_space = false;
  }
  if (characters < 12) return InvalidArgument("password", "A password must be at least 12 characters long.");
  if (password.size() > 1024) return InvalidArgument("password", "A password must be at most 1024 characters long.");
  if (only_space) return InvalidArgument("password", "A password must be more than spaces.");
  return Ok();
}

Status Validate(const Practitioner& practitioner) {
  JIGSAW_RETURN_IF_ERROR(ValidateUsername(practitioner.username));
  JIGSAW_RETURN_IF_ERROR(ValidateName("display_name", practitioner.display_name, 200));
  if (practitioner.roles.Empty()) return InvalidArgument("roles", "Give at least one role.");
  if (practitioner.organisation_id.empty())
    return InvalidArgument("organisation_id", "Say which organisation the user belongs to.");
  return Ok();
}

}  // namespace jigsaw::domain
