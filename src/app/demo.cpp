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
