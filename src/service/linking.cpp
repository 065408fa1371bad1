#include "service/linking.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <tuple>

#include "common/random.h"
#include "linkage/comparison.h"
#include "linkage/model.h"
#include "linkage/normalise.h"
#include "redaction/redactor.h"
#include "service/casework.h"
#include "service/restrictions.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;
using domain::MatchStatus;
using domain::MatchSubject;
using domain::Person;
using domain::RecordMatch;

namespace {

// Enough for the children of any one organisation: matching reads them all.
constexpr std::size_t kMaxChildren = 200'000;

// A detail the sharer withheld is not known, not a value to compare.
std::string Known(const std::string& value) {
  if (value.find(redaction::kDetailWithheld) != std::string::npos ||
      value.find(redaction::kNameWithheld) != std::string::npos)
    return {};
  return value;
}

linkage::Record RecordOf(const Person& p) {
  return {.id = p.id,
          .organisation = p.organisation_id,
          .given_name = p.given_name,
          .family_name = p.family_name,
          .date_of_birth = p.date_of_birth,
          .sex = linkage::Sex::kUnknown,
          .postcode = p.postcode,
          .address_line = p.address,
          .nhs_number = p.nhs_number,
          .upn = p.upn};
}

linkage::Record RecordOf(const RecipientView::Child& c, const std::string& id) {
  return {.id = id,
          .organisation = {},
          .given_name = Known(c.given_name),
          .family_name = Known(c.family_name),
          .date_of_birth = Known(c.date_of_birth),
          .sex = linkage::Sex::kUnknown,
          .postcode = Known(c.postcode),
          .address_line = Known(c.address),
          .nhs_number = Known(c.nhs_number),
          .upn = Known(c.upn)};
}

std::uint8_t LevelOf(const linkage::Explanation& e, linkage::Field field) {
  return e.fields[static_cast<std::size_t>(field)].level;
}

// The one case that needs no review: the same valid NHS number (its check
// digit holds on both) and the same date of birth.
bool LinksWithoutReview(const linkage::Explanation& e) {
  using linkage::Field;
  return LevelOf(e, Field::kNhsNumber) == static_cast<std::uint8_t>(linkage::IdentifierLevel::kSameValid) &&
         LevelOf(e, Field::kDateOfBirth) == static_cast<std::uint8_t>(linkage::DateOfBirthLevel::kExact);
}

RecordMatch MatchOf(const linkage::Explanation& e, const std::string& organisation_id, MatchSubject subject,
                    const std::string& subject_id, const std::string& person_id, Time now) {
  RecordMatch m{.id = NewId(),
                .organisation_id = organisation_id,
                .subject = subject,
                .subject_id = subject_id,
                .person_id = person_id,
                .probability = e.probability,
                .match_weight = e.match_weight,
                .prior_weight = e.prior_weight,
                .relative_term = e.relative_term,
                .created_at = now};
  for (const auto& f : e.fields)
    m.evidence.push_back({std::string(linkage::FieldName(f.field)), std::string(f.level_name), f.weight});
  if (LinksWithoutReview(e)) {
    m.status = MatchStatus::kLinkedAutomatically;
    m.decided_at = now;
  }
  return m;
}

// The organisation's records of children, but `except`.
Result<std::vector<Person>> ChildrenOf(store::Transaction& tx, const std::string& organisation_id,
                                       const std::string& except) {
  auto people = JIGSAW_TRY(tx.casework().SearchPeople(organisation_id, "", kMaxChildren));
  // A restricted child's record is kept but not used (UK GDPR Article 18):
  // it is offered for no match.
  const auto withholding = JIGSAW_TRY(Withholding::FromEveryone(tx, organisation_id));
  std::erase_if(people, [&](const Person& p) {
    return p.kind != domain::PersonKind::kChild || p.id == except || withholding.Withholds(p.id);
  });
  return people;
}

// Scores `record` against every child of the organisation and records (and
// audits) each pair worth a person's look.
Status Suggest(store::Transaction& tx, const AuditTrail& trail, const Context& context, const linkage::Record& record,
               MatchSubject subject, const std::string& organisation_id, Time now) {
  const auto children = JIGSAW_TRY(ChildrenOf(tx, organisation_id, record.id));
  if (children.empty()) return Ok();
  // The documented starting model, its priors sized to the organisation:
  // one organisation's records are too few to train on (docs/linkage.md).
  const linkage::Model model = linkage::Model::Defaults(children.size() + 1);
  for (const Person& child : children) {
    const linkage::Explanation e = model.Score(record, RecordOf(child));
    if (e.probability < kSuggestionFloor && !LinksWithoutReview(e)) continue;
    const RecordMatch m = MatchOf(e, organisation_id, subject, record.id, child.id, now);
    if (!JIGSAW_TRY(tx.linking().InsertMatch(m))) continue;
    const std::string_view action =
        m.status == MatchStatus::kLinkedAutomatically ? "match.link_automatically" : "match.suggest";
    JIGSAW_RETURN_IF_ERROR(
        trail.Append(tx, context, {action, "match", m.id, domain::AuditOutcome::kAllowed, child.id, {}}));
    // The person whose action found it is told, so the match reaches someone
    // who can decide (or undo an automatic link).
    JIGSAW_RETURN_IF_ERROR(Notify(tx, now, context.actor.practitioner_id,
                                  m.status == MatchStatus::kSuggested ? "match.suggested" : "match.linked", "match",
                                  m.id));
  }
  return Ok();
}

// A recalled disclosure is no longer the recipient's to open or link.
RecordFacts DisclosureFacts(const domain::Disclosure& d) { return access::FactsOf(d); }

std::string DateOf(Time t) { return FormatRfc3339(t).substr(0, 10); }

Result<std::map<std::string, std::string>> NamesOfOrganisations(store::Transaction& tx) {
  std::map<std::string, std::string> names;
  for (const auto& o : JIGSAW_TRY(tx.organisations().List())) names[o.id] = o.name;
  return names;
}

// Opens a disclosure the actor may read as its recipient; nullopt if they may not.
Result<std::optional<std::pair<domain::Disclosure, RecipientView>>> OpenReceived(store::Transaction& tx,
                                                                                  const access::Actor& actor,
                                                                                  const access::Sealer& sealer,
                                                                                  const std::string& id) {
  auto d = JIGSAW_TRY(tx.casework().FindDisclosure(id));
  if (!d || d->recipient_organisation_id != actor.organisation_id) return std::nullopt;
  if (!access::Authorise(actor, Action::kReceiveDisclosure, DisclosureFacts(*d))) return std::nullopt;
  const std::string json = JIGSAW_TRY(sealer.Open(d->sealed_content, d->id, d->recipient_organisation_id));
  RecipientView view = JIGSAW_TRY(ParseRecipientView(json));
  return std::make_pair(std::move(*d), std::move(view));
}

// Both records of a match, or nullopt if it is about a disclosure the
// actor may not open.
Result<std::optional<MatchView>> ViewOf(store::Transaction& tx, const access::Actor& actor,
                                        const access::Sealer& sealer, const RecordMatch& m,
                                        const std::map<std::string, std::string>& names) {
  MatchView v;
  v.match = m;
  auto person = JIGSAW_TRY(tx.casework().FindPerson(m.person_id));
  if (!person) return Internal("A match names a person missing from the records.");
  v.person = *person;
  if (m.subject == MatchSubject::kPerson) {
    v.other_person = JIGSAW_TRY(tx.casework().FindPerson(m.subject_id));
    if (!v.other_person) return Internal("A match names a person missing from the records.");
    return v;
  }
  auto opened = JIGSAW_TRY(OpenReceived(tx, actor, sealer, m.subject_id));
  if (!opened) return std::nullopt;
  v.received = opened->second.child;
  if (auto it = names.find(opened->first.sharer_organisation_id); it != names.end()) v.source_organisation = it->second;
  v.received_at = opened->first.created_at;
  return v;
}

// Loads a match of the actor's organisation that they may act on.
Result<RecordMatch> OwnMatch(store::Transaction& tx, const access::Actor& actor, const std::string& id) {
  auto m = JIGSAW_TRY(tx.linking().FindMatch(id));
  if (!m) return NotYours("id");
  JIGSAW_RETURN_IF_ERROR(access::Authorise(actor, Action::kLinkRecords, RecordFacts{m->organisation_id, {}, {}, {}, {}}));
  return *m;
}

}  // namespace

