#include "service/subject_access.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/json_fields.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/random.h"
#include "domain/attachment.h"
#include "domain/body_map.h"
#include "domain/case_management.h"
#include "domain/text.h"
#include "redaction/redactor.h"
#include "service/outbound.h"
#include "service/recipient_view.h"
#include "service/workflow.h"
#include "store/subject_access_repository.h"

namespace jigsaw::service {

using access::Action;
using domain::Exemption;

namespace {

constexpr std::size_t kMaxDecisionReason = 2000;
constexpr std::size_t kEveryone = 1'000'000;

std::string Key(HeldKind kind, std::string_view id) { return std::string(ToString(kind)) + ":" + std::string(id); }

// Loads a request of the actor's organisation, for the DPO alone: one of
// another organisation's is not there at all (golden rule 6: need to know).
Result<domain::SubjectAccessRequest> LoadRequest(store::Transaction& tx, const Context& context, const std::string& id,
                                                 AuditEvent& event) {
  JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kSubjectAccess, context.actor.organisation_id));
  auto r = JIGSAW_TRY(tx.subject_access().Find(id));
  if (!r || (!context.actor.is_operator && r->organisation_id != context.actor.organisation_id)) return NotYours("id");
  event.object_id = r->id;
  return *r;
}

Result<domain::Person> LoadSubject(store::Transaction& tx, const domain::SubjectAccessRequest& r) {
  auto p = JIGSAW_TRY(tx.casework().FindPerson(r.person_id));
  if (!p) return Internal("A subject access request names a person missing from the records.");
  return *p;
}

SubjectAccessSummary SummaryOf(domain::SubjectAccessRequest r, const domain::Person& subject) {
  SubjectAccessSummary s{std::move(r), subject.FullName(), {}};
  s.due_on = domain::DueOn(s.request);
  return s;
}

// Everything the organisation holds about one person, redacted, each
// piece marked with the exemptions that may apply. A list of named steps,
// each adding the pieces of one kind of record.
class Gatherer {
 public:
  Gatherer(store::Transaction& tx, const access::Sealer& sealer, domain::Person subject, OutboundRedaction redaction,
           redaction::Redactor finder)
      : tx_(tx), sealer_(sealer), subject_(std::move(subject)), redaction_(std::move(redaction)), finder_(std::move(finder)) {}

  Result<std::vector<HeldEntry>> Gather() {
    JIGSAW_RETURN_IF_ERROR(PersonRecord());
    JIGSAW_RETURN_IF_ERROR(Relationships());
    JIGSAW_RETURN_IF_ERROR(ConcernsAndItems());
    JIGSAW_RETURN_IF_ERROR(DecisionsAndDisclosures());
    JIGSAW_RETURN_IF_ERROR(DisclosuresReceived());
    JIGSAW_RETURN_IF_ERROR(InformationRequests());
    JIGSAW_RETURN_IF_ERROR(Accesses());
    return std::move(out_);
  }

 private:
  // A piece under way: its fields are redacted as they are added.
  struct Piece {
    HeldEntry entry;
    std::set<Exemption> may_apply;
  };
  Piece Start(HeldKind kind, std::string_view id, Time at) { return Piece{HeldEntry{Key(kind, id), kind, at, {}, 0, {}}, {}}; }
  // The subject's own details, as recorded: nothing to withhold.
  void Own(Piece& p, std::string name, std::string text) {
    if (!text.empty()) p.entry.fields.push_back({std::move(name), std::move(text)});
  }
  void Redacted(Piece& p, std::string name, std::string_view text) {
    if (text.empty()) return;
    const redaction::Redacted r = redaction_.RedactCounted(text);
    if (r.withheld > 0) p.may_apply.insert(Exemption::kThirdParty);
    p.entry.withheld += r.withheld;
    p.entry.fields.push_back({std::move(name), r.text});
  }
  void Add(Piece p) {
    p.entry.may_apply.assign(p.may_apply.begin(), p.may_apply.end());
    out_.push_back(std::move(p.entry));
  }
  bool Mentions(std::string_view text) const { return !text.empty() && finder_.Redact(text).withheld > 0; }

  Result<std::string> OrganisationName(const std::string& id) {
    if (auto it = organisations_.find(id); it != organisations_.end()) return it->second;
    auto o = JIGSAW_TRY(tx_.organisations().Find(id));
    return organisations_[id] = o ? o->name : std::string("another organisation");
  }
  Result<std::string> PractitionerName(const std::string& id) {
    if (id.empty()) return std::string();
    if (auto it = practitioners_.find(id); it != practitioners_.end()) return it->second;
    auto p = JIGSAW_TRY(tx_.practitioners().Find(id));
    return practitioners_[id] = p ? p->display_name : std::string("a former member of staff");
  }

