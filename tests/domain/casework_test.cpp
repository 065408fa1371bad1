// The pure rules of the case records: identifiers, deadlines in working
// days, and redaction of protected identities.
#include <gtest/gtest.h>

#include "domain/person.h"
#include "domain/redaction.h"
#include "domain/working_days.h"

namespace jigsaw::domain {
namespace {

TEST(NhsNumber, AcceptsTheModulus11CheckDigitAndNothingElse) {
  EXPECT_TRUE(IsValidNhsNumber("9434765919"));
  EXPECT_EQ(NormaliseNhsNumber("943 476 5919"), "9434765919");
  for (char last = '0'; last <= '9'; ++last)
    if (last != '9') EXPECT_FALSE(IsValidNhsNumber(std::string("943476591") + last)) << last;
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

Person Neighbour() {
  return Person{.kind = PersonKind::kThirdParty, .given_name = "Olive", .family_name = "Pratchett",
                .nhs_number = "9434765919", .address = "14 Mill Lane, Brackenford", .postcode = "BF1 2AB",
                .is_protected = true};
}

TEST(Redaction, RemovesNamesAndIdentifiersAsWholeWordsInAnyCase) {
  Redactor r;
  r.Protect(Neighbour());
  EXPECT_EQ(r.Redact("Mrs OLIVE PRATCHETT (Olive) of 14 Mill Lane, BF1 2AB, NHS 943 476 5919."),
            "Mrs [name withheld] ([name withheld]) of [detail withheld], [detail withheld], NHS [detail withheld].");
  EXPECT_EQ(r.Redact("Pratchett's dog"), "[name withheld]'s dog");
  EXPECT_EQ(r.Redact("Olivetti typewriter"), "Olivetti typewriter") << "not inside other words";
  EXPECT_EQ(r.count(), 6);
}

TEST(Redaction, TheChildKeepsTheirNameButNotWhereTheyLive) {
  Person child{.kind = PersonKind::kChild, .given_name = "Sam", .family_name = "Example",
               .address = "1 Refuge Road", .postcode = "BF9 9ZZ", .is_protected = true};
  Redactor r;
  r.Protect(child, /*identity=*/false);
  EXPECT_EQ(r.Redact("Sam Example now lives at 1 Refuge Road."), "Sam Example now lives at [detail withheld].");
}

}  // namespace
}  // namespace jigsaw::domain
