#include "domain/attachment.h"

#include <algorithm>
#include <array>

#include "domain/text.h"

namespace jigsaw::domain {
namespace {

bool StartsWith(std::string_view content, std::string_view magic) { return content.substr(0, magic.size()) == magic; }

std::uint32_t LittleEndian32(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

bool IsPng(std::string_view c) {
  // The signature, then the first chunk, which must be IHDR (13 bytes long).
  return StartsWith(c, std::string_view("\x89PNG\r\n\x1a\n", 8)) && c.size() >= 33 &&
         c.substr(8, 8) == std::string_view("\0\0\0\x0dIHDR", 8);
}

bool IsWebp(std::string_view c) {
  // RIFF, the size of what follows the first 8 bytes, then WEBP and a chunk.
  if (c.size() < 20 || !StartsWith(c, "RIFF") || c.substr(8, 4) != "WEBP") return false;
  const std::uint64_t riff_size = LittleEndian32(c, 4);
  return riff_size + 8 <= c.size() && riff_size >= 12 && c.substr(12, 3) == "VP8";
}

bool IsHeic(std::string_view c) {
  // An ISO base media file whose first box is "ftyp" with a HEIF brand.
  if (c.size() < 16 || c.substr(4, 4) != "ftyp") return false;
  static constexpr std::array<std::string_view, 6> kBrands = {"heic", "heix", "hevc", "hevx", "mif1", "msf1"};
  const std::string_view brand = c.substr(8, 4);
  return std::find(kBrands.begin(), kBrands.end(), brand) != kBrands.end();
}

bool IsPdf(std::string_view c) {
  // The header at the very start, and the end-of-file marker in the last
  // kilobyte (writers may add a line break or a little padding after it).
  if (!StartsWith(c, "%PDF-") || c.size() < 16) return false;
  const std::size_t tail = c.size() > 1024 ? c.size() - 1024 : 0;
  return c.find("%%EOF", tail) != std::string_view::npos;
}

std::string_view Extension(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(dot);
}

}  // namespace

std::optional<AttachmentType> SniffAttachmentType(std::string_view c) {
  if (c.size() >= 4 && StartsWith(c, "\xFF\xD8\xFF")) return AttachmentType::kJpeg;
  if (IsPng(c)) return AttachmentType::kPng;
  if (IsWebp(c)) return AttachmentType::kWebp;
  if (IsHeic(c)) return AttachmentType::kHeic;
  if (IsPdf(c)) return AttachmentType::kPdf;
  return std::nullopt;
}

std::string_view ExtensionOf(AttachmentType type) {
  switch (type) {
    case AttachmentType::kJpeg: return ".jpg";
    case AttachmentType::kPng: return ".png";
    case AttachmentType::kWebp: return ".webp";
    case AttachmentType::kHeic: return ".heic";
    case AttachmentType::kPdf: return ".pdf";
  }
  return "";
}

std::string_view DescriptionOf(AttachmentType type) {
  switch (type) {
    case AttachmentType::kJpeg: return "JPG image";
    case AttachmentType::kPng: return "PNG image";
    case AttachmentType::kWebp: return "WebP image";
    case AttachmentType::kHeic: return "HEIC photo";
    case AttachmentType::kPdf: return "PDF document";
  }
  return "";
}

Status CheckSize(std::size_t size, std::size_t max_bytes) {
  if (size == 0) return InvalidArgument("file", "The selected file is empty.");
  if (size > max_bytes) {
    const std::size_t mb = max_bytes / (1024 * 1024);
    return InvalidArgument("file", "The selected file must be smaller than " +
                                       (mb > 0 ? std::to_string(mb) + " MB." : std::to_string(max_bytes / 1024) + " KB."));
  }
  return Ok();
}

Result<AttachmentType> CheckUpload(std::string_view content, std::size_t max_bytes) {
  JIGSAW_RETURN_IF_ERROR(CheckSize(content.size(), max_bytes));
  auto type = SniffAttachmentType(content);
  if (!type)
    return InvalidArgument("file", "The selected file must be a photo (JPG, PNG, WebP or HEIC) or a PDF document.");
  return *type;
}

std::string FileNameFor(std::string_view given, AttachmentType type) {
  const auto slash = given.find_last_of("/\\");
  if (slash != std::string_view::npos) given.remove_prefix(slash + 1);
  std::string name = Trim(given);
  const std::string extension = AsciiLower(Extension(name));
  const bool matches = extension == ExtensionOf(type) || (type == AttachmentType::kJpeg && extension == ".jpeg") ||
                       (type == AttachmentType::kHeic && extension == ".heif");
  if (!matches) name += ExtensionOf(type);
  return name;
}

void Tidy(Attachment& a) {
  TrimInPlace(a.file_name);
  TidyFreeText(a.description);
}

Status Validate(const Attachment& a) {
  // The name itself must say something, not only the extension added to it.
  const std::string_view stem = std::string_view(a.file_name).substr(0, a.file_name.size() - Extension(a.file_name).size());
  JIGSAW_RETURN_IF_ERROR(ValidateName("file_name", a.file_name, 200));
  if (!HasWords(stem)) return InvalidArgument("file_name", "Give the file a name.");
  return ValidateRequiredText("description", a.description, 2000,
                              "Describe the file: what it shows and who made it.");
}

}  // namespace jigsaw::domain