  void PersonFields(Piece& p, const domain::Person& who) {
    Own(p, "kind", std::string(ToString(who.kind)));
    Own(p, "given_name", who.given_name);
    Own(p, "family_name", who.family_name);
    std::string known;
    for (const auto& n : who.known_as) known += (known.empty() ? "" : ", ") + n;
    Own(p, "known_as", known);
    Own(p, "date_of_birth", who.date_of_birth);
    Own(p, "nhs_number", who.nhs_number);
    Own(p, "upn", who.upn);
    Own(p, "address", who.address);
    Own(p, "postcode", who.postcode);
    std::string phones, emails;
    for (const auto& n : who.phone_numbers) phones += (phones.empty() ? "" : ", ") + n;
    for (const auto& e : who.email_addresses) emails += (emails.empty() ? "" : ", ") + e;
    Own(p, "phone_numbers", phones);
    Own(p, "email_addresses", emails);
  }

  // The person's record now and each superseded version of it.
  Status PersonRecord() {
    Piece now = Start(HeldKind::kPerson, subject_.id, subject_.created_at);
    PersonFields(now, subject_);
    // Why they are protected is staff's assessment of a risk from others.
    if (subject_.is_protected) {
      Redacted(now, "protected_reason", subject_.protected_reason);
      now.may_apply.insert(Exemption::kSeriousHarm);
    }
    Add(std::move(now));
    for (const auto& v : JIGSAW_TRY(tx_.casework().PersonVersions(subject_.id))) {
      Piece p = Start(HeldKind::kPersonVersion, v.id, v.person.created_at);
      PersonFields(p, v.person);
      Own(p, "superseded_on", domain::UkDate(v.superseded.at));
      Redacted(p, "correction_reason", v.superseded.reason);
      // Where a protected person used to live can lead to where they live now.
      if (subject_.is_protected || v.person.is_protected) p.may_apply.insert(Exemption::kSeriousHarm);
      Add(std::move(p));
    }
    return Ok();
  }

  // Who they are to each person recorded with them: the other person is a
  // third party, named only as the redaction leaves them.
  Status Relationships() {
    for (const auto& r : JIGSAW_TRY(tx_.casework().Relationships(subject_.id))) {
      const bool from_subject = r.person_id == subject_.id;
      const std::string& other_id = from_subject ? r.related_person_id : r.person_id;
      auto other = JIGSAW_TRY(tx_.casework().FindPerson(other_id));
      if (!other) continue;
      if (other->kind == domain::PersonKind::kChild) related_children_.push_back(*other);
      Piece p = Start(HeldKind::kRelationship, r.id, r.created_at);
      Own(p, "relationship", std::string(ToString(r.kind)) + (from_subject ? " of the other person" : " of the subject"));
      Redacted(p, "other_person", other->FullName());
      p.may_apply.insert(Exemption::kThirdParty);
      Add(std::move(p));
    }
    return Ok();
  }

  // A child's own concerns; for anyone else, the concerns about the
  // children they are related to that are about them or mention them.
  Status ConcernsAndItems() {
    std::vector<std::string> children;
    if (subject_.kind == domain::PersonKind::kChild) children.push_back(subject_.id);
    for (const auto& c : related_children_) children.push_back(c.id);
    std::set<std::string> seen_items;
    for (const auto& child_id : children) {
      store::ConcernQuery q;
      q.organisation_id = subject_.organisation_id;
      q.child_id = child_id;
      q.limit = kEveryone;
      for (const auto& c : JIGSAW_TRY(tx_.casework().Concerns(q))) {
        const bool own = c.child_id == subject_.id;
        std::vector<domain::InformationItem> items;
        for (auto& i : JIGSAW_TRY(tx_.casework().ItemsOfConcern(c.id)))
          if (own || AboutSubject(i)) items.push_back(std::move(i));
        const bool account = own || Mentions(c.what_happened) || Mentions(c.child_words);
        if (!account && items.empty()) continue;
        concerns_.insert(c.id);
        if (account) AddConcern(c);
        for (const auto& i : items)
          if (seen_items.insert(i.id).second) JIGSAW_RETURN_IF_ERROR(AddItem(i));
        JIGSAW_RETURN_IF_ERROR(BodyMarksAndFiles(c, own));
      }
    }
    // Information recorded about the person outside a concern.
    for (const auto& i : JIGSAW_TRY(tx_.casework().ItemsAboutPerson(subject_.id)))
      if (seen_items.insert(i.id).second) JIGSAW_RETURN_IF_ERROR(AddItem(i));
    return Ok();
  }

