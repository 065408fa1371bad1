#include "service/governance.h"

#include <algorithm>

#include "access/policy.h"
#include "common/random.h"
#include "domain/case_management.h"
#include "domain/text.h"
#include "service/workflow.h"

namespace jigsaw::service {

using access::Action;
using domain::Agreement;
using domain::AgreementState;
using domain::Dpia;
using domain::DpiaState;
using domain::Role;

namespace {

bool Signatory(const access::Actor& a) {
  return a.roles.Has(Role::kSeniorLeader) || a.roles.Has(Role::kDataProtectionOfficer);
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Result<std::map<std::string, std::string>> OrganisationNames(store::Transaction& tx) {
  std::map<std::string, std::string> out;
  for (const auto& o : JIGSAW_TRY(tx.organisations().List())) out[o.id] = o.name;
  return out;
}

Status AddName(store::Transaction& tx, std::map<std::string, std::string>& names, const std::string& id) {
  if (id.empty() || names.contains(id)) return Ok();
  const auto p = JIGSAW_TRY(tx.practitioners().Find(id));
  names[id] = p ? p->display_name : std::string("Someone no longer here");
  return Ok();
}

// Every listed organisation exists (named by the field and its index).
Status CheckOrganisations(store::Transaction& tx, std::string_view field, const std::vector<std::string>& ids) {
  const auto names = JIGSAW_TRY(OrganisationNames(tx));
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!names.contains(ids[i]))
      return InvalidArgument(std::string(field) + "[" + std::to_string(i) + "]", "There is no organisation with that id.");
  return Ok();
}

bool Signed(const Agreement& a, const std::string& organisation_id) {
  return std::any_of(a.signatures.begin(), a.signatures.end(),
                     [&](const auto& s) { return s.organisation_id == organisation_id; });
}

Result<AgreementView> ViewOf(store::Transaction& tx, const access::Actor& actor, Agreement a, const std::string& today) {
  AgreementView v;
  v.state = domain::AgreementStateOn(a, today);
  const bool live = v.state != AgreementState::kWithdrawn && v.state != AgreementState::kExpired;
  v.review_due = live && domain::ReviewDue(a.review_on, today);
  const auto all = JIGSAW_TRY(OrganisationNames(tx));
  for (const auto& id : a.party_organisation_ids)
    if (auto it = all.find(id); it != all.end()) v.organisation_names[id] = it->second;
  for (const auto& s : a.signatures) JIGSAW_RETURN_IF_ERROR(AddName(tx, v.signer_names, s.practitioner_id));
  JIGSAW_RETURN_IF_ERROR(AddName(tx, v.signer_names, a.withdrawn_by));
  const bool party = Has(a.party_organisation_ids, actor.organisation_id);
  v.may_sign = live && party && Signatory(actor) && !Signed(a, actor.organisation_id);
  v.may_withdraw = v.state != AgreementState::kWithdrawn && party && Signatory(actor);
  v.may_edit = v.state == AgreementState::kDraft && a.owner_organisation_id == actor.organisation_id && Signatory(actor);
  v.may_review = live && party && Signatory(actor);
  for (const auto& r : a.reviews) JIGSAW_RETURN_IF_ERROR(AddName(tx, v.signer_names, r.reviewed_by));
  v.agreement = std::move(a);
  return v;
}

Result<DpiaView> ViewOf(store::Transaction& tx, const access::Actor& actor, Dpia d, const std::string& today) {
  DpiaView v;
  v.state = domain::DpiaStateOf(d);
  v.residual = domain::ResidualRisk(d);
  v.review_due = domain::ReviewDue(d.review_on, today);
  const auto all = JIGSAW_TRY(OrganisationNames(tx));
  for (const auto& id : d.organisation_ids)
    if (auto it = all.find(id); it != all.end()) v.organisation_names[id] = it->second;
  for (const auto& id : {d.created_by, d.dpo_advice_by, d.signed_off_by})
    JIGSAW_RETURN_IF_ERROR(AddName(tx, v.people_names, id));
  for (const auto& a : d.acceptances) JIGSAW_RETURN_IF_ERROR(AddName(tx, v.people_names, a.practitioner_id));
  for (const auto& r : d.reviews) JIGSAW_RETURN_IF_ERROR(AddName(tx, v.people_names, r.reviewed_by));
  const bool owner = d.owner_organisation_id == actor.organisation_id;
  v.may_advise = owner && v.state == DpiaState::kDraft && actor.roles.Has(Role::kDataProtectionOfficer);
  v.may_sign_off = owner && v.state == DpiaState::kAwaitingSignOff && actor.roles.Has(Role::kSeniorLeader);
  v.may_edit = owner && v.state == DpiaState::kDraft && Signatory(actor);
  v.may_review = owner && Signatory(actor);
  v.may_accept = !owner && v.state == DpiaState::kApproved && actor.roles.Has(Role::kSeniorLeader) &&
                 Has(d.organisation_ids, actor.organisation_id) && !domain::OwnedOrAccepted(d, actor.organisation_id);
  v.dpia = std::move(d);
  return v;
}

// The agreement, if the actor's organisation is a party (else kNotFound:
// an id reveals nothing), after `action` is authorised for it.
Result<Agreement> LoadAgreement(store::Transaction& tx, const access::Actor& actor, const std::string& id,
                                Action action) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, action, actor.organisation_id));
  auto a = JIGSAW_TRY(tx.governance().FindAgreement(id));
  if (!a || (!actor.is_operator && !Has(a->party_organisation_ids, actor.organisation_id)))
    return NotYours("agreement_id");
  return std::move(*a);
}

