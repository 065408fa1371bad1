// An administrator's pages for their organisation's staff: the list, and
// for each person disabling or enabling their account, changing their
// roles, resetting their password and moving them to another organisation;
// and the account proposals waiting for the organisation's approval (for
// its administrator or DSL). Plain forms: everything works without
// JavaScript. The services decide who may do what.
#include <algorithm>
#include <tuple>

#include "access/policy.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

constexpr std::string_view kPeople = "/organisation/people";

std::string_view RoleLabel(domain::Role r) {
  switch (r) {
    case domain::Role::kPractitioner: return "Practitioner";
    case domain::Role::kDesignatedSafeguardingLead: return "Designated safeguarding lead";
    case domain::Role::kDataProtectionOfficer: return "Data protection officer";
    case domain::Role::kCaldicottGuardian: return "Caldicott guardian";
    case domain::Role::kSeniorLeader: return "Senior leader";
    case domain::Role::kAdministrator: return "Administrator";
    case domain::Role::kLegalAdviser: return "Legal adviser";
  }
  return "";
}

std::string RolesText(const domain::RoleSet& roles) {
  std::string out;
  for (auto r : roles.List()) out += (out.empty() ? "" : ", ") + std::string(RoleLabel(r));
  return out;
}

std::vector<Option> RoleOptions() {
  std::vector<Option> out;
  for (const auto& [role, name] : EnumNames<domain::Role>::kNames)
    out.push_back({std::string(name), std::string(RoleLabel(role)), {}});
  return out;
}

std::vector<std::string> RoleNames(const domain::RoleSet& roles) {
  std::vector<std::string> out;
  for (auto r : roles.List()) out.emplace_back(ToString(r));
  return out;
}

// The staff pages are the administrator's: a DSL, who may read the list of
// colleagues, is not shown forms the services would refuse.
std::optional<Response> NotAdministrator(Site& site, Visit& v) {
  if (auto allowed = access::Authorise(v.context.actor, access::Action::kManagePractitioners,
                                       v.who.practitioner.organisation_id);
      !allowed)
    return site.Failure(v, allowed.error());
  return std::nullopt;
}

Response ListPage(Site& site, Visit& v) {
  if (auto refused = NotAdministrator(site, v)) return std::move(*refused);
  auto people = site.s.administration.ListPractitioners(v.context, v.who.practitioner.organisation_id);
  if (!people) return site.Failure(v, people.error());
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : *people)
    rows.push_back({Escape(p.display_name), Escape(p.username), Escape(RolesText(p.roles)),
                    p.disabled ? Tag("Disabled", Colour::kGrey) : Tag("Active", Colour::kGreen),
                    Link("Manage", std::string(kPeople) + "/" + p.id, p.display_name)});
  std::string body = "<h1 class=\"govuk-heading-l\">Your organisation's people</h1><p class=\"govuk-body\">Disable "
                     "the account of someone who has left, change someone's roles, reset their password or sign-in, "
                     "or move them to another organisation. Each change signs them out at once.</p>" +
                     Table("", {"Name", "Username", "Roles", "Account", "Change"}, rows) + "<p class=\"govuk-body\">" +
                     Link("Accounts waiting for your approval", "/organisation/proposals") + "</p>";
  static constexpr std::pair<std::string_view, std::string_view> kNotices[] = {
      {"reset", "Their sign-in has been reset."},
      {"disabled", "The account has been disabled and its sessions ended."},
      {"enabled", "The account has been enabled."},
      {"roles", "Their roles have been changed."},
      {"password", "Their password has been reset. They must choose a new one when they sign in."},
      {"moved", "The move has been proposed. It happens when the other organisation approves it."}};
  for (const auto& [param, text] : kNotices)
    if (v.request.QueryParam(param))
      body = NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">" + Escape(text) + "</p>",
                                true) + body;
  return site.Page(v, {.title = "Your organisation's people", .body_html = body, .back_href = "/account", .wide = true});
}

std::string AccountSection(const Visit& v, const domain::Practitioner& p) {
  const std::string action = std::string(kPeople) + "/" + p.id + (p.disabled ? "/enable" : "/disable");
  return "<h2 class=\"govuk-heading-m\">Account</h2><p class=\"govuk-body\">" +
         std::string(p.disabled ? "This account is disabled: they cannot sign in."
                                : "Disable the account when they leave: they are signed out and cannot sign in.") +
         "</p>" + FormStart(action, v.csrf_token) +
         Button(p.disabled ? "Enable the account" : "Disable the account", !p.disabled) + "</form>";
}

