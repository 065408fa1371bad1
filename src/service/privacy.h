// The privacy information each organisation publishes (issue 16, item 6;
// docs/governance.md, "Privacy information"): what it shares for
// safeguarding, with whom and on what lawful basis, taken exactly from its
// active data sharing agreements on the injected clock's UK date; how long
// it keeps it; and whether it has a data protection officer. Public: no
// sign-in. It holds no personal data (organisations and agreements only,
// never a practitioner's name), so reads are not audited: an anonymous
// visitor could otherwise fill the audit log at will.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/governance.h"
#include "domain/organisation.h"
#include "domain/retention.h"
#include "store/governance_repository.h"
#include "store/store.h"

namespace jigsaw::service {

// One active agreement, as the public may read it.
struct PublishedSharing {
  std::string agreement_id;
  std::string title;
  std::vector<std::string> with;  // the other parties' names, in the agreement's order
  std::vector<domain::SharingPurpose> purposes;
  std::vector<std::string> data_categories;
  std::vector<domain::PersonKind> people_categories;
  std::vector<domain::LawfulBasis> lawful_bases;
  std::vector<domain::Article9Condition> article9_conditions;
  domain::SharingFrequency frequency = domain::SharingFrequency::kRegular;
  std::string start_on;  // "YYYY-MM-DD"
  std::string end_on;    // "YYYY-MM-DD", or empty: until withdrawn
};

struct PrivacyNotice {
  domain::Organisation organisation;
  std::vector<PublishedSharing> sharing;  // its active agreements today, the latest start first
  // Every Article 6 basis and Article 9 condition those agreements rely
  // on, once each, in the order UK GDPR lists them.
  std::vector<domain::LawfulBasis> lawful_bases;
  std::vector<domain::Article9Condition> article9_conditions;
  bool has_dpo = false;    // someone in the organisation holds the DPO role
  // How long it keeps each kind of record, in plain English with the
  // guidance each period follows: the schedule for its type of organisation
  // (domain::DefaultSchedule), stated as domain::PublicSummary words it.
  std::vector<domain::RetentionLine> retention;
  std::string retention_for_children;  // how long a concern about a child is kept, in a sentence for a child
  std::string today;       // "YYYY-MM-DD": the day the notice was worked out
};

class PrivacyInformation {
 public:
  PrivacyInformation(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The partnership's organisations, by name.
  Result<std::vector<domain::Organisation>> Organisations() const;
  // The organisation's notice today; kNotFound if there is no such organisation.
  Result<PrivacyNotice> NoticeOf(const std::string& organisation_id) const;

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace jigsaw::service
