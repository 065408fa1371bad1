// The server-drawn bar chart (http/web/svg_chart.h): every label and title
// escaped, a chart with no data or one month still a well-formed, named
// image with its text alternative, and its data beside it as a table.
#include "http/web/svg_chart.h"

#include <gtest/gtest.h>

namespace jigsaw::http::web {
namespace {

std::size_t Count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(SvgChart, LabelsAndTitlesAreEscaped) {
  BarChart chart{.id = "chart-x",
                 .title = "Concerns <script>alert(1)</script> & \"more\"",
                 .value_label = "<b>Count</b>",
                 .bars = {{"<img src=x onerror=alert(1)> 2026", 3}, {"Feb & 'Mar' 2026", 1}}};
  const std::string svg = BarChartSvg(chart);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<img"), std::string::npos);
  EXPECT_NE(svg.find("Concerns &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"), std::string::npos);
  EXPECT_NE(svg.find("&lt;img"), std::string::npos);
  EXPECT_NE(svg.find("Feb"), std::string::npos);
  const std::string figure = ChartFigure(chart);
  EXPECT_EQ(figure.find("<script>"), std::string::npos);
  EXPECT_EQ(figure.find("<b>"), std::string::npos);
  EXPECT_NE(figure.find("&lt;b&gt;Count&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(figure.find("Feb &amp; &#39;Mar&#39; 2026"), std::string::npos);
}

TEST(SvgChart, IsAnImageNamedByItsTitleAndDescribedByItsSummary) {
  BarChart chart{.id = "chart-concerns", .title = "Concerns raised each month", .value_label = "Concerns",
                 .bars = {{"Sep 2026", 1}, {"Oct 2026", 4}, {"Nov 2026", 2}}};
  const std::string svg = BarChartSvg(chart);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("viewBox=\"0 0 400.0 250.0\""), std::string::npos);
  const std::string opening = svg.substr(0, svg.find('>'));
  EXPECT_EQ(opening.find("width="), std::string::npos) << "sized by its viewBox, not in pixels";
  EXPECT_EQ(opening.find("height="), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"chart-concerns-title\""), std::string::npos);
  EXPECT_NE(svg.find("aria-describedby=\"chart-concerns-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"chart-concerns-title\">Concerns raised each month</title>"), std::string::npos);
  EXPECT_EQ(ChartSummary(chart), "Concerns raised each month, Sep 2026 to Nov 2026: 7 in all; the most was 4 in Oct 2026.");
  EXPECT_NE(svg.find("<desc id=\"chart-concerns-desc\">" + ChartSummary(chart) + "</desc>"), std::string::npos);
  EXPECT_EQ(Count(svg, "<rect"), 3u);
  // The y axis runs to a round 4 in steps of 1: ticks 0 to 4.
  for (const char* tick : {">0</text>", ">1</text>", ">2</text>", ">3</text>", ">4</text>"})
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
  // The year is written once, under the first month.
  EXPECT_EQ(Count(svg, ">2026</text>"), 1u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");

  const std::string figure = ChartFigure(chart);
  EXPECT_NE(figure.find("<figure"), std::string::npos);
  EXPECT_NE(figure.find("<caption class=\"govuk-table__caption govuk-table__caption--m\">Data for: Concerns raised each month</caption>"),
            std::string::npos);
  EXPECT_NE(figure.find("<td class=\"govuk-table__cell\">Oct 2026</td><td class=\"govuk-table__cell\">4</td>"), std::string::npos);
}

TEST(SvgChart, NoDataIsSaidInTheChartAndItsSummary) {
  BarChart chart{.id = "chart-empty", .title = "Advice requests each month", .value_label = "Advice requests"};
  const std::string svg = BarChartSvg(chart);
  EXPECT_NE(svg.find("No data"), std::string::npos);
  EXPECT_EQ(Count(svg, "<rect"), 0u);
  EXPECT_EQ(ChartSummary(chart), "Advice requests each month: no data.");
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  // Months with nothing in them: bars of no height, and the summary says none.
  chart.bars = {{"Jan 2026", 0}, {"Feb 2026", 0}};
  EXPECT_EQ(ChartSummary(chart), "Advice requests each month, Jan 2026 to Feb 2026: none.");
  const std::string zeros = BarChartSvg(chart);
  EXPECT_EQ(Count(zeros, "<rect"), 2u);
  EXPECT_NE(zeros.find("height=\"0.0\""), std::string::npos);
  EXPECT_EQ(zeros.find("nan"), std::string::npos);
}

TEST(SvgChart, OneMonth) {
  BarChart chart{.id = "chart-one", .title = "Decisions to share each month", .value_label = "Decisions",
                 .bars = {{"Nov 2026", 12}}};
  EXPECT_EQ(ChartSummary(chart), "Decisions to share each month, Nov 2026: 12 in all.");
  const std::string svg = BarChartSvg(chart);
  EXPECT_EQ(Count(svg, "<rect"), 1u);
  // 12 rounds up to 15 in steps of 5.
  EXPECT_NE(svg.find(">15</text>"), std::string::npos);
  EXPECT_NE(svg.find(">5</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Nov</text>"), std::string::npos);
  EXPECT_NE(svg.find(">12</text>"), std::string::npos);
}

TEST(SvgChart, ManyMonthsThinTheAxisLabels) {
  BarChart chart{.id = "chart-many", .title = "Concerns", .value_label = "Concerns"};
  const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int y = 2025; y <= 2026; ++y)
    for (const char* m : months) chart.bars.push_back({std::string(m) + " " + std::to_string(y), 1});
  const std::string svg = BarChartSvg(chart);
  EXPECT_EQ(Count(svg, "<rect"), 24u);
  // 24 bars, at most 8 labels: every third month.
  EXPECT_NE(svg.find(">Jan</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Apr</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">Feb</text>"), std::string::npos);
  EXPECT_EQ(Count(svg, ">2025</text>") + Count(svg, ">2026</text>"), 2u);
}

}  // namespace
}  // namespace jigsaw::http::web
