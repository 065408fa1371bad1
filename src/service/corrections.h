// Correcting a record (UK GDPR Article 16; docs/rights.md): a person or an
// information item is corrected by a superseding version, with a reason,
// by those who may edit the record's concern (access kCorrectRecord), in
// one audited transaction. The record then reads as corrected everywhere:
// a person marked protected later is withheld from every later preview,
// share, answer and message exactly as if protected from the start. The
// earlier version is kept and shown as superseded. An item already
// disclosed reaches each recipient corrected (Article 19, Sharing::
// SendCorrections).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/correction.h"
#include "service/casework.h"
#include "service/context.h"
#include "service/sharing.h"
#include "service/workflow.h"

namespace jigsaw::service {

// Who the person is to someone recorded with them, usually the child: the
// relationship between the two then reads "the person is KIND of
// related_person_id".
struct RelationshipCorrection {
  std::string related_person_id;
  domain::RelationshipKind kind = domain::RelationshipKind::kOther;
};

// What changes in a person's record; a field left empty keeps its value.
struct PersonCorrection {
  std::string person_id;
  std::optional<std::string> given_name, family_name, date_of_birth, address, postcode;
  std::optional<std::vector<std::string>> known_as;
  // Golden rule 5: marking someone protected after they were recorded (a
  // protected_reason is then required), or un-marking them (the reason for
  // the correction says why; the protected reason is cleared).
  std::optional<bool> is_protected;
  std::optional<std::string> protected_reason;
  std::optional<RelationshipCorrection> relationship;
  std::string reason;  // why the record is corrected: required
  // How many superseded versions the corrector saw: a correction made in
  // the meantime refuses this one, so that a form opened before someone
  // marked the person protected cannot silently un-mark them.
  std::optional<std::size_t> versions_seen;
};

// What changes in an item: its words and how sure we are of them.
struct ItemCorrection {
  std::string item_id;
  std::optional<std::string> text, source, date;
  std::optional<domain::Accuracy> accuracy;
  std::string reason;  // required
};

struct CorrectedItem {
  domain::InformationItem item;
  std::vector<domain::Disclosure> corrections;  // Article 19: one per recipient that had it
};

// A record and its superseded versions, oldest first.
// superseded_by_names[i] is the name of who replaced superseded[i].
struct PersonHistory {
  domain::Person current;
  std::vector<domain::PersonVersion> superseded;
  std::vector<std::string> superseded_by_names;
  // The person's relationships as they are, each with the person on its
  // other side, and their superseded versions (with who replaced each).
  std::vector<RelatedPerson> related;
  std::vector<domain::RelationshipVersion> relationships_superseded;
  std::vector<std::string> relationships_superseded_by_names;
};
struct ItemHistory {
  domain::InformationItem current;
  std::vector<domain::ItemVersion> superseded;
  std::vector<std::string> superseded_by_names;
};

class Corrections {
 public:
  Corrections(store::Store& store, const Clock& clock, const AuditTrail& trail, const Sharing& sharing)
      : store_(store), clock_(clock), trail_(trail), sharing_(sharing) {}

  // kInvalidArgument naming "reason" when none is given, the field when a
  // corrected value is not valid ("relationship.related_person_id" when the
  // two are not related), or "person" when nothing would change;
  // kNotFound / kPermissionDenied (audited) for someone who may not edit
  // the record. Nothing is written unless everything is.
  Result<domain::Person> CorrectPerson(const Context& context, const PersonCorrection& correction);
  // As CorrectPerson ("item" when nothing would change); the corrections
  // sent to recipients are written in the same transaction.
  Result<CorrectedItem> CorrectItem(const Context& context, const ItemCorrection& correction);

  // For whoever may read the record (kViewPeople; kViewConcern for an
  // item of a concern). Audited.
  Result<PersonHistory> PersonVersions(const Context& context, const std::string& person_id);
  Result<ItemHistory> ItemVersions(const Context& context, const std::string& item_id);

  // Whether the actor may correct this person or item (for a page to offer
  // the link); reads and records nothing.
  static bool MayCorrect(const Context& context, const domain::Person& person);
  static bool MayCorrectItem(const Context& context, const domain::InformationItem& item,
                             const std::string& concern_raised_by);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
  const Sharing& sharing_;
};

}  // namespace jigsaw::service
