// The HTTP(S) server: Boost.Beast over Asio, one I/O thread per core and a
// pool of handler threads, keep-alive, limits on header and body size, read
// timeouts, optional TLS, and a graceful stop (on SIGTERM/SIGINT or Stop()).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/message.h"

namespace jigsaw::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (see Server::port())
  int threads = 0;            // I/O threads; 0: one per core
  // Handlers that may wait on the database run on this many threads, so
  // that the I/O threads keep serving and concurrent requests share one
  // durable commit. 0 runs every handler on the I/O threads.
  int handler_threads = 64;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  std::string tls_certificate_file;  // PEM; TLS is on when both are set
  std::string tls_private_key_file;
  bool access_log = true;     // method, path, status, time: never bodies or credentials
  bool handle_signals = true; // stop gracefully on SIGTERM and SIGINT
};

class Server {
 public:
  using HandlerFn = std::function<Response(Request&)>;
  // True for a request whose handler never waits: it runs on the I/O thread.
  using NeverWaitsFn = std::function<bool(const Request&)>;

  Server(ServerOptions options, HandlerFn handler, NeverWaitsFn never_waits = nullptr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Fails with kUnavailable if the address is in use,
  // kInvalidArgument if the TLS files cannot be loaded.
  Status Listen();
  // The bound port (useful after listening on port 0).
  std::uint16_t port() const;
  bool tls() const;
  // Serves until Stop() or a signal; returns when every worker has finished.
  void Run();
  // Stops accepting, lets requests in flight finish, closes idle
  // connections; safe from any thread.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jigsaw::http
