// Deadlines in working days, as safeguarding procedures count them: an
// emergency share's record is owed "by the end of the next working day";
// a referral is acknowledged within one working day. Working days are
// Monday to Friday, less bank holidays, in UK local time (GMT/BST).
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace jigsaw::domain {

class WorkingCalendar {
 public:
  // Bank holidays in England and Wales published at the time of writing.
  static std::vector<std::string> EnglandAndWalesBankHolidays();

  // Fails naming `field` if a date is not YYYY-MM-DD.
  static Result<WorkingCalendar> Make(const std::vector<std::string>& bank_holidays,
                                      std::string_view field = "workflow.bank_holidays");

  bool IsWorkingDay(std::chrono::sys_days local_date) const;
  // The end (23:59:59 local time) of the `n`th working day after the local
  // date of `from`; n = 1 is "the end of the next working day".
  Time EndOfWorkingDaysAfter(Time from, int n) const;

  // UK civil time: UTC+1 from 01:00 UTC on the last Sunday of March to
  // 01:00 UTC on the last Sunday of October.
  static std::chrono::minutes UkOffset(Time utc);

 private:
  std::set<std::chrono::sys_days> holidays_;
};

}  // namespace jigsaw::domain
