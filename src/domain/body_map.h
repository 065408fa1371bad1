// A body map on a concern, as the school safeguarding tools keep one: a
// front and a back outline of a child, and marks on it where an injury or
// mark was seen, each with a description. The outline is a set of named
// areas with simple shapes in one coordinate space per side (0..kWidth,
// 0..kHeight): the pages draw it from these shapes, a pointer or the
// keyboard places a mark inside one, and a mark is stored as typed values
// (side, area, x, y, description) that the service checks against the same
// shapes, so a mark can never name one area and sit in another.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw::domain {

enum class BodySide : std::uint8_t { kFront, kBack };

// The named areas. Left and right are the child's own: on the front
// outline the child's right is on the viewer's left.
enum class BodyArea : std::uint8_t {
  kHead,
  kNeck,
  kChest,        // front only
  kAbdomen,      // front only
  kGenitalArea,  // front only
  kUpperBack,    // back only
  kLowerBack,    // back only
  kButtocks,     // back only
  kRightUpperArm,
  kRightForearm,
  kRightHand,
  kLeftUpperArm,
  kLeftForearm,
  kLeftHand,
  kRightThigh,
  kRightLowerLeg,
  kRightFoot,
  kLeftThigh,
  kLeftLowerLeg,
  kLeftFoot,
};

// The outline's coordinate space, the same for each side.
inline constexpr int kBodyMapWidth = 200;
inline constexpr int kBodyMapHeight = 440;

// One area's shape on one side: an ellipse (centre and radii) or a
// rectangle with rounded corners (the corners count as inside: a mark a
// few units off the drawn edge still names the right area).
struct BodyRegion {
  BodySide side;
  BodyArea area;
  enum class Shape : std::uint8_t { kEllipse, kRectangle } shape;
  int x, y;           // ellipse: centre; rectangle: top-left corner
  int width, height;  // ellipse: radii; rectangle: size
};

// Every area of the outline, front then back, in drawing order.
std::span<const BodyRegion> BodyRegions();

// The region of `area` on `side`, if the area is on that side.
std::optional<BodyRegion> RegionOf(BodySide side, BodyArea area);
// The area at (x, y) on `side`, if the point is on the body.
std::optional<BodyArea> AreaAt(BodySide side, int x, int y);
bool Contains(const BodyRegion& region, int x, int y);
// Where a mark goes when only its area is known (no pointer): the area's
// centre, moved a little for each mark already there (`already`) so that
// marks in one area do not hide one another, and always inside the area.
std::pair<int, int> PlaceInArea(const BodyRegion& region, int already);

struct BodyMark {
  std::string id;
  std::string organisation_id;
  std::string concern_id;
  BodySide side = BodySide::kFront;
  BodyArea area = BodyArea::kHead;
  int x = 0;  // in the outline's coordinates
  int y = 0;
  std::string description;  // what was seen: size, colour, shape, what the child said about it
  std::string created_by;
  Time created_at{};
};

void Tidy(BodyMark& mark);
// The area is on that side, the point is inside the area, and the
// description says something.
Status Validate(const BodyMark& mark);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::BodySide> {
  using E = domain::BodySide;
  static constexpr std::array<std::pair<E, std::string_view>, 2> kNames{{{E::kFront, "front"}, {E::kBack, "back"}}};
};
template <>
struct EnumNames<domain::BodyArea> {
  using E = domain::BodyArea;
  static constexpr std::array<std::pair<E, std::string_view>, 20> kNames{{
      {E::kHead, "head"},
      {E::kNeck, "neck"},
      {E::kChest, "chest"},
      {E::kAbdomen, "abdomen"},
      {E::kGenitalArea, "genital_area"},
      {E::kUpperBack, "upper_back"},
      {E::kLowerBack, "lower_back"},
      {E::kButtocks, "buttocks"},
      {E::kRightUpperArm, "right_upper_arm"},
      {E::kRightForearm, "right_forearm"},
      {E::kRightHand, "right_hand"},
      {E::kLeftUpperArm, "left_upper_arm"},
      {E::kLeftForearm, "left_forearm"},
      {E::kLeftHand, "left_hand"},
      {E::kRightThigh, "right_thigh"},
      {E::kRightLowerLeg, "right_lower_leg"},
      {E::kRightFoot, "right_foot"},
      {E::kLeftThigh, "left_thigh"},
      {E::kLeftLowerLeg, "left_lower_leg"},
      {E::kLeftFoot, "left_foot"},
  }};
};
}  // namespace jigsaw
