// Issue 17, item 1, at the service on each backend: a subject access
// request for a parent gathers everything held about her (her record and
// its earlier version, the concern and items that mention her, the
// decision and disclosure that shared them, who accessed her records) with
// every third party and protected person withheld as in a disclosure;
// what may be exempt waits for the DPO's decision; what the DPO withholds
// is left out of the release, with the reason in the DPO's record; the
// release is frozen. The deadline is one calendar month (31 January -> 28
// or 29 February), extendable by up to two with a reason, within the
// first month. Only the organisation's DPO may do any of it.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/random.h"
#include "service/administration.h"
#include "service/casework.h"
#include "service/corrections.h"
#include "service/sharing.h"
#include "service/recording.h"
#include "service/subject_access.h"
#include "support/test_database.h"
#include "support/test_server.h"

namespace jigsaw::service {
namespace {

using domain::Role;

// Every word of a piece, to search.
std::string TextOf(const HeldEntry& e) {
  std::string out;
  for (const auto& f : e.fields) out += f.name + ": " + f.text + "\n";
  return out;
}
std::string TextOf(const std::vector<HeldEntry>& entries) {
  std::string out;
  for (const auto& e : entries) out += TextOf(e);
  return out;
}

class SubjectAccessServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_);
    council_ = Org("Elmside Council", domain::OrganisationType::kChildrensServices);
    school_ = Org("Elmside School", domain::OrganisationType::kSchool);
    worker_ = As(Add(council_, "council.worker", {Role::kPractitioner}));
    dsl_ = As(Add(council_, "council.dsl", {Role::kDesignatedSafeguardingLead}));
    dpo_ = As(Add(council_, "council.dpo", {Role::kDataProtectionOfficer}));
    school_dpo_ = As(Add(school_, "school.dpo", {Role::kDataProtectionOfficer}));

    child_ = Person(domain::PersonKind::kChild, "Ada", "Elm", {}, "2016-03-04");
    mother_ = Person(domain::PersonKind::kParent, "Olive", "Pratchett", "12 Refuge Road, Elmside", {},
                     LinkTo{child_, domain::RelationshipKind::kParent});
    // The father she fled: protected from everyone.
    auto father = casework_.AddPerson(worker_,
                                      {.kind = domain::PersonKind::kAssociatedAdult, .given_name = "Victor",
                                       .family_name = "Crane", .address = "4 Hill Road, Elmside", .is_protected = true,
                                       .protected_reason = "Fled to a refuge from him."},
                                      LinkTo{child_, domain::RelationshipKind::kParent});
    ASSERT_TRUE(father) << father.error().message;
    // A neighbour who called: a third party, not protected.
    neighbour_ = Person(domain::PersonKind::kThirdParty, "Nora", "Quist", "6 Hill Road, Elmside", {});

    NewConcern c{.child_id = child_, .forms = {domain::AbuseForm::kDomesticAbuse},
                 .level = domain::ConcernLevel::kSignificant,
                 .what_happened = "Olive Pratchett said Victor Crane shouted at Ada. Nora Quist called the police."};
    c.items.push_back({.person_id = mother_, .text = "Olive Pratchett is afraid of Victor Crane, who lives at 4 Hill Road.",
                       .source = "Nora Quist", .confidential = true, .identifies = {mother_}});
    c.items.push_back({.person_id = mother_, .text = "Olive Pratchett went to every session of the parenting course.",
                       .source = "family support worker", .identifies = {mother_}});
    c.items.push_back({.text = "Ada's attendance this term is 85%.", .source = "school"});
    auto raised = casework_.RaiseConcern(worker_, c);
    ASSERT_TRUE(raised) << raised.error().message;
    concern_ = raised->concern.id;
    confidential_item_ = raised->items[0].id;
    course_item_ = raised->items[1].id;
    attendance_item_ = raised->items[2].id;

    // Her address corrected: the earlier version is hers too.
    auto corrected = corrections_.CorrectPerson(
        dsl_, {.person_id = mother_, .address = "The refuge, Elmside", .reason = "She moved to a refuge."});
    ASSERT_TRUE(corrected) << corrected.error().message;

