// The pages' building blocks: escaping, GOV.UK markup for errors, form
// reading, and form tokens.
#include <gtest/gtest.h>

#include "access/credentials.h"
#include "http/web/forms.h"
#include "http/web/html.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

TEST(Html, EscapesEveryCharacterThatCouldBreakOutOfTextOrAnAttribute) {
  EXPECT_EQ(Escape(R"(<a href="x" onclick='y'>&</a>)"), "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(Escape("Zoë O'Neill"), "Zoë O&#39;Neill");
}

// The child's own words are shown in quotation marks: the marks the
// practitioner typed around them are not shown a second time.
TEST(Html, WordsInQuotationMarksAreNotQuotedTwice) {
  EXPECT_EQ(WithoutOuterQuotes("\"Dad grabbed me\""), "Dad grabbed me");
  EXPECT_EQ(WithoutOuterQuotes("\u201CDad grabbed me\u201D"), "Dad grabbed me");
  EXPECT_EQ(WithoutOuterQuotes("'No food'"), "No food");
  EXPECT_EQ(WithoutOuterQuotes("He said \"stop\" twice"), "He said \"stop\" twice");
  EXPECT_EQ(WithoutOuterQuotes("\"unclosed"), "\"unclosed");
  EXPECT_EQ(WithoutOuterQuotes("\""), "\"");
  EXPECT_EQ(WithoutOuterQuotes("\"Stop\" and \"go\""), "\"Stop\" and \"go\"");
}

TEST(Html, AnAddressTakesASecondLineOnlyForAPostcodeAfterIt) {
  EXPECT_EQ(AddressHtml("12 Mill Lane", "BF1 2AB"), "12 Mill Lane<br>BF1 2AB");
  EXPECT_EQ(AddressHtml("", "BF1 2AB"), "BF1 2AB");
  EXPECT_EQ(AddressHtml("12 Mill Lane", ""), "12 Mill Lane");
  EXPECT_EQ(AddressHtml("<b>", ""), "&lt;b&gt;");
}

TEST(Html, ADateInputReadsAsAnIsoDateOrSaysItIsNotOne) {
  EXPECT_EQ(IsoDate(Form("dob-day=29&dob-month=2&dob-year=2016"), "dob"), "2016-02-29");
  EXPECT_EQ(IsoDate(Form("dob-day=31&dob-month=2&dob-year=2016"), "dob"), "?");
  EXPECT_EQ(IsoDate(Form("dob-day=1&dob-month=2&dob-year=16"), "dob"), "?");
  EXPECT_EQ(IsoDate(Form("other=1"), "dob"), "");
}

TEST(Html, TextInputShowsItsErrorByTheFieldAndInTheSummary) {
  const std::string input = TextInput({"postcode", "Postcode", "", false, "Enter a real postcode"}, "\"><script>");
  EXPECT_NE(input.find("govuk-form-group--error"), std::string::npos);
  EXPECT_NE(input.find("aria-describedby=\"postcode-error\""), std::string::npos);
  EXPECT_NE(input.find("value=\"&quot;&gt;&lt;script&gt;\""), std::string::npos);
  const std::string summary = ErrorSummary({{"postcode", "Enter a real postcode"}});
  EXPECT_NE(summary.find("<a href=\"#postcode\">Enter a real postcode</a>"), std::string::npos);
  EXPECT_EQ(ErrorSummary({}), "");
}

TEST(Html, RadiosCheckTheChosenOptionAndGiveTheFirstTheFieldsId) {
  const std::string html = Radios({"level", "How worried are you?", "", true, ""},
                                  {{"low", "Low", "", false}, {"high", "High", "", false}}, "high");
  EXPECT_NE(html.find("id=\"level\" name=\"level\" type=\"radio\" value=\"low\">"), std::string::npos);
  EXPECT_NE(html.find("id=\"level-2\" name=\"level\" type=\"radio\" value=\"high\" checked"), std::string::npos);
  EXPECT_NE(html.find("<h1 class=\"govuk-fieldset__heading\">How worried are you?</h1>"), std::string::npos);
}

TEST(Html, APageWithErrorsSaysSoInItsTitle) {
  EXPECT_NE(RenderPage({.title = "Add a child", .has_errors = true}).find("<title>Error: Add a child - Jigsaw</title>"),
            std::string::npos);
  EXPECT_NE(RenderPage({.title = "Add a child"}).find("<title>Add a child - Jigsaw</title>"), std::string::npos);
}

TEST(Html, TimesAreShownInUkLocalTime) {
  // 2026-07-01 13:05 UTC is 2:05pm BST; 2026-12-01 13:05 UTC is 1:05pm GMT.
  EXPECT_EQ(DisplayTime(*ParseRfc3339("2026-07-01T13:05:00Z")), "1 July 2026 at 2:05pm");
  EXPECT_EQ(DisplayTime(*ParseRfc3339("2026-12-01T13:05:00Z")), "1 December 2026 at 1:05pm");
  EXPECT_EQ(DisplayTime(*ParseRfc3339("2026-12-01T00:30:00Z")), "1 December 2026 at 12:30am");
  EXPECT_EQ(DisplayIsoDate("2017-05-14"), "14 May 2017");
}

TEST(Forms, ReadsTrimmedValuesCheckboxesAndTextAreaLineBreaks) {
  Form f("name=+Ada+&forms=neglect&forms=&forms=other&note=one%0D%0Atwo");
  EXPECT_EQ(f.Get("name"), "Ada");
  EXPECT_EQ(f.All("forms"), (std::vector<std::string>{"neglect", "other"}));
  EXPECT_EQ(f.Get("note"), "one\ntwo");
  EXPECT_EQ(f.Get("missing"), "");
  EXPECT_FALSE(f.Has("missing"));
}

TEST(Redirects, GoOnlyToPathsOnThisSiteMadeOfUrlCharacters) {
  for (std::string_view ok : {"/", "/concerns/0123456789abcdef0123456789abcdef?recorded=1", "/sign-in?timed-out=1",
                              "/concerns/0123456789abcdef0123456789abcdef/share/advice"})
    EXPECT_TRUE(IsLocalAddress(ok)) << ok;
  for (std::string_view bad : {"", "https://evil.example/", "//evil.example", "/\\evil.example", "evil",
                               "/concerns/x\r\nSet-Cookie: a=b", "/concerns/x y", "/a\"b", "/<script>"})
    EXPECT_FALSE(IsLocalAddress(bad)) << bad;
  const Response good = Redirect("/concerns/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(good.status, 303);
  const auto location = [](const Response& r) {
    for (const auto& [name, value] : r.headers)
      if (name == "Location") return value;
    return std::string();
  };
  EXPECT_EQ(location(good), "/concerns/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(location(Redirect("/concerns/x\r\nSet-Cookie: jigsaw_session=attacker")), "/");
  EXPECT_EQ(location(Redirect("//evil.example")), "/");
}

TEST(FormTokens, BelongToOneSessionAndCannotBeGuessed) {
  const std::string a = access::FormToken("session-token-a-0123456789abcdef0123456789");
  const std::string b = access::FormToken("session-token-b-0123456789abcdef0123456789");
  EXPECT_EQ(a.size(), 48u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(access::FormTokenMatches("session-token-a-0123456789abcdef0123456789", a));
  EXPECT_FALSE(access::FormTokenMatches("session-token-a-0123456789abcdef0123456789", b));
  EXPECT_FALSE(access::FormTokenMatches("session-token-a-0123456789abcdef0123456789", ""));
  EXPECT_FALSE(access::FormTokenMatches("", access::FormToken("")));
}

}  // namespace
}  // namespace jigsaw::http::web
