// Keeping the partnership index up to date, matching in it, and finding
// children linked to the same risk (service/partnership.h).
#include <algorithm>
#include <map>
#include <set>

#include "common/random.h"
#include "linkage/model.h"
#include "linkage/normalise.h"
#include "service/casework.h"
#include "service/partnership.h"
#include "service/partnership_internal.h"
#include "service/restrictions.h"
#include "store/partnership_repository.h"

namespace jigsaw::service::partnership {

using domain::IndexEntry;
using domain::PersonKind;
using domain::RiskLink;

namespace {

bool Identifying(PersonKind kind) { return kind == PersonKind::kChild || kind == PersonKind::kAssociatedAdult; }

// The house: the first word of the folded address with a digit in it
// ("12" of "12 Mill Lane", "3a" of "Flat 3a"), else its first word.
std::string HouseOf(const std::string& address) {
  const std::string folded = linkage::NormaliseText(address);
  std::string first;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    const std::string word = folded.substr(start, end - start);
    if (first.empty()) first = word;
    if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) return word;
    start = end + 1;
  }
  return first;
}

linkage::Record RecordOf(const IndexEntry& e) {
  return {.id = e.person_id, .organisation = e.organisation_id, .given_name = e.given_name,
          .family_name = e.family_name, .date_of_birth = e.date_of_birth, .sex = linkage::Sex::kUnknown,
          .postcode = e.postcode, .address_line = e.address_line, .nhs_number = e.nhs_number, .upn = e.upn};
}

// The starting model of docs/linkage.md: the index is not trained on, so
// every server scores alike and a lookup does not depend on who was
// recorded before.
const linkage::Model& MatchModel() {
  static const linkage::Model model = linkage::Model::Defaults();
  return model;
}

// Union-find over person ids, the smallest id of a set naming it.
class Groups {
 public:
  void Join(const std::string& a, const std::string& b) {
    const std::string ra = Root(a), rb = Root(b);
    if (ra == rb) return;
    if (ra < rb) parent_[rb] = ra; else parent_[ra] = rb;
  }
  std::string Root(const std::string& x) {
    auto it = parent_.find(x);
    if (it == parent_.end()) {
      parent_[x] = x;
      return x;
    }
    if (it->second == x) return x;
    std::string root = Root(it->second);
    parent_[x] = root;
    return root;
  }

 private:
  std::map<std::string, std::string> parent_;
};

std::vector<std::string> Ids(const std::vector<IndexEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.person_id);
  return out;
}

// The children on the other side of a person's relationships.
Result<std::vector<IndexEntry>> RelatedChildren(store::Transaction& tx, const std::string& person_id) {
  std::vector<IndexEntry> out;
  for (const auto& r : JIGSAW_TRY(tx.casework().Relationships(person_id))) {
    const std::string& other = r.person_id == person_id ? r.related_person_id : r.person_id;
    auto e = JIGSAW_TRY(tx.partnership().FindEntry(other));
    if (e && e->kind == PersonKind::kChild) out.push_back(std::move(*e));
  }
  return out;
}

// Children at an address or with a phone number: those recorded with it,
// and the children of the others recorded with it (the links).
Result<std::pair<std::vector<IndexEntry>, std::vector<IndexEntry>>> ChildrenAround(store::Transaction& tx,
                                                                                  const std::vector<IndexEntry>& found) {
  std::vector<IndexEntry> children, links;
  for (const auto& e : found) {
    if (e.kind == PersonKind::kChild) {
      children.push_back(e);
      continue;
    }
    links.push_back(e);
    for (auto& c : JIGSAW_TRY(RelatedChildren(tx, e.person_id))) children.push_back(std::move(c));
  }
  return std::pair{std::move(children), std::move(links)};
}

// Siblings share a home and are named in one family's concerns: an address,
// a phone number or a concern links children of at least two families (by
// folded family name) before it is a network, not a household.
bool SeveralFamilies(const std::vector<IndexEntry>& children) {
  std::set<std::string> families;
  for (const auto& c : children) families.insert(c.family_key);
  return families.size() >= 2;
}

Result<std::vector<std::string>> ChildrensServicesDsls(store::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& o : JIGSAW_TRY(tx.organisations().List()))
    if (o.type == domain::OrganisationType::kChildrensServices)
      for (const auto& p : JIGSAW_TRY(DslsOf(tx, o.id))) out.push_back(p.id);
  return out;
}

bool SameMembers(const domain::RiskAlert& a, const std::vector<domain::RiskAlertMember>& members) {
  std::set<std::string> x, y;
  for (const auto& m : a.members) x.insert(m.person_id);
  for (const auto& m : members) y.insert(m.person_id);
  return x == y;
}