    // The item about her fear shared with the school.
    NewDecision d;
    d.concern_id = concern_;
    d.recipient_organisation_id = school_;
    d.circumstances = Circumstances{.purpose = guidance::Purpose::kSafeguarding, .risk = guidance::Risk::kSignificant};
    d.circumstances->informing.compromises_investigation = true;
    d.items = {{confidential_item_, true, true}};
    d.share_items = {confidential_item_};
    d.outcome = domain::DecisionOutcome::kShare;
    d.record.rationale = "The school must know Ada's mother is in a refuge.";
    d.record.lawful_basis = "public_task";
    d.record.confidentiality_basis = "Public interest: Ada's safety outweighs the duty of confidence.";
    d.record.informing = domain::Informing{.reason_not_told = "It could place Ada at risk."};
    auto decided = sharing_.Decide(dsl_, d);
    ASSERT_TRUE(decided) << decided.error().message;
    ASSERT_TRUE(decided->disclosure);
    disclosure_ = decided->disclosure->id;
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
  std::string Person(domain::PersonKind kind, std::string given, std::string family, std::string address,
                     std::string dob, std::optional<LinkTo> link = std::nullopt) {
    auto p = casework_.AddPerson(worker_,
                                 {.kind = kind, .given_name = std::move(given), .family_name = std::move(family),
                                  .date_of_birth = std::move(dob), .address = std::move(address)},
                                 link);
    EXPECT_TRUE(p) << p.error().message;
    return p ? p->id : "";
  }
  Result<SubjectAccessSummary> OpenFor(const std::string& person, const std::string& received_on) {
    return sar_.Open(dpo_, {.person_id = person,
                            .received_on = received_on,
                            .identity_check = domain::IdentityCheck::kDocumentsSeen,
                            .identity_note = "Passport and a council tax bill, seen at reception."});
  }
  static const HeldEntry* Find(const std::vector<HeldEntry>& held, HeldKind kind, const std::string& id) {
    const std::string key = std::string(ToString(kind)) + ":" + id;
    for (const auto& e : held)
      if (e.key == key) return &e;
    return nullptr;
  }
  static bool MayApply(const HeldEntry& e, domain::Exemption x) {
    return std::find(e.may_apply.begin(), e.may_apply.end(), x) != e.may_apply.end();
  }

  testing::TestDatabase db_;
  std::unique_ptr<store::Store> store_ = db_.OpenStore();
  FakeClock clock_{testing::TestEpoch()};  // 2026-11-24
  AuditTrail trail_{*store_, clock_};
  access::PasswordDenyList deny_list_ = access::PasswordDenyList::FromText("password1234\n");
  Administration admin_{*store_, clock_, trail_, access::HashCost::kMinimum, deny_list_};
  Casework casework_{*store_, clock_, trail_};
  access::Sealer sealer_ = *access::Sealer::FromSecret(RandomBytes(32));
  WorkflowPolicy policy_;
  Sharing sharing_{*store_, clock_, trail_, sealer_, policy_};
  Corrections corrections_{*store_, clock_, trail_, sharing_};
  SubjectAccess sar_{*store_, clock_, trail_, sealer_};
  Recording recording_{*store_, clock_, trail_, sealer_, AttachmentPolicy{.max_bytes = 64 * 1024}};
  Context op_ = Context::Operator();
  Context worker_, dsl_, dpo_, school_dpo_;
  std::string council_, school_, child_, mother_, neighbour_, concern_, confidential_item_, course_item_,
      attendance_item_, disclosure_;
};

