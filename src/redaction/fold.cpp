#include "redaction/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

namespace jigsaw::redaction {
namespace {

constexpr std::size_t kViews = 2;

// ICU's normaliser, spoof checker and transliterators, made once. The
// normaliser is thread-safe; the others are used under a lock, and only for
// clusters not seen before (see Cluster).
class Folder {
 public:
  Folder() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    spoof_ = uspoof_open(&status);
    // Marks go before the skeleton: a spacing mark after a letter (a
    // Devanagari visarga) would otherwise take the shape of a colon.
    marks_ = std::unique_ptr<icu::Transliterator>(
        icu::Transliterator::createInstance("NFD; [:Mark:] Remove; NFC", UTRANS_FORWARD, status));
    strip_ = std::unique_ptr<icu::Transliterator>(
        icu::Transliterator::createInstance("Latin-ASCII; NFKC", UTRANS_FORWARD, status));
    to_latin_ = std::unique_ptr<icu::Transliterator>(icu::Transliterator::createInstance(
        "Any-Latin; NFD; [:Mark:] Remove; Latin-ASCII; NFKC", UTRANS_FORWARD, status));
    // Without ICU's data nothing can be matched safely: fail loudly at start.
    if (U_FAILURE(status) || !nfkc_cf_ || !spoof_ || !marks_ || !strip_ || !to_latin_) std::abort();
    for (std::size_t v = 0; v < kViews; ++v)
      for (int c = 0; c < 128; ++c) ascii_[v][c] = Compute(std::string(1, static_cast<char>(c)), static_cast<View>(v));
  }
  ~Folder() { uspoof_close(spoof_); }

  const std::string& Ascii(unsigned char c, View view) const { return ascii_[static_cast<std::size_t>(view)][c]; }

  // The folded form of one grapheme cluster, memoised: text is mostly made
  // of a few hundred distinct clusters, and ICU's transliterators are slow.
  std::string Cluster(std::string_view cluster, View view) const {
    auto& cache = cache_[static_cast<std::size_t>(view)];
    {
      std::shared_lock lock(mutex_);
      if (auto it = cache.find(std::string(cluster)); it != cache.end()) return it->second;
    }
    std::string folded = Compute(cluster, view);
    std::unique_lock lock(mutex_);
    // Bounded: hostile text of endless distinct clusters must not grow it for ever.
    if (cache.size() < 65536) cache.emplace(std::string(cluster), folded);
    return folded;
  }

