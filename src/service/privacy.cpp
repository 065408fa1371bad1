#include "service/privacy.h"

#include <algorithm>
#include <map>

#include "domain/case_management.h"
#include "service/retention.h"
#include "store/partnership_repository.h"

namespace jigsaw::service {
namespace {

// How long a concern about a child is kept, as a child would be told it.
std::string ForChildren(const domain::RetentionPeriod& p) {
  switch (p.trigger) {
    case domain::RetentionTrigger::kFromDateOfBirth:
      return "We keep it until you are " + std::to_string(p.years) + ".";
    case domain::RetentionTrigger::kFromLastActivity:
      return "We keep it for " + std::to_string(p.years) + " years after we last work with you.";
    case domain::RetentionTrigger::kFromCreation:
      break;
  }
  return "We keep it for " + std::to_string(p.years) + " years after we write it down.";
}

}  // namespace

Result<std::vector<domain::Organisation>> PrivacyInformation::Organisations() const {
  std::vector<domain::Organisation> out;
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    out = JIGSAW_TRY(tx.organisations().List());
    return Ok();
  }));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

Result<PrivacyNotice> PrivacyInformation::NoticeOf(const std::string& organisation_id) const {
  PrivacyNotice notice;
  domain::Schedule schedule;
  notice.today = domain::UkDate(clock_.Now());
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto organisation = JIGSAW_TRY(tx.organisations().Find(organisation_id));
    if (!organisation) return NotFound("There is no such organisation.");
    notice.organisation = std::move(*organisation);
    std::map<std::string, std::string> names;
    // An organisation that withholds its name from the partnership's
    // answers (a refuge) is not named in another's notice either: a
    // parent reading the school's notice is told only that it exists.
    const auto withheld = JIGSAW_TRY(tx.partnership().WithholdingOrganisations());
    for (const auto& o : JIGSAW_TRY(tx.organisations().List()))
      names[o.id] = withheld.contains(o.id) ? std::string("A support service that does not publish its name") : o.name;
    // Exactly the agreements in force today: not drafts, those awaiting a
    // signature, signed but not yet started, expired or withdrawn.
    for (auto& a : JIGSAW_TRY(tx.governance().AgreementsOf(organisation_id))) {
      if (domain::AgreementStateOn(a, notice.today) != domain::AgreementState::kActive) continue;
      PublishedSharing s{.agreement_id = a.id, .title = a.title, .purposes = a.purposes,
                         .data_categories = a.data_categories, .people_categories = a.people_categories,
                         .lawful_bases = a.lawful_bases, .article9_conditions = a.article9_conditions,
                         .frequency = a.frequency, .start_on = a.start_on, .end_on = a.end_on};
      for (const auto& id : a.party_organisation_ids)
        if (id != organisation_id) s.with.push_back(names.contains(id) ? names[id] : std::string("Another organisation"));
      notice.sharing.push_back(std::move(s));
    }
    for (const auto& p : JIGSAW_TRY(tx.practitioners().List(organisation_id)))
      if (!p.disabled && p.roles.Has(domain::Role::kDataProtectionOfficer)) notice.has_dpo = true;
    schedule = JIGSAW_TRY(LoadSchedule(tx, organisation_id));
    return Ok();
  }));
  for (const auto& s : notice.sharing) {
    for (auto b : s.lawful_bases)
      if (std::find(notice.lawful_bases.begin(), notice.lawful_bases.end(), b) == notice.lawful_bases.end())
        notice.lawful_bases.push_back(b);
    for (auto c : s.article9_conditions)
      if (std::find(notice.article9_conditions.begin(), notice.article9_conditions.end(), c) ==
          notice.article9_conditions.end())
        notice.article9_conditions.push_back(c);
  }
  std::sort(notice.lawful_bases.begin(), notice.lawful_bases.end());
  std::sort(notice.article9_conditions.begin(), notice.article9_conditions.end());
  // The organisation's own schedule, as its DPO set it: what it keeps is
  // what it tells people it keeps.
  notice.retention = domain::PublicSummary(schedule);
  notice.retention_for_children = ForChildren(domain::RuleFor(schedule, domain::RecordKind::kConcern).period);
  return notice;
}

}  // namespace jigsaw::service
