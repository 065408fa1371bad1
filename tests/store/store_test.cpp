// The repository contract, run against both backends.
#include "store/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "common/random.h"
#include "support/test_database.h"

namespace jigsaw::store {
namespace {

using domain::Organisation;
using domain::OrganisationType;
using domain::Practitioner;
using domain::Role;
using domain::Sector;

Organisation Org(std::string name = "Elmside School") {
  return Organisation{NewId(), std::move(name), OrganisationType::kSchool, Sector::kPublic, false,
                      FromMicros(1000)};
}

Practitioner Person(const std::string& org, std::string username) {
  return Practitioner{NewId(), org, std::move(username), "Sam", domain::RoleSet{Role::kPractitioner},
                      false, FromMicros(2000)};
}

class StoreTest : public ::testing::Test {
 protected:
  testing::TestDatabase db_;
  std::unique_ptr<Store> store_ = db_.OpenStore();
};

TEST_F(StoreTest, MigratesToTheLatestVersionAndReopensIdempotently) {
  ASSERT_TRUE(store_);
  EXPECT_EQ(store_->SchemaVersion().value(), LatestSchemaVersion());
  EXPECT_GE(LatestSchemaVersion(), 2);
  auto again = Open({.url = db_.url()});
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->SchemaVersion().value(), LatestSchemaVersion());
}

// Migrations written on two branches can land out of order: a database
// that has 15 and 16 but not 14 gets 14 when it is next opened.
TEST_F(StoreTest, AMigrationThatLandedLateIsStillApplied) {
  ASSERT_TRUE(store_);
  store_.reset();
  db_.TamperWithSql("DROP TABLE information_request_people");
  db_.TamperWithSql("DELETE FROM schema_migrations WHERE version = 14");
  auto reopened = Open({.url = db_.url()});
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_EQ((*reopened)->SchemaVersion().value(), LatestSchemaVersion());
  reopened->reset();
  // The table is back (this fails the test if it is not there).
  db_.TamperWithSql("DELETE FROM information_request_people");
}

TEST_F(StoreTest, OrganisationsRoundTrip) {
  Organisation police = Org("Constabulary");
  police.type = OrganisationType::kPolice;
  police.competent_authority = true;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.organisations().Insert(police); }));
  std::optional<Organisation> found;
  std::vector<Organisation> all;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.organisations().Find(police.id));
    all = JIGSAW_TRY(tx.organisations().List());
    return Ok();
  }));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Constabulary");
  EXPECT_EQ(found->type, OrganisationType::kPolice);
  EXPECT_TRUE(found->competent_authority);
  EXPECT_EQ(ToMicros(found->created_at), 1000);
  EXPECT_EQ(all.size(), 1u);
}

TEST_F(StoreTest, DuplicatesAreAlreadyExists) {
  const Organisation o = Org();
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.organisations().Insert(o); }));
  auto again = store_->Write([&](Transaction& tx) { return tx.organisations().Insert(o); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);

  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.practitioners().Insert(Person(o.id, "sam"), "h"); }));
  auto dup = store_->Write([&](Transaction& tx) { return tx.practitioners().Insert(Person(o.id, "sam"), "h"); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(StoreTest, ForeignKeysAreEnforced) {
  auto orphan = store_->Write([&](Transaction& tx) {
    return tx.practitioners().Insert(Person("no-such-org", "orphan"), "h");
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(StoreTest, AFailedTransactionLeavesNothingBehind) {
  const Organisation o = Org();
  auto failed = store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(o));
    return InvalidArgument("x", "changed my mind");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().field, "x");
  std::vector<Organisation> all;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    all = JIGSAW_TRY(tx.organisations().List());
    return Ok();
  }));
  EXPECT_TRUE(all.empty());
}

TEST_F(StoreTest, WorkThatThrowsFailsItsRequestNotTheStore) {
  const Organisation o = Org();
  auto failed = store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(o));
    throw std::out_of_range("a bug");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_EQ(store_->Read([](Transaction&) -> Status { throw std::runtime_error("another"); }).error().code,
            ErrorCode::kInternal);
  // The writer is still there, and the failed work left nothing behind.
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.organisations().Insert(Org("Next")); }));
  std::vector<Organisation> all;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    all = JIGSAW_TRY(tx.organisations().List());
    return Ok();
  }));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].name, "Next");
}

