#include "http/web/privacy_pages.h"

#include <algorithm>
#include <memory>

#include "common/random.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

using domain::Article9Condition;
using domain::LawfulBasis;
using domain::PersonKind;
using domain::SharingPurpose;

// ---- What each record means, for a parent or carer -------------------------------

std::string_view ForPublic(LawfulBasis b) {
  switch (b) {
    case LawfulBasis::kConsent: return "Consent (UK GDPR Article 6(1)(a)): you have agreed to it.";
    case LawfulBasis::kContract: return "Contract (Article 6(1)(b)): it is needed for a contract with you.";
    case LawfulBasis::kLegalObligation: return "Legal obligation (Article 6(1)(c)): the law requires us to share it.";
    case LawfulBasis::kVitalInterests:
      return "Vital interests (Article 6(1)(d)): it is needed to protect someone's life or to prevent serious harm.";
    case LawfulBasis::kPublicTask:
      return "Public task (Article 6(1)(e)): it is needed for our official functions, such as safeguarding children.";
    case LawfulBasis::kLegitimateInterests:
      return "Legitimate interests (Article 6(1)(f)): we have a good reason, and it is fair to you.";
  }
  return "";
}

std::string_view ForPublic(Article9Condition c) {
  switch (c) {
    case Article9Condition::kExplicitConsent: return "Explicit consent (UK GDPR Article 9(2)(a)).";
    case Article9Condition::kEmploymentSocialSecurity:
      return "Employment, social security and social protection law (Article 9(2)(b)).";
    case Article9Condition::kVitalInterests:
      return "Vital interests (Article 9(2)(c)): to protect someone's life when they cannot agree.";
    case Article9Condition::kNotForProfitBody: return "The activities of a not-for-profit body (Article 9(2)(d)).";
    case Article9Condition::kMadePublic: return "Information the person has made public (Article 9(2)(e)).";
    case Article9Condition::kLegalClaims: return "Legal claims and the courts (Article 9(2)(f)).";
    case Article9Condition::kSubstantialPublicInterest:
      return "Substantial public interest (Article 9(2)(g)), for safeguarding children and people at risk (Data "
             "Protection Act 2018, Schedule 1, paragraph 18).";
    case Article9Condition::kHealthOrSocialCare: return "Health or social care (Article 9(2)(h)).";
    case Article9Condition::kPublicHealth: return "Public health (Article 9(2)(i)).";
    case Article9Condition::kArchivingResearch: return "Archiving, research and statistics (Article 9(2)(j)).";
  }
  return "";
}

std::string_view ForPublic(SharingPurpose p) {
  switch (p) {
    case SharingPurpose::kSafeguarding: return "To keep children safe from harm";
    case SharingPurpose::kEarlyHelp: return "To get a child or family early help or support";
    case SharingPurpose::kLawEnforcement: return "To prevent, investigate or prosecute crime";
  }
  return "";
}

std::string_view ForPublic(PersonKind k) {
  switch (k) {
    case PersonKind::kChild: return "children";
    case PersonKind::kParent: return "parents";
    case PersonKind::kCarer: return "carers";
    case PersonKind::kSibling: return "brothers and sisters";
    case PersonKind::kAssociatedAdult: return "other adults in a child's life";
    case PersonKind::kThirdParty: return "other people, such as someone who reported a worry";
  }
  return "";
}

// ---- The same, for a child ----------------------------------------------------------

std::string_view ForChildren(LawfulBasis b) {
  switch (b) {
    case LawfulBasis::kConsent: return "You, or your parent or carer, said yes.";
    case LawfulBasis::kContract: return "We agreed to do something for you, and we need it to do that.";
    case LawfulBasis::kLegalObligation: return "The law tells us we must.";
    case LawfulBasis::kVitalInterests: return "It keeps you or someone else from being badly hurt.";
    case LawfulBasis::kPublicTask: return "Keeping children safe is part of our job.";
    case LawfulBasis::kLegitimateInterests: return "We have a good reason, and it is fair to you.";
  }
  return "";
}

// ---- Building blocks ------------------------------------------------------------------

