#include "app/demo.h"

#include "access/totp.h"

namespace jigsaw::app {
namespace {

using domain::OrganisationType;
using domain::Role;
using domain::Sector;

struct DemoOrganisation {
  std::string_view key;  // the username prefix
  std::string_view name;
  OrganisationType type;
  Sector sector;
  bool competent_authority;
};

constexpr DemoOrganisation kOrganisations[] = {
    {"primary", "Brackenford Primary School (demo)", OrganisationType::kSchool, Sector::kPublic, false},
    {"academy", "Brackenford Academy (demo)", OrganisationType::kSchool, Sector::kPublic, false},
    {"gp", "Millbrook Surgery (demo)", OrganisationType::kGpPractice, Sector::kPublic, false},
    {"nhs", "Brackenford NHS Foundation Trust (demo)", OrganisationType::kNhsTrust, Sector::kPublic, false},
    {"police", "Brackenford Constabulary (demo)", OrganisationType::kPolice, Sector::kPublic, true},
    {"csc", "Brackenford Council Children's Services (demo)", OrganisationType::kChildrensServices, Sector::kPublic, false},
    {"earlyhelp", "Brackenford Early Help (demo)", OrganisationType::kEarlyHelp, Sector::kPublic, false},
    {"charity", "Hearthside Families Charity (demo)", OrganisationType::kVoluntary, Sector::kVoluntary, false},
};

struct DemoPerson {
  std::string_view org_key;
  std::string_view suffix;  // username = key + "." + suffix
  std::string_view name;
  std::initializer_list<Role> roles;
};

const DemoPerson kPeople[] = {
    {"primary", "teacher", "Ada Fernsby", {Role::kPractitioner}},
    {"primary", "dsl", "Bryn Ashcombe", {Role::kDesignatedSafeguardingLead}},
    {"academy", "teacher", "Cara Holloway", {Role::kPractitioner}},
    {"academy", "dsl", "Dev Marlowe", {Role::kDesignatedSafeguardingLead}},
    {"gp", "doctor", "Dr Esme Quill", {Role::kPractitioner}},
    {"gp", "dsl", "Dr Farid Lune", {Role::kDesignatedSafeguardingLead, Role::kCaldicottGuardian}},
    {"nhs", "nurse", "Gwen Pellow", {Role::kPractitioner}},
    {"nhs", "dsl", "Hari Stroud", {Role::kDesignatedSafeguardingLead}},
    {"police", "officer", "PC Ivo Brant", {Role::kPractitioner}},
    {"police", "dsl", "DS Jun Ashdown", {Role::kDesignatedSafeguardingLead}},
    {"csc", "socialworker", "Kemi Thorne", {Role::kPractitioner}},
    {"csc", "dsl", "Lars Wendell", {Role::kDesignatedSafeguardingLead, Role::kSeniorLeader}},
    {"csc", "dpo", "Mina Okafor-Vale", {Role::kDataProtectionOfficer}},
    {"csc", "admin", "Nell Partner-Admin", {Role::kAdministrator}},
    {"earlyhelp", "worker", "Ola Brightwater", {Role::kPractitioner}},
    {"earlyhelp", "dsl", "Pip Harrowgate", {Role::kDesignatedSafeguardingLead}},
    {"charity", "youthworker", "Quinn Mossley", {Role::kPractitioner}},
    {"charity", "dsl", "Rae Tillingham", {Role::kDesignatedSafeguardingLead}},
};

std::string Username(const DemoPerson& p) {
  return std::string(p.org_key) + "." + std::string(p.suffix) + "@demo.jigsaw";
}

std::string_view OrganisationName(std::string_view key) {
  for (const auto& o : kOrganisations)
    if (o.key == key) return o.name;
  return {};
}

}  // namespace

Result<bool> LoadDemoPartnership(service::Administration& admin, service::Accounts& accounts) {
  const auto op = service::Context::Operator("demo");
  if (!JIGSAW_TRY(admin.ListOrganisations(op)).empty()) return false;
  std::map<std::string_view, std::string> ids;
  for (const auto& o : kOrganisations) {
    auto added = JIGSAW_TRY(admin.AddOrganisation(
        op, {std::string(o.name), o.type, o.sector, o.competent_authority}));
    ids[o.key] = added.id;
  }
  const Bytes secret = *access::Base32Decode(kDemoTotpSecret);
  for (const auto& p : kPeople) {
    auto added = JIGSAW_TRY(admin.AddPractitioner(op, {ids[p.org_key], Username(p), std::string(p.name),
                                                       domain::RoleSet(p.roles), std::string(kDemoPassword)}));
    JIGSAW_RETURN_IF_ERROR(accounts.EnrolAuthenticator(op, added.id, secret));
  }
  return true;
}

namespace {

// The signed-in context of a demo account, as the pages would give it.
Result<service::Context> ContextOf(service::Administration& admin, const std::string& username) {
  for (const auto& p : JIGSAW_TRY(admin.ListPractitioners(service::Context::Operator("demo"), std::nullopt)))
    if (p.username == username) return service::Context{access::Actor{p.id, p.organisation_id, p.roles, false}, "demo"};
  return NotFound("No demo account " + username);
}

// The same date a year later ("2026-12-01" -> "2027-12-01"); 29 February
// becomes 1 March.
std::string YearAfter(const std::string& today) {
  const int year = std::stoi(today.substr(0, 4)) + 1;
  std::string out = std::to_string(year) + today.substr(4);
  if (out.ends_with("-02-29")) out = std::to_string(year) + "-03-01";
  return out;
}

}  // namespace

Status LoadDemoGovernance(service::Administration& admin, service::Accounts& accounts, service::Governance& governance,
                          const std::string& today) {
  const auto op = service::Context::Operator("demo");
  std::map<std::string_view, std::string> ids;
  for (const auto& o : JIGSAW_TRY(admin.ListOrganisations(op)))
    for (const auto& d : kOrganisations)
      if (o.name == d.name) ids[d.key] = o.id;
  if (!ids.contains("primary") || !ids.contains("csc")) return Fail(ErrorCode::kFailedPrecondition, "The demo partnership is not loaded.");
  const Bytes secret = *access::Base32Decode(kDemoTotpSecret);
  auto head = JIGSAW_TRY(admin.AddPractitioner(op, {ids["primary"], "primary.head@demo.jigsaw", "Sol Everly",
                                                    domain::RoleSet{Role::kSeniorLeader}, std::string(kDemoPassword)}));
  JIGSAW_RETURN_IF_ERROR(accounts.EnrolAuthenticator(op, head.id, secret));
  const auto head_context = JIGSAW_TRY(ContextOf(admin, "primary.head@demo.jigsaw"));
  const auto csc_leader = JIGSAW_TRY(ContextOf(admin, "csc.dsl@demo.jigsaw"));
  const auto csc_dpo = JIGSAW_TRY(ContextOf(admin, "csc.dpo@demo.jigsaw"));

  domain::Agreement a;
  a.title = "Brackenford schools and children's services safeguarding information sharing agreement (demo)";
  a.party_organisation_ids = {ids["csc"], ids["primary"]};
  a.purposes = {domain::SharingPurpose::kSafeguarding, domain::SharingPurpose::kEarlyHelp};
  a.data_categories = {"Attendance and exclusions", "Concerns about a child's welfare and their outcome",
                       "Health needs relevant to safeguarding"};
  a.people_categories = {domain::PersonKind::kChild, domain::PersonKind::kParent, domain::PersonKind::kCarer};
  a.lawful_bases = {domain::LawfulBasis::kPublicTask, domain::LawfulBasis::kLegalObligation};
  a.article9_conditions = {domain::Article9Condition::kSubstantialPublicInterest};
  a.frequency = domain::SharingFrequency::kRegular;
  a.start_on = today;
  a.review_on = YearAfter(today);
  a.document_reference = "BSCP-ISA-01 version 1 (demo)";
  const auto recorded = JIGSAW_TRY(governance.RecordAgreement(csc_leader, a));
  JIGSAW_TRY(governance.SignAgreement(csc_leader, recorded.agreement.id));
  JIGSAW_TRY(governance.SignAgreement(head_context, recorded.agreement.id));

  domain::Dpia d;
  d.title = "Regular safeguarding sharing between Brackenford schools and children's services (demo)";
  d.organisation_ids = {ids["csc"], ids["primary"]};
  d.purposes = {domain::SharingPurpose::kSafeguarding, domain::SharingPurpose::kEarlyHelp};
  d.processing = "Schools share attendance, welfare concerns and relevant health needs with children's services, "
                 "through Jigsaw, when a child may need help or protection.";
  d.consultation = "The designated safeguarding leads of the partnership's schools and the council's DPO.";
  d.necessity = "Children's services need these facts to assess a child's needs (Children Act 1989 sections 17 and "
                "47); only what is relevant and necessary is shared, item by item.";
  d.risks = {{.description = "Information reaches someone who could harm the child or a protected adult.",
              .likelihood = domain::Likelihood::kPossible,
              .severity = domain::Severity::kSevere,
              .measures = "Protected identities are withheld automatically; mentions are reviewed before sending.",
              .residual = domain::RiskLevel::kLow}};
  d.review_on = YearAfter(today);
  const auto dpia = JIGSAW_TRY(governance.RecordDpia(csc_dpo, d));
  JIGSAW_TRY(governance.AdviseOnDpia(csc_dpo, dpia.dpia.id, "The measures are proportionate; review after a year."));
  JIGSAW_TRY(governance.SignOffDpia(csc_leader, dpia.dpia.id, {true, ""}));
  // The DPIA is children's services' own; the primary school shares
  // regularly under the agreement too, so its head accepts the DPIA as the
  // school's (a DPIA covers only the sharing of an organisation that owns
  // or has accepted it: domain::Covers).
  JIGSAW_TRY(governance.AcceptDpia(head_context, dpia.dpia.id));
  return Ok();
}

std::string DemoCode(Time now) { return access::TotpCode(*access::Base32Decode(kDemoTotpSecret), now); }

std::vector<DemoLogin> DemoLogins() {
  std::vector<DemoLogin> out;
  for (const auto& p : kPeople) {
    std::string roles;
    for (Role r : p.roles) {
      if (!roles.empty()) roles += ", ";
      roles += ToString(r);
    }
    out.push_back({Username(p), std::string(p.name), std::string(OrganisationName(p.org_key)), roles});
  }
  return out;
}

}  // namespace jigsaw::app
