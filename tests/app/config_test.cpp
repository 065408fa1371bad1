#include <algorithm>
#include "app/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/random.h"

namespace jigsaw::app {
namespace {

std::string WriteFile(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("jigsaw-config-" + NewId() + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(ConfigTest, DefaultsNeedNoFile) {
  auto c = LoadConfig({}, {});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->server.address, "127.0.0.1");
  EXPECT_EQ(c->database.url, "sqlite:jigsaw.db");
  EXPECT_EQ(c->sign_in.throttle.free_failures, 3);
  EXPECT_EQ(c->sign_in.throttle.max_failures_per_address, 30);
}

TEST(ConfigTest, FlagsBeatEnvironmentWhichBeatsTheFile) {
  const std::string file = WriteFile("[server]\nport = 9000\nthreads = 3\n[database]\nurl = \"sqlite:file.db\"\n");
  auto c = LoadConfig({{"config", file}, {"port", "9002"}},
                      {{"JIGSAW_PORT", "9001"}, {"JIGSAW_DATABASE_URL", "sqlite:env.db"}});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->server.port, 9002);
  EXPECT_EQ(c->server.threads, 3);
  EXPECT_EQ(c->database.url, "sqlite:env.db");
  std::filesystem::remove(file);
}

TEST(ConfigTest, ErrorsNameTheSetting) {
  EXPECT_EQ(LoadConfig({{"port", "80000"}}, {}).error().field, "server.port");
  const std::string file = WriteFile("[server]\nprot = 1\n");
  EXPECT_EQ(LoadConfig({{"config", file}}, {}).error().field, "server.prot");
  std::filesystem::remove(file);
  const std::string broken = WriteFile("[server\n");
  auto e = LoadConfig({{"config", broken}}, {});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "config");
  std::filesystem::remove(broken);
}

TEST(ConfigTest, ExitThisPageLeadsOffTheServiceAndNeverBackToItself) {
  const std::string file = WriteFile("[web]\nexit_url = \"/exit\"\n");
  auto looped = LoadConfig({{"config", file}}, {});
  ASSERT_FALSE(looped);
  EXPECT_EQ(looped.error().field, "web.exit_url");
  std::filesystem::remove(file);
  const std::string elsewhere = WriteFile("[web]\nexit_url = \"https://www.google.co.uk\"\n");
  auto given = LoadConfig({{"config", elsewhere}}, {});
  ASSERT_TRUE(given) << given.error().message;
  EXPECT_EQ(given->web.exit_url, "https://www.google.co.uk");
  std::filesystem::remove(elsewhere);
}

TEST(ConfigTest, TheExampleFileIsValidAndMatchesTheDefaults) {
  const std::string file = WriteFile(std::string(ExampleConfig()));
  auto c = LoadConfig({{"config", file}}, {});
  ASSERT_TRUE(c) << c.error().field << ": " << c.error().message;
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->sign_in.idle_timeout, std::chrono::minutes(30));
  std::filesystem::remove(file);
}

TEST(ConfigTest, WorkflowDeadlinesAndBankHolidays) {
  Config defaults = *LoadConfig({}, {});
  EXPECT_EQ(defaults.workflow.emergency_record_working_days, 1);
  EXPECT_TRUE(std::ranges::count(defaults.workflow.BankHolidayDates(), "2026-12-28"));
  const std::string file = WriteFile(
      "[workflow]\nfeedback_working_days = 5\nbank_holidays = \"2027-01-04, 2027-01-05\"\n");
  auto c = LoadConfig({{"config", file}}, {});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->workflow.feedback_working_days, 5);
  EXPECT_EQ(c->workflow.BankHolidayDates(), (std::vector<std::string>{"2027-01-04", "2027-01-05"}));
  std::filesystem::remove(file);
  const std::string bad = WriteFile("[workflow]\nfeedback_working_days = 0\n");
  EXPECT_EQ(LoadConfig({{"config", bad}}, {}).error().field, "workflow.feedback_working_days");
  std::filesystem::remove(bad);
}

TEST(ConfigTest, RedactsPasswordsInUrls) {
  EXPECT_EQ(RedactUrl("postgresql://jigsaw:s3cret@db:5432/j"), "postgresql://jigsaw:***@db:5432/j");
  EXPECT_EQ(RedactUrl("postgresql://jigsaw@db/j"), "postgresql://jigsaw@db/j");
  EXPECT_EQ(RedactUrl("sqlite:x.db"), "sqlite:x.db");
}

}  // namespace
}  // namespace jigsaw::app

