// Correcting a record (UK GDPR Article 16, rectification; Annex A, the
// accuracy principle): a person or an information item is corrected by a
// superseding version, as a sharing decision is. The record then reads as
// corrected everywhere it is used; each earlier version is kept, with who
// replaced it, when and why, and is shown as superseded. docs/rights.md.
#pragma once

#include <string>

#include "common/clock.h"
#include "domain/casework.h"
#include "domain/person.h"

namespace jigsaw::domain {

// Who replaced a version of a record, when, and why (always given).
struct Supersession {
  std::string by;  // practitioner id
  Time at{};
  std::string reason;
};

// A person as they were recorded before a correction.
struct PersonVersion {
  std::string id;  // of this version; person.id is the person's
  Person person;
  Supersession superseded;
};

// A relationship as it was before a correction of who the person is to
// the other (a "carer" who is the mother's partner, not a parent).
struct RelationshipVersion {
  std::string id;  // of this version; relationship.id is the relationship's
  Relationship relationship;
  Supersession superseded;
};

// An information item as it was before a correction.
struct ItemVersion {
  std::string id;  // of this version; item.id is the item's
  InformationItem item;
  Supersession superseded;
};

}  // namespace jigsaw::domain