Status SuggestMatchesForChild(store::Transaction& tx, const AuditTrail& trail, const Context& context,
                              const Person& child, Time now) {
  if (child.kind != domain::PersonKind::kChild) return Ok();
  return Suggest(tx, trail, context, RecordOf(child), MatchSubject::kPerson, child.organisation_id, now);
}

Status SuggestMatchesForDisclosure(store::Transaction& tx, const AuditTrail& trail, const Context& context,
                                   const domain::Disclosure& disclosure, const RecipientView::Child& child,
                                   Time now) {
  return Suggest(tx, trail, context, RecordOf(child, disclosure.id), MatchSubject::kDisclosure,
                 disclosure.recipient_organisation_id, now);
}

Result<std::vector<MatchView>> Linking::Suggestions(const Context& context) {
  AuditEvent event{"match.list", "organisation", context.actor.organisation_id};
  std::vector<MatchView> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kLinkRecords,
                                             RecordFacts{context.actor.organisation_id, {}, {}, {}, {}}));
    const auto names = JIGSAW_TRY(NamesOfOrganisations(tx));
    for (const auto& m : JIGSAW_TRY(tx.linking().MatchesOf(context.actor.organisation_id, MatchStatus::kSuggested, 100)))
      if (auto v = JIGSAW_TRY(ViewOf(tx, context.actor, sealer_, m, names))) out.push_back(std::move(*v));
    return Ok();
  }));
  return out;
}