  // What a concern about the subject keeps beside its account: the marks
  // on its body map (a child's own body: for anyone else, only a mark
  // whose description mentions them) and its files, described. A file's
  // bytes are not in the release: a photograph or a letter can show
  // anyone, so the DPO reviews each one and sends a copy with the release
  // (docs/rights.md).
  Status BodyMarksAndFiles(const domain::Concern& c, bool own) {
    for (const auto& m : JIGSAW_TRY(tx_.recording().BodyMarksOfConcern(c.id))) {
      if (!own && !Mentions(m.description)) continue;
      Piece p = Start(HeldKind::kBodyMark, m.id, m.created_at);
      Own(p, "side", std::string(ToString(m.side)));
      Own(p, "area", std::string(ToString(m.area)));
      Redacted(p, "description", m.description);
      if (!own) p.may_apply.insert(Exemption::kThirdParty);
      Add(std::move(p));
    }
    for (const auto& a : JIGSAW_TRY(tx_.recording().AttachmentsOfConcern(c.id))) {
      if (!own && !Mentions(a.description) && !Mentions(a.file_name)) continue;
      Piece p = Start(HeldKind::kAttachment, a.id, a.created_at);
      Redacted(p, "file_name", a.file_name);
      Own(p, "type", std::string(domain::DescriptionOf(a.type)));
      Own(p, "size_bytes", std::to_string(a.size_bytes));
      Redacted(p, "description", a.description);
      p.may_apply.insert(Exemption::kThirdParty);
      if (c.level == domain::ConcernLevel::kSignificant || c.level == domain::ConcernLevel::kImmediate)
        p.may_apply.insert(Exemption::kSeriousHarm);
      Add(std::move(p));
    }
    return Ok();
  }

  bool AboutSubject(const domain::InformationItem& i) const {
    return i.person_id == subject_.id ||
           std::find(i.identifies.begin(), i.identifies.end(), subject_.id) != i.identifies.end() ||
           Mentions(i.text) || Mentions(i.source);
  }

  void AddConcern(const domain::Concern& c) {
    Piece p = Start(HeldKind::kConcern, c.id, c.created_at);
    Own(p, "level", std::string(ToString(c.level)));
    std::string forms;
    for (auto f : c.forms) forms += (forms.empty() ? "" : ", ") + std::string(ToString(f));
    Own(p, "forms", forms);
    Own(p, "incident_date", c.incident_date);
    Redacted(p, "incident_place", c.incident_place);
    Redacted(p, "what_happened", c.what_happened);
    Redacted(p, "child_words", c.child_words);
    // A concern about a parent's child is the child's information too.
    if (c.child_id != subject_.id) p.may_apply.insert(Exemption::kThirdParty);
    // Social work data whose release could put the child at risk of
    // serious harm (DPA 2018 Sch 3 Part 3).
    if (c.level == domain::ConcernLevel::kSignificant || c.level == domain::ConcernLevel::kImmediate)
      p.may_apply.insert(Exemption::kSeriousHarm);
    Add(std::move(p));
  }

  void ItemFields(Piece& p, const domain::InformationItem& i) {
    Redacted(p, "text", i.text);
    Redacted(p, "source", i.source);
    Own(p, "date", i.date);
    Own(p, "accuracy", std::string(ToString(i.accuracy)));
    if (i.confidential) p.may_apply.insert(Exemption::kConfidence);
    if (i.criminal_offence) p.may_apply.insert(Exemption::kCrime);
    for (const auto& other : i.identifies)
      if (other != subject_.id) p.may_apply.insert(Exemption::kThirdParty);
    if (i.person_id != subject_.id) p.may_apply.insert(Exemption::kThirdParty);
  }

  Status AddItem(const domain::InformationItem& i) {
    items_.insert(i.id);
    Piece p = Start(HeldKind::kItem, i.id, i.created_at);
    ItemFields(p, i);
    Add(std::move(p));
    for (const auto& v : JIGSAW_TRY(tx_.casework().ItemVersions(i.id))) {
      Piece earlier = Start(HeldKind::kItemVersion, v.id, v.item.created_at);
      ItemFields(earlier, v.item);
      Own(earlier, "superseded_on", domain::UkDate(v.superseded.at));
      Redacted(earlier, "correction_reason", v.superseded.reason);
      Add(std::move(earlier));
    }
    return Ok();
  }

