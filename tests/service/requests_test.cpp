// Information requests and advice as use cases, on each backend: a holder
// answers "not known to us" in one step; a GP answers with what they type,
// through the same redaction and disclosure as any share (a protected
// person's name never leaves); the people around a child reach the holder
// with the request; and a question to a role nobody holds is refused,
// naming the role, with nothing written.
#include <gtest/gtest.h>

#include <algorithm>

#include "service/administration.h"
#include "service/casework.h"
#include "service/requests.h"
#include "service/sharing.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::ParentalResponsibility;
using domain::RequestStatus;
using domain::Role;

class RequestsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    council_ = Org("Elmside Children's Services", domain::OrganisationType::kChildrensServices);
    surgery_ = Org("Elmside Surgery", domain::OrganisationType::kGpPractice);
    social_worker_ = As(Add(council_, "council.worker", {Role::kPractitioner}));
    doctor_ = As(Add(surgery_, "surgery.doctor", {Role::kPractitioner}));
    surgery_dsl_ = As(Add(surgery_, "surgery.dsl", {Role::kDesignatedSafeguardingLead}));
  }
  std::string Org(std::string name, domain::OrganisationType type) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), type, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }
  static Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }

  domain::InformationRequest Asking() const {
    domain::InformationRequest r;
    r.holder_organisation_id = surgery_;
    r.child_given_name = "Ruby";
    r.child_family_name = "Hale";
    r.child_date_of_birth = "2016-02-29";
    r.needed = "Missed appointments and any injuries seen this year.";
    r.reason = "A child and family assessment under section 17 has started.";
    return r;
  }
  std::string Ask() {
    auto asked = requests_.AskForInformation(social_worker_, Asking());
    EXPECT_TRUE(asked) << asked.error().message;
    return asked ? asked->id : "";
  }
  TypedAnswer Typed(const std::string& request_id) const {
    TypedAnswer a;
    a.information_request_id = request_id;
    NewItem first;
    first.text = "Two missed immunisation appointments since March.";
    first.source = "GP record";
    first.date = "2026-10-02";
    first.accuracy = domain::Accuracy::kVerified;
    NewItem second;
    second.text = "Shona Pell brought Ruby in with a burn on her hand; mum was not there.";
    second.source = "Practice nurse";
    second.accuracy = domain::Accuracy::kOpinion;
    a.items = {first, second};
    a.circumstances.risk = guidance::Risk::kSignificant;
    a.record.rationale = "The council is assessing Ruby's safety; these are what they need.";
    a.record.lawful_basis = "public_task";
    a.record.informing = domain::Informing{false, {}, {}, "Telling the family could put Ruby at greater risk."};
    return a;
  }
  std::size_t AuditCount(std::string action, domain::AuditOutcome outcome = domain::AuditOutcome::kAllowed) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = std::move(action);
      q.limit = 100;
      for (const auto& r : JIGSAW_TRY(tx.audit().Search(q))) n += r.outcome == outcome ? 1 : 0;
      return Ok();
    }));
    return n;
  }
  std::vector<std::string> Notices(const Context& who) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      for (const auto& n : JIGSAW_TRY(tx.casework().Notifications(who.actor.practitioner_id, false, 100)))
        out.push_back(n.kind);
      return Ok();
    }));
    return out;
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};  // 2026-11-24
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  access::Sealer sealer_ = *access::Sealer::FromKeys({access::Sealer::NewKey()});
  WorkflowPolicy policy_{};
  Casework casework_{*store_, clock_, trail_};
  Requests requests_{*store_, clock_, trail_};
  Sharing sharing_{*store_, clock_, trail_, sealer_, policy_};
  Context op_ = Context::Operator();
  std::string council_, surgery_;
  Context social_worker_, doctor_, surgery_dsl_;
};

