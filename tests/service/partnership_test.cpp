// The partnership index (issue 15, items 4 and 6), on both backends: "who
// else knows this child?" names organisations and their DSLs only, tells
// every holder, leaves out an organisation that withholds its name, and is
// only for a DSL or children's services; one adult around children known
// to three organisations alerts children's services' DSL, with no content.
#include <gtest/gtest.h>

#include <algorithm>

#include "service/administration.h"
#include "service/casework.h"
#include "service/partnership.h"
#include "service/partnership_internal.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::OrganisationType;
using domain::PersonKind;
using domain::Role;

class PartnershipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    school_ = Org("Elm School", OrganisationType::kSchool);
    gp_ = Org("Elm Surgery", OrganisationType::kGpPractice);
    police_ = Org("Elm Police", OrganisationType::kPolice);
    council_ = Org("Elm Council", OrganisationType::kChildrensServices);
    refuge_ = Org("Elm Refuge", OrganisationType::kVoluntary);
    for (const auto& [org, key] : {std::pair{school_, "school"}, {gp_, "gp"}, {police_, "police"}, {council_, "council"},
                                   {refuge_, "refuge"}}) {
      staff_[std::string(key) + ".worker"] = Add(org, std::string(key) + ".worker", {Role::kPractitioner});
      staff_[std::string(key) + ".dsl"] = Add(org, std::string(key) + ".dsl", {Role::kDesignatedSafeguardingLead});
    }
    staff_["council.dpo"] = Add(council_, "council.dpo", {Role::kDataProtectionOfficer});
  }
  std::string Org(std::string name, OrganisationType type) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), type, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  Context Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, username + "@elm.test", "Sam " + username, roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return Context{access::Actor{p->id, p->organisation_id, p->roles}, "req"};
  }
  const Context& As(const std::string& who) { return staff_.at(who); }
  domain::Person Child(const std::string& who, std::string given, std::string family, std::string dob,
                       std::string nhs = {}, std::string address = {}, std::string postcode = {}) {
    domain::Person p;
    p.kind = PersonKind::kChild;
    p.given_name = std::move(given);
    p.family_name = std::move(family);
    p.date_of_birth = std::move(dob);
    p.nhs_number = std::move(nhs);
    p.address = std::move(address);
    p.postcode = std::move(postcode);
    auto added = casework_.AddPerson(As(who), p);
    EXPECT_TRUE(added) << added.error().message;
    return added.value_or(domain::Person{});
  }
  // An adult recorded as posing a risk, linked to `child_id`.
  domain::Person RiskAdult(const std::string& who, const std::string& child_id, std::string given = "Darren",
                           std::string family = "Kell", std::string dob = "1984-02-11") {
    domain::Person p;
    p.kind = PersonKind::kAssociatedAdult;
    p.given_name = std::move(given);
    p.family_name = std::move(family);
    p.date_of_birth = std::move(dob);
    auto added = casework_.AddPerson(As(who), p, LinkTo{child_id, domain::RelationshipKind::kAssociatedAdult});
    EXPECT_TRUE(added) << added.error().message;
    return added.value_or(domain::Person{});
  }
  std::vector<domain::Notification> Notices(const std::string& who, std::string_view kind) {
    auto all = casework_.Notifications(As(who), false);
    EXPECT_TRUE(all);
    std::vector<domain::Notification> out;
    for (const auto& n : all.value_or(std::vector<domain::Notification>{}))
      if (n.kind == kind) out.push_back(n);
    return out;
  }
  std::vector<domain::AuditOutcome> Audited(std::string action) {
    std::vector<domain::AuditOutcome> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      for (const auto& r : JIGSAW_TRY(tx.audit().Search(q))) out.push_back(r.outcome);
      return Ok();
    }));
    return out;
  }
  static std::vector<std::string> Named(const LookupView& v) {
    std::vector<std::string> out;
    for (const auto& k : v.known_by) out.push_back(k.organisation.name);
    return out;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Casework casework_{*store_, clock_, trail_};
  Partnership partnership_{*store_, clock_, trail_};
  Context op_ = Context::Operator();
  std::string school_, gp_, police_, council_, refuge_;
  std::map<std::string, Context> staff_;
};