// The children found, each with every record of the same child in the
// index, as alert members; and how many children and organisations.
Result<std::vector<domain::RiskAlertMember>> ChildMembers(store::Transaction& tx, const std::vector<IndexEntry>& found,
                                                          int& children, int& organisations) {
  Groups groups;
  std::map<std::string, IndexEntry> all;
  for (const auto& c : found) {
    all[c.person_id] = c;
    groups.Root(c.person_id);
    for (auto& m : JIGSAW_TRY(SamePerson(tx, c, {}))) {
      groups.Join(c.person_id, m.person_id);
      all[m.person_id] = std::move(m);
    }
  }
  std::vector<domain::RiskAlertMember> out;
  std::set<std::string> keys, orgs;
  for (const auto& [id, e] : all) {
    const std::string key = groups.Root(id);
    keys.insert(key);
    orgs.insert(e.organisation_id);
    out.push_back({id, e.organisation_id, domain::RiskMemberRole::kChild, key});
  }
  children = static_cast<int>(keys.size());
  organisations = static_cast<int>(orgs.size());
  return out;
}

// Raises or widens the alert of one link when its children reach the
// thresholds, and tells the DSLs of children's services.
Status Alert(store::Transaction& tx, Time now, RiskLink link, const std::string& key,
             const std::vector<IndexEntry>& children, const std::vector<IndexEntry>& links) {
  if (children.size() < static_cast<std::size_t>(kRiskAlertChildren)) return Ok();
  int distinct = 0, organisations = 0;
  auto members = JIGSAW_TRY(ChildMembers(tx, children, distinct, organisations));
  if (distinct < kRiskAlertChildren || organisations < kRiskAlertOrganisations) return Ok();
  for (const auto& l : links)
    members.push_back({l.person_id, l.organisation_id, domain::RiskMemberRole::kLink, {}});
  auto existing = JIGSAW_TRY(tx.partnership().FindRiskAlertFor(link, key, Ids(links)));
  if (existing && SameMembers(*existing, members)) return Ok();
  domain::RiskAlert alert = existing.value_or(domain::RiskAlert{NewId(), link, key, 0, 0, now, now, {}});
  alert.children = distinct;
  alert.organisations = organisations;
  alert.updated_at = now;
  alert.members = std::move(members);
  JIGSAW_RETURN_IF_ERROR(tx.partnership().PutRiskAlert(alert));
  for (const auto& dsl : JIGSAW_TRY(ChildrensServicesDsls(tx)))
    JIGSAW_RETURN_IF_ERROR(Notify(tx, now, dsl, "risk.alert", "risk_alert", alert.id));
  return Ok();
}

Status AlertAdult(store::Transaction& tx, Time now, const IndexEntry& adult) {
  std::vector<IndexEntry> adults = JIGSAW_TRY(SamePerson(tx, adult, {}));
  adults.push_back(adult);
  std::vector<IndexEntry> children;
  for (const auto& a : adults)
    for (auto& c : JIGSAW_TRY(RelatedChildren(tx, a.person_id))) children.push_back(std::move(c));
  std::vector<std::string> ids = Ids(adults);
  return Alert(tx, now, RiskLink::kAdult, *std::min_element(ids.begin(), ids.end()), children, adults);
}

Status AlertPlace(store::Transaction& tx, Time now, RiskLink link, const std::string& key,
                  const std::vector<IndexEntry>& found) {
  auto [children, links] = JIGSAW_TRY(ChildrenAround(tx, found));
  if (!SeveralFamilies(children)) return Ok();
  return Alert(tx, now, link, key, children, links);
}

// Every risk a person's entry touches: as a risk adult, their address and
// their phone numbers.
class Evaluation {
 public:
  Evaluation(store::Transaction& tx, Time now) : tx_(tx), now_(now) {}

  Status Around(const IndexEntry& e) {
    if (!seen_people_.insert(e.person_id).second) return Ok();
    if (e.kind == PersonKind::kAssociatedAdult) JIGSAW_RETURN_IF_ERROR(AlertAdult(tx_, now_, e));
    if (!e.address_key.empty() && seen_keys_.insert("a:" + e.address_key).second)
      JIGSAW_RETURN_IF_ERROR(AlertPlace(tx_, now_, RiskLink::kAddress, e.address_key,
                                        JIGSAW_TRY(tx_.partnership().WithAddress(e.address_key))));
    for (const auto& phone : e.phone_keys)
      if (seen_keys_.insert("p:" + phone).second)
        JIGSAW_RETURN_IF_ERROR(
            AlertPlace(tx_, now_, RiskLink::kPhone, phone, JIGSAW_TRY(tx_.partnership().WithPhone(phone))));
    return Ok();
  }

  // The person, everyone related to them, and (for a child now known to
  // one more organisation) everyone related to the child's other records.
  Status AroundPerson(const std::string& person_id) {
    auto e = JIGSAW_TRY(tx_.partnership().FindEntry(person_id));
    if (!e) return Ok();
    std::vector<IndexEntry> records{*e};
    if (e->kind == PersonKind::kChild)
      for (auto& m : JIGSAW_TRY(SamePerson(tx_, *e, {}))) records.push_back(std::move(m));
    for (const auto& r : records) {
      JIGSAW_RETURN_IF_ERROR(Around(r));
      for (const auto& rel : JIGSAW_TRY(tx_.casework().Relationships(r.person_id))) {
        const std::string& other = rel.person_id == r.person_id ? rel.related_person_id : rel.person_id;
        if (auto o = JIGSAW_TRY(tx_.partnership().FindEntry(other))) JIGSAW_RETURN_IF_ERROR(Around(*o));
      }
    }
    return Ok();
  }

