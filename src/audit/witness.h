// Witnesses, as transparency logs use them (cosigned checkpoints, RFC 9162
// practice): a party apart from the log, with its own Ed25519 key, keeps the
// newest tree head it accepted, accepts a newer one only with a consistency
// proof from it, and countersigns it. Whoever holds the log's database and
// signing key can then no longer rewrite, truncate or re-sign history
// without contradicting a head the witness countersigned. Pure: the caller
// fetches heads and proofs and keeps the witness's copy.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "audit/tree_head.h"

namespace jigsaw::audit {

struct Cosignature {
  std::string witness_key_id;
  PublicKey witness_key{};
  Time time{};  // when the witness countersigned
  Signature signature{};
  bool operator==(const Cosignature&) const = default;
};

// A log's signed head with a witness's countersignature.
struct CosignedHead {
  TreeHead head;
  Cosignature cosignature;
  bool operator==(const CosignedHead&) const = default;
};

// What a witness signs: "jigsaw-cosignature-v1" || u64 cosigning time
// (microseconds) || the log key's id (16 ASCII hex digits, empty for older
// heads) || the log's own signed bytes (TreeHeadMessage).
Bytes CosignatureMessage(const TreeHead& head, Time cosigned_at);
CosignedHead Cosign(const TreeHead& head, const SigningKey& witness, Time now);
// Checks the countersignature with `witness_key` (and that the key id it
// names is that key's).
bool VerifyCosignature(const CosignedHead& cosigned, const PublicKey& witness_key);

enum class WitnessVerdict {
  kAccepted,       // a new head, consistent with the last accepted: countersign it
  kUnchanged,      // the head already accepted: nothing new to countersign
  kUntrustedHead,  // not signed by a key of the log the witness trusts
  kRewound,        // smaller than the head already accepted: truncated or rolled back
  kForked,         // same size as the accepted head, another root: history rewritten
  kInconsistent,   // the consistency proof fails: history rewritten
};

struct WitnessDecision {
  WitnessVerdict verdict = WitnessVerdict::kUntrustedHead;
  std::string explanation;
  bool Countersign() const { return verdict == WitnessVerdict::kAccepted; }
  bool Refused() const {
    return verdict != WitnessVerdict::kAccepted && verdict != WitnessVerdict::kUnchanged;
  }
};

// Whether to countersign `next`, given the last head accepted (none on first
// contact) and the log's consistency proof from its size to next's.
WitnessDecision Consider(const std::optional<TreeHead>& last, const TreeHead& next,
                         std::span<const Hash> proof, const TrustedKeys& log_keys);

// One line of a witness's copy: the head's members plus "cosignature".
std::string CosignedHeadJson(const CosignedHead& cosigned);
Result<CosignedHead> CosignedHeadFromJson(const JsonFields& fields);

}  // namespace jigsaw::audit
