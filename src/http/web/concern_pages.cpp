// Recording a worry: finding the child (or adding them), the people in
// their life (marking anyone whose identity must be protected), the
// concern with when and where it happened and its first piece of
// information, more information later, and the DSL's triage. The concern
// page shows its body map and files (recording_pages.cpp adds them).
#include <cstdio>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "http/web/body_map_html.h"
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using domain::PersonKind;
using domain::RelationshipKind;

std::string Heading(std::string_view caption, std::string_view text) {
  return (caption.empty() ? std::string() : "<span class=\"govuk-caption-l\">" + Escape(caption) + "</span>") +
         "<h1 class=\"govuk-heading-l\">" + Escape(text) + "</h1>";
}

// ---- Finding the child ---------------------------------------------------

Response FindChild(Site& site, Visit& v, const std::string& name, const Errors& errors,
                   const std::vector<domain::Person>* results) {
  std::string body = ErrorSummary(errors) + Heading("Record a concern", "Who is the concern about?");
  body += "<p class=\"govuk-body\">Find the child in your organisation's records, or add them if they are not there.</p>";
  body += FormStart("/concerns/new", v.csrf_token) +
          TextInput({"name", "Child's name", "First name, last name or both", false, ErrorFor(errors, "name")}, name,
                    "govuk-!-width-two-thirds", "text", "off") +
          Button("Find the child", true) + "</form>";
  if (results) {
    if (results->empty()) {
      body += "<p class=\"govuk-body\">No child with that name is in your organisation's records.</p>";
    } else {
      std::vector<std::vector<std::string>> rows;
      for (const auto& p : *results) {
        if (p.kind != PersonKind::kChild) continue;
        rows.push_back({Escape(p.FullName()), Escape(DisplayIsoDate(p.date_of_birth)), Escape(p.postcode),
                        Link("Choose", "/children/" + p.id + "/concerns/new", p.FullName())});
      }
      body += Table("Children found", {"Name", "Date of birth", "Postcode", ""}, rows);
    }
  }
  body += "<p class=\"govuk-body\">" + ButtonLink("Add a new child", "/children/new", !results || !results->empty()) + "</p>";
  return site.Page(v, {.title = "Who is the concern about?", .body_html = body, .back_href = "/", .has_errors = !errors.empty(),
                       .active_nav = "concerns"});
}

// ---- People ----------------------------------------------------------------

struct PersonForm {
  std::string given_name, family_name, dob_day, dob_month, dob_year, nhs_number, upn, address, postcode, relationship,
      is_protected, protected_reason, known_as, phone_numbers, email_addresses;
  static PersonForm From(const Form& f) {
    return {f.Get("given_name"), f.Get("family_name"), f.Get("date_of_birth-day"), f.Get("date_of_birth-month"),
            f.Get("date_of_birth-year"), f.Get("nhs_number"), f.Get("upn"), f.Get("address"), f.Get("postcode"),
            f.Get("relationship"), f.Get("is_protected"), f.Get("protected_reason"), f.Get("known_as"),
            f.Get("phone_numbers"), f.Get("email_addresses")};
  }
};

