// A fictional partnership to explore Jigsaw with: the town of Brackenford
// (which does not exist), its agencies, and one practitioner and one
// designated safeguarding lead in each. No real person or place.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "service/accounts.h"
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
// ...and this authenticator app secret (base32, as an app takes it; also
// printed and in the README), so that the run command still lets a
// newcomer in: add it to any authenticator app, or let `jigsaw demo code`
// show the current code. A real account enrols a secret of its own.
inline constexpr std::string_view kDemoTotpSecret = "JIGSAWDEMOBRACKENFORDTOTPSECRET2";

// Adds the partnership unless the database already has organisations,
// each account with the demo password and authenticator secret; returns
// whether it added it.
Result<bool> LoadDemoPartnership(service::Administration& administration, service::Accounts& accounts);

// The code the demo authenticator shows at `now` (6 digits).
std::string DemoCode(Time now);

std::vector<DemoLogin> DemoLogins();

}  // namespace jigsaw::app
