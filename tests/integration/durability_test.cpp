// Acknowledged means recorded: killing servers with SIGKILL in the middle of
// a burst of concurrent requests loses no audit record of a request that got
// its answer, and the log still verifies. Two instances write at once, so
// this also checks the log keeps one order with no gaps or duplicates.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "app/application.h"
#include "app/demo.h"
#include "support/http_client.h"
#include "support/serve_process.h"
#include "support/test_server.h"

namespace jigsaw::testing {
namespace {

TEST(DurabilityTest, SigkillLosesNoAcknowledgedAuditRecord) {
  TestDatabase db;
  {
    SystemClock clock;
    auto app = app::Application::Create(db.Config(), clock);
    ASSERT_TRUE(app) << app.error().message;
    ASSERT_TRUE(app::LoadDemoPartnership((*app)->administration(), (*app)->accounts()).value());
  }
  ServeProcess servers[2] = {ServeProcess(db), ServeProcess(db)};
  const std::uint16_t ports[2] = {servers[0].port(), servers[1].port()};
  ASSERT_NE(ports[0], 0);
  ASSERT_NE(ports[1], 0);
  const std::string token = SignInAt(ports[0], DemoUsername("csc.admin"), SystemClock().Now());

  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t) {
    clients.emplace_back([&, t] {
      const std::uint16_t port = ports[t % 2];
      for (int i = 0; !stop; ++i) {
        // An audited read, and an audited failed sign-in, in turn.
        HttpReply r = i % 2 ? Get(port, "/api/v1/practitioners", token)
                            : Post(port, "/api/v1/sessions",
                                   {{"username", DemoUsername("gp.doctor")}, {"password", "not it at all"}});
        if (r.status == 200 || r.status == 401 || r.status == 429) {
          std::lock_guard lock(mu);
          acknowledged.insert(r.Header("x-request-id"));
          ++answered;
        }
      }
    });
  }
  // Let the burst build up, then kill both servers mid-flight.
  while (answered < 300) std::this_thread::yield();
  for (auto& server : servers) EXPECT_EQ(server.Stop(SIGKILL), -SIGKILL);
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_GE(acknowledged.size(), 300u);

  auto store = db.OpenStore();
  std::set<std::string> recorded;
  std::uint64_t expected = 0;
  bool contiguous = true;
  ASSERT_TRUE(store->Read([&](store::Transaction& tx) {
    return tx.audit().Scan(0, [&](const domain::AuditRecord& r, const Bytes&) {
      contiguous &= r.index == expected++;
      recorded.insert(r.request_id);
      return true;
    });
  }));
  EXPECT_TRUE(contiguous);
  std::size_t missing = 0;
  for (const auto& id : acknowledged) missing += !recorded.count(id);
  EXPECT_EQ(missing, 0u) << "acknowledged requests without an audit record";

  FILE* p = popen((std::string(JIGSAW_BINARY) + " audit verify --database '" + db.url() +
                   "' --audit-key " + db.key_file() + " 2>&1").c_str(), "r");
  char buf[2048] = {};
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, p);
  EXPECT_EQ(WEXITSTATUS(pclose(p)), 0) << std::string(buf, n);
}

}  // namespace
}  // namespace jigsaw::testing
