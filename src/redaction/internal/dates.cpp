#include "redaction/internal/dates.h"

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "redaction/fold.h"

namespace jigsaw::redaction::internal {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alpha(char c) { return c >= 'a' && c <= 'z'; }
bool Alnum(char c) { return Digit(c) || Alpha(c); }

// English month names and their usual abbreviations, folded the same way
// as the text (so "march" becomes whatever the text's "March" becomes).
const std::vector<std::pair<std::string, int>>& MonthNames() {
  static const auto names = [] {
    const std::array<std::pair<const char*, int>, 25> raw{{
        {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
        {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
        {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6},
        {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
        {"febuary", 2},  // a common misspelling
    }};
    std::vector<std::pair<std::string, int>> out;
    for (const auto& [name, month] : raw) out.emplace_back(FoldKey(name), month);
    return out;
  }();
  return names;
}

struct Cursor {
  std::string_view t;
  std::size_t i;
  bool AtEnd() const { return i >= t.size(); }
  char Peek() const { return AtEnd() ? '\0' : t[i]; }
};

// 1 to `max` digits, not followed by another digit.
std::optional<std::pair<int, int>> Number(Cursor& c, int max) {
  const std::size_t start = c.i;
  int value = 0;
  while (!c.AtEnd() && Digit(c.Peek()) && static_cast<int>(c.i - start) < max) value = value * 10 + (c.t[c.i++] - '0');
  const int digits = static_cast<int>(c.i - start);
  if (digits == 0 || (!c.AtEnd() && Digit(c.Peek()))) {
    c.i = start;
    return std::nullopt;
  }
  return std::pair{value, digits};
}

std::optional<int> Month(Cursor& c) {
  std::size_t end = c.i;
  while (end < c.t.size() && Alpha(c.t[end])) ++end;
  const std::string_view word = c.t.substr(c.i, end - c.i);
  // Most words are not months: reject on length before comparing.
  if (word.size() < 3 || word.size() > 12) return std::nullopt;
  for (const auto& [name, month] : MonthNames())
    if (name.size() == word.size() && name[0] == word[0] && word == name) {
      c.i = end;
      if (c.Peek() == '.') ++c.i;  // "Apr."
      return month;
    }
  return std::nullopt;
}

void Spaces(Cursor& c) {
  while (!c.AtEnd() && (c.Peek() == ' ' || c.Peek() == '\t' || c.Peek() == '\n')) ++c.i;
}

void Ordinal(Cursor& c) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (c.t.substr(c.i, 2) == suffix && (c.i + 2 >= c.t.size() || !Alnum(c.t[c.i + 2]))) {
      c.i += 2;
      return;
    }
}

// A year of four digits, or two (optionally after an apostrophe: '80).
std::optional<std::pair<int, bool>> Year(Cursor& c) {
  const std::size_t start = c.i;
  if (c.Peek() == '\'') ++c.i;
  auto n = Number(c, 4);
  if (!n || (n->second != 4 && n->second != 2) || (!c.AtEnd() && Alpha(c.Peek()))) {
    c.i = start;
    return std::nullopt;
  }
  return std::pair{n->first, n->second == 2};
}

bool Plausible(int month, int day) { return month >= 1 && month <= 12 && day >= 1 && day <= 31; }

// "3 April 1980", "3rd of April, 1980"
bool DayMonthYear(Cursor c, std::vector<DateSpan>& out, std::uint32_t begin) {
  auto day = Number(c, 2);
  if (!day) return false;
  Ordinal(c);
  Spaces(c);
  if (c.t.substr(c.i, 3) == "of ") c.i += 3;
  Spaces(c);
  auto month = Month(c);
  if (!month) return false;
  if (c.Peek() == ',') ++c.i;
  Spaces(c);
  auto year = Year(c);
  if (!year || !Plausible(*month, day->first)) return false;
  out.push_back({begin, static_cast<std::uint32_t>(c.i), year->first, *month, day->first, year->second});
  return true;
}

// "April 3, 1980", "April 3rd 1980"
bool MonthDayYear(Cursor c, std::vector<DateSpan>& out, std::uint32_t begin) {
  auto month = Month(c);
  if (!month) return false;
  Spaces(c);
  auto day = Number(c, 2);
  if (!day) return false;
  Ordinal(c);
  if (c.Peek() == ',') ++c.i;
  Spaces(c);
  auto year = Year(c);
  if (!year || !Plausible(*month, day->first)) return false;
  out.push_back({begin, static_cast<std::uint32_t>(c.i), year->first, *month, day->first, year->second});
  return true;
}

// "03/04/1980", "3-4-80", "3.4.1980", "1980-04-03"
bool Numeric(Cursor c, std::vector<DateSpan>& out, std::uint32_t begin) {
  auto first = Number(c, 4);
  if (!first) return false;
  const char sep = c.Peek();
  if (sep != '/' && sep != '-' && sep != '.') return false;
  ++c.i;
  auto second = Number(c, 2);
  if (!second || c.Peek() != sep) return false;
  ++c.i;
  if (first->second == 4) {  // year first
    auto day = Number(c, 2);
    if (!day || !Plausible(second->first, day->first)) return false;
    out.push_back({begin, static_cast<std::uint32_t>(c.i), first->first, second->first, day->first, false});
    return true;
  }
  auto year = Number(c, 4);
  if (!year || (year->second != 4 && year->second != 2) || (!c.AtEnd() && Alpha(c.Peek()))) return false;
  const auto end = static_cast<std::uint32_t>(c.i);
  const bool two = year->second == 2;
  bool any = false;
  if (Plausible(second->first, first->first)) {
    out.push_back({begin, end, year->first, second->first, first->first, two});
    any = true;
  }
  if (first->first != second->first && Plausible(first->first, second->first)) {
    out.push_back({begin, end, year->first, first->first, second->first, two});
    any = true;
  }
  return any;
}

}  // namespace

std::vector<DateSpan> FindDates(std::string_view t) {
  std::vector<DateSpan> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i > 0 && Alnum(t[i - 1])) continue;
    const auto begin = static_cast<std::uint32_t>(i);
    if (Digit(t[i])) {
      if (!DayMonthYear({t, i}, out, begin)) Numeric({t, i}, out, begin);
    } else if (Alpha(t[i])) {
      MonthDayYear({t, i}, out, begin);
    }
  }
  return out;
}

}  // namespace jigsaw::redaction::internal
