#include "access/policy.h"

#include <gtest/gtest.h>

namespace jigsaw::access {
namespace {

using domain::Role;

Actor Person(std::initializer_list<Role> roles, std::string org = "org-a") {
  return Actor{"p1", std::move(org), domain::RoleSet(roles)};
}

TEST(PolicyTest, OnlyAdministratorsManageAccounts) {
  EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), Action::kManagePractitioners, "org-a"));
  // Not in another organisation: an account there would be a way into its
  // cases. The partnership administrator proposes; that organisation's
  // administrator or DSL decides.
  EXPECT_FALSE(Authorise(Person({Role::kAdministrator}), Action::kManagePractitioners, "org-b"));
  EXPECT_FALSE(Authorise(Person({Role::kAdministrator}), Action::kManagePractitioners, ""));
  EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), Action::kProposeAccount, "org-b"));
  EXPECT_FALSE(Authorise(Person({Role::kAdministrator}), Action::kProposeAccount, "org-a"));
  EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), Action::kDecideAccountProposal, "org-a"));
  EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kDecideAccountProposal, "org-a"));
  EXPECT_FALSE(Authorise(Person({Role::kAdministrator}), Action::kDecideAccountProposal, "org-b"));
  EXPECT_FALSE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kDecideAccountProposal, "org-b"));
  for (Role r : {Role::kPractitioner, Role::kDataProtectionOfficer, Role::kCaldicottGuardian, Role::kSeniorLeader}) {
    EXPECT_FALSE(Authorise(Person({r}), Action::kProposeAccount, "org-b"));
    EXPECT_FALSE(Authorise(Person({r}), Action::kDecideAccountProposal, "org-a"));
  }
  EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), Action::kManageOrganisations));
  for (Role r : {Role::kPractitioner, Role::kDesignatedSafeguardingLead, Role::kDataProtectionOfficer,
                 Role::kCaldicottGuardian, Role::kSeniorLeader}) {
    auto denied = Authorise(Person({r}), Action::kManagePractitioners, "org-a");
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
    EXPECT_FALSE(Authorise(Person({r}), Action::kManageOrganisations));
  }
}

TEST(PolicyTest, OnlyTheirOwnOrganisationsAdministratorResetsASecondFactor) {
  EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), Action::kResetSecondFactor, "org-a"));
  // Not another organisation's administrator, who cannot check who is asking.
  EXPECT_FALSE(Authorise(Person({Role::kAdministrator}), Action::kResetSecondFactor, "org-b"));
  EXPECT_FALSE(Authorise(Person({Role::kAdministrator}), Action::kResetSecondFactor, ""));
  for (Role r : {Role::kPractitioner, Role::kDesignatedSafeguardingLead, Role::kDataProtectionOfficer,
                 Role::kCaldicottGuardian, Role::kSeniorLeader})
    EXPECT_FALSE(Authorise(Person({r}), Action::kResetSecondFactor, "org-a"));
  EXPECT_TRUE(Authorise(Actor::Operator(), Action::kResetSecondFactor, "org-b"));
}

TEST(PolicyTest, LeadsSeeTheirOwnColleaguesOnly) {
  const Actor dsl = Person({Role::kDesignatedSafeguardingLead});
  EXPECT_TRUE(Authorise(dsl, Action::kViewPractitioners, "org-a"));
  EXPECT_FALSE(Authorise(dsl, Action::kViewPractitioners, "org-b"));
  EXPECT_FALSE(Authorise(dsl, Action::kViewPractitioners, ""));
  EXPECT_FALSE(Authorise(Person({Role::kPractitioner}), Action::kViewPractitioners, "org-a"));
}

TEST(PolicyTest, EveryoneSignedInSeesTheDirectoryButNobodyAnonymous) {
  EXPECT_TRUE(Authorise(Person({Role::kPractitioner}), Action::kViewOrganisations));
  EXPECT_FALSE(Authorise(Actor{}, Action::kViewOrganisations));
  EXPECT_TRUE(Authorise(Actor::Operator(), Action::kManageOrganisations));
}

TEST(PolicyTest, TheSharersOversightSeesWhatBecameOfADisclosure) {
  const RecordFacts sent{"org-a", "p9", "org-b", {}, {}};
  for (Role r : {Role::kDesignatedSafeguardingLead, Role::kDataProtectionOfficer, Role::kCaldicottGuardian})
    EXPECT_TRUE(Authorise(Person({r}), Action::kViewDisclosureTrail, sent)) << ToString(r);
  for (Role r : {Role::kPractitioner, Role::kSeniorLeader, Role::kAdministrator})
    EXPECT_EQ(Authorise(Person({r}), Action::kViewDisclosureTrail, sent).error().code, ErrorCode::kPermissionDenied);
  // Not the recipient's, nor anyone else's.
  EXPECT_EQ(Authorise(Person({Role::kDesignatedSafeguardingLead}, "org-b"), Action::kViewDisclosureTrail, sent).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(Authorise(Person({Role::kDesignatedSafeguardingLead}, "org-c"), Action::kViewDisclosureTrail, sent).error().code,
            ErrorCode::kNotFound);
}

TEST(PolicyTest, WhoReadsHowMuchOfTheAuditLog) {
  EXPECT_EQ(*AuditReadScope(Actor::Operator()), AuditScope::kPartnership);
  EXPECT_EQ(*AuditReadScope(Person({Role::kAdministrator})), AuditScope::kPartnership);
  for (Role r : {Role::kDesignatedSafeguardingLead, Role::kDataProtectionOfficer, Role::kCaldicottGuardian,
                 Role::kSeniorLeader})
    EXPECT_EQ(*AuditReadScope(Person({r})), AuditScope::kOrganisation) << ToString(r);
  EXPECT_FALSE(AuditReadScope(Person({Role::kPractitioner})));
  EXPECT_FALSE(AuditReadScope(Actor{}));
}

}  // namespace
}  // namespace jigsaw::access
