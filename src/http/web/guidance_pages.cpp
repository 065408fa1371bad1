// The advice itself, as a page whose sections and golden rules can be
// linked to from each reason the engine gives, and the accessibility
// statement. The advice's text (Crown copyright, Open Government Licence
// v3.0) ships with the assets.
#include <fstream>
#include <set>
#include <sstream>

#include "guidance/sources.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

std::string Slug(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// Bold (**...**) and italic (*...*) in the advice's text; links become
// their text (the originals point outside).
std::string Inline(std::string_view line) {
  std::string text;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '[') {
      const std::size_t close = line.find("](", i);
      const std::size_t end = close == std::string_view::npos ? close : line.find(')', close);
      if (end != std::string_view::npos) {
        text += line.substr(i + 1, close - i - 1);
        i = end;
        continue;
      }
    }
    text.push_back(line[i]);
  }
  std::string out = Escape(text);
  for (const auto& [mark, open, close] : {std::tuple{"**", "<strong>", "</strong>"}, std::tuple{"*", "<em>", "</em>"}}) {
    bool inside = false;
    std::string result;
    const std::string m = mark;
    for (std::size_t i = 0; i < out.size();) {
      if (out.compare(i, m.size(), m) == 0) {
        result += inside ? close : open;
        inside = !inside;
        i += m.size();
      } else {
        result.push_back(out[i++]);
      }
    }
    if (inside) result += close;
    out = result;
  }
  return out;
}

// Headings are the lines the contents list names; golden rules are the
// numbered items at the start.
std::string Render(const std::string& source) {
  std::vector<std::string> lines;
  std::istringstream in(source);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::set<std::string> headings;
  std::size_t body_start = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == "Contents") {
      std::size_t j = i + 1;
      for (; j < lines.size(); ++j) {
        if (lines[j].empty()) {
          if (j + 1 < lines.size() && !lines[j + 1].empty() && lines[j + 1].find('\t') == std::string::npos) break;
          continue;
        }
        const auto tab = lines[j].find('\t');
        headings.insert(tab == std::string::npos ? lines[j] : lines[j].substr(0, tab));
      }
      body_start = j;
      break;
    }
  }
  std::string out;
  bool in_list = false;
  int rule = 0;
  for (std::size_t i = body_start; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (line.starts_with("Department for Education") || line.starts_with("© Crown copyright")) break;
    const bool item = line.starts_with("- ") || (line.size() > 3 && std::isdigit(static_cast<unsigned char>(line[0])) && line[1] == '.' && line[2] == ' ');
    if (!item && in_list) {
      out += "</ul>";
      in_list = false;
    }
    if (line.empty()) continue;
    if (headings.contains(line) || line.starts_with("The Seven golden rules")) {
      const bool top = line.starts_with("Annex") || line.starts_with("Introduction") || line.starts_with("The Seven") ||
                       line.starts_with("Effective Information Sharing");
      out += std::string(top ? "<h2 class=\"govuk-heading-l\"" : "<h3 class=\"govuk-heading-m\"") + " id=\"" + Slug(line) + "\">" +
             Escape(line) + (top ? "</h2>" : "</h3>");
      continue;
    }
    if (item) {
      if (!in_list) {
        out += "<ul class=\"govuk-list govuk-list--bullet\">";
        in_list = true;
      }
      std::string text = line.starts_with("- ") ? line.substr(2) : line;
      std::string id;
      if (rule < 7 && text.size() > 2 && std::isdigit(static_cast<unsigned char>(text[0])) && text[1] == '.') {
        ++rule;
        id = " id=\"rule-" + std::to_string(rule) + "\"";
      }
      out += "<li" + id + ">" + Inline(text) + "</li>";
      continue;
    }
    out += "<p class=\"govuk-body\">" + Inline(line) + "</p>";
  }
  if (in_list) out += "</ul>";
  return out;
}

}  // namespace

std::string GuidanceHref(std::string_view source) {
  constexpr std::string_view kRule = "Seven golden rules, rule ";
  if (source.starts_with(kRule)) return "/guidance#rule-" + std::string(source.substr(kRule.size()));
  constexpr std::string_view kAnnex = "Annex A: ";
  if (source.starts_with(kAnnex)) {
    const std::string_view rest = source.substr(kAnnex.size());
    if (rest.starts_with("The data protection principles")) return "/guidance#the-data-protection-principles";
    return "/guidance#data-protection-definitions";
  }
  return "/guidance#" + Slug(source);
}

Status AddGuidancePages(Site& site) {
  std::string html;
  {
    std::ifstream in(site.options().static_dir + "/guidance/information-sharing-advice-2024.md");
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      html = Render(text.str());
    }
  }
  if (html.empty())
    html = "<p class=\"govuk-body\">The advice's text is not installed with this server. Read it on GOV.UK: "
           "<em>Information sharing: advice for practitioners providing safeguarding services</em> (May 2024).</p>";
  const std::string body = "<span class=\"govuk-caption-l\">HM Government, May 2024</span><h1 class=\"govuk-heading-xl\">Information sharing: "
                           "advice for practitioners providing safeguarding services</h1>" + html +
                           "<p class=\"govuk-body-s\">Crown copyright. Reproduced under the Open Government Licence v3.0.</p>";
  site.router().Add("GET", "/guidance", [&site, body](Request&) {
    return site.PublicPage({.title = "Information sharing advice", .body_html = body});
  });
  site.router().Add("GET", "/accessibility", [&site](Request&) {
    return site.PublicPage({.title = "Accessibility statement",
                            .body_html = "<h1 class=\"govuk-heading-l\">Accessibility statement</h1><p class=\"govuk-body\">Jigsaw is "
                                         "built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, using the GOV.UK "
                                         "Design System. Every page works without JavaScript and with a keyboard alone, and each release "
                                         "is tested in a browser with automated accessibility checks (axe) on every page of the main "
                                         "journey.</p><p class=\"govuk-body\">Automated checks do not find every problem. If something "
                                         "does not work for you, tell your organisation's Jigsaw administrator.</p>"});
  });
  return Ok();
}

}  // namespace jigsaw::http::web
