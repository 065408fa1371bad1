// The partnership index in use (docs/linkage.md, "Who else knows this
// child" and "Children linked to the same risk"). The index holds the
// identifying fields of children and of adults recorded as posing a risk,
// and the address and phone keys of everyone recorded, apart from case
// content; Casework keeps it up to date in the transaction that records or
// links a person. It answers two questions, and only with organisations
// and children, never records:
//  - who else knows this child? Asked by a DSL, or a practitioner of
//    children's services, of their own record; every lookup is audited and
//    each organisation found is told, whether or not it withholds its name;
//  - is one adult, address or phone number (or one concern) around
//    children known to several organisations? Then the DSLs of children's
//    services are alerted.
#pragma once

#include <string>
#include <vector>

#include "domain/organisation.h"
#include "domain/partnership.h"
#include "domain/person.h"
#include "service/context.h"
#include "service/workflow.h"

namespace jigsaw::service {

// The same person, in the index: the probability at which linkage joins two
// records (docs/linkage.md, "Thresholds, and why").
inline constexpr double kSamePersonProbability = 0.9;
// A risk alert needs at least this many different children, known between
// them to at least this many organisations (docs/linkage.md says why 3).
inline constexpr int kRiskAlertChildren = 2;
inline constexpr int kRiskAlertOrganisations = 3;

// Writes the index entries of these people (from their records) and looks
// for risks around them; within the caller's transaction. People not
// found are skipped.
Status IndexPeople(store::Transaction& tx, Time now, const std::vector<std::string>& person_ids);
// Looks for children named together in one concern (its child and the
// children its items identify); within the caller's transaction.
Status IndexConcern(store::Transaction& tx, Time now, const std::string& concern_id);

// How to reach an organisation's designated safeguarding lead.
struct DslContact {
  std::string name;
  std::string email;
};

struct KnownBy {
  domain::Organisation organisation;
  std::vector<DslContact> dsls;
};

// A lookup as one viewer may see it.
struct LookupView {
  domain::PartnershipLookup lookup;  // holders: for the asker the named ones; for a holder, itself
  bool asker = false;                // the viewer is of the asking organisation
  domain::Organisation asked_from;
  DslContact asked_by;  // who asked, to be reached by a holder
  domain::Person child;  // the viewer's own record: the asker's child, or the holder's matching record
  std::vector<KnownBy> known_by;  // the asker's answer: named organisations only, and how to reach their DSLs
};

// A risk alert as children's services' DSL sees it: which children and
// which organisations, never what any of them recorded.
struct RiskAlertView {
  struct Child {
    std::string child_key;
    std::string name;           // as first recorded by an organisation that gives its name
    std::string date_of_birth;
    std::string own_person_id;  // the viewer's organisation's record, if it has one
    std::vector<std::string> organisation_ids;  // named organisations knowing the child
    int withheld_organisations = 0;             // organisations that withhold their name
  };
  domain::RiskAlert alert;
  std::vector<Child> children;
  std::vector<KnownBy> organisations;  // named ones
  int withheld_organisations = 0;
  int link_records = 0;  // records of the adult, or people recorded at the address or with the number
};

class Partnership {
 public:
  Partnership(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // Asks who else knows the child of `child_id` (the actor's own record of
  // a child): the organisations whose records match it above
  // kSamePersonProbability, less those that withhold their name, with their
  // DSLs. Every organisation found is told. Fails with not found for a
  // record that is not the actor's organisation's, permission denied for a
  // role that may not ask, invalid argument (child_id) for a person who is
  // not a child.
  Result<LookupView> WhoElseKnows(const Context& context, const std::string& child_id);
  // A lookup, for the asker (and their DSL) or a holder's DSL.
  Result<LookupView> GetLookup(const Context& context, const std::string& id);

  // The actor's organisation's setting.
  Result<bool> WithholdsName(const Context& context);
  Status SetWithholdName(const Context& context, bool withhold);

  // For the DSL of children's services: newest change first.
  Result<std::vector<domain::RiskAlert>> RiskAlerts(const Context& context);
  Result<RiskAlertView> GetRiskAlert(const Context& context, const std::string& id);

 private:
  Result<access::RecordFacts> ActorFacts(store::Transaction& tx, const Context& context,
                                         const std::string& organisation_id) const;
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