Result<MatchView> Linking::GetMatch(const Context& context, const std::string& match_id) {
  AuditEvent event{"match.view", "match", match_id};
  MatchView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const RecordMatch m = JIGSAW_TRY(OwnMatch(tx, context.actor, match_id));
    event.child_id = m.person_id;
    auto v = JIGSAW_TRY(ViewOf(tx, context.actor, sealer_, m, JIGSAW_TRY(NamesOfOrganisations(tx))));
    if (!v) return NotYours("id");
    out = std::move(*v);
    return Ok();
  }));
  return out;
}

Result<RecordMatch> Linking::Confirm(const Context& context, const std::string& match_id) {
  return Decide(context, match_id, Decision::kConfirm);
}
Result<RecordMatch> Linking::Reject(const Context& context, const std::string& match_id) {
  return Decide(context, match_id, Decision::kReject);
}
Result<RecordMatch> Linking::Unlink(const Context& context, const std::string& match_id) {
  return Decide(context, match_id, Decision::kUnlink);
}

Result<RecordMatch> Linking::Decide(const Context& context, const std::string& match_id, Decision decision) {
  const std::string_view action = decision == Decision::kConfirm  ? "match.confirm"
                                  : decision == Decision::kReject ? "match.reject"
                                                                  : "match.unlink";
  AuditEvent event{action, "match", match_id};
  RecordMatch out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    RecordMatch m = JIGSAW_TRY(OwnMatch(tx, context.actor, match_id));
    event.child_id = m.person_id;
    // A match about a disclosure is decided only by someone who may read it.
    if (m.subject == MatchSubject::kDisclosure &&
        !JIGSAW_TRY(OpenReceived(tx, context.actor, sealer_, m.subject_id)))
      return NotYours("id");
    const Time now = clock_.Now();
    switch (decision) {
      case Decision::kConfirm:
        if (domain::IsLinked(m.status))
          return Fail(ErrorCode::kFailedPrecondition, "These records are linked already.", "status");
        m.status = MatchStatus::kConfirmed;
        m.decided_by = context.actor.practitioner_id;
        m.decided_at = now;
        m.unlinked_by.clear();
        m.unlinked_at = Time{};
        break;
      case Decision::kReject:
        if (m.status != MatchStatus::kSuggested)
          return Fail(ErrorCode::kFailedPrecondition, "This match has been decided already.", "status");
        m.status = MatchStatus::kRejected;
        m.decided_by = context.actor.practitioner_id;
        m.decided_at = now;
        break;
      case Decision::kUnlink:
        if (!domain::IsLinked(m.status))
          return Fail(ErrorCode::kFailedPrecondition, "These records are not linked.", "status");
        m.status = MatchStatus::kUnlinked;
        m.unlinked_by = context.actor.practitioner_id;
        m.unlinked_at = now;
        break;
    }
    JIGSAW_RETURN_IF_ERROR(tx.linking().UpdateMatch(m));
    out = m;
    return Ok();
  }));
  return out;
}