  // The decisions whether to share what is held (a child's own, or those
  // that shared an item about the person), each disclosure made of it and
  // what its recipient said was done.
  Status DecisionsAndDisclosures() {
    store::DecisionQuery q;
    q.organisation_id = subject_.organisation_id;
    q.limit = kEveryone;
    for (const auto& d : JIGSAW_TRY(tx_.casework().Decisions(q))) {
      const bool own = d.child_id == subject_.id;
      const bool shared_theirs =
          std::any_of(d.item_ids.begin(), d.item_ids.end(), [&](const auto& id) { return items_.contains(id); });
      const bool about_concern = !d.concern_id.empty() && concerns_.contains(d.concern_id);
      if (!own && !shared_theirs && !(about_concern && Mentions(d.record.rationale))) continue;
      Piece p = Start(HeldKind::kDecision, d.id, d.created_at);
      Own(p, "outcome", std::string(ToString(d.outcome)));
      if (!d.recipient_organisation_id.empty()) Own(p, "recipient", JIGSAW_TRY(OrganisationName(d.recipient_organisation_id)));
      Redacted(p, "rationale", d.record.rationale);
      Own(p, "lawful_basis", d.record.lawful_basis);
      if (d.record.informing) {
        Own(p, "family_told", d.record.informing->told ? "yes" : "no");
        Redacted(p, "reason_not_told", d.record.informing->reason_not_told);
        // Not told because telling could put the child at risk or harm an
        // investigation: the same reasons may hold for releasing it now.
        if (!d.record.informing->told) {
          p.may_apply.insert(Exemption::kSeriousHarm);
          p.may_apply.insert(Exemption::kCrime);
        }
      }
      if (!own) p.may_apply.insert(Exemption::kThirdParty);
      // What was sent, and what its recipient did, tells as much as the
      // decision (a refuge it went to, a police action): the same
      // exemptions may apply to each, decided piece by piece.
      const std::set<Exemption> flags = p.may_apply;
      Add(std::move(p));
      JIGSAW_RETURN_IF_ERROR(Disclosures(d, flags));
    }
    return Ok();
  }

  Status Disclosures(const domain::Decision& d, const std::set<Exemption>& decision_flags) {
    store::DisclosureQuery q;
    q.sharer_organisation_id = subject_.organisation_id;
    q.decision_id = d.id;
    for (const auto& x : JIGSAW_TRY(tx_.casework().Disclosures(q))) {
      Piece p = Start(HeldKind::kDisclosureSent, x.id, x.created_at);
      p.may_apply = decision_flags;
      p.may_apply.insert(Exemption::kThirdParty);  // names the organisation that holds it now
      Own(p, "shared_with", JIGSAW_TRY(OrganisationName(x.recipient_organisation_id)));
      Own(p, "shared_on", domain::UkDate(x.created_at));
      if (x.received_at != Time{}) Own(p, "opened_on", domain::UkDate(x.received_at));
      if (domain::IsRecalled(x)) {
        Own(p, "recalled_on", domain::UkDate(x.recalled_at));
        Redacted(p, "recall_reason", x.recall_reason);
      }
      Add(std::move(p));
      for (const auto& f : JIGSAW_TRY(tx_.casework().FeedbackOn(x.id))) {
        Piece fb = Start(HeldKind::kFeedback, f.id, f.created_at);
        fb.may_apply = decision_flags;
        fb.may_apply.insert(Exemption::kThirdParty);  // another organisation's action
        if (f.action == domain::FeedbackAction::kPoliceAction || f.action == domain::FeedbackAction::kStrategyDiscussion)
          fb.may_apply.insert(Exemption::kCrime);
        Own(fb, "from", JIGSAW_TRY(OrganisationName(f.organisation_id)));
        Own(fb, "action", std::string(ToString(f.action)));
        Redacted(fb, "note", f.note);
        Add(std::move(fb));
      }
    }
    return Ok();
  }

  // Disclosures another organisation sent about a child, linked to the
  // organisation's record of the child: the subject's own, or, for anyone
  // else, those that mention them.
  Status DisclosuresReceived() {
    std::vector<std::string> children;
    if (subject_.kind == domain::PersonKind::kChild) children.push_back(subject_.id);
    for (const auto& c : related_children_) children.push_back(c.id);
    std::set<std::string> seen;
    for (const auto& child_id : children)
      for (const auto& m : JIGSAW_TRY(tx_.linking().MatchesAbout(subject_.organisation_id, child_id))) {
        if (m.subject != domain::MatchSubject::kDisclosure || !domain::IsLinked(m.status) || m.person_id != child_id ||
            !seen.insert(m.subject_id).second)
          continue;
        auto d = JIGSAW_TRY(tx_.casework().FindDisclosure(m.subject_id));
        if (!d || domain::IsRecalled(*d)) continue;
        const auto json = JIGSAW_TRY(sealer_.Open(d->sealed_content, d->id, d->recipient_organisation_id));
        const RecipientView view = JIGSAW_TRY(ParseRecipientView(json));
        JIGSAW_RETURN_IF_ERROR(AddReceived(*d, view, child_id == subject_.id));
      }
    return Ok();
  }

