// What a recipient organisation receives in a disclosure, as one typed
// value: built once by the sharer's service, shown to the sharer as the
// preview, sealed as JSON (ToJson) and, for the recipient, opened and read
// back (ParseRecipientView). The preview and the sealed content are the
// same bytes. Nothing in it is the sharer's internal record id.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/information.h"
#include "guidance/assessment.h"

namespace jigsaw::service {

struct RecipientView {
  // The child must be identified to be helped; a protected child's
  // whereabouts are withheld (the fields then hold the withheld marker).
  struct Child {
    std::string given_name, family_name, date_of_birth, nhs_number, upn, address, postcode;
  };
  struct Item {
    std::optional<domain::PersonKind> about;  // whom it is about
    std::optional<std::string> about_name;    // redacted if they are protected
    std::string text;                         // redacted
    std::string source;                       // redacted
    std::string date;
    domain::Accuracy accuracy = domain::Accuracy::kUnverified;
    std::vector<domain::SpecialCategory> special_category;
    bool criminal_offence = false;
    bool confidential = false;
    std::vector<std::string> identifies;  // the names of the people it names, redacted
  };

  std::optional<Child> child;
  std::string sharer_organisation;
  std::string sharer_practitioner;  // their name, not their id
  bool emergency = false;
  std::optional<guidance::Purpose> purpose;
  std::optional<guidance::Risk> risk;
  std::optional<guidance::LawfulBasis> lawful_basis;
  // Golden rule 2: whether the sharer told the family. When they did not,
  // the recipient must not tip the family off by accident.
  std::optional<bool> family_told;
  std::vector<Item> items;
  int redactions = 0;  // how many details were withheld in all
};

// The sealed form (stable key names; docs/openapi.yaml, RecipientView).
std::string ToJson(const RecipientView& view);

// kInternal if the text is not a recipient view (sealed content is
// authenticated, so this means a bug, not an attack).
Result<RecipientView> ParseRecipientView(std::string_view json);

}  // namespace jigsaw::service
