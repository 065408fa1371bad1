#include "http/client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace jigsaw::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;
};

Result<Url> ParseUrl(const std::string& text) {
  Url u;
  std::string rest;
  if (text.starts_with("http://")) rest = text.substr(7);
  else if (text.starts_with("https://")) {
    u.tls = true;
    rest = text.substr(8);
  } else {
    return InvalidArgument("url", "Give an http:// or https:// address (got '" + text + "').");
  }
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  u.target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (authority.starts_with("[")) {  // [IPv6]:port
    const auto close = authority.find(']');
    if (close == std::string::npos) return InvalidArgument("url", "An IPv6 address needs its closing ].");
    u.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') u.port = authority.substr(close + 2);
  } else if (const auto colon = authority.rfind(':'); colon != std::string::npos) {
    u.host = authority.substr(0, colon);
    u.port = authority.substr(colon + 1);
  } else {
    u.host = authority;
  }
  if (u.host.empty()) return InvalidArgument("url", "The address names no host.");
  if (u.port.empty()) u.port = u.tls ? "443" : "80";
  for (char c : u.port)
    if (c < '0' || c > '9') return InvalidArgument("url", "The port must be a number.");
  for (char c : text)
    if (static_cast<unsigned char>(c) <= ' ') return InvalidArgument("url", "The address has a space or control character.");
  return u;
}

template <typename Stream>
FetchReply Exchange(Stream& stream, const Url& url, const FetchOptions& options) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, url.target, 11};
  req.set(bhttp::field::host, url.host);
  req.set(bhttp::field::user_agent, "jigsaw");
  req.set(bhttp::field::accept, "application/json");
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(options.max_body_bytes);
  bhttp::read(stream, buffer, parser);
  return {static_cast<int>(parser.get().result_int()), parser.get().body()};
}

}  // namespace

Result<FetchReply> Fetch(const std::string& text, const FetchOptions& options) {
  const Url url = JIGSAW_TRY(ParseUrl(text));
  try {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(url.host, url.port);
    if (!url.tls) {
      beast::tcp_stream stream(ioc);
      stream.expires_after(options.timeout);
      stream.connect(endpoints);
      FetchReply reply = Exchange(stream, url, options);
      beast::error_code ec;
      stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
      return reply;
    }
    asio::ssl::context tls(asio::ssl::context::tls_client);
    if (options.ca_file.empty()) tls.set_default_verify_paths();
    else tls.load_verify_file(options.ca_file);
    tls.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
    // The name to present (SNI) and to check the certificate against.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()))
      return Fail(ErrorCode::kUnavailable, "Cannot set the TLS server name for " + url.host + ".");
    stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
    beast::get_lowest_layer(stream).expires_after(options.timeout);
    beast::get_lowest_layer(stream).connect(endpoints);
    stream.handshake(asio::ssl::stream_base::client);
    FetchReply reply = Exchange(stream, url, options);
    beast::error_code ec;
    stream.shutdown(ec);  // a peer that just closes is fine: the reply is complete
    return reply;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kUnavailable, "Cannot fetch " + text + ": " + e.what());
  }
}

}  // namespace jigsaw::http
