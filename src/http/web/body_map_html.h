// The body map as the pages draw it: a front and a back outline in SVG,
// rendered on the server from the domain's shapes (domain/body_map.h), so
// that nothing needs a script to see it; each mark numbered on the outline
// and listed in a table with the same facts, for anyone who cannot see the
// drawing. The page that adds marks draws the same outline for placing
// them (web/src/body-map.js, a progressive enhancement).
#pragma once

#include <string>
#include <vector>

#include "domain/body_map.h"

namespace jigsaw::http::web {

// Both outlines with the marks on them. `for_placing`: the outline the
// script makes clickable and keyboard-operable on the body map page.
std::string BodyMapFigure(const std::vector<domain::BodyMark>& marks, bool for_placing = false);

// The marks as a table: number, side and area, description, when.
std::string BodyMapTable(const std::vector<domain::BodyMark>& marks);

}  // namespace jigsaw::http::web