  Status AddReceived(const domain::Disclosure& d, const RecipientView& view, bool own) {
    Piece p = Start(HeldKind::kDisclosureReceived, d.id, d.created_at);
    Own(p, "shared_by", view.sharer_organisation);
    Own(p, "shared_on", domain::UkDate(d.created_at));
    bool mentions = own;
    if (view.concern && view.concern->what_happened) {
      mentions = mentions || Mentions(*view.concern->what_happened);
      Redacted(p, "what_happened", *view.concern->what_happened);
    }
    for (std::size_t i = 0; i < view.items.size(); ++i) {
      const auto& item = view.items[i];
      mentions = mentions || Mentions(item.text);
      Redacted(p, "items[" + std::to_string(i) + "].text", item.text);
      Redacted(p, "items[" + std::to_string(i) + "].source", item.source);
      if (item.confidential) p.may_apply.insert(Exemption::kConfidence);
      if (item.criminal_offence) p.may_apply.insert(Exemption::kCrime);
    }
    if (!mentions) return Ok();
    // Another organisation's information: it may have reasons of its own
    // to withhold, which the DPO checks with it (ICO: consult the source).
    p.may_apply.insert(Exemption::kThirdParty);
    Add(std::move(p));
    return Ok();
  }

  // Requests for information sent or received that name the person.
  Status InformationRequests() {
    const std::string org = subject_.organisation_id;
    std::vector<domain::InformationRequest> requests;
    store::InformationRequestQuery sent;
    sent.requester_organisation_id = org;
    sent.limit = kEveryone;
    store::InformationRequestQuery received;
    received.holder_organisation_id = org;
    received.limit = kEveryone;
    for (auto& r : JIGSAW_TRY(tx_.casework().InformationRequests(sent))) requests.push_back(std::move(r));
    for (auto& r : JIGSAW_TRY(tx_.casework().InformationRequests(received))) requests.push_back(std::move(r));
    for (const auto& r : requests) {
      std::string names = r.child_given_name + " " + r.child_family_name;
      for (const auto& person : r.people) names += "\n" + person.name;
      if (!Mentions(names) && !Mentions(r.needed) && !Mentions(r.reason)) continue;
      const bool we_asked = r.requester_organisation_id == org;
      Piece p = Start(HeldKind::kInformationRequest, r.id, r.created_at);
      Own(p, we_asked ? "sent_to" : "received_from",
          JIGSAW_TRY(OrganisationName(we_asked ? r.holder_organisation_id : r.requester_organisation_id)));
      Own(p, "status", std::string(ToString(r.status)));
      Redacted(p, "about", r.child_given_name + " " + r.child_family_name);
      Redacted(p, "needed", r.needed);
      Redacted(p, "reason", r.reason);
      for (const auto& m : JIGSAW_TRY(tx_.casework().RequestMessages(r.id)))
        Redacted(p, "message." + std::string(ToString(m.kind)), m.text);
      Add(std::move(p));
    }
    return Ok();
  }

  // Who accessed the person's records, and their concerns: one piece, a
  // line for each record of the audit log, named by its time (RFC 3339)
  // (staff act in their official capacity, so their names are given; ICO
  // guidance on subject access).
  Status Accesses() {
    std::vector<domain::AuditRecord> records;
    store::AuditQuery q;
    q.person_id = subject_.id;
    q.visible_to_organisation_id = subject_.organisation_id;
    q.limit = 10'000;
    for (auto& r : JIGSAW_TRY(tx_.audit().Search(q))) records.push_back(std::move(r));
    for (const auto& concern_id : concerns_) {
      store::AuditQuery c;
      c.object_id = concern_id;
      c.visible_to_organisation_id = subject_.organisation_id;
      c.limit = 10'000;
      for (auto& r : JIGSAW_TRY(tx_.audit().Search(c))) records.push_back(std::move(r));
    }
    std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
    records.erase(std::unique(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.index == b.index; }),
                  records.end());
    if (records.empty()) return Ok();
    Piece p = Start(HeldKind::kAccess, subject_.id, records.front().time);
    for (const auto& r : records) {
      if (r.outcome != domain::AuditOutcome::kAllowed) continue;
      // Another organisation's staff are not named (their involvement may
      // itself need protecting: a refuge, a police enquiry), and the DPO
      // decides whether even the organisation may be.
      const bool ours = r.organisation_id == subject_.organisation_id;
      if (!ours && !r.practitioner_id.empty()) {
        p.may_apply.insert(Exemption::kThirdParty);
        p.may_apply.insert(Exemption::kCrime);
      }
      const std::string who = r.practitioner_id.empty() ? std::string("the system")
                              : ours ? JIGSAW_TRY(PractitionerName(r.practitioner_id)) + " (" +
                                           JIGSAW_TRY(OrganisationName(r.organisation_id)) + ")"
                                     : "someone at " + JIGSAW_TRY(OrganisationName(r.organisation_id));
      Own(p, FormatRfc3339(r.time), who + ": " + r.action);
    }
    Add(std::move(p));
    return Ok();
  }

  store::Transaction& tx_;
  const access::Sealer& sealer_;
  domain::Person subject_;
  OutboundRedaction redaction_;
  redaction::Redactor finder_;  // finds the subject (and who they were) in a text
  std::vector<domain::Person> related_children_;
  std::set<std::string> concerns_, items_;
  std::map<std::string, std::string> organisations_, practitioners_;
  std::vector<HeldEntry> out_;
};

