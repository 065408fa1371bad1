// The server's threads: handlers that may wait on the database run on the
// handler pool, so one slow request holds no I/O thread and concurrent
// requests are in flight together (which is what lets their audit records
// share one durable commit); a route that never waits answers on the I/O
// thread even while every handler thread is busy.
#include "http/server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "http/router.h"
#include "support/http_client.h"

namespace jigsaw::http {
namespace {

using namespace std::chrono_literals;

// Handlers that hold until released, counting how many are inside at once.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  int inside = 0;
  bool open = false;

  void Enter() {
    std::unique_lock lock(mu);
    ++inside;
    cv.notify_all();
    // Bounded, so that a regression fails the test instead of hanging it.
    cv.wait_for(lock, 20s, [&] { return open; });
  }
  bool WaitForInside(int n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, 20s, [&] { return inside >= n; });
  }
  void Open() {
    std::lock_guard lock(mu);
    open = true;
    cv.notify_all();
  }
};

TEST(ServerTest, WaitingHandlersRunTogetherOnThePoolAndNeverWaitingRoutesStillAnswer) {
  constexpr int kHandlers = 3;
  Gate gate;
  Router router;
  router.Add("GET", "/slow", [&](Request&) {
    gate.Enter();
    return Response{.status = 200, .body = R"({"done":true})"};
  });
  router.Add("GET", "/healthz", [](Request&) { return Response{.status = 200, .body = "{}"}; },
             Waits::kNever);
  ServerOptions options{.port = 0, .threads = 1, .handler_threads = kHandlers, .access_log = false,
                        .handle_signals = false};
  Server server(options, [&](Request& r) { return router.Dispatch(r); },
                [&](const Request& r) { return router.NeverWaits(r); });
  ASSERT_TRUE(server.Listen());
  std::thread serving([&] { server.Run(); });

  std::vector<int> statuses(kHandlers);
  std::vector<std::thread> clients;
  for (int i = 0; i < kHandlers; ++i)
    clients.emplace_back([&, i] { statuses[i] = testing::Get(server.port(), "/slow").status; });
  // One I/O thread, yet every slow request is inside its handler at once.
  const bool all_inside = gate.WaitForInside(kHandlers);
  EXPECT_TRUE(all_inside);
  // Every handler thread is busy; the health check does not wait for one.
  if (all_inside) EXPECT_EQ(testing::Get(server.port(), "/healthz").status, 200);
  gate.Open();
  for (auto& c : clients) c.join();
  EXPECT_EQ(statuses, std::vector<int>(kHandlers, 200));

  server.Stop();
  serving.join();
}

TEST(ServerTest, WithoutAHandlerPoolEveryHandlerRunsOnTheIoThreads) {
  Router router;
  router.Add("GET", "/thread", [](Request&) {
    return Response{.status = 200, .body = std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()))};
  });
  ServerOptions options{.port = 0, .threads = 1, .handler_threads = 0, .access_log = false,
                        .handle_signals = false};
  Server server(options, [&](Request& r) { return router.Dispatch(r); });
  ASSERT_TRUE(server.Listen());
  std::string io_thread;
  std::thread serving([&] {
    io_thread = std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
    server.Run();
  });
  const auto reply = testing::Get(server.port(), "/thread");
  server.Stop();
  serving.join();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, io_thread);
}

TEST(RouterTest, OnlyRoutesAddedAsNeverWaitingAreSo) {
  Router router;
  router.Add("GET", "/healthz", [](Request&) { return Response{}; }, Waits::kNever);
  router.Add("GET", "/things", [](Request&) { return Response{}; });
  router.Add("GET", "/things/{id}", [](Request&) { return Response{}; });
  auto request = [](std::string_view method, std::string_view path) {
    Request r;
    r.method = method;
    r.path = path;
    return r;
  };
  EXPECT_TRUE(router.NeverWaits(request("GET", "/healthz")));
  EXPECT_FALSE(router.NeverWaits(request("POST", "/healthz")));
  EXPECT_FALSE(router.NeverWaits(request("GET", "/things")));
  EXPECT_FALSE(router.NeverWaits(request("GET", "/things/1")));
  EXPECT_FALSE(router.NeverWaits(request("GET", "/nowhere")));
}

}  // namespace
}  // namespace jigsaw::http