 private:
  store::Transaction& tx_;
  Time now_;
  std::set<std::string> seen_people_, seen_keys_;
};

}  // namespace

std::string AddressKey(const std::string& postcode, const std::string& address) {
  if (postcode.empty() || address.empty()) return {};
  const std::string house = HouseOf(address);
  if (house.empty()) return {};
  return domain::NormalisePostcode(postcode) + "|" + house;
}

std::string PhoneKey(const std::string& phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.starts_with("0044")) digits.replace(0, 4, "0");
  else if (digits.starts_with("44") && digits.size() == 12) digits.replace(0, 2, "0");
  return digits.size() >= 10 ? digits : std::string();
}

IndexEntry EntryOf(const domain::Person& p, Time now) {
  IndexEntry e;
  e.person_id = p.id;
  e.organisation_id = p.organisation_id;
  e.kind = p.kind;
  if (Identifying(p.kind)) {
    e.given_name = p.given_name;
    e.family_name = p.family_name;
    e.date_of_birth = p.date_of_birth;
    e.postcode = p.postcode;
    e.address_line = p.address;
    e.nhs_number = p.nhs_number;
    e.upn = p.upn;
    e.family_key = linkage::NormaliseText(p.family_name);
  }
  e.address_key = AddressKey(p.postcode, p.address);
  for (const auto& phone : p.phone_numbers)
    if (std::string k = PhoneKey(phone); !k.empty() && std::find(e.phone_keys.begin(), e.phone_keys.end(), k) == e.phone_keys.end())
      e.phone_keys.push_back(std::move(k));
  e.updated_at = now;
  return e;
}

Result<std::vector<IndexEntry>> SamePerson(store::Transaction& tx, const IndexEntry& e,
                                           const std::string& exclude_organisation_id) {
  if (!Identifying(e.kind)) return std::vector<IndexEntry>{};
  store::IndexCandidatesQuery q{exclude_organisation_id, e.kind, e.date_of_birth, e.nhs_number, e.upn, e.family_key};
  const linkage::Record record = RecordOf(e);
  std::vector<IndexEntry> out;
  for (auto& c : JIGSAW_TRY(tx.partnership().Candidates(q))) {
    if (c.person_id == e.person_id) continue;
    // A record under a restriction of processing (UK GDPR Article 18) is
    // kept but not used: it answers no one's lookup or matching.
    if (JIGSAW_TRY(AnyRestricted(tx, c.organisation_id, {c.person_id}))) continue;
    if (MatchModel().Score(record, RecordOf(c)).probability >= kSamePersonProbability) out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<domain::Practitioner>> DslsOf(store::Transaction& tx, const std::string& organisation_id) {
  std::vector<domain::Practitioner> out;
  for (auto& p : JIGSAW_TRY(tx.practitioners().List(organisation_id)))
    if (!p.disabled && p.roles.Has(domain::Role::kDesignatedSafeguardingLead)) out.push_back(std::move(p));
  return out;
}

}  // namespace jigsaw::service::partnership

namespace jigsaw::service {

using domain::IndexEntry;
using domain::PersonKind;
using domain::RiskLink;

Status IndexPeople(store::Transaction& tx, Time now, const std::vector<std::string>& person_ids) {
  for (const auto& id : person_ids)
    if (auto p = JIGSAW_TRY(tx.casework().FindPerson(id)))
      JIGSAW_RETURN_IF_ERROR(tx.partnership().PutEntry(partnership::EntryOf(*p, now)));
  partnership::Evaluation evaluation(tx, now);
  for (const auto& id : person_ids) JIGSAW_RETURN_IF_ERROR(evaluation.AroundPerson(id));
  return Ok();
}

Status IndexConcern(store::Transaction& tx, Time now, const std::string& concern_id) {
  auto concern = JIGSAW_TRY(tx.casework().FindConcern(concern_id));
  if (!concern) return Ok();
  std::set<std::string> named{concern->child_id};
  for (const auto& item : JIGSAW_TRY(tx.casework().ItemsOfConcern(concern_id)))
    named.insert(item.identifies.begin(), item.identifies.end());
  std::vector<IndexEntry> children;
  for (const auto& id : named)
    if (auto e = JIGSAW_TRY(tx.partnership().FindEntry(id)); e && e->kind == PersonKind::kChild) children.push_back(*e);
  if (!partnership::SeveralFamilies(children)) return Ok();
  return partnership::Alert(tx, now, RiskLink::kConcern, concern_id, children, {});
}

}  // namespace jigsaw::service
