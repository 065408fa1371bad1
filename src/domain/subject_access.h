// Subject access (UK GDPR Article 15; docs/rights.md): a person's request
// for the personal data an organisation holds about them, opened by its
// DPO, answered within one calendar month of receipt (Article 12(3)),
// extendable by up to two further months with a recorded reason. Each
// piece of what is held is released or withheld under an exemption of the
// Data Protection Act 2018 (Schedules 2 to 4), with the DPO's reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw::domain {

// How the DPO satisfied themselves that the requester is the person (or
// acts for them): Article 12(6) lets a controller ask for what it needs.
enum class IdentityCheck : std::uint8_t {
  kDocumentsSeen,           // photographic identity and proof of address
  kKnownInPerson,           // known to the organisation's staff, seen in person
  kThroughRepresentative,   // someone acting for them, with their written authority
};

enum class SubjectAccessStatus : std::uint8_t { kOpen, kReleased };

// The exemptions a DPO may apply to a piece of what is held (DPA 2018).
enum class Exemption : std::uint8_t {
  kThirdParty,   // Sch 2 Part 3 para 16: it would disclose information identifying another person
  kConfidence,   // Sch 2 Part 3 para 16-17: given in confidence (a duty of confidence owed to the giver)
  kSeriousHarm,  // Sch 3 Parts 2-4: health, social work or education data likely to cause serious harm
  kCrime,        // Sch 2 Part 1 para 2: likely to prejudice the prevention or detection of crime
  kLegalPrivilege,  // Sch 2 Part 4 para 19: legal professional privilege
};

// What the DPO decided for one piece.
enum class ReleaseChoice : std::uint8_t { kRelease, kWithhold };

struct SubjectAccessRequest {
  std::string id;
  std::string organisation_id;
  std::string person_id;       // the data subject: one of the organisation's people records
  std::string received_on;     // "YYYY-MM-DD": the day the request was received
  IdentityCheck identity_check = IdentityCheck::kDocumentsSeen;
  std::string identity_note;   // what was seen or who vouched (required)
  int extension_months = 0;    // 0, 1 or 2 (Article 12(3))
  std::string extension_reason;
  std::string extended_by;
  Time extended_at{};
  std::string opened_by;
  Time opened_at{};
  SubjectAccessStatus status = SubjectAccessStatus::kOpen;
  std::string released_by;
  Time released_at{};
  // What was released, as the JSON export (portability), kept exactly as
  // released: the page and the export are both built from it.
  std::string released_content;
};

// The DPO's decision on one piece of what is held (`entry`: its key, such
// as "item:ID"). Only ever inserted: the latest for an entry applies.
struct ExemptionDecision {
  std::string id;
  std::string request_id;
  std::string entry;
  ReleaseChoice choice = ReleaseChoice::kRelease;
  std::optional<Exemption> exemption;  // required when withheld
  std::string reason;                  // required
  std::string decided_by;
  Time decided_at{};
};

inline constexpr int kMaxExtensionMonths = 2;

// "YYYY-MM-DD" plus `months` calendar months: the same day of the month,
// or the month's last day where it has no such day (31 January + 1 month
// is 28 February, or 29 in a leap year: the ICO's reading of Article
// 12(3)). Fails naming `field` if the date is not a real one.
Result<std::string> AddCalendarMonths(std::string_view date, int months, std::string_view field = "received_on");

// The day the answer is due: one calendar month from receipt, plus any
// extension. Empty if received_on is not a date (Validate refuses that).
std::string DueOn(const SubjectAccessRequest& request);

// A request as opened: a real date of receipt not after `today`
// ("YYYY-MM-DD"), and a note of how identity was checked.
Status Validate(const SubjectAccessRequest& request, std::string_view today);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::IdentityCheck> {
  using E = domain::IdentityCheck;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kDocumentsSeen, "documents_seen"},
      {E::kKnownInPerson, "known_in_person"},
      {E::kThroughRepresentative, "through_representative"}}};
};
template <>
struct EnumNames<domain::SubjectAccessStatus> {
  using E = domain::SubjectAccessStatus;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{{E::kOpen, "open"}, {E::kReleased, "released"}}};
};
template <>
struct EnumNames<domain::Exemption> {
  using E = domain::Exemption;
  static constexpr std::array<std::pair<E, std::string_view>, 5> kNames{{{E::kThirdParty, "third_party"},
                                                                          {E::kConfidence, "confidence"},
                                                                          {E::kSeriousHarm, "serious_harm"},
                                                                          {E::kCrime, "crime"},
                                                                          {E::kLegalPrivilege, "legal_privilege"}}};
};
template <>
struct EnumNames<domain::ReleaseChoice> {
  using E = domain::ReleaseChoice;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{{E::kRelease, "release"}, {E::kWithhold, "withhold"}}};
};
}  // namespace jigsaw
