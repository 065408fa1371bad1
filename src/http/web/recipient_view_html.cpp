// What a disclosure says, as a page shows it: the same for the sharer's
// preview and for the recipient, each withheld detail marked.
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

std::string RoleName(domain::Role r) {
  return r == domain::Role::kDesignatedSafeguardingLead ? "designated safeguarding lead" : "practitioner";
}

std::string ConcernHtml(const service::RecipientView::Concern& c) {
  std::string forms;
  for (auto f : c.forms) forms += (forms.empty() ? "" : ", ") + std::string(Label(f));
  std::vector<SummaryRow> rows = {{"Level of concern", Escape(Label(c.level)), "", ""},
                                  {"What it is about", Escape(forms), "", ""}};
  if (c.what_happened) rows.push_back({"What was seen or heard", MarkWithheld(Paragraphs(*c.what_happened)), "", ""});
  if (c.child_words) rows.push_back({"The child's own words", "<q>" + MarkWithheld(Escape(WithoutOuterQuotes(*c.child_words))) + "</q>", "", ""});
  return SummaryList(rows);
}

}  // namespace

std::string RecipientViewHtml(const service::RecipientView& v) {
  std::string out;
  if (v.child) {
    const auto& c = *v.child;
    std::vector<SummaryRow> rows = {{"Name", Escape(c.given_name + " " + c.family_name), "", ""},
                                    {"Date of birth", Escape(DisplayIsoDate(c.date_of_birth)), "", ""}};
    if (!c.nhs_number.empty()) rows.push_back({"NHS number", Escape(c.nhs_number), "", ""});
    if (!c.address.empty() || !c.postcode.empty())
      rows.push_back({"Address", MarkWithheld(AddressHtml(c.address, c.postcode)), "", ""});
    out += SummaryList(rows);
  }
  // Golden rule 2, as the recipient must read it before anything else.
  if (v.family == service::FamilyInformed::kNotToBeTold)
    out += Warning("The child and family have not been told about this sharing, and must not be told without talking to " +
                   v.sharer_practitioner + " at " + v.sharer_organisation + " first: it could put the child at risk or harm an investigation.");
  else if (v.family == service::FamilyInformed::kToBeTold)
    out += Inset("The child and family have not been told yet. " + Escape(v.sharer_organisation) + " will tell them.");
  else if (v.family == service::FamilyInformed::kTold)
    out += Inset("The child and family have been told about this sharing.");
  if (v.concern) out += "<h3 class=\"govuk-heading-s\">The concern</h3>" + ConcernHtml(*v.concern);
  out += "<p class=\"govuk-body-s\">Shared by " + Escape(v.sharer_practitioner) +
         (v.sharer_role ? ", " + Escape(RoleName(*v.sharer_role)) : std::string()) + ", " + Escape(v.sharer_organisation) +
         (v.sharer_contact.empty() ? std::string() : " (" + Escape(v.sharer_contact) + ")") +
         (v.lawful_basis ? ". Lawful basis: " + Escape(Label(*v.lawful_basis)) : std::string()) + ".</p>";
  if (v.police) {
    // The force's references, for the recipient to quote back (issue 12, item 6).
    std::vector<SummaryRow> rows;
    if (!v.police->occurrence_reference.empty())
      rows.push_back({"Occurrence or crime reference", Escape(v.police->occurrence_reference), "", ""});
    if (!v.police->ppn_reference.empty())
      rows.push_back({"Public protection notice (PPN) reference", Escape(v.police->ppn_reference), "", ""});
    if (v.police->dash_risk) rows.push_back({"DASH risk level", Escape(Label(*v.police->dash_risk)), "", ""});
    out += "<h3 class=\"govuk-heading-s\">Police references</h3>" + SummaryList(rows);
  }
  if (!v.items.empty()) out += "<h3 class=\"govuk-heading-s\">Information</h3>";
  if (v.items.empty() && !(v.concern && v.concern->what_happened)) out += "<p class=\"govuk-body\">No information is chosen.</p>";
  for (const auto& i : v.items) {
    out += "<div class=\"jigsaw-item\">" + MarkWithheld(Paragraphs(i.text)) + "<p class=\"govuk-body-s\">" +
           Escape(Label(i.accuracy)) + ". From " + MarkWithheld(Escape(i.source)) +
           (i.date.empty() ? "" : ", " + Escape(DisplayIsoDate(i.date))) +
           (i.about_name ? ". About " + MarkWithheld(Escape(*i.about_name)) : std::string()) + ".</p></div>";
  }
  if (v.redactions > 0)
    out += "<p class=\"govuk-body\">" + Tag(std::to_string(v.redactions) + (v.redactions == 1 ? " detail withheld" : " details withheld"), Colour::kPurple) +
           " to protect people who could be harmed if they were identified.</p>";
  return out;
}

}  // namespace jigsaw::http::web
