#include "service/sharing.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/json_writer.h"
#include "common/random.h"
#include "service/lists.h"
#include "domain/redaction.h"
#include "domain/text.h"
#include "guidance/engine.h"
#include "guidance/json.h"
#include "service/casework.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;
using domain::Decision;
using domain::DecisionOutcome;
using guidance::Record;

namespace {

constexpr std::string_view kHidden = "There is no such record, or it is not shared with you.";

std::string Index(std::string_view field, std::size_t i, std::string_view rest = {}) {
  return std::string(field) + "[" + std::to_string(i) + "]" + std::string(rest);
}

// Everything a decision rests on, loaded and checked in the transaction.
struct Prepared {
  Decision decision;
  std::optional<guidance::Assessment> assessment;
  std::string recipient_view;
  int redactions = 0;
  std::optional<domain::InformationRequest> request;
  std::optional<Decision> prior;
};

// What the recipient receives: the child's identity (without where they
// live, if they are protected), the chosen items, and nothing else from
// the sharer's records; every protected person's identity redacted.
std::string RecipientView(const domain::Organisation& sharer, const domain::Practitioner& by,
                          const std::optional<domain::Person>& child,
                          const std::vector<domain::InformationItem>& items,
                          const std::map<std::string, domain::Person>& people,
                          const std::vector<domain::Person>& related, const Decision& d,
                          const std::optional<Circumstances>& circumstances, int& redactions) {
  domain::Redactor redactor;
  for (const auto& [id, p] : people)
    if (p.is_protected && (!child || id != child->id)) redactor.Protect(p);
  for (const auto& p : related)
    if (p.is_protected) redactor.Protect(p);
  if (child && child->is_protected) redactor.Protect(*child, /*identity=*/false);

  JsonWriter w;
  w.BeginObject();
  w.Key("child");
  if (child) {
    w.BeginObject();
    w.Key("given_name").String(child->given_name).Key("family_name").String(child->family_name);
    w.Key("date_of_birth").String(child->date_of_birth).Key("nhs_number").String(child->nhs_number);
    w.Key("upn").String(child->upn);
    w.Key("address").String(child->is_protected ? std::string(domain::kDetailWithheld) : child->address);
    w.Key("postcode").String(child->is_protected ? std::string(domain::kDetailWithheld) : child->postcode);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("shared_by").BeginObject().Key("organisation").String(sharer.name);
  w.Key("practitioner").String(by.display_name).EndObject();
  w.Key("emergency").Bool(d.emergency);
  if (circumstances) {
    w.Key("purpose").String(ToString(circumstances->purpose));
    w.Key("risk").String(ToString(circumstances->risk));
  }
  if (!d.record.lawful_basis.empty()) w.Key("lawful_basis").String(d.record.lawful_basis);
  w.Key("items").BeginArray();
  for (const auto& item : items) {
    w.BeginObject();
    auto about = people.find(item.person_id);
    w.Key("about").String(about == people.end() ? "" : ToString(about->second.kind));
    w.Key("about_name");
    if (about == people.end()) w.Null();
    else if (about->second.is_protected && (!child || about->second.id != child->id)) {
      w.String(domain::kNameWithheld);
      ++redactions;
    } else {
      w.String(about->second.FullName());
    }
    w.Key("text").String(redactor.Redact(item.text));
    w.Key("source").String(redactor.Redact(item.source));
    w.Key("date").String(item.date);
    w.Key("accuracy").String(ToString(item.accuracy));
    w.Key("special_category").BeginArray();
    for (auto c : item.special_category) w.String(ToString(c));
    w.EndArray();
    w.Key("criminal_offence").Bool(item.criminal_offence);
    w.Key("confidential").Bool(item.confidential);
    w.Key("identifies").BeginArray();
    for (const auto& id : item.identifies) {
      auto p = people.find(id);
      if (p == people.end() || (p->second.is_protected && (!child || id != child->id))) {
        w.String(domain::kNameWithheld);
        ++redactions;
      } else {
        w.String(p->second.FullName());
      }
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  redactions += redactor.count();
  w.Key("redactions").Int(redactions);
  w.EndObject();
  return w.Take();
}

Status Require(bool present, std::string_view field, std::string_view message) {
  if (present) return Ok();
  return InvalidArgument(std::string(field), std::string(message));
}

Status RequireText(const std::string& value, std::string_view field, std::string_view if_blank) {
  return domain::ValidateRequiredText(field, value, 20000, if_blank);
}

// The parts of the record the assessment says must be kept (golden rule 7).
// A decision not to share needs its reasons, and the advice it followed or
// departed from; the conditions for processing apply only to sharing.
Status CheckRecord(const NewDecision& proposal, const guidance::Assessment& a, const Circumstances& facts,
                   Decision& d) {
  const domain::DecisionRecord& in = proposal.record;
  JIGSAW_RETURN_IF_ERROR(RequireText(in.rationale, "rationale",
                                     "Give the reasons for this decision, in your own words."));
  const bool share = proposal.outcome == DecisionOutcome::kShare;
  const auto& chosen = proposal.share_items;
  bool departs = share != guidance::IsShare(a.recommendation);
  if (share)
    for (const auto& advice : a.items)
      if (!advice.share && std::find(chosen.begin(), chosen.end(), advice.id) != chosen.end())
        departs = true;
  d.departs_from_advice = departs;
  if (departs)
    JIGSAW_RETURN_IF_ERROR(RequireText(in.departure_reason, "departure_reason",
                                       "Your decision differs from the advice: say why."));
  if (a.must_record.Has(Record::kAdviceSought))
    JIGSAW_RETURN_IF_ERROR(Require(in.advice_sought && !in.advice_sought->from.empty(), "advice_sought.from",
                                   "Say whose advice you sought (for example your DSL or DPO)."));
  if (in.advice_sought) JIGSAW_RETURN_IF_ERROR(domain::ValidateText("advice_sought.summary", in.advice_sought->summary, 20000));
  if (!share) return Ok();

  if (a.must_record.Has(Record::kLawfulBasis) || !in.lawful_basis.empty()) {
    JIGSAW_RETURN_IF_ERROR(Require(!in.lawful_basis.empty(), "lawful_basis",
                                   "Choose the lawful basis (UK GDPR Article 6) for sharing."));
    if (!ParseEnum<guidance::LawfulBasis>(in.lawful_basis))
      return InvalidArgument("lawful_basis", "'" + in.lawful_basis + "' is not a lawful basis; use " +
                                                 AllowedValues<guidance::LawfulBasis>() + ".");
  }
  struct Part {
    Record record;
    const std::string& value;
    std::string_view field, message;
  };
  const Part parts[] = {
      {Record::kSpecialCategoryCondition, in.special_category_condition, "special_category_condition",
       "Special category information is shared: record the Article 9 condition."},
      {Record::kSensitiveProcessingCondition, in.sensitive_processing_condition,
       "sensitive_processing_condition", "Record the DPA 2018 Part 3 condition for sensitive processing."},
      {Record::kCriminalOffenceCondition, in.criminal_offence_condition, "criminal_offence_condition",
       "Criminal offence information is shared: record the condition (DPA 2018 Schedule 1)."},
      {Record::kConfidentialityBasis, in.confidentiality_basis, "confidentiality_basis",
       "Information given in confidence is shared: record why confidentiality is set aside."},
      {Record::kConsent, in.consent, "consent", "Record the consent position and how it was reached."},
  };
  for (const Part& p : parts)
    if (a.must_record.Has(p.record)) JIGSAW_RETURN_IF_ERROR(RequireText(p.value, p.field, p.message));

  if (a.must_record.Has(Record::kObjectionOverride)) {
    for (std::size_t i = 0; i < facts.objections.size(); ++i) {
      const std::string by(ToString(facts.objections[i]));
      auto o = std::find_if(in.objections.begin(), in.objections.end(),
                            [&](const auto& x) { return x.by == by; });
      if (o == in.objections.end())
        return InvalidArgument(Index("objection_overrides", i),
                               "The " + by + " objected: record why sharing goes ahead despite the objection.");
      JIGSAW_RETURN_IF_ERROR(RequireText(o->reason, Index("objection_overrides", static_cast<std::size_t>(o - in.objections.begin()), ".reason"),
                                         "Say why the objection was overridden."));
    }
  }
  // Golden rule 2: whether the child and family were told, or why not.
  JIGSAW_RETURN_IF_ERROR(Require(in.informing.has_value(), "informing",
                                 "Record whether the child and family were told about the sharing, or why not."));
  const auto& inf = *in.informing;
  if (inf.told) {
    JIGSAW_RETURN_IF_ERROR(Require(domain::ParseDate(inf.told_on).has_value(), "informing.told_on",
                                   "Give the date they were told, as YYYY-MM-DD."));
    JIGSAW_RETURN_IF_ERROR(RequireText(inf.told_by, "informing.told_by", "Say who told them."));
  } else {
    JIGSAW_RETURN_IF_ERROR(RequireText(inf.reason_not_told, "informing.reason_not_told",
                                       "Say why the child and family were not told."));
  }
  return Ok();
}

guidance::Request BuildRequest(const Circumstances& f, const domain::Organisation& sharer,
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
  r.dsa_in_place = f.dsa_in_place;
  r.dpia_in_place = f.dpia_in_place;
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

// Loads, authorises and checks a proposed decision; with `check_record`
// also the record itself. Builds the recipient view for share decisions.
Result<Prepared> Prepare(store::Transaction& tx, const Context& ctx, const NewDecision& in0,
                                bool check_record, Time now, AuditEvent& event) {
  Prepared out;
  NewDecision in = in0;
  auto& cw = tx.casework();
  const std::string& org = ctx.actor.organisation_id;

  if (!in.supersedes.empty()) {
    auto prior = JIGSAW_TRY(cw.FindDecision(in.supersedes));
    if (!prior || prior->organisation_id != org)
      return InvalidArgument("supersedes", "There is no decision with that id in your organisation.");
    if (auto later = JIGSAW_TRY(cw.SupersededBy(prior->id)))
      return Fail(ErrorCode::kFailedPrecondition,
                  "That decision has already been superseded by " + *later + ": correct the latest one.",
                  "supersedes");
    if (in.emergency) return InvalidArgument("emergency", "A correction or full record is not itself an emergency share.");
    if (in.outcome != prior->outcome)
      return InvalidArgument("outcome", "A correction keeps the decision's outcome; record a new decision instead.");
    if (!in.share_items.empty() && in.share_items != prior->item_ids)
      return InvalidArgument("share_items", "What was shared cannot change: make a new decision to share more.");
    in.child_id = prior->child_id;
    in.concern_id = prior->concern_id;
    in.information_request_id = prior->information_request_id;
    in.recipient_organisation_id = prior->recipient_organisation_id;
    in.recipient_practitioner_id = prior->recipient_practitioner_id;
    in.share_items = prior->item_ids;
    if (in.items.empty())
      for (const auto& id : prior->item_ids) in.items.push_back({id, true, true});
    out.prior = std::move(prior);
  }

  std::string owner;  // who may decide besides the DSL
  std::optional<domain::Person> child;
  if (!in.concern_id.empty()) {
    auto concern = JIGSAW_TRY(cw.FindConcern(in.concern_id));
    if (!concern) return NotFound(std::string(kHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(ctx.actor, Action::kDecide,
                                             RecordFacts{concern->organisation_id, concern->raised_by, {}, {}, {}}));
    if (!in.child_id.empty() && in.child_id != concern->child_id)
      return InvalidArgument("child_id", "This concern is about another child.");
    in.child_id = concern->child_id;
  } else {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(ctx.actor, Action::kDecide, RecordFacts{org, {}, {}, {}, {}}));
  }
  event.child_id = in.child_id;
  if (!in.child_id.empty()) {
    child = JIGSAW_TRY(cw.FindPerson(in.child_id));
    if (!child || child->organisation_id != org || child->kind != domain::PersonKind::kChild)
      return InvalidArgument("child_id", "There is no child with that id in your organisation's records.");
  }
  if (!in.information_request_id.empty()) {
    auto request = JIGSAW_TRY(cw.FindInformationRequest(in.information_request_id));
    if (!request) return NotFound(std::string(kHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(
        ctx.actor, Action::kAnswerInformationRequest,
        RecordFacts{request->requester_organisation_id, request->requested_by, request->holder_organisation_id, {}, {}}));
    if (in.recipient_organisation_id.empty()) in.recipient_organisation_id = request->requester_organisation_id;
    if (in.recipient_organisation_id != request->requester_organisation_id)
      return InvalidArgument("recipient_organisation_id", "An answer goes to the organisation that asked.");
    // One answer per question: a request is decided again only when the
    // requester asks for reconsideration (a correction of the answer, which
    // supersedes it, is not a new answer).
    if (!out.prior && domain::IsDecided(request->status))
      return Fail(ErrorCode::kFailedPrecondition,
                  "That request has already been answered. If they ask you to reconsider, you can decide again.",
                  "information_request_id");
    out.request = std::move(request);
  }
  if (!child && !out.request)
    return InvalidArgument("child_id", "Say which child this decision is about.");

  auto sharer = JIGSAW_TRY(tx.organisations().Find(org));
  if (!sharer) return Internal("The actor's organisation is missing.");
  if (in.recipient_organisation_id.empty())
    return InvalidArgument("recipient_organisation_id", "Choose the organisation the decision is about sharing with.");
  auto recipient = JIGSAW_TRY(tx.organisations().Find(in.recipient_organisation_id));
  if (!recipient) return InvalidArgument("recipient_organisation_id", "There is no organisation with that id.");
  if (recipient->id == org)
    return InvalidArgument("recipient_organisation_id", "Sharing within your organisation needs no disclosure.");
  if (!in.recipient_practitioner_id.empty()) {
    auto p = JIGSAW_TRY(tx.practitioners().Find(in.recipient_practitioner_id));
    if (!p || p->organisation_id != recipient->id)
      return InvalidArgument("recipient_practitioner_id", "There is no such practitioner in the recipient organisation.");
  }

  // The items: each must be this organisation's, about this child's case.
  const bool share = in.outcome == DecisionOutcome::kShare;
  if (share && in.share_items.empty())
    return InvalidArgument("share_items", "Choose the information to share.");
  if (!share && !in.share_items.empty())
    return InvalidArgument("share_items", "A decision not to share shares nothing: leave share_items empty.");
  if (in.emergency && in.items.empty())
    for (const auto& id : in.share_items) in.items.push_back({id, true, true});
  std::set<std::string> considered;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < in.items.size(); ++i) {
    if (!considered.insert(in.items[i].item_id).second)
      return InvalidArgument(Index("items", i, ".id"), "This item is listed twice.");
    ids.push_back(in.items[i].item_id);
  }
  for (std::size_t i = 0; i < in.share_items.size(); ++i)
    if (!considered.contains(in.share_items[i]))
      return InvalidArgument(Index("share_items", i), "Only items you considered (in items) can be shared.");
  if (!in.emergency && in.items.empty() && !(out.request && !share))
    return InvalidArgument("items", "List the information you considered sharing.");
  auto items = JIGSAW_TRY(cw.Items(ids));
  std::map<std::string, domain::Person> people;
  for (std::size_t i = 0; i < in.items.size(); ++i) {
    auto item = std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.id == ids[i]; });
    const bool belongs = item != items.end() && item->organisation_id == org &&
                         ((!in.concern_id.empty() && item->concern_id == in.concern_id) ||
                          (child && item->person_id == child->id));
    if (!belongs)
      return InvalidArgument(Index("items", i, ".id"),
                             "There is no such item in this child's records in your organisation.");
  }
  std::vector<std::string> person_ids;
  for (const auto& item : items) {
    person_ids.push_back(item.person_id);
    person_ids.insert(person_ids.end(), item.identifies.begin(), item.identifies.end());
  }
  for (auto& p : JIGSAW_TRY(cw.People(person_ids))) people.emplace(p.id, std::move(p));
  if (child) people.emplace(child->id, *child);
  std::vector<domain::Person> related;
  if (child) {
    std::vector<std::string> rel_ids;
    for (const auto& r : JIGSAW_TRY(cw.Relationships(child->id)))
      rel_ids.push_back(r.person_id == child->id ? r.related_person_id : r.person_id);
    related = JIGSAW_TRY(cw.People(rel_ids));
  }

  Decision& d = out.decision;
  d.id = NewId();
  d.organisation_id = org;
  d.child_id = in.child_id;
  d.concern_id = in.concern_id;
  d.information_request_id = in.information_request_id;
  d.decided_by = ctx.actor.practitioner_id;
  d.outcome = in.outcome;
  d.recipient_organisation_id = recipient->id;
  d.recipient_practitioner_id = in.recipient_practitioner_id;
  d.item_ids = in.share_items;
  d.record = in.record;
  d.emergency = in.emergency && in.supersedes.empty();
  d.supersedes = in.supersedes;
  d.created_at = now;

  if (d.emergency) {
    // Share first, record after: who, what and to whom now; the reasons are
    // owed by the deadline (Annex: "Sharing information in an emergency").
    if (!share) return InvalidArgument("outcome", "An emergency record is for information already shared.");
    JIGSAW_RETURN_IF_ERROR(domain::ValidateText("rationale", in.record.rationale, 20000));
  } else if (out.request && !share && in.items.empty()) {
    // Refusing a request for information the organisation does not hold.
    JIGSAW_RETURN_IF_ERROR(RequireText(in.record.rationale, "rationale", "Give the reasons for refusing."));
  } else {
    if (!in.circumstances)
      return InvalidArgument("circumstances", "Describe the circumstances so that the guidance can be applied.");
    auto request = BuildRequest(*in.circumstances, *sharer, *recipient, items, in.items, people);
    out.assessment = guidance::Assess(request);
    d.assessment_request = guidance::ToJsonText(request);
    d.assessment = guidance::ToJsonText(*out.assessment);
    d.recommendation = std::string(ToString(out.assessment->recommendation));
    d.must_record = RecordNames(*out.assessment);
    if (check_record) JIGSAW_RETURN_IF_ERROR(CheckRecord(in, *out.assessment, *in.circumstances, d));
  }

  if (share) {
    auto by = JIGSAW_TRY(tx.practitioners().Find(ctx.actor.practitioner_id));
    if (!by) return Internal("The actor's practitioner record is missing.");
    std::vector<domain::InformationItem> chosen;
    for (const auto& id : in.share_items)
      for (const auto& item : items)
        if (item.id == id) chosen.push_back(item);
    out.recipient_view = RecipientView(*sharer, *by, child, chosen, people, related, d,
                                       in.circumstances, out.redactions);
  }
  return out;
}

}  // namespace

Result<SharePreview> Sharing::Preview(const Context& context, const NewDecision& proposal) {
  AuditEvent event{"decision.preview", "child", proposal.child_id};
  SharePreview out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto prepared = JIGSAW_TRY(Prepare(tx, context, proposal, false, clock_.Now(), event));
    out.assessment = std::move(prepared.assessment);
    out.recipient_view = std::move(prepared.recipient_view);
    out.redactions = prepared.redactions;
    return Ok();
  }));
  return out;
}

