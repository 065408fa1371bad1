// A fictional partnership to explore Jigsaw with: the town of Brackenford
// (which does not exist), its agencies, and one practitioner and one
// designated safeguarding lead in each. No real person or place.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "service/accounts.h"
#include "service/administration.h"
#include "service/governance.h"

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

// The demo partnership's governance (docs/governance.md), for `jigsaw init
// --demo` after LoadDemoPartnership: a head teacher for Brackenford Primary
// (its senior leader, who signs for it), an active data sharing agreement
// between the primary school and children's services signed by both, and a
// DPIA of children's services covering them, advised on by its DPO and
// signed off by its senior leader. `today` is "YYYY-MM-DD": the agreement
// starts then and is reviewed a year on.
Status LoadDemoGovernance(service::Administration& administration, service::Accounts& accounts,
                          service::Governance& governance, const std::string& today);

// The code the demo authenticator shows at `now` (6 digits).
std::string DemoCode(Time now);

std::vector<DemoLogin> DemoLogins();

}  // namespace jigsaw::app
