#include "http/server.h"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/encoding.h"
#include "common/log.h"
#include "common/random.h"

#include <sodium.h>
#include "http/internal/beast_request.h"
#include "http/response.h"

namespace jigsaw::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// The method for the access log: a client may send any token there.
std::string_view LoggedMethod(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (method == known) return known;
  return "other";
}

std::string NewRequestId() {
  // 96 bits: unique enough to find one request in the logs, short to read.
  std::uint8_t bytes[12];
  randombytes_buf(bytes, sizeof bytes);
  return HexEncode(bytes);
}

// Every connection, so Stop() can close the idle ones.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  virtual void CloseIfIdle() = 0;
};

struct Shared {
  ServerOptions options;
  Server::HandlerFn handler;
  Server::NeverWaitsFn never_waits;
  asio::thread_pool* handlers = nullptr;  // owned by Server::Impl; null: run inline
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::unordered_map<ConnectionBase*, std::weak_ptr<ConnectionBase>> connections;
  std::function<void()> on_last_connection_closed;
};

// A year: browsers that have seen the header over TLS refuse plain HTTP to
// this host for that long, so a network attacker cannot strip TLS.
constexpr const char* kStrictTransportSecurity = "max-age=31536000";

// The one place responses become bytes. No header may carry CR or LF (or
// another control character): a value built from anything a client sent
// could otherwise add headers of its own (a cookie, a redirect). Such a
// response is replaced by a 500, whoever built it.
bhttp::response<bhttp::string_body> ToBeast(Response&& r, unsigned version, bool keep_alive,
                                            const std::string& request_id, bool secure, bool head) {
  if (Status safe = CheckHeaders(r); !safe) {
    log::Error("http.unsafe_header", {{"request_id", request_id}, {"header", safe.error().field}});
    Request req;
    req.request_id = request_id;
    r = ErrorResponse(req, 500, "internal", "Something went wrong on our side.");
  }
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::content_type, r.content_type);
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  if (secure) res.set(bhttp::field::strict_transport_security, kStrictTransportSecurity);
  bool has_cache_control = false;
  for (auto& [name, value] : r.headers) {
    if (beast::iequals(name, "cache-control")) has_cache_control = true;
    res.insert(name, value);
  }
  // Responses may carry personal data: never let a shared computer's
  // browser or a proxy keep a copy unless the handler says otherwise.
  if (!has_cache_control) res.set(bhttp::field::cache_control, "no-store");
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  if (head) {
    // HEAD: the headers GET would send, Content-Length included, and no body.
    const std::size_t length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  return res;
}

