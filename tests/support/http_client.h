// A minimal blocking HTTP/1.1 client for tests, over loopback.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
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

// Writes `bytes` as they are on a new connection, then reads until the
// server closes it: for requests a well-behaved client would not send, and
// to see exactly what came back (a HEAD response's lack of body). Empty if
// the connection failed.
std::string SendRaw(std::uint16_t port, const std::string& bytes);

// Shorthands: JSON body, optional bearer token.
HttpReply Get(std::uint16_t port, const std::string& target, const std::string& token = {});
HttpReply Post(std::uint16_t port, const std::string& target, const nlohmann::json& body,
               const std::string& token = {});
HttpReply Put(std::uint16_t port, const std::string& target, const nlohmann::json& body,
              const std::string& token = {});
HttpReply Delete(std::uint16_t port, const std::string& target, const std::string& token = {});

// One signed-in API client.
class Client {
 public:
  Client(std::uint16_t port, std::string token) : port_(port), token_(std::move(token)) {}
  HttpReply get(const std::string& target) const { return Get(port_, target, token_); }
  HttpReply post(const std::string& target, const nlohmann::json& body) const { return Post(port_, target, body, token_); }
  HttpReply put(const std::string& target, const nlohmann::json& body) const { return Put(port_, target, body, token_); }
  const std::string& token() const { return token_; }

 private:
  std::uint16_t port_;
  std::string token_;
};

// The id of the first organisation whose name starts with name_prefix, as
// the client sees the list; fails the test (and returns "") if there is none.
std::string OrganisationId(const Client& c, std::string_view name_prefix);

}  // namespace jigsaw::testing