 private:
  // A symbol that stands for a Latin letter (negative squared, parenthesised
  // or regional-indicator letters, which NFKC leaves alone or wraps in
  // brackets) is that letter: ICU's character names say which.
  static std::optional<char> LetterSymbol(UChar32 c) {
    const auto type = u_charType(c);
    if (type != U_OTHER_SYMBOL && type != U_OTHER_NUMBER) return std::nullopt;
    char name[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
    if (U_FAILURE(status) || n < 2) return std::nullopt;
    const std::string_view s(name, static_cast<std::size_t>(n));
    for (std::string_view marker : {"LATIN CAPITAL LETTER ", "LATIN SMALL LETTER ", "REGIONAL INDICATOR SYMBOL LETTER "}) {
      const auto at = s.find(marker);
      if (at != std::string_view::npos && at + marker.size() + 1 == s.size()) {
        const char letter = s.back();
        if (letter >= 'A' && letter <= 'Z') return static_cast<char>(letter - 'A' + 'a');
      }
    }
    return std::nullopt;
  }

  // Characters that only stretch or decorate a word (Arabic tatweel, emoji
  // and other pictographs) are dropped, so "Fatـــima" and "Dor😀een" read
  // as the names they are.
  static bool Decoration(UChar32 c) {
    const auto type = u_charType(c);
    if (type == U_MODIFIER_LETTER && u_hasBinaryProperty(c, UCHAR_EXTENDER)) return true;
    return type == U_OTHER_SYMBOL || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
           u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
  }

  std::string Compute(std::string_view cluster, View view) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString raw =
        icu::UnicodeString::fromUTF8(icu::StringPiece(cluster.data(), static_cast<int32_t>(cluster.size())));
    const UChar32 base = raw.char32At(0);
    if (auto letter = LetterSymbol(base)) return std::string(1, *letter);
    if (base >= 0x80 && Decoration(base)) return {};
    icu::UnicodeString s = nfkc_cf_->normalize(raw, status);
    if (U_FAILURE(status) || s.isEmpty()) return {};
    const UChar32 first = s.char32At(0);
    // Digits of any script are digits: identifiers and dates are matched on them.
    if (u_charType(first) == U_DECIMAL_DIGIT_NUMBER && s.countChar32() == 1)
      return std::string(1, static_cast<char>('0' + u_charDigitValue(first)));
    if (view == View::kLooks) {
      {
        std::lock_guard lock(icu_mutex_);
        marks_->transliterate(s);
      }
      // Only letters take their confusable skeleton: punctuation keeps its
      // meaning (the skeleton would turn '|' into 'l' and a dash into a
      // letter, gluing words together).
      if (!s.isEmpty() && u_isalpha(s.char32At(0))) {
        std::lock_guard lock(icu_mutex_);
        icu::UnicodeString skeleton;
        uspoof_getSkeletonUnicodeString(spoof_, 0, s, skeleton, &status);
        if (U_SUCCESS(status)) s = nfkc_cf_->normalize(skeleton, status);
      }
      std::lock_guard lock(icu_mutex_);
      strip_->transliterate(s);
    } else {
      std::lock_guard lock(icu_mutex_);
      to_latin_->transliterate(s);
    }
    s = nfkc_cf_->normalize(s, status);
    std::string out;
    s.toUTF8String(out);
    return out;
  }

  const icu::Normalizer2* nfkc_cf_ = nullptr;
  USpoofChecker* spoof_ = nullptr;
  std::unique_ptr<icu::Transliterator> marks_;
  std::unique_ptr<icu::Transliterator> strip_;
  std::unique_ptr<icu::Transliterator> to_latin_;
  std::array<std::array<std::string, 128>, kViews> ascii_;
  mutable std::mutex icu_mutex_;
  mutable std::shared_mutex mutex_;
  mutable std::array<std::unordered_map<std::string, std::string>, kViews> cache_;
};

const Folder& TheFolder() {
  static const Folder folder;
  return folder;
}

// Whether the code point continues the cluster before it (combining marks,
// joiners, variation selectors: grapheme cluster break Extend, ZWJ or
// SpacingMark).
bool Continues(UChar32 c) {
  const auto gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
  return gcb == U_GCB_EXTEND || gcb == U_GCB_ZWJ || gcb == U_GCB_SPACING_MARK;
}

}  // namespace

FoldedText Fold(std::string_view utf8, View view) {
  const Folder& folder = TheFolder();
  FoldedText out;
  out.text.reserve(utf8.size() + utf8.size() / 8);
  out.begin.reserve(utf8.size() + utf8.size() / 8);
  out.end.reserve(utf8.size() + utf8.size() / 8);
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  auto emit = [&](std::string_view folded, std::int32_t from, std::int32_t to) {
    for (char c : folded) {
      out.text.push_back(c);
      out.begin.push_back(static_cast<std::uint32_t>(from));
      out.end.push_back(static_cast<std::uint32_t>(to));
    }
  };
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    // The common case: an ASCII character not followed by a combining mark.
    if (s[i] < 0x80 && (i + 1 == n || s[i + 1] < 0x80)) {
      emit(folder.Ascii(s[i], view), i, i + 1);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      emit("\xEF\xBF\xBD", start, i);
      continue;
    }
    while (i < n) {
      std::int32_t next = i;
      UChar32 d;
      U8_NEXT(s, next, n, d);
      if (d < 0 || !Continues(d)) break;
      i = next;
    }
    emit(folder.Cluster(utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)), view),
         start, i);
  }
  return out;
}

std::string FoldKey(std::string_view utf8, View view) { return Fold(utf8, view).text; }

}  // namespace jigsaw::redaction
