#include "http/web/html.h"

#include "redaction/redactor.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <tuple>

#include "domain/working_days.h"

namespace jigsaw::http::web {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                      "July",    "August",   "September", "October", "November", "December"};

std::string Attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + Escape(value) + "\"";
}

// The id of a field's n-th control: the first is the field's name, so that
// the error summary's link lands on it.
std::string ItemId(std::string_view name, std::size_t i) {
  return i == 0 ? std::string(name) : std::string(name) + "-" + std::to_string(i + 1);
}

std::string HintAndError(const Question& q, std::string& described_by) {
  std::string out;
  if (!q.hint.empty()) {
    out += "<div id=\"" + Escape(q.name) + "-hint\" class=\"govuk-hint\">" + Escape(q.hint) + "</div>";
    described_by += q.name + "-hint ";
  }
  if (!q.error.empty()) {
    out += "<p id=\"" + Escape(q.name) + "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> " +
           Escape(q.error) + "</p>";
    described_by += q.name + "-error ";
  }
  if (!described_by.empty()) described_by.pop_back();
  return out;
}

std::string GroupStart(const Question& q) {
  return std::string("<div class=\"govuk-form-group") + (q.error.empty() ? "" : " govuk-form-group--error") + "\">";
}

std::string LabelOf(const Question& q, std::string_view for_id) {
  const std::string label = "<label class=\"govuk-label" + std::string(q.as_heading ? " govuk-label--l" : " govuk-label--s") +
                            "\" for=\"" + Escape(for_id) + "\">" + Escape(q.label) + "</label>";
  return q.as_heading ? "<h1 class=\"govuk-label-wrapper\">" + label + "</h1>" : label;
}

std::string Legend(const Question& q) {
  if (q.as_heading)
    return "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">" +
           Escape(q.label) + "</h1></legend>";
  return "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">" + Escape(q.label) + "</legend>";
}

std::string Choices(std::string_view kind, const Question& q, const std::vector<Option>& options,
                    const std::vector<std::string>& selected, bool inline_layout) {
  std::string described_by;
  const std::string hint = HintAndError(q, described_by);
  std::string out = GroupStart(q) + "<fieldset class=\"govuk-fieldset\"" +
                    (described_by.empty() ? "" : Attr("aria-describedby", described_by)) + ">" + Legend(q) + hint;
  // The Design System's class names: govuk-radios__item, govuk-checkboxes__item...
  const std::string type(kind);
  const std::string block = kind == "radio" ? "govuk-radios" : "govuk-checkboxes";
  out += "<div class=\"" + block + (inline_layout ? " " + block + "--inline" : "") + "\" data-module=\"" + block + "\">";
  for (std::size_t i = 0; i < options.size(); ++i) {
    const Option& o = options[i];
    if (o.divider_before) out += "<div class=\"" + block + "__divider\">or</div>";
    const std::string id = ItemId(q.name, i);
    bool on = false;
    for (const auto& s : selected) on = on || s == o.value;
    out += "<div class=\"" + block + "__item\"><input class=\"" + block + "__input\"" + Attr("id", id) + Attr("name", q.name) +
           Attr("type", type) + Attr("value", o.value) + (on ? " checked" : "") +
           (o.hint.empty() ? "" : Attr("aria-describedby", id + "-item-hint")) + ">";
    out += "<label class=\"govuk-label " + block + "__label\"" + Attr("for", id) + ">" + Escape(o.label) + "</label>";
    if (!o.hint.empty())
      out += "<div" + Attr("id", id + "-item-hint") + " class=\"govuk-hint " + block + "__hint\">" + Escape(o.hint) + "</div>";
    out += "</div>";
  }
  return out + "</div></fieldset></div>";
}

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string DisplayDate(Time t) {
  const auto local = t + domain::WorkingCalendar::UkOffset(t);
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(local)};
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]) + " " + std::to_string(static_cast<int>(ymd.year()));
}

std::string DisplayTime(Time t) {
  if (t == Time{}) return "";
  const auto local = t + domain::WorkingCalendar::UkOffset(t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::minutes>(local - day)};
  const int hour = static_cast<int>(hms.hours().count());
  const int minute = static_cast<int>(hms.minutes().count());
  char clock[16];
  std::snprintf(clock, sizeof clock, "%d:%02d%s", hour % 12 == 0 ? 12 : hour % 12, minute, hour < 12 ? "am" : "pm");
  return DisplayDate(t) + " at " + clock;
}

std::string AddressHtml(std::string_view address, std::string_view postcode) {
  return Escape(address) + (address.empty() || postcode.empty() ? "" : "<br>") + Escape(postcode);
}

