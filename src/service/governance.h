// The registers of data sharing agreements and DPIAs (docs/governance.md),
// and what every share is checked against: the active agreements and
// approved DPIAs that cover the sharing organisation, the recipient and
// the purpose (CoverFor), worked out on the injected clock's UK date. Every
// read and write is authorised (access: kViewGovernance, kRecordAgreement,
// kSignAgreement, kRecordDpia, kAdviseOnDpia, kSignOffDpia) and audited.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/governance.h"
#include "service/audit_trail.h"
#include "service/context.h"
#include "store/governance_repository.h"
#include "store/store.h"

namespace jigsaw::service {

// An agreement or DPIA a share relies on, as the advice names it.
struct CoverRef {
  std::string id;
  std::string title;
};

// What covers a proposed share: the active agreements and approved DPIAs
// naming both organisations and the purpose.
struct SharingCover {
  std::vector<CoverRef> agreements;
  std::vector<CoverRef> dpias;
};

// Within the caller's transaction: what covers sharing from `sharer` to
// `recipient` for `purpose` on `today` ("YYYY-MM-DD"). Agreements and DPIAs
// hold no personal data, and the caller has authorised the share itself.
Result<SharingCover> CoverFor(store::Transaction& tx, const std::string& sharer, const std::string& recipient,
                              domain::SharingPurpose purpose, const std::string& today);

// An agreement or DPIA whose review date is within domain::kReviewDueDays
// of today, or past, for the home page of those who answer for it.
struct ReviewReminder {
  enum class Kind { kAgreement, kDpia } kind = Kind::kAgreement;
  std::string id;
  std::string title;
  std::string review_on;
};

// Within the caller's transaction: the reviews due for the actor, who is
// reminded only as a senior leader or DPO: of the agreements their
// organisation is party to (not withdrawn or expired) and of the DPIAs
// it carried out. Nothing for anyone else.
Result<std::vector<ReviewReminder>> ReviewsDue(store::Transaction& tx, const access::Actor& actor,
                                               const std::string& today);

struct AgreementView {
  domain::Agreement agreement;
  domain::AgreementState state = domain::AgreementState::kDraft;
  bool review_due = false;
  std::map<std::string, std::string> organisation_names;  // by id: the parties
  std::map<std::string, std::string> signer_names;        // by practitioner id
  // The actor may sign for their organisation now (a senior leader or DPO
  // of a party that has not signed, the agreement neither withdrawn nor expired).
  bool may_sign = false;
  bool may_withdraw = false;
  bool may_edit = false;    // the owner's senior leader or DPO, while it is a draft
  bool may_review = false;  // a party's senior leader or DPO, while it is neither withdrawn nor expired
};

struct DpiaView {
  domain::Dpia dpia;
  domain::DpiaState state = domain::DpiaState::kDraft;
  domain::RiskLevel residual = domain::RiskLevel::kLow;
  bool review_due = false;
  std::map<std::string, std::string> organisation_names;  // by id
  std::map<std::string, std::string> people_names;        // by practitioner id: author, DPO, signatory
  bool may_advise = false;   // the actor is the owner's DPO and it waits for advice
  bool may_sign_off = false;  // the actor is the owner's senior leader and it waits for sign-off
  bool may_edit = false;      // the owner's senior leader or DPO, while it waits for the DPO's advice
  bool may_review = false;    // the owner's senior leader or DPO
  // The actor is the senior leader of another organisation it names, it is
  // approved, and their organisation has not accepted it yet.
  bool may_accept = false;
};

// What a senior leader or DPO records on reviewing an agreement or DPIA.
struct ReviewNote {
  std::string next_review_on;  // "YYYY-MM-DD", after today
  std::string note;            // what the review found
};

// What a senior leader records when signing a DPIA off.
struct DpiaSignOff {
  bool dpo_advice_accepted = true;
  std::string overruled_reason;  // required when the DPO's advice is not followed
};

class Governance {
 public:
  Governance(store::Store& store, const Clock& clock, const AuditTrail& trail)
      : store_(store), clock_(clock), trail_(trail) {}

