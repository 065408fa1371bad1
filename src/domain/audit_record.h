// One entry of the audit log: who did what to which record, when, for what
// purpose, and whether it was allowed. Ids only, never names or free text,
// so the log itself holds as little personal data as possible.
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/enum_names.h"

namespace jigsaw::domain {

enum class AuditOutcome : std::uint8_t { kAllowed, kDenied, kFailed };

struct AuditRecord {
  std::uint64_t index = 0;      // position in the log, from 0, no gaps
  Time time{};
  std::string practitioner_id;  // empty when nobody was signed in
  std::string organisation_id;
  std::string roles;            // the actor's roles at the time, comma-separated
  std::string action;           // e.g. "session.sign_in", "organisation.create"
  std::string object_type;      // e.g. "organisation", "practitioner", "child"
  std::string object_id;
  std::string child_id;         // the child concerned, if any
  std::string purpose;          // e.g. "safeguarding"
  AuditOutcome outcome = AuditOutcome::kAllowed;
  std::string request_id;
  bool operator==(const AuditRecord&) const = default;
};

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::AuditOutcome> {
  using E = domain::AuditOutcome;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kAllowed, "allowed"}, {E::kDenied, "denied"}, {E::kFailed, "failed"}}};
};
}  // namespace jigsaw
