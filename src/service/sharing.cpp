#include "service/sharing.h"

#include "service/linking.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/json_writer.h"
#include "common/random.h"
#include "service/lists.h"
#include "domain/text.h"
#include "redaction/redactor.h"
#include "guidance/engine.h"
#include "guidance/json.h"
#include "service/casework.h"
#include "service/outbound.h"
#include "service/restrictions.h"
#include "service/triage.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;
using domain::Decision;
using domain::DecisionOutcome;
using guidance::Record;

namespace {

constexpr std::string_view kSharingHidden = "There is no such record, or it is not shared with you.";
// The concern's own account, named like an item in a mention's id.
constexpr std::string_view kAccountId = "account";

std::string Index(std::string_view field, std::size_t i, std::string_view rest = {}) {
  return std::string(field) + "[" + std::to_string(i) + "]" + std::string(rest);
}

// text[from, to), moved inwards to whole UTF-8 characters.
std::string Excerpt(const std::string& text, std::size_t from, std::size_t to) {
  auto continuation = [&](std::size_t i) { return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  while (from < to && continuation(from)) ++from;
  while (to > from && continuation(to)) --to;
  return text.substr(from, to - from);
}

Status Require(bool present, std::string_view field, std::string_view message) {
  if (present) return Ok();
  return InvalidArgument(std::string(field), std::string(message));
}

Status RequireText(const std::string& value, std::string_view field, std::string_view if_blank) {
  return domain::ValidateRequiredText(field, value, 20000, if_blank);
}

// The parts of the record the assessment says must be kept (golden rule 7),
// every missing or wrong one (the pages show them all together; the API
// names the first). A decision not to share needs its reasons, and the
// advice it followed or departed from; the conditions for processing apply
// only to sharing. Also works out whether the decision departs from the advice.
std::vector<Error> RecordProblems(const NewDecision& proposal, const guidance::Assessment& a,
                                  const Circumstances& facts, Time now, Decision& d) {
  std::vector<Error> problems;
  auto note = [&](Status s) {
    if (!s) problems.push_back(s.error());
  };
  const domain::DecisionRecord& in = proposal.record;
  note(RequireText(in.rationale, "rationale", "Give the reasons for this decision, in your own words."));
  const bool share = proposal.outcome == DecisionOutcome::kShare;
  const auto& chosen = proposal.share_items;
  bool departs = share != guidance::IsShare(a.recommendation);
  if (share)
    for (const auto& advice : a.items)
      if (!advice.share && std::find(chosen.begin(), chosen.end(), advice.id) != chosen.end())
        departs = true;
  d.departs_from_advice = departs;
  if (departs)
    note(RequireText(in.departure_reason, "departure_reason", "Your decision differs from the advice: say why."));
  if (a.must_record.Has(Record::kAdviceSought))
    note(Require(in.advice_sought && !in.advice_sought->from.empty(), "advice_sought.from",
                 "Say whose advice you sought (for example your DSL or DPO)."));
  if (in.advice_sought) note(domain::ValidateText("advice_sought.summary", in.advice_sought->summary, 20000));
  if (!share) return problems;

  if (a.must_record.Has(Record::kLawfulBasis) || !in.lawful_basis.empty()) {
    if (in.lawful_basis.empty())
      note(InvalidArgument("lawful_basis", "Choose the lawful basis (UK GDPR Article 6) for sharing."));
    else if (!ParseEnum<guidance::LawfulBasis>(in.lawful_basis))
      note(InvalidArgument("lawful_basis", "'" + in.lawful_basis + "' is not a lawful basis; use " +
                                               AllowedValues<guidance::LawfulBasis>() + "."));
  }
  struct Part {
    Record record;
    const std::string& value;
    std::string_view field, message;
  };
  const Part parts[] = {
      {Record::kSpecialCategoryCondition, in.special_category_condition, "special_category_condition",
       "Special category information is shared: choose the condition that allows it (UK GDPR Article 9)."},
      {Record::kSensitiveProcessingCondition, in.sensitive_processing_condition,
       "sensitive_processing_condition", "Choose the condition for sensitive processing (DPA 2018 Part 3)."},
      {Record::kCriminalOffenceCondition, in.criminal_offence_condition, "criminal_offence_condition",
       "Information about crime is shared: choose the condition that allows it (DPA 2018 Schedule 1)."},
      {Record::kConfidentialityBasis, in.confidentiality_basis, "confidentiality_basis",
       "Information given in confidence is shared: say why confidentiality is set aside."},
      {Record::kConsent, in.consent, "consent", "Record the consent given and how it was given."},
  };
  for (const Part& p : parts)
    if (a.must_record.Has(p.record)) note(RequireText(p.value, p.field, p.message));

  if (a.must_record.Has(Record::kObjectionOverride)) {
    for (std::size_t i = 0; i < facts.objections.size(); ++i) {
      const std::string by(ToString(facts.objections[i]));
      auto o = std::find_if(in.objections.begin(), in.objections.end(), [&](const auto& x) { return x.by == by; });
      if (o == in.objections.end())
        note(InvalidArgument(Index("objection_overrides", i),
                             "The " + by + " objected: record why sharing goes ahead despite the objection."));
      else
        note(RequireText(o->reason, Index("objection_overrides", static_cast<std::size_t>(o - in.objections.begin()), ".reason"),
                         "Say why sharing goes ahead although the " + by + " objected."));
    }
  }
  // Golden rule 2: whether the child and family were told, or why not.
  if (!in.informing) {
    note(InvalidArgument("informing", "Record whether the child and family were told about the sharing, or why not."));
    return problems;
  }
  const auto& inf = *in.informing;
  if (inf.told) {
    const auto told_on = domain::ParseDate(inf.told_on);
    if (!told_on) note(InvalidArgument("informing.told_on", "Give the date they were told, as YYYY-MM-DD."));
    else if (domain::IsAfter(*told_on, now)) note(InvalidArgument("informing.told_on", "The date they were told is in the future."));
    note(RequireText(inf.told_by, "informing.told_by", "Say who told them."));
  } else {
    note(RequireText(inf.reason_not_told, "informing.reason_not_told", "Say why the child and family were not told."));
  }
  return problems;
}

guidance::Request BuildRequest(const Circumstances& f, const SharingCover& cover, const domain::Organisation& sharer,
                               const domain::Organisation& recipient,
                               const std::vector<domain::InformationItem>& items,
                               const std::vector<ItemJudgement>& judged,
                               const std::map<std::string, domain::Person>& people) {
  guidance::Request r;
  r.sharer = {sharer.sector, sharer.competent_authority};
  // Every member of the partnership has a role in safeguarding children.
  r.recipient = {true, recipient.competent_authority};
  r.purpose = f.purpose;
  r.risk = f.risk;
  r.legal_requirement = f.legal_requirement;
  r.frequency = f.frequency;
  // Found in the registers, never taken from the practitioner (docs/governance.md).
  r.dsa_in_place = !cover.agreements.empty();
  r.dpia_in_place = !cover.dpias.empty();
  r.consent = f.consent;
  r.objections = f.objections;
  r.informing = f.informing;
  r.uncertain = f.uncertain;
  for (const auto& j : judged) {
    auto item = std::find_if(items.begin(), items.end(), [&](const auto& i) { return i.id == j.item_id; });
    guidance::Item g;
    g.id = item->id;
    g.about = people.at(item->person_id).kind;
    g.relevant = j.relevant;
    g.necessary = j.necessary;
    g.accuracy = item->accuracy;
    for (auto c : item->special_category) g.special_category.Add(c);
    g.criminal_offence = item->criminal_offence;
    g.confidential = item->confidential;
    for (const auto& id : item->identifies)
      g.identifies.push_back({id, people.at(id).is_protected});
    r.items.push_back(std::move(g));
  }
  return r;
}

std::vector<std::string> RecordNames(const guidance::Assessment& a) {
  std::vector<std::string> out;
  a.must_record.ForEach([&](Record r) { out.emplace_back(ToString(r)); });
  return out;
}

// Everything a decision rests on, loaded and checked in the transaction.
struct Prepared {
  Decision decision;
  std::optional<guidance::Assessment> assessment;
  std::optional<RecipientView> view;
  std::string view_json;
  std::vector<MentionForReview> mentions;  // reported by the redaction, with or without a review
  std::vector<Error> record_problems;       // what the record lacks (golden rule 7)
  std::optional<domain::InformationRequest> request;
  std::optional<Decision> prior;
  domain::Organisation sharer;
  std::optional<SharingCover> cover;
};

// The preparation of a share, step by step: each step loads and
// authorises one part of what the decision rests on. Run() is the order.
class Preparation {
 public:
  Preparation(store::Transaction& tx, const Context& ctx, NewDecision in, Time now, AuditEvent& event)
      : tx_(tx), cw_(tx.casework()), ctx_(ctx), in_(std::move(in)), now_(now), event_(event) {
    domain::Tidy(in_.record);
    for (auto& r : in_.mention_reviews) domain::TidyFreeText(r.reason);
  }

  // Whose name the recipient reads as the sharer: the actor, unless a DSL
  // approves a member of staff's share.
  void SharedBy(std::string practitioner_id) { shared_by_ = std::move(practitioner_id); }
  // The waiting decision this preparation approves: the one answer to its
  // information request that may wait for the DSL while it is prepared.
  void Approving(std::string decision_id) { approving_ = std::move(decision_id); }

  // Withholds every mention of a protected person nobody reviewed, and
  // records that review with the decision (an answer typed in, which has
  // no preview to review it in).
  void WithholdUnreviewedMentions() { withhold_unreviewed_ = true; }

  // With `deciding`, also checks the record (golden rule 7) and that every
  // mention was reviewed; a preview only reports them.
  Result<Prepared> Run(bool deciding) {
    JIGSAW_RETURN_IF_ERROR(ApplyCorrection());
    JIGSAW_RETURN_IF_ERROR(LoadSubject());
    JIGSAW_RETURN_IF_ERROR(LoadRecipient());
    JIGSAW_RETURN_IF_ERROR(CheckChoice(deciding));
    JIGSAW_RETURN_IF_ERROR(LoadItems());
    JIGSAW_RETURN_IF_ERROR(LoadPeople());
    FillDecision();
    JIGSAW_RETURN_IF_ERROR(Assess(deciding));
    JIGSAW_RETURN_IF_ERROR(CheckPoliceReferences(deciding));
    JIGSAW_RETURN_IF_ERROR(BuildView(deciding));
    out_.sharer = sharer_;
    return std::move(out_);
  }

 private:
  bool Sharing() const { return in_.outcome == DecisionOutcome::kShare; }

  // A correction or a completed emergency record takes what was decided
  // from the decision it supersedes: only the record can change.
  Status ApplyCorrection() {
    if (in_.supersedes.empty()) return Ok();
    auto prior = JIGSAW_TRY(cw_.FindDecision(in_.supersedes));
    if (!prior || prior->organisation_id != ctx_.actor.organisation_id) return NotYours("supersedes");
    if (auto later = JIGSAW_TRY(cw_.SupersededBy(prior->id)))
      return Fail(ErrorCode::kFailedPrecondition,
                  "That decision has already been superseded by " + *later + ": correct the latest one.", "supersedes");
    if (in_.emergency) return InvalidArgument("emergency", "A correction or full record is not itself an emergency share.");
    // A share waiting for the DSL has sent nothing: the DSL's own decision
    // may change what is sent, or not share at all.
    const bool proposal = prior->approval == domain::Approval::kAwaiting;
    if (!proposal && in_.outcome != prior->outcome)
      return InvalidArgument("outcome", "A correction keeps the decision's outcome; record a new decision instead.");
    if (!proposal && !in_.share_items.empty() && in_.share_items != prior->item_ids)
      return InvalidArgument("share_items", "What was shared cannot change: make a new decision to share more.");
    in_.child_id = prior->child_id;
    in_.concern_id = prior->concern_id;
    in_.information_request_id = prior->information_request_id;
    in_.recipient_organisation_id = prior->recipient_organisation_id;
    in_.recipient_practitioner_id = prior->recipient_practitioner_id;
    // What a proposal is changed to is what the DSL chose; what they left
    // out is kept from the proposal.
    if (!proposal || in_.share_items.empty()) {
      in_.share_items = prior->item_ids;
      in_.concern_account = prior->concern_account;
    }
    if (in_.mention_reviews.empty()) in_.mention_reviews = prior->mention_reviews;
    if (in_.items.empty())
      for (const auto& id : prior->item_ids) in_.items.push_back({id, true, true});
    out_.prior = std::move(prior);
    return Ok();
  }

  // What the decision is about: a concern, a child, an information request.
  Status LoadSubject() {
    const std::string& org = ctx_.actor.organisation_id;
    if (!in_.concern_id.empty()) {
      auto concern = JIGSAW_TRY(cw_.FindConcern(in_.concern_id));
      if (!concern) return NotYours("concern_id");
      JIGSAW_RETURN_IF_ERROR(access::Authorise(ctx_.actor, Action::kDecide,
                                               RecordFacts{concern->organisation_id, concern->raised_by, {}, {}, {}}));
      if (!in_.child_id.empty() && in_.child_id != concern->child_id)
        return InvalidArgument("child_id", "This concern is about another child.");
      in_.child_id = concern->child_id;
      concern_ = std::move(concern);
    } else {
      JIGSAW_RETURN_IF_ERROR(access::Authorise(ctx_.actor, Action::kDecide, RecordFacts{org, {}, {}, {}, {}}));
    }
    if (!in_.child_id.empty()) {
      child_ = JIGSAW_TRY(cw_.FindPerson(in_.child_id));
      if (!child_ || child_->organisation_id != org) return NotYours("child_id");
      if (child_->kind != domain::PersonKind::kChild)
        return InvalidArgument("child_id", "This person is not recorded as a child.");
      event_.child_id = in_.child_id;
      // Restricted records are kept, not used: not shared until the DPO
      // lifts the restriction (in an emergency too: docs/rights.md).
      JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx_, ctx_.actor, org)).Check(child_->id));
    }
    if (!in_.information_request_id.empty()) JIGSAW_RETURN_IF_ERROR(LoadRequest());
    if (!child_ && !out_.request) return InvalidArgument("child_id", "Say which child this decision is about.");
    return Ok();
  }

  Status LoadRequest() {
    auto request = JIGSAW_TRY(cw_.FindInformationRequest(in_.information_request_id));
    if (!request) return NotYours("information_request_id");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(
        ctx_.actor, Action::kAnswerInformationRequest,
        RecordFacts{request->requester_organisation_id, request->requested_by, request->holder_organisation_id, {}, {}}));
    if (in_.recipient_organisation_id.empty()) in_.recipient_organisation_id = request->requester_organisation_id;
    if (in_.recipient_organisation_id != request->requester_organisation_id)
      return InvalidArgument("recipient_organisation_id", "An answer goes to the organisation that asked.");
    // One answer per question: a request is decided again only when the
    // requester asks for reconsideration (a correction of the answer, which
    // supersedes it, is not a new answer).
    if (!out_.prior && domain::IsDecided(request->status))
      return Fail(ErrorCode::kFailedPrecondition,
                  "That request has already been answered. If they ask you to reconsider, you can decide again.",
                  "information_request_id");
    // A member of staff's answer waiting for the DSL is the answer to come:
    // another would answer the request twice once it is approved (the DSL
    // changes the waiting one instead, which supersedes it).
    if (!out_.prior)
      if (auto waiting = JIGSAW_TRY(AnswerAwaitingApproval(tx_, *request)); waiting && waiting->id != approving_)
        return AnswerAlreadyAwaitingApproval();
    out_.request = std::move(request);
    return Ok();
  }

  Status LoadRecipient() {
    const std::string& org = ctx_.actor.organisation_id;
    auto sharer = JIGSAW_TRY(tx_.organisations().Find(org));
    if (!sharer) return Internal("The actor's organisation is missing.");
    sharer_ = std::move(*sharer);
    if (in_.recipient_organisation_id.empty())
      return InvalidArgument("recipient_organisation_id", "Choose the organisation the decision is about sharing with.");
    auto recipient = JIGSAW_TRY(tx_.organisations().Find(in_.recipient_organisation_id));
    if (!recipient) return InvalidArgument("recipient_organisation_id", "There is no organisation with that id.");
    if (recipient->id == org)
      return InvalidArgument("recipient_organisation_id", "Sharing within your organisation needs no disclosure.");
    recipient_ = std::move(*recipient);
    if (!in_.recipient_practitioner_id.empty()) {
      auto p = JIGSAW_TRY(tx_.practitioners().Find(in_.recipient_practitioner_id));
      if (!p || p->organisation_id != recipient_.id || p->disabled)
        return InvalidArgument("recipient_practitioner_id", "There is no such practitioner in the recipient organisation.");
      // A disclosure is for people who do casework, not for those who run
      // or oversee the system (docs/workflow.md).
      if (!p->roles.Has(domain::Role::kPractitioner) && !p->roles.Has(domain::Role::kDesignatedSafeguardingLead))
        return InvalidArgument("recipient_practitioner_id",
                               "Name a practitioner or designated safeguarding lead, or leave it to their organisation.");
    }
    return Ok();
  }

  // Which items were considered and which are chosen: the ids alone.
  Status CheckChoice(bool deciding) {
    const bool account = in_.concern_account == domain::ConcernAccount::kShared;
    if (account && in_.concern_id.empty())
      return InvalidArgument("concern_account", "Only a decision about a concern can share its account.");
    if (account && !Sharing())
      return InvalidArgument("concern_account", "A decision not to share shares nothing.");
    if (Sharing() && in_.share_items.empty() && !account && deciding)
      return InvalidArgument("share_items", "Choose the information to share.");
    if (!Sharing() && !in_.share_items.empty())
      return InvalidArgument("share_items", "A decision not to share shares nothing: leave share_items empty.");
    if (in_.emergency && in_.items.empty())
      for (const auto& id : in_.share_items) in_.items.push_back({id, true, true});
    std::set<std::string> considered;
    for (std::size_t i = 0; i < in_.items.size(); ++i)
      if (!considered.insert(in_.items[i].item_id).second)
        return InvalidArgument(Index("items", i, ".id"), "This item is listed twice.");
    for (std::size_t i = 0; i < in_.share_items.size(); ++i)
      if (!considered.contains(in_.share_items[i]))
        return InvalidArgument(Index("share_items", i), "Only items you considered (in items) can be shared.");
    if (!in_.emergency && in_.items.empty() && !(out_.request && !Sharing()))
      return InvalidArgument("items", "List the information you considered sharing.");
    return Ok();
  }

  // Each item must be the organisation's, about this case, and readable by
  // the actor through the record it belongs to: an item of a concern the
  // actor may not see cannot be previewed or sent by naming it.
  Status LoadItems() {
    std::vector<std::string> ids;
    for (const auto& j : in_.items) ids.push_back(j.item_id);
    auto loaded = JIGSAW_TRY(cw_.Items(ids));
    std::map<std::string, domain::Concern> concerns;
    for (std::size_t i = 0; i < in_.items.size(); ++i) {
      auto item = std::find_if(loaded.begin(), loaded.end(), [&](const auto& x) { return x.id == ids[i]; });
      if (item == loaded.end() || item->organisation_id != ctx_.actor.organisation_id) return NotYours(Index("items", i, ".id"));
      const bool about_this_case = (!in_.concern_id.empty() && item->concern_id == in_.concern_id) ||
                                   (child_ && item->person_id == child_->id);
      if (!about_this_case)
        return InvalidArgument(Index("items", i, ".id"), "This item is not part of this child's case.");
      JIGSAW_RETURN_IF_ERROR(AuthoriseItem(*item, concerns));
      items_.push_back(*item);
    }
    return Ok();
  }

  Status AuthoriseItem(const domain::InformationItem& item, std::map<std::string, domain::Concern>& concerns) {
    if (item.concern_id.empty())
      return access::Authorise(ctx_.actor, Action::kViewPeople, RecordFacts{item.organisation_id, {}, {}, {}, {}});
    auto it = concerns.find(item.concern_id);
    if (it == concerns.end()) {
      auto concern = JIGSAW_TRY(cw_.FindConcern(item.concern_id));
      if (!concern) return NotFound(std::string(kSharingHidden));
      it = concerns.emplace(item.concern_id, std::move(*concern)).first;
    }
    return access::Authorise(ctx_.actor, Action::kViewConcern,
                             RecordFacts{it->second.organisation_id, it->second.raised_by, {}, {}, {}});
  }

  // The people the items are about or name, the child, and (golden rule 5)
  // everyone connected to them at any distance through recorded
  // relationships: each protected one is withheld. Every other protected
  // person of the organisation is watched, so that a mention of them is
  // reviewed before anything is sent.
  Status LoadPeople() {
    std::vector<std::string> frontier;
    if (child_) frontier.push_back(child_->id);
    for (const auto& item : items_) {
      frontier.push_back(item.person_id);
      frontier.insert(frontier.end(), item.identifies.begin(), item.identifies.end());
    }
    std::set<std::string> seen;
    constexpr std::size_t kMostPeople = 10000;  // a bound on hostile or corrupt graphs
    while (!frontier.empty() && seen.size() < kMostPeople) {
      std::vector<std::string> next;
      std::vector<std::string> fresh;
      for (auto& id : frontier)
        if (seen.insert(id).second) fresh.push_back(id);
      for (auto& p : JIGSAW_TRY(cw_.People(fresh))) {
        if (p.organisation_id != ctx_.actor.organisation_id) continue;
        for (const auto& r : JIGSAW_TRY(cw_.Relationships(p.id)))
          next.push_back(r.person_id == p.id ? r.related_person_id : r.person_id);
        people_.emplace(p.id, std::move(p));
      }
      frontier = std::move(next);
    }
    for (const auto& item : items_) {
      if (!people_.contains(item.person_id)) return Internal("An item is about someone missing from the records.");
      for (const auto& id : item.identifies)
        if (!people_.contains(id)) return Internal("An item names someone missing from the records.");
    }
    return Ok();
  }

  void FillDecision() {
    Decision& d = out_.decision;
    d.id = NewId();
    d.organisation_id = ctx_.actor.organisation_id;
    d.child_id = in_.child_id;
    d.concern_id = in_.concern_id;
    d.information_request_id = in_.information_request_id;
    d.decided_by = ctx_.actor.practitioner_id;
    d.outcome = in_.outcome;
    d.recipient_organisation_id = recipient_.id;
    d.recipient_practitioner_id = in_.recipient_practitioner_id;
    d.item_ids = in_.share_items;
    d.concern_account = in_.concern_account;
    d.record = in_.record;
    d.mention_reviews = in_.mention_reviews;
    d.emergency = in_.emergency && in_.supersedes.empty();
    d.supersedes = in_.supersedes;
    d.created_at = now_;
  }

  Status Assess(bool deciding) {
    Decision& d = out_.decision;
    if (d.emergency) {
      // Share first, record after: who, what and to whom now; the reasons are
      // owed by the deadline (Annex: "Sharing information in an emergency").
      if (!Sharing()) return InvalidArgument("outcome", "An emergency record is for information already shared.");
      return domain::ValidateText("rationale", in_.record.rationale, 20000);
    }
    if (out_.request && !Sharing() && in_.items.empty())
      // Refusing a request for information the organisation does not hold.
      return RequireText(in_.record.rationale, "rationale", "Give the reasons for refusing.");
    if (!in_.circumstances)
      return InvalidArgument("circumstances", "Describe the circumstances so that the guidance can be applied.");
    out_.cover = JIGSAW_TRY(CoverFor(tx_, sharer_.id, recipient_.id, in_.circumstances->purpose, domain::UkDate(now_)));
    auto request = BuildRequest(*in_.circumstances, *out_.cover, sharer_, recipient_, items_, in_.items, people_);
    request.recorded_objection = JIGSAW_TRY(RecordedObjection());
    out_.assessment = guidance::Assess(request);
    d.assessment_request = guidance::ToJsonText(request);
    d.assessment = guidance::ToJsonText(*out_.assessment);
    d.recommendation = std::string(ToString(out_.assessment->recommendation));
    d.must_record = RecordNames(*out_.assessment);
    out_.record_problems = RecordProblems(in_, *out_.assessment, *in_.circumstances, now_, d);
    if (auto regular = CheckRegularSharing(); !regular) out_.record_problems.insert(out_.record_problems.begin(), regular.error());
    if (deciding && !out_.record_problems.empty()) return std::unexpected(out_.record_problems.front());
    return Ok();
  }

  // The objection on record (UK GDPR Article 21) about the child or anyone
  // the chosen items are about, as the guidance weighs it: one upheld or
  // still awaiting a decision asks the practitioner for reasons, so it
  // counts over one not upheld.
  Result<guidance::RecordedObjection> RecordedObjection() {
    using R = guidance::RecordedObjection;
    std::set<std::string> about;
    if (child_) about.insert(child_->id);
    for (const auto& item : items_) about.insert(item.person_id);
    auto rank = [](R r) { return r == R::kUpheld ? 3 : r == R::kAwaiting ? 2 : r == R::kNotUpheld ? 1 : 0; };
    R out = R::kNone;
    for (const auto& id : about)
      for (const auto& o : JIGSAW_TRY(tx_.restrictions().ObjectionsAbout(id))) {
        if (o.organisation_id != ctx_.actor.organisation_id) continue;
        const R r = o.decision == domain::ObjectionDecision::kUpheld     ? R::kUpheld
                    : o.decision == domain::ObjectionDecision::kNotUpheld ? R::kNotUpheld
                                                                         : R::kAwaiting;
        if (rank(r) > rank(out)) out = r;
      }
    return out;
  }

  // The advice ("Data Protection Impact Assessments (DPIA)"): a DPIA must be
  // completed before sharing regularly. Regular sharing that no approved
  // DPIA covers cannot be recorded as regular; a one-off share, and an
  // emergency share and its full record afterwards, are never held up by
  // it (the advice: this never delays protecting a child now).
  Status CheckRegularSharing() const {
    if (!Sharing() || in_.circumstances->frequency != guidance::Frequency::kRegular) return Ok();
    if (out_.prior && out_.prior->emergency) return Ok();
    if (!out_.cover->dpias.empty()) return Ok();
    return InvalidArgument("circumstances.frequency",
                           "Regular sharing with " + recipient_.name +
                               " needs an approved data protection impact assessment covering both organisations "
                               "for this purpose, and Jigsaw has none. Record this share as a one-off, or ask your "
                               "data protection officer about a DPIA.");
  }

  // A police force's references (issue 12, item 6): only a police force
  // records them, and each is a reference, never personal data. Problems
  // join the record's, so the pages show them with the rest; deciding
  // refuses with the first.
  Status CheckPoliceReferences(bool deciding) {
    const domain::PoliceReferences& police = in_.record.police;
    std::vector<Error> problems;
    if (!police.Empty() && !domain::RecordsPoliceReferences(sharer_)) {
      problems.push_back({ErrorCode::kInvalidArgument,
                          "Only a police force records police references: leave them out.", "police"});
    } else {
      for (auto s : {domain::ValidatePoliceReference("police.occurrence_reference", police.occurrence_reference),
                     domain::ValidatePoliceReference("police.ppn_reference", police.ppn_reference)})
        if (!s) problems.push_back(s.error());
    }
    out_.record_problems.insert(out_.record_problems.end(), problems.begin(), problems.end());
    if (deciding && !problems.empty()) return std::unexpected(problems.front());
    return Ok();
  }

  // The redactor for this share: who is withheld, and who is watched.
  Result<redaction::Redactor> BuildRedactor() {
    std::vector<redaction::ProtectedPerson> people;
    const std::string subject = child_ ? child_->id : std::string();
    for (const auto& [id, p] : people_)
      if (auto protection = redaction::ProtectionOf(p, subject); protection != redaction::Protection::kNone)
        people.push_back({p, protection, redaction::Treatment::kWithhold});
    for (auto& p : JIGSAW_TRY(cw_.ProtectedPeople(ctx_.actor.organisation_id)))
      if (!people_.contains(p.id)) {
        watched_names_.emplace_back(p.id, p.FullName());
        people.push_back({std::move(p), redaction::Protection::kIdentity, redaction::Treatment::kReview});
      }
    JIGSAW_RETURN_IF_ERROR(AddFormerIdentities(cw_, ctx_.actor.organisation_id, people));
    return redaction::Redactor(people, child_ ? &*child_ : nullptr);
  }

  // What the recipient receives: the child's identity (without where they
  // live, if they are protected), the chosen items, and nothing else from
  // the sharer's records; every protected person's identity redacted.
  Status BuildView(bool deciding) {
    if (!Sharing() || (in_.share_items.empty() && in_.concern_account != domain::ConcernAccount::kShared)) return Ok();
    auto by = JIGSAW_TRY(tx_.practitioners().Find(shared_by_.empty() ? ctx_.actor.practitioner_id : shared_by_));
    if (!by) return Internal("The sharer's practitioner record is missing.");
    const redaction::Redactor redactor = JIGSAW_TRY(BuildRedactor());
    RecipientView v;
    v.child = ChildView(redactor, v.redactions);
    v.concern = ConcernView(redactor, v.redactions);
    v.sharer_organisation = sharer_.name;
    v.sharer_practitioner = by->display_name;
    v.sharer_role = by->roles.Has(domain::Role::kDesignatedSafeguardingLead) ? domain::Role::kDesignatedSafeguardingLead
                                                                             : domain::Role::kPractitioner;
    v.sharer_contact = by->username;
    v.emergency = out_.decision.emergency;
    if (in_.circumstances) {
      v.purpose = in_.circumstances->purpose;
      v.risk = in_.circumstances->risk;
    }
    v.lawful_basis = ParseEnum<guidance::LawfulBasis>(in_.record.lawful_basis);
    if (!in_.record.police.Empty()) v.police = in_.record.police;
    if (in_.record.informing) {
      const bool safe = in_.circumstances && in_.circumstances->informing.safe_and_practical;
      v.family = in_.record.informing->told ? FamilyInformed::kTold
                 : safe                     ? FamilyInformed::kToBeTold
                                            : FamilyInformed::kNotToBeTold;
    }
    for (const auto& id : in_.share_items)
      for (const auto& item : items_)
        if (item.id == id) v.items.push_back(ItemView(item, redactor, v.redactions));
    JIGSAW_RETURN_IF_ERROR(CheckReviews(deciding));
    out_.view_json = ToJson(v);
    out_.view = std::move(v);
    return Ok();
  }

  // The child must be identified to be helped; where they live is withheld
  // when they are protected, and also when it is where a protected person
  // lives (a child with their mother in a refuge) or names one ("c/o ...").
  std::optional<RecipientView::Child> ChildView(const redaction::Redactor& redactor, int& redactions) const {
    if (!child_) return std::nullopt;
    const auto& c = *child_;
    // Who is protected from whom: ProtectionOf, here as everywhere.
    const bool hide = redaction::ProtectionOf(c, c.id) == redaction::Protection::kWhereabouts ||
                      redactor.Redact(c.address).withheld > 0 || redactor.Redact(c.postcode).withheld > 0;
    const std::string withheld(redaction::kDetailWithheld);
    if (hide && !c.address.empty()) ++redactions;
    if (hide && !c.postcode.empty()) ++redactions;
    return RecipientView::Child{c.given_name, c.family_name, c.date_of_birth, c.nhs_number, c.upn,
                                hide && !c.address.empty() ? withheld : c.address,
                                hide && !c.postcode.empty() ? withheld : c.postcode};
  }

  // The concern's level and forms, and its own account when the sharer
  // sends it, through the same redaction as the items.
  std::optional<RecipientView::Concern> ConcernView(const redaction::Redactor& redactor, int& redactions) {
    if (!concern_) return std::nullopt;
    RecipientView::Concern out;
    out.level = concern_->level;
    out.forms = concern_->forms;
    if (in_.concern_account == domain::ConcernAccount::kShared) {
      out.what_happened = RedactConcernText("what_happened", concern_->what_happened, redactor, redactions);
      if (!concern_->child_words.empty())
        out.child_words = RedactConcernText("child_words", concern_->child_words, redactor, redactions);
    }
    return out;
  }

  std::string RedactConcernText(std::string_view field, const std::string& text, const redaction::Redactor& redactor,
                                int& redactions) {
    domain::InformationItem as_item;
    as_item.id = std::string(kAccountId);
    return RedactField(as_item, field, text, redactor, redactions);
  }

  // A person's name as the recipient may read it: through the same
  // redaction as the text (an unprotected relative keeps their given name
  // and loses a protected person's surname), every mention withheld.
  std::string NameFor(const std::string& person_id, const redaction::Redactor& redactor, int& redactions) const {
    auto p = people_.find(person_id);
    const std::string subject = child_ ? child_->id : std::string();
    if (p == people_.end() || redaction::ProtectionOf(p->second, subject) == redaction::Protection::kIdentity) {
      ++redactions;
      return std::string(redaction::kNameWithheld);
    }
    const std::string name = p->second.FullName();
    const redaction::Redacted first = redactor.Redact(name);
    const redaction::Redacted out = first.mentions.empty() ? first : redactor.Redact(name, first.mentions);
    redactions += out.withheld;
    return out.text;
  }

  RecipientView::Item ItemView(const domain::InformationItem& item, const redaction::Redactor& redactor, int& redactions) {
    RecipientView::Item out;
    if (auto about = people_.find(item.person_id); about != people_.end()) {
      out.about = about->second.kind;
      out.about_name = NameFor(item.person_id, redactor, redactions);
    }
    out.text = RedactField(item, "text", item.text, redactor, redactions);
    out.source = RedactField(item, "source", item.source, redactor, redactions);
    out.date = item.date;
    out.accuracy = item.accuracy;
    out.special_category = item.special_category;
    out.criminal_offence = item.criminal_offence;
    out.confidential = item.confidential;
    for (const auto& id : item.identifies) out.identifies.push_back(NameFor(id, redactor, redactions));
    return out;
  }

  // One field through the redaction: the watched people it mentions are
  // reported, and withheld where the sharer's review says so.
  std::string RedactField(const domain::InformationItem& item, std::string_view field, const std::string& text,
                          const redaction::Redactor& redactor, int& redactions) {
    redaction::Redacted first = redactor.Redact(text);
    std::vector<redaction::Mention> withhold;
    for (const auto& m : first.mentions) {
      MentionForReview r = Describe(item, field, text, m);
      if (withhold_unreviewed_ && !ReviewOf(r.id)) {
        const domain::MentionReview withheld{r.id, domain::MentionChoice::kWithhold, {}};
        in_.mention_reviews.push_back(withheld);
        out_.decision.mention_reviews.push_back(withheld);
      }
      if (auto review = ReviewOf(r.id); review && review->choice == domain::MentionChoice::kWithhold) withhold.push_back(m);
      out_.mentions.push_back(std::move(r));
    }
    if (withhold.empty()) {
      redactions += first.withheld;
      return std::move(first.text);
    }
    redaction::Redacted second = redactor.Redact(text, withhold);
    redactions += second.withheld;
    return std::move(second.text);
  }

  MentionForReview Describe(const domain::InformationItem& item, std::string_view field, const std::string& text,
                            const redaction::Mention& m) const {
    MentionForReview r;
    r.id = item.id + "/" + std::string(field) + "/" + std::to_string(m.span.begin) + "-" + std::to_string(m.span.end);
    r.item_id = item.id;
    r.field = std::string(field);
    const std::size_t from = m.span.begin > 80 ? m.span.begin - 80 : 0, to = std::min(text.size(), m.span.end + 80);
    r.before = (from > 0 ? "\u2026" : "") + Excerpt(text, from, m.span.begin);
    r.match = text.substr(m.span.begin, m.span.end - m.span.begin);
    r.after = Excerpt(text, m.span.end, to) + (to < text.size() ? "\u2026" : "");
    r.person_id = m.person_id;
    return r;
  }

  const domain::MentionReview* ReviewOf(const std::string& mention_id) const {
    for (const auto& r : in_.mention_reviews)
      if (r.mention_id == mention_id) return &r;
    return nullptr;
  }

  // Golden rule 5's backstop: nothing is sent with a mention nobody
  // reviewed, and a mention let through says why (golden rule 7).
  Status CheckReviews(bool deciding) {
    for (std::size_t i = 0; i < in_.mention_reviews.size(); ++i) {
      const auto& r = in_.mention_reviews[i];
      const bool known = std::any_of(out_.mentions.begin(), out_.mentions.end(),
                                     [&](const MentionForReview& m) { return m.id == r.mention_id; });
      if (!known)
        return InvalidArgument(Index("mention_reviews", i, ".mention_id"),
                               "There is no such mention in what is being shared: preview again.");
      if (r.choice == domain::MentionChoice::kRelease)
        JIGSAW_RETURN_IF_ERROR(RequireText(r.reason, Index("mention_reviews", i, ".reason"),
                                           "Say why this mention of a protected person may be shared."));
    }
    std::vector<MentionForReview> unreviewed;
    for (auto& m : out_.mentions)
      if (!ReviewOf(m.id)) unreviewed.push_back(m);
    if (deciding && !unreviewed.empty())
      return InvalidArgument("mention_reviews",
                             std::to_string(unreviewed.size()) +
                                 (unreviewed.size() == 1 ? " mention" : " mentions") +
                                 " of a protected person must be reviewed before anything is sent: withhold each, or say why it may go.");
    for (auto& m : unreviewed)
      if (auto p = std::find_if(watched_names_.begin(), watched_names_.end(), [&](const auto& w) { return w.first == m.person_id; });
          p != watched_names_.end())
        m.person_name = p->second;
    out_.mentions = std::move(unreviewed);
    return Ok();
  }

  store::Transaction& tx_;
  store::CaseworkRepository& cw_;
  const Context& ctx_;
  NewDecision in_;
  const Time now_;
  AuditEvent& event_;
  Prepared out_;
  std::optional<domain::Person> child_;
  std::optional<domain::Concern> concern_;
  domain::Organisation sharer_, recipient_;
  std::vector<domain::InformationItem> items_;
  std::map<std::string, domain::Person> people_;  // in scope: withheld if protected
  std::vector<std::pair<std::string, std::string>> watched_names_;
  std::string shared_by_;
  std::string approving_;
  bool withhold_unreviewed_ = false;
};
}  // namespace

