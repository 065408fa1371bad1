// Issue 12, item 6, at the service: a police force's references are kept
// with its decision and sealed into the disclosure the recipient opens;
// another organisation's are refused; a bad reference is refused naming
// its field, reported with the record's problems by the preview, and
// nothing is written. Checked against the store on both backends.
#include <gtest/gtest.h>

#include "common/random.h"
#include "service/administration.h"
#include "service/casework.h"
#include "service/sharing.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::OrganisationType;
using domain::Role;

class PoliceReferencesServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    const std::string police = Org("Elmside Police", OrganisationType::kPolice);
    const std::string youth_justice = Org("Elmside Youth Justice", OrganisationType::kYouthJustice);
    council_ = Org("Elmside Council", OrganisationType::kChildrensServices);
    officer_ = As(Add(police, "officer"));
    worker_ = As(Add(youth_justice, "worker"));
    social_worker_ = As(Add(council_, "social.worker"));
  }
  std::string Org(std::string name, OrganisationType type) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), type, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }
  domain::Practitioner Add(const std::string& org, std::string username) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", {Role::kPractitioner}, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }

  // A child, a concern and one item of `who`'s organisation, and a decision to share it.
  NewDecision Share(const Context& who) {
    domain::Person child{.kind = domain::PersonKind::kChild, .given_name = "Ada", .family_name = "Elm",
                         .date_of_birth = "2016-03-04"};
    auto added = casework_.AddPerson(who, child);
    EXPECT_TRUE(added) << added.error().message;
    NewConcern c{.child_id = added->id, .forms = {domain::AbuseForm::kDomesticAbuse},
                 .level = domain::ConcernLevel::kSignificant, .what_happened = "Present at a domestic incident."};
    c.items.push_back({.text = "Ada was present at a domestic incident.", .source = "attending officer",
                       .accuracy = domain::Accuracy::kVerified});
    auto raised = casework_.RaiseConcern(who, c);
    EXPECT_TRUE(raised) << raised.error().message;
    NewDecision d;
    d.concern_id = raised->concern.id;
    d.recipient_organisation_id = council_;
    d.circumstances = Circumstances{.purpose = guidance::Purpose::kSafeguarding, .risk = guidance::Risk::kSignificant};
    d.circumstances->informing.compromises_investigation = true;
    d.items = {{raised->items[0].id, true, true}};
    d.share_items = {raised->items[0].id};
    d.outcome = domain::DecisionOutcome::kShare;
    d.record.rationale = "Ada witnessed domestic abuse at home.";
    d.record.lawful_basis = "public_task";
    d.record.informing = domain::Informing{.reason_not_told = "It could harm the investigation."};
    return d;
  }

  std::size_t DecisionsOf(const Context& who) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      n = JIGSAW_TRY(tx.casework().Decisions({.organisation_id = who.actor.organisation_id})).size();
      return Ok();
    }));
    return n;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Casework casework_{*store_, clock_, trail_};
  access::Sealer sealer_ = *access::Sealer::FromSecret(RandomBytes(32));
  WorkflowPolicy policy_;
  Sharing sharing_{*store_, clock_, trail_, sealer_, policy_};
  Context op_ = Context::Operator();
  Context officer_, worker_, social_worker_;
  std::string council_;
};

TEST_F(PoliceReferencesServiceTest, KeptWithTheDecisionAndSealedForTheRecipient) {
  NewDecision d = Share(officer_);
  auto preview = sharing_.Preview(officer_, d);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_TRUE(preview->police_references);
  d.record.police = {" CR/012345/24 ", "PPN-2024-0099", domain::DashRisk::kHigh};
  const domain::PoliceReferences expected{"CR/012345/24", "PPN-2024-0099", domain::DashRisk::kHigh};
  auto decided = sharing_.Decide(officer_, d);
  ASSERT_TRUE(decided) << decided.error().message;
  ASSERT_TRUE(decided->disclosure);
  auto stored = sharing_.GetDecision(officer_, decided->decision.id);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->decision.record.police, expected) << "stored, trimmed, and read back typed";
  auto opened = sharing_.GetDisclosure(social_worker_, decided->disclosure->id);
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_TRUE(opened->content.police);
  EXPECT_EQ(*opened->content.police, expected);
}

TEST_F(PoliceReferencesServiceTest, AnotherOrganisationIsNotAskedAndIsRefusedThem) {
  NewDecision d = Share(worker_);
  auto preview = sharing_.Preview(worker_, d);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_FALSE(preview->police_references);
  d.record.police.dash_risk = domain::DashRisk::kMedium;
  auto refused = sharing_.Decide(worker_, d);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "police");
  EXPECT_EQ(DecisionsOf(worker_), 0u);
}

TEST_F(PoliceReferencesServiceTest, ABadReferenceNamesItsFieldAndNothingIsWritten) {
  NewDecision d = Share(officer_);
  d.record.police = {"Olive Pratchett", "07700 900123", std::nullopt};
  auto preview = sharing_.Preview(officer_, d);
  ASSERT_TRUE(preview) << preview.error().message;
  std::vector<std::string> fields;
  for (const auto& p : preview->record_problems) fields.push_back(p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"police.occurrence_reference", "police.ppn_reference"}))
      << "the preview reports both, for the page to show together";
  auto refused = sharing_.Decide(officer_, d);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "police.occurrence_reference");
  EXPECT_EQ(DecisionsOf(officer_), 0u);
}

}  // namespace
}  // namespace jigsaw::service
