// Linking a child recorded again to the record the organisation already
// holds: what is suggested (with its explanation), what links without
// review (only a valid NHS number and date of birth that agree), that twins
// are not suggested, that a person's decision can be undone, that every
// step is audited, and that no other organisation sees any of it.
#include <gtest/gtest.h>

#include <algorithm>

#include "service/administration.h"
#include "service/casework.h"
#include "service/linking.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::MatchStatus;
using domain::Role;

class LinkingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    school_ = Org("Elmside School");
    police_ = Org("Elmside Police");
    teacher_ = As(Add(school_, "school.teacher", {Role::kPractitioner}));
    dsl_ = As(Add(school_, "school.dsl", {Role::kDesignatedSafeguardingLead}));
    dpo_ = As(Add(school_, "school.dpo", {Role::kDataProtectionOfficer}));
    officer_ = As(Add(police_, "police.officer", {Role::kPractitioner}));
  }
  std::string Org(std::string name) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), domain::OrganisationType::kOther, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  static Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }

  domain::Person Child(std::string given, std::string family, std::string born, std::string nhs = {},
                       std::string postcode = "EL1 2AB", std::string address = "3 Quarry Row") {
    domain::Person p;
    p.kind = domain::PersonKind::kChild;
    p.given_name = std::move(given);
    p.family_name = std::move(family);
    p.date_of_birth = std::move(born);
    p.nhs_number = std::move(nhs);
    p.postcode = std::move(postcode);
    p.address = std::move(address);
    auto added = casework_.AddPerson(teacher_, p);
    EXPECT_TRUE(added) << added.error().message;
    return added ? *added : domain::Person{};
  }
  std::vector<MatchView> Waiting(const Context& as) {
    auto list = linking_.Suggestions(as);
    EXPECT_TRUE(list) << list.error().message;
    return list ? *list : std::vector<MatchView>{};
  }
  std::size_t AuditCount(std::string action, std::string object_id) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      q.object_id = std::move(object_id);
      n = JIGSAW_TRY(tx.audit().Search(q)).size();
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
  access::Sealer sealer_ = *access::Sealer::FromKeys({access::Sealer::NewKey()});
  Casework casework_{*store_, clock_, trail_};
  Linking linking_{*store_, clock_, trail_, sealer_};
  Context op_ = Context::Operator();
  std::string school_, police_;
  Context teacher_, dsl_, dpo_, officer_;
};

TEST_F(LinkingServiceTest, AChildRecordedAgainUnderANicknameIsSuggestedWithItsExplanation) {
  const auto william = Child("William", "Fairbrother", "2015-06-14");
  const auto bill = Child("Bill", "Fairbrother", "2015-06-14");
  const auto waiting = Waiting(teacher_);
  ASSERT_EQ(waiting.size(), 1u);
  const MatchView& m = waiting[0];
  EXPECT_EQ(m.match.person_id, william.id);
  EXPECT_EQ(m.match.subject, domain::MatchSubject::kPerson);
  EXPECT_EQ(m.match.subject_id, bill.id);
  ASSERT_TRUE(m.other_person);
  EXPECT_EQ(m.other_person->given_name, "Bill");
  EXPECT_EQ(m.match.status, MatchStatus::kSuggested) << "no NHS number: a person decides";
  EXPECT_GE(m.match.probability, kSuggestionFloor);
  // The explanation: each field's level and weight.
  auto given = std::find_if(m.match.evidence.begin(), m.match.evidence.end(), [](const auto& e) { return e.field == "given_name"; });
  ASSERT_NE(given, m.match.evidence.end());
  EXPECT_EQ(given->level, "nickname");
  EXPECT_GT(given->weight, 0);
  auto born = std::find_if(m.match.evidence.begin(), m.match.evidence.end(), [](const auto& e) { return e.field == "date_of_birth"; });
  ASSERT_NE(born, m.match.evidence.end());
  EXPECT_EQ(born->level, "exact");
  // The evidence read back is the evidence that was scored: they add up.
  double sum = m.match.prior_weight + m.match.relative_term;
  for (const auto& e : m.match.evidence) sum += e.weight;
  EXPECT_NEAR(sum, m.match.match_weight, 1e-4);
  EXPECT_EQ(AuditCount("match.suggest", m.match.id), 1u);
}

TEST_F(LinkingServiceTest, TwinsAreNotSuggestedAsOneChild) {
  Child("Amelia", "Okonjo", "2016-02-09");
  Child("Isla", "Okonjo", "2016-02-09");
  EXPECT_TRUE(Waiting(teacher_).empty()) << "same family name, birthday and address, different given names: two children";
}

