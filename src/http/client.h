// A small blocking HTTP(S) client for what Jigsaw fetches itself: a
// witness reading a log's signed heads and proofs, and `audit verify`
// reading a witness's countersigned heads. GET only; TLS peers are
// verified against the system's certificate authorities (or a given one).
#pragma once

#include <chrono>
#include <string>

#include "common/result.h"

namespace jigsaw::http {

struct FetchOptions {
  std::string ca_file;  // PEM; empty: the system's store
  std::chrono::seconds timeout{30};
  std::size_t max_body_bytes = 64 << 20;
};

struct FetchReply {
  int status = 0;
  std::string body;
};

// GET `url` (http://HOST[:PORT]/PATH or https://...). kInvalidArgument
// (field "url") for a URL it cannot use; kUnavailable if the server cannot
// be reached or the exchange fails (including a TLS peer that does not
// verify). Any HTTP status is a reply.
Result<FetchReply> Fetch(const std::string& url, const FetchOptions& options = {});

}  // namespace jigsaw::http
