// The server's threads: handlers that may wait on the database run on the
// handler pool, so one slow request holds no I/O thread and concurrent
// requests are in flight together (which is what lets their audit records
// share one durable commit); a route that never waits answers on the I/O
// thread even while every handler thread is busy.
#include "http/server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "common/log.h"
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
  if (all_inside) {
    EXPECT_EQ(testing::Get(server.port(), "/healthz").status, 200);
  }
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

// Every line the server logs while it lives, read through the log's sink.
class LoggedServer {
 public:
  explicit LoggedServer(Router& router, bool access_log = true) {
    log::SetSink(&sink_);
    ServerOptions options{.port = 0, .threads = 1, .handler_threads = 2, .max_header_bytes = 1024,
                          .max_body_bytes = 64, .access_log = access_log, .handle_signals = false};
    server_ = std::make_unique<Server>(options, [&router](Request& r) { return router.Dispatch(r); });
    EXPECT_TRUE(server_->Listen());
    serving_ = std::thread([this] { server_->Run(); });
  }
  ~LoggedServer() {
    server_->Stop();
    serving_.join();
    log::SetSink(nullptr);
  }
  std::uint16_t port() const { return server_->port(); }
  // The lines logged for `event`.
  std::vector<std::string> Lines(std::string_view event) {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& line : lines_)
      if (line.find("event=\"" + std::string(event) + "\"") != std::string::npos) out.push_back(line);
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
  const log::Sink sink_ = [this](std::string_view line) {
    std::lock_guard lock(mu_);
    lines_.emplace_back(line);
  };
  std::unique_ptr<Server> server_;
  std::thread serving_;
};

TEST(ServerTest, AHeadResponseHasTheHeadersOfGetAndNoBody) {
  Router router;
  router.Add("GET", "/page", [](Request&) { return Response{.status = 200, .body = "0123456789"}; });
  LoggedServer server(router, false);
  const std::string get = testing::SendRaw(server.port(), "GET /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(get.ends_with("\r\n\r\n0123456789")) << get;
  const std::string head = testing::SendRaw(server.port(), "HEAD /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Length: 10\r\n"), std::string::npos) << head;
  EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "no body after the headers: " << head;
}

TEST(ServerTest, AResponseWhoseHeaderCarriesALineBreakIsNeverSent) {
  Router router;
  router.Add("GET", "/go/{id}", [](Request& r) {
    Response res{.status = 303};
    res.With("Location", "/concerns/" + std::string(r.PathParam("id")));
    return res;
  });
  LoggedServer server(router);
  auto injected = testing::Get(server.port(), "/go/x%0d%0aSet-Cookie:%20jigsaw_session=attacker");
  EXPECT_EQ(injected.status, 500);
  EXPECT_EQ(injected.Header("set-cookie"), "");
  EXPECT_EQ(injected.Header("location"), "");
  const auto refused = server.Lines("http.unsafe_header");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_NE(refused[0].find("header=\"Location\""), std::string::npos) << refused[0];
  EXPECT_EQ(refused[0].find("attacker"), std::string::npos) << "the value is not logged";
  EXPECT_EQ(testing::Get(server.port(), "/go/0123456789abcdef0123456789abcdef").Header("location"),
            "/concerns/0123456789abcdef0123456789abcdef");
}

TEST(ServerTest, TheAccessLogNamesTheRouteNeverThePathOrQuery) {
  Router router;
  router.Add("GET", "/api/v1/people/{id}", [](Request&) { return Response{.status = 404}; });
  LoggedServer server(router);
  EXPECT_EQ(testing::Get(server.port(), "/api/v1/people/Doreen%20Hargreaves%2014%20Larch%20Close?q=Doreen").status, 404);
  EXPECT_EQ(testing::Get(server.port(), "/Doreen%20Hargreaves?q=Larch").status, 404);
  const auto lines = server.Lines("http.request");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("route=\"/api/v1/people/{id}\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("status=\"404\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("route=\"(no route)\""), std::string::npos) << lines[1];
  for (const auto& line : lines) {
    EXPECT_EQ(line.find("Doreen"), std::string::npos) << line;
    EXPECT_EQ(line.find("Larch"), std::string::npos) << line;
  }
}

TEST(ServerTest, RequestsRefusedBeforeAnyHandlerAreLoggedWithoutWhatWasSent) {
  Router router;
  router.Add("POST", "/x", [](Request&) { return Response{}; });
  LoggedServer server(router);
  const std::string too_large = testing::SendRaw(
      server.port(), "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n" + std::string(65, 'D'));
  EXPECT_EQ(too_large.rfind("HTTP/1.1 413", 0), 0u) << too_large;
  const std::string headers = testing::SendRaw(
      server.port(), "GET /x HTTP/1.1\r\nHost: x\r\nX-Name: Doreen" + std::string(2000, 'D') + "\r\n\r\n");
  EXPECT_EQ(headers.rfind("HTTP/1.1 431", 0), 0u) << headers;
  const std::string garbage = testing::SendRaw(server.port(), "Doreen Hargreaves\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage;
  const auto lines = server.Lines("http.refused");
  ASSERT_EQ(lines.size(), 3u);
  std::set<std::string> statuses;
  for (const auto& line : lines) {
    for (std::string_view status : {"413", "431", "400"})
      if (line.find("status=\"" + std::string(status) + "\"") != std::string::npos) statuses.insert(std::string(status));
    EXPECT_EQ(line.find("Doreen"), std::string::npos) << line;
    EXPECT_NE(line.find("request_id="), std::string::npos) << line;
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"400", "413", "431"}));
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