template <typename E, typename Fn>
std::string Bullets(const std::vector<E>& values, Fn label) {
  std::string out = "<ul class=\"govuk-list govuk-list--bullet\">";
  for (const E& v : values) out += "<li>" + Escape(label(v)) + "</li>";
  return out + "</ul>";
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string H2(std::string_view text, std::string_view id = {}) {
  return "<h2 class=\"govuk-heading-m\"" + (id.empty() ? std::string() : " id=\"" + std::string(id) + "\"") + ">" +
         Escape(text) + "</h2>";
}
std::string P(std::string_view text) { return "<p class=\"govuk-body\">" + Escape(text) + "</p>"; }

constexpr std::string_view kIcoContact =
    "the Information Commissioner's Office (ICO), the UK's independent regulator for information rights: "
    "ico.org.uk/make-a-complaint, or telephone 0303 123 1113.";

// "until the child's 25th birthday" -> "Until the child's 25th birthday".
std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string NoticeHref(const std::string& id) { return "/privacy/" + id; }
std::string ChildrenHref(const std::string& id) { return "/privacy/" + id + "/children"; }

// One active agreement as a summary card: with whom, why, what, about whom
// and on what basis.
std::string SharingCard(const service::PublishedSharing& s) {
  std::vector<std::string> people;
  for (auto k : s.people_categories) people.emplace_back(ForPublic(k));
  std::string categories = "<ul class=\"govuk-list\">";
  for (const auto& c : s.data_categories) categories += "<li>" + Escape(c) + "</li>";
  categories += "</ul>";
  std::string dates = "Since " + DisplayIsoDate(s.start_on) +
                      (s.end_on.empty() ? std::string(", until it is withdrawn") : ", until " + DisplayIsoDate(s.end_on));
  std::vector<SummaryRow> rows = {
      {"Who with", Escape(Joined(s.with)), "", ""},
      {"Why", Bullets(s.purposes, [](auto p) { return ForPublic(p); }), "", ""},
      {"What", categories, "", ""},
      {"About whom", Escape(Joined(people)), "", ""},
      {"How often", s.frequency == domain::SharingFrequency::kRegular ? "Regularly, when it is needed" : "Once", "", ""},
      {"Lawful basis", Bullets(s.lawful_bases, [](auto b) { return ForPublic(b); }), "", ""},
      {"Special category information",
       s.article9_conditions.empty() ? std::string("Not shared under this agreement")
                                     : Bullets(s.article9_conditions, [](auto c) { return ForPublic(c); }),
       "", ""},
      {"In force", Escape(dates), "", ""}};
  return "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-wrapper\"><h3 "
         "class=\"govuk-summary-card__title\">" +
         Escape(s.title) + "</h3></div><div class=\"govuk-summary-card__content\">" + SummaryList(rows) +
         "</div></div>";
}

// The rights in Annex A of the advice ("The rights of individuals"), each
// with how to use it here.
std::string RightsHtml(const std::string& organisation) {
  struct Right {
    std::string_view name, how;
  };
  const Right rights[] = {
      {"The right to be informed",
       "This page tells you how and why we use and share information. Ask us if anything is not clear."},
      {"The right of access",
       "You can ask for a copy of the information we hold about you or your child (a subject access request). Ask "
       "us in writing or in person; we answer within one month."},
      {"The right to rectification",
       "If something we hold is wrong or incomplete, ask us to correct it. We also tell the organisations we shared "
       "it with."},
      {"The right to erasure",
       "You can ask us to delete information. We may need to keep it to protect a child; if so, we will tell you why."},
      {"The right to restrict processing",
       "You can ask us to limit how we use information, for example while we check that it is correct."},
      {"The right to object",
       "You can object to us using or sharing information. We will stop unless we have strong reasons, such as "
       "keeping a child safe, and we will tell you what they are."},
      {"The right to data portability",
       "Where you gave us information and we use it with your consent or under a contract, you can ask for it in a "
       "form you can give to someone else."},
      {"Rights about automated decisions",
       "We do not make decisions about you by computer alone. A person always decides whether to share."},
  };
  std::string out = P("The law gives you rights over information about you (UK GDPR; \"The rights of individuals\" "
                      "in the government's information sharing advice). To use any of them, contact " +
                      organisation + " (see \"Who to contact\" below). You do not have to use a form or give a reason.");
  out += "<dl class=\"govuk-summary-list\">";
  for (const auto& r : rights)
    out += "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">" + Escape(r.name) +
           "</dt><dd class=\"govuk-summary-list__value\">" + Escape(r.how) + "</dd></div>";
  out += "</dl>";
  out += P("Some rights do not apply, or apply only in part, when sharing is needed to protect a child or to prevent "
           "or detect crime. If we cannot do what you ask, we will tell you why, unless telling you would put "
           "someone at risk.");
  return out;
}

std::string ContactHtml(const service::PrivacyNotice& n) {
  const std::string& name = n.organisation.name;
  std::string out = n.has_dpo ? P("Our data protection officer makes sure we look after information properly. To "
                                  "ask a question or use your rights, contact " + name +
                                  " and ask for the data protection officer.")
                              : P("To ask a question or use your rights, contact " + name +
                                  " and ask for the person responsible for data protection.");
  out += P("If you are not happy with how we have used your information, tell us first. You can also complain to " +
           std::string(kIcoContact));
  return out;
}

// Each kind of record: how long, what then, and the guidance it follows;
// kinds kept alike share one row (a child's case file is kept as a whole).
std::string RetentionHtml(const std::vector<domain::RetentionLine>& lines) {
  struct Group {
    const domain::RetentionLine* line;
    std::vector<std::string> records;
  };
  std::vector<Group> groups;
  for (const auto& l : lines) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.line->how_long == l.how_long && g.line->then == l.then && g.line->source == l.source;
    });
    if (same == groups.end()) groups.push_back({&l, {l.record}});
    else same->records.push_back(l.record);
  }
  std::string out = P("We keep information only as long as we need it. These are the periods for an organisation "
                      "like ours, each from the guidance named:");
  out += "<dl class=\"govuk-summary-list\">";
  for (const auto& g : groups) {
    std::string records;
    for (const auto& r : g.records) records += "<li>" + Escape(r) + "</li>";
    out += "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\"><ul class=\"govuk-list govuk-!-font-weight-bold govuk-!-margin-bottom-0\">" +
           records + "</ul></dt><dd class=\"govuk-summary-list__value\"><p class=\"govuk-body\">" +
           Escape(Capitalised(g.line->how_long)) + ". " + Escape(g.line->then) +
           "</p><p class=\"govuk-body-s\">Following " + Escape(g.line->source) + ".</p></dd></div>";
  }
  return out + "</dl>";
}

