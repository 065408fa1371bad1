// Recording more on a concern: marks on its body map (placed with the
// pointer or the keyboard where the script runs, chosen from a list of
// named areas where it does not), and files (photographs of an injury,
// letters) uploaded as multipart/form-data and downloaded as attachments.
#include "http/api/recording_api.h"
#include "http/web/body_map_html.h"
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

std::string Heading(const std::string& child_name, std::string_view text) {
  return "<span class=\"govuk-caption-l\">Concern about " + Escape(child_name) + "</span><h1 class=\"govuk-heading-l\">" +
         Escape(text) + "</h1>";
}

// ---- The body map --------------------------------------------------------------

struct MarkForm {
  std::string side, area, description, x, y;
  static MarkForm From(const Form& f) { return {f.Get("side"), f.Get("area"), f.Get("description"), f.Get("x"), f.Get("y")}; }
};

std::vector<Option> AreaOptions() {
  std::vector<Option> out = {{"", "Choose a part of the body", "", false}};
  for (const auto& o : OptionsOf<domain::BodyArea>()) out.push_back(o);
  return out;
}

Response BodyMapPage(Site& site, Visit& v, const std::string& concern_id, const MarkForm& f, const Errors& errors) {
  auto record = site.s.casework.GetConcern(v.context, concern_id);
  if (!record) return site.Failure(v, record.error());
  const auto& marks = record->body_marks;
  std::string body = ErrorSummary(errors);
  if (const auto added = v.request.QueryParam("added"))
    body += NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Mark " + Escape(*added) +
                                              " added to the body map.</p>", true);
  body += Heading(record->child.FullName(), "Body map");
  body += "<p class=\"govuk-body\">Record each mark or injury you saw: where it is and what it looks like. Do not "
          "examine the child or ask them to undress: record what you saw and what you were told.</p>";
  body += BodyMapFigure(marks, true);
  body += "<p class=\"govuk-body\">Choose where the mark is on the outline (with a pointer, or with Tab and Enter, then "
          "the arrow keys to move it), or choose the side and the part of the body below.</p>"
          "<p class=\"govuk-body jigsaw-body-map__status\" id=\"body-map-status\" aria-live=\"polite\"></p>";
  body += marks.empty() ? "<p class=\"govuk-body\">No marks have been recorded yet.</p>" : BodyMapTable(marks);
  body += "<h2 class=\"govuk-heading-m\">Add a mark</h2><form id=\"body-mark-form\" method=\"post\" action=\"/concerns/" + Escape(concern_id) + "/body-map\" novalidate>" +
          HiddenInput("csrf_token", v.csrf_token) +
          HiddenInput("x", "") + HiddenInput("y", "") +
          Radios({"side", "Is it on the front or the back of the body?", "", false, ErrorFor(errors, "side")},
                 OptionsOf<domain::BodySide>(), f.side, true) +
          Select({"area", "Where on the body is it?", "Left and right are the child's own.", false, ErrorFor(errors, "area")},
                 AreaOptions(), f.area) +
          Textarea({"description", "Describe the mark",
                    "Its size (in centimetres), colour and shape, and what the child or anyone else said about it.", false,
                    ErrorFor(errors, "description")},
                   f.description, 4) +
          "<div class=\"govuk-button-group\">" + Button("Add the mark") +
          ButtonLink("Back to the concern", "/concerns/" + concern_id, true) + "</div></form>";
  return site.Page(v, {.title = "Body map", .body_html = body, .back_href = "/concerns/" + concern_id,
                       .has_errors = !errors.empty()});
}

// A coordinate from the script: whole units inside the outline.
std::optional<int> Coordinate(const std::string& text, int max) {
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int value = std::stoi(text);
  return value <= max ? std::optional(value) : std::nullopt;
}

