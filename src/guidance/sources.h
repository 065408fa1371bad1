// The sections of "Information sharing: advice for practitioners providing
// safeguarding services" (HM Government, May 2024) that the engine's
// reasons cite, by their headings in the advice.
#pragma once

#include <string_view>

namespace jigsaw::guidance::source {

inline constexpr std::string_view kRule1 = "Seven golden rules, rule 1";
inline constexpr std::string_view kRule2 = "Seven golden rules, rule 2";
inline constexpr std::string_view kRule3 = "Seven golden rules, rule 3";
inline constexpr std::string_view kRule4 = "Seven golden rules, rule 4";
inline constexpr std::string_view kRule5 = "Seven golden rules, rule 5";
inline constexpr std::string_view kRule6 = "Seven golden rules, rule 6";
inline constexpr std::string_view kRule7 = "Seven golden rules, rule 7";
inline constexpr std::string_view kLawfulBasis = "Understanding the term 'lawful basis'";
inline constexpr std::string_view kMostRelevantBases =
    "The lawful bases which are most relevant for practitioners working with children";
inline constexpr std::string_view kConsentNotAppropriate =
    "Why consent is not usually the most appropriate lawful basis in a safeguarding context";
inline constexpr std::string_view kConsentMeanings =
    "The complexities of \"consent\" and why it causes confusion";
inline constexpr std::string_view kTrustedRelationships =
    "How to share information and retain a trusted relationship with children and families";
inline constexpr std::string_view kConfidentiality =
    "How the common law duty of confidentiality affects information sharing";
inline constexpr std::string_view kHumanRights =
    "How the Human Rights Act 1998 affects information sharing";
inline constexpr std::string_view kJustification =
    "The justification for sharing information to safeguard a child";
inline constexpr std::string_view kDsa = "Data Sharing Agreements (DSA)";
inline constexpr std::string_view kDpia = "Data Protection Impact Assessments (DPIA)";
inline constexpr std::string_view kAmount = "Knowing the amount of information to share";
inline constexpr std::string_view kWhoToContact =
    "Who to contact if you are unsure whether to share information";
inline constexpr std::string_view kInforming =
    "Informing the people whose information you have shared";
inline constexpr std::string_view kEmergency =
    "Sharing information in an urgent or emergency situation";
inline constexpr std::string_view kSharingEarly = "The benefits of sharing information early";
inline constexpr std::string_view kWhereToReport = "Where to report concerns about a child's safety";
inline constexpr std::string_view kAnnexPrinciples = "Annex A: The data protection principles";
inline constexpr std::string_view kAnnexSpecialCategory = "Annex A: Special category data";
inline constexpr std::string_view kAnnexLawfulBasis = "Annex A: Lawful basis";
inline constexpr std::string_view kAnnexRights = "Annex A: The rights of individuals";

// Every section above, for checks that a reason cites a real one.
bool IsKnown(std::string_view section);

}  // namespace jigsaw::guidance::source