Result<SharePreview> Sharing::Preview(const Context& context, const NewDecision& proposal) {
  AuditEvent event{"decision.preview", "child", proposal.child_id};
  SharePreview out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto prepared = JIGSAW_TRY(Preparation(tx, context, proposal, clock_.Now(), event).Run(false));
    out.assessment = std::move(prepared.assessment);
    out.recipient_view = std::move(prepared.view);
    out.recipient_view_json = std::move(prepared.view_json);
    out.mentions = std::move(prepared.mentions);
    out.record_problems = std::move(prepared.record_problems);
    out.police_references = domain::RecordsPoliceReferences(prepared.sharer);
    out.cover = std::move(prepared.cover);
    return Ok();
  }));
  return out;
}

namespace {

// The decision again, as it was proposed: what the DSL approves is built
// from it as it would be sent now.
NewDecision Reproposal(const Decision& d) {
  NewDecision n;
  n.child_id = d.child_id;
  n.concern_id = d.concern_id;
  n.information_request_id = d.information_request_id;
  n.recipient_organisation_id = d.recipient_organisation_id;
  n.recipient_practitioner_id = d.recipient_practitioner_id;
  n.share_items = d.item_ids;
  n.concern_account = d.concern_account;
  n.outcome = d.outcome;
  n.record = d.record;
  n.mention_reviews = d.mention_reviews;
  if (auto request = guidance::ParseRequestText(d.assessment_request)) {
    Circumstances c;
    c.purpose = request->purpose;
    c.risk = request->risk;
    c.legal_requirement = request->legal_requirement;
    c.frequency = request->frequency;
    c.consent = request->consent;
    c.objections = request->objections;
    c.informing = request->informing;
    c.uncertain = request->uncertain;
    n.circumstances = c;
    for (const auto& item : request->items) n.items.push_back({item.id, item.relevant, item.necessary});
  }
  return n;
}

// Tells every DSL of the organisation something (within the transaction).
Status NotifyDsls(store::Transaction& tx, Time now, const std::string& organisation_id, const std::string& kind,
                  const std::string& decision_id) {
  for (const auto& p : JIGSAW_TRY(tx.practitioners().List(organisation_id)))
    if (p.roles.Has(domain::Role::kDesignatedSafeguardingLead) && !p.disabled)
      JIGSAW_RETURN_IF_ERROR(Notify(tx, now, p.id, kind, "decision", decision_id));
  return Ok();
}

}  // namespace