Result<DecisionResult> Sharing::Decide(const Context& context, const NewDecision& in) {
  AuditEvent event{"decision.create", "decision", {}};
  DecisionResult out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const Time now = clock_.Now();
    auto p = JIGSAW_TRY(Prepare(tx, context, in, true, now, event));
    Decision& d = p.decision;
    if (d.emergency)
      d.rationale_due_at =
          policy_.calendar.EndOfWorkingDaysAfter(now, policy_.emergency_record_working_days);
    event.object_id = d.id;
    event.purpose = in.circumstances ? std::string(ToString(in.circumstances->purpose)) : "safeguarding";
    JIGSAW_RETURN_IF_ERROR(tx.casework().InsertDecision(d));
    auto& cw = tx.casework();
    // A correction or a completed emergency record does not send again.
    if (d.outcome == DecisionOutcome::kShare && d.supersedes.empty()) {
      domain::Disclosure s;
      s.id = NewId();
      s.decision_id = d.id;
      s.sharer_organisation_id = d.organisation_id;
      s.sharer_id = d.decided_by;
      s.recipient_organisation_id = d.recipient_organisation_id;
      s.recipient_practitioner_id = d.recipient_practitioner_id;
      s.child_id = d.child_id;
      s.sealed_content = sealer_.Seal(p.recipient_view, s.id, s.recipient_organisation_id);
      s.created_at = now;
      s.acknowledgement_due_at = policy_.calendar.EndOfWorkingDaysAfter(now, policy_.acknowledgement_working_days);
      s.feedback_due_at = policy_.calendar.EndOfWorkingDaysAfter(now, policy_.feedback_working_days);
      JIGSAW_RETURN_IF_ERROR(cw.InsertDisclosure(s));
      JIGSAW_RETURN_IF_ERROR(trail_.Append(tx, context, {"disclosure.create", "disclosure", s.id,
                                                         domain::AuditOutcome::kAllowed, d.child_id, event.purpose}));
      if (!s.recipient_practitioner_id.empty())
        JIGSAW_RETURN_IF_ERROR(Notify(tx, now, s.recipient_practitioner_id, "disclosure.received", "disclosure", s.id));
      out.disclosure = std::move(s);
    }
    if (p.request) {
      const bool answered = d.outcome == DecisionOutcome::kShare;
      const auto status = answered ? domain::RequestStatus::kAnswered : domain::RequestStatus::kRefused;
      JIGSAW_RETURN_IF_ERROR(cw.UpdateRequestStatus(p.request->id, status, now));
      JIGSAW_RETURN_IF_ERROR(cw.InsertRequestMessage(
          {NewId(), p.request->id,
           answered ? domain::RequestMessageKind::kAnswered : domain::RequestMessageKind::kRefused,
           answered ? std::string() : d.record.rationale, d.organisation_id, d.decided_by, d.id, now}));
      JIGSAW_RETURN_IF_ERROR(Notify(tx, now, p.request->requested_by,
                                    answered ? "request.answered" : "request.refused", "information_request",
                                    p.request->id));
    }
    out.decision = std::move(d);
    return Ok();
  }));
  return out;
}

