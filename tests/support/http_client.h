// A minimal blocking HTTP/1.1 client for tests, over loopback.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace jigsaw::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; a repeated header's values joined by '\n' 
  std::string body;
  nlohmann::json Json() const;
  std::string Header(const std::string& lower_name) const;
};

struct HttpCall {
  std::string method = "GET";
  std::string target = "/";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Sends one request on a new connection. A failed connection is status 0.
HttpReply Send(std::uint16_t port, const HttpCall& call);

// Shorthands: JSON body, optional bearer token.
HttpReply Get(std::uint16_t port, const std::string& target, const std::string& token = {});
HttpReply Post(std::uint16_t port, const std::string& target, const nlohmann::json& body,
               const std::string& token = {});
HttpReply Delete(std::uint16_t port, const std::string& target, const std::string& token = {});

}  // namespace jigsaw::testing