namespace {

// A member of staff's share the DSL is acting on: found, the actor their
// organisation's DSL, and still waiting (not approved, declined or
// changed). Anything else names the decision.
// Decisions about a child whose records are restricted are left out of a
// list (Article 18: kept, not used); the DPO still sees them.
Status LeaveOutWithheld(store::Transaction& tx, const Context& context, std::vector<Decision>& decisions) {
  const auto withholding = JIGSAW_TRY(Withholding::Load(tx, context.actor, context.actor.organisation_id));
  std::erase_if(decisions, [&](const Decision& d) { return withholding.Withholds(d.child_id); });
  return Ok();
}

Result<Decision> WaitingForDsl(store::Transaction& tx, const Context& context, const std::string& id, AuditEvent& event) {
  auto d = JIGSAW_TRY(tx.casework().FindDecision(id));
  if (!d) return NotYours("decision_id");
  JIGSAW_RETURN_IF_ERROR(
      access::Authorise(context.actor, Action::kApproveShare, RecordFacts{d->organisation_id, d->decided_by, {}, {}, {}}));
  event.child_id = d->child_id;
  // A restricted child's records are kept, not used (Article 18): not
  // approved, declined or previewed until the DPO lifts the restriction.
  JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, d->organisation_id)).Check(d->child_id));
  if (d->approval != domain::Approval::kAwaiting || JIGSAW_TRY(tx.casework().SupersededBy(d->id)))
    return Fail(ErrorCode::kFailedPrecondition, "This share is not waiting for approval.", "decision_id");
  return std::move(*d);
}

