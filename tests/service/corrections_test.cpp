// Issue 17, item 2, at the service on each backend: a person corrected
// (above all, marked protected after being recorded) is withheld from every
// later disclosure exactly as if protected from the start, the earlier
// version kept and shown as superseded; an item corrected after it was
// disclosed reaches the recipient as a correction linked to the earlier
// disclosure, which is marked corrected (UK GDPR Article 19); a correction
// without a reason is refused and changes nothing; and someone who may not
// edit the concern cannot correct.
#include <gtest/gtest.h>

#include "common/random.h"
#include "service/administration.h"
#include "service/casework.h"
#include "service/corrections.h"
#include "service/requests.h"
#include "service/sharing.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::Role;

class CorrectionsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    const std::string school = Org("Elmside School", domain::OrganisationType::kSchool);
    council_ = Org("Elmside Council", domain::OrganisationType::kChildrensServices);
    teacher_ = As(Add(school, "school.teacher", {Role::kPractitioner}));
    other_teacher_ = As(Add(school, "school.other", {Role::kPractitioner}));
    dsl_ = As(Add(school, "school.dsl", {Role::kDesignatedSafeguardingLead}));
    worker_ = As(Add(council_, "council.worker", {Role::kPractitioner}));

    auto child = casework_.AddPerson(teacher_, {.kind = domain::PersonKind::kChild, .given_name = "Ada",
                                                .family_name = "Elm", .date_of_birth = "2016-03-04"});
    ASSERT_TRUE(child) << child.error().message;
    child_ = child->id;
    auto mother = casework_.AddPerson(
        teacher_,
        {.kind = domain::PersonKind::kParent, .given_name = "Olive", .family_name = "Pratchett",
         .address = "12 Refuge Road, Elmside", .postcode = "EL1 2AB"},
        LinkTo{child_, domain::RelationshipKind::kParent});
    ASSERT_TRUE(mother) << mother.error().message;
    mother_ = mother->id;
    NewConcern c{.child_id = child_, .forms = {domain::AbuseForm::kDomesticAbuse},
                 .level = domain::ConcernLevel::kSignificant, .what_happened = "Ada spoke of shouting at home."};
    c.items.push_back({.text = "Ada now lives with Olive Pratchett at 12 Refuge Road, Elmside.",
                       .source = "class teacher", .accuracy = domain::Accuracy::kUnverified,
                       .identifies = {mother_}});
    auto raised = casework_.RaiseConcern(teacher_, c);
    ASSERT_TRUE(raised) << raised.error().message;
    concern_ = raised->concern.id;
    item_ = raised->items[0].id;
  }
  std::string Org(std::string name, domain::OrganisationType type) {
    auto org = admin_.AddOrganisation(op_, {std::move(name), type, domain::Sector::kPublic});
    EXPECT_TRUE(org);
    return org ? org->id : "";
  }
  static Context As(const domain::Practitioner& p) { return Context{access::Actor{p.id, p.organisation_id, p.roles}, "req"}; }
  domain::Practitioner Add(const std::string& org, std::string username, domain::RoleSet roles) {
    auto p = admin_.AddPractitioner(op_, {org, std::move(username), "Sam Elm", roles, "long enough password"});
    EXPECT_TRUE(p) << p.error().message;
    return p ? *p : domain::Practitioner{};
  }

  NewDecision Share() const {
    NewDecision d;
    d.concern_id = concern_;
    d.recipient_organisation_id = council_;
    d.circumstances = Circumstances{.purpose = guidance::Purpose::kSafeguarding, .risk = guidance::Risk::kSignificant};
    d.circumstances->informing.compromises_investigation = true;
    d.items = {{item_, true, true}};
    d.share_items = {item_};
    d.outcome = domain::DecisionOutcome::kShare;
    d.record.rationale = "Ada may be living with domestic abuse.";
    d.record.lawful_basis = "public_task";
    d.record.informing = domain::Informing{.reason_not_told = "It could place Ada at risk."};
    return d;
  }
  // Shared by the DSL: a school's staff shares wait for the DSL's approval.
  std::string Disclose() {
    auto decided = sharing_.Decide(dsl_, Share());
    EXPECT_TRUE(decided) << decided.error().message;
    EXPECT_TRUE(decided && decided->disclosure);
    return decided && decided->disclosure ? decided->disclosure->id : "";
  }
  domain::Person Stored(const std::string& id) {
    domain::Person out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      out = JIGSAW_TRY(tx.casework().FindPerson(id)).value_or(domain::Person{});
      return Ok();
    }));
    return out;
  }
  domain::InformationItem StoredItem() {
    domain::InformationItem out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      out = JIGSAW_TRY(tx.casework().Items({item_})).at(0);
      return Ok();
    }));
    return out;
  }
  std::size_t Versions() {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      n = JIGSAW_TRY(tx.casework().PersonVersions(mother_)).size() + JIGSAW_TRY(tx.casework().ItemVersions(item_)).size();
      return Ok();
    }));
    return n;
  }
  std::vector<domain::AuditRecord> AuditedOf(const std::string& action) {
    std::vector<domain::AuditRecord> out;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = action;
      out = JIGSAW_TRY(tx.audit().Search(q));
      return Ok();
    }));
    return out;
  }
  std::size_t AuditedDenials(const std::string& action) {
    std::size_t n = 0;
    EXPECT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
      store::AuditQuery q;
      q.action = action;
      q.outcome = domain::AuditOutcome::kDenied;
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
  Casework casework_{*store_, clock_, trail_};
  access::Sealer sealer_ = *access::Sealer::FromSecret(RandomBytes(32));
  WorkflowPolicy policy_;
  Sharing sharing_{*store_, clock_, trail_, sealer_, policy_};
  Corrections corrections_{*store_, clock_, trail_, sharing_};
  Requests requests_{*store_, clock_, trail_};
  Context op_ = Context::Operator();
  Context teacher_, other_teacher_, dsl_, worker_;
  std::string council_, child_, mother_, concern_, item_;
};