TEST_F(SubjectAccessServiceTest, AParentsRequestReturnsEverythingHeldAboutHerWithEveryThirdPartyWithheld) {
  auto opened = OpenFor(mother_, "2026-11-10");
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->due_on, "2026-12-10");
  auto view = sar_.Get(dpo_, opened->request.id);
  ASSERT_TRUE(view) << view.error().message;
  const auto& held = view->held;

  // Her record as it is and as it was before the correction.
  const HeldEntry* record = Find(held, HeldKind::kPerson, mother_);
  ASSERT_NE(record, nullptr);
  EXPECT_NE(TextOf(*record).find("The refuge, Elmside"), std::string::npos);
  EXPECT_TRUE(std::any_of(held.begin(), held.end(), [](const auto& e) {
    return e.kind == HeldKind::kPersonVersion && TextOf(e).find("12 Refuge Road") != std::string::npos;
  }));
  // The concern that mentions her, both items about her, not the child's attendance.
  EXPECT_NE(Find(held, HeldKind::kConcern, concern_), nullptr);
  ASSERT_NE(Find(held, HeldKind::kItem, confidential_item_), nullptr);
  ASSERT_NE(Find(held, HeldKind::kItem, course_item_), nullptr);
  EXPECT_EQ(Find(held, HeldKind::kItem, attendance_item_), nullptr);
  // The decision and the disclosure that shared what is about her, and who accessed her records.
  EXPECT_TRUE(std::any_of(held.begin(), held.end(), [](const auto& e) { return e.kind == HeldKind::kDecision; }));
  EXPECT_NE(Find(held, HeldKind::kDisclosureSent, disclosure_), nullptr);
  const HeldEntry* accessed = Find(held, HeldKind::kAccess, mother_);
  ASSERT_NE(accessed, nullptr);
  EXPECT_NE(TextOf(*accessed).find("person.correct"), std::string::npos);

  // Every third party and protected person withheld; she keeps her own name.
  const std::string all = TextOf(held);
  for (const char* other : {"Victor", "Crane", "4 Hill Road", "Nora", "Quist", "6 Hill Road", "Ada"})
    EXPECT_EQ(all.find(other), std::string::npos) << other << " in:\n" << all;
  EXPECT_NE(all.find("[name withheld]"), std::string::npos);
  EXPECT_NE(all.find("Olive"), std::string::npos);

  // What may be exempt is marked for the DPO.
  const HeldEntry* confidential = Find(held, HeldKind::kItem, confidential_item_);
  EXPECT_TRUE(MayApply(*confidential, domain::Exemption::kConfidence));
  EXPECT_TRUE(MayApply(*confidential, domain::Exemption::kThirdParty));
  EXPECT_TRUE(Find(held, HeldKind::kItem, course_item_)->may_apply.empty());
  EXPECT_TRUE(MayApply(*Find(held, HeldKind::kConcern, concern_), domain::Exemption::kSeriousHarm));
  // A disclosure names the organisation that now holds it (a refuge, the
  // police): never released without the DPO deciding, nor its feedback.
  for (const auto& e : held)
    if (e.kind == HeldKind::kDisclosureSent || e.kind == HeldKind::kFeedback)
      EXPECT_TRUE(MayApply(e, domain::Exemption::kThirdParty)) << e.key;
}

TEST_F(SubjectAccessServiceTest, TheReleaseLeavesOutWhatTheDpoWithheldAndKeepsTheirReason) {
  auto opened = OpenFor(mother_, "2026-11-10");
  ASSERT_TRUE(opened) << opened.error().message;
  const std::string id = opened->request.id;
  auto view = sar_.Get(dpo_, id);
  ASSERT_TRUE(view) << view.error().message;

  // Nothing is released while something that may be exempt has no decision.
  auto early = sar_.ReleaseNow(dpo_, id);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(early.error().field, "decisions");

  // Withholding needs an exemption; every decision needs a reason.
  const std::string confidential = "item:" + confidential_item_;
  auto no_exemption = sar_.Decide(dpo_, id, {.entry = confidential, .choice = domain::ReleaseChoice::kWithhold,
                                             .reason = "Given in confidence."});
  ASSERT_FALSE(no_exemption);
  EXPECT_EQ(no_exemption.error().field, "exemption");
  auto no_reason = sar_.Decide(dpo_, id, {.entry = confidential, .choice = domain::ReleaseChoice::kRelease});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto unknown = sar_.Decide(dpo_, id, {.entry = "item:" + attendance_item_, .choice = domain::ReleaseChoice::kRelease,
                                        .reason = "Reviewed."});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "entry");

  const std::string why = "The neighbour gave it in confidence and would be identified by it.";
  for (const auto& e : view->held) {
    if (e.may_apply.empty()) continue;
    const bool withhold = e.key == confidential;
    auto d = sar_.Decide(dpo_, id,
                         {.entry = e.key,
                          .choice = withhold ? domain::ReleaseChoice::kWithhold : domain::ReleaseChoice::kRelease,
                          .exemption = withhold ? std::optional(domain::Exemption::kConfidence) : std::nullopt,
                          .reason = withhold ? why : "Reviewed: the redaction leaves nobody else identifiable."});
    ASSERT_TRUE(d) << e.key << ": " << d.error().message;
  }
  auto release = sar_.ReleaseNow(dpo_, id);
  ASSERT_TRUE(release) << release.error().message;
  const auto has = [&](const std::string& key) {
    return std::any_of(release->entries.begin(), release->entries.end(), [&](const auto& e) { return e.key == key; });
  };
  EXPECT_FALSE(has(confidential));
  EXPECT_TRUE(has("item:" + course_item_));
  EXPECT_TRUE(has("person:" + mother_));
  const std::string released = TextOf(release->entries);
  EXPECT_EQ(released.find("afraid"), std::string::npos);
  EXPECT_EQ(released.find("Crane"), std::string::npos);
  EXPECT_EQ(released.find(why), std::string::npos);

  // The DPO's record keeps the reason; the release is frozen and cannot be made twice.
  auto after = sar_.Get(dpo_, id);
  ASSERT_TRUE(after) << after.error().message;
  const auto* decision = LatestDecision(after->decisions, confidential);
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(decision->reason, why);
  EXPECT_EQ(decision->exemption, domain::Exemption::kConfidence);
  EXPECT_EQ(after->summary.request.status, domain::SubjectAccessStatus::kReleased);
  auto again = sar_.ReleaseNow(dpo_, id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  // Corrected since: what was released stays as released.
  ASSERT_TRUE(corrections_.CorrectItem(dsl_, {.item_id = course_item_, .text = "Olive Pratchett went to most sessions.",
                                              .reason = "Checked the register."}));
  auto kept = sar_.Released(dpo_, id);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_NE(TextOf(kept->entries).find("every session"), std::string::npos);
  EXPECT_EQ(ToJson(*kept), ToJson(*release));
}

