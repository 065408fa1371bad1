#include "http/web/svg_chart.h"

#include <algorithm>
#include <cstdio>

#include "http/web/html.h"

namespace jigsaw::http::web {
namespace {

// The drawing's own units (viewBox): it scales to its container's width,
// and 400 units keep 15-unit text readable (13 px) at 375 px.
constexpr double kWidth = 400, kHeight = 250;
constexpr double kLeft = 40, kRight = 392, kTop = 24, kBottom = 196;  // room above for the top bar's count
constexpr int kMostLabels = 8;  // month labels along the axis before they are thinned

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A round top for the y axis and the step between its ticks: 1, 2, 5, 10,
// 20, 50... chosen so that there are at most five steps.
std::pair<int, int> Scale(int highest) {
  long step = 1;
  for (int i = 0; (highest + step - 1) / step > 5; ++i) step = (i % 3 == 0 ? step * 2 : i % 3 == 1 ? step * 5 / 2 : step * 2);
  const long steps = std::max<long>(1, (highest + step - 1) / step);
  return {static_cast<int>(steps * step), static_cast<int>(step)};
}

// "Mar 2026" -> {"Mar", "2026"}; a label without a space has no second line.
std::pair<std::string, std::string> LabelLines(const std::string& label) {
  const auto space = label.find(' ');
  if (space == std::string::npos) return {label, ""};
  return {label.substr(0, space), label.substr(space + 1)};
}

}  // namespace

std::string ChartSummary(const BarChart& chart) {
  if (chart.bars.empty()) return chart.title + ": no data.";
  std::string out = chart.title + ", " + chart.bars.front().label;
  if (chart.bars.size() > 1) out += " to " + chart.bars.back().label;
  long total = 0;
  const ChartBar* most = &chart.bars.front();
  for (const auto& b : chart.bars) {
    total += b.value;
    if (b.value > most->value) most = &b;
  }
  if (total == 0) return out + ": none.";
  out += ": " + std::to_string(total) + " in all";
  if (chart.bars.size() > 1) out += "; the most was " + std::to_string(most->value) + " in " + most->label;
  return out + ".";
}

std::string BarChartSvg(const BarChart& chart) {
  const std::string title_id = chart.id + "-title", desc_id = chart.id + "-desc";
  std::string out = "<svg class=\"jigsaw-chart\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(kHeight) +
                    "\" role=\"img\" aria-labelledby=\"" + Escape(title_id) + "\" aria-describedby=\"" + Escape(desc_id) +
                    "\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"GDS Transport, arial, sans-serif\" font-size=\"15\">";
  out += "<title id=\"" + Escape(title_id) + "\">" + Escape(chart.title) + "</title>";
  out += "<desc id=\"" + Escape(desc_id) + "\">" + Escape(ChartSummary(chart)) + "</desc>";
  // The axes.
  out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop) + "\" x2=\"" + Num(kLeft) + "\" y2=\"" + Num(kBottom) +
         "\" stroke=\"#0b0c0c\"/>";
  out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(kBottom) + "\" x2=\"" + Num(kRight) + "\" y2=\"" + Num(kBottom) +
         "\" stroke=\"#0b0c0c\"/>";
  if (chart.bars.empty())
    return out + "<text x=\"" + Num((kLeft + kRight) / 2) + "\" y=\"" + Num((kTop + kBottom) / 2) +
           "\" text-anchor=\"middle\" fill=\"#0b0c0c\">No data</text></svg>";

  int highest = 0;
  for (const auto& b : chart.bars) highest = std::max(highest, b.value);
  const auto [top, step] = Scale(highest);
  const double plot = kBottom - kTop;
  auto y_of = [&](int v) { return kBottom - plot * static_cast<double>(v) / static_cast<double>(top); };
  for (int v = 0; v <= top; v += step) {
    const double y = y_of(v);
    if (v > 0)
      out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(kRight) + "\" y2=\"" + Num(y) +
             "\" stroke=\"#b1b4b6\" stroke-dasharray=\"2 3\"/>";
    out += "<text x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(y + 5) + "\" text-anchor=\"end\" fill=\"#0b0c0c\">" +
           std::to_string(v) + "</text>";
  }

  const std::size_t n = chart.bars.size();
  const double slot = (kRight - kLeft) / static_cast<double>(n);
  const double width = std::max(1.0, slot * 0.7);
  const std::size_t every = (n + kMostLabels - 1) / kMostLabels;
  std::string last_second_line;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& b = chart.bars[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - width) / 2;
    const double y = y_of(b.value);
    out += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(width) + "\" height=\"" + Num(kBottom - y) +
           "\" fill=\"#1d70b8\"/>";
    const double middle = x + width / 2;
    // The count over each bar while there is room for it.
    if (n <= 24 && b.value > 0)
      out += "<text x=\"" + Num(middle) + "\" y=\"" + Num(y - 4) + "\" text-anchor=\"middle\" fill=\"#0b0c0c\" font-size=\"" +
             (n <= 12 ? "14" : "10") + "\">" + std::to_string(b.value) + "</text>";
    if (i % every != 0) continue;
    const auto [first, second] = LabelLines(b.label);
    out += "<text x=\"" + Num(middle) + "\" y=\"" + Num(kBottom + 19) + "\" text-anchor=\"middle\" fill=\"#0b0c0c\">" +
           Escape(first) + "</text>";
    // The year (the second line) where it changes, so the axis reads
    // "Nov 2025, Dec, Jan 2026, Feb..."
    if (!second.empty() && second != last_second_line)
      out += "<text x=\"" + Num(middle) + "\" y=\"" + Num(kBottom + 38) + "\" text-anchor=\"middle\" fill=\"#505a5f\">" +
             Escape(second) + "</text>";
    last_second_line = second;
  }
  return out + "</svg>";
}

std::string ChartFigure(const BarChart& chart) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& b : chart.bars) rows.push_back({Escape(b.label), std::to_string(b.value)});
  std::string out = "<figure class=\"jigsaw-chart-figure\" aria-labelledby=\"" + Escape(chart.id) + "-caption\">";
  out += "<figcaption class=\"govuk-heading-s\" id=\"" + Escape(chart.id) + "-caption\">" + Escape(chart.title) + "</figcaption>";
  out += "<div class=\"jigsaw-chart-figure__chart\">" + BarChartSvg(chart) + "</div>";
  out += "<div class=\"jigsaw-chart-figure__data\">" +
         Table("Data for: " + chart.title, {"Month", chart.value_label.empty() ? std::string("Count") : chart.value_label},
               rows) +
         "</div>";
  return out + "</figure>";
}

}  // namespace jigsaw::http::web
