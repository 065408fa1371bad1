#include "service/outbound.h"

#include "redaction/fold.h"
#include "redaction/redactor.h"

namespace jigsaw::service {

struct OutboundRedaction::Impl {
  redaction::Redactor redactor;
};

OutboundRedaction::OutboundRedaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OutboundRedaction::OutboundRedaction(OutboundRedaction&&) noexcept = default;
OutboundRedaction& OutboundRedaction::operator=(OutboundRedaction&&) noexcept = default;
OutboundRedaction::~OutboundRedaction() = default;

Status AddFormerIdentities(store::CaseworkRepository& casework, const std::string& organisation_id,
                           std::vector<redaction::ProtectedPerson>& people) {
  auto former = JIGSAW_TRY(casework.FormerVersionsOfProtectedPeople(organisation_id));
  if (former.empty()) return Ok();
  for (auto& p : people)
    for (const auto& v : former)
      if (v.person.id == p.person.id && p.person.is_protected) p.former.push_back(v.person);
  return Ok();
}

Result<OutboundRedaction> OutboundRedaction::For(store::Transaction& tx, const std::string& organisation_id,
                                                 const NamedChild& about,
                                                 const std::vector<domain::Person>& also_withheld) {
  const std::string child = redaction::FoldKey(about.given_name + " " + about.family_name);
  std::vector<redaction::ProtectedPerson> people;
  for (auto& p : JIGSAW_TRY(tx.casework().ProtectedPeople(organisation_id))) {
    const bool is_child = p.kind == domain::PersonKind::kChild && !about.family_name.empty() &&
                          redaction::FoldKey(p.given_name + " " + p.family_name) == child;
    // The same rule as a disclosure's: the child named keeps their name.
    const auto protection = redaction::ProtectionOf(p, is_child ? p.id : std::string());
    people.push_back({std::move(p), protection, redaction::Treatment::kWithhold});
  }
  JIGSAW_RETURN_IF_ERROR(AddFormerIdentities(tx.casework(), organisation_id, people));
  for (const auto& p : also_withheld) people.push_back({p, redaction::Protection::kIdentity, redaction::Treatment::kWithhold});
  // The child named keeps their name even where a protected relative shares it.
  domain::Person subject;
  subject.given_name = about.given_name;
  subject.family_name = about.family_name;
  return OutboundRedaction(std::make_unique<Impl>(Impl{redaction::Redactor(people, &subject)}));
}

Result<OutboundRedaction> OutboundRedaction::ForSubjectAccess(store::Transaction& tx, const domain::Person& subject) {
  // Every person recorded, however many: a third party named in a note
  // need not be connected to the subject in the records.
  constexpr std::size_t kEveryone = 1'000'000;
  std::vector<redaction::ProtectedPerson> people;
  for (auto& p : JIGSAW_TRY(tx.casework().SearchPeople(subject.organisation_id, "", kEveryone)))
    if (p.id != subject.id) people.push_back({std::move(p), redaction::Protection::kIdentity, redaction::Treatment::kWithhold});
  JIGSAW_RETURN_IF_ERROR(AddFormerIdentities(tx.casework(), subject.organisation_id, people));
  return OutboundRedaction(std::make_unique<Impl>(Impl{redaction::Redactor(people, &subject)}));
}

std::string OutboundRedaction::Redact(std::string_view text) const { return impl_->redactor.Redact(text).text; }

redaction::Redacted OutboundRedaction::RedactCounted(std::string_view text) const { return impl_->redactor.Redact(text); }

}  // namespace jigsaw::service
