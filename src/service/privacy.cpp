#include "service/privacy.h"

#include <algorithm>
#include <map>

#include "domain/case_management.h"

namespace jigsaw::service {
namespace {

using domain::OrganisationType;

// How long an organisation of each type usually keeps safeguarding records,
// in plain English, and where the period comes from. Jigsaw holds no
// retention schedule of an organisation's own yet, so its notice states the
// usual period for its type and says so.
struct Retention {
  std::string_view summary;
  std::string_view source;
  std::string_view for_children;
};

Retention RetentionFor(OrganisationType type) {
  switch (type) {
    case OrganisationType::kSchool:
    case OrganisationType::kCollege:
    case OrganisationType::kEarlyYears:
      return {"We keep safeguarding records until the child is 25. If the child moves to another school or college, "
              "we send the records to it, and it keeps them.",
              "the Information and Records Management Society's retention guidelines for schools",
              "We keep it until you are 25. If you move school, we send it to your new school."};
    case OrganisationType::kGpPractice:
      return {"Safeguarding information is part of the health record, which we keep for as long as you are our "
              "patient and for 10 years after death.",
              "the NHS Records Management Code of Practice", "It stays in your health record with us."};
    case OrganisationType::kNhsTrust:
      return {"We keep children's health records, with their safeguarding information, until the child is 25 (or 26 "
              "if they were 17 when their treatment ended).",
              "the NHS Records Management Code of Practice", "We keep it until you are 25."};
    case OrganisationType::kPolice:
      return {"We review what we hold at least every 10 years and keep it only while it is needed for policing "
              "purposes. Information about the protection of children may be kept for longer.",
              "the College of Policing's guidance on the Management of Police Information (MoPI)",
              "We check it at least every 10 years. We keep it only while we need it."};
    case OrganisationType::kChildrensServices:
      return {"We keep children's social care records until the child is 25. Records of children we have looked "
              "after are kept until they are 75.",
              "the Care Planning, Placement and Case Review (England) Regulations 2010 and local authority retention "
              "guidance",
              "We keep it until you are 25. If you have been in care, we keep it until you are 75."};
    case OrganisationType::kProbation:
    case OrganisationType::kYouthJustice:
      return {"We keep records for 6 years after our work with someone ends, or until the child is 25 if that is "
              "later.",
              "the Ministry of Justice's records retention schedules",
              "We keep it for 6 years after we stop working with you, or until you are 25."};
    case OrganisationType::kEarlyHelp:
      return {"We keep early help records until the child is 25.", "local authority retention guidance", "We keep it until you are 25."};
    case OrganisationType::kVoluntary:
    case OrganisationType::kPrivate:
    case OrganisationType::kOther:
      break;
  }
  return {"We keep safeguarding records until the child is 25, and no longer than we need them.",
          "the usual period for safeguarding records about children", "We keep it until you are 25."};
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
  notice.today = domain::UkDate(clock_.Now());
  JIGSAW_RETURN_IF_ERROR(store_.Read([&](store::Transaction& tx) -> Status {
    auto organisation = JIGSAW_TRY(tx.organisations().Find(organisation_id));
    if (!organisation) return NotFound("There is no such organisation.");
    notice.organisation = std::move(*organisation);
    std::map<std::string, std::string> names;
    for (const auto& o : JIGSAW_TRY(tx.organisations().List())) names[o.id] = o.name;
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
  const Retention retention = RetentionFor(notice.organisation.type);
  notice.retention = retention.summary;
  notice.retention_source = retention.source;
  notice.retention_for_children = retention.for_children;
  return notice;
}

}  // namespace jigsaw::service