void RecordApproval(Decision& d, domain::Approval outcome, const Context& context, Time now, std::string note) {
  d.approval = outcome;
  d.approved_by = context.actor.practitioner_id;
  d.approved_at = now;
  d.approval_note = std::move(note);
}

// What the recipient's side may hold of a disclosure: no content and none
// of the sharer's record ids, with the organisations' names.
Result<DisclosureSummary> RecipientSummaryOf(store::Transaction& tx, domain::Disclosure s) {
  s.sealed_content.clear();
  s.child_id.clear();
  s.decision_id.clear();
  s.sharer_id.clear();
  s.recalled_by.clear();
  DisclosureSummary out;
  for (const auto& o : JIGSAW_TRY(tx.organisations().List())) {
    if (o.id == s.sharer_organisation_id) out.sharer_organisation = o.name;
    if (o.id == s.recipient_organisation_id) out.recipient_organisation = o.name;
  }
  out.disclosure = std::move(s);
  return out;
}

// Everyone at the recipient who could have read or been given a recalled
// disclosure: the named recipient, whoever opened it, whoever it was
// allocated to, and the DSLs, who answer for what the organisation holds.
Result<std::set<std::string>> RecipientsToTell(store::Transaction& tx, const domain::Disclosure& d) {
  std::set<std::string> out;
  for (const auto& id : {d.recipient_practitioner_id, d.received_by})
    if (!id.empty()) out.insert(id);
  if (auto marks = JIGSAW_TRY(tx.case_management().FindTriage(d.id)); marks && !marks->allocated_to.empty())
    out.insert(marks->allocated_to);
  for (const auto& p : JIGSAW_TRY(tx.practitioners().List(d.recipient_organisation_id)))
    if (p.roles.Has(domain::Role::kDesignatedSafeguardingLead) && !p.disabled) out.insert(p.id);
  return out;
}