TEST_F(LinkingServiceTest, OnlyTheSameValidNhsNumberAndDateOfBirthLinkWithoutReview) {
  const auto first = Child("Noah", "Pell", "2014-01-20", "943 476 5919");
  const auto second = Child("Noah", "Pell", "2014-01-20", "9434765919", "EL9 9ZZ", "1 Other Street");
  auto picture = linking_.PictureOf(teacher_, first.id);
  ASSERT_TRUE(picture) << picture.error().message;
  ASSERT_EQ(picture->matches.size(), 1u);
  const auto& m = picture->matches[0].match;
  EXPECT_EQ(m.status, MatchStatus::kLinkedAutomatically);
  EXPECT_TRUE(m.decided_by.empty()) << "nobody decided: it says it was automatic";
  EXPECT_EQ(m.subject_id, second.id);
  EXPECT_TRUE(Waiting(teacher_).empty()) << "nothing to review";
  EXPECT_EQ(AuditCount("match.link_automatically", m.id), 1u);

  // The same number with another date of birth is for a person to judge.
  Child("Noah", "Pell", "2014-01-02", "9434765919");
  const auto waiting = Waiting(teacher_);
  ASSERT_FALSE(waiting.empty());
  for (const auto& w : waiting) EXPECT_EQ(w.match.status, MatchStatus::kSuggested);
}

TEST_F(LinkingServiceTest, APersonConfirmsOrRejectsAndCanUndoALink) {
  Child("Mohammed", "Rahman", "2013-09-30");
  Child("Muhammad", "Rahman", "2013-09-30");
  auto waiting = Waiting(dsl_);
  ASSERT_EQ(waiting.size(), 1u);
  const std::string id = waiting[0].match.id;

  auto confirmed = linking_.Confirm(dsl_, id);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->status, MatchStatus::kConfirmed);
  EXPECT_EQ(confirmed->decided_by, dsl_.actor.practitioner_id);
  EXPECT_TRUE(Waiting(dsl_).empty());
  auto again = linking_.Confirm(dsl_, id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(linking_.Reject(dsl_, id)) << "a link is undone, not rejected";

  auto undone = linking_.Unlink(teacher_, id);
  ASSERT_TRUE(undone) << undone.error().message;
  EXPECT_EQ(undone->status, MatchStatus::kUnlinked);
  EXPECT_EQ(undone->unlinked_by, teacher_.actor.practitioner_id);
  auto stored = linking_.GetMatch(teacher_, id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->match.status, MatchStatus::kUnlinked);
  EXPECT_FALSE(linking_.Unlink(teacher_, id));
  EXPECT_EQ(AuditCount("match.confirm", id), 1u);
  EXPECT_EQ(AuditCount("match.unlink", id), 1u);

  Child("Jessica", "Demir", "2012-04-04");
  Child("Jesica", "Demir", "2012-04-04");
  waiting = Waiting(teacher_);
  ASSERT_EQ(waiting.size(), 1u);
  auto rejected = linking_.Reject(teacher_, waiting[0].match.id);
  ASSERT_TRUE(rejected) << rejected.error().message;
  EXPECT_EQ(rejected->status, MatchStatus::kRejected);
  EXPECT_TRUE(Waiting(teacher_).empty());
}

TEST_F(LinkingServiceTest, NoOneOutsideTheOrganisationOrItsCaseworkersSeesMatches) {
  Child("Oliver", "Stroud", "2015-11-11");
  Child("Ollie", "Stroud", "2015-11-11");
  const auto waiting = Waiting(teacher_);
  ASSERT_EQ(waiting.size(), 1u);
  const std::string id = waiting[0].match.id;
  // Another organisation: not found, as if it did not exist.
  auto other = linking_.GetMatch(officer_, id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(linking_.Confirm(officer_, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(linking_.Unlink(officer_, id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Waiting(officer_).empty());
  EXPECT_EQ(linking_.PictureOf(officer_, waiting[0].person.id).error().code, ErrorCode::kNotFound);
  // A data protection officer oversees sharing, not casework.
  EXPECT_EQ(linking_.GetMatch(dpo_, id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(linking_.Suggestions(dpo_));
  // Every refusal is in the audit log.
  EXPECT_GE(AuditCount("match.view", id), 2u);
  auto still = linking_.GetMatch(teacher_, id);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->match.status, MatchStatus::kSuggested) << "refused attempts changed nothing";
}

TEST_F(LinkingServiceTest, AConfirmedRecordsEventsJoinTheChildsChronology) {
  const auto first = Child("Grace", "Hollins", "2016-07-07");
  const auto again = Child("Gracie", "Hollins", "2016-07-07");
  NewConcern concern{.child_id = again.id, .forms = {domain::AbuseForm::kNeglect}, .level = domain::ConcernLevel::kLow,
                     .what_happened = "Came to school hungry.", .child_words = {}, .items = {}};
  ASSERT_TRUE(casework_.RaiseConcern(teacher_, concern));
  auto before = linking_.PictureOf(teacher_, first.id);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->rows.empty()) << "not linked yet";
  const auto waiting = Waiting(teacher_);
  ASSERT_EQ(waiting.size(), 1u);
  ASSERT_TRUE(linking_.Confirm(teacher_, waiting[0].match.id));
  auto after = linking_.PictureOf(teacher_, first.id);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->rows.size(), 1u);
  EXPECT_EQ(after->rows[0].kind, PictureRowKind::kOwnEvent);
  EXPECT_TRUE(after->rows[0].own);
  EXPECT_EQ(after->rows[0].organisation, "Elmside School");
  EXPECT_EQ(after->rows[0].object_type, "concern");
}

}  // namespace
}  // namespace jigsaw::service
