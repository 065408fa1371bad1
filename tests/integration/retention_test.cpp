// Retention and erasure over HTTP on each backend (issue 17, items 4 and
// 5; docs/retention.md): with the injected clock, a concern is listed for
// the DPO once its period ends and is destroyed only when the DPO
// confirms; a legal hold stops destruction until lifted; a granted erasure
// leaves none of the concern's text, nor the child's name, in the SQLite
// file (read as raw bytes), and crypto-shreds the concern's content in a
// backup taken before it, while `jigsaw audit verify` still passes; a
// refused erasure is recorded with its reason; only the DPO decides.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sys/wait.h>

#include "access/credentials.h"
#include "access/totp.h"
#include "app/demo.h"
#include "app/keys.h"
#include "common/encoding.h"
#include "common/random.h"
#include "store/backup.h"
#include "store/content_keys.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kAccount = "Zephyrine said her stepfather locked her out overnight";
constexpr std::string_view kItem = "Quillonby bruise on the left forearm, seen at breakfast club";
constexpr std::string_view kChildName = "Zephyrine";

struct CommandResult {
  int status;
  std::string out;
};

CommandResult RunJigsaw(const std::string& args) {
  CommandResult r{0, {}};
  FILE* p = popen((std::string(JIGSAW_BINARY) + " " + args + " 2>&1").c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  r.status = WEXITSTATUS(pclose(p));
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const json me = Get(port(), "/api/v1/me", teacher_).Json();
    school_ = me["organisation"]["id"];
    dpo_ = SchoolDpo();
  }
  std::uint16_t port() { return server_.port(); }

  // A data protection officer for the school (the demo school has none).
  std::string SchoolDpo() {
    const auto op = service::Context::Operator();
    auto added = server_.app().administration().AddPractitioner(
        op, {school_, "primary.dpo@test.jigsaw", "Dee Protect", domain::RoleSet{domain::Role::kDataProtectionOfficer},
             std::string(app::kDemoPassword)});
    EXPECT_TRUE(added);
    EXPECT_TRUE(server_.app().accounts().EnrolAuthenticator(op, added->id, *access::Base32Decode(app::kDemoTotpSecret)));
    return server_.SignInUser("primary.dpo@test.jigsaw");
  }
  // A child of 17 today (24 November 2026) turns 25 on 1 June 2034; the
  // clock moves on to 25 July 2034, when their school concern is due.
  static constexpr std::string_view kSeventeen = "2009-06-01";
  void PastTheirTwentyFifthBirthday() {
    server_.clock().Advance(std::chrono::days(2800));
    SignInAgain();
  }
  // After the clock moved on past the sessions' lifetime.
  void SignInAgain() {
    teacher_ = server_.SignIn("primary.teacher");
    dpo_ = server_.SignInUser("primary.dpo@test.jigsaw");
  }

  struct Recorded {
    std::string child_id, concern_id;
  };
  // A child born on `dob`, and a concern about them with one item.
  Recorded RecordConcern(const std::string& dob) {
    auto child = Post(port(), "/api/v1/people",
                      {{"kind", "child"}, {"given_name", std::string(kChildName)}, {"family_name", "Marchbanks"},
                       {"date_of_birth", dob}},
                      teacher_);
    EXPECT_EQ(child.status, 201) << child.body;
    auto concern = Post(port(), "/api/v1/concerns",
                        {{"child_id", child.Json()["id"]},
                         {"forms", {"physical_abuse"}},
                         {"level", "low"},
                         {"what_happened", std::string(kAccount)},
                         {"items", {{{"text", std::string(kItem)}, {"source", "breakfast club staff"}}}}},
                        teacher_);
    EXPECT_EQ(concern.status, 201) << concern.body;
    return {child.Json()["id"], concern.Json()["id"]};
  }
  json Due() {
    auto review = Get(port(), "/api/v1/retention/review", dpo_);
    EXPECT_EQ(review.status, 200) << review.body;
    return review.Json()["due"];
  }
  bool IsDue(const std::string& concern_id) {
    for (const auto& d : Due())
      if (d["record_id"] == concern_id) return true;
    return false;
  }
  HttpReply Destroy(const std::string& concern_id, const std::string& token) {
    return Post(port(), "/api/v1/retention/destructions", {{"record_id", concern_id}}, token);
  }
  // The concern's account as a copy of the database reads it, opened with
  // the server's content key store.
  std::string AccountIn(store::Store& copy, const std::string& concern_id) {
    std::string out = "(unreadable)";
    auto read = copy.Read([&](store::Transaction& tx) -> Status {
      auto c = JIGSAW_TRY(tx.casework().FindConcern(concern_id));
      if (c) out = c->what_happened;
      return Ok();
    });
    EXPECT_TRUE(read) << read.error().message;
    return out;
  }
  CommandResult Verify() { return RunJigsaw("audit verify --database '" + db_.url() + "' --audit-key " + db_.key_file()); }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string teacher_ = server_.SignIn("primary.teacher");
  std::string school_, dpo_;
};

