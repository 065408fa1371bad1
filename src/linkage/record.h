// The identifying fields of one person as one organisation recorded them:
// all that record linkage compares (no case content ever reaches it).
#pragma once

#include <cstdint>
#include <string>

namespace jigsaw::linkage {

enum class Sex : std::uint8_t { kUnknown, kFemale, kMale };

struct Record {
  std::string id;            // the organisation's own identifier for the record
  std::string organisation;  // which organisation recorded it
  std::string given_name;    // may hold several given names ("Mary Jane")
  std::string family_name;
  std::string date_of_birth;  // "YYYY-MM-DD", or empty if not known
  Sex sex = Sex::kUnknown;
  std::string postcode;      // as recorded; compared by unit, sector and district
  std::string address_line;  // house and street, as recorded
  // As recorded, spaces allowed. A number whose check digit fails is kept:
  // it is compared as a possibly mistyped one and trusted less.
  std::string nhs_number;
  std::string upn;  // unique pupil number, likewise
};

}  // namespace jigsaw::linkage
