// The signed-in person's sign-in settings (password, recovery codes,
// passkeys), and an administrator's reset of a colleague's second factor.
#include "access/passwords.h"
#include "http/api/api.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

// What a good password is, beside the box (NCSC: length, not rules).
constexpr std::string_view kPasswordHint =
    "Use at least 12 characters. Three random words together make a strong password that is easy to remember, "
    "like 'kettle pigeon quarry'. Do not use your name, your username or a password you use anywhere else.";

std::string SignInSettingsHtml(const Visit& v, const service::SignInSettings& settings) {
  std::string passkeys;
  if (settings.passkeys.empty()) {
    passkeys = "You have not added a passkey.";
  } else {
    passkeys = "<ul class=\"govuk-list\">";
    for (const auto& p : settings.passkeys)
      passkeys += "<li>" + Escape(p.name) + " <span class=\"govuk-hint jigsaw-inline-hint\">added " +
                  Escape(DisplayDate(p.created_at)) + "</span></li>";
    passkeys += "</ul>";
  }
  return SummaryList({{"Password", "Set", "/account/password", "your password"},
                      {"Authenticator app", settings.has_authenticator_app ? "Set up" : "Not set up"},
                      {"Recovery codes", std::to_string(settings.recovery_codes_left) + " of 10 left"},
                      {"Passkeys", passkeys}}) +
         (v.who.actor.roles.Has(domain::Role::kAdministrator)
              ? "<h2 class=\"govuk-heading-m\">Your organisation</h2><p class=\"govuk-body\">" +
                    Link("Reset a colleague's sign-in", "/organisation/people") +
                    " if they have lost their phone and their recovery codes, or change the accounts of people who "
                    "leave, move or change job.</p>"
              : std::string()) +
         // Accounts proposed for the organisation wait for its administrator or DSL.
         (v.who.actor.roles.Has(domain::Role::kAdministrator) ||
                  v.who.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead)
              ? "<p class=\"govuk-body\">" + Link("Accounts waiting for your approval", "/organisation/proposals") +
                    "</p>"
              : std::string());
}

std::string RecoveryCodesSection(const Visit& v) {
  return "<h2 class=\"govuk-heading-m\">Recovery codes</h2><p class=\"govuk-body\">If you have used some of your "
         "recovery codes, or cannot find them, make new ones. The old codes stop working.</p>" +
         FormStart("/account/recovery-codes", v.csrf_token) + Button("Make new recovery codes", true) + "</form>";
}

// Adding a passkey needs the browser's passkey support, so jigsaw.js
// shows the form; without JavaScript the page says so.
std::string PasskeySection(const Visit& v, const service::SignInSettings& settings) {
  std::string out =
      "<h2 class=\"govuk-heading-m\">Passkeys</h2><p class=\"govuk-body\">A passkey signs you in with your fingerprint, "
      "face or screen lock instead of your password and code, and cannot be tricked into working on a fake Jigsaw "
      "site.</p><div id=\"passkey-add\" hidden data-form-token=\"" + Escape(v.csrf_token) + "\">" +
      "<p class=\"govuk-error-message\" id=\"passkey-error\" hidden></p>" +
      TextInput({"passkey_name", "Name this passkey", "So you can tell your passkeys apart, like 'Work laptop'.", false, ""},
                "", "govuk-!-width-two-thirds") +
      "<button type=\"button\" class=\"govuk-button govuk-button--secondary\" id=\"passkey-add-button\" "
      "data-module=\"govuk-button\">Add a passkey</button></div><p class=\"govuk-body jigsaw-no-passkeys\" "
      "id=\"passkey-unavailable\">Adding a passkey needs JavaScript and a browser that supports passkeys.</p>";
  for (const auto& p : settings.passkeys)
    out += FormStart("/account/passkeys/remove", v.csrf_token) + HiddenInput("credential_id", p.credential_id) +
           Button("Remove passkey '" + p.name + "'", true) + "</form>";
  return out;
}

Response SettingsPage(Site& site, Visit& v, std::string_view notice) {
  auto settings = site.s.accounts.Settings(v.context);
  if (!settings) return site.Failure(v, settings.error());
  const std::string body = std::string(notice) + "<h1 class=\"govuk-heading-l\">Your sign-in</h1>" +
                           SignInSettingsHtml(v, *settings) + RecoveryCodesSection(v) + PasskeySection(v, *settings);
  return site.Page(v, {.title = "Your sign-in", .body_html = body});
}

