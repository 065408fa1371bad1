#include "http/web/web.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "access/credentials.h"
#include "access/policy.h"
#include "common/json_writer.h"
#include "common/log.h"
#include "common/random.h"
#include "http/api/api.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

// No inline script or style, nothing from elsewhere, no framing.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

Response Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.With("Content-Security-Policy", std::string(kContentSecurityPolicy));
  r.With("X-Frame-Options", "DENY");
  // Pages hold personal data: a shared computer keeps no copy.
  r.With("Cache-Control", "no-store");
  return r;
}

struct Asset {
  std::string content_type;
  std::string body;
};

std::string_view TypeOf(const std::filesystem::path& p) {
  static const std::map<std::string, std::string_view> kTypes = {
      {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
      {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".map", "application/json"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

// Every file under static_dir/assets, read once at start-up: a lookup by
// exact path cannot wander outside the directory.
Result<std::map<std::string, Asset>> LoadAssets(const std::string& static_dir) {
  std::map<std::string, Asset> out;
  const std::filesystem::path root = std::filesystem::path(static_dir) / "assets";
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) {
    log::Warning("web.assets_missing", {{"directory", root.string()}});
    return out;  // pages still work, unstyled
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in && !in.eof()) return Internal("Cannot read " + entry.path().string());
    const std::string url = "/assets/" + std::filesystem::relative(entry.path(), root).generic_string();
    out[url] = {std::string(TypeOf(entry.path())), body.str()};
  }
  if (ec) return Internal("Cannot read " + root.string() + ": " + ec.message());
  return out;
}

}  // namespace

bool IsLocalAddress(std::string_view location) {
  // A path on this site: "/" then not "/" or a backslash (browsers read
  // "//host" and "/\host" as another site), made only of characters a URL
  // carries unescaped.
  if (location.empty() || location[0] != '/') return false;
  if (location.size() > 1 && (location[1] == '/' || location[1] == '\\')) return false;
  for (char c : location) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string_view("-._~/?=&%").find(c) != std::string_view::npos;
    if (!safe) return false;
  }
  return true;
}

Response Redirect(std::string location) {
  // Page addresses are built from ids that Site checked (every {id} is
  // well formed before a page handler runs); anything else here is a bug,
  // and must not become a header or a way off the site.
  if (!IsLocalAddress(location)) {
    log::Error("web.redirect_refused", {});
    location = "/";
  }
  Response r = Html(303, "");
  r.With("Location", std::move(location));
  return r;
}

Errors FieldErrors(const Error& error, std::string_view fallback_field) {
  std::string field = error.field;
  if (field.empty() || field.find_first_of("[.") != std::string::npos) field = std::string(fallback_field);
  return {{field, error.message}};
}

Response Site::HtmlPage(int status, std::string body) { return Html(status, std::move(body)); }

Response Site::PublicPage(PageSpec spec, int status) const {
  spec.exit_url = options_.exit_url;
  return Html(status, RenderPage(spec));
}

namespace {

// The menu items whose pages the actor's roles can use in their own
// organisation (access/policy.h decides, as if for a record of their own
// organisation or one sent to it; the pages check each record again).
std::vector<std::string_view> MenuFor(const access::Actor& actor) {
  using access::Action;
  using access::RecordFacts;
  const RecordFacts ours{.organisation_id = actor.organisation_id};
  const RecordFacts sent_to_us{.other_organisation_id = actor.organisation_id};
  const auto may = [&](Action action, const RecordFacts& facts) { return access::Authorise(actor, action, facts).has_value(); };
  const auto answers_advice = [&] {
    for (auto role : {domain::Role::kDesignatedSafeguardingLead, domain::Role::kDataProtectionOfficer,
                      domain::Role::kCaldicottGuardian, domain::Role::kSeniorLeader, domain::Role::kLegalAdviser}) {
      RecordFacts asked = ours;
      asked.adviser_role = role;
      if (may(Action::kAnswerAdvice, asked)) return true;
    }
    return false;
  };
  std::vector<std::string_view> menu{"home"};
  if (may(Action::kRecordCasework, ours)) menu.push_back("concerns");
  if (may(Action::kReceiveDisclosure, sent_to_us) || access::ListScope(actor, Action::kViewDisclosure).has_value())
    menu.push_back("inbox");
  if (may(Action::kRequestInformation, ours) || may(Action::kAnswerInformationRequest, sent_to_us)) menu.push_back("requests");
  if (may(Action::kAskAdvice, ours) || answers_advice()) menu.push_back("advice");
  // Senior leaders and DPOs keep the registers of agreements and DPIAs
  // (docs/governance.md); anyone else reaches an agreement from the advice.
  if (access::Authorise(actor, Action::kRecordAgreement, actor.organisation_id)) menu.push_back("governance");
  // Senior leaders, DPOs and Caldicott guardians oversee the sharing.
  if (may(Action::kViewOversight, ours)) menu.push_back("oversight");
  // Retention, legal holds and erasure (docs/retention.md) are the DPO's.
  if (access::Authorise(actor, Action::kManageRetention, actor.organisation_id)) menu.push_back("retention");
  // The DPO's workspace: subject access requests and recalls to assess (docs/rights.md).
  if (access::Authorise(actor, Action::kSubjectAccess, actor.organisation_id)) menu.push_back("dpo");
  return menu;
}

}  // namespace

