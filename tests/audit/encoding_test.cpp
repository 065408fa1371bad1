#include "audit/encoding.h"

#include <gtest/gtest.h>

#include "audit/merkle.h"

namespace jigsaw::audit {
namespace {

domain::AuditRecord Sample() {
  domain::AuditRecord r;
  r.index = 42;
  r.time = FromMicros(1795510800000000);
  r.practitioner_id = "p1";
  r.organisation_id = "o1";
  r.roles = "practitioner";
  r.action = "session.sign_in";
  r.object_type = "practitioner";
  r.object_id = "p1";
  r.child_id = "";
  r.purpose = "";
  r.outcome = domain::AuditOutcome::kDenied;
  r.request_id = "r";
  return r;
}

TEST(AuditEncodingTest, IsTheDocumentedLayout) {
  // docs/audit-log.md spells out these bytes; this pins them.
  const Bytes b = Encode(Sample());
  EXPECT_EQ(b[0], 1);
  EXPECT_EQ(HexEncode(Bytes(b.begin() + 1, b.begin() + 9)), "000000000000002a");
  EXPECT_EQ(HexEncode(Bytes(b.begin() + 9, b.begin() + 17)), "00066101ef6ca400");
  EXPECT_EQ(HexEncode(Bytes(b.begin() + 17, b.begin() + 23)), "000000027031");
  EXPECT_EQ(b.size(), 1 + 8 + 8 + (4 + 2) + (4 + 2) + (4 + 12) + (4 + 15) + (4 + 12) + (4 + 2) + 4 + 4 + 1 + (4 + 1));
  EXPECT_EQ(b[b.size() - 6], 1);  // outcome: denied
}

TEST(AuditEncodingTest, RoundTripsAndRejectsDamage) {
  const auto r = Sample();
  const Bytes b = Encode(r);
  EXPECT_EQ(Decode(b).value(), r);
  EXPECT_FALSE(Decode(Bytes(b.begin(), b.end() - 1)));
  Bytes longer = b;
  longer.push_back(0);
  EXPECT_FALSE(Decode(longer));
  Bytes version = b;
  version[0] = 2;
  EXPECT_FALSE(Decode(version));
}

TEST(AuditEncodingTest, EveryFieldChangesTheLeafHash) {
  const Hash base = LeafHash(Encode(Sample()));
  auto changed = [&](auto mutate) {
    auto r = Sample();
    mutate(r);
    return LeafHash(Encode(r)) != base;
  };
  EXPECT_TRUE(changed([](auto& r) { r.index = 43; }));
  EXPECT_TRUE(changed([](auto& r) { r.time += std::chrono::microseconds(1); }));
  EXPECT_TRUE(changed([](auto& r) { r.practitioner_id = "p2"; }));
  EXPECT_TRUE(changed([](auto& r) { r.organisation_id = "o2"; }));
  EXPECT_TRUE(changed([](auto& r) { r.roles = "administrator"; }));
  EXPECT_TRUE(changed([](auto& r) { r.action = "session.sign_out"; }));
  EXPECT_TRUE(changed([](auto& r) { r.object_type = "x"; }));
  EXPECT_TRUE(changed([](auto& r) { r.object_id = "p2"; }));
  EXPECT_TRUE(changed([](auto& r) { r.child_id = "c"; }));
  EXPECT_TRUE(changed([](auto& r) { r.purpose = "safeguarding"; }));
  EXPECT_TRUE(changed([](auto& r) { r.outcome = domain::AuditOutcome::kAllowed; }));
  EXPECT_TRUE(changed([](auto& r) { r.request_id = "s"; }));
  // Length prefixes: moving a character between fields changes the bytes.
  EXPECT_TRUE(changed([](auto& r) { r.practitioner_id = "p"; r.organisation_id = "1o1"; }));
}

}  // namespace
}  // namespace jigsaw::audit
