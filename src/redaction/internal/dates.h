// Dates as people write them in notes: "03/04/1980", "3.4.80",
// "1980-04-03", "3 April 1980", "3rd of Apr 1980", "April 3, 1980". Used to
// find a protected person's date of birth however it is written.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace jigsaw::redaction::internal {

struct DateSpan {
  std::uint32_t begin, end;  // in the scanned (folded) text
  int year;                  // four digits, or the last two when written so (then two_digit_year)
  int month, day;
  bool two_digit_year;
};

// Every written date in `folded` (text from Fold: lower case, digits ASCII).
// A numeric date with day and month both 12 or under is reported twice,
// day first and month first: either reading could be meant.
std::vector<DateSpan> FindDates(std::string_view folded);

}  // namespace jigsaw::redaction::internal
