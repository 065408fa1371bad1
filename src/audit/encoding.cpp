#include "audit/encoding.h"

namespace jigsaw::audit {
namespace {

void PutU64(Bytes& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void PutString(Bytes& out, const std::string& s) {
  const auto n = static_cast<std::uint32_t>(s.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(n >> shift));
  out.insert(out.end(), s.begin(), s.end());
}

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> b) : b_(b) {}
  bool U8(std::uint8_t& v) {
    if (p_ + 1 > b_.size()) return false;
    v = b_[p_++];
    return true;
  }
  bool U64(std::uint64_t& v) {
    if (p_ + 8 > b_.size()) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | b_[p_++];
    return true;
  }
  bool String(std::string& s) {
    if (p_ + 4 > b_.size()) return false;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | b_[p_++];
    if (p_ + n > b_.size()) return false;
    s.assign(reinterpret_cast<const char*>(b_.data() + p_), n);
    p_ += n;
    return true;
  }
  bool Done() const { return p_ == b_.size(); }

 private:
  std::span<const std::uint8_t> b_;
  std::size_t p_ = 0;
};

}  // namespace

void EncodeInto(const domain::AuditRecord& r, Bytes& out) {
  out.clear();
  out.push_back(kEncodingVersion);
  PutU64(out, r.index);
  PutU64(out, static_cast<std::uint64_t>(ToMicros(r.time)));
  PutString(out, r.practitioner_id);
  PutString(out, r.organisation_id);
  PutString(out, r.roles);
  PutString(out, r.action);
  PutString(out, r.object_type);
  PutString(out, r.object_id);
  PutString(out, r.child_id);
  PutString(out, r.purpose);
  out.push_back(static_cast<std::uint8_t>(r.outcome));
  PutString(out, r.request_id);
}

Bytes Encode(const domain::AuditRecord& record) {
  Bytes out;
  out.reserve(160);
  EncodeInto(record, out);
  return out;
}

std::optional<domain::AuditRecord> Decode(std::span<const std::uint8_t> bytes) {
  Reader in(bytes);
  domain::AuditRecord r;
  std::uint8_t version = 0, outcome = 0;
  std::uint64_t index = 0, time = 0;
  if (!in.U8(version) || version != kEncodingVersion) return std::nullopt;
  if (!in.U64(index) || !in.U64(time)) return std::nullopt;
  r.index = index;
  r.time = FromMicros(static_cast<std::int64_t>(time));
  if (!in.String(r.practitioner_id) || !in.String(r.organisation_id) || !in.String(r.roles) ||
      !in.String(r.action) || !in.String(r.object_type) || !in.String(r.object_id) ||
      !in.String(r.child_id) || !in.String(r.purpose) || !in.U8(outcome) || outcome > 2 ||
      !in.String(r.request_id) || !in.Done())
    return std::nullopt;
  r.outcome = static_cast<domain::AuditOutcome>(outcome);
  return r;
}

}  // namespace jigsaw::audit