Result<std::vector<HeldEntry>> GatherHeld(store::Transaction& tx, const access::Sealer& sealer,
                                          const domain::Person& subject) {
  // The subject, and who they were before any correction, found in text
  // by the same matching that withholds a protected person.
  redaction::ProtectedPerson self{subject, redaction::Protection::kIdentity, redaction::Treatment::kWithhold, {}};
  for (const auto& v : JIGSAW_TRY(tx.casework().PersonVersions(subject.id))) self.former.push_back(v.person);
  std::vector<redaction::ProtectedPerson> finder{std::move(self)};
  Gatherer g(tx, sealer, subject, JIGSAW_TRY(OutboundRedaction::ForSubjectAccess(tx, subject)),
             redaction::Redactor(finder));
  return g.Gather();
}

Result<std::string> ReasonOf(std::string reason, std::string_view if_blank) {
  domain::TidyFreeText(reason);
  JIGSAW_RETURN_IF_ERROR(domain::ValidateRequiredText("reason", reason, kMaxDecisionReason, if_blank));
  return reason;
}

void WriteEntry(JsonWriter& w, const HeldEntry& e) {
  w.BeginObject().Key("key").String(e.key).Key("kind").String(ToString(e.kind));
  w.Key("recorded_at").String(e.recorded_at == Time{} ? std::string() : FormatRfc3339(e.recorded_at));
  w.Key("fields").BeginArray();
  for (const auto& f : e.fields) w.BeginObject().Key("name").String(f.name).Key("text").String(f.text).EndObject();
  w.EndArray().Key("withheld").Int(e.withheld).EndObject();
}

}  // namespace

const domain::ExemptionDecision* LatestDecision(const std::vector<domain::ExemptionDecision>& decisions,
                                                std::string_view entry) {
  for (auto it = decisions.rbegin(); it != decisions.rend(); ++it)
    if (it->entry == entry) return &*it;
  return nullptr;
}

std::string ToJson(const Release& r) {
  JsonWriter w;
  w.BeginObject().Key("request_id").String(r.request_id).Key("subject").String(r.subject_name);
  w.Key("received_on").String(r.received_on).Key("released_at").String(FormatRfc3339(r.released_at));
  w.Key("entries").BeginArray();
  for (const auto& e : r.entries) WriteEntry(w, e);
  w.EndArray().EndObject();
  return w.Take();
}

Result<Release> ParseRelease(std::string_view json) {
  auto doc = JsonDocument::Parse(json);
  if (!doc || !doc->root().IsObject()) return Internal("A released subject access request could not be read.");
  const JsonFields f(doc->root());
  Release r;
  r.request_id = JIGSAW_TRY(f.StringOrEmpty("request_id"));
  r.subject_name = JIGSAW_TRY(f.StringOrEmpty("subject"));
  r.received_on = JIGSAW_TRY(f.StringOrEmpty("received_on"));
  r.released_at = ParseRfc3339(JIGSAW_TRY(f.StringOrEmpty("released_at"))).value_or(Time{});
  for (const auto& e : JIGSAW_TRY(f.Objects("entries"))) {
    HeldEntry entry;
    entry.key = JIGSAW_TRY(e.StringOrEmpty("key"));
    entry.kind = JIGSAW_TRY(e.Enum<HeldKind>("kind"));
    entry.recorded_at = ParseRfc3339(JIGSAW_TRY(e.StringOrEmpty("recorded_at"))).value_or(Time{});
    for (const auto& field : JIGSAW_TRY(e.Objects("fields")))
      entry.fields.push_back({JIGSAW_TRY(field.StringOrEmpty("name")), JIGSAW_TRY(field.StringOrEmpty("text"))});
    entry.withheld = static_cast<int>(JIGSAW_TRY(e.IntOr("withheld", 0)));
    r.entries.push_back(std::move(entry));
  }
  return r;
}

