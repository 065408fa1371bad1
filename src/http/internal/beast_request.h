// Between Beast's request and ours (internal to http: server.cpp and
// request_parser.cpp are the only files that include Boost.Beast).
#pragma once

#include <boost/beast/http.hpp>

#include <string>
#include <vector>

#include "http/message.h"
#include "http/request_parser.h"

namespace jigsaw::http::internal {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Fills `out` with views of `message`: method, path and query split at the
// first '?', headers with names lower-cased into `lowered` (which must
// outlive `out`), and the body. Leaves request_id and secure alone.
void FillRequest(const BeastRequest& message, std::vector<std::string>& lowered, Request& out);

// The refusal for a read that failed with `ec`: 413, 431 or 400.
Refusal RefusalFor(const boost::system::error_code& ec, const RequestLimits& limits);

}  // namespace jigsaw::http::internal