template <class Derived>
class HttpConnection : public ConnectionBase {
 public:
  explicit HttpConnection(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

  void CloseIfIdle() override {
    asio::dispatch(derived().stream().get_executor(), [self = derived().shared_from_this()] {
      if (self->idle_) beast::get_lowest_layer(self->stream()).cancel();
    });
  }

 protected:
  Derived& derived() { return static_cast<Derived&>(*this); }

  void Register() {
    std::lock_guard lock(shared_->mu);
    shared_->connections[this] = derived().shared_from_this();
  }
  void Unregister() {
    std::function<void()> notify;
    {
      std::lock_guard lock(shared_->mu);
      shared_->connections.erase(this);
      if (shared_->stopping && shared_->connections.empty()) notify = shared_->on_last_connection_closed;
    }
    if (notify) notify();
  }

  void DoRead() {
    if (shared_->stopping) return derived().DoClose();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->options.max_header_bytes));
    parser_->body_limit(shared_->options.max_body_bytes);
    idle_ = true;
    beast::get_lowest_layer(derived().stream()).expires_after(shared_->options.read_timeout);
    bhttp::async_read(derived().stream(), buffer_, *parser_,
                      beast::bind_front_handler(&HttpConnection::OnRead, derived().shared_from_this()));
  }

  void OnRead(error_code ec, std::size_t) {
    idle_ = false;
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset || ec == asio::error::eof)
      return derived().DoClose();
    if (ec) return Refuse(internal::RefusalFor(ec, Limits()));
    Handle();
  }

  RequestLimits Limits() const {
    return {shared_->options.max_header_bytes, shared_->options.max_body_bytes};
  }

  // A request refused before any handler saw it. Logged with its status and
  // reason only: nothing the client sent (it may not even be HTTP).
  void Refuse(const Refusal& refusal) {
    Request req;
    req.request_id = NewRequestId();
    log::Warning("http.refused", {{"request_id", req.request_id},
                                  {"status", std::to_string(refusal.status)},
                                  {"code", refusal.code},
                                  {"tls", Derived::kSecure ? "true" : "false"}});
    Response r = ErrorResponse(req, refusal.status, refusal.code, refusal.message);
    lingering_ = true;
    Write(ToBeast(std::move(r), 11, false, req.request_id, Derived::kSecure, false), false);
  }

  // After answering a request whose body we did not read (413, 431, 400),
  // closing at once would make the kernel reset the connection and the
  // client could lose our answer. Half-close, then read and discard what
  // the client is still sending, for a bounded time and amount.
  void LingerThenClose() {
    error_code ec;
    beast::get_lowest_layer(derived().stream()).socket().shutdown(tcp::socket::shutdown_send, ec);
    beast::get_lowest_layer(derived().stream()).expires_after(std::chrono::seconds(5));
    DrainSome();
  }

  void DrainSome() {
    drain_.resize(16 * 1024);
    derived().stream().async_read_some(
        asio::buffer(drain_), [self = derived().shared_from_this()](error_code ec, std::size_t n) {
          self->drained_ += n;
          if (ec || self->drained_ > kMaxDrainBytes) return;
          self->DrainSome();
        });
  }

  void Handle() {
    const auto started = std::chrono::steady_clock::now();
    auto& msg = parser_->get();
    Request req;
    internal::FillRequest(msg, lowered_names_, req);
    req.secure = Derived::kSecure;
    req.request_id = NewRequestId();
    const bool head = msg.method() == bhttp::verb::head;
    if (peer_.empty()) {  // once per connection: a system call
      error_code ec;
      const auto peer = beast::get_lowest_layer(derived().stream()).socket().remote_endpoint(ec);
      if (!ec) peer_ = peer.address().to_string();
    }
    req.remote_address = peer_;

    const unsigned version = msg.version();
    const bool keep_alive = msg.keep_alive();
    if (shared_->handlers && !(shared_->never_waits && shared_->never_waits(req))) {
      // The request's views point into this connection's buffers, which are
      // not touched again until its response has been written.
      asio::post(*shared_->handlers, [self = derived().shared_from_this(), req = std::move(req), started,
                                      version, keep_alive, head]() mutable {
        Response r = self->Respond(req);
        auto executor = self->derived().stream().get_executor();
        asio::post(executor, [self = std::move(self), r = std::move(r), req = std::move(req), started,
                              version, keep_alive, head]() mutable {
          self->Answer(std::move(r), req, started, version, keep_alive, head);
        });
      });
      return;
    }
    Response r = Respond(req);
    Answer(std::move(r), req, started, version, keep_alive, head);
  }

  Response Respond(Request& req) {
    try {
      return shared_->handler(req);
    } catch (const std::exception& e) {
      log::Error("http.handler_threw", {{"request_id", req.request_id}, {"what", e.what()}});
      return ErrorResponse(req, 500, "internal", "Something went wrong on our side.");
    }
  }

  void Answer(Response&& r, const Request& req, std::chrono::steady_clock::time_point started,
              unsigned version, bool keep_alive_asked, bool head) {
    const int status = r.status;
    const bool keep_alive = keep_alive_asked && !shared_->stopping;
    if (shared_->options.access_log) {
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
      // The route the router matched (/api/v1/people/{id}), never the path
      // itself or its query string: a client can put anything there, a
      // name and address included, and the log is kept and copied.
      log::Info("http.request", {{"request_id", req.request_id},
                                 {"method", LoggedMethod(req.method)},
                                 {"route", req.route.empty() ? std::string_view(kUnroutedPath) : req.route},
                                 {"status", std::to_string(status)},
                                 {"micros", std::to_string(micros)}});
    }
    Write(ToBeast(std::move(r), version, keep_alive, req.request_id, Derived::kSecure, head), keep_alive);
  }

  void Write(bhttp::response<bhttp::string_body>&& res, bool keep_alive) {
    response_.emplace(std::move(res));
    bhttp::async_write(derived().stream(), *response_,
                       [self = derived().shared_from_this(), keep_alive](error_code ec, std::size_t) {
                         self->response_.reset();
                         if (!ec && self->lingering_ && !Derived::kSecure) return self->LingerThenClose();
                         if (ec || !keep_alive) return self->DoClose();
                         self->DoRead();
                       });
  }

  std::shared_ptr<Shared> shared_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  std::vector<std::string> lowered_names_;
  std::string peer_;  // the client's address, for sign-in throttling
  bool idle_ = false;
  bool lingering_ = false;
  static constexpr std::size_t kMaxDrainBytes = 64 * 1024 * 1024;
  std::vector<char> drain_;
  std::size_t drained_ = 0;
};