Result<std::vector<domain::Person>> SubjectAccess::People(const Context& context) {
  AuditEvent event{"subject_access.people", "organisation", context.actor.organisation_id};
  std::vector<domain::Person> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kSubjectAccess, context.actor.organisation_id));
    out = JIGSAW_TRY(tx.casework().SearchPeople(context.actor.organisation_id, "", kEveryone));
    return Ok();
  }));
  return out;
}

Result<SubjectAccessSummary> SubjectAccess::Open(const Context& context, const NewSubjectAccessRequest& in) {
  AuditEvent event{"subject_access.open", "subject_access_request", NewId()};
  const Time now = clock_.Now();
  domain::SubjectAccessRequest r{.id = event.object_id,
                                 .organisation_id = context.actor.organisation_id,
                                 .person_id = in.person_id,
                                 .received_on = domain::Trim(in.received_on),
                                 .identity_check = in.identity_check,
                                 .identity_note = in.identity_note,
                                 .opened_by = context.actor.practitioner_id,
                                 .opened_at = now};
  domain::TidyFreeText(r.identity_note);
  JIGSAW_RETURN_IF_ERROR(domain::Validate(r, domain::UkDate(now)));
  SubjectAccessSummary out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kSubjectAccess, context.actor.organisation_id));
    auto subject = JIGSAW_TRY(tx.casework().FindPerson(r.person_id));
    if (!subject || subject->organisation_id != context.actor.organisation_id) return NotYours("person_id");
    if (subject->kind == domain::PersonKind::kChild) event.child_id = subject->id;
    JIGSAW_RETURN_IF_ERROR(tx.subject_access().Insert(r));
    out = SummaryOf(r, *subject);
    return Ok();
  }));
  return out;
}

Result<std::vector<SubjectAccessSummary>> SubjectAccess::List(const Context& context, bool open_only) {
  AuditEvent event{"subject_access.list", "organisation", context.actor.organisation_id};
  std::vector<SubjectAccessSummary> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kSubjectAccess, context.actor.organisation_id));
    for (auto& r : JIGSAW_TRY(tx.subject_access().OfOrganisation(context.actor.organisation_id, open_only))) {
      const domain::Person subject = JIGSAW_TRY(LoadSubject(tx, r));
      out.push_back(SummaryOf(std::move(r), subject));
    }
    return Ok();
  }));
  // The earliest due first: what is most urgent leads.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.due_on < b.due_on; });
  return out;
}

Result<SubjectAccessView> SubjectAccess::Get(const Context& context, const std::string& id) {
  AuditEvent event{"subject_access.read", "subject_access_request", id};
  SubjectAccessView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(LoadRequest(tx, context, id, event));
    out.subject = JIGSAW_TRY(LoadSubject(tx, r));
    if (out.subject.kind == domain::PersonKind::kChild) event.child_id = out.subject.id;
    out.held = JIGSAW_TRY(GatherHeld(tx, sealer_, out.subject));
    out.decisions = JIGSAW_TRY(tx.subject_access().Decisions(r.id));
    for (const auto& d : out.decisions) {
      auto p = JIGSAW_TRY(tx.practitioners().Find(d.decided_by));
      out.decided_by_names.push_back(p ? p->display_name : std::string());
    }
    out.summary = SummaryOf(std::move(r), out.subject);
    return Ok();
  }));
  return out;
}