std::string AllText(const RecipientView& v) {
  std::string out;
  for (const auto& item : v.items) {
    out += item.text + "|" + item.source + "|" + item.about_name.value_or("") + "|";
    for (const auto& name : item.identifies) out += name + "|";
  }
  return out;
}

TEST_F(CorrectionsServiceTest, MarkingAPersonProtectedLaterWithholdsThemFromALaterDisclosure) {
  // Before: the mother is not protected, and a share would name her.
  auto before = sharing_.Preview(teacher_, Share());
  ASSERT_TRUE(before) << before.error().message;
  ASSERT_TRUE(before->recipient_view);
  EXPECT_NE(AllText(*before->recipient_view).find("Pratchett"), std::string::npos);

  clock_.Advance(std::chrono::hours(1));
  PersonCorrection c{.person_id = mother_, .is_protected = true,
                     .protected_reason = "Fled to a refuge from a violent partner.",
                     .reason = "We learnt today that she is in a refuge."};
  auto corrected = corrections_.CorrectPerson(teacher_, c);
  ASSERT_TRUE(corrected) << corrected.error().message;
  EXPECT_TRUE(corrected->is_protected);
  const auto trail = AuditedOf("person.correct");
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].object_id, mother_);
  EXPECT_EQ(trail[0].child_id, child_) << "a correction of the mother's record is in the child's trail";

  // After: the disclosure made now withholds her name and where she lives.
  const std::string id = Disclose();
  auto opened = sharing_.GetDisclosure(worker_, id);
  ASSERT_TRUE(opened) << opened.error().message;
  const std::string text = AllText(opened->content);
  EXPECT_EQ(text.find("Olive"), std::string::npos) << text;
  EXPECT_EQ(text.find("Pratchett"), std::string::npos) << text;
  EXPECT_EQ(text.find("Refuge Road"), std::string::npos) << text;
  EXPECT_EQ(opened->content_json.find("Pratchett"), std::string::npos);
  EXPECT_GT(opened->content.redactions, 0);

  // The earlier version is kept for the record, superseded with who, when and why.
  auto history = corrections_.PersonVersions(teacher_, mother_);
  ASSERT_TRUE(history) << history.error().message;
  EXPECT_TRUE(history->current.is_protected);
  ASSERT_EQ(history->superseded.size(), 1u);
  EXPECT_FALSE(history->superseded[0].person.is_protected);
  EXPECT_EQ(history->superseded[0].person.address, "12 Refuge Road, Elmside");
  EXPECT_EQ(history->superseded[0].superseded.by, teacher_.actor.practitioner_id);
  EXPECT_EQ(history->superseded[0].superseded.at, clock_.Now());
  EXPECT_EQ(history->superseded[0].superseded.reason, "We learnt today that she is in a refuge.");
}

