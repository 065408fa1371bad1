#include "http/request_parser.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include "http/internal/beast_request.h"

namespace jigsaw::http {

namespace bhttp = boost::beast::http;

namespace internal {

void FillRequest(const BeastRequest& message, std::vector<std::string>& lowered, Request& out) {
  const auto method = message.method_string();
  out.method = std::string_view(method.data(), method.size());
  const auto target_text = message.target();
  const std::string_view target(target_text.data(), target_text.size());
  const std::size_t q = target.find('?');
  out.path = target.substr(0, q);
  out.query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  out.body = message.body();
  // Header names are case-insensitive; handlers look them up in lower case.
  lowered.clear();
  for (const auto& field : message) {
    const auto name = field.name_string();
    std::string& n = lowered.emplace_back(name.data(), name.size());
    for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  out.headers.clear();
  out.headers.reserve(lowered.size());
  std::size_t i = 0;
  for (const auto& field : message) {
    const auto value = field.value();
    out.headers.emplace_back(lowered[i++], std::string_view(value.data(), value.size()));
  }
}

Refusal RefusalFor(const boost::system::error_code& ec, const RequestLimits& limits) {
  if (ec == bhttp::error::body_limit)
    return {413, "payload_too_large",
            "The request body is larger than " + std::to_string(limits.max_body_bytes) + " bytes."};
  if (ec == bhttp::error::header_limit) return {431, "headers_too_large", "The request headers are too large."};
  return {400, "invalid_argument", "The request is not valid HTTP."};
}

}  // namespace internal

struct ParsedRequest::Impl {
  internal::BeastRequest message;
  std::vector<std::string> lowered;
  Request request;
  std::size_t used = 0;
};

ParsedRequest::ParsedRequest(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ParsedRequest::ParsedRequest(ParsedRequest&&) noexcept = default;
ParsedRequest& ParsedRequest::operator=(ParsedRequest&&) noexcept = default;
ParsedRequest::~ParsedRequest() = default;
Request& ParsedRequest::request() { return impl_->request; }
std::size_t ParsedRequest::bytes_used() const { return impl_->used; }

std::expected<ParsedRequest, Refusal> ParseRequest(std::string_view bytes, const RequestLimits& limits) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(limits.max_header_bytes, UINT32_MAX)));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  boost::system::error_code ec;
  std::size_t used = 0;
  for (;;) {
    const std::size_t n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    used += n;
    if (parser.is_done()) break;
    if (ec == bhttp::error::need_more) {
      // The parser wants more than it was given. The server would read
      // more from the socket before calling it again (Beast's contract:
      // the next call's bytes extend this call's); here the bytes have
      // ended, as when a client closes the connection mid-request.
      ec = bhttp::error::partial_message;
      if (parser.got_some()) {  // Beast's end of input needs something before it
        boost::system::error_code eof;
        parser.put_eof(eof);
        if (!eof && parser.is_done()) break;
        if (eof) ec = eof;
      }
    }
    if (!ec && n == 0) ec = bhttp::error::partial_message;  // no progress: never loop for ever
    if (ec) return std::unexpected(internal::RefusalFor(ec, limits));
  }
  auto impl = std::make_unique<ParsedRequest::Impl>();
  impl->message = parser.release();
  impl->used = used;
  internal::FillRequest(impl->message, impl->lowered, impl->request);
  return ParsedRequest(std::move(impl));
}

}  // namespace jigsaw::http
