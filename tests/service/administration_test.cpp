#include "service/administration.h"

#include <gtest/gtest.h>

#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::Role;

class AdministrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    auto org = admin_.AddOrganisation(op_, {"Elmside School", domain::OrganisationType::kSchool,
                                            domain::Sector::kPublic, false});
    ASSERT_TRUE(org);
    org_ = *org;
  }
  NewPractitioner Person(std::string username) {
    return {org_.id, std::move(username), "Sam Elm", domain::RoleSet{Role::kPractitioner},
            "long enough password"};
  }
  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Context op_ = Context::Operator();
  domain::Organisation org_;
};

TEST_F(AdministrationTest, AddsPractitionersWithHashedPasswords) {
  auto p = admin_.AddPractitioner(op_, Person("sam.elm"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->created_at, clock_.Now());
  auto list = admin_.ListPractitioners(op_, org_.id);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].username, "sam.elm");
}

TEST_F(AdministrationTest, ErrorsNameTheField) {
  ASSERT_TRUE(admin_.AddPractitioner(op_, Person("sam.elm")));
  auto dup = admin_.AddPractitioner(op_, Person("sam.elm"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.error().field, "username");

  auto no_org = Person("other");
  no_org.organisation_id = "missing";
  EXPECT_EQ(admin_.AddPractitioner(op_, no_org).error().field, "organisation_id");

  auto weak = Person("weak");
  weak.password = "short";
  EXPECT_EQ(admin_.AddPractitioner(op_, weak).error().field, "password");
  weak.password = "Password1234";  // on the deny-list
  EXPECT_EQ(admin_.AddPractitioner(op_, weak).error().field, "password");
  weak.password = "weak sam elm weak";  // their own name
  EXPECT_EQ(admin_.AddPractitioner(op_, weak).error().field, "password");

  auto blank = admin_.AddOrganisation(op_, {" ", domain::OrganisationType::kSchool, domain::Sector::kPublic});
  EXPECT_EQ(blank.error().field, "name");
}

TEST_F(AdministrationTest, OnlyAdministratorsChangeThePartnership) {
  const Context teacher{access::Actor{"someone", org_.id, domain::RoleSet{Role::kPractitioner}}, "req"};
  EXPECT_EQ(admin_.AddPractitioner(teacher, Person("x.y")).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(admin_.AddOrganisation(teacher, {"New", domain::OrganisationType::kOther, domain::Sector::kPrivate})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  // Nothing was written by the refused calls.
  EXPECT_TRUE(admin_.ListPractitioners(op_, org_.id)->empty());
  EXPECT_EQ(admin_.ListOrganisations(op_)->size(), 1u);
}

TEST_F(AdministrationTest, UnknownOrganisationIsNotFound) {
  EXPECT_EQ(admin_.GetOrganisation(op_, "missing").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace jigsaw::service