// Whose DPIA an action needs: the owner's (advice, sign-off, editing,
// review), or any organisation's it names (reading it, accepting it).
enum class DpiaActor { kOwner, kNamed };

Result<Dpia> LoadDpia(store::Transaction& tx, const access::Actor& actor, const std::string& id, Action action,
                      DpiaActor who = DpiaActor::kOwner) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, action, actor.organisation_id));
  auto d = JIGSAW_TRY(tx.governance().FindDpia(id));
  if (!d || (!actor.is_operator && !Has(d->organisation_ids, actor.organisation_id))) return NotYours("dpia_id");
  // Advice and sign-off are the owner's: another organisation the DPIA
  // covers may read it and accept it, not change it.
  if (action != Action::kViewGovernance && who == DpiaActor::kOwner &&
      d->owner_organisation_id != actor.organisation_id && !actor.is_operator)
    return PermissionDenied("Only the organisation that carried out the DPIA can advise on it or sign it off.");
  return std::move(*d);
}

}  // namespace

Result<SharingCover> CoverFor(store::Transaction& tx, const std::string& sharer, const std::string& recipient,
                              domain::SharingPurpose purpose, const std::string& today) {
  SharingCover out;
  for (const auto& a : JIGSAW_TRY(tx.governance().AgreementsOf(sharer)))
    if (domain::Covers(a, sharer, recipient, purpose, today)) out.agreements.push_back({a.id, a.title});
  for (const auto& d : JIGSAW_TRY(tx.governance().DpiasOf(sharer)))
    if (domain::Covers(d, sharer, recipient, purpose)) out.dpias.push_back({d.id, d.title});
  return out;
}

Result<std::vector<ReviewReminder>> ReviewsDue(store::Transaction& tx, const access::Actor& actor,
                                               const std::string& today) {
  std::vector<ReviewReminder> out;
  if (actor.practitioner_id.empty() || actor.organisation_id.empty() || !Signatory(actor)) return out;
  for (const auto& a : JIGSAW_TRY(tx.governance().AgreementsOf(actor.organisation_id))) {
    const auto state = domain::AgreementStateOn(a, today);
    if (state != AgreementState::kWithdrawn && state != AgreementState::kExpired &&
        domain::ReviewDue(a.review_on, today))
      out.push_back({ReviewReminder::Kind::kAgreement, a.id, a.title, a.review_on});
  }
  for (const auto& d : JIGSAW_TRY(tx.governance().DpiasOf(actor.organisation_id)))
    if (d.owner_organisation_id == actor.organisation_id && domain::ReviewDue(d.review_on, today))
      out.push_back({ReviewReminder::Kind::kDpia, d.id, d.title, d.review_on});
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.review_on < y.review_on; });
  return out;
}

