// Recording what a practitioner knows and worries about: the people in a
// child's life, concerns about the child, the information items that are
// the pieces of the jigsaw, and the DSL's triage of each concern. Every
// read and change is authorised (access::Authorise) and audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/attachment.h"
#include "domain/body_map.h"
#include "domain/casework.h"
#include "domain/person.h"
#include "domain/restriction.h"
#include "service/context.h"
#include "service/workflow.h"
#include "store/restriction_repository.h"

namespace jigsaw::service {

struct NewItem {
  std::string person_id;  // whom it is about; for items raised with a concern, default the child
  std::string text;
  std::string source;
  std::string date;
  domain::Accuracy accuracy = domain::Accuracy::kUnverified;
  std::vector<domain::SpecialCategory> special_category;
  bool criminal_offence = false;
  bool confidential = false;
  std::vector<std::string> identifies;
};

struct NewConcern {
  std::string child_id;
  std::vector<domain::AbuseForm> forms;
  domain::ConcernLevel level = domain::ConcernLevel::kUnsure;
  std::string what_happened;
  std::string child_words;
  std::vector<NewItem> items;
  // When and where it happened (domain::Concern), each optional.
  std::string incident_date;
  std::string incident_time;
  std::string incident_place;
};

// Someone in a person's life: the relationship and the person on its
// other side, always together.
struct RelatedPerson {
  domain::Relationship relationship;
  domain::Person person;
};

struct PersonRecord {
  domain::Person person;
  std::vector<RelatedPerson> related;
  // Objections recorded about the person (UK GDPR Article 21), newest
  // first, with the DPO's decision on each.
  std::vector<domain::Objection> objections;
};

// Links a new person to someone already recorded as they are added.
struct LinkTo {
  std::string related_person_id;  // usually the child
  domain::RelationshipKind kind = domain::RelationshipKind::kOther;  // "the new person is KIND of related"
};

struct ConcernRecord {
  domain::Concern concern;
  domain::Person child;
  std::vector<domain::InformationItem> items;
  std::vector<domain::BodyMark> body_marks;
  std::vector<domain::Attachment> attachments;  // without their content (service::Recording opens one)
};

class Casework {
 public:
  Casework(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // People belong to the actor's organisation; ids and created fields are
  // set here. With `link`, the relationship is written in the same
  // transaction: if it cannot be, nothing is.
  Result<domain::Person> AddPerson(const Context& context, domain::Person person,
                                   const std::optional<LinkTo>& link = std::nullopt);
  Result<PersonRecord> GetPerson(const Context& context, const std::string& id);
  Result<std::vector<domain::Person>> FindPeople(const Context& context, const std::string& name);
  // The organisation's children who could be the child an information
  // request asks about (the family name, and the date of birth where both
  // are known), for the holder to answer on the record already held rather
  // than make a second one.
  Result<std::vector<domain::Person>> ChildrenLike(const Context& context, const domain::InformationRequest& request);
  Result<domain::Relationship> AddRelationship(const Context& context, domain::Relationship relationship);

  // The concern and its items are written together; it lands in the DSL's queue.
  Result<ConcernRecord> RaiseConcern(const Context& context, const NewConcern& request);
  Result<ConcernRecord> GetConcern(const Context& context, const std::string& id);
  // Concerns the actor raised.
  Result<std::vector<domain::Concern>> MyConcerns(const Context& context);
  // The DSL's queue: the organisation's concerns not yet actioned, oldest first.
  Result<std::vector<domain::Concern>> SafeguardingQueue(const Context& context);
  Result<domain::InformationItem> AddItem(const Context& context, const std::string& concern_id,
                                          NewItem item);
  // DSL: marks the concern seen; the practitioner who raised it is told.
  Result<domain::Concern> MarkSeen(const Context& context, const std::string& concern_id);
  // DSL: records the next step (marking it seen if it was not).
  Result<domain::Concern> RecordNextStep(const Context& context, const std::string& concern_id,
                                         domain::NextStep step, const std::string& note);

  Result<std::vector<domain::Notification>> Notifications(const Context& context, bool unread_only);
  Status MarkNotificationsRead(const Context& context);

 private:
  Result<domain::Concern> Triage(const Context& context, const std::string& concern_id,
                                 std::optional<domain::NextStep> step, const std::string& note);
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

// An information item as given, tidied and checked, about and naming only
// people of the actor's organisation (within the caller's transaction): not
// yet stored. Errors name the field after `field` ("items[0].").
Result<domain::InformationItem> MakeItem(store::Transaction& tx, const Context& context, Time now,
                                         const std::string& concern_id, const std::string& field, NewItem in);

// A child recorded by the actor within the caller's transaction, as
// AddPerson records one: tidied, checked (errors name the field after
// `field`), offered for linking to a record already held, indexed, audited.
Result<domain::Person> RecordChild(store::Transaction& tx, const AuditTrail& trail, const Context& context,
                                   domain::Person child, Time now, const std::string& field);

// Tells one practitioner something changed (within the caller's transaction).
Status Notify(store::Transaction& tx, Time now, const std::string& practitioner_id,
              std::string kind, std::string object_type, std::string object_id);

}  // namespace jigsaw::service