// Who assesses a possible personal data breach at the sharer: its DPOs,
// or its DSLs where it has no DPO (UK GDPR Art 38-39: the DPO advises on
// breaches; KCSIE: the DSL answers for safeguarding records).
Result<std::set<std::string>> BreachAssessors(store::Transaction& tx, const std::string& organisation_id) {
  std::set<std::string> dpos, dsls;
  for (const auto& p : JIGSAW_TRY(tx.practitioners().List(organisation_id))) {
    if (p.disabled) continue;
    if (p.roles.Has(domain::Role::kDataProtectionOfficer)) dpos.insert(p.id);
    if (p.roles.Has(domain::Role::kDesignatedSafeguardingLead)) dsls.insert(p.id);
  }
  return dpos.empty() ? dsls : dpos;
}

Status NotifyAll(store::Transaction& tx, Time now, const std::set<std::string>& who, const std::string& kind,
                 const std::string& disclosure_id) {
  for (const auto& id : who) JIGSAW_RETURN_IF_ERROR(Notify(tx, now, id, kind, "disclosure", disclosure_id));
  return Ok();
}

}  // namespace

Result<domain::Disclosure> Sharing::Send(store::Transaction& tx, const Context& context, const Decision& d,
                                          const std::string& view_json, const std::optional<RecipientView>& view,
                                          Time now, const std::string& purpose, const std::string& corrects) const {
  domain::Disclosure s;
  s.id = NewId();
  s.corrects = corrects;
  s.decision_id = d.id;
  s.sharer_organisation_id = d.organisation_id;
  s.sharer_id = d.decided_by;
  s.recipient_organisation_id = d.recipient_organisation_id;
  s.recipient_practitioner_id = d.recipient_practitioner_id;
  s.child_id = d.child_id;
  s.sealed_content = sealer_.Seal(view_json, s.id, s.recipient_organisation_id);
  s.created_at = now;
  s.acknowledgement_due_at = policy_.calendar.EndOfWorkingDaysAfter(now, policy_.acknowledgement_working_days);
  s.feedback_due_at = policy_.calendar.EndOfWorkingDaysAfter(now, policy_.feedback_working_days);
  auto& cw = tx.casework();
  JIGSAW_RETURN_IF_ERROR(cw.InsertDisclosure(s));
  // What the recipient's inbox shows, sealed beside the content (service/triage.h).
  if (view) JIGSAW_RETURN_IF_ERROR(RecordTriageSummary(tx, sealer_, s, *view));
  JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, context, {"disclosure.create", "disclosure", s.id,
                                                     domain::AuditOutcome::kAllowed, d.child_id, purpose}));
  if (!s.recipient_practitioner_id.empty())
    JIGSAW_RETURN_IF_ERROR(Notify(tx, now, s.recipient_practitioner_id, "disclosure.received", "disclosure", s.id));
  return s;
}

// The decision answers the request it names: shared, or refused with reasons.
Status Sharing::Answer(store::Transaction& tx, const Decision& d, const domain::InformationRequest& request,
                       Time now) const {
  auto& cw = tx.casework();
  const bool answered = d.outcome == DecisionOutcome::kShare;
  const auto status = answered ? domain::RequestStatus::kAnswered : domain::RequestStatus::kRefused;
  JIGSAW_RETURN_IF_ERROR(cw.UpdateRequestStatus(request.id, status, now));
  // The reasons for refusing reach the requester: redacted like any text
  // that leaves the organisation.
  std::string reasons;
  if (!answered) {
    const auto outbound =
        JIGSAW_TRY(OutboundRedaction::For(tx, d.organisation_id, {request.child_given_name, request.child_family_name}));
    reasons = outbound.Redact(d.record.rationale);
  }
  JIGSAW_RETURN_IF_ERROR(cw.InsertRequestMessage(
      {NewId(), request.id, answered ? domain::RequestMessageKind::kAnswered : domain::RequestMessageKind::kRefused,
       reasons, d.organisation_id, d.decided_by, d.id, now}));
  return Notify(tx, now, request.requested_by, answered ? "request.answered" : "request.refused", "information_request",
                request.id);
}

Result<DecisionResult> Sharing::Decide(const Context& context, const NewDecision& in) {
  AuditEvent event{"decision.create", "decision", {}};
  DecisionResult out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(DecideIn(tx, context, in, event, false));
    return Ok();
  }));
  return out;
}

