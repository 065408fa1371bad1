#include "support/audit_tamper.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>

#include "audit/encoding.h"
#include "audit/merkle.h"

namespace jigsaw::testing {
namespace {

constexpr std::uint64_t kLevelShift = 48;

std::vector<audit::Hash> Leaves(store::Store& store) {
  std::vector<audit::Hash> out;
  EXPECT_TRUE(store.Read([&](store::Transaction& tx) {
    return tx.audit().VisitLeaves(0, std::size_t{1} << 30, [&](std::uint64_t, std::span<const std::uint8_t> h) {
      audit::Hash x{};
      std::copy(h.begin(), h.end(), x.begin());
      out.push_back(x);
    });
  }));
  return out;
}

}  // namespace

std::string RewindSql(const TestDatabase& db, std::uint64_t size) {
  auto store = db.OpenStore();
  const auto leaves = Leaves(*store);
  audit::Frontier f;
  for (std::uint64_t i = 0; i < size && i < leaves.size(); ++i) audit::Append(f, leaves[i]);
  Bytes frontier;
  for (const auto& h : f.hashes) frontier.insert(frontier.end(), h.begin(), h.end());
  std::string beyond;
  EXPECT_TRUE(store->Read([&](store::Transaction& tx) {
    return tx.audit().VisitNodes(0, std::size_t{1} << 30, [&](std::uint64_t id, std::span<const std::uint8_t>) {
      const std::uint64_t level = id >> kLevelShift, index = id & ((std::uint64_t{1} << kLevelShift) - 1);
      if (((index + 1) << level) > size) beyond += (beyond.empty() ? "" : ", ") + std::to_string(id);
    });
  }));
  const std::string n = std::to_string(size);
  return "DELETE FROM audit_records WHERE seq >= " + n + ";" +
         (beyond.empty() ? "" : "DELETE FROM audit_nodes WHERE id IN (" + beyond + ");") +
         "DELETE FROM audit_tree_heads WHERE tree_size > " + n + ";" + "UPDATE audit_state SET size = " + n +
         ", frontier = " + db.Blob(HexEncode(frontier)) + " WHERE id = 1;";
}

std::string RewriteRecordSql(const TestDatabase& db, std::uint64_t index, const std::string& object_id) {
  auto store = db.OpenStore();
  domain::AuditRecord record;
  EXPECT_TRUE(store->Read([&](store::Transaction& tx) {
    return tx.audit().Scan(index, [&](const domain::AuditRecord& r, const Bytes&) {
      record = r;
      return false;
    });
  }));
  record.object_id = object_id;
  const audit::Hash leaf = audit::LeafHash(audit::Encode(record));
  return "UPDATE audit_records SET object_id = '" + object_id + "', leaf_hash = " + db.Blob(HexEncode(leaf)) +
         " WHERE seq = " + std::to_string(index) + ";";
}

std::vector<audit::Hash> RootsAt(const TestDatabase& db, const std::vector<std::uint64_t>& sizes) {
  auto store = db.OpenStore();
  const auto leaves = Leaves(*store);
  std::vector<audit::Hash> out;
  for (std::uint64_t n : sizes) {
    audit::Frontier f;
    for (std::uint64_t i = 0; i < n; ++i) audit::Append(f, leaves.at(i));
    out.push_back(audit::Root(f));
  }
  return out;
}

std::string InsertHeadSql(const TestDatabase& db, const audit::TreeHead& h) {
  return "INSERT INTO audit_tree_heads (tree_size, root_hash, time, signature, key_id) VALUES (" +
         std::to_string(h.size) + ", " + db.Blob(HexEncode(h.root)) + ", " + std::to_string(ToMicros(h.time)) + ", " +
         db.Blob(HexEncode(h.signature)) + ", '" + h.key_id + "');";
}

CliOutput RunJigsaw(const std::string& args, int timeout_seconds) {
  CliOutput r;
  FILE* p = popen(("timeout " + std::to_string(timeout_seconds) + " " + std::string(JIGSAW_BINARY) + " " + args +
                   " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  r.status = WEXITSTATUS(pclose(p));
  return r;
}

}  // namespace jigsaw::testing
