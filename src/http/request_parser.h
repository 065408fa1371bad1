// Reading one HTTP/1.1 request from bytes, without a socket: the same
// parser, limits and refusals as the server (which reads from the network
// with it), so the fuzz target and tests exercise exactly what the server
// runs on what a client sends.
#pragma once

#include <cstddef>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "http/message.h"

namespace jigsaw::http {

struct RequestLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
};

// A request refused before any handler saw it: 400 (not HTTP), 413 (body
// too large) or 431 (headers too large), with the JSON error's code and a
// message that holds nothing the client sent.
struct Refusal {
  int status = 400;
  std::string code;
  std::string message;
};

// A request read from bytes; its Request views into text it owns, so it
// stays valid while the ParsedRequest lives (and when it is moved).
class ParsedRequest {
 public:
  ParsedRequest(ParsedRequest&&) noexcept;
  ParsedRequest& operator=(ParsedRequest&&) noexcept;
  ~ParsedRequest();

  Request& request();
  // Bytes after the request (the start of a pipelined next one).
  std::size_t bytes_used() const;

 private:
  friend std::expected<ParsedRequest, Refusal> ParseRequest(std::string_view, const RequestLimits&);
  struct Impl;
  explicit ParsedRequest(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads the first request in `bytes`. Fails with the refusal the server
// would send: 413 or 431 past the limits, 400 for anything that is not a
// complete HTTP/1.x request.
std::expected<ParsedRequest, Refusal> ParseRequest(std::string_view bytes, const RequestLimits& limits);

}  // namespace jigsaw::http