TEST_F(SubjectAccessServiceTest, AChildsRequestDescribesTheBodyMapAndTheFilesKeptWithHerConcerns) {
  auto mark = recording_.AddBodyMark(worker_, concern_,
                                     {.side = domain::BodySide::kFront, .area = domain::BodyArea::kLeftUpperArm,
                                      .point = std::nullopt,
                                      .description = "A bruise the size of a coin; Ada said Victor Crane grabbed her."});
  ASSERT_TRUE(mark) << mark.error().message;
  auto file = recording_.AddAttachment(worker_, concern_,
                                       {.file_name = "arm.png",
                                        .description = "Photograph of the bruise, taken by the school nurse.",
                                        .content = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) + std::string(17, '\x01')});
  ASSERT_TRUE(file) << file.error().message;

  auto opened = OpenFor(child_, "2026-11-20");
  ASSERT_TRUE(opened) << opened.error().message;
  auto view = sar_.Get(dpo_, opened->request.id);
  ASSERT_TRUE(view) << view.error().message;
  const HeldEntry* on_map = Find(view->held, HeldKind::kBodyMark, mark->id);
  ASSERT_NE(on_map, nullptr) << TextOf(view->held);
  EXPECT_NE(TextOf(*on_map).find("left_upper_arm"), std::string::npos) << TextOf(*on_map);
  EXPECT_NE(TextOf(*on_map).find("A bruise the size of a coin"), std::string::npos);
  EXPECT_EQ(TextOf(*on_map).find("Crane"), std::string::npos) << "the protected father is withheld";
  const HeldEntry* kept = Find(view->held, HeldKind::kAttachment, file->id);
  ASSERT_NE(kept, nullptr);
  EXPECT_NE(TextOf(*kept).find("Photograph of the bruise"), std::string::npos);
  EXPECT_TRUE(MayApply(*kept, domain::Exemption::kThirdParty)) << "a photograph can show anyone: the DPO decides";
  EXPECT_TRUE(MayApply(*kept, domain::Exemption::kSeriousHarm)) << "kept with a significant concern";

  // Her mother's request holds neither: the marks are on Ada's body.
  auto mothers = OpenFor(mother_, "2026-11-20");
  ASSERT_TRUE(mothers);
  auto hers = sar_.Get(dpo_, mothers->request.id);
  ASSERT_TRUE(hers);
  EXPECT_EQ(Find(hers->held, HeldKind::kBodyMark, mark->id), nullptr);
  EXPECT_EQ(Find(hers->held, HeldKind::kAttachment, file->id), nullptr);
}

