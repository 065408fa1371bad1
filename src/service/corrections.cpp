#include "service/corrections.h"

#include "common/random.h"
#include "domain/text.h"
#include "service/casework.h"
#include "service/partnership.h"
#include "service/restrictions.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;

namespace {

constexpr std::size_t kMaxReason = 2000;
constexpr std::string_view kHiddenRecord = "There is no such record, or it is not shared with you.";

// The reason is tidied and required before anything is read: a correction
// without one changes nothing.
Result<std::string> ReasonOf(std::string reason) {
  domain::TidyFreeText(reason);
  JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("reason", reason, kMaxReason,
                                                      "Say why the record is being corrected."));
  return reason;
}

// Those who may edit the record's concern: who raised it (or, for a
// person, who recorded them) and the DSL.
RecordFacts FactsOfPerson(const domain::Person& p) { return RecordFacts{p.organisation_id, p.created_by, {}, {}, {}}; }
RecordFacts FactsOfItem(const domain::InformationItem& item, const std::string& concern_raised_by) {
  return RecordFacts{item.organisation_id, item.concern_id.empty() ? item.created_by : concern_raised_by, {}, {}, {}};
}

template <typename T>
void Take(const std::optional<T>& value, T& into) {
  if (value) into = *value;
}

domain::Person Corrected(domain::Person p, const PersonCorrection& c) {
  Take(c.given_name, p.given_name);
  Take(c.family_name, p.family_name);
  Take(c.date_of_birth, p.date_of_birth);
  Take(c.address, p.address);
  Take(c.postcode, p.postcode);
  Take(c.known_as, p.known_as);
  Take(c.is_protected, p.is_protected);
  Take(c.protected_reason, p.protected_reason);
  // Un-marked: the protected reason goes with the protection (the reason
  // for the correction says why), unless one was given, which Validate refuses.
  if (c.is_protected && !*c.is_protected && !c.protected_reason) p.protected_reason.clear();
  domain::Tidy(p);
  return p;
}

bool SameDetails(const domain::Person& a, const domain::Person& b) {
  return a.given_name == b.given_name && a.family_name == b.family_name && a.date_of_birth == b.date_of_birth &&
         a.address == b.address && a.postcode == b.postcode && a.known_as == b.known_as &&
         a.is_protected == b.is_protected && a.protected_reason == b.protected_reason;
}

// The relationship between the person and the one named, as it was and
// as corrected; none when nothing would change. A relationship recorded
// the other way round ("the child is ... of the person") is turned to read
// from the person, as the correction says it.
Result<std::optional<std::pair<domain::Relationship, domain::Relationship>>> CorrectedRelationship(
    store::Transaction& tx, const domain::Person& person, const std::optional<RelationshipCorrection>& c) {
  using Pair = std::pair<domain::Relationship, domain::Relationship>;
  if (!c) return std::optional<Pair>{};
  for (const auto& r : JIGSAW_TRY(tx.casework().Relationships(person.id))) {
    const std::string& other = r.person_id == person.id ? r.related_person_id : r.person_id;
    if (other != c->related_person_id) continue;
    domain::Relationship corrected = r;
    corrected.person_id = person.id;
    corrected.related_person_id = other;
    corrected.kind = c->kind;
    if (corrected.person_id == r.person_id && corrected.kind == r.kind) return std::optional<Pair>{};
    return std::optional<Pair>(Pair{r, corrected});
  }
  return InvalidArgument("relationship.related_person_id", "This person has no recorded relationship with that person.");
}

struct LoadedItem {
  domain::InformationItem item;
  std::string concern_raised_by;
  std::string child_id;
};

// An item of a record a restriction of processing withholds from the
// actor (its concern's child, or the person it is attached to) is not read
// or corrected (service::Withholding).
Status ItemNotWithheld(store::Transaction& tx, const access::Actor& actor, const LoadedItem& loaded) {
  return JIGSAW_TRY(Withholding::Load(tx, actor, loaded.item.organisation_id)).Check(loaded.child_id);
}

Result<std::optional<LoadedItem>> LoadItem(store::Transaction& tx, const std::string& id) {
  auto items = JIGSAW_TRY(tx.casework().Items({id}));
  if (items.empty()) return std::nullopt;
  LoadedItem out{std::move(items.front()), {}, {}};
  out.child_id = out.item.person_id;
  if (!out.item.concern_id.empty()) {
    auto concern = JIGSAW_TRY(tx.casework().FindConcern(out.item.concern_id));
    if (!concern) return Internal("An item's concern is missing from the records.");
    out.concern_raised_by = concern->raised_by;
    out.child_id = concern->child_id;
  }
  return out;
}

