// The partnership index, lookups of it, organisations' visibility setting
// and risk alerts (docs/linkage.md, "Who else knows this child"). Reached
// through Transaction::partnership(); the SQL is in partnership_repository.cpp.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/partnership.h"

namespace jigsaw::store {

// Index entries of these kinds, outside one organisation, that share any
// non-empty key (date of birth, NHS number, UPN, folded family name).
struct IndexCandidatesQuery {
  std::string exclude_organisation_id;  // empty: every organisation
  domain::PersonKind kind = domain::PersonKind::kChild;
  std::string date_of_birth, nhs_number, upn, family_key;
  std::size_t limit = 5'000;
};

class PartnershipRepository {
 public:
  virtual ~PartnershipRepository() = default;

  // Writes the person's entry (replacing any earlier one) and phone keys.
  virtual Status PutEntry(const domain::IndexEntry& entry) = 0;
  virtual Result<std::optional<domain::IndexEntry>> FindEntry(const std::string& person_id) = 0;
  virtual Result<std::vector<domain::IndexEntry>> Candidates(const IndexCandidatesQuery& query) = 0;
  virtual Result<std::vector<domain::IndexEntry>> WithAddress(const std::string& address_key) = 0;
  virtual Result<std::vector<domain::IndexEntry>> WithPhone(const std::string& phone_key) = 0;

  // Organisations that withhold their name from "who else knows" answers.
  virtual Result<std::set<std::string>> WithholdingOrganisations() = 0;
  virtual Status SetWithholdName(const std::string& organisation_id, bool withhold, const std::string& by,
                                 Time at) = 0;

  virtual Status InsertLookup(const domain::PartnershipLookup& lookup) = 0;
  virtual Result<std::optional<domain::PartnershipLookup>> FindLookup(const std::string& id) = 0;

  // Writes the alert with its members (replacing any earlier members).
  virtual Status PutRiskAlert(const domain::RiskAlert& alert) = 0;
  virtual Result<std::optional<domain::RiskAlert>> FindRiskAlert(const std::string& id) = 0;
  // The alert of this link whose key is `key`, or that has any of `link_people` as a link member.
  virtual Result<std::optional<domain::RiskAlert>> FindRiskAlertFor(domain::RiskLink link, const std::string& key,
                                                                    const std::vector<std::string>& link_people) = 0;
  // Newest change first, without members.
  virtual Result<std::vector<domain::RiskAlert>> RiskAlerts(std::size_t limit) = 0;
};

}  // namespace jigsaw::store