class PlainConnection : public HttpConnection<PlainConnection>,
                        public std::enable_shared_from_this<PlainConnection> {
 public:
  static constexpr bool kSecure = false;
  PlainConnection(tcp::socket&& socket, std::shared_ptr<Shared> shared)
      : HttpConnection(std::move(shared)), stream_(std::move(socket)) {}
  ~PlainConnection() override { Unregister(); }
  beast::tcp_stream& stream() { return stream_; }
  void Start() {
    Register();
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&PlainConnection::DoRead, shared_from_this()));
  }
  void DoClose() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

 private:
  friend class HttpConnection<PlainConnection>;
  beast::tcp_stream stream_;
};

class TlsConnection : public HttpConnection<TlsConnection>,
                      public std::enable_shared_from_this<TlsConnection> {
 public:
  static constexpr bool kSecure = true;
  TlsConnection(tcp::socket&& socket, asio::ssl::context& ctx, std::shared_ptr<Shared> shared)
      : HttpConnection(std::move(shared)), stream_(std::move(socket), ctx) {}
  ~TlsConnection() override { Unregister(); }
  beast::ssl_stream<beast::tcp_stream>& stream() { return stream_; }
  void Start() {
    Register();
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      beast::get_lowest_layer(self->stream_).expires_after(self->shared_->options.read_timeout);
      self->idle_ = true;
      self->stream_.async_handshake(asio::ssl::stream_base::server, [self](error_code ec) {
        self->idle_ = false;
        if (!ec) self->DoRead();
      });
    });
  }
  void DoClose() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](error_code) {});
  }

 private:
  friend class HttpConnection<TlsConnection>;
  beast::ssl_stream<beast::tcp_stream> stream_;
};

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, HandlerFn handler, NeverWaitsFn never_waits)
      : threads_(options.threads > 0 ? options.threads
                                     : std::max(1u, std::thread::hardware_concurrency())),
        ioc_(threads_),
        acceptor_(asio::make_strand(ioc_)),
        signals_(ioc_),
        grace_timer_(ioc_),
        tls_context_(asio::ssl::context::tls_server) {
    shared_ = std::make_shared<Shared>();
    shared_->options = std::move(options);
    shared_->handler = std::move(handler);
    shared_->never_waits = std::move(never_waits);
    if (shared_->options.handler_threads > 0) {
      handlers_.emplace(static_cast<std::size_t>(shared_->options.handler_threads));
      shared_->handlers = &*handlers_;
    }
    shared_->on_last_connection_closed = [this] {
      asio::post(ioc_, [this] { grace_timer_.cancel(); });
    };
  }

  Status Listen() {
    InitialiseCrypto();  // request ids come from libsodium's generator
    const auto& o = shared_->options;
    tls_ = !o.tls_certificate_file.empty() && !o.tls_private_key_file.empty();
    if (tls_) {
      error_code ec;
      tls_context_.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                               asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                               asio::ssl::context::no_tlsv1_1);
      tls_context_.use_certificate_chain_file(o.tls_certificate_file, ec);
      if (ec) return InvalidArgument("server.tls_certificate", "Cannot load the TLS certificate.");
      tls_context_.use_private_key_file(o.tls_private_key_file, asio::ssl::context::pem, ec);
      if (ec) return InvalidArgument("server.tls_private_key", "Cannot load the TLS private key.");
    }
    error_code ec;
    const auto address = asio::ip::make_address(o.address, ec);
    if (ec) return InvalidArgument("server.listen", "'" + o.address + "' is not an IP address.");
    const tcp::endpoint endpoint{address, o.port};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      return Fail(ErrorCode::kUnavailable, "Cannot listen on " + o.address + ":" +
                                               std::to_string(o.port) + ": " + ec.message());
    port_ = acceptor_.local_endpoint().port();
    return Ok();
  }

  void Run() {
    if (shared_->options.handle_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](error_code ec, int) {
        if (!ec) Stop();
      });
    }
    DoAccept();
    std::vector<std::thread> workers;
    for (int i = 1; i < threads_; ++i) workers.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : workers) t.join();
    // No handler is still running once Run returns (the caller may sign a
    // last tree head over everything that was served).
    if (handlers_) handlers_->join();
  }

  void Stop() {
    asio::post(ioc_, [this] {
      if (shared_->stopping.exchange(true)) return;
      log::Info("http.stopping");
      error_code ec;
      acceptor_.close(ec);
      signals_.cancel(ec);
      std::vector<std::shared_ptr<ConnectionBase>> open;
      {
        std::lock_guard lock(shared_->mu);
        for (auto& [ptr, weak] : shared_->connections)
          if (auto c = weak.lock()) open.push_back(std::move(c));
      }
      for (auto& c : open) c->CloseIfIdle();
      if (open.empty()) return;
      // Requests in flight get a grace period; after it, everything stops.
      grace_timer_.expires_after(shared_->options.shutdown_grace);
      grace_timer_.async_wait([this](error_code timer_ec) {
        if (!timer_ec) ioc_.stop();
      });
    });
  }

  ~Impl() {
    // Connections still queued in the io_context are destroyed with it;
    // they must not post back into it while it is being torn down.
    std::lock_guard lock(shared_->mu);
    shared_->on_last_connection_closed = nullptr;
  }

  std::uint16_t port() const { return port_; }
  bool tls() const { return tls_; }

 private:
  void DoAccept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
      if (ec) {
        if (shared_->stopping || ec == asio::error::operation_aborted) return;
        log::Warning("http.accept_failed", {{"error", ec.message()}});
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        if (tls_)
          std::make_shared<TlsConnection>(std::move(socket), tls_context_, shared_)->Start();
        else
          std::make_shared<PlainConnection>(std::move(socket), shared_)->Start();
      }
      if (!shared_->stopping) DoAccept();
    });
  }

  int threads_;
  asio::io_context ioc_;
  // After ioc_, so destroyed first: a handler finishing late posts its
  // answer into ioc_, which must still exist.
  std::optional<asio::thread_pool> handlers_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer grace_timer_;
  asio::ssl::context tls_context_;
  std::shared_ptr<Shared> shared_;
  std::uint16_t port_ = 0;
  bool tls_ = false;
};

Server::Server(ServerOptions options, HandlerFn handler, NeverWaitsFn never_waits)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(never_waits))) {}
Server::~Server() = default;
Status Server::Listen() { return impl_->Listen(); }
std::uint16_t Server::port() const { return impl_->port(); }
bool Server::tls() const { return impl_->tls(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace jigsaw::http