Result<DecisionResult> Sharing::AnswerWithItems(const Context& context, const TypedAnswer& in) {
  AuditEvent event{"decision.create", "decision", {}};
  if (in.items.empty()) return InvalidArgument("items", "Enter the information you are sharing.");
  if (in.items.size() > 50) return InvalidArgument("items", "Share at most 50 pieces of information at once.");
  DecisionResult out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const Time now = clock_.Now();
    auto request = JIGSAW_TRY(tx.casework().FindInformationRequest(in.information_request_id));
    if (!request) return NotYours("information_request_id");
    // Only the holder records anything here, and only while the request waits.
    JIGSAW_RETURN_IF_ERROR(access::Authorise(
        context.actor, Action::kAnswerInformationRequest,
        RecordFacts{request->requester_organisation_id, request->requested_by, request->holder_organisation_id, {}, {}}));
    if (domain::IsDecided(request->status))
      return Fail(ErrorCode::kFailedPrecondition,
                  "That request has already been answered. If they ask you to reconsider, you can decide again.",
                  "information_request_id");
    if (JIGSAW_TRY(AnswerAwaitingApproval(tx, *request))) return AnswerAlreadyAwaitingApproval();
    NewDecision n;
    n.information_request_id = request->id;
    n.child_id = in.child_id;
    if (!n.child_id.empty()) {
      // Checked before the items name them, so that a wrong id is named as the child's.
      auto child = JIGSAW_TRY(tx.casework().FindPerson(n.child_id));
      if (!child || child->organisation_id != context.actor.organisation_id) return NotYours("child_id");
      if (child->kind != domain::PersonKind::kChild)
        return InvalidArgument("child_id", "This person is not recorded as a child.");
    } else {
      if (request->child_date_of_birth.empty())
        return InvalidArgument("child_id", "The request gives no date of birth: find the child in your records and choose them.");
      domain::Person child;
      child.given_name = request->child_given_name;
      child.family_name = request->child_family_name;
      child.date_of_birth = request->child_date_of_birth;
      child.nhs_number = request->child_nhs_number;
      n.child_id = JIGSAW_TRY(RecordChild(tx, trail_, context, std::move(child), now, "child.")).id;
    }
    for (std::size_t i = 0; i < in.items.size(); ++i) {
      NewItem typed = in.items[i];
      // About the child, naming no one by record: who else the words name
      // is for the redaction to find.
      typed.person_id = n.child_id;
      typed.identifies.clear();
      auto item = JIGSAW_TRY(MakeItem(tx, context, now, {}, "items[" + std::to_string(i) + "].", std::move(typed)));
      JIGSAW_RETURN_IF_ERROR(tx.casework().InsertItem(item));
      JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, context, {"item.create", "information_item", item.id,
                                                         domain::AuditOutcome::kAllowed, n.child_id, {}}));
      // Typed as the answer: the holder chose each one as relevant and necessary.
      n.items.push_back({item.id, true, true});
      n.share_items.push_back(item.id);
    }
    n.outcome = DecisionOutcome::kShare;
    n.circumstances = in.circumstances;
    n.record = in.record;
    out = JIGSAW_TRY(DecideIn(tx, context, n, event, true));
    return Ok();
  }));
  return out;
}

Result<DecisionResult> Sharing::DecideIn(store::Transaction& tx, const Context& context, const NewDecision& in,
                                         AuditEvent& event, bool withhold_unreviewed) const {
  DecisionResult out;
  const Time now = clock_.Now();
  Preparation preparation(tx, context, in, now, event);
  if (withhold_unreviewed) preparation.WithholdUnreviewedMentions();
  auto p = JIGSAW_TRY(preparation.Run(true));
  Decision& d = p.decision;
  if (d.emergency)
    d.rationale_due_at = policy_.calendar.EndOfWorkingDaysAfter(now, policy_.emergency_record_working_days);
  event.object_id = d.id;
  event.purpose = in.circumstances ? std::string(ToString(in.circumstances->purpose)) : "safeguarding";
  const bool share = d.outcome == DecisionOutcome::kShare;
  // Where staff shares go through the DSL, a member of staff's share waits
  // for them; an emergency share never waits (share first, record after).
  // A member of staff correcting their own waiting proposal proposes again;
  // a correction of a share already sent sends nothing, so needs no approval.
  const bool prior_waiting = p.prior && p.prior->approval == domain::Approval::kAwaiting;
  const bool is_dsl = context.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead);
  const bool held = share && !d.emergency && (d.supersedes.empty() || prior_waiting) &&
                    p.sharer.staff_shares == domain::StaffShares::kThroughDsl && !is_dsl;
  if (held) d.approval = domain::Approval::kAwaiting;
  // A DSL's own decision in place of a staff share waiting for them.
  const bool changes_proposal = prior_waiting && is_dsl;
  if (changes_proposal) {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kApproveShare,
                                             RecordFacts{p.prior->organisation_id, p.prior->decided_by, {}, {}, {}}));
    RecordApproval(*p.prior, domain::Approval::kChanged, context, now, d.record.rationale);
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateApproval(*p.prior));
    JIGSAW_RETURN_IF_ERROR(Notify(tx, now, p.prior->decided_by, "share.changed", "decision", p.prior->id));
  }
  JIGSAW_RETURN_IF_ERROR(tx.casework().InsertDecision(d));
  // Which agreements and DPIAs the assessment relied on, as they were then
  // (docs/governance.md): a review of the decision can see what covered it.
  if (p.cover) {
    for (const auto& a : p.cover->agreements) out.cover.push_back({domain::CoverKind::kAgreement, a.id, a.title});
    for (const auto& x : p.cover->dpias) out.cover.push_back({domain::CoverKind::kDpia, x.id, x.title});
    JIGSAW_RETURN_IF_ERROR(tx.governance().InsertDecisionCover(d.id, out.cover));
  }
  // A correction or a completed emergency record does not send again.
  if (share && !held && (d.supersedes.empty() || changes_proposal))
    out.disclosure = JIGSAW_TRY(Send(tx, context, d, p.view_json, p.view, now, event.purpose));
  if (held) JIGSAW_RETURN_IF_ERROR(NotifyDsls(tx, now, d.organisation_id, "share.awaiting_approval", d.id));
  if (d.emergency) JIGSAW_RETURN_IF_ERROR(NotifyDsls(tx, now, d.organisation_id, "share.emergency", d.id));
  if (p.request && !held) JIGSAW_RETURN_IF_ERROR(Answer(tx, d, *p.request, now));
  out.decision = std::move(d);
  return out;
}

Result<DecisionResult> Sharing::Approve(const Context& context, const std::string& decision_id) {
  AuditEvent event{"decision.approve", "decision", decision_id};
  DecisionResult out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(WaitingForDsl(tx, context, decision_id, event));
    // What is sent is built now, with the proposer's reviews, as the DSL's
    // preview showed it; anything new that needs review stops it.
    const Time now = clock_.Now();
    Preparation again(tx, context, Reproposal(d), now, event);
    again.SharedBy(d.decided_by);
    again.Approving(d.id);
    auto p = JIGSAW_TRY(again.Run(true));
    RecordApproval(d, domain::Approval::kApproved, context, now, {});
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateApproval(d));
    const std::string purpose = p.assessment ? std::string(ToString(Reproposal(d).circumstances->purpose)) : "safeguarding";
    out.disclosure = JIGSAW_TRY(Send(tx, context, d, p.view_json, p.view, now, purpose));
    JIGSAW_RETURN_IF_ERROR(Notify(tx, now, d.decided_by, "share.approved", "decision", d.id));
    if (p.request) JIGSAW_RETURN_IF_ERROR(Answer(tx, d, *p.request, now));
    out.decision = std::move(d);
    return Ok();
  }));
  return out;
}

Result<SharePreview> Sharing::PreviewApproval(const Context& context, const std::string& decision_id) {
  AuditEvent event{"decision.preview_approval", "decision", decision_id};
  SharePreview out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(WaitingForDsl(tx, context, decision_id, event));
    Preparation again(tx, context, Reproposal(d), clock_.Now(), event);
    again.SharedBy(d.decided_by);
    again.Approving(d.id);
    auto p = JIGSAW_TRY(again.Run(false));
    out.assessment = std::move(p.assessment);
    out.recipient_view = std::move(p.view);
    out.recipient_view_json = std::move(p.view_json);
    out.mentions = std::move(p.mentions);
    out.record_problems = std::move(p.record_problems);
    out.police_references = domain::RecordsPoliceReferences(p.sharer);
    out.cover = std::move(p.cover);
    return Ok();
  }));
  return out;
}

Result<Decision> Sharing::Decline(const Context& context, const std::string& decision_id, const std::string& reasons) {
  AuditEvent event{"decision.decline", "decision", decision_id};
  std::string why = reasons;
  domain::TidyFreeText(why);
  JIGSAW_RETURN_IF_ERROR(RequireText(why, "reason", "Say why the share should not go ahead (golden rule 7)."));
  Decision out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(WaitingForDsl(tx, context, decision_id, event));
    const Time now = clock_.Now();
    RecordApproval(d, domain::Approval::kDeclined, context, now, why);
    JIGSAW_RETURN_IF_ERROR(tx.casework().UpdateApproval(d));
    JIGSAW_RETURN_IF_ERROR(Notify(tx, now, d.decided_by, "share.declined", "decision", d.id));
    out = std::move(d);
    return Ok();
  }));
  return out;
}

Result<std::vector<Decision>> Sharing::AwaitingApproval(const Context& context) {
  AuditEvent event{"decision.awaiting_approval", "organisation", context.actor.organisation_id};
  std::vector<Decision> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kApproveShare,
                                             RecordFacts{context.actor.organisation_id, {}, {}, {}, {}}));
    store::DecisionQuery q;
    q.organisation_id = context.actor.organisation_id;
    q.awaiting_approval_only = true;
    out = JIGSAW_TRY(tx.casework().Decisions(q));
    return LeaveOutWithheld(tx, context, out);
  }));
  return out;
}

