// The redaction of protected identities (golden rule 5), spelling by
// spelling: each test is a way people write a protected person's details.
#include "redaction/redactor.h"

#include <gtest/gtest.h>

#include "redaction/fold.h"

namespace jigsaw::redaction {
namespace {

domain::Person Doreen() {
  domain::Person p;
  p.id = "p-doreen";
  p.kind = domain::PersonKind::kThirdParty;
  p.given_name = "Doreen";
  p.family_name = "Hargreaves-Smith";
  p.known_as = {"Dee"};
  p.date_of_birth = "1980-04-03";
  p.nhs_number = "9434765919";
  p.address = "14 Larch Close\nBrackenford";
  p.postcode = "BF1 2AB";
  p.phone_numbers = {"07700 900123"};
  p.email_addresses = {"doreen.h@example.com"};
  p.is_protected = true;
  return p;
}

std::string Redact(std::string_view text, Treatment t = Treatment::kWithhold) {
  const ProtectedPerson people[] = {{Doreen(), Protection::kIdentity, t}};
  return Redactor(people).Redact(text).text;
}

TEST(Fold, ReadsTextAsAPersonDoes) {
  EXPECT_EQ(FoldKey("Zo\xC3\xAB"), FoldKey("ZOE"));
  EXPECT_EQ(FoldKey("Zoe\xCC\x88"), FoldKey("zoe"));
  EXPECT_EQ(FoldKey("Dor\xE2\x80\x8B" "een"), FoldKey("doreen")) << "zero-width space";
  EXPECT_EQ(FoldKey("Dor\xC2\xAD" "een"), FoldKey("doreen")) << "soft hyphen";
  EXPECT_EQ(FoldKey("D\xD0\xBEr\xD0\xB5\xD0\xB5n"), FoldKey("doreen")) << "Cyrillic look-alikes";
  EXPECT_EQ(FoldKey("\xEF\xBC\xA4oreen"), FoldKey("doreen")) << "fullwidth";
  EXPECT_EQ(FoldKey("Doreen\xE2\x80\x99s"), FoldKey("doreen's"));
  EXPECT_EQ(FoldKey("\xEF\xBC\x99\xD9\xA3"), "93") << "digits of any script";
}

TEST(Fold, RemembersWhereEveryByteCameFrom) {
  const std::string text = "Zo\xC3\xAB!";
  const FoldedText f = Fold(text);
  ASSERT_EQ(f.text, "zoe!");
  EXPECT_EQ(f.begin[2], 2u);
  EXPECT_EQ(f.end[2], 4u);
  EXPECT_EQ(f.begin[3], 4u);
}

TEST(Redactor, WithholdsNamesHoweverTheyAreWritten) {
  EXPECT_EQ(Redact("Doreen Hargreaves-Smith called."), "[name withheld] called.");
  EXPECT_EQ(Redact("Smith-Hargreaves called."), "[name withheld] called.");
  EXPECT_EQ(Redact("Mrs Hargreaves called."), "Mrs [name withheld] called.");
  EXPECT_EQ(Redact("Doreen\xE2\x80\x99s dog"), "[name withheld] dog");
  EXPECT_EQ(Redact("DOREEN'S dog"), "[name withheld] dog");
  EXPECT_EQ(Redact("Dee came"), "[name withheld] came");
  EXPECT_EQ(Redact("D. Hargreaves came"), "[name withheld] came");
  EXPECT_EQ(Redact("D Smith came"), "[name withheld] came");
  EXPECT_EQ(Redact("Dor\xC3\xA9" "en came"), "[name withheld] came");
  EXPECT_EQ(Redact("D\xD0\xBEr\xD0\xB5\xD0\xB5n came"), "[name withheld] came");
  EXPECT_EQ(Redact("Dor\xE2\x80\x8B" "een came"), "[name withheld] came");
  EXPECT_EQ(Redact("DoreenHargreaves came"), "[name withheld] came");
  EXPECT_EQ(Redact("user doreen80 posted"), "user [name withheld] posted");
  EXPECT_EQ(Redact("Neighbour\xC2\xA0" "Doreen\xE2\x80\x94" "again"), "Neighbour\xC2\xA0[name withheld]\xE2\x80\x94" "again");
}

TEST(Redactor, WithholdsNamesThatAreBrokenUpDisguisedOrInAnotherAlphabet) {
  for (const char* text : {"Dor-een", "Dor.een", "Har-\ngreaves", "D o r e e n", "D-O-R-E-E-N", "Doreens",
                           "Dor\xF0\x9F\x98\x80" "een", "Dore\xE2\x83\x9D" "en", "D0r33n", "H4rgr34v3s",
                           "Dor\xCE\xB5\xCE\xB5n",
                           "\xF0\x9F\x85\xB3\xF0\x9F\x85\xBE\xF0\x9F\x86\x81\xF0\x9F\x85\xB4\xF0\x9F\x85\xB4\xF0\x9F\x85\xBD",
                           "\xD0\x94\xD0\xBE\xD1\x80\xD0\xB5\xD0\xB5\xD0\xBD", "MRSHARGREAVES"})
    EXPECT_EQ(Redact(std::string("Seen: ") + text + " today"), "Seen: [name withheld] today") << text;
  // A space alone between ordinary words does not make a name: "a man" is not "Aman".
  domain::Person aman = Doreen();
  aman.given_name = "Aman";
  aman.known_as.clear();
  const ProtectedPerson people[] = {{aman, Protection::kIdentity, Treatment::kWithhold}};
  EXPECT_EQ(Redactor(people).Redact("I saw a man at the gate").text, "I saw a man at the gate");
}

TEST(Redactor, LeavesOtherWordsAlone) {
  EXPECT_EQ(Redact("The deer and the Smithsonian were annual events."), "The deer and the Smithsonian were annual events.");
  EXPECT_EQ(Redact("Doreena is someone else"), "Doreena is someone else");
}

TEST(Redactor, WithholdsIdentifiersHoweverTheyAreSpaced) {
  for (const char* nhs : {"9434765919", "943 476 5919", "943-476-5919", "9434 765 919", "943.476.5919"})
    EXPECT_EQ(Redact(std::string("NHS ") + nhs + "."), "NHS [detail withheld].") << nhs;
  for (const char* pc : {"BF1 2AB", "BF12AB", "bf1  2ab", "BF1-2AB"})
    EXPECT_EQ(Redact(std::string("At ") + pc + " now"), "At [detail withheld] now") << pc;
  for (const char* phone : {"07700 900123", "07700900123", "+44 7700 900123", "+44 (0)7700 900 123"})
    EXPECT_EQ(Redact(std::string("Ring ") + phone + " today"), "Ring [detail withheld] today") << phone;
  EXPECT_EQ(Redact("Mail doreen.h@example.com now"), "Mail [detail withheld] now");
}

// Found by the redaction fuzz target: a phone number glued between letters
// was cut and left "dee" standing alone, which is her other name.
TEST(Redactor, ADetailGluedToAWordTakesTheWholeWord) {
  EXPECT_EQ(Redact("Ring dee07700900123o now"), "Ring [detail withheld] now");
  EXPECT_EQ(Redact("Ring d\u00e9e07700900123\u00f3 now"), "Ring [detail withheld] now");
  EXPECT_EQ(Redact("Ref Smith_HSA943-476-5919."), "Ref [detail withheld].");
  EXPECT_EQ(Redact(Redact("x dee07700900123o 3/4/80 y")), Redact("x dee07700900123o 3/4/80 y")) << "nothing left to withhold";
}

TEST(Redactor, WithholdsDatesOfBirthHoweverTheyAreWritten) {
  for (const char* date : {"3/4/1980", "03/04/1980", "3.4.80", "1980-04-03", "3 April 1980", "3rd April 1980",
                           "April 3, 1980", "3rd of Apr 1980", "03-04-1980", "4/3/1980"})
    EXPECT_EQ(Redact(std::string("Born ") + date + "."), "Born [detail withheld].") << date;
  EXPECT_EQ(Redact("Seen 3/4/2020."), "Seen 3/4/2020.");
}

TEST(Redactor, WithholdsEveryLineOfTheAddressAndTheStreetAlone) {
  EXPECT_EQ(Redact("Lives at 14 Larch Close."), "Lives at [detail withheld].");
  EXPECT_EQ(Redact("Lives on Larch Close."), "Lives on [detail withheld].");
  EXPECT_EQ(Redact("Moved to Brackenford."), "Moved to [detail withheld].");
}

TEST(Redactor, TheChildKeepsTheirNameButNotWhereTheyLive) {
  domain::Person child = Doreen();
  child.kind = domain::PersonKind::kChild;
  const ProtectedPerson people[] = {{child, Protection::kWhereabouts, Treatment::kWithhold}};
  EXPECT_EQ(Redactor(people).Redact("Doreen now lives at 14 Larch Close.").text, "Doreen now lives at [detail withheld].");
}

TEST(Redactor, AWatchedPersonIsReportedNotCut) {
  const std::string text = "Saw Doreen today.";
  const ProtectedPerson people[] = {{Doreen(), Protection::kIdentity, Treatment::kReview}};
  const Redactor r(people);
  const Redacted first = r.Redact(text);
  EXPECT_EQ(first.text, text);
  ASSERT_EQ(first.mentions.size(), 1u);
  EXPECT_EQ(text.substr(first.mentions[0].span.begin, first.mentions[0].span.end - first.mentions[0].span.begin), "Doreen");
  EXPECT_EQ(first.mentions[0].person_id, "p-doreen");
  const Redacted second = r.Redact(text, first.mentions);
  EXPECT_EQ(second.text, "Saw [name withheld] today.");
  EXPECT_EQ(second.withheld, 1);
}

TEST(Redactor, RemovesNamesAndIdentifiersAsWholeWordsInAnyCase) {
  domain::Person olive{.kind = domain::PersonKind::kThirdParty, .given_name = "Olive", .family_name = "Pratchett",
                       .nhs_number = "9434765919", .address = "14 Mill Lane, Brackenford", .postcode = "BF1 2AB",
                       .is_protected = true};
  const ProtectedPerson people[] = {{olive, Protection::kIdentity, Treatment::kWithhold}};
  const Redactor r(people);
  const Redacted out = r.Redact("Mrs OLIVE PRATCHETT (Olive) of 14 Mill Lane, BF1 2AB, NHS 943 476 5919.");
  EXPECT_EQ(out.text, "Mrs [name withheld] ([name withheld]) of [detail withheld], [detail withheld], NHS [detail withheld].");
  EXPECT_EQ(out.withheld, 5);
  EXPECT_EQ(r.Redact("Pratchett's dog").text, "[name withheld] dog");
  EXPECT_EQ(r.Redact("Olivetti typewriter").text, "Olivetti typewriter") << "not inside other words";
}


// Golden rule 5: a protected mother shares the child's surname. The child's
// name stays (the recipient must know who the child is), but every other
// use of the surname is the mother, or may be, and is withheld.
domain::Person Poppy() {
  return {.id = "c-poppy", .kind = domain::PersonKind::kChild, .given_name = "Poppy", .family_name = "Pratchett",
          .known_as = {"Pops"}};
}
domain::Person OlivePratchett() {
  return {.id = "p-olive", .kind = domain::PersonKind::kParent, .given_name = "Olive", .family_name = "Pratchett",
          .is_protected = true};
}

TEST(Redactor, ASurnameTheChildSharesWithAProtectedMotherIsTheChildsOnlyBesideTheChildsNames) {
  const domain::Person child = Poppy();
  const ProtectedPerson people[] = {{OlivePratchett(), Protection::kIdentity, Treatment::kWithhold}};
  const Redactor r(people, &child);
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {"Mrs Pratchett came to the door.", "Mrs [name withheld] came to the door."},
           {"MRS PRATCHETT came.", "MRS [name withheld] came."},
           {"O. Pratchett signed the form.", "[name withheld] signed the form."},
           {"Pratchett's car was outside.", "[name withheld] car was outside."},
           {"Ms Pratchett-Smith rang.", "Ms [name withheld]-Smith rang."},
           {"The Pratchett household.", "The [name withheld] household."},
           {"Mrs P. Pratchett rang.", "Mrs P. [name withheld] rang."},
           {"Poppy said Mrs Pratchett shouted.", "Poppy said Mrs [name withheld] shouted."},
           {"Poppy's mum Olive Pratchett rang.", "Poppy's mum [name withheld] rang."},
           // Found by review: a title, an initial or a sentence's end before
           // the child's name does not make the surname hers.
           {"Mrs Pratchett, Poppy and the baby were seen.", "Mrs [name withheld], Poppy and the baby were seen."},
           {"Spoke to Ms Pratchett. Poppy was quiet.", "Spoke to Ms [name withheld]. Poppy was quiet."},
           {"Told Ms Pratchett Poppy had been hurt.", "Told Ms [name withheld] Poppy had been hurt."},
           {"Ms Pratchett\nPoppy said so.", "Ms [name withheld]\nPoppy said so."},
           {"PRATCHETT, Poppy\nPRATCHETT, Penny", "PRATCHETT, Poppy\n[name withheld], Penny"},
           {"O. Pratchett, Poppy came in.", "[name withheld], Poppy came in."},
           {"Poppy.\nPratchett's car again.", "Poppy.\n[name withheld] car again."},
           // The child, named as people name her.
           {"Poppy Pratchett said she was hungry.", "Poppy Pratchett said she was hungry."},
           {"POPPY PRATCHETT (Year 4).", "POPPY PRATCHETT (Year 4)."},
           {"Pratchett, Poppy: seen today.", "Pratchett, Poppy: seen today."},
           {"P. Pratchett was late.", "P. Pratchett was late."},
           {"Poppy J. Pratchett was late.", "Poppy J. Pratchett was late."},
           {"Pops Pratchett was late.", "Pops Pratchett was late."},
           {"Poppy Pratchett's coat.", "Poppy Pratchett's coat."},
       })
    EXPECT_EQ(r.Redact(text).text, expected) << text;
}

