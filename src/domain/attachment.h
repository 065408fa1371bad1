// Files kept with a concern: photographs of an injury, a letter, a note a
// child wrote. Only the kinds a practitioner needs are accepted, and a
// file's kind is read from its first bytes (its "magic number"), never
// from its name or the Content-Type a browser or client claims: a web page
// or a script renamed "bruise.jpg" is refused. The content itself is
// sealed at rest by the service, like a disclosure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/encoding.h"
#include "common/enum_names.h"
#include "common/result.h"

namespace jigsaw::domain {

// The kinds accepted: photographs as phones and cameras save them, and
// PDF for letters and scanned documents (a Word document is saved as PDF
// first). Each is named by its media type.
enum class AttachmentType : std::uint8_t { kJpeg, kPng, kWebp, kHeic, kPdf };

// The kind the bytes are, if it is one of the kinds accepted. JPEG: FF D8
// FF; PNG: its 8-byte signature then the IHDR chunk; WebP: a RIFF header
// whose size fits the file, then "WEBP"; HEIC: an ISO "ftyp" box with a
// HEIF brand; PDF: "%PDF-" at the start and "%%EOF" near the end (a
// truncated upload does not pass).
std::optional<AttachmentType> SniffAttachmentType(std::string_view content);

// ".jpg", ".png", ".webp", ".heic", ".pdf".
std::string_view ExtensionOf(AttachmentType type);
// "JPG image", "PDF document"...
std::string_view DescriptionOf(AttachmentType type);

struct Attachment {
  std::string id;
  std::string organisation_id;
  std::string concern_id;
  std::string file_name;  // as given, tidied, ending in its kind's extension
  AttachmentType type = AttachmentType::kPdf;
  std::int64_t size_bytes = 0;
  std::string description;  // what it is and who made it ("Photograph of the bruise, taken by the school nurse")
  Bytes sealed_content;     // empty in lists: only a download opens it
  std::string created_by;
  Time created_at{};
};

// The uploaded bytes checked (field "file"): not empty, at most
// `max_bytes`, and of a kind accepted. Returns the kind.
Result<AttachmentType> CheckUpload(std::string_view content, std::size_t max_bytes);
// The size rule alone, for a file too large to have been kept in memory.
Status CheckSize(std::size_t size, std::size_t max_bytes);

// The file name as kept: only its last path part (some browsers send a
// whole path), trimmed, and ending in the extension of its kind (".jpeg"
// counts for JPG, ".heif" for HEIC) so that it opens in the right program.
std::string FileNameFor(std::string_view given, AttachmentType type);

void Tidy(Attachment& attachment);
Status Validate(const Attachment& attachment);

}  // namespace jigsaw::domain

namespace jigsaw {
template <>
struct EnumNames<domain::AttachmentType> {
  using E = domain::AttachmentType;
  static constexpr std::array<std::pair<E, std::string_view>, 5> kNames{{{E::kJpeg, "image/jpeg"},
                                                                       {E::kPng, "image/png"},
                                                                       {E::kWebp, "image/webp"},
                                                                       {E::kHeic, "image/heic"},
                                                                       {E::kPdf, "application/pdf"}}};
};
}  // namespace jigsaw
