#include "redaction/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace jigsaw::redaction {
namespace {

// ICU's normaliser, spoof checker and transliterator, made once. The
// normaliser is thread-safe; the transliterator and spoof checker are used
// under a lock, and only for clusters not seen before (see Cache).
class Folder {
 public:
  Folder() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    spoof_ = uspoof_open(&status);
    strip_ = std::unique_ptr<icu::Transliterator>(icu::Transliterator::createInstance(
        "NFD; [:Nonspacing Mark:] Remove; Latin-ASCII; NFKC", UTRANS_FORWARD, status));
    // Without ICU's data nothing can be matched safely: fail loudly at start.
    if (U_FAILURE(status) || !nfkc_cf_ || !spoof_ || !strip_) std::abort();
    for (int c = 0; c < 128; ++c) ascii_[c] = Compute(std::string(1, static_cast<char>(c)));
  }
  ~Folder() { uspoof_close(spoof_); }

  const std::string& Ascii(unsigned char c) const { return ascii_[c]; }

  // The folded form of one grapheme cluster, memoised: text is mostly made
  // of a few hundred distinct clusters, and ICU's transliterator is slow.
  std::string Cluster(std::string_view cluster) const {
    {
      std::shared_lock lock(mutex_);
      if (auto it = cache_.find(std::string(cluster)); it != cache_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    if (auto it = cache_.find(std::string(cluster)); it != cache_.end()) return it->second;
    std::string folded = Compute(cluster);
    // Bounded: hostile text of endless distinct clusters must not grow it for ever.
    if (cache_.size() < 65536) cache_.emplace(std::string(cluster), folded);
    return folded;
  }

 private:
  std::string Compute(std::string_view cluster) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString s = nfkc_cf_->normalize(
        icu::UnicodeString::fromUTF8(icu::StringPiece(cluster.data(), static_cast<int32_t>(cluster.size()))), status);
    if (U_FAILURE(status) || s.isEmpty()) return {};
    const UChar32 first = s.char32At(0);
    // Digits of any script are digits: identifiers and dates are matched on them.
    if (u_charType(first) == U_DECIMAL_DIGIT_NUMBER && s.countChar32() == 1)
      return std::string(1, static_cast<char>('0' + u_charDigitValue(first)));
    // Only letters take their confusable skeleton: punctuation keeps its
    // meaning (the skeleton would turn '|' into 'l' and a dash into a
    // letter, gluing words together).
    if (u_isalpha(first)) {
      std::lock_guard lock(icu_mutex_);
      icu::UnicodeString skeleton;
      uspoof_getSkeletonUnicodeString(spoof_, 0, s, skeleton, &status);
      if (U_SUCCESS(status)) s = nfkc_cf_->normalize(skeleton, status);
    }
    {
      std::lock_guard lock(icu_mutex_);
      strip_->transliterate(s);
    }
    s = nfkc_cf_->normalize(s, status);
    std::string out;
    s.toUTF8String(out);
    return out;
  }

  const icu::Normalizer2* nfkc_cf_ = nullptr;
  USpoofChecker* spoof_ = nullptr;
  std::unique_ptr<icu::Transliterator> strip_;
  std::array<std::string, 128> ascii_;
  mutable std::mutex icu_mutex_;
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, std::string> cache_;
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

FoldedText Fold(std::string_view utf8) {
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
      emit(folder.Ascii(s[i]), i, i + 1);
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
    emit(folder.Cluster(utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start))), start, i);
  }
  return out;
}

std::string FoldKey(std::string_view utf8) { return Fold(utf8).text; }

}  // namespace jigsaw::redaction
