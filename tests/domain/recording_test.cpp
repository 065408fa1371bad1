// The pure rules behind recording a concern thoroughly: what a file is,
// read from its bytes; the body map's areas; when an incident happened.
#include <gtest/gtest.h>

#include "domain/attachment.h"
#include "domain/body_map.h"
#include "domain/casework.h"

namespace jigsaw::domain {
namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string out;
  for (int c : b) out.push_back(static_cast<char>(c));
  return out;
}

TEST(Attachment, ItsKindIsReadFromItsBytesNotItsName) {
  EXPECT_EQ(SniffAttachmentType(Bytes({0xFF, 0xD8, 0xFF, 0xE0})), AttachmentType::kJpeg);
  EXPECT_EQ(SniffAttachmentType(std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) + std::string(17, 'x')), AttachmentType::kPng);
  EXPECT_FALSE(SniffAttachmentType(std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIDAT", 16) + std::string(17, 'x')))
      << "the first chunk must be IHDR";
  const std::string webp = "RIFF" + Bytes({12, 0, 0, 0}) + "WEBPVP8 " + std::string(4, 'x');
  EXPECT_EQ(SniffAttachmentType(webp), AttachmentType::kWebp);
  EXPECT_FALSE(SniffAttachmentType("RIFF" + Bytes({200, 0, 0, 0}) + "WEBPVP8 " + std::string(4, 'x')))
      << "a RIFF size beyond the file: truncated";
  EXPECT_EQ(SniffAttachmentType(Bytes({0, 0, 0, 24}) + "ftypheic" + std::string(8, '\0')), AttachmentType::kHeic);
  EXPECT_FALSE(SniffAttachmentType(Bytes({0, 0, 0, 24}) + "ftypisom" + std::string(8, '\0'))) << "an MP4 video is not a photo";
  EXPECT_EQ(SniffAttachmentType("%PDF-1.7\n...\n%%EOF\n"), AttachmentType::kPdf);
  EXPECT_FALSE(SniffAttachmentType("%PDF-1.7\n" + std::string(2000, 'x'))) << "a truncated PDF has no end marker";
  for (const char* text : {"<!DOCTYPE html><p>", "<svg onload=alert(1)>", "GIF89a......", "PK\x03\x04 (a Word document)", ""})
    EXPECT_FALSE(SniffAttachmentType(text)) << text;
}

TEST(Attachment, SizeAndNameRules) {
  EXPECT_EQ(CheckUpload("", 10).error().message, "The selected file is empty.");
  EXPECT_EQ(CheckUpload(Bytes({0xFF, 0xD8, 0xFF, 0xE0}) + std::string(2 * 1024 * 1024, 'x'), 2 * 1024 * 1024).error().message,
            "The selected file must be smaller than 2 MB.");
  EXPECT_EQ(FileNameFor("C:\\fakepath\\IMG_0042.JPEG", AttachmentType::kJpeg), "IMG_0042.JPEG");
  EXPECT_EQ(FileNameFor("/home/x/bruise.jpg", AttachmentType::kPng), "bruise.jpg.png") << "the name says what it is";
  EXPECT_EQ(FileNameFor("  letter  ", AttachmentType::kPdf), "letter.pdf");
}

TEST(BodyMap, EveryAreaIsOnOneSideOrBothAndAPointNamesOneArea) {
  EXPECT_TRUE(RegionOf(BodySide::kFront, BodyArea::kChest));
  EXPECT_FALSE(RegionOf(BodySide::kBack, BodyArea::kChest));
  EXPECT_FALSE(RegionOf(BodySide::kFront, BodyArea::kButtocks));
  // The child's left hand: on the viewer's right from the front, on the left from behind.
  EXPECT_EQ(AreaAt(BodySide::kFront, 159, 236), BodyArea::kLeftHand);
  EXPECT_EQ(AreaAt(BodySide::kBack, 159, 236), BodyArea::kRightHand);
  EXPECT_FALSE(AreaAt(BodySide::kFront, 5, 430)) << "off the body";
  // Every area's own placement is inside it, however many marks are there already.
  for (const auto& r : BodyRegions())
    for (int already = 0; already < 12; ++already) {
      const auto [x, y] = PlaceInArea(r, already);
      EXPECT_TRUE(Contains(r, x, y)) << ToString(r.area) << " " << already;
    }
}

TEST(Concern, TheIncidentMomentIsUkLocalTime) {
  Concern c;
  c.incident_date = "2026-07-01";
  c.incident_time = "09:30";
  EXPECT_EQ(FormatRfc3339(*IncidentMoment(c)), "2026-07-01T08:30:00Z") << "summer time";
  c.incident_date = "2026-12-01";
  EXPECT_EQ(FormatRfc3339(*IncidentMoment(c)), "2026-12-01T09:30:00Z");
  c.incident_time = "";
  EXPECT_EQ(FormatRfc3339(*IncidentMoment(c)), "2026-12-01T00:00:00Z") << "a date alone: the start of the day";
  c.incident_date = "";
  EXPECT_FALSE(IncidentMoment(c));
}

}  // namespace
}  // namespace jigsaw::domain