std::string Governance::Today() const { return domain::UkDate(clock_.Now()); }

Result<AgreementView> Governance::RecordAgreement(const Context& context, Agreement a) {
  const Time now = clock_.Now();
  a.id = NewId();
  a.owner_organisation_id = context.actor.organisation_id;
  a.created_by = context.actor.practitioner_id;
  a.created_at = now;
  a.signatures.clear();
  a.withdrawn_by.clear();
  a.withdrawn_at = {};
  a.withdrawal_reason.clear();
  domain::Tidy(a);
  AuditEvent event{"agreement.record", "agreement", a.id};
  AgreementView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRecordAgreement, context.actor.organisation_id));
    JIGSAW_RETURN_IF_ERROR(domain::FirstProblem(domain::Problems(a)));
    JIGSAW_RETURN_IF_ERROR(CheckOrganisations(tx, "party_organisation_ids", a.party_organisation_ids));
    JIGSAW_RETURN_IF_ERROR(tx.governance().InsertAgreement(a));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, a, domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

Result<AgreementView> Governance::SignAgreement(const Context& context, const std::string& id) {
  const Time now = clock_.Now();
  const std::string today = domain::UkDate(now);
  AuditEvent event{"agreement.sign", "agreement", id};
  AgreementView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Agreement a = JIGSAW_TRY(LoadAgreement(tx, context.actor, id, Action::kSignAgreement));
    const auto state = domain::AgreementStateOn(a, today);
    if (state == AgreementState::kWithdrawn || state == AgreementState::kExpired)
      return Fail(ErrorCode::kFailedPrecondition, "This agreement has been withdrawn or has expired: it cannot be signed.",
                  "agreement_id");
    if (Signed(a, context.actor.organisation_id))
      return Fail(ErrorCode::kFailedPrecondition, "Your organisation has already signed this agreement.", "agreement_id");
    const domain::AgreementSignature s{context.actor.organisation_id, context.actor.practitioner_id,
                                       context.actor.roles.Has(Role::kSeniorLeader) ? Role::kSeniorLeader
                                                                                    : Role::kDataProtectionOfficer,
                                       now};
    JIGSAW_RETURN_IF_ERROR(tx.governance().InsertSignature(a.id, s));
    a.signatures.push_back(s);
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(a), today));
    return Ok();
  }));
  return out;
}

Result<AgreementView> Governance::WithdrawAgreement(const Context& context, const std::string& id,
                                                    const std::string& reason_in) {
  const Time now = clock_.Now();
  std::string reason = reason_in;
  domain::TidyFreeText(reason);
  AuditEvent event{"agreement.withdraw", "agreement", id};
  AgreementView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Agreement a = JIGSAW_TRY(LoadAgreement(tx, context.actor, id, Action::kRecordAgreement));
    JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("reason", reason, 2000, "Say why the agreement is withdrawn."));
    if (!a.withdrawn_by.empty())
      return Fail(ErrorCode::kFailedPrecondition, "This agreement has already been withdrawn.", "agreement_id");
    a.withdrawn_by = context.actor.practitioner_id;
    a.withdrawn_at = now;
    a.withdrawal_reason = reason;
    JIGSAW_RETURN_IF_ERROR(tx.governance().UpdateWithdrawal(a));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(a), domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