Result<DecisionView> Sharing::GetDecision(const Context& context, const std::string& id) {
  AuditEvent event{"decision.view", "decision", id};
  DecisionView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(tx.casework().FindDecision(id));
    if (!d) return NotFound(std::string(kSharingHidden));
    event.child_id = d->child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewDecision,
                                             RecordFacts{d->organisation_id, d->decided_by, {}, {}, {}}));
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, d->organisation_id)).Check(d->child_id));
    out.decision = std::move(*d);
    out.superseded_by = JIGSAW_TRY(tx.casework().SupersededBy(id)).value_or("");
    store::DisclosureQuery q;
    q.decision_id = id;
    for (const auto& s : JIGSAW_TRY(tx.casework().Disclosures(q))) out.disclosure_ids.push_back(s.id);
    out.cover = JIGSAW_TRY(tx.governance().DecisionCover(id));
    return Ok();
  }));
  return out;
}

Result<std::vector<Decision>> Sharing::ListDecisions(const Context& context, const std::string& child_id) {
  AuditEvent event{"decision.list", child_id.empty() ? "organisation" : "child",
                   child_id.empty() ? context.actor.organisation_id : child_id};
  event.child_id = child_id;
  std::vector<Decision> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    // Everyone sees their own decisions; oversight roles see the organisation's.
    const auto scope = JIGSAW_TRY(access::ListScope(context.actor, Action::kViewDecision));
    store::DecisionQuery q;
    q.organisation_id = context.actor.organisation_id;
    q.child_id = child_id;
    if (scope == access::Scope::kOwn) q.decided_by = context.actor.practitioner_id;
    out = JIGSAW_TRY(tx.casework().Decisions(q));
    return LeaveOutWithheld(tx, context, out);
  }));
  return out;
}

Result<std::vector<Decision>> Sharing::OwedRecords(const Context& context) {
  AuditEvent event{"decision.owed", "organisation", context.actor.organisation_id};
  std::vector<Decision> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(lists::OwedRecords(tx, context.actor));
    return LeaveOutWithheld(tx, context, out);
  }));
  return out;
}

Result<std::vector<DisclosureSummary>> Sharing::Disclosures(const Context& context, bool inbox) {
  AuditEvent event{inbox ? "disclosure.inbox" : "disclosure.sent", "organisation", context.actor.organisation_id};
  std::vector<DisclosureSummary> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(lists::Disclosures(tx, context.actor, inbox));
    // What the organisation sent about a restricted child is its record
    // of that child (what it received is the sharer's child id, not its own).
    if (!inbox) {
      const auto withholding = JIGSAW_TRY(Withholding::Load(tx, context.actor, context.actor.organisation_id));
      std::erase_if(out, [&](const DisclosureSummary& s) { return withholding.Withholds(s.disclosure.child_id); });
    }
    return Ok();
  }));
  return out;
}

Result<DisclosureView> Sharing::GetDisclosure(const Context& context, const std::string& id) {
  AuditEvent event{"disclosure.view", "disclosure", id};
  DisclosureView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto& cw = tx.casework();
    auto s = JIGSAW_TRY(cw.FindDisclosure(id));
    if (!s) return NotFound(std::string(kSharingHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewDisclosure, access::FactsOf(*s)));
    const bool recipient = context.actor.organisation_id == s->recipient_organisation_id;
    // Recalled: the recipient sees who recalled it, when and why, and
    // whether their organisation has confirmed it keeps no copy; the
    // content is never opened for them again.
    if (recipient && domain::IsRecalled(*s)) {
      event.action = "disclosure.recall.view";
      out.summary = JIGSAW_TRY(RecipientSummaryOf(tx, std::move(*s)));
      return Ok();
    }
    // The sharer's copy of what it sent about a restricted child is its
    // record of that child: kept, not read, until the DPO lifts it.
    if (!recipient)
      JIGSAW_RETURN_IF_ERROR(
          JIGSAW_TRY(Withholding::Load(tx, context.actor, s->sharer_organisation_id)).Check(s->child_id));
    const bool first_opening = recipient && s->received_at == Time{};
    // The sharer's child id means nothing to the recipient and is not theirs to hold.
    if (!recipient) event.child_id = s->child_id;
    if (recipient) {
      event.action = "disclosure.read";
      if (s->received_at == Time{}) {
        const Time now = clock_.Now();
        JIGSAW_RETURN_IF_ERROR(cw.MarkDisclosureReceived(id, context.actor.practitioner_id, now));
        s->received_at = now;
        s->received_by = context.actor.practitioner_id;
        JIGSAW_RETURN_IF_ERROR(Notify(tx, now, s->sharer_id, "disclosure.read", "disclosure", id));
      }
    }
    out.content_json = JIGSAW_TRY(sealer_.Open(s->sealed_content, s->id, s->recipient_organisation_id));
    out.content = JIGSAW_TRY(ParseRecipientView(out.content_json));
    // Received: is it about a child the recipient already knows? Matches
    // are suggested for a person to decide (service/linking.h).
    if (first_opening && out.content.child)
      JIGSAW_RETURN_IF_ERROR(SuggestMatchesForDisclosure(tx, trail_, context, *s, *out.content.child, s->received_at));
    out.feedback = JIGSAW_TRY(cw.FeedbackOn(id));
    std::map<std::string, std::string> names;
    for (const auto& o : JIGSAW_TRY(tx.organisations().List())) names[o.id] = o.name;
    s->sealed_content.clear();
    if (recipient) {
      s->child_id.clear();
      s->decision_id.clear();
      s->sharer_id.clear();
    }
    std::vector<std::string> corrected_by;
    for (const auto& c : JIGSAW_TRY(cw.CorrectionsOf(id)))
      if (!domain::IsRecalled(c)) corrected_by.push_back(c.id);
    out.summary = {*s, names[s->sharer_organisation_id], names[s->recipient_organisation_id], std::move(corrected_by)};
    return Ok();
  }));
  return out;
}

Result<domain::Feedback> Sharing::GiveFeedback(const Context& context, const std::string& disclosure_id,
                                               domain::FeedbackAction action, const std::string& note) {
  AuditEvent event{"feedback.create", "disclosure", disclosure_id};
  domain::Feedback f{NewId(), disclosure_id, context.actor.organisation_id, context.actor.practitioner_id,
                     action, note, clock_.Now()};
  domain::Tidy(f);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(f));
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto& cw = tx.casework();
    auto s = JIGSAW_TRY(cw.FindDisclosure(disclosure_id));
    if (!s) return NotFound(std::string(kSharingHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kGiveFeedback, access::FactsOf(*s)));
    if (s->received_at == Time{})
      JIGSAW_RETURN_IF_ERROR(cw.MarkDisclosureReceived(s->id, context.actor.practitioner_id, f.created_at));
    // Feedback crosses back to the sharer: redacted like any text that
    // leaves the organisation.
    f.note = JIGSAW_TRY(OutboundRedaction::For(tx, f.organisation_id)).Redact(f.note);
    JIGSAW_RETURN_IF_ERROR(cw.InsertFeedback(f));
    JIGSAW_RETURN_IF_ERROR(cw.MarkFeedbackGiven(s->id, f.created_at));
    return Notify(tx, f.created_at, s->sharer_id, "feedback.given", "disclosure", s->id);
  }));
  return f;
}

// A recalled answer answers nothing: the request it answered is open again
// for the holder to answer properly, and the requester is told, so that it
// is not left closed as "answered" by something nobody may read.
namespace {
Status ReopenAnsweredRequest(store::Transaction& tx, const domain::Disclosure& d, Time now) {
  auto& cw = tx.casework();
  const auto decision = JIGSAW_TRY(cw.FindDecision(d.decision_id));
  if (!decision || decision->information_request_id.empty()) return Ok();
  const auto request = JIGSAW_TRY(cw.FindInformationRequest(decision->information_request_id));
  if (!request || request->status != domain::RequestStatus::kAnswered) return Ok();
  JIGSAW_RETURN_IF_ERROR(cw.UpdateRequestStatus(request->id, domain::RequestStatus::kOpen, now));
  return Notify(tx, now, request->requested_by, "request.answer_recalled", "information_request", request->id);
}
}  // namespace

Result<domain::Disclosure> Sharing::Recall(const Context& context, const std::string& disclosure_id,
                                           const std::string& reason) {
  AuditEvent event{"disclosure.recall", "disclosure", disclosure_id};
  event.purpose = "recall";
  std::string why = reason;
  domain::TidyFreeText(why);
  JIGSAW_RETURN_IF_ERROR(RequireText(
      why, "reason", "Say why you are recalling it: the recipient and your data protection officer will read it."));
  domain::Disclosure out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto& cw = tx.casework();
    auto s = JIGSAW_TRY(cw.FindDisclosure(disclosure_id));
    if (!s) return NotFound(std::string(kSharingHidden));
    event.child_id = s->child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRecallDisclosure, access::FactsOf(*s)));
    if (domain::IsRecalled(*s))
      return Fail(ErrorCode::kFailedPrecondition, "This disclosure has already been recalled.", "id");
    // The reason crosses to the recipient: redacted like any text that
    // leaves the organisation, and the child too, whom an organisation that
    // should never have been told must not learn more about from it.
    std::vector<domain::Person> child;
    if (auto found = JIGSAW_TRY(cw.FindPerson(s->child_id))) child.push_back(std::move(*found));
    why = JIGSAW_TRY(OutboundRedaction::For(tx, s->sharer_organisation_id, {}, child)).Redact(why);
    const Time now = clock_.Now();
    JIGSAW_RETURN_IF_ERROR(cw.RecordRecall(s->id, context.actor.practitioner_id, now, why));
    JIGSAW_RETURN_IF_ERROR(ReopenAnsweredRequest(tx, *s, now));
    // The recipient's own copy of what their inbox showed goes at once. The
    // sealed content stays, opened only for the sharer's side: what went
    // astray is what the DPO must assess, and the record of what was sent.
    JIGSAW_RETURN_IF_ERROR(tx.case_management().DeleteDisclosureSummary(s->id));
    s->recalled_by = context.actor.practitioner_id;
    s->recalled_at = now;
    s->recall_reason = why;
    JIGSAW_RETURN_IF_ERROR(NotifyAll(tx, now, JIGSAW_TRY(RecipientsToTell(tx, *s)), "disclosure.recalled", s->id));
    // A correction sent after it (Article 19) went to the same wrong place
    // and repeats what it corrects: it goes with it, for the same reason.
    for (const auto& c : JIGSAW_TRY(cw.CorrectionsOf(s->id))) {
      if (domain::IsRecalled(c)) continue;
      JIGSAW_RETURN_IF_ERROR(cw.RecordRecall(c.id, context.actor.practitioner_id, now, why));
      JIGSAW_RETURN_IF_ERROR(tx.case_management().DeleteDisclosureSummary(c.id));
      JIGSAW_RETURN_IF_ERROR(NotifyAll(tx, now, JIGSAW_TRY(RecipientsToTell(tx, c)), "disclosure.recalled", c.id));
    }
    auto assessors = JIGSAW_TRY(BreachAssessors(tx, s->sharer_organisation_id));
    // The sharer hears when their DSL recalls what they sent.
    if (s->sharer_id != context.actor.practitioner_id) assessors.insert(s->sharer_id);
    assessors.erase(context.actor.practitioner_id);
    JIGSAW_RETURN_IF_ERROR(NotifyAll(tx, now, assessors, "recall.possible_breach", s->id));
    s->sealed_content.clear();
    out = std::move(*s);
    return Ok();
  }));
  return out;
}

