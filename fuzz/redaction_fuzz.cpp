// Any text through the redaction that every outbound text passes (golden
// rule 5), with one person withheld and one watched, in a share about no
// child and about a child who shares the withheld person's family name. Properties beyond
// "no crash, no sanitizer report": redacting what was sent finds nothing
// more to withhold (no protected detail survives the first pass in a form
// the redactor itself would catch); every mention of the watched person is
// a span of the text, on character boundaries when the text is UTF-8 (as
// every text reaching it from the API and pages is); and nothing is withheld
// from text that names nobody (the text without letters or digits).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/text.h"
#include "redaction/redactor.h"

namespace {

using namespace jigsaw;
using redaction::Protection;
using redaction::ProtectedPerson;
using redaction::Treatment;

void Check(bool condition) {
  if (!condition) std::abort();
}

domain::Person Withheld() {
  domain::Person p;
  p.id = "p-withheld";
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

domain::Person Watched() {
  domain::Person p;
  p.id = "p-watched";
  p.kind = domain::PersonKind::kParent;
  p.given_name = "Priya";
  p.family_name = "Kaur";
  p.address = "3 Willow Court\nSouthmoor";
  p.postcode = "SM2 9QT";
  p.is_protected = true;
  return p;
}

const redaction::Redactor& TheRedactor() {
  static const ProtectedPerson people[] = {{Withheld(), Protection::kIdentity, Treatment::kWithhold},
                                           {Watched(), Protection::kIdentity, Treatment::kReview}};
  static const redaction::Redactor redactor(people);
  return redactor;
}

// The same people in a share about a child who shares the withheld
// person's family name, and so keeps it beside her own names only.
const redaction::Redactor& TheRedactorForPoppy() {
  static const ProtectedPerson people[] = {{Withheld(), Protection::kIdentity, Treatment::kWithhold},
                                           {Watched(), Protection::kIdentity, Treatment::kReview}};
  static const domain::Person child{.id = "c-poppy", .kind = domain::PersonKind::kChild, .given_name = "Poppy",
                                    .family_name = "Hargreaves", .known_as = {"Pops"}};
  static const redaction::Redactor redactor(people, &child);
  return redactor;
}

bool Continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // a note, not a book: keeps each run fast
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const redaction::Redactor& redactor = TheRedactor();
  const redaction::Redacted first = redactor.Redact(text);
  Check(first.withheld >= 0);
  const bool utf8 = domain::IsValidUtf8(text);
  for (const redaction::Mention& m : first.mentions) {
    Check(m.span.begin < m.span.end && m.span.end <= text.size());
    if (utf8) {
      Check(!Continuation(static_cast<unsigned char>(text[m.span.begin])));
      Check(m.span.end == text.size() || !Continuation(static_cast<unsigned char>(text[m.span.end])));
    }
    Check(m.person_id == "p-watched");
  }
  const redaction::Redacted second = redactor.Redact(first.text);
  Check(second.withheld == 0);
  const redaction::Redactor& for_poppy = TheRedactorForPoppy();
  Check(for_poppy.Redact(for_poppy.Redact(text).text).withheld == 0);
  bool names_anything = false;
  for (char c : text) names_anything |= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  for (unsigned char c : text) names_anything |= c >= 0x80;  // letters of other scripts
  if (!names_anything) Check(first.withheld == 0 && first.text == text);
  return 0;
}