template <typename Version>
Result<std::vector<std::string>> NamesOfWhoReplaced(store::Transaction& tx, const std::vector<Version>& versions) {
  std::vector<std::string> out;
  for (const auto& v : versions) {
    auto p = JIGSAW_TRY(tx.practitioners().Find(v.superseded.by));
    out.push_back(p ? p->display_name : std::string());
  }
  return out;
}

}  // namespace

bool Corrections::MayCorrect(const Context& context, const domain::Person& person) {
  return access::Authorise(context.actor, Action::kCorrectRecord, FactsOfPerson(person)).has_value();
}

bool Corrections::MayCorrectItem(const Context& context, const domain::InformationItem& item,
                                 const std::string& concern_raised_by) {
  return access::Authorise(context.actor, Action::kCorrectRecord, FactsOfItem(item, concern_raised_by)).has_value();
}

Result<domain::Person> Corrections::CorrectPerson(const Context& context, const PersonCorrection& correction) {
  AuditEvent event{"person.correct", "person", correction.person_id};
  const std::string reason = JIGSAW_TRY(ReasonOf(correction.reason));
  domain::Person out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto earlier = JIGSAW_TRY(tx.casework().FindPerson(correction.person_id));
    if (!earlier) return NotFound(std::string(kHiddenRecord));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kCorrectRecord, FactsOfPerson(*earlier)));
    event.child_id = JIGSAW_TRY(ChildAround(tx, *earlier));
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, earlier->organisation_id)).Check(earlier->id));
    if (correction.versions_seen &&
        JIGSAW_TRY(tx.casework().PersonVersions(earlier->id)).size() != *correction.versions_seen)
      return Fail(ErrorCode::kFailedPrecondition,
                  "Someone corrected this record after you opened it. Check the current version and correct it again.",
                  "person");
    domain::Person corrected = Corrected(*earlier, correction);
    // Golden rule 5: taking protection away is the DSL's decision, never a
    // side effect of fixing an address.
    if (earlier->is_protected && !corrected.is_protected &&
        !context.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead))
      return Fail(ErrorCode::kPermissionDenied,
                  "Only a designated safeguarding lead can remove someone's protection.", "is_protected");
    // The record keeps the date it was made: a child must have been under 18 then.
    JIGSAW_RETURN_IF_ERROR(domain::Validate(corrected, earlier->created_at));
    auto relationship = JIGSAW_TRY(CorrectedRelationship(tx, *earlier, correction.relationship));
    const bool details = !SameDetails(*earlier, corrected);
    if (!details && !relationship)
      return InvalidArgument("person", "Nothing would change: correct at least one detail.");
    const Time now = clock_.Now();
    const domain::Supersession by{context.actor.practitioner_id, now, reason};
    auto& cw = tx.casework();
    std::vector<std::string> reindex{corrected.id};
    if (details) {
      JIGSAW_RETURN_IF_ERROR(cw.InsertPersonVersion({NewId(), *earlier, by}));
      JIGSAW_RETURN_IF_ERROR(cw.UpdatePerson(corrected));
    }
    if (relationship) {
      JIGSAW_RETURN_IF_ERROR(cw.InsertRelationshipVersion({NewId(), relationship->first, by}));
      JIGSAW_RETURN_IF_ERROR(cw.UpdateRelationship(relationship->second));
      reindex.push_back(correction.relationship->related_person_id);
    }
    // The partnership index answers from the corrected details.
    JIGSAW_RETURN_IF_ERROR(IndexPeople(tx, now, reindex));
    out = std::move(corrected);
    return Ok();
  }));
  return out;
}