TEST_F(RequestsServiceTest, NotKnownAnswersTheRequestInOneStepAndTheRequesterIsTold) {
  const std::string id = Ask();
  // Only the holder answers.
  EXPECT_FALSE(requests_.AnswerNotKnown(social_worker_, id, ""));
  EXPECT_EQ(AuditCount("request.not_known"), 0u);

  auto answered = requests_.AnswerNotKnown(doctor_, id, "  We searched by name and date of birth.  ");
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->request.status, RequestStatus::kNotKnown);
  auto seen = requests_.GetInformationRequest(social_worker_, id);
  ASSERT_TRUE(seen) << seen.error().message;
  EXPECT_EQ(seen->request.status, RequestStatus::kNotKnown);
  ASSERT_EQ(seen->messages.size(), 1u);
  EXPECT_EQ(seen->messages[0].kind, domain::RequestMessageKind::kNotKnown);
  EXPECT_EQ(seen->messages[0].text, "We searched by name and date of birth.");
  EXPECT_EQ(seen->messages[0].organisation_id, surgery_);
  EXPECT_EQ(Notices(social_worker_), std::vector<std::string>{"request.not_known"});
  EXPECT_EQ(AuditCount("request.not_known"), 1u);
  auto open = requests_.InformationRequests(doctor_, true);
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u) << "answered requests are still listed";

  // Answered as any answer is: once, until the requester asks again.
  auto again = requests_.AnswerNotKnown(doctor_, id, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().field, "status");
  auto share_now = sharing_.AnswerWithItems(doctor_, Typed(id));
  ASSERT_FALSE(share_now);
  EXPECT_EQ(share_now.error().code, ErrorCode::kFailedPrecondition);
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(requests_.AddMessage(social_worker_, id, domain::RequestMessageKind::kReconsiderationRequested,
                                   "She is registered with you under her father's surname, Pell."));
  clock_.Advance(std::chrono::minutes(5));
  auto second = requests_.AnswerNotKnown(doctor_, id, "");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->request.status, RequestStatus::kNotKnown);
  ASSERT_EQ(second->messages.size(), 3u);
  EXPECT_EQ(second->messages.back().kind, domain::RequestMessageKind::kNotKnown);
  EXPECT_EQ(second->messages.back().text, "") << "the note is optional";
}

// Golden rule 5 where the names meet: the surgery protects Ruby's mother,
// who shares her surname. Ruby is named; every other use of "Hale" is her
// mother, or may be, and never leaves.
TEST_F(RequestsServiceTest, AProtectedMotherWhoSharesTheChildsSurnameIsWithheldAndTheChildIsStillNamed) {
  domain::Person kerry;
  kerry.kind = domain::PersonKind::kParent;
  kerry.given_name = "Kerry";
  kerry.family_name = "Hale";
  kerry.is_protected = true;
  kerry.protected_reason = "In a refuge";
  ASSERT_TRUE(casework_.AddPerson(doctor_, kerry));
  const std::string id = Ask();
  TypedAnswer a = Typed(id);
  a.items[1].text = "Mrs Hale brought Ruby Hale in with a burn. K. Hale signed the form; Hale's car was outside.";
  auto answered = sharing_.AnswerWithItems(doctor_, a);
  ASSERT_TRUE(answered) << answered.error().message;
  ASSERT_TRUE(answered->disclosure);
  auto opened = sharing_.GetDisclosure(social_worker_, answered->disclosure->id);
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_EQ(opened->content.items.size(), 2u);
  EXPECT_EQ(opened->content.items[1].text,
            "Mrs [name withheld] brought Ruby Hale in with a burn. [name withheld] signed the form; [name withheld] car was outside.");
  EXPECT_EQ(opened->content_json.find("Kerry"), std::string::npos) << opened->content_json;
  ASSERT_TRUE(opened->content.child);
  EXPECT_EQ(opened->content.child->family_name, "Hale") << "the child is named";
}

TEST_F(RequestsServiceTest, TheHolderIsOfferedTheChildrenItAlreadyHoldsWhoCouldBeTheOneAskedAbout) {
  auto add = [&](domain::PersonKind kind, std::string given, std::string dob) {
    auto p = casework_.AddPerson(doctor_, {.kind = kind, .given_name = std::move(given), .family_name = "Hale",
                                           .date_of_birth = std::move(dob)});
    EXPECT_TRUE(p) << p.error().message;
    return p ? p->id : "";
  };
  const std::string ruby = add(domain::PersonKind::kChild, "Ruby", "2016-02-29");
  add(domain::PersonKind::kChild, "Rose", "2018-05-01");   // another child of the family
  add(domain::PersonKind::kParent, "Kerry", "");  // not a child
  auto offered = casework_.ChildrenLike(doctor_, Asking());
  ASSERT_TRUE(offered) << offered.error().message;
  std::vector<std::string> ids;
  for (const auto& p : *offered) ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, std::vector<std::string>{ruby});
  EXPECT_TRUE(casework_.ChildrenLike(social_worker_, Asking())->empty()) << "only the organisation's own records";
}