TEST_F(StoreTest, PractitionersAndTheirPasswords) {
  const Organisation o = Org();
  Practitioner p = Person(o.id, "ada");
  p.roles = domain::RoleSet{Role::kDesignatedSafeguardingLead, Role::kCaldicottGuardian};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(o));
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().Insert(p, "$argon2id$old"));
    return tx.practitioners().UpdatePasswordHash(p.id, "$argon2id$hash");
  }));
  std::optional<PractitionerWithCredentials> found, by_id;
  std::vector<Practitioner> in_org, other;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.practitioners().FindByUsername("ada"));
    by_id = JIGSAW_TRY(tx.practitioners().FindWithCredentials(p.id));
    in_org = JIGSAW_TRY(tx.practitioners().List(o.id));
    other = JIGSAW_TRY(tx.practitioners().List(std::string("elsewhere")));
    return Ok();
  }));
  ASSERT_TRUE(found);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(found->practitioner.roles, p.roles);
  EXPECT_EQ(found->credentials.password_hash, "$argon2id$hash");
  EXPECT_EQ(by_id->practitioner.username, "ada");
  EXPECT_EQ(in_org.size(), 1u);
  EXPECT_TRUE(other.empty());
}

TEST_F(StoreTest, FailedSignInsAreCountedByAccountAddressAndOverall) {
  const Time t0 = FromMicros(std::int64_t{1'000'000'000'000});
  using std::chrono::minutes;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().RecordFailure("acct-a", "addr-1", t0 - minutes(90)));  // outside every window
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().RecordFailure("acct-a", "addr-1", t0 - minutes(2)));
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().RecordFailure("acct-a", "addr-2", t0 - minutes(1)));
    return tx.sign_in().RecordFailure("acct-b", "addr-1", t0);
  }));
  auto count = [&](std::string account, std::string source) {
    SignInFailureCounts c;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      c = JIGSAW_TRY(tx.sign_in().CountFailures({account, source, t0 - minutes(60), t0 - minutes(10), t0 - minutes(5)}));
      return Ok();
    }));
    return c;
  };
  SignInFailureCounts a = count("acct-a", "addr-1");
  EXPECT_EQ(a.account, 2);
  EXPECT_EQ(a.last_account_failure, t0 - minutes(1));
  EXPECT_EQ(a.address, 2);
  EXPECT_EQ(a.overall, 3);
  EXPECT_EQ(count("nobody", "addr-3").account, 0);
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().ClearAccountFailures("acct-a"));
    return Ok();
  }));
  a = count("acct-a", "addr-1");
  EXPECT_EQ(a.account, 0);
  EXPECT_EQ(a.address, 1);  // acct-b's failure from the same address still counts
  std::int64_t purged = 0;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    purged = JIGSAW_TRY(tx.sign_in().DeleteFailuresBefore(t0));
    return Ok();
  }));
  EXPECT_EQ(purged, 0);  // acct-a's went with the success; acct-b's is at t0
}

