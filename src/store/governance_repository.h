// Data sharing agreements and DPIAs (domain/governance.h,
// docs/governance.md). Reached through Transaction::governance(); the SQL
// is in governance_repository.cpp. Every agreement and DPIA is read whole:
// its parties, signatures and risks with it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/governance.h"

namespace jigsaw::store {

class GovernanceRepository {
 public:
  virtual ~GovernanceRepository() = default;
  // An agreement with its parties (and no signatures yet). kAlreadyExists if the id is taken.
  virtual Status InsertAgreement(const domain::Agreement& agreement) = 0;
  // kAlreadyExists if the party has already signed.
  virtual Status InsertSignature(const std::string& agreement_id, const domain::AgreementSignature& signature) = 0;
  virtual Status UpdateWithdrawal(const domain::Agreement& agreement) = 0;
  // A draft's content (everything recorded but its id, owner, author and
  // signatures), its parties replaced by the agreement's.
  virtual Status UpdateAgreement(const domain::Agreement& agreement) = 0;
  virtual Result<std::optional<domain::Agreement>> FindAgreement(const std::string& id) = 0;
  // The agreements the organisation is a party to, the latest start first.
  virtual Result<std::vector<domain::Agreement>> AgreementsOf(const std::string& organisation_id) = 0;

  // A DPIA with its organisations and risks.
  virtual Status InsertDpia(const domain::Dpia& dpia) = 0;
  // The DPO's advice and the sign-off (step 7 of the template).
  virtual Status UpdateDpiaOutcome(const domain::Dpia& dpia) = 0;
  // A draft's content (steps 2 to 6, organisations, purposes, review date),
  // its organisations and risks replaced by the DPIA's.
  virtual Status UpdateDpia(const domain::Dpia& dpia) = 0;
  // kAlreadyExists if the organisation has already accepted it.
  virtual Status InsertDpiaAcceptance(const std::string& dpia_id, const domain::DpiaAcceptance& acceptance) = 0;

  // A review of an agreement or DPIA, kept, and the record's review date
  // moved to the review's next_review_on.
  virtual Status InsertReview(domain::CoverKind kind, const std::string& id, const domain::GovernanceReview& review) = 0;
  virtual Result<std::optional<domain::Dpia>> FindDpia(const std::string& id) = 0;
  // The DPIAs that cover the organisation, the latest recorded first.
  virtual Result<std::vector<domain::Dpia>> DpiasOf(const std::string& organisation_id) = 0;

  // What a decision relied on, as it stood when it was made (titles kept).
  virtual Status InsertDecisionCover(const std::string& decision_id, const std::vector<domain::CoverRecord>& cover) = 0;
  virtual Result<std::vector<domain::CoverRecord>> DecisionCover(const std::string& decision_id) = 0;
};

}  // namespace jigsaw::store
