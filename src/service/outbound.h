// Golden rule 5 for the words that organisations send each other outside a
// disclosure: an information request and its messages, a refusal's
// reasons, feedback. Each is redacted, when it is written, against every
// protected person of the organisation it leaves, so what is stored as
// sent is what the other side reads. Disclosures have their own, finer
// preparation (service/sharing.cpp) with a review step; both use the one
// redaction module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "redaction/redactor.h"
#include "store/store.h"

namespace jigsaw::service {

// The child a message is about, as the message names them: they must be
// identified to be helped, so a protected person of that name keeps it
// (their whereabouts are still withheld).
struct NamedChild {
  std::string given_name;
  std::string family_name;
};

// Golden rule 5 across corrections: each protected person among `people`
// is also withheld as whoever they were recorded as before a correction.
Status AddFormerIdentities(store::CaseworkRepository& casework, const std::string& organisation_id,
                           std::vector<redaction::ProtectedPerson>& people);

class OutboundRedaction {
 public:
  // Loads the protected people of `organisation_id`. `also_withheld`: people
  // whose identity is withheld whatever their own protection (the child of
  // a disclosure recalled from an organisation it should never have
  // reached: the reason must not tell them more).
  static Result<OutboundRedaction> For(store::Transaction& tx, const std::string& organisation_id,
                                       const NamedChild& about = {},
                                       const std::vector<domain::Person>& also_withheld = {});
  // Subject access (UK GDPR Article 15; docs/rights.md): the same
  // redaction turned towards the person the records are about. Everyone
  // else the subject's organisation has recorded is a third party and is
  // withheld, protected or not, with every protected person's former
  // identities; the subject keeps their own details (given to the Redactor
  // as the person the text is about: a name part they share with someone
  // withheld follows the Redactor's rule for the subject of a text).
  static Result<OutboundRedaction> ForSubjectAccess(store::Transaction& tx, const domain::Person& subject);
  OutboundRedaction(OutboundRedaction&&) noexcept;
  OutboundRedaction& operator=(OutboundRedaction&&) noexcept;
  ~OutboundRedaction();

  // The text as the other organisation may read it.
  std::string Redact(std::string_view text) const;
  // The same, with how many details were withheld.
  redaction::Redacted RedactCounted(std::string_view text) const;

 private:
  struct Impl;
  explicit OutboundRedaction(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jigsaw::service