// Someone fleeing abuse often changes their name and address: once she is
// protected, who she was recorded as before is withheld too, from a share
// and from a request the school sends, since earlier words still say it.
TEST_F(CorrectionsServiceTest, AProtectedPersonsFormerNamesAndAddressesAreWithheldAfterARename) {
  PersonCorrection protect{.person_id = mother_, .is_protected = true,
                           .protected_reason = "Fled to a refuge from a violent partner.",
                           .reason = "We learnt today that she is in a refuge."};
  ASSERT_TRUE(corrections_.CorrectPerson(teacher_, protect));
  clock_.Advance(std::chrono::hours(1));
  PersonCorrection rename{.person_id = mother_, .family_name = "Hartley", .address = "3 Orchard Close, Elmside",
                          .reason = "She has changed her name by deed poll and moved."};
  auto renamed = corrections_.CorrectPerson(teacher_, rename);
  ASSERT_TRUE(renamed) << renamed.error().message;
  EXPECT_EQ(renamed->family_name, "Hartley");

  // The item still says "Olive Pratchett at 12 Refuge Road".
  const std::string id = Disclose();
  auto opened = sharing_.GetDisclosure(worker_, id);
  ASSERT_TRUE(opened) << opened.error().message;
  const std::string text = AllText(opened->content);
  EXPECT_EQ(text.find("Pratchett"), std::string::npos) << text;
  EXPECT_EQ(text.find("Refuge Road"), std::string::npos) << text;
  EXPECT_EQ(text.find("Hartley"), std::string::npos) << text;
  EXPECT_EQ(opened->content_json.find("Pratchett"), std::string::npos);

  domain::InformationRequest r;
  r.holder_organisation_id = council_;
  r.child_given_name = "Ada";
  r.child_family_name = "Elm";
  r.needed = "Anything known about Olive Pratchett, who lived at 12 Refuge Road.";
  r.reason = "To keep Ada safe.";
  auto asked = requests_.AskForInformation(teacher_, r);
  ASSERT_TRUE(asked) << asked.error().message;
  EXPECT_EQ(asked->needed.find("Pratchett"), std::string::npos) << asked->needed;
  EXPECT_EQ(asked->needed.find("Refuge Road"), std::string::npos) << asked->needed;
}

// The same for the words that leave outside a disclosure: an information
// request the school sends after marking her protected withholds her.
TEST_F(CorrectionsServiceTest, MarkedProtectedLaterSheIsWithheldFromARequestTheSchoolSendsToo) {
  domain::InformationRequest r;
  r.holder_organisation_id = council_;
  r.child_given_name = "Ada";
  r.child_family_name = "Elm";
  r.child_date_of_birth = "2016-03-04";
  r.needed = "Anything known about Olive Pratchett of 12 Refuge Road, Elmside.";
  r.reason = "Ada may be living with domestic abuse.";
  auto before = requests_.AskForInformation(teacher_, r);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_NE(before->needed.find("Pratchett"), std::string::npos) << "not yet protected";

  ASSERT_TRUE(corrections_.CorrectPerson(teacher_, {.person_id = mother_, .is_protected = true,
                                                    .protected_reason = "Refuge.", .reason = "In a refuge."}));
  auto after = requests_.AskForInformation(teacher_, r);
  ASSERT_TRUE(after) << after.error().message;
  auto read = requests_.GetInformationRequest(worker_, after->id);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->request.needed.find("Pratchett"), std::string::npos) << read->request.needed;
  EXPECT_EQ(read->request.needed.find("Refuge Road"), std::string::npos) << read->request.needed;
}

