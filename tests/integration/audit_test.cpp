// The audit log end to end, on each backend: the real server records what
// happens; `jigsaw audit verify` passes; then tampering with the database
// directly makes it fail and name the index.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "common/random.h"

#include "audit/encoding.h"
#include "audit/merkle.h"
#include "audit/tree_head.h"
#include "http/api/audit_api.h"
#include "support/http_client.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

struct CliResult {
  int status;
  std::string out;
};

CliResult Jigsaw(const std::string& args) {
  CliResult r{0, {}};
  FILE* p = popen((std::string(JIGSAW_BINARY) + " " + args + " 2>&1").c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  r.status = WEXITSTATUS(pclose(p));
  return r;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A mix of what practitioners do: sign in, fail to, read, be refused.
    admin_ = server_.SignIn("csc.admin");
    dsl_ = server_.SignIn("primary.dsl");
    teacher_ = server_.SignIn("primary.teacher");
    Post(port(), "/api/v1/sessions", {{"username", DemoUsername("gp.doctor")}, {"password", "wrong wrong"}});
    Get(port(), "/api/v1/practitioners", admin_);
    Get(port(), "/api/v1/practitioners?organisation_id=" + OrgOf(dsl_), dsl_);
    Post(port(), "/api/v1/organisations", {{"name", "X"}, {"type", "other"}, {"sector", "private"}}, teacher_);
    Delete(port(), "/api/v1/sessions/current", teacher_);
    ASSERT_EQ(Get(port(), "/api/v1/audit/tree-head", admin_).status, 200);
  }
  std::uint16_t port() { return server_.port(); }
  std::string OrgOf(const std::string& token) {
    return Get(port(), "/api/v1/me", token).Json()["organisation"]["id"];
  }
  CliResult Verify() { return Jigsaw("audit verify --database '" + db_.url() + "' --audit-key " + db_.key_file()); }
  std::string Table() { return "audit_records"; }

  TestDatabase db_;
  TestServer server_{db_.Config()};
  std::string admin_, dsl_, teacher_;
};

TEST_F(AuditLogTest, RecordsWhatHappenedAndVerifies) {
  auto v = Verify();
  ASSERT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("OK: "), std::string::npos);
  // Operator search over the CLI: sign-ins, the failure, the refusal.
  auto search = Jigsaw("audit search --database '" + db_.url() + "' --audit-key " + db_.key_file() +
                       " --limit 1000 --format csv");
  ASSERT_EQ(search.status, 0) << search.out;
  EXPECT_NE(search.out.find("\"session.sign_in\""), std::string::npos);
  EXPECT_NE(search.out.find("\"failed\""), std::string::npos);
  EXPECT_NE(search.out.find("\"organisation.create\",\"organisation\",\"\",\"\",\"\",\"denied\""), std::string::npos);
  EXPECT_NE(search.out.find("\"practitioner.list\""), std::string::npos);
  EXPECT_NE(search.out.find("\"session.sign_out\""), std::string::npos);
  EXPECT_EQ(search.out.find("wrong wrong"), std::string::npos);  // never what was typed
}

TEST_F(AuditLogTest, EditingARecordIsCaughtAtItsIndex) {
  db_.TamperWithSql("UPDATE audit_records SET practitioner_id = 'someone-else' WHERE seq = 3");
  auto v = Verify();
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("FAILED at index 3"), std::string::npos) << v.out;
}

TEST_F(AuditLogTest, DeletingARecordIsCaughtAtItsIndex) {
  db_.TamperWithSql("DELETE FROM audit_records WHERE seq = 4");
  auto v = Verify();
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("FAILED at index 4"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("deleted"), std::string::npos) << v.out;
}

TEST_F(AuditLogTest, SwappingTwoRecordsIsCaught) {
  db_.TamperWithSql(
      "UPDATE audit_records SET seq = -1 WHERE seq = 2;"
      "UPDATE audit_records SET seq = 2 WHERE seq = 6;"
      "UPDATE audit_records SET seq = 6 WHERE seq = -1;");
  auto v = Verify();
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("FAILED at index 2"), std::string::npos) << v.out;
}

TEST_F(AuditLogTest, InsertingARecordIsCaught) {
  // Make room at 5 by renumbering everything after it, then insert there.
  db_.TamperWithSql(
      "UPDATE audit_records SET seq = seq + 1000000 WHERE seq >= 5;"
      "UPDATE audit_records SET seq = seq - 999999 WHERE seq >= 1000000;"
      "INSERT INTO audit_records (seq, time, practitioner_id, organisation_id, roles, action, "
      "object_type, object_id, child_id, purpose, outcome, request_id, leaf_hash) "
      "SELECT 5, time, 'nobody', organisation_id, roles, action, object_type, object_id, child_id, "
      "purpose, outcome, request_id, leaf_hash FROM audit_records WHERE seq = 4;");
  auto v = Verify();
  EXPECT_EQ(v.status, 1) << v.out;
  EXPECT_NE(v.out.find("FAILED at index 5"), std::string::npos) << v.out;
}

TEST_F(AuditLogTest, AppendingAForgedRecordIsCaught) {
  db_.TamperWithSql(
      "INSERT INTO audit_records (seq, time, practitioner_id, organisation_id, roles, action, "
      "object_type, object_id, child_id, purpose, outcome, request_id, leaf_hash) "
      "SELECT seq + 1000, time, practitioner_id, organisation_id, roles, action, object_type, "
      "object_id, child_id, purpose, outcome, request_id, leaf_hash FROM audit_records "
      "WHERE seq = (SELECT MAX(seq) FROM audit_records)");
  auto v = Verify();
  EXPECT_EQ(v.status, 1) << v.out;
}

