// The pure rules of the case records: identifiers, deadlines in working
// days, and the input rules every form and API call shares.
#include <gtest/gtest.h>

#include "domain/casework.h"
#include "domain/organisation.h"
#include "domain/person.h"
#include "domain/text.h"
#include "domain/working_days.h"

namespace jigsaw::domain {
namespace {

TEST(NhsNumber, AcceptsTheModulus11CheckDigitAndNothingElse) {
  EXPECT_TRUE(IsValidNhsNumber("9434765919"));
  EXPECT_EQ(NormaliseNhsNumber("943 476 5919"), "9434765919");
  for (char last = '0'; last <= '9'; ++last)
    if (last != '9') {
      EXPECT_FALSE(IsValidNhsNumber(std::string("943476591") + last)) << last;
    }
  EXPECT_FALSE(IsValidNhsNumber("943476591"));
  EXPECT_FALSE(IsValidNhsNumber("94347659a9"));
  // A remainder of 1 gives check digit 10: no valid number has these nine digits.
  EXPECT_FALSE(IsValidNhsNumber("1000000010"));
}

TEST(Upn, ChecksTheLetterAgainstTheWeightedSum) {
  // Sum of digits x weights (2..13) for "000000000001" is 13; 13 mod 23 -> 'P'.
  EXPECT_TRUE(IsValidUpn("P000000000001"));
  EXPECT_FALSE(IsValidUpn("A000000000001"));
  // A temporary UPN ends in a letter: 'A' is worth 0, so the check is 'A'.
  EXPECT_TRUE(IsValidUpn("A00000000000A"));
  EXPECT_FALSE(IsValidUpn("P00000000001"));
  EXPECT_FALSE(IsValidUpn("P0000000000I1"));
}

TEST(Postcode, NormalisesAndChecksTheShape) {
  EXPECT_EQ(NormalisePostcode("sw1a1aa"), "SW1A 1AA");
  EXPECT_TRUE(IsValidPostcode("SW1A 1AA"));
  EXPECT_TRUE(IsValidPostcode("M1 1AE"));
  EXPECT_FALSE(IsValidPostcode("SWAA 1AA"));
  EXPECT_FALSE(IsValidPostcode("12345"));
}

TEST(Person, AChildIsUnder18OnTheDayTheRecordIsMade) {
  Person p{.kind = PersonKind::kChild, .given_name = "A", .family_name = "B", .date_of_birth = "2008-11-25"};
  const Time today = *ParseRfc3339("2026-11-24T12:00:00Z");
  EXPECT_TRUE(Validate(p, today));
  p.date_of_birth = "2008-11-24";  // 18 today
  auto adult = Validate(p, today);
  ASSERT_FALSE(adult);
  EXPECT_EQ(adult.error().field, "date_of_birth");
  p.date_of_birth = "2027-01-01";
  EXPECT_FALSE(Validate(p, today));
  p.date_of_birth = "2016-02-30";
  EXPECT_FALSE(Validate(p, today));
}

TEST(WorkingDays, TheEndOfTheNextWorkingDaySkipsWeekendsAndBankHolidays) {
  auto calendar = *WorkingCalendar::Make(WorkingCalendar::EnglandAndWalesBankHolidays());
  // Friday 2026-11-27 in winter (GMT): next working day Monday 30th.
  EXPECT_EQ(FormatRfc3339(calendar.EndOfWorkingDaysAfter(*ParseRfc3339("2026-11-27T16:00:00Z"), 1)),
            "2026-11-30T23:59:59Z");
  // Thursday 24 December 2026: Friday 25th and Monday 28th are bank holidays.
  EXPECT_EQ(FormatRfc3339(calendar.EndOfWorkingDaysAfter(*ParseRfc3339("2026-12-24T10:00:00Z"), 1)),
            "2026-12-29T23:59:59Z");
  // In summer (BST, UTC+1) the end of the local day is 22:59:59 UTC.
  EXPECT_EQ(FormatRfc3339(calendar.EndOfWorkingDaysAfter(*ParseRfc3339("2026-07-01T10:00:00Z"), 1)),
            "2026-07-02T22:59:59Z");
  // 23:30 UTC on a summer Tuesday is already Wednesday in the UK.
  EXPECT_EQ(FormatRfc3339(calendar.EndOfWorkingDaysAfter(*ParseRfc3339("2026-06-30T23:30:00Z"), 1)),
            "2026-07-02T22:59:59Z");
  EXPECT_EQ(FormatRfc3339(calendar.EndOfWorkingDaysAfter(*ParseRfc3339("2026-11-24T09:00:00Z"), 10)),
            "2026-12-08T23:59:59Z");
  EXPECT_FALSE(WorkingCalendar::Make({"2026-13-01"}));
}

TEST(WorkingDays, UkSummerTimeStartsAndEndsOnTheLastSundays) {
  EXPECT_EQ(WorkingCalendar::UkOffset(*ParseRfc3339("2026-03-29T00:59:59Z")).count(), 0);
  EXPECT_EQ(WorkingCalendar::UkOffset(*ParseRfc3339("2026-03-29T01:00:00Z")).count(), 60);
  EXPECT_EQ(WorkingCalendar::UkOffset(*ParseRfc3339("2026-10-25T00:59:59Z")).count(), 60);
  EXPECT_EQ(WorkingCalendar::UkOffset(*ParseRfc3339("2026-10-25T01:00:00Z")).count(), 0);
}

TEST(Input, NamesAndIdentifiersAreTrimmedAndCannotHideCharacters) {
  Person p{.kind = PersonKind::kThirdParty, .given_name = "  Doreen\t", .family_name = "Hargreaves\xC2\xA0",
           .nhs_number = " 943 476 5919 ", .postcode = " bf1  2ab ", .known_as = {" Dee ", "  "}};
  Tidy(p);
  EXPECT_EQ(p.given_name, "Doreen");
  EXPECT_EQ(p.family_name, "Hargreaves");
  EXPECT_EQ(p.nhs_number, "9434765919");
  EXPECT_EQ(p.postcode, "BF1 2AB");
  EXPECT_EQ(p.known_as, std::vector<std::string>{"Dee"});
  const Time today = FromMicros(1795000000000000);  // 2026-11-18
  EXPECT_TRUE(Validate(p, today));
  for (const char* hidden : {"Dor\xE2\x80\x8B" "een", "Dor\xC2\xAD" "een", "\xE2\x80\xAE" "neeroD", "Dor\x01" "een"}) {
    Person q = p;
    q.given_name = hidden;
    Tidy(q);
    auto refused = Validate(q, today);
    ASSERT_FALSE(refused) << hidden;
    EXPECT_EQ(refused.error().field, "given_name");
  }
  Person persian = p;
  persian.given_name = "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF\xE2\x80\x8C\xD8\xB1\xD8\xB6\xD8\xA7";  // a joiner between letters
  EXPECT_TRUE(Validate(persian, today));
}

TEST(Input, ARequestsChildIsNamedWithANameAndNothingElse) {
  InformationRequest r;
  r.requester_organisation_id = "a";
  r.holder_organisation_id = "b";
  r.needed = "Attendance";
  r.reason = "A concern about neglect";
  for (const std::string name : {"Zoë", "O'Brien", "Mary-Jane", "N\u2019Dour", "J. R.", "Мухаммад", "محمد", "李", "Nguyễn"}) {
    r.child_given_name = name;
    r.child_family_name = "Smith";
    EXPECT_TRUE(Validate(r)) << name;
  }
  // An address, a phone number or an email would reach the holder
  // unredacted: no redaction expects them in a name.
  for (const std::string name : {"Sam 14 Larch Close", "Sam (mum at the refuge)", "Sam, 07700 900123", "sam@example.com",
                                 "Sam / Doreen"}) {
    r.child_given_name = name;
    auto refused = Validate(r);
    ASSERT_FALSE(refused) << name;
    EXPECT_EQ(refused.error().field, "child.given_name") << name;
  }
  r.child_given_name = "Sam";
  r.child_family_name = "Hargreaves, 14 Larch Close";
  EXPECT_EQ(Validate(r).error().field, "child.family_name");
}

TEST(Input, FreeTextLosesInvisibleCharactersButKeepsItsLines) {
  std::string text = "  Doreen\xE2\x80\x8B said\r\nhello\xE2\x80\xAE  ";
  TidyFreeText(text);
  EXPECT_EQ(text, "Doreen said\nhello");
}

TEST(Input, AReasonMustHaveWords) {
  EXPECT_FALSE(ValidateRequiredText("rationale", "...", 100));
  EXPECT_FALSE(ValidateRequiredText("rationale", " \n\t ", 100));
  EXPECT_TRUE(ValidateRequiredText("rationale", "Risk of harm", 100));
}

TEST(Input, ImpossibleDatesAndPlaceholderNumbersAreRefused) {
  const Time today = FromMicros(1795000000000000);  // 2026-11-18
  Person p{.kind = PersonKind::kParent, .given_name = "A", .family_name = "B", .date_of_birth = "1899-12-31"};
  EXPECT_EQ(Validate(p, today).error().field, "date_of_birth");
  p.date_of_birth = "1980-01-01";
  p.nhs_number = "0000000000";
  EXPECT_EQ(Validate(p, today).error().field, "nhs_number");
  p.nhs_number = "1111111111";
  EXPECT_EQ(Validate(p, today).error().field, "nhs_number");
  InformationItem item{.text = "Seen", .source = "teacher", .date = "2026-11-19"};
  EXPECT_EQ(Validate(item, today).error().field, "date");
  item.date = "2026-11-18";
  EXPECT_TRUE(Validate(item, today));
}

// Issue 12, item 6: a police reference leaves the force as typed, so it
// must look like a reference and nothing like a person's details.
TEST(PoliceReference, AcceptsForcesReferencesAndRefusesPersonalDetails) {
  for (const char* ok : {"", "CR/012345/24", "PPN-2024-0099", "WMP-20241201-1234", "2400123456", "01/123456/24",
                         "GMP-24-0123456", "OCC 1234 5678", "BB:2024.0001"})
    EXPECT_TRUE(ValidatePoliceReference("police.occurrence_reference", ok)) << ok;
  const std::pair<const char*, const char*> refused[] = {
      {"Olive Pratchett", "does not look like a reference"},
      {"Smith 12", "does not look like a reference"},
      {"ABC", "does not look like a reference"},
      {"olive@example.org", "Use only"},
      {"CR/012345/24\n", "Use only"},
      {"1234567890123456789012345678901", "at most 30"},
      {"07700 900123", "phone number"},
      {"01632960001", "phone number"},
      {"943 476 5919", "NHS number"},
      {"bf1 2ab", "postcode"},
      {"SW1A1AA", "postcode"},
      {"07/06/2015", "date"},
      {"2015-06-07", "date"},
      // Whatever separates the digits (found by an adversarial pass).
      {"9434765919", "NHS number"},
      {"943-476-5919", "NHS number"},
      {"07700-900-123", "phone number"},
      {"447700900123", "phone number"},
      {"01 02 2015", "date"},
      {"01:02:2015", "date"},
      {"04/03/16", "date"},
  };
  for (const auto& [value, says] : refused) {
    const Status s = ValidatePoliceReference("police.ppn_reference", value);
    ASSERT_FALSE(s) << value;
    EXPECT_EQ(s.error().field, "police.ppn_reference");
    EXPECT_NE(s.error().message.find(says), std::string::npos) << value << ": " << s.error().message;
  }
}

TEST(PoliceReference, OnlyAPoliceForceRecordsThem) {
  Organisation police{.type = OrganisationType::kPolice};
  EXPECT_TRUE(RecordsPoliceReferences(police));
  for (auto type : {OrganisationType::kSchool, OrganisationType::kChildrensServices, OrganisationType::kYouthJustice,
                    OrganisationType::kProbation})
    EXPECT_FALSE(RecordsPoliceReferences(Organisation{.type = type}));
}

}  // namespace
}  // namespace jigsaw::domain