TEST_F(RequestsServiceTest, ATypedAnswerIsSharedLikeAnyDisclosureAndAProtectedNameNeverLeaves) {
  // A woman the surgery protects (she fled the father), not known to be
  // connected to Ruby in its records.
  domain::Person shona;
  shona.kind = domain::PersonKind::kThirdParty;
  shona.given_name = "Shona";
  shona.family_name = "Pell";
  shona.is_protected = true;
  shona.protected_reason = "Fled domestic abuse";
  ASSERT_TRUE(casework_.AddPerson(doctor_, shona));
  const std::string id = Ask();

  // Bad input names the field and writes nothing.
  TypedAnswer blank = Typed(id);
  blank.items[1].text = "  ";
  auto refused = sharing_.AnswerWithItems(doctor_, blank);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "items[1].text");
  TypedAnswer no_basis = Typed(id);
  no_basis.record.lawful_basis.clear();
  EXPECT_EQ(sharing_.AnswerWithItems(doctor_, no_basis).error().field, "lawful_basis");
  EXPECT_EQ(sharing_.AnswerWithItems(doctor_, TypedAnswer{.information_request_id = id}).error().field, "items");
  EXPECT_EQ(sharing_.AnswerWithItems(social_worker_, Typed(id)).error().code, ErrorCode::kNotFound)
      << "only the holder answers";
  auto people = casework_.FindPeople(doctor_, "Hale");
  ASSERT_TRUE(people);
  EXPECT_TRUE(people->empty()) << "a refused answer records no child";
  EXPECT_EQ(AuditCount("item.create"), 0u);

  auto answered = sharing_.AnswerWithItems(doctor_, Typed(id));
  ASSERT_TRUE(answered) << answered.error().message;
  ASSERT_TRUE(answered->disclosure) << "a GP's practitioner shares directly";
  EXPECT_EQ(answered->decision.outcome, domain::DecisionOutcome::kShare);
  EXPECT_EQ(answered->decision.information_request_id, id);
  EXPECT_TRUE(answered->decision.concern_id.empty()) << "no concern was recorded";
  EXPECT_EQ(answered->decision.item_ids.size(), 2u);
  ASSERT_EQ(answered->decision.mention_reviews.size(), 1u) << "the mention is recorded as withheld";
  EXPECT_EQ(answered->decision.mention_reviews[0].choice, domain::MentionChoice::kWithhold);
  EXPECT_EQ(AuditCount("item.create"), 2u);
  EXPECT_EQ(AuditCount("decision.create"), 1u);

  // The child is now in the surgery's records, from the request's details.
  people = casework_.FindPeople(doctor_, "Hale");
  ASSERT_TRUE(people);
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ((*people)[0].date_of_birth, "2016-02-29");
  EXPECT_EQ(answered->decision.child_id, (*people)[0].id);

  // The council reads the answer: both pieces, as typed, the name withheld.
  auto request = requests_.GetInformationRequest(social_worker_, id);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->request.status, RequestStatus::kAnswered);
  auto opened = sharing_.GetDisclosure(social_worker_, answered->disclosure->id);
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_EQ(opened->content.items.size(), 2u);
  EXPECT_EQ(opened->content.items[0].text, "Two missed immunisation appointments since March.");
  EXPECT_EQ(opened->content.items[0].source, "GP record");
  EXPECT_EQ(opened->content.items[0].date, "2026-10-02");
  EXPECT_EQ(opened->content.items[0].accuracy, domain::Accuracy::kVerified);
  EXPECT_EQ(opened->content.items[1].accuracy, domain::Accuracy::kOpinion);
  EXPECT_EQ(opened->content_json.find("Shona"), std::string::npos) << opened->content_json;
  EXPECT_EQ(opened->content_json.find("Pell"), std::string::npos) << opened->content_json;
  EXPECT_NE(opened->content.items[1].text.find("brought Ruby in with a burn"), std::string::npos);
  ASSERT_TRUE(opened->content.child);
  EXPECT_EQ(opened->content.child->given_name, "Ruby");

  // One answer per question.
  auto again = sharing_.AnswerWithItems(doctor_, Typed(id));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);

  // Sent in error and recalled, it answers nothing: the request is open
  // again for the surgery, and the council is told.
  ASSERT_TRUE(sharing_.Recall(doctor_, answered->disclosure->id, "The wrong child's record."));
  auto reopened = requests_.GetInformationRequest(doctor_, id);
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ(reopened->request.status, RequestStatus::kOpen);
  const auto notices = Notices(social_worker_);
  EXPECT_NE(std::find(notices.begin(), notices.end(), "request.answer_recalled"), notices.end());
  EXPECT_TRUE(sharing_.AnswerWithItems(doctor_, Typed(id))) << "the surgery can answer it properly now";
}

