// Golden rule 5: "protect the identities of those who could be harmed".
// Every text that leaves an organisation passes through one Redactor,
// built from the protected people who could be named in it. It matches on
// text as a person reads it (fold.h): every name part of two letters or
// more, in either order, with initials, possessives and "also known as"
// names; tokens that contain a name part (DoreenHargreaves, doreen80);
// NHS numbers, phone numbers, postcodes and pupil numbers however they are
// spaced; dates of birth as people write them; every line of an address and
// its street without the number; email addresses. docs/redaction.md says
// what is matched, how, and what cannot be.
//
// Two treatments: people the share is known to touch are withheld
// automatically; other protected people of the organisation are watched,
// and a mention of one is reported for the sharer to review (withhold it,
// or record why it may go) rather than silently sent or silently cut.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.h"

namespace jigsaw::redaction {

inline constexpr std::string_view kNameWithheld = "[name withheld]";
inline constexpr std::string_view kDetailWithheld = "[detail withheld]";

// What of a protected person must not reach the recipient.
enum class Protection : std::uint8_t {
  kNone,
  // The child a share is about must be identified to be helped: only where
  // they can be found is withheld.
  kWhereabouts,
  kIdentity,  // names, identifiers, contact details and where they live
};

// The one rule of who is protected from whom: a protected person is
// withheld in full from every other organisation, except the child the
// text is about, whose whereabouts alone are withheld. `subject_child_id`
// is the sharer's record of that child (empty if none).
Protection ProtectionOf(const domain::Person& person, std::string_view subject_child_id);

enum class Treatment : std::uint8_t {
  kWithhold,  // replaced in the text
  kReview,    // reported as a Mention; replaced only if the sharer says so
};

struct ProtectedPerson {
  domain::Person person;
  Protection protection = Protection::kIdentity;
  Treatment treatment = Treatment::kWithhold;
  // Who they were recorded as before a correction (names, date of birth,
  // address, contacts): withheld as theirs too, since text written before
  // the correction, or by someone who knew them then, still says it.
  std::vector<domain::Person> former;
};

enum class Withheld : std::uint8_t { kName, kDetail };

// A span of the original text (byte offsets).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

// A watched person's detail found in the text: left in place until the
// sharer reviews it.
struct Mention {
  Span span;
  std::string person_id;
  Withheld what = Withheld::kName;
};

struct Redacted {
  std::string text;       // the text with every withheld span replaced
  int withheld = 0;       // how many spans were replaced
  std::vector<Mention> mentions;  // watched people's details left in place
};

class Redactor {
 public:
  Redactor() = default;
  // People with Protection::kNone are ignored. `subject`, if given, is the
  // child the text is about: a watched person who shares a name with them
  // is not flagged on that name (the child's own name would be flagged on
  // every line); a withheld person is withheld on it all the same. A line
  // of a protected person's address that is also a line of the subject's
  // (their town, their street) is not withheld when the subject is not
  // protected: the recipient reads it in the child's address anyway.
  explicit Redactor(std::span<const ProtectedPerson> people, const domain::Person* subject = nullptr);
  Redactor(const Redactor&) = delete;
  Redactor& operator=(const Redactor&) = delete;
  Redactor(Redactor&&) noexcept;
  Redactor& operator=(Redactor&&) noexcept;
  ~Redactor();

  // `withhold_too`: mentions in this text that the sharer chose to
  // withhold, replaced as if they had matched a withheld person.
  Redacted Redact(std::string_view text, std::span<const Mention> withhold_too = {}) const;

  bool empty() const;

 private:
  struct Index;
  std::unique_ptr<const Index> index_;
};

}  // namespace jigsaw::redaction
