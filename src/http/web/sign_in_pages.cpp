// Signing in, in steps that each work without JavaScript: the password;
// then the code from the authenticator app (or a recovery code), or, the
// first time, setting the app up with a QR code drawn here. Between the
// steps the browser holds only the challenge token, in an HttpOnly cookie
// limited to /sign-in. A passkey (with JavaScript, through jigsaw.js)
// signs in without password or code.
#include <nlohmann/json.hpp>

#include "access/credentials.h"
#include "access/totp.h"
#include "common/json_writer.h"
#include "common/random.h"
#include "http/api/api.h"
#include "http/web/pages.h"
#include "http/web/qr.h"

namespace jigsaw::http::web {
namespace {

// The sign-in form's token (double submit: a cookie and a hidden field),
// and the challenge between the password and the second factor.
constexpr std::string_view kSignInFormCookie = "jigsaw_form";
constexpr std::string_view kChallengeCookie = "jigsaw_challenge";

std::string Cookie(std::string_view name, std::string_view value, const Request& req, long max_age = -1) {
  return std::string(name) + "=" + std::string(value) + "; Path=/sign-in; HttpOnly; SameSite=Strict" +
         (max_age >= 0 ? "; Max-Age=" + std::to_string(max_age) : std::string()) + (req.secure ? "; Secure" : "");
}

std::string FormTokenOf(const Request& req) {
  std::string token(req.Cookie(kSignInFormCookie).value_or(""));
  return token.size() == 32 ? token : std::string();
}

bool FormTokenOk(const Request& req, std::string_view given) {
  const std::string token = FormTokenOf(req);
  return !token.empty() && given == token;
}

std::string ChallengeOf(const Request& req) { return std::string(req.Cookie(kChallengeCookie).value_or("")); }

Response Page(const Site& site, PageSpec spec, int status = 200) { return site.PublicPage(std::move(spec), status); }

std::string PasswordForm(std::string_view form_token, std::string_view username, const Errors& errors) {
  return FormStart("/sign-in", form_token) +
         TextInput({"username", "Username", "", false, ErrorFor(errors, "username")}, username, "govuk-!-width-two-thirds",
                   "text", "username") +
         TextInput({"password", "Password", "", false, ErrorFor(errors, "password")}, "", "govuk-!-width-two-thirds",
                   "password", "current-password") +
         Button("Sign in") + "</form>";
}

// Shown by jigsaw.js where the browser can use passkeys; hidden otherwise
// (a passkey needs JavaScript).
std::string PasskeyOption(std::string_view form_token) {
  return "<div class=\"jigsaw-passkey\" id=\"passkey-sign-in\" data-form-token=\"" + Escape(form_token) +
         "\" hidden><h2 class=\"govuk-heading-m\">Or use a passkey</h2><p class=\"govuk-body\">If you have added a "
         "passkey to your account, you can sign in with it instead of your password and code.</p>"
         "<p class=\"govuk-error-message\" id=\"passkey-error\" hidden></p>"
         "<button type=\"button\" class=\"govuk-button govuk-button--secondary\" id=\"passkey-button\" "
         "data-module=\"govuk-button\">Sign in with a passkey</button></div>";
}

Response SignInPage(const Site& site, std::string_view form_token, std::string_view username, const Errors& errors,
                    std::string_view notice_html, int status = 200) {
  std::string body = ErrorSummary(errors) + std::string(notice_html) +
                     "<h1 class=\"govuk-heading-l\">Sign in to Jigsaw</h1>"
                     "<p class=\"govuk-body\">Jigsaw helps you share information to keep children safe, and records why.</p>" +
                     PasswordForm(form_token, username, errors) + PasskeyOption(form_token) +
                     "<p class=\"govuk-body\">If this is a shared computer, sign out when you finish and close the browser.</p>";
  return Page(site, {.title = "Sign in", .body_html = body, .has_errors = !errors.empty()}, status);
}

std::string Notice(std::string_view text, bool success = false) {
  return NotificationBanner(success ? "Success" : "Important",
                            "<p class=\"govuk-notification-banner__heading\">" + Escape(text) + "</p>", success);
}

// Back to the start, saying why: the challenge has ended (too old, too
// many wrong codes) or was never there.
Response StartAgain(std::string_view why) {
  Response r = Redirect(std::string("/sign-in?") + std::string(why) + "=1");
  return r;
}

// The session is made: the cookie is set, the challenge cookie cleared.
void SetSession(const Site&, const Request& req, Response& r, const std::string& token) {
  r.With("Set-Cookie", api::SessionCookie(token, req.secure));
  r.With("Set-Cookie", Cookie(kChallengeCookie, "", req, 0));
}

// One question: the page's heading, unless the page has its own.
std::string CodeInput(std::string_view name, std::string_view label, std::string_view hint, std::string_view error,
                      bool numeric, bool as_heading = true) {
  std::string input = TextInput({std::string(name), std::string(label), std::string(hint), as_heading, std::string(error)}, "",
                                numeric ? "govuk-input--width-10" : "govuk-input--width-20", "text", "one-time-code");
  // Digits on a phone's keyboard, without the spinner a number input has.
  if (numeric) input.replace(input.find(" spellcheck"), 0, " inputmode=\"numeric\"");
  return input;
}

Response CodePage(const Site& site, std::string_view form_token, const Errors& errors) {
  const std::string body =
      ErrorSummary(errors) + FormStart("/sign-in/code", form_token) +
      CodeInput("code", "Enter the code from your authenticator app",
                "Open the app on your phone and enter the 6-digit code it shows for Jigsaw.", ErrorFor(errors, "code"),
                true) +
      Button("Continue") + "</form><p class=\"govuk-body\">" + Link("Use a recovery code instead", "/sign-in/recovery-code") +
      "</p><p class=\"govuk-body\">If you have lost your phone and your recovery codes, ask your organisation's "
      "administrator to reset your sign-in.</p>";
  return Page(site, {.title = "Enter your code", .body_html = body, .back_href = "/sign-in", .has_errors = !errors.empty()});
}

Response RecoveryCodePage(const Site& site, std::string_view form_token, const Errors& errors) {
  const std::string body =
      ErrorSummary(errors) + FormStart("/sign-in/recovery-code", form_token) +
      CodeInput("recovery_code", "Enter a recovery code",
                "One of the ten codes you saved when you set up your authenticator app, like k7qm-2xwd-p4ra-zz5b. "
                "Each code works once.",
                ErrorFor(errors, "recovery_code"), false) +
      Button("Continue") + "</form><p class=\"govuk-body\">" + Link("Use your authenticator app instead", "/sign-in/code") +
      "</p>";
  return Page(site, {.title = "Enter a recovery code",
                     .body_html = body,
                     .back_href = "/sign-in/code",
                     .has_errors = !errors.empty()});
}

// The secret as text beside the QR code: grouped in fours to read and
// type, with every detail an app may ask for, for anyone who cannot scan.
std::string SecretAsText(const service::TotpOffer& offer) {
  return "<h2 class=\"govuk-heading-m\">If you cannot scan the QR code</h2><p class=\"govuk-body\">Choose to enter a "
         "setup key in your app, and give it these details.</p>" +
         SummaryList({{"Key", "<code class=\"jigsaw-secret\">" + Escape(access::GroupedSecret(offer.secret)) + "</code>"},
                      {"Account", Escape(offer.account)},
                      {"Issuer", "Jigsaw"},
                      {"Type of key", "Time based"},
                      {"Digits", "6"},
                      {"Interval", "30 seconds"},
                      {"Algorithm", "SHA-1"}});
}

Response EnrolPage(const Site& site, std::string_view form_token, const service::TotpOffer& offer, const Errors& errors) {
  const std::string body =
      ErrorSummary(errors) + "<h1 class=\"govuk-heading-l\">Set up your authenticator app</h1>"
      "<p class=\"govuk-body\">Every Jigsaw account is protected by a code from an app on your phone as well as your "
      "password, so a stolen password is not enough to see children's records.</p>"
      "<ol class=\"govuk-list govuk-list--number\"><li>Install an authenticator app on your phone if you do not have "
      "one, such as Microsoft Authenticator or Google Authenticator.</li><li>In the app, add an account and scan the QR "
      "code below.</li><li>Enter the 6-digit code the app then shows.</li></ol>"
      "<div class=\"jigsaw-qr-box\">" +
      QrCodeSvg(offer.otpauth_uri, "QR code for setting up Jigsaw in your authenticator app. The same details are "
                                   "below as text.") +
      "</div>" + SecretAsText(offer) + FormStart("/sign-in/enrol", form_token) +
      CodeInput("code", "Enter the code from your authenticator app", "The 6 digits the app shows for Jigsaw.",
                ErrorFor(errors, "code"), true, /*as_heading=*/false) +
      Button("Continue") + "</form>";
  return Page(site, {.title = "Set up your authenticator app", .body_html = body, .has_errors = !errors.empty()});
}

}  // namespace

// The recovery codes, shown once: after enrolling, or when new ones are
// made on the settings page.
std::string RecoveryCodesHtml(const std::vector<std::string>& codes, std::string_view continue_href) {
  std::string list = "<ol class=\"govuk-list govuk-list--number jigsaw-recovery-codes\">";
  for (const auto& c : codes) list += "<li><code>" + Escape(c) + "</code></li>";
  list += "</ol>";
  return "<h1 class=\"govuk-heading-l\">Save your recovery codes</h1><p class=\"govuk-body\">If you lose your phone, "
         "each of these codes lets you sign in once instead of a code from your app.</p>" +
         Warning("You will not see these codes again. Print them or write them down, and keep them somewhere safe, "
                 "away from your phone.") +
         list + "<p class=\"govuk-body\">" + ButtonLink("I have saved my recovery codes", continue_href) + "</p>";
}

namespace {

// The first step: the password, then off to the code or to enrolment.
void AddPasswordStep(Site& site) {
  Router& router = site.router();
  router.Add("GET", "/sign-in", [&site](Request& req) {
    // Signing in has no session yet: the form token is a random value the
    // browser also holds in a SameSite cookie (double submit).
    std::string form_token = FormTokenOf(req);
    if (form_token.empty()) form_token = NewId();
    std::string notice;
    if (req.QueryParam("timed-out"))
      notice = Notice("You were signed out because you had not done anything for a while. Sign in again to carry on.");
    if (req.QueryParam("expired")) notice = Notice("Your sign-in timed out before it was finished. Sign in again.");
    if (req.QueryParam("too-many-codes"))
      notice = Notice("That was too many wrong codes. Sign in again with your password.");
    if (req.QueryParam("signed-out")) notice = Notice("You have signed out.", true);
    Response r = SignInPage(site, form_token, "", {}, notice);
    r.With("Set-Cookie", Cookie(kSignInFormCookie, form_token, req));
    return r;
  });

  router.Add("POST", "/sign-in", [&site](Request& req) {
    Form form(req.body);
    const std::string form_token = FormTokenOf(req);
    const std::string username = form.Get("username");
    if (!FormTokenOk(req, form.Get("csrf_token"))) return Redirect("/sign-in");  // stale or forged: start again
    Errors errors;
    if (username.empty()) errors.push_back({"username", "Enter your username"});
    if (form.Get("password").empty()) errors.push_back({"password", "Enter your password"});
    if (!errors.empty()) return SignInPage(site, form_token, username, errors, "");
    auto owed = site.s.authentication.CheckPassword(username, form.Get("password"), api::AttemptOf(req));
    if (owed) {
      Response r = Redirect(owed->must_enrol ? "/sign-in/enrol" : "/sign-in/code");
      const long max_age = std::chrono::duration_cast<std::chrono::seconds>(owed->expires_at - site.s.clock.Now()).count();
      r.With("Set-Cookie", Cookie(kChallengeCookie, owed->challenge_token, req, max_age));
      return r;
    }
    if (owed.error().code == ErrorCode::kResourceExhausted)
      errors.push_back({"username", "There have been too many attempts to sign in. Wait a few minutes, then try again."});
    else if (owed.error().code == ErrorCode::kUnauthenticated)
      errors.push_back({"username", "Enter a correct username and password"});
    else
      return Page(site, {.title = "Sorry, there is a problem",
                         .body_html = "<h1 class=\"govuk-heading-l\">Sorry, there is a problem with the service</h1>"
                                      "<p class=\"govuk-body\">Try again later.</p>"},
                  500);
    return SignInPage(site, form_token, username, errors, "");
  });

}

// The second step: the code, a recovery code, or enrolling the app.
void AddSecondFactorSteps(Site& site) {
  Router& router = site.router();
  router.Add("GET", "/sign-in/code", [&site](Request& req) {
    if (ChallengeOf(req).empty()) return StartAgain("expired");
    return CodePage(site, FormTokenOf(req), {});
  });

  router.Add("GET", "/sign-in/recovery-code", [&site](Request& req) {
    if (ChallengeOf(req).empty()) return StartAgain("expired");
    return RecoveryCodePage(site, FormTokenOf(req), {});
  });

  // A code or a recovery code: the same steps, a different check and page.
  auto complete = [&site](Request& req, bool recovery) -> Response {
    Form form(req.body);
    if (!FormTokenOk(req, form.Get("csrf_token"))) return Redirect("/sign-in");
    const std::string field = recovery ? "recovery_code" : "code";
    auto signed_in = recovery ? site.s.authentication.CompleteWithRecoveryCode(ChallengeOf(req), form.Get(field), api::AttemptOf(req))
                              : site.s.authentication.CompleteWithCode(ChallengeOf(req), form.Get(field), api::AttemptOf(req));
    if (signed_in) {
      Response r = Redirect(recovery ? "/account?recovery-codes-left=" + std::to_string(signed_in->recovery_codes_left) : "/");
      SetSession(site, req, r, signed_in->token);
      return r;
    }
    const Error& e = signed_in.error();
    if (e.code == ErrorCode::kUnauthenticated)
      return StartAgain(e.message == service::kTooManyCodes ? "too-many-codes" : "expired");
    const std::string message = e.code == ErrorCode::kResourceExhausted
                                    ? "There have been too many attempts to sign in. Wait a few minutes, then try again."
                                    : e.message;
    const Errors errors{{field, message}};
    return recovery ? RecoveryCodePage(site, FormTokenOf(req), errors) : CodePage(site, FormTokenOf(req), errors);
  };
  router.Add("POST", "/sign-in/code", [complete](Request& req) { return complete(req, false); });
  router.Add("POST", "/sign-in/recovery-code", [complete](Request& req) { return complete(req, true); });

  router.Add("GET", "/sign-in/enrol", [&site](Request& req) {
    auto offer = site.s.authentication.OfferTotp(ChallengeOf(req));
    if (!offer) return offer.error().code == ErrorCode::kFailedPrecondition ? Redirect("/sign-in/code") : StartAgain("expired");
    return EnrolPage(site, FormTokenOf(req), *offer, {});
  });

  router.Add("POST", "/sign-in/enrol", [&site](Request& req) {
    Form form(req.body);
    if (!FormTokenOk(req, form.Get("csrf_token"))) return Redirect("/sign-in");
    auto signed_in = site.s.authentication.CompleteWithCode(ChallengeOf(req), form.Get("code"), api::AttemptOf(req));
    if (signed_in) {
      // Shown here, once, not after a redirect: the codes are never stored.
      Response r = Page(site, {.title = "Save your recovery codes", .body_html = RecoveryCodesHtml(signed_in->recovery_codes, "/")});
      SetSession(site, req, r, signed_in->token);
      return r;
    }
    const Error& e = signed_in.error();
    if (e.code == ErrorCode::kUnauthenticated)
      return StartAgain(e.message == service::kTooManyCodes ? "too-many-codes" : "expired");
    auto offer = site.s.authentication.OfferTotp(ChallengeOf(req));
    if (!offer) return StartAgain("expired");
    return EnrolPage(site, FormTokenOf(req), *offer, {{"code", e.message}});
  });

}

// Signing out, and what the session-timeout warning asks.
void AddSessionRoutes(Site& site) {
  Router& router = site.router();
  site.Post("/sign-out", [&site](Visit& v) {
    (void)site.s.authentication.SignOut(api::TokenFrom(v.request), v.context);
    Response r = Redirect("/sign-in?signed-out=1");
    r.With("Set-Cookie", api::ClearedSessionCookie(v.request.secure));
    return r;
  });

  // "Exit this page" on a signed-in page comes here: on a shared computer
  // whoever sits down next must not find the session open, so it ends
  // before the browser is sent to the neutral site (web.exit_url).
  // Clear-Site-Data asks the browser to drop its cached pages, so "Back"
  // shows nothing of the case. It answers the same whether or not a
  // session was live: a stranger learns nothing, and it never shows a
  // Jigsaw page (a sign-in page would say what was on screen).
  router.Add("GET", "/exit", [&site](Request& req) {
    const std::string token = api::TokenFrom(req);
    if (!token.empty())
      if (auto who = api::Authenticate(req, site.s.authentication))
        (void)site.s.authentication.SignOut(token, service::Context{who->actor, req.request_id});
    // Deliberately off the site (Redirect keeps to it): the operator's
    // checked setting, never anything from the request.
    Response r = site.HtmlPage(303, "");
    r.With("Location", site.options().exit_url);
    r.With("Set-Cookie", api::ClearedSessionCookie(req.secure));
    r.With("Cache-Control", "no-store");
    r.With("Clear-Site-Data", "\"cache\"");
    return r;
  });

  // For the session-timeout warning: how long is left, without counting as
  // activity. Another tab may have kept the session alive, so a page asks
  // before it warns or leaves. Seconds, 0 once the session has ended.
  router.Add("GET", "/session/time-left", [&site](Request& req) {
    auto left = site.s.authentication.TimeLeft(api::TokenFrom(req));
    if (!left && left.error().code != ErrorCode::kUnauthenticated) return ErrorResponse(req, left.error());
    const auto seconds = left ? std::chrono::duration_cast<std::chrono::seconds>(*left).count() : 0;
    Response r;
    r.body = JsonWriter(32).BeginObject().Key("seconds").Int(seconds).EndObject().Take();
    return r;
  });

  // For the session-timeout warning's "Stay signed in": any signed-in
  // request resets the idle clock.
  site.Post("/session/keep-alive", [](Visit&) { return Site::HtmlPage(204, ""); });
}

}  // namespace

void AddSignInPages(Site& site) {
  AddPasswordStep(site);
  AddSecondFactorSteps(site);
  AddPasskeySignIn(site);
  AddSessionRoutes(site);
}

}  // namespace jigsaw::http::web
