// Who may make and change accounts (issue: administrators cannot give
// themselves cases) and what happens when people leave, change job, move
// or forget their password.
#include <gtest/gtest.h>

#include "service/administration.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::ProposalOutcome;
using domain::Role;

class StaffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    school_ = Org("Elmside School");
    council_ = Org("Elmside Council");
    school_admin_ = As(Add(school_, "school.admin", {Role::kAdministrator}));
    council_admin_ = As(Add(council_, "council.admin", {Role::kAdministrator}));
    council_dsl_ = As(Add(council_, "council.dsl", {Role::kDesignatedSafeguardingLead}));
  }
  std::string Org(std::string name) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), domain::OrganisationType::kOther, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  NewPractitioner Person(const std::string& org, std::string username, domain::RoleSet roles) {
    return {org, std::move(username), "Sam Elm", roles, "long enough password"};
  }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, Person(org, std::move(username), roles));
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  static Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }
  domain::Practitioner Load(const std::string& id) {
    std::optional<domain::Practitioner> p;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      p = JIGSAW_TRY(tx.practitioners().Find(id));
      return Ok();
    }));
    return p.value_or(domain::Practitioner{});
  }
  // The outcomes of the audit records of `action` about `object_id`.
  std::vector<domain::AuditOutcome> Audited(std::string action, std::string object_id = {}) {
    std::vector<domain::AuditOutcome> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      q.object_id = std::move(object_id);
      q.limit = 100;
      for (const auto& r : JIGSAW_TRY(tx.audit().Search(q))) out.push_back(r.outcome);
      return Ok();
    }));
    return out;
  }
  void StartSession(const std::string& practitioner_id, const std::string& digest) {
    ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
      return tx.sessions().Insert({digest, practitioner_id, clock_.Now(), clock_.Now(), clock_.Now() + std::chrono::hours(1)});
    }));
  }
  bool HasSession(const std::string& digest) {
    bool found = false;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      found = JIGSAW_TRY(tx.sessions().Find(digest)).has_value();
      return Ok();
    }));
    return found;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Context op_ = Context::Operator();
  std::string school_, council_;
  Context school_admin_, council_admin_, council_dsl_;
};

TEST_F(StaffTest, AnAdministratorMakesAccountsOnlyInTheirOwnOrganisation) {
  ASSERT_TRUE(admin_.AddPractitioner(school_admin_, Person(school_, "new.teacher", {Role::kPractitioner})));
  // Not a DSL account in another organisation, whose disclosures it would read.
  auto refused = admin_.AddPractitioner(school_admin_, Person(council_, "my.dsl", {Role::kDesignatedSafeguardingLead}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Audited("practitioner.create"),
            (std::vector{domain::AuditOutcome::kDenied, domain::AuditOutcome::kAllowed, domain::AuditOutcome::kAllowed,
                         domain::AuditOutcome::kAllowed, domain::AuditOutcome::kAllowed}));
  // A DSL, however senior, does not make accounts.
  EXPECT_EQ(admin_.AddPractitioner(council_dsl_, Person(council_, "x.y", {Role::kPractitioner})).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(StaffTest, APartnershipAdministratorsAccountWaitsForTheOrganisationsApproval) {
  // The school's administrator cannot propose in their own organisation
  // (they make the account) and a practitioner cannot propose at all.
  EXPECT_FALSE(admin_.ProposeAccount(school_admin_, Person(school_, "a.b", {Role::kPractitioner})));
  auto proposal = admin_.ProposeAccount(school_admin_, Person(council_, "their.dsl", {Role::kDesignatedSafeguardingLead}));
  ASSERT_TRUE(proposal) << proposal.error().message;
  // Nothing exists to sign in with until the council decides.
  std::optional<store::PractitionerWithCredentials> found;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.practitioners().FindByUsername("their.dsl"));
    return Ok();
  }));
  EXPECT_FALSE(found);
  auto pending = admin_.PendingProposals(council_dsl_, council_);
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].username, "their.dsl");
  // The proposer cannot approve their own proposal: it is not theirs to see.
  EXPECT_EQ(admin_.DecideProposal(school_admin_, proposal->id, ProposalOutcome::kApproved).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(admin_.PendingProposals(school_admin_, council_).error().code, ErrorCode::kPermissionDenied);

  auto approved = admin_.DecideProposal(council_dsl_, proposal->id, ProposalOutcome::kApproved);
  ASSERT_TRUE(approved) << approved.error().message;
  ASSERT_TRUE(*approved);
  EXPECT_EQ((*approved)->organisation_id, council_);
  // The proposer knows the password: its owner must choose their own.
  EXPECT_TRUE(Load((*approved)->id).must_change_password);
  EXPECT_EQ(admin_.DecideProposal(council_admin_, proposal->id, ProposalOutcome::kDeclined).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Audited("account.propose").size(), 2u);  // the refusal in its own organisation, and this one
  EXPECT_EQ(Audited("account.approve", proposal->id), (std::vector{domain::AuditOutcome::kAllowed,
                                                                   domain::AuditOutcome::kDenied}));

  // Declined, nothing is made.
  auto second = admin_.ProposeAccount(school_admin_, Person(council_, "another.one", {Role::kPractitioner}));
  ASSERT_TRUE(second);
  auto declined = admin_.DecideProposal(council_admin_, second->id, ProposalOutcome::kDeclined);
  ASSERT_TRUE(declined);
  EXPECT_FALSE(*declined);
  EXPECT_EQ(Audited("account.decline", second->id).size(), 1u);
  EXPECT_TRUE(admin_.PendingProposals(council_admin_, council_)->empty());
}

