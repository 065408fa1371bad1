// A practitioner's unfinished answers to a multi-page form ("Should I
// share?" and the decision that follows), kept in the store so that any
// instance can serve the next page and nothing personal rides in URLs or
// hidden fields. Sealed at rest, readable only by their author, deleted
// when the decision is made, and purged when stale (storage limitation).
#pragma once

#include <string>

#include "access/sealing.h"
#include "service/context.h"
#include "store/store.h"

namespace jigsaw::service {

class Drafts {
 public:
  Drafts(store::Store& store, const Clock& clock, const access::Sealer& sealer)
      : store_(store), clock_(clock), sealer_(sealer) {}

  Status Save(const Context& context, const std::string& subject, const std::string& data);
  // Empty if there is none (or it no longer opens: a rotated key).
  Result<std::string> Load(const Context& context, const std::string& subject);
  Status Discard(const Context& context, const std::string& subject);
  // Deletes drafts untouched for `age`; returns how many.
  Result<std::int64_t> PurgeOlderThan(Duration age);

 private:
  store::Store& store_;
  const Clock& clock_;
  const access::Sealer& sealer_;
};

}  // namespace jigsaw::service
