#include "app/cli.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "access/totp.h"
#include "app/demo.h"
#include "app/keyring.h"
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
  void TearDown() override { std::filesystem::remove_all(root_); }
  // A data directory of its own, so that the keys' default place (beside
  // it, in data-keys/) is inside this test's directory too.
  std::filesystem::path root_ = [] {
    auto root = std::filesystem::temp_directory_path() / ("jigsaw-cli-" + NewId());
    std::filesystem::create_directories(root / "data");
    return root;
  }();
  std::string path_ = (root_ / "data" / "x.db").string();
  std::string keys_ = (root_ / "data-keys").string();
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

TEST_F(CliTest, CommandsOtherThanInitNeedTheKeysWhichLiveOutsideTheDataDirectory) {
  CliRun r = Cli({"org", "list", db_});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("audit.signing_key_file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("jigsaw init"), std::string::npos) << r.err;
  CliRun init = Cli({"init", db_});
  ASSERT_EQ(init.status, 0) << init.err;
  for (const char* kind : {"/x.db.signing-keys", "/x.db.sealing-keys"}) {
    const std::string file = keys_ + kind;
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    EXPECT_EQ(std::filesystem::status(file).permissions() & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
    EXPECT_NE(init.out.find(file), std::string::npos) << init.out;
  }
  // Nothing secret in the data directory: copying it copies no key.
  for (const auto& entry : std::filesystem::directory_iterator(root_ / "data"))
    EXPECT_TRUE(entry.path().filename().string().starts_with("x.db")) << entry.path();
  EXPECT_FALSE(std::filesystem::exists(path_ + ".audit-key"));
  EXPECT_EQ(Cli({"org", "list", db_}).status, 0);
}

TEST_F(CliTest, InitMovesAKeyLeftBesideTheDatabaseAndKeepsWhatItSealedOpen) {
  // What a release before keyrings left: one seed beside the database.
  const Bytes seed = RandomBytes(32);
  ASSERT_EQ(Cli({"init", db_, "--audit-key", (root_ / "scratch.signing-keys").string()}).status, 0);  // the schema
  std::ofstream(path_ + ".audit-key") << HexEncode(seed) << "\n";
  std::filesystem::permissions(path_ + ".audit-key", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  CliRun refused = Cli({"org", "list", db_});
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find(path_ + ".audit-key"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("jigsaw init"), std::string::npos) << refused.err;

  CliRun moved = Cli({"init", db_});
  ASSERT_EQ(moved.status, 0) << moved.err;
  EXPECT_NE(moved.out.find("Moved the audit signing key"), std::string::npos) << moved.out;
  EXPECT_FALSE(std::filesystem::exists(path_ + ".audit-key")) << "no key left in the data directory";
  const auto signing = ReadSigningKeyring(keys_ + "/x.db.signing-keys", "k");
  ASSERT_TRUE(signing);
  EXPECT_EQ(signing->current().seed(), seed) << "the same key signs";
  const auto sealing = ReadSealingKeyring(keys_ + "/x.db.sealing-keys", "k");
  ASSERT_TRUE(sealing);
  ASSERT_EQ(sealing->keys.size(), 2u);
  EXPECT_EQ(sealing->keys[0], access::Sealer::LegacyKey(seed)) << "opens what the old release sealed";
  EXPECT_NE(sealing->keys[1].secret, seed) << "new disclosures are sealed with a key of their own";
  EXPECT_EQ(Cli({"org", "list", db_}).status, 0);
}

TEST_F(CliTest, RotatedKeysSignAndSealWhileOldOnesStillVerify) {
  ASSERT_EQ(Cli({"init", "--demo", db_}).status, 0);
  ASSERT_EQ(Cli({"audit", "head", db_}).status, 0);
  EXPECT_EQ(Cli({"keys", "rotate", db_}).status, 2) << "say which";
  CliRun signing = Cli({"keys", "rotate", "--signing", db_});
  ASSERT_EQ(signing.status, 0) << signing.err;
  ASSERT_EQ(Cli({"user", "list", db_}).status, 0);  // the log grows
  CliRun head = Cli({"audit", "head", db_});
  ASSERT_EQ(head.status, 0) << head.err;
  const auto ring = ReadSigningKeyring(keys_ + "/x.db.signing-keys", "k");
  ASSERT_TRUE(ring);
  ASSERT_EQ(ring->keys.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(head.out)["key_id"], ring->current().key_id()) << "the new key signs";
  CliRun verify = Cli({"audit", "verify", "--deep", db_});
  EXPECT_EQ(verify.status, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("2 signed tree heads checked"), std::string::npos) << verify.out;
  ASSERT_EQ(Cli({"keys", "rotate", "--sealing", db_}).status, 0);
  CliRun list = Cli({"keys", "list", db_});
  ASSERT_EQ(list.status, 0);
  EXPECT_NE(list.out.find("verifies the heads it signed"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("opens what it sealed"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find(HexEncode(ring->keys[0].public_key())), std::string::npos);
  EXPECT_EQ(list.out.find(HexEncode(ring->keys[0].seed())), std::string::npos) << "never a secret";
}

TEST_F(CliTest, InitWithDemoLoadsThePartnershipOnce) {
  CliRun first = Cli({"init", "--demo", db_});
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.out.find("Loaded"), std::string::npos);
  EXPECT_NE(Cli({"init", "--demo", db_}).out.find("not loaded"), std::string::npos);
  EXPECT_NE(Cli({"org", "list", db_}).out.find("Brackenford Constabulary"), std::string::npos);
  EXPECT_NE(first.out.find("data sharing agreement and DPIA"), std::string::npos) << first.out;
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

// The id at the start of the line that mentions `text` in a listing.
std::string IdOn(const std::string& listing, const std::string& text) {
  const auto at = listing.find(text);
  if (at == std::string::npos) return {};
  return listing.substr(listing.rfind('\n', at) + 1, 32);
}

TEST_F(CliTest, TheOperatorHandlesLeaversMoversAndProposals) {
  ASSERT_EQ(Cli({"init", "--demo", db_}).status, 0);
  const std::string id = IdOn(Cli({"user", "list", db_}).out, "nhs.nurse@demo.jigsaw");
  const std::string police = IdOn(Cli({"org", "list", db_}).out, "Constabulary");
  ASSERT_EQ(id.size(), 32u);
  ASSERT_EQ(police.size(), 32u);

  CliRun disabled = Cli({"user", "disable", "--id", id, db_});
  ASSERT_EQ(disabled.status, 0) << disabled.err;
  EXPECT_NE(Cli({"user", "list", db_}).out.find("nhs.nurse@demo.jigsaw"), std::string::npos);
  const std::string list = Cli({"user", "list", db_}).out;
  const std::string line = list.substr(list.find(id), list.find('\n', list.find(id)) - list.find(id));
  EXPECT_NE(line.find("(disabled)"), std::string::npos) << line;
  ASSERT_EQ(Cli({"user", "enable", "--id", id, db_}).status, 0);
  EXPECT_EQ(Cli({"user", "list", db_}).out.find("(disabled)"), std::string::npos);

  EXPECT_EQ(Cli({"user", "roles", "--id", id, "--role", "wizard", db_}).status, 2);
  ASSERT_EQ(Cli({"user", "roles", "--id", id, "--role", "practitioner", "--role", "designated_safeguarding_lead", db_}).status, 0);
  EXPECT_NE(Cli({"user", "list", db_}).out.find("practitioner,designated_safeguarding_lead"), std::string::npos);
  EXPECT_EQ(Cli({"user", "reset-password", "--id", id, db_}, "short\n").status, 2);
  ASSERT_EQ(Cli({"user", "reset-password", "--id", id, db_}, "a temporary passphrase\n").status, 0);

  // A move is a proposal until the destination approves.
  CliRun move = Cli({"user", "move", "--id", id, "--org", police, "--role", "practitioner", db_});
  ASSERT_EQ(move.status, 0) << move.err;
  const std::string proposal = nlohmann::json::parse(move.out)["id"];
  EXPECT_NE(Cli({"user", "proposals", "--org", police, db_}).out.find(proposal), std::string::npos);
  CliRun approved = Cli({"user", "approve", "--proposal", proposal, db_});
  ASSERT_EQ(approved.status, 0) << approved.err;
  EXPECT_EQ(nlohmann::json::parse(approved.out)["organisation_id"], police);
  EXPECT_EQ(Cli({"user", "approve", "--proposal", proposal, db_}).status, 1);  // decided already

  CliRun proposed = Cli({"user", "propose", "--org", police, "--username", "new.officer", "--name", "Nia Officer",
                         "--role", "practitioner", db_},
                        "a long new password\n");
  ASSERT_EQ(proposed.status, 0) << proposed.err;
  EXPECT_EQ(Cli({"user", "list", db_}).out.find("new.officer"), std::string::npos);
  CliRun declined = Cli({"user", "decline", "--proposal", nlohmann::json::parse(proposed.out)["id"], db_});
  ASSERT_EQ(declined.status, 0) << declined.err;
  EXPECT_EQ(Cli({"user", "list", db_}).out.find("new.officer"), std::string::npos);
  EXPECT_EQ(Cli({"user", "disable", "--id", "nobody", db_}).status, 2);
}

}  // namespace
}  // namespace jigsaw::app
