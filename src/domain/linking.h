// Recognising one child across records: a suggested match between a
// record an organisation holds of a child and another record (a child it
// recorded again, or a disclosure another agency sent it about a child),
// with the linkage engine's explanation, and what a person decided about it.
// Article 22 UK GDPR: a person decides; only an exact, valid NHS number
// with the same date of birth links without review, and says so.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/enum_names.h"

namespace jigsaw::domain {

// What the organisation's record of the child was matched with.
enum class MatchSubject : std::uint8_t {
  kPerson,      // another of the organisation's own records of a child
  kDisclosure,  // a disclosure received about a child
};

enum class MatchStatus : std::uint8_t {
  kSuggested,             // waiting for a person to decide
  kConfirmed,             // a practitioner or DSL said they are the same child
  kLinkedAutomatically,   // same valid NHS number and date of birth: linked without review
  kRejected,              // a person said they are not the same child
  kUnlinked,              // linked once, then undone
};

// One field's part in the score: the comparison level the engine found
// and its weight (log2 Bayes factor), as the explanation shows them.
struct MatchEvidence {
  std::string field;  // linkage::FieldName: given_name, family_name, date_of_birth...
  std::string level;  // linkage::LevelName: exact, nickname, day_month_swapped...
  double weight = 0;
};

struct RecordMatch {
  std::string id;
  std::string organisation_id;  // whose records these are
  MatchSubject subject = MatchSubject::kPerson;
  std::string subject_id;  // the new person, or the disclosure
  std::string person_id;   // the organisation's existing record of the child
  double probability = 0;  // of the same child
  double match_weight = 0;
  double prior_weight = 0;
  double relative_term = 0;  // the evidence that they are relatives, not one child (at most 0)
  std::vector<MatchEvidence> evidence;
  MatchStatus status = MatchStatus::kSuggested;
  Time created_at{};
  std::string decided_by;  // empty for an automatic link
  Time decided_at{};
  std::string unlinked_by;
  Time unlinked_at{};
};

// True for a match that joins the two records now.
inline bool IsLinked(MatchStatus status) {
  return status == MatchStatus::kConfirmed || status == MatchStatus::kLinkedAutomatically;
}

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::MatchSubject> {
  using E = domain::MatchSubject;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{
      {{E::kPerson, "person"}, {E::kDisclosure, "disclosure"}}};
};
template <>
struct EnumNames<domain::MatchStatus> {
  using E = domain::MatchStatus;
  static constexpr std::array<std::pair<E, std::string_view>, 5> kNames{
      {{E::kSuggested, "suggested"},
       {E::kConfirmed, "confirmed"},
       {E::kLinkedAutomatically, "linked_automatically"},
       {E::kRejected, "rejected"},
       {E::kUnlinked, "unlinked"}}};
};
}  // namespace jigsaw