TEST_F(RetentionTest, ASchoolsConcernIsListedAtTheChildsTwentyFifthBirthdayAndDestroyedOnlyWhenTheDpoConfirms) {
  const auto kept = RecordConcern(std::string(kSeventeen));
  const auto young = RecordConcern("2015-03-04");  // 25 in 2040
  EXPECT_FALSE(IsDue(kept.concern_id));
  auto early = Destroy(kept.concern_id, dpo_);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.Json()["error"]["field"], "record_id");

  PastTheirTwentyFifthBirthday();
  ASSERT_TRUE(IsDue(kept.concern_id));
  EXPECT_FALSE(IsDue(young.concern_id));
  // Listed is not destroyed: the content is all there until the DPO confirms.
  auto before = Get(port(), "/api/v1/concerns/" + kept.concern_id, teacher_);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_NE(before.body.find(kAccount), std::string::npos);
  server_.app().housekeeping().RunDue();  // the daily review destroys nothing itself
  EXPECT_NE(Get(port(), "/api/v1/concerns/" + kept.concern_id, teacher_).body.find(kItem), std::string::npos);

  // Only the DPO confirms; a teacher (or the DSL) cannot.
  EXPECT_EQ(Destroy(kept.concern_id, teacher_).status, 403);
  EXPECT_EQ(Get(port(), "/api/v1/retention/review", teacher_).status, 403);
  auto destroyed = Destroy(kept.concern_id, dpo_);
  ASSERT_EQ(destroyed.status, 201) << destroyed.body;
  EXPECT_EQ(destroyed.Json()["cause"], "retention");

  auto after = Get(port(), "/api/v1/concerns/" + kept.concern_id, teacher_);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.body.find(kAccount), std::string::npos);
  EXPECT_EQ(after.body.find(kItem), std::string::npos);
  EXPECT_FALSE(IsDue(kept.concern_id));
  EXPECT_EQ(Destroy(kept.concern_id, dpo_).status, 409) << "destroyed once";
  // The younger child's concern is untouched.
  EXPECT_NE(Get(port(), "/api/v1/concerns/" + young.concern_id, teacher_).body.find(kAccount), std::string::npos);
  const json list = Get(port(), "/api/v1/retention/destructions", dpo_).Json();
  ASSERT_EQ(list["destructions"].size(), 1u);
  EXPECT_EQ(list["destructions"][0]["record_id"], kept.concern_id);
  auto verified = Verify();
  EXPECT_EQ(verified.status, 0) << verified.out;
}

