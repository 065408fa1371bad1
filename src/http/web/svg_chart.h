// Charts drawn on the server as SVG (no script): a bar for each month's
// count, with axis labels, a title and a description, sized by its viewBox
// so that it fits a 375 px screen. Every chart is shown beside its data as
// a table (ChartFigure), which is what a screen reader or a printout uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jigsaw::http::web {

// One bar: its label on the axis ("Mar 2026") and its count.
struct ChartBar {
  std::string label;
  int value = 0;
};

struct BarChart {
  std::string id;           // unique on the page, [a-z0-9-]: names the title and description
  std::string title;        // "Concerns raised each month"
  std::string value_label;  // the table's count column: "Concerns"
  std::vector<ChartBar> bars;  // in order, left to right
};

// The text alternative: what the chart shows in one sentence, e.g.
// "Concerns raised each month, Dec 2025 to Nov 2026: 14 in all; the most
// was 4 in Mar 2026." or "... : none." when every count is 0, and "No
// data." with no bars at all.
std::string ChartSummary(const BarChart& chart);

// The chart as an <svg> element: role="img", named by its <title> and
// described by its <desc> (ChartSummary), a y axis from 0 to a round
// maximum with labelled ticks, and the bars' labels along the x axis
// (thinned to every second, third... label when there are many). All text
// is escaped. No bars: an empty chart saying "No data".
std::string BarChartSvg(const BarChart& chart);

// The chart and, beside it, its data as a table (label, count) in one
// <figure> with the title as its caption: the same figures in text.
std::string ChartFigure(const BarChart& chart);

}  // namespace jigsaw::http::web
