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

TEST_F(StoreTest, PractitionersAndSignInState) {
  const Organisation o = Org();
  Practitioner p = Person(o.id, "ada");
  p.roles = domain::RoleSet{Role::kDesignatedSafeguardingLead, Role::kCaldicottGuardian};
  ASSERT_TRUE(store_->Write([&](Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(tx.organisations().Insert(o));
    JIGSAW_RETURN_IF_ERROR(tx.practitioners().Insert(p, "$argon2id$hash"));
    return tx.practitioners().UpdateSignInState(p.id, 3, FromMicros(99));
  }));
  std::optional<PractitionerWithCredentials> found;
  std::vector<Practitioner> in_org, other;
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    found = JIGSAW_TRY(tx.practitioners().FindByUsername("ada"));
    in_org = JIGSAW_TRY(tx.practitioners().List(o.id));
    other = JIGSAW_TRY(tx.practitioners().List(std::string("elsewhere")));
    return Ok();
  }));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->practitioner.roles, p.roles);
  EXPECT_EQ(found->credentials.password_hash, "$argon2id$hash");
  EXPECT_EQ(found->credentials.failed_sign_ins, 3);
  EXPECT_EQ(ToMicros(found->credentials.locked_until), 99);
  EXPECT_EQ(in_org.size(), 1u);
  EXPECT_TRUE(other.empty());
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
