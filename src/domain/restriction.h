// Restriction of processing (UK GDPR Article 18) and objection (Article 21)
// of a person's records, both recorded by the organisation's DPO
// (docs/rights.md). A restriction keeps the records but stops their use:
// while it stands only the DPO and the audit log read them. An objection
// is recorded with the decision on it, which the sharing assessment
// reflects (guidance rule "objection-on-record").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw::domain {

struct Restriction {
  std::string id;
  std::string organisation_id;
  std::string person_id;  // the person whose records are restricted (for a child, their concerns too)
  std::string reason;     // why (for the DPO and the audit log: never shown to practitioners)
  std::string placed_by;
  Time placed_at{};
  std::string lifted_by;  // empty while the restriction stands
  Time lifted_at{};
  std::string lift_reason;
};

inline bool IsActive(const Restriction& restriction) { return restriction.lifted_by.empty(); }

// What practitioners see instead of a restricted record: "Records
// restricted by the data protection officer on 1 December 2026" (the UK
// date it was placed; never the reason).
std::string RestrictionNotice(Time placed_at);

// Trims the free text; Validate checks a person and a reason of up to 2000 bytes.
void Tidy(Restriction& restriction);
Status Validate(const Restriction& restriction);

// Who objected: the data subject, or someone for them (a parent for a
// young child, a solicitor, an advocate).
enum class Objector : std::uint8_t { kPerson, kOnTheirBehalf };

// The DPO's decision on an objection. Upheld: processing on that basis
// stops. Not upheld: compelling legitimate grounds (safeguarding a child)
// override the person's interests (Article 21(1)).
enum class ObjectionDecision : std::uint8_t { kAwaiting, kUpheld, kNotUpheld };

struct Objection {
  std::string id;
  std::string organisation_id;
  std::string person_id;
  std::string received_on;  // "YYYY-MM-DD"
  Objector objector = Objector::kPerson;
  std::string objector_name;  // who, when someone objected for the person; empty otherwise
  std::string grounds;        // the grounds in their words
  std::string recorded_by;
  Time recorded_at{};
  ObjectionDecision decision = ObjectionDecision::kAwaiting;
  std::string decision_reason;
  std::string decided_by;  // empty until decided
  Time decided_at{};
};

void Tidy(Objection& objection);
// A person, a real date received not after `today` ("YYYY-MM-DD"), the objector's name
// when someone objected for the person, grounds of 1 to 5000 bytes.
Status Validate(const Objection& objection, const std::string& today);
// A decision (upheld or not upheld) and its reason of 1 to 5000 bytes.
Status ValidateDecision(const Objection& objection);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::Objector> {
  using E = domain::Objector;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{
      {E::kPerson, "person"},
      {E::kOnTheirBehalf, "on_their_behalf"},
  }};
};
template <>
struct EnumNames<domain::ObjectionDecision> {
  using E = domain::ObjectionDecision;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kAwaiting, "awaiting"},
      {E::kUpheld, "upheld"},
      {E::kNotUpheld, "not_upheld"},
  }};
};
}  // namespace jigsaw
