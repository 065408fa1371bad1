#include "access/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "common/random.h"

namespace jigsaw::access {
namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int Base32Value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const auto at = kBase32.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string Base32Encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<Bytes> Base32Decode(std::string_view text) {
  Bytes out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ') continue;
    const int v = Base32Value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::int64_t TotpStep(Time t) {
  const auto since_epoch = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch());
  return since_epoch.count() / kTotpStep.count();
}

std::string Hotp(std::span<const std::uint8_t> secret, std::int64_t counter) {
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message, sizeof message, mac, &mac_size);
  // RFC 4226 section 5.3: dynamic truncation.
  const int offset = mac[mac_size - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::string code = std::to_string(binary % 1000000);
  return std::string(kTotpDigits - code.size(), '0') + code;
}

std::optional<std::int64_t> VerifyTotp(std::span<const std::uint8_t> secret, std::string_view code, Time now,
                                       std::int64_t last_accepted_step) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() != kTotpDigits || secret.empty()) return std::nullopt;
  const std::int64_t step = TotpStep(now);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared in constant time, so the time
  // taken does not say which step (if any) matched.
  for (std::int64_t s = step - 1; s <= step + 1; ++s) {
    const std::string expected = Hotp(secret, s);
    if (sodium_memcmp(expected.data(), digits.data(), expected.size()) == 0 && s > last_accepted_step) matched = s;
  }
  return matched;
}

std::string GroupedSecret(std::string_view base32) {
  std::string out;
  for (std::size_t i = 0; i < base32.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(base32[i]);
  }
  return out;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) + "?secret=" +
         std::string(base32_secret) + "&issuer=" + PercentEncode(issuer) + "&algorithm=SHA1&digits=" +
         std::to_string(kTotpDigits) + "&period=" + std::to_string(kTotpStep.count());
}

std::vector<std::string> NewRecoveryCodes() {
  std::vector<std::string> out;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    std::string plain = Base32Encode(RandomBytes(10));  // 80 bits: 16 characters
    std::string code;
    for (std::size_t j = 0; j < plain.size(); ++j) {
      if (j > 0 && j % 4 == 0) code.push_back('-');
      code.push_back(static_cast<char>(plain[j] >= 'A' && plain[j] <= 'Z' ? plain[j] - 'A' + 'a' : plain[j]));
    }
    out.push_back(std::move(code));
  }
  return out;
}

std::string NormaliseRecoveryCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (Base32Value(c) < 0) return {};
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out.size() == 16 ? out : std::string();
}

std::string RecoveryCodeDigest(std::string_view normalised) {
  InitialiseCrypto();
  constexpr std::string_view kLabel = "jigsaw recovery code v1";
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(normalised.data()), normalised.size(),
                     reinterpret_cast<const unsigned char*>(kLabel.data()), kLabel.size());
  return HexEncode(digest);
}

}  // namespace jigsaw::access