TEST_F(RequestsServiceTest, ATypedAnswerWithoutADateOfBirthNeedsTheChildChosen) {
  domain::InformationRequest r = Asking();
  r.child_date_of_birth.clear();
  auto asked = requests_.AskForInformation(social_worker_, r);
  ASSERT_TRUE(asked);
  auto refused = sharing_.AnswerWithItems(doctor_, Typed(asked->id));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "child_id");

  // A child named must be the holder's record of a child.
  domain::Person mother;
  mother.kind = domain::PersonKind::kParent;
  mother.given_name = "Jo";
  mother.family_name = "Hale";
  auto parent = casework_.AddPerson(doctor_, mother);
  ASSERT_TRUE(parent);
  TypedAnswer wrong = Typed(asked->id);
  wrong.child_id = parent->id;
  EXPECT_EQ(sharing_.AnswerWithItems(doctor_, wrong).error().field, "child_id");
  wrong.child_id = "not-ours";
  EXPECT_EQ(sharing_.AnswerWithItems(doctor_, wrong).error().field, "child_id");

  domain::Person ruby;
  ruby.kind = domain::PersonKind::kChild;
  ruby.given_name = "Ruby";
  ruby.family_name = "Hale";
  ruby.date_of_birth = "2016-02-29";
  auto recorded = casework_.AddPerson(doctor_, ruby);
  ASSERT_TRUE(recorded);
  TypedAnswer chosen = Typed(asked->id);
  chosen.child_id = recorded->id;
  auto answered = sharing_.AnswerWithItems(doctor_, chosen);
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->decision.child_id, recorded->id);
}

// Where staff shares go through the DSL, a member of staff's typed answer
// waits for approval: the request is not answered again meanwhile (a second
// proposal, or "not known", would contradict the first), the holder is told
// why, and the requester learns nothing of an answer not yet sent.
TEST_F(RequestsServiceTest, ATypedAnswerWaitingForTheDslIsNotAnsweredAgainMeanwhile) {
  auto school = admin_.AddOrganisation(op_, {"Elmside Primary", domain::OrganisationType::kSchool, domain::Sector::kPublic});
  ASSERT_TRUE(school);
  const Context teacher = As(Add(school->id, "school.teacher", {Role::kPractitioner}));
  const Context school_dsl = As(Add(school->id, "school.dsl", {Role::kDesignatedSafeguardingLead}));
  auto asking = Asking();
  asking.holder_organisation_id = school->id;
  auto asked = requests_.AskForInformation(social_worker_, asking);
  ASSERT_TRUE(asked) << asked.error().message;

  auto proposed = sharing_.AnswerWithItems(teacher, Typed(asked->id));
  ASSERT_TRUE(proposed) << proposed.error().message;
  EXPECT_FALSE(proposed->disclosure) << "held for the DSL, not sent";
  auto holder_view = requests_.GetInformationRequest(teacher, asked->id);
  ASSERT_TRUE(holder_view);
  EXPECT_EQ(holder_view->answer_awaiting_approval, proposed->decision.id);
  EXPECT_EQ(holder_view->request.status, RequestStatus::kOpen);
  auto requester_view = requests_.GetInformationRequest(social_worker_, asked->id);
  ASSERT_TRUE(requester_view);
  EXPECT_TRUE(requester_view->answer_awaiting_approval.empty());

  const auto decisions_before = AuditCount("decision.create");
  auto second = sharing_.AnswerWithItems(teacher, Typed(asked->id));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(second.error().message.find("waiting for your designated safeguarding lead"), std::string::npos);
  EXPECT_EQ(AuditCount("decision.create"), decisions_before) << "nothing written";
  auto not_known = requests_.AnswerNotKnown(school_dsl, asked->id, "");
  ASSERT_FALSE(not_known);
  EXPECT_EQ(not_known.error().code, ErrorCode::kFailedPrecondition);
  // Nor through "Should I share?" by the DSL: approved later, the request would be answered twice.
  NewDecision other;
  other.child_id = proposed->decision.child_id;
  other.information_request_id = asked->id;
  other.circumstances = Circumstances{};
  other.outcome = domain::DecisionOutcome::kNotShare;
  other.record.rationale = "Nothing to add.";
  auto decided = sharing_.Decide(school_dsl, other);
  ASSERT_FALSE(decided);
  EXPECT_EQ(decided.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(decided.error().message.find("waiting for your designated safeguarding lead"), std::string::npos);
  EXPECT_EQ(AuditCount("decision.create"), decisions_before) << "nothing written";

  // Approved, it answers the request, and nothing waits any more.
  ASSERT_TRUE(sharing_.Approve(school_dsl, proposed->decision.id));
  auto answered = requests_.GetInformationRequest(teacher, asked->id);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->request.status, RequestStatus::kAnswered);
  EXPECT_TRUE(answered->answer_awaiting_approval.empty());
}