Response PasswordPage(Site& site, Visit& v, const Errors& errors) {
  const std::string body =
      ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Change your password</h1>" +
      FormStart("/account/password", v.csrf_token) +
      TextInput({"current_password", "Current password", "", false, ErrorFor(errors, "current_password")}, "",
                "govuk-!-width-two-thirds", "password", "current-password") +
      TextInput({"password", "New password", std::string(kPasswordHint), false, ErrorFor(errors, "password")}, "",
                "govuk-!-width-two-thirds jigsaw-new-password", "password", "new-password") +
      "<p class=\"govuk-body jigsaw-password-strength\" id=\"password-strength\" aria-live=\"polite\"></p>" +
      Button("Change password") + "</form>";
  return site.Page(v, {.title = "Change your password", .body_html = body, .back_href = "/account",
                       .has_errors = !errors.empty()});
}

std::string Success(std::string_view text) {
  return NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">" + Escape(text) + "</p>", true);
}

void AddSettingsPages(Site& site) {
  site.Get("/account", [&site](Visit& v) {
    std::string notice;
    if (auto left = v.request.QueryParam("recovery-codes-left"))
      notice = NotificationBanner("Important", "<p class=\"govuk-notification-banner__heading\">You signed in with a "
                                               "recovery code. You have " + Escape(*left) + " left.</p><p class=\"govuk-body\">"
                                               "If you have lost your phone, ask your organisation's administrator to "
                                               "reset your sign-in so you can set up a new one.</p>");
    if (v.request.QueryParam("password-changed")) notice = Success("Your password has been changed.");
    if (v.request.QueryParam("passkey-added")) notice = Success("Your passkey has been added.");
    if (v.request.QueryParam("passkey-removed")) notice = Success("The passkey has been removed.");
    return SettingsPage(site, v, notice);
  });

  site.Get("/account/password", [&site](Visit& v) { return PasswordPage(site, v, {}); });
  site.Post("/account/password", [&site](Visit& v) {
    auto changed = site.s.accounts.ChangePassword(v.context, v.form.Get("current_password"), v.form.Get("password"));
    if (changed) return Redirect("/account?password-changed=1");
    if (changed.error().field.empty()) return site.Failure(v, changed.error());
    return PasswordPage(site, v, FieldErrors(changed.error(), "password"));
  });

  site.Post("/account/recovery-codes", [&site](Visit& v) {
    auto codes = site.s.accounts.NewRecoveryCodes(v.context);
    if (!codes) return site.Failure(v, codes.error());
    return site.Page(v, {.title = "Save your recovery codes", .body_html = RecoveryCodesHtml(*codes, "/account")});
  });

  site.Post("/account/passkeys/remove", [&site](Visit& v) {
    if (auto removed = site.s.accounts.RemovePasskey(v.context, v.form.Get("credential_id")); !removed)
      return site.Failure(v, removed.error());
    return Redirect("/account?passkey-removed=1");
  });
}

// The reset of a colleague's second factor, asked first (the list of
// people it is reached from is in staff_pages.cpp).
void AddResetPages(Site& site) {
  site.Get("/organisation/people/{id}/reset", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const std::string body =
        "<h1 class=\"govuk-heading-l\">Reset this person's sign-in?</h1><p class=\"govuk-body\">Their authenticator "
        "app, recovery codes and passkeys will stop working, and they will be signed out. When they next sign in "
        "with their password, they will set up their authenticator app again.</p>" +
        Warning("Only do this when you are sure it is them who asked.") +
        FormStart("/organisation/people/" + id + "/reset", v.csrf_token) + Button("Reset their sign-in") +
        "</form><p class=\"govuk-body\">" + Link("Cancel", "/organisation/people") + "</p>";
    return site.Page(v, {.title = "Reset sign-in", .body_html = body, .back_href = "/organisation/people"});
  });

  site.Post("/organisation/people/{id}/reset", [&site](Visit& v) {
    if (auto reset = site.s.accounts.ResetSecondFactor(v.context, std::string(v.request.PathParam("id"))); !reset)
      return site.Failure(v, reset.error());
    return Redirect("/organisation/people?reset=1");
  });
}

}  // namespace

void AddAccountPages(Site& site) {
  AddSettingsPages(site);
  AddResetPages(site);
  AddPasskeyRegistration(site);
}

}  // namespace jigsaw::http::web
