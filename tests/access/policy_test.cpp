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

TEST(PolicyTest, OnlyTheSharerAndTheirDslRecallADisclosure) {
  const RecordFacts sent{"org-a", "p1", "org-b", {}, {}};
  const RecordFacts someone_elses{"org-a", "p9", "org-b", {}, {}};
  EXPECT_TRUE(Authorise(Person({Role::kPractitioner}), Action::kRecallDisclosure, sent)) << "the sharer";
  EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kRecallDisclosure, someone_elses));
  for (Role r : {Role::kPractitioner, Role::kDataProtectionOfficer, Role::kCaldicottGuardian, Role::kSeniorLeader,
                 Role::kAdministrator})
    EXPECT_EQ(Authorise(Person({r}), Action::kRecallDisclosure, someone_elses).error().code, ErrorCode::kPermissionDenied)
        << ToString(r);
  // Never the recipient, who did nothing wrong, nor anyone else.
  EXPECT_EQ(Authorise(Person({Role::kDesignatedSafeguardingLead}, "org-b"), Action::kRecallDisclosure, sent).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(Authorise(Person({Role::kDesignatedSafeguardingLead}, "org-c"), Action::kRecallDisclosure, sent).error().code,
            ErrorCode::kNotFound);
}

TEST(PolicyTest, ARecalledDisclosureIsNoLongerTheRecipientsToRead) {
  RecordFacts recalled{"org-a", "p9", "org-b", {}, {}};
  recalled.recalled = true;
  const Actor worker = Person({Role::kPractitioner}, "org-b");
  const Actor dsl = Person({Role::kDesignatedSafeguardingLead}, "org-b");
  for (Action a : {Action::kReceiveDisclosure, Action::kGiveFeedback})
    EXPECT_EQ(Authorise(worker, a, recalled).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Authorise(dsl, Action::kTriageDisclosure, recalled).error().code, ErrorCode::kPermissionDenied);
  // They still see that it was recalled, and confirm they keep no copy.
  EXPECT_TRUE(Authorise(worker, Action::kViewDisclosure, recalled));
  EXPECT_TRUE(Authorise(worker, Action::kConfirmRecall, recalled));
  EXPECT_TRUE(Authorise(dsl, Action::kConfirmRecall, recalled));
  EXPECT_FALSE(Authorise(Person({Role::kDataProtectionOfficer}, "org-b"), Action::kConfirmRecall, recalled));
  // Addressed to a named practitioner: them and their DSL confirm.
  RecordFacts named = recalled;
  named.other_practitioner_id = "p7";
  EXPECT_FALSE(Authorise(worker, Action::kConfirmRecall, named));
  EXPECT_TRUE(Authorise(dsl, Action::kConfirmRecall, named));
  // The sharer's side still sees what was sent: the DPO must assess it.
  EXPECT_TRUE(Authorise(Person({Role::kDataProtectionOfficer}), Action::kViewDisclosure, recalled));
  EXPECT_EQ(Authorise(Person({Role::kPractitioner}), Action::kConfirmRecall, recalled).error().code, ErrorCode::kNotFound);
}

TEST(PolicyTest, TheDpoAndDslSeeTheirOrganisationsRecalls) {
  const RecordFacts own{"org-a", {}, {}, {}, {}};
  for (Role r : {Role::kDataProtectionOfficer, Role::kDesignatedSafeguardingLead})
    EXPECT_TRUE(Authorise(Person({r}), Action::kViewRecalls, own)) << ToString(r);
  for (Role r : {Role::kPractitioner, Role::kCaldicottGuardian, Role::kSeniorLeader, Role::kAdministrator})
    EXPECT_FALSE(Authorise(Person({r}), Action::kViewRecalls, own)) << ToString(r);
  EXPECT_EQ(Authorise(Person({Role::kDataProtectionOfficer}, "org-b"), Action::kViewRecalls, own).error().code,
            ErrorCode::kNotFound);
}

