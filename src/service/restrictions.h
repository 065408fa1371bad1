// Restriction of processing (UK GDPR Article 18) and objection (Article 21),
// docs/rights.md. The organisation's DPO restricts a person's records and
// lifts the restriction, and records objections with the decision on each
// (access kRestrictProcessing); every change is audited under the child.
//
// Withholding is the one home for what a standing restriction does to a
// read: every use case that reads people or concerns loads it in its
// transaction and asks it, so that the rule is never written twice. The
// store only gives the data.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "access/policy.h"
#include "domain/case_management.h"
#include "domain/casework.h"
#include "domain/person.h"
#include "domain/restriction.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/restriction_repository.h"
#include "store/store.h"

namespace jigsaw::service {

// The standing restrictions of one organisation's records as one actor
// meets them. Withholds nothing from the organisation's DPO
// (access::MayReadRestricted), nor anything of other organisations.
class Withholding {
 public:
  // Loads the standing restrictions of `organisation_id` (the organisation
  // whose records are about to be read) within the caller's transaction.
  static Result<Withholding> Load(store::Transaction& tx, const access::Actor& actor,
                                  const std::string& organisation_id);
  // The same for what the organisation's records give without a reader of
  // its own (matching, the partnership index's answers to others): every
  // standing restriction withholds.
  static Result<Withholding> FromEveryone(store::Transaction& tx, const std::string& organisation_id);

  // The standing restriction that withholds this person's records from
  // the actor, or nullptr.
  const domain::Restriction* On(const std::string& person_id) const;
  bool Withholds(const std::string& person_id) const { return On(person_id) != nullptr; }

  // Ok, or kPermissionDenied (field "restriction") with the restriction's
  // notice: opening a withheld record directly (the caller's Audited
  // records the refusal).
  Status Check(const std::string& person_id) const;

  // A withheld person keeps their id, organisation and kind and gets the
  // marker instead of every other field; a concern about a withheld child
  // keeps its ids, status and dates and loses its account, forms and level.
  // Records not withheld are left as they are.
  void Mask(domain::Person& person) const;
  void Mask(domain::Concern& concern) const;
  // A task about a withheld child keeps everything but its description.
  void Mask(domain::Task& task) const;
  template <typename T>
  void MaskAll(std::vector<T>& records) const {
    for (auto& r : records) Mask(r);
  }

 private:
  std::map<std::string, domain::Restriction> standing_;  // by person id; empty for the DPO
};

// The standing restriction on any one of `person_ids` at their
// organisation, whoever asks: for answers given to other organisations
// (the partnership index, matching), where no one of the holder may use
// the records. Within the caller's transaction.
Result<bool> AnyRestricted(store::Transaction& tx, const std::string& organisation_id,
                           const std::vector<std::string>& person_ids);

struct NewRestriction {
  std::string person_id;
  std::string reason;
};

struct NewObjection {
  std::string person_id;
  std::string received_on;  // "YYYY-MM-DD"
  domain::Objector objector = domain::Objector::kPerson;
  std::string objector_name;
  std::string grounds;
};

struct ObjectionVerdict {
  domain::ObjectionDecision decision = domain::ObjectionDecision::kAwaiting;
  std::string reason;
};

// The DPO's register: restrictions (standing and lifted) and objections,
// newest first, with the names of the people they are about.
struct RightsRegister {
  std::vector<domain::Restriction> restrictions;
  std::vector<domain::Objection> objections;
  std::map<std::string, std::string> names;  // person id to full name
};

class Restrictions {
 public:
  Restrictions(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // Restricts the organisation's person's records (kRestrictProcessing).
  // kInvalidArgument naming the field writes nothing; kNotFound (field
  // "person_id") if the person is not the organisation's; kAlreadyExists
  // if a restriction already stands on them.
  Result<domain::Restriction> Restrict(const Context& context, NewRestriction restriction);
  // kFailedPrecondition (field "restriction_id") if it was lifted before;
  // kInvalidArgument (field "lift_reason") without a reason.
  Result<domain::Restriction> Lift(const Context& context, const std::string& restriction_id, std::string reason);

  Result<domain::Objection> RecordObjection(const Context& context, NewObjection objection);
  // kFailedPrecondition (field "objection_id") if it was decided before.
  Result<domain::Objection> DecideObjection(const Context& context, const std::string& objection_id,
                                            ObjectionVerdict verdict);

  // The register (kRestrictProcessing).
  Result<RightsRegister> Register(const Context& context);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