std::string RolesSection(const Visit& v, const domain::Practitioner& p, const Errors& errors) {
  return "<h2 class=\"govuk-heading-m\">Roles</h2>" + FormStart(std::string(kPeople) + "/" + p.id + "/roles", v.csrf_token) +
         Checkboxes({"roles", "Their roles", "Select all that apply", false, ErrorFor(errors, "roles")}, RoleOptions(),
                    RoleNames(p.roles)) +
         Button("Change roles", true) + "</form>";
}

std::string PasswordSection(const Visit& v, const domain::Practitioner& p, const Errors& errors) {
  return "<h2 class=\"govuk-heading-m\">Password</h2><p class=\"govuk-body\">If they have forgotten their password, "
         "choose a temporary one and tell them it, by phone or in person. They must choose their own when they next "
         "sign in; their authenticator app keeps working.</p>" +
         FormStart(std::string(kPeople) + "/" + p.id + "/password", v.csrf_token) +
         TextInput({"password", "Temporary password", "At least 12 characters.", false, ErrorFor(errors, "password")}, "",
                   "govuk-!-width-two-thirds", "password", "new-password") +
         Button("Reset password", true) + "</form><p class=\"govuk-body\">" +
         Link("Reset their sign-in", std::string(kPeople) + "/" + p.id + "/reset") +
         " if they have lost the phone with their authenticator app.</p>";
}

std::string MoveSection(Site& site, const Visit& v, const domain::Practitioner& p, const Errors& errors) {
  std::vector<Option> orgs{{"", "Choose an organisation", {}}};
  if (auto list = site.s.administration.ListOrganisations(v.context))
    for (const auto& o : *list)
      if (o.id != p.organisation_id) orgs.push_back({o.id, o.name, {}});
  return "<h2 class=\"govuk-heading-m\">Move to another organisation</h2><p class=\"govuk-body\">The other "
         "organisation's administrator or safeguarding lead must approve the move. Then they are signed out and keep "
         "nothing of this organisation's records.</p>" +
         FormStart(std::string(kPeople) + "/" + p.id + "/move", v.csrf_token) +
         Select({"organisation_id", "Organisation", "", false, ErrorFor(errors, "organisation_id")}, orgs, "") +
         Checkboxes({"move_roles", "Their roles there", "Select all that apply", false, ErrorFor(errors, "move_roles")},
                    RoleOptions(), RoleNames(p.roles)) +
         Button("Propose the move", true) + "</form>";
}

Response PersonPage(Site& site, Visit& v, const Errors& errors = {}) {
  if (auto refused = NotAdministrator(site, v)) return std::move(*refused);
  const std::string id(v.request.PathParam("id"));
  // Only someone who may change the person sees them: the list is the
  // administrator's, and it is read (and audited) the same way.
  auto people = site.s.administration.ListPractitioners(v.context, v.who.practitioner.organisation_id);
  if (!people) return site.Failure(v, people.error());
  auto it = std::ranges::find(*people, id, &domain::Practitioner::id);
  if (it == people->end()) return site.Failure(v, Error{ErrorCode::kNotFound, "There is no such person.", {}});
  const domain::Practitioner& p = *it;
  const std::string body = ErrorSummary(errors) + "<span class=\"govuk-caption-l\">" + Escape(p.username) +
                           "</span><h1 class=\"govuk-heading-l\">" + Escape(p.display_name) + "</h1>" +
                           AccountSection(v, p) + RolesSection(v, p, errors) + PasswordSection(v, p, errors) +
                           MoveSection(site, v, p, errors);
  return site.Page(v, {.title = "Manage a person's account", .body_html = body, .back_href = std::string(kPeople),
                       .has_errors = !errors.empty()});
}

// A change's result: back to the list, or the person's page with the
// error by its field.
Response After(Site& site, Visit& v, const Status& done, std::string_view notice, std::string_view field_for_roles = "roles") {
  if (done) return Redirect(std::string(kPeople) + "?" + std::string(notice) + "=1");
  if (done.error().field.empty() || done.error().code == ErrorCode::kNotFound ||
      done.error().code == ErrorCode::kPermissionDenied)
    return site.Failure(v, done.error());
  Errors errors = FieldErrors(done.error());
  for (auto& e : errors)
    if (e.field == "roles") e.field = std::string(field_for_roles);
  return PersonPage(site, v, errors);
}