namespace {

// Words of a text, folded, for telling two reports of one event.
std::set<std::string> Words(const std::string& text) {
  std::set<std::string> words;
  std::istringstream in(linkage::NormaliseText(text));
  for (std::string w; in >> w;) words.insert(w);
  return words;
}

// Two reports of the same event: the same day, from two agencies, in much
// the same words (Dice coefficient of their word sets at least 0.6).
bool SameEvent(const PictureRow& a, const std::set<std::string>& wa, const PictureRow& b,
               const std::set<std::string>& wb) {
  if (a.date != b.date || a.organisation == b.organisation || wa.empty() || wb.empty()) return false;
  std::size_t common = 0;
  for (const auto& w : wa) common += wb.count(w);
  return 2.0 * static_cast<double>(common) / static_cast<double>(wa.size() + wb.size()) >= 0.6;
}

// Date order, with the reports of one event together (at the first's place).
void OrderAndGroup(std::vector<PictureRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& x, const auto& y) { return std::tie(x.date, x.at) < std::tie(y.date, y.at); });
  std::vector<std::set<std::string>> words(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (rows[i].kind == PictureRowKind::kReceivedItem) words[i] = Words(rows[i].what);
  std::vector<std::size_t> first(rows.size());
  std::iota(first.begin(), first.end(), 0);
  int groups = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (words[i].empty() || first[i] != i) continue;
    for (std::size_t j = i + 1; j < rows.size(); ++j) {
      if (first[j] != j || !SameEvent(rows[i], words[i], rows[j], words[j])) continue;
      if (rows[i].same_event < 0) rows[i].same_event = groups++;
      rows[j].same_event = rows[i].same_event;
      first[j] = i;
    }
  }
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return first[x] < first[y]; });
  std::vector<PictureRow> sorted;
  sorted.reserve(rows.size());
  for (std::size_t i : order) sorted.push_back(std::move(rows[i]));
  rows = std::move(sorted);
}

