#include "domain/redaction.h"

#include <algorithm>

#include "domain/text.h"

namespace jigsaw::domain {
namespace {
bool WordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}
}  // namespace

void Redactor::Add(const std::string& term, std::string_view replacement, std::size_t min_size) {
  // Very short fragments ("Al", "Li") would shred unrelated words.
  if (term.size() < min_size) return;
  std::string lower = AsciiLower(term);
  for (const Term& t : terms_)
    if (t.lower == lower) return;
  terms_.push_back({std::move(lower), replacement});
  std::stable_sort(terms_.begin(), terms_.end(),
                   [](const Term& a, const Term& b) { return a.lower.size() > b.lower.size(); });
}

void Redactor::Protect(const Person& p, bool identity) {
  if (identity) {
    Add(p.given_name + " " + p.family_name, kNameWithheld, 3);
    Add(p.given_name, kNameWithheld, 3);
    Add(p.family_name, kNameWithheld, 3);
    Add(p.nhs_number, kDetailWithheld, 10);
    // NHS numbers are often written "943 476 5919".
    if (p.nhs_number.size() == 10)
      Add(p.nhs_number.substr(0, 3) + " " + p.nhs_number.substr(3, 3) + " " + p.nhs_number.substr(6),
          kDetailWithheld, 12);
    Add(p.upn, kDetailWithheld, 13);
    Add(p.date_of_birth, kDetailWithheld, 10);
  }
  Add(p.address, kDetailWithheld, 5);
  // People write the first line of an address, not all of it.
  if (auto comma = p.address.find(','); comma != std::string::npos)
    Add(p.address.substr(0, comma), kDetailWithheld, 5);
  Add(p.postcode, kDetailWithheld, 5);
}

std::string Redactor::Redact(std::string_view text) const {
  if (terms_.empty()) return std::string(text);
  const std::string lower = AsciiLower(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    // Whole words only: "Ann" is withheld, "Annual" is not.
    if (i == 0 || !WordChar(text[i - 1])) {
      for (const Term& t : terms_) {
        const std::size_t end = i + t.lower.size();
        if (end <= text.size() && lower.compare(i, t.lower.size(), t.lower) == 0 &&
            (end == text.size() || !WordChar(text[end]))) {
          out += t.replacement;
          i = end;
          ++count_;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace jigsaw::domain