Response AddMark(Site& site, Visit& v) {
  const std::string id(v.request.PathParam("id"));
  const MarkForm f = MarkForm::From(v.form);
  Errors errors;
  service::NewBodyMark mark;
  const auto side = ParseEnum<domain::BodySide>(f.side);
  const auto area = ParseEnum<domain::BodyArea>(f.area);
  if (!side) errors.push_back({"side", "Select the front or the back of the body"});
  if (!area) errors.push_back({"area", "Select where on the body the mark is"});
  if (f.description.empty()) errors.push_back({"description", "Describe the mark: its size, colour and shape"});
  if (!errors.empty()) return BodyMapPage(site, v, id, f, errors);
  mark.side = *side;
  mark.area = *area;
  mark.description = f.description;
  const auto x = Coordinate(f.x, domain::kBodyMapWidth), y = Coordinate(f.y, domain::kBodyMapHeight);
  if (x && y) mark.point = std::pair{*x, *y};
  auto added = site.s.recording.AddBodyMark(v.context, id, mark);
  if (!added) {
    if (added.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, added.error());
    // A point outside the area named comes from a script out of step with
    // the list: the list is what the practitioner can see and correct.
    const std::string field = added.error().field == "x" ? "area" : added.error().field;
    return BodyMapPage(site, v, id, f, {{field.empty() ? "description" : field, added.error().message}});
  }
  auto record = site.s.casework.GetConcern(v.context, id);
  if (!record) return site.Failure(v, record.error());
  return Redirect("/concerns/" + id + "/body-map?added=" + std::to_string(record->body_marks.size()));
}

// ---- Files ------------------------------------------------------------------------

Response AttachmentPage(Site& site, Visit& v, const std::string& concern_id, const std::string& description,
                        const Errors& errors) {
  auto record = site.s.casework.GetConcern(v.context, concern_id);
  if (!record) return site.Failure(v, record.error());
  const std::size_t mb = site.s.recording.policy().max_bytes / (1024 * 1024);
  std::string body = ErrorSummary(errors) + Heading(record->child.FullName(), "Add a file");
  body += "<p class=\"govuk-body\">For example, a photograph of an injury taken by the school nurse, or a letter. The file "
          "is kept encrypted, and only those who can read the concern can open it.</p>";
  body += UploadFormStart("/concerns/" + concern_id + "/attachments/new", v.csrf_token) +
          FileUpload({"file", "Upload a file",
                      "A photo (JPG, PNG, WebP or HEIC) or a PDF document, smaller than " + std::to_string(mb) + " MB.", false,
                      ErrorFor(errors, "file")}) +
          Textarea({"description", "Describe the file", "What it shows, who made it and when.", false,
                    ErrorFor(errors, "description")},
                   description, 3) +
          "<div class=\"govuk-button-group\">" + Button("Add the file") +
          ButtonLink("Back to the concern", "/concerns/" + concern_id, true) + "</div></form>";
  return site.Page(v, {.title = "Add a file", .body_html = body, .back_href = "/concerns/" + concern_id,
                       .has_errors = !errors.empty()});
}

Response AddAttachment(Site& site, Visit& v) {
  const std::string id(v.request.PathParam("id"));
  const std::string description = v.form.Get("description");
  Errors errors;
  const UploadedFile* file = v.files.empty() || v.files.front().field != "file" ? nullptr : &v.files.front();
  if (!file) {
    errors.push_back({"file", "Select a file"});
  } else if (file->over_limit) {
    errors.push_back({"file", domain::CheckSize(file->size, site.s.recording.policy().max_bytes).error().message});
  }
  if (description.empty()) errors.push_back({"description", "Describe the file: what it shows and who made it"});
  if (!errors.empty()) return AttachmentPage(site, v, id, description, errors);
  auto added = site.s.recording.AddAttachment(v.context, id, {file->file_name, description, file->content});
  if (!added) {
    if (added.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, added.error());
    const std::string field = added.error().field == "description" ? "description" : "file";
    return AttachmentPage(site, v, id, description, {{field, added.error().message}});
  }
  return Redirect("/concerns/" + id + "?attached=1");
}

}  // namespace

void AddRecordingPages(Site& site) {
  site.Get("/concerns/{id}/body-map", [&site](Visit& v) {
    return BodyMapPage(site, v, std::string(v.request.PathParam("id")), {}, {});
  });
  site.Post("/concerns/{id}/body-map", [&site](Visit& v) { return AddMark(site, v); });
  site.Get("/concerns/{id}/attachments/new", [&site](Visit& v) {
    return AttachmentPage(site, v, std::string(v.request.PathParam("id")), "", {});
  });
  site.Post("/concerns/{id}/attachments/new", [&site](Visit& v) { return AddAttachment(site, v); });
  // Opened like the concern it belongs to: the same rule, audited.
  site.Get("/attachments/{id}", [&site](Visit& v) {
    auto file = site.s.recording.OpenAttachment(v.context, std::string(v.request.PathParam("id")));
    if (!file) return site.Failure(v, file.error());
    return api::AttachmentDownload(*file);
  });
}

}  // namespace jigsaw::http::web
