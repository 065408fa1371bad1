// A witness through the real binaries on loopback, on each backend: `jigsaw
// audit witness` countersigns a live server's heads as its log grows, serves
// them, and `audit verify --witness` proves the log consistent with them;
// then the server's disk is rewound and rewritten (with its own key), and
// the witness refuses, loudly, and verify names the head.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>

#include "app/application.h"
#include "app/demo.h"
#include "common/random.h"
#include "support/audit_tamper.h"
#include "support/http_client.h"
#include "support/serve_process.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The servers' dummy password checks for unknown users at test cost.
    setenv("JIGSAW_PASSWORD_HASH_COST", "minimum-for-tests-only", 1);
    std::filesystem::create_directories(dir_);
    SystemClock clock;
    auto app = app::Application::Create(db_.Config(), clock);
    ASSERT_TRUE(app) << app.error().message;
    ASSERT_TRUE(app::LoadDemoPartnership((*app)->administration(), (*app)->accounts()).value());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Log() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  // Some audited activity: failed sign-ins by someone who does not exist.
  void Activity(int n) {
    for (int i = 0; i < n; ++i)
      Post(server_->port(), "/api/v1/sessions", {{"username", "nobody@demo.jigsaw"}, {"password", "not a password"}});
  }
  std::string WitnessArgs() const {
    return "--log " + Log() + " --log-key " + log_key_ + " --key " + (dir_ / "witness.keys").string() + " --state " +
           (dir_ / "witnessed.jsonl").string();
  }
  CliOutput WitnessOnce() const { return RunJigsaw("audit witness --once " + WitnessArgs()); }
  CliOutput Verify(const std::string& witness) const {
    return RunJigsaw("audit verify --database '" + db_.url() + "' --audit-key " + db_.key_file() + " --witness " +
                     witness + " --witness-key " + witness_key_);
  }
  void StartServer() {
    server_ = std::make_unique<ServeProcess>(db_);
    ASSERT_NE(server_->port(), 0);
  }

  TestDatabase db_;
  std::filesystem::path dir_ = std::filesystem::temp_directory_path() / ("jigsaw-witness-" + NewId());
  std::unique_ptr<ServeProcess> server_;
  std::string log_key_, witness_key_;
};

TEST_F(WitnessTest, CountersignsAGrowingLogAndRefusesARewrittenOne) {
  StartServer();
  // The log's key, as its operator would hand it over: from the public endpoint.
  log_key_ = Get(server_->port(), "/api/v1/audit/public-key").Json()["public_key"];
  Activity(3);
  auto first = WitnessOnce();
  ASSERT_EQ(first.status, 0) << first.out;
  EXPECT_NE(first.out.find("COUNTERSIGNED: first head"), std::string::npos) << first.out;
  const auto from = first.out.find("(public key ") + 12;
  witness_key_ = first.out.substr(from, 64);
  Activity(4);
  auto grown = WitnessOnce();
  ASSERT_EQ(grown.status, 0) << grown.out;
  EXPECT_NE(grown.out.find("consistently"), std::string::npos) << grown.out;
  auto still = WitnessOnce();
  EXPECT_EQ(still.status, 0) << still.out;
  EXPECT_NE(still.out.find("UNCHANGED"), std::string::npos) << still.out;
  const std::uint64_t witnessed = Get(server_->port(), "/api/v1/audit/tree-head").Json()["tree_size"];

  // The witness's own copy, and the same served over HTTP, both prove the log.
  auto from_file = Verify((dir_ / "witnessed.jsonl").string());
  EXPECT_EQ(from_file.status, 0) << from_file.out;
  EXPECT_NE(from_file.out.find("consistent with the 2 heads"), std::string::npos) << from_file.out;
  {
    ChildProcess serving({"audit", "witness", "--port", "0", "--interval", "3600", "--log", Log(), "--log-key", log_key_,
                          "--key", (dir_ / "witness.keys").string(), "--state", (dir_ / "witnessed.jsonl").string()},
                         R"((http://127\.0\.0\.1:\d+)/v1/cosigned)");
    ASSERT_FALSE(serving.ready_match().empty());
    auto from_url = Verify(serving.ready_match());
    EXPECT_EQ(from_url.status, 0) << from_url.out;
    EXPECT_NE(from_url.out.find("consistent with the 2 heads"), std::string::npos) << from_url.out;
    EXPECT_EQ(serving.Stop(SIGTERM), 0);
  }

  // Whoever holds the disk rewinds the log to before the witnessed head...
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
  db_.TamperWithSql(RewindSql(db_, witnessed - 3));
  StartServer();
  auto rewound = WitnessOnce();
  EXPECT_EQ(rewound.status, 1) << rewound.out;
  EXPECT_NE(rewound.out.find("REFUSED: The log was REWOUND"), std::string::npos) << rewound.out;
  // ...and lets it grow again past it, signed with the server's own key.
  Activity(6);
  auto rewritten = WitnessOnce();
  EXPECT_EQ(rewritten.status, 1) << rewritten.out;
  EXPECT_NE(rewritten.out.find("REFUSED: The log's history was REWRITTEN"), std::string::npos) << rewritten.out;
  EXPECT_NE(rewritten.out.find("size " + std::to_string(witnessed) + " that this witness accepted"), std::string::npos)
      << rewritten.out;
  // The server's own checks see nothing wrong; the witnessed heads do.
  const std::string db_args = "--database '" + db_.url() + "' --audit-key " + db_.key_file();
  EXPECT_EQ(RunJigsaw("audit verify --deep " + db_args).status, 0);
  auto caught = Verify((dir_ / "witnessed.jsonl").string());
  EXPECT_EQ(caught.status, 1) << caught.out;
  EXPECT_NE(caught.out.find("signed tree head at size " + std::to_string(witnessed) + " (countersigned by witness "),
            std::string::npos)
      << caught.out;
}

}  // namespace
}  // namespace jigsaw::testing