std::string DisplayIsoDate(std::string_view iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(std::string(iso).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return std::string(iso);
  return std::to_string(d) + " " + std::string(kMonths[m - 1]) + " " + std::to_string(y);
}

std::string ErrorFor(const Errors& errors, std::string_view field) {
  for (const auto& e : errors)
    if (e.field == field) return e.message;
  return {};
}

std::string ErrorSummary(const Errors& errors) {
  if (errors.empty()) return {};
  std::string out =
      "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
      "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">"
      "<ul class=\"govuk-list govuk-error-summary__list\">";
  for (const auto& e : errors) out += "<li><a href=\"#" + Escape(e.field) + "\">" + Escape(e.message) + "</a></li>";
  return out + "</ul></div></div></div>";
}

std::string TextInput(const Question& q, std::string_view value, std::string_view extra_classes,
                      std::string_view type, std::string_view autocomplete) {
  std::string described_by;
  const std::string hint = HintAndError(q, described_by);
  std::string out = GroupStart(q) + LabelOf(q, q.name) + hint;
  out += "<input class=\"govuk-input" + std::string(q.error.empty() ? "" : " govuk-input--error") +
         (extra_classes.empty() ? "" : " " + std::string(extra_classes)) + "\"" + Attr("id", q.name) + Attr("name", q.name) +
         Attr("type", type) + Attr("value", value) + (described_by.empty() ? "" : Attr("aria-describedby", described_by)) +
         (autocomplete.empty() ? "" : Attr("autocomplete", autocomplete)) + " spellcheck=\"false\">";
  return out + "</div>";
}

std::string Textarea(const Question& q, std::string_view value, int rows) {
  std::string described_by;
  const std::string hint = HintAndError(q, described_by);
  return GroupStart(q) + LabelOf(q, q.name) + hint + "<textarea class=\"govuk-textarea" +
         (q.error.empty() ? "" : " govuk-textarea--error") + "\"" + Attr("id", q.name) + Attr("name", q.name) +
         Attr("rows", std::to_string(rows)) + (described_by.empty() ? "" : Attr("aria-describedby", described_by)) + ">" +
         Escape(value) + "</textarea></div>";
}

std::string Radios(const Question& q, const std::vector<Option>& options, std::string_view selected, bool inline_layout) {
  return Choices("radio", q, options, {std::string(selected)}, inline_layout);
}

std::string Checkboxes(const Question& q, const std::vector<Option>& options, const std::vector<std::string>& selected) {
  return Choices("checkbox", q, options, selected, false);
}

std::string Select(const Question& q, const std::vector<Option>& options, std::string_view selected) {
  std::string described_by;
  const std::string hint = HintAndError(q, described_by);
  std::string out = GroupStart(q) + LabelOf(q, q.name) + hint + "<select class=\"govuk-select" +
                    (q.error.empty() ? "" : " govuk-select--error") + "\"" + Attr("id", q.name) + Attr("name", q.name) +
                    (described_by.empty() ? "" : Attr("aria-describedby", described_by)) + ">";
  for (const auto& o : options)
    out += "<option" + Attr("value", o.value) + (o.value == selected ? " selected" : "") + ">" + Escape(o.label) + "</option>";
  return out + "</select></div>";
}

std::string DateInput(const Question& q, std::string_view day, std::string_view month, std::string_view year) {
  std::string described_by;
  const std::string hint = HintAndError(q, described_by);
  std::string out = GroupStart(q) + "<fieldset class=\"govuk-fieldset\" role=\"group\"" +
                    (described_by.empty() ? "" : Attr("aria-describedby", described_by)) + ">" + Legend(q) + hint +
                    "<div class=\"govuk-date-input\"" + Attr("id", q.name) + ">";
  const std::string error_class = q.error.empty() ? "" : " govuk-input--error";
  auto part = [&](std::string_view part_name, std::string_view label, std::string_view value, std::string_view width) {
    const std::string id = q.name + "-" + std::string(part_name);
    out += "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"" +
           Escape(id) + "\">" + std::string(label) + "</label><input class=\"govuk-input govuk-date-input__input " +
           std::string(width) + error_class + "\"" + Attr("id", id) + Attr("name", id) + " type=\"text\" inputmode=\"numeric\"" +
           Attr("value", value) + "></div></div>";
  };
  part("day", "Day", day, "govuk-input--width-2");
  part("month", "Month", month, "govuk-input--width-2");
  part("year", "Year", year, "govuk-input--width-4");
  return out + "</div></fieldset></div>";
}

std::string TimeInput(const Question& q, std::string_view hour, std::string_view minute) {
  std::string described_by;
  const std::string hint = HintAndError(q, described_by);
  std::string out = GroupStart(q) + "<fieldset class=\"govuk-fieldset\" role=\"group\"" +
                    (described_by.empty() ? "" : Attr("aria-describedby", described_by)) + ">" + Legend(q) + hint +
                    "<div class=\"govuk-date-input\"" + Attr("id", q.name) + ">";
  const std::string error_class = q.error.empty() ? "" : " govuk-input--error";
  for (const auto& [part, label, value] : {std::tuple{"hour", "Hour", hour}, {"minute", "Minute", minute}}) {
    const std::string id = q.name + "-" + part;
    out += "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\"" +
           Attr("for", id) + ">" + label + "</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-2" +
           error_class + "\"" + Attr("id", id) + Attr("name", id) + " type=\"text\" inputmode=\"numeric\"" + Attr("value", value) +
           "></div></div>";
  }
  return out + "</div></fieldset></div>";
}

std::string FileUpload(const Question& q) {
  std::string described_by;
  const std::string hint = HintAndError(q, described_by);
  return GroupStart(q) + LabelOf(q, q.name) + hint + "<input class=\"govuk-file-upload" +
         (q.error.empty() ? "" : " govuk-file-upload--error") + "\"" + Attr("id", q.name) + Attr("name", q.name) +
         " type=\"file\"" + (described_by.empty() ? "" : Attr("aria-describedby", described_by)) + "></div>";
}

std::string Button(std::string_view text, bool secondary, std::string_view name, std::string_view value) {
  return "<button type=\"submit\" class=\"govuk-button" + std::string(secondary ? " govuk-button--secondary" : "") + "\"" +
         (name.empty() ? "" : Attr("name", name) + Attr("value", value)) + " data-module=\"govuk-button\">" + Escape(text) +
         "</button>";
}

std::string ButtonLink(std::string_view text, std::string_view href, bool secondary) {
  return "<a" + Attr("href", href) + " role=\"button\" draggable=\"false\" class=\"govuk-button" +
         std::string(secondary ? " govuk-button--secondary" : "") + "\" data-module=\"govuk-button\">" + Escape(text) + "</a>";
}

std::string Link(std::string_view text, std::string_view href, std::string_view visually_hidden) {
  return "<a class=\"govuk-link\"" + Attr("href", href) + ">" + Escape(text) +
         (visually_hidden.empty() ? "" : "<span class=\"govuk-visually-hidden\"> " + Escape(visually_hidden) + "</span>") + "</a>";
}

std::string BackLink(std::string_view href) { return "<a" + Attr("href", href) + " class=\"govuk-back-link\">Back</a>"; }

std::string SummaryList(const std::vector<SummaryRow>& rows) {
  std::string out = "<dl class=\"govuk-summary-list\">";
  for (const auto& r : rows) {
    out += std::string("<div class=\"govuk-summary-list__row") + (r.change_href.empty() ? " govuk-summary-list__row--no-actions" : "") +
           "\"><dt class=\"govuk-summary-list__key\">" + Escape(r.key) + "</dt><dd class=\"govuk-summary-list__value\">" +
           r.value_html + "</dd>";
    if (!r.change_href.empty())
      out += "<dd class=\"govuk-summary-list__actions\">" + Link("Change", r.change_href, r.change_label.empty() ? r.key : r.change_label) +
             "</dd>";
    out += "</div>";
  }
  return out + "</dl>";
}

std::string Table(std::string_view caption, const std::vector<std::string>& heads,
                  const std::vector<std::vector<std::string>>& rows_html) {
  std::string label(caption);
  for (const auto& h : heads)
    if (caption.empty() && !h.empty()) label += (label.empty() ? "" : ", ") + h;
  std::string out = "<div class=\"jigsaw-table-scroll\" role=\"region\" tabindex=\"0\"" + Attr("aria-label", label) +
                    "><table class=\"govuk-table\">";
  if (!caption.empty()) out += "<caption class=\"govuk-table__caption govuk-table__caption--m\">" + Escape(caption) + "</caption>";
  out += "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (const auto& h : heads) out += "<th scope=\"col\" class=\"govuk-table__header\">" + Escape(h) + "</th>";
  out += "</tr></thead><tbody class=\"govuk-table__body\">";
  for (const auto& row : rows_html) {
    out += "<tr class=\"govuk-table__row\">";
    for (const auto& cell : row) out += "<td class=\"govuk-table__cell\">" + cell + "</td>";
    out += "</tr>";
  }
  return out + "</tbody></table></div>";
}

std::string Tag(std::string_view text, Colour colour) {
  static constexpr std::array<std::string_view, 7> kClasses = {"govuk-tag--grey",  "",                 "govuk-tag--green", "govuk-tag--red",
                                                               "govuk-tag--yellow", "govuk-tag--orange", "govuk-tag--purple"};
  const std::string_view extra = kClasses[static_cast<std::size_t>(colour)];
  return "<strong class=\"govuk-tag" + (extra.empty() ? std::string() : " " + std::string(extra)) + "\">" + Escape(text) + "</strong>";
}

std::string Panel(std::string_view title, std::string_view body_html) {
  return "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">" + Escape(title) +
         "</h1><div class=\"govuk-panel__body\">" + std::string(body_html) + "</div></div>";
}

std::string Inset(std::string_view body_html) { return "<div class=\"govuk-inset-text\">" + std::string(body_html) + "</div>"; }

std::string MarkWithheld(std::string html) {
  for (std::string_view mark : {redaction::kNameWithheld, redaction::kDetailWithheld}) {
    const std::string escaped = Escape(mark);
    const std::string tagged = "<mark class=\"jigsaw-redacted\">" + escaped + "</mark>";
    for (std::size_t at = html.find(escaped); at != std::string::npos; at = html.find(escaped, at + tagged.size()))
      html.replace(at, escaped.size(), tagged);
  }
  return html;
}

std::string Warning(std::string_view text) {
  return "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
         "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>" +
         Escape(text) + "</strong></div>";
}

std::string NotificationBanner(std::string_view title, std::string_view body_html, bool success) {
  return std::string("<div class=\"govuk-notification-banner") + (success ? " govuk-notification-banner--success" : "") +
         "\" role=\"" + (success ? "alert" : "region") +
         "\" aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">"
         "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">" +
         Escape(title) + "</h2></div><div class=\"govuk-notification-banner__content\">" + std::string(body_html) + "</div></div>";
}

std::string Details(std::string_view summary, std::string_view body_html) {
  return "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">" +
         Escape(summary) + "</span></summary><div class=\"govuk-details__text\">" + std::string(body_html) + "</div></details>";
}

std::string_view WithoutOuterQuotes(std::string_view words) {
  struct Pair {
    std::string_view open, close;
  };
  static constexpr Pair kPairs[] = {{"\"", "\""}, {"'", "'"}, {"\u201C", "\u201D"}, {"\u2018", "\u2019"}, {"\u00AB", "\u00BB"}};
  for (const Pair& p : kPairs) {
    if (words.size() < p.open.size() + p.close.size() + 1 || !words.starts_with(p.open) || !words.ends_with(p.close))
      continue;
    // "Stop" and "go" is two quotations, not one.
    const std::string_view inner = words.substr(p.open.size(), words.size() - p.open.size() - p.close.size());
    if (inner.find(p.open) == std::string_view::npos && inner.find(p.close) == std::string_view::npos) return inner;
  }
  return words;
}

std::string Paragraphs(std::string_view text) {
  std::string out = "<p class=\"govuk-body jigsaw-prose\">";
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += Escape(line);
    if (nl == std::string_view::npos) break;
    out += "<br>";
    start = nl + 1;
  }
  return out + "</p>";
}

