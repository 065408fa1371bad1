// A fictional partnership to explore Jigsaw with: the town of Brackenford
// (which does not exist), its agencies, and one practitioner and one
// designated safeguarding lead in each. No real person or place.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "service/administration.h"

namespace jigsaw::app {

struct DemoLogin {
  std::string username;
  std::string display_name;
  std::string organisation;
  std::string roles;  // as shown to the person trying the demo
};

// Every demo account shares this password (it is printed, not secret).
inline constexpr std::string_view kDemoPassword = "brackenford-demo";

// Adds the partnership unless the database already has organisations;
// returns whether it added it.
Result<bool> LoadDemoPartnership(service::Administration& administration);

std::vector<DemoLogin> DemoLogins();

}  // namespace jigsaw::app
