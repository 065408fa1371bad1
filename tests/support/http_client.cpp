#include "support/http_client.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>
#include <sys/time.h>

namespace jigsaw::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

nlohmann::json HttpReply::Json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

std::string HttpReply::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

HttpReply Send(std::uint16_t port, const HttpCall& call) {
  HttpReply reply;
  try {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    stream.expires_after(std::chrono::seconds(30));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(call.method), call.target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [k, v] : call.headers) req.set(k, v);
    req.body() = call.body;
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    bhttp::read(stream, buffer, parser);
    const auto& res = parser.get();
    reply.status = res.result_int();
    reply.body = res.body();
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      // Repeated headers (Set-Cookie) are kept, joined by a new line.
      auto [it, fresh] = reply.headers.try_emplace(name, std::string(f.value()));
      if (!fresh) it->second += "\n" + std::string(f.value());
    }
    beast::error_code ec;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  } catch (const std::exception&) {
    reply.status = 0;
  }
  return reply;
}

std::string SendRaw(std::uint16_t port, const std::string& bytes) {
  std::string out;
  try {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // Bounded, so that a server that never closes fails the test instead of hanging it.
    const timeval timeout{30, 0};
    setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    asio::write(stream.socket(), asio::buffer(bytes));
    beast::error_code ec;
    char buf[4096];
    for (;;) {
      const std::size_t n = stream.socket().read_some(asio::buffer(buf), ec);
      out.append(buf, n);
      if (ec) break;
    }
  } catch (const std::exception&) {
  }
  return out;
}

namespace {
HttpCall Call(std::string method, const std::string& target, const std::string& token) {
  HttpCall c{std::move(method), target, {}, {}};
  if (!token.empty()) c.headers.emplace_back("Authorization", "Bearer " + token);
  return c;
}
}  // namespace

HttpReply Get(std::uint16_t port, const std::string& target, const std::string& token) {
  return Send(port, Call("GET", target, token));
}

HttpReply Post(std::uint16_t port, const std::string& target, const nlohmann::json& body,
               const std::string& token) {
  HttpCall c = Call("POST", target, token);
  c.body = body.dump();
  c.headers.emplace_back("Content-Type", "application/json");
  return Send(port, c);
}

HttpReply Put(std::uint16_t port, const std::string& target, const nlohmann::json& body, const std::string& token) {
  HttpCall c = Call("PUT", target, token);
  c.body = body.dump();
  c.headers.emplace_back("Content-Type", "application/json");
  return Send(port, c);
}

HttpReply Delete(std::uint16_t port, const std::string& target, const std::string& token) {
  return Send(port, Call("DELETE", target, token));
}

std::string OrganisationId(const Client& c, std::string_view name_prefix) {
  auto reply = c.get("/api/v1/organisations");
  const nlohmann::json all = reply.Json();
  for (const auto& o : all["organisations"])
    if (o["name"].get<std::string>().starts_with(name_prefix)) return o["id"];
  ADD_FAILURE() << "no organisation " << name_prefix << ": " << reply.body;
  return {};
}

}  // namespace jigsaw::testing