// ---- The pages ------------------------------------------------------------------------

Response ProblemPage(Site& site) {
  return site.PublicPage({.title = "Sorry, there is a problem with the service",
                          .body_html = "<h1 class=\"govuk-heading-l\">Sorry, there is a problem with the service</h1>" +
                                       P("Try again later.")},
                         500);
}

Response ListPage(Site& site, const service::PrivacyInformation& privacy) {
  auto organisations = privacy.Organisations();
  if (!organisations) return ProblemPage(site);
  std::string body = "<h1 class=\"govuk-heading-xl\">Privacy information</h1>";
  body += P("Each organisation in the partnership says here what information it shares to keep children safe, who "
            "with, why the law allows it, how long it keeps it, and how you can use your rights. Each also has a "
            "version written for children and young people.");
  body += P("It is worked out from each organisation's own records in Jigsaw, so it is up to date.");
  if (organisations->empty()) body += P("No organisations have been set up yet.");
  body += "<ul class=\"govuk-list\">";
  for (const auto& o : *organisations)
    body += "<li><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\">" + Escape(o.name) +
            "</h2><ul class=\"govuk-list govuk-!-margin-bottom-6\"><li>" +
            Link("Privacy notice", NoticeHref(o.id), "for " + o.name) + "</li><li>" +
            Link("Privacy notice for children and young people", ChildrenHref(o.id), "at " + o.name) + "</li></ul></li>";
  body += "</ul>";
  return site.PublicPage({.title = "Privacy information", .body_html = body});
}