// One value a line, blank lines ignored (the service trims each).
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  for (char c : text + "\n") {
    if (c == '\n' || c == '\r') {
      if (!domain::Trim(line).empty()) out.push_back(line);
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  return out;
}

// "known_as[2]" names the second line of the known_as box.
Errors PersonErrors(const Error& e) {
  std::string field = e.field;
  if (auto bracket = field.find('['); bracket != std::string::npos) field = field.substr(0, bracket);
  return {{field.empty() ? "given_name" : field, e.message}};
}

std::string PersonFields(const PersonForm& p, const Errors& errors, bool child) {
  std::string out = TextInput({"given_name", "First name", "", false, ErrorFor(errors, "given_name")}, p.given_name,
                              "govuk-!-width-one-half", "text", "off") +
                    TextInput({"family_name", "Last name", "", false, ErrorFor(errors, "family_name")}, p.family_name,
                              "govuk-!-width-one-half", "text", "off") +
                    Textarea({"known_as", "Other names they are known by (optional)",
                              "A nickname, a shortened name or a previous surname, one a line. If their identity is "
                              "protected, these are withheld too.",
                              false, ErrorFor(errors, "known_as")},
                             p.known_as, 2) +
                    DateInput({"date_of_birth", "Date of birth", child ? "For example, 27 3 2015" : "If you know it. For example, 27 3 1985",
                               false, ErrorFor(errors, "date_of_birth")},
                              p.dob_day, p.dob_month, p.dob_year);
  if (child) {
    out += TextInput({"nhs_number", "NHS number (optional)", "10 digits, for example 485 777 3456", false, ErrorFor(errors, "nhs_number")},
                     p.nhs_number, "govuk-input--width-10", "text", "off");
    out += TextInput({"upn", "Unique pupil number (optional)", "A letter then 12 characters", false, ErrorFor(errors, "upn")}, p.upn,
                     "govuk-input--width-20", "text", "off");
  }
  out += Textarea({"address", "Address (optional)", "", false, ErrorFor(errors, "address")}, p.address, 3);
  out += TextInput({"postcode", "Postcode (optional)", "", false, ErrorFor(errors, "postcode")}, p.postcode,
                   "govuk-input--width-10", "text", "off");
  out += Textarea({"phone_numbers", "Phone numbers (optional)", "One a line", false, ErrorFor(errors, "phone_numbers")},
                  p.phone_numbers, 2);
  out += Textarea({"email_addresses", "Email addresses (optional)", "One a line", false, ErrorFor(errors, "email_addresses")},
                  p.email_addresses, 2);
  return out;
}

Result<domain::Person> ToPerson(const PersonForm& p, const Form& f, PersonKind kind, Errors& errors) {
  domain::Person person;
  person.kind = kind;
  person.given_name = p.given_name;
  person.family_name = p.family_name;
  person.date_of_birth = IsoDate(f, "date_of_birth");
  person.nhs_number = p.nhs_number;
  person.upn = p.upn;
  person.address = p.address;
  person.postcode = p.postcode;
  person.known_as = Lines(p.known_as);
  person.phone_numbers = Lines(p.phone_numbers);
  person.email_addresses = Lines(p.email_addresses);
  person.is_protected = p.is_protected == "yes";
  person.protected_reason = person.is_protected ? p.protected_reason : "";
  if (p.given_name.empty()) errors.push_back({"given_name", "Enter their first name"});
  if (p.family_name.empty()) errors.push_back({"family_name", "Enter their last name"});
  if (person.date_of_birth == "?") errors.push_back({"date_of_birth", "Date of birth must be a real date, like 27 3 2015"});
  if (kind == PersonKind::kChild && person.date_of_birth.empty())
    errors.push_back({"date_of_birth", "Enter the child's date of birth"});
  return person;
}

Response NewChild(Site& site, Visit& v, const PersonForm& p, const Errors& errors) {
  std::string body = ErrorSummary(errors) + Heading("Record a concern", "Add a child") + FormStart("/children/new", v.csrf_token) +
                     PersonFields(p, errors, true) + Button("Save and continue") + "</form>";
  return site.Page(v, {.title = "Add a child", .body_html = body, .back_href = "/concerns/new", .has_errors = !errors.empty(),
                       .active_nav = "concerns"});
}

PersonKind KindFor(RelationshipKind r) {
  switch (r) {
    case RelationshipKind::kParent: return PersonKind::kParent;
    case RelationshipKind::kCarer: return PersonKind::kCarer;
    case RelationshipKind::kSibling: return PersonKind::kSibling;
    case RelationshipKind::kHouseholdMember:
    case RelationshipKind::kAssociatedAdult: return PersonKind::kAssociatedAdult;
    case RelationshipKind::kNeighbour:
    case RelationshipKind::kOther: return PersonKind::kThirdParty;
  }
  return PersonKind::kThirdParty;
}

Response NewRelated(Site& site, Visit& v, const std::string& child_id, const PersonForm& p, const Errors& errors) {
  const bool from_concern = v.request.QueryParam("then").value_or("") == "concern";
  const std::string action = "/children/" + child_id + "/people/new" + (from_concern ? "?then=concern" : "");
  std::string body = ErrorSummary(errors) + Heading("The child's record", "Add someone in the child's life") +
                     FormStart(action, v.csrf_token) + PersonFields(p, errors, false) +
                     Radios({"relationship", "Who are they to the child?", "", false, ErrorFor(errors, "relationship")},
                            OptionsOf<RelationshipKind>(), p.relationship) +
                     Radios({"is_protected", "Could they be harmed if their details became known?",
                             "For example, a neighbour who reported abuse, or a parent escaping domestic abuse. "
                             "Their name, address and other details will be withheld from anything you share.",
                             false, ErrorFor(errors, "is_protected")},
                            {{"yes", "Yes, protect their identity", "", false}, {"no", "No", "", false}}, p.is_protected) +
                     Textarea({"protected_reason", "If yes, why must their identity be protected?", "", false,
                               ErrorFor(errors, "protected_reason")},
                              p.protected_reason, 3) +
                     Button("Save") + "</form>";
  return site.Page(v, {.title = "Add someone in the child's life", .body_html = body,
                       .back_href = from_concern ? "/children/" + child_id + "/concerns/new" : "/children/" + child_id,
                       .has_errors = !errors.empty(), .active_nav = "concerns"});
}

// ---- The concern -------------------------------------------------------------

struct ItemForm {
  std::string text, source, accuracy, date_day, date_month, date_year;
  std::vector<std::string> identifies, sensitive;
  static ItemForm From(const Form& f) {
    return {f.Get("item_text"), f.Get("item_source"), f.Get("item_accuracy"), f.Get("item_date-day"), f.Get("item_date-month"),
            f.Get("item_date-year"), f.All("item_identifies"), f.All("item_sensitive")};
  }
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ItemForm, text, source, accuracy, date_day, date_month, date_year, identifies,
                                                sensitive)

std::string ItemFields(const ItemForm& i, const Errors& errors, const std::vector<service::RelatedPerson>& related, bool required) {
  std::string out = Textarea({"item_text", required ? "The information" : "Information others may need (optional)",
                              "One fact or opinion, in a few sentences. Say what is fact and what is opinion.", false,
                              ErrorFor(errors, "item_text")},
                             i.text, 4);
  out += TextInput({"item_source", "Where it came from", "For example, class teacher, the child, GP record", false,
                    ErrorFor(errors, "item_source")},
                   i.source, "govuk-!-width-two-thirds");
  out += DateInput({"item_date", "When it happened or you learnt it (optional)", "For example, 24 11 2026", false,
                    ErrorFor(errors, "item_date")},
                   i.date_day, i.date_month, i.date_year);
  out += Radios({"item_accuracy", "Is it fact or opinion?", "", false, ErrorFor(errors, "item_accuracy")},
                OptionsOf<domain::Accuracy>(), i.accuracy.empty() ? "unverified" : i.accuracy);
  if (!related.empty()) {
    std::vector<Option> people;
    for (const auto& r : related)
      people.push_back({r.person.id, r.person.FullName(),
                        r.person.is_protected ? "Identity protected: withheld from anything shared" : "", false});
    out += Checkboxes({"item_identifies", "Does it name anyone else?", "Select everyone it names or could identify", false,
                       ErrorFor(errors, "item_identifies")},
                      people, i.identifies);
  }
  out += Checkboxes({"item_sensitive", "Is any of it sensitive?", "Select all that apply", false, ""}, SensitivityOptions(),
                    i.sensitive);
  return out;
}

std::optional<service::NewItem> ToItem(const ItemForm& i, const Form& f, Errors& errors, bool required) {
  if (i.text.empty()) {
    if (required) errors.push_back({"item_text", "Enter the information"});
    return std::nullopt;
  }
  service::NewItem item;
  item.text = i.text;
  item.source = i.source;
  if (i.source.empty()) errors.push_back({"item_source", "Enter where the information came from"});
  item.date = IsoDate(f, "item_date");
  if (item.date == "?") errors.push_back({"item_date", "The date must be a real date, like 24 11 2026"});
  item.accuracy = ParseEnum<domain::Accuracy>(i.accuracy).value_or(domain::Accuracy::kUnverified);
  item.identifies = i.identifies;
  ApplySensitivity(i.sensitive, item);
  return item;
}

struct ConcernForm {
  std::vector<std::string> forms;
  std::string level, what_happened, child_words;
  ItemForm item;
  // When and where it happened: GOV.UK date fields, hours and minutes, a place.
  std::string incident_day, incident_month, incident_year, incident_hour, incident_minute, incident_place;
  static ConcernForm From(const Form& f) {
    return {f.All("forms"), f.Get("level"), f.Get("what_happened"), f.Get("child_words"), ItemForm::From(f),
            f.Get("incident_date-day"), f.Get("incident_date-month"), f.Get("incident_date-year"),
            f.Get("incident_time-hour"), f.Get("incident_time-minute"), f.Get("incident_place")};
  }
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ConcernForm, forms, level, what_happened, child_words, item, incident_day,
                                                incident_month, incident_year, incident_hour, incident_minute, incident_place)

// The concern form's answers while its author adds someone in the child's
// life part of the way through: kept as a sealed draft (service::Drafts),
// never in the address or hidden fields, and put back when they return.
std::string DraftSubject(const std::string& child_id) { return "concern-form:" + child_id; }

ConcernForm LoadDraft(Site& site, Visit& v, const std::string& child_id) {
  auto text = site.s.drafts.Load(v.context, DraftSubject(child_id));
  if (!text || text->empty()) return {};
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return {};
  try {
    return j.get<ConcernForm>();
  } catch (const nlohmann::json::exception&) {
    return {};  // a draft from an older form: start again
  }
}

// "14", "5" -> "14:05"; empty if both are empty; "?" if they are not a time.
std::string ClockTime(const std::string& hour, const std::string& minute) {
  if (hour.empty() && minute.empty()) return "";
  const auto number = [](const std::string& t, int max) -> int {
    if (t.empty() || t.size() > 2 || t.find_first_not_of("0123456789") != std::string::npos) return -1;
    const int n = std::stoi(t);
    return n <= max ? n : -1;
  };
  const int h = number(hour, 23), m = number(minute, 59);
  if (h < 0 || m < 0) return "?";
  // h and m are checked above: two digits each.
  char out[16];
  std::snprintf(out, sizeof out, "%02d:%02d", h, m);
  return out;
}

Response ConcernPage(Site& site, Visit& v, const service::PersonRecord& child, const ConcernForm& c, const Errors& errors) {
  const std::string base = "/children/" + child.person.id;
  std::string body = ErrorSummary(errors) + Heading("Record a concern", "What are you worried about?");
  body += "<p class=\"govuk-body\">About <strong>" + Escape(child.person.FullName()) + "</strong>, born " +
          Escape(DisplayIsoDate(child.person.date_of_birth)) + ".</p>";
  body += Warning("If a child is in immediate danger, call 999 now. Record it here afterwards.");
  body += FormStart(base + "/concerns/new", v.csrf_token);
  body += Checkboxes({"forms", "What kind of harm or risk is it?", "Select all that apply", false, ErrorFor(errors, "forms")},
                     OptionsOf<domain::AbuseForm>(), c.forms);
  body += Radios({"level", "How worried are you?", "", false, ErrorFor(errors, "level")}, OptionsOf<domain::ConcernLevel>(), c.level);
  body += DateInput({"incident_date", "When did it happen? (optional)",
                     "If you know. Not when you are recording it. For example, 24 11 2026", false, ErrorFor(errors, "incident_date")},
                    c.incident_day, c.incident_month, c.incident_year);
  body += TimeInput({"incident_time", "At what time? (optional)", "Use the 24-hour clock. For example, 8 and 45, or 15 and 20",
                     false, ErrorFor(errors, "incident_time")},
                    c.incident_hour, c.incident_minute);
  body += TextInput({"incident_place", "Where did it happen? (optional)", "For example, the playground, or at home, as the child told it",
                     false, ErrorFor(errors, "incident_place")},
                    c.incident_place, "govuk-!-width-two-thirds");
  body += Textarea({"what_happened", "What did you see or hear?",
                    "Say what happened and who was there. Stick to what you saw and heard.", false,
                    ErrorFor(errors, "what_happened")},
                   c.what_happened, 6);
  body += Textarea({"child_words", "What did the child say, in their own words? (optional)", "Write down exactly what they said", false,
                    ErrorFor(errors, "child_words")},
                   c.child_words, 3);
  body += "<h2 class=\"govuk-heading-m\">Information you may need to share</h2>"
          "<p class=\"govuk-body\">Each piece of information is kept separately, so that only what is needed is shared.</p>";
  body += ItemFields(c.item, errors, child.related, false);
  body += "<div class=\"govuk-button-group\">" + Button("Record the concern") +
          Button("Add someone in the child's life", true, "then", "add-person") + "</div>";
  body += "<p class=\"govuk-body\">Someone the information names is not listed? Add them: what you have written here is "
          "kept until you come back.</p></form>";
  return site.Page(v, {.title = "What are you worried about?", .body_html = body, .back_href = "/concerns/new",
                       .has_errors = !errors.empty(), .active_nav = "concerns"});
}

std::string ItemSummary(const domain::InformationItem& i, const std::map<std::string, domain::Person>& people) {
  std::string named;
  for (const auto& id : i.identifies) {
    auto it = people.find(id);
    if (it == people.end()) continue;
    if (!named.empty()) named += ", ";
    named += Escape(it->second.FullName()) + (it->second.is_protected ? " " + Tag("Protected", Colour::kPurple) : "");
  }
  std::string out = Paragraphs(i.text) + "<p class=\"govuk-body-s\">" + Escape(Label(i.accuracy)) + ". From " + Escape(i.source);
  if (!i.date.empty()) out += ", " + Escape(DisplayIsoDate(i.date));
  out += ".";
  if (!named.empty()) out += " Names: " + named + ".";
  return out + "</p>";
}

// "340 KB", "2.5 MB".
std::string FileSize(std::int64_t bytes) {
  char out[32];
  if (bytes < 1024 * 1024) std::snprintf(out, sizeof out, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
  else std::snprintf(out, sizeof out, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return out;
}

// The body map and the files, each with what it holds and how to add more.
std::string RecordedSections(const service::ConcernRecord& r) {
  const std::string base = "/concerns/" + r.concern.id;
  std::string out = "<h2 class=\"govuk-heading-m\" id=\"body-map\">Body map</h2>";
  if (r.body_marks.empty()) {
    out += "<p class=\"govuk-body\">No marks have been recorded.</p>";
  } else {
    out += BodyMapFigure(r.body_marks) + BodyMapTable(r.body_marks);
  }
  out += "<p class=\"govuk-body\">" + Link("Add a mark to the body map", base + "/body-map") + "</p>";
  out += "<h2 class=\"govuk-heading-m\" id=\"attachments\">Files</h2>";
  if (r.attachments.empty()) {
    out += "<p class=\"govuk-body\">No files have been added.</p>";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : r.attachments)
      rows.push_back({Link(a.file_name, "/attachments/" + a.id, "(download)"), Paragraphs(a.description),
                      Escape(domain::DescriptionOf(a.type)) + ", " + Escape(FileSize(a.size_bytes)),
                      Escape(DisplayTime(a.created_at))});
    out += Table("", {"File", "What it is", "Kind and size", "Added"}, rows);
  }
  return out + "<p class=\"govuk-body\">" + Link("Add a file", base + "/attachments/new") + "</p>";
}

Response ConcernView(Site& site, Visit& v, const std::string& id) {
  auto record = site.s.casework.GetConcern(v.context, id);
  if (!record) return site.Failure(v, record.error());
  const auto& c = record->concern;
  std::map<std::string, domain::Person> people;
  if (auto child = site.s.casework.GetPerson(v.context, c.child_id))
    for (const auto& r : child->related) people[r.person.id] = r.person;
  std::string body = Heading("Concern", "Concern about " + record->child.FullName());
  if (v.request.QueryParam("attached"))
    body = NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">File added.</p>", true) + body;
  if (v.request.QueryParam("recorded"))
    body = NotificationBanner("Success", "<p class=\"govuk-notification-banner__heading\">Concern recorded. Your designated "
                                         "safeguarding lead has been told.</p>", true) + body;
  std::string forms;
  for (auto f : c.forms) forms += (forms.empty() ? "" : ", ") + std::string(Label(f));
  std::vector<SummaryRow> rows = {
      {"Child", Link(record->child.FullName(), "/children/" + record->child.id), "", ""},
      {"Kind of harm", Escape(forms), "", ""},
      {"Level", Escape(Label(c.level)), "", ""},
      {"What was seen or heard", Paragraphs(c.what_happened), "", ""},
  };
  if (!c.child_words.empty()) rows.push_back({"The child's words", "<q>" + Escape(WithoutOuterQuotes(c.child_words)) + "</q>", "", ""});
  if (!c.incident_date.empty())
    rows.push_back({"When it happened",
                    Escape(DisplayIsoDate(c.incident_date)) + (c.incident_time.empty() ? "" : " at " + Escape(c.incident_time)), "", ""});
  if (!c.incident_place.empty()) rows.push_back({"Where it happened", Escape(c.incident_place), "", ""});
  rows.push_back({"Recorded", Escape(DisplayTime(c.created_at)), "", ""});
  rows.push_back({"Status", Escape(Label(c.status)) + (c.next_step ? ": " + Escape(Label(*c.next_step)) : ""), "", ""});
  if (!c.next_step_note.empty()) rows.push_back({"DSL's note", Paragraphs(c.next_step_note), "", ""});
  body += SummaryList(rows);
  body += "<div class=\"govuk-button-group\">" + ButtonLink("Should I share?", "/concerns/" + c.id + "/share") +
          ButtonLink("Share now in an emergency", "/concerns/" + c.id + "/emergency", true) +
          ButtonLink("Add information", "/concerns/" + c.id + "/items/new", true) + "</div>";
  body += "<h2 class=\"govuk-heading-m\">Information recorded</h2>";
  if (record->items.empty()) body += "<p class=\"govuk-body\">None yet.</p>";
  // Each item can be corrected by a superseding version (docs/rights.md),
  // whose page shows the earlier versions.
  for (const auto& i : record->items)
    body += "<div class=\"jigsaw-item\">" + ItemSummary(i, people) + "<p class=\"govuk-body-s\">" +
            Link("Correct", "/items/" + i.id + "/correct", "this information") + "</p></div>";
  body += RecordedSections(*record);

  if (v.who.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead) && c.organisation_id == v.who.actor.organisation_id) {
    body += "<h2 class=\"govuk-heading-m\">Triage (designated safeguarding lead)</h2>";
    if (c.status == domain::ConcernStatus::kNew)
      body += FormStart("/concerns/" + c.id + "/seen", v.csrf_token) + Button("Mark as seen", true) + "</form>";
    body += FormStart("/concerns/" + c.id + "/next-step", v.csrf_token) +
            Radios({"step", "What happens next?", "", false, ""}, OptionsOf<domain::NextStep>(),
                   c.next_step ? std::string(ToString(*c.next_step)) : "") +
            Textarea({"note", "Note (optional)", "Why, and who will do it", false, ""}, "", 3) + Button("Record the next step") +
            "</form>";
  }
  auto case_html = CaseHtml(site, v, c);
  if (!case_html) return site.Failure(v, case_html.error());
  body += *case_html;
  return site.Page(v, {.title = "Concern", .body_html = body, .back_href = "/"});
}