TEST_F(SubjectAccessServiceTest, TheDeadlineIsOneCalendarMonthToTheLastDayOfAShorterMonth) {
  clock_.Set(*ParseRfc3339("2027-02-01T10:00:00Z"));
  auto y2027 = OpenFor(mother_, "2027-01-31");
  ASSERT_TRUE(y2027) << y2027.error().message;
  EXPECT_EQ(y2027->due_on, "2027-02-28");
  clock_.Set(*ParseRfc3339("2028-02-01T10:00:00Z"));
  auto leap = OpenFor(mother_, "2028-01-31");
  ASSERT_TRUE(leap) << leap.error().message;
  EXPECT_EQ(leap->due_on, "2028-02-29");
  // Not received in the future, and not without saying how identity was checked.
  auto future = OpenFor(mother_, "2028-02-02");
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "received_on");
  auto unchecked = sar_.Open(dpo_, {.person_id = mother_, .received_on = "2028-01-31"});
  ASSERT_FALSE(unchecked);
  EXPECT_EQ(unchecked.error().field, "identity_note");
}

TEST_F(SubjectAccessServiceTest, TheDeadlineIsExtendedByUpToTwoMonthsWithAReasonWithinTheFirstMonth) {
  auto opened = OpenFor(mother_, "2026-11-10");
  ASSERT_TRUE(opened) << opened.error().message;
  const std::string id = opened->request.id;
  auto no_reason = sar_.Extend(dpo_, id, 2, "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto three = sar_.Extend(dpo_, id, 3, "Complex.");
  ASSERT_FALSE(three);
  EXPECT_EQ(three.error().field, "months");
  auto one = sar_.Extend(dpo_, id, 1, "Records from three teams to review.");
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(one->due_on, "2027-01-10");
  auto two = sar_.Extend(dpo_, id, 2, "A second request from her, taken with this one.");
  ASSERT_TRUE(two) << two.error().message;
  EXPECT_EQ(two->due_on, "2027-02-10");
  EXPECT_EQ(two->request.extension_reason, "A second request from her, taken with this one.");

  // Past the first month it is too late to extend.
  auto late = OpenFor(mother_, "2026-10-20");
  ASSERT_TRUE(late) << late.error().message;
  EXPECT_EQ(late->due_on, "2026-11-20");
  auto refused = sar_.Extend(dpo_, late->request.id, 1, "Complex.");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(SubjectAccessServiceTest, OnlyTheOrganisationsDpoMayOpenSeeOrRelease) {
  for (const Context* who : {&worker_, &dsl_}) {
    auto opened = sar_.Open(*who, {.person_id = mother_, .received_on = "2026-11-10",
                                   .identity_note = "Passport seen."});
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::kPermissionDenied);
  }
  auto opened = OpenFor(mother_, "2026-11-10");
  ASSERT_TRUE(opened) << opened.error().message;
  const std::string id = opened->request.id;
  for (const Context* who : {&worker_, &dsl_}) {
    EXPECT_EQ(sar_.Get(*who, id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(sar_.ReleaseNow(*who, id).error().code, ErrorCode::kPermissionDenied);
    EXPECT_FALSE(sar_.List(*who, true));
  }
  // Another organisation's DPO: there is no such request for them.
  EXPECT_EQ(sar_.Get(school_dpo_, id).error().code, ErrorCode::kNotFound);
  auto theirs = sar_.Open(school_dpo_, {.person_id = mother_, .received_on = "2026-11-10",
                                        .identity_note = "Passport seen."});
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, ErrorCode::kNotFound);

  // Every read is audited, and so is every refusal.
  std::size_t reads = 0, denied = 0;
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    store::AuditQuery q;
    q.action = "subject_access.read";
    for (const auto& r : JIGSAW_TRY(tx.audit().Search(q)))
      (r.outcome == domain::AuditOutcome::kAllowed ? reads : denied) += 1;
    return Ok();
  }));
  EXPECT_EQ(reads, 0u);
  EXPECT_EQ(denied, 3u);
  ASSERT_TRUE(sar_.Get(dpo_, id));
  ASSERT_TRUE(store_->Read([&](store::Transaction& tx) -> Status {
    store::AuditQuery q;
    q.action = "subject_access.read";
    q.outcome = domain::AuditOutcome::kAllowed;
    reads = JIGSAW_TRY(tx.audit().Search(q)).size();
    return Ok();
  }));
  EXPECT_EQ(reads, 1u);
}

}  // namespace
}  // namespace jigsaw::service