Result<AgreementView> Governance::EditAgreement(const Context& context, const std::string& id, Agreement edited) {
  const Time now = clock_.Now();
  domain::Tidy(edited);
  AuditEvent event{"agreement.edit", "agreement", id};
  AgreementView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Agreement a = JIGSAW_TRY(LoadAgreement(tx, context.actor, id, Action::kRecordAgreement));
    if (a.owner_organisation_id != context.actor.organisation_id && !context.actor.is_operator)
      return PermissionDenied("Only the organisation that recorded the agreement can change it.");
    if (domain::AgreementStateOn(a, domain::UkDate(now)) != AgreementState::kDraft)
      return Fail(ErrorCode::kFailedPrecondition,
                  "Only a draft can be changed: once a party has signed, the text they signed stays. Withdraw it and "
                  "record a new one.",
                  "agreement_id");
    // What the form may change; who recorded it, when, and its state stay.
    edited.id = a.id;
    edited.owner_organisation_id = a.owner_organisation_id;
    edited.created_by = a.created_by;
    edited.created_at = a.created_at;
    edited.signatures.clear();
    edited.withdrawn_by.clear();
    edited.withdrawn_at = {};
    edited.withdrawal_reason.clear();
    edited.reviews = a.reviews;
    JIGSAW_RETURN_IF_ERROR(domain::FirstProblem(domain::Problems(edited)));
    JIGSAW_RETURN_IF_ERROR(CheckOrganisations(tx, "party_organisation_ids", edited.party_organisation_ids));
    JIGSAW_RETURN_IF_ERROR(tx.governance().UpdateAgreement(edited));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(edited), domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

namespace {

// A review of a record whose review date is `previous`, by the actor, now.
domain::GovernanceReview NewReview(const Context& context, Time now, const std::string& previous, ReviewNote note) {
  domain::GovernanceReview r{.id = NewId(), .reviewed_by = context.actor.practitioner_id, .reviewed_at = now,
                             .previous_review_on = previous, .next_review_on = std::move(note.next_review_on),
                             .note = std::move(note.note)};
  domain::TidyFreeText(r.note);
  return r;
}

}  // namespace

Result<AgreementView> Governance::ReviewAgreement(const Context& context, const std::string& id, ReviewNote note) {
  const Time now = clock_.Now();
  const std::string today = domain::UkDate(now);
  AuditEvent event{"agreement.review", "agreement", id};
  AgreementView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Agreement a = JIGSAW_TRY(LoadAgreement(tx, context.actor, id, Action::kRecordAgreement));
    const auto state = domain::AgreementStateOn(a, today);
    if (state == AgreementState::kWithdrawn || state == AgreementState::kExpired)
      return Fail(ErrorCode::kFailedPrecondition, "This agreement has been withdrawn or has expired: there is nothing to review.",
                  "agreement_id");
    auto review = NewReview(context, now, a.review_on, std::move(note));
    JIGSAW_RETURN_IF_ERROR(domain::FirstProblem(domain::Problems(review, today)));
    JIGSAW_RETURN_IF_ERROR(tx.governance().InsertReview(domain::CoverKind::kAgreement, a.id, review));
    a.review_on = review.next_review_on;
    a.reviews.push_back(std::move(review));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(a), today));
    return Ok();
  }));
  return out;
}

Result<AgreementView> Governance::GetAgreement(const Context& context, const std::string& id) {
  AuditEvent event{"agreement.view", "agreement", id};
  AgreementView out;
  const std::string today = Today();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(ViewOf(tx, context.actor, JIGSAW_TRY(LoadAgreement(tx, context.actor, id, Action::kViewGovernance)),
                            today));
    return Ok();
  }));
  return out;
}

Result<std::vector<AgreementView>> Governance::Agreements(const Context& context) {
  AuditEvent event{"agreement.list", "organisation", context.actor.organisation_id};
  std::vector<AgreementView> out;
  const std::string today = Today();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewGovernance, context.actor.organisation_id));
    for (auto& a : JIGSAW_TRY(tx.governance().AgreementsOf(context.actor.organisation_id)))
      out.push_back(JIGSAW_TRY(ViewOf(tx, context.actor, std::move(a), today)));
    return Ok();
  }));
  return out;
}

