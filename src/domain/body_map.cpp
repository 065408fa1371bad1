#include "domain/body_map.h"

#include <array>

#include "domain/text.h"

namespace jigsaw::domain {
namespace {

using S = BodyRegion::Shape;
using A = BodyArea;
constexpr auto kF = BodySide::kFront;
constexpr auto kB = BodySide::kBack;

// A child standing, arms a little out. On the front the child's right is
// on the viewer's left (x < 100); on the back it is on the viewer's right.
// The head comes before the neck: where they meet, a mark is on the head.
constexpr std::array<BodyRegion, 34> kRegions{{
    {kF, A::kHead, S::kEllipse, 100, 36, 24, 28},
    {kF, A::kNeck, S::kRectangle, 90, 62, 20, 16},
    {kF, A::kChest, S::kRectangle, 62, 78, 76, 62},
    {kF, A::kAbdomen, S::kRectangle, 66, 140, 68, 52},
    {kF, A::kGenitalArea, S::kRectangle, 66, 192, 68, 36},
    {kF, A::kRightUpperArm, S::kRectangle, 38, 80, 22, 74},
    {kF, A::kRightForearm, S::kRectangle, 30, 154, 22, 66},
    {kF, A::kRightHand, S::kEllipse, 41, 236, 12, 16},
    {kF, A::kLeftUpperArm, S::kRectangle, 140, 80, 22, 74},
    {kF, A::kLeftForearm, S::kRectangle, 148, 154, 22, 66},
    {kF, A::kLeftHand, S::kEllipse, 159, 236, 12, 16},
    {kF, A::kRightThigh, S::kRectangle, 68, 228, 30, 86},
    {kF, A::kRightLowerLeg, S::kRectangle, 70, 314, 26, 88},
    {kF, A::kRightFoot, S::kEllipse, 80, 414, 16, 12},
    {kF, A::kLeftThigh, S::kRectangle, 102, 228, 30, 86},
    {kF, A::kLeftLowerLeg, S::kRectangle, 104, 314, 26, 88},
    {kF, A::kLeftFoot, S::kEllipse, 120, 414, 16, 12},
    {kB, A::kHead, S::kEllipse, 100, 36, 24, 28},
    {kB, A::kNeck, S::kRectangle, 90, 62, 20, 16},
    {kB, A::kUpperBack, S::kRectangle, 62, 78, 76, 62},
    {kB, A::kLowerBack, S::kRectangle, 66, 140, 68, 52},
    {kB, A::kButtocks, S::kRectangle, 66, 192, 68, 36},
    {kB, A::kLeftUpperArm, S::kRectangle, 38, 80, 22, 74},
    {kB, A::kLeftForearm, S::kRectangle, 30, 154, 22, 66},
    {kB, A::kLeftHand, S::kEllipse, 41, 236, 12, 16},
    {kB, A::kRightUpperArm, S::kRectangle, 140, 80, 22, 74},
    {kB, A::kRightForearm, S::kRectangle, 148, 154, 22, 66},
    {kB, A::kRightHand, S::kEllipse, 159, 236, 12, 16},
    {kB, A::kLeftThigh, S::kRectangle, 68, 228, 30, 86},
    {kB, A::kLeftLowerLeg, S::kRectangle, 70, 314, 26, 88},
    {kB, A::kLeftFoot, S::kEllipse, 80, 414, 16, 12},
    {kB, A::kRightThigh, S::kRectangle, 102, 228, 30, 86},
    {kB, A::kRightLowerLeg, S::kRectangle, 104, 314, 26, 88},
    {kB, A::kRightFoot, S::kEllipse, 120, 414, 16, 12},
}};

}  // namespace

std::span<const BodyRegion> BodyRegions() { return kRegions; }

bool Contains(const BodyRegion& r, int x, int y) {
  if (r.shape == S::kRectangle) return x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
  // (dx/rx)^2 + (dy/ry)^2 <= 1, in integers.
  const long long dx = x - r.x, dy = y - r.y, rx = r.width, ry = r.height;
  return dx * dx * ry * ry + dy * dy * rx * rx <= rx * rx * ry * ry;
}

std::optional<BodyRegion> RegionOf(BodySide side, BodyArea area) {
  for (const auto& r : kRegions)
    if (r.side == side && r.area == area) return r;
  return std::nullopt;
}

std::optional<BodyArea> AreaAt(BodySide side, int x, int y) {
  for (const auto& r : kRegions)
    if (r.side == side && Contains(r, x, y)) return r.area;
  return std::nullopt;
}

std::pair<int, int> PlaceInArea(const BodyRegion& r, int already) {
  const int cx = r.shape == S::kEllipse ? r.x : r.x + r.width / 2;
  const int cy = r.shape == S::kEllipse ? r.y : r.y + r.height / 2;
  static constexpr std::array<std::pair<int, int>, 9> kOffsets{
      {{0, 0}, {0, -10}, {0, 10}, {-7, -5}, {7, 5}, {-7, 5}, {7, -5}, {0, -20}, {0, 20}}};
  const auto [dx, dy] = kOffsets[static_cast<std::size_t>(already < 0 ? 0 : already) % kOffsets.size()];
  if (Contains(r, cx + dx, cy + dy)) return {cx + dx, cy + dy};
  return {cx, cy};
}

void Tidy(BodyMark& m) { TidyFreeText(m.description); }

Status Validate(const BodyMark& m) {
  JIGSAW_RETURN_IF_ERROR(
      ValidateRequiredText("description", m.description, 2000, "Describe the mark: its size, colour and shape."));
  const auto region = RegionOf(m.side, m.area);
  if (!region)
    return InvalidArgument("area", m.side == BodySide::kFront ? "This part of the body is on the back: choose the back."
                                                               : "This part of the body is on the front: choose the front.");
  if (m.x < 0 || m.x > kBodyMapWidth || m.y < 0 || m.y > kBodyMapHeight || !Contains(*region, m.x, m.y))
    return InvalidArgument("x", "The mark is not on the part of the body named.");
  return Ok();
}

}  // namespace jigsaw::domain
