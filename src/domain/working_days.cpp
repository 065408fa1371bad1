#include "domain/working_days.h"

#include "domain/person.h"

namespace jigsaw::domain {

using namespace std::chrono;

std::vector<std::string> WorkingCalendar::EnglandAndWalesBankHolidays() {
  return {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
          "2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
          "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26",
          "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"};
}

Result<WorkingCalendar> WorkingCalendar::Make(const std::vector<std::string>& bank_holidays,
                                              std::string_view field) {
  WorkingCalendar c;
  for (const std::string& d : bank_holidays) {
    auto ymd = ParseDate(d);
    if (!ymd) return InvalidArgument(std::string(field), "'" + d + "' is not a date (YYYY-MM-DD).");
    c.holidays_.insert(sys_days(*ymd));
  }
  return c;
}

namespace {
sys_days LastSunday(year y, month m) {
  const sys_days last = sys_days(year_month_day_last(y, month_day_last(m)));
  return last - (weekday(last) - Sunday);
}
}  // namespace

minutes WorkingCalendar::UkOffset(Time utc) {
  const year y = year_month_day(floor<days>(utc)).year();
  const auto start = LastSunday(y, March) + hours(1);
  const auto end = LastSunday(y, October) + hours(1);
  return (utc >= start && utc < end) ? minutes(60) : minutes(0);
}

bool WorkingCalendar::IsWorkingDay(sys_days d) const {
  const weekday w(d);
  return w != Saturday && w != Sunday && !holidays_.contains(d);
}

Time WorkingCalendar::EndOfWorkingDaysAfter(Time from, int n) const {
  sys_days day = floor<days>(from + UkOffset(from));
  for (int counted = 0; counted < n;) {
    day += days(1);
    if (IsWorkingDay(day)) ++counted;
  }
  const Time local_end = Time(day) + hours(23) + minutes(59) + seconds(59);
  // The offset at the end of that day (a DST change happens at 01:00 UTC).
  return local_end - UkOffset(local_end - hours(1));
}

}  // namespace jigsaw::domain