Result<DpiaView> Governance::RecordDpia(const Context& context, Dpia d) {
  const Time now = clock_.Now();
  d.id = NewId();
  d.owner_organisation_id = context.actor.organisation_id;
  d.created_by = context.actor.practitioner_id;
  d.created_at = now;
  d.dpo_advice.clear();
  d.dpo_advice_by.clear();
  d.dpo_advice_at = {};
  d.dpo_advice_accepted = true;
  d.overruled_reason.clear();
  d.signed_off_by.clear();
  d.signed_off_at = {};
  domain::Tidy(d);
  AuditEvent event{"dpia.record", "dpia", d.id};
  DpiaView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRecordDpia, context.actor.organisation_id));
    JIGSAW_RETURN_IF_ERROR(domain::FirstProblem(domain::Problems(d)));
    JIGSAW_RETURN_IF_ERROR(CheckOrganisations(tx, "organisation_ids", d.organisation_ids));
    JIGSAW_RETURN_IF_ERROR(tx.governance().InsertDpia(d));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, d, domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

Result<DpiaView> Governance::AdviseOnDpia(const Context& context, const std::string& id, const std::string& advice_in) {
  const Time now = clock_.Now();
  std::string advice = advice_in;
  domain::TidyFreeText(advice);
  AuditEvent event{"dpia.advise", "dpia", id};
  DpiaView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Dpia d = JIGSAW_TRY(LoadDpia(tx, context.actor, id, Action::kAdviseOnDpia));
    if (domain::DpiaStateOf(d) == DpiaState::kApproved)
      return Fail(ErrorCode::kFailedPrecondition, "This DPIA has been signed off: its advice cannot change.", "dpia_id");
    JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("advice", advice, 20000, "Enter your advice as the DPO."));
    d.dpo_advice = advice;
    d.dpo_advice_by = context.actor.practitioner_id;
    d.dpo_advice_at = now;
    JIGSAW_RETURN_IF_ERROR(tx.governance().UpdateDpiaOutcome(d));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(d), domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

Result<DpiaView> Governance::SignOffDpia(const Context& context, const std::string& id, DpiaSignOff s) {
  const Time now = clock_.Now();
  domain::TidyFreeText(s.overruled_reason);
  AuditEvent event{"dpia.sign_off", "dpia", id};
  DpiaView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Dpia d = JIGSAW_TRY(LoadDpia(tx, context.actor, id, Action::kSignOffDpia));
    const auto state = domain::DpiaStateOf(d);
    if (state == DpiaState::kApproved)
      return Fail(ErrorCode::kFailedPrecondition, "This DPIA has already been signed off.", "dpia_id");
    if (state == DpiaState::kDraft)
      return Fail(ErrorCode::kFailedPrecondition, "The DPO must give their advice before the DPIA is signed off.",
                  "dpia_id");
    // The DPO advises and the organisation decides (UK GDPR Article
    // 35(2), Article 38(6): the DPO's tasks must not lead to a conflict of
    // interests): someone who holds both roles cannot approve their own
    // advice.
    if (d.dpo_advice_by == context.actor.practitioner_id)
      return Fail(ErrorCode::kFailedPrecondition,
                  "You gave the DPO's advice on this DPIA: another senior leader must sign it off.", "dpia_id");
    if (!s.dpo_advice_accepted)
      JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("overruled_reason", s.overruled_reason, 20000,
                                                          "Say why the DPO's advice is not followed."));
    d.dpo_advice_accepted = s.dpo_advice_accepted;
    d.overruled_reason = s.dpo_advice_accepted ? std::string() : s.overruled_reason;
    d.signed_off_by = context.actor.practitioner_id;
    d.signed_off_at = now;
    JIGSAW_RETURN_IF_ERROR(tx.governance().UpdateDpiaOutcome(d));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(d), domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