TEST_F(CorrectionsServiceTest, UnmarkingAProtectedPersonNeedsAReasonAndClearsTheProtectedReason) {
  ASSERT_TRUE(corrections_.CorrectPerson(teacher_, {.person_id = mother_, .is_protected = true,
                                                    .protected_reason = "Refuge.", .reason = "In a refuge."}));
  clock_.Advance(std::chrono::minutes(5));
  // Protection is taken away by the DSL alone, never as a side effect of a colleague's fix.
  auto by_teacher = corrections_.CorrectPerson(teacher_, {.person_id = mother_, .is_protected = false,
                                                          .reason = "Marked in error: it was another family."});
  ASSERT_FALSE(by_teacher);
  EXPECT_EQ(by_teacher.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(by_teacher.error().field, "is_protected");
  EXPECT_TRUE(Stored(mother_).is_protected);
  auto unmarked = corrections_.CorrectPerson(dsl_, {.person_id = mother_, .is_protected = false,
                                                    .reason = "Marked in error: it was another family."});
  ASSERT_TRUE(unmarked) << unmarked.error().message;
  EXPECT_FALSE(Stored(mother_).is_protected);
  EXPECT_EQ(Stored(mother_).protected_reason, "");
  auto history = corrections_.PersonVersions(dsl_, mother_);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->superseded.size(), 2u);
  EXPECT_TRUE(history->superseded[1].person.is_protected);
  EXPECT_EQ(history->superseded[1].superseded.reason, "Marked in error: it was another family.");
}

// A form opened before someone else's correction is refused, not applied
// over it: the teacher's address fix, begun before the DSL marked the
// mother protected, would otherwise have un-marked her.
TEST_F(CorrectionsServiceTest, ACorrectionFromAFormOpenedBeforeAnotherIsRefusedAndChangesNothing) {
  auto seen = corrections_.PersonVersions(teacher_, mother_);
  ASSERT_TRUE(seen);
  const std::size_t versions = seen->superseded.size();
  ASSERT_TRUE(corrections_.CorrectPerson(dsl_, {.person_id = mother_, .is_protected = true,
                                                .protected_reason = "Refuge.", .reason = "In a refuge.",
                                                .versions_seen = versions}));
  clock_.Advance(std::chrono::minutes(5));
  auto stale = corrections_.CorrectPerson(teacher_, {.person_id = mother_, .address = "14 Refuge Road, Elmside",
                                                     .is_protected = false, .reason = "House number was wrong.",
                                                     .versions_seen = versions});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Stored(mother_).is_protected);
  EXPECT_EQ(Stored(mother_).address, "12 Refuge Road, Elmside");
}