// The rows a linked disclosure adds: the concern it came from, each item,
// and the feedback the recipient gave.
Status AppendReceived(store::Transaction& tx, const access::Actor& actor, const domain::Disclosure& d,
                      const RecipientView& view, const std::map<std::string, std::string>& names,
                      std::vector<PictureRow>& rows) {
  const auto name = [&](const std::string& id) {
    auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
  };
  const std::string sharer = name(d.sharer_organisation_id);
  if (view.concern) {
    std::string forms;
    for (auto f : view.concern->forms) forms += (forms.empty() ? "" : ",") + std::string(ToString(f));
    rows.push_back({.date = DateOf(d.created_at), .at = d.created_at, .kind = PictureRowKind::kReceivedConcern,
                    .organisation = sharer, .what = std::string(ToString(view.concern->level)), .note = forms,
                    .accuracy = domain::Accuracy::kVerified, .object_type = "disclosure", .object_id = d.id});
  }
  for (const auto& item : view.items)
    rows.push_back({.date = item.date.empty() ? DateOf(d.created_at) : item.date, .at = d.created_at,
                    .kind = PictureRowKind::kReceivedItem, .organisation = sharer, .what = item.text,
                    .note = item.source, .accuracy = item.accuracy, .object_type = "disclosure", .object_id = d.id});
  for (const auto& f : JIGSAW_TRY(tx.casework().FeedbackOn(d.id)))
    rows.push_back({.date = DateOf(f.created_at), .at = f.created_at, .kind = PictureRowKind::kFeedback,
                    .organisation = name(f.organisation_id), .own = f.organisation_id == actor.organisation_id,
                    .what = std::string(ToString(f.action)), .note = f.note, .accuracy = domain::Accuracy::kVerified,
                    .object_type = "disclosure", .object_id = d.id});
  return Ok();
}

}  // namespace

Result<Picture> Linking::PictureOf(const Context& context, const std::string& child_id) {
  AuditEvent event{"child.picture", "person", child_id};
  Picture out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto& a = context.actor;
    auto child = JIGSAW_TRY(tx.casework().FindPerson(child_id));
    if (!child) return NotYours("id");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(a, Action::kViewPeople, RecordFacts{child->organisation_id, {}, {}, {}, {}}));
    event.child_id = child->id;
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, a, child->organisation_id)).Check(child->id));
    out.child = *child;
    const auto names = JIGSAW_TRY(NamesOfOrganisations(tx));
    const std::string own_name = names.contains(a.organisation_id) ? names.at(a.organisation_id) : std::string();

    // The organisation's own records of the child: this one and those linked to it.
    std::set<std::string> own_records{child->id};
    std::vector<std::string> disclosures;
    for (const auto& m : JIGSAW_TRY(tx.linking().MatchesAbout(child->organisation_id, child->id))) {
      if (m.status == MatchStatus::kSuggested || domain::IsLinked(m.status))
        if (auto v = JIGSAW_TRY(ViewOf(tx, a, sealer_, m, names))) out.matches.push_back(std::move(*v));
      if (!domain::IsLinked(m.status)) continue;
      if (m.subject == MatchSubject::kDisclosure) disclosures.push_back(m.subject_id);
      else own_records.insert(m.person_id == child->id ? m.subject_id : m.person_id);
    }
    std::vector<ChronologyEntry> own;
    for (const auto& id : own_records) {
      auto record = JIGSAW_TRY(tx.casework().FindPerson(id));
      if (record) JIGSAW_RETURN_IF_ERROR(AppendOwnChronology(tx, a, *record, own));
    }
    for (const auto& e : own)
      out.rows.push_back({.date = DateOf(e.at), .at = e.at, .kind = PictureRowKind::kOwnEvent, .own_kind = e.kind,
                          .organisation = own_name, .own = true, .what = e.detail, .note = e.who,
                          .accuracy = domain::Accuracy::kVerified, .object_type = e.object_type,
                          .object_id = e.object_id});
    // Every disclosure received about the child that the viewer may read.
    std::set<std::string> seen;
    for (const auto& id : disclosures) {
      if (!seen.insert(id).second) continue;
      auto opened = JIGSAW_TRY(OpenReceived(tx, a, sealer_, id));
      if (opened) JIGSAW_RETURN_IF_ERROR(AppendReceived(tx, a, opened->first, opened->second, names, out.rows));
    }
    OrderAndGroup(out.rows);
    out.agencies.push_back(own_name);
    for (const auto& r : out.rows)
      if (std::find(out.agencies.begin(), out.agencies.end(), r.organisation) == out.agencies.end())
        out.agencies.push_back(r.organisation);
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