TEST(PolicyTest, WhoElseKnowsIsForTheDslOrChildrensServicesOfTheirOwnChild) {
  RecordFacts own{"org-a", {}, {}, {}, {}};
  EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kAskWhoElseKnows, own));
  EXPECT_EQ(Authorise(Person({Role::kPractitioner}), Action::kAskWhoElseKnows, own).error().code,
            ErrorCode::kPermissionDenied);
  for (Role r : {Role::kDataProtectionOfficer, Role::kCaldicottGuardian, Role::kSeniorLeader, Role::kAdministrator})
    EXPECT_FALSE(Authorise(Person({r}), Action::kAskWhoElseKnows, own)) << ToString(r);
  EXPECT_EQ(Authorise(Person({Role::kDesignatedSafeguardingLead}, "org-b"), Action::kAskWhoElseKnows, own).error().code,
            ErrorCode::kNotFound);
  RecordFacts children_services = own;
  children_services.actor_in_childrens_services = true;
  EXPECT_TRUE(Authorise(Person({Role::kPractitioner}), Action::kAskWhoElseKnows, children_services));
  EXPECT_FALSE(Authorise(Person({Role::kDataProtectionOfficer}), Action::kAskWhoElseKnows, children_services));
  // Risk alerts: children's services' DSL only.
  EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kViewRiskAlerts, children_services));
  EXPECT_FALSE(Authorise(Person({Role::kPractitioner}), Action::kViewRiskAlerts, children_services));
  EXPECT_FALSE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kViewRiskAlerts, own));
  // A lookup: the asker's DSL and the holder's DSL.
  const RecordFacts lookup{"org-a", "p9", "org-b", {}, {}};
  EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}, "org-b"), Action::kViewPartnershipLookup, lookup));
  EXPECT_FALSE(Authorise(Person({Role::kPractitioner}, "org-b"), Action::kViewPartnershipLookup, lookup));
  EXPECT_EQ(Authorise(Person({Role::kDesignatedSafeguardingLead}, "org-c"), Action::kViewPartnershipLookup, lookup)
                .error()
                .code,
            ErrorCode::kNotFound);
  // Naming the organisation is its administrator's or DSL's choice.
  EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), Action::kSetPartnershipVisibility, "org-a"));
  EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kSetPartnershipVisibility, "org-a"));
  EXPECT_FALSE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kSetPartnershipVisibility, "org-b"));
  EXPECT_FALSE(Authorise(Person({Role::kPractitioner}), Action::kSetPartnershipVisibility, "org-a"));
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

TEST(Policy, TrainingIsTheirOwnOrTheirDslsOrAdministratorsToRecord) {
  const RecordFacts mine{"org-a", "p1", {}, {}, {}};
  const RecordFacts colleague{"org-a", "p2", {}, {}, {}};
  const RecordFacts outsider{"org-b", "p3", {}, {}, {}};
  for (const Action a : {Action::kRecordTraining, Action::kViewTraining}) {
    for (Role r : {Role::kPractitioner, Role::kDataProtectionOfficer, Role::kSeniorLeader, Role::kLegalAdviser,
                   Role::kAdministrator, Role::kDesignatedSafeguardingLead})
      EXPECT_TRUE(Authorise(Person({r}), a, mine)) << "one's own, whatever the role";
    EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}), a, colleague));
    EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), a, colleague));
    auto refused = Authorise(Person({Role::kPractitioner}), a, colleague);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
    auto hidden = Authorise(Person({Role::kDesignatedSafeguardingLead}), a, outsider);
    ASSERT_FALSE(hidden);
    EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
    EXPECT_FALSE(Authorise(Actor::Operator(), a, colleague));
  }
  EXPECT_TRUE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kViewStaffTraining, "org-a"));
  EXPECT_TRUE(Authorise(Person({Role::kAdministrator}), Action::kViewStaffTraining, "org-a"));
  EXPECT_FALSE(Authorise(Person({Role::kDesignatedSafeguardingLead}), Action::kViewStaffTraining, "org-b"));
  EXPECT_FALSE(Authorise(Person({Role::kPractitioner}), Action::kViewStaffTraining, "org-a"));
  EXPECT_FALSE(Authorise(Person({Role::kDataProtectionOfficer}), Action::kViewStaffTraining, "org-a"));
}

// Governance (docs/governance.md): everyone reads their own organisation's
// registers; its senior leader or DPO records and signs agreements and
// records DPIAs; only the DPO advises and only a senior leader signs off;
// nothing for another organisation.
TEST(Policy, GovernanceIsKeptBySeniorLeadersAndDpos) {
  for (Role r : {Role::kPractitioner, Role::kDesignatedSafeguardingLead, Role::kDataProtectionOfficer,
                 Role::kCaldicottGuardian, Role::kSeniorLeader, Role::kAdministrator, Role::kLegalAdviser}) {
    EXPECT_TRUE(Authorise(Person({r}), Action::kViewGovernance, "org-a"));
    EXPECT_FALSE(Authorise(Person({r}), Action::kViewGovernance, "org-b"));
    const bool signatory = r == Role::kSeniorLeader || r == Role::kDataProtectionOfficer;
    for (Action a : {Action::kRecordAgreement, Action::kSignAgreement, Action::kRecordDpia}) {
      EXPECT_EQ(Authorise(Person({r}), a, "org-a").has_value(), signatory) << ToString(r);
      EXPECT_FALSE(Authorise(Person({r}), a, "org-b"));
    }
    EXPECT_EQ(Authorise(Person({r}), Action::kAdviseOnDpia, "org-a").has_value(), r == Role::kDataProtectionOfficer);
    EXPECT_EQ(Authorise(Person({r}), Action::kSignOffDpia, "org-a").has_value(), r == Role::kSeniorLeader);
  }
}

}  // namespace
}  // namespace jigsaw::access
