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
#include "domain/casework.h"
#include "domain/information.h"
#include "domain/practitioner.h"
#include "guidance/assessment.h"

namespace jigsaw::service {

// Golden rule 2 as the recipient must read it: whether the family knows.
enum class FamilyInformed : std::uint8_t {
  kTold,
  kToBeTold,     // not yet, but it is safe: the sharer will tell them
  kNotToBeTold,  // telling them could put the child at risk or harm an
                 // investigation: the recipient must not tip them off
};

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

  // The concern the share comes from: its level and forms always; what
  // was seen or said and the child's own words when the sharer sends them
  // (redacted like the items).
  struct Concern {
    domain::ConcernLevel level = domain::ConcernLevel::kUnsure;
    std::vector<domain::AbuseForm> forms;
    std::optional<std::string> what_happened;
    std::optional<std::string> child_words;
  };

  std::optional<Child> child;
  std::optional<Concern> concern;
  std::string sharer_organisation;
  std::string sharer_practitioner;  // their name, not their id
  std::optional<domain::Role> sharer_role;
  std::string sharer_contact;  // how to reach them (their sign-in address)
  bool emergency = false;
  std::optional<guidance::Purpose> purpose;
  std::optional<guidance::Risk> risk;
  std::optional<guidance::LawfulBasis> lawful_basis;
  std::optional<FamilyInformed> family;
  // A police force's references for the share (occurrence or crime, PPN,
  // DASH risk level), when it gave any.
  std::optional<domain::PoliceReferences> police;
  // A correction of information this recipient was sent earlier (UK GDPR
  // Article 19): the disclosure it corrects and why, the reason redacted
  // like the items. The items are the corrected versions.
  struct Correction {
    std::string corrects;  // the earlier disclosure's id
    std::string reason;
  };

  std::vector<Item> items;
  int redactions = 0;  // how many details were withheld in all
  std::optional<Correction> correction;
};

// The sealed form (stable key names; docs/openapi.yaml, RecipientView).
std::string ToJson(const RecipientView& view);

// kInternal if the text is not a recipient view (sealed content is
// authenticated, so this means a bug, not an attack).
Result<RecipientView> ParseRecipientView(std::string_view json);

}  // namespace jigsaw::service

namespace jigsaw {
template <>
struct EnumNames<service::FamilyInformed> {
  using E = service::FamilyInformed;
  static constexpr std::array<std::pair<E, std::string_view>, 3> kNames{{
      {E::kTold, "told"}, {E::kToBeTold, "to_be_told"}, {E::kNotToBeTold, "not_to_be_told"}}};
};
}  // namespace jigsaw