TEST_F(StoreTest, SecondFactorsChallengesAndTheirReset) {
  const Organisation o = Org();
  const Practitioner p = Person(o.id, "ada");
  const Time t0 = FromMicros(std::int64_t{1'000'000'000'000});
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(o));
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().Insert(p, "h"));
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().PutTotp({p.id, Bytes{1, 2, 3}, 100, t0}));
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().ReplaceRecoveryCodes(p.id, {"d1", "d2"}, t0));
    JIGSAW_RETURN_IF_ERROR(tx.sign_in().InsertPasskey({"cred", p.id, "Laptop", Bytes{9}, 0, t0, {}}));
    return tx.sign_in().InsertChallenge({"ch", p.id, t0, t0 + std::chrono::minutes(5), 0, Bytes{7}, ""});
  }));
  bool advanced = false, again = false, older = false, used = false, used_twice = false;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    advanced = JIGSAW_TRY(tx.sign_in().AdvanceTotpStep(p.id, 101));
    again = JIGSAW_TRY(tx.sign_in().AdvanceTotpStep(p.id, 101));  // a replay
    older = JIGSAW_TRY(tx.sign_in().AdvanceTotpStep(p.id, 99));
    used = JIGSAW_TRY(tx.sign_in().UseRecoveryCode(p.id, "d1", t0));
    used_twice = JIGSAW_TRY(tx.sign_in().UseRecoveryCode(p.id, "d1", t0));
    auto challenge = JIGSAW_TRY(tx.sign_in().FindChallenge("ch"));
    challenge->failed_codes = 2;
    return tx.sign_in().UpdateChallenge(*challenge);
  }));
  EXPECT_TRUE(advanced);
  EXPECT_FALSE(again);
  EXPECT_FALSE(older);
  EXPECT_TRUE(used);
  EXPECT_FALSE(used_twice);
  std::optional<domain::TotpEnrolment> totp;
  std::optional<domain::SignInChallenge> challenge;
  int left = 0;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    totp = JIGSAW_TRY(tx.sign_in().FindTotp(p.id));
    challenge = JIGSAW_TRY(tx.sign_in().FindChallenge("ch"));
    left = JIGSAW_TRY(tx.sign_in().UnusedRecoveryCodes(p.id));
    return Ok();
  }));
  ASSERT_TRUE(totp);
  EXPECT_EQ(totp->last_accepted_step, 101);
  EXPECT_EQ(totp->sealed_secret, (Bytes{1, 2, 3}));
  ASSERT_TRUE(challenge);
  EXPECT_EQ(challenge->failed_codes, 2);
  EXPECT_EQ(challenge->sealed_offered_secret, Bytes{7});
  EXPECT_EQ(left, 1);

  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.sign_in().DeleteSecondFactors(p.id); }));
  std::vector<domain::Passkey> passkeys{{}};
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    totp = JIGSAW_TRY(tx.sign_in().FindTotp(p.id));
    challenge = JIGSAW_TRY(tx.sign_in().FindChallenge("ch"));
    left = JIGSAW_TRY(tx.sign_in().UnusedRecoveryCodes(p.id));
    passkeys = JIGSAW_TRY(tx.sign_in().Passkeys(p.id));
    return Ok();
  }));
  EXPECT_FALSE(totp);
  EXPECT_FALSE(challenge);
  EXPECT_EQ(left, 0);
  EXPECT_TRUE(passkeys.empty());
}

TEST_F(StoreTest, SessionsExpire) {
  const Organisation o = Org();
  const Practitioner p = Person(o.id, "ada");
  const Time t0 = FromMicros(std::int64_t{1'000'000'000'000});
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(o));
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().Insert(p, "h"));
    JIGSAW_RETURN_IF_ERROR(tx.sessions().Insert({"fresh", p.id, t0, t0, t0 + std::chrono::hours(12)}));
    JIGSAW_RETURN_IF_ERROR(tx.sessions().Insert({"idle", p.id, t0, t0 - std::chrono::hours(1), t0 + std::chrono::hours(12)}));
    return tx.sessions().Insert({"old", p.id, t0, t0, t0 - std::chrono::seconds(1)});
  }));
  std::int64_t removed = 0;
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    removed = JIGSAW_TRY(tx.sessions().DeleteExpired(t0, std::chrono::minutes(30)));
    return tx.sessions().Touch("fresh", t0 + std::chrono::minutes(5));
  }));
  EXPECT_EQ(removed, 2);
  std::optional<domain::Session> fresh, idle;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    fresh = JIGSAW_TRY(tx.sessions().Find("fresh"));
    idle = JIGSAW_TRY(tx.sessions().Find("idle"));
    return Ok();
  }));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->last_seen_at, t0 + std::chrono::minutes(5));
  EXPECT_FALSE(idle);
}

TEST_F(StoreTest, ConcurrentWritersAllCommit) {
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i)
        if (!store_->Write([&](Transaction& tx) { return tx.organisations().Insert(Org()); })) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::size_t count = 0;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    count = JIGSAW_TRY(tx.organisations().List()).size();
    return Ok();
  }));
  EXPECT_EQ(count, std::size_t{kThreads * kEach});
}

TEST_F(StoreTest, ValuesAreParametersNotSql) {
  const Organisation o = Org("Robert'); DROP TABLE organisations;--");
  ASSERT_TRUE(store_->Write([&](Transaction& tx) { return tx.organisations().Insert(o); }));
  std::optional<Organisation> found;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.organisations().Find(o.id));
    return Ok();
  }));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, o.name);
}

TEST(StoreOpenTest, UnknownSchemesNameTheSetting) {
  auto s = Open({.url = "mysql://x"});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "database.url");
}

}  // namespace
}  // namespace jigsaw::store
