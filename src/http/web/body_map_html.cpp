#include "http/web/body_map_html.h"

#include "http/web/html.h"
#include "http/web/labels.h"

namespace jigsaw::http::web {
namespace {

using domain::BodyRegion;
using domain::BodySide;

std::string AreaAttr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + Escape(value) + "\"";
}
std::string AreaAttr(std::string_view name, int value) { return AreaAttr(name, std::to_string(value)); }

std::string Shape(const BodyRegion& r) {
  const std::string common = " class=\"jigsaw-body-map__area\"" + AreaAttr("data-area", ToString(r.area));
  const std::string title = "<title>" + Escape(Label(r.area)) + "</title>";
  if (r.shape == BodyRegion::Shape::kEllipse)
    return "<ellipse" + common + AreaAttr("cx", r.x) + AreaAttr("cy", r.y) + AreaAttr("rx", r.width) + AreaAttr("ry", r.height) + ">" +
           title + "</ellipse>";
  return "<rect" + common + AreaAttr("x", r.x) + AreaAttr("y", r.y) + AreaAttr("width", r.width) + AreaAttr("height", r.height) +
         " rx=\"8\">" + title + "</rect>";
}

std::string Side(BodySide side, const std::vector<domain::BodyMark>& marks) {
  const std::string name(ToString(side));
  const std::string title_id = "body-map-" + name + "-title";
  int on_side = 0;
  for (const auto& m : marks) on_side += m.side == side;
  std::string out = "<div class=\"jigsaw-body-map__side\"><svg class=\"jigsaw-body-map__svg\" viewBox=\"0 0 " +
                    std::to_string(domain::kBodyMapWidth) + " " + std::to_string(domain::kBodyMapHeight) +
                    "\" role=\"img\"" + AreaAttr("aria-labelledby", title_id) + AreaAttr("data-side", name) + "><title" +
                    AreaAttr("id", title_id) + ">" + Escape(Label(side)) + " of the body: " + std::to_string(on_side) +
                    (on_side == 1 ? " mark" : " marks") + "</title>";
  // The child's right is on the viewer's left when facing them.
  const bool right_on_left = side == BodySide::kFront;
  out += "<text class=\"jigsaw-body-map__hand\" x=\"4\" y=\"16\">" + std::string(right_on_left ? "Right" : "Left") +
         "</text><text class=\"jigsaw-body-map__hand\" x=\"196\" y=\"16\" text-anchor=\"end\">" +
         std::string(right_on_left ? "Left" : "Right") + "</text><g class=\"jigsaw-body-map__outline\">";
  for (const auto& r : domain::BodyRegions())
    if (r.side == side) out += Shape(r);
  out += "</g><g class=\"jigsaw-body-map__marks\">";
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const auto& m = marks[i];
    if (m.side != side) continue;
    out += "<g class=\"jigsaw-body-map__mark\"><circle" + AreaAttr("cx", m.x) + AreaAttr("cy", m.y) + " r=\"8\"></circle><text" +
           AreaAttr("x", m.x) + AreaAttr("y", m.y + 4) + " text-anchor=\"middle\">" + std::to_string(i + 1) + "</text></g>";
  }
  out += "</g></svg><p class=\"govuk-body-s jigsaw-body-map__caption\" aria-hidden=\"true\">" + Escape(Label(side)) + "</p>";
  return out + "</div>";
}

}  // namespace

std::string BodyMapFigure(const std::vector<domain::BodyMark>& marks, bool for_placing) {
  return std::string("<div class=\"jigsaw-body-map\"") + (for_placing ? " data-module=\"jigsaw-body-map\"" : "") + ">" +
         Side(BodySide::kFront, marks) + Side(BodySide::kBack, marks) + "</div>";
}

std::string BodyMapTable(const std::vector<domain::BodyMark>& marks) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const auto& m = marks[i];
    rows.push_back({std::to_string(i + 1), Escape(Label(m.area)) + (m.side == BodySide::kFront ? ", front" : ", back"),
                    Paragraphs(m.description), Escape(DisplayTime(m.created_at))});
  }
  return Table("Marks on the body map", {"Mark", "Where", "Description", "Recorded"}, rows);
}

}  // namespace jigsaw::http::web