namespace jigsaw::app {
namespace {

Config WithDatabase(const std::string& url, Flags extra = {}) {
  extra["database"] = url;
  auto c = LoadConfig(extra, {});
  EXPECT_TRUE(c);
  return *c;
}

TEST(ConfigTest, KeysLiveOutsideTheDataDirectoryByDefault) {
  // A database in a data directory: the keys go in the directory beside it,
  // so that copying the data directory does not copy them.
  const Config data = WithDatabase("sqlite:jigsaw-data/demo.db");
  EXPECT_EQ(data.KeyDirectory(), "jigsaw-data-keys");
  EXPECT_EQ(data.SigningKeyFile(), "jigsaw-data-keys/demo.db.signing-keys");
  EXPECT_EQ(data.SealingKeyFile(), "jigsaw-data-keys/demo.db.sealing-keys");
  EXPECT_EQ(WithDatabase("sqlite:/var/lib/jigsaw/jigsaw.db").SigningKeyFile(), "/var/lib/jigsaw-keys/jigsaw.db.signing-keys");
  // No data directory of its own: the working directory, as before.
  EXPECT_EQ(WithDatabase("sqlite:jigsaw.db").SigningKeyFile(), "jigsaw.db.signing-keys");
  EXPECT_EQ(WithDatabase("postgresql://j@db/jigsaw").SealingKeyFile(), "jigsaw.sealing-keys");
  // Where releases before keyrings kept it, for `jigsaw init` to move.
  EXPECT_EQ(data.LegacySigningKeyFile(), "jigsaw-data/demo.db.audit-key");
}

TEST(ConfigTest, KeyLocationsCanBeGiven) {
  const Config dir = WithDatabase("sqlite:data/x.db", {{"keys", "/etc/jigsaw/keys"}});
  EXPECT_EQ(dir.SigningKeyFile(), "/etc/jigsaw/keys/x.db.signing-keys");
  EXPECT_EQ(dir.SealingKeyFile(), "/etc/jigsaw/keys/x.db.sealing-keys");
  // A signing keyring given alone: the sealing keyring is beside it.
  EXPECT_EQ(WithDatabase("sqlite:x.db", {{"audit-key", "/k/a.signing-keys"}}).SealingKeyFile(), "/k/a.sealing-keys");
  EXPECT_EQ(WithDatabase("sqlite:x.db", {{"audit-key", "/k/audit.key"}}).SealingKeyFile(), "/k/audit.key.sealing-keys");
  auto env = LoadConfig({}, {{"JIGSAW_SEALING_KEY_FILE", "/s/keys"}, {"JIGSAW_KEYS_DIR", "/d"}});
  ASSERT_TRUE(env);
  EXPECT_EQ(env->SealingKeyFile(), "/s/keys");
  EXPECT_EQ(env->SigningKeyFile(), "/d/jigsaw.db.signing-keys");
  EXPECT_EQ(env->audit.sign_interval, std::chrono::seconds(1));
}

TEST(ConfigTest, TheContentKeyStoreIsBesideTheSealingKeyringUnlessGiven) {
  EXPECT_EQ(WithDatabase("sqlite:jigsaw-data/demo.db").ContentKeyFile(), "jigsaw-data-keys/demo.db.content-keys");
  EXPECT_EQ(WithDatabase("sqlite:x.db", {{"sealing-key", "/k/odd"}}).ContentKeyFile(), "/k/odd.content-keys");
  EXPECT_EQ(WithDatabase("sqlite:x.db", {{"content-keys", "/c/store"}}).ContentKeyFile(), "/c/store");
  auto env = LoadConfig({}, {{"JIGSAW_CONTENT_KEY_FILE", "/e/store"}});
  ASSERT_TRUE(env);
  EXPECT_EQ(env->ContentKeyFile(), "/e/store");
}

TEST(ConfigTest, TheLargestAttachmentMustFitInARequestBody) {
  // 4 MiB of file is 5.6 MB as base64 in JSON: the default body limit (6 MiB) holds it.
  auto defaults = LoadConfig({}, {});
  ASSERT_TRUE(defaults) << defaults.error().message;
  EXPECT_EQ(defaults->attachments.max_bytes, 4u * 1024 * 1024);
  const std::string file = WriteFile("[server]\nmax_body_bytes = 1048576\n");
  auto too_small = LoadConfig({{"config", file}}, {});
  ASSERT_FALSE(too_small);
  EXPECT_EQ(too_small.error().field, "attachments.max_bytes");
  const std::string fits = WriteFile("[server]\nmax_body_bytes = 1048576\n[attachments]\nmax_bytes = 524288\n");
  EXPECT_TRUE(LoadConfig({{"config", fits}}, {}));
  std::filesystem::remove(file);
  std::filesystem::remove(fits);
}

}  // namespace
}  // namespace jigsaw::app