Response Site::Page(const Visit& v, PageSpec spec, int status) const {
  spec.menu = MenuFor(v.context.actor);
  spec.user_name = v.who.practitioner.display_name;
  spec.organisation_name = v.organisation_name;
  spec.csrf_token = v.csrf_token;
  spec.idle_timeout_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(s.authentication.policy().idle_timeout).count();
  spec.exit_url = "/exit";  // ends the session on the way to web.exit_url
  return Html(status, RenderPage(spec));
}

Response Site::Failure(const Visit& v, const Error& error) const {
  switch (error.code) {
    case ErrorCode::kNotFound:
      // The same page whether it does not exist or is not shared with the
      // visitor: the difference would itself say something.
      return Page(v, {.title = "Page not found",
                      .body_html = "<h1 class=\"govuk-heading-l\">Page not found</h1><p class=\"govuk-body\">"
                                   "There is nothing here, or it has not been shared with you.</p><p class=\"govuk-body\">" +
                                   Link("Go to what needs you", "/") + "</p>"},
                  404);
    case ErrorCode::kPermissionDenied:
      if (error.field == "restriction")
        // A restriction of processing (UK GDPR Article 18): not the
        // visitor's role, so not "ask your DSL" but who can lift it.
        return Page(v, {.title = "These records are restricted",
                        .body_html = "<h1 class=\"govuk-heading-l\">These records are restricted</h1><p class=\"govuk-body\">" +
                                     Escape(error.message) + "</p><p class=\"govuk-body\">" +
                                     Link("Go to what needs you", "/") + "</p>"},
                    403);
      return Page(v, {.title = "You cannot do this",
                      .body_html = "<h1 class=\"govuk-heading-l\">You cannot do this</h1><p class=\"govuk-body\">" +
                                   Escape(error.message) +
                                   "</p><p class=\"govuk-body\">Your role does not include this. Ask your designated "
                                   "safeguarding lead if you think it should.</p>"},
                  403);
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kFailedPrecondition:
      return Page(v, {.title = "There is a problem",
                      .body_html = "<h1 class=\"govuk-heading-l\">There is a problem</h1><p class=\"govuk-body\">" +
                                   Escape(error.message) + "</p><p class=\"govuk-body\">Go back and check your answers.</p>"},
                  400);
    default:
      log::Error("web.failure", {{"request_id", v.request.request_id}, {"error", error.message}});
      return Page(v, {.title = "Sorry, there is a problem",
                      .body_html = "<h1 class=\"govuk-heading-l\">Sorry, there is a problem with the service</h1>"
                                   "<p class=\"govuk-body\">Nothing you entered was lost if you go back. Try again later.</p>"
                                   "<p class=\"govuk-body\">Reference: " + Escape(v.request.request_id) + "</p>"},
                  500);
  }
}