bool Sharing::MayRecall(const Context& context, const domain::Disclosure& disclosure) {
  return !domain::IsRecalled(disclosure) &&
         access::Authorise(context.actor, Action::kRecallDisclosure, access::FactsOf(disclosure)).has_value();
}

namespace {

// The disclosures of the organisation that sent `item`: every decision
// about the item's child whose shared items name it, and each disclosure
// of it still standing (not recalled, not itself a correction).
Result<std::vector<std::pair<Decision, domain::Disclosure>>> DisclosuresOfItem(store::Transaction& tx,
                                                                               const domain::InformationItem& item) {
  auto& cw = tx.casework();
  std::string child_id = item.person_id;
  if (!item.concern_id.empty())
    if (auto concern = JIGSAW_TRY(cw.FindConcern(item.concern_id))) child_id = concern->child_id;
  store::DecisionQuery q;
  q.organisation_id = item.organisation_id;
  q.child_id = child_id;
  q.limit = 100000;
  std::vector<std::pair<Decision, domain::Disclosure>> out;
  for (auto& d : JIGSAW_TRY(cw.Decisions(q))) {
    if (std::find(d.item_ids.begin(), d.item_ids.end(), item.id) == d.item_ids.end()) continue;
    store::DisclosureQuery dq;
    dq.decision_id = d.id;
    dq.exclude_recalled = true;
    dq.limit = 100000;
    for (auto& s : JIGSAW_TRY(cw.Disclosures(dq)))
      if (s.corrects.empty()) out.emplace_back(d, std::move(s));
  }
  return out;
}

// The decision again, for sending one corrected item of it: what it was
// decided from, with only that item and none of the earlier reviews (their
// mentions were found in the earlier text; a mention in the corrected text
// that nobody reviewed is withheld).
// Whether the practitioner a decision named can still receive a
// disclosure: in the recipient organisation, enabled, and doing casework
// (the rule Preparation applies to a new share).
Result<bool> StillNamedRecipient(store::Transaction& tx, const Decision& d) {
  if (d.recipient_practitioner_id.empty()) return true;
  const auto p = JIGSAW_TRY(tx.practitioners().Find(d.recipient_practitioner_id));
  return p && !p->disabled && p->organisation_id == d.recipient_organisation_id &&
         (p->roles.Has(domain::Role::kPractitioner) || p->roles.Has(domain::Role::kDesignatedSafeguardingLead));
}

NewDecision CorrectionProposal(const Decision& d, const std::string& item_id) {
  NewDecision n = Reproposal(d);
  n.information_request_id.clear();  // the request was answered by the earlier disclosure
  n.share_items = {item_id};
  n.concern_account = domain::ConcernAccount::kNotShared;
  n.mention_reviews.clear();
  std::vector<ItemJudgement> judged;
  for (const auto& j : n.items)
    if (j.item_id == item_id) judged.push_back(j);
  if (judged.empty()) judged.push_back({item_id, true, true});
  n.items = std::move(judged);
  // An emergency share was recorded without an assessment: so is its correction.
  n.emergency = d.emergency || !n.circumstances;
  return n;
}

}  // namespace

Result<std::vector<domain::Disclosure>> Sharing::SendCorrections(store::Transaction& tx, const Context& context,
                                                                 const domain::InformationItem& item,
                                                                 const std::string& reason) const {
  std::vector<domain::Disclosure> out;
  const Time now = clock_.Now();
  for (auto& [decision, earlier] : JIGSAW_TRY(DisclosuresOfItem(tx, item))) {
    AuditEvent event{"disclosure.correct", "disclosure", earlier.id};
    NewDecision proposal = CorrectionProposal(decision, item.id);
    Decision by = decision;
    // The person the first disclosure named may have left or changed job
    // since: the correction still reaches their organisation (Article 19
    // is owed to the recipient, not to one member of its staff).
    if (!JIGSAW_TRY(StillNamedRecipient(tx, decision))) {
      proposal.recipient_practitioner_id.clear();
      by.recipient_practitioner_id.clear();
    }
    Preparation again(tx, context, proposal, now, event);
    again.WithholdUnreviewedMentions();
    auto p = JIGSAW_TRY(again.Run(false));
    if (!p.view) return Internal("A correction of a disclosure built nothing to send.");
    NamedChild child;
    if (p.view->child) child = {p.view->child->given_name, p.view->child->family_name};
    const auto outbound = JIGSAW_TRY(OutboundRedaction::For(tx, item.organisation_id, child));
    p.view->correction = RecipientView::Correction{earlier.id, outbound.Redact(reason)};
    by.decided_by = context.actor.practitioner_id;  // the recipient reads who corrected it
    const std::string purpose =
        proposal.circumstances ? std::string(ToString(proposal.circumstances->purpose)) : "safeguarding";
    auto sent = JIGSAW_TRY(Send(tx, context, by, ToJson(*p.view), p.view, now, purpose, earlier.id));
    // The earlier disclosure's own trail says it was corrected (the new one
    // is recorded as a disclosure like any other).
    event.child_id = decision.child_id;
    event.purpose = purpose;
    JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, context, event));
    JIGSAW_RETURN_IF_ERROR(NotifyAll(tx, now, JIGSAW_TRY(RecipientsToTell(tx, earlier)), "disclosure.corrected", sent.id));
    out.push_back(std::move(sent));
  }
  return out;
}

Result<domain::Disclosure> Sharing::ConfirmRecall(const Context& context, const std::string& disclosure_id) {
  AuditEvent event{"disclosure.recall.confirm", "disclosure", disclosure_id};
  event.purpose = "recall";
  domain::Disclosure out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto& cw = tx.casework();
    auto s = JIGSAW_TRY(cw.FindDisclosure(disclosure_id));
    if (!s) return NotFound(std::string(kSharingHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kConfirmRecall, access::FactsOf(*s)));
    if (!domain::IsRecalled(*s))
      return Fail(ErrorCode::kFailedPrecondition, "This disclosure has not been recalled.", "id");
    if (s->recall_confirmed_at != Time{})
      return Fail(ErrorCode::kFailedPrecondition, "Your organisation has already confirmed it keeps no copy.", "id");
    const Time now = clock_.Now();
    JIGSAW_RETURN_IF_ERROR(cw.RecordRecallConfirmation(s->id, context.actor.practitioner_id, now));
    s->recall_confirmed_by = context.actor.practitioner_id;
    s->recall_confirmed_at = now;
    auto told = JIGSAW_TRY(BreachAssessors(tx, s->sharer_organisation_id));
    told.insert(s->recalled_by);
    JIGSAW_RETURN_IF_ERROR(NotifyAll(tx, now, told, "recall.confirmed", s->id));
    out = JIGSAW_TRY(RecipientSummaryOf(tx, std::move(*s))).disclosure;
    return Ok();
  }));
  return out;
}

Result<std::vector<RecallFlag>> Sharing::Recalls(const Context& context) {
  AuditEvent event{"disclosure.recalls", "organisation", context.actor.organisation_id};
  event.purpose = "breach_assessment";
  std::vector<RecallFlag> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto& a = context.actor;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(a, Action::kViewRecalls, RecordFacts{a.organisation_id, {}, {}, {}, {}}));
    store::DisclosureQuery q;
    q.sharer_organisation_id = a.organisation_id;
    q.recalled_only = true;
    q.limit = 1000;
    std::map<std::string, std::string> organisations;
    for (const auto& o : JIGSAW_TRY(tx.organisations().List())) organisations[o.id] = o.name;
    auto name_of = [&](const std::string& id) -> Result<std::string> {
      if (id.empty()) return std::string();
      auto p = JIGSAW_TRY(tx.practitioners().Find(id));
      return p ? p->display_name : std::string();
    };
    for (auto& d : JIGSAW_TRY(tx.casework().Disclosures(q))) {
      d.sealed_content.clear();
      RecallFlag f;
      f.recalled_by_name = JIGSAW_TRY(name_of(d.recalled_by));
      f.confirmed_by_name = JIGSAW_TRY(name_of(d.recall_confirmed_by));
      f.breach_report_due_at = domain::BreachReportDueAt(d);
      f.summary = {std::move(d), organisations[a.organisation_id], {}};
      f.summary.recipient_organisation = organisations[f.summary.disclosure.recipient_organisation_id];
      out.push_back(std::move(f));
    }
    std::stable_sort(out.begin(), out.end(), [](const RecallFlag& x, const RecallFlag& y) {
      return x.summary.disclosure.recalled_at > y.summary.disclosure.recalled_at;
    });
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