Result<DecisionView> Sharing::GetDecision(const Context& context, const std::string& id) {
  AuditEvent event{"decision.view", "decision", id};
  DecisionView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto d = JIGSAW_TRY(tx.casework().FindDecision(id));
    if (!d) return NotFound(std::string(kHidden));
    event.child_id = d->child_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewDecision,
                                             RecordFacts{d->organisation_id, d->decided_by, {}, {}, {}}));
    out.decision = std::move(*d);
    out.superseded_by = JIGSAW_TRY(tx.casework().SupersededBy(id)).value_or("");
    store::DisclosureQuery q;
    q.decision_id = id;
    for (const auto& s : JIGSAW_TRY(tx.casework().Disclosures(q))) out.disclosure_ids.push_back(s.id);
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
    return Ok();
  }));
  return out;
}

Result<std::vector<Decision>> Sharing::OwedRecords(const Context& context) {
  AuditEvent event{"decision.owed", "organisation", context.actor.organisation_id};
  std::vector<Decision> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(lists::OwedRecords(tx, context.actor));
    return Ok();
  }));
  return out;
}

Result<std::vector<DisclosureSummary>> Sharing::Disclosures(const Context& context, bool inbox) {
  AuditEvent event{inbox ? "disclosure.inbox" : "disclosure.sent", "organisation", context.actor.organisation_id};
  std::vector<DisclosureSummary> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(lists::Disclosures(tx, context.actor, inbox));
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
    if (!s) return NotFound(std::string(kHidden));
    const RecordFacts facts{s->sharer_organisation_id, s->sharer_id, s->recipient_organisation_id,
                            s->recipient_practitioner_id, {}};
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewDisclosure, facts));
    const bool recipient = context.actor.organisation_id == s->recipient_organisation_id;
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
    out.content = JIGSAW_TRY(sealer_.Open(s->sealed_content, s->id, s->recipient_organisation_id));
    out.feedback = JIGSAW_TRY(cw.FeedbackOn(id));
    std::map<std::string, std::string> names;
    for (const auto& o : JIGSAW_TRY(tx.organisations().List())) names[o.id] = o.name;
    s->sealed_content.clear();
    if (recipient) {
      s->child_id.clear();
      s->decision_id.clear();
    }
    out.summary = {*s, names[s->sharer_organisation_id], names[s->recipient_organisation_id]};
    return Ok();
  }));
  return out;
}

