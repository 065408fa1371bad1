// `jigsaw audit witness`: a witness of another organisation's (or another
// machine's) Jigsaw log. It fetches the log's newest signed tree head,
// checks it against the last head it accepted with the log's consistency
// proof, countersigns it with its own key, and appends it to its own copy
// (a file of countersigned heads, one JSON object a line) that it serves
// to `audit verify --witness`. It refuses, loudly, a head that rewinds or
// rewrites what it accepted. The checks themselves are audit/witness.h.
#pragma once

#include <string>
#include <vector>

#include "audit/witness.h"
#include "common/clock.h"
#include "http/client.h"

namespace jigsaw::app {

struct WitnessConfig {
  std::string log_url;          // the log's server, e.g. https://jigsaw.example
  audit::TrustedKeys log_keys;  // the log's public keys, obtained out of band
  std::string key_file;         // the witness's own signing keyring (made if missing)
  std::string state_file;       // its copy of the heads it countersigned
  http::FetchOptions fetch;
};

class Witness {
 public:
  // Loads (or creates) the witness's key. Fails naming the option that is wrong.
  static Result<Witness> Open(WitnessConfig config, const Clock& clock);

  // Fetches the log's newest head (and, when it grew, the consistency proof
  // from the last head accepted), decides, and countersigns and keeps it if
  // accepted. The decision says why; fails if the log cannot be reached or
  // the witness's copy cannot be read or written.
  Result<audit::WitnessDecision> Poll();

  const audit::SigningKey& key() const { return key_; }
  const WitnessConfig& config() const { return config_; }
  // Every head countersigned so far, oldest first.
  Result<std::vector<audit::CosignedHead>> Cosigned() const;
  // The document the witness serves: {"witness": {...}, "log": URL, "cosigned": [...]}.
  Result<std::string> CosignedDocument() const;

 private:
  Witness(WitnessConfig config, const Clock& clock, audit::SigningKey key)
      : config_(std::move(config)), clock_(&clock), key_(std::move(key)) {}
  Result<audit::TreeHead> FetchHead() const;
  Result<std::vector<audit::Hash>> FetchProof(std::uint64_t first, std::uint64_t second) const;
  Status Keep(const audit::CosignedHead& cosigned) const;

  WitnessConfig config_;
  const Clock* clock_;
  audit::SigningKey key_;
};

// Countersigned heads from a witness's copy (one JSON object a line) or the
// document it serves.
Result<std::vector<audit::CosignedHead>> ParseCosigned(std::string_view text);
// The same from a file, or from a witness's http(s) address (its
// /v1/cosigned document; the path is added when the address has none).
Result<std::vector<audit::CosignedHead>> LoadCosigned(const std::string& file_or_url,
                                                      const http::FetchOptions& fetch);

}  // namespace jigsaw::app
