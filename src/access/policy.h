// Who is acting, and the one place that says what they may do. Every use
// case asks Authorise() before touching a record; it fails closed: an
// action not listed here is denied.
#pragma once

#include <string>

#include "common/result.h"
#include "domain/practitioner.h"

namespace jigsaw::access {

// The signed-in person (or the operator at the command line) a use case
// acts for.
struct Actor {
  std::string practitioner_id;  // empty for the command-line operator
  std::string organisation_id;
  domain::RoleSet roles;
  bool is_operator = false;  // someone with shell access to the server (CLI)

  static Actor Operator() { return Actor{{}, {}, {}, true}; }
};

enum class Action {
  kViewOrganisations,   // the partnership directory: names and types only
  kManageOrganisations,
  kViewPractitioners,   // the people in an organisation
  kManagePractitioners,
  kAssessShare,         // ask the guidance engine about a proposed share
};

// Ok if `actor` may take `action` on records of `organisation_id` (empty
// when the action is not about one organisation); kPermissionDenied otherwise.
Status Authorise(const Actor& actor, Action action, const std::string& organisation_id = {});

}  // namespace jigsaw::access
