#include "service/partnership.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/random.h"
#include "service/casework.h"
#include "service/partnership_internal.h"
#include "service/restrictions.h"
#include "store/partnership_repository.h"

namespace jigsaw::service {

using access::Action;
using domain::PersonKind;

namespace {

Result<std::vector<DslContact>> Contacts(store::Transaction& tx, const std::string& organisation_id) {
  std::vector<DslContact> out;
  for (const auto& p : JIGSAW_TRY(partnership::DslsOf(tx, organisation_id))) out.push_back({p.display_name, p.username});
  return out;
}

Result<KnownBy> KnownByOf(store::Transaction& tx, const std::string& organisation_id) {
  auto org = JIGSAW_TRY(tx.organisations().Find(organisation_id));
  if (!org) return Internal("The partnership index names an organisation that is not recorded.");
  return KnownBy{*org, JIGSAW_TRY(Contacts(tx, organisation_id))};
}

// The best match of each other organisation: its holding of the child.
Result<std::vector<domain::LookupHolder>> Holders(store::Transaction& tx, const domain::Person& child) {
  domain::IndexEntry entry = partnership::EntryOf(child, child.created_at);
  const auto matches = JIGSAW_TRY(partnership::SamePerson(tx, entry, child.organisation_id));
  const auto withheld = JIGSAW_TRY(tx.partnership().WithholdingOrganisations());
  std::map<std::string, domain::LookupHolder> by_org;
  for (const auto& m : matches)
    if (!by_org.contains(m.organisation_id))
      by_org[m.organisation_id] = {m.organisation_id, m.person_id, !withheld.contains(m.organisation_id)};
  std::vector<domain::LookupHolder> out;
  for (auto& [org, holder] : by_org) out.push_back(std::move(holder));
  return out;
}

}  // namespace

Result<access::RecordFacts> Partnership::ActorFacts(store::Transaction& tx, const Context& context,
                                                    const std::string& organisation_id) const {
  access::RecordFacts facts{organisation_id, {}, {}, {}, {}};
  if (!context.actor.organisation_id.empty())
    if (auto own = JIGSAW_TRY(tx.organisations().Find(context.actor.organisation_id)))
      facts.actor_in_childrens_services = own->type == domain::OrganisationType::kChildrensServices;
  return facts;
}

Result<LookupView> Partnership::WhoElseKnows(const Context& context, const std::string& child_id) {
  AuditEvent event{"partnership.lookup", "person", child_id, domain::AuditOutcome::kAllowed, {}, "safeguarding"};
  LookupView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto child = JIGSAW_TRY(tx.casework().FindPerson(child_id));
    if (!child) return NotYours("child_id");
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kAskWhoElseKnows,
                                             JIGSAW_TRY(ActorFacts(tx, context, child->organisation_id))));
    if (child->kind != PersonKind::kChild)
      return InvalidArgument("child_id", "Ask who else knows a child; this person is recorded as a " +
                                             std::string(ToString(child->kind)) + ".");
    event.child_id = child->id;
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, child->organisation_id)).Check(child->id));
    const Time now = clock_.Now();
    domain::PartnershipLookup lookup{NewId(), child->id, child->organisation_id, context.actor.practitioner_id, now,
                                     JIGSAW_TRY(Holders(tx, *child))};
    JIGSAW_RETURN_IF_ERROR(tx.partnership().InsertLookup(lookup));
    // Every holder is told, named or not: it may know why the child is
    // being asked about, and may want to get in touch itself.
    for (const auto& h : lookup.holders)
      for (const auto& dsl : JIGSAW_TRY(partnership::DslsOf(tx, h.organisation_id)))
        JIGSAW_RETURN_IF_ERROR(Notify(tx, now, dsl.id, "partnership.lookup", "partnership_lookup", lookup.id));
    out.asker = true;
    out.child = *child;
    out.asked_from = JIGSAW_TRY(KnownByOf(tx, child->organisation_id)).organisation;
    for (const auto& h : lookup.holders)
      if (h.named) out.known_by.push_back(JIGSAW_TRY(KnownByOf(tx, h.organisation_id)));
    std::erase_if(lookup.holders, [](const auto& h) { return !h.named; });
    out.lookup = std::move(lookup);
    return Ok();
  }));
  return out;
}