TEST_F(RetentionTest, ALegalHoldStopsDestructionUntilItIsLifted) {
  const auto r = RecordConcern(std::string(kSeventeen));
  PastTheirTwentyFifthBirthday();
  ASSERT_TRUE(IsDue(r.concern_id));
  auto hold = Post(port(), "/api/v1/legal-holds",
                   {{"subject", "child"}, {"subject_id", r.child_id}, {"reason", "Requested by the county inquiry."}}, dpo_);
  ASSERT_EQ(hold.status, 201) << hold.body;
  const std::string hold_id = hold.Json()["id"];
  const json due = Due();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_TRUE(due[0]["held"].get<bool>());

  auto refused = Destroy(r.concern_id, dpo_);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("legal hold"), std::string::npos);
  auto erase = Post(port(), "/api/v1/erasure-requests",
                    {{"person_id", r.child_id}, {"requested_by", "The young person"}, {"received_on", "2026-11-20"},
                     {"outcome", "granted"}, {"ground", "no_longer_necessary"}, {"reasons", "Asked to be forgotten."}},
                    dpo_);
  EXPECT_EQ(erase.status, 409) << "a hold stops erasure too";
  EXPECT_EQ(Get(port(), "/api/v1/erasure-requests", dpo_).Json()["erasure_requests"].size(), 0u) << "nothing written";
  EXPECT_NE(Get(port(), "/api/v1/concerns/" + r.concern_id, teacher_).body.find(kAccount), std::string::npos);

  EXPECT_EQ(Post(port(), "/api/v1/legal-holds/" + hold_id + "/lift", {{"reason", ""}}, dpo_).status, 400);
  auto lifted = Post(port(), "/api/v1/legal-holds/" + hold_id + "/lift", {{"reason", "The inquiry has reported."}}, dpo_);
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_FALSE(lifted.Json()["active"].get<bool>());
  ASSERT_EQ(Destroy(r.concern_id, dpo_).status, 201);
  EXPECT_EQ(Get(port(), "/api/v1/concerns/" + r.concern_id, teacher_).body.find(kAccount), std::string::npos);
}

