// What the page handlers share (internal to http/web): the signed-in visit,
// the route helpers that check the session and the form token, and the
// responses every page uses. Each area's pages live in a file of their own
// and are added by its Add*Pages function.
#pragma once

#include <functional>
#include <string>

#include "common/result.h"
#include "http/router.h"
#include "http/web/forms.h"
#include "http/web/html.h"
#include "http/web/multipart.h"
#include "http/web/web.h"
#include "service/casework.h"
#include "service/context.h"
#include "service/overview.h"
#include "service/recipient_view.h"

namespace jigsaw::http::web {

// "Is any of it sensitive?" for one piece of information, asked the same
// wherever information is recorded: its options, and the answers applied.
std::vector<Option> SensitivityOptions();
void ApplySensitivity(const std::vector<std::string>& answers, service::NewItem& item);

// One signed-in page request.
struct Visit {
  Request& request;
  const service::Authenticated& who;
  service::Context context;
  std::string csrf_token;
  std::string organisation_name;
  Form form;  // the submitted form, for POST
  std::vector<UploadedFile> files;  // a multipart form's files (one at most)
};

class Site {
 public:
  Site(Router& router, WebServices services, WebOptions options)
      : s(services), router_(router), options_(std::move(options)) {}

  using PageFn = std::function<Response(Visit&)>;
  // A page for a signed-in practitioner; anyone else is sent to sign in.
  void Get(std::string pattern, PageFn fn);
  // A form post: also checks the form token (403 page if it is wrong).
  void Post(std::string pattern, PageFn fn);

  // The full page, with the header for the visitor.
  Response Page(const Visit& visit, PageSpec spec, int status = 200) const;
  // The page for a failure the visitor should see: not found (also for
  // "not shared with you"), not allowed, or something that went wrong.
  Response Failure(const Visit& visit, const Error& error) const;
  // A page without a signed-in visitor (sign in, not found, guidance).
  Response PublicPage(PageSpec spec, int status = 200) const;
  // The same, with a body of one's own (the sign-in pages' own responses).
  static Response HtmlPage(int status, std::string body);

  Router& router() { return router_; }
  const WebOptions& options() const { return options_; }

  WebServices s;

 private:
  Response Run(Request& request, bool is_post, const PageFn& fn);
  Router& router_;
  WebOptions options_;
};

// 303 See Other: after a form post, so refresh and Back do not post again.
// `location` must be a path on this site made of URL-safe characters (ids
// checked by Site, fixed words); anything else redirects to "/" and is
// logged as a bug.
Response Redirect(std::string location);
// True for such a path.
bool IsLocalAddress(std::string_view location);

// Service errors on a form: the field they name (a nested JSON field name
// such as "items[0].text" becomes `fallback_field` unless mapped).
Errors FieldErrors(const Error& error, std::string_view fallback_field = {});

// Signing in (password, then a code, a recovery code or enrolment; or a
// passkey) and out, and the session-timeout endpoints.
void AddSignInPages(Site& site);
// The signed-in person's sign-in settings, and an administrator's reset
// of a colleague's second factor.
void AddAccountPages(Site& site);
// The passkey ceremonies' JSON endpoints, for jigsaw.js: sign in with a
// passkey, and add one on the settings page.
void AddPasskeySignIn(Site& site);
void AddPasskeyRegistration(Site& site);
// The recovery codes, shown once, and a button on to `continue_href`.
std::string RecoveryCodesHtml(const std::vector<std::string>& codes, std::string_view continue_href);
void AddHomePages(Site& site);
// An administrator's list of their organisation's staff with the changes
// for leavers and movers, and the account proposals awaiting approval.
void AddStaffPages(Site& site);
void AddConcernPages(Site& site);
void AddSharePages(Site& site);
void AddInboxPages(Site& site);
// The recipient's triage (triage_pages.cpp): the received disclosures as
// the inbox shows them, sorted and filtered by the request's query; a
// disclosure's rating and allocation, with the DSL's forms; and the posts
// those forms make.
Result<std::string> ReceivedHtml(Site& site, Visit& visit);
Result<std::string> TriageHtml(Site& site, Visit& visit, const std::string& disclosure_id);
void AddTriagePages(Site& site);
// A DSL's case management (case_pages.cpp): the concern page's case
// section (empty for anyone but the organisation's DSL), the flags on a
// child's record, and the caseload, task and change pages.
Result<std::string> CaseHtml(Site& site, Visit& visit, const domain::Concern& concern);
Result<std::string> FlagsHtml(Site& site, Visit& visit, const std::string& child_id);
void AddCasePages(Site& site);
void AddRequestPages(Site& site);
// Who else knows a child (the partnership index), an organisation's choice
// to withhold its name, and alerts of children linked to the same risk.
void AddPartnershipPages(Site& site);
void AddRecordingPages(Site& site);
Status AddGuidancePages(Site& site);

}  // namespace jigsaw::http::web

namespace jigsaw::http::web {

// The address of the passage of the advice a reason cites (its `source`),
// on the /guidance page.
std::string GuidanceHref(std::string_view source);
// A disclosure's content as HTML, with each redaction marked: the same for
// the sharer's preview and the recipient.
std::string RecipientViewHtml(const service::RecipientView& view);
// A chronology event as the child's page shows it: what happened, and its detail.
std::string_view KindLabel(service::ChronologyKind kind);
std::string EntryDetail(const service::ChronologyEntry& entry);
}  // namespace jigsaw::http::web