Result<domain::RoleSet> FormRoles(const Visit& v, std::string_view name) {
  auto roles = domain::RoleSet::Parse(name, v.form.All(name));
  if (!roles) return std::unexpected(Error{ErrorCode::kInvalidArgument, "Choose at least one role.", std::string(name)});
  return roles;
}

void AddPersonPages(Site& site) {
  site.Get(std::string(kPeople), [&site](Visit& v) { return ListPage(site, v); });
  site.Get(std::string(kPeople) + "/{id}", [&site](Visit& v) { return PersonPage(site, v); });
  for (const auto& [suffix, state, notice] :
       {std::tuple{"/disable", service::AccountState::kDisabled, "disabled"},
        std::tuple{"/enable", service::AccountState::kEnabled, "enabled"}})
    site.Post(std::string(kPeople) + "/{id}" + suffix, [&site, state, notice](Visit& v) {
      return After(site, v, site.s.administration.SetAccountState(v.context, std::string(v.request.PathParam("id")), state),
                   notice);
    });
  site.Post(std::string(kPeople) + "/{id}/roles", [&site](Visit& v) {
    auto roles = FormRoles(v, "roles");
    if (!roles) return PersonPage(site, v, FieldErrors(roles.error()));
    return After(site, v, site.s.administration.ChangeRoles(v.context, std::string(v.request.PathParam("id")), *roles),
                 "roles");
  });
  site.Post(std::string(kPeople) + "/{id}/password", [&site](Visit& v) {
    return After(site, v,
                 site.s.administration.ResetPassword(v.context, std::string(v.request.PathParam("id")),
                                                     v.form.Get("password")),
                 "password");
  });
  site.Post(std::string(kPeople) + "/{id}/move", [&site](Visit& v) {
    auto roles = FormRoles(v, "move_roles");
    if (!roles) return PersonPage(site, v, FieldErrors(roles.error()));
    auto moved = site.s.administration.ProposeMove(v.context, std::string(v.request.PathParam("id")),
                                                   v.form.Get("organisation_id"), *roles);
    return After(site, v, moved ? Ok() : Status(std::unexpected(moved.error())), "moved", "move_roles");
  });
}

std::string ProposalRow(const Visit& v, const domain::AccountProposal& p) {
  const std::string form = FormStart("/organisation/proposals/" + p.id, v.csrf_token);
  return form + Button("Approve", false, "decision", "approve") + "</form>" + form +
         Button("Decline", true, "decision", "decline") + "</form>";
}

void AddProposalPages(Site& site) {
  site.Get("/organisation/proposals", [&site](Visit& v) {
    auto pending = site.s.administration.PendingProposals(v.context, v.who.practitioner.organisation_id);
    if (!pending) return site.Failure(v, pending.error());
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : *pending)
      rows.push_back({p.practitioner_id.empty() ? "New account" : "Move from another organisation",
                      Escape(p.display_name), Escape(p.username), Escape(RolesText(p.roles)), ProposalRow(v, p)});
    std::string body =
        "<h1 class=\"govuk-heading-l\">Accounts waiting for your approval</h1><p class=\"govuk-body\">The partnership's "
        "administrators, and other organisations moving a member of staff to you, propose accounts here. Nobody can "
        "sign in to your organisation until you approve. Check with the person before you do.</p>" +
        (rows.empty() ? std::string("<p class=\"govuk-body\">Nothing is waiting.</p>")
                      : Table("", {"Proposal", "Name", "Username", "Roles", "Decision"}, rows));
    if (v.request.QueryParam("decided"))
      body = NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Your decision has been "
                                           "recorded.</p>", true) + body;
    return site.Page(v, {.title = "Accounts waiting for your approval", .body_html = body, .back_href = "/", .wide = true});
  });
  site.Post("/organisation/proposals/{id}", [&site](Visit& v) {
    const std::string decision = v.form.Get("decision");
    if (decision != "approve" && decision != "decline")
      return site.Failure(v, Error{ErrorCode::kInvalidArgument, "Choose approve or decline.", "decision"});
    auto decided = site.s.administration.DecideProposal(
        v.context, std::string(v.request.PathParam("id")),
        decision == "approve" ? domain::ProposalOutcome::kApproved : domain::ProposalOutcome::kDeclined);
    if (!decided) return site.Failure(v, decided.error());
    return Redirect("/organisation/proposals?decided=1");
  });
}

}  // namespace

void AddStaffPages(Site& site) {
  AddPersonPages(site);
  AddProposalPages(site);
}

}  // namespace jigsaw::http::web