Result<DpiaView> Governance::EditDpia(const Context& context, const std::string& id, Dpia edited) {
  const Time now = clock_.Now();
  domain::Tidy(edited);
  AuditEvent event{"dpia.edit", "dpia", id};
  DpiaView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Dpia d = JIGSAW_TRY(LoadDpia(tx, context.actor, id, Action::kRecordDpia));
    if (domain::DpiaStateOf(d) != DpiaState::kDraft)
      return Fail(ErrorCode::kFailedPrecondition,
                  "Only a draft can be changed: the DPO has advised on this text. Record a new DPIA instead.", "dpia_id");
    edited.id = d.id;
    edited.owner_organisation_id = d.owner_organisation_id;
    edited.created_by = d.created_by;
    edited.created_at = d.created_at;
    edited.dpo_advice.clear();
    edited.dpo_advice_by.clear();
    edited.dpo_advice_at = {};
    edited.dpo_advice_accepted = true;
    edited.overruled_reason.clear();
    edited.signed_off_by.clear();
    edited.signed_off_at = {};
    edited.acceptances.clear();
    edited.reviews = d.reviews;
    JIGSAW_RETURN_IF_ERROR(domain::FirstProblem(domain::Problems(edited)));
    JIGSAW_RETURN_IF_ERROR(CheckOrganisations(tx, "organisation_ids", edited.organisation_ids));
    JIGSAW_RETURN_IF_ERROR(tx.governance().UpdateDpia(edited));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(edited), domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

Result<DpiaView> Governance::AcceptDpia(const Context& context, const std::string& id) {
  const Time now = clock_.Now();
  AuditEvent event{"dpia.accept", "dpia", id};
  DpiaView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Dpia d = JIGSAW_TRY(LoadDpia(tx, context.actor, id, Action::kSignOffDpia, DpiaActor::kNamed));
    if (d.owner_organisation_id == context.actor.organisation_id)
      return Fail(ErrorCode::kFailedPrecondition, "Your organisation carried out this DPIA: its sign-off is its acceptance.",
                  "dpia_id");
    if (domain::DpiaStateOf(d) != DpiaState::kApproved)
      return Fail(ErrorCode::kFailedPrecondition,
                  "This DPIA has not been signed off by the organisation that carried it out: it cannot be accepted yet.",
                  "dpia_id");
    if (domain::OwnedOrAccepted(d, context.actor.organisation_id))
      return Fail(ErrorCode::kFailedPrecondition, "Your organisation has already accepted this DPIA.", "dpia_id");
    const domain::DpiaAcceptance acceptance{context.actor.organisation_id, context.actor.practitioner_id, now};
    JIGSAW_RETURN_IF_ERROR(tx.governance().InsertDpiaAcceptance(d.id, acceptance));
    d.acceptances.push_back(acceptance);
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(d), domain::UkDate(now)));
    return Ok();
  }));
  return out;
}

Result<DpiaView> Governance::ReviewDpia(const Context& context, const std::string& id, ReviewNote note) {
  const Time now = clock_.Now();
  const std::string today = domain::UkDate(now);
  AuditEvent event{"dpia.review", "dpia", id};
  DpiaView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    Dpia d = JIGSAW_TRY(LoadDpia(tx, context.actor, id, Action::kRecordDpia));
    auto review = NewReview(context, now, d.review_on, std::move(note));
    JIGSAW_RETURN_IF_ERROR(domain::FirstProblem(domain::Problems(review, today)));
    JIGSAW_RETURN_IF_ERROR(tx.governance().InsertReview(domain::CoverKind::kDpia, d.id, review));
    d.review_on = review.next_review_on;
    d.reviews.push_back(std::move(review));
    out = JIGSAW_TRY(ViewOf(tx, context.actor, std::move(d), today));
    return Ok();
  }));
  return out;
}

Result<DpiaView> Governance::GetDpia(const Context& context, const std::string& id) {
  AuditEvent event{"dpia.view", "dpia", id};
  DpiaView out;
  const std::string today = Today();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(ViewOf(tx, context.actor, JIGSAW_TRY(LoadDpia(tx, context.actor, id, Action::kViewGovernance)), today));
    return Ok();
  }));
  return out;
}

Result<std::vector<DpiaView>> Governance::Dpias(const Context& context) {
  AuditEvent event{"dpia.list", "organisation", context.actor.organisation_id};
  std::vector<DpiaView> out;
  const std::string today = Today();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewGovernance, context.actor.organisation_id));
    for (auto& d : JIGSAW_TRY(tx.governance().DpiasOf(context.actor.organisation_id)))
      out.push_back(JIGSAW_TRY(ViewOf(tx, context.actor, std::move(d), today)));
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