TEST_F(StaffTest, DisablingEndsSessionsAndOnlyTheOwnAdministratorMayDoIt) {
  const auto teacher = Add(school_, "a.teacher", {Role::kPractitioner});
  StartSession(teacher.id, "digest-1");
  EXPECT_EQ(admin_.SetAccountState(council_admin_, teacher.id, AccountState::kDisabled).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_FALSE(Load(teacher.id).disabled);
  EXPECT_TRUE(HasSession("digest-1"));
  ASSERT_TRUE(admin_.SetAccountState(school_admin_, teacher.id, AccountState::kDisabled));
  EXPECT_TRUE(Load(teacher.id).disabled);
  EXPECT_FALSE(HasSession("digest-1"));
  ASSERT_TRUE(admin_.SetAccountState(school_admin_, teacher.id, AccountState::kEnabled));
  EXPECT_FALSE(Load(teacher.id).disabled);
  EXPECT_EQ(Audited("practitioner.disable", teacher.id),
            (std::vector{domain::AuditOutcome::kAllowed, domain::AuditOutcome::kDenied}));
  EXPECT_EQ(Audited("practitioner.enable", teacher.id).size(), 1u);
  // Nobody locks their organisation out by disabling themselves.
  EXPECT_EQ(admin_.SetAccountState(school_admin_, school_admin_.actor.practitioner_id, AccountState::kDisabled)
                .error()
                .code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(admin_.SetAccountState(school_admin_, "nobody", AccountState::kDisabled).error().code,
            ErrorCode::kPermissionDenied);  // no such person: nothing to be the administrator of
}

TEST_F(StaffTest, ChangingRolesAndResettingPasswordsEndSessions) {
  const auto teacher = Add(school_, "b.teacher", {Role::kPractitioner});
  StartSession(teacher.id, "digest-2");
  ASSERT_TRUE(admin_.ChangeRoles(school_admin_, teacher.id, {Role::kDesignatedSafeguardingLead}));
  EXPECT_EQ(Load(teacher.id).roles, (domain::RoleSet{Role::kDesignatedSafeguardingLead}));
  EXPECT_FALSE(HasSession("digest-2"));
  EXPECT_EQ(admin_.ChangeRoles(school_admin_, teacher.id, {}).error().field, "roles");
  EXPECT_EQ(admin_.ChangeRoles(school_admin_, school_admin_.actor.practitioner_id, {Role::kPractitioner}).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(admin_.ChangeRoles(council_admin_, teacher.id, {Role::kPractitioner}).error().code,
            ErrorCode::kPermissionDenied);

  StartSession(teacher.id, "digest-3");
  EXPECT_EQ(admin_.ResetPassword(school_admin_, teacher.id, "short").error().field, "password");
  ASSERT_TRUE(admin_.ResetPassword(school_admin_, teacher.id, "a temporary passphrase"));
  EXPECT_TRUE(Load(teacher.id).must_change_password);
  EXPECT_FALSE(HasSession("digest-3"));
  EXPECT_EQ(Audited("practitioner.roles_change", teacher.id).size(), 2u);  // one allowed, one denied
  EXPECT_EQ(Audited("practitioner.password_reset", teacher.id).size(), 1u);
}

TEST_F(StaffTest, AMoveNeedsTheNewOrganisationsApprovalAndTakesNothingAlong) {
  const auto teacher = Add(school_, "c.teacher", {Role::kPractitioner});
  ASSERT_TRUE(store_->Write([&](store::Transaction& tx) -> Status {
    return tx.casework().PutDraft(teacher.id, "share", Bytes{1, 2, 3}, clock_.Now());
  }));
  StartSession(teacher.id, "digest-4");
  // Only their own administrator moves them out.
  EXPECT_FALSE(admin_.ProposeMove(council_admin_, teacher.id, council_, {Role::kPractitioner}));
  EXPECT_EQ(admin_.ProposeMove(school_admin_, teacher.id, school_, {Role::kPractitioner}).error().field,
            "organisation_id");
  auto move = admin_.ProposeMove(school_admin_, teacher.id, council_, {Role::kDesignatedSafeguardingLead});
  ASSERT_TRUE(move) << move.error().message;
  EXPECT_EQ(Load(teacher.id).organisation_id, school_);  // not yet
  auto approved = admin_.DecideProposal(council_admin_, move->id, ProposalOutcome::kApproved);
  ASSERT_TRUE(approved) << approved.error().message;
  const auto moved = Load(teacher.id);
  EXPECT_EQ(moved.organisation_id, council_);
  EXPECT_EQ(moved.roles, (domain::RoleSet{Role::kDesignatedSafeguardingLead}));
  EXPECT_FALSE(HasSession("digest-4"));
  std::optional<Bytes> draft;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    draft = JIGSAW_TRY(tx.casework().FindDraft(teacher.id, "share"));
    return Ok();
  }));
  EXPECT_FALSE(draft);
  // The school's administrator no longer manages them.
  EXPECT_EQ(admin_.SetAccountState(school_admin_, teacher.id, AccountState::kDisabled).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(Audited("practitioner.move", teacher.id).size(), 1u);
  EXPECT_EQ(Audited("practitioner.move_propose").size(), 2u);  // one denied, one allowed
}

}  // namespace
}  // namespace jigsaw::service
