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

// Whether a word starting with this byte could be a month.
bool MonthInitial(char c) {
  static const auto initials = [] {
    std::array<bool, 256> out{};
    for (const auto& [name, month] : MonthNames()) out[static_cast<unsigned char>(name[0])] = true;
    return out;
  }();
  return initials[static_cast<unsigned char>(c)];
}

std::optional<int> Month(Cursor& c) {
  if (c.AtEnd() || !MonthInitial(c.Peek())) return std::nullopt;
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

// Between the parts of a written date: spaces, and at most one of - / . ,
// ("3 April 1980", "03-Apr-1980", "3 / 4 / 1980", "April 3, 1980").
// Returns the punctuation used, ' ' for spaces alone, or '\0' for nothing.
char Separator(Cursor& c) {
  const std::size_t start = c.i;
  Spaces(c);
  char used = c.i > start ? ' ' : '\0';
  if (c.Peek() == '-' || c.Peek() == '/' || c.Peek() == '.' || c.Peek() == ',') {
    used = c.t[c.i++];
    Spaces(c);
  }
  return used;
}

bool Word(Cursor& c, std::string_view word) {
  if (c.t.substr(c.i, word.size()) == word && (c.i + word.size() >= c.t.size() || !Alnum(c.t[c.i + word.size()]))) {
    c.i += word.size();
    return true;
  }
  return false;
}

void Add(std::vector<DateSpan>& out, std::uint32_t begin, const Cursor& c, std::pair<int, bool> year, int month, int day) {
  if (Plausible(month, day)) out.push_back({begin, static_cast<std::uint32_t>(c.i), year.first, month, day, year.second});
}

// "3 April 1980", "3rd of April, 1980", "03-Apr-1980", "3rd day of April 1980"
bool DayMonthYear(Cursor c, std::vector<DateSpan>& out, std::uint32_t begin) {
  auto day = Number(c, 2);
  if (!day) return false;
  Ordinal(c);
  if (!Separator(c)) return false;
  if (Word(c, "day")) Spaces(c);
  if (Word(c, "of")) Spaces(c);
  auto month = Month(c);
  if (!month) return false;
  Separator(c);
  auto year = Year(c);
  if (!year) return false;
  Add(out, begin, c, *year, *month, day->first);
  return true;
}

// "April 3, 1980", "April the 3rd 1980", "Apr-03-1980"
bool MonthDayYear(Cursor c, std::vector<DateSpan>& out, std::uint32_t begin) {
  auto month = Month(c);
  if (!month) return false;
  Separator(c);
  if (Word(c, "the")) Spaces(c);
  auto day = Number(c, 2);
  if (!day) return false;
  Ordinal(c);
  Separator(c);
  auto year = Year(c);
  if (!year) return false;
  Add(out, begin, c, *year, *month, day->first);
  return true;
}

// "03/04/1980", "3-4-80", "3.4.1980", "3 / 4 / 1980", "03 04 1980",
// "1980-04-03", "1980 Apr 3", and eight digits "19800403", "03041980".
bool Numeric(Cursor c, std::vector<DateSpan>& out, std::uint32_t begin) {
  const std::size_t start = c.i;
  auto first = Number(c, 8);
  if (!first) return false;
  if (first->second == 8) {
    const int v = first->first;
    const std::pair<int, bool> ymd_year{v / 10000, false}, dmy_year{v % 10000, false};
    Add(out, begin, c, ymd_year, v / 100 % 100, v % 100);
    Add(out, begin, c, dmy_year, v / 10000 % 100, v / 1000000);
    return true;
  }
  if (first->second > 4) return false;
  const char sep = Separator(c);
  if (sep == '\0' || sep == ',') return false;
  if (first->second == 4) {  // year first
    if (auto month = Month(c)) {
      Separator(c);
      auto day = Number(c, 2);
      if (!day) return false;
      Add(out, begin, c, {first->first, false}, *month, day->first);
      return true;
    }
    auto month = Number(c, 2);
    if (!month || Separator(c) != sep) return false;
    auto day = Number(c, 2);
    if (!day) return false;
    Add(out, begin, c, {first->first, false}, month->first, day->first);
    return true;
  }
  if (first->second > 2) return false;
  auto second = Number(c, 2);
  if (!second || Separator(c) != sep) return false;
  auto year = Number(c, 4);
  if (!year || (year->second != 4 && year->second != 2) || (!c.AtEnd() && Alpha(c.Peek()))) return false;
  // Spaces alone part a date only when written in full: "03 04 1980".
  if (sep == ' ' && (c.i - start < 10 || first->second != 2 || second->second != 2 || year->second != 4)) return false;
  const std::pair<int, bool> y{year->first, year->second == 2};
  Add(out, begin, c, y, second->first, first->first);
  if (first->first != second->first) Add(out, begin, c, y, first->first, second->first);
  return true;
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