std::string FormStart(std::string_view action, std::string_view csrf_token) {
  return "<form method=\"post\"" + Attr("action", action) + " novalidate>" + HiddenInput("csrf_token", csrf_token);
}

std::string UploadFormStart(std::string_view action, std::string_view csrf_token) {
  return "<form method=\"post\" enctype=\"multipart/form-data\"" + Attr("action", action) + " novalidate>" +
         HiddenInput("csrf_token", csrf_token);
}

std::string HiddenInput(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\"" + Attr("name", name) + Attr("value", value) + ">";
}

std::string RenderPage(const PageSpec& p) {
  const bool signed_in = !p.user_name.empty();
  std::string out =
      "<!DOCTYPE html><html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\"><title>" +
      std::string(p.has_errors ? "Error: " : "") + Escape(p.title) +
      " - Jigsaw</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">"
      "<meta name=\"theme-color\" content=\"#1d70b8\"><meta name=\"robots\" content=\"noindex, nofollow\">"
      "<link rel=\"icon\" sizes=\"48x48\" href=\"/assets/images/favicon.ico\">"
      "<link rel=\"icon\" sizes=\"any\" href=\"/assets/images/favicon.svg\" type=\"image/svg+xml\">"
      "<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css\"><link rel=\"stylesheet\" href=\"/assets/jigsaw.css\">"
      "<script type=\"module\" src=\"/assets/jigsaw.js\"></script></head>"
      "<body class=\"govuk-template__body\"";
  if (signed_in && p.idle_timeout_seconds > 0) out += Attr("data-idle-timeout", std::to_string(p.idle_timeout_seconds));
  out += "><a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>"
         "<header class=\"govuk-template__header\"><div class=\"govuk-generic-header\"><div class=\"govuk-generic-header__container govuk-width-container\">"
         "<div class=\"govuk-generic-header__logo\"><a href=\"/\" class=\"govuk-generic-header__homepage-link\">Jigsaw</a></div></div></div>"
         "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">"
         "<div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">"
         "<span class=\"govuk-service-navigation__service-name\"><span class=\"govuk-service-navigation__text\">Safeguarding information sharing</span></span>";
  if (signed_in) {
    struct Nav {
      std::string_view key, text, href;
    };
    static constexpr std::array<Nav, 9> kNav = {{{"home", "What needs you", "/"},
                                                 {"concerns", "Record a concern", "/concerns/new"},
                                                 {"inbox", "Shared with us", "/inbox"},
                                                 {"requests", "Information requests", "/information-requests"},
                                                 {"advice", "Advice", "/advice"},
                                                 {"governance", "Agreements and DPIAs", "/agreements"},
                                                 {"oversight", "Oversight", "/oversight"},
                                                 {"retention", "Keeping records", "/retention"},
                                                 {"dpo", "Data protection", "/dpo"}}};
    out += "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">"
           "<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden aria-hidden=\"true\">Menu</button>"
           "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">";
    for (const auto& n : kNav) {
      if (std::find(p.menu.begin(), p.menu.end(), n.key) == p.menu.end()) continue;
      const bool active = n.key == p.active_nav;
      out += std::string("<li class=\"govuk-service-navigation__item") + (active ? " govuk-service-navigation__item--active" : "") +
             "\"><a class=\"govuk-service-navigation__link\" href=\"" + std::string(n.href) + "\"" +
             (active ? " aria-current=\"page\"" : "") + ">" +
             (active ? "<strong class=\"govuk-service-navigation__active-fallback\">" + std::string(n.text) + "</strong>" : std::string(n.text)) +
             "</a></li>";
    }
    out += "</ul></nav>";
  }
  out += "</div></div></section></header><div class=\"govuk-width-container\">";
  out += "<div class=\"govuk-exit-this-page\" data-module=\"govuk-exit-this-page\"><a" + Attr("href", p.exit_url) +
         " role=\"button\" draggable=\"false\" class=\"govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button\" "
         "data-module=\"govuk-button\" rel=\"nofollow noreferrer\"><span class=\"govuk-visually-hidden\">Emergency</span> Exit this page</a></div>";
  if (signed_in) {
    out += "<div class=\"jigsaw-account\"><p class=\"govuk-body-s jigsaw-account__who\">Signed in as " + Escape(p.user_name) + ", " +
           Escape(p.organisation_name) + "</p><p class=\"govuk-body-s jigsaw-account__who\"><a class=\"govuk-link\" href=\"/account\">Your sign-in</a></p>" +
           FormStart("/sign-out", p.csrf_token) +
           "<button type=\"submit\" class=\"govuk-button govuk-button--secondary jigsaw-account__sign-out\" data-module=\"govuk-button\">Sign out</button></form></div>";
    out += "<div class=\"jigsaw-timeout\" id=\"session-timeout\" hidden></div>";
  }
  if (!p.back_href.empty()) out += BackLink(p.back_href);
  out += "<main class=\"govuk-main-wrapper\" id=\"main-content\"><div class=\"govuk-grid-row\"><div class=\"" +
         std::string(p.wide ? "govuk-grid-column-full" : "govuk-grid-column-two-thirds") + "\">" + p.body_html +
         "</div></div></main></div>";
  out += "<footer class=\"govuk-footer\"><div class=\"govuk-width-container\"><div class=\"govuk-footer__meta\">"
         "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\"><h2 class=\"govuk-visually-hidden\">Support links</h2>"
         "<ul class=\"govuk-footer__inline-list\"><li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" href=\"/guidance\">"
         "Information sharing advice for practitioners (May 2024)</a></li><li class=\"govuk-footer__inline-list-item\">"
         "<a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility</a></li><li class=\"govuk-footer__inline-list-item\">"
         "<a class=\"govuk-footer__link\" href=\"/privacy\">Privacy information</a></li></ul>"
         "<span class=\"govuk-footer__licence-description\">Jigsaw advises and records; a practitioner always decides. "
         "The advice quoted is Crown copyright, under the Open Government Licence v3.0.</span></div></div></div></footer></body></html>";
  return out;
}

}  // namespace jigsaw::http::web