TEST_F(RetentionTest, AGrantedErasureLeavesNoContentInTheDatabaseFileAndTheAuditLogStillVerifies) {
  const auto r = RecordConcern("2016-02-03");
  const std::string path = db_.url().substr(std::string("sqlite:").size());
  if (db_.backend() == "sqlite") {
    // The concern's content is sealed under its own key from the start: not
    // in the files even now. The child's name is (people's details are kept
    // searchable, and cleared in place), so the search below would find it.
    const std::string before = ReadFile(path) + ReadFile(path + "-wal");
    ASSERT_EQ(before.find(kAccount), std::string::npos);
    ASSERT_EQ(before.find(kItem.substr(0, 20)), std::string::npos);
    ASSERT_NE(before.find(kChildName), std::string::npos);
  }
  // A backup taken before the erasure, with `jigsaw backup`, put back in a
  // database of its own: while the concern's key lives it reads the account.
  const std::filesystem::path backup = std::filesystem::temp_directory_path() / ("jigsaw-backup-" + NewId());
  const std::string key_backup = backup.string() + ".content-keys";
  auto backed = RunJigsaw("backup --database '" + db_.url() + "' --audit-key " + db_.key_file() + " --to " +
                       backup.string() + " --content-keys-to " + key_backup);
  ASSERT_EQ(backed.status, 0) << backed.out;
  EXPECT_EQ(std::filesystem::status(key_backup).permissions() &
                (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  EXPECT_NE(backed.out.find("Nor is the content key store"), std::string::npos) << backed.out;
  std::optional<TestDatabase> restored;
  std::string copy_url = "sqlite:" + (backup / "database.sqlite").string();
  if (db_.backend() != "sqlite") {
    restored.emplace();
    copy_url = restored->url();
    ASSERT_TRUE(store::RestoreDatabase((backup / "database.pgdump").string(), copy_url));
  }
  auto copy = store::Open(
      {.url = copy_url, .pool_size = 1, .migrate = false, .content_keys = server_.app().content_keys()});
  ASSERT_TRUE(copy) << copy.error().message;
  EXPECT_EQ(AccountIn(**copy, r.concern_id), kAccount);

  // Her mother asked first for what is held about the child: the release
  // is a copy of it, and goes with the rest.
  auto asked = Post(port(), "/api/v1/subject-access-requests",
                    {{"person_id", r.child_id}, {"received_on", "2026-11-20"}, {"identity_check", "known_in_person"},
                     {"identity_note", "Known to the school office."}},
                    dpo_);
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string sar = asked.Json()["id"];
  const json view = Get(port(), "/api/v1/subject-access-requests/" + sar, dpo_).Json();  // kept: the loop reads into it
  for (const auto& e : view["held"]) {
    if (e["exemptions_may_apply"].empty()) continue;
    auto decided = Post(port(), "/api/v1/subject-access-requests/" + sar + "/decisions",
                        {{"entry", e["key"]}, {"choice", "release"}, {"reason", "Hers to see."}}, dpo_);
    ASSERT_EQ(decided.status, 201) << decided.body;
  }
  auto released = Post(port(), "/api/v1/subject-access-requests/" + sar + "/release", json::object(), dpo_);
  ASSERT_EQ(released.status, 201) << released.body;
  ASSERT_NE(released.body.find(kChildName), std::string::npos);

  auto erase = Post(port(), "/api/v1/erasure-requests",
                    {{"person_id", r.child_id}, {"requested_by", "The child's mother"}, {"received_on", "2026-11-20"},
                     {"outcome", "granted"}, {"ground", "unlawfully_processed"},
                     {"reasons", "Recorded about the wrong child."}},
                    dpo_);
  ASSERT_EQ(erase.status, 201) << erase.body;
  EXPECT_EQ(erase.Json()["outcome"], "granted");

  auto concern = Get(port(), "/api/v1/concerns/" + r.concern_id, teacher_);
  ASSERT_EQ(concern.status, 200) << concern.body;
  EXPECT_EQ(concern.body.find(kAccount), std::string::npos);
  EXPECT_EQ(concern.body.find(kItem), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/people/" + r.child_id, teacher_).body.find(kChildName), std::string::npos);
  const json destructions = Get(port(), "/api/v1/retention/destructions", dpo_).Json()["destructions"];
  ASSERT_EQ(destructions.size(), 1u);
  EXPECT_EQ(destructions[0]["cause"], "erasure");
  EXPECT_EQ(destructions[0]["erasure_request_id"], erase.Json()["id"]);

  if (db_.backend() == "sqlite") {
    // The file itself, as a copy or a backup of it would be: not a byte of
    // the text, in the database or its write-ahead log.
    for (const std::string& file : {path, path + "-wal"}) {
      if (!std::filesystem::exists(file)) continue;
      const std::string bytes = ReadFile(file);
      EXPECT_EQ(bytes.find(kAccount), std::string::npos) << file;
      EXPECT_EQ(bytes.find(kItem.substr(0, 20)), std::string::npos) << file;
      EXPECT_EQ(bytes.find(kChildName), std::string::npos) << file;
    }
  }
  // Crypto-shredding: the concern's key is gone from the key store, so the
  // backup made before, unchanged, no longer yields the account: it reads
  // as destroyed, not as an error.
  EXPECT_FALSE(server_.app().content_keys()->Find({r.concern_id}).value().contains(r.concern_id));
  EXPECT_EQ(AccountIn(**copy, r.concern_id), "");
  // A backup of the key store made before still holds the key: why those
  // backups are kept apart and only for days (docs/operations.md).
  {
    app::Config old_keys = db_.Config();
    old_keys.keys.content_key_file = key_backup;
    auto ring = app::ReadSealingKeyring(db_.sealing_key_file(), "keys").value();
    auto keys = app::OpenContentKeyStore(old_keys, access::Sealer::FromKeys(ring.keys).value(), server_.clock());
    ASSERT_TRUE(keys) << keys.error().message;
    EXPECT_TRUE((*keys)->Find({r.concern_id}).value().contains(r.concern_id));
  }
  copy->reset();
  // Restoring that backup says which records' keys the key store lacks:
  // here the erased concern's, which then reads as destroyed.
  TestDatabase target;
  auto restore = RunJigsaw("restore --from " + backup.string() + " --database '" + target.url() + "' --audit-key " +
                        db_.key_file());
  EXPECT_EQ(restore.status, 0) << restore.out;
  EXPECT_NE(restore.out.find("has no key for 1 of the 1 records whose content this copy holds sealed"),
            std::string::npos)
      << restore.out;
  std::filesystem::remove_all(backup);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(key_backup + suffix);

  auto verified = Verify();
  EXPECT_EQ(verified.status, 0) << verified.out;
  EXPECT_NE(verified.out.find("OK: "), std::string::npos) << verified.out;
}

TEST_F(RetentionTest, TheServerDoesNotStartWithoutTheKeysOfTheContentItHolds) {
  RecordConcern("2016-02-03");
  // A key store that was not put back (here: another, empty, file).
  app::Config config = db_.Config();
  config.keys.content_key_file =
      (std::filesystem::temp_directory_path() / ("jigsaw-empty-" + NewId() + ".content-keys")).string();
  FakeClock clock(SystemClock().Now());
  {
    auto opened = app::Application::Create(config, clock);  // as `jigsaw audit verify` does: no content read
    ASSERT_TRUE(opened) << opened.error().message;
    auto serving = (*opened)->Listen();
    ASSERT_FALSE(serving);
    EXPECT_EQ(serving.error().field, "keys.content_key_file");
    EXPECT_NE(serving.error().message.find("holds no key"), std::string::npos) << serving.error().message;
    EXPECT_EQ((*opened)->content_keys()->Count().value(), 0) << "nothing sealed under the wrong key store";
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(config.keys.content_key_file + suffix);
  // With the right one, it opens (the server above serves with it).
  EXPECT_TRUE(app::Application::Create(db_.Config(), clock));
  auto verified = Verify();
  EXPECT_EQ(verified.status, 0) << verified.out;
}

TEST_F(RetentionTest, TheServerDoesNotStartWithAKeyStoreThatLacksSomeKeysOfTheContentItHolds) {
  RecordConcern("2016-02-03");
  // A stale or wrong key store: it holds a key, just not this concern's.
  app::Config config = db_.Config();
  config.keys.content_key_file =
      (std::filesystem::temp_directory_path() / ("jigsaw-stale-" + NewId() + ".content-keys")).string();
  FakeClock clock(SystemClock().Now());
  {
    auto opened = app::Application::Create(config, clock);
    ASSERT_TRUE(opened) << opened.error().message;
    ASSERT_TRUE((*opened)->content_keys()->KeyFor("another-record"));
  }
  {
    auto opened = app::Application::Create(config, clock);
    ASSERT_TRUE(opened) << opened.error().message;
    auto serving = (*opened)->Listen();
    ASSERT_FALSE(serving) << "records without keys would fail, or worse read as destroyed";
    EXPECT_EQ(serving.error().field, "keys.content_key_file");
    EXPECT_NE(serving.error().message.find("lacks keys"), std::string::npos) << serving.error().message;
    EXPECT_EQ((*opened)->content_keys()->Count().value(), 1) << "no key made for the records it lacks";
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(config.keys.content_key_file + suffix);
  EXPECT_TRUE(app::Application::Create(db_.Config(), clock));
}

TEST_F(RetentionTest, ARefusedErasureIsRecordedWithItsReasonAndDestroysNothing) {
  const auto r = RecordConcern("2016-02-03");
  auto wrong = Post(port(), "/api/v1/erasure-requests",
                    {{"person_id", r.child_id}, {"requested_by", "The child's father"}, {"received_on", "2026-11-20"},
                     {"outcome", "refused"}, {"ground", "no_longer_necessary"}, {"reasons", "x"}},
                    dpo_);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.Json()["error"]["field"], "ground") << "a ground for granting cannot refuse";
  auto blank = Post(port(), "/api/v1/erasure-requests",
                    {{"person_id", r.child_id}, {"requested_by", "The child's father"}, {"received_on", "2026-11-20"},
                     {"outcome", "refused"}, {"ground", "public_task"}, {"reasons", "  "}},
                    dpo_);
  EXPECT_EQ(blank.Json()["error"]["field"], "reasons");
  EXPECT_EQ(Post(port(), "/api/v1/erasure-requests",
                 {{"person_id", r.child_id}, {"requested_by", "The child's father"}, {"received_on", "2026-11-20"},
                  {"outcome", "refused"}, {"ground", "public_task"}, {"reasons", "Kept to protect the child."}},
                 teacher_)
                .status,
            403);

  auto refused = Post(port(), "/api/v1/erasure-requests",
                      {{"person_id", r.child_id}, {"requested_by", "The child's father"}, {"received_on", "2026-11-20"},
                       {"outcome", "refused"}, {"ground", "public_task"},
                       {"reasons", "Kept under our safeguarding duties while the child is at the school."}},
                      dpo_);
  ASSERT_EQ(refused.status, 201) << refused.body;
  const json list = Get(port(), "/api/v1/erasure-requests", dpo_).Json()["erasure_requests"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["outcome"], "refused");
  EXPECT_EQ(list[0]["ground"], "public_task");
  EXPECT_EQ(list[0]["reasons"], "Kept under our safeguarding duties while the child is at the school.");
  EXPECT_EQ(list[0]["requested_by"], "The child's father");
  EXPECT_NE(Get(port(), "/api/v1/concerns/" + r.concern_id, teacher_).body.find(kAccount), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/retention/destructions", dpo_).Json()["destructions"].size(), 0u);
}

TEST_F(RetentionTest, TheScheduleShowsTheDefaultsWithTheirSourcesAndTheDpoChangesThem) {
  const json schedule = Get(port(), "/api/v1/retention/schedule", dpo_).Json();
  EXPECT_EQ(schedule["organisation_type"], "school");
  EXPECT_EQ(schedule["summary"][0]["how_long"], "until the child's 25th birthday");
  EXPECT_NE(schedule["rules"][0]["source"].get<std::string>().find("IRMS"), std::string::npos);
  auto bad = Send(port(), {"PUT", "/api/v1/retention/schedule/audit",
                           json{{"trigger", "from_creation"}, {"years", 6}, {"disposal", "dpo_confirms"}, {"source", "x"}}.dump(),
                           {{"Authorization", "Bearer " + dpo_}, {"Content-Type", "application/json"}}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  auto set = Send(port(), {"PUT", "/api/v1/retention/schedule/concern",
                           json{{"trigger", "from_date_of_birth"}, {"years", 30}, {"disposal", "dpo_confirms"},
                                {"source", "Trust policy: kept until 30 after a serious case review."}}
                               .dump(),
                           {{"Authorization", "Bearer " + dpo_}, {"Content-Type", "application/json"}}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["summary"][0]["how_long"], "until the child's 30th birthday");
  const auto r = RecordConcern(std::string(kSeventeen));
  PastTheirTwentyFifthBirthday();  // 25, but not yet 30
  EXPECT_FALSE(IsDue(r.concern_id));
}

TEST_F(RetentionTest, TheDposPagesWorkWithoutJavaScript) {
  const auto r = RecordConcern(std::string(kSeventeen));
  PastTheirTwentyFifthBirthday();
  auto page = [&](const std::string& target) {
    return Send(port(), {"GET", target, {}, {{"Cookie", "jigsaw_session=" + dpo_}}});
  };
  auto form = [&](const std::string& target, const std::string& body) {
    return Send(port(), {"POST", target, body + "&csrf_token=" + access::FormToken(dpo_),
                         {{"Cookie", "jigsaw_session=" + dpo_}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  };
  auto review = page("/retention");
  ASSERT_EQ(review.status, 200);
  EXPECT_NE(review.body.find("/retention/destroy/" + r.concern_id), std::string::npos);
  EXPECT_EQ(review.body.find(kAccount), std::string::npos) << "the review shows no content";
  EXPECT_EQ(page("/retention/schedule").status, 200);
  EXPECT_NE(page("/retention/schedule").body.find("/retention/schedule/advice_request"), std::string::npos);
  EXPECT_EQ(page("/retention/schedule/advice_request").status, 200);
  EXPECT_EQ(page("/retention/schedule/nonsense").status, 404);
  auto bad_years = form("/retention/schedule/advice_request", "trigger=from_last_activity&years=six&days=0&source=Policy");
  EXPECT_EQ(bad_years.status, 400);
  EXPECT_NE(bad_years.body.find("Enter a whole number of years"), std::string::npos);
  auto changed = form("/retention/schedule/advice_request", "trigger=from_last_activity&years=7&days=0&source=Trust+policy");
  EXPECT_EQ(changed.status, 303) << changed.body;
  EXPECT_NE(page("/retention/schedule").body.find("for 7 years after the last time anything was added or changed"),
            std::string::npos);
  EXPECT_EQ(page("/legal-holds").status, 200);
  EXPECT_EQ(page("/erasure-requests/new").status, 200);
  auto no_reason = form("/legal-holds", "subject=concern&subject_id=" + r.concern_id + "&reason=");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_EQ(form("/legal-holds", "subject=concern&subject_id=" + r.concern_id + "&reason=Complaint+open").status, 303);
  EXPECT_EQ(form("/retention/destroy/" + r.concern_id, "").status, 409) << "held";
  EXPECT_EQ(page("/retention").body.find("/retention/destroy/" + r.concern_id), std::string::npos);
  auto refused = form("/erasure-requests/new",
                      "person_id=" + r.child_id +
                          "&requested_by=Mother&received_on-day=20&received_on-month=11&received_on-year=2026"
                          "&ground=legal_obligation&reasons=Statutory+record");
  EXPECT_EQ(refused.status, 303) << refused.body;
  EXPECT_NE(page("/erasure-requests").body.find("Statutory record"), std::string::npos);
  auto teacher_page = Send(port(), {"GET", "/retention", {}, {{"Cookie", "jigsaw_session=" + teacher_}}});
  EXPECT_EQ(teacher_page.status, 403);
}

TEST_F(RetentionTest, AGrantedErasureFromTheFormIsConfirmedOnAPageNamingThePersonFirst) {
  const auto r = RecordConcern(std::string(kSeventeen));
  auto form = [&](const std::string& body) {
    return Send(port(), {"POST", "/erasure-requests/new", body + "&csrf_token=" + access::FormToken(dpo_),
                         {{"Cookie", "jigsaw_session=" + dpo_}, {"Content-Type", "application/x-www-form-urlencoded"}}});
  };
  const std::string decision = "person_id=" + r.child_id +
                               "&requested_by=Her+mother&received_on-day=20&received_on-month=11"
                               "&received_on-year=2026&ground=no_longer_necessary&reasons=Recorded+in+error";
  auto check = form(decision);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_NE(check.body.find("Confirm the erasure of"), std::string::npos);
  EXPECT_NE(check.body.find(std::string(kChildName) + " Marchbanks"), std::string::npos) << "the page names whose records go";
  EXPECT_NE(check.body.find("name=\"confirmed\" value=\"yes\""), std::string::npos);
  EXPECT_EQ(Get(port(), "/api/v1/erasure-requests", dpo_).Json()["erasure_requests"].size(), 0u) << "nothing decided yet";
  EXPECT_EQ(Get(port(), "/api/v1/retention/destructions", dpo_).Json()["destructions"].size(), 0u);

  auto no_reason = form("person_id=" + r.child_id +
                        "&requested_by=Her+mother&received_on-day=20&received_on-month=11"
                        "&received_on-year=2026&ground=no_longer_necessary&reasons=");
  EXPECT_EQ(no_reason.status, 400) << "checked before the confirmation page";

  auto confirmed = form(decision + "&confirmed=yes");
  EXPECT_EQ(confirmed.status, 303) << confirmed.body;
  EXPECT_EQ(Get(port(), "/api/v1/retention/destructions", dpo_).Json()["destructions"].size(), 1u);
}

}  // namespace
}  // namespace jigsaw::testing