Result<SubjectAccessSummary> SubjectAccess::Extend(const Context& context, const std::string& id, int months,
                                                   const std::string& reason_in) {
  AuditEvent event{"subject_access.extend", "subject_access_request", id};
  if (months < 1 || months > domain::kMaxExtensionMonths)
    return InvalidArgument("months", "Extend by one or two further months.");
  const std::string reason = JIGSAW_TRY(ReasonOf(reason_in, "Say why the request needs longer to answer."));
  const Time now = clock_.Now();
  SubjectAccessSummary out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(LoadRequest(tx, context, id, event));
    if (r.status != domain::SubjectAccessStatus::kOpen)
      return Fail(ErrorCode::kFailedPrecondition, "This request has already been answered.", "status");
    // Article 12(3): the requester is told of an extension, and why,
    // within the first month.
    if (domain::UkDate(now) > JIGSAW_TRY(domain::AddCalendarMonths(r.received_on, 1)))
      return Fail(ErrorCode::kFailedPrecondition,
                  "The deadline can only be extended within one month of receiving the request.", "months");
    if (months <= r.extension_months)
      return InvalidArgument("months", "The deadline is already extended by " + std::to_string(r.extension_months) +
                                           (r.extension_months == 1 ? " month." : " months."));
    r.extension_months = months;
    r.extension_reason = reason;
    r.extended_by = context.actor.practitioner_id;
    r.extended_at = now;
    JIGSAW_RETURN_IF_ERROR(tx.subject_access().UpdateExtension(r));
    const domain::Person subject = JIGSAW_TRY(LoadSubject(tx, r));
    out = SummaryOf(std::move(r), subject);
    return Ok();
  }));
  return out;
}

Result<domain::ExemptionDecision> SubjectAccess::Decide(const Context& context, const std::string& id,
                                                        const EntryDecision& in) {
  AuditEvent event{"subject_access.decide", "subject_access_request", id};
  if (in.choice == domain::ReleaseChoice::kWithhold && !in.exemption)
    return InvalidArgument("exemption", "Choose the exemption under which it is withheld.");
  const std::string reason = JIGSAW_TRY(ReasonOf(in.reason, "Say why you decided this."));
  domain::ExemptionDecision out{.id = NewId(),
                                .request_id = id,
                                .entry = in.entry,
                                .choice = in.choice,
                                .exemption = in.choice == domain::ReleaseChoice::kWithhold ? in.exemption : std::nullopt,
                                .reason = reason,
                                .decided_by = context.actor.practitioner_id,
                                .decided_at = clock_.Now()};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(LoadRequest(tx, context, id, event));
    if (r.status != domain::SubjectAccessStatus::kOpen)
      return Fail(ErrorCode::kFailedPrecondition, "This request has already been answered.", "status");
    const domain::Person subject = JIGSAW_TRY(LoadSubject(tx, r));
    const auto held = JIGSAW_TRY(GatherHeld(tx, sealer_, subject));
    if (std::none_of(held.begin(), held.end(), [&](const auto& e) { return e.key == in.entry; }))
      return InvalidArgument("entry", "That is not among what is held about this person.");
    return tx.subject_access().InsertDecision(out);
  }));
  return out;
}

Result<Release> SubjectAccess::ReleaseNow(const Context& context, const std::string& id) {
  AuditEvent event{"subject_access.release", "subject_access_request", id};
  Release out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(LoadRequest(tx, context, id, event));
    if (r.status != domain::SubjectAccessStatus::kOpen)
      return Fail(ErrorCode::kFailedPrecondition, "This request has already been answered.", "status");
    const domain::Person subject = JIGSAW_TRY(LoadSubject(tx, r));
    if (subject.kind == domain::PersonKind::kChild) event.child_id = subject.id;
    const auto decisions = JIGSAW_TRY(tx.subject_access().Decisions(r.id));
    const Time now = clock_.Now();
    out = Release{r.id, subject.FullName(), r.received_on, now, {}};
    std::size_t undecided = 0;
    for (auto& e : JIGSAW_TRY(GatherHeld(tx, sealer_, subject))) {
      const domain::ExemptionDecision* d = LatestDecision(decisions, e.key);
      if (!d && !e.may_apply.empty()) ++undecided;
      if (d && d->choice == domain::ReleaseChoice::kWithhold) continue;
      e.may_apply.clear();
      out.entries.push_back(std::move(e));
    }
    if (undecided > 0)
      return Fail(ErrorCode::kFailedPrecondition,
                  std::to_string(undecided) + (undecided == 1 ? " piece" : " pieces") +
                      " of what is held may fall under an exemption: decide on each before releasing.",
                  "decisions");
    r.released_by = context.actor.practitioner_id;
    r.released_at = now;
    r.status = domain::SubjectAccessStatus::kReleased;
    r.released_content = ToJson(out);
    return tx.subject_access().RecordRelease(r);
  }));
  return out;
}

Result<Release> SubjectAccess::Released(const Context& context, const std::string& id) {
  AuditEvent event{"subject_access.released", "subject_access_request", id};
  std::string content;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto r = JIGSAW_TRY(LoadRequest(tx, context, id, event));
    if (r.status != domain::SubjectAccessStatus::kReleased)
      return Fail(ErrorCode::kFailedPrecondition, "Nothing has been released for this request yet.", "status");
    content = std::move(r.released_content);
    return Ok();
  }));
  return ParseRelease(content);
}

}  // namespace jigsaw::service
