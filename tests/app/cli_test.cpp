#include "app/cli.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "access/totp.h"
#include "app/demo.h"
#include "common/random.h"

namespace jigsaw::app {
namespace {

struct CliRun {
  int status;
  std::string out, err;
};

CliRun Cli(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int status = RunCli(args, in, out, err);
  return {status, out.str(), err.str()};
}

class CliTest : public ::testing::Test {
 protected:
  // Eighteen demo accounts at full Argon2id cost would dominate the run.
  void SetUp() override {
    setenv("JIGSAW_PASSWORD_HASH_COST", "minimum-for-tests-only", 1);
    // The built assets and deny-list beside the jigsaw binary, not this test's.
    setenv("JIGSAW_STATIC_DIR", (std::filesystem::path(JIGSAW_BINARY).parent_path() / "static").c_str(), 1);
  }
  void TearDown() override {
    for (const char* s : {"", "-wal", "-shm", ".audit-key"}) std::filesystem::remove(path_ + s);
  }
  std::string path_ = (std::filesystem::temp_directory_path() / ("jigsaw-cli-" + NewId() + ".db")).string();
  std::string db_ = "--database=sqlite:" + path_;
};

TEST_F(CliTest, EveryCommandHasHelp) {
  for (auto cmd : std::vector<std::vector<std::string>>{
           {"serve"}, {"init"}, {"org", "add"}, {"org", "list"}, {"user", "add"}, {"user", "list"}, {"version"}}) {
    cmd.push_back("--help");
    CliRun r = Cli(cmd);
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("Usage: jigsaw"), std::string::npos) << cmd[0];
  }
  EXPECT_NE(Cli({"--help"}).out.find("serve"), std::string::npos);
}

TEST_F(CliTest, UnknownCommandsAndOptionsAreUsageErrors) {
  EXPECT_EQ(Cli({"frobnicate"}).status, 2);
  CliRun r = Cli({"org", "list", "--colour"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--colour"), std::string::npos);
  EXPECT_EQ(Cli({}).status, 2);
}

TEST_F(CliTest, AddsAndListsOrganisationsAndUsers) {
  ASSERT_EQ(Cli({"init", db_}).status, 0);
  CliRun org = Cli({"org", "add", db_, "--name", "Elmside School", "--type", "school", "--sector", "public"});
  ASSERT_EQ(org.status, 0) << org.err;
  const auto id = nlohmann::json::parse(org.out)["id"].get<std::string>();
  EXPECT_NE(Cli({"org", "list", db_}).out.find("Elmside School"), std::string::npos);

  CliRun user = Cli({"user", "add", db_, "--org", id, "--username", "elm.dsl", "--name", "Sam Elm",
                  "--role", "designated_safeguarding_lead", "--role", "practitioner"},
                 "a sufficiently long password\n");
  ASSERT_EQ(user.status, 0) << user.err;
  EXPECT_EQ(user.out.find("sufficiently"), std::string::npos);  // the password is never echoed
  CliRun list = Cli({"user", "list", db_, "--org", id});
  EXPECT_NE(list.out.find("elm.dsl"), std::string::npos);
  EXPECT_NE(list.out.find("designated_safeguarding_lead"), std::string::npos);
}

TEST_F(CliTest, InvalidInputNamesTheFieldAndExits2) {
  CliRun r = Cli({"org", "add", db_, "--name", "X", "--type", "castle", "--sector", "public"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("type"), std::string::npos);
  ASSERT_EQ(Cli({"init", db_}).status, 0);
  CliRun pw = Cli({"user", "add", db_, "--org", "nope", "--username", "abc", "--name", "A", "--role",
                "practitioner"}, "short\n");
  EXPECT_EQ(pw.status, 2);
  EXPECT_NE(pw.err.find("password"), std::string::npos);
}

TEST_F(CliTest, CommandsOtherThanInitNeedTheSigningKey) {
  CliRun r = Cli({"org", "list", db_});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("audit.signing_key_file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("jigsaw init"), std::string::npos) << r.err;
  ASSERT_EQ(Cli({"init", db_}).status, 0);
  EXPECT_TRUE(std::filesystem::exists(path_ + ".audit-key"));
  EXPECT_EQ(std::filesystem::status(path_ + ".audit-key").permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  EXPECT_EQ(Cli({"org", "list", db_}).status, 0);
}

TEST_F(CliTest, InitWithDemoLoadsThePartnershipOnce) {
  CliRun first = Cli({"init", "--demo", db_});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.out.find("Loaded"), std::string::npos);
  EXPECT_NE(Cli({"init", "--demo", db_}).out.find("not loaded"), std::string::npos);
  EXPECT_NE(Cli({"org", "list", db_}).out.find("Brackenford Constabulary"), std::string::npos);
  CliRun logins = Cli({"demo", "logins"});
  EXPECT_NE(logins.out.find("primary.teacher@demo.jigsaw"), std::string::npos);
  EXPECT_NE(logins.out.find("JIGS AWDE MOBR ACKE NFOR DTOT PSEC RET2"), std::string::npos) << logins.out;
  EXPECT_NE(logins.out.find("otpauth://totp/"), std::string::npos);
}

TEST_F(CliTest, DemoCodeIsTheCodeTheDemoAuthenticatorShowsNow) {
  CliRun code = Cli({"demo", "code", "primary.teacher@demo.jigsaw"});
  ASSERT_EQ(code.status, 0) << code.err;
  ASSERT_EQ(code.out.size(), 7u) << code.out;  // six digits and a new line
  // The code for now, or (if the step turned between the two calls) the one just before.
  const Time now = SystemClock().Now();
  EXPECT_TRUE(code.out == DemoCode(now) + "\n" || code.out == DemoCode(now - access::kTotpStep) + "\n") << code.out;
  EXPECT_EQ(Cli({"demo", "code", "someone@else.example"}).status, 2);
  EXPECT_EQ(Cli({"demo", "code"}).status, 2);
}

TEST_F(CliTest, TheOperatorResetsASecondFactor) {
  ASSERT_EQ(Cli({"init", "--demo", db_}).status, 0);
  const std::string list = Cli({"user", "list", db_}).out;
  const auto at = list.find("nhs.nurse@demo.jigsaw");
  ASSERT_NE(at, std::string::npos);
  const std::string id = list.substr(list.rfind('\n', at) + 1, 32);
  CliRun reset = Cli({"user", "reset-second-factor", "--id", id, db_});
  EXPECT_EQ(reset.status, 0) << reset.err;
  EXPECT_NE(reset.out.find("new authenticator app"), std::string::npos);
  EXPECT_EQ(Cli({"user", "reset-second-factor", "--id", "nobody", db_}).status, 2);
}

}  // namespace
}  // namespace jigsaw::app