Result<LookupView> Partnership::GetLookup(const Context& context, const std::string& id) {
  AuditEvent event{"partnership.lookup.view", "partnership_lookup", id};
  LookupView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    auto lookup = JIGSAW_TRY(tx.partnership().FindLookup(id));
    if (!lookup) return NotYours("id");
    auto facts = JIGSAW_TRY(ActorFacts(tx, context, lookup->organisation_id));
    facts.owner_id = lookup->asked_by;
    const auto holder = std::find_if(lookup->holders.begin(), lookup->holders.end(), [&](const auto& h) {
      return h.organisation_id == context.actor.organisation_id;
    });
    if (holder != lookup->holders.end()) facts.other_organisation_id = holder->organisation_id;
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewPartnershipLookup, facts));
    out.asker = lookup->organisation_id == context.actor.organisation_id;
    out.asked_from = JIGSAW_TRY(KnownByOf(tx, lookup->organisation_id)).organisation;
    if (auto asker = JIGSAW_TRY(tx.practitioners().Find(lookup->asked_by)))
      out.asked_by = {asker->display_name, asker->username};
    const std::string own_record = out.asker ? lookup->child_id : holder->person_id;
    auto child = JIGSAW_TRY(tx.casework().FindPerson(own_record));
    if (!child) return Internal("A lookup names a record that is missing.");
    JIGSAW_RETURN_IF_ERROR(JIGSAW_TRY(Withholding::Load(tx, context.actor, child->organisation_id)).Check(child->id));
    out.child = *child;
    event.child_id = child->id;
    if (out.asker) {
      std::erase_if(lookup->holders, [](const auto& h) { return !h.named; });
      for (const auto& h : lookup->holders) out.known_by.push_back(JIGSAW_TRY(KnownByOf(tx, h.organisation_id)));
    } else {
      // A holder sees its own part only: not who else was found.
      lookup->holders = {*holder};
    }
    out.lookup = std::move(*lookup);
    return Ok();
  }));
  return out;
}

Result<bool> Partnership::WithholdsName(const Context& context) {
  bool out = false;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(
        access::Authorise(context.actor, Action::kSetPartnershipVisibility, context.actor.organisation_id));
    out = JIGSAW_TRY(tx.partnership().WithholdingOrganisations()).contains(context.actor.organisation_id);
    return Ok();
  }));
  return out;
}

Status Partnership::SetWithholdName(const Context& context, bool withhold) {
  AuditEvent event{"partnership.visibility", "organisation", context.actor.organisation_id};
  return Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(
        access::Authorise(context.actor, Action::kSetPartnershipVisibility, context.actor.organisation_id));
    return tx.partnership().SetWithholdName(context.actor.organisation_id, withhold, context.actor.practitioner_id,
                                            clock_.Now());
  });
}

Result<std::vector<domain::RiskAlert>> Partnership::RiskAlerts(const Context& context) {
  AuditEvent event{"risk_alert.list", "organisation", context.actor.organisation_id};
  std::vector<domain::RiskAlert> out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewRiskAlerts,
                                             JIGSAW_TRY(ActorFacts(tx, context, context.actor.organisation_id))));
    out = JIGSAW_TRY(tx.partnership().RiskAlerts(200));
    return Ok();
  }));
  return out;
}

namespace {

// The alert's children, one per child however many records, each named as
// an organisation that gives its name recorded them.
Result<std::vector<RiskAlertView::Child>> AlertChildren(store::Transaction& tx, const domain::RiskAlert& alert,
                                                        const std::set<std::string>& withheld,
                                                        const std::string& viewer_organisation) {
  std::map<std::string, RiskAlertView::Child> by_key;
  std::map<std::string, std::set<std::string>> orgs_of;
  for (const auto& m : alert.members) {
    if (m.role != domain::RiskMemberRole::kChild) continue;
    RiskAlertView::Child& c = by_key[m.child_key];
    c.child_key = m.child_key;
    if (!orgs_of[m.child_key].insert(m.organisation_id).second) continue;
    // A record restricted at its organisation (Article 18) is not used to
    // name the child either: it counts as withheld.
    if (withheld.contains(m.organisation_id) || JIGSAW_TRY(AnyRestricted(tx, m.organisation_id, {m.person_id}))) {
      ++c.withheld_organisations;
      continue;
    }
    c.organisation_ids.push_back(m.organisation_id);
    if (m.organisation_id == viewer_organisation) c.own_person_id = m.person_id;
    if (c.name.empty() || m.organisation_id == viewer_organisation)
      if (auto e = JIGSAW_TRY(tx.partnership().FindEntry(m.person_id))) {
        c.name = e->given_name + " " + e->family_name;
        c.date_of_birth = e->date_of_birth;
      }
  }
  std::vector<RiskAlertView::Child> out;
  for (auto& [key, c] : by_key) {
    if (c.name.empty()) c.name = "A child known only to organisations that withhold their name";
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<RiskAlertView> Partnership::GetRiskAlert(const Context& context, const std::string& id) {
  AuditEvent event{"risk_alert.view", "risk_alert", id};
  RiskAlertView out;
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewRiskAlerts,
                                             JIGSAW_TRY(ActorFacts(tx, context, context.actor.organisation_id))));
    auto alert = JIGSAW_TRY(tx.partnership().FindRiskAlert(id));
    if (!alert) return NotYours("id");
    const auto withheld = JIGSAW_TRY(tx.partnership().WithholdingOrganisations());
    out.children = JIGSAW_TRY(AlertChildren(tx, *alert, withheld, context.actor.organisation_id));
    std::set<std::string> orgs;
    for (const auto& m : alert->members) {
      if (m.role == domain::RiskMemberRole::kLink) ++out.link_records;
      else orgs.insert(m.organisation_id);
    }
    for (const auto& o : orgs) {
      if (withheld.contains(o)) ++out.withheld_organisations;
      else out.organisations.push_back(JIGSAW_TRY(KnownByOf(tx, o)));
    }
    out.alert = std::move(*alert);
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
