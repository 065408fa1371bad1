// The canonical byte encoding of an audit record (docs/audit-log.md), the
// input to its Merkle leaf hash. Fixed field order, big-endian integers,
// length-prefixed strings: one record has exactly one encoding.
#pragma once

#include <optional>

#include "common/encoding.h"
#include "domain/audit_record.h"

namespace jigsaw::audit {

inline constexpr std::uint8_t kEncodingVersion = 1;

Bytes Encode(const domain::AuditRecord& record);
// Appends to `out` (reusing its capacity), for verification at speed.
void EncodeInto(const domain::AuditRecord& record, Bytes& out);
// The inverse; nullopt if the bytes are not a valid encoding.
std::optional<domain::AuditRecord> Decode(std::span<const std::uint8_t> bytes);

}  // namespace jigsaw::audit