TEST_F(CorrectionsServiceTest, WhoSomeoneIsToTheChildIsCorrectedAndTheEarlierRelationshipKept) {
  auto corrected = corrections_.CorrectPerson(
      teacher_, {.person_id = mother_,
                 .relationship = RelationshipCorrection{child_, domain::RelationshipKind::kCarer},
                 .reason = "She is Ada's aunt and carer, not her mother."});
  ASSERT_TRUE(corrected) << corrected.error().message;
  auto history = corrections_.PersonVersions(teacher_, mother_);
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_EQ(history->related.size(), 1u);
  EXPECT_EQ(history->related[0].relationship.kind, domain::RelationshipKind::kCarer);
  EXPECT_EQ(history->related[0].person.id, child_);
  EXPECT_TRUE(history->superseded.empty()) << "her own details did not change";
  ASSERT_EQ(history->relationships_superseded.size(), 1u);
  EXPECT_EQ(history->relationships_superseded[0].relationship.kind, domain::RelationshipKind::kParent);
  EXPECT_EQ(history->relationships_superseded[0].superseded.reason, "She is Ada's aunt and carer, not her mother.");

  // Someone she is not related to is named as such.
  auto stranger = casework_.AddPerson(teacher_, {.kind = domain::PersonKind::kThirdParty, .given_name = "Sam",
                                                 .family_name = "Other"});
  ASSERT_TRUE(stranger);
  auto refused = corrections_.CorrectPerson(
      teacher_, {.person_id = mother_, .relationship = RelationshipCorrection{stranger->id, domain::RelationshipKind::kParent},
                 .reason = "Wrong."});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "relationship.related_person_id");
}

TEST_F(CorrectionsServiceTest, ACorrectionOfADisclosedItemReachesTheRecipientAndMarksTheEarlierOne) {
  const std::string earlier = Disclose();
  clock_.Advance(std::chrono::hours(2));
  const ItemCorrection fix{.item_id = item_, .text = "Ada now lives with Olive Pratchett at 14 Refuge Road, Elmside.",
                           .accuracy = domain::Accuracy::kVerified,
                           .reason = "The house number was wrong; checked with Ada."};
  // The school's shares go through its DSL, and a correction sent is a share:
  // the teacher who raised the concern is asked to go to them, and nothing is written.
  auto by_teacher = corrections_.CorrectItem(teacher_, fix);
  ASSERT_FALSE(by_teacher);
  EXPECT_EQ(by_teacher.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(by_teacher.error().message.find("designated safeguarding lead"), std::string::npos);
  EXPECT_EQ(StoredItem().text, "Ada now lives with Olive Pratchett at 12 Refuge Road, Elmside.");
  auto corrected = corrections_.CorrectItem(dsl_, fix);
  ASSERT_TRUE(corrected) << corrected.error().message;
  ASSERT_EQ(corrected->corrections.size(), 1u);
  const domain::Disclosure& correction = corrected->corrections[0];
  EXPECT_EQ(correction.corrects, earlier);
  EXPECT_EQ(correction.recipient_organisation_id, council_);
  // The earlier disclosure's trail says it was corrected, under the child.
  const auto corrected_trail = AuditedOf("disclosure.correct");
  ASSERT_EQ(corrected_trail.size(), 1u);
  EXPECT_EQ(corrected_trail[0].object_id, earlier);
  EXPECT_EQ(corrected_trail[0].child_id, child_);

  // The recipient reads the corrected item, the reason, and the link to the earlier one.
  auto opened = sharing_.GetDisclosure(worker_, correction.id);
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_TRUE(opened->content.correction);
  EXPECT_EQ(opened->content.correction->corrects, earlier);
  EXPECT_EQ(opened->content.correction->reason, "The house number was wrong; checked with Ada.");
  ASSERT_EQ(opened->content.items.size(), 1u);
  EXPECT_NE(opened->content.items[0].text.find("14 Refuge Road"), std::string::npos);
  EXPECT_EQ(opened->content.items[0].accuracy, domain::Accuracy::kVerified);

  // The earlier one is marked corrected, in the recipient's view and inbox.
  auto first = sharing_.GetDisclosure(worker_, earlier);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->summary.corrected_by, std::vector<std::string>{correction.id});
  EXPECT_NE(first->content.items[0].text.find("12 Refuge Road"), std::string::npos) << "what was sent stays as sent";
  auto inbox = sharing_.Disclosures(worker_, /*inbox=*/true);
  ASSERT_TRUE(inbox) << inbox.error().message;
  ASSERT_EQ(inbox->size(), 2u);
  for (const auto& s : *inbox)
    if (s.disclosure.id == earlier) EXPECT_EQ(s.corrected_by, std::vector<std::string>{correction.id});
    else EXPECT_EQ(s.disclosure.corrects, earlier);

  // The item reads as corrected; the earlier version is kept.
  auto history = corrections_.ItemVersions(teacher_, item_);
  ASSERT_TRUE(history) << history.error().message;
  EXPECT_EQ(history->current.accuracy, domain::Accuracy::kVerified);
  ASSERT_EQ(history->superseded.size(), 1u);
  EXPECT_NE(history->superseded[0].item.text.find("12 Refuge Road"), std::string::npos);
  EXPECT_EQ(history->superseded[0].superseded.reason, "The house number was wrong; checked with Ada.");
}