Response NotFoundPage(Site& site) {
  return site.PublicPage({.title = "Page not found",
                          .body_html = "<h1 class=\"govuk-heading-l\">Page not found</h1>" +
                                       P("There is no privacy notice at this address.") +
                                       "<p class=\"govuk-body\">" + Link("See every organisation's privacy information", "/privacy") + "</p>"},
                         404);
}

// The notice, or the not-found page; nothing is looked up for an address
// that is not an id.
Result<service::PrivacyNotice> NoticeFor(const service::PrivacyInformation& privacy, Request& req) {
  const std::string id(req.PathParam("id"));
  if (!IsWellFormedId(id)) return NotFound("no such organisation");
  return privacy.NoticeOf(id);
}

Response NoticePage(Site& site, const service::PrivacyInformation& privacy, Request& req) {
  auto got = NoticeFor(privacy, req);
  if (!got) return got.error().code == ErrorCode::kNotFound ? NotFoundPage(site) : ProblemPage(site);
  const auto& n = *got;
  const std::string& name = n.organisation.name;
  std::string body = "<span class=\"govuk-caption-l\">" + Escape(name) +
                     "</span><h1 class=\"govuk-heading-xl\">Privacy notice: sharing information to keep children safe</h1>";
  body += "<p class=\"govuk-body-l\">This notice says what " + Escape(name) +
          " shares when a child may need help or protection, who with, why the law allows it, how long we keep it, and "
          "how you can use your rights.</p>";
  body += "<p class=\"govuk-body\">" + Link("Read the version for children and young people", ChildrenHref(n.organisation.id)) +
          "</p>";

  body += H2("Who we are", "who-we-are");
  body += P(name + " is responsible (the controller) for the information it holds about you and your family. We "
                   "follow the government's advice, \"Information sharing: advice for practitioners providing "
                   "safeguarding services\" (May 2024).");
  if (n.organisation.competent_authority)
    body += P("When we use information to prevent, investigate or prosecute crime, we do so under Part 3 of the Data "
              "Protection Act 2018 (law enforcement processing).");

  body += H2("What we share, and who with", "what-we-share");
  body += P("When we are worried about a child's safety or wellbeing, we may share information about the child and "
            "the people around them with other organisations that can help. We share only what is necessary and "
            "proportionate, and we record every decision to share or not to share, with our reasons.");
  if (n.sharing.empty()) {
    body += P("Today we have no data sharing agreement in force with another organisation, so we do not share "
              "information regularly. We may still share information in a single case where a child needs help or "
              "protection, as the law allows.");
  } else {
    body += P("We share regularly under these data sharing agreements, which are in force today. We may also share "
              "in a single case with another organisation where a child needs help or protection.");
    for (const auto& s : n.sharing) body += SharingCard(s);
  }

  body += H2("Why the law allows it (our lawful basis)", "lawful-basis");
  if (n.lawful_bases.empty()) {
    body += P("We decide the lawful basis for each share when we make it, and record it with our decision.");
  } else {
    body += P("Our data sharing agreements rely on these lawful bases (UK GDPR Article 6):");
    body += Bullets(n.lawful_bases, [](auto b) { return ForPublic(b); });
    if (!n.article9_conditions.empty()) {
      body += P("Some information needs extra protection, such as information about health (special category "
                "information). For that we rely on (UK GDPR Article 9):");
      body += Bullets(n.article9_conditions, [](auto c) { return ForPublic(c); });
    }
  }
  body += P("We usually tell you before we share, or as soon as we can afterwards. We do not tell you when telling "
            "you could put a child or someone else at risk of harm.");

  body += H2("How long we keep it", "how-long") + RetentionHtml(n.retention);

  body += H2("Your rights", "your-rights") + RightsHtml(name);
  body += H2("Who to contact", "contact") + ContactHtml(n);
  body += "<p class=\"govuk-body-s\">This notice was worked out from our records on " + Escape(DisplayIsoDate(n.today)) +
          ". " + Link("See every organisation's privacy information", "/privacy") + ".</p>";
  return site.PublicPage({.title = "Privacy notice: " + name, .body_html = body, .back_href = "/privacy"});
}