Response Site::Run(Request& req, bool is_post, const PageFn& fn) {
  const std::string token = api::TokenFrom(req);
  auto who = api::Authenticate(req, s.authentication);
  if (!who) {
    // A cookie that no longer works means the session ended while away.
    return Redirect(token.empty() ? "/sign-in" : "/sign-in?timed-out=1");
  }
  Visit v{req, *who, service::Context{who->actor, req.request_id}, access::FormToken(token), {}, {}};
  // Every {id} in a page's address is a well-formed id before a handler
  // sees it: handlers put it into links and Location headers. Any other
  // text names no record, so the page is "not found" without a look-up.
  for (const auto& [name, value] : req.path_params)
    if (name == "id" && !IsWellFormedId(value))
      return Failure(v, Error{ErrorCode::kNotFound, "There is no such record.", {}});
  if (auto org = s.administration.GetOrganisation(v.context, who->practitioner.organisation_id)) v.organisation_name = org->name;
  // After an administrator reset their password, every page but choosing
  // a new one (and signing out) leads there; the service refuses the rest
  // anyway (the session has no role until then).
  if (who->practitioner.must_change_password && req.path != "/account/password" && req.path != "/sign-out")
    return Redirect("/account/password");
  if (is_post) {
    // A file is at most what the service keeps; the body limit bounds the rest.
    auto submitted = ReadSubmission(req, {.max_file_bytes = s.recording.policy().max_bytes});
    if (!submitted)
      return Page(v, {.title = "There is a problem",
                      .body_html = "<h1 class=\"govuk-heading-l\">There is a problem</h1><p class=\"govuk-body\">" +
                                   Escape(submitted.error().message) +
                                   "</p><p class=\"govuk-body\">Nothing was saved. Go back and try again.</p>"},
                  400);
    v.form = std::move(submitted->form);
    v.files = std::move(submitted->files);
    if (!access::FormTokenMatches(token, v.form.Get("csrf_token")))
      return Page(v, {.title = "This form has expired",
                      .body_html = "<h1 class=\"govuk-heading-l\">This form has expired</h1><p class=\"govuk-body\">"
                                   "Nothing was saved. Go back, refresh the page and try again.</p>"},
                  403);
  }
  return fn(v);
}

void Site::Get(std::string pattern, PageFn fn) {
  router_.Add("GET", std::move(pattern), [this, fn = std::move(fn)](Request& req) { return Run(req, false, fn); });
}

void Site::Post(std::string pattern, PageFn fn) {
  router_.Add("POST", std::move(pattern), [this, fn = std::move(fn)](Request& req) { return Run(req, true, fn); });
}

Status AddWebRoutes(Router& router, WebServices services, WebOptions options) {
  auto assets = JIGSAW_TRY(LoadAssets(options.static_dir));
  // The page handlers hold the site by reference; the fallback below owns
  // it, so it lives as long as the router.
  auto site = std::make_shared<Site>(router, services, std::move(options));
  AddSignInPages(*site);
  AddAccountPages(*site);
  AddStaffPages(*site);
  AddHomePages(*site);
  AddConcernPages(*site);
  AddSharePages(*site);
  AddInboxPages(*site);
  AddTriagePages(*site);
  AddCasePages(*site);
  AddRequestPages(*site);
  AddPartnershipPages(*site);
  AddRecordingPages(*site);
  JIGSAW_RETURN_IF_ERROR(AddGuidancePages(*site));
  router.SetFallback([site, assets = std::move(assets)](Request& req) {
    if (req.method == "GET" || req.method == "HEAD") {
      if (auto it = assets.find(std::string(req.path)); it != assets.end()) {
        req.route = it->first;  // a file of ours, never personal data
        Response r;
        r.content_type = it->second.content_type;
        r.body = it->second.body;
        r.With("Cache-Control", "public, max-age=3600");
        return r;
      }
    }
    if (req.path.starts_with("/api/")) return ErrorResponse(req, 404, "not_found", "There is nothing at this address.");
    return site->PublicPage({.title = "Page not found",
                             .body_html = "<h1 class=\"govuk-heading-l\">Page not found</h1><p class=\"govuk-body\">"
                                          "If you typed the web address, check it is correct.</p><p class=\"govuk-body\">" +
                                          Link("Go to Jigsaw's start page", "/") + "</p>"},
                            404);
  });
  return Ok();
}

}  // namespace jigsaw::http::web
