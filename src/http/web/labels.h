// The words practitioners see for the values the domain and the engine
// use, in plain English (GOV.UK style: sentence case, no jargon where a
// plain word will do).
#pragma once

#include <string_view>
#include <vector>

#include "domain/case_management.h"
#include "domain/body_map.h"
#include "domain/casework.h"
#include "domain/person.h"
#include "guidance/assessment.h"
#include "http/web/html.h"

namespace jigsaw::http::web {

std::string_view Label(domain::AbuseForm v);
std::string_view Label(domain::ConcernLevel v);
std::string_view Label(domain::ConcernStatus v);
std::string_view Label(domain::NextStep v);
std::string_view Label(domain::FeedbackAction v);
std::string_view Label(domain::Urgency v);
std::string_view Label(domain::RequestStatus v);
std::string_view Label(domain::RequestMessageKind v);
std::string_view Label(domain::AdviserRole v);
std::string_view Label(domain::ParentalResponsibility v);
std::string_view Label(domain::Accuracy v);
std::string_view Label(domain::DashRisk v);
std::string_view Label(domain::RelationshipKind v);
std::string_view Label(domain::BodySide v);
std::string_view Label(domain::BodyArea v);
std::string_view Label(guidance::Recommendation v);
std::string_view Label(guidance::LawfulBasis v);
std::string_view Label(guidance::Record v);
std::string_view Label(guidance::Purpose v);
std::string_view Label(guidance::Risk v);
std::string_view Label(guidance::Consent v);
std::string_view Label(guidance::Objector v);
std::string_view Label(guidance::Adviser v);
std::string_view Label(guidance::Route v);
std::string_view Label(guidance::Inform v);
std::string_view Label(domain::RagRating v);
std::string_view Label(domain::ConcernOutcome v);
std::string_view Label(domain::ChildFlagKind v);

// Radio or checkbox options for every value of E, labelled as above, with
// the wire name as the value.
template <typename E>
std::vector<Option> OptionsOf() {
  std::vector<Option> out;
  for (const auto& [value, name] : EnumNames<E>::kNames) out.push_back({std::string(name), std::string(Label(value)), "", false});
  return out;
}

}  // namespace jigsaw::http::web