Response ChildrenPage(Site& site, const service::PrivacyInformation& privacy, Request& req) {
  auto got = NoticeFor(privacy, req);
  if (!got) return got.error().code == ErrorCode::kNotFound ? NotFoundPage(site) : ProblemPage(site);
  const auto& n = *got;
  const std::string& name = n.organisation.name;
  std::string body = "<span class=\"govuk-caption-l\">" + Escape(name) +
                     "</span><h1 class=\"govuk-heading-xl\">Your information: how we keep you safe</h1>";
  body += "<p class=\"govuk-body-l\">This page is for children and young people. It tells you what " + Escape(name) +
          " does with information about you.</p>";

  body += H2("What is information about you?");
  body += P("It is things like your name, your birthday and where you live. It is also things people tell us, like "
            "how you are feeling or if someone has hurt you.");

  body += H2("When do we share it?");
  body += P("If we are worried that you are not safe, we might tell other people who can help you. We only tell them "
            "what they need to know.");
  if (n.sharing.empty()) {
    body += P("We do not share information about you with anyone regularly. If you are not safe, we might tell "
              "people who can help, like your school, a doctor, social workers or the police.");
  } else {
    std::vector<std::string> with;
    for (const auto& s : n.sharing)
      for (const auto& w : s.with)
        if (std::find(with.begin(), with.end(), w) == with.end()) with.push_back(w);
    body += P("We have agreed with these people that we can share information with them to keep children safe:");
    body += Bullets(with, [](const std::string& w) { return w; });
  }

  body += H2("Will you know?");
  body += P("We will usually tell you, and your parent or carer, before we share. Sometimes we cannot tell you first. "
            "That is when telling you could put you or someone else in danger.");

  body += H2("Is this allowed?");
  body += P("Yes. The law says we can share information to keep children safe.");
  if (!n.lawful_bases.empty()) {
    body += P("We can share it because:");
    body += Bullets(n.lawful_bases, [](auto b) { return ForChildren(b); });
  }

  body += H2("How long do we keep it?") + P(n.retention_for_children);

  body += H2("What you can ask us");
  body += Bullets(std::vector<std::string_view>{
                      "You can ask to see the information we have about you.",
                      "You can ask us to fix it if it is wrong.",
                      "You can ask us to delete it, or to stop using it. If we need it to keep you safe, we will tell "
                      "you why we cannot.",
                      "You can tell us you do not want us to share it. We will listen, and tell you what we decide.",
                      "You can ask for a copy to give to someone else.",
                      "A person always decides about you, not a computer."},
                  [](std::string_view s) { return s; });
  body += P("You do not need a reason to ask. We will answer within one month.");

  body += H2("Who can you talk to?");
  body += P("You can talk to any adult you trust at " + name + ". They will help you ask.");
  if (n.has_dpo)
    body += P("You can also ask for our data protection officer. Their job is to make sure we look after "
              "information properly.");
  body += P("If you are not happy with what we did, you can tell the Information Commissioner's Office. They check "
            "that we follow the rules. Call 0303 123 1113.");
  body += P("If you need to talk to someone now, call Childline for free on 0800 1111.");
  body += "<p class=\"govuk-body\">" + Link("Read the full privacy notice", NoticeHref(n.organisation.id)) + "</p>";
  return site.PublicPage({.title = "Your information: " + name, .body_html = body,
                          .back_href = NoticeHref(n.organisation.id)});
}

}  // namespace

void AddPrivacyPages(Router& router, WebServices services, WebOptions options, service::PrivacyInformation& privacy) {
  // Each handler holds the site, so it lives as long as the router does.
  auto site = std::make_shared<Site>(router, services, std::move(options));
  auto* p = &privacy;
  // Public: Router::Add, not Site::Get, which would send the visitor to sign in.
  router.Add("GET", "/privacy", [site, p](Request&) { return ListPage(*site, *p); });
  router.Add("GET", "/privacy/{id}", [site, p](Request& req) { return NoticePage(*site, *p, req); });
  router.Add("GET", "/privacy/{id}/children", [site, p](Request& req) { return ChildrenPage(*site, *p, req); });
}

}  // namespace jigsaw::http::web
