// HTML for the pages: escaping, and the GOV.UK Design System components
// the pages use, written out as the Design System's own markup so that
// govuk-frontend's CSS and JavaScript apply unchanged. Every function that
// takes text escapes it; only parameters named *_html are trusted markup,
// and those are always built by these functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"

namespace jigsaw::http::web {

// Escapes & < > " ' for text and attribute values.
std::string Escape(std::string_view text);

// "25 November 2026 at 2:30pm", UK local time.
std::string DisplayTime(Time t);
// "25 November 2026", UK local date.
std::string DisplayDate(Time t);
// "2026-11-25" -> "25 November 2026" (as given if it is not such a date).
std::string DisplayIsoDate(std::string_view iso);
// An address and postcode as escaped HTML, on two lines when both are given.
std::string AddressHtml(std::string_view address, std::string_view postcode);

struct FieldError {
  std::string field;  // the form field's name (its id is the same)
  std::string message;
};
using Errors = std::vector<FieldError>;
// The message for a field, or empty.
std::string ErrorFor(const Errors& errors, std::string_view field);

std::string ErrorSummary(const Errors& errors);

struct Option {
  std::string value;
  std::string label;
  std::string hint;
  bool divider_before = false;  // GOV.UK "or" divider
};

// How a question is asked: a page of one question uses its label or legend
// as the page heading (GOV.UK pattern).
struct Question {
  std::string name;
  std::string label;
  std::string hint;
  bool as_heading = false;
  std::string error;
};

std::string TextInput(const Question& q, std::string_view value, std::string_view extra_classes = {},
                      std::string_view type = "text", std::string_view autocomplete = {});
std::string Textarea(const Question& q, std::string_view value, int rows = 5);
std::string Radios(const Question& q, const std::vector<Option>& options, std::string_view selected,
                   bool inline_layout = false);
std::string Checkboxes(const Question& q, const std::vector<Option>& options,
                       const std::vector<std::string>& selected);
std::string Select(const Question& q, const std::vector<Option>& options, std::string_view selected);
// Three fields, NAME-day, NAME-month, NAME-year.
std::string DateInput(const Question& q, std::string_view day, std::string_view month, std::string_view year);
// A time as two fields in the date input's style, NAME-hour and NAME-minute
// (24-hour clock).
std::string TimeInput(const Question& q, std::string_view hour, std::string_view minute);
// The GOV.UK file upload: one file, named NAME.
std::string FileUpload(const Question& q);

std::string Button(std::string_view text, bool secondary = false, std::string_view name = {},
                   std::string_view value = {});
std::string ButtonLink(std::string_view text, std::string_view href, bool secondary = false);
std::string Link(std::string_view text, std::string_view href, std::string_view visually_hidden = {});
std::string BackLink(std::string_view href);

struct SummaryRow {
  std::string key;
  std::string value_html;
  std::string change_href;  // empty: no "Change" link
  std::string change_label;  // visually hidden: "Change <this>"
};
std::string SummaryList(const std::vector<SummaryRow>& rows);

// A GOV.UK table in a region that scrolls on its own when the table is
// wider than the screen (375 px phones; WCAG 1.4.10 lets a data table
// scroll), focusable so that it scrolls from the keyboard too, and named by
// its caption or, without one, by its column headings.
std::string Table(std::string_view caption, const std::vector<std::string>& heads,
                  const std::vector<std::vector<std::string>>& rows_html);

enum class Colour { kGrey, kBlue, kGreen, kRed, kYellow, kOrange, kPurple };
std::string Tag(std::string_view text, Colour colour = Colour::kBlue);

std::string Panel(std::string_view title, std::string_view body_html);
std::string Inset(std::string_view body_html);
std::string Warning(std::string_view text);
std::string NotificationBanner(std::string_view title, std::string_view body_html, bool success = false);
std::string Details(std::string_view summary, std::string_view body_html);

// Escaped HTML with each withheld detail ("[name withheld]") marked as
// such, so that a reader sees what was taken out and why.
std::string MarkWithheld(std::string html);

// Paragraph text with line breaks kept.
std::string Paragraphs(std::string_view text);

// Someone's own words, shown in quotation marks (<q>): one pair of marks
// the writer typed around them is dropped, so they are not shown twice.
std::string_view WithoutOuterQuotes(std::string_view words);

// A form that changes something: POST, with the CSRF token.
std::string FormStart(std::string_view action, std::string_view csrf_token);
// The same for a form that sends a file (multipart/form-data).
std::string UploadFormStart(std::string_view action, std::string_view csrf_token);

std::string HiddenInput(std::string_view name, std::string_view value);

// The whole page: GOV.UK template, header with the service name and
// navigation, "Exit this page", the session-timeout data for the script,
// and the footer. `title` must hold no personal data; "Error: " is added
// when there are errors.
struct PageSpec {
  std::string title;
  std::string body_html;
  std::string back_href;
  bool has_errors = false;
  // Signed in: who (display name and organisation) for the header, and
  // the sign-out form's token.
  std::string user_name;
  std::string organisation_name;
  std::string csrf_token;
  long idle_timeout_seconds = 0;
  std::string active_nav;  // "home", "concerns", "inbox", "requests", "advice", "governance", "oversight", "retention", "dpo"
  // The menu items (keys as active_nav) the visitor's roles may use: a
  // menu item that only refuses is noise on a busy person's screen.
  std::vector<std::string_view> menu;
  std::string exit_url;
  bool wide = false;  // two-thirds column unless wide
};
std::string RenderPage(const PageSpec& page);

}  // namespace jigsaw::http::web
