// Byte encodings used for tokens, ids and digests.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jigsaw {

using Bytes = std::vector<std::uint8_t>;

std::string HexEncode(std::span<const std::uint8_t> bytes);
// Returns nullopt unless `hex` is an even-length string of hex digits.
std::optional<Bytes> HexDecode(std::string_view hex);

// Base64url without padding (RFC 4648 section 5), for tokens in headers.
std::string Base64UrlEncode(std::span<const std::uint8_t> bytes);
std::optional<Bytes> Base64UrlDecode(std::string_view text);

// Base64 with padding (RFC 4648 section 4), for files in JSON. Decoding is
// strict: no white space, no missing padding, nothing after it.
std::string Base64Encode(std::span<const std::uint8_t> bytes);
std::optional<std::string> Base64Decode(std::string_view text);

inline std::span<const std::uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace jigsaw