TEST_F(PartnershipTest, WhoElseKnowsNamesOrganisationsAndTheirDslsAndTellsEveryHolder) {
  const auto child = Child("school.worker", "William", "Marsh", "2016-04-09", "9434765919");
  Child("gp.worker", "Bill", "Marsh", "2016-04-09", "943 476 5919");  // a nickname, the same NHS number
  Child("refuge.worker", "William", "Marsh", "2016-04-09");
  Child("police.worker", "Oliver", "Marsh", "2016-04-09");  // a twin: not the same child
  ASSERT_TRUE(partnership_.SetWithholdName(As("refuge.dsl"), true));

  auto answer = partnership_.WhoElseKnows(As("school.dsl"), child.id);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(Named(*answer), std::vector<std::string>{"Elm Surgery"}) << "the refuge withholds its name; the twin is another child";
  ASSERT_EQ(answer->known_by[0].dsls.size(), 1u);
  EXPECT_EQ(answer->known_by[0].dsls[0].email, "gp.dsl@elm.test");
  EXPECT_EQ(answer->lookup.holders.size(), 1u) << "the answer holds no trace of the refuge";

  // Every holder's DSL is told, named or not; no one else is.
  EXPECT_EQ(Notices("gp.dsl", "partnership.lookup").size(), 1u);
  EXPECT_EQ(Notices("refuge.dsl", "partnership.lookup").size(), 1u);
  EXPECT_TRUE(Notices("police.dsl", "partnership.lookup").empty());
  EXPECT_TRUE(Notices("gp.worker", "partnership.lookup").empty());
  EXPECT_EQ(Audited("partnership.lookup"), std::vector{domain::AuditOutcome::kAllowed});

  // The holder's DSL sees who asked and its own record, not the other holders.
  auto told = partnership_.GetLookup(As("refuge.dsl"), answer->lookup.id);
  ASSERT_TRUE(told) << told.error().message;
  EXPECT_FALSE(told->asker);
  EXPECT_EQ(told->asked_by.email, "school.dsl@elm.test");
  EXPECT_EQ(told->child.organisation_id, refuge_);
  EXPECT_TRUE(told->known_by.empty());
  ASSERT_EQ(told->lookup.holders.size(), 1u);
  EXPECT_FALSE(told->lookup.holders[0].named);
  // The asker reads the answer again: still without the refuge.
  auto again = partnership_.GetLookup(As("school.dsl"), answer->lookup.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(Named(*again), std::vector<std::string>{"Elm Surgery"});
  EXPECT_FALSE(partnership_.GetLookup(As("gp.worker"), answer->lookup.id));
  EXPECT_EQ(partnership_.GetLookup(As("police.dsl"), answer->lookup.id).error().code, ErrorCode::kNotFound);
}

TEST_F(PartnershipTest, OnlyADslOrChildrensServicesMayAskAndOnlyOfTheirOwnChild) {
  const auto child = Child("school.worker", "Amira", "Hassan", "2015-01-02");
  const auto council_child = Child("council.worker", "Amira", "Hassan", "2015-01-02");
  EXPECT_EQ(partnership_.WhoElseKnows(As("school.worker"), child.id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(partnership_.WhoElseKnows(As("council.dpo"), council_child.id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(partnership_.WhoElseKnows(As("gp.dsl"), child.id).error().code, ErrorCode::kNotFound);
  auto social_worker = partnership_.WhoElseKnows(As("council.worker"), council_child.id);
  ASSERT_TRUE(social_worker) << social_worker.error().message;
  EXPECT_EQ(Named(*social_worker), std::vector<std::string>{"Elm School"});
  const auto parent = RiskAdult("school.worker", child.id);
  auto not_child = partnership_.WhoElseKnows(As("school.dsl"), parent.id);
  ASSERT_FALSE(not_child);
  EXPECT_EQ(not_child.error().field, "child_id");
  // Refusals are audited as refusals.
  const auto outcomes = Audited("partnership.lookup");
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), domain::AuditOutcome::kAllowed), 1);
  EXPECT_GE(std::count(outcomes.begin(), outcomes.end(), domain::AuditOutcome::kDenied), 3);
}

TEST_F(PartnershipTest, AnAdultAroundChildrenKnownToThreeOrganisationsAlertsChildrensServices) {
  const auto a = Child("school.worker", "Kai", "Dunn", "2014-03-03");
  const auto b = Child("gp.worker", "Lily", "Ross", "2013-07-07");
  RiskAdult("school.worker", a.id);
  RiskAdult("gp.worker", b.id, "Darren", "Kell", "1984-02-11");
  auto none = partnership_.RiskAlerts(As("council.dsl"));
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty()) << "two children in two organisations is below the threshold";

  const auto c = Child("police.worker", "Maya", "Stone", "2012-09-09");
  RiskAdult("police.worker", c.id, "Darran", "Kell", "1984-02-11");  // another agency's spelling of him
  auto alerts = partnership_.RiskAlerts(As("council.dsl"));
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].link, domain::RiskLink::kAdult);
  EXPECT_EQ((*alerts)[0].children, 3);
  EXPECT_EQ((*alerts)[0].organisations, 3);
  EXPECT_EQ(Notices("council.dsl", "risk.alert").size(), 1u);
  EXPECT_TRUE(Notices("council.worker", "risk.alert").empty());
  EXPECT_TRUE(Notices("school.dsl", "risk.alert").empty());

  auto view = partnership_.GetRiskAlert(As("council.dsl"), (*alerts)[0].id);
  ASSERT_TRUE(view) << view.error().message;
  std::vector<std::string> names;
  for (const auto& ch : view->children) names.push_back(ch.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Kai Dunn", "Lily Ross", "Maya Stone"}));
  EXPECT_EQ(view->organisations.size(), 3u);
  EXPECT_EQ(view->link_records, 3);

  // Recording the same again changes nothing and tells no one twice; a
  // fourth organisation knowing one of the children widens the alert.
  Child("refuge.worker", "Maya", "Stone", "2012-09-09");
  alerts = partnership_.RiskAlerts(As("council.dsl"));
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].organisations, 4);
  EXPECT_EQ(Notices("council.dsl", "risk.alert").size(), 2u);

  // The refuge withholds its name: counted, never named.
  ASSERT_TRUE(partnership_.SetWithholdName(As("refuge.dsl"), true));
  view = partnership_.GetRiskAlert(As("council.dsl"), (*alerts)[0].id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->withheld_organisations, 1);
  for (const auto& k : view->organisations) EXPECT_NE(k.organisation.id, refuge_);
  for (const auto& ch : view->children)
    EXPECT_EQ(std::find(ch.organisation_ids.begin(), ch.organisation_ids.end(), refuge_), ch.organisation_ids.end());

  EXPECT_EQ(partnership_.RiskAlerts(As("school.dsl")).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(partnership_.RiskAlerts(As("council.worker")).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(partnership_.GetRiskAlert(As("council.dpo"), (*alerts)[0].id).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(PartnershipTest, AnAddressAroundChildrenOfSeveralFamiliesAlertsButOneFamilysHomeDoesNot) {
  // Siblings at home, known to three organisations: a household, not a network.
  Child("school.worker", "Ava", "Lane", "2014-01-01", {}, "7 Quarry Road", "EL1 4QR");
  Child("gp.worker", "Ben", "Lane", "2016-01-01", {}, "7 Quarry Rd", "el14qr");
  Child("police.worker", "Ava", "Lane", "2014-01-01", {}, "7 Quarry Road", "EL1 4QR");
  auto alerts = partnership_.RiskAlerts(As("council.dsl"));
  ASSERT_TRUE(alerts);
  EXPECT_TRUE(alerts->empty());
  // A child of another family recorded at the same house by a third agency.
  Child("refuge.worker", "Zed", "Okoro", "2013-05-05", {}, "Flat at 7 Quarry Road", "EL1 4QR");
  alerts = partnership_.RiskAlerts(As("council.dsl"));
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].link, domain::RiskLink::kAddress);
  EXPECT_EQ((*alerts)[0].children, 3);
  EXPECT_EQ((*alerts)[0].organisations, 4);
}

TEST_F(PartnershipTest, ChildrenNamedTogetherInAConcernAreLinkedTheSameWay) {
  const auto a = Child("school.worker", "Rhys", "Avery", "2011-04-04");
  const auto b = Child("school.worker", "Tia", "Bennett", "2011-06-06");
  Child("gp.worker", "Rhys", "Avery", "2011-04-04");
  Child("police.worker", "Tia", "Bennett", "2011-06-06");
  NewConcern concern{.child_id = a.id,
                     .forms = {domain::AbuseForm::kChildOnChildAbuse},
                     .level = domain::ConcernLevel::kSignificant,
                     .what_happened = "Pressured a younger pupil into sending pictures.",
                     .items = {{.text = "The other pupil is named.", .source = "head of year", .identifies = {b.id}}}};
  auto raised = casework_.RaiseConcern(As("school.worker"), concern);
  ASSERT_TRUE(raised) << raised.error().message;
  auto alerts = partnership_.RiskAlerts(As("council.dsl"));
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].link, domain::RiskLink::kConcern);
  EXPECT_EQ((*alerts)[0].children, 2);
  EXPECT_EQ((*alerts)[0].organisations, 3);
  auto view = partnership_.GetRiskAlert(As("council.dsl"), (*alerts)[0].id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->link_records, 0);
}

TEST_F(PartnershipTest, KeysReadAddressesAndPhoneNumbersAsPeopleWriteThem) {
  EXPECT_EQ(partnership::AddressKey("el1 4qr", "7 Quarry Rd"), partnership::AddressKey("EL1 4QR", "7, Quarry Road, Elm"));
  EXPECT_NE(partnership::AddressKey("EL1 4QR", "7 Quarry Road"), partnership::AddressKey("EL1 4QR", "9 Quarry Road"));
  EXPECT_EQ(partnership::AddressKey("", "7 Quarry Road"), "");
  EXPECT_EQ(partnership::PhoneKey("+44 7700 900123"), "07700900123");
  EXPECT_EQ(partnership::PhoneKey("07700-900-123"), "07700900123");
  EXPECT_EQ(partnership::PhoneKey("0044 7700 900123"), "07700900123");
  EXPECT_EQ(partnership::PhoneKey("999"), "");
}

}  // namespace
}  // namespace jigsaw::service