TEST_F(CorrectionsServiceTest, ACorrectionReachesTheRecipientsOrganisationWhenTheNamedRecipientHasLeft) {
  NewDecision named = Share();
  named.recipient_practitioner_id = worker_.actor.practitioner_id;
  auto decided = sharing_.Decide(dsl_, named);
  ASSERT_TRUE(decided) << decided.error().message;
  ASSERT_TRUE(decided->disclosure);
  ASSERT_EQ(decided->disclosure->recipient_practitioner_id, worker_.actor.practitioner_id);
  ASSERT_TRUE(admin_.SetAccountState(op_, worker_.actor.practitioner_id, AccountState::kDisabled));

  auto corrected = corrections_.CorrectItem(
      dsl_, {.item_id = item_, .text = "Ada now lives with Olive Pratchett at 14 Refuge Road, Elmside.",
             .reason = "The house number was wrong."});
  ASSERT_TRUE(corrected) << corrected.error().message;
  ASSERT_EQ(corrected->corrections.size(), 1u);
  EXPECT_EQ(corrected->corrections[0].recipient_organisation_id, council_);
  EXPECT_EQ(corrected->corrections[0].recipient_practitioner_id, "") << "to the organisation, not to someone who left";
  EXPECT_EQ(corrected->corrections[0].corrects, decided->disclosure->id);
}

TEST_F(CorrectionsServiceTest, RecallingADisclosureRecallsTheCorrectionsSentAfterIt) {
  const std::string earlier = Disclose();
  auto corrected = corrections_.CorrectItem(
      dsl_, {.item_id = item_, .text = "Ada now lives with Olive Pratchett at 14 Refuge Road, Elmside.",
             .reason = "The house number was wrong."});
  ASSERT_TRUE(corrected) << corrected.error().message;
  ASSERT_EQ(corrected->corrections.size(), 1u);
  ASSERT_TRUE(sharing_.Recall(dsl_, earlier, "Sent to the wrong council."));
  // Both are out of the recipient's reach: the correction repeats what went astray.
  for (const auto& id : {earlier, corrected->corrections[0].id}) {
    auto opened = sharing_.GetDisclosure(worker_, id);
    ASSERT_TRUE(opened) << opened.error().message;
    EXPECT_TRUE(domain::IsRecalled(opened->summary.disclosure)) << id;
    EXPECT_EQ(opened->content_json, "") << id;
  }
  // A later correction of the item sends nothing to where it was recalled from.
  auto again = corrections_.CorrectItem(teacher_, {.item_id = item_, .text = "Ada lives with her mother.", .reason = "Simpler."});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->corrections.empty());
}