TEST(Redactor, AnInitialTheChildSharesWithTheProtectedMotherIsNotEnoughToKeepTheSurname) {
  const domain::Person child = Poppy();
  domain::Person penny = OlivePratchett();
  penny.given_name = "Penny";
  const ProtectedPerson people[] = {{penny, Protection::kIdentity, Treatment::kWithhold}};
  EXPECT_EQ(Redactor(people, &child).Redact("P. Pratchett rang.").text, "[name withheld] rang.");
}

TEST(Redactor, AWatchedPersonSharingTheChildsSurnameIsFlaggedWhereTheSurnameIsNotTheChilds) {
  const domain::Person child = Poppy();
  const ProtectedPerson people[] = {{OlivePratchett(), Protection::kIdentity, Treatment::kReview}};
  const Redactor r(people, &child);
  EXPECT_TRUE(r.Redact("Poppy Pratchett was late.").mentions.empty());
  EXPECT_TRUE(r.Redact("Poppy was late.").mentions.empty());
  const std::string text = "Mrs Pratchett was late.";
  const Redacted out = r.Redact(text);
  ASSERT_EQ(out.mentions.size(), 1u);
  EXPECT_EQ(text.substr(out.mentions[0].span.begin, out.mentions[0].span.end - out.mentions[0].span.begin), "Pratchett");
  EXPECT_EQ(out.mentions[0].person_id, "p-olive");
}


