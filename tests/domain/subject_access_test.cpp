// The subject access deadline (UK GDPR Article 12(3), the ICO's reading):
// one calendar month from receipt to the corresponding day, or the last
// day of a shorter month; extended by up to two further months.
#include <gtest/gtest.h>

#include "domain/subject_access.h"

namespace jigsaw::domain {
namespace {

TEST(SubjectAccessDeadline, IsTheCorrespondingDayOfTheNextMonth) {
  EXPECT_EQ(AddCalendarMonths("2026-11-10", 1).value(), "2026-12-10");
  EXPECT_EQ(AddCalendarMonths("2026-12-15", 1).value(), "2027-01-15");
}

TEST(SubjectAccessDeadline, IsTheLastDayOfAShorterMonth) {
  EXPECT_EQ(AddCalendarMonths("2027-01-31", 1).value(), "2027-02-28");
  EXPECT_EQ(AddCalendarMonths("2028-01-31", 1).value(), "2028-02-29");  // a leap year
  EXPECT_EQ(AddCalendarMonths("2026-10-31", 1).value(), "2026-11-30");
  EXPECT_EQ(AddCalendarMonths("2026-12-31", 2).value(), "2027-02-28");
}

TEST(SubjectAccessDeadline, AnExtensionAddsFurtherMonthsFromReceipt) {
  SubjectAccessRequest r{.received_on = "2027-01-31"};
  EXPECT_EQ(DueOn(r), "2027-02-28");
  r.extension_months = 2;
  EXPECT_EQ(DueOn(r), "2027-04-30");
}

TEST(SubjectAccessDeadline, ADateThatIsNotRealIsRefused) {
  auto bad = AddCalendarMonths("2027-02-30", 1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "received_on");
  SubjectAccessRequest r{.person_id = "p", .received_on = "2027-02-30", .identity_note = "Seen."};
  EXPECT_EQ(Validate(r, "2027-03-10").error().field, "received_on");
}

}  // namespace
}  // namespace jigsaw::domain