Result<domain::Feedback> Sharing::GiveFeedback(const Context& context, const std::string& disclosure_id,
                                               domain::FeedbackAction action, const std::string& note) {
  AuditEvent event{"feedback.create", "disclosure", disclosure_id};
  domain::Feedback f{NewId(), disclosure_id, context.actor.organisation_id, context.actor.practitioner_id,
                     action, note, clock_.Now()};
  JIGSAW_RETURN_IF_ERROR(domain::Validate(f));
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto& cw = tx.casework();
    auto s = JIGSAW_TRY(cw.FindDisclosure(disclosure_id));
    if (!s) return NotFound(std::string(kHidden));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kGiveFeedback,
                                             RecordFacts{s->sharer_organisation_id, s->sharer_id,
                                                         s->recipient_organisation_id,
                                                         s->recipient_practitioner_id, {}}));
    if (s->received_at == Time{})
      JIGSAW_RETURN_IF_ERROR(cw.MarkDisclosureReceived(s->id, context.actor.practitioner_id, f.created_at));
    JIGSAW_RETURN_IF_ERROR(cw.InsertFeedback(f));
    JIGSAW_RETURN_IF_ERROR(cw.MarkFeedbackGiven(s->id, f.created_at));
    return Notify(tx, f.created_at, s->sharer_id, "feedback.given", "disclosure", s->id);
  }));
  return f;
}

}  // namespace jigsaw::service
