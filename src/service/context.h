// Who is asking, and which request this is: passed to every use case so
// that each can authorise and audit what it does.
#pragma once

#include <string>

#include "access/policy.h"

namespace jigsaw::service {

struct Context {
  access::Actor actor;
  std::string request_id;  // ties the audit record to the HTTP request and its log line

  static Context Operator(std::string request_id = "cli") {
    return Context{access::Actor::Operator(), std::move(request_id)};
  }
};

}  // namespace jigsaw::service