Response AddItemPage(Site& site, Visit& v, const std::string& concern_id, const ItemForm& item, const Errors& errors) {
  auto record = site.s.casework.GetConcern(v.context, concern_id);
  if (!record) return site.Failure(v, record.error());
  auto child = site.s.casework.GetPerson(v.context, record->child.id);
  if (!child) return site.Failure(v, child.error());
  std::string body = ErrorSummary(errors) + Heading("Concern about " + record->child.FullName(), "Add information") +
                     FormStart("/concerns/" + concern_id + "/items/new", v.csrf_token) + ItemFields(item, errors, child->related, true) +
                     Button("Save the information") + "</form>";
  return site.Page(v, {.title = "Add information", .body_html = body, .back_href = "/concerns/" + concern_id,
                       .has_errors = !errors.empty()});
}

// Service errors name the service's fields; the form's are prefixed.
Errors ItemErrors(const Error& e) {
  std::string field = e.field;
  if (auto dot = field.rfind('.'); dot != std::string::npos) field = field.substr(dot + 1);
  if (field == "text" || field == "source" || field == "date" || field == "identifies" || field == "accuracy")
    return {{"item_" + field, e.message}};
  return FieldErrors(e, "what_happened");
}

}  // namespace

void AddConcernPages(Site& site) {
  site.Get("/concerns/new", [&site](Visit& v) {
    // Not a form to fill in and then be refused: say so at once.
    if (auto may = access::Authorise(v.context.actor, access::Action::kRecordCasework,
                                     access::RecordFacts{.organisation_id = v.context.actor.organisation_id});
        !may)
      return site.Failure(v, may.error());
    return FindChild(site, v, "", {}, nullptr);
  });
  site.Post("/concerns/new", [&site](Visit& v) {
    const std::string name = v.form.Get("name");
    if (name.size() < 2) return FindChild(site, v, name, {{"name", "Enter at least 2 letters of the child's name"}}, nullptr);
    auto found = site.s.casework.FindPeople(v.context, name);
    if (!found) return site.Failure(v, found.error());
    return FindChild(site, v, name, {}, &*found);
  });

  site.Get("/children/new", [&site](Visit& v) { return NewChild(site, v, {}, {}); });
  site.Post("/children/new", [&site](Visit& v) {
    const PersonForm p = PersonForm::From(v.form);
    Errors errors;
    auto person = ToPerson(p, v.form, PersonKind::kChild, errors);
    if (!errors.empty()) return NewChild(site, v, p, errors);
    auto added = site.s.casework.AddPerson(v.context, *person);
    if (!added) {
      if (added.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, added.error());
      return NewChild(site, v, p, PersonErrors(added.error()));
    }
    return Redirect("/children/" + added->id + "/concerns/new");
  });

  site.Get("/children/{id}/people/new", [&site](Visit& v) {
    return NewRelated(site, v, std::string(v.request.PathParam("id")), {}, {});
  });
  site.Post("/children/{id}/people/new", [&site](Visit& v) {
    const std::string child_id(v.request.PathParam("id"));
    const PersonForm p = PersonForm::From(v.form);
    Errors errors;
    auto kind = ParseEnum<RelationshipKind>(p.relationship);
    auto person = ToPerson(p, v.form, kind ? KindFor(*kind) : PersonKind::kThirdParty, errors);
    if (!kind) errors.push_back({"relationship", "Select who they are to the child"});
    if (p.is_protected.empty()) errors.push_back({"is_protected", "Select yes if their identity must be protected"});
    if (p.is_protected == "yes" && p.protected_reason.empty())
      errors.push_back({"protected_reason", "Enter why their identity must be protected"});
    if (!errors.empty()) return NewRelated(site, v, child_id, p, errors);
    // The person and their relationship to the child are written together.
    auto added = site.s.casework.AddPerson(v.context, *person, service::LinkTo{child_id, *kind});
    if (!added) {
      if (added.error().code != ErrorCode::kInvalidArgument || added.error().field == "related_person_id")
        return site.Failure(v, added.error());
      return NewRelated(site, v, child_id, p, PersonErrors(added.error()));
    }
    const bool from_concern = v.request.QueryParam("then").value_or("") == "concern";
    return Redirect(from_concern ? "/children/" + child_id + "/concerns/new" : "/children/" + child_id);
  });

  site.Get("/children/{id}/concerns/new", [&site](Visit& v) {
    auto child = site.s.casework.GetPerson(v.context, std::string(v.request.PathParam("id")));
    if (!child) return site.Failure(v, child.error());
    return ConcernPage(site, v, *child, LoadDraft(site, v, child->person.id), {});
  });
  site.Post("/children/{id}/concerns/new", [&site](Visit& v) {
    auto child = site.s.casework.GetPerson(v.context, std::string(v.request.PathParam("id")));
    if (!child) return site.Failure(v, child.error());
    const ConcernForm c = ConcernForm::From(v.form);
    if (v.form.Get("then") == "add-person") {
      if (auto kept = site.s.drafts.Save(v.context, DraftSubject(child->person.id), nlohmann::json(c).dump()); !kept)
        return site.Failure(v, kept.error());
      return Redirect("/children/" + child->person.id + "/people/new?then=concern");
    }
    Errors errors;
    service::NewConcern n;
    n.child_id = child->person.id;
    for (const auto& f : c.forms)
      if (auto form = ParseEnum<domain::AbuseForm>(f)) n.forms.push_back(*form);
    if (n.forms.empty()) errors.push_back({"forms", "Select the kind of harm or risk, or 'Something else'"});
    auto level = ParseEnum<domain::ConcernLevel>(c.level);
    if (!level) errors.push_back({"level", "Select how worried you are"});
    n.level = level.value_or(domain::ConcernLevel::kUnsure);
    n.what_happened = c.what_happened;
    n.child_words = c.child_words;
    n.incident_date = IsoDate(c.incident_day, c.incident_month, c.incident_year);
    if (n.incident_date == "?") errors.push_back({"incident_date", "The date it happened must be a real date, like 24 11 2026"});
    n.incident_time = ClockTime(c.incident_hour, c.incident_minute);
    if (n.incident_time == "?")
      errors.push_back({"incident_time", "The time it happened must be a real time, in hours (0 to 23) and minutes (0 to 59)"});
    else if (!n.incident_time.empty() && n.incident_date.empty())
      errors.push_back({"incident_date", "Enter the date it happened, or leave the time blank"});
    n.incident_place = c.incident_place;
    if (c.what_happened.empty()) errors.push_back({"what_happened", "Enter what you saw or heard"});
    if (auto item = ToItem(c.item, v.form, errors, false)) n.items.push_back(*item);
    if (!errors.empty()) return ConcernPage(site, v, *child, c, errors);
    auto raised = site.s.casework.RaiseConcern(v.context, n);
    if (!raised) {
      if (raised.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, raised.error());
      return ConcernPage(site, v, *child, c, ItemErrors(raised.error()));
    }
    (void)site.s.drafts.Discard(v.context, DraftSubject(child->person.id));  // recorded: a stale draft would only mislead
    return Redirect("/concerns/" + raised->concern.id + "?recorded=1");
  });

  site.Get("/concerns/{id}", [&site](Visit& v) { return ConcernView(site, v, std::string(v.request.PathParam("id"))); });
  site.Get("/concerns/{id}/items/new", [&site](Visit& v) {
    return AddItemPage(site, v, std::string(v.request.PathParam("id")), {}, {});
  });
  site.Post("/concerns/{id}/items/new", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    const ItemForm form = ItemForm::From(v.form);
    Errors errors;
    auto item = ToItem(form, v.form, errors, true);
    if (!errors.empty() || !item) return AddItemPage(site, v, id, form, errors);
    auto added = site.s.casework.AddItem(v.context, id, *item);
    if (!added) {
      if (added.error().code != ErrorCode::kInvalidArgument) return site.Failure(v, added.error());
      return AddItemPage(site, v, id, form, ItemErrors(added.error()));
    }
    return Redirect("/concerns/" + id);
  });
  site.Post("/concerns/{id}/seen", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    if (auto seen = site.s.casework.MarkSeen(v.context, id); !seen) return site.Failure(v, seen.error());
    return Redirect("/concerns/" + id);
  });
  site.Post("/concerns/{id}/next-step", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto step = ParseEnum<domain::NextStep>(v.form.Get("step"));
    if (!step) return Redirect("/concerns/" + id);
    if (auto done = site.s.casework.RecordNextStep(v.context, id, *step, v.form.Get("note")); !done)
      return site.Failure(v, done.error());
    return Redirect("/concerns/" + id);
  });
}

std::vector<Option> SensitivityOptions() {
  return {{"health", "It is about someone's physical or mental health", "", false},
          {"criminal_offence", "It is about a crime or an alleged crime", "", false},
          {"confidential", "It was given to you in confidence", "", false}};
}

void ApplySensitivity(const std::vector<std::string>& answers, service::NewItem& item) {
  for (const auto& s : answers) {
    if (s == "health") item.special_category.push_back(domain::SpecialCategory::kHealth);
    if (s == "criminal_offence") item.criminal_offence = true;
    if (s == "confidential") item.confidential = true;
  }
}

}  // namespace jigsaw::http::web
