#include "audit/witness.h"

#include <cstring>

namespace jigsaw::audit {
namespace {

std::string Size(std::uint64_t n) { return std::to_string(n); }

}  // namespace

Bytes CosignatureMessage(const TreeHead& head, Time cosigned_at) {
  static constexpr std::string_view kContext = "jigsaw-cosignature-v1";
  Bytes m(kContext.begin(), kContext.end());
  const auto t = static_cast<std::uint64_t>(ToMicros(cosigned_at));
  for (int s = 56; s >= 0; s -= 8) m.push_back(static_cast<std::uint8_t>(t >> s));
  m.insert(m.end(), head.key_id.begin(), head.key_id.end());
  const Bytes signed_by_log = TreeHeadMessage(head.size, head.root, head.time);
  m.insert(m.end(), signed_by_log.begin(), signed_by_log.end());
  return m;
}

CosignedHead Cosign(const TreeHead& head, const SigningKey& witness, Time now) {
  CosignedHead c{head, {witness.key_id(), witness.public_key(), now, {}}};
  c.cosignature.signature = witness.SignMessage(CosignatureMessage(head, now));
  return c;
}

bool VerifyCosignature(const CosignedHead& c, const PublicKey& witness_key) {
  return c.cosignature.witness_key_id == KeyId(witness_key) &&
         VerifySignature(CosignatureMessage(c.head, c.cosignature.time), c.cosignature.signature, witness_key);
}

WitnessDecision Consider(const std::optional<TreeHead>& last, const TreeHead& next,
                         std::span<const Hash> proof, const TrustedKeys& log_keys) {
  using V = WitnessVerdict;
  const std::string named = "the log's head at size " + Size(next.size);
  switch (log_keys.Verify(next)) {
    case TrustedKeys::Check::kValid:
      break;
    case TrustedKeys::Check::kUnknownKey:
      return {V::kUntrustedHead, named + " is signed with key " + next.key_id +
                                     ", which this witness does not trust for the log (a substituted key?)."};
    case TrustedKeys::Check::kBadSignature:
      return {V::kUntrustedHead, named + " has an invalid signature: it was forged or altered."};
  }
  if (!last) return {V::kAccepted, "first head seen from the log, at size " + Size(next.size) + "."};
  const std::string accepted = "the head at size " + Size(last->size) + " that this witness accepted";
  if (next.size < last->size)
    return {V::kRewound, "The log was REWOUND: it now offers " + named + ", smaller than " + accepted +
                             ". Records were deleted or the database was restored from an older copy."};
  if (next.size == last->size) {
    if (next.root == last->root) return {V::kUnchanged, "no new records since size " + Size(last->size) + "."};
    return {V::kForked, "The log's history was REWRITTEN: " + named + " has another root than " + accepted + "."};
  }
  if (last->size == 0) return {V::kAccepted, "the log grew from empty to size " + Size(next.size) + "."};
  if (!VerifyConsistency(last->size, next.size, last->root, next.root, proof))
    return {V::kInconsistent, "The log's history was REWRITTEN: " + named + " is not consistent with " + accepted +
                                  " (the consistency proof fails)."};
  return {V::kAccepted, "the log grew from size " + Size(last->size) + " to " + Size(next.size) +
                            ", consistently."};
}

std::string CosignedHeadJson(const CosignedHead& c) {
  JsonWriter w(768);
  w.BeginObject();
  WriteTreeHeadMembers(w, c.head);
  w.Key("cosignature").BeginObject()
      .Key("witness_key_id").String(c.cosignature.witness_key_id)
      .Key("witness_public_key").String(HexEncode(c.cosignature.witness_key))
      .Key("timestamp").String(FormatRfc3339(c.cosignature.time))
      .Key("timestamp_micros").Int(ToMicros(c.cosignature.time))
      .Key("signature").String(HexEncode(c.cosignature.signature))
      .Key("algorithm").String("Ed25519")
      .EndObject();
  w.EndObject();
  return w.Take();
}

Result<CosignedHead> CosignedHeadFromJson(const JsonFields& f) {
  CosignedHead c;
  c.head = JIGSAW_TRY(TreeHeadFromJson(f));
  const JsonFields cs = JIGSAW_TRY(f.Object("cosignature", true));
  c.cosignature.witness_key_id = JIGSAW_TRY(cs.String("witness_key_id"));
  auto key = HexDecode(JIGSAW_TRY(cs.String("witness_public_key")));
  if (!key || key->size() != 32) return InvalidArgument(cs.Path("witness_public_key"), "Give 32 bytes in hex.");
  std::memcpy(c.cosignature.witness_key.data(), key->data(), 32);
  const std::int64_t micros = JIGSAW_TRY(cs.IntOr("timestamp_micros", -1));
  if (micros < 0) return InvalidArgument(cs.Path("timestamp_micros"), "Give the timestamp in microseconds.");
  c.cosignature.time = FromMicros(micros);
  auto sig = HexDecode(JIGSAW_TRY(cs.String("signature")));
  if (!sig || sig->size() != 64) return InvalidArgument(cs.Path("signature"), "Give 64 bytes in hex.");
  std::memcpy(c.cosignature.signature.data(), sig->data(), 64);
  return c;
}

}  // namespace jigsaw::audit