TEST_F(RequestsServiceTest, PeopleAroundTheChildReachTheHolderInTheOrderGiven) {
  domain::InformationRequest r = Asking();
  r.people = {{"Dan Hale", "mother's partner", ParentalResponsibility::kDoesNotHave},
              {"  Marta Hale-Ruiz ", "grandmother", ParentalResponsibility::kHas}};
  auto asked = requests_.AskForInformation(social_worker_, r);
  ASSERT_TRUE(asked) << asked.error().message;
  auto seen = requests_.GetInformationRequest(doctor_, asked->id);
  ASSERT_TRUE(seen) << seen.error().message;
  ASSERT_EQ(seen->request.people.size(), 2u);
  EXPECT_EQ(seen->request.people[0].name, "Dan Hale");
  EXPECT_EQ(seen->request.people[0].relationship, "mother's partner");
  EXPECT_EQ(seen->request.people[0].parental_responsibility, ParentalResponsibility::kDoesNotHave);
  EXPECT_EQ(seen->request.people[1].name, "Marta Hale-Ruiz");
  EXPECT_EQ(seen->request.people[1].parental_responsibility, ParentalResponsibility::kHas);

  // A name field carries a name, as the child's does: nothing is sent otherwise.
  domain::InformationRequest phone = Asking();
  phone.people = {{"Dan Hale", "partner", ParentalResponsibility::kNotKnown},
                  {"Dan 07700 900123", "partner", ParentalResponsibility::kNotKnown}};
  auto refused = requests_.AskForInformation(social_worker_, phone);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "people[1].name");
  domain::InformationRequest blank = Asking();
  blank.people = {{"Dan Hale", " ", ParentalResponsibility::kNotKnown}};
  EXPECT_EQ(requests_.AskForInformation(social_worker_, blank).error().field, "people[0].relationship");
  auto received = requests_.InformationRequests(doctor_, true);
  ASSERT_TRUE(received);
  ASSERT_EQ(received->size(), 1u) << "only the first request was sent";
  EXPECT_EQ((*received)[0].people.size(), 2u) << "a list reads as the request does";
}

TEST_F(RequestsServiceTest, AdviceForARoleNobodyHoldsIsRefusedNamingTheRoleAndNothingIsWritten) {
  domain::AdviceRequest a;
  a.adviser = domain::AdviserRole::kCaldicottGuardian;
  a.question = "May I tell the school nurse about Ruby's burn?";
  auto refused = requests_.AskForAdvice(doctor_, a);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().field, "adviser");
  EXPECT_NE(refused.error().message.find("Caldicott guardian"), std::string::npos) << refused.error().message;
  auto mine = requests_.AdviceRequests(doctor_, false);
  ASSERT_TRUE(mine);
  EXPECT_TRUE(mine->empty());
  EXPECT_EQ(AuditCount("advice.create"), 0u);

  // A disabled holder answers nobody.
  auto guardian = Add(surgery_, "surgery.guardian", {Role::kCaldicottGuardian});
  const Context administrator = As(Add(surgery_, "surgery.admin", {Role::kAdministrator}));
  ASSERT_TRUE(admin_.SetAccountState(administrator, guardian.id, AccountState::kDisabled));
  EXPECT_EQ(requests_.AskForAdvice(doctor_, a).error().field, "adviser");

  // The role someone holds is asked.
  a.adviser = domain::AdviserRole::kDesignatedSafeguardingLead;
  auto asked = requests_.AskForAdvice(doctor_, a);
  ASSERT_TRUE(asked) << asked.error().message;
  EXPECT_EQ(AuditCount("advice.create"), 1u);
}

}  // namespace
}  // namespace jigsaw::service