  // Records an agreement of the actor's organisation (kRecordAgreement),
  // unsigned (draft). kInvalidArgument naming the field (the first of
  // domain::Problems, or a party that is not an organisation); nothing is
  // written then.
  Result<AgreementView> RecordAgreement(const Context& context, domain::Agreement agreement);
  // Signs for the actor's organisation (kSignAgreement): active once every
  // party has. kNotFound unless the organisation is a party;
  // kFailedPrecondition if it has already signed, or the agreement is
  // withdrawn or expired.
  Result<AgreementView> SignAgreement(const Context& context, const std::string& id);
  // Withdraws it (kRecordAgreement of a party), with the reason ("reason"
  // if none); kFailedPrecondition if already withdrawn.
  Result<AgreementView> WithdrawAgreement(const Context& context, const std::string& id, const std::string& reason);
  // Replaces a draft's content (kRecordAgreement of the owner). The
  // owner, author and id stay. kFailedPrecondition once any party has
  // signed or it is withdrawn (a signature is to the text signed);
  // kInvalidArgument naming the field as RecordAgreement.
  Result<AgreementView> EditAgreement(const Context& context, const std::string& id, domain::Agreement agreement);
  // Records a review by a party's senior leader or DPO (kRecordAgreement),
  // moving its review date on, which clears the reminder.
  // kFailedPrecondition if withdrawn or expired; kInvalidArgument naming
  // "next_review_on" or "note".
  Result<AgreementView> ReviewAgreement(const Context& context, const std::string& id, ReviewNote review);
  Result<AgreementView> GetAgreement(const Context& context, const std::string& id);
  // The agreements the actor's organisation is party to, the latest start first.
  Result<std::vector<AgreementView>> Agreements(const Context& context);

  // Records a DPIA of the actor's organisation (kRecordDpia), waiting for
  // the DPO's advice. kInvalidArgument naming the field.
  Result<DpiaView> RecordDpia(const Context& context, domain::Dpia dpia);
  // The DPO's advice (kAdviseOnDpia): "advice" if empty;
  // kFailedPrecondition once signed off.
  Result<DpiaView> AdviseOnDpia(const Context& context, const std::string& id, const std::string& advice);
  // The senior leader's sign-off (kSignOffDpia): kFailedPrecondition until
  // the DPO has advised or once signed off; "overruled_reason" if the
  // advice is not followed and no reason is given.
  Result<DpiaView> SignOffDpia(const Context& context, const std::string& id, DpiaSignOff sign_off);
  // Replaces a draft's content (kRecordDpia of the owner).
  // kFailedPrecondition once the DPO has advised (the advice is on the text
  // they read); kInvalidArgument naming the field as RecordDpia.
  Result<DpiaView> EditDpia(const Context& context, const std::string& id, domain::Dpia dpia);
  // Another organisation the DPIA names takes it as its own
  // (kSignOffDpia: its senior leader), so that it covers that
  // organisation's sharing too (domain::Covers). kFailedPrecondition until
  // approved, or if already accepted, or for the owner (whose sign-off is
  // its acceptance).
  Result<DpiaView> AcceptDpia(const Context& context, const std::string& id);
  // Records a review by the owner's senior leader or DPO (kRecordDpia).
  Result<DpiaView> ReviewDpia(const Context& context, const std::string& id, ReviewNote review);
  Result<DpiaView> GetDpia(const Context& context, const std::string& id);
  // The DPIAs that cover the actor's organisation, the latest recorded first.
  Result<std::vector<DpiaView>> Dpias(const Context& context);

  // Today's UK date on the injected clock, "YYYY-MM-DD".
  std::string Today() const;

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditTrail& trail_;
};

}  // namespace jigsaw::service