TEST_F(AuditLogTest, AnExportedHeadIsProvedAPrefixOfTheLogLater) {
  auto head = Get(port(), "/api/v1/audit/tree-head", admin_);
  ASSERT_EQ(head.status, 200);
  const auto path = std::filesystem::temp_directory_path() / ("jigsaw-head-" + NewId() + ".json");
  std::ofstream(path) << head.body;
  server_.SignIn("nhs.nurse");  // the log grows
  Get(port(), "/api/v1/audit/tree-head", admin_);
  auto v = Jigsaw("audit verify --database '" + db_.url() + "' --audit-key " + db_.key_file() +
                  " --against " + path.string());
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("a prefix of this log"), std::string::npos) << v.out;
  // A head from a different history (same size, another root) is refused.
  auto forged = nlohmann::json::parse(head.body);
  std::string root = forged["root_hash"];
  root[0] = root[0] == 'a' ? 'b' : 'a';
  forged["root_hash"] = root;
  std::ofstream(path) << forged.dump();
  EXPECT_EQ(Jigsaw("audit verify --database '" + db_.url() + "' --audit-key " + db_.key_file() +
                   " --against " + path.string()).status, 1);
  std::filesystem::remove(path);
}

TEST_F(AuditLogTest, ApiProofsVerifyAgainstTheSignedHead) {
  auto key_reply = Get(port(), "/api/v1/audit/public-key");
  ASSERT_EQ(key_reply.status, 200);
  auto key_bytes = HexDecode(key_reply.Json()["public_key"].get<std::string>()).value();
  audit::PublicKey key;
  std::copy(key_bytes.begin(), key_bytes.end(), key.begin());
  auto head_reply = Get(port(), "/api/v1/audit/tree-head", admin_);
  auto head = audit::ParseTreeHeadJson(head_reply.body).value();
  ASSERT_TRUE(audit::VerifyTreeHead(head, key));

  // Take a real record, hash it ourselves, and prove it is in the signed tree.
  auto records = Get(port(), "/api/v1/audit/records?action=session.sign_in&limit=1000", admin_);
  ASSERT_EQ(records.status, 200) << records.body;
  const auto body = records.Json();
  const auto& rec = body["records"].back();
  domain::AuditRecord r;
  r.index = rec["index"];
  auto stored = db_.OpenStore();
  ASSERT_TRUE(stored->Read([&](store::Transaction& tx) {
    return tx.audit().Scan(r.index, [&](const domain::AuditRecord& got, const Bytes&) {
      r = got;
      return false;
    });
  }));
  const audit::Hash leaf = audit::LeafHash(audit::Encode(r));
  auto proof = Get(port(), "/api/v1/audit/proofs/inclusion?index=" + std::to_string(r.index) +
                               "&tree_size=" + std::to_string(head.size), admin_);
  ASSERT_EQ(proof.status, 200) << proof.body;
  const auto proof_body = proof.Json();
  EXPECT_EQ(proof_body["leaf_hash"], HexEncode(leaf));
  std::vector<audit::Hash> path;
  for (const auto& h : proof_body["inclusion_path"]) {
    auto b = HexDecode(h.get<std::string>()).value();
    audit::Hash x;
    std::copy(b.begin(), b.end(), x.begin());
    path.push_back(x);
  }
  EXPECT_TRUE(audit::VerifyInclusion(r.index, head.size, leaf, path, head.root));

  auto consistency = Get(port(), "/api/v1/audit/proofs/consistency?first=3&second=" + std::to_string(head.size), admin_);
  EXPECT_EQ(consistency.status, 200) << consistency.body;
  auto bad = Get(port(), "/api/v1/audit/proofs/inclusion?index=0&tree_size=99999999", admin_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "tree_size");
}

TEST_F(AuditLogTest, ReadersSeeOnlyWhatTheirRoleAllows) {
  auto dsl = Get(port(), "/api/v1/audit/records?limit=1000", dsl_);
  ASSERT_EQ(dsl.status, 200) << dsl.body;
  const std::string primary = OrgOf(dsl_);
  const auto body = dsl.Json();  // range-for over a temporary's member would dangle
  ASSERT_FALSE(body["records"].empty());
  for (const auto& r : body["records"]) EXPECT_EQ(r["organisation_id"], primary);
  auto other = Get(port(), "/api/v1/audit/records?organisation_id=" + OrgOf(admin_), dsl_);
  EXPECT_EQ(other.status, 403);
  const std::string teacher = server_.SignIn("academy.teacher");
  auto refused = Get(port(), "/api/v1/audit/records", teacher);
  EXPECT_EQ(refused.status, 403);
  // The refusal is itself on the record.
  auto denials = Get(port(), "/api/v1/audit/records?action=audit.search&outcome=denied", admin_);
  EXPECT_GE(denials.Json()["records"].size(), 2u);
  auto csv = Send(port(), {"GET", "/api/v1/audit/records?format=csv", {}, {{"Authorization", "Bearer " + admin_}}});
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("index,time,", 0), 0u);
}

TEST(AuditCsvTest, CellsCannotBecomeFormulas) {
  domain::AuditRecord r;
  r.action = "=HYPERLINK(\"http://x\")";
  r.object_id = "+1";
  r.child_id = "@SUM(A1)";
  r.purpose = "-2";
  r.request_id = "plain \"quoted\"";
  const std::string csv = http::api::AuditCsv({r});
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'+1\""), std::string::npos);
  EXPECT_NE(csv.find("\"'@SUM(A1)\""), std::string::npos);
  EXPECT_NE(csv.find("\"'-2\""), std::string::npos);
  EXPECT_NE(csv.find("\"plain \"\"quoted\"\"\""), std::string::npos);
}

}  // namespace
}  // namespace jigsaw::testing