TEST(Redactor, ASharedSurnameInAScriptWithoutSpacesIsTheChildsOnlyBesideTheChildsGivenName) {
  // 王小明 (Wang Xiaoming) and his protected mother 王芳 (Wang Fang).
  const domain::Person child{.id = "c", .kind = domain::PersonKind::kChild, .given_name = "\u5c0f\u660e", .family_name = "\u738b"};
  const domain::Person mother{.id = "m", .kind = domain::PersonKind::kParent, .given_name = "\u82b3", .family_name = "\u738b",
                              .is_protected = true};
  const ProtectedPerson people[] = {{mother, Protection::kIdentity, Treatment::kWithhold}};
  const Redactor r(people, &child);
  EXPECT_EQ(r.Redact("\u738b\u5c0f\u660e said hello.").text, "\u738b\u5c0f\u660e said hello.");
  EXPECT_EQ(r.Redact("Xiaoming: \u5c0f\u660e \u738b").text, "Xiaoming: \u5c0f\u660e \u738b");
  const std::string ms_wang = r.Redact("\u738b\u5973\u58eb came.").text;  // "Ms Wang"
  EXPECT_EQ(ms_wang.find("\u738b"), std::string::npos) << ms_wang;
  EXPECT_TRUE(ms_wang.starts_with(kNameWithheld)) << ms_wang;
  EXPECT_EQ(r.Redact("Mrs \u738b came.").text, "Mrs [name withheld] came.");
  EXPECT_EQ(r.Redact("\u738b\u82b3 came.").text, "[name withheld] came.");
}

}  // namespace
}  // namespace jigsaw::redaction
