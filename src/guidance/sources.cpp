#include "guidance/sources.h"

#include <array>

namespace jigsaw::guidance::source {

bool IsKnown(std::string_view section) {
  static constexpr std::array kAll = {
      kRule1, kRule2, kRule3, kRule4, kRule5, kRule6, kRule7, kLawfulBasis, kMostRelevantBases,
      kConsentNotAppropriate, kConsentMeanings, kTrustedRelationships, kConfidentiality,
      kHumanRights, kJustification, kDsa, kDpia, kAmount, kWhoToContact, kInforming, kEmergency,
      kSharingEarly, kWhereToReport, kAnnexPrinciples, kAnnexSpecialCategory, kAnnexLawfulBasis, kAnnexRights};
  for (auto s : kAll)
    if (s == section) return true;
  return false;
}

}  // namespace jigsaw::guidance::source
