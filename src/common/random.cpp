#include "common/random.h"

#include <sodium.h>

#include <cstdlib>

namespace jigsaw {

void InitialiseCrypto() {
  if (sodium_init() < 0) std::abort();  // no safe way to run without a CSPRNG
}

Bytes RandomBytes(std::size_t n) {
  InitialiseCrypto();
  Bytes out(n);
  if (n > 0) randombytes_buf(out.data(), out.size());  // data() may be null when empty
  return out;
}

std::string NewId() { return HexEncode(RandomBytes(16)); }

bool IsWellFormedId(std::string_view text) {
  if (text.size() != 32) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace jigsaw
