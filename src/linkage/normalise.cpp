// The only file in linkage that calls ICU for text: keep it so (see the
// header). ICU's Normalizer2 instances are shared and thread-safe; a
// Transliterator is not, so each thread makes its own, once.
#include "linkage/normalise.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <cassert>
#include <memory>

namespace jigsaw::linkage {
namespace {

const icu::Normalizer2& CaseFold() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    assert(U_SUCCESS(status) && n != nullptr);
    return n;
  }();
  return *instance;
}

// Null if ICU's transliteration data is missing; then text outside ASCII
// is kept as NFKC case-folded letters, which still compare among themselves.
icu::Transliterator* ToLatinAscii() {
  thread_local const std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Any-Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return instance.get();
}

bool IsAscii(const icu::UnicodeString& text) {
  for (int32_t i = 0; i < text.length(); ++i)
    if (text.charAt(i) >= 0x80) return false;
  return true;
}

void AppendUtf8(UChar32 c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  icu::UnicodeString one(c);
  one.toUTF8String(out);
}

}  // namespace

std::string NormaliseText(std::string_view utf8) {
  const icu::UnicodeString input =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text = CaseFold().normalize(input, status);
  if (U_FAILURE(status)) return {};
  if (!IsAscii(text))
    if (icu::Transliterator* t = ToLatinAscii()) t->transliterate(text);
  std::string out;
  out.reserve(static_cast<std::size_t>(text.length()));
  bool separate = false;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c)) {
      if (separate && !out.empty()) out.push_back(' ');
      separate = false;
      AppendUtf8(c, out);
    } else if (c != '\'' && c != '`') {  // Latin-ASCII has made every apostrophe one of these
      separate = true;
    }
  }
  return out;
}

}  // namespace jigsaw::linkage