TEST_F(CorrectionsServiceTest, ACorrectionOfADisclosedItemIsRedactedAsProtectedNow) {
  const std::string earlier = Disclose();
  ASSERT_TRUE(corrections_.CorrectPerson(teacher_, {.person_id = mother_, .is_protected = true,
                                                    .protected_reason = "Refuge.", .reason = "In a refuge."}));
  auto corrected = corrections_.CorrectItem(
      dsl_, {.item_id = item_, .text = "Ada now lives with Olive Pratchett at 14 Refuge Road, Elmside.",
             .reason = "The house number was wrong, as Olive Pratchett told us."});
  ASSERT_TRUE(corrected) << corrected.error().message;
  ASSERT_EQ(corrected->corrections.size(), 1u);
  auto opened = sharing_.GetDisclosure(worker_, corrected->corrections[0].id);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->content_json.find("Pratchett"), std::string::npos) << opened->content_json;
  EXPECT_EQ(opened->content_json.find("Refuge Road"), std::string::npos) << opened->content_json;
}

TEST_F(CorrectionsServiceTest, ACorrectionWithoutAReasonIsRefusedAndChangesNothing) {
  const std::string earlier = Disclose();
  for (std::string reason : {"", "   ", " . "}) {
    auto person = corrections_.CorrectPerson(
        teacher_, {.person_id = mother_, .is_protected = true, .protected_reason = "Refuge.", .reason = reason});
    ASSERT_FALSE(person);
    EXPECT_EQ(person.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(person.error().field, "reason");
    auto item = corrections_.CorrectItem(teacher_, {.item_id = item_, .text = "Something else.", .reason = reason});
    ASSERT_FALSE(item);
    EXPECT_EQ(item.error().field, "reason");
  }
  EXPECT_FALSE(Stored(mother_).is_protected);
  EXPECT_EQ(StoredItem().text, "Ada now lives with Olive Pratchett at 12 Refuge Road, Elmside.");
  EXPECT_EQ(Versions(), 0u);
  auto first = sharing_.GetDisclosure(worker_, earlier);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->summary.corrected_by.empty());
  auto inbox = sharing_.Disclosures(worker_, true);
  ASSERT_TRUE(inbox);
  EXPECT_EQ(inbox->size(), 1u) << "no correction was sent";
}

TEST_F(CorrectionsServiceTest, AnInvalidCorrectionNamesItsFieldAndChangesNothing) {
  auto refused = corrections_.CorrectPerson(teacher_, {.person_id = mother_, .is_protected = true, .reason = "Refuge."});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "protected_reason");
  auto same = corrections_.CorrectItem(teacher_, {.item_id = item_, .accuracy = domain::Accuracy::kUnverified,
                                                  .reason = "No change really."});
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().field, "item");
  EXPECT_EQ(Versions(), 0u);
}

TEST_F(CorrectionsServiceTest, SomeoneNotAllowedToEditTheConcernCannotCorrect) {
  const std::string earlier = Disclose();
  // A colleague who neither raised the concern nor recorded the person, and the recipient.
  for (const Context* who : {&other_teacher_, &worker_}) {
    auto person = corrections_.CorrectPerson(
        *who, {.person_id = mother_, .is_protected = true, .protected_reason = "Refuge.", .reason = "In a refuge."});
    ASSERT_FALSE(person);
    EXPECT_TRUE(person.error().code == ErrorCode::kPermissionDenied || person.error().code == ErrorCode::kNotFound);
    auto item = corrections_.CorrectItem(*who, {.item_id = item_, .text = "Something else.", .reason = "Wrong."});
    ASSERT_FALSE(item);
    EXPECT_TRUE(item.error().code == ErrorCode::kPermissionDenied || item.error().code == ErrorCode::kNotFound);
  }
  EXPECT_FALSE(Stored(mother_).is_protected);
  EXPECT_EQ(Versions(), 0u);
  EXPECT_EQ(AuditedDenials("person.correct"), 2u);
  EXPECT_EQ(AuditedDenials("item.correct"), 2u);
  auto inbox = sharing_.Disclosures(worker_, true);
  ASSERT_TRUE(inbox);
  EXPECT_EQ(inbox->size(), 1u);
  // The DSL may.
  EXPECT_TRUE(corrections_.CorrectItem(dsl_, {.item_id = item_, .text = "Something else.", .reason = "Wrong."}));
}

}  // namespace
}  // namespace jigsaw::service