Result<CorrectedItem> Corrections::CorrectItem(const Context& context, const ItemCorrection& correction) {
  AuditEvent event{"item.correct", "information_item", correction.item_id};
  const std::string reason = JIGSAW_TRY(ReasonOf(correction.reason));
  CorrectedItem out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto loaded = JIGSAW_TRY(LoadItem(tx, correction.item_id));
    if (!loaded) return NotFound(std::string(kHiddenRecord));
    const domain::InformationItem& earlier = loaded->item;
    JIGSAW_RETURN_IF_ERROR(
        access::Authorise(context.actor, Action::kCorrectRecord, FactsOfItem(earlier, loaded->concern_raised_by)));
    event.child_id = loaded->child_id;
    JIGSAW_RETURN_IF_ERROR(ItemNotWithheld(tx, context.actor, *loaded));
    domain::InformationItem corrected = earlier;
    Take(correction.text, corrected.text);
    Take(correction.source, corrected.source);
    Take(correction.date, corrected.date);
    Take(correction.accuracy, corrected.accuracy);
    domain::Tidy(corrected);
    const Time now = clock_.Now();
    JIGSAW_RETURN_IF_ERROR(domain::Validate(corrected, now));
    if (corrected.text == earlier.text && corrected.source == earlier.source && corrected.date == earlier.date &&
        corrected.accuracy == earlier.accuracy)
      return InvalidArgument("item", "Nothing would change: correct the text, source, date or accuracy.");
    auto& cw = tx.casework();
    JIGSAW_RETURN_IF_ERROR(cw.InsertItemVersion({NewId(), earlier, {context.actor.practitioner_id, now, reason}}));
    JIGSAW_RETURN_IF_ERROR(cw.UpdateItem(corrected));
    // Article 19: each recipient of the earlier version is sent the correction.
    out.corrections = JIGSAW_TRY(sharing_.SendCorrections(tx, context, corrected, reason));
    // A correction sent is a new share: where staff shares go through the
    // DSL, the DSL corrects what has already left (nothing is written).
    if (!out.corrections.empty() && !context.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead)) {
      auto organisation = JIGSAW_TRY(tx.organisations().Find(earlier.organisation_id));
      if (organisation && organisation->staff_shares == domain::StaffShares::kThroughDsl)
        return Fail(ErrorCode::kPermissionDenied,
                    "This information has been shared, and your organisation's shares go through your designated "
                    "safeguarding lead: ask them to correct it, so that they send the correction.",
                    "item");
    }
    out.item = std::move(corrected);
    return Ok();
  }));
  return out;
}

Result<PersonHistory> Corrections::PersonVersions(const Context& context, const std::string& person_id) {
  AuditEvent event{"person.versions", "person", person_id};
  PersonHistory out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto p = JIGSAW_TRY(tx.casework().FindPerson(person_id));
    if (!p) return NotFound(std::string(kHiddenRecord));
    JIGSAW_RETURN_IF_ERROR(
        access::Authorise(context.actor, Action::kViewPeople, RecordFacts{p->organisation_id, {}, {}, {}, {}}));
    if (p->kind == domain::PersonKind::kChild) event.child_id = p->id;
    const auto withholding = JIGSAW_TRY(Withholding::Load(tx, context.actor, p->organisation_id));
    JIGSAW_RETURN_IF_ERROR(withholding.Check(p->id));
    out.superseded = JIGSAW_TRY(tx.casework().PersonVersions(person_id));
    out.superseded_by_names = JIGSAW_TRY(NamesOfWhoReplaced(tx, out.superseded));
    out.relationships_superseded = JIGSAW_TRY(tx.casework().RelationshipVersions(person_id));
    out.relationships_superseded_by_names = JIGSAW_TRY(NamesOfWhoReplaced(tx, out.relationships_superseded));
    for (const auto& r : JIGSAW_TRY(tx.casework().Relationships(person_id))) {
      const std::string& other = r.person_id == person_id ? r.related_person_id : r.person_id;
      auto o = JIGSAW_TRY(tx.casework().FindPerson(other));
      if (!o) return Internal("A relationship names a person missing from the records.");
      withholding.Mask(*o);
      out.related.push_back({r, std::move(*o)});
    }
    out.current = std::move(*p);
    return Ok();
  }));
  return out;
}

Result<ItemHistory> Corrections::ItemVersions(const Context& context, const std::string& item_id) {
  AuditEvent event{"item.versions", "information_item", item_id};
  ItemHistory out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto loaded = JIGSAW_TRY(LoadItem(tx, item_id));
    if (!loaded) return NotFound(std::string(kHiddenRecord));
    // Read as the item is read: through its concern (golden rule 6), or as the person's record.
    const auto& item = loaded->item;
    JIGSAW_RETURN_IF_ERROR(item.concern_id.empty()
                               ? access::Authorise(context.actor, Action::kViewPeople,
                                                   RecordFacts{item.organisation_id, {}, {}, {}, {}})
                               : access::Authorise(context.actor, Action::kViewConcern,
                                                   RecordFacts{item.organisation_id, loaded->concern_raised_by, {}, {}, {}}));
    event.child_id = loaded->child_id;
    JIGSAW_RETURN_IF_ERROR(ItemNotWithheld(tx, context.actor, *loaded));
    out.superseded = JIGSAW_TRY(tx.casework().ItemVersions(item_id));
    out.superseded_by_names = JIGSAW_TRY(NamesOfWhoReplaced(tx, out.superseded));
    out.current = item;
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
